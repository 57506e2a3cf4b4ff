#ifndef TWIN_FMPZ_H
#define TWIN_FMPZ_H
#include "flint/flint.h"
typedef double fmpz;
typedef fmpz fmpz_t[1];
static inline void fmpz_init(fmpz_t x) { *x = 0; }
static inline void fmpz_init_set_ui(fmpz_t x, ulong v) { *x = (double) v; }
static inline void fmpz_init_set(fmpz_t x, const fmpz_t y) { *x = *y; }
static inline void fmpz_clear(fmpz_t x) { (void) x; }
static inline void fmpz_set(fmpz_t x, const fmpz_t y) { *x = *y; }
static inline void fmpz_set_si(fmpz_t x, slong v) { *x = (double) v; }
static inline void fmpz_set_ui(fmpz_t x, ulong v) { *x = (double) v; }
static inline void fmpz_zero(fmpz_t x) { *x = 0; }
static inline void fmpz_one(fmpz_t x) { *x = 1; }
static inline int fmpz_sgn(const fmpz_t x) { return (*x > TWIN_EPS) - (*x < -TWIN_EPS); }
static inline int fmpz_is_zero(const fmpz_t x) { return fmpz_sgn(x) == 0; }
static inline int fmpz_is_one(const fmpz_t x) { return *x == 1; }
static inline int fmpz_equal(const fmpz_t x, const fmpz_t y) { return fabs(*x - *y) <= TWIN_EPS; }
static inline int fmpz_cmp(const fmpz_t x, const fmpz_t y) { double d = *x - *y; return (d > TWIN_EPS) - (d < -TWIN_EPS); }
static inline int fmpz_cmp_si(const fmpz_t x, slong v) { double d = *x - v; return (d > TWIN_EPS) - (d < -TWIN_EPS); }
static inline void fmpz_neg(fmpz_t r, const fmpz_t x) { *r = -*x; }
static inline void fmpz_abs(fmpz_t r, const fmpz_t x) { *r = fabs(*x); }
static inline void fmpz_add(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r = *x + *y; }
static inline void fmpz_sub(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r = *x - *y; }
static inline void fmpz_mul(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r = *x * *y; }
static inline void fmpz_mul_si(fmpz_t r, const fmpz_t x, slong v) { *r = *x * v; }
static inline void fmpz_addmul(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r += *x * *y; }
static inline void fmpz_addmul_ui(fmpz_t r, const fmpz_t x, ulong y) { *r += *x * (double) y; }
static inline void fmpz_submul(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r -= *x * *y; }
/* Exact integer division becomes division; the lcm of denominators (always
   1 here) and of homogenising coordinates becomes 1: x / t is then summed
   directly, which is what the exact code computes after scaling. */
static inline void fmpz_divexact(fmpz_t r, const fmpz_t x, const fmpz_t y) { *r = *x / *y; }
static inline void fmpz_lcm(fmpz_t r, const fmpz_t x, const fmpz_t y) { (void) x; (void) y; *r = 1; }
static inline slong fmpz_get_si(const fmpz_t x) { return (slong) llround(*x); }
static inline double fmpz_get_d(const fmpz_t x) { return *x; }
static inline flint_bitcnt_t fmpz_bits(const fmpz_t x) { (void) x; return 1; }
/* every double takes the generic path of poly_vec_dot (its 128-bit fast path
   is for small exact integers) */
#define COEFF_IS_MPZ(x) 1
#define COEFF_MAX ((slong) 4611686018427387903L)
#define COEFF_MIN (-COEFF_MAX)
static inline void _fmpz_demote(fmpz_t x) { (void) x; }
static inline void fmpz_set_signed_uiui(fmpz_t r, ulong hi, ulong lo) { (void) hi; (void) lo; *r = 0; abort(); }
#endif
