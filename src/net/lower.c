/* A graph (format version 2) lowered to an exactly equivalent version-1
   network with shortcuts (doc/FORMAT.md, "Regions of a graph network").

   Every tensor entry is carried as a sparse affine form over the sources: the
   input x, every hidden neuron's output h, and a constant (the last
   coordinate, D - 1); no passthrough neurons. A unit at PL depth k (the number of units on its
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
#include "net/net-impl.h"
#include "plnet/plnet.h"

/* The lowered network's dense matrices are bounded: 2^25 coefficients
   (512 MiB of zeros at 16 bytes each). */
#define NET_LOWER_MAX_COEFFS (WORD(1) << 25)

typedef struct
{
    slong n, H, D, L;       /* inputs, hidden neurons, coordinates n + H + 1, hidden layers */
    slong * nneur;          /* per node */
    slong * depth;          /* per node */
    slong * first;          /* per node: its first hidden neuron (global index) */
    slong * last;           /* per node: position in g->order of its last user (nnodes: an output) */
    slong * widths;         /* L + 2: n, the hidden layers, the outputs */
    net_form_struct * pre;  /* H forms: pre-activations */
    int flags;              /* NET_READ_GROUPS: a max over k >= 3 entries becomes a max group */
    slong * group;          /* H entries: first neuron of the neuron's group, or -1 */
    int has_groups;
}
_lowering;

/* Neurons of node i, or RELU_E_UNSUPPORTED for a max of more than two entries
   (unless groups are allowed: then k neurons, a max group). */
