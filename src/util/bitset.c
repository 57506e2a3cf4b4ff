#include <stdlib.h>
#include "util/bitset.h"

void
bsset_init(bsset_t S, slong w)
{
    S->w = w;
    S->num = 0;
    S->alloc = 16;
    S->keys = flint_malloc(S->alloc * FLINT_MAX(w, 1) * sizeof(bword));
    S->tsize = 32;
    S->table = flint_malloc(2 * S->tsize * sizeof(slong));
    for (slong i = 0; i < S->tsize; i++)
        S->table[2 * i] = -1;
}

void
bsset_clear(bsset_t S)
{
    flint_free(S->keys);
    flint_free(S->table);
}

void
bsset_reset(bsset_t S)
{
    S->num = 0;
    for (slong i = 0; i < S->tsize; i++)
        S->table[2 * i] = -1;
}

static void
bsset_grow_table(bsset_t S)
{
    slong ts = 2 * S->tsize;
    flint_free(S->table);
    S->table = flint_malloc(2 * ts * sizeof(slong));
    S->tsize = ts;
    for (slong i = 0; i < ts; i++)
        S->table[2 * i] = -1;
    for (slong k = 0; k < S->num; k++)
    {
        const bword * a = S->keys + k * S->w;
        ulong h = bs_hash(a, S->w) & (ts - 1);
        while (S->table[2 * h] != -1)
            h = (h + 1) & (ts - 1);
        S->table[2 * h] = k;
        S->table[2 * h + 1] = (slong) (S->w > 0 ? a[0] : 0);
    }
}

slong
bsset_insert(bsset_t S, const bword * a, int * is_new)
{
    ulong mask = S->tsize - 1;
    ulong h = bs_hash(a, S->w) & mask;
    slong a0 = (slong) (S->w > 0 ? a[0] : 0);
    while (S->table[2 * h] != -1)
    {
        slong k = S->table[2 * h];
        if (S->table[2 * h + 1] == a0 && (S->w <= 1 || bs_equal(S->keys + k * S->w, a, S->w)))
        {
            if (is_new) *is_new = 0;
            return k;
        }
        h = (h + 1) & mask;
    }
    if (S->num == S->alloc)
    {
        S->alloc *= 2;
        S->keys = flint_realloc(S->keys, S->alloc * FLINT_MAX(S->w, 1) * sizeof(bword));
    }
    bs_copy(S->keys + S->num * S->w, a, S->w);
    S->table[2 * h] = S->num;
    S->table[2 * h + 1] = a0;
    S->num++;
    if (is_new) *is_new = 1;
    if (2 * S->num > S->tsize)
        bsset_grow_table(S);
    return S->num - 1;
}
