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
   layer). */
#include <flint/fmpz_vec.h>
#include "regions/regions.h"

static slong
_iter_layer_of(const regions_iter_struct * it, slong k)
{
    slong j = 0;
    while (it->first[j + 1] <= k)
        j++;
    return j;
}

/* Z[j] = W_j H[j-1] + b_j + the shortcuts (net_layer_rows), with H[j-1] =
   diag(active) Z[j-1]; a shortcut reads an H[i], i < j - 1, still valid for the
   same reason as the rows (it was set on entry to layer i + 1, on this path). */
static void
_iter_layer_rows(regions_iter_struct * it, slong j)
{
    const net_layer_struct * layer = it->net->layers + j;
    fmpq_mat_struct * Z = it->Z + j;
    slong w = layer->W->r, d = it->n + 1;
    if (j > 0)
    {
        fmpq_mat_struct * H = it->H + j - 1, * Zp = it->Z + j - 1;
        for (slong r = 0; r < Zp->r; r++)
            for (slong k = 0; k < d; k++)
            {
                if (it->active[it->first[j - 1] + r])
                    fmpq_set(fmpq_mat_entry(H, r, k), fmpq_mat_entry(Zp, r, k));
                else
                    fmpq_zero(fmpq_mat_entry(H, r, k));
            }
    }
    net_layer_rows(Z, it->net, j, it->H);
    for (slong r = 0; r < w; r++)
        poly_vec_from_fmpq(it->zint + (it->first[j] + r) * d, Z->rows[r], d);
}

void
regions_iter_init(regions_iter_t it, const net_t net, const poly_t domain)
{
    it->net = net;
    it->n = net->input_dim;
    it->N = net_num_hidden(net);
    slong L = net->nlayers - 1, d = it->n + 1;
    it->first = flint_malloc((L + 1) * sizeof(slong));
    it->first[0] = 0;
    for (slong j = 0; j < L; j++)
        it->first[j + 1] = it->first[j] + net->layers[j].W->r;
    it->Z = flint_malloc(FLINT_MAX(L, 1) * sizeof(fmpq_mat_struct));
    it->H = flint_malloc(FLINT_MAX(L, 1) * sizeof(fmpq_mat_struct));
    for (slong j = 0; j < L; j++)
    {
        fmpq_mat_init(it->Z + j, net->layers[j].W->r, d);
        fmpq_mat_init(it->H + j, net->layers[j].W->r, d);
    }
    it->zint = _fmpz_vec_init(FLINT_MAX(it->N, 1) * d);
    it->active = flint_calloc(FLINT_MAX(it->N, 1), 1);
    it->sign = flint_calloc(FLINT_MAX(it->N, 1), 1);
    it->stack = flint_malloc((it->N + 1) * sizeof(poly_struct *));
    it->stack_k = flint_malloc((it->N + 1) * sizeof(slong));
    it->current = NULL;
    it->count = 0;
    it->split = -1;
    it->part = 0;
    it->nparts = 1;
    it->subtree = 0;
    poly_struct * P = flint_malloc(sizeof(poly_struct));
    poly_init(P, it->n);
    poly_set(P, domain);
    /* the domain is "pending at neuron -1": resuming it descends from neuron 0 */
    it->stack[0] = P;
    it->stack_k[0] = -1;
    it->depth = 1;
}

static void
_iter_free_poly(poly_struct * P)
{
    if (P != NULL)
    {
        poly_clear(P);
        flint_free(P);
    }
}

void
regions_iter_clear(regions_iter_t it)
{
    slong L = it->net->nlayers - 1;
    _iter_free_poly(it->current);
    for (slong i = 0; i < it->depth; i++)
        _iter_free_poly(it->stack[i]);
    for (slong j = 0; j < L; j++)
    {
        fmpq_mat_clear(it->Z + j);
        fmpq_mat_clear(it->H + j);
    }
    flint_free(it->Z);
    flint_free(it->H);
    _fmpz_vec_clear(it->zint, FLINT_MAX(it->N, 1) * (it->n + 1));
    flint_free(it->active);
    flint_free(it->sign);
    flint_free(it->stack);
    flint_free(it->stack_k);
    flint_free(it->first);
}

void
regions_iter_set_part(regions_iter_t it, slong split, slong part, slong nparts)
{
    it->split = (split >= 0 && split <= it->N) ? split : -1;
    it->part = part;
    it->nparts = FLINT_MAX(nparts, 1);
}

/* The pieces reaching neuron `split` are numbered in traversal order (the
   subtrees); a part keeps those congruent to `part` modulo `nparts`. */
static int
_iter_keep_subtree(regions_iter_struct * it)
{
    slong t = it->subtree++;
    return t % it->nparts == it->part;
}

/* Descends from neuron k + 1 with P (sign of k already set), pushing the active
   side of every split; returns the leaf, or NULL when its subtree is not kept. */
static poly_struct *
_iter_descend(regions_iter_struct * it, poly_struct * P, slong k)
{
    for (k = k + 1; ; k++)
    {
        if (k == it->split && !_iter_keep_subtree(it))
        {
            _iter_free_poly(P);
            return NULL;
        }
        if (k == it->N)
            return P;
        slong j = _iter_layer_of(it, k);
        if (k == it->first[j])
            _iter_layer_rows(it, j);
        const fmpz * g = it->zint + k * (it->n + 1);
        int side = poly_side(P, g);
        if (side != POLY_CUT)
        {
            it->sign[k] = side;
            it->active[k] = (side > 0);
            continue;
        }
        poly_struct * A = flint_malloc(sizeof(poly_struct));
        poly_struct * B = flint_malloc(sizeof(poly_struct));
        poly_init(A, it->n);
        poly_init(B, it->n);
        poly_split(A, B, P, g, k);
        _iter_free_poly(P);
        it->stack[it->depth] = B;       /* the active side waits */
        it->stack_k[it->depth] = k;
        it->depth++;
        it->sign[k] = -1;
        it->active[k] = 0;
        P = A;
    }
}

const region_struct *
regions_iter_next(regions_iter_t it)
{
    _iter_free_poly(it->current);
    it->current = NULL;
    poly_struct * P = NULL;
    while (P == NULL)
    {
        if (it->depth == 0)
            return NULL;
        /* resume the most recent pending piece: the active side of neuron k */
        it->depth--;
        slong k = it->stack_k[it->depth];
        if (k >= 0)
        {
            it->sign[k] = 1;
            it->active[k] = 1;
        }
        P = _iter_descend(it, it->stack[it->depth], k);
    }
    it->current = P;
    it->R->P = P;
    it->R->index = it->count++;
    it->R->subtree = it->subtree - 1;
    it->R->N = it->N;
    it->R->active = it->active;
    it->R->sign = it->sign;
    it->R->zrows = it->zint;
    return it->R;
}
