/* Dual graphs and certified spectra:
   - a 1D network with m - 1 breakpoints in a box has the path P_m as dual graph,
     k distinct lines through 0 in R^2 give the cycle C_2k: every certified
     eigenvalue enclosure contains 2 - 2 cos(pi j / m), resp. 2 - 2 cos(2 pi j / 2k);
   - on random networks: degree = facets - facets on the domain's boundary, and
     f_{n-1} of the complex (independent local count) = edges + boundary facets;
   - the certified Fiedler signs agree with the sign pattern of the exact
     eigenvector of a path (cos(pi (i + 1/2) / m), nonzero for even m). */
#include "testutil.h"
#include <arb.h>

static void
check_eigs(const spectrum_t S, slong m, int cycle)
{
    arb_t pi, t;
    arb_init(pi);
    arb_init(t);
    arb_const_pi(pi, 256);
    /* expected multiset: path 2 - 2cos(pi j/m), j = 0..m-1; cycle 2 - 2cos(2 pi j/m) */
    for (slong j = 0; j < m; j++)
    {
        arb_mul_si(t, pi, cycle ? 2 * j : j, 256);
        arb_div_si(t, t, m, 256);
        arb_cos(t, t, 256);
        arb_mul_si(t, t, -2, 256);
        arb_add_si(t, t, 2, 256);
        int found = 0;
        for (slong i = 0; i < S->n && !found; i++)
            found = arb_overlaps(S->eig + i, t);
        CHECK(found, "%s of %ld: eigenvalue %ld not enclosed", cycle ? "cycle" : "path", (long) m, (long) j);
    }
    arb_clear(pi);
    arb_clear(t);
}

static void
graph_of(dualgraph_t G, spectrum_t S, const net_t net, const poly_t D)
{
    rc_error_t err;
    fmpz_mat_t L;
    rc_error_init(err);
    CHECK(dualgraph_build(G, net, D, 0, NULL, err) == RELU_OK, "%s", err->msg);
    fmpz_mat_init(L, G->nodes, G->nodes);
    dualgraph_laplacian(L, G, 0);
    if (G->nodes >= 2)
        CHECK(spectrum_compute(S, L, err) == RELU_OK, "%s", err->msg);
    fmpz_mat_clear(L);
}

