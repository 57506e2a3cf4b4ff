/* The class k of a one-hidden-layer network of width d on R^d modulo affine
   maps, its certificate A x + a, and the exact verification of the identity
   f - T = -c0' (g_k(A x + a) - 1) region by region (see boundary.h and
   proofs/one-layer/classification.md). */
#include <flint/fmpz_poly.h>
#include "boundary/boundary.h"
#include "regions/regions.h"
#include "complex/complex.h"

void
boundary_class_init(boundary_class_t K, slong d)
{
    K->d = d;
    K->status = BOUNDARY_CLASSIFIED;
    K->reasons = 0;
    K->rank = 0;
    K->zero_weights = 0;
    fmpq_init(K->c0p);
    K->k = 0;
    K->perm = flint_calloc(FLINT_MAX(d, 1), sizeof(slong));
    fmpq_mat_init(K->A, d, d);
    K->a = _fmpq_vec_init(d);
    fmpq_init(K->scale);
    K->regions_checked = 0;
    K->fvec = flint_calloc(d + 1, sizeof(slong));
}

void
boundary_class_clear(boundary_class_t K)
{
    fmpq_clear(K->c0p);
    flint_free(K->perm);
    fmpq_mat_clear(K->A);
    _fmpq_vec_clear(K->a, K->d);
    fmpq_clear(K->scale);
    flint_free(K->fvec);
}

const char *
boundary_degenerate_str(int status)
{
    switch (status)
    {
        case BOUNDARY_SINGULAR_W: return "singular W";
        case BOUNDARY_ZERO_OUTPUT_WEIGHT: return "zero output weight";
        case BOUNDARY_C0_IS_THRESHOLD: return "c0 = threshold";
        default: return NULL;
    }
}

slong
boundary_class_pieces(slong d, slong k)
{
    if (k < 0 || k > d || d >= 63)
        flint_abort();
    return (WORD(1) << d) - (WORD(1) << (d - k));
}

void
boundary_class_fvector(slong * fvec, slong d, slong k)
{
    /* sum_j f_j x^(j+1) = (1 + 2x)^d - (1 + x)^k (1 + 2x)^(d-k) */
    fmpz_poly_t p, q, t;
    fmpz_poly_init(p);
    fmpz_poly_init(q);
    fmpz_poly_init(t);
    fmpz_poly_set_coeff_si(t, 0, 1);
    fmpz_poly_set_coeff_si(t, 1, 2);
    fmpz_poly_pow(p, t, d);
    fmpz_poly_pow(q, t, d - k);
    fmpz_poly_set_coeff_si(t, 1, 1);
    fmpz_poly_pow(t, t, k);
    fmpz_poly_mul(q, q, t);
    fmpz_poly_sub(p, p, q);
    fmpz_t c;
    fmpz_init(c);
    for (slong j = 0; j <= d; j++)
    {
        fmpz_poly_get_coeff_fmpz(c, p, j + 1);
        if (!fmpz_fits_si(c))
            flint_abort();
        fvec[j] = fmpz_get_si(c);
    }
    fmpz_clear(c);
    fmpz_poly_clear(p);
    fmpz_poly_clear(q);
    fmpz_poly_clear(t);
}

