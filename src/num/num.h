/* Exact numbers from text. Accepted forms (after optional leading '-'):
     integers of any size      "12", "-340282366920938463463374607431768211457"
     fractions p/q             "-1/2", "6/4" (q > 0 after sign rules below, q != 0)
     decimals with exponents   "0.125", "-1e-3", "2.5E+2", "1."  -> exact, 0.1 = 1/10
   No white space, no '+' at the start, no "inf"/"nan", no hex. The exponent is
   bounded (|e| <= NUM_MAX_EXPONENT) so that a tiny file cannot ask for a
   gigabyte integer. Results are canonical (fmpq_canonicalise). */
#ifndef RELUCERT_NUM_H
#define RELUCERT_NUM_H

#include <flint/fmpq.h>
#include "util/error.h"
#include "json/json.h"

#define NUM_MAX_EXPONENT 100000

/* Parses text[0..len). On failure returns RELU_E_SYNTAX with a message
   "expected a number (integer, \"p/q\" or decimal), got \"...\"" or a more
   specific reason ("zero denominator", "exponent too large"). */
int num_parse_fmpq(fmpq_t x, const char * text, size_t len, rc_error_t err);
/* A JSON number or a JSON string holding one of the forms above. */
int num_from_jnode(fmpq_t x, const jnode * v, rc_error_t err);
/* "n" or "p/q"; the caller frees with flint_free. */
char * num_get_str(const fmpq_t x);
/* Parses a comma-separated list "a,b,c" of exactly n numbers (n < 0: any count,
   count returned in *count). Allocates *v with _fmpq_vec_init; caller clears. */
int num_parse_list(fmpq ** v, slong * count, const char * text, slong n, rc_error_t err);

#endif
