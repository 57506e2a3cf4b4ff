/* Sparse affine forms for the lowering of graphs (net/lower.c): lists of
   (coordinate, coefficient), built unsorted by appending and then normalised
   (sorted, merged, zeros dropped). */
#include <stdlib.h>
#include <flint/flint.h>
#include "net/net-impl.h"

void
_net_form_init(net_form_struct * f)
{
    f->len = f->alloc = 0;
    f->idx = NULL;
    f->val = NULL;
}

void
_net_form_clear(net_form_struct * f)
{
    for (slong k = 0; k < f->alloc; k++)
        fmpq_clear(f->val + k);
    flint_free(f->idx);
    flint_free(f->val);
    _net_form_init(f);
}

static void
_fit(net_form_struct * f, slong need)
{
    if (need <= f->alloc)
        return;
    slong a = FLINT_MAX(need, 2 * f->alloc + 4);
    f->idx = flint_realloc(f->idx, a * sizeof(slong));
    f->val = flint_realloc(f->val, a * sizeof(fmpq));
    for (slong k = f->alloc; k < a; k++)
        fmpq_init(f->val + k);
    f->alloc = a;
}

void
_net_form_append(net_form_struct * f, slong idx, const fmpq_t c)
{
    if (fmpq_is_zero(c))
        return;
    _fit(f, f->len + 1);
    f->idx[f->len] = idx;
    fmpq_set(f->val + f->len++, c);
}

void
_net_form_append_scaled(net_form_struct * f, const net_form_struct * src, const fmpq_t c)
{
    if (fmpq_is_zero(c))
        return;
    _fit(f, f->len + src->len);
    for (slong k = 0; k < src->len; k++)
    {
        f->idx[f->len] = src->idx[k];
        fmpq_mul(f->val + f->len++, src->val + k, c);
    }
}

typedef struct { slong idx, pos; } _pair;

static int
_pair_cmp(const void * a, const void * b)
{
    const _pair * x = a, * y = b;
    return x->idx != y->idx ? (x->idx < y->idx ? -1 : 1) : (x->pos < y->pos ? -1 : x->pos > y->pos);
}

void
_net_form_normalize(net_form_struct * f)
{
    slong n = f->len, sorted = 1;
    for (slong k = 1; k < n && sorted; k++)
        sorted = f->idx[k - 1] < f->idx[k];
    if (!sorted)
    {
        _pair * p = flint_malloc(n * sizeof(_pair));
        for (slong k = 0; k < n; k++)
            p[k].idx = f->idx[k], p[k].pos = k;
        qsort(p, n, sizeof(_pair), _pair_cmp);
        net_form_struct t;
        _net_form_init(&t);
        _fit(&t, n);
        for (slong k = 0; k < n; k++)
        {
            if (t.len > 0 && t.idx[t.len - 1] == p[k].idx)
                fmpq_add(t.val + t.len - 1, t.val + t.len - 1, f->val + p[k].pos);
            else
            {
                t.idx[t.len] = p[k].idx;
                fmpq_set(t.val + t.len++, f->val + p[k].pos);
            }
        }
        flint_free(p);
        _net_form_clear(f);
        *f = t;
    }
    slong u = 0;
    for (slong k = 0; k < f->len; k++)
        if (!fmpq_is_zero(f->val + k))
        {
            f->idx[u] = f->idx[k];
            fmpq_swap(f->val + u++, f->val + k);
        }
    f->len = u;
}
