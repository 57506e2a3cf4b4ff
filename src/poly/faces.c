/* Face lattice of a polyhedron from its incidence.

   Faces of the homogenised cone C correspond to sets of generators; the
   facets of a face F are the inclusion-maximal sets among F cap T_j over the
   constraints j with F not inside T_j (T_j = generators tight at j). Going
   down level by level gives every face with its dimension. Faces of P are the
   faces of C that contain a vertex (t > 0); those made of rays only lie at
   infinity and are skipped, as is everything below them. */
#include "poly/poly-impl.h"

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

/* One level of the descent: faces as their tight-constraint masks (cw words,
   the hash keys: a face and its mask determine each other) with their
   generators as index lists in one pool. */
typedef struct
{
    bsset_t masks;
    slong * off, * len;      /* per face: its generators in pool[off .. off + len) */
    slong * pool;
    slong alloc, pool_num, pool_alloc;
}
faces_level;

static void
_level_init(faces_level * L, slong cw)
{
    bsset_init(L->masks, cw);
    L->alloc = 16;
    L->off = flint_malloc(L->alloc * sizeof(slong));
    L->len = flint_malloc(L->alloc * sizeof(slong));
    L->pool_alloc = 64;
    L->pool = flint_malloc(L->pool_alloc * sizeof(slong));
    L->pool_num = 0;
}

static void
_level_clear(faces_level * L)
{
    bsset_clear(L->masks);
    flint_free(L->off);
    flint_free(L->len);
    flint_free(L->pool);
}

/* Adds the face with tight mask C, generators {v in V : j in inc(v)}, unless known. */
static void
_level_add(faces_level * L, const bword * C, const poly_t P, const slong * V, slong nv, slong j)
{
    int is_new;
    slong idx = bsset_insert(L->masks, C, &is_new);
    if (!is_new)
        return;
    if (idx >= L->alloc)
    {
        L->alloc *= 2;
        L->off = flint_realloc(L->off, L->alloc * sizeof(slong));
        L->len = flint_realloc(L->len, L->alloc * sizeof(slong));
    }
    if (L->pool_num + nv > L->pool_alloc)
    {
        L->pool_alloc = FLINT_MAX(2 * L->pool_alloc, L->pool_num + nv);
        L->pool = flint_realloc(L->pool, L->pool_alloc * sizeof(slong));
    }
    L->off[idx] = L->pool_num;
    for (slong a = 0; a < nv; a++)
        if (bs_test(poly_inc(P, V[a]), j))
            L->pool[L->pool_num++] = V[a];
    L->len[idx] = L->pool_num - L->off[idx];
}

/* Scratch of one face's expansion: C[j] = the mask of face cap T_j. */
typedef struct
{
    bword * C;
    bword * touched, * hv;    /* cw words each: candidates met so far, and with a vertex */
    const char * isv;         /* per generator: a vertex (not a ray) */
    slong * list, * kept;
}
faces_work;

/* The facets of the face (S, V) into next. Candidate j (not in S): the
   generators of V on T_j, whose mask C_j is the meet of their incidence
   rows; V_a inside V_b iff C_b inside C_a (faces are closed sets), so the
   inclusion-maximal candidates are the inclusion-minimal masks, taken in
   increasing j, of equal ones the first, as the vertex-set version did.
   Candidates without a vertex are dropped: they lie at infinity, and so
   does every set below them. */
static void
_faces_expand(faces_level * next, faces_work * W, const poly_t P, const bword * S, const slong * V, slong nv)
{
    slong cw = P->cw, nc = 0, nk = 0;
    if (cw == 1)
    {
        /* one word of constraints (up to 64): the usual case, kept tight */
        bword seen = 0, hv = 0, s0 = ~S[0];
        for (slong a = 0; a < nv; a++)
        {
            bword inc = *poly_inc(P, V[a]), x = inc & s0;
            for (bword y = x & ~seen; y != 0; y &= y - 1)
                W->C[__builtin_ctzll(y)] = inc;
            for (bword y = x & seen; y != 0; y &= y - 1)
                W->C[__builtin_ctzll(y)] &= inc;
            seen |= x;
            hv |= W->isv[V[a]] ? x : 0;
        }
        for (bword y = hv; y != 0; y &= y - 1)
            W->list[nc++] = __builtin_ctzll(y);
    }
    else
    {
        for (slong a = 0; a < nv; a++)
        {
            const bword * inc = poly_inc(P, V[a]);
            for (slong w = 0; w < cw; w++)
            {
                bword x = inc[w] & ~S[w];
                for (bword y = x & ~W->touched[w]; y != 0; y &= y - 1)
                    bs_copy(W->C + (64 * w + __builtin_ctzll(y)) * cw, inc, cw);
                for (bword y = x & W->touched[w]; y != 0; y &= y - 1)
                {
                    bword * c = W->C + (64 * w + __builtin_ctzll(y)) * cw;
                    bs_and(c, c, inc, cw);
                }
                W->touched[w] |= x;
                W->hv[w] |= W->isv[V[a]] ? x : 0;
            }
        }
        /* the candidates with a vertex, in increasing j */
        for (slong w = 0; w < cw; w++)
        {
            for (bword y = W->hv[w]; y != 0; y &= y - 1)
                W->list[nc++] = 64 * w + __builtin_ctzll(y);
            W->touched[w] = W->hv[w] = 0;
        }
    }
    for (slong a = 0; a < nc; a++)
    {
        const bword * c = W->C + W->list[a] * cw;
        int covered = 0;
        for (slong b = 0; b < nk && !covered; b++)
            covered = bs_subset(W->C + W->kept[b] * cw, c, cw);
        if (covered)
            continue;
        slong nk2 = 0;
        for (slong b = 0; b < nk; b++)
            if (!bs_subset(c, W->C + W->kept[b] * cw, cw))
                W->kept[nk2++] = W->kept[b];
        W->kept[nk2++] = W->list[a];
        nk = nk2;
    }
    for (slong b = 0; b < nk; b++)
        _level_add(next, W->C + W->kept[b] * cw, P, V, nv, W->kept[b]);
}

