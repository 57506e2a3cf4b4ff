/* Networks with exact rational weights (see shared INTERFACE.md).
   layers[0..nlayers-2] are hidden ReLU layers, layers[nlayers-1] is the
   affine output layer. layers[i].W has one row per neuron. */
#ifndef RELUCERT_NET_H
#define RELUCERT_NET_H

#include <stdio.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "util/error.h"
#include "json/json.h"
#include "plnet/plnet.h"

/* A shortcut into layer j: S h_from added to its pre-activation, where
   h_{-1} = x and h_i = relu(z_i) (doc/FORMAT.md, "Shortcuts"). */
typedef struct
{
    slong from;     /* -1: the input; 0 <= from <= j - 2: hidden layer `from` */
    fmpq_mat_t S;   /* rows = neurons of layer j, cols = width of the source */
}
net_shortcut_struct;

typedef struct
{
    fmpq_mat_t W;   /* rows = neurons, cols = width of the previous layer */
    fmpq * b;       /* rows entries (_fmpq_vec) */
    slong nshortcuts;                /* 0 for a plain layer */
    net_shortcut_struct * shortcuts; /* nshortcuts entries in increasing `from`, NULL when 0 */
}
net_layer_struct;

typedef struct
{
    slong input_dim;
    slong nlayers;               /* >= 1; the last layer is the affine output */
    net_layer_struct * layers;
    char * name;                 /* optional "name", NULL when absent */
    char * activation;           /* optional "activation"; only "relu" is accepted */
    jnode * meta;                /* optional "meta", kept verbatim, NULL when absent */
    slong * group;               /* max groups, NULL when none (only from a graph's lowering,
                                    net_lower_plnet_flags): per hidden neuron, the first neuron
                                    of its group, or -1 for a ReLU neuron (see below) */
}
net_struct;

typedef net_struct net_t[1];

void net_init(net_t net);
void net_clear(net_t net);
/* Initialises net (like net_init: do not call it on a net holding layers) with
   the given widths: widths[0] = input_dim, widths[1..nlayers] = layer sizes,
   nlayers >= 1. Entries are zero, optional keys absent. */
void net_init_shape(net_t net, slong nlayers, const slong * widths);
/* Deep copy into an initialised dst (dst == src allowed). */
void net_set(net_t dst, const net_t src);
void net_swap(net_t a, net_t b);

static inline slong net_num_hidden_layers(const net_t net) { return net->nlayers - 1; }
static inline slong net_layer_width(const net_t net, slong i) { return net->layers[i].W->r; }
static inline slong net_num_outputs(const net_t net) { return net->layers[net->nlayers - 1].W->r; }
slong net_num_hidden(const net_t net);   /* total hidden neurons */

/* ---- max groups (a max over k >= 3 entries, lowered) ---------------------------
   A group is k >= 3 consecutive neurons of one hidden layer with
   pre-activations a_0..a_{k-1}; its piece is the argmax w (ties: the lowest
   index): h_w = a_w and the other members output 0, and the next layers read
   the members through identical columns, so they see max_i a_i. A group's
   pattern is one-hot (w active), its signs in net_eval: w +1, a member tied
   with the max 0, the others -1. The regions are cut out by the differences
   a_j - a_w (src/regions/iter.c). Every analysis that has not been taught
   groups refuses such a network: the readers keep them out unless asked
   (NET_READ_GROUPS), and net_check_no_groups says so in one sentence. */
#define NET_GROUPS_SUPPORTED "regions, eval, label, homology, persistence, dualgraph, decision, plot, float-count, batch, their certificates and relucert-check"
static inline int net_has_groups(const net_t net) { return net->group != NULL; }
/* Members of the group whose first neuron is k (1 for a ReLU neuron). */
slong net_group_len(const net_t net, slong k);
/* RELU_E_UNSUPPORTED naming `what` when net has max groups, else RELU_OK. */
int net_check_no_groups(const net_t net, const char * what, rc_error_t err);

/* ---- shortcuts (net/shortcut.c) ----------------------------------------------- */
int net_has_shortcuts(const net_t net);  /* 1 if some layer has a shortcut */
/* Width of a shortcut's source: input_dim for from = -1, else hidden layer from's width. */
slong net_source_width(const net_t net, slong from);
/* Gives layer j the shortcuts from froms[0..k-1] (increasing, -1 <= from <= j - 2;
   aborts otherwise) with zero matrices, replacing the ones it had. */
