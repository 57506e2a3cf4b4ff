/* A polyhedron from both of its descriptions at once (the V -> H conversion
   of src/polytope has the facets from the dual cone and the generators from
   its input): no cut, so no second double description; what the cuts would
   have guaranteed is checked instead, exactly, and completeness of the
   facets proved by a local test where one applies. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "poly/poly-impl.h"

/* lexicographic order of the rows (for removing repeats) */
typedef struct { const fmpz * rows; slong d; } _rows_ctx;

static int
_cmp_rows(const void * a, const void * b, void * arg)
{
    const _rows_ctx * c = arg;
    const fmpz * u = c->rows + *(const slong *) a * c->d, * v = c->rows + *(const slong *) b * c->d;
    for (slong k = 0; k < c->d; k++)
    {
        int s = fmpz_cmp(u + k, v + k);
        if (s != 0)
            return s;
    }
    return 0;
}

/* The distinct rows, in their first order, into keep[]; returns how many. */
static slong
_distinct_rows(slong * keep, const fmpz * rows, slong num, slong d)
{
    slong * ord = flint_malloc(FLINT_MAX(num, 1) * sizeof(slong));
    char * dup = flint_calloc(FLINT_MAX(num, 1), 1);
    _rows_ctx c = { rows, d };
    for (slong i = 0; i < num; i++)
        ord[i] = i;
    qsort_r(ord, num, sizeof(slong), _cmp_rows, &c);
    for (slong i = 1; i < num; i++)
        if (_cmp_rows(ord + i - 1, ord + i, &c) == 0)
            dup[FLINT_MAX(ord[i - 1], ord[i])] = 1;    /* keep the first of equal rows */
    slong k = 0;
    for (slong i = 0; i < num; i++)
        if (!dup[i])
            keep[k++] = i;
    flint_free(dup);
    flint_free(ord);
    return k;
}

/* rank of the rows of gens listed in the set s (ng bits) */
static slong
_rank_of_set(const fmpz * gens, const bword * s, slong ng, slong d)
{
    slong num = bs_count(s, BS_WORDS(ng));
    fmpz_mat_t M;
    fmpz_mat_init(M, FLINT_MAX(num, 1), d);
    for (slong g = 0, r = 0; g < ng; g++)
        if (bs_test(s, g))
            _fmpz_vec_set(M->rows[r++], gens + g * d, d);
    slong rank = num ? fmpz_mat_rank(M) : 0;
    fmpz_mat_clear(M);
    return rank;
}

/* 1 when the set r lies on a facet other than j (then, r being a ridge of
   facet j, it is that facet's intersection with j) */
static int
_on_second_facet(const bword * r, const bword * T, slong nc, slong j, slong gw)
{
    for (slong k = 0; k < nc; k++)
        if (k != j && bs_subset(r, T + k * gw, gw))
            return 1;
    return 0;
}

/* Every ridge of facet j on a second facet. T holds the generator set of
   each facet. A simplicial facet (n generators) has as ridges its sets of
   n - 1 generators; the ridges of another come from `ridges` (its own facets,
   proved), or the test fails without it. */
static int
_facet_ridges_shared(const bword * T, slong nc, slong j, slong n, const fmpz * G, slong ng,
                     poly_ridges_fn ridges, void * arg)
{
    slong gw = BS_WORDS(ng);
    const bword * F = T + j * gw;
    int ok = 1;
    if (bs_count(F, gw) == n)
    {
        bword * r = flint_malloc(FLINT_MAX(gw, 1) * sizeof(bword));
        for (slong g = 0; g < ng && ok; g++)
            if (bs_test(F, g))
            {
                bs_copy(r, F, gw);
                r[g >> 6] &= ~(UWORD(1) << (g & 63));
                ok = _on_second_facet(r, T, nc, j, gw);
            }
        flint_free(r);
        return ok;
    }
    bword * R = NULL;
    slong nr = 0;
    ok = ridges != NULL && ridges(&R, &nr, G, ng, F, arg) == 0 && nr > 0;
    for (slong i = 0; i < nr && ok; i++)
        ok = bs_subset(R + i * gw, F, gw) && _on_second_facet(R + i * gw, T, nc, j, gw);
    flint_free(R);
    return ok;
}

