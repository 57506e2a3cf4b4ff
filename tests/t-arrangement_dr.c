/* The deletion-restriction characteristic polynomial (dr.c, with and
   without nauty's symmetries) against independent truths:
   - the intersection poset with its Moebius function (charpoly.c) on random
     integer and degenerate arrangements, central and affine;
   - closed forms: types B_n and D_n (chi = (t-1)(t-3)...(t-2n+1) and
     (t-1)(t-3)...(t-2n+3)(t-n+1), Stanley Lecture 6 / Orlik-Terao),
     general position (chi = sum_k (-1)^k C(m,k) t^(n-k));
   - published counts: resonance arrangements (OEIS A034997: 32, 370,
     11292, 1066044 regions for n = 3..6) and threshold arrangements
     (OEIS A000609: 14, 104, 1882, 94572 threshold functions of 2..5
     variables);
   and its parts: the fmpz path (forced, chosen for large entries, and as
   the fallback after a 64-bit overflow) against the poset; the moment-curve
   certificate of general position on configurations built to pass or fail
   it (Vandermonde: distinct nodes pass; a repeated node, a perturbed
   entry, two points at infinity fail). Issue 20. */
#include "testutil.h"
#include "arrangement/dr.h"
#include "arrangement/dr-impl.h"
#include "random/random.h"

static void
family_arrangement(arrangement_t A, const char * kind, slong dim, slong width, ulong seed)
{
    rc_error_t err;
    net_t net;
    rc_error_init(err);
    net_init(net);
    CHECK(net_random(net, kind, dim, width > 0, &width, seed, err) == RELU_OK, "net_random %s", kind);
    CHECK(arrangement_from_net(A, NULL, net, err) == RELU_OK, "arrangement_from_net");
    net_clear(net);
}

static void
dr(fmpz_poly_t chi, const arrangement_t A, int sym, arrangement_dr_stats * st)
{
    arrangement_dr_params par = { sym, NULL, 0, 0, 0 };
    rc_error_t err;
    rc_error_init(err);
    CHECK(arrangement_charpoly_dr(chi, st, A, &par, err) == RELU_OK, "dr failed: %s", err->msg);
}

/* p <- prod (t - roots[i]) */
static void
poly_roots(fmpz_poly_t p, const slong * roots, slong n)
{
    fmpz_poly_t f;
    fmpz_poly_init(f);
    fmpz_poly_one(p);
    for (slong i = 0; i < n; i++)
    {
        fmpz_poly_zero(f);
        fmpz_poly_set_coeff_si(f, 1, 1);
        fmpz_poly_set_coeff_si(f, 0, -roots[i]);
        fmpz_poly_mul(p, p, f);
    }
    fmpz_poly_clear(f);
}

static void
regions(fmpz_t r, const fmpz_poly_t chi, slong n)
{
    fmpz_set_si(r, -1);
    fmpz_poly_evaluate_fmpz(r, chi, r);
    if (n % 2)
        fmpz_neg(r, r);
}

static void
test_random_vs_poset(void)
{
    flint_rand_t st;
    flint_randinit(st);
    for (slong it = 0; it < test_iters(300); it++)
    {
        slong n = 1 + n_randint(st, 4), m = n_randint(st, 11), c = 1 + n_randint(st, 3);
        int central = n_randint(st, 3) == 0, degenerate = n_randint(st, 2);
        fmpq_mat_t rows;
        arrangement_t A;
        fmpz_poly_t a, b, p;
        arrangement_dr_stats s1, s2;

        fmpq_mat_init(rows, m, n + 1);
        for (slong i = 0; i < m; i++)
            for (slong j = 0; j <= n; j++)
            {
                slong x = (slong) n_randint(st, 2 * c + 1) - c;
                if (degenerate && n_randint(st, 2))
                    x = 0;
                if (j == 0 && central)
                    x = 0;
                fmpq_set_si(fmpq_mat_entry(rows, i, j), x, 1);
            }
        arrangement_init(A, n);
        arrangement_set_rows(A, rows);
        fmpz_poly_init(a);
        fmpz_poly_init(b);
        fmpz_poly_init(p);
        arrangement_charpoly(p, A);
        dr(a, A, 1, &s1);
        dr(b, A, 0, &s2);
        CHECK(fmpz_poly_equal(a, p) && fmpz_poly_equal(b, p), "iteration %ld: n=%ld m=%ld: dr differs from the poset",
              (long) it, (long) n, (long) m);
        CHECK(s1.rejected_generators == 0, "a nauty generator was not linear");
        fmpz_poly_clear(a);
        fmpz_poly_clear(b);
        fmpz_poly_clear(p);
        arrangement_clear(A);
        fmpq_mat_clear(rows);
    }
    flint_randclear(st);
}

