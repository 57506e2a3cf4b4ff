/* Small floating-point training for experiments (not for certified answers).

   Everything relucert certifies is computed afterwards, exactly, from the
   rationalised weights. This module only produces networks the way users do:
   a two-dimensional toy data set, a ReLU network, full-batch gradient
   descent on the logistic loss mean log(1 + exp(-y f(x))), He-uniform
   initialisation from a fixed-seed xorshift generator. Given the same seed,
   the same build and the same C library, the results are bit-for-bit
   identical (no threads, fixed summation order). */
#ifndef RELUCERT_TRAIN_H
#define RELUCERT_TRAIN_H

#include "net/net.h"

typedef struct
{
    slong n;           /* samples */
    double * x;        /* n x 2 */
    double * y;        /* n labels in {-1, +1} */
}
train_data_struct;

typedef train_data_struct train_data_t[1];

/* "xor", "moons", "circles", "spirals"; RELU_E_INPUT for an unknown name. */
int train_data_make(train_data_t D, const char * name, slong n, ulong seed, rc_error_t err);
void train_data_clear(train_data_t D);

/* The hidden units' activation (issue 16: neural polytopes for other
   activations). The first four are piecewise linear: their networks are
   rationalised exactly (relu as a version-1 network, the others as graphs,
   doc/FORMAT.md); the smooth ones are only ever evaluated in floating point. */
typedef enum
{
    TRAIN_ACT_RELU, TRAIN_ACT_LEAKY, TRAIN_ACT_ABS, TRAIN_ACT_HARDTANH,     /* piecewise linear */
    TRAIN_ACT_SIGMOID, TRAIN_ACT_TANH, TRAIN_ACT_SOFTPLUS, TRAIN_ACT_GELU,  /* smooth */
    TRAIN_NUM_ACTS
}
train_act;

/* "relu", "leaky", "abs", "hardtanh", "sigmoid", "tanh", "softplus", "gelu" */
const char * train_act_name(train_act a);
/* RELU_E_INPUT for an unknown name (the message lists them) */
int train_act_from_name(train_act * a, const char * name, rc_error_t err);
static inline int train_act_is_pl(train_act a) { return a <= TRAIN_ACT_HARDTANH; }
/* The activation and its derivative at z in double (slope: leaky's; hardtanh
   clamps to [-1, 1]; gelu is z Phi(z) with the exact normal cdf via erf). */
double train_act_eval(train_act a, double slope, double z);
double train_act_deriv(train_act a, double slope, double z);

/* A float network 2 -> widths -> 1. */
typedef struct
{
    slong nlayers;         /* hidden layers + 1 */
    slong * widths;        /* widths[0] = 2, ..., widths[nlayers] = 1 */
    double ** W;           /* W[j]: widths[j+1] x widths[j], row-major */
    double ** b;
    train_act act;         /* of every hidden unit (train_net_init*: relu) */
    double slope;          /* leaky's */
}
train_net_struct;

typedef train_net_struct train_net_t[1];

void train_net_init(train_net_t T, slong hidden, const slong * hidden_widths, ulong seed);
void train_net_clear(train_net_t T);
/* One epoch of full-batch gradient descent; returns the loss before the step. */
double train_net_step(train_net_t T, const train_data_t D, double lr);
/* Mean logistic loss at the current weights. */
double train_net_loss(const train_net_t T, const train_data_t D);
/* Training accuracy (fraction of samples with y f(x) > 0). */
double train_net_accuracy(const train_net_t T, const train_data_t D);
/* Exact network whose weights are the best rational approximations of the
   float weights with denominators <= max_den (continued fractions of the exact
   binary value of each double). */
void train_net_rationalise(net_t net, const train_net_t T, slong max_den);
/* For a piecewise-linear activation other than relu: the network as a graph
   (network format 2: dense layers and leaky_relu with the exact slope, abs, or
   clamp to [-1, 1]) with the rationalised weights, in *graph (a JSON tree, to
   be freed with jnode_free), and net its lowering (net_read_jnode). */
int train_net_rationalise_graph(jnode ** graph, net_t net, const train_net_t T, const fmpq_t slope, slong max_den,
                                rc_error_t err);
/* The float network's output at x (its activation, double). */
double train_net_eval(const train_net_t T, const double * x);
/* Best rational approximation p/q of the double x with 1 <= q <= max_den. */
void train_rationalise_double(fmpq_t r, double x, slong max_den);

/* ---- regression to the unit sphere (issue 4: neural polytopes) ------------------
   Points x = r u in R^dim with u uniform on the unit sphere (normalised Gaussian
   vectors, Box-Muller) and r uniform in [0, 2]; target y = |x|. A network N with
   N(x) ~ |x| has {N <= 1} ~ the unit ball. */
typedef struct
{
    slong n, dim;      /* samples, input dimension */
    double * x;        /* n x dim */
    double * y;        /* n targets */
}
train_regdata_struct;

typedef train_regdata_struct train_regdata_t[1];

void train_sphere_data(train_regdata_t D, slong dim, slong n, ulong seed);
void train_regdata_clear(train_regdata_t D);
/* A float network dim -> widths -> 1, He-uniform weights from the seed. With
   first_bias = 0 the first layer has no bias (kept at zero by training): then a
   one-hidden-layer network is sum_i c_i relu(w_i . x) + c0. */
void train_net_init_dim(train_net_t T, slong dim, slong hidden, const slong * hidden_widths, ulong seed,
                        int first_bias);
/* Mean squared error mean (N(x) - y)^2. */
double train_net_mse(const train_net_t T, const train_regdata_t D);
/* Full-batch Adam (beta1 0.9, beta2 0.999, eps 1e-8) on the mean squared error
   for `epochs` steps with learning rate lr. Flags: TRAIN_FIRST_BIAS trains the
   first-layer biases (else they stay 0); TRAIN_CONVEX keeps the weights of every
   layer after the first >= 0 (they start at their absolute values and are
   clipped at 0 after each step), which makes N convex: a nonnegative
   combination of convex functions, passed through the convex nondecreasing
   relu, is convex. Returns the final mean squared error. Deterministic (fixed
   summation order, no threads). */
#define TRAIN_FIRST_BIAS 1
#define TRAIN_CONVEX 2
double train_net_fit_mse(train_net_t T, const train_regdata_t D, slong epochs, double lr, int flags);

/* ---- `relucert train-float` (src/train/run.c) ------------------------------------- */
typedef struct
{
    const char * dataset;    /* xor | moons | circles | spirals */
    slong samples;
    ulong seed;              /* data and initialisation */
    slong epochs;
    const slong * checkpoints;
    slong ncheckpoints;      /* epochs to write, each in [0, epochs] (repeats written once) */
    double lr;
    slong max_den;           /* denominators of the rationalised weights */
    const char * prefix;     /* files PREFIX-epochE.json */
    const slong * widths;
    slong nwidths;
}
train_float_opts;

/* One written checkpoint: float diagnostics of the training, and the file. */
typedef struct
{
    slong epoch;
    double loss, accuracy;
    char path[4096];
}
train_checkpoint;

/* Trains by full-batch gradient descent and writes the rationalised network
   at every checkpoint, calling report(data, checkpoint) after each file is
   written (a nonzero return stops with that status). */
int train_float_run(const train_float_opts * o, int (*report)(void *, const train_checkpoint *), void * data,
                    rc_error_t err);
/* A checkpoint as `relucert train-float --json` prints it (one JSON Lines record), and as text. */
void train_checkpoint_write_json(jout_t out, const train_checkpoint * c);
void train_checkpoint_write_text(FILE * fp, const train_checkpoint * c);

#endif
