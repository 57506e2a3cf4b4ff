/* Graphs from JSON (doc/FORMAT.md, "Version 2"). Order of the checks: the
   top-level keys, the input, every node's name, op and keys, the names its
   inputs refer to, the outputs, cycles, unused nodes; then parameters and
   shapes node by node in topological order (so a shape error names the first
   node where shapes disagree). The graph is built in a temporary and swapped
   in only when everything has been read. */
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet-impl.h"

#define GRAPH_KEYS "a graph has \"format\", \"version\", \"input\", \"nodes\", \"outputs\", optionally \"name\", \"meta\", \"classes\""

/* Operations that are not piecewise linear, refused with a message of their own. */
static const char * const _non_pl[] = {
    "sigmoid", "tanh", "softmax", "log_softmax", "gelu", "silu", "swish", "elu", "selu", "celu", "softplus",
    "softsign", "mish", "hardswish", "exp", "log", "sqrt", "pow", "erf", "sin", "cos", "layer_norm",
    "matmul", "div", NULL
};

static int
_in_list(const char * s, const char * const * l)
{
    for (; *l != NULL; l++)
        if (strcmp(s, *l) == 0)
            return 1;
    return 0;
}

static char *
_dup(const jnode * t)
{
    char * s = flint_malloc(t->len + 1);
    memcpy(s, t->text, t->len + 1);
    return s;
}

static int
_string(const jnode * t, const char * field, rc_error_t err)
{
    if (t == NULL)
        return rc_error_set(err, RELU_E_INPUT, "%s: missing", field);
    if (t->type != JNODE_STRING || t->len == 0 || strlen(t->text) != t->len)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected a nonempty string without NUL, got %s", field,
                            jnode_type_name(t));
    return RELU_OK;
}

static int
_unknown_keys(const jnode * o, const char * const * a, const char * const * b, const char * help, rc_error_t err)
{
    for (size_t i = 0; i < o->nitems; i++)
        if (!_in_list(o->keys[i], a) && (b == NULL || !_in_list(o->keys[i], b)))
        {
            char q[128];
            jnode_quote(q, sizeof(q), o->keys[i], strlen(o->keys[i]), 60);
            return rc_error_set(err, RELU_E_INPUT, "unknown key %s (%s)", q, help);
        }
    return RELU_OK;
}

typedef struct { const char * name; slong index; } _entry;

static int
_entry_cmp(const void * a, const void * b)
{
    return strcmp(((const _entry *) a)->name, ((const _entry *) b)->name);
}

/* -1 for the input, a node index, or -2 when unknown. */
static slong
_lookup(const plnet_t g, const _entry * tab, const char * name)
{
    if (strcmp(name, g->input_name) == 0)
        return -1;
    _entry key = { name, 0 };
    const _entry * e = bsearch(&key, tab, g->nnodes, sizeof(_entry), _entry_cmp);
    return e == NULL ? -2 : e->index;
}

static int
_node_prefix(rc_error_t err, const char * name)
{
    char q[160];
    jnode_quote(q, sizeof(q), name, strlen(name), 80);
    char p[180];
    snprintf(p, sizeof(p), "node %s", q);
    rc_error_prefix(err, p);
    return err->code;
}

static int
_input(plnet_t g, const jnode * in, rc_error_t err)
{
    static const char * const keys[] = { "name", "shape", NULL };
    slong dims[PLNET_MAX_AXES];
    if (in == NULL || in->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "input: expected an object {\"name\": \"x\", \"shape\": [n]}");
    if (_unknown_keys(in, keys, NULL, "input has \"name\" and \"shape\"", err) || _string(jnode_get(in, "name"), "name", err))
        return rc_error_prefix(err, "input"), err->code;
    const jnode * s = jnode_get(in, "shape");
    if (s == NULL || s->type != JNODE_ARRAY || s->nitems < 1 || s->nitems > PLNET_MAX_AXES)
        return rc_error_set(err, RELU_E_INPUT, "input: shape: expected [n], [C, L] or [C, H, W]");
    for (size_t k = 0; k < s->nitems; k++)
        if (_plnet_read_int(dims + k, s->items[k], 1, PLNET_MAX_SIZE, "input: shape", err))
            return err->code;
    g->input_name = _dup(jnode_get(in, "name"));
    return _plnet_shape_set(&g->input, (int) s->nitems, dims, "input: shape", err);
}