void net_layer_init_shortcuts(net_t net, slong j, slong k, const slong * froms);
/* Layer j of net gets copies of src's shortcuts (same sources and shapes). */
void net_layer_set_shortcuts(net_t net, slong j, const net_layer_struct * src);
/* The pre-activations of layer j as affine maps of x, one homogeneous row per
   neuron (column 0 the constant, columns 1..n the coefficients):
   Z = W_j H[j-1] + (b_j | 0) + sum_s S_s H[from_s], H[-1] = (0 | I). H + i
   (i < j) holds the rows of h_i = relu(z_i) on the pattern at hand (layer i's
   width x (n + 1)); it is not read for j = 0. Z: layer j's width x (n + 1). */
void net_layer_rows(fmpq_mat_t Z, const net_t net, slong j, const fmpq_mat_struct * H);

/* The same rows in integers (src/net/rows.c), for the region search: the row
   of hidden neuron m on any pattern is z_m / D_m with D_m > 0 fixed by the
   network, and z_m an integer combination of the rows before it. */
typedef struct
{
    slong n, L;            /* input dimension, hidden layers */
    slong * first;         /* L + 1 entries: the first neuron of each hidden layer */
    fmpz * D;              /* N denominators */
    fmpz * B;              /* N constants D_m b_m (layers >= 1) */
    fmpz * z0;             /* layer 0's rows, which no pattern changes */
    slong * nsrc;          /* per layer >= 1: its sources, layer j - 1 then the shortcuts */
    slong ** from;         /* their layers (-1: the input) */
    fmpz ** C;             /* their integer coefficients D_r W[r,k] / D_k, source after source */
    const net_struct * net;
}
net_rows_struct;
typedef net_rows_struct net_rows_t[1];

void net_rows_init(net_rows_t R, const net_t net);   /* R refers to net: keep it alive */
void net_rows_clear(net_rows_t R);
/* z holds N rows of n + 1 entries (fmpz); writes layer j's rows z_m from the
   rows of the layers before it on the pattern `active` (per hidden neuron,
   1 = active), which must have been written for that pattern. */
void net_rows_layer(fmpz * z, const net_rows_t R, slong j, const unsigned char * active);

/* Reading into an initialised net (its old content is replaced on success and
   left alone on failure; net_clear it in any case): every number exact; errors
   name the place, e.g. "net.json: layer 2, weights row 3, column 1: expected a
   number (integer, \"p/q\" or decimal), got a string \"x\"". Codes: RELU_E_IO,
   RELU_E_SYNTAX (JSON or number text), RELU_E_INPUT (keys, shapes, q = 0),
   RELU_E_UNSUPPORTED (an activation other than "relu"). */
int net_read_jnode(net_t net, const jnode * root, rc_error_t err);
int net_read_file(net_t net, const char * path, rc_error_t err);
/* A file may also be a version-2 graph (doc/FORMAT.md): read by plnet_read_jnode
   and lowered by net_lower_plnet. net_read_file_graph is net_read_file that also
   keeps a graph in g (initialised; left empty for a version-1 file), even when
   its lowering is refused (RELU_E_UNSUPPORTED, a max over more than two
   entries): then net is left alone and g can still be evaluated (plnet_eval). */
int net_read_file_graph(net_t net, plnet_t g, const char * path, rc_error_t err);
int net_read_jnode_graph(net_t net, plnet_t g, const jnode * root, rc_error_t err);
/* The same with flags: NET_READ_GROUPS lowers a max over more than two entries
   to a max group (see above) instead of refusing it; for the analyses that
   handle groups. */
#define NET_READ_GROUPS 1
int net_read_file_flags(net_t net, plnet_t g, const char * path, int flags, rc_error_t err);
int net_read_jnode_flags(net_t net, plnet_t g, const jnode * root, int flags, rc_error_t err);
/* out (initialised; replaced on success) becomes a version-1 network with
   shortcuts computing exactly the graph's outputs, one ReLU neuron per piece
   boundary of every unit (doc/FORMAT.md, "Regions of a graph network");
   out->meta is {"lowered_from": {"format": "relucert-graph", "units": [{"node",
   "op", "first_neuron", "neurons"}, ...]}} (a unit's neurons are consecutive,
   entry by entry; clamp: z - min before z - max). RELU_E_UNSUPPORTED, naming
   the node, for a max over more than two entries. */
