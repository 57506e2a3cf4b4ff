/* The dual graph of the region complex and its Laplacian spectrum.

   Nodes are the regions (in enumeration order, the order of regions --list),
   edges the pairs of regions that share a facet, found exactly from the
   complex: a facet is an (n-1)-face, identified across regions by its sign
   vector; interior facets lie in exactly two regions, facets on the domain's
   boundary in one. Weighted variant: the weight of an edge is the number of
   vertices of the shared facet (an exact integer; it grows with the facet's
   complexity, a combinatorial stand-in for its size, whose volume is
   irrational in general).

   Spectrum: certified enclosures of the Laplacian eigenvalues (arb:
   approximate QR eigenvalues certified by acb_mat_eig_multiple), and for a
   simple Fiedler value a Fiedler vector whose signs are certified by the
   residual bound sin(angle) <= |L v - mu v| / (gap |v|) (Davis-Kahan): an
   entry whose distance from 0 exceeds sqrt(2) times that bound has a certain
   sign, the others are reported as '?'. */
#ifndef RELUCERT_GRAPH_H
#define RELUCERT_GRAPH_H

#include <arb.h>
#include <flint/fmpz_mat.h>
#include "net/net.h"
#include "poly/poly.h"
#include "util/error.h"
#include "util/progress.h"
#include "json/json.h"

typedef struct
{
    slong nodes, nedges, alloc;
    slong * edges;          /* 2 * nedges: i < j, sorted */
    slong * weight;         /* vertices of the shared facet */
    slong * facets;         /* per node: facets of the region */
    slong * boundary;       /* per node: facets on the domain's boundary */
    int * cls;              /* per node: sign of f - T at the interior point; 2 if f - T changes sign on the region */
}
dualgraph_struct;

typedef dualgraph_struct dualgraph_t[1];

void dualgraph_init(dualgraph_t G);
void dualgraph_clear(dualgraph_t G);
/* Builds the dual graph of net's regions inside domain. If T is not NULL, each
   node gets the class of output `output` against T. */
int dualgraph_build(dualgraph_t G, const net_t net, const poly_t domain, slong output, const fmpq_t T,
                    rc_error_t err);
/* The same, reporting the regions found to prog ("regions"). */
int dualgraph_build_progress(dualgraph_t G, const net_t net, const poly_t domain, slong output, const fmpq_t T,
                             const rc_progress_struct * prog, rc_error_t err);
/* Laplacian D - A (weighted: D_w - A_w). */
void dualgraph_laplacian(fmpz_mat_t L, const dualgraph_t G, int weighted);

typedef struct
{
    slong n, neig;
    arb_ptr eig;            /* certified enclosures, sorted, with multiplicity (neig of them) */
    int fiedler_simple;     /* 1 if lambda_2 is certified simple */
    slong fiedler_mult;     /* the proved multiplicity of lambda_2 (1 when simple), 0 if not proved */
    arb_ptr vec;            /* approximate unit Fiedler vector (midpoints) when simple */
    arb_t err;              /* certified bound on |vec_i - u_i| for the true unit eigenvector u (sign aligned) */
    char * partition;       /* '+', '-', '?' per node */
    const void * ops;       /* the module's table that filled it (graph_arb_ops), or NULL */
}
spectrum_struct;

typedef spectrum_struct spectrum_t[1];

/* The arb code is the module relucert-arb.so (src/graph/spectrum.c), loaded by
   the functions below when first needed (src/graph/spectrum_load.c); they
   report a missing module as RELU_E_UNSUPPORTED. */
void spectrum_init(spectrum_t S);
void spectrum_clear(spectrum_t S);
/* Eigenvalue enclosures and the certified Fiedler partition of a symmetric
   integer matrix (n >= 2). Returns RELU_E_INTERNAL if certification fails at
   every precision tried. */
int spectrum_compute(spectrum_t S, const fmpz_mat_t L, rc_error_t err);
/* All eigenvalues of the symmetric integer matrix L (n of them, ascending, with
   multiplicity) from its exact characteristic polynomial's squarefree factors:
   balls of distinct eigenvalues are disjoint, a multiple one appears as equal
   balls. Returns 0 if some root was not certified real (then L was not symmetric)
   or the module could not be loaded. */
int spectrum_enclose_charpoly(arb_ptr ev, const fmpz_mat_t L, slong prec);
/* Decimal strings lo <= x <= hi with `digits` digits after the point (directed
   rounding) for x = S->eig[i] (S filled by spectrum_compute or spectrum_set_fiedler). */
