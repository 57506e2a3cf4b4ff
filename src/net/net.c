/* Memory management and comparison of networks. */
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include "net/net.h"

void
net_init(net_t net)
{
    net->input_dim = 0;
    net->nlayers = 0;
    net->layers = NULL;
    net->name = NULL;
    net->activation = NULL;
    net->meta = NULL;
    net->group = NULL;
}

void
net_clear(net_t net)
{
    for (slong i = 0; i < net->nlayers; i++)
    {
        _fmpq_vec_clear(net->layers[i].b, net->layers[i].W->r);
        for (slong s = 0; s < net->layers[i].nshortcuts; s++)
            fmpq_mat_clear(net->layers[i].shortcuts[s].S);
        flint_free(net->layers[i].shortcuts);
        fmpq_mat_clear(net->layers[i].W);
    }
    flint_free(net->layers);
    flint_free(net->name);
    flint_free(net->activation);
    jnode_free(net->meta);
    flint_free(net->group);
    net_init(net);
}

void
net_init_shape(net_t net, slong nlayers, const slong * widths)
{
    if (nlayers < 1)
        abort();
    net_init(net);
    net->input_dim = widths[0];
    net->nlayers = nlayers;
    net->layers = flint_malloc(nlayers * sizeof(net_layer_struct));
    for (slong i = 0; i < nlayers; i++)
    {
        fmpq_mat_init(net->layers[i].W, widths[i + 1], widths[i]);
        net->layers[i].b = _fmpq_vec_init(widths[i + 1]);
        net->layers[i].nshortcuts = 0;
        net->layers[i].shortcuts = NULL;
    }
}

static char *
_strdup_or_null(const char * s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char * t = flint_malloc(n);
    memcpy(t, s, n);
    return t;
}

void
net_set(net_t dst, const net_t src)
{
    if (dst == src)
        return;
    slong * widths = flint_malloc((src->nlayers + 1) * sizeof(slong));
    widths[0] = src->input_dim;
    for (slong i = 0; i < src->nlayers; i++)
        widths[i + 1] = src->layers[i].W->r;
    net_clear(dst);
    if (src->nlayers > 0)
        net_init_shape(dst, src->nlayers, widths);
    dst->input_dim = src->input_dim;
    for (slong i = 0; i < src->nlayers; i++)
    {
        fmpq_mat_set(dst->layers[i].W, src->layers[i].W);
        for (slong j = 0; j < src->layers[i].W->r; j++)
            fmpq_set(dst->layers[i].b + j, src->layers[i].b + j);
        net_layer_set_shortcuts(dst, i, src->layers + i);
    }
    dst->name = _strdup_or_null(src->name);
    dst->activation = _strdup_or_null(src->activation);
    dst->meta = jnode_copy(src->meta);
    if (src->group != NULL)
    {
        slong N = net_num_hidden(src);
        dst->group = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
        memcpy(dst->group, src->group, N * sizeof(slong));
    }
    flint_free(widths);
}

slong
net_num_hidden(const net_t net)
{
    slong n = 0;
    for (slong i = 0; i + 1 < net->nlayers; i++)
        n += net->layers[i].W->r;
    return n;
}

slong
net_group_len(const net_t net, slong k)
{
    if (net->group == NULL || net->group[k] != k)
        return 1;
    slong N = net_num_hidden(net), len = 1;
    while (k + len < N && net->group[k + len] == k)
        len++;
    return len;
}

int
net_check_no_groups(const net_t net, const char * what, rc_error_t err)
{
    if (net->group == NULL)
        return RELU_OK;
    return rc_error_set(err, RELU_E_UNSUPPORTED,
                        "%s does not handle a max over more than two entries yet (max pooling wider than 2); " NET_GROUPS_SUPPORTED " do",
                        what);
}

static int
_str_equal(const char * a, const char * b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

int
net_equal(const net_t a, const net_t b)
{
    if (a->input_dim != b->input_dim || a->nlayers != b->nlayers)
        return 0;
    for (slong i = 0; i < a->nlayers; i++)
    {
        const net_layer_struct * p = a->layers + i, * q = b->layers + i;
        if (p->W->r != q->W->r || p->W->c != q->W->c || !fmpq_mat_equal(p->W, q->W))
            return 0;
        for (slong j = 0; j < p->W->r; j++)
            if (!fmpq_equal(p->b + j, q->b + j))
                return 0;
        if (p->nshortcuts != q->nshortcuts)
            return 0;
        for (slong s = 0; s < p->nshortcuts; s++)
            if (p->shortcuts[s].from != q->shortcuts[s].from
                || !fmpq_mat_equal(p->shortcuts[s].S, q->shortcuts[s].S))
                return 0;
    }
    if ((a->group == NULL) != (b->group == NULL)
        || (a->group != NULL && memcmp(a->group, b->group, net_num_hidden(a) * sizeof(slong)) != 0))
        return 0;
    return _str_equal(a->name, b->name) && _str_equal(a->activation, b->activation)
        && jnode_equal(a->meta, b->meta);
}

void
net_swap(net_t a, net_t b)
{
    net_struct t = *a;
    *a = *b;
    *b = t;
}
