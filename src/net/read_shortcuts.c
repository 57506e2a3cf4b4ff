/* The "shortcuts" of a layer (doc/FORMAT.md, "Shortcuts"): an array of
   {"from": "input" | i, "weights": [[...]]}. Layers are named 1-based as
   everywhere in the reader's messages, shortcuts 1-based in file order, and
   "from" is the 0-based hidden layer of the format. Stored sorted by source,
   so a network has one canonical form whatever order the file lists them in. */
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include "net/net-impl.h"
#include "num/num.h"

#define SHORTCUT_HELP "a shortcut is {\"from\": \"input\" or a hidden layer (0-based), \"weights\": [[...]]}"

/* "from": -1 for "input", i for a JSON integer i >= 0; RELU_E_INPUT otherwise. */
static int
_shortcut_from(slong * from, const jnode * v, slong l, slong s, rc_error_t err)
{
    char q[128];
    if (v->type == JNODE_STRING && v->len == 5 && strcmp(v->text, "input") == 0)
    {
        *from = -1;
        return RELU_OK;
    }
    if (v->type == JNODE_NUMBER)
    {
        int digits = v->len > 0 && v->len <= 9;
        for (size_t k = 0; k < v->len; k++)
            digits &= (v->text[k] >= '0' && v->text[k] <= '9');
        if (digits)
        {
            *from = atol(v->text);
            return RELU_OK;
        }
    }
    if (v->type == JNODE_STRING)
        jnode_quote(q, sizeof(q), v->text, v->len, 40);
    else if (v->type == JNODE_NUMBER)
        snprintf(q, sizeof(q), "%.40s", v->text);
    else
        snprintf(q, sizeof(q), "%s", jnode_type_name(v));
    return rc_error_set(err, RELU_E_INPUT,
                        "layer %ld, shortcut %ld: \"from\" must be \"input\" or a hidden layer number (0-based), got %s",
                        (long) l, (long) s, q);
}

/* One shortcut's keys, source and shape; sets *from. */
static int
_check_one(slong * from, const jnode * sc, slong l, slong s, const slong * widths, rc_error_t err)
{
    if (sc->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld, shortcut %ld: expected an object (" SHORTCUT_HELP "), got %s",
                            (long) l, (long) s, jnode_type_name(sc));
    for (size_t i = 0; i < sc->nitems; i++)
        if (strcmp(sc->keys[i], "from") != 0 && strcmp(sc->keys[i], "weights") != 0)
        {
            char q[128];
            jnode_quote(q, sizeof(q), sc->keys[i], strlen(sc->keys[i]), 60);
            return rc_error_set(err, RELU_E_INPUT, "layer %ld, shortcut %ld: unknown key %s (" SHORTCUT_HELP ")",
                                (long) l, (long) s, q);
        }
    const jnode * f = jnode_get(sc, "from"), * W = jnode_get(sc, "weights");
    if (f == NULL || W == NULL)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld, shortcut %ld: missing key \"%s\" (" SHORTCUT_HELP ")",
                            (long) l, (long) s, f == NULL ? "from" : "weights");
    if (_shortcut_from(from, f, l, s, err))
        return err->code;
    if (*from > l - 3)
    {
        if (l == 1)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer 1, shortcut %ld: the first layer reads the input through its weights and can have no shortcut",
                                (long) s);
        char range[64] = "";
        if (l > 3)
            snprintf(range, sizeof(range), " or a hidden layer 0..%ld", (long) (l - 3));
        else if (l == 3)
            snprintf(range, sizeof(range), " or hidden layer 0");
        return rc_error_set(err, RELU_E_INPUT,
                            "layer %ld, shortcut %ld: \"from\": %ld is out of range (expected \"input\"%s; the layer's own weights read hidden layer %ld)",
                            (long) l, (long) s, (long) *from, range, (long) (l - 2));
    }
    slong rows = widths[l], cols = widths[*from + 1];
    if (W->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld, shortcut %ld: weights must be an array of rows (one per neuron), got %s",
                            (long) l, (long) s, jnode_type_name(W));
    if ((slong) W->nitems != rows)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld, shortcut %ld: weights has %ld row%s, expected %ld (one per neuron of the layer)",
                            (long) l, (long) s, (long) W->nitems, W->nitems == 1 ? "" : "s", (long) rows);
    for (slong i = 0; i < rows; i++)
    {
        const jnode * row = W->items[i];
        if (row->type != JNODE_ARRAY)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld, shortcut %ld, weights row %ld: expected an array of %ld numbers, got %s",
                                (long) l, (long) s, (long) (i + 1), (long) cols, jnode_type_name(row));
        if ((slong) row->nitems != cols)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld, shortcut %ld, weights row %ld: expected %ld entries (the width of %s), got %ld",
                                (long) l, (long) s, (long) (i + 1), (long) cols, *from < 0 ? "the input" : "the source layer",
                                (long) row->nitems);
    }
    return RELU_OK;
}

