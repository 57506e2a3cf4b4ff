/* Exact convex training over a wedge-product dictionary (research notes
   section 5, Pilanci): with A the n x p matrix of dictionary columns
   (feature values on the samples, unnormalised) and y the targets,

     basis pursuit   min ||c||_1  subject to  A c = y               (an exact LP)
     lasso           min 1/2 ||A c - y||^2 + lambda ||c||_1         (exact homotopy)

   The model is f(x) = sum_j c_j relu(v_j . x) (or relu(v_j . [x,1]) with
   bias) without any further unpenalised term; the penalty is on the output
   coefficients c_j of the unnormalised features (feature norms are irrational
   in general, so they are not divided out). Every answer is certified in fmpq
   by checks that do not use the solver's internal state: KKT conditions for
   the lasso, primal/dual feasibility and equal objectives for basis pursuit. */
#ifndef RELUCERT_WEDGE_CONVEX_H
#define RELUCERT_WEDGE_CONVEX_H

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "util/error.h"
#include "wedge/wedge.h"
#include "net/net.h"

/* ---- certificates (kkt.c) ----------------------------------------------- */
/* r = A^T (y - A c) */
void wedge_lasso_correlations(fmpq * r, const fmpq_mat_t A, const fmpq * y, const fmpq * c);
/* loss = 1/2 ||A c - y||^2, l1 = ||c||_1, obj = loss + lambda l1
   (obj, loss, l1 three distinct variables). */
void wedge_lasso_objective(fmpq_t obj, fmpq_t loss, fmpq_t l1, const fmpq_mat_t A, const fmpq * y,
                           const fmpq * c, const fmpq_t lambda);
/* The lasso optimality conditions at c for lambda >= 0, exactly: c_j != 0 gives
   A_j^T (y - A c) = lambda sgn(c_j); c_j = 0 gives |A_j^T (y - A c)| <= lambda.
   Returns 1 when they all hold (c is optimal), 0 otherwise; *bad (if not NULL)
   gets the first failing column or -1. */
int wedge_lasso_kkt_check(slong * bad, const fmpq_mat_t A, const fmpq * y, const fmpq * c,
                          const fmpq_t lambda);
/* The same with a prescribed active set (sign[j] = +-1 active, 0 inactive):
   active j: r_j = lambda sign_j and sign_j c_j >= 0; inactive: c_j = 0 and
   |r_j| <= lambda. Holding at both ends of a segment on which c is affine in
   lambda, it holds (and c is optimal) on the whole segment. */
int wedge_lasso_kkt_check_signed(slong * bad, const fmpq_mat_t A, const fmpq * y, const fmpq * c,
                                 const fmpq_t lambda, const signed char * sign);
/* Uniqueness (Tibshirani, "The lasso problem and uniqueness", 2013, lemma 2):
   for an optimal c at lambda > 0, if the columns of the equicorrelation set
   E = {j : |A_j^T (y - A c)| = lambda} are linearly independent, the lasso
   solution is unique. Returns 1 then, 0 when that sufficient condition fails
   (the solution may or may not be unique); *size gets |E|. */
int wedge_lasso_unique(slong * size, const fmpq_mat_t A, const fmpq * y, const fmpq * c, const fmpq_t lambda);
/* Basis pursuit certificate: A c = y (primal), |A^T u| <= 1 componentwise
   (dual), ||c||_1 = y . u (equal objectives). Returns 1 when all hold. */
int wedge_bp_certify(const fmpq_mat_t A, const fmpq * y, const fmpq * c, const fmpq * u);

/* ---- basis pursuit (bp.c) ------------------------------------------------- */
/* Solves min ||c||_1 s.t. A c = y with cddlib (GMP) twice, the primal split
   c = c+ - c- and the dual max y . u s.t. |A^T u| <= 1, and certifies the pair
   with wedge_bp_certify. *feasible = 0 when y is not in the column span of A
   (confirmed by exact ranks; then c, u untouched). c: p entries, u: n entries. */
int wedge_basis_pursuit(fmpq * c, fmpq * u, int * feasible, const fmpq_mat_t A, const fmpq * y,
                        rc_error_t err);

/* ---- the lasso path (lasso.c) --------------------------------------------- */
typedef struct
{
    slong p;              /* columns */
    slong len, alloc;     /* breakpoints stored */
    fmpq * lambda;        /* len breakpoints, strictly decreasing; lambda[0] = ||A^T y||_inf */
    fmpq * coef;          /* len x p: the solution at each breakpoint */
    signed char * sign;   /* (len - 1) x p: active signs on [lambda[k+1], lambda[k]] */
    slong * ties;         /* len: number of coordinates changing status at each breakpoint */
    int complete;         /* the path reached the requested end */
}
wedge_path_struct;

typedef wedge_path_struct wedge_path_t[1];

