/* The sparse certified Fiedler path (graph.h) against independent truths:
   - closed forms: path P_n: lambda_2 = 2 - 2 cos(pi / n), simple, one sign
     change in the middle for even n; cycle C_n: 2 - 2 cos(2 pi / n), double
     (never claimed simple; the dense path too, and its exact multiplicity
     against n - rank(L - lambda I) for integer eigenvalues); grid P_a x P_b (a > b): 2 - 2 cos(pi / a), simple;
   - the dense arb path (spectrum_compute) on random connected graphs: the
     enclosures overlap, certain signs agree up to one global sign;
   - inertia: the float factor's negative pivots against the count of dense
     eigenvalue enclosures below sigma (Sylvester), and the exact factor check
     never accepts a factor proving more than the truth, and rejects a
     factor with a pivot's sign changed. */
#include "testutil.h"
#include <math.h>
#include <stdlib.h>
#include <arb.h>

static void
graph_from_edges(dualgraph_t G, slong n, const slong * e, slong m)
{
    dualgraph_clear(G);
    dualgraph_init(G);
    G->nodes = n;
    G->nedges = G->alloc = m;
    G->edges = flint_malloc((2 * m + 1) * sizeof(slong));
    G->weight = flint_malloc((m + 1) * sizeof(slong));
    for (slong k = 0; k < m; k++)
    {
        G->edges[2 * k] = FLINT_MIN(e[2 * k], e[2 * k + 1]);
        G->edges[2 * k + 1] = FLINT_MAX(e[2 * k], e[2 * k + 1]);
        G->weight[k] = 1;
    }
}

/* [lo, hi] meets the ball x and is narrower than 1e-18 (simple) */
static int
encloses(const fiedler_t Fd, const arb_t x)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_set_fmpq(a, Fd->lo, 256);
    arb_set_fmpq(b, Fd->hi, 256);
    arb_union(a, a, b, 256);
    int ok = arb_overlaps(a, x) && fmpq_cmp(Fd->lo, Fd->hi) <= 0;
    arb_clear(a);
    arb_clear(b);
    return ok;
}

/* 2 - 2 cos(pi k / m) */
static void
closed_form(arb_t x, slong k, slong m)
{
    arb_const_pi(x, 256);
    arb_mul_si(x, x, k, 256);
    arb_div_si(x, x, m, 256);
    arb_cos(x, x, 256);
    arb_mul_si(x, x, -2, 256);
    arb_add_si(x, x, 2, 256);
}

static void
run(fiedler_t Fd, const dualgraph_t G)
{
    splap_t A;
    rc_error_t err;
    rc_error_init(err);
    splap_init(A);
    splap_from_graph(A, G, 0);
    fiedler_clear(Fd);
    fiedler_init(Fd);
    CHECK(fiedler_compute(Fd, A, getenv("DGDEBUG") ? stderr : NULL, err) == RELU_OK, "%s", err->msg);
    splap_clear(A);
}

static void
test_closed_forms(void)
{
    dualgraph_t G;
    fiedler_t Fd;
    arb_t x;
    dualgraph_init(G);
    fiedler_init(Fd);
    arb_init(x);
    slong * e = flint_malloc(2 * 2 * 4000 * sizeof(slong));
    static const slong paths[] = { 3, 4, 5, 8, 13, 40, 64, 500, 2000 };
    for (int t = 0; t < 9; t++)
    {
        slong n = paths[t];
        for (slong i = 0; i + 1 < n; i++)
            e[2 * i] = i, e[2 * i + 1] = i + 1;
        graph_from_edges(G, n, e, n - 1);
        run(Fd, G);
        closed_form(x, 1, n);
        CHECK(Fd->simple && encloses(Fd, x), "path %ld", (long) n);
        if (n % 2 == 0 && n <= 500)
            for (slong i = 1; i < n; i++)
                CHECK(Fd->partition[i] != '?' && (Fd->partition[i] != Fd->partition[i - 1]) == (i == n / 2),
                      "path %ld: partition %s", (long) n, Fd->partition);
    }
    for (slong n = 5; n <= 40; n += 7)
    {
        for (slong i = 0; i < n; i++)
            e[2 * i] = i, e[2 * i + 1] = (i + 1) % n;
        graph_from_edges(G, n, e, n);
        run(Fd, G);
        closed_form(x, 2, n);
        CHECK(!Fd->simple && encloses(Fd, x), "cycle %ld", (long) n);
    }
    static const slong grids[][2] = { { 7, 4 }, { 30, 17 }, { 61, 40 } };
    for (int t = 0; t < 3; t++)
    {
        slong a = grids[t][0], b = grids[t][1], m = 0;
        for (slong i = 0; i < a; i++)
            for (slong j = 0; j < b; j++)
            {
                if (i + 1 < a) e[2 * m] = i * b + j, e[2 * m + 1] = (i + 1) * b + j, m++;
                if (j + 1 < b) e[2 * m] = i * b + j, e[2 * m + 1] = i * b + j + 1, m++;
            }
        graph_from_edges(G, a * b, e, m);
        run(Fd, G);
        closed_form(x, 1, a);
        CHECK(Fd->simple && encloses(Fd, x), "grid %ld x %ld", (long) a, (long) b);
    }
    flint_free(e);
    arb_clear(x);
    fiedler_clear(Fd);
    dualgraph_clear(G);
}

