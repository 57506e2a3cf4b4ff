/* Face lattices: f-vectors and flag counts of the cube, simplex,
   cross-polytope, prisms over n-gons and the permutahedra of order 4 and 5
   (3D and 4D, given in R^4 and R^5 as lower-dimensional sets) agree with their
   formulas; every lattice satisfies the axioms checked by brute force from
   inclusion alone (unique bottom and top, meets and joins exist, graded, the
   Hasse diagram equals the brute-force covering relation, the diamond
   property for polytopes and for intervals above a nonempty face of unbounded
   polyhedra), and the Euler-Poincare relation; for polytopes the f-vector is
   recounted from the closure of the facets under intersection. */
#include "testutil.h"
#include <flint/fmpz_vec.h>

static void
from_points(polytope_t Q, slong n, const slong * pts, slong np, const slong * rays, slong nr)
{
    fmpq_mat_t V, R, L;
    rc_error_t err;
    rc_error_init(err);
    fmpq_mat_init(V, np, n);
    fmpq_mat_init(R, nr, n);
    fmpq_mat_init(L, 0, n);
    for (slong i = 0; i < np; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set_si(fmpq_mat_entry(V, i, k), pts[i * n + k], 1);
    for (slong i = 0; i < nr; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set_si(fmpq_mat_entry(R, i, k), rays[i * n + k], 1);
    polytope_clear(Q);
    polytope_init(Q, n);
    CHECK(polytope_set_vrep(Q, V, R, L, err) == RELU_OK, "%s", err->msg);
    CHECK(polytope_verify_cdd(Q, err) == RELU_OK, "%s", err->msg);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
    fmpq_mat_clear(L);
}

static slong
stirling2(slong n, slong k)
{
    if (n == 0 && k == 0)
        return 1;
    if (n == 0 || k == 0)
        return 0;
    return k * stirling2(n - 1, k) + stirling2(n - 1, k - 1);
}

static slong
factorial(slong n)
{
    return n <= 1 ? 1 : n * factorial(n - 1);
}

/* rank for the grading: dim, and lineality - 1 for the empty face */
static slong
rank_of(const polytope_lattice_t F, const polytope_t Q, slong i)
{
    return F->dim[i] < 0 ? Q->nl - 1 : F->dim[i];
}

static int
leq(const polytope_lattice_t F, slong a, slong b)
{
    return bs_subset(polytope_lattice_gens(F, a), polytope_lattice_gens(F, b), F->gw);
}

/* The axioms, from inclusion of generator sets only. pairs: how many random
   pairs to test for meets and joins (all pairs when the lattice is small). */
static void
check_lattice(const polytope_t Q, const polytope_lattice_t F, flint_rand_t st)
{
    slong num = F->num;
    /* distinct faces; bottom = index 0 (empty), top = last (Q) */
    for (slong a = 0; a < num; a++)
    {
        CHECK(leq(F, 0, a) && leq(F, a, num - 1), "bottom/top");
        for (slong b = a + 1; b < num && num <= 600; b++)
            CHECK(!bs_equal(polytope_lattice_gens(F, a), polytope_lattice_gens(F, b), F->gw), "two equal faces");
    }
    CHECK(F->dim[0] == -1 && bs_is_zero(polytope_lattice_gens(F, 0), F->gw), "empty face first");
    CHECK(F->dim[num - 1] == Q->dim, "top is Q");
    /* meets and joins */
    slong total = num * num, tests = total <= 40000 ? total : test_iters(20000);
    for (slong t = 0; t < tests; t++)
    {
        slong a = total <= 40000 ? t / num : (slong) n_randint(st, num);
        slong b = total <= 40000 ? t % num : (slong) n_randint(st, num);
        for (int join = 0; join < 2; join++)
        {
            slong best = -1;
            for (slong c = 0; c < num; c++)
            {
                int bound = join ? (leq(F, a, c) && leq(F, b, c)) : (leq(F, c, a) && leq(F, c, b));
                if (!bound)
                    continue;
                if (best < 0 || (join ? leq(F, c, best) : leq(F, best, c)))
                    best = c;
            }
            CHECK(best >= 0, "no bound");
            for (slong c = 0; c < num; c++)
            {
                int bound = join ? (leq(F, a, c) && leq(F, b, c)) : (leq(F, c, a) && leq(F, c, b));
                if (bound)
                    CHECK(join ? leq(F, best, c) : leq(F, c, best), "%s of %ld and %ld does not exist",
                          join ? "join" : "meet", (long) a, (long) b);
            }
        }
    }
    /* covering relation by brute force equals the Hasse diagram; graded */
    if (num <= 600)
    {
        slong covers = 0;
        for (slong b = 0; b < num; b++)
        {
            slong p = F->down_start[b];
            for (slong a = 0; a < num; a++)
            {
                if (a == b || !leq(F, a, b))
                    continue;
                int cover = 1;
                for (slong c = 0; c < num && cover; c++)
                    if (c != a && c != b && leq(F, a, c) && leq(F, c, b))
                        cover = 0;
                if (!cover)
                    continue;
                covers++;
                CHECK(rank_of(F, Q, b) == rank_of(F, Q, a) + 1, "not graded");
                CHECK(p < F->down_start[b + 1] && F->down[p] == a, "Hasse diagram differs at face %ld", (long) b);
                p++;
            }
            CHECK(p == F->down_start[b + 1], "Hasse diagram has extra covers at %ld", (long) b);
        }
        CHECK(covers == F->down_start[num], "cover count");
        /* up lists are the transposed down lists */
        for (slong a = 0; a < num; a++)
            for (slong p = F->up_start[a]; p < F->up_start[a + 1]; p++)
            {
                slong b = F->up[p], found = 0;
                for (slong q = F->down_start[b]; q < F->down_start[b + 1]; q++)
                    found |= F->down[q] == a;
                CHECK(found, "up list");
            }
    }
    /* diamond property: intervals of length 2 have exactly two middle elements
       (for unbounded polyhedra only above a nonempty face) */
    for (slong a = polytope_is_bounded(Q) ? 0 : 1; a < num; a++)
        for (slong b = 0; b < num; b++)
        {
            if (rank_of(F, Q, b) != rank_of(F, Q, a) + 2 || !leq(F, a, b))
                continue;
            slong mid = 0;
            for (slong p = F->down_start[b]; p < F->down_start[b + 1]; p++)
                mid += leq(F, a, F->down[p]);
            CHECK(mid == 2, "diamond property fails: %ld middle elements", (long) mid);
        }
    /* facets of each face: exactly the facets containing all its generators */
    for (slong i = 0; i < num; i++)
        for (slong j = 0; j < Q->m; j++)
        {
            int on = 1;
            for (slong g = 0; g < F->ng; g++)
                if (bs_test(polytope_lattice_gens(F, i), g) && !polytope_incident(Q, g, j))
                    on = 0;
            CHECK(on == bs_test(polytope_lattice_facets(F, i), j), "facets of face %ld", (long) i);
        }
    /* Euler: sum (-1)^dim over the nonempty faces */
    slong chi = 0;
    for (slong i = 1; i < num; i++)
        chi += F->dim[i] % 2 ? -1 : 1;
    CHECK(chi == (Q->nr > 0 ? 0 : (Q->nl % 2 ? -1 : 1)), "Euler-Poincare: %ld", (long) chi);
    /* flag f-vector: singletons are the f-vector, the full set the flags */
    if (Q->dim <= 8)
    {
        slong d = Q->dim, *f = flint_malloc((d + 1) * sizeof(slong));
        fmpz * r = _fmpz_vec_init(WORD(1) << d);
        fmpz_t fl;
        fmpz_init(fl);
        polytope_fvector(f, Q);
        polytope_lattice_flag_fvector(r, F);
        polytope_lattice_flags(fl, F);
        CHECK(fmpz_is_one(r + 0), "flag f-vector of the empty set");
        for (slong k = 0; k < d; k++)
            CHECK(fmpz_equal_si(r + (WORD(1) << k), f[k]), "flag f-vector at {%ld}", (long) k);
        if (Q->nl == 0)
            CHECK(fmpz_equal(r + (WORD(1) << d) - 1, fl), "flags vs flag f-vector");
        fmpz_clear(fl);
        _fmpz_vec_clear(r, WORD(1) << d);
        flint_free(f);
    }
}

/* Faces of a polytope a second way, without the engine's face enumeration: the
   proper faces are exactly the nonempty intersections of facets (as vertex
   sets), so close the facets' vertex sets under intersection; the dimension
   of a face is the rank of the differences of its vertices. */
static void
check_faces_by_intersections(const polytope_t Q, const polytope_lattice_t F)
{
    slong nv = Q->nv, n = Q->n, gw = BS_WORDS(nv);
    bsset_t S;
    bsset_init(S, FLINT_MAX(gw, 1));
    bword * s = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    for (slong j = 0; j < Q->m; j++)
    {
        bs_zero(s, gw);
        for (slong i = 0; i < nv; i++)
            if (polytope_incident(Q, i, j))
                bs_set(s, i);
        bsset_insert(S, s, NULL);
    }
    for (slong a = 0; a < S->num; a++)            /* S grows while we go */
        for (slong b = 0; b < a; b++)
        {
            bs_and(s, bsset_get(S, a), bsset_get(S, b), gw);
            if (!bs_is_zero(s, gw))
                bsset_insert(S, s, NULL);
        }
    bs_fill(s, nv);
    bsset_insert(S, s, NULL);                     /* Q itself */
    slong f[16] = { 0 }, fl[16];
    fmpq_mat_t M;
    for (slong a = 0; a < S->num; a++)
    {
        const bword * t = bsset_get(S, a);
        slong first = -1, cnt = bs_count(t, gw), r = 0;
        fmpq_mat_init(M, FLINT_MAX(cnt, 1), n);
        for (slong i = 0; i < nv; i++)
            if (bs_test(t, i))
            {
                if (first < 0)
                    first = i;
                else
                {
                    for (slong k = 0; k < n; k++)
                        fmpq_sub(fmpq_mat_entry(M, r, k), Q->vert + i * n + k, Q->vert + first * n + k);
                    r++;
                }
            }
        fmpq_mat_t E;
        fmpq_mat_init(E, FLINT_MAX(cnt, 1), n);
        f[fmpq_mat_rref(E, M)]++;
        fmpq_mat_clear(E);
        fmpq_mat_clear(M);
    }
    polytope_fvector(fl, Q);
    for (slong k = 0; k <= Q->dim; k++)
        CHECK(f[k] == fl[k], "f_%ld: %ld by intersections of facets, %ld from the lattice", (long) k, (long) f[k], (long) fl[k]);
    CHECK(S->num == F->num - 1, "face count");
    flint_free(s);
    bsset_clear(S);
}

static void
check_counts(const polytope_t Q, const slong * fexp, slong flags_exp, flint_rand_t st, const char * what)
{
    slong d = Q->dim, f[16];
    polytope_lattice_t F;
    fmpz_t fl;
    fmpz_init(fl);
    polytope_fvector(f, Q);
    for (slong k = 0; k < d; k++)
        CHECK(f[k] == fexp[k], "%s: f_%ld = %ld, expected %ld", what, (long) k, (long) f[k], (long) fexp[k]);
    /* Euler-Poincare for polytopes: sum_{k<d} (-1)^k f_k = 1 - (-1)^d */
    slong s = 0;
    for (slong k = 0; k < d; k++)
        s += (k % 2 ? -1 : 1) * f[k];
    CHECK(s == 1 - (d % 2 ? -1 : 1), "%s: Euler-Poincare", what);
    polytope_lattice_init(F);
    polytope_lattice_compute(F, Q);
    check_lattice(Q, F, st);
    check_faces_by_intersections(Q, F);
    polytope_lattice_flags(fl, F);
    CHECK(fmpz_equal_si(fl, flags_exp), "%s: %ld flags expected", what, (long) flags_exp);
    polytope_lattice_clear(F);
    fmpz_clear(fl);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_lattice....");
    fflush(stdout);
    polytope_t Q;
    polytope_init(Q, 1);
    slong f[16];

    for (slong d = 1; d <= 5; d++)
    {
        /* cube {0,1}^d: f_k = C(d,k) 2^(d-k), flags 2^d d! */
        slong np = WORD(1) << d, *pts = flint_malloc(np * d * sizeof(slong));
        for (slong v = 0; v < np; v++)
            for (slong k = 0; k < d; k++)
                pts[v * d + k] = (v >> k) & 1;
        from_points(Q, d, pts, np, NULL, 0);
        for (slong k = 0; k < d; k++)
            f[k] = test_binom(d, k) << (d - k);
        check_counts(Q, f, (WORD(1) << d) * factorial(d), st, "cube");
        flint_free(pts);

        /* simplex: f_k = C(d+1, k+1), flags (d+1)! */
        pts = flint_calloc((d + 1) * d, sizeof(slong));
        for (slong i = 0; i < d; i++)
            pts[(i + 1) * d + i] = 1;
        from_points(Q, d, pts, d + 1, NULL, 0);
        for (slong k = 0; k < d; k++)
            f[k] = test_binom(d + 1, k + 1);
        check_counts(Q, f, factorial(d + 1), st, "simplex");
        flint_free(pts);

        /* cross-polytope: f_k = 2^(k+1) C(d, k+1), flags 2^d d! */
        pts = flint_calloc(2 * d * d, sizeof(slong));
        for (slong i = 0; i < d; i++)
        {
            pts[(2 * i) * d + i] = 1;
            pts[(2 * i + 1) * d + i] = -1;
        }
        from_points(Q, d, pts, 2 * d, NULL, 0);
        for (slong k = 0; k < d; k++)
            f[k] = (WORD(1) << (k + 1)) * test_binom(d, k + 1);
        check_counts(Q, f, (WORD(1) << d) * factorial(d), st, "cross-polytope");
        flint_free(pts);
    }

    /* prism over an n-gon (the n-gon on the parabola y = x^2): (2n, 3n, n+2), 12n flags */
    for (slong n = 3; n <= 9; n++)
    {
        slong * pts = flint_malloc(2 * n * 3 * sizeof(slong));
        for (slong i = 0; i < n; i++)
            for (slong h = 0; h < 2; h++)
            {
                pts[(2 * i + h) * 3 + 0] = i;
                pts[(2 * i + h) * 3 + 1] = i * i;
                pts[(2 * i + h) * 3 + 2] = h;
            }
        from_points(Q, 3, pts, 2 * n, NULL, 0);
        f[0] = 2 * n; f[1] = 3 * n; f[2] = n + 2;
        check_counts(Q, f, 12 * n, st, "prism");
        flint_free(pts);
    }

    /* permutahedra of order r = 4, 5: permutations of (1..r) in R^r, dimension r - 1,
       f_k = (r-k)! S(r, r-k); simple, so flags = f_0 (r-1)! */
    for (slong r = 4; r <= 5; r++)
    {
        slong np = factorial(r), *pts = flint_malloc(np * r * sizeof(slong)), *p = flint_malloc(r * sizeof(slong));
        for (slong v = 0; v < np; v++)
        {
            slong x = v;
            char used[8] = { 0 };
            for (slong i = 0; i < r; i++)
            {
                slong q = x / factorial(r - 1 - i);
                x %= factorial(r - 1 - i);
                for (slong s = 0; s < r; s++)
                    if (!used[s] && q-- == 0)
                    {
                        p[i] = s;
                        used[s] = 1;
                        break;
                    }
                pts[v * r + i] = p[i] + 1;
            }
        }
        from_points(Q, r, pts, np, NULL, 0);
        CHECK(Q->dim == r - 1 && Q->neq == 1, "permutahedron dimension %ld", (long) Q->dim);
        for (slong k = 0; k < r - 1; k++)
            f[k] = factorial(r - k) * stirling2(r, r - k);
        check_counts(Q, f, np * factorial(r - 1), st, "permutahedron");
        flint_free(pts);
        flint_free(p);
    }

    /* unbounded polyhedra: random points and rays (lineality arises when rays oppose) */
    for (slong iter = 0; iter < test_iters(150); iter++)
    {
        slong n = 1 + n_randint(st, 4), np = 1 + n_randint(st, 6), nr = 1 + n_randint(st, 4);
        slong * pts = flint_malloc(np * n * sizeof(slong)), * rays = flint_malloc(nr * n * sizeof(slong));
        for (slong i = 0; i < np * n; i++)
            pts[i] = (slong) n_randint(st, 7) - 3;
        for (slong i = 0; i < nr * n; i++)
            rays[i] = (slong) n_randint(st, 5) - 2;
        from_points(Q, n, pts, np, rays, nr);
        polytope_lattice_t F;
        polytope_lattice_init(F);
        polytope_lattice_compute(F, Q);
        check_lattice(Q, F, st);
        polytope_lattice_clear(F);
        flint_free(pts);
        flint_free(rays);
    }

    /* random polytopes, full and lower dimensional */
    for (slong iter = 0; iter < test_iters(150); iter++)
    {
        slong n = 1 + n_randint(st, 4), np = 1 + n_randint(st, 10);
        slong * pts = flint_malloc(np * n * sizeof(slong));
        for (slong i = 0; i < np * n; i++)
            pts[i] = (slong) n_randint(st, 9) - 4;
        if (n >= 2 && n_randint(st, 3) == 0)
            for (slong i = 0; i < np; i++)
                pts[i * n + n - 1] = pts[i * n] - 2 * pts[i * n + 1];   /* a hyperplane */
        from_points(Q, n, pts, np, NULL, 0);
        polytope_lattice_t F;
        polytope_lattice_init(F);
        polytope_lattice_compute(F, Q);
        check_lattice(Q, F, st);
        if (Q->dim > 0)
            check_faces_by_intersections(Q, F);
        polytope_lattice_clear(F);
        flint_free(pts);
    }

    polytope_clear(Q);
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
