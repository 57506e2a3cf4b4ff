/* Number text is read exactly (0.1 = 1/10, exponents, huge integers, "p/q"),
   every malformed form is refused with the right message, and
   num_get_str -> num_parse_fmpq is the identity on random rationals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq.h>
#include "num/num.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* text reads as the rational written in expect (parsed by FLINT as "p/q") */
static void
check_value(const char * text, const char * expect)
{
    rc_error_t err;
    fmpq_t x, y;
    rc_error_init(err);
    fmpq_init(x);
    fmpq_init(y);
    CHECK(num_parse_fmpq(x, text, strlen(text), err) == RELU_OK, "\"%s\": %s", text, err->msg);
    CHECK(fmpq_set_str(y, expect, 10) == 0, "bad expectation %s", expect);
    fmpq_canonicalise(y);
    CHECK(fmpq_equal(x, y), "\"%s\" read as %s, expected %s", text, fmpq_get_str(NULL, 10, x), expect);
    CHECK(fmpq_is_canonical(x), "\"%s\" not canonical", text);
    fmpq_clear(x);
    fmpq_clear(y);
}

/* text is refused, and the message contains part */
static void
check_error(const char * text, size_t len, const char * part)
{
    rc_error_t err;
    fmpq_t x;
    rc_error_init(err);
    fmpq_init(x);
    int code = num_parse_fmpq(x, text, len, err);
    CHECK(code != RELU_OK, "\"%s\" accepted", text);
    CHECK(code == err->code, "code mismatch");
    CHECK(strstr(err->msg, part) != NULL, "\"%s\": message \"%s\" lacks \"%s\"", text, err->msg, part);
    CHECK(strchr(err->msg, '\n') == NULL, "message has a newline: %s", err->msg);
    fmpq_clear(x);
}

static void
check_list(void)
{
    rc_error_t err;
    fmpq * v;
    slong cnt;
    rc_error_init(err);
    CHECK(num_parse_list(&v, &cnt, "1/2,3,-0.25", -1, err) == RELU_OK, "%s", err->msg);
    CHECK(cnt == 3, "count %ld", (long) cnt);
    CHECK(fmpz_equal_si(fmpq_numref(v + 0), 1) && fmpz_equal_si(fmpq_denref(v + 0), 2), "item 1");
    CHECK(fmpz_equal_si(fmpq_numref(v + 1), 3) && fmpz_is_one(fmpq_denref(v + 1)), "item 2");
    CHECK(fmpz_equal_si(fmpq_numref(v + 2), -1) && fmpz_equal_si(fmpq_denref(v + 2), 4), "item 3");
    _fmpq_vec_clear(v, cnt);

    CHECK(num_parse_list(&v, &cnt, "-1,1", 2, err) == RELU_OK, "%s", err->msg);
    _fmpq_vec_clear(v, cnt);

    CHECK(num_parse_list(&v, &cnt, "-1,1,2", 2, err) != RELU_OK && v == NULL, "count not checked");
    CHECK(strstr(err->msg, "expected 2") && strstr(err->msg, "got 3"), "%s", err->msg);
    CHECK(num_parse_list(&v, &cnt, "1,x", 2, err) != RELU_OK && v == NULL, "bad item accepted");
    CHECK(strstr(err->msg, "number 2 of 2") && strstr(err->msg, "got \"x\""), "%s", err->msg);
    CHECK(num_parse_list(&v, &cnt, "1,,3", -1, err) != RELU_OK, "empty item accepted");
    CHECK(strstr(err->msg, "number 2 of 3"), "%s", err->msg);
    CHECK(num_parse_list(&v, &cnt, "", 1, err) != RELU_OK, "empty list accepted");
    CHECK(num_parse_list(&v, NULL, "1/0", 1, err) != RELU_OK, "1/0 accepted");
    CHECK(strstr(err->msg, "zero denominator"), "%s", err->msg);
}

static void
check_jnode(void)
{
    rc_error_t err;
    fmpq_t x;
    jnode * v;
    rc_error_init(err);
    fmpq_init(x);
    const char * doc = "[0.1, \"1/3\", \"abc\", true, null, [1], {\"a\": 1}, 1e100001, \"1/0\"]";
    CHECK(jnode_parse(&v, doc, strlen(doc), err) == RELU_OK, "%s", err->msg);
    CHECK(num_from_jnode(x, v->items[0], err) == RELU_OK, "%s", err->msg);
    CHECK(fmpz_equal_si(fmpq_numref(x), 1) && fmpz_equal_si(fmpq_denref(x), 10), "0.1 is not 1/10");
    CHECK(num_from_jnode(x, v->items[1], err) == RELU_OK, "%s", err->msg);
    CHECK(fmpz_equal_si(fmpq_numref(x), 1) && fmpz_equal_si(fmpq_denref(x), 3), "1/3");
    static const char * expect[] = {
        NULL, NULL, "got a string \"abc\"", "got a boolean", "got null", "got an array", "got an object",
        "exponent too large", "zero denominator in \"1/0\""
    };
    for (size_t i = 2; i < v->nitems; i++)
    {
        CHECK(num_from_jnode(x, v->items[i], err) != RELU_OK, "item %zu accepted", i);
        CHECK(strstr(err->msg, expect[i]) != NULL, "\"%s\" lacks \"%s\"", err->msg, expect[i]);
        CHECK(strstr(err->msg, "expected a number (integer, \"p/q\" or decimal)") || i >= 7, "%s", err->msg);
    }
    jnode_free(v);
    fmpq_clear(x);
}

