/* The configuration the deletion-restriction method works on (dr-impl.h):
   the cone of the arrangement, essentialised, in words or fmpz, and the
   structural proof of general position that lets dr.c merge nodes by their
   combinatorial type. */
#include <stdlib.h>
#include <flint/fmpq.h>
#include "arrangement/dr-impl.h"

/* s <- the parameter of row v on the rational normal curve; 0 if v is not on it */
static int
moment_parameter(fmpq_t s, int * infinite, const fmpz * v, slong R)
{
    fmpz_t lhs, rhs, p;
    int ok = 1;

    *infinite = fmpz_is_zero(v);
    if (*infinite)
    {
        /* (0, ..., 0, lambda) */
        for (slong j = 0; j + 1 < R; j++)
            ok &= fmpz_is_zero(v + j);
        return ok && !fmpz_is_zero(v + R - 1);
    }
    fmpq_set_fmpz_frac(s, v + 1, v);
    /* v_j / v_0 = s^j  <=>  v_j v_0^(j-1) = v_1^j */
    fmpz_init(lhs);
    fmpz_init(rhs);
    fmpz_init(p);
    fmpz_one(p);
    fmpz_set(rhs, v + 1);
    for (slong j = 2; j < R && ok; j++)
    {
        fmpz_mul(p, p, v);
        fmpz_mul(rhs, rhs, v + 1);
        fmpz_mul(lhs, v + j, p);
        ok = fmpz_equal(lhs, rhs);
    }
    fmpz_clear(lhs);
    fmpz_clear(rhs);
    fmpz_clear(p);
    return ok;
}

static int
cmp_fmpq(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

int
dr_config_is_moment_curve(const fmpz_mat_t V)
{
    slong m = V->r, R = V->c, num = 0, infinities = 0;
    fmpq * s;
    int ok = (R >= 2);

    s = _fmpq_vec_init(FLINT_MAX(m, 1));
    for (slong i = 0; i < m && ok; i++)
    {
        int inf;
        ok = moment_parameter(s + num, &inf, V->rows[i], R);
        infinities += inf;
        num += !inf;
    }
    ok &= (infinities <= 1);
    if (ok)
    {
        qsort(s, num, sizeof(fmpq), cmp_fmpq);
        for (slong i = 1; i < num && ok; i++)
            ok = !fmpq_equal(s + i - 1, s + i);
    }
    _fmpq_vec_clear(s, FLINT_MAX(m, 1));
    return ok;
}

/* the pivot columns of W (rank R of them) */
static slong
config_pivots(slong * piv, const fmpz_mat_t W)
{
    fmpz_mat_t E;
    fmpz_t den;
    slong R = 0;

    if (W->r == 0 || W->c == 0)
        return 0;
    fmpz_mat_init_set(E, W);
    fmpz_init(den);
    R = fmpz_mat_rref(E, den, E);
    for (slong r = 0, c = 0; r < R && c < W->c; c++)
        if (!fmpz_is_zero(fmpz_mat_entry(E, r, c)))
            piv[r++] = c;
    fmpz_clear(den);
    fmpz_mat_clear(E);
    return R;
}

int
dr_config_init(dr_config * C, slong * N, int * coned, const arrangement_t A, int reverse, int big,
               int skip_uniform, rc_error_t err)
{
    slong m = A->H->r, n = A->n, mm, len, R;
    fmpz_mat_t W;
    slong * piv;

    *coned = 0;
    for (slong i = 0; i < m; i++)
        *coned |= !fmpz_is_zero(fmpz_mat_entry(A->H, i, 0));
    mm = *coned ? m + 1 : m;
    len = *coned ? n + 1 : n;
    *N = len;
    fmpz_mat_init(W, mm, len);
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < len; j++)
            fmpz_set(fmpz_mat_entry(W, i, j), fmpz_mat_entry(A->H, i, j + (*coned ? 0 : 1)));
    if (*coned)
        fmpz_one(fmpz_mat_entry(W, m, 0));
    piv = flint_malloc((len + 1) * sizeof(slong));
    R = config_pivots(piv, W);
    C->m = mm;
    C->R = R;
    C->big = big;
    C->V = NULL;
    C->uniform = 0;
    fmpz_mat_init(C->Z, mm, R);
    for (slong i = 0; i < mm; i++)
    {
        fmpz * z = C->Z->rows[i];
        for (slong r = 0; r < R; r++)
        {
            fmpz_set(z + r, fmpz_mat_entry(W, reverse ? mm - 1 - i : i, piv[r]));
            C->big |= (fmpz_bits(z + r) > DR_WORD_BITS);
        }
        /* an injective projection of a nonzero row is nonzero */
        if (R > 0 && dr_zrow_normalise(z, R) < 0)
            flint_abort();
    }
    flint_free(piv);
    fmpz_mat_clear(W);
    if (!C->big)
    {
        C->V = flint_malloc(FLINT_MAX(mm * R, 1) * sizeof(slong));
        for (slong i = 0; i < mm; i++)
            for (slong r = 0; r < R; r++)
                C->V[i * R + r] = fmpz_get_si(fmpz_mat_entry(C->Z, i, r));
    }
    if (R > DR_MAXR || mm > 65000)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "deletion-restriction handles at most rank %d "
                            "and 65000 hyperplanes", DR_MAXR);
    if (!skip_uniform)
        C->uniform = dr_config_is_moment_curve(C->Z);
    return RELU_OK;
}

void
dr_config_clear(dr_config * C)
{
    fmpz_mat_clear(C->Z);
    flint_free(C->V);
}
