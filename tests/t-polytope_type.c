/* Combinatorial types: the canonical form is invariant under relabelling and
   invertible affine maps, equal forms come with an isomorphism of the
   incidences that is checked here entry by entry, different types get
   different forms (the cube and the tetrahedron with two vertices cut off
   share the f-vector (8, 12, 6)), and the common types are named from
   coordinates: polygons, simplices, cubes (and a frustum, a cube
   combinatorially), cross-polytopes, prisms, pyramids, bipyramids, the
   icosahedron and (as its polar) the dodecahedron, permutahedra; zonotopes are
   recognised with their generators (random sums of segments, the rhombic
   dodecahedron), and the octahedron and a frustum are not zonotopes. */
#include "testutil.h"

static void
from_points(polytope_t Q, slong n, const fmpq * pts, slong np)
{
    fmpq_mat_t V, R;
    rc_error_t err;
    rc_error_init(err);
    fmpq_mat_init(V, np, n);
    fmpq_mat_init(R, 0, n);
    for (slong i = 0; i < np; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set(fmpq_mat_entry(V, i, k), pts + i * n + k);
    polytope_clear(Q);
    polytope_init(Q, n);
    CHECK(polytope_set_vrep(Q, V, R, R, err) == RELU_OK, "%s", err->msg);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
}

static void
from_ints(polytope_t Q, slong n, const slong * p, slong np)
{
    fmpq * pts = _fmpq_vec_init(np * n);
    for (slong i = 0; i < np * n; i++)
        fmpq_set_si(pts + i, p[i], 1);
    from_points(Q, n, pts, np);
    _fmpq_vec_clear(pts, np * n);
}

static int
is_singular(const fmpq_mat_t M)
{
    fmpq_t det;
    fmpq_init(det);
    fmpq_mat_det(det, M);
    int z = fmpq_is_zero(det);
    fmpq_clear(det);
    return z;
}

static void
check_name(const polytope_t Q, const char * expect)
{
    char buf[128];
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    if (expect == NULL)
        CHECK(name == NULL, "expected no name, got %s", name);
    else
        CHECK(name != NULL && !strcmp(name, expect), "expected %s, got %s", expect, name ? name : "null");
}

/* the isomorphism maps incidence to incidence (checked independently here) */
static int
equivalent(const polytope_t Q, const polytope_t R)
{
    slong * gm = flint_malloc((polytope_num_gens(Q) + 1) * sizeof(slong)), * fm = flint_malloc((Q->m + 1) * sizeof(slong));
    int r = -3;
    if (Q->nv == R->nv && Q->nr == R->nr && Q->m == R->m)
    {
        r = polytope_isomorphism(gm, fm, Q, R);
        CHECK(r >= 0, "isomorphism search: %d", r);
        if (r == 1)
        {
            char * seen = flint_calloc(polytope_num_gens(Q) + Q->m + 1, 1);
            for (slong i = 0; i < polytope_num_gens(Q); i++)
            {
                CHECK(!seen[gm[i]], "generator map not injective");
                seen[gm[i]] = 1;
                CHECK((i < Q->nv) == (gm[i] < R->nv), "vertex mapped to a ray");
                for (slong j = 0; j < Q->m; j++)
                    CHECK(polytope_incident(Q, i, j) == polytope_incident(R, gm[i], fm[j]), "incidence not kept");
            }
            flint_free(seen);
        }
    }
    else
        r = 0;
    flint_free(gm);
    flint_free(fm);
    return r;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_type....");
    fflush(stdout);
    polytope_t Q, R;
    polytope_init(Q, 1);
    polytope_init(R, 1);

    /* invariance: random polytopes, shuffled and mapped by a random invertible affine map */
    for (slong iter = 0; iter < test_iters(200); iter++)
    {
        slong n = 1 + n_randint(st, 4), np = n + 1 + n_randint(st, 8);
        fmpq * pts = _fmpq_vec_init(np * n), * img = _fmpq_vec_init(np * n);
        fmpq_mat_t M;
        fmpq_t t;
        fmpq_init(t);
        fmpq_mat_init(M, n, n);
        for (slong i = 0; i < np * n; i++)
            fmpq_set_si(pts + i, (slong) n_randint(st, 9) - 4, 1);
        do
            for (slong a = 0; a < n; a++)
                for (slong b = 0; b < n; b++)
                    fmpq_set_si(fmpq_mat_entry(M, a, b), (slong) n_randint(st, 7) - 3, 1 + n_randint(st, 2));
        while (is_singular(M));
        slong * perm = flint_malloc(np * sizeof(slong));
        for (slong i = 0; i < np; i++)
            perm[i] = i;
        for (slong i = np - 1; i > 0; i--)
        {
            slong j = n_randint(st, i + 1), s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        for (slong i = 0; i < np; i++)
            for (slong a = 0; a < n; a++)
            {
                fmpq_set_si(img + i * n + a, a, 1);     /* translation */
                for (slong b = 0; b < n; b++)
                {
                    fmpq_mul(t, fmpq_mat_entry(M, a, b), pts + perm[i] * n + b);
                    fmpq_add(img + i * n + a, img + i * n + a, t);
                }
            }
        from_points(Q, n, pts, np);
        from_points(R, n, img, np);
        char * c1 = polytope_canonical_form(NULL, NULL, Q), * c2 = polytope_canonical_form(NULL, NULL, R);
        CHECK(c1 && c2 && !strcmp(c1, c2), "canonical form not invariant");
        CHECK(equivalent(Q, R) == 1, "not equivalent to its image");
        flint_free(c1);
        flint_free(c2);
        flint_free(perm);
        fmpq_mat_clear(M);
        fmpq_clear(t);
        _fmpq_vec_clear(pts, np * n);
        _fmpq_vec_clear(img, np * n);
    }

    /* polygons on the parabola */
    {
        const char * names[] = { "triangle", "quadrilateral", "pentagon", "hexagon", "heptagon", "octagon",
                                 "nonagon", "decagon", "11-gon", "12-gon" };
        for (slong k = 3; k <= 12; k++)
        {
            slong p[24];
            for (slong i = 0; i < k; i++)
                p[2 * i] = i, p[2 * i + 1] = i * i;
            from_ints(Q, 2, p, k);
            check_name(Q, names[k - 3]);
        }
    }
    /* cube and a frustum of a square pyramid: both "cube"; the tetrahedron with two
       vertices truncated has the same f-vector and is not equivalent */
    {
        slong cube[24], frustum[24];
        for (slong v = 0; v < 8; v++)
            for (slong k = 0; k < 3; k++)
                cube[3 * v + k] = (v >> k) & 1;
        for (slong v = 0; v < 8; v++)
        {
            slong top = v >> 2;
            frustum[3 * v + 0] = (v & 1 ? 1 : -1) * (top ? 1 : 2);
            frustum[3 * v + 1] = (v & 2 ? 1 : -1) * (top ? 1 : 2);
            frustum[3 * v + 2] = top;
        }
        slong cut[24] = { 0,0,0, 0,0,6, 4,0,0, 4,2,0, 4,0,2, 0,4,0, 2,4,0, 0,4,2 };
        polytope_t S;
        polytope_init(S, 3);
        from_ints(Q, 3, cube, 8);
        from_ints(R, 3, frustum, 8);
        from_ints(S, 3, cut, 8);
        check_name(Q, "cube");
        check_name(R, "cube");
        check_name(S, NULL);
        slong f[4];
        polytope_fvector(f, S);
        CHECK(f[0] == 8 && f[1] == 12 && f[2] == 6, "truncated tetrahedron f-vector");
        CHECK(equivalent(Q, R) == 1, "frustum is a cube");
        CHECK(equivalent(Q, S) == 0, "truncated tetrahedron is not a cube");
        char * c1 = polytope_canonical_form(NULL, NULL, Q), * c2 = polytope_canonical_form(NULL, NULL, S);
        CHECK(strcmp(c1, c2) != 0, "different types, same form");
        flint_free(c1);
        flint_free(c2);
        polytope_clear(S);
    }
    /* simplices, cubes and cross-polytopes in dimensions 3, 4 */
    for (slong d = 3; d <= 4; d++)
    {
        slong p[16 * 4] = { 0 };
        char buf[64];
        for (slong i = 0; i < d; i++)
            p[(i + 1) * d + i] = 1;
        from_ints(Q, d, p, d + 1);
        check_name(Q, d == 3 ? "tetrahedron (3-simplex)" : "4-simplex");
        for (slong v = 0; v < (WORD(1) << d); v++)
            for (slong k = 0; k < d; k++)
                p[v * d + k] = (v >> k) & 1;
        from_ints(Q, d, p, WORD(1) << d);
        check_name(Q, d == 3 ? "cube" : "4-cube (tesseract)");
        for (slong i = 0; i < 2 * d * d; i++)
            p[i] = 0;
        for (slong i = 0; i < d; i++)
            p[(2 * i) * d + i] = 1, p[(2 * i + 1) * d + i] = -1;
        from_ints(Q, d, p, 2 * d);
        snprintf(buf, sizeof(buf), "%ld-cross-polytope", (long) d);
        check_name(Q, d == 3 ? "octahedron (3-cross-polytope)" : buf);
    }
    /* prism, pyramid, bipyramid over a pentagon (on the parabola, centroid (2, 6)) */
    {
        slong p[3 * 12];
        for (slong i = 0; i < 5; i++)
            for (slong h = 0; h < 2; h++)
                p[3 * (2 * i + h)] = i, p[3 * (2 * i + h) + 1] = i * i, p[3 * (2 * i + h) + 2] = h;
        from_ints(Q, 3, p, 10);
        check_name(Q, "prism over a pentagon");
        for (slong i = 0; i < 5; i++)
            p[3 * i] = i, p[3 * i + 1] = i * i, p[3 * i + 2] = 0;
        p[15] = 2, p[16] = 6, p[17] = 1;
        from_ints(Q, 3, p, 6);
        check_name(Q, "pyramid over a pentagon");
        p[18] = 2, p[19] = 6, p[20] = -1;
        from_ints(Q, 3, p, 7);
        check_name(Q, "bipyramid over a pentagon");
    }
    /* icosahedron (0, +-1, +-t) and cyclic shifts, t = 8/5 near the golden ratio; its polar */
    {
        fmpq * pts = _fmpq_vec_init(36), * c = _fmpq_vec_init(3);
        for (slong s = 0; s < 3; s++)
            for (slong a = 0; a < 2; a++)
                for (slong b = 0; b < 2; b++)
                {
                    fmpq * x = pts + 3 * (4 * s + 2 * a + b);
                    fmpq_set_si(x + (s + 1) % 3, a ? 1 : -1, 1);
                    fmpq_set_si(x + (s + 2) % 3, b ? 8 : -8, 5);
                }
        from_points(Q, 3, pts, 12);
        check_name(Q, "icosahedron");
        rc_error_t err;
        slong vm[12], fm[20];
        rc_error_init(err);
        CHECK(polytope_polar(R, vm, fm, Q, c, err) == RELU_OK, "%s", err->msg);
        check_name(R, "dodecahedron");
        _fmpq_vec_clear(pts, 36);
        _fmpq_vec_clear(c, 3);
    }
    /* permutahedra of order 4 and 5 (lower-dimensional in R^4, R^5) */
    for (slong r = 4; r <= 5; r++)
    {
        slong np = r == 4 ? 24 : 120, *p = flint_malloc(np * r * sizeof(slong)), v = 0;
        slong a[5] = { 0, 1, 2, 3, 4 };
        /* Heap's algorithm would do; simplest: all r-tuples with distinct entries */
        for (slong code = 0; code < 3125 && v < np; code++)
        {
            slong x = code, used = 0, ok = 1;
            for (slong i = 0; i < r; i++)
            {
                a[i] = x % r;
                x /= r;
                ok &= !((used >> a[i]) & 1);
                used |= WORD(1) << a[i];
            }
            if (x != 0 || !ok)
                continue;
            for (slong i = 0; i < r; i++)
                p[v * r + i] = a[i] + 1;
            v++;
        }
        CHECK(v == np, "permutations");
        from_ints(Q, r, p, np);
        check_name(Q, r == 4 ? "permutahedron of order 4 (truncated octahedron)" : "permutahedron of order 5");
        flint_free(p);
    }

    /* zonotopes: random generators in R^3; the sum of segments is recognised with
       its generators (up to order and sign); the octahedron and the frustum are not zonotopes */
    for (slong iter = 0; iter < test_iters(30); iter++)
    {
        slong k = 2 + n_randint(st, 4), gen[3 * 6], *p = flint_malloc((WORD(1) << k) * 3 * sizeof(slong));
        int dup = 0;
        for (slong j = 0; j < k; j++)
        {
            do
                for (slong t = 0; t < 3; t++)
                    gen[3 * j + t] = (slong) n_randint(st, 5) - 2;
            while (gen[3 * j] == 0 && gen[3 * j + 1] == 0 && gen[3 * j + 2] == 0);
            for (slong i = 0; i < j; i++)    /* parallel generators merge: avoid them */
            {
                slong c0 = gen[3 * i + 1] * gen[3 * j + 2] - gen[3 * i + 2] * gen[3 * j + 1];
                slong c1 = gen[3 * i + 2] * gen[3 * j] - gen[3 * i] * gen[3 * j + 2];
                slong c2 = gen[3 * i] * gen[3 * j + 1] - gen[3 * i + 1] * gen[3 * j];
                dup |= c0 == 0 && c1 == 0 && c2 == 0;
            }
        }
        if (dup)
        {
            flint_free(p);
            continue;
        }
        for (slong S = 0; S < (WORD(1) << k); S++)
            for (slong t = 0; t < 3; t++)
            {
                p[3 * S + t] = 0;
                for (slong j = 0; j < k; j++)
                    if ((S >> j) & 1)
                        p[3 * S + t] += gen[3 * j + t];
            }
        from_ints(Q, 3, p, WORD(1) << k);
        fmpq * g;
        slong kk = polytope_zonotope_generators(&g, Q);
        CHECK(kk == k, "zonotope with %ld generators recognised with %ld", (long) k, (long) kk);
        for (slong j = 0; j < k; j++)
        {
            int found = 0;
            for (slong i = 0; i < k && !found; i++)
                for (int sg = -1; sg <= 1 && !found; sg += 2)
                {
                    found = 1;
                    for (slong t = 0; t < 3; t++)
                        found &= fmpq_equal_si(g + 3 * i + t, sg * gen[3 * j + t]);
                }
            CHECK(found, "generator %ld not recovered", (long) j);
        }
        _fmpq_vec_clear(g, 3 * k);
        flint_free(p);
    }
    {
        slong rd[3 * 16], gen[12] = { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1 };
        for (slong S = 0; S < 16; S++)
            for (slong t = 0; t < 3; t++)
            {
                rd[3 * S + t] = 0;
                for (slong j = 0; j < 4; j++)
                    if ((S >> j) & 1)
                        rd[3 * S + t] += gen[3 * j + t];
            }
        from_ints(Q, 3, rd, 16);
        check_name(Q, "zonotope with 4 generators");    /* the rhombic dodecahedron */
        slong f[4];
        polytope_fvector(f, Q);
        CHECK(f[0] == 14 && f[1] == 24 && f[2] == 12, "rhombic dodecahedron");
        slong oct[18] = { 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1 };
        fmpq * g;
        from_ints(Q, 3, oct, 6);
        CHECK(polytope_zonotope_generators(&g, Q) == 0, "the octahedron is not a zonotope");
        slong fr[24] = { -2,-2,0, 2,-2,0, -2,2,0, 2,2,0, -1,-1,1, 1,-1,1, -1,1,1, 1,1,1 };
        from_ints(Q, 3, fr, 8);
        CHECK(polytope_zonotope_generators(&g, Q) == 0, "the frustum is not a zonotope");
        /* a prism over a pentagon: every edge class is one vector (top and
           bottom edges are translates), 6 classes, yet no zonotope (a
           pentagon is not centrally symmetric): the exact comparison decides */
        slong pp[30] = { 0,0,0, 4,0,0, 5,3,0, 2,5,0, -1,3,0, 0,0,1, 4,0,1, 5,3,1, 2,5,1, -1,3,1 };
        from_ints(Q, 3, pp, 10);
        CHECK(polytope_zonotope_generators(&g, Q) == 0, "the pentagonal prism is not a zonotope");
        /* the hexagonal prism is one (three pairs of parallel sides, plus height) */
        slong hp[36] = { 0,0,0, 2,0,0, 3,1,0, 2,2,0, 0,2,0, -1,1,0, 0,0,1, 2,0,1, 3,1,1, 2,2,1, 0,2,1, -1,1,1 };
        from_ints(Q, 3, hp, 12);
        slong kh = polytope_zonotope_generators(&g, Q);
        CHECK(kh == 4, "the hexagonal prism: %ld generators, 4 expected", (long) kh);
        _fmpq_vec_clear(g, 4 * 3);
    }

    polytope_clear(Q);
    polytope_clear(R);
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
