/* Networks from JSON (format in shared INTERFACE.md, "Network file").

   Every layer's shape is checked before anything is allocated, so memory is
   bounded by the size of the file (a huge "input_dim" cannot allocate a huge
   matrix: the rows would have to be that long). The network is built in a
   temporary and moved into place only when everything has been read, so a
   failed read leaves no half-filled network behind. */
#include <limits.h>
#include <string.h>
#include <flint/flint.h>
#include "net/net-impl.h"
#include "num/num.h"
#include "plnet/plnet.h"

#define NET_KEYS_HELP "a network has \"input_dim\" and \"layers\", optionally \"name\", \"activation\" and \"meta\""
#define LAYER_KEYS_HELP "a layer has \"weights\" and \"biases\", optionally \"shortcuts\" and \"max_groups\""
#define NUM_WORD "a number (integer, \"p/q\" or decimal)"

static int
_is_one_of(const char * key, const char * const * allowed, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(key, allowed[k]) == 0)
            return 1;
    return 0;
}

/* input_dim: a JSON integer token, positive. A string or "2.0" is refused:
   a dimension is a count, not a rational that happens to be whole. */
static int
_read_input_dim(slong * n, const jnode * v, rc_error_t err)
{
    if (v->type != JNODE_NUMBER)
        return rc_error_set(err, RELU_E_INPUT,
                            "input_dim must be a positive integer (a JSON number such as 2), got %s",
                            jnode_type_name(v));
    size_t i = (v->text[0] == '-');
    int integer = i < v->len;
    for (size_t k = i; k < v->len; k++)
        integer &= (v->text[k] >= '0' && v->text[k] <= '9');
    if (!integer)
        return rc_error_set(err, RELU_E_INPUT, "input_dim must be a positive integer, got %.40s",
                            v->text);
    fmpz_t z;
    fmpz_init(z);
    fmpz_set_str(z, v->text, 10);
    int status = RELU_OK;
    if (fmpz_sgn(z) <= 0)
        status = rc_error_set(err, RELU_E_INPUT, "input_dim must be a positive integer, got %.40s",
                              v->text);
    else if (fmpz_cmp_si(z, INT_MAX) > 0)
        status = rc_error_set(err, RELU_E_INPUT, "input_dim %.40s is too large", v->text);
    else
        *n = fmpz_get_si(z);
    fmpz_clear(z);
    return status;
}

/* Checks keys and shapes of layer number l (1-based) whose input width is
   widths[l - 1]; sets widths[l]. Nothing is allocated. */
static int
_check_layer_shape(slong * widths, const jnode * layer, slong l, rc_error_t err)
{
    static const char * const allowed[] = { "weights", "biases", "shortcuts", "max_groups" };
    slong width = widths[l - 1];
    if (layer->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT,
                            "layer %ld: expected an object {\"weights\": [[...]], \"biases\": [...]}, got %s",
                            (long) l, jnode_type_name(layer));
    for (size_t i = 0; i < layer->nitems; i++)
        if (!_is_one_of(layer->keys[i], allowed, 4))
        {
            char q[128];
            jnode_quote(q, sizeof(q), layer->keys[i], strlen(layer->keys[i]), 60);
            return rc_error_set(err, RELU_E_INPUT, "layer %ld: unknown key %s (" LAYER_KEYS_HELP ")",
                                (long) l, q);
        }
    const jnode * W = jnode_get(layer, "weights"), * b = jnode_get(layer, "biases");
    if (W == NULL || b == NULL)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld: missing key \"%s\" (" LAYER_KEYS_HELP ")",
                            (long) l, W == NULL ? "weights" : "biases");
    if (W->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT,
                            "layer %ld: weights must be an array of rows (one per neuron), got %s",
                            (long) l, jnode_type_name(W));
    if (W->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT,
                            "layer %ld: weights is empty (a layer needs at least one neuron)", (long) l);
    for (size_t i = 0; i < W->nitems; i++)
    {
        const jnode * row = W->items[i];
        if (row->type != JNODE_ARRAY)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld, weights row %ld: expected an array of %ld numbers, got %s",
                                (long) l, (long) (i + 1), (long) width, jnode_type_name(row));
        if ((slong) row->nitems != width)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld, weights row %ld: expected %ld entries (the width of the previous layer), got %ld",
                                (long) l, (long) (i + 1), (long) width, (long) row->nitems);
    }
    if (b->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT,
                            "layer %ld: biases must be an array with one number per row of weights, got %s",
                            (long) l, jnode_type_name(b));
    if (b->nitems != W->nitems)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld: biases has %ld entr%s but weights has %ld row%s",
                            (long) l, (long) b->nitems, b->nitems == 1 ? "y" : "ies",
                            (long) W->nitems, W->nitems == 1 ? "" : "s");
    widths[l] = (slong) W->nitems;
    const jnode * sc = jnode_get(layer, "shortcuts");
    return sc == NULL ? RELU_OK : _net_check_shortcuts(sc, l, widths, err);
}