static int
count_region(void * data, const region_struct * R)
{
    complex_add_region(data, NULL, R);
    return 0;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("graph_dual....");
    fflush(stdout);

    /* paths */
    for (slong m = 2; m <= 12; m++)
    {
        slong widths[3] = { 1, m - 1, 1 };
        net_t net;
        poly_t D;
        fmpq_t lo, hi;
        dualgraph_t G;
        spectrum_t S;
        net_init_shape(net, 2, widths);
        for (slong i = 0; i < m - 1; i++)
        {
            fmpq_one(fmpq_mat_entry(net->layers[0].W, i, 0));
            fmpq_set_si(net->layers[0].b + i, -(2 * (i + 1) - m), m);   /* breakpoints inside (-1, 1) */
            fmpq_one(fmpq_mat_entry(net->layers[1].W, 0, i));
        }
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
        poly_init(D, 1);
        poly_set_box(D, lo, hi);
        dualgraph_init(G);
        spectrum_init(S);
        graph_of(G, S, net, D);
        CHECK(G->nodes == m && G->nedges == m - 1, "path %ld: %ld nodes %ld edges", (long) m, (long) G->nodes,
              (long) G->nedges);
        check_eigs(S, m, 0);
        CHECK(S->fiedler_simple, "path: simple Fiedler value");
        if (m % 2 == 0)
        {
            /* Fiedler vector of the path: cos(pi (i + 1/2) / m), one sign change in the middle */
            for (slong i = 0; i < m; i++)
                CHECK(S->partition[i] != '?', "path %ld: uncertified sign", (long) m);
            for (slong i = 1; i < m; i++)
                CHECK((S->partition[i] != S->partition[i - 1]) == (i == m / 2), "path %ld: partition %s",
                      (long) m, S->partition);
        }
        spectrum_clear(S);
        dualgraph_clear(G);
        poly_clear(D);
        fmpq_clear(lo); fmpq_clear(hi);
        net_clear(net);
    }

    /* cycles: k lines through the origin of R^2 (slopes 0, 1, 2, ... and the y-axis) */
    for (slong k = 2; k <= 6; k++)
    {
        slong widths[3] = { 2, k, 1 };
        net_t net;
        poly_t D;
        dualgraph_t G;
        spectrum_t S;
        net_init_shape(net, 2, widths);
        for (slong i = 0; i < k; i++)
        {
            fmpq_set_si(fmpq_mat_entry(net->layers[0].W, i, 0), i, 1);
            fmpq_set_si(fmpq_mat_entry(net->layers[0].W, i, 1), i == 0 ? 1 : -1, 1);
            fmpq_one(fmpq_mat_entry(net->layers[1].W, 0, i));
        }
        poly_init(D, 2);
        dualgraph_init(G);
        spectrum_init(S);
        graph_of(G, S, net, D);
        CHECK(G->nodes == 2 * k && G->nedges == 2 * k, "cycle: %ld nodes %ld edges", (long) G->nodes,
              (long) G->nedges);
        for (slong i = 0; i < G->nodes; i++)
            CHECK(G->facets[i] == 2, "cycle: a sector with %ld facets", (long) G->facets[i]);
        check_eigs(S, 2 * k, 1);
        CHECK(!S->fiedler_simple, "cycle: lambda_2 of a cycle is double");
        spectrum_clear(S);
        dualgraph_clear(G);
        poly_clear(D);
        net_clear(net);
    }

    /* random networks: degrees and facet counts */
    for (slong it = 0; it < test_iters(40); it++)
    {
        slong n = 1 + n_randint(st, 3), L = 1 + n_randint(st, 2), widths[5];
        widths[0] = n;
        for (slong j = 1; j <= L; j++)
            widths[j] = 1 + n_randint(st, 4);
        widths[L + 1] = 1;
        net_t net;
        poly_t D;
        dualgraph_t G;
        complex_t C;
        rc_error_t err;
        rc_error_init(err);
        net_init(net);
        test_random_net(net, st, L + 1, widths, 2);
        poly_init(D, n);
        if (it % 2)
        {
            fmpq_t lo, hi;
            fmpq_init(lo); fmpq_init(hi);
            fmpq_set_si(lo, -2, 1); fmpq_set_si(hi, 1, 1);
            poly_set_box(D, lo, hi);
            fmpq_clear(lo); fmpq_clear(hi);
        }
        dualgraph_init(G);
        CHECK(dualgraph_build(G, net, D, 0, NULL, err) == RELU_OK, "%s", err->msg);
        slong * deg = flint_calloc(G->nodes + 1, sizeof(slong)), bsum = 0;
        for (slong e = 0; e < G->nedges; e++)
            deg[G->edges[2 * e]]++, deg[G->edges[2 * e + 1]]++;
        for (slong i = 0; i < G->nodes; i++)
        {
            CHECK(deg[i] == G->facets[i] - G->boundary[i], "degree %ld, facets %ld, boundary %ld",
                  (long) deg[i], (long) G->facets[i], (long) G->boundary[i]);
            bsum += G->boundary[i];
        }
        complex_init(C, D, net_num_hidden(net), 0);
        regions_enumerate(net, D, count_region, C);
        CHECK(C->fvec[n - 1] == G->nedges + bsum, "f_{n-1} = %ld, edges + boundary facets = %ld",
              (long) C->fvec[n - 1], (long) (G->nedges + bsum));
        CHECK(C->regions == G->nodes, "nodes");
        complex_clear(C);
        flint_free(deg);
        dualgraph_clear(G);
        poly_clear(D);
        net_clear(net);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
