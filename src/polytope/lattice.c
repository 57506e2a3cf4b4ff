/* The face lattice of a polyhedron, with the empty face, the Hasse diagram,
   flags and the flag f-vector.

   Nonempty faces come from the incidence (poly_faces_compute: faces of the
   homogenised cone that contain a vertex). Ordered by inclusion they form,
   with the empty face added, a lattice graded by rank = dim for nonempty faces
   and rank = (dimension of the lineality space) - 1 for the empty face; so a
   face covers another exactly when it contains it and has rank one higher.
   The facets containing a face are those tight at all its generators (all
   facets for the empty face). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "polytope/polytope.h"

void
polytope_lattice_init(polytope_lattice_t F)
{
    F->num = F->ng = F->nf = F->gw = F->fw = F->maxdim = 0;
    F->gens = F->facets = NULL;
    F->dim = F->down_start = F->down = F->up_start = F->up = NULL;
}

void
polytope_lattice_clear(polytope_lattice_t F)
{
    flint_free(F->gens);
    flint_free(F->facets);
    flint_free(F->dim);
    flint_free(F->down_start);
    flint_free(F->down);
    flint_free(F->up_start);
    flint_free(F->up);
    polytope_lattice_init(F);
}

typedef struct
{
    const bword * sets;
    const slong * dim;
    slong gw, ng;
}
_face_order_ctx;

/* by dimension, then by the sorted list of generator indices (lexicographic) */
static int
_cmp_face(const void * pa, const void * pb, void * vctx)
{
    const _face_order_ctx * c = vctx;
    slong a = *(const slong *) pa, b = *(const slong *) pb;
    if (c->dim[a] != c->dim[b])
        return c->dim[a] < c->dim[b] ? -1 : 1;
    const bword * A = c->sets + a * c->gw, * B = c->sets + b * c->gw;
    for (slong i = 0; i < c->ng; i++)
    {
        int x = bs_test(A, i), y = bs_test(B, i);
        if (x != y)
            return x ? -1 : 1;   /* the list holding the smaller index first comes first */
    }
    return 0;
}

void
polytope_lattice_compute(polytope_lattice_t F, const polytope_t Q)
{
    const poly_struct * P = Q->P;
    slong G = P->ngens, m = P->ncons - 1, gw = FLINT_MAX(BS_WORDS(G), 1), fw = FLINT_MAX(BS_WORDS(m), 1);
    poly_faces_t PF;
    polytope_lattice_clear(F);
    poly_faces_init(PF);
    poly_faces_compute(PF, P);

    slong num = PF->num + 1;
    bword * sets = flint_calloc(num * gw, sizeof(bword));
    slong * dim = flint_malloc(num * sizeof(slong));
    dim[0] = -1;
    for (slong i = 0; i < PF->num; i++)
    {
        bs_copy(sets + (i + 1) * gw, poly_faces_set(PF, i), PF->gw);
        dim[i + 1] = PF->dim[i];
    }
    slong * order = flint_malloc(num * sizeof(slong));
    for (slong i = 0; i < num; i++)
        order[i] = i;
    _face_order_ctx ctx = { sets, dim, gw, G };
    qsort_r(order, num, sizeof(slong), _cmp_face, &ctx);

    F->num = num;
    F->ng = G;
    F->nf = m;
    F->gw = gw;
    F->fw = fw;
    F->maxdim = Q->dim;
    F->gens = flint_calloc(num * gw, sizeof(bword));
    F->facets = flint_calloc(num * fw, sizeof(bword));
    F->dim = flint_malloc(num * sizeof(slong));
    for (slong i = 0; i < num; i++)
    {
        bs_copy(F->gens + i * gw, sets + order[i] * gw, gw);
        F->dim[i] = dim[order[i]];
        bword * fs = F->facets + i * fw;
        for (slong j = 0; j < m; j++)
        {
            int on = 1;
            for (slong g = 0; g < G && on; g++)
                if (bs_test(F->gens + i * gw, g) && !bs_test(poly_inc(P, g), j + 1))
                    on = 0;
            if (on)
                bs_set(fs, j);
        }
    }

    /* Hasse diagram */
    slong * rank = flint_malloc(num * sizeof(slong));
    for (slong i = 0; i < num; i++)
        rank[i] = F->dim[i] < 0 ? P->nlin - 1 : F->dim[i];
    slong cap = 16, cnt = 0;
    slong * pairs = flint_malloc(2 * cap * sizeof(slong));     /* (upper, lower) */
    for (slong i = 0; i < num; i++)
        for (slong k = 0; k < num; k++)
            if (rank[k] + 1 == rank[i] && bs_subset(F->gens + k * gw, F->gens + i * gw, gw))
            {
                if (cnt == cap)
                {
                    cap *= 2;
                    pairs = flint_realloc(pairs, 2 * cap * sizeof(slong));
                }
                pairs[2 * cnt] = i;
                pairs[2 * cnt + 1] = k;
                cnt++;
            }
    F->down_start = flint_calloc(num + 1, sizeof(slong));
    F->up_start = flint_calloc(num + 1, sizeof(slong));
    F->down = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
    F->up = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
    for (slong p = 0; p < cnt; p++)
    {
        F->down_start[pairs[2 * p] + 1]++;
        F->up_start[pairs[2 * p + 1] + 1]++;
    }
    for (slong i = 0; i < num; i++)
    {
        F->down_start[i + 1] += F->down_start[i];
        F->up_start[i + 1] += F->up_start[i];
    }
    slong * fill_d = flint_calloc(num, sizeof(slong)), * fill_u = flint_calloc(num, sizeof(slong));
    /* pairs are generated in increasing (upper, lower) order, so lists come out sorted */
    for (slong p = 0; p < cnt; p++)
    {
        slong i = pairs[2 * p], k = pairs[2 * p + 1];
        F->down[F->down_start[i] + fill_d[i]++] = k;
    }
    for (slong k = 0; k < num; k++)
        for (slong p = 0; p < cnt; p++)
            if (pairs[2 * p + 1] == k)
                F->up[F->up_start[k] + fill_u[k]++] = pairs[2 * p];

    flint_free(fill_d);
    flint_free(fill_u);
    flint_free(pairs);
    flint_free(rank);
    flint_free(order);
    flint_free(sets);
    flint_free(dim);
    poly_faces_clear(PF);
}

