/* Exact decimal truncation of a rational, for the text outputs ("= 2.5714..."). */
#include <stdio.h>
#include <string.h>
#include "num/num.h"

void
num_get_decimal(char * buf, size_t len, const fmpq_t q, int digits)
{
    /* floor(|q| 10^digits) computed exactly, printed with a decimal point */
    fmpz_t t, p;
    fmpz_init(t);
    fmpz_init(p);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, digits);
    fmpz_mul(t, fmpq_numref(q), p);
    fmpz_abs(t, t);
    fmpz_fdiv_q(t, t, fmpq_denref(q));
    char * s = fmpz_get_str(NULL, 10, t);
    size_t sl = strlen(s), width = FLINT_MAX(sl, (size_t) digits + 1);
    char * pad = flint_malloc(width + 1);
    memset(pad, '0', width - sl);
    memcpy(pad + width - sl, s, sl + 1);
    snprintf(buf, len, "%s%.*s.%s", fmpq_sgn(q) < 0 ? "-" : "", (int) (width - digits), pad,
             pad + width - digits);
    flint_free(pad);
    flint_free(s);
    fmpz_clear(t);
    fmpz_clear(p);
}
