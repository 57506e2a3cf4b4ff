/* Face lattices for certificates (see cert.h): every face of the homogenised
   cone C = {(t, x) : t >= 0, c_j t + a_j.x >= 0} of a region, with the rows
   tight on it, a point of its relative interior and its facets.

   Faces of C are sets of generators (vertices (t > 0) and rays (t = 0); the
   lineality space belongs to every face); the facets of a face S are the
   inclusion-maximal sets S cap T_j over the rows j with S not inside T_j
   (T_j = generators tight at row j), as in poly/faces.c. Unlike the engine's
   f-vector, the faces at infinity and the minimal face (the lineality space,
   the empty set of generators) are kept: relucert-check needs the whole
   lattice of C, which is that of a polytope, to prove it complete. */
#include <flint/fmpz_vec.h>
#include "cert/cert.h"
#include "complex/complex.h"
#include "util/version.h"
#include "cert/cert.h"

/* the faces of one region, level by level from C itself */
typedef struct
{
    slong num, alloc, gw;
    bword * sets;     /* num * gw */
    slong * level;    /* cone dimension n + 1 - level */
    slong * cov_start, * cov;  /* facets of face i: cov[cov_start[i] .. cov_start[i + 1]) */
    slong ncov, cov_alloc;
}
_lattice;

static void
_lattice_push_face(_lattice * L, const bword * s, slong level)
{
    if (L->num == L->alloc)
    {
        L->alloc = FLINT_MAX(16, 2 * L->alloc);
        L->sets = flint_realloc(L->sets, L->alloc * FLINT_MAX(L->gw, 1) * sizeof(bword));
        L->level = flint_realloc(L->level, L->alloc * sizeof(slong));
        L->cov_start = flint_realloc(L->cov_start, (L->alloc + 1) * sizeof(slong));
    }
    bs_copy(L->sets + L->num * L->gw, s, L->gw);
    L->level[L->num++] = level;
}

static void
_lattice_push_cover(_lattice * L, slong j)
{
    if (L->ncov == L->cov_alloc)
    {
        L->cov_alloc = FLINT_MAX(64, 2 * L->cov_alloc);
        L->cov = flint_realloc(L->cov, L->cov_alloc * sizeof(slong));
    }
    L->cov[L->ncov++] = j;
}

/* The inclusion-maximal sets among face cap T_j (j with face not inside T_j):
   indices into cand, in increasing order. Returns their number. */
static slong
_facets_of(slong * kept, bword * cand, const bword * face, const bword * T, slong m, slong gw)
{
    slong nc = 0, nk = 0;
    for (slong j = 0; j < m; j++)
    {
        bs_and(cand + nc * gw, face, T + j * gw, gw);
        if (!bs_equal(cand + nc * gw, face, gw))
            nc++;
    }
    for (slong a = 0; a < nc; a++)
    {
        int covered = 0;
        for (slong b = 0; b < nk && !covered; b++)
            covered = bs_subset(cand + a * gw, cand + kept[b] * gw, gw);
        if (covered)
            continue;
        slong nk2 = 0;
        for (slong b = 0; b < nk; b++)
            if (!bs_subset(cand + kept[b] * gw, cand + a * gw, gw))
                kept[nk2++] = kept[b];
        kept[nk2++] = a;
        nk = nk2;
    }
    return nk;
}

static void
_lattice_compute(_lattice * L, const poly_struct * P, bword * T)
{
    slong G = P->ngens, m = P->ncons, gw = L->gw;
    bword * cand = flint_malloc(FLINT_MAX(m * gw, 1) * sizeof(bword));
    slong * kept = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    bsset_t next;
    bsset_init(next, FLINT_MAX(gw, 1));
    bword * all = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    bs_fill(all, G);
    _lattice_push_face(L, all, 0);
    flint_free(all);
    slong first = 0;
    for (slong level = 0; first < L->num; level++)
    {
        slong last = L->num;
        bsset_reset(next);
        for (slong f = first; f < last; f++)
        {
            L->cov_start[f] = L->ncov;
            slong nk = _facets_of(kept, cand, L->sets + f * gw, T, m, gw);
            for (slong b = 0; b < nk; b++)
            {
                int is_new;
                slong idx = bsset_insert(next, cand + kept[b] * gw, &is_new);
                if (is_new)
                    _lattice_push_face(L, cand + kept[b] * gw, level + 1);
                _lattice_push_cover(L, last + idx);
            }
        }
        first = last;
    }
    L->cov_start[L->num] = L->ncov;
    bsset_clear(next);
    flint_free(cand);
    flint_free(kept);
}

