/* Sublevel persistence against an independent construction: for thresholds t
   at and between the critical values, the bars alive at t (birth <= t < death)
   in dimension k number the Betti number b_k of {f <= t}, computed by cutting
   the complex exactly at {f = t} and reducing over Z. The essential bars are
   the homology of the domain (one bar in dimension 0 for a box). Fields Z/2,
   Z/3 and Q agree when there is no torsion. */
#include "testutil.h"

static void
sublevel_betti(slong * b, const net_t net, const poly_t box, const fmpq_t t)
{
    rc_error_t err;
    net_t tn;
    chain_complex_t K;
    homology_t H;
    rc_error_init(err);
    net_init(tn);
    CHECK(net_threshold_net(tn, net, 0, t, err) == RELU_OK, "%s", err->msg);
    chain_complex_init(K, 0);
    homology_init(H);
    CHECK(homology_cells(K, tn, box, net_num_hidden(tn) - 1, COMPLEX_ZERO | COMPLEX_NEG, err) == RELU_OK,
          "%s", err->msg);
    homology_compute(H, K);
    slong chi = 0;
    for (slong k = 0; k <= H->top; k++)
    {
        b[k] = H->betti[k];
        chi += (k % 2 ? -1 : 1) * K->num[k];
    }
    CHECK(homology_euler(H) == chi, "Euler characteristic: Betti numbers against cells");
    homology_clear(H);
    chain_complex_clear(K);
    net_clear(tn);
}

static slong
alive(const persistence_t B, slong dim, const fmpq_t t)
{
    slong c = 0;
    for (slong i = 0; i < B->num; i++)
        c += B->bars[i].dim == dim && fmpq_cmp(B->bars[i].birth, t) <= 0 &&
             (B->bars[i].infinite || fmpq_cmp(t, B->bars[i].death) < 0);
    return c;
}

static int
cmp_fmpq(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("homology_persistence....");
    fflush(stdout);
    for (slong it = 0; it < test_iters(25); it++)
    {
        slong n = 1 + n_randint(st, 2), L = 1 + n_randint(st, 2), widths[5];
        widths[0] = n;
        for (slong j = 1; j <= L; j++)
            widths[j] = 2 + n_randint(st, 4);
        widths[L + 1] = 1;
        net_t net;
        poly_t box;
        fmpq_t lo, hi;
        rc_error_t err;
        rc_error_init(err);
        net_init(net);
        test_random_net(net, st, L + 1, widths, 3);
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
        poly_init(box, n);
        poly_set_box(box, lo, hi);

        chain_complex_t K;
        fmpq * values[4];
        chain_complex_init(K, 0);
        CHECK(homology_cells_values(K, values, net, box, 0, err) == RELU_OK, "%s", err->msg);
        persistence_t B[3];
        ulong fields[3] = { 0, 2, 3 };
        for (int f = 0; f < 3; f++)
        {
            persistence_init(B[f]);
            persistence_compute(B[f], K, values, fields[f]);
        }
        /* essential bars: the box */
        for (slong i = 0; i < B[0]->num; i++)
            CHECK(!B[0]->bars[i].infinite || B[0]->bars[i].dim == 0, "essential bar in dimension %ld",
                  (long) B[0]->bars[i].dim);

        /* thresholds: every critical value and every midpoint between two */
        slong nv = 0;
        for (slong k = 0; k <= n; k++) nv += K->num[k];
        fmpq * crit = _fmpq_vec_init(nv);
        for (slong k = 0, t = 0; k <= n; k++)
            for (slong i = 0; i < K->num[k]; i++)
                fmpq_set(crit + t++, values[k] + i);
        qsort(crit, nv, sizeof(fmpq), cmp_fmpq);
        fmpq_t t;
        fmpq_init(t);
        for (slong i = 0; i < nv; i++)
        {
            if (i > 0 && fmpq_equal(crit + i, crit + i - 1))
                continue;
            for (int mid = 0; mid < 2; mid++)
            {
                if (mid && i + 1 >= nv)
                    continue;
                if (mid)
                {
                    fmpq_add(t, crit + i, crit + i + 1);
                    fmpq_div_2exp(t, t, 1);
                }
                else
                    fmpq_set(t, crit + i);
                slong b[4];
                sublevel_betti(b, net, box, t);
                for (slong k = 0; k <= n; k++)
                    for (int f = 0; f < 3; f++)
                        CHECK(alive(B[f], k, t) == b[k], "field %lu, dim %ld: %ld bars alive, b_k = %ld",
                              fields[f], (long) k, (long) alive(B[f], k, t), (long) b[k]);
            }
        }
        fmpq_clear(t);
        _fmpq_vec_clear(crit, nv);
        for (int f = 0; f < 3; f++)
            persistence_clear(B[f]);
        for (slong k = 0; k <= n; k++)
            _fmpq_vec_clear(values[k], FLINT_MAX(K->num[k], 1));
        chain_complex_clear(K);
        poly_clear(box);
        fmpq_clear(lo); fmpq_clear(hi);
        net_clear(net);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
