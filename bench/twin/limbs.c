/* The double twin's _poly_fmpz_divexact_checked (src/poly/limbs.c reads fmpz's
   limbs): in doubles every division "divides". */
#include "poly/poly-impl.h"

int
_poly_fmpz_divexact_checked(fmpz_t q, const fmpz_t a, const fmpz_t d, fmpz_t rem)
{
    (void) rem;
    *q = *a / *d;
    return 1;
}
