/* Face statistics: a one-hidden-layer network whose hyperplanes are in general
   position (decided exactly by stats_general_position) has exactly
   N_d = sum_{i<=d} C(n,i) regions over R^d and mean facets 2 N_{d-1} / N_d
   (each (d-1)-cell is a facet of two regions); degenerate arrangements
   (parallel, concurrent) are recognised and have fewer regions; the published
   Table 1 values (Gaines & Bi) follow from the formula; family summaries are
   consistent (mean of means, extremes, variance, summed histogram). */
#include "testutil.h"
#include "stats/stats.h"

/* one hidden layer from integer rows (w_1..w_d, b) */
static void
layer_net(net_t net, slong d, slong n, const slong * rows)
{
    slong w[3] = { d, n, 1 };
    net_clear(net);
    net_init_shape(net, 2, w);
    for (slong i = 0; i < n; i++)
    {
        for (slong k = 0; k < d; k++)
            fmpq_set_si(fmpq_mat_entry(net->layers[0].W, i, k), rows[i * (d + 1) + k], 1);
        fmpq_set_si(net->layers[0].b + i, rows[i * (d + 1) + d], 1);
        fmpq_one(fmpq_mat_entry(net->layers[1].W, 0, i));
    }
}

static slong
binom(slong n, slong k)
{
    if (k < 0 || k > n) return 0;
    slong r = 1;
    for (slong i = 1; i <= k; i++)
        r = r * (n - k + i) / i;
    return r;
}