/* The descent's scratch and its first level: P itself (every generator),
   when P has a vertex. */
typedef struct
{
    faces_work W;
    char * isv;
    faces_level lv[2];
    bword * S0;
}
faces_descent;

static void
_descent_init(faces_descent * D, const poly_t P)
{
    slong G = P->ngens, m = P->ncons, cw = P->cw;
    D->S0 = flint_malloc(FLINT_MAX(cw, 1) * sizeof(bword));
    D->W.C = flint_malloc(FLINT_MAX(m * cw, 1) * sizeof(bword));
    D->W.touched = flint_calloc(2 * FLINT_MAX(cw, 1), sizeof(bword));
    D->W.hv = D->W.touched + FLINT_MAX(cw, 1);
    D->isv = flint_malloc(FLINT_MAX(G, 1));
    D->W.isv = D->isv;
    D->W.list = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    D->W.kept = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    _level_init(D->lv + 0, cw);
    _level_init(D->lv + 1, cw);
    int any_vertex = 0;
    bs_fill(D->S0, m);
    for (slong i = 0; i < G; i++)
    {
        bs_and(D->S0, D->S0, poly_inc(P, i), cw);
        D->isv[i] = poly_gen_is_vertex(P, i);
        any_vertex |= D->isv[i];
    }
    if (any_vertex)
    {
        faces_level * L = D->lv + 0;
        L->off[0] = 0;
        L->len[0] = G;
        L->pool = flint_realloc(L->pool, FLINT_MAX(G, 1) * sizeof(slong));
        L->pool_alloc = FLINT_MAX(G, 1);
        for (slong i = 0; i < G; i++)
            L->pool[i] = i;
        L->pool_num = G;
        bsset_insert(L->masks, D->S0, NULL);
    }
}

static void
_descent_clear(faces_descent * D)
{
    _level_clear(D->lv + 0);
    _level_clear(D->lv + 1);
    flint_free(D->W.C);
    flint_free(D->W.touched);
    flint_free(D->isv);
    flint_free(D->W.list);
    flint_free(D->W.kept);
    flint_free(D->S0);
}

/* _poly_sets_maximal for sets of one word (up to 64 generators), the
   face iterator's common case. */
static slong
_sets_maximal_1(bword * c, slong nc)
{
    slong nk = 0;
    for (slong a = 0; a < nc; a++)
    {
        bword x = c[a];
        int covered = 0;
        for (slong b = 0; b < nk && !covered; b++)
            covered = (x & ~c[b]) == 0;
        if (covered)
            continue;
        slong nk2 = 0;
        for (slong b = 0; b < nk; b++)
            if ((c[b] & ~x) != 0)
                c[nk2++] = c[b];
        c[nk2++] = x;
        nk = nk2;
    }
    return nk;
}

slong
_poly_sets_maximal(bword * c, slong nc, slong gw)
{
    if (gw == 1)
        return _sets_maximal_1(c, nc);
    slong nk = 0;
    for (slong a = 0; a < nc; a++)
    {
        const bword * x = c + a * gw;
        int covered = 0;
        for (slong b = 0; b < nk && !covered; b++)
            covered = bs_subset(x, c + b * gw, gw);
        if (covered)
            continue;
        slong nk2 = 0;
        for (slong b = 0; b < nk; b++)
            if (!bs_subset(c + b * gw, x, gw))
            {
                if (nk2 != b)
                    bs_copy(c + nk2 * gw, c + b * gw, gw);
                nk2++;
            }
        if (nk2 != a)
            bs_copy(c + nk2 * gw, x, gw);
        nk = nk2 + 1;
    }
    return nk;
}

