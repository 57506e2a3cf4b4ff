/* Integral homology of the polyhedral complexes relucert computes.

   Cells are the faces of the region complex (optionally restricted to a
   sub-, super- or level set through complex_set_filter), identified across
   regions by their sign vectors. Each k-cell is oriented by the reduced row
   echelon basis of its direction space -- canonical, so every region sees
   the same orientation -- and the incidence [F : G] of a facet G of F is the
   sign of det(v, B_G) in the coordinates of B_F, v pointing from the inside
   of F out through G (outward normal first). The cellular chain complex is
   checked (d o d = 0) and reduced over Z: unit pivots are eliminated
   sparsely, what remains goes to a small dense Smith normal form. */
#ifndef RELUCERT_HOMOLOGY_H
#define RELUCERT_HOMOLOGY_H

#include <flint/fmpz.h>
#include "util/error.h"
#include "util/progress.h"
#include "net/net.h"
#include "poly/poly.h"
#include "json/json.h"

/* A finite chain complex of free Z-modules with sparse boundaries. */
typedef struct
{
    slong top;          /* cells exist in dimensions 0..top */
    slong * num;        /* num[k]: k-cells */
    slong ** start;     /* start[k][i] .. start[k][i+1]: entries of d(cell i of dim k) */
    slong ** row;       /* index of a (k-1)-cell */
    slong ** coef;      /* its coefficient */
    slong * alloc;
}
chain_complex_struct;

typedef chain_complex_struct chain_complex_t[1];

void chain_complex_init(chain_complex_t K, slong top);
void chain_complex_clear(chain_complex_t K);
/* Appends a k-cell with boundary sum coef[j] * (cell rows[j] of dim k-1); returns its index. */
slong chain_complex_add_cell(chain_complex_t K, slong k, slong len, const slong * rows, const slong * coef);
/* 1 if d_{k-1} d_k = 0 for every k. */
int chain_complex_is_complex(const chain_complex_t K);

typedef struct
{
    slong top;
    slong * betti;        /* betti[0..top] */
    slong * ntorsion;     /* torsion coefficients of H_k */
    fmpz ** torsion;      /* torsion[k][0..ntorsion[k]) (each > 1, dividing the next) */
    slong * cells;        /* cells per dimension */
}
homology_struct;

typedef homology_struct homology_t[1];

void homology_init(homology_t H);
void homology_clear(homology_t H);
/* Integral homology of K. */
void homology_compute(homology_t H, const chain_complex_t K);
slong homology_euler(const homology_t H);

/* The cellular chain complex of the faces of net's regions inside a bounded
   domain, restricted to the faces on which hidden neuron `filter` has a sign
   in `mask` (COMPLEX_* of complex.h; filter < 0: every face). top = n. The
   cell counts are checked against the complex's independent local face count.
   Errors: RELU_E_UNSUPPORTED for unbounded domains; RELU_E_INTERNAL when a
   check fails. */
int homology_cells(chain_complex_t K, const net_t net, const poly_t domain, slong filter, int mask,
                   rc_error_t err);

/* The same, and for each k-cell i a point of its relative interior at
   points[k] + i * n (points[k] allocated with _fmpq_vec_init(max(num[k], 1) * n);
   the caller clears them). Certificates use the points (src/cert). */
int homology_cells_points(chain_complex_t K, fmpq ** points, const net_t net, const poly_t domain, slong filter,
                          int mask, rc_error_t err);
/* Either of the two (points NULL: no points), reporting the regions found to prog. */
int homology_cells_progress(chain_complex_t K, fmpq ** points, const net_t net, const poly_t domain, slong filter,
                            int mask, const rc_progress_struct * prog, rc_error_t err);

/* A subcomplex chosen by signs: the faces on which hidden neuron first + j has
   a sign in masks[j] (COMPLEX_* of complex.h) for every j < len (len 0: every
   face); with closure set, also every face of such a face. The closure is for
   sets that are not closed: with the neurons f_i - f_c of net_combination_net
   and masks NEG for i < c, NEG | ZERO for i > c, the selected faces are where
   output c is the argmax with ties broken towards the lowest index, and the
   complex is the closure of that decision region. */
typedef struct
{
    slong first, len;
    const int * masks;
    int closure;
}
homology_selection;

