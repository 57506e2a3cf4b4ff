/* Private to src/poly: helpers the module's files share, not installed. */
#ifndef RELUCERT_POLY_IMPL_H
#define RELUCERT_POLY_IMPL_H

#include "poly/poly.h"

/* Resizes P's storage for the given counts (src/poly/poly.c); incidence rows
   get cw = BS_WORDS(ncons). Contents are the caller's to fill. */
void _poly_reshape(poly_t P, slong ngens, slong nlin, slong ncons);

#endif
