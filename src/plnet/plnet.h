/* Piecewise-linear computation graphs: network format version 2 (doc/FORMAT.md).

   A graph is read from JSON (every number exact), checked (names, acyclic,
   every node used, shapes inferred, parameters of the right shapes) and
   evaluated exactly. Analyses do not read graphs: net_read_jnode lowers a
   graph to an equivalent version-1 network with shortcuts (net/lower.c).

   Tensors have 1 to 3 axes ([n], [C, L], [C, H, W]) and are flattened in
   row-major order. The value of every tensor entry is an affine form of
   length D (plnet_node_affine): D = 1 for plain values (evaluation), and
   D = n + H + 1 for the lowering, where the forms are coefficients over the
   input, the hidden neurons and a constant (the last entry). */
#ifndef RELUCERT_PLNET_H
#define RELUCERT_PLNET_H

#include <flint/fmpq.h>
#include "util/error.h"
#include "json/json.h"

typedef enum
{
    /* piecewise-linear units */
    PLNET_RELU, PLNET_LEAKY_RELU, PLNET_ABS, PLNET_CLAMP, PLNET_MAX, PLNET_MAX_POOL,
    /* affine operations */
    PLNET_DENSE, PLNET_CONV, PLNET_AVG_POOL, PLNET_SUM_POOL, PLNET_GLOBAL_AVG_POOL,
    PLNET_BATCH_NORM, PLNET_ADD, PLNET_MUL, PLNET_CONCAT, PLNET_FLATTEN, PLNET_RESHAPE,
    PLNET_IDENTITY,
    PLNET_NUM_OPS
}
plnet_op;

#define PLNET_MAX_AXES 3

typedef struct
{
    int ndims;                      /* 1..3 */
    slong dims[PLNET_MAX_AXES];
    slong size;                     /* product of dims */
}
plnet_shape;

typedef struct
{
    char * name;
    plnet_op op;
    slong ninputs;
    slong * inputs;                 /* -1: the graph's input; otherwise a node index */
    plnet_shape shape;              /* of the output */
    /* parameters (those the op does not use are empty) */
    fmpq * w;                       /* dense [rows*cols], conv [out*in/g*k...], batch_norm scale [C],
                                       mul factor [1 or size], add coefficients [ninputs] */
    slong wlen;
    fmpq * b;                       /* dense/conv biases [out], batch_norm shift [C],
                                       add constant [1 or size] */
    slong blen;
    fmpq_t slope, lo, hi;           /* leaky_relu slope; clamp bounds */
    int has_lo, has_hi;
    slong kernel[2], stride[2], padding[2], dilation[2], groups;   /* conv and pools */
    slong axis;                     /* concat */
    slong ngroups;                  /* max: groups in CSR form */
    slong * group_start;            /* ngroups + 1 */
    slong * group_index;
}
plnet_node_struct;

typedef struct
{
    char * name;                    /* optional, NULL when absent */
    jnode * meta;                   /* optional, kept verbatim, NULL when absent */
    char * input_name;
    plnet_shape input;
    slong nnodes;
    plnet_node_struct * nodes;      /* in file order */
    slong * order;                  /* nnodes node indices, inputs before users */
    slong noutputs;
    slong * outputs;                /* node indices */
    slong nclasses;                 /* 0 when absent, else the output dimension */
    char ** classes;
}
plnet_struct;

typedef plnet_struct plnet_t[1];

void plnet_init(plnet_t g);
void plnet_clear(plnet_t g);
void plnet_swap(plnet_t a, plnet_t b);

const char * plnet_op_name(plnet_op op);
static inline int plnet_op_is_unit(plnet_op op) { return op <= PLNET_MAX_POOL; }
static inline slong plnet_input_dim(const plnet_t g) { return g->input.size; }
slong plnet_output_dim(const plnet_t g);

/* Reading into an initialised graph (replaced on success, left alone on
   failure). Errors are one line naming the node and the field:
   "node \"conv1\": weights: expected 4 axes [out, in/groups, kh, kw], got 3".
   Codes as net_read_jnode: RELU_E_SYNTAX for number text, RELU_E_INPUT for the
   rest, RELU_E_UNSUPPORTED for batch_norm whose var + epsilon is no square. */
int plnet_read_jnode(plnet_t g, const jnode * root, rc_error_t err);
int plnet_read_file(plnet_t g, const char * path, rc_error_t err);
/* 1 if root is an object with "format": "relucert-graph" (a version-2 file). */
int plnet_is_graph_jnode(const jnode * root);

/* ---- pieces of a max (max over groups, max_pool windows) ---------------------
   The flat input indices whose largest value is output entry e; padded window
   entries are left out. idx must hold plnet_max_arity(node) entries. */
slong plnet_max_arity(const plnet_t g, slong node);
slong plnet_max_members(slong * idx, const plnet_t g, slong node, slong e);

/* ---- affine operations as terms ----------------------------------------------
   plnet_node_affine_terms calls term(ctx, e, i, j, c) for every term
   "output entry e += c * entry j of input i" and constant(ctx, e, c) for
   "output entry e += c" of an affine node (the index arithmetic of conv,
   pools, concat, ... in one place). The node must be an affine operation. */
typedef struct
{
    void (*term)(void * ctx, slong e, slong i, slong j, const fmpq_t c);
    void (*constant)(void * ctx, slong e, const fmpq_t c);
    void * ctx;
}
plnet_affine_sink;

void plnet_node_affine_terms(const plnet_t g, slong node, const plnet_affine_sink * s);

/* ---- affine operations on affine forms --------------------------------------
   out (shape.size * D entries, initialised) gets the node's value from the
   values of its inputs (ins[i]: the i-th input's size * D entries), entry e
   at e * D; the node's constants are added to the last entry of each form.
   The node must be an affine operation. */
void plnet_node_affine(fmpq * out, const plnet_t g, slong node, const fmpq * const * ins, slong D);

/* ---- exact evaluation ---------------------------------------------------------
   y (plnet_output_dim entries) gets the outputs at x (plnet_input_dim entries),
   computed node by node (units directly from their definition). */
void plnet_eval(fmpq * y, const plnet_t g, const fmpq * x);

#endif
