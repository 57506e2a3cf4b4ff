/* Networks to JSON in canonical form: keys in the order input_dim, layers,
   name, activation, meta (a layer: weights, biases, shortcuts sorted by source);
   integers as JSON integers, other rationals as
   "p/q" strings (never decimals, which would suggest rounding). Writing what
   was read gives the same network, and writing it again the same bytes. */
#include <errno.h>
#include <string.h>
#include "net/net.h"
#include "util/file.h"

static void
_write_matrix(jout_t out, const fmpq_mat_t W)
{
    jout_begin_array(out);
    for (slong i = 0; i < W->r; i++)
    {
        jout_begin_array(out);
        for (slong j = 0; j < W->c; j++)
            jout_fmpq(out, fmpq_mat_entry(W, i, j));
        jout_end_array(out);
    }
    jout_end_array(out);
}

/* "max_groups" of the hidden layer whose first neuron is first (none: no key). */
static void
_write_groups(jout_t out, const net_t net, slong first, slong width)
{
    slong any = 0;
    for (slong r = 0; r < width && net->group != NULL; r++)
        any |= (net->group[first + r] == first + r);
    if (!any)
        return;
    jout_key(out, "max_groups");
    jout_begin_array(out);
    for (slong r = 0; r < width; r++)
        if (net->group[first + r] == first + r)
        {
            jout_begin_array(out);
            jout_int(out, r);
            jout_int(out, net_group_len(net, first + r));
            jout_end_array(out);
        }
    jout_end_array(out);
}

/* A layer without shortcuts is written as before they existed (no key). */
static void
_write_layer(jout_t out, const net_t net, slong l, slong first)
{
    const net_layer_struct * L = net->layers + l;
    jout_begin_object(out);
    jout_key(out, "weights");
    _write_matrix(out, L->W);
    jout_key(out, "biases");
    jout_begin_array(out);
    for (slong i = 0; i < L->W->r; i++)
        jout_fmpq(out, L->b + i);
    jout_end_array(out);
    if (L->nshortcuts > 0)
    {
        jout_key(out, "shortcuts");
        jout_begin_array(out);
        for (slong s = 0; s < L->nshortcuts; s++)
        {
            jout_begin_object(out);
            jout_key(out, "from");
            if (L->shortcuts[s].from < 0)
                jout_string(out, "input");
            else
                jout_int(out, L->shortcuts[s].from);
            jout_key(out, "weights");
            _write_matrix(out, L->shortcuts[s].S);
            jout_end_object(out);
        }
        jout_end_array(out);
    }
    if (l + 1 < net->nlayers)
        _write_groups(out, net, first, L->W->r);
    jout_end_object(out);
}

void
net_write_jout(jout_t out, const net_t net)
{
    jout_begin_object(out);
    jout_key(out, "input_dim");
    jout_int(out, net->input_dim);
    jout_key(out, "layers");
    jout_begin_array(out);
    for (slong l = 0, first = 0; l < net->nlayers; first += net->layers[l].W->r, l++)
        _write_layer(out, net, l, first);
    jout_end_array(out);
    if (net->name != NULL)
    {
        jout_key(out, "name");
        jout_string(out, net->name);
    }
    if (net->activation != NULL)
    {
        jout_key(out, "activation");
        jout_string(out, net->activation);
    }
    if (net->meta != NULL)
    {
        jout_key(out, "meta");
        jout_node(out, net->meta);
    }
    jout_end_object(out);
}

static int
_net_write_fp(FILE * fp, void * net, rc_error_t err)
{
    jout_t out;
    jout_init(out, fp, 0, 0);
    net_write_jout(out, net);
    jout_clear(out);
    return RELU_OK;
}

int
net_write_file(const char * path, const net_t net, rc_error_t err)
{
    return util_file_write(path, _net_write_fp, (void *) net, err);
}

void
net_write_shape_keys(jout_t out, const net_t net, const char * path)
{
    jout_key(out, "input_dim");
    jout_int(out, net->input_dim);
    jout_key(out, "widths");
    jout_begin_array(out);
    for (slong i = 0; i + 1 < net->nlayers; i++)
        jout_int(out, net_layer_width(net, i));
    jout_end_array(out);
    jout_key(out, "hidden_neurons");
    jout_int(out, net_num_hidden(net));
    jout_key(out, "outputs");
    jout_int(out, net_num_outputs(net));
    jout_key(out, "shortcuts");
    jout_bool(out, net_has_shortcuts(net));
    jout_key(out, "out");
    jout_string(out, path);
}