/* The cellular chain complex of the selected faces of net's regions in the
   domain. The cell counts are checked against the complex's local face count
   (without closure; with it, the regions only). */
int homology_cells_select(chain_complex_t K, const net_t net, const poly_t domain, const homology_selection * sel,
                          const rc_progress_struct * prog, rc_error_t err);

/* The cells of the whole region complex (no filter) with, for each k-cell i,
   values[k][i] = the maximum of output `output` over the closed cell (values[k]
   allocated with _fmpq_vec_init(max(num[k], 1)); the caller clears them). */
int homology_cells_values(chain_complex_t K, fmpq ** values, const net_t net, const poly_t domain, slong output,
                          rc_error_t err);

/* ---- the homology of a set of one output (src/homology/set.c) ------------------- */
typedef struct
{
    const char * set;       /* "superlevel", "sublevel" or "level" (static strings) */
    slong output;
    fmpq_t T;
    char domain[256];       /* the domain's description */
    int compactified;       /* unbounded domain: reduced homology of the one-point compactification */
    chain_complex_t K;
    homology_t H;
    slong n;                /* input dimension, when points are kept */
    fmpq ** points;         /* with_points: a relative-interior point per cell (as homology_cells_points) */
    const rc_progress_struct * progress;   /* in: set before computing to hear of the regions, or NULL */
}
homology_set_struct;

typedef homology_set_struct homology_set_t[1];

void homology_set_init(homology_set_t S);
void homology_set_clear(homology_set_t S);
/* The complex mask (COMPLEX_* of complex.h) of "superlevel" (f >= T), "sublevel" (f <= T) or "level". */
int homology_set_mask(int * mask, const char * set, rc_error_t err);
/* The integral homology of {x in domain : f_output(x) (>=, <=, =) T} (desc: the
   domain's description). with_points keeps a point per cell for certificates. */
int homology_set_compute(homology_set_t S, const net_t net, slong output, const char * set, const fmpq_t T,
                         const poly_t domain, const char * desc, int with_points, rc_error_t err);
/* The result as `relucert homology --json` prints it (one object), and as text. */
void homology_set_write_json(jout_t out, const homology_set_t S);
void homology_set_write_text(FILE * fp, const homology_set_t S);

/* ---- sublevel persistence ------------------------------------------------------ */
typedef struct
{
    slong dim;
    fmpq_t birth, death;   /* death meaningless when infinite */
    int infinite;
}
persistence_bar;

typedef struct
{
    slong num, alloc;
    persistence_bar * bars;   /* sorted by dim, birth, death */
}
persistence_struct;

typedef persistence_struct persistence_t[1];

void persistence_init(persistence_t B);
void persistence_clear(persistence_t B);
/* Barcode of the filtration in which cell (k, i) enters at values[k][i] (ties:
   lower dimension first), over Z/p (p prime, p >= 2) or over Q (p = 0). Bars
   of length zero are dropped. */
void persistence_compute(persistence_t B, const chain_complex_t K, fmpq * const * values, ulong p);

/* ---- the barcode of one output, as `relucert persistence` reports it ------------- */
typedef struct
{
    ulong p;                /* the field: Z/p, or Q when 0 */
    slong output;
    char domain[256];       /* the domain's description */
    slong top;              /* cells[0..top] */
    slong cells[64];
    persistence_t B;
    fmpq * crit;            /* the distinct critical values, sorted */
    slong ncrit, crit_alloc;
}
persistence_report_struct;

typedef persistence_report_struct persistence_report_t[1];

void persistence_report_init(persistence_report_t R);
void persistence_report_clear(persistence_report_t R);
/* The sublevel barcode of output `output` over the region complex in the
   bounded domain (desc: its description), over Z/p (p prime) or Q (p = 0).
   RELU_E_UNSUPPORTED for input dimension >= 63. */
int persistence_analyze(persistence_report_t R, const net_t net, slong output, const poly_t domain,
                        const char * desc, ulong p, rc_error_t err);
/* The report as `relucert persistence --json` prints it (one object), and as text. */
void persistence_report_write_json(jout_t out, const persistence_report_t R);
void persistence_report_write_text(FILE * fp, const persistence_report_t R);

#endif