static void
check_round_trip(flint_rand_t state)
{
    rc_error_t err;
    fmpq_t x, y;
    rc_error_init(err);
    fmpq_init(x);
    fmpq_init(y);
    for (slong iter = 0; iter < 2000; iter++)
    {
        /* sizes up to several thousand bits now and then */
        flint_bitcnt_t bits = 1 + n_randint(state, iter % 10 == 0 ? 8000 : 200);
        fmpq_randtest(x, state, bits);
        char * s = num_get_str(x);
        CHECK(num_parse_fmpq(y, s, strlen(s), err) == RELU_OK, "%s: %s", s, err->msg);
        CHECK(fmpq_equal(x, y), "round trip of %s", s);
        flint_free(s);
    }
    fmpq_clear(x);
    fmpq_clear(y);
}

/* A decimal with many digits, and the same number as a fraction. */
static void
check_long_decimal(void)
{
    char buf[700], frac[1400];
    size_t k = 0;
    buf[k++] = '-';
    buf[k++] = '.';
    for (int i = 0; i < 600; i++)
        buf[k++] = (char) ('0' + (i * 7 + 3) % 10);
    buf[k] = '\0';
    /* -0.d1d2...d600 = -(d1...d600) / 10^600 */
    snprintf(frac, sizeof(frac), "-%s/1%0600d", buf + 2, 0);
    check_value(buf, frac);
}

/* The largest allowed exponents are read exactly. */
static void
check_max_exponent(void)
{
    rc_error_t err;
    fmpq_t x;
    fmpz_t p;
    rc_error_init(err);
    fmpq_init(x);
    fmpz_init(p);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, NUM_MAX_EXPONENT);
    CHECK(num_parse_fmpq(x, "1e100000", 8, err) == RELU_OK, "%s", err->msg);
    CHECK(fmpz_equal(fmpq_numref(x), p) && fmpz_is_one(fmpq_denref(x)), "1e100000");
    CHECK(num_parse_fmpq(x, "-3E-100000", 10, err) == RELU_OK, "%s", err->msg);
    CHECK(fmpz_equal_si(fmpq_numref(x), -3) && fmpz_equal(fmpq_denref(x), p), "-3E-100000");
    fmpz_clear(p);
    fmpq_clear(x);
}

int
main(void)
{
    flint_rand_t state;
    printf("num_parse....");
    fflush(stdout);
    flint_randinit(state);

    check_value("0", "0");
    check_value("-0", "0");
    check_value("-0/7", "0");
    check_value("0.1", "1/10");
    check_value("0.125", "1/8");
    check_value("-1e-3", "-1/1000");
    check_value("2.5E+2", "250");
    check_value("2.5e2", "250");
    check_value("1.", "1");
    check_value(".5", "1/2");
    check_value("-.5e1", "-5");
    check_value("007", "7");
    check_value("6/4", "3/2");
    check_value("-6/4", "-3/2");
    check_value("10/5", "2");
    check_value("1e0", "1");
    check_value("12.5e-1", "5/4");
    check_value("1e-0000000000000000003", "1/1000");
    check_value("-340282366920938463463374607431768211457", "-340282366920938463463374607431768211457");
    {
        /* a 200-digit integer, and the same over a 150-digit denominator */
        char big[256], fr[512];
        for (int i = 0; i < 200; i++)
            big[i] = (char) ('1' + i % 9);
        big[200] = '\0';
        check_value(big, big);
        snprintf(fr, sizeof(fr), "%s/%.150s", big, big + 3);
        check_value(fr, fr);
    }
    check_long_decimal();

    const char * E = "expected a number (integer, \"p/q\" or decimal)";
    check_error("", 0, E);
    check_error("-", 1, E);
    check_error("+1", 2, E);
    check_error(" 1", 2, E);
    check_error("1 ", 2, E);
    check_error("1/2/3", 5, E);
    check_error("1.5/2", 5, E);
    check_error("1/-2", 4, E);
    check_error("1/+2", 4, E);
    check_error("/2", 2, E);
    check_error("1/", 2, E);
    check_error(".", 1, E);
    check_error("-.", 2, E);
    check_error("e5", 2, E);
    check_error("1e", 2, E);
    check_error("1e+", 3, E);
    check_error("1.2.3", 5, E);
    check_error("inf", 3, E);
    check_error("nan", 3, E);
    check_error("-inf", 4, E);
    check_error("0x10", 4, E);
    check_error("1,5", 3, E);
    check_error("--1", 3, E);
    check_error("1 000", 5, E);
    check_error("1\0", 2, E);
    check_error("1/0", 3, "zero denominator in \"1/0\"");
    check_error("-0/000", 6, "zero denominator");
    check_error("1e100001", 8, "exponent too large");
    check_error("1e-100001", 9, "exponent too large");
    check_error("0e99999999999999999999999999", 28, "exponent too large");
    check_max_exponent();

    check_list();
    check_jnode();
    check_round_trip(state);

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
