#ifndef TWIN_FMPZ_VEC_H
#define TWIN_FMPZ_VEC_H
#include "flint/fmpz.h"
static inline fmpz * _fmpz_vec_init(slong n) { return flint_calloc(FLINT_MAX(n, 1), sizeof(fmpz)); }
static inline void _fmpz_vec_clear(fmpz * v, slong n) { (void) n; flint_free(v); }
static inline void _fmpz_vec_set(fmpz * r, const fmpz * v, slong n) { for (slong k = 0; k < n; k++) r[k] = v[k]; }
static inline void _fmpz_vec_zero(fmpz * r, slong n) { for (slong k = 0; k < n; k++) r[k] = 0; }
static inline void _fmpz_vec_swap(fmpz * r, fmpz * v, slong n) { for (slong k = 0; k < n; k++) { fmpz t = r[k]; r[k] = v[k]; v[k] = t; } }
static inline void _fmpz_vec_neg(fmpz * r, const fmpz * v, slong n) { for (slong k = 0; k < n; k++) r[k] = -v[k]; }
static inline int _fmpz_vec_is_zero(const fmpz * v, slong n) { for (slong k = 0; k < n; k++) if (fmpz_sgn(v + k)) return 0; return 1; }
static inline int _fmpz_vec_equal(const fmpz * u, const fmpz * v, slong n) { for (slong k = 0; k < n; k++) if (!fmpz_equal(u + k, v + k)) return 0; return 1; }
/* "content": the largest |entry|, so that dividing by it scales to max |entry| = 1 */
static inline void _fmpz_vec_content(fmpz_t c, const fmpz * v, slong n) { *c = 0; for (slong k = 0; k < n; k++) if (fabs(v[k]) > *c) *c = fabs(v[k]); }
static inline void _fmpz_vec_scalar_divexact_fmpz(fmpz * r, const fmpz * v, slong n, const fmpz_t c) { for (slong k = 0; k < n; k++) r[k] = v[k] / *c; }
static inline void _fmpz_vec_scalar_mul_fmpz(fmpz * r, const fmpz * v, slong n, const fmpz_t c) { for (slong k = 0; k < n; k++) r[k] = v[k] * *c; }
static inline void _fmpz_vec_scalar_mul_si(fmpz * r, const fmpz * v, slong n, slong c) { for (slong k = 0; k < n; k++) r[k] = v[k] * c; }
static inline void _fmpz_vec_scalar_submul_fmpz(fmpz * r, const fmpz * v, slong n, const fmpz_t c) { for (slong k = 0; k < n; k++) r[k] -= v[k] * *c; }
static inline void _fmpz_vec_scalar_addmul_fmpz(fmpz * r, const fmpz * v, slong n, const fmpz_t c) { for (slong k = 0; k < n; k++) r[k] += v[k] * *c; }
#endif
