/* n hyperplanes in general position in R^d, as one hidden layer (checked to be
   in general position exactly): the complex over R^d has
     f_k = C(n, d-k) * sum_{i<=k} C(n-d+k, i)      k-faces,
   regions f_d = sum_{i<=d} C(n,i), bounded regions C(n-1,d), and every
   (d-1)-cell is a facet of two regions, so mean facets = 2 f_{d-1} / f_d.
   Includes the rows of Gaines & Bi's Table 1 (d=4,n=8: 163 regions, mean
   1024/163; d=5,n=16: 6885, 62112/6885). */
#include "testutil.h"
#include <flint/fmpz_mat.h>

/* Every d-subset of normals independent and no d+1 hyperplanes through a point. */
static int
in_general_position(const net_t net)
{
    const net_layer_struct * L = net->layers;
    slong m = L->W->r, d = L->W->c;
    slong * idx = flint_malloc((d + 1) * sizeof(slong));
    int ok = 1;
    for (slong size = FLINT_MIN(d, m); size <= FLINT_MIN(d + 1, m) && ok; size++)
    {
        slong cols = (size == d + 1) ? d + 1 : d;
        for (slong i = 0; i < size; i++) idx[i] = i;
        while (ok)
        {
            fmpz_mat_t A;
            fmpz_mat_init(A, size, cols);
            for (slong r = 0; r < size; r++)
            {
                for (slong k = 0; k < d; k++)
                    fmpz_set(fmpz_mat_entry(A, r, k), fmpq_numref(fmpq_mat_entry(L->W, idx[r], k)));
                if (cols > d)
                {
                    /* scale the row by den(b): weights are integers */
                    for (slong k = 0; k < d; k++)
                        fmpz_mul(fmpz_mat_entry(A, r, k), fmpz_mat_entry(A, r, k), fmpq_denref(L->b + idx[r]));
                    fmpz_set(fmpz_mat_entry(A, r, d), fmpq_numref(L->b + idx[r]));
                }
            }
            ok = fmpz_mat_rank(A) == size;
            fmpz_mat_clear(A);
            slong i = size - 1;
            while (i >= 0 && idx[i] == m - size + i) i--;
            if (i < 0) break;
            idx[i]++;
            for (slong j = i + 1; j < size; j++) idx[j] = idx[j - 1] + 1;
        }
    }
    flint_free(idx);
    return ok;
}

static void
check_case(flint_rand_t st, slong d, slong n, const char * mean_expected)
{
    slong widths[3] = { d, n, 1 };
    net_t net;
    net_init(net);
    do
        test_random_net(net, st, 2, widths, 6 + n);
    while (!in_general_position(net));

    poly_t whole;
    complex_t C;
    poly_init(whole, d);
    complex_init(C, whole, n, 1);
    /* cddlib costs milliseconds per 5-dimensional region: sample it on the big cases */
    test_run_sampled(C, net, whole, n >= 16 ? 17 : 1);

    slong regions = 0;
    for (slong i = 0; i <= d; i++)
        regions += test_binom(n, i);
    CHECK(C->regions == regions, "d=%ld n=%ld: %ld regions, expected %ld", (long) d, (long) n,
          (long) C->regions, (long) regions);
    CHECK(C->bounded == test_binom(n - 1, d), "bounded %ld, expected %ld", (long) C->bounded,
          (long) test_binom(n - 1, d));
    for (slong k = 0; k <= d; k++)
    {
        slong f = 0;
        for (slong i = 0; i <= k; i++)
            f += test_binom(n - d + k, i);
        f *= test_binom(n, d - k);
        CHECK(C->fvec[k] == f, "d=%ld n=%ld: f_%ld = %ld, expected %ld", (long) d, (long) n, (long) k,
              (long) C->fvec[k], (long) f);
    }
    CHECK(C->facet_sum == 2 * C->fvec[d - 1], "facets are not shared by two regions");
    fmpq_t mean, q;
    fmpq_init(mean);
    fmpq_init(q);
    complex_mean_facets(mean, C);
    fmpq_set_si(q, 2 * C->fvec[d - 1], C->fvec[d]);
    CHECK(fmpq_equal(mean, q), "mean facets");
    if (mean_expected != NULL)
    {
        /* the table states means unreduced, e.g. 1584/219 = 528/73 */
        fmpq_t e;
        fmpq_init(e);
        CHECK(fmpq_set_str(e, mean_expected, 10) == 0, "bad expected value");
        fmpq_canonicalise(e);
        char * s = fmpq_get_str(NULL, 10, mean);
        CHECK(fmpq_equal(mean, e), "d=%ld n=%ld: mean facets %s, expected %s", (long) d, (long) n, s,
              mean_expected);
        flint_free(s);
        fmpq_clear(e);
    }
    fmpq_clear(mean);
    fmpq_clear(q);
    complex_clear(C);
    poly_clear(whole);
    net_clear(net);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("regions_general_position....");
    fflush(stdout);
    check_case(st, 4, 4, "4");
    check_case(st, 4, 8, "1024/163");
    check_case(st, 5, 8, "1584/219");
    if (test_iters(1) >= 1 && !getenv("RELUCERT_TEST_QUICK"))
    {
        check_case(st, 4, 16, "18432/2517");
        check_case(st, 5, 16, "62112/6885");
    }
    for (slong it = 0; it < test_iters(40); it++)
    {
        slong d = 1 + n_randint(st, 4), n = 1 + n_randint(st, 7);
        check_case(st, d, n, NULL);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
