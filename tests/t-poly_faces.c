/* Issue 19: poly_faces_count (h-vector at simple vertices of polytopes, the
   walk at vertices of unbounded ones, the face iterator when constraints
   outnumber generators, the descent for the rest) against the face sets of
   the reference below; poly_set_dd (both descriptions at once) on cyclic
   polytopes, with a facet left out and on a cube, where it must not claim
   the facets complete.
   Issue 17: the face lattice from tight-constraint masks and generator lists
   (poly_faces_compute) gives the faces, dimensions, order and generator sets
   of the plain vertex-set descent (the previous implementation, kept here as
   the reference), on random polyhedra with rays, lineality and degenerate
   vertices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* the vertex-set descent: facets of a face are the inclusion-maximal sets
   among face cap T_j, level by level, of equal copies the first */
static void
faces_reference(slong * num, bword ** sets, slong ** dims, const poly_t P)
{
    slong G = P->ngens, m = P->ncons, gw = BS_WORDS(G), alloc = 16;
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    bword * verts = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    bword * cand = flint_malloc(FLINT_MAX(m * gw, 1) * sizeof(bword));
    bword * all = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    slong * kept = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    bsset_t cur, next;
    *num = 0;
    *sets = flint_malloc(alloc * FLINT_MAX(gw, 1) * sizeof(bword));
    *dims = flint_malloc(alloc * sizeof(slong));
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
    bs_fill(all, G);
    bsset_insert(cur, all, NULL);
    for (slong dim = P->n; cur->num > 0; dim--)
    {
        bsset_reset(next);
        for (slong f = 0; f < cur->num; f++)
        {
            const bword * face = bsset_get(cur, f);
            if (!bs_meets(face, verts, gw))
                continue;
            if (*num == alloc)
            {
                alloc *= 2;
                *sets = flint_realloc(*sets, alloc * FLINT_MAX(gw, 1) * sizeof(bword));
                *dims = flint_realloc(*dims, alloc * sizeof(slong));
            }
            bs_copy(*sets + *num * gw, face, gw);
            (*dims)[(*num)++] = dim;
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
    flint_free(all);
    flint_free(kept);
}

/* poly_faces_count against the reference's face sets: all faces by
   dimension, and those inside none of nz random faces Z (as the complex's
   zero sets of bad neurons are), with and without the count of all. */
static void
check_count(const poly_t P, slong num, const bword * sets, const slong * dims, flint_rand_t state)
{
    slong n = P->n, gw = BS_WORDS(P->ngens), nz = (num == 0) ? 0 : n_randint(state, 4);
    bword * Z = flint_calloc(FLINT_MAX(nz * gw, 1), sizeof(bword));
    slong * all = flint_calloc(4 * (n + 1), sizeof(slong)), * out = all + (n + 1);
    slong * ref_all = all + 2 * (n + 1), * ref_out = all + 3 * (n + 1), out2[32];
    for (slong i = 0; i < nz; i++)
        bs_copy(Z + i * gw, sets + n_randint(state, num) * gw, gw);
    for (slong f = 0; f < num; f++)
    {
        int inside = 0;
        for (slong i = 0; i < nz && !inside; i++)
            inside = bs_subset(sets + f * gw, Z + i * gw, gw);
        ref_all[dims[f]]++;
        ref_out[dims[f]] += !inside;
    }
    poly_faces_count(all, out, P, Z, nz);
    poly_faces_count(NULL, out2, P, Z, nz);
    /* with the generators' doubles (the search's regions): the same counts */
    slong out3[32];
    poly_dgens_t D;
    poly_dgens_init(D);
    poly_dgens_set(D, P);
    poly_faces_count_d(NULL, out3, P, D, Z, nz);
    poly_dgens_clear(D);
    for (slong k = 0; k <= n; k++)
    {
        CHECK(all[k] == ref_all[k], "count of %ld-faces %ld, the reference has %ld (n=%ld, %ld generators)",
              (long) k, (long) all[k], (long) ref_all[k], (long) n, (long) P->ngens);
        CHECK(out[k] == ref_out[k] && out2[k] == ref_out[k] && out3[k] == ref_out[k],
              "%ld-faces outside %ld bad faces: %ld / %ld, the reference has %ld (n=%ld)", (long) k, (long) nz,
              (long) out[k], (long) out2[k], (long) ref_out[k], (long) n);
    }
    flint_free(all);
    flint_free(Z);
}

static slong
check_same(const poly_t P, flint_rand_t state)
{
    poly_faces_t F;
    slong num, * dims, gw = BS_WORDS(P->ngens);
    bword * sets;
    poly_faces_init(F);
    poly_faces_compute(F, P);
    faces_reference(&num, &sets, &dims, P);
    CHECK(F->num == num, "%ld faces, the reference has %ld (n=%ld, %ld generators)", (long) F->num, (long) num,
          (long) P->n, (long) P->ngens);
    for (slong i = 0; i < num; i++)
    {
        CHECK(F->dim[i] == dims[i], "face %ld: dimension %ld, the reference says %ld", (long) i, (long) F->dim[i],
              (long) dims[i]);
        CHECK(gw == 0 || bs_equal(poly_faces_set(F, i), sets + i * gw, gw), "face %ld: other generators", (long) i);
    }
    for (int rep = 0; rep < 3; rep++)
        check_count(P, num, sets, dims, state);
    poly_faces_clear(F);
    flint_free(sets);
    flint_free(dims);
    return num;
}

/* The cyclic polytope C(N, n), points (1, t, t^2, ..., t^n), t = 1..N: its
   facets by brute force (every n of the points whose hyperplane has all
   others on one side), then P = poly_set_dd from points and facets, which
   must prove them complete (simplicial), and must not when one is left out.
   Its faces against the reference. Returns their number. */
static slong
check_cyclic(slong n, slong N, flint_rand_t state)
{
    slong d = n + 1, nf = 0, af = 16;
    fmpz * pts = _fmpz_vec_init((N + 1) * d), * F = _fmpz_vec_init(af * d);
    slong * src = flint_malloc(af * sizeof(slong));
    for (slong i = 0; i < N; i++)
    {
        fmpz_one(pts + i * d);
        for (slong k = 1; k <= n; k++)
            fmpz_mul_si(pts + i * d + k, pts + i * d + k - 1, i + 1);
    }
    /* the hyperplane through n points: the kernel of their n x d matrix */
    slong * c = flint_malloc(n * sizeof(slong));
    for (slong k = 0; k < n; k++)
        c[k] = k;
    fmpz_mat_t M, K;
    fmpz_mat_init(M, n, d);
    fmpz_mat_init(K, d, d);
    for (;;)
    {
        for (slong k = 0; k < n; k++)
            _fmpz_vec_set(M->rows[k], pts + c[k] * d, d);
        CHECK(fmpz_mat_nullspace(K, M) == 1, "points of the moment curve not in general position");
        fmpz * h = _fmpz_vec_init(d);
        for (slong k = 0; k < d; k++)
            fmpz_set(h + k, fmpz_mat_entry(K, k, 0));
        int pos = 0, neg = 0;
        fmpz_t v;
        fmpz_init(v);
        for (slong i = 0; i < N; i++)
        {
            poly_vec_dot(v, h, pts + i * d, d);
            pos |= fmpz_sgn(v) > 0;
            neg |= fmpz_sgn(v) < 0;
        }
        fmpz_clear(v);
        if (!(pos && neg))
        {
            if (neg)
                _fmpz_vec_neg(h, h, d);
            poly_vec_make_primitive(h, d);
            if (nf == af)
            {
                af *= 2;
                fmpz * F2 = _fmpz_vec_init(af * d);
                _fmpz_vec_set(F2, F, nf * d);
                _fmpz_vec_clear(F, nf * d);
                F = F2;
                src = flint_realloc(src, af * sizeof(slong));
            }
            _fmpz_vec_set(F + nf * d, h, d);
            src[nf] = POLY_SRC_DOMAIN(nf);
            nf++;
        }
        _fmpz_vec_clear(h, d);
        slong k = n - 1;
        while (k >= 0 && c[k] == N - n + k)
            k--;
        if (k < 0)
            break;
        c[k]++;
        for (slong j = k + 1; j < n; j++)
            c[j] = c[j - 1] + 1;
    }
    poly_t P;
    int proved = 0;
    poly_init(P, n);
    /* one point given twice: kept once */
    _fmpz_vec_set(pts + N * d, pts + n_randint(state, N) * d, d);
    CHECK(poly_set_dd(P, &proved, pts, N + 1, F, nf, src, NULL, NULL) == 0 && proved,
          "C(%ld,%ld): %ld facets, not proved complete", (long) N, (long) n, (long) nf);
    CHECK(P->ngens == N && P->ncons == nf + 1, "C(%ld,%ld): %ld generators, %ld constraints", (long) N, (long) n,
          (long) P->ngens, (long) P->ncons);
    slong num = check_same(P, state);
    poly_t Q;
    poly_init(Q, n);
    slong drop = n_randint(state, nf);
    _fmpz_vec_swap(F + drop * d, F + (nf - 1) * d, d);
    CHECK(poly_set_dd(Q, &proved, pts, N, F, nf - 1, src, NULL, NULL) == 0 && !proved,
          "C(%ld,%ld): a facet left out, yet proved complete", (long) N, (long) n);
    _fmpz_vec_set(F + d, F, d);     /* one facet and a copy of it share every ridge */
    CHECK(poly_set_dd(Q, &proved, pts, N, F, 2, src, NULL, NULL) == 0 && !proved,
          "C(%ld,%ld): one facet given twice, yet proved complete", (long) N, (long) n);
    _fmpz_vec_neg(F, F, d);     /* not valid on the points */
    CHECK(poly_set_dd(Q, &proved, pts, N, F, nf, src, NULL, NULL) == 1, "an invalid facet accepted");
    poly_clear(Q);
    poly_clear(P);
    fmpz_mat_clear(M);
    fmpz_mat_clear(K);
    flint_free(c);
    flint_free(src);
    _fmpz_vec_clear(F, af * d);
    _fmpz_vec_clear(pts, (N + 1) * d);
    return num;
}

/* The ridges of a facet of the 3-cube (points (1, +-1, +-1, +-1)): its edges,
   the pairs of its vertices that differ in one coordinate. */
static int
cube_ridges(bword ** R, slong * nr, const fmpz * G, slong ng, const bword * F, void * arg)
{
    slong gw = BS_WORDS(ng), d = 4;
    (void) arg;
    *nr = 0;
    *R = flint_calloc(ng * ng * gw, sizeof(bword));
    for (slong u = 0; u < ng; u++)
        for (slong v = u + 1; v < ng; v++)
        {
            slong diff = 0;
            for (slong k = 1; k < d; k++)
                diff += !fmpz_equal(G + u * d + k, G + v * d + k);
            if (diff == 1 && bs_test(F, u) && bs_test(F, v) && fmpz_is_one(G + u * d) && fmpz_is_one(G + v * d))
            {
                bs_set(*R + *nr * gw, u);
                bs_set(*R + *nr * gw, v);
                (*nr)++;
            }
        }
    return 0;
}

/* A cube is not simplicial: without a ridge function nothing is claimed (a
   repeated point and an interior one are accepted); with its edges as the
   facets' ridges, the six facets are proved complete, and five are not. */
static void
check_dd_cube(void)
{
    slong n = 3, d = 4;
    fmpz * pts = _fmpz_vec_init(10 * d), * F = _fmpz_vec_init(6 * d);
    slong src[6];
    for (slong i = 0; i < 8; i++)
    {
        fmpz_one(pts + i * d);
        for (slong k = 0; k < n; k++)
            fmpz_set_si(pts + i * d + 1 + k, ((i >> k) & 1) ? 1 : -1);
    }
    _fmpz_vec_set(pts + 8 * d, pts, d);
    fmpz_one(pts + 9 * d);
    for (slong k = 0; k < n; k++)
    {
        fmpz_one(F + (2 * k) * d);
        fmpz_one(F + (2 * k) * d + 1 + k);
        fmpz_one(F + (2 * k + 1) * d);
        fmpz_set_si(F + (2 * k + 1) * d + 1 + k, -1);
        src[2 * k] = 2 * k;
        src[2 * k + 1] = 2 * k + 1;
    }
    poly_t P;
    int proved = 1;
    poly_init(P, n);
    CHECK(poly_set_dd(P, &proved, pts, 10, F, 6, src, NULL, NULL) == 0 && !proved, "the cube: proved %d", proved);
    CHECK(poly_set_dd(P, &proved, pts, 10, F, 6, src, cube_ridges, NULL) == 0 && proved,
          "the cube with its edges: not proved");
    CHECK(P->ngens == 8 && P->ncons == 7, "the cube: %ld generators, %ld constraints", (long) P->ngens,
          (long) P->ncons);
    for (slong j = 0; j < 6; j++)
    {
        poly_t Q;
        poly_init(Q, n);
        _fmpz_vec_swap(F + j * d, F + 5 * d, d);
        CHECK(poly_set_dd(Q, &proved, pts, 10, F, 5, src, cube_ridges, NULL) == 0 && !proved,
              "the cube without facet %ld: proved", (long) j);
        _fmpz_vec_swap(F + j * d, F + 5 * d, d);
        poly_clear(Q);
    }
    poly_clear(P);
    _fmpz_vec_clear(F, 6 * d);
    _fmpz_vec_clear(pts, 10 * d);
}

int
main(void)
{
    flint_rand_t state;
    flint_randinit(state);
    printf("poly_faces....");
    fflush(stdout);
    slong total = 0;
    /* random cuts of R^n (rays, lineality) and of a box (bounded, many
       vertices; entries in {-2..2}: degenerate vertices are common) */
    for (slong iter = 0; iter < 400; iter++)
    {
        slong n = 1 + n_randint(state, (iter % 4 == 1) ? 8 : 6), d = n + 1, cuts = n_randint(state, 3 * n + 6);
        poly_t P;
        fmpz * g = _fmpz_vec_init(d);
        poly_init(P, n);
        if (iter % 2)
        {
            fmpq_t lo, hi;
            fmpq_init(lo);
            fmpq_init(hi);
            fmpq_set_si(lo, -1, 1);
            fmpq_set_si(hi, 1, 1);
            poly_set_box(P, lo, hi);
            fmpq_clear(lo);
            fmpq_clear(hi);
        }
        total += check_same(P, state);
        for (slong c = 0; c < cuts; c++)
        {
            for (slong k = 0; k < d; k++)
                fmpz_set_si(g + k, (slong) n_randint(state, 5) - 2);
            if (poly_side(P, g) != POLY_CUT)
                continue;
            poly_cut(P, g, c);
            total += check_same(P, state);
        }
        _fmpz_vec_clear(g, d);
        poly_clear(P);
    }
    /* more than 64 constraints (several words of incidence): the tangent
       lines y >= 2 t x - t^2 of a parabola, t = -40..40, capped by y <= 2000,
       in the plane and as a prism in R^3 (unbounded without the cap) */
    for (slong n = 2; n <= 3; n++)
        for (int capped = 0; capped <= 1; capped++)
        {
            slong d = n + 1;
            poly_t P;
            fmpz * g = _fmpz_vec_init(d);
            poly_init(P, n);
            for (slong t = -40; t <= 40; t++)
            {
                _fmpz_vec_zero(g, d);
                fmpz_set_si(g, t * t);
                fmpz_set_si(g + 1, -2 * t);
                fmpz_one(g + 2);
                poly_cut(P, g, t + 40);
            }
            _fmpz_vec_zero(g, d);
            if (capped)
            {
                fmpz_set_si(g, 2000);
                fmpz_set_si(g + 2, -1);
                poly_cut(P, g, 100);
            }
            for (slong s = -1; s <= 1 && n == 3; s += 2)
            {
                _fmpz_vec_zero(g, d);
                fmpz_one(g);
                fmpz_set_si(g + 3, s);
                poly_cut(P, g, 101 + s);
            }
            CHECK(P->cw > 1, "only %ld constraints", (long) P->ncons);
            total += check_same(P, state);
            _fmpz_vec_clear(g, d);
            poly_clear(P);
        }
    /* constraints outnumbering generators (the face iterator): cross-polytopes
       |x_1| + ... + |x_n| <= 1, and the unbounded half of their facets with
       s_1 = +1, cut from R^n */
    for (slong n = 2; n <= 7; n++)
        for (int half = 0; half <= 1; half++)
        {
            slong d = n + 1;
            poly_t P;
            fmpz * g = _fmpz_vec_init(d);
            poly_init(P, n);
            for (ulong s = 0; s < (UWORD(1) << n); s++)
            {
                if (half && (s & 1))
                    continue;
                fmpz_one(g);
                for (slong k = 0; k < n; k++)
                    fmpz_set_si(g + 1 + k, ((s >> k) & 1) ? 1 : -1);
                if (poly_side(P, g) == POLY_CUT)
                    poly_cut(P, g, (slong) s);
            }
            CHECK(half || P->ncons > P->ngens, "cross-polytope: %ld constraints, %ld generators",
                  (long) P->ncons, (long) P->ngens);
            total += check_same(P, state);
            _fmpz_vec_clear(g, d);
            poly_clear(P);
        }
    total += check_cyclic(3, 70, state);     /* 136 facets on 70 vertices: two words per face */
    total += check_cyclic(4, 12, state);
    total += check_cyclic(5, 10, state);
    check_dd_cube();
    CHECK(total > 10000, "only %ld faces compared", (long) total);
    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