/* a random connected graph: a random tree plus extra edges (no repeats) */
static slong
random_graph(slong * e, slong n, flint_rand_t st)
{
    slong m = 0, extra = n_randint(st, 2 * n);
    for (slong i = 1; i < n; i++)
        e[2 * m] = n_randint(st, i), e[2 * m + 1] = i, m++;
    for (slong k = 0; k < extra; k++)
    {
        slong i = n_randint(st, n), j = n_randint(st, n), dup = i == j;
        for (slong f = 0; f < m && !dup; f++)
            dup = (e[2 * f] == i && e[2 * f + 1] == j) || (e[2 * f] == j && e[2 * f + 1] == i);
        if (!dup)
            e[2 * m] = i, e[2 * m + 1] = j, m++;
    }
    return m;
}

static void
test_against_dense(flint_rand_t st)
{
    dualgraph_t G;
    fiedler_t Fd;
    dualgraph_init(G);
    fiedler_init(Fd);
    slong * e = flint_malloc(6 * 80 * sizeof(slong)), checked = 0, dense_runs = 0;
    for (slong it = 0; it < test_iters(40); it++)
    {
        slong n = 3 + n_randint(st, 30), m = random_graph(e, n, st);
        graph_from_edges(G, n, e, m);
        run(Fd, G);
        fmpz_mat_t L;
        spectrum_t S;
        rc_error_t err;
        rc_error_init(err);
        fmpz_mat_init(L, n, n);
        spectrum_init(S);
        dualgraph_laplacian(L, G, 0);
        /* the dense path gives up on some graphs with eigenvalues of high
           multiplicity (trees); those are not compared */
        int dense_ok = spectrum_compute(S, L, err) == RELU_OK;
        dense_runs += dense_ok;
        CHECK(!dense_ok || encloses(Fd, S->eig + 1), "random graph %ld: sparse and dense lambda_2 disagree",
              (long) it);
        if (dense_ok && Fd->simple && S->fiedler_simple)
        {
            int flip = -1;
            for (slong i = 0; i < n; i++)
                if (Fd->partition[i] != '?' && S->partition[i] != '?')
                {
                    int d = Fd->partition[i] != S->partition[i];
                    CHECK(flip < 0 || d == flip, "random graph %ld: partitions %s %s", (long) it, Fd->partition,
                          S->partition);
                    flip = d;
                    checked++;
                }
        }
        spectrum_clear(S);
        fmpz_mat_clear(L);
    }
    CHECK(checked > 100 && dense_runs > test_iters(40) / 2, "only %ld signs compared, %ld dense runs", (long) checked,
          (long) dense_runs);
    flint_free(e);
    fiedler_clear(Fd);
    dualgraph_clear(G);
}

