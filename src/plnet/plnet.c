/* Memory management of graphs, op names, the members of a max. */
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet.h"

static const char * const _op_names[PLNET_NUM_OPS] = {
    "relu", "leaky_relu", "abs", "clamp", "max", "max_pool",
    "dense", "conv", "avg_pool", "sum_pool", "global_avg_pool", "batch_norm", "add", "mul",
    "concat", "flatten", "reshape", "identity"
};

const char *
plnet_op_name(plnet_op op)
{
    return op < PLNET_NUM_OPS ? _op_names[op] : "?";
}

void
plnet_init(plnet_t g)
{
    memset(g, 0, sizeof(plnet_struct));
}

static void
_node_clear(plnet_node_struct * v)
{
    flint_free(v->name);
    flint_free(v->inputs);
    if (v->w != NULL)
        _fmpq_vec_clear(v->w, v->wlen);
    if (v->b != NULL)
        _fmpq_vec_clear(v->b, v->blen);
    fmpq_clear(v->slope);
    fmpq_clear(v->lo);
    fmpq_clear(v->hi);
    flint_free(v->group_start);
    flint_free(v->group_index);
}

void
plnet_clear(plnet_t g)
{
    for (slong i = 0; i < g->nnodes; i++)
        _node_clear(g->nodes + i);
    flint_free(g->nodes);
    flint_free(g->order);
    flint_free(g->outputs);
    for (slong i = 0; i < g->nclasses; i++)
        flint_free(g->classes[i]);
    flint_free(g->classes);
    flint_free(g->name);
    flint_free(g->input_name);
    jnode_free(g->meta);
    plnet_init(g);
}

void
plnet_swap(plnet_t a, plnet_t b)
{
    plnet_struct t = *a;
    *a = *b;
    *b = t;
}

slong
plnet_output_dim(const plnet_t g)
{
    slong m = 0;
    for (slong i = 0; i < g->noutputs; i++)
        m += g->nodes[g->outputs[i]].shape.size;
    return m;
}

static const plnet_shape *
_input_shape(const plnet_t g, slong node)
{
    slong j = g->nodes[node].inputs[0];
    return j < 0 ? &g->input : &g->nodes[j].shape;
}

slong
plnet_max_arity(const plnet_t g, slong node)
{
    const plnet_node_struct * v = g->nodes + node;
    slong a = 0;
    if (v->op == PLNET_MAX)
        for (slong e = 0; e < v->ngroups; e++)
            a = FLINT_MAX(a, v->group_start[e + 1] - v->group_start[e]);
    else
        a = v->kernel[0] * (_input_shape(g, node)->ndims == 3 ? v->kernel[1] : 1);
    return a;
}

/* max_pool: output entry e = (c, o0[, o1]) reads the window at o * stride - padding,
   without the padded entries (they never win). */
slong
plnet_max_members(slong * idx, const plnet_t g, slong node, slong e)
{
    const plnet_node_struct * v = g->nodes + node;
    if (v->op == PLNET_MAX)
    {
        slong n = v->group_start[e + 1] - v->group_start[e];
        memcpy(idx, v->group_index + v->group_start[e], n * sizeof(slong));
        return n;
    }
    const plnet_shape * in = _input_shape(g, node);
    int two = (in->ndims == 3);
    slong H = in->dims[1], W = two ? in->dims[2] : 1;
    slong OH = v->shape.dims[1], OW = two ? v->shape.dims[2] : 1;
    slong c = e / (OH * OW), o0 = (e / OW) % OH, o1 = e % OW, n = 0;
    for (slong k0 = 0; k0 < v->kernel[0]; k0++)
        for (slong k1 = 0; k1 < (two ? v->kernel[1] : 1); k1++)
        {
            slong i0 = o0 * v->stride[0] - v->padding[0] + k0;
            slong i1 = two ? o1 * v->stride[1] - v->padding[1] + k1 : 0;
            if (i0 >= 0 && i0 < H && i1 >= 0 && i1 < W)
                idx[n++] = (c * H + i0) * W + i1;
        }
    return n;
}
