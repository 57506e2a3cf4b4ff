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
     variables). */
#include "testutil.h"
#include "arrangement/dr.h"
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
    arrangement_dr_params par = { sym, NULL, 0 };
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

int
main(void)
{
    printf("arrangement_dr....");
    fflush(stdout);
    test_random_vs_poset();
    test_types_bd();
    test_generic();
    test_published();
    printf("PASS\n");
    return 0;
}
