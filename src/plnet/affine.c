/* The affine operations of a graph as lists of terms: output entry e gets
   c * (entry j of input i) and constants. One implementation of every affine
   op's index arithmetic, consumed by plain evaluation (dense forms, D = 1) and
   by the lowering (sparse forms over the sources). */
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet.h"

#define TERM(e, i, j, c) s->term(s->ctx, (e), (i), (j), (c))
#define CONST(e, c) s->constant(s->ctx, (e), (c))

static const plnet_shape *
_in_shape(const plnet_t g, const plnet_node_struct * v, slong i)
{
    return v->inputs[i] < 0 ? &g->input : &g->nodes[v->inputs[i]].shape;
}

/* A [C, L] tensor seen as [C, 1, L]: one loop serves 1D and 2D windows. */
typedef struct
{
    slong C, H, W, OH, OW, k[2], s[2], p[2], d[2];
}
_window;

static void
_window_set(_window * z, const plnet_shape * in, const plnet_node_struct * v)
{
    int two = (in->ndims == 3);
    z->C = in->dims[0];
    z->H = two ? in->dims[1] : 1;
    z->W = two ? in->dims[2] : in->dims[1];
    z->OH = two ? v->shape.dims[1] : 1;
    z->OW = two ? v->shape.dims[2] : v->shape.dims[1];
    z->k[0] = two ? v->kernel[0] : 1;
    z->k[1] = two ? v->kernel[1] : v->kernel[0];
    z->s[0] = two ? v->stride[0] : 1;
    z->s[1] = two ? v->stride[1] : v->stride[0];
    z->p[0] = two ? v->padding[0] : 0;
    z->p[1] = two ? v->padding[1] : v->padding[0];
    z->d[0] = two ? v->dilation[0] : 1;
    z->d[1] = two ? v->dilation[1] : v->dilation[0];
}

/* Cross-correlation as torch.nn.Conv1d/Conv2d: weights [out, in/groups, kh, kw]. */
static void
_conv(const plnet_node_struct * v, const _window * z, const plnet_affine_sink * s)
{
    slong Cout = v->shape.dims[0], G = v->groups, cin = z->C / G, cout = Cout / G;
    for (slong co = 0; co < Cout; co++)
        for (slong oh = 0; oh < z->OH; oh++)
            for (slong ow = 0; ow < z->OW; ow++)
            {
                slong e = (co * z->OH + oh) * z->OW + ow;
                CONST(e, v->b + co);
                for (slong ci = 0; ci < cin; ci++)
                    for (slong a = 0; a < z->k[0]; a++)
                        for (slong c = 0; c < z->k[1]; c++)
                        {
                            slong ih = oh * z->s[0] - z->p[0] + a * z->d[0];
                            slong iw = ow * z->s[1] - z->p[1] + c * z->d[1];
                            if (ih < 0 || ih >= z->H || iw < 0 || iw >= z->W)
                                continue;    /* zero padding */
                            slong cc = (co / cout) * cin + ci;
                            TERM(e, 0, (cc * z->H + ih) * z->W + iw, v->w + ((co * cin + ci) * z->k[0] + a) * z->k[1] + c);
                        }
            }
}

/* avg_pool (padding counted in the mean, as PyTorch's default) and sum_pool. */
static void
_pool(const plnet_node_struct * v, const _window * z, const plnet_affine_sink * s)
{
    fmpq_t c;
    fmpq_init(c);
    fmpq_one(c);
    if (v->op == PLNET_AVG_POOL)
        fmpq_set_si(c, 1, z->k[0] * z->k[1]);
    for (slong ch = 0; ch < z->C; ch++)
        for (slong oh = 0; oh < z->OH; oh++)
            for (slong ow = 0; ow < z->OW; ow++)
                for (slong a = 0; a < z->k[0]; a++)
                    for (slong b = 0; b < z->k[1]; b++)
                    {
                        slong ih = oh * z->s[0] - z->p[0] + a, iw = ow * z->s[1] - z->p[1] + b;
                        if (ih >= 0 && ih < z->H && iw >= 0 && iw < z->W)
                            TERM((ch * z->OH + oh) * z->OW + ow, 0, (ch * z->H + ih) * z->W + iw, c);
                    }
    fmpq_clear(c);
}

