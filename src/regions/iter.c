/* The region search: a depth-first traversal over the hidden neurons, layer by
   layer, with an explicit stack of pending pieces, so a caller (a Python
   generator, say) can pull one region at a time; regions_enumerate and the
   parallel parts are loops over it (src/regions/enumerate.c). At each neuron
   a piece on which the pre-activation takes both signs is split: the inactive
   side is explored first, the active side waits on the stack. The order is
   lexicographic in the patterns and memory stays bounded by the depth: at
   most one pending piece per hidden neuron.

   Why the layer rows stay valid: a pending piece at neuron k is resumed only
   after the whole inactive subtree below k is done, and that subtree rewrote
   only the rows of layers after k's layer (they are recomputed on entry to each
   layer).

   Cost per region independent of the width (issue 19): each piece carries the
   list of the neurons "near" it, those of the layers entered so far whose
   hyperplane is not proved to miss its closure; a child tests only its
   parent's list. Soundness: if g > 0 (or < 0) on the closed piece Q (strictly
   at every vertex, not of the other sign along a ray, g constant on the
   lineality space: poly_position's "strict"), then on every piece P inside Q,
   g has the same strict sign at every point: it cannot cut P, its sign on P
   is its sign on Q (already recorded), and it vanishes on no face of P. So the
   first neuron after k in the list that cuts P is the first neuron after k
   that cuts P at all, the split the full scan would make: the tree, the
   regions, their order and their records are those of testing every neuron.
   Decided neurons (up to k) are not tested again on the way down (they cannot
   cut); they are pruned once, at the leaf, whose list is the region's `near`
   (region_struct). Each sign comes from poly_position (a float filter, exact
   when the filter is not sure).

   The lists live in one pool used as a stack: the current piece's list is on
   top; a split leaves it in place as the pending side's list (filtered by
   that side when it is resumed) and writes the inactive side's filtered list
   above it. A pending piece is resumed only when everything above its list
   is finished. */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "regions/iter-impl.h"

static slong
_iter_layer_of(const regions_iter_struct * it, slong k)
{
    slong j = 0;
    while (it->first[j + 1] <= k)
        j++;
    return j;
}

/* Layer j's rows on the current pattern: exact integer rows z (net_rows_layer,
   from the rows of the layers before j, still valid for the same reason as
   the rows: a shortcut's source layer was set on entry to it, on this path),
   their primitive forms and doubles. */
static void
_iter_layer_rows(regions_iter_struct * it, slong j)
{
    slong w = it->first[j + 1] - it->first[j], d = it->n + 1;
    net_rows_layer(it->zraw, it->rows, j, it->active);
    fmpz * z = it->zint + it->first[j] * d;
    _fmpz_vec_set(z, it->zraw + it->first[j] * d, w * d);
    for (slong r = 0; r < w; r++)
        poly_vec_make_primitive(z + r * d, d);
    poly_vec_get_d(it->zd + it->first[j] * d, z, w * d);
}

/* Room for len entries of the pool from offset off. */
static void
_iter_pool_fit(regions_iter_struct * it, slong off, slong len)
{
    if (off + len > it->pool_alloc)
    {
        it->pool_alloc = FLINT_MAX(off + len, 2 * it->pool_alloc);
        it->pool = flint_realloc(it->pool, it->pool_alloc * sizeof(slong));
    }
}

