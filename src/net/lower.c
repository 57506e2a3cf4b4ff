/* A graph (format version 2) lowered to an exactly equivalent version-1
   network with shortcuts (doc/FORMAT.md, "Regions of a graph network").

   Every tensor entry is carried as an affine form over the sources: the input
   x, every hidden neuron's output h, and a constant (the last coordinate); no
   passthrough neurons. A unit at PL depth k (the number of units on its
   longest path from the input, itself included) becomes neurons of hidden
   layer k - 1 whose pre-activations are forms over x and layers < k - 1; its
   value is a form in them: relu z = h; leaky z = slope z + (1 - slope) h;
   |z| = 2 h - z; clamp z = lo + relu(z - lo) - relu(z - hi) (one-sided: lo +
   relu(z - lo), z - relu(z - hi)); max(a, b) = b + relu(a - b). The neurons'
   hyperplanes are exactly the units' piece boundaries, so regions and patterns
   are those of the graph. */
#include <stdio.h>
#include <string.h>
#include <flint/flint.h>
#include "net/net.h"
#include "plnet/plnet.h"

/* The lowering's dense forms are bounded (16 bytes per zero coefficient):
   2^25 coefficients, 512 MiB. */
#define NET_LOWER_MAX_COEFFS (WORD(1) << 25)

typedef struct
{
    slong n, H, D, L;       /* inputs, hidden neurons, form length n + H + 1, hidden layers */
    slong * nneur;          /* per node */
    slong * depth;          /* per node */
    slong * first;          /* per node: its first hidden neuron (global index) */
    slong * last;           /* per node: position in g->order of its last user (nnodes: an output) */
    slong * widths;         /* L + 2: n, the hidden layers, the outputs */
    fmpq * pre;             /* H forms: pre-activations */
}
_lowering;

static void
_addmul(fmpq * out, const fmpq * in, const fmpq_t c, slong D)
{
    for (slong k = 0; k < D; k++)
        if (!fmpq_is_zero(in + k))
            fmpq_addmul(out + k, in + k, c);
}

/* Neurons of node i, or RELU_E_UNSUPPORTED for a max of more than two entries. */
static int
_count(slong * c, const plnet_t g, slong i, rc_error_t err)
{
    const plnet_node_struct * v = g->nodes + i;
    slong m = v->shape.size;
    *c = 0;
    if (v->op == PLNET_RELU || v->op == PLNET_LEAKY_RELU || v->op == PLNET_ABS)
        *c = m;
    else if (v->op == PLNET_CLAMP)
        *c = m * (v->has_lo + v->has_hi);
    else if (v->op == PLNET_MAX || v->op == PLNET_MAX_POOL)
    {
        slong * idx = flint_malloc(plnet_max_arity(g, i) * sizeof(slong));
        int status = RELU_OK;
        for (slong e = 0; e < m && status == RELU_OK; e++)
        {
            slong k = plnet_max_members(idx, g, i, e);
            if (k > 2)
            {
                char q[120];
                jnode_quote(q, sizeof(q), v->name, strlen(v->name), 80);
                status = rc_error_set(err, RELU_E_UNSUPPORTED,
                                      "node %s: %s over %ld entries (output entry %ld): its pieces are not cut out by hyperplanes, so region analyses cannot use it (eval and label can)",
                                      q, plnet_op_name(v->op), (long) k, (long) e);
            }
            *c += (k == 2);
        }
        flint_free(idx);
        return status;
    }
    return RELU_OK;
}