void spectrum_decimal_bounds(char ** lo, char ** hi, const spectrum_t S, slong i, slong digits);
/* The same for the interval [a, b] of rationals (floor of a, ceiling of b). */
void graph_decimal_bounds_fmpq(char ** lo, char ** hi, const fmpq_t a, const fmpq_t b, slong digits);
/* z / 10^digits as a decimal string with `digits` digits after the point */
char * graph_fixed_str(const fmpz_t z, slong digits);

/* ---- the sparse path (src/graph/sparse.c, fiedler.c, certify.c) --------------
   For thousands of regions the dense spectrum is out of reach. The sparse path
   finds (float) the Fiedler pair by shift-invert Lanczos over a sparse LDL^T
   (minimum degree order) of L + delta I and inverse iteration, then proves,
   exactly:
   - an integer vector v with sum v = 0 (so v is orthogonal to the kernel
     vector 1): lambda_2 <= rho = v'Lv / v'v (Courant-Fischer on 1-perp);
   - inertia bounds: for a rational sigma, a sparse L~ (unit lower triangular
     in a given order, entries in 2^-52 Z) and D~ (2^-52 Z) such that
     R = P (L - sigma I) P' - L~ D~ L~' is weakly diagonally dominant with a
     nonnegative diagonal (so R >= 0, Gershgorin). Then L - sigma I =
     (L~ D~+ L~' + R) + L~ D~- L~': a positive semidefinite matrix plus one of
     rank k = #negative entries of D~, so L has at most k eigenvalues below
     sigma: lambda_(k+1) >= sigma. The float factor is of L - (sigma + c) I,
     c small, so that R is about c I (the exact LDL^T would need numbers of
     ~10^5 bits at 10^4 regions; checking a float factor costs its flops).
     sigma_lo with k = 1 gives lambda_2 >= sigma_lo; sigma_hi > rho with k = 2
     gives lambda_3 >= sigma_hi: lambda_2 is simple, in (sigma_lo, sigma_hi);
   - Temple's inequality on 1-perp: lambda_2 >= rho - e^2 / (sigma_hi - rho),
     e = |L v - rho v| / |v| (exact rationals);
   - the signs: sin angle(v, u) <= e / (sigma_hi - rho) (Davis-Kahan), so an
     entry with |v_i| / |v| > sqrt(2) e / (sigma_hi - rho) has the sign of u_i. */
typedef struct
{
    slong n;
    slong * rowp, * col, * val;   /* CSR of L (diagonal included), columns increasing */
}
splap_struct;

typedef splap_struct splap_t[1];

void splap_init(splap_t A);
void splap_clear(splap_t A);
void splap_from_graph(splap_t A, const dualgraph_t G, int weighted);

typedef struct
{
    slong n;
    slong * perm, * iperm;   /* perm[k]: the node eliminated k-th */
    slong * parent, * colp, * row;   /* elimination tree; L by columns (permuted rows > column) */
    double * lx, * d;
}
ldl_struct;

typedef ldl_struct ldl_t[1];

/* Minimum degree order and symbolic factorization of A. */
void ldl_init(ldl_t F, const splap_t A);
void ldl_clear(ldl_t F);
/* Numeric float factorization of A - shift I: the number of negative pivots,
   or -1 at a zero pivot. */
slong ldl_factor(ldl_t F, const splap_t A, double shift);
/* x := (L D L')^{-1} x in the nodes' order (work: n doubles). */
void ldl_solve(const ldl_t F, double * x, double * work);

#define FIEDLER_SCALE 52     /* factors' entries are integers / 2^FIEDLER_SCALE */

typedef struct
{
    slong n;
    fmpz * v;                /* integer Fiedler vector, sum 0 */
    fmpq_t sigma[2];         /* sigma_lo, sigma_hi */
    slong neg[2];            /* negative pivots proved at each: 1, 2 */
    int certified[2];        /* each sigma's factor passed the exact check */
    slong * perm;            /* the elimination order (shared by both factors) */
    slong * colp, * row;     /* the factors' common pattern */
    slong * lz[2], * dz[2];  /* entries times 2^FIEDLER_SCALE */
    fmpq_t lo, hi;           /* lambda_2 in [lo, hi] */
    int simple;
    char * partition;
}
fiedler_struct;