int
main(void)
{
    printf("stats_general_position....");
    fflush(stdout);
    rc_error_t err;
    rc_error_init(err);
    fmpz_t R;
    fmpq_t m, q;
    fmpz_init(R);
    fmpq_init(m);
    fmpq_init(q);

    /* published Table 1 (NOTES section 2) from the formula */
    static const slong table[][5] = { { 4, 4, 16, 4, 1 }, { 4, 8, 163, 1024, 163 }, { 4, 16, 2517, 18432, 2517 },
                                      { 5, 8, 219, 1584, 219 }, { 5, 16, 6885, 62112, 6885 } };
    for (int t = 0; t < 5; t++)
    {
        stats_general_position_formula(R, m, table[t][0], table[t][1]);
        CHECK(fmpz_equal_si(R, table[t][2]), "table row %d regions", t);
        fmpq_set_si(q, table[t][3], table[t][4]);
        CHECK(fmpq_equal(m, q), "table row %d mean", t);
    }
    /* n = d: the 2^d orthants of a simplicial cone, each with d facets */
    for (slong d = 1; d <= 6; d++)
    {
        stats_general_position_formula(R, m, d, d);
        CHECK(fmpz_equal_si(R, WORD(1) << d) && fmpq_equal_si(m, d), "n = d = %ld", (long) d);
    }

    poly_t whole;
    net_t net;
    net_init(net);
    stats_network_t s;

    /* degenerate arrangements in R^2 are recognised and lose regions */
    {
        static const slong parallel[] = { 1, 0, 0, 1, 0, -1, 0, 1, 0 };     /* x = 0, x = 1, y = 0 */
        static const slong concurrent[] = { 1, 0, 0, 0, 1, 0, 1, 1, 0 };   /* three lines through 0 */
        static const slong generic[] = { 1, 0, 0, 0, 1, 0, 1, 1, -1 };
        poly_init(whole, 2);
        poly_set_whole(whole);
        const slong * cases[3] = { parallel, concurrent, generic };
        const slong want_gp[3] = { 0, 0, 1 }, want_regions[3] = { 6, 6, 7 };
        for (int c = 0; c < 3; c++)
        {
            layer_net(net, 2, 3, cases[c]);
            CHECK(stats_general_position(net) == want_gp[c], "general position case %d", c);
            stats_network_init(s);
            CHECK(stats_network_compute(s, net, whole, err) == RELU_OK, "%s", err->msg);
            CHECK(s->regions == want_regions[c], "case %d: %ld regions", c, (long) s->regions);
            stats_network_clear(s);
        }
        /* a zero normal is not in general position */
        static const slong zero[] = { 0, 0, 1, 1, 0, 0 };
        layer_net(net, 2, 2, zero);
        CHECK(stats_general_position(net) == 0, "zero normal");
        poly_clear(whole);
    }
    /* deeper networks: not decided */
    {
        slong w[4] = { 2, 3, 3, 1 };
        net_clear(net);
        net_init_shape(net, 3, w);
        CHECK(stats_general_position(net) == -1, "depth 2");
    }

    /* random one-layer networks: general position <=> ... the formula holds whenever GP */
    slong gp_seen = 0;
    for (slong it = 0; it < test_iters(40); it++)
    {
        slong d = 1 + it % 3, n = 1 + (it / 3) % 6;
        slong wid[1] = { n };
        CHECK(net_random(net, it % 2 ? "gauss" : "int", d, 1, wid, 1000 + it, err) == RELU_OK, "%s", err->msg);
        poly_init(whole, d);
        poly_set_whole(whole);
        stats_network_init(s);
        CHECK(stats_network_compute(s, net, whole, err) == RELU_OK, "%s", err->msg);
        stats_general_position_formula(R, m, d, n);
        slong hsum = 0, fsum = 0;
        for (slong f = 0; f < s->hist_len; f++)
            hsum += s->hist[f], fsum += f * s->hist[f];
        CHECK(hsum == s->regions, "histogram sums to the regions");
        fmpq_set_si(q, fsum, FLINT_MAX(hsum, 1));
        CHECK(fmpq_equal(q, s->mean), "mean = facets / regions");
        slong nd = 0;
        for (slong i = 0; i <= d; i++)
            nd += binom(n, i);
        CHECK(fmpz_equal_si(R, nd), "formula regions");
        if (stats_general_position(net) == 1)
        {
            gp_seen++;
            CHECK(fmpz_equal_si(R, s->regions) && fmpq_equal(m, s->mean),
                  "d %ld n %ld: general position but %ld regions", (long) d, (long) n, (long) s->regions);
        }
        else
            CHECK(s->regions < nd, "not in general position but all %ld regions", (long) nd);
        stats_network_clear(s);
        poly_clear(whole);
    }
    CHECK(gp_seen > 0, "some random network in general position");

    /* a family kept in general position: every mean equals the formula */
    {
        stats_family_t F;
        slong wid[1] = { 5 };
        poly_init(whole, 3);
        poly_set_whole(whole);
        stats_family_init(F);
        CHECK(stats_family_compute(F, "int", 3, 1, wid, 0, 5, whole, 1, err) == RELU_OK, "%s", err->msg);
        stats_general_position_formula(R, m, 3, 5);
        CHECK(F->num == 6, "family size");
        for (slong i = 0; i < F->num; i++)
            CHECK(fmpq_equal(F->nets[i].mean, m) && F->nets[i].general_position == 1, "family member %ld", (long) i);
        CHECK(fmpq_equal(F->mean_of_means, m) && fmpq_is_zero(F->range) && fmpq_is_zero(F->variance),
              "family summary");
        CHECK(F->nviolations == 0, "mean <= 2d");
        for (slong i = 0; i < F->nskipped; i++)
        {
            net_random(net, "int", 3, 1, wid, F->skipped[i], err);
            CHECK(stats_general_position(net) == 0, "skipped seed in general position");
        }
        stats_family_clear(F);
        poly_clear(whole);
    }
    /* a deeper family: summary recomputed from the members */
    {
        stats_family_t F;
        slong wid[2] = { 3, 3 };
        poly_init(whole, 2);
        poly_set_whole(whole);
        stats_family_init(F);
        CHECK(stats_family_compute(F, "int", 2, 2, wid, 3, 9, whole, 0, err) == RELU_OK, "%s", err->msg);
        fmpq_t sum, var, t;
        fmpz_t seven;
        fmpq_init(sum); fmpq_init(var); fmpq_init(t);
        fmpz_init_set_si(seven, 7);
        slong regions = 0;
        for (slong i = 0; i < F->num; i++)
        {
            fmpq_add(sum, sum, F->nets[i].mean);
            regions += F->nets[i].regions;
            CHECK(fmpq_cmp(F->min, F->nets[i].mean) <= 0 && fmpq_cmp(F->nets[i].mean, F->max) <= 0, "extremes");
            CHECK(F->nets[i].seed == (ulong) (3 + i) && F->nets[i].general_position == -1, "seeds in order");
        }
        fmpq_div_fmpz(sum, sum, seven);
        CHECK(F->num == 7 && fmpq_equal(sum, F->mean_of_means), "mean of means");
        for (slong i = 0; i < F->num; i++)
        {
            fmpq_sub(t, F->nets[i].mean, sum);
            fmpq_addmul(var, t, t);
        }
        fmpq_div_fmpz(var, var, seven);
        CHECK(fmpq_equal(var, F->variance), "variance");
        fmpq_sub(t, F->max, F->min);
        CHECK(fmpq_equal(t, F->range), "range");
        slong h = 0;
        for (slong f = 0; f < F->hist_len; f++)
            h += F->hist[f];
        CHECK(h == regions && regions == F->regions, "summed histogram");
        fmpq_clear(sum); fmpq_clear(var); fmpq_clear(t);
        fmpz_clear(seven);
        stats_family_clear(F);
        /* bad input: S1 < S0, general position on a deep net */
        stats_family_init(F);
        CHECK(stats_family_compute(F, "int", 2, 2, wid, 5, 4, whole, 0, err) == RELU_E_INPUT, "S1 < S0");
        stats_family_clear(F);
        stats_family_init(F);
        CHECK(stats_family_compute(F, "int", 2, 2, wid, 0, 1, whole, 1, err) == RELU_E_INPUT, "gp on depth 2");
        stats_family_clear(F);
        poly_clear(whole);
    }

    net_clear(net);
    fmpz_clear(R);
    fmpq_clear(m);
    fmpq_clear(q);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
