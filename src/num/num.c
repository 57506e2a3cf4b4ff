/* Exact rationals from text: integers, "p/q" and decimals with exponents.

   We check the whole grammar ourselves before handing digits to FLINT:
   fmpz_set_str (through mpz_set_str) silently skips white space inside the
   digits, and strtod-style routines would round. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include "num/num.h"

#define NUM_EXPECTED "expected a number (integer, \"p/q\" or decimal)"

static int
_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Sets z from the decimal digits s[0..len) (already checked to be digits). */
static void
_fmpz_set_digits(fmpz_t z, const char * s, size_t len)
{
    char * t = flint_malloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    if (fmpz_set_str(z, t, 10) != 0)
        abort();    /* cannot happen: only digits */
    flint_free(t);
}

/* Number of leading decimal digits of s[i..len). */
static size_t
_digits(const char * s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && _is_digit(s[j]))
        j++;
    return j - i;
}

/* "p/q": s[0..slash) is an integer with optional '-', s[slash+1..len) digits only. */
static int
_parse_fraction(fmpq_t x, const char * s, size_t len, size_t slash, const char * what,
                rc_error_t err)
{
    char q[128];
    size_t neg = (s[0] == '-');
    size_t np = _digits(s, neg, slash), nq = _digits(s, slash + 1, len);
    jnode_quote(q, sizeof(q), s, len, 60);
    if (np == 0 || neg + np != slash || nq == 0 || slash + 1 + nq != len)
        return rc_error_set(err, RELU_E_SYNTAX, NUM_EXPECTED ", got %s%s", what, q);
    fmpz_t p, d;
    fmpz_init(p);
    fmpz_init(d);
    _fmpz_set_digits(d, s + slash + 1, nq);
    int status = RELU_OK;
    if (fmpz_is_zero(d))
        status = rc_error_set(err, RELU_E_INPUT, "zero denominator in %s", q);
    else
    {
        _fmpz_set_digits(p, s + neg, np);
        if (neg)
            fmpz_neg(p, p);
        fmpq_set_fmpz_frac(x, p, d);    /* canonicalises */
    }
    fmpz_clear(p);
    fmpz_clear(d);
    return status;
}

/* -?D*[.D*][(e|E)[+-]D+] with at least one mantissa digit. */
static int
_parse_decimal(fmpq_t x, const char * s, size_t len, const char * what, rc_error_t err)
{
    char q[128];
    size_t i = (s[0] == '-');
    size_t int_start = i, nint = _digits(s, i, len), nfrac = 0, frac_start;
    i += nint;
    if (i < len && s[i] == '.')
        i++;
    frac_start = i;
    if (frac_start > int_start + nint)
    {
        nfrac = _digits(s, i, len);
        i += nfrac;
    }
    jnode_quote(q, sizeof(q), s, len, 60);
    if (nint + nfrac == 0)
        return rc_error_set(err, RELU_E_SYNTAX, NUM_EXPECTED ", got %s%s", what, q);

    /* Exponent: accumulated with a bound, so any number of digits is safe. */
    slong e = 0;
    int big = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
        i++;
        int eneg = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = (s[i++] == '-');
        size_t ne = _digits(s, i, len);
        if (ne == 0)
            return rc_error_set(err, RELU_E_SYNTAX, NUM_EXPECTED ", got %s%s", what, q);
        for (size_t k = 0; k < ne; k++)
        {
            e = 10 * e + (s[i + k] - '0');
            if (e > NUM_MAX_EXPONENT)
                big = 1, e = NUM_MAX_EXPONENT + 1;
        }
        i += ne;
        if (eneg)
            e = -e;
    }
    if (i != len)
        return rc_error_set(err, RELU_E_SYNTAX, NUM_EXPECTED ", got %s%s", what, q);
    if (big)
        return rc_error_set(err, RELU_E_INPUT,
                            "exponent too large in %s (at most %d in absolute value)",
                            q, NUM_MAX_EXPONENT);

    /* value = (integer and fraction digits) * 10^(e - nfrac) */
    char * t = flint_malloc(nint + nfrac + 1);
    memcpy(t, s + int_start, nint);
    memcpy(t + nint, s + frac_start, nfrac);
    t[nint + nfrac] = '\0';
    fmpz_t m, p;
    fmpz_init(m);
    fmpz_init(p);
    if (fmpz_set_str(m, t, 10) != 0)
        abort();
    flint_free(t);
    if (s[0] == '-')
        fmpz_neg(m, m);
    slong scale = e - (slong) nfrac;
    fmpz_set_ui(p, 10);
    if (scale >= 0)
    {
        fmpz_pow_ui(p, p, (ulong) scale);
        fmpz_mul(fmpq_numref(x), m, p);
        fmpz_one(fmpq_denref(x));
    }
    else
    {
        fmpz_pow_ui(p, p, (ulong) (-scale));
        fmpq_set_fmpz_frac(x, m, p);
    }
    fmpz_clear(m);
    fmpz_clear(p);
    return RELU_OK;
}

/* what is "" or "a string " (for values that came from a JSON string). */
static int
_num_parse(fmpq_t x, const char * s, size_t len, const char * what, rc_error_t err)
{
    if (len == 0)
        return rc_error_set(err, RELU_E_SYNTAX, NUM_EXPECTED ", got %s\"\"",
                            what[0] ? "an empty string " : "");
    const char * slash = memchr(s, '/', len);
    if (slash != NULL)
        return _parse_fraction(x, s, len, (size_t) (slash - s), what, err);
    return _parse_decimal(x, s, len, what, err);
}