void
regions_iter_init(regions_iter_t it, const net_t net, const poly_t domain)
{
    it->net = net;
    it->n = net->input_dim;
    it->N = net_num_hidden(net);
    slong L = net->nlayers - 1, d = it->n + 1, N1 = FLINT_MAX(it->N, 1);
    it->L = L;
    net_rows_init(it->rows, net);
    it->first = it->rows->first;
    it->zraw = _fmpz_vec_init(N1 * d);
    it->zint = _fmpz_vec_init(N1 * d);
    it->zd = flint_calloc(N1 * d, sizeof(double));
    it->active = flint_calloc(N1, 1);
    it->sign = flint_calloc(N1, 1);
    it->stack = flint_malloc((it->N + 1) * sizeof(regions_piece_struct *));
    it->stack_k = flint_malloc((it->N + 1) * sizeof(slong));
    it->stack_off = flint_malloc((it->N + 1) * sizeof(slong));
    it->stack_len = flint_malloc((it->N + 1) * sizeof(slong));
    it->stack_cand = flint_malloc((it->N + 1) * sizeof(slong));
    it->group = net->group;
    it->pool_alloc = 4 * N1;
    it->pool = flint_malloc(it->pool_alloc * sizeof(slong));
    it->current = NULL;
    it->count = 0;
    it->split = -1;
    it->part = 0;
    it->nparts = 1;
    it->subtree = 0;
    it->filter = 1;
    it->tests = it->exact = 0;
    it->stamp = flint_malloc(N1 * sizeof(slong));
    for (slong k = 0; k < N1; k++)
        it->stamp[k] = -1;
    it->serial = 0;
    it->spare = NULL;
    it->nspare = it->aspare = 0;
    regions_piece_struct * X = _regions_piece_new(it);
    poly_set(X->P, domain);
    poly_dgens_set(X->D, X->P);
    poly_dgens_mark_minors(X->D, X->P);   /* new vertices by exact division (poly_split_take) */
    /* the domain is "pending at neuron -1" with an empty list: resuming it
       descends from neuron 0 */
    it->stack[0] = X;
    it->stack_k[0] = -1;
    it->stack_off[0] = 0;
    it->stack_len[0] = 0;
    it->stack_cand[0] = -1;
    it->depth = 1;
}

void
regions_iter_clear(regions_iter_t it)
{
    _regions_piece_free(it->current);
    for (slong i = 0; i < it->depth; i++)
        _regions_piece_free(it->stack[i]);
    for (slong i = 0; i < it->nspare; i++)
        _regions_piece_free(it->spare[i]);
    flint_free(it->spare);
    net_rows_clear(it->rows);
    _fmpz_vec_clear(it->zraw, FLINT_MAX(it->N, 1) * (it->n + 1));
    _fmpz_vec_clear(it->zint, FLINT_MAX(it->N, 1) * (it->n + 1));
    flint_free(it->zd);
    flint_free(it->active);
    flint_free(it->sign);
    flint_free(it->stack);
    flint_free(it->stack_k);
    flint_free(it->stack_off);
    flint_free(it->stack_len);
    flint_free(it->stack_cand);
    flint_free(it->pool);
    flint_free(it->stamp);
}

void
regions_iter_set_part(regions_iter_t it, slong split, slong part, slong nparts)
{
    it->split = (split >= 0 && split <= it->N) ? split : -1;
    it->part = part;
    it->nparts = FLINT_MAX(nparts, 1);
}

void
regions_iter_set_filter(regions_iter_t it, int filter)
{
    it->filter = (filter != 0);
}

/* The pieces reaching neuron `split` are numbered in traversal order (the
   subtrees); a part keeps those congruent to `part` modulo `nparts`. A piece
   whose neurons (k, hi] are all decided passes `split` when k < split <= hi. */
static int
_iter_drop_subtree(regions_iter_struct * it, slong k, slong hi)
{
    if (!(k < it->split && it->split <= hi))
        return 0;
    slong t = it->subtree++;
    return t % it->nparts != it->part;
}

/* Filters the list pool[src, src + len) by the piece X into pool[dst, ...)
   (dst == src, or the two disjoint). Neurons up to k are decided on this path
   (none can cut X) and are copied untested: only the leaf's list needs them
   pruned (_iter_near). Each neuron after k is tested: its sign is recorded if
   it does not cut X, and it is dropped when its hyperplane misses X's closure.
   *c gets the first neuron after k cutting X (-1: none). Returns the new
   length. */