/* The sign key of a face of the complex (2 bits per neuron: set bit 2k for
   z_k < 0, 2k + 1 for z_k > 0; then one bit per domain row, set when tight)
   at the homogeneous relative-interior point v (t > 0). */
static void
_face_key(bword * key, slong kw, const cert_regions_struct * W, const region_struct * R, const fmpz * v)
{
    slong d = W->n + 1;
    fmpz_t s;
    fmpz_init(s);
    bs_zero(key, kw);
    for (slong k = 0; k < W->N; k++)
    {
        poly_vec_dot(s, R->zrows + k * d, v, d);
        if (fmpz_sgn(s) != 0)
            bs_set(key, 2 * k + (fmpz_sgn(s) > 0));
    }
    complex_key_tie_groups(key, W->N, R, 1);
    for (slong r = 0; r < W->ndom; r++)
    {
        poly_vec_dot(s, W->dom + r * d, v, d);
        if (fmpz_is_zero(s))
            bs_set(key, 2 * W->N + r);
    }
    fmpz_clear(s);
}

static void
_count_face(cert_regions_struct * W, const bword * key, slong dim)
{
    int is_new;
    slong idx = bsset_insert(W->fkeys, key, &is_new);
    if (!is_new)
        return;
    if (idx >= W->fkey_alloc)
    {
        W->fkey_alloc = FLINT_MAX(256, 2 * W->fkey_alloc);
        W->fkey_dim = flint_realloc(W->fkey_dim, W->fkey_alloc * sizeof(slong));
    }
    W->fkey_dim[idx] = dim;
}

void
cert_faces_write(cert_regions_struct * W, const region_struct * R)
{
    const poly_struct * P = R->P;
    slong G = P->ngens, m = P->ncons, n = P->n, d = n + 1, nf = m - 1;
    _lattice L[1] = { { 0 } };
    L->gw = BS_WORDS(G);
    slong gw = L->gw;
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    for (slong i = 0; i < G; i++)
        for (slong j = 0; j < m; j++)
            if (bs_test(poly_inc(P, i), j))
                bs_set(T + j * gw, i);
    _lattice_compute(L, P, T);

    slong kw = W->fkeys->w;
    bword * key = flint_calloc(kw, sizeof(bword));
    fmpz * v = _fmpz_vec_init(d), * u = _fmpz_vec_init(d);
    jout_key(W->out, "faces");
    jout_begin_array(W->out);
    for (slong f = 0; f < L->num; f++)
    {
        const bword * S = L->sets + f * gw;
        jout_begin_object(W->out);
        /* rows tight on the face: certificate rows 0..nf-1 are the facets
           (engine rows 1..), row nf is t >= 0 (engine row 0) */
        jout_key(W->out, "tight");
        jout_begin_array(W->out);
        for (slong j = 1; j <= m; j++)
            if (bs_subset(S, T + (j % m) * gw, gw))
                jout_int(W->out, j - 1);
        jout_end_array(W->out);
        /* sum of the face's generators: a relative-interior point of it */
        _fmpz_vec_zero(v, d);
        for (slong i = 0; i < G; i++)
            if (bs_test(S, i))
            {
                /* primitive forms: the search's vertices may be positive
                   multiples (minors forms), the point must not depend on it */
                _fmpz_vec_set(u, poly_gen(P, i), d);
                poly_vec_make_primitive(u, d);
                _fmpz_vec_add(v, v, u, d);
            }
        jout_key(W->out, "point");
        jout_fmpz_vec(W->out, v, d);
        jout_key(W->out, "facets");
        jout_begin_array(W->out);
        for (slong c = L->cov_start[f]; c < L->cov_start[f + 1]; c++)
            jout_int(W->out, L->cov[c]);
        jout_end_array(W->out);
        jout_end_object(W->out);
        if (fmpz_sgn(v) > 0)
        {
            _face_key(key, kw, W, R, v);
            _count_face(W, key, n - L->level[f]);
        }
    }
    jout_end_array(W->out);
    (void) nf;
    _fmpz_vec_clear(v, d);
    _fmpz_vec_clear(u, d);
    flint_free(key);
    flint_free(T);
    flint_free(L->sets);
    flint_free(L->level);
    flint_free(L->cov_start);
    flint_free(L->cov);
}
