/* Max groups in the region search (net.h, "max groups"). A group of len
   members with pre-activations a_0..a_{len-1} (affine on the piece X) splits
   X into the cells C_t = X cap {a_j <= a_t for every j}, ties going to the
   lowest member (a member j < t with a_j = a_t identically on X takes C_t),
   so the full-dimensional cells cover X and meet only on their boundaries.

   On C_t member j != t gets the row a_j - a_t with sign -1 (0 when it is
   identically 0: a tie with a higher member), the boundary with C_j being
   its hyperplane, and the argmax t gets the constant row 1 with sign +1 (no
   hyperplane). So every consumer of region_struct sees a group's boundaries
   as it sees neurons' hyperplanes: facets' sources, zero sets, the near
   list, and the complex's owner rule (complex.h: s z(c) > 0 with s = -1 and
   z = a_j - a_t is a_t(c) > a_j(c): the face belongs to the cell entered
   towards the centre). */
#include <flint/fmpz_vec.h>
#include "regions/iter-impl.h"

/* The members' rows, signs and activity for the cell of member t: the exact
   differences z_s / D_s - z_t / D_t of the layer's rows (net_rows_layer), times
   D_s D_t > 0, then primitive. */
static void
_group_rows(regions_iter_struct * it, slong g0, slong len, slong t)
{
    slong d = it->n + 1;
    const fmpz * D = it->rows->D;
    const fmpz * zt = it->zraw + (g0 + t) * d;
    for (slong s = 0; s < len; s++)
    {
        fmpz * z = it->zint + (g0 + s) * d;
        if (s == t)
        {
            _fmpz_vec_zero(z, d);
            fmpz_one(z);
        }
        else
        {
            _fmpz_vec_scalar_mul_fmpz(z, it->zraw + (g0 + s) * d, d, D + g0 + t);
            _fmpz_vec_scalar_submul_fmpz(z, zt, d, D + g0 + s);
            poly_vec_make_primitive(z, d);
        }
        it->active[g0 + s] = (s == t);
        it->sign[g0 + s] = (s == t) ? 1 : (_fmpz_vec_is_zero(z, d) ? 0 : -1);
    }
    poly_vec_get_d(it->zd + g0 * d, it->zint + g0 * d, len * d);
}

/* C_t in a new piece, or NULL when it is not full-dimensional. */
static regions_piece_struct *
_group_cell(regions_iter_struct * it, const regions_piece_struct * X, slong g0, slong len, slong t)
{
    slong d = it->n + 1;
    const regions_piece_struct * cur = X;
    regions_piece_struct * own = NULL;      /* cur when it is ours */
    _group_rows(it, g0, len, t);
    for (slong s = 0; s < len; s++)
    {
        if (s == t)
            continue;
        const fmpz * z = it->zint + (g0 + s) * d;
        int strict, side;
        if (it->sign[g0 + s] == 0)
            side = 0;
        else
            side = poly_position(&strict, cur->P, it->filter ? cur->D : NULL, z,
                                 it->filter ? it->zd + (g0 + s) * d : NULL, &it->exact);
        it->tests++;
        if (side < 0 || (side == 0 && s > t))
            continue;                       /* a_s <= a_t on all of cur */
        if (side != POLY_CUT)
        {
            /* a_s >= a_t on cur, or a tie the lower member s wins: C_t is thin */
            _regions_piece_release(it, own);
            return NULL;
        }
        regions_piece_struct * A = _regions_piece_new(it);
        poly_split(A->P, NULL, cur->P, z, g0 + s);
        if (it->filter)
            poly_dgens_set(A->D, A->P);
        _regions_piece_release(it, own);
        cur = own = A;
    }
    if (own == NULL)
    {
        own = _regions_piece_new(it);
        poly_set(own->P, X->P);
        poly_dgens_set(own->D, own->P);
    }
    return own;
}

slong
_regions_group_next(regions_piece_struct ** C, regions_iter_struct * it, const regions_piece_struct * X,
                    slong g0, slong len, slong t)
{
    for (; t >= 0; t--)
        if ((*C = _group_cell(it, X, g0, len, t)) != NULL)
            return t;
    *C = NULL;
    return -1;
}
