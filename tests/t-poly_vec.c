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

/* o = r, and every entry of o canonical (what: the function, for the message) */
static void
_check_result(const fmpz * o, const fmpz * r, slong len, const char * what, slong iter)
{
    CHECK(_fmpz_vec_equal(o, r, len), "%s differs (len %ld, iter %ld)", what, (long) len, (long) iter);
    for (slong k = 0; k < len; k++)
        CHECK(_canonical(o + k), "entry %ld of %s is not canonical", (long) k, what);
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
    slong big_content = 0;
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
        _check_result(o, r, len, "combine", iter);
        /* combine_primitive = the primitive form of x a - y b (r) */
        _fmpz_vec_content(c, r, len);
        if (!fmpz_is_zero(c))
            _fmpz_vec_scalar_divexact_fmpz(r, r, len, c);
        for (slong k = 0; k < len; k++)
            _random_entry(o + k, st, common);
        poly_vec_combine_primitive(o, a, x, b, y, len);
        _check_result(o, r, len, "combine_primitive", iter);
        _fmpz_vec_clear(v, len);
        _fmpz_vec_clear(w, len);
        _fmpz_vec_clear(a, len);
        _fmpz_vec_clear(b, len);
        _fmpz_vec_clear(o, len);
        _fmpz_vec_clear(r, len);
        fmpz_clear(x);
        fmpz_clear(y);
    }
    /* inline inputs whose combination has a content of one or two words and
       entries of two (the 128-bit gcd of combine_primitive): a = c alpha,
       b = c beta with c up to 2^30, x = e xi, y = e eta with e up to 2^40 */
    for (slong iter = 0; iter < 20000; iter++)
    {
        slong len = 1 + n_randint(st, 8);
        fmpz * a = _fmpz_vec_init(len), * b = _fmpz_vec_init(len);
        fmpz * o = _fmpz_vec_init(len), * r = _fmpz_vec_init(len);
        fmpz_t x, y, e;
        fmpz_init(x);
        fmpz_init(y);
        fmpz_init(e);
        fmpz_set_ui(common, 1 + n_randint(st, UWORD(1) << n_randint(st, 31)));
        fmpz_set_ui(e, 1 + n_randint(st, UWORD(1) << n_randint(st, 41)));
        for (slong k = 0; k < len; k++)
        {
            fmpz_set_si(a + k, (slong) n_randint(st, UWORD(1) << 30) - (WORD(1) << 29));
            fmpz_set_si(b + k, (slong) n_randint(st, UWORD(1) << 30) - (WORD(1) << 29));
            if (n_randint(st, 4) == 0)
                fmpz_zero(n_randint(st, 2) ? a + k : b + k);
            fmpz_mul(a + k, a + k, common);
            fmpz_mul(b + k, b + k, common);
            _random_entry(o + k, st, common);
        }
        fmpz_set_ui(x, 1 + n_randint(st, UWORD(1) << 20));
        fmpz_set_si(y, (slong) n_randint(st, UWORD(1) << 21) - (WORD(1) << 20));
        fmpz_mul(x, x, e);
        fmpz_mul(y, y, e);
        slong inl = 1;
        for (slong k = 0; k < len; k++)
            inl &= !COEFF_IS_MPZ(a[k]) && !COEFF_IS_MPZ(b[k]);
        inl &= !COEFF_IS_MPZ(*x) && !COEFF_IS_MPZ(*y);
        _fmpz_vec_scalar_mul_fmpz(r, a, len, x);
        _fmpz_vec_scalar_submul_fmpz(r, b, len, y);
        _fmpz_vec_content(c, r, len);
        if (!fmpz_is_zero(c))
            _fmpz_vec_scalar_divexact_fmpz(r, r, len, c);
        big_content += inl && fmpz_bits(c) > 64;
        poly_vec_combine_primitive(o, a, x, b, y, len);
        _check_result(o, r, len, "combine_primitive (two-word content)", iter);
        _fmpz_vec_clear(a, len);
        _fmpz_vec_clear(b, len);
        _fmpz_vec_clear(o, len);
        _fmpz_vec_clear(r, len);
        fmpz_clear(x);
        fmpz_clear(y);
        fmpz_clear(e);
    }
    /* combine_divexact: divisors of the combination (every entry divides:
       the quotient) and arbitrary ones (the primitive form unless they do),
       inline and multi-word, D inline and not */
    slong exact_inline = 0, exact_big = 0, inexact = 0;
    for (slong iter = 0; iter < 20000; iter++)
    {
        slong len = 1 + n_randint(st, 8);
        fmpz * a = _fmpz_vec_init(len), * b = _fmpz_vec_init(len);
        fmpz * o = _fmpz_vec_init(len), * r = _fmpz_vec_init(len);
        fmpz_t x, y, D, rem;
        fmpz_init(x);
        fmpz_init(y);
        fmpz_init(D);
        fmpz_init(rem);
        fmpz_set_ui(common, 1 + n_randint(st, 12));
        for (slong k = 0; k < len; k++)
        {
            _random_entry(a + k, st, common);
            _random_entry(b + k, st, common);
            _random_entry(o + k, st, common);
        }
        _random_entry(x, st, common);
        _random_entry(y, st, common);
        _fmpz_vec_scalar_mul_fmpz(r, a, len, x);
        _fmpz_vec_scalar_submul_fmpz(r, b, len, y);
        _fmpz_vec_content(c, r, len);
        if (n_randint(st, 2) && !fmpz_is_zero(c))
        {
            /* a divisor of the content, signed */
            fmpz_randtest_not_zero(D, st, 1 + n_randint(st, 80));
            fmpz_gcd(D, D, c);
            if (n_randint(st, 2))
                fmpz_neg(D, D);
        }
        else
            fmpz_randtest_not_zero(D, st, 1 + n_randint(st, 80));
        int divides = 1;
        for (slong k = 0; k < len; k++)
        {
            fmpz_tdiv_qr(o + k, rem, r + k, D);
            divides &= fmpz_is_zero(rem);
        }
        for (slong k = 0; k < len; k++)
            _random_entry(o + k, st, common);
        if (divides)
        {
            fmpz_abs(rem, D);
            _fmpz_vec_scalar_divexact_fmpz(r, r, len, rem);
        }
        else if (!fmpz_is_zero(c))
            _fmpz_vec_scalar_divexact_fmpz(r, r, len, c);
        int got = poly_vec_combine_divexact(o, a, x, b, y, D, len);
        CHECK(got == divides, "combine_divexact says %d, the remainders %d (len %ld)", got, divides, (long) len);
        _check_result(o, r, len, "combine_divexact", iter);
        int inl = !COEFF_IS_MPZ(*x) && !COEFF_IS_MPZ(*y) && !COEFF_IS_MPZ(*D);
        for (slong k = 0; k < len; k++)
            inl &= !COEFF_IS_MPZ(a[k]) && !COEFF_IS_MPZ(b[k]);
        exact_inline += divides && inl;
        exact_big += divides && !inl;
        inexact += !divides;
        _fmpz_vec_clear(a, len);
        _fmpz_vec_clear(b, len);
        _fmpz_vec_clear(o, len);
        _fmpz_vec_clear(r, len);
        fmpz_clear(x);
        fmpz_clear(y);
        fmpz_clear(D);
        fmpz_clear(rem);
    }
    CHECK(exact_inline > 1000 && exact_big > 1000 && inexact > 1000, "cases met: %ld %ld %ld",
          (long) exact_inline, (long) exact_big, (long) inexact);
    /* the cases the loop is for were met */
    CHECK(big_content > 1000, "only %ld contents above a word", (long) big_content);
    fmpz_clear(c);
    fmpz_clear(common);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
