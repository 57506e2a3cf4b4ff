/* Exact linear programs through cddlib (GMP rational build).

   cddlib stays confined to src/poly: this header exposes one small, safe
   interface. cddlib's dd_LPSolve (GMP build) solves in floating point first
   and verifies the basis exactly (research notes section 6); we still treat
   its answer as a proposal: callers certify optimality themselves (primal and
   dual feasibility and equal objectives, checked in fmpq). */
#ifndef RELUCERT_POLY_LP_H
#define RELUCERT_POLY_LP_H

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "util/error.h"

typedef enum
{
    POLY_LP_OPTIMAL, POLY_LP_INFEASIBLE, POLY_LP_UNBOUNDED
}
poly_lp_status;

/* Sets up cddlib's global constants once (poly/cdd.c); poly_cdd_clear frees them. */
void poly_cdd_init(void);

/* Optimise obj . x (maximize != 0: maximum, else minimum) over x in R^m
   (m = A->c, variables free) subject to A_i x = b_i for rows i < neq and
   A_i x <= b_i for rows i >= neq. On POLY_LP_OPTIMAL, x (m entries) gets an
   optimal vertex and opt its value; otherwise they are left alone.
   RELU_E_INTERNAL if cddlib reports an error or an undecided status. */
int poly_lp_solve(fmpq * x, fmpq_t opt, poly_lp_status * status, const fmpq_mat_t A, const fmpq * b,
                  slong neq, const fmpq * obj, int maximize, rc_error_t err);

/* min obj . x subject to A x <= b (A: m x n, row-major; x free) in doubles,
   by a small dense primal simplex started at x0, which must satisfy every
   row strictly (poly/lpd.c). Returns 1 and sets x, opt on an optimum, 0 when
   it finds the LP unbounded or gives up. A proposal only, never an answer. */
int poly_lp_min_d(double * x, double * opt, const double * A, const double * b, slong m, slong n, const double * obj,
                  const double * x0);

#endif