slong
polytope_lattice_find(const polytope_lattice_t F, const bword * gens)
{
    for (slong i = 0; i < F->num; i++)
        if (bs_equal(F->gens + i * F->gw, gens, F->gw))
            return i;
    return -1;
}

void
polytope_lattice_flags(fmpz_t r, const polytope_lattice_t F)
{
    /* faces come ordered by dimension, so lower faces are done first */
    fmpz * c = _fmpz_vec_init(F->num);
    fmpz_one(c + 0);
    for (slong i = 1; i < F->num; i++)
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            fmpz_add(c + i, c + i, c + F->down[p]);
    fmpz_set(r, c + F->num - 1);
    _fmpz_vec_clear(c, F->num);
}

void
polytope_lattice_flag_fvector(fmpz * r, const polytope_lattice_t F)
{
    slong d = F->maxdim, num = F->num;
    fmpz * c = _fmpz_vec_init(num);
    for (slong S = 0; S < (WORD(1) << d); S++)
    {
        /* chains with dimensions exactly S, counted upwards */
        slong prev = -1;
        _fmpz_vec_zero(c, num);
        for (slong i = 0; i < num; i++)
            if (F->dim[i] == -1)
                fmpz_one(c + i);
        for (slong k = 0; k < d; k++)
        {
            if (!((S >> k) & 1))
                continue;
            for (slong i = 0; i < num; i++)
            {
                if (F->dim[i] != k)
                    continue;
                for (slong j = 0; j < num; j++)
                    if (F->dim[j] == prev && bs_subset(F->gens + j * F->gw, F->gens + i * F->gw, F->gw))
                        fmpz_add(c + i, c + i, c + j);
            }
            prev = k;
        }
        fmpz_zero(r + S);
        for (slong i = 0; i < num; i++)
            if (F->dim[i] == prev)
                fmpz_add(r + S, r + S, c + i);
    }
    _fmpz_vec_clear(c, num);
}

static void
_write_index_set(jout_t out, const bword * s, slong from, slong to, slong shift)
{
    jout_begin_array(out);
    for (slong i = from; i < to; i++)
        if (bs_test(s, i))
            jout_int(out, i - shift);
    jout_end_array(out);
}

void
polytope_lattice_write_json(jout_t out, const polytope_t Q, const polytope_lattice_t F)
{
    fmpz_t flags;
    fmpz_init(flags);
    jout_key(out, "faces");
    jout_begin_array(out);
    for (slong i = 0; i < F->num; i++)
    {
        jout_begin_object(out);
        jout_key(out, "index");
        jout_int(out, i);
        jout_key(out, "dim");
        jout_int(out, F->dim[i]);
        jout_key(out, "vertices");
        _write_index_set(out, polytope_lattice_gens(F, i), 0, Q->nv, 0);
        jout_key(out, "rays");
        _write_index_set(out, polytope_lattice_gens(F, i), Q->nv, Q->nv + Q->nr, Q->nv);
        jout_key(out, "facets");
        _write_index_set(out, polytope_lattice_facets(F, i), 0, F->nf, 0);
        jout_key(out, "covers");
        jout_begin_array(out);
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            jout_int(out, F->down[p]);
        jout_end_array(out);
        jout_key(out, "covered_by");
        jout_begin_array(out);
        for (slong p = F->up_start[i]; p < F->up_start[i + 1]; p++)
            jout_int(out, F->up[p]);
        jout_end_array(out);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_key(out, "hasse");
    jout_int(out, F->down_start[F->num]);
    polytope_lattice_flags(flags, F);
    jout_key(out, "flags");
    jout_fmpz(out, flags);
    if (F->maxdim <= 10)
    {
        slong d = F->maxdim;
        fmpz * r = _fmpz_vec_init(WORD(1) << d);
        polytope_lattice_flag_fvector(r, F);
        jout_key(out, "flag_fvector");
        jout_begin_array(out);
        for (slong S = 0; S < (WORD(1) << d); S++)
        {
            jout_begin_object(out);
            jout_key(out, "dims");
            jout_begin_array(out);
            for (slong k = 0; k < d; k++)
                if ((S >> k) & 1)
                    jout_int(out, k);
            jout_end_array(out);
            jout_key(out, "count");
            jout_fmpz(out, r + S);
            jout_end_object(out);
        }
        jout_end_array(out);
        _fmpz_vec_clear(r, WORD(1) << d);
    }
    slong chi = 0;
    for (slong i = 1; i < F->num; i++)
        chi += F->dim[i] % 2 ? -1 : 1;
    jout_key(out, "euler");
    jout_int(out, chi);
    fmpz_clear(flags);
}