static void
test_types_bd(void)
{
    slong roots[32];
    for (slong n = 2; n <= 8; n++)
        for (int d = 0; d < 2; d++)
        {
            arrangement_t A;
            fmpz_poly_t chi, want;
            arrangement_dr_stats s;
            arrangement_init(A, n);
            family_arrangement(A, d ? "typeD" : "typeB", n, 0, 0);
            for (slong i = 0; i < n; i++)
                roots[i] = 2 * i + 1;
            if (d)
                roots[n - 1] = n - 1;
            fmpz_poly_init(chi);
            fmpz_poly_init(want);
            poly_roots(want, roots, n);
            dr(chi, A, 1, &s);
            CHECK(fmpz_poly_equal(chi, want), "type %c_%ld", d ? 'D' : 'B', (long) n);
            if (n <= 5)
            {
                dr(chi, A, 0, &s);
                CHECK(fmpz_poly_equal(chi, want), "type %c_%ld without symmetry", d ? 'D' : 'B', (long) n);
            }
            fmpz_poly_clear(chi);
            fmpz_poly_clear(want);
            arrangement_clear(A);
        }
}

static void
test_generic(void)
{
    static const slong cases[][2] = { { 2, 9 }, { 3, 12 }, { 4, 20 }, { 5, 16 }, { 3, 60 }, { 4, 40 } };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
    {
        slong n = cases[c][0], m = cases[c][1];
        arrangement_t A;
        fmpz_poly_t chi, want;
        fmpz_t b;
        arrangement_dr_stats s;
        arrangement_init(A, n);
        family_arrangement(A, "generic", n, m, 7 + c);
        CHECK(arrangement_num_hyperplanes(A) == m, "generic: %ld hyperplanes", (long) m);
        fmpz_poly_init(chi);
        fmpz_poly_init(want);
        fmpz_init(b);
        for (slong k = 0; k <= n; k++)
        {
            fmpz_bin_uiui(b, m, k);
            if (k % 2)
                fmpz_neg(b, b);
            fmpz_poly_set_coeff_fmpz(want, n - k, b);
        }
        dr(chi, A, 1, &s);
        CHECK(fmpz_poly_equal(chi, want), "generic %ld in R^%ld", (long) m, (long) n);
        fmpz_clear(b);
        fmpz_poly_clear(chi);
        fmpz_poly_clear(want);
        arrangement_clear(A);
    }
}

static void
test_published(void)
{
    static const slong res[] = { 32, 370, 11292, 1066044 };      /* A034997, n = 3..6 */
    static const slong thr[] = { 14, 104, 1882, 94572 };         /* A000609, 2..5 variables */
    for (int t = 0; t < 2; t++)
        for (slong i = 0; i < 4; i++)
        {
            slong n = 3 + i;
            arrangement_t A;
            fmpz_poly_t chi, p;
            fmpz_t r;
            arrangement_dr_stats s;
            arrangement_init(A, n);
            family_arrangement(A, t ? "threshold" : "resonance", n, 0, 0);
            fmpz_poly_init(chi);
            fmpz_poly_init(p);
            fmpz_init(r);
            dr(chi, A, 1, &s);
            regions(r, chi, n);
            CHECK(fmpz_equal_si(r, t ? thr[i] : res[i]), "%s n=%ld", t ? "threshold" : "resonance", (long) n);
            /* the whole polynomial, not just chi(-1): the poset and the plain recursion */
            if (n <= 5)
            {
                arrangement_charpoly(p, A);
                CHECK(fmpz_poly_equal(chi, p), "%s n=%ld: poset", t ? "threshold" : "resonance", (long) n);
            }
            dr(p, A, 0, &s);
            CHECK(fmpz_poly_equal(chi, p), "%s n=%ld: without symmetry", t ? "threshold" : "resonance", (long) n);
            fmpz_clear(r);
            fmpz_poly_clear(chi);
            fmpz_poly_clear(p);
            arrangement_clear(A);
        }
}

/* A <- m random rows of n + 1 integers of up to `bits` bits (central: c = 0) */
static void
random_rows(arrangement_t A, flint_rand_t st, slong n, slong m, slong bits, int central, int degenerate)
{
    fmpq_mat_t rows;
    fmpz_t x;
    fmpq_mat_init(rows, m, n + 1);
    fmpz_init(x);
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j <= n; j++)
        {
            if (bits > 8)
                fmpz_randbits(x, st, bits);   /* exactly this many bits */
            else
                fmpz_randtest(x, st, bits);
            if ((degenerate && n_randint(st, 2)) || (j == 0 && central))
                fmpz_zero(x);
            fmpq_set_fmpz(fmpq_mat_entry(rows, i, j), x);
        }
    fmpz_clear(x);
    arrangement_set_rows(A, rows);
    fmpq_mat_clear(rows);
}

