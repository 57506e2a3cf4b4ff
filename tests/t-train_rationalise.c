/* Rationalising float weights: the best approximation with a bounded
   denominator, checked against brute force over every denominator, and known
   values (0.1 -> 1/10, pi -> 355/113 for q <= 1000, dyadic values exactly). */
#include "testutil.h"
#include <math.h>


int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("train_rationalise....");
    fflush(stdout);
    fmpq_t r, e, best, d, db, c;
    fmpq_init(r); fmpq_init(e); fmpq_init(best); fmpq_init(d); fmpq_init(db); fmpq_init(c);

    train_rationalise_double(r, 0.1, 1000);
    CHECK(fmpq_equal_si(r, 1) == 0 && fmpz_equal_si(fmpq_numref(r), 1) && fmpz_equal_si(fmpq_denref(r), 10), "0.1");
    train_rationalise_double(r, 3.14159265358979323846, 1000);
    CHECK(fmpz_equal_si(fmpq_numref(r), 355) && fmpz_equal_si(fmpq_denref(r), 113), "pi");
    train_rationalise_double(r, -0.375, 8);
    CHECK(fmpz_equal_si(fmpq_numref(r), -3) && fmpz_equal_si(fmpq_denref(r), 8), "-3/8 exactly");
    train_rationalise_double(r, 0.0, 5);
    CHECK(fmpq_is_zero(r), "zero");

    for (slong it = 0; it < test_iters(300); it++)
    {
        double x = (n_randint(st, 2000001) - 1000000.0) / (1.0 + n_randint(st, 999)) + 1e-7 * n_randint(st, 1000);
        slong Q = 1 + n_randint(st, 60);
        test_exact_double(e, x);
        train_rationalise_double(r, x, Q);
        CHECK(fmpz_cmp_si(fmpq_denref(r), Q) <= 0, "denominator bound");
        /* brute force: for every q, the nearest p/q */
        fmpq_sub(d, r, e); fmpq_abs(d, d);
        for (slong q = 1; q <= Q; q++)
        {
            for (slong dp = -1; dp <= 1; dp++)
            {
                fmpz_t p;
                fmpz_init(p);
                fmpz_set_d(p, floor(x * q));
                fmpz_add_si(p, p, dp);
                fmpz_t qq;
                fmpz_init_set_si(qq, q);
                fmpq_set_fmpz_frac(c, p, qq);
                fmpq_sub(db, c, e); fmpq_abs(db, db);
                CHECK(fmpq_cmp(d, db) <= 0, "x = %.17g, Q = %ld: a closer fraction exists", x, (long) Q);
                fmpz_clear(p);
                fmpz_clear(qq);
            }
        }
    }
    fmpq_clear(r); fmpq_clear(e); fmpq_clear(best); fmpq_clear(d); fmpq_clear(db); fmpq_clear(c);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