/* Name, op and keys of node i. */
static int
_node_head(plnet_t g, slong i, const jnode * o, rc_error_t err)
{
    static const char * const common[] = { "name", "op", "inputs", NULL };
    plnet_node_struct * v = g->nodes + i;
    char where[48];
    snprintf(where, sizeof(where), "nodes[%ld]", (long) i);
    if (o->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an object {\"name\", \"op\", \"inputs\", ...}, got %s",
                            where, jnode_type_name(o));
    if (_string(jnode_get(o, "name"), "name", err))
        return rc_error_prefix(err, where), err->code;
    v->name = _dup(jnode_get(o, "name"));
    const jnode * op = jnode_get(o, "op");
    if (_string(op, "op", err))
        return _node_prefix(err, v->name);
    int k = 0;
    while (k < PLNET_NUM_OPS && strcmp(op->text, plnet_op_name(k)) != 0)
        k++;
    char q[96];
    jnode_quote(q, sizeof(q), op->text, op->len, 40);
    if (k == PLNET_NUM_OPS && _in_list(op->text, _non_pl))
        rc_error_set(err, RELU_E_UNSUPPORTED, "op %s is not piecewise linear", q);
    else if (k == PLNET_NUM_OPS)
        rc_error_set(err, RELU_E_INPUT, "unknown op %s (see doc/FORMAT.md, \"Operations\")", q);
    else if (v->op = k, _unknown_keys(o, common, _plnet_op_keys(k), "see doc/FORMAT.md, \"Operations\"", err) == RELU_OK)
    {
        const jnode * in = jnode_get(o, "inputs");
        if (in == NULL || in->type != JNODE_ARRAY || in->nitems == 0)
            return rc_error_set(err, RELU_E_INPUT, "inputs: expected a nonempty list of names"), _node_prefix(err, v->name);
        for (size_t j = 0; j < in->nitems; j++)
            if (_string(in->items[j], "inputs", err))
                return _node_prefix(err, v->name);
        return RELU_OK;
    }
    return _node_prefix(err, v->name);
}

static int
_nodes(plnet_t g, const jnode * nodes, _entry * tab, rc_error_t err)
{
    for (slong i = 0; i < g->nnodes; i++)
    {
        fmpq_init(g->nodes[i].slope);
        fmpq_init(g->nodes[i].lo);
        fmpq_init(g->nodes[i].hi);
    }
    for (slong i = 0; i < g->nnodes; i++)
    {
        if (_node_head(g, i, nodes->items[i], err))
            return err->code;
        if (strcmp(g->nodes[i].name, g->input_name) == 0)
            return rc_error_set(err, RELU_E_INPUT, "name is the input's name"), _node_prefix(err, g->nodes[i].name);
        tab[i].name = g->nodes[i].name;
        tab[i].index = i;
    }
    qsort(tab, g->nnodes, sizeof(_entry), _entry_cmp);
    for (slong i = 1; i < g->nnodes; i++)
        if (strcmp(tab[i - 1].name, tab[i].name) == 0)
            return rc_error_set(err, RELU_E_INPUT, "two nodes have this name"), _node_prefix(err, tab[i].name);
    for (slong i = 0; i < g->nnodes; i++)
    {
        const jnode * in = jnode_get(nodes->items[i], "inputs");
        plnet_node_struct * v = g->nodes + i;
        v->ninputs = in->nitems;
        v->inputs = flint_malloc(v->ninputs * sizeof(slong));
        for (slong j = 0; j < v->ninputs; j++)
            if ((v->inputs[j] = _lookup(g, tab, in->items[j]->text)) == -2)
            {
                char q[96];
                jnode_quote(q, sizeof(q), in->items[j]->text, in->items[j]->len, 60);
                return rc_error_set(err, RELU_E_INPUT, "inputs: unknown name %s", q), _node_prefix(err, v->name);
            }
    }
    return RELU_OK;
}

static int
_outputs(plnet_t g, const jnode * out, const _entry * tab, rc_error_t err)
{
    if (out == NULL || out->type != JNODE_ARRAY || out->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "outputs: expected a nonempty list of node names");
    g->noutputs = out->nitems;
    g->outputs = flint_malloc(g->noutputs * sizeof(slong));
    for (slong o = 0; o < g->noutputs; o++)
    {
        if (_string(out->items[o], "outputs", err))
            return err->code;
        char q[96];
        jnode_quote(q, sizeof(q), out->items[o]->text, out->items[o]->len, 60);
        if ((g->outputs[o] = _lookup(g, tab, out->items[o]->text)) < 0)
            return rc_error_set(err, RELU_E_INPUT, "outputs: %s is %s", q,
                                g->outputs[o] == -1 ? "the input (add an identity node)" : "not a node");
    }
    return RELU_OK;
}

/* Kahn's algorithm; a node left over leads, walking back along left-over
   inputs, to a node on a cycle, which the message names. */
static int
_order(plnet_t g, rc_error_t err)
{
    slong n = g->nnodes, * indeg = flint_calloc(n, sizeof(slong)), done = 0;
    slong * users = flint_calloc(n + 1, sizeof(slong)), * ulist;
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < g->nodes[i].ninputs; j++)
            if (g->nodes[i].inputs[j] >= 0)
                indeg[i]++, users[g->nodes[i].inputs[j] + 1]++;
    for (slong i = 0; i < n; i++)
        users[i + 1] += users[i];
    ulist = flint_malloc(FLINT_MAX(users[n], 1) * sizeof(slong));
    slong * fill = flint_malloc((n + 1) * sizeof(slong));
    memcpy(fill, users, (n + 1) * sizeof(slong));
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < g->nodes[i].ninputs; j++)
            if (g->nodes[i].inputs[j] >= 0)
                ulist[fill[g->nodes[i].inputs[j]]++] = i;
    g->order = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    for (slong i = 0; i < n; i++)
        if (indeg[i] == 0)
            g->order[done++] = i;
    for (slong t = 0; t < done; t++)
        for (slong u = users[g->order[t]]; u < users[g->order[t] + 1]; u++)
            if (--indeg[ulist[u]] == 0)
                g->order[done++] = ulist[u];
    int status = RELU_OK;
    if (done < n)
    {
        slong v = 0;
        while (indeg[v] == 0)
            v++;
        for (slong step = 0; step < n; step++)
            for (slong j = 0; j < g->nodes[v].ninputs; j++)
                if (g->nodes[v].inputs[j] >= 0 && indeg[g->nodes[v].inputs[j]] > 0)
                {
                    v = g->nodes[v].inputs[j];
                    break;
                }
        status = rc_error_set(err, RELU_E_INPUT, "is on a cycle (the graph must be acyclic)");
        _node_prefix(err, g->nodes[v].name);
    }
    flint_free(indeg);
    flint_free(users);
    flint_free(ulist);
    flint_free(fill);
    return status;
}

