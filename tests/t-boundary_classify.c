/* The classification of one-hidden-layer networks of width d on R^d
   (NOTES section 3) on random rational networks, d = 2..5:
   - degenerate networks (det W = 0, a zero output weight, c0 = T; decided
     here independently) are reported as such, never classified;
   - k equals #{i : c_i c0' < 0}, counted here;
   - boundary_class_verify (the identity on every region, the f-vector of the
     class) succeeds, and the regions of R^d cut by {f = T} number
     2^d + (2^d - 2^(d-k)) (every sector meeting the level is split in two);
   - the boundary complex computed the CLI's way (boundary_compute, faces also
     counted through sign vectors) has 2^d - 2^(d-k) pieces and no
     full-dimensional piece;
   - the identity f(x) - T = -c0' (g_k(A x + a) - 1) holds at random rational
     points, with f from the exact evaluator;
   - affine-equivalent networks (neurons permuted and rescaled positively,
     input changed by an invertible affine map, output and threshold scaled
     by a nonzero constant) get the same class. */
#include "testutil.h"

static void
random_fmpq(fmpq_t x, flint_rand_t st, slong r, slong q)
{
    fmpq_set_si(x, (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, q));
}

static void
random_nonzero_fmpq(fmpq_t x, flint_rand_t st, slong r, slong q)
{
    do
        random_fmpq(x, st, r, q);
    while (fmpq_is_zero(x));
}

/* one hidden layer of width d on R^d, one output. Small entries make
   singular W common; one network in eight may have zero output weights. */
static void
random_square_net(net_t net, flint_rand_t st, slong d)
{
    slong widths[3] = { d, d, 1 };
    slong r = 1 + n_randint(st, 5);
    int sparse = n_randint(st, 8) == 0;
    net_clear(net);
    net_init_shape(net, 2, widths);
    for (slong i = 0; i < d; i++)
    {
        for (slong j = 0; j < d; j++)
            random_fmpq(fmpq_mat_entry(net->layers[0].W, i, j), st, r, 3);
        random_fmpq(net->layers[0].b + i, st, r, 3);
        if (sparse)
            random_fmpq(fmpq_mat_entry(net->layers[1].W, 0, i), st, r, 3);
        else
            random_nonzero_fmpq(fmpq_mat_entry(net->layers[1].W, 0, i), st, r, 3);
    }
    random_fmpq(net->layers[1].b, st, r, 3);
}

static slong
classify_status(boundary_class_t K, const net_t net, const fmpq_t T)
{
    rc_error_t err;
    rc_error_init(err);
    CHECK(boundary_classify(K, net, 0, T, err) == RELU_OK, "classify: %s", err->msg);
    return K->status;
}

/* g_k(A x + a) evaluated directly at x */
static void
certificate_eval(fmpq_t y, const boundary_class_t K, const fmpq * x)
{
    fmpq_t z, t;
    fmpq_init(z);
    fmpq_init(t);
    fmpq_set_si(y, -1, 1);
    for (slong p = 0; p < K->d; p++)
    {
        fmpq_set(z, K->a + p);
        for (slong j = 0; j < K->d; j++)
            fmpq_addmul(z, fmpq_mat_entry(K->A, p, j), x + j);
        if (fmpq_sgn(z) > 0)
        {
            if (p < K->k)
                fmpq_add(y, y, z);
            else
                fmpq_sub(y, y, z);
        }
    }
    fmpq_mul(y, y, K->scale);
    fmpq_clear(z);
    fmpq_clear(t);
}

