/* The optional layer key "max_groups" of format 1 (doc/FORMAT.md, "Max
   groups"): [[start, size], ...] per hidden layer, layer-local, increasing,
   disjoint, size >= 2. Only the analyses that handle groups ask for them
   (NET_READ_GROUPS); every other reader refuses the file with that reason. */
#include <stdlib.h>
#include <string.h>
#include "net/net-impl.h"

/* A small nonnegative JSON integer (at most 9 digits), or -1. */
static slong
_small_int(const jnode * v)
{
    if (v == NULL || v->type != JNODE_NUMBER || v->len == 0 || v->len > 9)
        return -1;
    for (size_t k = 0; k < v->len; k++)
        if (v->text[k] < '0' || v->text[k] > '9')
            return -1;
    return atol(v->text);
}

/* Layer l's (1-based, hidden) groups into group[first ...] (first: its first neuron). */
static int
_layer_groups(slong * group, const jnode * v, slong l, slong first, slong width, rc_error_t err)
{
    if (v->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "layer %ld: max_groups: expected an array of [start, size] pairs, got %s",
                            (long) l, jnode_type_name(v));
    slong next = 0;
    for (size_t i = 0; i < v->nitems; i++)
    {
        const jnode * p = v->items[i];
        slong a = -1, s = -1;
        if (p->type == JNODE_ARRAY && p->nitems == 2)
        {
            a = _small_int(p->items[0]);
            s = _small_int(p->items[1]);
        }
        if (a < 0 || s < 2)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld: max_groups, entry %ld: expected [start, size] with integers start >= 0, size >= 2",
                                (long) l, (long) (i + 1));
        if (a < next || a + s > width)
            return rc_error_set(err, RELU_E_INPUT,
                                "layer %ld: max_groups, entry %ld: neurons %ld..%ld overlap an earlier group, come before it or leave the layer's %ld neurons",
                                (long) l, (long) (i + 1), (long) a, (long) (a + s - 1), (long) width);
        for (slong t = 0; t < s; t++)
            group[first + a + t] = first + a;
        next = a + s;
    }
    return RELU_OK;
}

int
_net_read_groups(net_t net, const jnode * layers, int flags, rc_error_t err)
{
    slong N = net_num_hidden(net), first = 0, any = 0;
    slong * group = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
    int status = RELU_OK;
    for (slong k = 0; k < N; k++)
        group[k] = -1;
    for (slong l = 0; l < net->nlayers && status == RELU_OK; l++)
    {
        const jnode * v = jnode_get(layers->items[l], "max_groups");
        if (v != NULL && l + 1 == net->nlayers)
            status = rc_error_set(err, RELU_E_INPUT, "layer %ld: max_groups: the output layer is affine (groups belong to hidden layers)",
                                  (long) (l + 1));
        else if (v != NULL && !(flags & NET_READ_GROUPS))
            status = rc_error_set(err, RELU_E_UNSUPPORTED,
                                  "layer %ld: max_groups: this analysis does not handle a max over more than two entries yet (" NET_GROUPS_SUPPORTED " do)",
                                  (long) (l + 1));
        else if (v != NULL)
        {
            status = _layer_groups(group, v, l + 1, first, net->layers[l].W->r, err);
            any = 1;
        }
        first += l + 1 < net->nlayers ? net->layers[l].W->r : 0;
    }
    if (status == RELU_OK && any)
    {
        flint_free(net->group);
        net->group = group;
        return RELU_OK;
    }
    flint_free(group);
    return status;
}
