/* Sparse integer vectors for the sparse Smith form (src/smith/sparse.c). */
#include <flint/fmpz_vec.h>
#include "smith/smith.h"

void
svec_init(svec_t x)
{
    x->len = x->alloc = 0;
    x->idx = NULL;
    x->val = NULL;
}

void
svec_clear(svec_t x)
{
    if (x->alloc > 0)
        _fmpz_vec_clear(x->val, x->alloc);
    flint_free(x->idx);
    svec_init(x);
}

void
svec_swap(svec_t x, svec_t y)
{
    svec_struct t = *x;
    *x = *y;
    *y = t;
}

void
svec_set_unit(svec_t x, slong i)
{
    svec_clear(x);
    x->idx = flint_malloc(sizeof(slong));
    x->val = _fmpz_vec_init(1);
    x->alloc = x->len = 1;
    x->idx[0] = i;
    fmpz_one(x->val);
}

void
svec_neg(svec_t x)
{
    _fmpz_vec_neg(x->val, x->val, x->len);
}

fmpz *
svec_find(const svec_t x, slong i)
{
    slong lo = 0, hi = x->len - 1;
    while (lo <= hi)
    {
        slong mid = (lo + hi) / 2;
        if (x->idx[mid] == i)
            return x->val + mid;
        if (x->idx[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return NULL;
}

static void
_occ_append(slong ** occ, slong * nocc, slong * aocc, slong row, slong self)
{
    if (nocc[row] == aocc[row])
    {
        aocc[row] = FLINT_MAX(4, 2 * aocc[row]);
        occ[row] = flint_realloc(occ[row], aocc[row] * sizeof(slong));
    }
    occ[row][nocc[row]++] = self;
}

void
svec_axpy(svec_t x, const fmpz_t q, const svec_t y, slong ** occ, slong * nocc, slong * aocc, slong self)
{
    if (y->len == 0 || fmpz_is_zero(q))
        return;
    slong cap = x->len + y->len, i = 0, j = 0, k = 0;
    slong * idx = flint_malloc(cap * sizeof(slong));
    fmpz * val = _fmpz_vec_init(cap);
    /* merge of two sorted index lists */
    while (i < x->len || j < y->len)
    {
        if (j == y->len || (i < x->len && x->idx[i] < y->idx[j]))
        {
            idx[k] = x->idx[i];
            fmpz_swap(val + k, x->val + i);
            i++;
        }
        else
        {
            idx[k] = y->idx[j];
            if (i < x->len && x->idx[i] == y->idx[j])
                fmpz_swap(val + k, x->val + i++);
            else if (occ != NULL)
                _occ_append(occ, nocc, aocc, y->idx[j], self);
            fmpz_addmul(val + k, q, y->val + j);
            j++;
        }
        if (!fmpz_is_zero(val + k))
            k++;
    }
    if (x->alloc > 0)
        _fmpz_vec_clear(x->val, x->alloc);
    flint_free(x->idx);
    x->idx = idx;
    x->val = val;
    x->len = k;
    x->alloc = cap;
}