int
_net_check_shortcuts(const jnode * v, slong l, const slong * widths, rc_error_t err)
{
    if (v->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld: shortcuts must be an array (" SHORTCUT_HELP "), got %s",
                            (long) l, jnode_type_name(v));
    slong * froms = flint_malloc(FLINT_MAX(v->nitems, 1) * sizeof(slong));
    int status = RELU_OK;
    for (size_t s = 0; s < v->nitems && status == RELU_OK; s++)
    {
        status = _check_one(froms + s, v->items[s], l, (slong) s + 1, widths, err);
        for (size_t t = 0; t < s && status == RELU_OK; t++)
            if (froms[t] == froms[s])
            {
                char src[32];
                if (froms[s] < 0)
                    snprintf(src, sizeof(src), "\"input\"");
                else
                    snprintf(src, sizeof(src), "%ld", (long) froms[s]);
                status = rc_error_set(err, RELU_E_INPUT,
                                      "layer %ld, shortcut %ld: duplicate \"from\": %s (shortcut %ld reads it too)",
                                      (long) l, (long) s + 1, src, (long) t + 1);
            }
    }
    flint_free(froms);
    return status;
}

int
_net_read_shortcuts(net_t net, const jnode * v, slong l, rc_error_t err)
{
    slong k = (slong) v->nitems, j = l - 1;
    slong * froms = flint_malloc(FLINT_MAX(k, 1) * sizeof(slong));
    slong * sorted = flint_malloc(FLINT_MAX(k, 1) * sizeof(slong));
    for (slong s = 0; s < k; s++)
    {
        _shortcut_from(froms + s, jnode_get(v->items[s], "from"), l, s + 1, err);
        sorted[s] = froms[s];
    }
    for (slong s = 1; s < k; s++)       /* insertion sort: a handful of sources */
        for (slong t = s; t > 0 && sorted[t - 1] > sorted[t]; t--)
        {
            slong x = sorted[t]; sorted[t] = sorted[t - 1]; sorted[t - 1] = x;
        }
    net_layer_init_shortcuts(net, j, k, sorted);
    int status = RELU_OK;
    for (slong s = 0; s < k && status == RELU_OK; s++)
    {
        slong p = 0;
        while (sorted[p] != froms[s])
            p++;
        fmpq_mat_struct * S = net->layers[j].shortcuts[p].S;
        const jnode * W = jnode_get(v->items[s], "weights");
        for (slong r = 0; r < S->r && status == RELU_OK; r++)
            for (slong c = 0; c < S->c && status == RELU_OK; c++)
                if ((status = num_from_jnode(fmpq_mat_entry(S, r, c), W->items[r]->items[c], err)))
                {
                    char where[128];
                    snprintf(where, sizeof(where), "layer %ld, shortcut %ld, weights row %ld, column %ld",
                             (long) l, (long) (s + 1), (long) (r + 1), (long) (c + 1));
                    rc_error_prefix(err, where);
                }
    }
    flint_free(froms);
    flint_free(sorted);
    return status;
}
