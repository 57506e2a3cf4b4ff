#ifndef TWIN_FMPQ_H
#define TWIN_FMPQ_H
#include "flint/fmpz.h"
/* A rational is its value num with den = 1 always. */
typedef struct { fmpz num; fmpz den; } fmpq;
typedef fmpq fmpq_t[1];
#define fmpq_numref(x) (&(x)->num)
#define fmpq_denref(x) (&(x)->den)
static inline void fmpq_init(fmpq_t x) { x->num = 0; x->den = 1; }
static inline void fmpq_clear(fmpq_t x) { (void) x; }
static inline void fmpq_set(fmpq_t r, const fmpq_t x) { r->num = x->num; r->den = 1; }
static inline void fmpq_zero(fmpq_t r) { r->num = 0; r->den = 1; }
static inline void fmpq_one(fmpq_t r) { r->num = 1; r->den = 1; }
static inline void fmpq_neg(fmpq_t r, const fmpq_t x) { r->num = -x->num; r->den = 1; }
static inline void fmpq_add(fmpq_t r, const fmpq_t x, const fmpq_t y) { r->num = x->num + y->num; r->den = 1; }
static inline void fmpq_sub(fmpq_t r, const fmpq_t x, const fmpq_t y) { r->num = x->num - y->num; r->den = 1; }
static inline void fmpq_mul(fmpq_t r, const fmpq_t x, const fmpq_t y) { r->num = x->num * y->num; r->den = 1; }
static inline void fmpq_addmul(fmpq_t r, const fmpq_t x, const fmpq_t y) { r->num += x->num * y->num; r->den = 1; }
static inline void fmpq_mul_fmpz(fmpq_t r, const fmpq_t x, const fmpz_t y) { r->num = x->num * *y; r->den = 1; }
static inline void fmpq_div_fmpz(fmpq_t r, const fmpq_t x, const fmpz_t y) { r->num = x->num / *y; r->den = 1; }
static inline void fmpq_set_si(fmpq_t r, slong p, ulong q) { r->num = (double) p / (double) q; r->den = 1; }
static inline void fmpq_set_fmpz_frac(fmpq_t r, const fmpz_t p, const fmpz_t q) { r->num = *p / *q; r->den = 1; }
static inline int fmpq_sgn(const fmpq_t x) { return fmpz_sgn(&x->num); }
static inline int fmpq_is_zero(const fmpq_t x) { return fmpz_sgn(&x->num) == 0; }
static inline int fmpq_equal(const fmpq_t x, const fmpq_t y) { return fmpz_equal(&x->num, &y->num); }
static inline double fmpq_get_d(const fmpq_t x) { return x->num; }
static inline fmpq * _fmpq_vec_init(slong n) { fmpq * v = flint_malloc(FLINT_MAX(n, 1) * sizeof(fmpq)); for (slong k = 0; k < n; k++) fmpq_init(v + k); return v; }
static inline void _fmpq_vec_clear(fmpq * v, slong n) { (void) n; flint_free(v); }
#endif
