/* Issue 19: the word fast paths of poly_vec_make_primitive and
   poly_vec_combine against FLINT's generic content, division, scalar
   multiplication and subtraction, on random vectors mixing small entries,
   entries near the inline limit 2^62 and multi-word ones (so each path and
   every fall-back from the fast one to the generic one is met). */
#include <stdio.h>
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* entries of a few kinds: 0, small, a common factor times small, near 2^62, big */
static void
_random_entry(fmpz_t x, flint_rand_t st, const fmpz_t common)
{
    switch (n_randint(st, 6))
    {
        case 0: fmpz_zero(x); break;
        case 1: fmpz_set_si(x, (slong) n_randint(st, 21) - 10); break;
        case 2: fmpz_set_si(x, (slong) n_randint(st, 2001) - 1000); fmpz_mul(x, x, common); break;
        case 3:
            fmpz_one(x);
            fmpz_mul_2exp(x, x, 61 + n_randint(st, 2));
            fmpz_sub_ui(x, x, n_randint(st, 3));
            if (n_randint(st, 2))
                fmpz_neg(x, x);
            break;
        case 4: fmpz_randtest(x, st, 200); fmpz_mul(x, x, common); break;
        default: fmpz_randtest(x, st, 40); break;
    }
}

/* an inline value is never stored as an mpz (FLINT's canonical form) */
static int
_canonical(const fmpz_t x)
{
    if (!COEFF_IS_MPZ(*x))
        return 1;
    fmpz_t m;
    fmpz_init_set_ui(m, COEFF_MAX);
    int big = fmpz_cmpabs(x, m) > 0;
    fmpz_clear(m);
    return big;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("poly_vec....");
    fflush(stdout);
    fmpz_t c, common;
    fmpz_init(c);
    fmpz_init(common);
    for (slong iter = 0; iter < 20000; iter++)
    {
        slong len = 1 + n_randint(st, 8);
        fmpz * v = _fmpz_vec_init(len), * w = _fmpz_vec_init(len), * a = _fmpz_vec_init(len);
        fmpz * b = _fmpz_vec_init(len), * o = _fmpz_vec_init(len), * r = _fmpz_vec_init(len);
        fmpz_t x, y;
        fmpz_init(x);
        fmpz_init(y);
        fmpz_set_ui(common, 1 + n_randint(st, 12));
        for (slong k = 0; k < len; k++)
        {
            _random_entry(v + k, st, common);
            _random_entry(a + k, st, common);
            _random_entry(b + k, st, common);
            _random_entry(o + k, st, common);     /* o's old contents must not matter */
        }
        _random_entry(x, st, common);
        _random_entry(y, st, common);
        /* make_primitive = divide by the content */
        _fmpz_vec_set(w, v, len);
        _fmpz_vec_content(c, w, len);
        if (!fmpz_is_zero(c))
            _fmpz_vec_scalar_divexact_fmpz(w, w, len, c);
        poly_vec_make_primitive(v, len);
        CHECK(_fmpz_vec_equal(v, w, len), "make_primitive differs (len %ld, iter %ld)", (long) len, (long) iter);
        /* combine = x a - y b */
        _fmpz_vec_scalar_mul_fmpz(r, a, len, x);
        _fmpz_vec_scalar_submul_fmpz(r, b, len, y);
        poly_vec_combine(o, a, x, b, y, len);
        CHECK(_fmpz_vec_equal(o, r, len), "combine differs (len %ld, iter %ld)", (long) len, (long) iter);
        for (slong k = 0; k < len; k++)
            CHECK(_canonical(o + k), "entry %ld of combine is not canonical", (long) k);
        /* combine_primitive = the primitive form of x a - y b (r) */
        _fmpz_vec_content(c, r, len);
        if (!fmpz_is_zero(c))
            _fmpz_vec_scalar_divexact_fmpz(r, r, len, c);
        for (slong k = 0; k < len; k++)
            _random_entry(o + k, st, common);
        poly_vec_combine_primitive(o, a, x, b, y, len);
        CHECK(_fmpz_vec_equal(o, r, len), "combine_primitive differs (len %ld, iter %ld)", (long) len, (long) iter);
        for (slong k = 0; k < len; k++)
            CHECK(_canonical(o + k), "entry %ld of combine_primitive is not canonical", (long) k);
        _fmpz_vec_clear(v, len);
        _fmpz_vec_clear(w, len);
        _fmpz_vec_clear(a, len);
        _fmpz_vec_clear(b, len);
        _fmpz_vec_clear(o, len);
        _fmpz_vec_clear(r, len);
        fmpz_clear(x);
        fmpz_clear(y);
    }
    fmpz_clear(c);
    fmpz_clear(common);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