int
boundary_classify(boundary_class_t K, const net_t net, slong output, const fmpq_t T, rc_error_t err)
{
    if (net_check_no_groups(net, "the boundary classification", err))
        return err->code;
    slong d = net->input_dim;
    if (K->d != d)
        flint_abort();
    if (net->nlayers != 2 || net_layer_width(net, 0) != d)
    {
        if (net->nlayers != 2)
            return rc_error_set(err, RELU_E_UNSUPPORTED,
                "the classification needs exactly one hidden layer (the network has %ld)",
                (long) net_num_hidden_layers(net));
        return rc_error_set(err, RELU_E_UNSUPPORTED,
            "the classification needs a hidden layer of width input_dim = %ld (it has width %ld)",
            (long) d, (long) net_layer_width(net, 0));
    }
    if (net_has_shortcuts(net))
        return rc_error_set(err, RELU_E_UNSUPPORTED, "boundary classification: networks with shortcuts are not supported yet");
    if (d >= 63)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "the classification supports input dimension < 63");
    slong m = net_num_outputs(net);
    if (output < 0 || output >= m)
        return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist (the network has %ld output%s)",
                            (long) output, (long) m, m == 1 ? "" : "s");
    const net_layer_struct * H = net->layers, * O = net->layers + 1;
    const fmpq * c = O->W->rows[output];

    fmpq_mat_t E;
    fmpq_mat_init(E, d, d);
    K->rank = fmpq_mat_rref(E, H->W);
    fmpq_mat_clear(E);
    K->zero_weights = 0;
    for (slong i = 0; i < d; i++)
        K->zero_weights += fmpq_is_zero(c + i);
    fmpq_sub(K->c0p, O->b + output, T);
    K->reasons = (K->rank < d ? BOUNDARY_SINGULAR_W : 0)
               | (K->zero_weights > 0 ? BOUNDARY_ZERO_OUTPUT_WEIGHT : 0)
               | (fmpq_is_zero(K->c0p) ? BOUNDARY_C0_IS_THRESHOLD : 0);
    /* the first reason in the order of the INTERFACE list */
    K->status = K->reasons & BOUNDARY_SINGULAR_W ? BOUNDARY_SINGULAR_W
              : K->reasons & BOUNDARY_ZERO_OUTPUT_WEIGHT ? BOUNDARY_ZERO_OUTPUT_WEIGHT
              : K->reasons & BOUNDARY_C0_IS_THRESHOLD ? BOUNDARY_C0_IS_THRESHOLD : BOUNDARY_CLASSIFIED;
    if (K->status != BOUNDARY_CLASSIFIED)
        return RELU_OK;

    /* K = {i : sign c_i = -sign c0'} first, then the rest, each in increasing order */
    int s0 = fmpq_sgn(K->c0p);
    slong p = 0;
    for (int pass = 0; pass < 2; pass++)
        for (slong i = 0; i < d; i++)
            if ((fmpq_sgn(c + i) == -s0) == (pass == 0))
                K->perm[p++] = i;
    K->k = 0;
    for (slong i = 0; i < d; i++)
        K->k += fmpq_sgn(c + i) == -s0;

    fmpq_t abs0, lam;
    fmpq_init(abs0);
    fmpq_init(lam);
    fmpq_abs(abs0, K->c0p);
    for (p = 0; p < d; p++)
    {
        slong i = K->perm[p];
        fmpq_abs(lam, c + i);
        fmpq_div(lam, lam, abs0);
        for (slong j = 0; j < d; j++)
            fmpq_mul(fmpq_mat_entry(K->A, p, j), lam, fmpq_mat_entry(H->W, i, j));
        fmpq_mul(K->a + p, lam, H->b + i);
    }
    fmpq_neg(K->scale, K->c0p);
    fmpq_clear(abs0);
    fmpq_clear(lam);
    return RELU_OK;
}

/* ---- verification ---------------------------------------------------------- */
typedef struct
{
    const boundary_class_struct * K;
    const net_struct * net;
    slong output;
    const fmpq * T;
    complex_struct * C;
    rc_error_struct * err;
    slong regions;
    fmpq_mat_t M;      /* the network's affine map on a region */
    fmpq * cvec;
    fmpq * lin;        /* right-hand side: linear part and constant */
    fmpq_t cst, v, w;
}
verify_ctx;

/* Sign of coordinate p of A x + a on region P: +1 or -1 when it keeps that
   sign (possibly vanishing somewhere), 0 when identically zero, 2 when it
   takes both signs. Tested on the homogeneous generators (t, x), where the
   value is a_p t + A_p . x, and on the lineality space (must vanish). */
static int
_coordinate_sign(const boundary_class_struct * K, slong p, const poly_t P, fmpq_t v, fmpq_t w)
{
    slong d = K->d;
    int pos = 0, neg = 0;
    for (slong g = 0; g < P->ngens + P->nlin; g++)
    {
        const fmpz * x = g < P->ngens ? poly_gen(P, g) : poly_lin(P, g - P->ngens);
        fmpq_mul_fmpz(v, K->a + p, x);
        for (slong j = 0; j < d; j++)
        {
            fmpq_mul_fmpz(w, fmpq_mat_entry(K->A, p, j), x + 1 + j);
            fmpq_add(v, v, w);
        }
        int s = fmpq_sgn(v);
        if (g >= P->ngens && s != 0)
            return 2;
        pos |= s > 0;
        neg |= s < 0;
    }
    return pos && neg ? 2 : pos ? 1 : neg ? -1 : 0;
}