int
num_parse_fmpq(fmpq_t x, const char * text, size_t len, rc_error_t err)
{
    return _num_parse(x, text, len, "", err);
}

int
num_from_jnode(fmpq_t x, const jnode * v, rc_error_t err)
{
    if (v != NULL && v->type == JNODE_NUMBER)
        return _num_parse(x, v->text, v->len, "", err);
    if (v != NULL && v->type == JNODE_STRING)
        return _num_parse(x, v->text, v->len, "a string ", err);
    return rc_error_set(err, RELU_E_INPUT, NUM_EXPECTED ", got %s", jnode_type_name(v));
}

char *
num_get_str(const fmpq_t x)
{
    return fmpq_get_str(NULL, 10, x);
}

int
num_parse_list(fmpq ** v, slong * count, const char * text, slong n, rc_error_t err)
{
    char q[128];
    size_t len = strlen(text);
    slong cnt = 1;
    *v = NULL;
    for (size_t i = 0; i < len; i++)
        cnt += (text[i] == ',');
    if (count != NULL)
        *count = cnt;
    jnode_quote(q, sizeof(q), text, len, 60);
    if (n >= 0 && cnt != n)
        return rc_error_set(err, RELU_E_INPUT, "expected %ld comma-separated number%s, got %ld in %s",
                            (long) n, n == 1 ? "" : "s", (long) cnt, q);

    fmpq * w = _fmpq_vec_init(cnt);
    const char * s = text;
    for (slong k = 0; k < cnt; k++)
    {
        const char * end = strchr(s, ',');
        size_t ilen = end != NULL ? (size_t) (end - s) : strlen(s);
        if (_num_parse(w + k, s, ilen, "", err))
        {
            char where[200];
            snprintf(where, sizeof(where), "number %ld of %ld in %s", (long) (k + 1), (long) cnt, q);
            rc_error_prefix(err, where);
            _fmpq_vec_clear(w, cnt);
            return err->code;
        }
        s += ilen + 1;
    }
    *v = w;
    return RELU_OK;
}

void
num_rationalise_d(fmpq_t r, double x, slong max_den)
{
    /* the exact value of x, then its best approximation with bounded denominator */
    fmpq_t e;
    fmpz_t N, D;
    fmpq_init(e);
    fmpz_init(N);
    fmpz_init(D);
    int ex;
    double m = frexp(x, &ex);                 /* x = m 2^ex, |m| in [1/2, 1) */
    fmpz_set_d(N, ldexp(m, 53));              /* exact: 53-bit integer */
    ex -= 53;
    fmpz_one(D);
    if (ex >= 0)
        fmpz_mul_2exp(N, N, ex);
    else
        fmpz_mul_2exp(D, D, -ex);
    fmpq_set_fmpz_frac(e, N, D);
    fmpz_set_si(D, max_den);
    /* Best approximation with denominator <= D: the last convergent of the
       continued fraction within the bound, or the best semiconvergent after it. */
    if (fmpz_cmp(fmpq_denref(e), D) <= 0)
        fmpq_set(r, e);
    else
    {
        fmpz_t p0, q0, p1, q1, p2, q2, a, rem, num, den;
        fmpz_init_set_ui(p0, 0); fmpz_init_set_ui(q0, 1);
        fmpz_init_set_ui(p1, 1); fmpz_init_set_ui(q1, 0);
        fmpz_init(p2); fmpz_init(q2); fmpz_init(a); fmpz_init(rem);
        fmpz_init_set(num, fmpq_numref(e));
        fmpz_init_set(den, fmpq_denref(e));
        for (;;)
        {
            fmpz_fdiv_qr(a, rem, num, den);
            fmpz_mul(p2, a, p1); fmpz_add(p2, p2, p0);
            fmpz_mul(q2, a, q1); fmpz_add(q2, q2, q0);
            if (fmpz_cmp(q2, D) > 0)
            {
                /* semiconvergent (k p1 + p0) / (k q1 + q0), k = floor((D - q0) / q1) */
                fmpq_t c1, c2, d1, d2;
                fmpq_init(c1); fmpq_init(c2); fmpq_init(d1); fmpq_init(d2);
                fmpz_sub(a, D, q0);
                fmpz_fdiv_q(a, a, q1);
                fmpz_mul(p2, a, p1); fmpz_add(p2, p2, p0);
                fmpz_mul(q2, a, q1); fmpz_add(q2, q2, q0);
                fmpq_set_fmpz_frac(c1, p1, q1);
                fmpq_set_fmpz_frac(c2, p2, q2);
                fmpq_sub(d1, c1, e); fmpq_abs(d1, d1);
                fmpq_sub(d2, c2, e); fmpq_abs(d2, d2);
                fmpq_set(r, fmpq_cmp(d2, d1) < 0 ? c2 : c1);
                fmpq_clear(c1); fmpq_clear(c2); fmpq_clear(d1); fmpq_clear(d2);
                break;
            }
            fmpz_swap(p0, p1); fmpz_swap(p1, p2);
            fmpz_swap(q0, q1); fmpz_swap(q1, q2);
            if (fmpz_is_zero(rem))
            {
                fmpq_set_fmpz_frac(r, p1, q1);
                break;
            }
            fmpz_swap(num, den);
            fmpz_swap(den, rem);
        }
        fmpz_clear(p0); fmpz_clear(q0); fmpz_clear(p1); fmpz_clear(q1);
        fmpz_clear(p2); fmpz_clear(q2); fmpz_clear(a); fmpz_clear(rem);
        fmpz_clear(num); fmpz_clear(den);
    }
    fmpq_clear(e);
    fmpz_clear(N);
    fmpz_clear(D);
}
