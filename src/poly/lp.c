/* Exact LPs with cddlib (GMP): matrices are filled in memory (mpq_set), never
   through cddlib's text reader (research notes section 6). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <gmp.h>
#define GMPRATIONAL
#if defined(HAVE_CDD_CDD_H)
#include <cdd/setoper.h>
#include <cdd/cdd.h>
#else
#include <cddlib/setoper.h>
#include <cddlib/cdd.h>
#endif
#include "poly/lp.h"

static void
_mpq_from_fmpq(mpq_t r, const fmpq_t q)
{
    fmpz_get_mpz(mpq_numref(r), fmpq_numref(q));
    fmpz_get_mpz(mpq_denref(r), fmpq_denref(q));
}

int
poly_lp_solve(fmpq * x, fmpq_t opt, poly_lp_status * status, const fmpq_mat_t A, const fmpq * b,
              slong neq, const fmpq * obj, int maximize, rc_error_t err)
{
    slong rows = A->r, m = A->c;
    dd_ErrorType e = dd_NoError;
    int rc = RELU_OK;
    poly_cdd_init();
    /* cddlib's H-form: row [b_i, -A_i] means b_i - A_i x >= 0 (= 0 on linset rows) */
    dd_MatrixPtr M = dd_CreateMatrix(rows, m + 1);
    M->representation = dd_Inequality;
    M->numbtype = dd_Rational;
    for (slong i = 0; i < rows; i++)
    {
        _mpq_from_fmpq(M->matrix[i][0], b + i);
        for (slong k = 0; k < m; k++)
        {
            _mpq_from_fmpq(M->matrix[i][k + 1], fmpq_mat_entry(A, i, k));
            mpq_neg(M->matrix[i][k + 1], M->matrix[i][k + 1]);
        }
        if (i < neq)
            set_addelem(M->linset, i + 1);
    }
    M->objective = maximize ? dd_LPmax : dd_LPmin;
    mpq_set_ui(M->rowvec[0], 0, 1);
    for (slong k = 0; k < m; k++)
        _mpq_from_fmpq(M->rowvec[k + 1], obj + k);
    dd_LPPtr lp = dd_Matrix2LP(M, &e);
    dd_FreeMatrix(M);
    if (lp == NULL || e != dd_NoError)
        return rc_error_set(err, RELU_E_INTERNAL, "cddlib could not set up an LP (error %d)", (int) e);
    if (!dd_LPSolve(lp, dd_DualSimplex, &e) || e != dd_NoError)
        rc = rc_error_set(err, RELU_E_INTERNAL, "cddlib LP solver failed (error %d)", (int) e);
    else if (lp->LPS == dd_Optimal)
    {
        *status = POLY_LP_OPTIMAL;
        for (slong k = 0; k < m; k++)
            fmpq_set_mpq(x + k, lp->sol[k + 1]);
        fmpq_set_mpq(opt, lp->optvalue);
    }
    else if (lp->LPS == dd_Inconsistent || lp->LPS == dd_StrucInconsistent)
        *status = POLY_LP_INFEASIBLE;
    else if (lp->LPS == dd_DualInconsistent || lp->LPS == dd_StrucDualInconsistent)
        *status = POLY_LP_UNBOUNDED;
    else
        rc = rc_error_set(err, RELU_E_INTERNAL, "cddlib LP ended undecided (status %d)", (int) lp->LPS);
    dd_FreeLPData(lp);
    return rc;
}
