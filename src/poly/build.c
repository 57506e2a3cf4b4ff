/* Boxes and halfspace systems, built by cutting R^n (src/poly/split.c). */
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

void
poly_set_box(poly_t P, const fmpq_t lo, const fmpq_t hi)
{
    slong n = P->n, d = n + 1;
    fmpz * g = _fmpz_vec_init(d);
    poly_set_whole(P);
    for (slong i = 0; i < n; i++)
    {
        /* x_i - lo >= 0, scaled by den(lo): den*x_i - num >= 0 */
        _fmpz_vec_zero(g, d);
        fmpz_neg(g, fmpq_numref(lo));
        fmpz_set(g + 1 + i, fmpq_denref(lo));
        poly_cut(P, g, POLY_SRC_DOMAIN(2 * i));
        /* hi - x_i >= 0 */
        _fmpz_vec_zero(g, d);
        fmpz_set(g, fmpq_numref(hi));
        fmpz_neg(g + 1 + i, fmpq_denref(hi));
        if (poly_side(P, g) != POLY_CUT)
            flint_abort();  /* lo < hi is the caller's precondition */
        poly_cut(P, g, POLY_SRC_DOMAIN(2 * i + 1));
    }
    _fmpz_vec_clear(g, d);
}

int
poly_set_halfspaces(poly_t P, const fmpq_mat_t A, const fmpq * b, rc_error_t err)
{
    slong n = P->n, d = n + 1, m = A->r;
    int status = RELU_OK;
    fmpq * row = _fmpq_vec_init(d);
    fmpz * g = _fmpz_vec_init(d);
    poly_set_whole(P);
    for (slong k = 0; k < m && status == RELU_OK; k++)
    {
        /* a.x <= b  <=>  b - a.x >= 0 */
        fmpq_set(row, b + k);
        for (slong i = 0; i < n; i++)
            fmpq_neg(row + 1 + i, fmpq_mat_entry(A, k, i));
        poly_vec_from_fmpq(g, row, d);
        int side = poly_side(P, g);
        if (side == POLY_CUT)
            poly_cut(P, g, POLY_SRC_DOMAIN(k));
        else if (side < 0)
            status = rc_error_set(err, RELU_E_INPUT,
                "inequality %ld %s (the domain must be full-dimensional)", (long) (k + 1),
                _fmpz_vec_is_zero(g + 1, n) ? "is never satisfied, so the domain is empty"
                    : "leaves an empty or lower-dimensional domain");
        /* side > 0: redundant; side == 0: the row is 0 <= 0 */
    }
    _fmpq_vec_clear(row, d);
    _fmpz_vec_clear(g, d);
    return status;
}