static int
_schedule(_lowering * w, const plnet_t g, rc_error_t err)
{
    w->n = plnet_input_dim(g);
    w->nneur = flint_calloc(g->nnodes, sizeof(slong));
    w->depth = flint_calloc(g->nnodes, sizeof(slong));
    w->first = flint_calloc(g->nnodes, sizeof(slong));
    w->L = 0;
    for (slong t = 0; t < g->nnodes; t++)
    {
        slong i = g->order[t], d = 0;
        if (_count(w->nneur + i, g, i, err))
            return err->code;
        for (slong j = 0; j < g->nodes[i].ninputs; j++)
            if (g->nodes[i].inputs[j] >= 0)
                d = FLINT_MAX(d, w->depth[g->nodes[i].inputs[j]]);
        w->depth[i] = d + (w->nneur[i] > 0);
        w->L = FLINT_MAX(w->L, w->depth[i]);
    }
    w->widths = flint_calloc(w->L + 2, sizeof(slong));
    w->widths[0] = w->n;
    w->widths[w->L + 1] = plnet_output_dim(g);
    /* neurons of a layer in topological order of their units */
    for (slong t = 0; t < g->nnodes; t++)
    {
        slong i = g->order[t];
        if (w->nneur[i] > 0)
        {
            w->first[i] = w->widths[w->depth[i]];
            w->widths[w->depth[i]] += w->nneur[i];
        }
    }
    w->H = 0;
    for (slong k = 1; k <= w->L; k++)
        w->H += w->widths[k];
    for (slong t = 0, off = 0; t <= w->L; t++)   /* layer-local offsets to global indices */
    {
        for (slong i = 0; i < g->nnodes; i++)
            if (w->nneur[i] > 0 && w->depth[i] == t)
                w->first[i] += off;
        off += t > 0 ? w->widths[t] : 0;
    }
    w->D = w->n + w->H + 1;
    /* every live tensor entry carries a dense form of D coefficients; a tensor
       is freed after its last user, so the peak is what is bounded */
    w->last = flint_malloc(g->nnodes * sizeof(slong));
    for (slong i = 0; i < g->nnodes; i++)
        w->last[i] = -1;
    for (slong t = 0; t < g->nnodes; t++)
        for (slong j = 0; j < g->nodes[g->order[t]].ninputs; j++)
            if (g->nodes[g->order[t]].inputs[j] >= 0)
                w->last[g->nodes[g->order[t]].inputs[j]] = t;
    for (slong o = 0; o < g->noutputs; o++)
        w->last[g->outputs[o]] = g->nnodes;
    double live = (double) w->n, peak = live;
    char * gone = flint_calloc(g->nnodes, 1);
    for (slong t = 0; t < g->nnodes; t++)
    {
        const plnet_node_struct * v = g->nodes + g->order[t];
        live += (double) v->shape.size;
        peak = FLINT_MAX(peak, live);
        for (slong j = 0; j < v->ninputs; j++)
            if (v->inputs[j] >= 0 && w->last[v->inputs[j]] == t && !gone[v->inputs[j]])
                live -= (double) g->nodes[v->inputs[j]].shape.size, gone[v->inputs[j]] = 1;
    }
    flint_free(gone);
    peak += (double) (2 * w->H + 2 * plnet_output_dim(g));   /* pre-activations, outputs, the network */
    if (peak * (double) w->D > (double) NET_LOWER_MAX_COEFFS)
        return rc_error_set(err, RELU_E_UNSUPPORTED,
                            "graph too large to lower: %.0f live entries times %ld coefficients (inputs + hidden neurons + 1) exceed %ld",
                            peak, (long) w->D, (long) NET_LOWER_MAX_COEFFS);
    w->pre = _fmpq_vec_init(FLINT_MAX(w->H, 1) * w->D);
    return RELU_OK;
}

/* The value forms of unit i (out) from its input's forms (z), and the
   pre-activation forms of its neurons. */
