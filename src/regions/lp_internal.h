/* Shared by the H-representation engine's files (regions/lp.c, hsearch.c,
   near.c); not installed. Rows are (c, a) meaning c + a.x >= 0. */
#ifndef RELUCERT_REGIONS_LP_INTERNAL_H
#define RELUCERT_REGIONS_LP_INTERNAL_H

#include "regions/regions.h"

static inline void
_regions_qvec_set(fmpq * y, const fmpq * x, slong n)
{
    for (slong i = 0; i < n; i++)
        fmpq_set(y + i, x + i);
}

void _regions_row_at(fmpq_t v, const fmpz * row, const fmpq * x, slong n);
int _regions_lp_opt(fmpq * x, fmpq_t val, const fmpz * rows, slong m, slong skip, const fmpz * g, int maximize,
                    slong n, rc_error_t err);
int _regions_lp_center(fmpq * x, fmpq_t t, const fmpz * rows, slong m, slong n, rc_error_t err);
int _regions_lp_relatively_bounded(int * relb, const fmpz * rows, slong m, slong n, rc_error_t err);
slong _regions_rows_rank(const fmpz * rows, slong m, slong n);

/* The network's pre-activation rows on a pattern, layer by layer (as in
   regions/enumerate.c). */
typedef struct
{
    const net_struct * net;
    slong n, d, L, N;
    slong * first;
    fmpq_mat_struct * Z, * H;
    fmpz * zint;              /* N rows, primitive */
}
regions_layers_struct;

void _regions_layers_init(regions_layers_struct * S, const net_t net);
void _regions_layers_clear(regions_layers_struct * S);
slong _regions_layers_layer_of(const regions_layers_struct * S, slong k);
/* Rows of layer j given the activity of the earlier layers. */
void _regions_layers_rows(regions_layers_struct * S, slong j, const unsigned char * active);

/* Irredundant facets of {rows >= 0} (x an interior point): keep[j] = 1 for
   facet rows. Ray shooting from x proves most facets; an exact LP decides the rest. */
int _regions_facets(char * keep, const fmpz * rows, slong m, const fmpq * x, slong n, rc_error_t err);
/* The record of a region from its rows (all of them) and interior point:
   facets (into frows, fsrc: room for m rows), boundedness. */
int _regions_h_finish(region_h_struct * R, fmpz * frows, slong * fsrc, const fmpz * rows, const slong * src, slong m,
                    int domain_bounded, rc_error_t err);

#endif
