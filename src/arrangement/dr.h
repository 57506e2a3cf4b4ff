/* The characteristic polynomial of a (large) arrangement by
   deletion-restriction over an ordered list of hyperplanes, with nodes merged
   under the arrangement's linear symmetries (found by nauty, each one
   verified exactly), without enumerating regions or all flats.

   A central configuration of m primitive integer vectors v_0..v_{m-1} of
   rank R (the essentialised normals, or the cone of an affine arrangement)
   is processed hyperplane by hyperplane. A node (S, k) is an independent set
   S of the first k hyperplanes; it stands for the arrangement
   {H_l restricted to X_S : l >= k}, whose characteristic polynomial it
   contributes with sign (-1)^|S|. Deleting H_k gives (S, k + 1), restricting
   to it (S + {k}, k + 1); a node where some later H_l contains X_S stands for
   an arrangement with an empty complement and is dropped. The leaves are the
   no-broken-circuit sets of the order, so Betti number b_r = leaves with
   |S| = r. A linear symmetry g of the configuration that maps {0..k-1} to
   itself maps node (S, k) to (gS, k) with an isomorphic arrangement, so the
   two are merged with multiplicities added. Nodes whose flat has dimension
   1, 2 or 3 are finished in closed form (t - 1; t^2 - p t + p - 1 for p
   lines; planes through a point by their lines). In general position
   (every R of the vectors independent) node (S, k) stands for the uniform
   matroid of rank R - |S| on m - k elements, so all nodes of one level and
   one size are merged. */
#ifndef RELUCERT_ARRANGEMENT_DR_H
#define RELUCERT_ARRANGEMENT_DR_H

#include <stdio.h>
#include <flint/fmpz_poly.h>
#include "arrangement/arrangement.h"

/* Permutations of m hyperplanes, each stored as m unsigned shorts. */
typedef struct
{
    slong m, num, alloc;
    unsigned short * p;
}
arr_perms_struct;

typedef arr_perms_struct arr_perms_t[1];

void arr_perms_init(arr_perms_t G, slong m);
void arr_perms_clear(arr_perms_t G);
void arr_perms_push(arr_perms_t G, const unsigned short * p);

/* Symmetries of a central configuration V (m x R integer rows, rank R):
   the permutations of the 2m signed vectors that preserve the Gram values
   v_i^T (sum v v^T)^{-1} v_j and the colour classes (hyperplane i gets colour
   colour[i]), as found by nauty, restricted to those that are induced by a
   linear map (checked exactly); generators go to G. Returns the number of
   generators nauty found that failed the exact check (they are dropped:
   fewer merges, never a wrong one). */
typedef struct arr_symmetry_struct arr_symmetry_struct;
arr_symmetry_struct * arr_symmetry_new(const fmpz_mat_t V);
void arr_symmetry_free(arr_symmetry_struct * S);
slong arr_symmetry_generators(arr_perms_t G, arr_symmetry_struct * S, const int * colour);

typedef struct
{
    int use_symmetry;       /* 0: no merging by symmetry (the independent second run) */
    FILE * progress;        /* stage lines, or NULL */
    slong max_nodes;        /* stop with RELU_E_LIMIT beyond this many expanded nodes in all (0: none) */
    int reverse;            /* process the hyperplanes in the opposite order (another tree, other merges) */
    int fmpz_only;          /* 1: all row arithmetic in fmpz from the start (the word path's cross-check) */
}
arrangement_dr_params;

typedef struct
{
    slong nodes_total, nodes_max_level, generators, rejected_generators, group_levels;
    double seconds_symmetry;
    int big;                /* the rows were computed in fmpz (entries beyond 2^40, or a 64-bit overflow) */
    int general_position;   /* merges by type: general position proved (the moment-curve certificate) */
    int coned;              /* the configuration is the cone of an affine arrangement */
    slong rank;             /* rank of the configuration (the cone's when coned) */
}
arrangement_dr_stats;

/* chi of the arrangement A (affine or central), Betti numbers
   b_r = |coefficient of t^(n-r)|. The rows are word-size integers while they
   fit (checked) and fmpz otherwise; counts are fmpz. When use_symmetry is
   set and every rank-many vectors of the configuration are proved
   independent (moment curve, dr_config_is_moment_curve in dr-impl.h), nodes
   are merged by combinatorial type instead of by nauty's symmetries.
   RELU_E_UNSUPPORTED beyond rank 32 or 65000 hyperplanes, RELU_E_LIMIT
   beyond max_nodes, RELU_E_INTERNAL if the cone's polynomial is not
   divisible by t - 1. */
int arrangement_charpoly_dr(fmpz_poly_t chi, arrangement_dr_stats * st, const arrangement_t A,
                            const arrangement_dr_params * par, rc_error_t err);


/* ---- counting with cross-checks (relucert charpoly) --------------------- */
typedef struct
{
    int use_symmetry;
    FILE * progress;
    double enumerate_max;   /* enumerate the regions as a check when there are at most this many */
    double flats_max;       /* build the flat poset (second kind, second chi) up to this many regions */
    slong plain_max_nodes;  /* the run without symmetry as a check, up to this many nodes (0: off) */
    int reversed;           /* the run with symmetry in the opposite hyperplane order as a check */
    double finite_field_max;/* points over F_q as a check, up to this many fibre steps in all (0: off) */
}
arrangement_count_params;

typedef struct
{
    slong n, hyperplanes, rank;
    fmpz_poly_t chi;
    fmpz_t regions, relatively_bounded, bounded;
    slong * flats;          /* n + 1 Whitney numbers of the second kind, when have_flats */
    int have_flats;
    int checked_identities, checked_plain, checked_reversed, checked_flats, checked_enumeration;
    int checked_closed_form;    /* general position proved: chi equals the uniform matroid's closed form */
    int checked_finite_field;   /* chi(q) equals the point count at ff.num >= 1 good primes */
    arrangement_ff_t ff;
    arrangement_dr_stats st;
    int symmetry;           /* the run merged nodes under symmetries */
    double seconds;         /* the count's own time */
}
arrangement_count_struct;

typedef arrangement_count_struct arrangement_count_t[1];

void arrangement_count_init(arrangement_count_t r);
void arrangement_count_clear(arrangement_count_t r);
/* chi by deletion-restriction, regions by Zaslavsky, and every check the
   parameters allow; RELU_E_INTERNAL when two methods disagree. Nothing here
   writes a certificate: up to ARRANGEMENT_ENUMERATE_MAX regions
   `relucert arrangement --certificate` certifies the same polynomial (every
   flat listed); beyond, the count is cross-checked, not certified. */
int arrangement_count(arrangement_count_t r, const net_t net, const arrangement_count_params * p, rc_error_t err);
/* The result as `relucert charpoly --json` prints it (one object), and as text. */
void arrangement_count_write_json(jout_t out, const arrangement_count_t r);
void arrangement_count_write_text(FILE * fp, const arrangement_count_t r);
/* The names of the checks that ran, as in the JSON key checks (also used by relucert arrangement). */
void arrangement_count_write_checks(jout_t out, const arrangement_count_t r);
/* "finite_field": {"primes", "counts", "rank", "hadamard_bound_squared", "determines_chi", "steps", "seconds"} or null */
void arrangement_ff_write_json(jout_t out, const arrangement_ff_t ff, int ran);

#endif