int net_lower_plnet(net_t out, const plnet_t g, rc_error_t err);
/* The same; with NET_READ_GROUPS a max over k >= 3 entries becomes a max group
   of k neurons with pre-activations the entries, read by the next layers as
   their sum (unit map: "neurons": k per entry). */
int net_lower_plnet_flags(net_t out, const plnet_t g, int flags, rc_error_t err);
/* Writing: canonical form (integers as JSON integers, other rationals as "p/q"),
   optional keys kept. read -> write -> read gives an identical network. */
void net_write_jout(jout_t out, const net_t net);
int net_write_file(const char * path, const net_t net, rc_error_t err);   /* compact, one line */
/* A written network's shape as JSON keys (no braces): input_dim, widths (hidden
   layers), hidden_neurons, outputs, shortcuts, and out (the file it went to). */
void net_write_shape_keys(jout_t out, const net_t net, const char * path);
/* Same shapes, weights, biases and shortcuts, and the same optional keys (name,
   activation, meta compared as trees; an absent activation differs from "relu"). */
int net_equal(const net_t a, const net_t b);

/* Exact evaluation at x (input_dim entries): y gets the outputs; if signs is not
   NULL it gets, per hidden neuron (layer by layer), the sign of the pre-activation
   (-1, 0, +1). y may alias x. */
void net_eval(fmpq * y, signed char * signs, const net_t net, const fmpq * x);
/* The affine map y = M x + c of the network on the activation pattern
   `active` (one 0/1 per hidden neuron, layer by layer; relu'(z) = active).
   M must be initialised as net_num_outputs x input_dim (aborts otherwise);
   c gets net_num_outputs entries. */
void net_affine_of_pattern(fmpq_mat_t M, fmpq * c, const net_t net, const unsigned char * active);

/* Level sets as regions: out (initialised) becomes net with output `output`
   (0-based) turned into one more hidden neuron f - T followed by a trivial
   output. The regions of out are those of net cut by {f = T}; in every sign
   vector the last hidden neuron is + on {f > T}, 0 on {f = T}, - on {f < T}. */
int net_threshold_net(net_t out, const net_t net, slong output, const fmpq_t T, rc_error_t err);
/* The same for k affine combinations of the outputs at once: out becomes net
   with one more hidden layer of k neurons, neuron r = sum_i M[r][i] f_i + c[r]
   (M: k x outputs, k >= 1), followed by a trivial output (k x k identity).
   With the rows f_i - f_c (i != c) the sign vector of that layer tells where
   output c is the largest (the decision regions, src/decision). */
int net_combination_net(net_t out, const net_t net, const fmpq_mat_t M, const fmpq * c, rc_error_t err);
/* The class labels of a classifier: format 2 `classes` (kept by the lowering
   in meta.lowered_from.classes), one per output. *labels gets a
   flint_malloc'ed array of copies (free each and the array) and the return
   value is their number; 0 (and *labels = NULL) when the network has none. */
slong net_class_labels(char *** labels, const net_t net);

/* ---- one evaluation, as `relucert eval` reports it ------------------------------ */
typedef struct
{
    slong n, m, N;            /* input dimension, outputs, hidden neurons */
    fmpq * x;                 /* the point (n) */
    fmpq * y;                 /* the outputs (m) */
    char * pattern;           /* '0'/'1' per hidden neuron (pre-activation > 0), NUL-ended */
    char * signs;             /* '-', '0', '+' per hidden neuron, NUL-ended */
    slong zeros;              /* hidden neurons with pre-activation exactly 0 */
    fmpq_mat_t W;             /* the affine map of `pattern` (zeros counted inactive): y = W x + c */
    fmpq * c;
    int graph;                /* 1: a graph without lowering evaluated directly (only x, y are set) */
}
net_eval_report_struct;
typedef net_eval_report_struct net_eval_report_t[1];

