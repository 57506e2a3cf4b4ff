/* Private to the region search (iter.c): pieces kept for reuse (piece.c) and
   the k-way cut of a max group (group.c). */
#ifndef RELUCERT_REGIONS_ITER_IMPL_H
#define RELUCERT_REGIONS_ITER_IMPL_H

#include "regions/regions.h"

/* A piece for a split's output: a spare one when there is one, else a new one. */
regions_piece_struct * _regions_piece_new(regions_iter_struct * it);
/* X (may be NULL) is done with: kept as a spare. */
void _regions_piece_release(regions_iter_struct * it, regions_piece_struct * X);
void _regions_piece_free(regions_piece_struct * X);

/* 1 if hidden neuron m is a member of a max group (net.h). */
static inline int _regions_in_group(const regions_iter_struct * it, slong m)
{
    return it->group != NULL && it->group[m] >= 0;
}
/* The cell of the first candidate s <= t (trying t, t - 1, ..., 0) of the
   group with first neuron g0 and len members whose cell in X is full-
   dimensional: *C gets it (a new piece; X is left alone), the members' rows,
   signs and activity are set for it, and s is returned; -1 when none is. */
slong _regions_group_next(regions_piece_struct ** C, regions_iter_struct * it, const regions_piece_struct * X,
                          slong g0, slong len, slong t);

#endif