static int
_unused(const plnet_t g, rc_error_t err)
{
    char * used = flint_calloc(FLINT_MAX(g->nnodes, 1), 1);
    for (slong o = 0; o < g->noutputs; o++)
        used[g->outputs[o]] = 1;
    for (slong t = g->nnodes - 1; t >= 0; t--)
    {
        const plnet_node_struct * v = g->nodes + g->order[t];
        if (used[g->order[t]])
            for (slong j = 0; j < v->ninputs; j++)
                if (v->inputs[j] >= 0)
                    used[v->inputs[j]] = 1;
    }
    int status = RELU_OK;
    for (slong i = 0; i < g->nnodes && status == RELU_OK; i++)
        if (!used[i])
        {
            status = rc_error_set(err, RELU_E_INPUT, "is not used by any output");
            _node_prefix(err, g->nodes[i].name);
        }
    flint_free(used);
    return status;
}

static int
_classes(plnet_t g, const jnode * c, rc_error_t err)
{
    slong m = plnet_output_dim(g);
    if (c->type != JNODE_ARRAY || (slong) c->nitems != m)
        return rc_error_set(err, RELU_E_INPUT, "classes: expected a list of %ld labels (one per output entry)", (long) m);
    g->classes = flint_calloc(m, sizeof(char *));
    g->nclasses = m;
    for (slong k = 0; k < m; k++)
    {
        if (_string(c->items[k], "classes", err))
            return err->code;
        g->classes[k] = _dup(c->items[k]);
    }
    return RELU_OK;
}