void net_eval_report_init(net_eval_report_t r);
void net_eval_report_clear(net_eval_report_t r);
/* Evaluates net at x (input_dim entries) with its pattern and affine map. */
void net_eval_report(net_eval_report_t r, const net_t net, const fmpq * x);
/* The output of a graph that has no lowering (net_read_file_graph) at x, by
   plnet_eval; the writers then print input and output only. */
void net_eval_report_graph(net_eval_report_t r, const plnet_t g, const fmpq * x);
/* The report as `relucert eval --json` prints it (one object), and as text. */
void net_eval_report_write_json(jout_t out, const net_eval_report_t r);
void net_eval_report_write_text(FILE * fp, const net_eval_report_t r);

/* ---- exact labels at many points, as `relucert label` streams them (label.c) ------ */
/* Points: an explicit list (num points of input_dim coordinates), or the grid
   lo + (hi - lo) k / (grid - 1), k = 0..grid-1, per axis (grid^d points). */
typedef struct
{
    const fmpq * pts;       /* num * n, or NULL for the grid */
    slong num;
    const fmpq * lohi;      /* the grid's lo, hi */
    slong grid;
}
net_points_struct;

typedef struct
{
    slong points;           /* points labelled */
    slong on_boundary;      /* of them, on a bent hyperplane (some pre-activation exactly 0) */
}
net_label_summary;

/* Reads a JSON array of points (each an array of n exact numbers); *pts is
   allocated with _fmpq_vec_init(max(num * n, 1)). */
int net_points_read_file(fmpq ** pts, slong * num, const char * path, slong n, rc_error_t err);
/* Labels every point exactly (output, pattern, zero neurons) and streams the
   records: into json (when not NULL) as `relucert label --json`'s one object
   {labels, points, on_boundary}, into lines (when not NULL) one record per line,
   and into text (when not NULL) one line per point and a summary line. */
void net_label_points(net_label_summary * s, const net_t net, const net_points_struct * P, jout_struct * json,
                      jout_struct * lines, FILE * text);
/* The same for a graph that has no lowering (net_read_file_graph), evaluated
   by plnet_eval: records {point, output} only (no neurons, so no pattern), the
   JSON object without on_boundary. */
void net_label_points_graph(net_label_summary * s, const plnet_t g, const net_points_struct * P, jout_struct * json,
                            jout_struct * lines, FILE * text);

/* ---- families in JSON Lines (net/lines.c) -------------------------------------
   One network (format 1 or 2) per nonempty line, as `relucert random --count`
   writes: nets[i] was read from line lines[i] (1-based). Errors name
   "PATH:LINE"; RELU_E_LIMIT beyond max networks, RELU_E_INPUT for none. */
typedef struct
{
    slong num;
    net_struct * nets;
    slong * lines;
}
net_lines_struct;

typedef net_lines_struct net_lines_t[1];

void net_lines_init(net_lines_t L);
void net_lines_clear(net_lines_t L);
int net_lines_read_file(net_lines_t L, const char * path, slong max, rc_error_t err);

/* ---- slices (net/slice.c) ----------------------------------------------------
   out (initialised) becomes the network restricted to x = origin + D^T t,
   t in R^k (D: k x input_dim, rows = directions, linearly independent):
   first layer W0 D^T, b0 + W0 origin (shortcuts from the input likewise), the rest unchanged; the
   original "meta" is dropped, the slice's is {"slice": {"original_input_dim": n, "points": [[0,..,0]]}}
   (the origin, t = 0, in slice coordinates: `plot` marks it).
   The regions of out are the intersections of net's regions with the
   subspace. RELU_E_INPUT for shapes or dependent directions. */
int net_slice_affine(net_t out, const net_t net, const fmpq * origin, const fmpq_mat_t D, rc_error_t err);
/* The slice through the affine hull of the rows p0..pk of P (k + 1 >= 2
   affinely independent points): origin p0, directions p_i - p0; "meta"
   records all k + 1 points, t = 0, e_1, ..., e_k. */
int net_slice_points(net_t out, const net_t net, const fmpq_mat_t P, rc_error_t err);
/* Points from a JSON file: an array of points, or an object with "X" (a data
   set) or "points"; each point an array of n exact numbers. P (initialised)
   gets one row per point. */
int net_read_points_file(fmpq_mat_t P, const char * path, slong n, rc_error_t err);

#endif