static void
test_inertia(flint_rand_t st)
{
    dualgraph_t G;
    dualgraph_init(G);
    slong * e = flint_malloc(6 * 40 * sizeof(slong)), passed = 0, tries = 0;
    for (slong it = 0; it < test_iters(80); it++)
    {
        slong n = 3 + n_randint(st, 30), m = random_graph(e, n, st);
        graph_from_edges(G, n, e, m);
        fmpz_mat_t L;
        spectrum_t S;
        splap_t A;
        ldl_t F;
        rc_error_t err;
        rc_error_init(err);
        fmpz_mat_init(L, n, n);
        spectrum_init(S);
        dualgraph_laplacian(L, G, 0);
        if (spectrum_compute(S, L, err) != RELU_OK)
        {
            spectrum_clear(S);
            fmpz_mat_clear(L);
            continue;
        }
        splap_init(A);
        splap_from_graph(A, G, 0);
        ldl_init(F, A);
        fmpq_t sigma;
        fmpq_init(sigma);
        fmpq_set_si(sigma, 1 + n_randint(st, 8 * n), 7);   /* rational, in (0, ~n) */
        arb_t s;
        arb_init(s);
        arb_set_fmpq(s, sigma, 256);
        slong below = 0, unsure = 0;
        for (slong i = 0; i < n; i++)
        {
            unsure |= arb_overlaps(S->eig + i, s);
            below += arb_lt(S->eig + i, s);
        }
        slong neg = ldl_factor(F, A, fmpq_get_d(sigma) + ldexp(1.0, -36));
        if (!unsure && neg >= 0)
        {
            tries++;
            /* Sylvester: the inertia of the float LDL^T is the exact one here (well separated) */
            CHECK(neg == below, "graph %ld, sigma %ld/7: %ld negative pivots, %ld eigenvalues below", (long) it,
                  (long) fmpz_get_si(fmpq_numref(sigma)), (long) neg, (long) below);
            slong nnz = F->colp[n], * lz = flint_malloc((nnz + 1) * sizeof(slong)), * dz = flint_malloc(n * sizeof(slong));
            int fits = 1;
            for (slong p = 0; p < nnz; p++)
                fits &= fabs(F->lx[p]) < 1024, lz[p] = fits ? (slong) llround(ldexp(F->lx[p], FIEDLER_SCALE)) : 0;
            for (slong k = 0; k < n; k++)
                fits &= fabs(F->d[k]) < 1024, dz[k] = fits ? (slong) llround(ldexp(F->d[k], FIEDLER_SCALE)) : 0;
            slong k;
            if (fits && fiedler_check_factor(&k, A, F->perm, F->colp, F->row, lz, dz, sigma))
            {
                passed++;
                CHECK(k >= below, "a checked factor proves lambda_%ld >= sigma with %ld eigenvalues below",
                      (long) k + 1, (long) below);
                /* a negative pivot made positive would prove one eigenvalue fewer
                   below sigma, a false claim: the check must fail (a positive one
                   made negative weakens the claim and may pass) */
                for (slong j = 0; j < n; j++)
                    if (dz[j] < 0)
                    {
                        dz[j] = -dz[j];
                        CHECK(!fiedler_check_factor(&k, A, F->perm, F->colp, F->row, lz, dz, sigma),
                              "a factor with negative pivot %ld made positive passes", (long) j);
                        dz[j] = -dz[j];
                    }
            }
            flint_free(lz);
            flint_free(dz);
        }
        arb_clear(s);
        fmpq_clear(sigma);
        ldl_clear(F);
        splap_clear(A);
        spectrum_clear(S);
        fmpz_mat_clear(L);
    }
    CHECK(tries > 10 && 2 * passed > tries, "%ld of %ld factors passed the exact check", (long) passed, (long) tries);
    flint_free(e);
    dualgraph_clear(G);
}

/* Graphs with multiple lambda_2 and integer spectra (K_n: n, n-1 times; K_{a,b}:
   min(a,b) with multiplicity max(a,b)-1; hypercube Q_d: 2, d times) and cycles C_n
   (2 - 2 cos(2 pi / n), twice). Truth: the closed forms, and the multiplicity of
   an integer eigenvalue as n - rank(L - lambda I) by exact elimination.
   spectrum_compute must never fail on them nor claim lambda_2 simple. */