static slong
_iter_filter(regions_iter_struct * it, const regions_piece_struct * X, slong k, slong dst, slong src,
             slong len, slong * c)
{
    slong d = it->n + 1, out = 0;
    const poly_dgens_struct * D = it->filter ? X->D : NULL;
    *c = -1;
    for (slong i = 0; i < len; i++)
    {
        slong m = it->pool[src + i];
        int strict = 0;
        if (m > k && _regions_in_group(it, m))
        {
            /* a max group is cut at its first member, always (group.c) */
            if (*c < 0 && it->group[m] == m)
                *c = m;
        }
        else if (m > k)
        {
            int side = poly_position(&strict, X->P, D, it->zint + m * d,
                                     it->filter ? it->zd + m * d : NULL, &it->exact);
            it->tests++;
            it->stamp[m] = it->serial;
            if (side == POLY_CUT)
            {
                if (*c < 0)
                    *c = m;
            }
            else
            {
                it->sign[m] = side;
                it->active[m] = (side > 0);
            }
        }
        if (!strict)
            it->pool[dst + out++] = m;
    }
    return out;
}

/* The leaf's near list, in place: drops the neurons whose hyperplane misses
   the closed region, testing only those not yet tested on it (stamp) that are
   not among its facets (a facet's neuron meets it). */
static slong
_iter_near(regions_iter_struct * it, const regions_piece_struct * X, slong off, slong len)
{
    slong d = it->n + 1, out = 0;
    const poly_dgens_struct * D = it->filter ? X->D : NULL;
    for (slong j = 1; j < X->P->ncons; j++)
        if (X->P->src[j] >= 0)
            it->stamp[X->P->src[j]] = it->serial;
    for (slong i = 0; i < len; i++)
    {
        slong m = it->pool[off + i];
        int strict = 0;
        if (it->stamp[m] != it->serial)
        {
            poly_position(&strict, X->P, D, it->zint + m * d, it->filter ? it->zd + m * d : NULL, &it->exact);
            it->tests++;
        }
        if (!strict)
            it->pool[off + out++] = m;
    }
    return out;
}

/* Splits X at neuron c: the active side waits on the stack with X's list
   pool[off, off + len); returns the inactive side, whose list the caller
   filters from there. */
static regions_piece_struct *
_iter_split(regions_iter_struct * it, regions_piece_struct * X, slong c, slong off, slong len)
{
    regions_piece_struct * A = _regions_piece_new(it);
    regions_piece_struct * B = _regions_piece_new(it);
    /* X is dropped: the active side takes its entries */
    slong d = it->n + 1;
    if (it->filter)
        poly_split_take(A->P, A->D, B->P, B->D, X->P, X->D, it->zint + c * d, it->zd + c * d, c, 1);
    else
        poly_split_take(A->P, NULL, B->P, NULL, X->P, NULL, it->zint + c * d, NULL, c, 1);
    _regions_piece_release(it, X);
    it->stack[it->depth] = B;
    it->stack_k[it->depth] = c;
    it->stack_off[it->depth] = off;
    it->stack_len[it->depth] = len;
    it->stack_cand[it->depth] = -1;
    it->depth++;
    it->sign[c] = -1;
    it->active[c] = 0;
    return A;
}

/* Cuts X by the max group of glen members from neuron c (group.c): the first
   full-dimensional cell (the highest member) is returned, and X waits on the
   stack with its list pool[off, off + len) and the next member to try. */
static regions_piece_struct *
_iter_group_split(regions_iter_struct * it, regions_piece_struct * X, slong c, slong glen, slong off, slong len)
{
    regions_piece_struct * C;
    slong t = _regions_group_next(&C, it, X, c, glen, glen - 1);
    if (t < 0)
        flint_abort();   /* the cells cover the full-dimensional X, so one of them is full-dimensional */
    if (t == 0)
    {
        _regions_piece_release(it, X);
        return C;
    }
    it->stack[it->depth] = X;
    it->stack_k[it->depth] = c;
    it->stack_off[it->depth] = off;
    it->stack_len[it->depth] = len;
    it->stack_cand[it->depth] = t - 1;
    it->depth++;
    return C;
}

static regions_piece_struct * _iter_descend(regions_iter_struct * it, regions_piece_struct * X, slong k, slong j,
                                            slong off, slong len);

/* Resumes the pending group piece on top of the stack (just popped) at its
   next candidate: its next full-dimensional cell is descended, the piece
   waiting again (with its list intact: the cell's list is a copy above it)
   while lower members remain. */
