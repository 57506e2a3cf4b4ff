/* Face lattice of a polyhedron from its incidence.

   Faces of the homogenised cone C correspond to sets of generators; the
   facets of a face F are the inclusion-maximal sets among F cap T_j over the
   constraints j with F not inside T_j (T_j = generators tight at j). Going
   down level by level gives every face with its dimension. Faces of P are the
   faces of C that contain a vertex (t > 0); those made of rays only lie at
   infinity and are skipped, as is everything below them. */
#include "poly/poly.h"

void
poly_faces_init(poly_faces_t F)
{
    F->num = 0;
    F->alloc = 0;
    F->words = 0;
    F->gw = 0;
    F->sets = NULL;
    F->dim = NULL;
}

void
poly_faces_clear(poly_faces_t F)
{
    flint_free(F->sets);
    flint_free(F->dim);
}

static void
_faces_push(poly_faces_t F, const bword * s, slong dim)
{
    /* alloc counts rows of the width in use; the width changes between calls */
    if (F->num == F->alloc)
    {
        F->alloc = FLINT_MAX(16, 2 * F->alloc);
        F->dim = flint_realloc(F->dim, F->alloc * sizeof(slong));
    }
    if ((F->num + 1) * F->gw > F->words)
    {
        F->words = FLINT_MAX(16 * F->gw, 2 * (F->num + 1) * F->gw);
        F->sets = flint_realloc(F->sets, F->words * sizeof(bword));
    }
    bs_copy(F->sets + F->num * F->gw, s, F->gw);
    F->dim[F->num] = dim;
    F->num++;
}

void
poly_faces_compute(poly_faces_t F, const poly_t P)
{
    slong G = P->ngens, m = P->ncons, gw = BS_WORDS(G);
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    bword * verts = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    bword * cand = flint_malloc(FLINT_MAX(m * gw, 1) * sizeof(bword));
    slong * kept = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    bsset_t cur, next;

    F->num = 0;
    F->gw = gw;
    for (slong i = 0; i < G; i++)
    {
        if (poly_gen_is_vertex(P, i))
            bs_set(verts, i);
        for (slong j = 0; j < m; j++)
            if (bs_test(poly_inc(P, i), j))
                bs_set(T + j * gw, i);
    }

    bsset_init(cur, gw);
    bsset_init(next, gw);
    {
        bword * all = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
        bs_fill(all, G);
        bsset_insert(cur, all, NULL);
        flint_free(all);
    }

    for (slong dim = P->n; cur->num > 0; dim--)
    {
        bsset_reset(next);
        for (slong f = 0; f < cur->num; f++)
        {
            const bword * face = bsset_get(cur, f);
            if (!bs_meets(face, verts, gw))
                continue;     /* at infinity: not a face of P */
            _faces_push(F, face, dim);
            slong nc = 0;
            for (slong j = 0; j < m; j++)
            {
                bword * c = cand + nc * gw;
                bs_and(c, face, T + j * gw, gw);
                if (!bs_equal(c, face, gw))
                    nc++;
            }
            /* the inclusion-maximal candidates (of equal copies the first):
               one pass against the maximal sets so far, usually the few
               facets of the face, instead of all pairs of candidates */
            slong nk = 0;
            for (slong a = 0; a < nc; a++)
            {
                const bword * c = cand + a * gw;
                int covered = 0;
                for (slong b = 0; b < nk && !covered; b++)
                    covered = bs_subset(c, cand + kept[b] * gw, gw);
                if (covered)
                    continue;
                slong nk2 = 0;
                for (slong b = 0; b < nk; b++)
                    if (!bs_subset(cand + kept[b] * gw, c, gw))
                        kept[nk2++] = kept[b];
                kept[nk2++] = a;
                nk = nk2;
            }
            /* kept is in increasing candidate order: insert as before */
            for (slong b = 0; b < nk; b++)
                bsset_insert(next, cand + kept[b] * gw, NULL);
        }
        bsset_t tmp;
        *tmp = *cur; *cur = *next; *next = *tmp;
    }

    bsset_clear(cur);
    bsset_clear(next);
    flint_free(T);
    flint_free(verts);
    flint_free(cand);
    flint_free(kept);
}

slong
poly_euler_char(const poly_t P)
{
    poly_faces_t F;
    slong chi = 0;
    poly_faces_init(F);
    poly_faces_compute(F, P);
    for (slong i = 0; i < F->num; i++)
        chi += (F->dim[i] % 2 == 0) ? 1 : -1;
    poly_faces_clear(F);
    return chi;
}

int
poly_zero_set(bword * set, const poly_t P, const fmpz * z)
{
    slong d = P->n + 1;
    fmpz_t v;
    fmpz_init(v);
    for (slong i = 0; i < P->nlin; i++)
    {
        poly_vec_dot(v, z, poly_lin(P, i), d);
        if (!fmpz_is_zero(v))
        {
            fmpz_clear(v);
            return 0;
        }
    }
    bs_zero(set, BS_WORDS(P->ngens));
    for (slong i = 0; i < P->ngens; i++)
    {
        poly_vec_dot(v, z, poly_gen(P, i), d);
        if (fmpz_is_zero(v))
            bs_set(set, i);
    }
    fmpz_clear(v);
    return 1;
}
