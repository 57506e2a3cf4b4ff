/* The double twin's poly_dgens_mark_minors (src/poly/minors.c needs exact
   determinants): no generator is marked, so the twin's cuts take the
   primitive forms, as the exact code did before minors forms. */
#include "poly/poly.h"

void
poly_dgens_mark_minors(poly_dgens_t D, const poly_t P)
{
    (void) D;
    (void) P;
}
