/* The finite-field method (finite_field.c) against independent truths:
   - closed forms, with the polynomial interpolated from the point counts
     alone: types B_n, chi = (t-1)(t-3)...(t-2n+1), and D_n,
     (t-1)(t-3)...(t-2n+3)(t-n+1) (Stanley, Lecture 6); the braid
     arrangement in R^n (x_i = x_j), chi = t(t-1)...(t-n+1), not essential;
     the coordinate arrangement, (t-1)^n;
   - the intersection poset with its Moebius function (charpoly.c, no code
     shared) on random small integer arrangements, central and affine,
     degenerate ones included;
   - every prime used is above the Hadamard bound (q^2 > bound^2), and a
     budget too small for all R primes gives fewer, still correct, values
     and no polynomial. Issue 20. */
#include "testutil.h"
#include "arrangement/arrangement.h"
#include "random/random.h"

static void
family(arrangement_t A, const char * kind, slong dim)
{
    rc_error_t err;
    net_t net;
    slong w = 0;
    rc_error_init(err);
    net_init(net);
    CHECK(net_random(net, kind, dim, 0, &w, 0, err) == RELU_OK, "net_random %s: %s", kind, err->msg);
    CHECK(arrangement_from_net(A, NULL, net, err) == RELU_OK, "arrangement_from_net");
    net_clear(net);
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

/* the counts agree with want at every prime, the primes are good, and (if all R ran) chi = want */
static void
check_ff(const arrangement_ff_t ff, const fmpz_poly_t want, int need_all, const char * what)
{
    fmpz_t v;
    fmpz_init(v);
    CHECK(ff->num >= 1, "%s: no prime counted", what);
    CHECK(!need_all || ff->determines, "%s: %ld primes of rank %ld, not determined", what, (long) ff->num,
          (long) ff->rank);
    for (slong i = 0; i < ff->num; i++)
    {
        fmpz_set_ui(v, ff->primes[i]);
        fmpz_mul_ui(v, v, ff->primes[i]);
        CHECK(fmpz_cmp(v, ff->bound2) > 0 && n_is_prime(ff->primes[i]), "%s: q = %lu not above the bound", what,
              ff->primes[i]);
        fmpz_set_ui(v, ff->primes[i]);
        fmpz_poly_evaluate_fmpz(v, want, v);
        CHECK(fmpz_equal(v, ff->values + i), "%s: chi(%lu) differs", what, ff->primes[i]);
    }
    if (ff->determines)
        CHECK(fmpz_poly_equal(ff->chi, want), "%s: the interpolated chi differs", what);
    fmpz_clear(v);
}

static void
test_closed_forms(void)
{
    slong roots[16];
    char what[64];
    for (slong n = 2; n <= 5; n++)
        for (int kind = 0; kind < 4; kind++)
        {
            static const char * kinds[] = { "typeB", "typeD", "braid", "coordinate" };
            arrangement_t A;
            arrangement_ff_t ff;
            fmpz_poly_t want;
            if (kind == 1 && n < 3)
                continue;
            for (slong i = 0; i < n; i++)
                roots[i] = kind == 2 ? i : kind == 3 ? 1 : 2 * i + 1;
            if (kind == 1)
                roots[n - 1] = n - 1;
            arrangement_init(A, n);
            family(A, kinds[kind], n);
            fmpz_poly_init(want);
            poly_roots(want, roots, n);
            arrangement_ff_init(ff);
            arrangement_charpoly_finite_field(ff, A, 1e8);
            snprintf(what, sizeof(what), "%s %ld", kinds[kind], (long) n);
            check_ff(ff, want, 1, what);
            CHECK(ff->rank == (kind == 2 ? n - 1 : n), "%s: rank %ld", what, (long) ff->rank);
            arrangement_ff_clear(ff);
            fmpz_poly_clear(want);
            arrangement_clear(A);
        }
}

static void
test_random_vs_poset(void)
{
    flint_rand_t st;
    flint_randinit(st);
    for (slong it = 0; it < test_iters(200); it++)
    {
        slong n = 1 + n_randint(st, 3), m = 1 + n_randint(st, 7), c = 1 + n_randint(st, 2);
        int central = n_randint(st, 3) == 0, degenerate = n_randint(st, 2);
        fmpq_mat_t rows;
        arrangement_t A;
        arrangement_ff_t ff;
        fmpz_poly_t p;
        char what[64];

        fmpq_mat_init(rows, m, n + 1);
        for (slong i = 0; i < m; i++)
            for (slong j = 0; j <= n; j++)
            {
                slong x = (slong) n_randint(st, 2 * c + 1) - c;
                if ((degenerate && n_randint(st, 2)) || (j == 0 && central))
                    x = 0;
                fmpq_set_si(fmpq_mat_entry(rows, i, j), x, 1);
            }
        arrangement_init(A, n);
        arrangement_set_rows(A, rows);
        fmpz_poly_init(p);
        arrangement_charpoly(p, A);
        arrangement_ff_init(ff);
        arrangement_charpoly_finite_field(ff, A, 1e7);
        snprintf(what, sizeof(what), "random %ld (n=%ld m=%ld)", (long) it, (long) n, (long) m);
        if (arrangement_num_hyperplanes(A) > 0)
            check_ff(ff, p, 1, what);
        else
            CHECK(ff->num == 0, "%s: no hyperplanes, yet counted", what);
        arrangement_ff_clear(ff);
        fmpz_poly_clear(p);
        arrangement_clear(A);
        fmpq_mat_clear(rows);
    }
    flint_randclear(st);
}

/* a budget for some primes only: fewer values, no polynomial */
static void
test_budget(void)
{
    arrangement_t A;
    arrangement_ff_t ff;
    fmpz_poly_t want;
    slong roots[4] = { 1, 3, 5, 7 };
    arrangement_init(A, 4);
    family(A, "typeB", 4);
    fmpz_poly_init(want);
    poly_roots(want, roots, 4);
    arrangement_ff_init(ff);
    /* B_4: bound^2 = 2^4, primes 5, 7, 11, ...: m (q^2 + q + 1 + 1) + q steps each; room for two */
    arrangement_charpoly_finite_field(ff, A, 16 * (25 + 5 + 1 + 1) + 5 + 16 * (49 + 7 + 1 + 1) + 7 + 10);
    CHECK(ff->num == 2 && !ff->determines, "budget: %ld primes", (long) ff->num);
    check_ff(ff, want, 0, "B4 with a small budget");
    arrangement_ff_clear(ff);
    arrangement_ff_init(ff);
    CHECK(arrangement_charpoly_finite_field(ff, A, 10) == 0 && ff->num == 0, "a tiny budget counted");
    arrangement_ff_clear(ff);
    fmpz_poly_clear(want);
    arrangement_clear(A);
}

int
main(void)
{
    printf("arrangement_ff....");
    fflush(stdout);
    test_closed_forms();
    test_random_vs_poset();
    test_budget();
    printf("PASS\n");
    return 0;
}