void wedge_path_init(wedge_path_t P, slong p);
void wedge_path_clear(wedge_path_t P);
/* The exact homotopy (LARS with the lasso modification, in the general form
   that needs neither one event at a time nor a nonsingular active Gram
   matrix) from lambda_max down to lambda_end >= 0. At each breakpoint the
   direction solves a convex QP over the equicorrelation set (an LCP, by
   wedge_lcp_lemke); the segment runs until the next event and is stored only
   after wedge_lasso_kkt_check_signed holds at both of its ends. If Lemke's
   method fails (ray termination, more than WEDGE_PATH_MAX_PIVOTS pivots),
   returns RELU_E_UNSUPPORTED with the breakpoint in the message; the part of
   the path computed so far stays in P (certified) with complete = 0.
   RELU_E_LIMIT after max_steps breakpoints. ties[k] = the number of
   coordinates of the equicorrelation set that are zero at breakpoint k (the
   candidates to enter or leave there). */
#define WEDGE_PATH_MAX_PIVOTS 10000
int wedge_lasso_path(wedge_path_t P, const fmpq_mat_t A, const fmpq * y, const fmpq_t lambda_end,
                     slong max_steps, rc_error_t err);
/* c = the path's solution at lambda (0 above lambda[0]; lambda must be >= the
   last breakpoint): affine interpolation between breakpoints. Returns the
   segment index (-1 above lambda_max). */
slong wedge_path_eval(fmpq * c, const wedge_path_t P, const fmpq_t lambda);

/* ---- linear complementarity (lcp.c) -------------------------------------- */
/* Lemke's method with lexicographic pivoting, exact: z >= 0 (M->r entries) with
   w = M z + q >= 0 and z . w = 0. Returns 1 when found, 0 on ray termination or
   after max_pivots pivots. For positive semidefinite M it succeeds whenever
   the LCP has a solution. */
int wedge_lcp_lemke(fmpq * z, const fmpq_mat_t M, const fmpq * q, slong max_pivots);

/* ---- float reference (cd.c) --------------------------------------------- */
/* Cyclic coordinate descent in double on the lasso (A, y converted to the
   nearest doubles): a comparison only. c gets the exact values of the final
   doubles. Stops when a sweep changes no coordinate by more than tol times
   the largest coefficient, or after max_sweeps; *sweeps gets the count. */
void wedge_lasso_cd(fmpq * c, slong * sweeps, const fmpq_mat_t A, const fmpq * y, const fmpq_t lambda,
                    double tol, slong max_sweeps);
/* The exact rational value of a double. */
void wedge_fmpq_set_double(fmpq_t r, double x);

/* ---- the trained network (model.c) ---------------------------------------- */
/* One hidden layer: a ReLU neuron per nonzero c_j with weights row j of W->V
   (first d entries; with bias the last entry is the neuron's bias), output
   weights c_j, output bias 0. All-zero c gives the affine network f = 0. */
void wedge_model_net(net_t net, const wedge_dict_t W, const fmpq * c, slong d, int bias);
/* loss = 1/2 sum_i (f(x_i) - y_i)^2 through the exact evaluator net_eval, and
   l1 = sum of |output weights| (the penalty's norm read from the network). */
void wedge_model_loss(fmpq_t loss, fmpq_t l1, const net_t net, const wedge_data_t D);
/* Writes net in the network format (to path, or to memory when path is NULL)
   and reads it back into back (initialised): what a user of the file gets. */
int wedge_model_roundtrip(net_t back, const net_t net, const char * path, rc_error_t err);

/* ---- `relucert train-convex` (src/wedge/train.c) ---------------------------------- */
typedef struct
{
    /* the options, set before wedge_train_run */
    int bias, interpolate, full, floatref;
    slong max_steps;         /* lasso: breakpoints before RELU_E_LIMIT */
    double tol;              /* float reference: coordinate descent's relative tolerance */
    const char * out;        /* the network file to write, or NULL (then written to memory) */
    fmpq_t lambda;           /* lasso: the penalty L > 0 */
    /* the results */
    wedge_data_t D;
    wedge_dict_t W;
    fmpq_t lambda_max, obj, loss, l1, pen;
    fmpq * c, * u;
    wedge_path_t P;
    net_t net, back;
    fmpq_t floss, fl1, fobj;
    int agrees, unique;
    slong equicorrelated;
    fmpq * cf;               /* float reference */
    slong sweeps;
    fmpq_t gobj, gap, maxerr;
    int gkkt;
    char note[2600];          /* non-empty: the path stopped early below L (the solution at L is still exact) */
}
wedge_train_struct;

typedef wedge_train_struct wedge_train_t[1];

void wedge_train_init(wedge_train_t s);
void wedge_train_clear(wedge_train_t s);
/* Reads the data at path, builds its dictionary, solves (basis pursuit or the
   lasso at s->lambda), certifies (duality or KKT), writes the network to s->out
   and checks loss and penalty recomputed from the file, and runs the float
   reference when asked. */
int wedge_train_run(wedge_train_t s, const char * path, rc_error_t err);
/* The result as `relucert train-convex --json` prints it (one object), and as text. */
void wedge_train_write_json(jout_t out, const wedge_train_t s);
void wedge_train_write_text(FILE * fp, const wedge_train_t s);

#endif