/* net2 = an affine-equivalent copy of net (same class): see the header comment */
static void
equivalent_net(net_t net2, fmpq_t T2, const net_t net, const fmpq_t T, flint_rand_t st)
{
    slong d = net->input_dim;
    slong widths[3] = { d, d, 1 };
    fmpq_mat_t M, WM;
    fmpq * t = _fmpq_vec_init(d);
    fmpq_t lam, mu, nu, s;
    fmpq_init(lam); fmpq_init(mu); fmpq_init(nu); fmpq_init(s);
    fmpq_mat_init(M, d, d);
    fmpq_mat_init(WM, d, d);
    /* an invertible M: random until det != 0 */
    fmpq_t det;
    fmpq_init(det);
    do
    {
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++)
                random_fmpq(fmpq_mat_entry(M, i, j), st, 3, 2);
        fmpq_mat_det(det, M);
    }
    while (fmpq_is_zero(det));
    for (slong j = 0; j < d; j++)
        random_fmpq(t + j, st, 3, 2);
    random_nonzero_fmpq(nu, st, 3, 3);
    slong * perm = flint_malloc(d * sizeof(slong));
    for (slong i = 0; i < d; i++)
        perm[i] = i;
    for (slong i = d - 1; i > 0; i--)
    {
        slong j = n_randint(st, i + 1), tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    fmpq_mat_mul(WM, net->layers[0].W, M);     /* x = M y + t: W x + b = (W M) y + (W t + b) */
    net_clear(net2);
    net_init_shape(net2, 2, widths);
    for (slong i = 0; i < d; i++)
    {
        slong src = perm[i];
        random_nonzero_fmpq(lam, st, 4, 4);
        fmpq_abs(lam, lam);                    /* neuron rescaled by lam > 0 */
        random_nonzero_fmpq(mu, st, 4, 4);
        fmpq_abs(mu, mu);                      /* its output weight by mu > 0 */
        for (slong j = 0; j < d; j++)
            fmpq_mul(fmpq_mat_entry(net2->layers[0].W, i, j), lam, fmpq_mat_entry(WM, src, j));
        fmpq_set(s, net->layers[0].b + src);
        for (slong j = 0; j < d; j++)
            fmpq_addmul(s, fmpq_mat_entry(net->layers[0].W, src, j), t + j);
        fmpq_mul(net2->layers[0].b + i, s, lam);
        fmpq_mul(s, fmpq_mat_entry(net->layers[1].W, 0, src), mu);
        fmpq_mul(fmpq_mat_entry(net2->layers[1].W, 0, i), s, nu);
    }
    fmpq_mul(net2->layers[1].b, net->layers[1].b, nu);
    fmpq_mul(T2, T, nu);
    flint_free(perm);
    fmpq_clear(det);
    fmpq_mat_clear(M);
    fmpq_mat_clear(WM);
    _fmpq_vec_clear(t, d);
    fmpq_clear(lam); fmpq_clear(mu); fmpq_clear(nu); fmpq_clear(s);
}