/* The plain vertex-set descent: a face as the bitset of its generators, its
   facet candidates F cap T_j over every constraint j. Cheaper than the mask
   descent below when constraints outnumber generators (a cross-polytope: 20
   vertices, 1024 facets, 59,049 faces: 1.1 s against 6.0 s), as it costs
   (constraints x generators / 64) per face whatever the incidence. */
static void
_faces_compute_by_gens(poly_faces_t F, const poly_t P)
{
    slong G = P->ngens, m = P->ncons, gw = BS_WORDS(G);
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    bword * verts = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    bword * cand = flint_malloc(FLINT_MAX(m * gw, 1) * sizeof(bword));
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
            /* the inclusion-maximal candidates, in candidate order */
            slong nk = _poly_sets_maximal(cand, nc, gw);
            for (slong b = 0; b < nk; b++)
                bsset_insert(next, cand + b * gw, NULL);
        }
        bsset_t tmp;
        *tmp = *cur; *cur = *next; *next = *tmp;
    }

    bsset_clear(cur);
    bsset_clear(next);
    flint_free(T);
    flint_free(verts);
    flint_free(cand);
}

/* The descent from P itself, one dimension per level. A face is kept as its
   tight mask and generator list, not as a bitset over the generators: its
   facets cost (generators x constraints on each), not (constraints^2 x
   generators / 64), which is what makes regions with thousands of vertices
   (ten inputs) affordable. The faces, their order and their sets are those
   of the plain vertex-set descent. */
void
poly_faces_compute(poly_faces_t F, const poly_t P)
{
    slong G = P->ngens, m = P->ncons, gw = BS_WORDS(G);
    if (m > G)
    {
        _faces_compute_by_gens(F, P);
        return;
    }
    bword * set = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    faces_descent D;
    _descent_init(&D, P);

    F->num = 0;
    F->gw = gw;
    faces_level * cur = D.lv + 0, * next = D.lv + 1;
    for (slong dim = P->n; cur->masks->num > 0; dim--)
    {
        bsset_reset(next->masks);
        next->pool_num = 0;
        for (slong f = 0; f < cur->masks->num; f++)
        {
            const slong * V = cur->pool + cur->off[f];
            slong nv = cur->len[f];
            bs_zero(set, gw);
            for (slong a = 0; a < nv; a++)
                bs_set(set, V[a]);
            _faces_push(F, set, dim);
            _faces_expand(next, &D.W, P, bsset_get(cur->masks, f), V, nv);
        }
        faces_level * tmp = cur;
        cur = next;
        next = tmp;
    }

    _descent_clear(&D);
    flint_free(set);
}

/* The counts of poly_faces_count by the mask descent, the faces inside a
   mask of M (nb masks of cw words) dropped with everything below them. */
void
_poly_faces_count_descent(slong * all, slong * outside, const poly_t P, const bword * M, slong nb,
                          const char * only, const slong * rank)
{
    slong cw = P->cw;
    faces_descent D;
    _descent_init(&D, P);

    faces_level * cur = D.lv + 0, * next = D.lv + 1;
    for (slong dim = P->n; cur->masks->num > 0; dim--)
    {
        bsset_reset(next->masks);
        next->pool_num = 0;
        for (slong f = 0; f < cur->masks->num; f++)
        {
            const bword * S = bsset_get(cur->masks, f);
            const slong * V = cur->pool + cur->off[f];
            slong nv = cur->len[f], first = -1;
            int held = (only == NULL);
            for (slong a = 0; a < nv && (first < 0 || rank != NULL || !held); a++)
            {
                if (D.isv[V[a]] && (first < 0 || (rank != NULL && rank[V[a]] < rank[first])))
                    first = V[a];
                held |= (only != NULL && only[V[a]]);
            }
            /* faces holding no marked vertex are counted elsewhere, and so is
               everything below them */
            if (!held)
                continue;
            int inside = 0;
            for (slong i = 0; i < nb && !inside; i++)
                inside = bs_subset(M + i * cw, S, cw);
            int counted = (only == NULL || only[first]);
            if (all != NULL)
                all[dim] += counted;
            outside[dim] += counted && !inside;
            /* the faces outside every Z_i are an up-set: each is a facet of
               one of them, so what lies inside a Z_i need not be expanded */
            if (inside && all == NULL)
                continue;
            _faces_expand(next, &D.W, P, S, V, nv);
        }
        faces_level * tmp = cur;
        cur = next;
        next = tmp;
    }

    _descent_clear(&D);
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
    return poly_zero_set_filtered(set, P, NULL, z, NULL);   /* no doubles: every sign exact */
}
