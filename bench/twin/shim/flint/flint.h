/* Double-precision twin of relucert (bench only): a stand-in for the part of
   FLINT that relucert's engine uses, with every integer (fmpz) and rational
   (fmpq) replaced by one IEEE double. Compiling the engine's own sources
   (src/poly, src/regions, src/complex) against these headers gives the same
   algorithm -- the same double-description splits, adjacency tests, DFS and
   face counting -- with floating-point numbers. See bench/twin/README.md. */
#ifndef TWIN_FLINT_H
#define TWIN_FLINT_H
#include <stdlib.h>
#include <stdio.h>
#include <math.h>
static inline int flint_printf(const char * f, ...) { return fputs(f, stdout); }

typedef long slong;
typedef unsigned long ulong;
typedef ulong mp_limb_t;
typedef ulong flint_bitcnt_t;
#define FLINT_BITS 64
#define UWORD(x) (x##UL)
#define WORD(x) (x##L)
#define FLINT_MAX(a, b) ((a) > (b) ? (a) : (b))
#define FLINT_MIN(a, b) ((a) < (b) ? (a) : (b))
#define FLINT_ABS(a) ((a) < 0 ? -(a) : (a))
#define FLINT_BIT_COUNT(x) ((x) ? (FLINT_BITS - __builtin_clzl((ulong) (x))) : 0)

static inline void * flint_malloc(size_t n) { void * p = malloc(n ? n : 1); if (!p) abort(); return p; }
static inline void * flint_calloc(size_t n, size_t s) { void * p = calloc(n ? n : 1, s ? s : 1); if (!p) abort(); return p; }
static inline void * flint_realloc(void * q, size_t n) { void * p = realloc(q, n ? n : 1); if (!p) abort(); return p; }
static inline void flint_free(void * p) { free(p); }
static inline void flint_abort(void) { abort(); }

/* The tolerance of every sign decision: |x| <= TWIN_EPS counts as zero. Rows
   and generators are scaled to max |entry| = 1 (the twin of "primitive"), so
   this is a relative tolerance, as in cddlib's double build (dd_almostzero 1e-7)
   and in most floating-point polyhedral codes. */
#ifndef TWIN_EPS
#define TWIN_EPS 1e-9
#endif
#endif