static int
_count(slong * c, const plnet_t g, slong i, int flags, rc_error_t err)
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
            if (k > 2 && (flags & NET_READ_GROUPS))
                *c += k;
            else if (k > 2)
            {
                char q[120];
                jnode_quote(q, sizeof(q), v->name, strlen(v->name), 80);
                status = rc_error_set(err, RELU_E_UNSUPPORTED,
                                      "node %s: %s over %ld entries (output entry %ld): this analysis does not handle a max over more than two entries yet (" NET_GROUPS_SUPPORTED " do)",
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
        if (_count(w->nneur + i, g, i, w->flags, err))
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
    /* the network's dense matrices: rows times the widths of all earlier sources, at most */
    double coeffs = 0, before = 0;
    for (slong k = 0; k <= w->L; k++)
    {
        before += (double) w->widths[k];
        coeffs += (double) w->widths[k + 1] * before;
    }
    if (coeffs > (double) NET_LOWER_MAX_COEFFS)
        return rc_error_set(err, RELU_E_UNSUPPORTED,
                            "graph too large to lower: its network could need %.0f coefficients (more than %ld)",
                            coeffs, (long) NET_LOWER_MAX_COEFFS);
    w->last = flint_malloc(g->nnodes * sizeof(slong));
    for (slong i = 0; i < g->nnodes; i++)
        w->last[i] = -1;
    for (slong t = 0; t < g->nnodes; t++)
        for (slong j = 0; j < g->nodes[g->order[t]].ninputs; j++)
            if (g->nodes[g->order[t]].inputs[j] >= 0)
                w->last[g->nodes[g->order[t]].inputs[j]] = t;
    for (slong o = 0; o < g->noutputs; o++)
        w->last[g->outputs[o]] = g->nnodes;
    w->pre = flint_malloc(FLINT_MAX(w->H, 1) * sizeof(net_form_struct));
    w->group = flint_malloc(FLINT_MAX(w->H, 1) * sizeof(slong));
    for (slong r = 0; r < w->H; r++)
    {
        _net_form_init(w->pre + r);
        w->group[r] = -1;
    }
    return RELU_OK;
}

/* The value forms of unit i (out, m entries) from its input's forms z, and
   the pre-activation forms of its neurons. Coordinate of neuron r: n + r. */
static void
_unit(net_form_struct * out, _lowering * w, const plnet_t g, slong i, const net_form_struct * z)
{
    const plnet_node_struct * v = g->nodes + i;
    slong D = w->D, r = w->first[i], m = v->shape.size;
    slong * idx = flint_malloc(FLINT_MAX(plnet_max_arity(g, i), 2) * sizeof(slong));
    fmpq_t one, c;
    fmpq_init(one);
    fmpq_init(c);
    fmpq_one(one);
    for (slong e = 0; e < m; e++)
    {
        net_form_struct * o = out + e;
        const net_form_struct * ze = z + e;
        if (v->op == PLNET_MAX || v->op == PLNET_MAX_POOL)
        {
            slong k = plnet_max_members(idx, g, i, e);
            if (k > 2)
            {
                /* a max group: the members' pre-activations are the entries,
                   the value their sum (only the argmax is not 0) */
                for (slong t = 0; t < k; t++, r++)
                {
                    _net_form_append_scaled(w->pre + r, z + idx[t], one);
                    _net_form_append(o, w->n + r, one);
                    w->group[r] = r - t;
                }
                w->has_groups = 1;
                _net_form_normalize(o);
                continue;
            }
            _net_form_append_scaled(o, z + idx[k - 1], one);      /* b, or the one entry */
            if (k == 2)
            {
                _net_form_append_scaled(w->pre + r, z + idx[0], one);
                fmpq_neg(c, one);
                _net_form_append_scaled(w->pre + r, z + idx[1], c);
                _net_form_append(o, w->n + r++, one);
            }
        }
        else if (v->op == PLNET_CLAMP)
        {
            if (v->has_lo)
            {
                _net_form_append_scaled(w->pre + r, ze, one);
                fmpq_neg(c, v->lo);
                _net_form_append(w->pre + r, D - 1, c);
                _net_form_append(o, D - 1, v->lo);
                _net_form_append(o, w->n + r++, one);
            }
            else
                _net_form_append_scaled(o, ze, one);
            if (v->has_hi)
            {
                _net_form_append_scaled(w->pre + r, ze, one);
                fmpq_neg(c, v->hi);
                _net_form_append(w->pre + r, D - 1, c);
                fmpq_neg(c, one);
                _net_form_append(o, w->n + r++, c);
            }
        }
        else
        {
            _net_form_append_scaled(w->pre + r, ze, one);
            if (v->op == PLNET_RELU)
                fmpq_one(c);
            else if (v->op == PLNET_LEAKY_RELU)
            {
                _net_form_append_scaled(o, ze, v->slope);
                fmpq_sub(c, one, v->slope);
            }
            else    /* abs */
            {
                fmpq_neg(c, one);
                _net_form_append_scaled(o, ze, c);
                fmpq_set_si(c, 2, 1);
            }
            _net_form_append(o, w->n + r++, c);
        }
        _net_form_normalize(o);
    }
    for (slong q = w->first[i]; q < r; q++)
        _net_form_normalize(w->pre + q);
    flint_free(idx);
    fmpq_clear(one);
    fmpq_clear(c);
}

typedef struct
{
    net_form_struct * out;
    net_form_struct * const * ins;
    slong D;
}
_sink;

static void
_sink_term(void * ctx, slong e, slong i, slong j, const fmpq_t c)
{
    _sink * s = ctx;
    _net_form_append_scaled(s->out + e, s->ins[i] + j, c);
}

static void
_sink_constant(void * ctx, slong e, const fmpq_t c)
{
    _sink * s = ctx;
    _net_form_append(s->out + e, s->D - 1, c);
}

/* Layer j of the network from the forms rows[0..R): weights on the previous
   layer, shortcuts from earlier sources (only the nonzero blocks). */
static void
_layer(net_t out, const _lowering * w, slong j, const net_form_struct * rows)
{
    net_layer_struct * L = out->layers + j;
    slong R = L->W->r, * st = flint_malloc((w->L + 3) * sizeof(slong));
    st[0] = 0;                    /* source s (-1 = input) starts at coordinate st[s + 1] */
    for (slong s = 0; s <= w->L; s++)
        st[s + 1] = st[s] + w->widths[s];
    char * used = flint_calloc(j + 2, 1);   /* sources -1..j-1 */
    for (slong r = 0; r < R; r++)
        for (slong k = 0; k < rows[r].len; k++)
        {
            slong c = rows[r].idx[k], s = -1;
            if (c == w->D - 1)
                continue;
            while (c >= st[s + 2])
                s++;
            if (s >= j)
                abort();          /* a form reads only sources before its layer */
            used[s + 1] = 1;
        }
    L->shortcuts = flint_calloc(FLINT_MAX(j, 1), sizeof(net_shortcut_struct));
    fmpq_mat_struct ** M = flint_calloc(j + 1, sizeof(fmpq_mat_struct *));
    for (slong s = -1; s < j - 1; s++)
        if (used[s + 1])
        {
            L->shortcuts[L->nshortcuts].from = s;
            M[s + 1] = L->shortcuts[L->nshortcuts++].S;
            fmpq_mat_init(M[s + 1], R, w->widths[s + 1]);
        }
    M[j] = L->W;
    for (slong r = 0; r < R; r++)
        for (slong k = 0; k < rows[r].len; k++)
        {
            slong c = rows[r].idx[k], s = -1;
            if (c == w->D - 1)
            {
                fmpq_set(L->b + r, rows[r].val + k);
                continue;
            }
            while (c >= st[s + 2])
                s++;
            fmpq_set(fmpq_mat_entry(M[s + 1], r, c - st[s + 1]), rows[r].val + k);
        }
    if (L->nshortcuts == 0)
    {
        flint_free(L->shortcuts);
        L->shortcuts = NULL;
    }
    flint_free(M);
    flint_free(used);
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
_forms_clear(net_form_struct * f, slong n)
{
    if (f == NULL)
        return;
    for (slong k = 0; k < n; k++)
        _net_form_clear(f + k);
    flint_free(f);
}

static net_form_struct *
_forms_init(slong n)
{
    net_form_struct * f = flint_malloc(FLINT_MAX(n, 1) * sizeof(net_form_struct));
    for (slong k = 0; k < n; k++)
        _net_form_init(f + k);
    return f;
}

static void
_lowering_clear(_lowering * w)
{
    flint_free(w->nneur);
    flint_free(w->depth);
    flint_free(w->first);
    flint_free(w->last);
    flint_free(w->widths);
    flint_free(w->group);
    _forms_clear(w->pre, w->H);
}

/* The forms of every node in topological order; y gets the outputs' forms. */
static void
_propagate(net_form_struct * y, _lowering * w, const plnet_t g)
{
    net_form_struct ** val = flint_calloc(g->nnodes, sizeof(net_form_struct *)), * x = _forms_init(w->n);
    fmpq_t one;
    fmpq_init(one);
    fmpq_one(one);
    for (slong k = 0; k < w->n; k++)
        _net_form_append(x + k, k, one);
    for (slong t = 0; t < g->nnodes; t++)
    {
        slong i = g->order[t];
        const plnet_node_struct * v = g->nodes + i;
        net_form_struct ** ins = flint_malloc(v->ninputs * sizeof(net_form_struct *));
        for (slong k = 0; k < v->ninputs; k++)
            ins[k] = v->inputs[k] < 0 ? x : val[v->inputs[k]];
        val[i] = _forms_init(v->shape.size);
        if (plnet_op_is_unit(v->op))
            _unit(val[i], w, g, i, ins[0]);
        else
        {
            _sink s = { val[i], ins, w->D };
            plnet_affine_sink sink = { _sink_term, _sink_constant, &s };
            plnet_node_affine_terms(g, i, &sink);
            for (slong e = 0; e < v->shape.size; e++)
                _net_form_normalize(val[i] + e);
        }
        for (slong k = 0; k < v->ninputs; k++)   /* forms die after their last user */
        {
            slong j = v->inputs[k];
            if (j >= 0 && w->last[j] == t && val[j] != NULL)
            {
                _forms_clear(val[j], g->nodes[j].shape.size);
                val[j] = NULL;
            }
        }
        flint_free(ins);
    }
    for (slong o = 0, off = 0; o < g->noutputs; o++)
    {
        slong i = g->outputs[o];
        for (slong e = 0; e < g->nodes[i].shape.size; e++)
            _net_form_append_scaled(y + off + e, val[i] + e, one);
        off += g->nodes[i].shape.size;
    }
    for (slong i = 0; i < g->nnodes; i++)
        _forms_clear(val[i], g->nodes[i].shape.size);
    flint_free(val);
    _forms_clear(x, w->n);
    fmpq_clear(one);
}

int
net_lower_plnet(net_t out, const plnet_t g, rc_error_t err)
{
    return net_lower_plnet_flags(out, g, 0, err);
}

int
net_lower_plnet_flags(net_t out, const plnet_t g, int flags, rc_error_t err)
{
    _lowering w;
    memset(&w, 0, sizeof(w));
    w.flags = flags;
    int status = _schedule(&w, g, err);
    slong m = plnet_output_dim(g);
    net_form_struct * y = NULL;
    if (status == RELU_OK)
    {
        y = _forms_init(m);
        _propagate(y, &w, g);
        net_t tmp;
        net_init_shape(tmp, w.L + 1, w.widths);
        for (slong j = 0, r = 0; j <= w.L; j++)
        {
            _layer(tmp, &w, j, j < w.L ? w.pre + r : y);
            r += j < w.L ? w.widths[j + 1] : 0;
        }
        if (w.has_groups)
        {
            tmp->group = w.group;
            w.group = NULL;
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
    _forms_clear(y, m);
    _lowering_clear(&w);
    return status;
}