typedef fiedler_struct fiedler_t[1];

void fiedler_init(fiedler_t Fd);
void fiedler_clear(fiedler_t Fd);
/* The certified Fiedler value, simplicity and partition of the Laplacian A
   (n >= 3) by the sparse path; progress lines on `progress` if not NULL.
   RELU_E_INTERNAL if not even lambda_2 >= sigma_lo could be proved. */
int fiedler_compute(fiedler_t Fd, const splap_t A, FILE * progress, rc_error_t err);
/* Exact check of a factor (graph.h above): 1 if R is diagonally dominant with
   a nonnegative diagonal; *neg gets the number of negative entries of D~. */
int fiedler_check_factor(slong * neg, const splap_t A, const slong * perm, const slong * colp, const slong * row,
                         const slong * lz, const slong * dz, const fmpq_t sigma);
/* lo, hi, simple and partition from v, the sigmas and their certified flags. */
void fiedler_bounds(fiedler_t Fd, const splap_t A);
/* The spectrum the report prints (eig: 0 and lambda_2's enclosure); an error
   when the module cannot be loaded. */
int spectrum_set_fiedler(spectrum_t S, const fiedler_t Fd, rc_error_t err);

/* The module's table (relucert_graph_arb_ops() in relucert-arb.so). */
typedef struct
{
    int (*compute)(spectrum_t S, const fmpz_mat_t L, rc_error_t err);
    int (*enclose_charpoly)(arb_ptr ev, const fmpz_mat_t L, slong prec);
    void (*set_fiedler)(spectrum_t S, const fiedler_t Fd);
    void (*clear)(spectrum_t S);
    void (*decimal_bounds)(char ** lo, char ** hi, const arb_t x, slong digits);
}
graph_arb_ops;
const graph_arb_ops * relucert_graph_arb_ops(void);

/* ---- the analysis of `relucert dualgraph` (src/graph/report.c) ------------------ */
typedef struct
{
    dualgraph_t G;
    spectrum_t S;
    int weighted;
    int list_edges;          /* the JSON includes edge_list */
    int threshold;           /* classes against a threshold were compared */
    slong output;
    slong * degrees;         /* per node */
    char * lo, * hi;         /* the Fiedler value's certified decimal bounds */
    slong agree, compared, crossed;
    fmpq_t fraction;         /* max(agree, compared - agree) / compared when compared > 0 */
    char domain[256];
    fiedler_t Fd;            /* the sparse path's proof (Fd->v NULL if it did not run) */
    int dense;               /* the enclosure printed is the dense path's */
    FILE * progress;         /* progress lines (set before dualgraph_analyze), or NULL */
    const rc_progress_struct * region_progress;   /* hears of the regions found (set before), or NULL */
}
dualgraph_report_struct;

typedef dualgraph_report_struct dualgraph_report_t[1];

/* The certified Fiedler value and partition of G's (weighted) Laplacian: the
   sparse path for n >= 3; the dense one (spectrum_compute) for n < 3 and when
   the sparse path does not prove lambda_2 simple and n <= DUALGRAPH_DENSE_MAX
   (its enclosure of a multiple eigenvalue is tight). *dense says which. */
#define DUALGRAPH_DENSE_MAX 1500
int dualgraph_fiedler(spectrum_t S, fiedler_t Fd, int * dense, const dualgraph_t G, int weighted, FILE * progress,
                      rc_error_t err);

void dualgraph_report_init(dualgraph_report_t R);
void dualgraph_report_clear(dualgraph_report_t R);
/* The dual graph of net's regions in domain (desc: its description), its
   (weighted) Laplacian's certified Fiedler value and partition, and, when T is
   not NULL, the partition's agreement with the classes sign(f_output - T). */
int dualgraph_analyze(dualgraph_report_t R, const net_t net, const poly_t domain, const char * desc, slong output,
                      const fmpq_t T, int weighted, int list_edges, rc_error_t err);
/* The report as `relucert dualgraph --json` prints it (one object), and as text. */
void dualgraph_report_write_json(jout_t out, const dualgraph_report_t R);
void dualgraph_report_write_text(FILE * fp, const dualgraph_report_t R);
/* The graph with its partition in Graphviz DOT and in GraphML. */
void dualgraph_report_write_dot(FILE * fp, const dualgraph_report_t R);
void dualgraph_report_write_graphml(FILE * fp, const dualgraph_report_t R);

#endif