/* the fmpz path: forced on small entries, chosen for entries beyond 2^40,
   and taken after an overflow of the word path; all against the poset */
static void
test_fmpz_path(void)
{
    flint_rand_t st;
    slong big60 = 0, all60 = 0;
    flint_randinit(st);
    for (slong it = 0; it < test_iters(150); it++)
    {
        slong n = 1 + n_randint(st, 4), m = n_randint(st, 10);
        int kind = it % 3, central = n_randint(st, 3) == 0;
        /* kind 0: 3-bit entries, forced fmpz; 1: 60-bit entries; 2: 36-bit (overflow, then fallback) */
        slong bits = kind == 0 ? 3 : kind == 1 ? 60 : 36;
        arrangement_dr_params par = { n_randint(st, 2), NULL, 0, 0, kind == 0 };
        arrangement_dr_stats s;
        arrangement_t A;
        fmpz_poly_t a, p;
        rc_error_t err;

        rc_error_init(err);
        arrangement_init(A, n);
        random_rows(A, st, n, m, bits, central, n_randint(st, 2));
        fmpz_poly_init(a);
        fmpz_poly_init(p);
        arrangement_charpoly(p, A);
        CHECK(arrangement_charpoly_dr(a, &s, A, &par, err) == RELU_OK, "fmpz path: %s", err->msg);
        CHECK(fmpz_poly_equal(a, p), "iteration %ld: kind %d n=%ld m=%ld: fmpz path differs from the poset",
              (long) it, kind, (long) n, (long) m);
        if (kind == 0)
            CHECK(s.big || arrangement_num_hyperplanes(A) == 0, "forced fmpz path not taken");
        /* 60-bit entries usually stay beyond 2^40 (primitive rows can become small) */
        big60 += (kind == 1 && s.big);
        all60 += (kind == 1);
        fmpz_poly_clear(a);
        fmpz_poly_clear(p);
        arrangement_clear(A);
    }
    CHECK(2 * big60 >= all60, "60-bit entries: %ld of %ld runs on the fmpz path", (long) big60, (long) all60);
    /* 7 rows of 36-bit entries in R^4: elimination products pass 2^63 */
    {
        arrangement_t A;
        fmpz_poly_t a, p;
        arrangement_dr_params par = { 0, NULL, 0, 0, 0 };
        arrangement_dr_stats s;
        rc_error_t err;
        rc_error_init(err);
        arrangement_init(A, 4);
        random_rows(A, st, 4, 7, 36, 1, 0);
        fmpz_poly_init(a);
        fmpz_poly_init(p);
        arrangement_charpoly(p, A);
        CHECK(arrangement_charpoly_dr(a, &s, A, &par, err) == RELU_OK, "fallback: %s", err->msg);
        CHECK(s.big && fmpz_poly_equal(a, p), "fallback after overflow: big %d", s.big);
        fmpz_poly_clear(a);
        fmpz_poly_clear(p);
        arrangement_clear(A);
    }
    flint_randclear(st);
}

/* V <- rows lambda_i (1, s_i, ..., s_i^(R-1)) (s = den 0: the point at infinity) */
static void
moment_rows(fmpz_mat_t V, const slong * snum, const slong * sden, slong R)
{
    for (slong i = 0; i < V->r; i++)
        for (slong j = 0; j < R; j++)
        {
            /* homogeneous: snum^j sden^(R-1-j), times 3 (a nonzero scale) */
            fmpz_t a, b;
            fmpz_init(a);
            fmpz_init(b);
            fmpz_set_si(a, snum[i]);
            fmpz_pow_ui(a, a, j);
            fmpz_set_si(b, sden[i]);
            fmpz_pow_ui(b, b, R - 1 - j);
            fmpz_mul(fmpz_mat_entry(V, i, j), a, b);
            fmpz_mul_ui(fmpz_mat_entry(V, i, j), fmpz_mat_entry(V, i, j), 3);
            fmpz_clear(a);
            fmpz_clear(b);
        }
}