static void
_unit(fmpq * out, _lowering * w, const plnet_t g, slong i, const fmpq * z)
{
    const plnet_node_struct * v = g->nodes + i;
    slong D = w->D, r = w->first[i], m = v->shape.size;
    fmpq_t one, c;
    fmpq_init(one);
    fmpq_init(c);
    fmpq_one(one);
    if (v->op == PLNET_MAX || v->op == PLNET_MAX_POOL)
    {
        slong idx[2];
        for (slong e = 0; e < m; e++)
        {
            slong k = plnet_max_members(idx, g, i, e);
            _addmul(out + e * D, z + idx[k - 1] * D, one, D);    /* b, or the one entry */
            if (k == 2)
            {
                fmpq * p = w->pre + r * D;
                _addmul(p, z + idx[0] * D, one, D);
                fmpq_neg(c, one);
                _addmul(p, z + idx[1] * D, c, D);
                fmpq_add(out + e * D + w->n + r, out + e * D + w->n + r, one);
                r++;
            }
        }
    }
    else
        for (slong e = 0; e < m; e++)
        {
            const fmpq * ze = z + e * D;
            fmpq * o = out + e * D;
            if (v->op == PLNET_CLAMP)
            {
                if (v->has_lo)
                {
                    _addmul(w->pre + r * D, ze, one, D);
                    fmpq_sub(w->pre + r * D + D - 1, w->pre + r * D + D - 1, v->lo);
                    fmpq_add(o + D - 1, o + D - 1, v->lo);
                    fmpq_add(o + w->n + r, o + w->n + r, one);
                    r++;
                }
                else
                    _addmul(o, ze, one, D);
                if (v->has_hi)
                {
                    _addmul(w->pre + r * D, ze, one, D);
                    fmpq_sub(w->pre + r * D + D - 1, w->pre + r * D + D - 1, v->hi);
                    fmpq_sub(o + w->n + r, o + w->n + r, one);
                    r++;
                }
                continue;
            }
            _addmul(w->pre + r * D, ze, one, D);
            if (v->op == PLNET_RELU)
                fmpq_one(o + w->n + r);
            else if (v->op == PLNET_LEAKY_RELU)
            {
                _addmul(o, ze, v->slope, D);
                fmpq_sub(o + w->n + r, one, v->slope);
            }
            else    /* abs */
            {
                fmpq_neg(c, one);
                _addmul(o, ze, c, D);
                fmpq_set_si(o + w->n + r, 2, 1);
            }
            r++;
        }
    fmpq_clear(one);
    fmpq_clear(c);
}

/* Layer j of the network from the forms rows[0..widths[j+1]): weights on the
   previous layer, shortcuts from earlier sources (only the nonzero blocks). */
static void
_layer(net_t out, const _lowering * w, slong j, const fmpq * rows)
{
    net_layer_struct * L = out->layers + j;
    slong D = w->D, R = L->W->r, start[64], * st = w->L + 1 <= 63 ? start : flint_malloc((w->L + 2) * sizeof(slong));
    st[0] = 0;                    /* source s (-1 = input) starts at st[s + 1] */
    for (slong s = 0; s <= w->L; s++)
        st[s + 1] = st[s] + w->widths[s];
    L->shortcuts = flint_calloc(FLINT_MAX(j, 1), sizeof(net_shortcut_struct));
    for (slong s = -1; s <= j - 1; s++)
    {
        slong a = st[s + 1], wd = w->widths[s + 1];
        int nz = 0;
        for (slong r = 0; r < R && !nz; r++)
            for (slong k = 0; k < wd && !nz; k++)
                nz = !fmpq_is_zero(rows + r * D + a + k);
        if (s < j - 1 && !nz)
            continue;
        fmpq_mat_struct * M = L->W;
        if (s < j - 1)
        {
            L->shortcuts[L->nshortcuts].from = s;
            M = L->shortcuts[L->nshortcuts++].S;
            fmpq_mat_init(M, R, wd);
        }
        for (slong r = 0; r < R; r++)
            for (slong k = 0; k < wd; k++)
                fmpq_set(fmpq_mat_entry(M, r, k), rows + r * D + a + k);
    }
    if (L->nshortcuts == 0)
    {
        flint_free(L->shortcuts);
        L->shortcuts = NULL;
    }
    for (slong r = 0; r < R; r++)
        fmpq_set(L->b + r, rows + r * D + D - 1);
    for (slong r = 0; r < R; r++)     /* a form reads only sources before its layer */
        for (slong k = st[j + 1]; k < D - 1; k++)
            if (!fmpq_is_zero(rows + r * D + k))
                abort();
    if (st != start)
        flint_free(st);
}

