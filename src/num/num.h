/* Exact numbers from text. Accepted forms (after optional leading '-'):
     integers of any size      "12", "-340282366920938463463374607431768211457"
     fractions p/q             "-1/2", "6/4" (q > 0 after sign rules below, q != 0)
     decimals with exponents   "0.125", "-1e-3", "2.5E+2", "1.", ".5", "-.5e1"  -> exact, 0.1 = 1/10
   Precisely: -?D+ | -?D+/D+ | -?(D+ | D+. | D*.D+)([eE][+-]?D+)?  with D a digit 0-9.
   This is JSON's number grammar widened a little: leading zeros ("007") and a
   missing digit before or after the point (".5", "1.") are allowed. In "p/q"
   only p carries a sign and neither part has a point or exponent.
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
   "expected a number (integer, \"p/q\" or decimal), got \"...\"", or
   RELU_E_INPUT for well-formed text that is still refused:
   "zero denominator in \"1/0\"", "exponent too large in \"1e999999\" ...". */
int num_parse_fmpq(fmpq_t x, const char * text, size_t len, rc_error_t err);
/* A JSON number or a JSON string holding one of the forms above. Anything else is
   RELU_E_INPUT "expected a number (integer, \"p/q\" or decimal), got an array" etc.;
   a bad string reads "... got a string \"abc\"". */
int num_from_jnode(fmpq_t x, const jnode * v, rc_error_t err);
/* "n" or "p/q"; the caller frees with flint_free. */
char * num_get_str(const fmpq_t x);
/* Parses a comma-separated list "a,b,c" of exactly n numbers (n < 0: any count).
   The number of items is stored in *count (if count is not NULL) even on error.
   On success allocates *v with _fmpq_vec_init (caller clears with _fmpq_vec_clear);
   on error *v = NULL and the message names the item: "number 2 of 2 in \"1,x\": ...",
   or says how many were expected: "expected 2 comma-separated numbers, got 3 in ...". */
int num_parse_list(fmpq ** v, slong * count, const char * text, slong n, rc_error_t err);
/* "-3.1415": q truncated (never rounded) to digits decimals, computed exactly
   (src/num/decimal.c). */
void num_get_decimal(char * buf, size_t len, const fmpq_t q, int digits);

/* Best rational approximation p/q of the double x with 1 <= q <= max_den
   (continued fractions of x's exact binary value); x must be finite. */
void num_rationalise_d(fmpq_t r, double x, slong max_den);


#endif
