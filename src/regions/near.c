/* Local exploration from a point (regions.h: regions_explore_near): breadth
   first across the facets of the regions, each crossing computed exactly.

   Crossing facet F of region R, where neuron k vanishes, into the neighbour
   R': at a generic point q of F every other pre-activation is nonzero unless
   it vanishes on all of F (a second neuron with the same row on R), so R' has
   R's signs except at k, at those, and at the later neurons that are
   identically zero on R. Such a neuron is zero on F, so on R' its
   pre-activation is lambda z_k; its sign there is that of lambda times the
   sign of z_k on R', i.e. -s_k sign(a'_j . a_k), or 0 if it vanishes on R'
   too. Every neighbour is checked full-dimensional by an exact LP. */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "regions/lp_internal.h"
#include "util/bitset.h"

typedef struct
{
    regions_layers_struct Ls[1];
    const regions_hdomain_struct * D;
    slong n, d, N, cap;
    fmpz * rows, * frows, * rz;
    slong * src, * fsrc;
    slong * same;              /* per neuron: the earlier neuron with the same row, or -1 */
    unsigned char * active;
}
near_state;

/* Rows of the region with the signs `sign`: the domain's, then s_k z_k. */
static slong
_near_rows(near_state * S, const signed char * sign)
{
    slong d = S->d, m = S->D->m;
    for (slong k = 0; k < S->N; k++)
        S->active[k] = sign[k] > 0;
    for (slong j = 0; j < S->Ls->L; j++)
        _regions_layers_rows(S->Ls, j, S->active);
    _fmpz_vec_set(S->rows, S->D->rows, m * d);
    for (slong j = 0; j < m; j++)
        S->src[j] = S->D->src[j];
    for (slong k = 0; k < S->N; k++)
        S->same[k] = -1;
    for (slong k = 0; k < S->N; k++)
        if (sign[k] != 0)
        {
            /* a row equal to an earlier one is left out: on a domain row it is
               that boundary; on another neuron's, crossing would flip both */
            _fmpz_vec_scalar_mul_si(S->rows + m * d, S->Ls->zint + k * d, d, sign[k]);
            slong j = 0;
            while (j < m && !_fmpz_vec_equal(S->rows + j * d, S->rows + m * d, d))
                j++;
            if (j == m)
                S->src[m++] = k;
            else if (!POLY_SRC_IS_DOMAIN(S->src[j]))
                S->same[k] = S->src[j];
        }
    return m;
}

/* The signs across the facet of neuron k (see the top of the file); the
   region's own rows are in S->rz. The neurons that vanish on the facet are k,
   those with the same row (S->same) and those identically zero on the
   region; each of them gets its sign from its new row, lambda f, on the far
   side f < 0 of the facet row f = s_k z_k; the others keep theirs. */
static void
_near_cross(near_state * S, signed char * nsign, const signed char * sign, slong k)
{
    slong d = S->d, n = S->n;
    fmpz_t t;
    fmpz_init(t);
    memcpy(nsign, sign, S->N);
    for (slong i = 0; i < S->N; i++)
        S->active[i] = nsign[i] > 0;
    for (slong j = 0; j < S->Ls->L; j++)
    {
        _regions_layers_rows(S->Ls, j, S->active);
        for (slong i = S->Ls->first[j]; i < S->Ls->first[j + 1]; i++)
        {
            if (i != k && S->same[i] != k && !_fmpz_vec_is_zero(S->rz + i * d, d))
                continue;   /* nonzero on the facet: keeps its sign */
            const fmpz * z = S->Ls->zint + i * d;
            if (_fmpz_vec_is_zero(z, d))
                nsign[i] = 0;
            else
            {
                poly_vec_dot(t, z + 1, S->rz + k * d + 1, n);
                nsign[i] = -sign[k] * fmpz_sgn(t);
            }
            S->active[i] = nsign[i] > 0;
        }
    }
    fmpz_clear(t);
}

/* The signs at x, or RELU_E_INPUT when x lies on a region boundary. */
static int
_near_start(near_state * S, signed char * sign, const fmpq * x, rc_error_t err)
{
    slong d = S->d, n = S->n;
    fmpq_t v;
    fmpq_init(v);
    int rc = RELU_OK;
    for (slong j = 0; j < S->D->m && rc == RELU_OK; j++)
    {
        _regions_row_at(v, S->D->rows + j * d, x, n);
        if (fmpq_sgn(v) <= 0)
            rc = rc_error_set(err, RELU_E_INPUT, "the point is not in the interior of the domain");
    }
    memset(S->active, 0, S->N);
    for (slong j = 0; j < S->Ls->L && rc == RELU_OK; j++)
    {
        _regions_layers_rows(S->Ls, j, S->active);
        for (slong k = S->Ls->first[j]; k < S->Ls->first[j + 1] && rc == RELU_OK; k++)
        {
            const fmpz * z = S->Ls->zint + k * d;
            _regions_row_at(v, z, x, n);
            sign[k] = fmpq_sgn(v);
            S->active[k] = sign[k] > 0;
            if (sign[k] == 0 && !_fmpz_vec_is_zero(z, d))
                rc = rc_error_set(err, RELU_E_INPUT,
                                  "the point lies on the boundary of a region (neuron %ld vanishes there); give a point inside a region",
                                  (long) k);
        }
    }
    fmpq_clear(v);
    return rc;
}

static void
_near_key(bword * key, const signed char * sign, slong N, slong w)
{
    bs_zero(key, w);
    for (slong k = 0; k < N; k++)
        if (sign[k] > 0)
            bs_set(key, k);
}