/* meta.lowered_from: the unit map (and the graph's classes and meta). */
static int
_meta(net_t out, const _lowering * w, const plnet_t g, rc_error_t err)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return rc_error_set(err, RELU_E_INTERNAL, "out of memory writing meta.lowered_from");
    jout_t j;
    jout_init(j, fp, 0, 0);
    jout_begin_object(j);
    jout_key(j, "lowered_from");
    jout_begin_object(j);
    jout_key(j, "format");
    jout_string(j, "relucert-graph");
    jout_key(j, "units");
    jout_begin_array(j);
    for (slong r = 0; r < w->H; r++)      /* by first neuron: layer by layer */
        for (slong i = 0; i < g->nnodes; i++)
            if (w->nneur[i] > 0 && w->first[i] == r)
            {
                jout_begin_object(j);
                jout_key(j, "node");
                jout_string(j, g->nodes[i].name);
                jout_key(j, "op");
                jout_string(j, plnet_op_name(g->nodes[i].op));
                jout_key(j, "first_neuron");
                jout_int(j, w->first[i]);
                jout_key(j, "neurons");
                jout_int(j, w->nneur[i]);
                jout_end_object(j);
            }
    jout_end_array(j);
    if (g->nclasses > 0)
    {
        jout_key(j, "classes");
        jout_begin_array(j);
        for (slong k = 0; k < g->nclasses; k++)
            jout_string(j, g->classes[k]);
        jout_end_array(j);
    }
    if (g->meta != NULL)
    {
        jout_key(j, "meta");
        jout_node(j, g->meta);
    }
    jout_end_object(j);
    jout_end_object(j);
    jout_clear(j);
    fclose(fp);
    int status = jnode_parse(&out->meta, buf, len, err);
    free(buf);
    return status;
}

static void
_lowering_clear(_lowering * w)
{
    flint_free(w->nneur);
    flint_free(w->depth);
    flint_free(w->first);
    flint_free(w->last);
    flint_free(w->widths);
    if (w->pre != NULL)
        _fmpq_vec_clear(w->pre, FLINT_MAX(w->H, 1) * w->D);
}

int
net_lower_plnet(net_t out, const plnet_t g, rc_error_t err)
{
    _lowering w;
    memset(&w, 0, sizeof(w));
    int status = _schedule(&w, g, err);
    fmpq ** val = flint_calloc(g->nnodes, sizeof(fmpq *));
    fmpq * x = NULL, * y = NULL;
    slong D = w.D, m = plnet_output_dim(g);
    if (status == RELU_OK)
    {
        x = _fmpq_vec_init(w.n * D);
        for (slong k = 0; k < w.n; k++)
            fmpq_one(x + k * D + k);
        for (slong t = 0; t < g->nnodes; t++)
        {
            slong i = g->order[t];
            const plnet_node_struct * v = g->nodes + i;
            const fmpq ** ins = flint_malloc(v->ninputs * sizeof(fmpq *));
            for (slong k = 0; k < v->ninputs; k++)
                ins[k] = v->inputs[k] < 0 ? x : val[v->inputs[k]];
            val[i] = _fmpq_vec_init(v->shape.size * D);
            if (plnet_op_is_unit(v->op))
                _unit(val[i], &w, g, i, ins[0]);
            else
                plnet_node_affine(val[i], g, i, ins, D);
            flint_free(ins);
            for (slong k = 0; k < v->ninputs; k++)
            {
                slong j = v->inputs[k];
                if (j >= 0 && w.last[j] == t && val[j] != NULL)
                {
                    _fmpq_vec_clear(val[j], g->nodes[j].shape.size * D);
                    val[j] = NULL;
                }
            }
        }
        y = _fmpq_vec_init(m * D);
        for (slong o = 0, off = 0; o < g->noutputs; o++)
        {
            slong i = g->outputs[o], s = g->nodes[i].shape.size;
            for (slong k = 0; k < s * D; k++)
                fmpq_set(y + off * D + k, val[i] + k);
            off += s;
        }
        net_t tmp;
        net_init_shape(tmp, w.L + 1, w.widths);
        for (slong j = 0, r = 0; j <= w.L; j++)
        {
            _layer(tmp, &w, j, j < w.L ? w.pre + r * D : y);
            r += j < w.L ? w.widths[j + 1] : 0;
        }
        status = _meta(tmp, &w, g, err);
        if (status == RELU_OK && g->name != NULL)
        {
            tmp->name = flint_malloc(strlen(g->name) + 1);
            strcpy(tmp->name, g->name);
        }
        if (status == RELU_OK)
            net_swap(out, tmp);
        net_clear(tmp);
    }
    for (slong i = 0; i < g->nnodes; i++)
        if (val[i] != NULL)
            _fmpq_vec_clear(val[i], g->nodes[i].shape.size * D);
    flint_free(val);
    if (x != NULL)
        _fmpq_vec_clear(x, w.n * D);
    if (y != NULL)
        _fmpq_vec_clear(y, m * D);
    _lowering_clear(&w);
    return status;
}