static int
_verify_region(void * data, const region_struct * R)
{
    verify_ctx * x = data;
    const boundary_class_struct * K = x->K;
    slong d = K->d;
    complex_add_region(x->C, NULL, R);
    x->regions++;

    /* left-hand side: f - T on the region, from the network's own affine map */
    net_affine_of_pattern(x->M, x->cvec, x->net, R->active);

    /* right-hand side: scale (g_k(A x + a) - 1), linear on the closed orthant of A x + a holding R */
    for (slong j = 0; j < d; j++)
        fmpq_zero(x->lin + j);
    fmpq_set_si(x->cst, -1, 1);
    for (slong p = 0; p < d; p++)
    {
        int s = _coordinate_sign(K, p, R->P, x->v, x->w);
        if (s == 2 || s == 0)
            return rc_error_set(x->err, RELU_E_INTERNAL,
                "internal error: coordinate %ld of the certificate map %s on region %ld", (long) p,
                s == 2 ? "changes sign" : "vanishes", (long) R->index);
        if ((s > 0) != (R->active[K->perm[p]] != 0))
            return rc_error_set(x->err, RELU_E_INTERNAL,
                "internal error: coordinate %ld of the certificate map and neuron %ld disagree on region %ld",
                (long) p, (long) K->perm[p], (long) R->index);
        if (s < 0)
            continue;
        for (slong j = 0; j < d; j++)
        {
            if (p < K->k)
                fmpq_add(x->lin + j, x->lin + j, fmpq_mat_entry(K->A, p, j));
            else
                fmpq_sub(x->lin + j, x->lin + j, fmpq_mat_entry(K->A, p, j));
        }
        if (p < K->k)
            fmpq_add(x->cst, x->cst, K->a + p);
        else
            fmpq_sub(x->cst, x->cst, K->a + p);
    }
    for (slong j = 0; j < d; j++)
        fmpq_mul(x->lin + j, x->lin + j, K->scale);
    fmpq_mul(x->cst, x->cst, K->scale);

    int same = 1;
    for (slong j = 0; j < d && same; j++)
        same = fmpq_equal(fmpq_mat_entry(x->M, x->output, j), x->lin + j);
    fmpq_sub(x->v, x->cvec + x->output, x->T);
    same = same && fmpq_equal(x->v, x->cst);
    if (!same)
        return rc_error_set(x->err, RELU_E_INTERNAL,
            "internal error: f - T and -c0' (g_k(A x + a) - 1) differ on region %ld", (long) R->index);
    return 0;
}

int
boundary_class_verify(boundary_class_t K, const net_t net, slong output, const fmpq_t T, rc_error_t err)
{
    if (net_check_no_groups(net, "the boundary classification", err))
        return err->code;
    slong d = K->d;
    if (K->status != BOUNDARY_CLASSIFIED || net->input_dim != d)
        flint_abort();
    net_t tnet;
    net_init(tnet);
    int status = net_threshold_net(tnet, net, output, T, err);
    if (status)
    {
        net_clear(tnet);
        return status;
    }
    poly_t R;
    poly_init(R, d);
    poly_set_whole(R);
    complex_t C;
    complex_init(C, R, d + 1, 1);
    complex_set_filter(C, d, COMPLEX_ZERO);

    verify_ctx x;
    x.K = K;
    x.net = net;
    x.output = output;
    x.T = T;
    x.C = C;
    x.err = err;
    x.regions = 0;
    fmpq_mat_init(x.M, net_num_outputs(net), d);
    x.cvec = _fmpq_vec_init(net_num_outputs(net));
    x.lin = _fmpq_vec_init(d);
    fmpq_init(x.cst);
    fmpq_init(x.v);
    fmpq_init(x.w);

    /* tnet's hidden neurons are net's followed by the threshold neuron, so
       R->active starts with net's activation pattern */
    status = regions_enumerate(tnet, R, _verify_region, &x);
    if (status == RELU_OK)
        status = complex_finish(C, err);
    K->regions_checked = x.regions;
    if (status == RELU_OK)
    {
        slong * want = flint_malloc((d + 1) * sizeof(slong));
        boundary_class_fvector(want, d, K->k);
        for (slong j = 0; j <= d; j++)
            K->fvec[j] = C->fvec[j];
        for (slong j = 0; j <= d && status == RELU_OK; j++)
            if (C->fvec[j] != want[j])
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "internal error: class %ld in R^%ld predicts f_%ld = %ld faces of the boundary, "
                    "the complex has %ld", (long) K->k, (long) d, (long) j, (long) want[j], (long) C->fvec[j]);
        flint_free(want);
    }

    fmpq_mat_clear(x.M);
    _fmpq_vec_clear(x.cvec, net_num_outputs(net));
    _fmpq_vec_clear(x.lin, d);
    fmpq_clear(x.cst);
    fmpq_clear(x.v);
    fmpq_clear(x.w);
    complex_clear(C);
    poly_clear(R);
    net_clear(tnet);
    return status;
}