int
plnet_is_graph_jnode(const jnode * root)
{
    const jnode * f = root->type == JNODE_OBJECT ? jnode_get(root, "format") : NULL;
    return f != NULL && f->type == JNODE_STRING && strcmp(f->text, "relucert-graph") == 0;
}

static int
_top(plnet_t g, const jnode * root, rc_error_t err)
{
    static const char * const keys[] = { "format", "version", "input", "nodes", "outputs", "name", "meta", "classes", NULL };
    slong version;
    if (!plnet_is_graph_jnode(root))
        return rc_error_set(err, RELU_E_INPUT, "expected a graph {\"format\": \"relucert-graph\", ...}");
    if (_unknown_keys(root, keys, NULL, GRAPH_KEYS, err))
        return err->code;
    const jnode * v = jnode_get(root, "version");
    if (v == NULL)
        return rc_error_set(err, RELU_E_INPUT, "version: missing (2)");
    if (_plnet_read_int(&version, v, 2, 2, "version", err))
        return err->code;
    if (jnode_get(root, "name") != NULL)
    {
        if (_string(jnode_get(root, "name"), "name", err))
            return err->code;
        g->name = _dup(jnode_get(root, "name"));
    }
    if (jnode_get(root, "meta") != NULL)
        g->meta = jnode_copy(jnode_get(root, "meta"));
    if (_input(g, jnode_get(root, "input"), err))
        return err->code;
    const jnode * nodes = jnode_get(root, "nodes");
    if (nodes == NULL || nodes->type != JNODE_ARRAY || nodes->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "nodes: expected a nonempty list of nodes");
    return RELU_OK;
}

int
plnet_read_jnode(plnet_t g, const jnode * root, rc_error_t err)
{
    plnet_t t;
    plnet_init(t);
    int status = _top(t, root, err);
    _entry * tab = NULL;
    if (status == RELU_OK)
    {
        const jnode * nodes = jnode_get(root, "nodes");
        t->nnodes = nodes->nitems;
        t->nodes = flint_calloc(t->nnodes, sizeof(plnet_node_struct));
        tab = flint_malloc(t->nnodes * sizeof(_entry));
        status = _nodes(t, nodes, tab, err);
    }
    if (status == RELU_OK)
        status = _outputs(t, jnode_get(root, "outputs"), tab, err);
    if (status == RELU_OK)
        status = _order(t, err);
    if (status == RELU_OK)
        status = _unused(t, err);
    for (slong k = 0; k < t->nnodes && status == RELU_OK; k++)
    {
        slong i = t->order[k];
        if ((status = _plnet_node_read(t, i, jnode_get(root, "nodes")->items[i], err)))
            _node_prefix(err, t->nodes[i].name);
    }
    if (status == RELU_OK && jnode_get(root, "classes") != NULL)
        status = _classes(t, jnode_get(root, "classes"), err);
    if (status == RELU_OK)
        plnet_swap(g, t);
    flint_free(tab);
    plnet_clear(t);
    return status;
}

int
plnet_read_file(plnet_t g, const char * path, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse_file(&root, path, err);
    if (status != RELU_OK)
        return status;
    if ((status = plnet_read_jnode(g, root, err)))
        rc_error_prefix(err, path);
    jnode_free(root);
    return status;
}
