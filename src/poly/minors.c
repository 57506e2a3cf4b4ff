/* Minors forms (poly.h, poly_split_take): a simple vertex stored as +- the
   vector of maximal minors of its constraint rows, so that the search makes
   new vertices by exact division instead of a gcd. Here the check that marks
   a search's first generators (the domain's); the search keeps the marks. */
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

void
poly_dgens_mark_minors(poly_dgens_t D, const poly_t P)
{
    slong n = P->n, d = n + 1;
    if (D->ngens != P->ngens || P->nlin != 0 || n < 1)
        return;
    fmpz_mat_t A;
    fmpz * m = _fmpz_vec_init(d);
    fmpz_mat_init(A, n, n);
    for (slong i = 0; i < P->ngens; i++)
    {
        const bword * inc = poly_inc(P, i);
        slong rows[64], t = 0;
        D->mf[i] = 0;
        if (!poly_gen_is_vertex(P, i) || bs_count_cap(inc, P->cw, n + 1) != n || n > 64)
            continue;
        for (slong j = 0; j < P->ncons; j++)
            if (bs_test(inc, j))
                rows[t++] = j;
        /* m_k = (-1)^k det(the rows without coordinate k): m.x = det(rows; x) */
        for (slong k = 0; k < d; k++)
        {
            for (slong r = 0; r < n; r++)
                for (slong c = 0, cc = 0; c < d; c++)
                    if (c != k)
                        fmpz_set(fmpz_mat_entry(A, r, cc++), poly_con(P, rows[r]) + c);
            fmpz_mat_det(m + k, A);
            if (k % 2)
                fmpz_neg(m + k, m + k);
        }
        if (fmpz_sgn(m) < 0)
            _fmpz_vec_neg(m, m, d);
        D->mf[i] = _fmpz_vec_equal(m, poly_gen(P, i), d);
    }
    fmpz_mat_clear(A);
    _fmpz_vec_clear(m, d);
}
