/* Exact rationals from text: integers, "p/q" and decimals with exponents.

   We check the whole grammar ourselves before handing digits to FLINT:
   fmpz_set_str (through mpz_set_str) silently skips white space inside the
   digits, and strtod-style routines would round. */
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