/* Reads the numbers of a layer whose shape has been checked. */
static int
_read_layer_numbers(net_layer_struct * L, const jnode * layer, slong l, rc_error_t err)
{
    const jnode * W = jnode_get(layer, "weights"), * b = jnode_get(layer, "biases");
    char where[96];
    for (slong i = 0; i < L->W->r; i++)
        for (slong j = 0; j < L->W->c; j++)
            if (num_from_jnode(fmpq_mat_entry(L->W, i, j), W->items[i]->items[j], err))
            {
                snprintf(where, sizeof(where), "layer %ld, weights row %ld, column %ld",
                         (long) l, (long) (i + 1), (long) (j + 1));
                rc_error_prefix(err, where);
                return err->code;
            }
    for (slong i = 0; i < L->W->r; i++)
        if (num_from_jnode(L->b + i, b->items[i], err))
        {
            snprintf(where, sizeof(where), "layer %ld, biases entry %ld", (long) l, (long) (i + 1));
            rc_error_prefix(err, where);
            return err->code;
        }
    return RELU_OK;
}

static char *
_copy_string(const jnode * v)
{
    char * s = flint_malloc(v->len + 1);
    memcpy(s, v->text, v->len + 1);
    return s;
}

/* "name", "activation" and "meta". */
static int
_read_optional(net_t net, const jnode * root, rc_error_t err)
{
    const jnode * name = jnode_get(root, "name");
    const jnode * act = jnode_get(root, "activation");
    const jnode * meta = jnode_get(root, "meta");
    if (name != NULL)
    {
        if (name->type != JNODE_STRING)
            return rc_error_set(err, RELU_E_INPUT, "name must be a string, got %s", jnode_type_name(name));
        if (strlen(name->text) != name->len)
            return rc_error_set(err, RELU_E_INPUT, "name must not contain a NUL character (\\u0000)");
        net->name = _copy_string(name);
    }
    if (act != NULL)
    {
        if (act->type != JNODE_STRING)
            return rc_error_set(err, RELU_E_INPUT,
                                "activation must be a string (only \"relu\" is supported), got %s",
                                jnode_type_name(act));
        if (act->len != 4 || strcmp(act->text, "relu") != 0)
        {
            char q[128];
            jnode_quote(q, sizeof(q), act->text, act->len, 60);
            return rc_error_set(err, RELU_E_UNSUPPORTED,
                                "activation %s is not supported (only \"relu\" is supported)", q);
        }
        net->activation = _copy_string(act);
    }
    if (meta != NULL)
        net->meta = jnode_copy(meta);
    return RELU_OK;
}

/* Everything but the numbers: keys, input_dim, layer shapes. Sets widths[0..nlayers]. */
static int
_check_network_shape(slong * widths, const jnode * root, rc_error_t err)
{
    const jnode * layers = jnode_get(root, "layers");
    if (_read_input_dim(widths, jnode_get(root, "input_dim"), err))
        return err->code;
    for (size_t l = 0; l < layers->nitems; l++)
        if (_check_layer_shape(widths, layers->items[l], (slong) l + 1, err))
            return err->code;
    return RELU_OK;
}