int
poly_set_dd(poly_t P, int * proved, const fmpz * gens, slong ng, const fmpz * cons, slong nc, const slong * src,
            poly_ridges_fn ridges, void * arg)
{
    slong n = P->n, d = n + 1;
    slong * keep = flint_malloc(FLINT_MAX(ng, 1) * sizeof(slong));
    slong nd = _distinct_rows(keep, gens, ng, d), gw = BS_WORDS(nd);
    fmpz * G = _fmpz_vec_init(FLINT_MAX(nd, 1) * d);
    for (slong i = 0; i < nd; i++)
        _fmpz_vec_set(G + i * d, gens + keep[i] * d, d);
    bword * T = flint_calloc(FLINT_MAX(nc * gw, 1), sizeof(bword));   /* generators on each facet */
    fmpz_t v;
    fmpz_init(v);
    int bad = 0, bounded = 1;
    for (slong i = 0; i < nd; i++)
        bounded &= fmpz_sgn(G + i * d) > 0;
    /* each constraint valid on every generator, tight on a set of rank n: a facet */
    for (slong j = 0; j < nc && !bad; j++)
    {
        for (slong i = 0; i < nd && !bad; i++)
        {
            poly_vec_dot(v, cons + j * d, G + i * d, d);
            bad = fmpz_sgn(v) < 0;
            if (fmpz_is_zero(v))
                bs_set(T + j * gw, i);
        }
        bad = bad || _rank_of_set(G, T + j * gw, nd, d) != n;
    }
    /* complete when bounded with every ridge on two facets: the facets of a
       polytope are connected through their ridges, each ridge on exactly
       two, so a missing facet leaves a ridge on one (a facet given twice
       would share every ridge with itself: distinct rows only) */
    slong * ck = flint_malloc(FLINT_MAX(nc, 1) * sizeof(slong));
    int ok = !bad && bounded && n >= 2 && nc > 0 && _distinct_rows(ck, cons, nc, d) == nc;
    flint_free(ck);
    for (slong j = 0; j < nc && ok; j++)
        ok = _facet_ridges_shared(T, nc, j, n, G, nd, ridges, arg);
    *proved = ok;
    if (*proved)
    {
        /* incidence of every generator (t >= 0 first), then the extreme ones:
           with all facets known, a generator is extreme iff its tight set is
           inside no other generator's (of equal sets, the ray itself: first) */
        slong cw = BS_WORDS(nc + 1);
        bword * inc = flint_calloc(FLINT_MAX(nd * cw, 1), sizeof(bword));
        for (slong i = 0; i < nd; i++)
        {
            if (fmpz_is_zero(G + i * d))
                bs_set(inc + i * cw, 0);
            for (slong j = 0; j < nc; j++)
                if (bs_test(T + j * gw, i))
                    bs_set(inc + i * cw, j + 1);
        }
        slong nk = 0;
        for (slong i = 0; i < nd; i++)
        {
            int extreme = 1;
            for (slong h = 0; h < nd && extreme; h++)
                extreme = h == i || !bs_subset(inc + i * cw, inc + h * cw, cw)
                          || (h > i && bs_equal(inc + i * cw, inc + h * cw, cw));
            if (extreme)
                keep[nk++] = i;
        }
        _poly_reshape(P, nk, 0, nc + 1);
        _fmpz_vec_zero(poly_con(P, 0), d);
        fmpz_one(poly_con(P, 0));
        P->src[0] = POLY_SRC_FAR;
        for (slong j = 0; j < nc; j++)
        {
            _fmpz_vec_set(poly_con(P, j + 1), cons + j * d, d);
            P->src[j + 1] = src[j];
        }
        for (slong k = 0; k < nk; k++)
        {
            _fmpz_vec_set(poly_gen(P, k), G + keep[k] * d, d);
            bs_copy(P->inc + k * P->cw, inc + keep[k] * cw, cw);
        }
        flint_free(inc);
    }
    fmpz_clear(v);
    flint_free(T);
    _fmpz_vec_clear(G, FLINT_MAX(nd, 1) * d);
    flint_free(keep);
    return bad;
}