static void
check_multiple(const dualgraph_t G, const arb_t lambda2, slong mult, const char * name)
{
    slong n = G->nodes;
    fmpz_mat_t L;
    spectrum_t S;
    rc_error_t err;
    rc_error_init(err);
    fmpz_mat_init(L, n, n);
    spectrum_init(S);
    dualgraph_laplacian(L, G, 0);
    CHECK(spectrum_compute(S, L, err) == RELU_OK, "%s: %s", name, err->msg);
    CHECK(arb_overlaps(S->eig + 1, lambda2), "%s: lambda_2 not enclosed", name);
    CHECK(!S->fiedler_simple, "%s: a multiple lambda_2 claimed simple", name);
    CHECK(S->fiedler_mult == 0 || S->fiedler_mult == mult, "%s: multiplicity %ld claimed, truth %ld", name,
          (long) S->fiedler_mult, (long) mult);
    for (slong i = 0; i < n; i++)
        CHECK(S->partition[i] == '?', "%s: node %ld has a sign", name, (long) i);
    arb_ptr ev = _arb_vec_init(n);
    CHECK(spectrum_enclose_charpoly(ev, L, 256), "%s: characteristic polynomial roots not real", name);
    slong m = 0;
    for (slong i = 0; i < n; i++)
        m += arb_overlaps(ev + i, lambda2);
    CHECK(m == mult, "%s: %ld roots at lambda_2, truth %ld", name, (long) m, (long) mult);
    if (arf_is_int(arb_midref(lambda2)) && mag_is_zero(arb_radref(lambda2)))
    {
        /* the independent count: n - rank(L - lambda I) */
        fmpz_t l;
        fmpz_init(l);
        arf_get_fmpz(l, arb_midref(lambda2), ARF_RND_DOWN);
        for (slong i = 0; i < n; i++)
            fmpz_sub(fmpz_mat_entry(L, i, i), fmpz_mat_entry(L, i, i), l);
        CHECK(n - fmpz_mat_rank(L) == mult, "%s: rank count disagrees", name);
        fmpz_clear(l);
    }
    _arb_vec_clear(ev, n);
    spectrum_clear(S);
    fmpz_mat_clear(L);
}

static void
test_dense_multiple(void)
{
    dualgraph_t G;
    dualgraph_init(G);
    slong * e = flint_malloc(2 * 200 * sizeof(slong));
    arb_t x;
    arb_init(x);
    for (slong n = 3; n <= 12; n++)        /* cycles */
    {
        for (slong i = 0; i < n; i++)
            e[2 * i] = i, e[2 * i + 1] = (i + 1) % n;
        graph_from_edges(G, n, e, n);
        closed_form(x, 2, n);
        check_multiple(G, x, 2, "cycle");
    }
    for (slong n = 3; n <= 8; n++)         /* complete graphs */
    {
        slong m = 0;
        for (slong i = 0; i < n; i++)
            for (slong j = i + 1; j < n; j++)
                e[2 * m] = i, e[2 * m + 1] = j, m++;
        graph_from_edges(G, n, e, m);
        arb_set_si(x, n);
        check_multiple(G, x, n - 1, "complete");
    }
    for (slong a = 2; a <= 4; a++)         /* complete bipartite K_{a,b}, a < b */
        for (slong b = a + 1; b <= 6; b++)
        {
            slong m = 0;
            for (slong i = 0; i < a; i++)
                for (slong j = 0; j < b; j++)
                    e[2 * m] = i, e[2 * m + 1] = a + j, m++;
            graph_from_edges(G, a + b, e, m);
            arb_set_si(x, a);
            check_multiple(G, x, b - 1, "bipartite");
        }
    for (slong d = 2; d <= 5; d++)         /* hypercubes */
    {
        slong n = WORD(1) << d, m = 0;
        for (slong i = 0; i < n; i++)
            for (slong k = 0; k < d; k++)
                if (!(i >> k & 1))
                    e[2 * m] = i, e[2 * m + 1] = i | (WORD(1) << k), m++;
        graph_from_edges(G, n, e, m);
        arb_set_si(x, 2);
        check_multiple(G, x, d, "hypercube");
    }
    arb_clear(x);
    flint_free(e);
    dualgraph_clear(G);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("graph_fiedler....");
    fflush(stdout);
    test_closed_forms();
    test_against_dense(st);
    test_inertia(st);
    test_dense_multiple();
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
