/* The affine operations of a graph, applied to affine forms of length D
   (plain values when D = 1, coefficient rows in the lowering): one
   implementation of every affine op's index arithmetic. */
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet.h"

/* out[0..D) += c * in[0..D) */
static void
_addmul(fmpq * out, const fmpq * in, const fmpq_t c, slong D)
{
    if (fmpq_is_zero(c))
        return;
    for (slong k = 0; k < D; k++)
        if (!fmpq_is_zero(in + k))
            fmpq_addmul(out + k, in + k, c);
}

static void
_add(fmpq * out, const fmpq * in, slong D)
{
    for (slong k = 0; k < D; k++)
        fmpq_add(out + k, out + k, in + k);
}

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
_conv(fmpq * out, const plnet_node_struct * v, const _window * z, const fmpq * in, slong D)
{
    slong Cout = v->shape.dims[0], G = v->groups, cin = z->C / G, cout = Cout / G;
    for (slong co = 0; co < Cout; co++)
        for (slong oh = 0; oh < z->OH; oh++)
            for (slong ow = 0; ow < z->OW; ow++)
            {
                fmpq * o = out + ((co * z->OH + oh) * z->OW + ow) * D;
                fmpq_add(o + D - 1, o + D - 1, v->b + co);
                for (slong ci = 0; ci < cin; ci++)
                    for (slong a = 0; a < z->k[0]; a++)
                        for (slong c = 0; c < z->k[1]; c++)
                        {
                            slong ih = oh * z->s[0] - z->p[0] + a * z->d[0];
                            slong iw = ow * z->s[1] - z->p[1] + c * z->d[1];
                            if (ih < 0 || ih >= z->H || iw < 0 || iw >= z->W)
                                continue;    /* zero padding */
                            slong cc = (co / cout) * cin + ci;
                            const fmpq * wt = v->w + ((co * cin + ci) * z->k[0] + a) * z->k[1] + c;
                            _addmul(o, in + ((cc * z->H + ih) * z->W + iw) * D, wt, D);
                        }
            }
}

/* avg_pool (padding counted in the mean, as PyTorch's default) and sum_pool. */
static void
_pool(fmpq * out, const plnet_node_struct * v, const _window * z, const fmpq * in, slong D)
{
    fmpq_t c;
    fmpq_init(c);
    fmpq_one(c);
    if (v->op == PLNET_AVG_POOL)
        fmpq_set_si(c, 1, z->k[0] * z->k[1]);
    for (slong ch = 0; ch < z->C; ch++)
        for (slong oh = 0; oh < z->OH; oh++)
            for (slong ow = 0; ow < z->OW; ow++)
            {
                fmpq * o = out + ((ch * z->OH + oh) * z->OW + ow) * D;
                for (slong a = 0; a < z->k[0]; a++)
                    for (slong b = 0; b < z->k[1]; b++)
                    {
                        slong ih = oh * z->s[0] - z->p[0] + a, iw = ow * z->s[1] - z->p[1] + b;
                        if (ih >= 0 && ih < z->H && iw >= 0 && iw < z->W)
                            _addmul(o, in + ((ch * z->H + ih) * z->W + iw) * D, c, D);
                    }
            }
    fmpq_clear(c);
}

static void
_concat(fmpq * out, const plnet_t g, const plnet_node_struct * v, const fmpq * const * ins, slong D)
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
                    _add(out + ((o * A + off + t) * inner + r) * D, ins[i] + ((o * Ai + t) * inner + r) * D, D);
        off += Ai;
    }
}

/* dense, batch_norm, add, mul, global_avg_pool: entrywise or one matrix. */
static void
_simple(fmpq * out, const plnet_t g, const plnet_node_struct * v, const fmpq * const * ins, slong D)
{
    slong m = v->shape.size, n = _in_shape(g, v, 0)->size;
    fmpq_t c;
    fmpq_init(c);
    if (v->op == PLNET_DENSE)
        for (slong r = 0; r < m; r++)
        {
            for (slong j = 0; j < n; j++)
                _addmul(out + r * D, ins[0] + j * D, v->w + r * n + j, D);
            fmpq_add(out + r * D + D - 1, out + r * D + D - 1, v->b + r);
        }
    else if (v->op == PLNET_BATCH_NORM)
        for (slong e = 0, per = m / v->wlen; e < m; e++)
        {
            _addmul(out + e * D, ins[0] + e * D, v->w + e / per, D);
            fmpq_add(out + e * D + D - 1, out + e * D + D - 1, v->b + e / per);
        }
    else if (v->op == PLNET_ADD)
        for (slong e = 0; e < m; e++)
        {
            for (slong i = 0; i < v->ninputs; i++)
                _addmul(out + e * D, ins[i] + e * D, v->w + i, D);
            fmpq_add(out + e * D + D - 1, out + e * D + D - 1, v->b + (v->blen == 1 ? 0 : e));
        }
    else if (v->op == PLNET_MUL)
        for (slong e = 0; e < m; e++)
            _addmul(out + e * D, ins[0] + e * D, v->w + (v->wlen == 1 ? 0 : e), D);
    else    /* global_avg_pool: [C, ...] -> [C] */
    {
        slong per = n / m;
        fmpq_set_si(c, 1, per);
        for (slong e = 0; e < n; e++)
            _addmul(out + (e / per) * D, ins[0] + e * D, c, D);
    }
    fmpq_clear(c);
}

void
plnet_node_affine(fmpq * out, const plnet_t g, slong node, const fmpq * const * ins, slong D)
{
    const plnet_node_struct * v = g->nodes + node;
    _window z;
    for (slong k = 0; k < v->shape.size * D; k++)
        fmpq_zero(out + k);
    switch (v->op)
    {
        case PLNET_CONV:
            _window_set(&z, _in_shape(g, v, 0), v);
            _conv(out, v, &z, ins[0], D);
            break;
        case PLNET_AVG_POOL:
        case PLNET_SUM_POOL:
            _window_set(&z, _in_shape(g, v, 0), v);
            z.d[0] = z.d[1] = 1;
            _pool(out, v, &z, ins[0], D);
            break;
        case PLNET_CONCAT:
            _concat(out, g, v, ins, D);
            break;
        case PLNET_FLATTEN:
        case PLNET_RESHAPE:
        case PLNET_IDENTITY:
            for (slong k = 0; k < v->shape.size * D; k++)
                fmpq_set(out + k, ins[0] + k);
            break;
        case PLNET_DENSE:
        case PLNET_BATCH_NORM:
        case PLNET_ADD:
        case PLNET_MUL:
        case PLNET_GLOBAL_AVG_POOL:
            _simple(out, g, v, ins, D);
            break;
        default:
            abort();   /* a unit is not an affine operation */
    }
}
