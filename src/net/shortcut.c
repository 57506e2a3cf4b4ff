/* Shortcuts (doc/FORMAT.md, "Shortcuts"): layer j may add S h_from to its
   pre-activation, h_{-1} = x. Everything downstream sees a network through
   net_layer_rows, the pre-activations of one layer as affine maps of x, so
   the region search, the affine map of a pattern and the evaluator read the
   shortcuts in one place. */
#include <stdlib.h>
#include <flint/flint.h>
#include "net/net.h"

int
net_has_shortcuts(const net_t net)
{
    for (slong j = 0; j < net->nlayers; j++)
        if (net->layers[j].nshortcuts > 0)
            return 1;
    return 0;
}

slong
net_source_width(const net_t net, slong from)
{
    return from < 0 ? net->input_dim : net->layers[from].W->r;
}

void
net_layer_init_shortcuts(net_t net, slong j, slong k, const slong * froms)
{
    net_layer_struct * L = net->layers + j;
    for (slong s = 0; s < k; s++)
        if (froms[s] < -1 || froms[s] > j - 2 || (s > 0 && froms[s] <= froms[s - 1]))
        {
            flint_printf("Exception (net_layer_init_shortcuts): layer %wd, shortcut %wd from %wd\n",
                         j, s, froms[s]);
            fflush(stdout);
            abort();
        }
    for (slong s = 0; s < L->nshortcuts; s++)
        fmpq_mat_clear(L->shortcuts[s].S);
    flint_free(L->shortcuts);
    L->nshortcuts = k;
    L->shortcuts = k > 0 ? flint_malloc(k * sizeof(net_shortcut_struct)) : NULL;
    for (slong s = 0; s < k; s++)
    {
        L->shortcuts[s].from = froms[s];
        fmpq_mat_init(L->shortcuts[s].S, L->W->r, net_source_width(net, froms[s]));
    }
}

void
net_layer_set_shortcuts(net_t net, slong j, const net_layer_struct * src)
{
    slong k = src->nshortcuts;
    slong * froms = flint_malloc(FLINT_MAX(k, 1) * sizeof(slong));
    for (slong s = 0; s < k; s++)
        froms[s] = src->shortcuts[s].from;
    net_layer_init_shortcuts(net, j, k, froms);
    for (slong s = 0; s < k; s++)
        fmpq_mat_set(net->layers[j].shortcuts[s].S, src->shortcuts[s].S);
    flint_free(froms);
}

/* Z = W H over the rows of H that are not zero. A region's H has a zero row
   for every neuron its pattern switches off, and fmpq_mat_mul first clears
   the denominators of all of H (an lcm per column over every row), which
   costs more than the product itself: that clearing was half of the time of
   the level-set regions of a 2D network of width 120 (callgrind). */
static void
_rows_mul(fmpq_mat_t Z, const fmpq_mat_t W, const fmpq_mat_t H)
{
    slong n = H->r, d = H->c, nl = 0;
    slong * live = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    for (slong i = 0; i < n; i++)
    {
        int zero = 1;
        for (slong k = 0; k < d && zero; k++)
            zero = fmpq_is_zero(fmpq_mat_entry(H, i, k));
        if (!zero)
            live[nl++] = i;
    }
    for (slong r = 0; r < W->r; r++)
        for (slong k = 0; k < d; k++)
        {
            fmpq * z = fmpq_mat_entry(Z, r, k);
            fmpq_zero(z);
            for (slong t = 0; t < nl; t++)
            {
                const fmpq * w = fmpq_mat_entry(W, r, live[t]);
                if (!fmpq_is_zero(w))
                    fmpq_addmul(z, w, fmpq_mat_entry(H, live[t], k));
            }
        }
    flint_free(live);
}

/* Z += S H, H homogeneous rows (constant first); H = NULL: the input (0 | I). */
static void
_add_source(fmpq_mat_t Z, const fmpq_mat_t S, const fmpq_mat_struct * H)
{
    if (H == NULL)
    {
        for (slong r = 0; r < S->r; r++)
            for (slong k = 0; k < S->c; k++)
                fmpq_add(fmpq_mat_entry(Z, r, k + 1), fmpq_mat_entry(Z, r, k + 1), fmpq_mat_entry(S, r, k));
        return;
    }
    fmpq_mat_t T;
    fmpq_mat_init(T, Z->r, Z->c);
    _rows_mul(T, S, H);
    fmpq_mat_add(Z, Z, T);
    fmpq_mat_clear(T);
}

void
net_layer_rows(fmpq_mat_t Z, const net_t net, slong j, const fmpq_mat_struct * H)
{
    const net_layer_struct * L = net->layers + j;
    slong w = L->W->r, d = net->input_dim + 1;
    if (Z->r != w || Z->c != d)
    {
        flint_printf("Exception (net_layer_rows): Z is %wd x %wd, expected %wd x %wd\n", Z->r, Z->c, w, d);
        fflush(stdout);
        abort();
    }
    if (j == 0)
        for (slong r = 0; r < w; r++)
        {
            fmpq_set(fmpq_mat_entry(Z, r, 0), L->b + r);
            for (slong k = 1; k < d; k++)
                fmpq_set(fmpq_mat_entry(Z, r, k), fmpq_mat_entry(L->W, r, k - 1));
        }
    else
    {
        _rows_mul(Z, L->W, H + j - 1);
        for (slong r = 0; r < w; r++)
            fmpq_add(fmpq_mat_entry(Z, r, 0), fmpq_mat_entry(Z, r, 0), L->b + r);
    }
    for (slong s = 0; s < L->nshortcuts; s++)
        _add_source(Z, L->shortcuts[s].S, L->shortcuts[s].from < 0 ? NULL : H + L->shortcuts[s].from);
}
