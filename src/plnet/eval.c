/* Exact evaluation of a graph, node by node in topological order. The units
   are computed from their definitions (max, comparisons), not from the ReLU
   neurons of the lowering, so that the lowering can be tested against this. */
#include <flint/flint.h>
#include "plnet/plnet.h"

static void
_unit(fmpq * out, const plnet_t g, slong node, const fmpq * in)
{
    const plnet_node_struct * v = g->nodes + node;
    slong m = v->shape.size;
    if (v->op == PLNET_MAX || v->op == PLNET_MAX_POOL)
    {
        slong * idx = flint_malloc(FLINT_MAX(plnet_max_arity(g, node), 1) * sizeof(slong));
        for (slong e = 0; e < m; e++)
        {
            slong n = plnet_max_members(idx, g, node, e);
            fmpq_set(out + e, in + idx[0]);
            for (slong k = 1; k < n; k++)
                if (fmpq_cmp(in + idx[k], out + e) > 0)
                    fmpq_set(out + e, in + idx[k]);
        }
        flint_free(idx);
        return;
    }
    for (slong e = 0; e < m; e++)
    {
        const fmpq * z = in + e;
        int s = fmpq_sgn(z);
        if (v->op == PLNET_RELU)
            s > 0 ? fmpq_set(out + e, z) : fmpq_zero(out + e);
        else if (v->op == PLNET_LEAKY_RELU)
            s >= 0 ? fmpq_set(out + e, z) : fmpq_mul(out + e, z, v->slope);
        else if (v->op == PLNET_ABS)
            fmpq_abs(out + e, z);
        else    /* clamp */
        {
            fmpq_set(out + e, z);
            if (v->has_lo && fmpq_cmp(z, v->lo) < 0)
                fmpq_set(out + e, v->lo);
            if (v->has_hi && fmpq_cmp(z, v->hi) > 0)
                fmpq_set(out + e, v->hi);
        }
    }
}

void
plnet_eval(fmpq * y, const plnet_t g, const fmpq * x)
{
    fmpq ** val = flint_calloc(g->nnodes, sizeof(fmpq *));
    for (slong t = 0; t < g->nnodes; t++)
    {
        slong i = g->order[t];
        const plnet_node_struct * v = g->nodes + i;
        const fmpq ** ins = flint_malloc(v->ninputs * sizeof(fmpq *));
        for (slong k = 0; k < v->ninputs; k++)
            ins[k] = v->inputs[k] < 0 ? x : val[v->inputs[k]];
        val[i] = _fmpq_vec_init(v->shape.size);
        if (plnet_op_is_unit(v->op))
            _unit(val[i], g, i, ins[0]);
        else
            plnet_node_affine(val[i], g, i, ins, 1);
        flint_free(ins);
    }
    for (slong o = 0, off = 0; o < g->noutputs; o++)
    {
        const plnet_node_struct * v = g->nodes + g->outputs[o];
        for (slong e = 0; e < v->shape.size; e++)
            fmpq_set(y + off + e, val[g->outputs[o]] + e);
        off += v->shape.size;
    }
    for (slong i = 0; i < g->nnodes; i++)
        _fmpq_vec_clear(val[i], g->nodes[i].shape.size);
    flint_free(val);
}
