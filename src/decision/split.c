/* The pieces of one activation region: P cut by f_k - f_i >= 0 for every
   other class i. Only cuts that leave both sides full-dimensional are made,
   so a piece is full-dimensional or dropped: f_k - f_i <= 0 on the whole
   (current) piece and not identically 0 means k wins nowhere inside it, and
   f_k = f_i identically means the tie goes to the lower index. */
#include <flint/fmpz_vec.h>
#include "decision/decision.h"

/* g = a positive multiple of f_k - f_i as a row (c, a) */
static void
_difference_row(fmpz * g, fmpq * q, const fmpq_mat_t W, const fmpq * c, slong k, slong i)
{
    slong n = W->c;
    fmpq_sub(q, c + k, c + i);
    for (slong j = 0; j < n; j++)
        fmpq_sub(q + 1 + j, fmpq_mat_entry(W, k, j), fmpq_mat_entry(W, i, j));
    poly_vec_from_fmpq(g, q, n + 1);
}

slong
decision_split_region(poly_struct * Q, slong * cls, const poly_t P, const fmpq_mat_t W, const fmpq * c, slong N)
{
    slong n = P->n, m = W->r, num = 0;
    fmpq * q = _fmpq_vec_init(n + 1);
    fmpz * g = _fmpz_vec_init(n + 1);
    for (slong k = 0; k < m; k++)
    {
        int alive = 1;
        poly_set(Q + num, P);
        for (slong i = 0; i < m && alive; i++)
        {
            if (i == k)
                continue;
            _difference_row(g, q, W, c, k, i);
            int s = poly_side(Q + num, g);
            if (s == POLY_CUT)
                poly_cut(Q + num, g, N + i);
            else if (s < 0 || (s == 0 && i < k))
                alive = 0;
        }
        if (alive)
            cls[num++] = k;
    }
    _fmpz_vec_clear(g, n + 1);
    _fmpq_vec_clear(q, n + 1);
    return num;
}
