/* Private to src/poly: helpers the module's files share, not installed. */
#ifndef RELUCERT_POLY_IMPL_H
#define RELUCERT_POLY_IMPL_H

#include "poly/poly.h"

/* Resizes P's storage for the given counts (src/poly/poly.c); incidence rows
   get cw = BS_WORDS(ncons). Contents are the caller's to fill. */
void _poly_reshape(poly_t P, slong ngens, slong nlin, slong ncons);
/* The edges at a simple generator, one word per set: e[i] = all AND the sets
   T[tight[j]] over j != i (j < t <= 64), the generators on its constraints but
   tight[i], by prefix and suffix ANDs (the face counts and the cut's
   neighbours both walk them). */
static inline void
_poly_edges_word(bword * e, const bword * T, const slong * tight, slong t, bword all)
{
    /* e[i] gets the prefix AND, then the suffix AND is folded in: two passes, no arrays */
    bword p = all, sfx = all;
    for (slong i = 0; i < t; i++)
    {
        e[i] = p;
        p &= T[tight[i]];
    }
    for (slong i = t - 1; i >= 0; i--)
    {
        e[i] &= sfx;
        sfx &= T[tight[i]];
    }
}

/* q = a / d (d > 0) when d divides a: returns 1; else 0 (q unspecified; rem
   is scratch). src/poly/limbs.c. */
int _poly_fmpz_divexact_checked(fmpz_t q, const fmpz_t a, const fmpz_t d, fmpz_t rem);

/* 1 when g is not constant on P's lineality space (then it cuts P); v is scratch. */
static inline int
_poly_cuts_lineality(const poly_t P, const fmpz * g, fmpz_t v)
{
    for (slong i = 0; i < P->nlin; i++)
    {
        poly_vec_dot(v, g, poly_lin(P, i), P->n + 1);
        if (!fmpz_is_zero(v))
            return 1;
    }
    return 0;
}

/* The sets c (nc of them, gw words each) reduced in place to the inclusion-
   maximal ones, in their order (of equal copies the first): one pass against
   the maximal sets so far, usually few (src/poly/faces.c). Returns how
   many are left. */
slong _poly_sets_maximal(bword * c, slong nc, slong gw);

/* poly_faces_count by the mask descent (src/poly/faces.c), for the masks M
   (nb of them, cw words each) of the faces to leave out; adds to the counts.
   With only != NULL, just the faces whose lowest vertex g (by rank[g], by
   index if rank is NULL) has only[g] set. */
void _poly_faces_count_descent(slong * all, slong * outside, const poly_t P, const bword * M, slong nb,
                               const char * only, const slong * rank);

#endif
