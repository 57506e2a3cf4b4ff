/* Level sets as regions: the network with affine combinations of its outputs
   turned into one more hidden layer (f_i - T for a level set, f_i - f_c for a
   decision region). Its activation regions are the regions of the original
   network cut by the new hyperplanes, and the new neurons' signs on a face
   tell on which side of each the face lies, so sub-, super- and level sets
   (and the sets {f_c >= f_i}) are subcomplexes selected by entries of the
   sign vector. */
#include <string.h>
#include "net/net.h"

int
net_combination_net(net_t out, const net_t net, const fmpq_mat_t M, const fmpq * c, rc_error_t err)
{
    slong L = net->nlayers, m = net_num_outputs(net), k = M->r;
    if (M->c != m || k < 1)
        return rc_error_set(err, RELU_E_INPUT, "combinations of the outputs: expected k >= 1 rows of %ld entries, got %ld x %ld",
                            (long) m, (long) M->r, (long) M->c);
    slong * widths = flint_malloc((L + 2) * sizeof(slong));
    widths[0] = net->input_dim;
    for (slong j = 0; j < L - 1; j++)
        widths[j + 1] = net->layers[j].W->r;
    widths[L] = k;          /* the combinations of the former output rows, now hidden neurons */
    widths[L + 1] = k;      /* output: their values after ReLU (unused) */
    net_t tmp;
    net_init_shape(tmp, L + 1, widths);
    for (slong j = 0; j < L - 1; j++)
    {
        fmpq_mat_set(tmp->layers[j].W, net->layers[j].W);
        for (slong r = 0; r < net->layers[j].W->r; r++)
            fmpq_set(tmp->layers[j].b + r, net->layers[j].b + r);
        net_layer_set_shortcuts(tmp, j, net->layers + j);
    }
    const net_layer_struct * last = net->layers + L - 1;
    net_layer_struct * into = tmp->layers + L - 1;
    fmpq_mat_mul(into->W, M, last->W);
    fmpq_mat_t b, Mb;
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(Mb, k, 1);
    for (slong i = 0; i < m; i++)
        fmpq_set(fmpq_mat_entry(b, i, 0), last->b + i);
    fmpq_mat_mul(Mb, M, b);
    for (slong r = 0; r < k; r++)
        fmpq_add(into->b + r, fmpq_mat_entry(Mb, r, 0), c + r);
    fmpq_mat_clear(b);
    fmpq_mat_clear(Mb);
    /* the output layer's shortcuts: M times each */
    slong * froms = flint_malloc(FLINT_MAX(last->nshortcuts, 1) * sizeof(slong));
    for (slong s = 0; s < last->nshortcuts; s++)
        froms[s] = last->shortcuts[s].from;
    net_layer_init_shortcuts(tmp, L - 1, last->nshortcuts, froms);
    for (slong s = 0; s < last->nshortcuts; s++)
        fmpq_mat_mul(into->shortcuts[s].S, M, last->shortcuts[s].S);
    flint_free(froms);
    for (slong r = 0; r < k; r++)
        fmpq_one(fmpq_mat_entry(tmp->layers[L].W, r, r));
    if (net->group != NULL)
    {
        /* the max groups stay; the new neurons are ReLU neurons */
        slong N = net_num_hidden(net);
        tmp->group = flint_malloc((N + k) * sizeof(slong));
        memcpy(tmp->group, net->group, N * sizeof(slong));
        for (slong r = 0; r < k; r++)
            tmp->group[N + r] = -1;
    }
    net_swap(out, tmp);
    net_clear(tmp);
    flint_free(widths);
    return RELU_OK;
}

int
net_threshold_net(net_t out, const net_t net, slong output, const fmpq_t T, rc_error_t err)
{
    slong m = net_num_outputs(net);
    if (output < 0 || output >= m)
        return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist (the network has %ld output%s)",
                            (long) output, (long) m, m == 1 ? "" : "s");
    fmpq_mat_t M;
    fmpq_t c;
    fmpq_mat_init(M, 1, m);
    fmpq_init(c);
    fmpq_one(fmpq_mat_entry(M, 0, output));
    fmpq_neg(c, T);
    int status = net_combination_net(out, net, M, c, err);
    fmpq_clear(c);
    fmpq_mat_clear(M);
    return status;
}

slong
net_class_labels(char *** labels, const net_t net)
{
    const jnode * lf = net->meta ? jnode_get(net->meta, "lowered_from") : NULL;
    const jnode * cl = lf ? jnode_get(lf, "classes") : NULL;
    slong m = net_num_outputs(net);
    *labels = NULL;
    if (cl == NULL || cl->type != JNODE_ARRAY || (slong) cl->nitems != m)
        return 0;
    for (slong k = 0; k < m; k++)
        if (cl->items[k]->type != JNODE_STRING)
            return 0;
    *labels = flint_malloc(m * sizeof(char *));
    for (slong k = 0; k < m; k++)
    {
        (*labels)[k] = flint_malloc(cl->items[k]->len + 1);
        memcpy((*labels)[k], cl->items[k]->text, cl->items[k]->len + 1);
    }
    return m;
}
