/* The trained network in the project's network format, and its training loss
   recomputed through the exact evaluator (independently of the solver). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include "wedge/convex.h"

void
wedge_model_net(net_t net, const wedge_dict_t W, const fmpq * c, slong d, int bias)
{
    slong h = 0;
    for (slong j = 0; j < W->num; j++)
        h += !fmpq_is_zero(c + j);
    net_clear(net);
    if (h == 0)
    {
        slong widths[2] = { d, 1 };
        net_init_shape(net, 1, widths);        /* the affine network f = 0 */
        return;
    }
    slong widths[3] = { d, h, 1 };
    net_init_shape(net, 2, widths);
    for (slong j = 0, q = 0; j < W->num; j++)
    {
        if (fmpq_is_zero(c + j))
            continue;
        for (slong k = 0; k < d; k++)
            fmpq_set(fmpq_mat_entry(net->layers[0].W, q, k), fmpq_mat_entry(W->V, j, k));
        if (bias)
            fmpq_set(net->layers[0].b + q, fmpq_mat_entry(W->V, j, d));
        fmpq_set(fmpq_mat_entry(net->layers[1].W, 0, q), c + j);
        q++;
    }
}

void
wedge_model_loss(fmpq_t loss, fmpq_t l1, const net_t net, const wedge_data_t D)
{
    fmpq_t f, a;
    fmpq_init(f); fmpq_init(a);
    fmpq * x = _fmpq_vec_init(D->d);
    fmpq_zero(loss);
    for (slong i = 0; i < D->n; i++)
    {
        for (slong k = 0; k < D->d; k++)
            fmpq_set(x + k, fmpq_mat_entry(D->X, i, k));
        net_eval(f, NULL, net, x);
        fmpq_sub(f, f, D->y + i);
        fmpq_addmul(loss, f, f);
    }
    fmpq_div_2exp(loss, loss, 1);
    const net_layer_struct * out = net->layers + net->nlayers - 1;
    fmpq_zero(l1);
    for (slong k = 0; k < out->W->c; k++)
    {
        fmpq_abs(a, fmpq_mat_entry(out->W, 0, k));
        fmpq_add(l1, l1, a);
    }
    _fmpq_vec_clear(x, D->d);
    fmpq_clear(f); fmpq_clear(a);
}

int
wedge_model_roundtrip(net_t back, const net_t net, const char * path, rc_error_t err)
{
    if (path != NULL)
    {
        if (net_write_file(path, net, err))
            return err->code;
        return net_read_file(back, path, err);
    }
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot open a memory stream");
    jout_t out;
    jout_init(out, fp, 0, 0);
    net_write_jout(out, net);
    jout_clear(out);
    fclose(fp);
    jnode * root;
    int rc = jnode_parse(&root, buf, len, err);
    free(buf);
    if (rc)
        return rc;
    rc = net_read_jnode(back, root, err);
    jnode_free(root);
    return rc;
}
