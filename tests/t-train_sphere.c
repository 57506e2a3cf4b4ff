/* Float regression to the unit sphere (sphere-fit's trainer): the samples are
   points r u with |u| = 1, r in [0, 2], target |x|; the first layer stays
   bias-free; TRAIN_CONVEX keeps later weights >= 0, and then the exact
   sublevel set {N <= 1} of the rationalised network is convex (N is convex:
   nonnegative combinations of convex functions through relu); training is
   deterministic bit for bit; rationalised weights have denominators <= Q and
   lie within 1/(2Q) of the float weights (the nearest p/Q already does). */
#include "testutil.h"
#include <math.h>

static int
same_net(const train_net_t A, const train_net_t B)
{
    if (A->nlayers != B->nlayers)
        return 0;
    for (slong j = 0; j < A->nlayers; j++)
    {
        slong r = A->widths[j + 1], c = A->widths[j];
        if (memcmp(A->W[j], B->W[j], r * c * sizeof(double)) || memcmp(A->b[j], B->b[j], r * sizeof(double)))
            return 0;
    }
    return 1;
}


int
main(void)
{
    printf("train_sphere....");
    fflush(stdout);
    rc_error_t err;
    rc_error_init(err);

    for (slong dim = 1; dim <= 4; dim++)
    {
        train_regdata_t D;
        train_sphere_data(D, dim, 300, 7 + dim);
        for (slong i = 0; i < D->n; i++)
        {
            double r2 = 0;
            for (slong k = 0; k < dim; k++)
                r2 += D->x[i * dim + k] * D->x[i * dim + k];
            CHECK(D->y[i] >= 0 && D->y[i] < 2, "radius in [0, 2)");
            CHECK(fabs(r2 - D->y[i] * D->y[i]) <= 1e-12, "target |x|");
        }
        train_regdata_clear(D);
    }

    for (slong it = 0; it < test_iters(6); it++)
    {
        slong dim = 2 + it % 2, layers = 1 + (it / 2) % 2, Q = 50 + 25 * it;
        slong widths[2] = { 3 + it, 3 + it };
        int flags = (it % 3 == 2) ? 0 : TRAIN_CONVEX;
        train_regdata_t D;
        train_net_t A, B;
        train_sphere_data(D, dim, 100 * dim, it);
        train_net_init_dim(A, dim, layers, widths, it, 0);
        train_net_init_dim(B, dim, layers, widths, it, 0);
        CHECK(same_net(A, B), "initialisation deterministic");
        double before = train_net_mse(A, D);
        double la = train_net_fit_mse(A, D, 300, 0.01, flags);
        double lb = train_net_fit_mse(B, D, 300, 0.01, flags);
        CHECK(same_net(A, B) && la == lb, "training deterministic");
        CHECK(la < before, "training lowers the loss (%g -> %g)", before, la);
        for (slong i = 0; i < A->widths[1]; i++)
            CHECK(A->b[0][i] == 0.0, "first layer bias-free");
        if (flags & TRAIN_CONVEX)
            for (slong j = 1; j < A->nlayers; j++)
                for (slong k = 0; k < A->widths[j + 1] * A->widths[j]; k++)
                    CHECK(A->W[j][k] >= 0, "convex training: nonnegative weight");

        net_t net;
        net_init(net);
        train_net_rationalise(net, A, Q);
        fmpq_t e, d, bound;
        fmpq_init(e); fmpq_init(d); fmpq_init(bound);
        fmpq_set_si(bound, 1, 2 * Q);
        for (slong j = 0; j < A->nlayers; j++)
        {
            slong r = A->widths[j + 1], c = A->widths[j];
            for (slong i = 0; i < r; i++)
            {
                for (slong k = 0; k <= c; k++)
                {
                    const fmpq * w = k < c ? fmpq_mat_entry(net->layers[j].W, i, k) : net->layers[j].b + i;
                    test_exact_double(e, k < c ? A->W[j][i * c + k] : A->b[j][i]);
                    CHECK(fmpz_cmp_si(fmpq_denref(w), Q) <= 0, "denominator <= %ld", (long) Q);
                    fmpq_sub(d, w, e);
                    fmpq_abs(d, d);
                    CHECK(fmpq_cmp(d, bound) <= 0, "within 1/(2Q)");
                }
                if (j == 0)
                    CHECK(fmpq_is_zero(net->layers[0].b + i), "rationalised first layer bias-free");
            }
        }
        if (flags & TRAIN_CONVEX)
        {
            /* N convex => {N <= 1} convex, decided exactly over R^dim */
            poly_t whole;
            levelset_t L;
            fmpq_t T;
            fmpq_init(T);
            fmpq_one(T);
            poly_init(whole, dim);
            poly_set_whole(whole);
            levelset_init(L);
            CHECK(levelset_compute(L, net, 0, T, LEVELSET_SUB, whole, err) == RELU_OK, "%s", err->msg);
            CHECK(L->empty || L->convex, "convex training gives a convex sublevel set");
            levelset_clear(L);
            poly_clear(whole);
            fmpq_clear(T);
        }
        fmpq_clear(e); fmpq_clear(d); fmpq_clear(bound);
        net_clear(net);
        train_net_clear(A);
        train_net_clear(B);
        train_regdata_clear(D);
    }
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