int
main(void)
{
    printf("boundary_classify....");
    fflush(stdout);
    flint_rand_t st;
    flint_randinit(st);
    static const slong base_iters[6] = { 0, 0, 1000, 1000, 700, 400 };
    slong seen[6][6] = { { 0 } }, degenerate = 0;
    for (slong d = 2; d <= 5; d++)
    {
        slong iters = test_iters(base_iters[d]);
        poly_t Rd;
        poly_init(Rd, d);
        poly_set_whole(Rd);
        for (slong it = 0; it < iters; it++)
        {
            rc_error_t err;
            net_t net, net2;
            fmpq_t T, T2, det, c0p, y, y2;
            boundary_class_t K, K2;
            rc_error_init(err);
            net_init(net);
            net_init(net2);
            fmpq_init(T); fmpq_init(T2); fmpq_init(det); fmpq_init(c0p); fmpq_init(y); fmpq_init(y2);
            boundary_class_init(K, d);
            boundary_class_init(K2, d);
            random_square_net(net, st, d);
            random_fmpq(T, st, 2, 3);
            if (n_randint(st, 8) == 0)
                fmpq_set(T, net->layers[1].b);            /* c0 = T now and then */

            /* degenerate cases, decided independently */
            fmpq_mat_det(det, net->layers[0].W);
            slong zeros = 0;
            for (slong i = 0; i < d; i++)
                zeros += fmpq_is_zero(fmpq_mat_entry(net->layers[1].W, 0, i));
            fmpq_sub(c0p, net->layers[1].b, T);
            int want = fmpq_is_zero(det) ? BOUNDARY_SINGULAR_W
                     : zeros ? BOUNDARY_ZERO_OUTPUT_WEIGHT
                     : fmpq_is_zero(c0p) ? BOUNDARY_C0_IS_THRESHOLD : BOUNDARY_CLASSIFIED;
            CHECK(classify_status(K, net, T) == want, "d = %ld, iteration %ld: status %d, expected %d",
                  (long) d, (long) it, K->status, want);
            if (want != BOUNDARY_CLASSIFIED)
            {
                degenerate++;
                goto next;
            }

            slong k = 0;
            for (slong i = 0; i < d; i++)
                k += fmpq_sgn(fmpq_mat_entry(net->layers[1].W, 0, i)) * fmpq_sgn(c0p) < 0;
            CHECK(K->k == k, "d = %ld: class %ld, expected %ld", (long) d, (long) K->k, (long) k);
            seen[d][k]++;

            CHECK(boundary_class_verify(K, net, 0, T, err) == RELU_OK, "d = %ld, k = %ld: %s", (long) d,
                  (long) k, err->msg);
            CHECK(K->regions_checked == (WORD(2) << d) - (WORD(1) << (d - k)), "d = %ld, k = %ld: %ld regions",
                  (long) d, (long) k, (long) K->regions_checked);

            /* the boundary complex the CLI's way, faces checked through sign vectors */
            {
                boundary_t B;
                boundary_init(B, d);
                CHECK(boundary_compute(B, net, 0, T, Rd, 1, err) == RELU_OK, "%s", err->msg);
                CHECK(B->pieces == boundary_class_pieces(d, k), "d = %ld, k = %ld: %ld pieces", (long) d,
                      (long) k, (long) B->pieces);
                CHECK(B->full_pieces == 0, "full-dimensional piece in a classified network");
                CHECK(B->cells == K->regions_checked, "cells");
                for (slong j = 0; j <= d; j++)
                    CHECK(B->fvec[j] == K->fvec[j], "f-vectors of the two runs differ");
                boundary_clear(B);
            }

            /* the identity at random points, f from the evaluator */
            for (slong s = 0; s < 8; s++)
            {
                fmpq * x = _fmpq_vec_init(d);
                for (slong j = 0; j < d; j++)
                    random_fmpq(x + j, st, 6, 5);
                net_eval(y, NULL, net, x);
                fmpq_sub(y, y, T);
                certificate_eval(y2, K, x);
                CHECK(fmpq_equal(y, y2), "identity fails at a point (d = %ld, k = %ld)", (long) d, (long) k);
                _fmpq_vec_clear(x, d);
            }

            /* an affine-equivalent network: same class, and its own verification passes */
            equivalent_net(net2, T2, net, T, st);
            CHECK(classify_status(K2, net2, T2) == BOUNDARY_CLASSIFIED, "equivalent network is degenerate");
            CHECK(K2->k == K->k, "equivalent network: class %ld, expected %ld", (long) K2->k, (long) K->k);
            if (it % 4 == 0)
                CHECK(boundary_class_verify(K2, net2, 0, T2, err) == RELU_OK, "equivalent: %s", err->msg);
        next:
            boundary_class_clear(K);
            boundary_class_clear(K2);
            fmpq_clear(T); fmpq_clear(T2); fmpq_clear(det); fmpq_clear(c0p); fmpq_clear(y); fmpq_clear(y2);
            net_clear(net);
            net_clear(net2);
        }
        /* with these sizes every class 0..d occurs */
        if (iters == base_iters[d])
            for (slong k = 0; k <= d; k++)
                CHECK(seen[d][k] > 0, "class %ld never seen for d = %ld", (long) k, (long) d);
        poly_clear(Rd);
    }
    CHECK(degenerate > 0 || test_iters(1000) < 1000, "no degenerate network drawn");
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