static void
test_moment_curve(void)
{
    static const slong num[] = { 1, -2, 5, 7, 1, 0 }, den[] = { 1, 3, 2, 1, 0, 1 };
    fmpz_mat_t V, W;
    fmpz_mat_t M;
    fmpz_t d;
    fmpz_mat_init(V, 6, 4);
    moment_rows(V, num, den, 4);
    CHECK(dr_config_is_moment_curve(V), "six points of the twisted cubic (one at infinity)");
    /* the certificate's claim, checked by brute force: every 4 rows are independent */
    fmpz_mat_init(M, 4, 4);
    fmpz_init(d);
    for (int mask = 0; mask < 64; mask++)
    {
        if (__builtin_popcount(mask) != 4)
            continue;
        for (slong i = 0, k = 0; i < 6; i++)
            if (mask >> i & 1)
            {
                for (slong j = 0; j < 4; j++)
                    fmpz_set(fmpz_mat_entry(M, k, j), fmpz_mat_entry(V, i, j));
                k++;
            }
        fmpz_mat_det(d, M);
        CHECK(!fmpz_is_zero(d), "a Vandermonde minor vanishes");
    }
    fmpz_mat_init_set(W, V);
    fmpz_add_ui(fmpz_mat_entry(W, 2, 3), fmpz_mat_entry(W, 2, 3), 1);
    CHECK(!dr_config_is_moment_curve(W), "a perturbed entry passes");
    fmpz_mat_set(W, V);
    for (slong j = 0; j < 4; j++)   /* row 3 <- 2 * row 0: the same node twice */
        fmpz_mul_ui(fmpz_mat_entry(W, 3, j), fmpz_mat_entry(V, 0, j), 2);
    CHECK(!dr_config_is_moment_curve(W), "a repeated node passes");
    fmpz_mat_set(W, V);
    for (slong j = 0; j < 4; j++)   /* a second point at infinity */
        fmpz_set(fmpz_mat_entry(W, 0, j), fmpz_mat_entry(V, 4, j));
    CHECK(!dr_config_is_moment_curve(W), "two points at infinity pass");
    fmpz_mat_clear(M);
    fmpz_clear(d);
    fmpz_mat_clear(V);
    fmpz_mat_clear(W);
}

/* generic arrangements with entries beyond 2^40 (the moment curve s^k, s <= 3m):
   general position proved, merges by type, fmpz rows, against the closed
   form sum_k (-1)^k C(m,k) t^(n-k); and an arrangement that is not in
   general position (two parallel hyperplanes added) fails the certificate */
static void
test_generic_large(void)
{
    static const slong cases[][2] = { { 6, 40 }, { 7, 30 }, { 5, 200 } };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
    {
        slong n = cases[c][0], m = cases[c][1];
        arrangement_t A;
        fmpz_poly_t chi, want;
        fmpz_t b;
        arrangement_dr_stats s;
        arrangement_init(A, n);
        family_arrangement(A, "generic", n, m, 11 + c);
        fmpz_poly_init(chi);
        fmpz_poly_init(want);
        fmpz_init(b);
        for (slong k = 0; k <= n; k++)
        {
            fmpz_bin_uiui(b, m, k);
            if (k % 2)
                fmpz_neg(b, b);
            fmpz_poly_set_coeff_fmpz(want, n - k, b);
        }
        dr(chi, A, 1, &s);
        CHECK(s.general_position && s.big, "generic %ld in R^%ld: general position %d, fmpz %d", (long) m,
              (long) n, s.general_position, s.big);
        CHECK(fmpz_poly_equal(chi, want), "generic %ld in R^%ld (large entries)", (long) m, (long) n);
        CHECK(s.nodes_max_level <= n + 1, "generic: %ld nodes in a level", (long) s.nodes_max_level);
        fmpz_clear(b);
        fmpz_poly_clear(chi);
        fmpz_poly_clear(want);
        arrangement_clear(A);
    }
    {
        /* generic 6 in R^3 plus x_1 = 0 and x_1 = 1 */
        arrangement_t A, B;
        fmpq_mat_t rows;
        fmpz_poly_t chi, p;
        arrangement_dr_stats s;
        arrangement_init(A, 3);
        arrangement_init(B, 3);
        family_arrangement(A, "generic", 3, 6, 5);
        fmpq_mat_init(rows, 8, 4);
        for (slong i = 0; i < 6; i++)
            for (slong j = 0; j < 4; j++)
                fmpq_set_fmpz(fmpq_mat_entry(rows, i, j), fmpz_mat_entry(A->H, i, j));
        fmpq_set_si(fmpq_mat_entry(rows, 6, 1), 1, 1);
        fmpq_set_si(fmpq_mat_entry(rows, 7, 0), -1, 1);
        fmpq_set_si(fmpq_mat_entry(rows, 7, 1), 1, 1);
        arrangement_set_rows(B, rows);
        fmpz_poly_init(chi);
        fmpz_poly_init(p);
        dr(chi, B, 1, &s);
        arrangement_charpoly(p, B);
        CHECK(!s.general_position && fmpz_poly_equal(chi, p), "not in general position: certificate %d",
              s.general_position);
        fmpz_poly_clear(chi);
        fmpz_poly_clear(p);
        fmpq_mat_clear(rows);
        arrangement_clear(A);
        arrangement_clear(B);
    }
}

int
main(void)
{
    printf("arrangement_dr....");
    fflush(stdout);
    test_random_vs_poset();
    test_types_bd();
    test_generic();
    test_published();
    test_fmpz_path();
    test_moment_curve();
    test_generic_large();
    printf("PASS\n");
    return 0;
}
