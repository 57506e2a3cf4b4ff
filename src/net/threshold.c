/* Level sets as regions: the network with output i turned into one more hidden
   neuron f_i - T. Its activation regions are the regions of the original
   network cut by {f_i = T}, and the new neuron's sign on a face tells whether
   the face lies in {f_i > T}, {f_i = T} or {f_i < T}, so sub-, super- and
   level sets are subcomplexes selected by one entry of the sign vector. */
#include "net/net.h"

int
net_threshold_net(net_t out, const net_t net, slong output, const fmpq_t T, rc_error_t err)
{
    slong L = net->nlayers, m = net_num_outputs(net);
    if (output < 0 || output >= m)
        return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist (the network has %ld output%s)",
                            (long) output, (long) m, m == 1 ? "" : "s");
    slong * widths = flint_malloc((L + 2) * sizeof(slong));
    widths[0] = net->input_dim;
    for (slong j = 0; j < L - 1; j++)
        widths[j + 1] = net->layers[j].W->r;
    widths[L] = 1;          /* the former output row, now a hidden neuron */
    widths[L + 1] = 1;      /* output: that neuron's value after ReLU (unused) */
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
    for (slong k = 0; k < last->W->c; k++)
        fmpq_set(fmpq_mat_entry(tmp->layers[L - 1].W, 0, k), fmpq_mat_entry(last->W, output, k));
    /* the output row's shortcuts: row `output` of each */
    slong * froms = flint_malloc(FLINT_MAX(last->nshortcuts, 1) * sizeof(slong));
    for (slong s = 0; s < last->nshortcuts; s++)
        froms[s] = last->shortcuts[s].from;
    net_layer_init_shortcuts(tmp, L - 1, last->nshortcuts, froms);
    for (slong s = 0; s < last->nshortcuts; s++)
        for (slong k = 0; k < last->shortcuts[s].S->c; k++)
            fmpq_set(fmpq_mat_entry(tmp->layers[L - 1].shortcuts[s].S, 0, k),
                     fmpq_mat_entry(last->shortcuts[s].S, output, k));
    flint_free(froms);
    fmpq_sub(tmp->layers[L - 1].b, last->b + output, T);
    fmpq_one(fmpq_mat_entry(tmp->layers[L].W, 0, 0));
    net_swap(out, tmp);
    net_clear(tmp);
    flint_free(widths);
    return RELU_OK;
}
