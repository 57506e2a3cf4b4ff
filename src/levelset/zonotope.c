/* The zonotope duality of one-hidden-layer support functions: {N <= T} is the
   polar of a zonotope, computed independently (see levelset.h). */
#include "levelset/levelset.h"

int
levelset_zonotope_duality(int * applies, char * reason, size_t size, polytope_t Z, slong ** vmap,
                          slong ** fmap, const net_t net, slong output, const fmpq_t T,
                          const levelset_t L, rc_error_t err)
{
    slong d = net->input_dim;
    *applies = 0;
    *vmap = *fmap = NULL;
    if (L->kind != LEVELSET_SUB)
        return snprintf(reason, size, "the duality is about sublevel sets {N <= T}"), RELU_OK;
    if (net->nlayers != 2)
        return snprintf(reason, size, "the network does not have exactly one hidden layer"), RELU_OK;
    if (net_has_shortcuts(net))
        return snprintf(reason, size, "the network has shortcuts (the duality is about sums of ReLUs)"), RELU_OK;
    const net_layer_struct * H = net->layers, * O = net->layers + 1;
    for (slong i = 0; i < H->W->r; i++)
        if (!fmpq_is_zero(H->b + i))
            return snprintf(reason, size, "hidden neuron %ld has a nonzero bias (the network is not positively homogeneous)",
                            (long) i), RELU_OK;
    slong k = 0;
    for (slong i = 0; i < H->W->r; i++)
    {
        int zero = 1;
        for (slong j = 0; j < d; j++)
            zero &= fmpq_is_zero(fmpq_mat_entry(H->W, i, j));
        if (zero)
            continue;    /* relu(0) = 0: no segment */
        if (fmpq_sgn(fmpq_mat_entry(O->W, output, i)) <= 0)
            return snprintf(reason, size, "output weight c_%ld is not positive (N is not a support function)",
                            (long) i), RELU_OK;
        k++;
    }
    fmpq_t s;
    fmpq_init(s);
    fmpq_sub(s, T, O->b + output);
    if (fmpq_sgn(s) <= 0)
    {
        fmpq_clear(s);
        return snprintf(reason, size, "T is not above the output bias c0 (the set is {0} or empty)"), RELU_OK;
    }
    if (L->empty || !polytope_is_bounded(L->hull))
    {
        fmpq_clear(s);
        return snprintf(reason, size, "the w_i do not positively span R^%ld, so the sublevel set is unbounded", (long) d),
               RELU_OK;
    }
    if (k > 16)
    {
        fmpq_clear(s);
        return snprintf(reason, size, "%ld generators: too many for the 2^k vertex sums (at most 16)", (long) k), RELU_OK;
    }
    /* Z' = sum (c_i / (T - c0)) [0, w_i] from its 2^k vertex sums */
    fmpq_mat_t V, R;
    fmpq_t t;
    fmpq_init(t);
    fmpq_mat_init(V, WORD(1) << k, d);
    fmpq_mat_init(R, 0, d);
    for (slong S = 0; S < (WORD(1) << k); S++)
        for (slong i = 0, g = 0; i < H->W->r; i++)
        {
            int zero = 1;
            for (slong j = 0; j < d; j++)
                zero &= fmpq_is_zero(fmpq_mat_entry(H->W, i, j));
            if (zero)
                continue;
            if ((S >> g) & 1)
                for (slong j = 0; j < d; j++)
                {
                    fmpq_mul(t, fmpq_mat_entry(O->W, output, i), fmpq_mat_entry(H->W, i, j));
                    fmpq_div(t, t, s);
                    fmpq_add(fmpq_mat_entry(V, S, j), fmpq_mat_entry(V, S, j), t);
                }
            g++;
        }
    if (Z->n != d)
    {
        polytope_clear(Z);
        polytope_init(Z, d);
    }
    int status = polytope_set_vrep(Z, V, R, R, err);
    polytope_t D;
    polytope_init(D, d);
    fmpq * origin = _fmpq_vec_init(d);
    if (status == RELU_OK)
    {
        *vmap = flint_malloc(FLINT_MAX(Z->nv, 1) * sizeof(slong));
        *fmap = flint_malloc(FLINT_MAX(Z->m, 1) * sizeof(slong));
        status = polytope_polar(D, *vmap, *fmap, Z, origin, err);
        if (status == RELU_E_INPUT || status == RELU_E_UNSUPPORTED)
            status = rc_error_set(err, RELU_E_INTERNAL, "the sublevel set is bounded but 0 is not interior to the zonotope");
    }
    if (status == RELU_OK && !polytope_equal(D, L->hull))
        status = rc_error_set(err, RELU_E_INTERNAL, "the sublevel set differs from the polar of the zonotope");
    if (status == RELU_OK)
        *applies = 1;
    else
    {
        flint_free(*vmap);
        flint_free(*fmap);
        *vmap = *fmap = NULL;
    }
    _fmpq_vec_clear(origin, d);
    polytope_clear(D);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
    fmpq_clear(t);
    fmpq_clear(s);
    return status;
}
