/* Exact forward pass, and the affine map of a network on one activation
   pattern: on the region where the pattern holds, the network is
   x -> W_L D_{L-1} W_{L-1} ... D_1 W_1 x + (bias terms), with D_i = diag(active). */
#include <flint/flint.h>
#include "net/net.h"

static slong
_max_width(const net_t net)
{
    slong w = net->input_dim;
    for (slong l = 0; l < net->nlayers; l++)
        w = FLINT_MAX(w, net->layers[l].W->r);
    return w;
}

/* z = W a + b */
static void
_layer_apply(fmpq * z, const net_layer_struct * L, const fmpq * a)
{
    for (slong i = 0; i < L->W->r; i++)
    {
        fmpq_set(z + i, L->b + i);
        for (slong j = 0; j < L->W->c; j++)
            fmpq_addmul(z + i, fmpq_mat_entry(L->W, i, j), a + j);
    }
}

void
net_eval(fmpq * y, signed char * signs, const net_t net, const fmpq * x)
{
    slong w = _max_width(net), k = 0;
    fmpq * a = _fmpq_vec_init(w);
    fmpq * z = _fmpq_vec_init(w);
    for (slong j = 0; j < net->input_dim; j++)
        fmpq_set(a + j, x + j);
    for (slong l = 0; l < net->nlayers; l++)
    {
        const net_layer_struct * L = net->layers + l;
        _layer_apply(z, L, a);
        if (l + 1 == net->nlayers)
            break;
        for (slong i = 0; i < L->W->r; i++)
        {
            int s = fmpq_sgn(z + i);
            if (signs != NULL)
                signs[k++] = (signed char) s;
            if (s > 0)
                fmpq_set(a + i, z + i);
            else
                fmpq_zero(a + i);
        }
    }
    for (slong i = 0; i < net_num_outputs(net); i++)
        fmpq_set(y + i, z + i);
    _fmpq_vec_clear(a, w);
    _fmpq_vec_clear(z, w);
}

void
net_affine_of_pattern(fmpq_mat_t M, fmpq * c, const net_t net, const unsigned char * active)
{
    slong n = net->input_dim, m = net_num_outputs(net), k = 0;
    if (M->r != m || M->c != n)
    {
        flint_printf("Exception (net_affine_of_pattern): M is %wd x %wd, expected %wd x %wd\n",
                     M->r, M->c, m, n);
        fflush(stdout);
        abort();
    }
    /* (A, d): the map from the input to the current layer's pre-activations */
    fmpq_mat_t A, B;
    fmpq * d = _fmpq_vec_init(_max_width(net));
    fmpq * e = _fmpq_vec_init(_max_width(net));
    fmpq_mat_init_set(A, net->layers[0].W);
    for (slong i = 0; i < A->r; i++)
        fmpq_set(d + i, net->layers[0].b + i);
    for (slong l = 1; l < net->nlayers; l++)
    {
        const net_layer_struct * L = net->layers + l;
        for (slong i = 0; i < A->r; i++, k++)
            if (!active[k])
            {
                for (slong j = 0; j < n; j++)
                    fmpq_zero(fmpq_mat_entry(A, i, j));
                fmpq_zero(d + i);
            }
        fmpq_mat_init(B, L->W->r, n);
        fmpq_mat_mul(B, L->W, A);
        _layer_apply(e, L, d);
        fmpq_mat_swap(A, B);
        fmpq_mat_clear(B);
        fmpq * t = d; d = e; e = t;
    }
    fmpq_mat_set(M, A);
    for (slong i = 0; i < m; i++)
        fmpq_set(c + i, d + i);
    fmpq_mat_clear(A);
    _fmpq_vec_clear(d, _max_width(net));
    _fmpq_vec_clear(e, _max_width(net));
}
