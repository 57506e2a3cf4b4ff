/* Pieces of the region search, kept for reuse: a split overwrites its
   outputs whole and their rows keep their storage, so once the search is
   under way a split costs no allocation. */
#include "regions/iter-impl.h"

regions_piece_struct *
_regions_piece_new(regions_iter_struct * it)
{
    if (it->nspare > 0)
        return it->spare[--it->nspare];
    regions_piece_struct * X = flint_malloc(sizeof(regions_piece_struct));
    poly_init(X->P, it->n);
    poly_dgens_init(X->D);
    return X;
}

void
_regions_piece_release(regions_iter_struct * it, regions_piece_struct * X)
{
    if (X == NULL)
        return;
    if (it->nspare == it->aspare)
    {
        it->aspare = FLINT_MAX(8, 2 * it->aspare);
        it->spare = flint_realloc(it->spare, it->aspare * sizeof(regions_piece_struct *));
    }
    it->spare[it->nspare++] = X;
}

void
_regions_piece_free(regions_piece_struct * X)
{
    if (X != NULL)
    {
        poly_clear(X->P);
        poly_dgens_clear(X->D);
        flint_free(X);
    }
}