static void
_concat(const plnet_t g, const plnet_node_struct * v, const plnet_affine_sink * s, const fmpq_t one)
{
    slong a = v->axis, outer = 1, inner = 1, A = v->shape.dims[a], off = 0;
    for (int k = 0; k < a; k++)
        outer *= v->shape.dims[k];
    for (int k = a + 1; k < v->shape.ndims; k++)
        inner *= v->shape.dims[k];
    for (slong i = 0; i < v->ninputs; i++)
    {
        slong Ai = _in_shape(g, v, i)->dims[a];
        for (slong o = 0; o < outer; o++)
            for (slong t = 0; t < Ai; t++)
                for (slong r = 0; r < inner; r++)
                    TERM((o * A + off + t) * inner + r, i, (o * Ai + t) * inner + r, one);
        off += Ai;
    }
}

/* dense, batch_norm, add, mul, global_avg_pool, flatten, reshape, identity */
static void
_simple(const plnet_t g, const plnet_node_struct * v, const plnet_affine_sink * s, const fmpq_t one)
{
    slong m = v->shape.size, n = _in_shape(g, v, 0)->size;
    fmpq_t c;
    fmpq_init(c);
    if (v->op == PLNET_DENSE)
        for (slong r = 0; r < m; r++)
        {
            CONST(r, v->b + r);
            for (slong j = 0; j < n; j++)
                if (!fmpq_is_zero(v->w + r * n + j))
                    TERM(r, 0, j, v->w + r * n + j);
        }
    else if (v->op == PLNET_BATCH_NORM)
        for (slong e = 0, per = m / v->wlen; e < m; e++)
        {
            CONST(e, v->b + e / per);
            TERM(e, 0, e, v->w + e / per);
        }
    else if (v->op == PLNET_ADD)
        for (slong e = 0; e < m; e++)
        {
            CONST(e, v->b + (v->blen == 1 ? 0 : e));
            for (slong i = 0; i < v->ninputs; i++)
                TERM(e, i, e, v->w + i);
        }
    else if (v->op == PLNET_MUL)
        for (slong e = 0; e < m; e++)
            TERM(e, 0, e, v->w + (v->wlen == 1 ? 0 : e));
    else if (v->op == PLNET_GLOBAL_AVG_POOL)   /* [C, ...] -> [C] */
    {
        fmpq_set_si(c, 1, n / m);
        for (slong e = 0; e < n; e++)
            TERM(e / (n / m), 0, e, c);
    }
    else    /* flatten, reshape, identity: the same entries */
        for (slong e = 0; e < m; e++)
            TERM(e, 0, e, one);
    fmpq_clear(c);
}

void
plnet_node_affine_terms(const plnet_t g, slong node, const plnet_affine_sink * s)
{
    const plnet_node_struct * v = g->nodes + node;
    _window z;
    fmpq_t one;
    fmpq_init(one);
    fmpq_one(one);
    switch (v->op)
    {
        case PLNET_CONV:
            _window_set(&z, _in_shape(g, v, 0), v);
            _conv(v, &z, s);
            break;
        case PLNET_AVG_POOL:
        case PLNET_SUM_POOL:
            _window_set(&z, _in_shape(g, v, 0), v);
            _pool(v, &z, s);
            break;
        case PLNET_CONCAT:
            _concat(g, v, s, one);
            break;
        default:
            if (plnet_op_is_unit(v->op))
                abort();   /* a unit is not an affine operation */
            _simple(g, v, s, one);
    }
    fmpq_clear(one);
}

/* ---- dense forms --------------------------------------------------------- */
typedef struct
{
    fmpq * out;
    const fmpq * const * ins;
    slong D;
}
_dense;

static void
_dense_term(void * ctx, slong e, slong i, slong j, const fmpq_t c)
{
    _dense * d = ctx;
    const fmpq * in = d->ins[i] + j * d->D;
    if (fmpq_is_zero(c))
        return;
    for (slong k = 0; k < d->D; k++)
        if (!fmpq_is_zero(in + k))
            fmpq_addmul(d->out + e * d->D + k, in + k, c);
}

static void
_dense_constant(void * ctx, slong e, const fmpq_t c)
{
    _dense * d = ctx;
    fmpq_add(d->out + e * d->D + d->D - 1, d->out + e * d->D + d->D - 1, c);
}

void
plnet_node_affine(fmpq * out, const plnet_t g, slong node, const fmpq * const * ins, slong D)
{
    _dense d = { out, ins, D };
    plnet_affine_sink s = { _dense_term, _dense_constant, &d };
    for (slong k = 0; k < g->nodes[node].shape.size * D; k++)
        fmpq_zero(out + k);
    plnet_node_affine_terms(g, node, &s);
}