static regions_piece_struct *
_iter_group_resume(regions_iter_struct * it)
{
    slong s = it->depth, c = it->stack_k[s], off = it->stack_off[s], len = it->stack_len[s];
    slong glen = net_group_len(it->net, c);
    regions_piece_struct * X = it->stack[s], * C;
    slong t = _regions_group_next(&C, it, X, c, glen, it->stack_cand[s]);
    if (t <= 0)
        _regions_piece_release(it, X);
    if (t < 0)
        return NULL;
    if (t > 0)
    {
        it->stack_cand[s] = t - 1;
        it->depth++;
        _iter_pool_fit(it, off + len, len);
        memcpy(it->pool + off + len, it->pool + off, len * sizeof(slong));
        off += len;
    }
    return _iter_descend(it, C, c + glen - 1, _iter_layer_of(it, c), off, len);
}

/* Descends with X (signs of the neurons up to k and of the neurons not in its
   list set), its list pool[off, off + len) being its parent's, not yet
   filtered by X; j is the layer of k (-1 before the first). Pushes the active
   side of every split; returns the leaf, or NULL when its subtree is not kept. */
static regions_piece_struct *
_iter_descend(regions_iter_struct * it, regions_piece_struct * X, slong k, slong j, slong off, slong len)
{
    slong c;
    it->serial++;
    len = _iter_filter(it, X, k, off, off, len, &c);
    for (;;)
    {
        if (c >= 0)
        {
            /* c is the first neuron after k cutting X: split there (a max
               group: all its members at once) */
            slong last = c + (_regions_in_group(it, c) ? net_group_len(it->net, c) : 1) - 1;
            if (_iter_drop_subtree(it, k, last))
            {
                _regions_piece_release(it, X);
                return NULL;
            }
            X = last > c ? _iter_group_split(it, X, c, last - c + 1, off, len) : _iter_split(it, X, c, off, len);
            k = last;
            it->serial++;
            _iter_pool_fit(it, off + len, len);
            slong kept = _iter_filter(it, X, k, off + len, off, len, &c);
            off += len;
            len = kept;
            continue;
        }
        /* no neuron of layer j after k cuts X */
        slong hi = (j + 1 == it->L) ? it->N : it->first[j + 1] - 1;
        if (_iter_drop_subtree(it, k, hi))
        {
            _regions_piece_release(it, X);
            return NULL;
        }
        if (j + 1 == it->L)
        {
            it->R->near = it->pool + off;
            it->R->nnear = _iter_near(it, X, off, len);
            return X;
        }
        j++;
        _iter_layer_rows(it, j);
        slong w = it->first[j + 1] - it->first[j];
        _iter_pool_fit(it, off, len + w);
        for (slong r = 0; r < w; r++)
            it->pool[off + len + r] = it->first[j] + r;
        k = it->first[j] - 1;
        len += _iter_filter(it, X, k, off + len, off + len, w, &c);
    }
}

const region_struct *
regions_iter_next(regions_iter_t it)
{
    _regions_piece_release(it, it->current);
    it->current = NULL;
    regions_piece_struct * X = NULL;
    while (X == NULL)
    {
        if (it->depth == 0)
            return NULL;
        /* resume the most recent pending piece: the active side of neuron k */
        it->depth--;
        slong k = it->stack_k[it->depth];
        if (it->stack_cand[it->depth] >= 0)
        {
            X = _iter_group_resume(it);
            continue;
        }
        if (k >= 0)
        {
            it->sign[k] = 1;
            it->active[k] = 1;
        }
        X = _iter_descend(it, it->stack[it->depth], k, k >= 0 ? _iter_layer_of(it, k) : -1,
                          it->stack_off[it->depth], it->stack_len[it->depth]);
    }
    it->current = X;
    it->R->P = X->P;
    it->R->index = it->count++;
    it->R->subtree = it->subtree - 1;
    it->R->N = it->N;
    it->R->active = it->active;
    it->R->sign = it->sign;
    it->R->zrows = it->zint;
    it->R->group = it->group;
    it->R->zd = it->filter ? it->zd : NULL;
    it->R->D = it->filter ? X->D : NULL;
    return it->R;
}
