/* Exact row arithmetic of the deletion-restriction method, word-size and
   fmpz (dr-impl.h): fraction-free elimination against echelon rows, rows
   kept primitive with a positive first nonzero entry. The word path checks
   every product and difference for overflow; the caller then reruns the
   whole count on the fmpz path (dr.c), so an overflow costs time, never
   exactness. */
#include <flint/fmpz_vec.h>
#include "arrangement/dr-impl.h"

slong
dr_row_normalise(slong * v, slong R)
{
    ulong g = 0;
    slong first = -1;
    for (slong j = 0; j < R; j++)
        if (v[j] != 0)
        {
            g = n_gcd(g, (ulong) FLINT_ABS(v[j]));
            if (first < 0)
                first = j;
        }
    if (first < 0)
        return -1;
    for (slong j = 0; j < R; j++)
        v[j] /= (slong) g;
    if (v[first] < 0)
        for (slong j = 0; j < R; j++)
            v[j] = -v[j];
    return first;
}

/* v <- v mod the echelon rows E (pivots P), primitive; returns the pivot or -1.
   E is in echelon form (row i is zero at the pivots of rows < i), so after
   the step with row i, v stays zero at the pivots of rows <= i. */
slong
dr_row_reduce(slong * v, const slong * E, const slong * P, slong r, slong R, int * overflow)
{
    for (slong i = 0; i < r; i++)
    {
        const slong * e = E + i * R;
        slong p = P[i], g, s, t;
        if (v[p] == 0)
            continue;
        g = (slong) n_gcd((ulong) FLINT_ABS(e[p]), (ulong) FLINT_ABS(v[p]));
        s = e[p] / g;
        t = v[p] / g;
        for (slong j = 0; j < R; j++)
        {
            slong a, b;
            if (__builtin_mul_overflow(v[j], s, &a) || __builtin_mul_overflow(e[j], t, &b)
                || __builtin_sub_overflow(a, b, v + j))
            {
                *overflow = 1;
                v[j] = 0;
            }
        }
    }
    return dr_row_normalise(v, R);
}

int
dr_row_cmp(const slong * x, const slong * y, slong R)
{
    for (slong j = 0; j < R; j++)
        if (x[j] != y[j])
            return x[j] < y[j] ? -1 : 1;
    return 0;
}

slong
dr_zrow_normalise(fmpz * v, slong R)
{
    fmpz_t g;
    slong first = -1;
    for (slong j = 0; j < R && first < 0; j++)
        if (!fmpz_is_zero(v + j))
            first = j;
    if (first < 0)
        return -1;
    fmpz_init(g);
    _fmpz_vec_content(g, v, R);
    if (fmpz_sgn(v + first) < 0)
        fmpz_neg(g, g);
    if (!fmpz_is_one(g))
        _fmpz_vec_scalar_divexact_fmpz(v, v, R, g);
    fmpz_clear(g);
    return first;
}

slong
dr_zrow_reduce(fmpz * v, const fmpz * E, const slong * P, slong r, slong R)
{
    fmpz_t g, s, t;
    fmpz_init(g);
    fmpz_init(s);
    fmpz_init(t);
    for (slong i = 0; i < r; i++)
    {
        const fmpz * e = E + i * R;
        slong p = P[i];
        if (fmpz_is_zero(v + p))
            continue;
        fmpz_gcd(g, e + p, v + p);
        fmpz_divexact(s, e + p, g);
        fmpz_divexact(t, v + p, g);
        _fmpz_vec_scalar_mul_fmpz(v, v, R, s);
        _fmpz_vec_scalar_submul_fmpz(v, e, R, t);
        /* primitive after every step: the entries stay as small as the flat allows */
        dr_zrow_normalise(v, R);
    }
    fmpz_clear(g);
    fmpz_clear(s);
    fmpz_clear(t);
    return dr_zrow_normalise(v, R);
}

int
dr_zrow_cmp(const fmpz * x, const fmpz * y, slong R)
{
    for (slong j = 0; j < R; j++)
    {
        int c = fmpz_cmp(x + j, y + j);
        if (c != 0)
            return c < 0 ? -1 : 1;
    }
    return 0;
}
