/* lambda >= 0 with sum lambda_i g_i = t: phase one of the simplex method,
   exact, with Bland's smallest-index rule, which cannot cycle (Bland 1977),
   so it terminates on degenerate systems too. The problems are small (one
   equation per coordinate, one column per facet at a vertex). */
#include <flint/fmpq_vec.h>
#include "cert/cert.h"

static void
_set_fmpz(fmpq_t x, const fmpz_t v)
{
    fmpz_set(fmpq_numref(x), v);
    fmpz_one(fmpq_denref(x));
}

int
cert_cone_combination(fmpq * lambda, const fmpz * gens, slong m, slong len, const fmpz * target)
{
    /* rows: the len equations; columns: m lambdas, then len artificials; rhs apart */
    slong cols = m + len;
    fmpq * T = _fmpq_vec_init(len * cols + 1);
    fmpq * rhs = _fmpq_vec_init(len + 1);
    fmpq * z = _fmpq_vec_init(cols + 1);      /* reduced costs of min sum(artificials) */
    slong * basis = flint_malloc((len + 1) * sizeof(slong));
    fmpq_t r, best, f;
    fmpq_init(r);
    fmpq_init(best);
    fmpq_init(f);

    for (slong i = 0; i < len; i++)
    {
        int neg = fmpz_sgn(target + i) < 0;
        for (slong c = 0; c < m; c++)
        {
            _set_fmpz(T + i * cols + c, gens + c * len + i);
            if (neg)
                fmpq_neg(T + i * cols + c, T + i * cols + c);
        }
        fmpq_one(T + i * cols + m + i);
        _set_fmpz(rhs + i, target + i);
        if (neg)
            fmpq_neg(rhs + i, rhs + i);
        basis[i] = m + i;
        for (slong c = 0; c < m; c++)
            fmpq_sub(z + c, z + c, T + i * cols + c);
    }

    for (;;)
    {
        slong enter = -1, leave = -1;
        for (slong c = 0; c < m && enter < 0; c++)
            if (fmpq_sgn(z + c) < 0)
                enter = c;
        if (enter < 0)
            break;
        for (slong i = 0; i < len; i++)
        {
            const fmpq * a = T + i * cols + enter;
            if (fmpq_sgn(a) <= 0)
                continue;
            fmpq_div(r, rhs + i, a);
            int cmp = leave < 0 ? -1 : fmpq_cmp(r, best);
            if (cmp < 0 || (cmp == 0 && basis[i] < basis[leave]))
            {
                leave = i;
                fmpq_set(best, r);
            }
        }
        if (leave < 0)
            break;   /* unbounded direction: cannot happen in phase one (objective >= 0) */
        /* pivot on (leave, enter) */
        fmpq * prow = T + leave * cols;
        fmpq_inv(f, prow + enter);
        for (slong c = 0; c < cols; c++)
            fmpq_mul(prow + c, prow + c, f);
        fmpq_mul(rhs + leave, rhs + leave, f);
        for (slong i = 0; i < len; i++)
        {
            if (i == leave || fmpq_is_zero(T + i * cols + enter))
                continue;
            fmpq_set(f, T + i * cols + enter);
            for (slong c = 0; c < cols; c++)
                if (!fmpq_is_zero(prow + c))
                    fmpq_submul(T + i * cols + c, f, prow + c);
            fmpq_submul(rhs + i, f, rhs + leave);
        }
        fmpq_set(f, z + enter);
        for (slong c = 0; c < cols; c++)
            if (!fmpq_is_zero(prow + c))
                fmpq_submul(z + c, f, prow + c);
        basis[leave] = enter;
    }

    int found = 1;
    for (slong c = 0; c < m; c++)
        fmpq_zero(lambda + c);
    for (slong i = 0; i < len; i++)
    {
        if (basis[i] < m)
            fmpq_set(lambda + basis[i], rhs + i);
        else if (!fmpq_is_zero(rhs + i))
            found = 0;
    }
    fmpq_clear(r);
    fmpq_clear(best);
    fmpq_clear(f);
    flint_free(basis);
    _fmpq_vec_clear(z, cols + 1);
    _fmpq_vec_clear(rhs, len + 1);
    _fmpq_vec_clear(T, len * cols + 1);
    return found;
}
