/* Hyperplane arrangements of one-hidden-layer networks, and the
   characteristic polynomial of their intersection poset (Zaslavsky).

   A hyperplane {x : a.x + c = 0} is stored as the primitive integer row
   (c, a_1, ..., a_n) whose first nonzero a_i is positive: this identifies
   repeated and opposite neurons (and rescaled ones). */
#ifndef RELUCERT_ARRANGEMENT_H
#define RELUCERT_ARRANGEMENT_H

#include "util/progress.h"
#include <flint/fmpz_mat.h>
#include <flint/fmpz_poly.h>
#include "util/error.h"
#include "net/net.h"

typedef struct
{
    slong n;          /* ambient dimension */
    fmpz_mat_t H;     /* m x (n+1) rows (c, a): distinct hyperplanes, sorted lexicographically */
}
arrangement_struct;

typedef arrangement_struct arrangement_t[1];

void arrangement_init(arrangement_t A, slong n);
void arrangement_clear(arrangement_t A);
static inline slong arrangement_num_hyperplanes(const arrangement_t A) { return A->H->r; }

/* Hyperplanes of the hidden neurons of a network with exactly one hidden layer:
   rows with zero weights (constant neurons) are dropped, repeated and opposite
   ones merged. If map is not NULL, map[i] = index of neuron i's hyperplane or -1.
   RELU_E_UNSUPPORTED (with a message saying so) for other depths. */
int arrangement_from_net(arrangement_t A, slong * map, const net_t net, rc_error_t err);
/* Builds from arbitrary rational rows (c, a) (m x (n+1)): same normalisation. */
void arrangement_set_rows(arrangement_t A, const fmpq_mat_t rows);

/* Rank of the normal vectors a. */
slong arrangement_rank(const arrangement_t A);
/* chi(t) = sum over flats X of mu(R^n, X) t^dim(X), from the intersection
   poset (flats of the arrangement, Moebius function). Degree n. */
void arrangement_charpoly(fmpz_poly_t chi, const arrangement_t A);
/* Number of flats of each codimension 0..n (Whitney numbers of the second kind); counts has n+1 entries. */
void arrangement_flat_counts(slong * counts, const arrangement_t A);

/* ---- the finite-field method (finite_field.c) --------------------------- */
typedef struct
{
    slong num;        /* primes counted */
    slong rank;       /* R: rank of the central configuration (the cone's if affine) */
    ulong * primes;   /* num primes q with q^2 > bound2 (good reduction guaranteed) */
    fmpz * values;    /* chi(q) = the points of F_q^n off the hyperplanes, for each prime */
    fmpz_t bound2;    /* the square of the Hadamard bound on the configuration's minors */
    int determines;   /* num = R: chi interpolated from the counts alone, in chi */
    fmpz_poly_t chi;
    double work;      /* fibre steps (about m q^(R-2) per prime) */
    double seconds;   /* the method's own time */
}
arrangement_ff_struct;

typedef arrangement_ff_struct arrangement_ff_t[1];

void arrangement_ff_init(arrangement_ff_t r);
void arrangement_ff_clear(arrangement_ff_t r);
/* chi(q) by counting points over F_q at the smallest primes q above the
   Hadamard bound of the minors (so the reduction is good: the same
   intersection poset), as many as fit in max_work fibre steps, at most R
   (which determine chi). Returns the number of primes counted (0: too
   expensive, e.g. large coefficients or a high rank). */
slong arrangement_charpoly_finite_field(arrangement_ff_t r, const arrangement_t A, double max_work);

/* ---- the two independent counts ----------------------------------------- */
typedef struct
{
    slong n, hyperplanes, rank;
    fmpz_poly_t chi;                 /* characteristic polynomial */
    slong regions, bounded, relatively_bounded;   /* by enumeration over R^n */
    fmpz_t zas_regions, zas_relatively_bounded;   /* by Zaslavsky from chi */
    /* beyond ARRANGEMENT_ENUMERATE_MAX regions the count is by deletion-restriction
       (dr.h) and the regions are not enumerated: counted_by_dr = 1, checked_plain =
       whether the run without symmetry agreed (it stops beyond its node limit),
       checked_reversed = whether the run in the opposite order agreed */
    int counted_by_dr, checked_plain, checked_reversed;
    int checked_closed_form, checked_finite_field;   /* as in relucert charpoly's checks */
    const rc_progress_struct * progress;   /* in: set before analysing to hear of the enumeration, or NULL */
}
arrangement_report_struct;

typedef arrangement_report_struct arrangement_report_t[1];

void arrangement_report_init(arrangement_report_t r);
void arrangement_report_clear(arrangement_report_t r);
#define ARRANGEMENT_ENUMERATE_MAX 1000000
/* Fills r for a one-hidden-layer network; RELU_E_INTERNAL if the methods disagree. */
int arrangement_analyze(arrangement_report_t r, const net_t net, rc_error_t err);

/* The report as `relucert arrangement --json` prints it (one object), and as text. */
/* "characteristic_polynomial": [coefficients from t^n down to t^0] (every writer of chi). */
void arrangement_write_charpoly(jout_t out, const fmpz_poly_t chi, slong n);
void arrangement_report_write_json(jout_t out, const arrangement_report_t r);
void arrangement_report_write_text(FILE * fp, const arrangement_report_t r);

#endif