static int
_check_top_level(const jnode * root, rc_error_t err)
{
    static const char * const allowed[] = { "input_dim", "layers", "name", "activation", "meta" };
    if (root->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT,
                            "expected a network object {\"input_dim\": n, \"layers\": [...]}, got %s",
                            jnode_type_name(root));
    for (size_t i = 0; i < root->nitems; i++)
        if (!_is_one_of(root->keys[i], allowed, 5))
        {
            char q[128];
            jnode_quote(q, sizeof(q), root->keys[i], strlen(root->keys[i]), 60);
            return rc_error_set(err, RELU_E_INPUT, "unknown key %s (" NET_KEYS_HELP ")", q);
        }
    if (jnode_get(root, "input_dim") == NULL)
        return rc_error_set(err, RELU_E_INPUT,
                            "missing key \"input_dim\" (the number of inputs, a positive integer)");
    const jnode * layers = jnode_get(root, "layers");
    if (layers == NULL)
        return rc_error_set(err, RELU_E_INPUT,
                            "missing key \"layers\" (an array of {\"weights\": [[...]], \"biases\": [...]})");
    if (layers->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "layers must be an array of layers, got %s",
                            jnode_type_name(layers));
    if (layers->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "layers is empty (a network needs at least one layer)");
    return RELU_OK;
}

/* A version-2 graph: read, checked, lowered (net/lower.c). */
static int
_read_graph(net_t net, plnet_t keep, const jnode * root, int flags, rc_error_t err)
{
    plnet_t g;
    plnet_init(g);
    int status = plnet_read_jnode(g, root, err);
    if (status == RELU_OK)
        status = net_lower_plnet_flags(net, g, flags, err);
    if (keep != NULL && (status == RELU_OK || (status == RELU_E_UNSUPPORTED && g->nnodes > 0)))
        plnet_swap(keep, g);
    plnet_clear(g);
    return status;
}

int
net_read_jnode(net_t net, const jnode * root, rc_error_t err)
{
    return net_read_jnode_graph(net, NULL, root, err);
}

int
net_read_jnode_graph(net_t net, plnet_t g, const jnode * root, rc_error_t err)
{
    return net_read_jnode_flags(net, g, root, 0, err);
}

int
net_read_jnode_flags(net_t net, plnet_t g, const jnode * root, int flags, rc_error_t err)
{
    if (plnet_is_graph_jnode(root))
        return _read_graph(net, g, root, flags, err);
    if (_check_top_level(root, err))
        return err->code;
    const jnode * layers = jnode_get(root, "layers");
    slong nlayers = (slong) layers->nitems;
    slong * widths = flint_malloc((nlayers + 1) * sizeof(slong));
    int status = _check_network_shape(widths, root, err);
    if (status == RELU_OK)
    {
        net_t tmp;
        net_init_shape(tmp, nlayers, widths);
        for (slong l = 0; l < nlayers && status == RELU_OK; l++)
        {
            status = _read_layer_numbers(tmp->layers + l, layers->items[l], l + 1, err);
            const jnode * sc = jnode_get(layers->items[l], "shortcuts");
            if (status == RELU_OK && sc != NULL)
                status = _net_read_shortcuts(tmp, sc, l + 1, err);
        }
        if (status == RELU_OK)
            status = _net_read_groups(tmp, layers, flags, err);
        if (status == RELU_OK)
            status = _read_optional(tmp, root, err);
        if (status == RELU_OK)
            net_swap(net, tmp);
        net_clear(tmp);     /* the old network after a swap, the partial one otherwise */
    }
    flint_free(widths);
    return status;
}

int
net_read_file(net_t net, const char * path, rc_error_t err)
{
    return net_read_file_graph(net, NULL, path, err);
}

int
net_read_file_graph(net_t net, plnet_t g, const char * path, rc_error_t err)
{
    return net_read_file_flags(net, g, path, 0, err);
}

int
net_read_file_flags(net_t net, plnet_t g, const char * path, int flags, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse_file(&root, path, err);   /* prefixes its own messages */
    if (status != RELU_OK)
        return status;
    status = net_read_jnode_flags(net, g, root, flags, err);
    if (status != RELU_OK)
        rc_error_prefix(err, path);
    jnode_free(root);
    return status;
}
