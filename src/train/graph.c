/* A float network with piecewise-linear units other than ReLU rationalised as
   a graph (network format 2, train.h), which the library lowers like any graph
   (net_read_jnode). */
#include <stdio.h>
#include <stdlib.h>
#include "train/train.h"

/* dense layer j of the graph: rationalised weights and biases */
static void
_write_dense(jout_t out, const train_net_t T, slong j, const char * input, slong max_den)
{
    char name[32];
    slong r = T->widths[j + 1], c = T->widths[j];
    fmpq_t q;
    fmpq_init(q);
    snprintf(name, sizeof(name), j + 1 < T->nlayers ? "fc%ld" : "out", (long) (j + 1));
    jout_begin_object(out);
    jout_key(out, "name"); jout_string(out, name);
    jout_key(out, "op"); jout_string(out, "dense");
    jout_key(out, "inputs"); jout_begin_array(out); jout_string(out, input); jout_end_array(out);
    jout_key(out, "weights");
    jout_begin_array(out);
    for (slong i = 0; i < r; i++)
    {
        jout_begin_array(out);
        for (slong k = 0; k < c; k++)
        {
            train_rationalise_double(q, T->W[j][i * c + k], max_den);
            jout_fmpq(out, q);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    jout_key(out, "biases");
    jout_begin_array(out);
    for (slong i = 0; i < r; i++)
    {
        train_rationalise_double(q, T->b[j][i], max_den);
        jout_fmpq(out, q);
    }
    jout_end_array(out);
    jout_end_object(out);
    fmpq_clear(q);
}

/* the activation node after dense layer j */
static void
_write_act(jout_t out, const train_net_t T, slong j, const fmpq_t slope)
{
    char name[32], input[32];
    snprintf(name, sizeof(name), "act%ld", (long) (j + 1));
    snprintf(input, sizeof(input), "fc%ld", (long) (j + 1));
    jout_begin_object(out);
    jout_key(out, "name"); jout_string(out, name);
    jout_key(out, "op");
    jout_string(out, T->act == TRAIN_ACT_LEAKY ? "leaky_relu" : T->act == TRAIN_ACT_ABS ? "abs" : "clamp");
    jout_key(out, "inputs"); jout_begin_array(out); jout_string(out, input); jout_end_array(out);
    if (T->act == TRAIN_ACT_LEAKY)
    {
        jout_key(out, "slope"); jout_fmpq(out, slope);
    }
    else if (T->act == TRAIN_ACT_HARDTANH)
    {
        jout_key(out, "min"); jout_int(out, -1);
        jout_key(out, "max"); jout_int(out, 1);
    }
    jout_end_object(out);
}

int
train_net_rationalise_graph(jnode ** graph, net_t net, const train_net_t T, const fmpq_t slope, slong max_den,
                            rc_error_t err)
{
    char * buf = NULL, name[32];
    size_t len = 0;
    *graph = NULL;
    if (!train_act_is_pl(T->act) || T->act == TRAIN_ACT_RELU)
        return rc_error_set(err, RELU_E_INTERNAL, "train_net_rationalise_graph: activation %s", train_act_name(T->act));
    FILE * fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return rc_error_set(err, RELU_E_LIMIT, "out of memory writing the rationalised graph");
    jout_t out;
    jout_init(out, fp, 0, 0);
    jout_begin_object(out);
    jout_key(out, "format"); jout_string(out, "relucert-graph");
    jout_key(out, "version"); jout_int(out, 2);
    jout_key(out, "input");
    jout_begin_object(out);
    jout_key(out, "name"); jout_string(out, "x");
    jout_key(out, "shape"); jout_begin_array(out); jout_int(out, T->widths[0]); jout_end_array(out);
    jout_end_object(out);
    jout_key(out, "nodes");
    jout_begin_array(out);
    for (slong j = 0; j < T->nlayers; j++)
    {
        snprintf(name, sizeof(name), "act%ld", (long) j);
        _write_dense(out, T, j, j == 0 ? "x" : name, max_den);
        if (j + 1 < T->nlayers)
            _write_act(out, T, j, slope);
    }
    jout_end_array(out);
    jout_key(out, "outputs"); jout_begin_array(out); jout_string(out, "out"); jout_end_array(out);
    jout_end_object(out);
    jout_clear(out);
    fclose(fp);
    int status = jnode_parse(graph, buf, len, err);
    free(buf);
    if (status == RELU_OK)
        status = net_read_jnode(net, *graph, err);
    if (status != RELU_OK && *graph != NULL)
    {
        jnode_free(*graph);
        *graph = NULL;
    }
    return status;
}