/* Emits the region with the signs `sign` at BFS distance dist and queues its
   unseen neighbours. */
static int
_near_visit(near_state * S, region_h_struct * R, const signed char * sign, const fmpq * x0, bsset_t seen,
            signed char ** queue, slong ** qdist, slong * qnum, slong * qalloc, slong dist, slong radius,
            region_h_callback cb, void * data, rc_error_t err)
{
    slong d = S->d, n = S->n, N = S->N, w = BS_WORDS(FLINT_MAX(N, 1));
    slong m = _near_rows(S, sign);
    _fmpz_vec_set(S->rz, S->Ls->zint, N * d);
    fmpq * x = _fmpq_vec_init(FLINT_MAX(n, 1));
    fmpq_t t;
    fmpq_init(t);
    int rc = RELU_OK;
    if (x0 != NULL)
        _regions_qvec_set(x, x0, n);
    else
    {
        rc = _regions_lp_center(x, t, S->rows, m, n, err);
        if (rc == RELU_OK && fmpq_sgn(t) <= 0)
            rc = rc_error_set(err, RELU_E_INTERNAL, "internal error: a region across a facet is not full-dimensional");
    }
    R->point = x;
    R->active = S->active;
    R->sign = sign;
    R->zrows = S->rz;
    R->distance = dist;
    if (rc == RELU_OK)
        rc = _regions_h_finish(R, S->frows, S->fsrc, S->rows, S->src, m, S->D->bounded, err);
    for (slong k = 0; k < N; k++)
        S->active[k] = sign[k] > 0;
    if (rc == RELU_OK)
        rc = cb(data, R);
    bword * key = flint_calloc(w, sizeof(bword));
    signed char * nsign = flint_malloc(FLINT_MAX(N, 1));
    for (slong f = 0; f < R->m && rc == RELU_OK && (radius < 0 || dist < radius); f++)
    {
        slong k = R->src[f];
        if (POLY_SRC_IS_DOMAIN(k))
            continue;
        _near_cross(S, nsign, sign, k);
        _near_key(key, nsign, N, w);
        int is_new;
        bsset_insert(seen, key, &is_new);
        if (!is_new)
            continue;
        if (*qnum == *qalloc)
        {
            *qalloc = 2 * *qalloc + 16;
            *queue = flint_realloc(*queue, *qalloc * FLINT_MAX(N, 1));
            *qdist = flint_realloc(*qdist, *qalloc * sizeof(slong));
        }
        memcpy(*queue + *qnum * FLINT_MAX(N, 1), nsign, N);
        (*qdist)[*qnum] = dist + 1;
        (*qnum)++;
    }
    flint_free(key);
    flint_free(nsign);
    _fmpq_vec_clear(x, FLINT_MAX(n, 1));
    fmpq_clear(t);
    return rc;
}

int
regions_explore_near(int * complete, const net_t net, const regions_hdomain_t D, const fmpq * x,
                     slong max_regions, slong radius, region_h_callback cb, void * data, rc_error_t err)
{
    if (net_check_no_groups(net, "the local exploration (--near)", err))
        return err->code;
    near_state S;
    _regions_layers_init(S.Ls, net);
    S.D = D;
    S.n = S.Ls->n;
    S.d = S.Ls->d;
    S.N = S.Ls->N;
    S.cap = D->m + S.N;
    slong N1 = FLINT_MAX(S.N, 1), c1 = FLINT_MAX(S.cap, 1), w = BS_WORDS(N1);
    S.rows = _fmpz_vec_init(c1 * S.d);
    S.frows = _fmpz_vec_init(c1 * S.d);
    S.rz = _fmpz_vec_init(N1 * S.d);
    S.src = flint_malloc(c1 * sizeof(slong));
    S.fsrc = flint_malloc(c1 * sizeof(slong));
    S.same = flint_malloc(N1 * sizeof(slong));
    S.active = flint_calloc(N1, 1);
    signed char * queue = flint_malloc(16 * N1);
    slong * qdist = flint_malloc(16 * sizeof(slong)), qnum = 1, qalloc = 16, head = 0, emitted = 0;
    bsset_t seen;
    bsset_init(seen, w);
    bword * key = flint_calloc(w, sizeof(bword));
    *complete = 1;
    int rc = _near_start(&S, queue, x, err);
    qdist[0] = 0;
    if (rc == RELU_OK)
    {
        int is_new;
        _near_key(key, queue, S.N, w);
        bsset_insert(seen, key, &is_new);
    }
    signed char * sign = flint_malloc(N1);
    while (rc == RELU_OK && head < qnum)
    {
        if (max_regions > 0 && emitted >= max_regions)
        {
            *complete = 0;
            break;
        }
        region_h_struct R;
        R.n = S.n;
        R.N = S.N;
        R.index = emitted++;
        memcpy(sign, queue + head * N1, N1);
        slong dist = qdist[head++];
        rc = _near_visit(&S, &R, sign, head == 1 ? x : NULL, seen, &queue, &qdist, &qnum, &qalloc, dist, radius,
                         cb, data, err);
    }
    flint_free(sign);
    flint_free(key);
    bsset_clear(seen);
    flint_free(queue);
    flint_free(qdist);
    flint_free(S.active);
    flint_free(S.same);
    flint_free(S.src);
    flint_free(S.fsrc);
    _fmpz_vec_clear(S.rows, c1 * S.d);
    _fmpz_vec_clear(S.frows, c1 * S.d);
    _fmpz_vec_clear(S.rz, N1 * S.d);
    _regions_layers_clear(S.Ls);
    return rc;
}
