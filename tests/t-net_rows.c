/* net_rows_layer (integer rows with fixed denominators, src/net/rows.c)
   against net_layer_rows (rational rows, src/net/shortcut.c), which shares no
   code with it: on random networks with rational weights, zero weights and
   random shortcut sets, on random patterns, every row z_m / D_m equals the
   rational row exactly, and D_m > 0. Fixed seed. */
#include "testutil.h"

#define MAXL 5

static void
random_net(net_t net, flint_rand_t st)
{
    slong H = 1 + n_randint(st, MAXL - 1), widths[MAXL + 2];
    widths[0] = 1 + n_randint(st, 4);
    for (slong j = 1; j <= H; j++)
        widths[j] = 1 + n_randint(st, 6);
    widths[H + 1] = 1 + n_randint(st, 2);
    test_random_net(net, st, H + 1, widths, 3);
    for (slong j = 0; j <= H; j++)
    {
        fmpq_mat_struct * W = net->layers[j].W;
        for (slong r = 0; r < W->r; r++)
            for (slong c = 0; c < W->c; c++)
                if (n_randint(st, 4) == 0)
                    fmpq_zero(fmpq_mat_entry(W, r, c));
                else if (n_randint(st, 2))
                    fmpq_set_si(fmpq_mat_entry(W, r, c), (slong) n_randint(st, 61) - 30, 1 + n_randint(st, 35));
    }
    test_random_shortcuts(net, st, H - 1, 4, 7);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("net_rows....");
    fflush(stdout);
    slong rows_checked = 0;
    for (slong iter = 0; iter < 400; iter++)
    {
        net_t net;
        net_init(net);
        random_net(net, st);
        slong L = net->nlayers - 1, d = net->input_dim + 1, N = net_num_hidden(net);
        net_rows_t R;
        net_rows_init(R, net);
        fmpz * z = _fmpz_vec_init(FLINT_MAX(N, 1) * d);
        unsigned char * active = flint_calloc(FLINT_MAX(N, 1), 1);
        fmpq_mat_struct * Z = flint_malloc(L * sizeof(fmpq_mat_struct));
        fmpq_mat_struct * Hm = flint_malloc(L * sizeof(fmpq_mat_struct));
        fmpq_t q;
        fmpq_init(q);
        for (slong pat = 0; pat < 6; pat++)
        {
            for (slong m = 0; m < N; m++)
                active[m] = n_randint(st, 3) != 0;
            for (slong j = 0, m0 = 0; j < L; j++)
            {
                slong w = net->layers[j].W->r;
                fmpq_mat_init(Z + j, w, d);
                fmpq_mat_init(Hm + j, w, d);
                net_layer_rows(Z + j, net, j, Hm);
                for (slong r = 0; r < w; r++)
                    for (slong k = 0; k < d; k++)
                        if (active[m0 + r])
                            fmpq_set(fmpq_mat_entry(Hm + j, r, k), fmpq_mat_entry(Z + j, r, k));
                net_rows_layer(z, R, j, active);
                for (slong r = 0; r < w; r++)
                {
                    CHECK(fmpz_sgn(R->D + m0 + r) > 0, "denominator not positive");
                    for (slong k = 0; k < d; k++)
                    {
                        fmpq_set_fmpz_frac(q, z + (m0 + r) * d + k, R->D + m0 + r);
                        CHECK(fmpq_equal(q, fmpq_mat_entry(Z + j, r, k)),
                              "iter %ld layer %ld row %ld entry %ld differs", (long) iter, (long) j, (long) r, (long) k);
                    }
                    rows_checked++;
                }
                m0 += w;
            }
            for (slong j = 0; j < L; j++)
            {
                fmpq_mat_clear(Z + j);
                fmpq_mat_clear(Hm + j);
            }
        }
        fmpq_clear(q);
        flint_free(Z);
        flint_free(Hm);
        flint_free(active);
        _fmpz_vec_clear(z, FLINT_MAX(N, 1) * d);
        net_rows_clear(R);
        net_clear(net);
    }
    CHECK(rows_checked > 10000, "only %ld rows checked", (long) rows_checked);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS (%ld rows)\n", (long) rows_checked);
    return 0;
}
