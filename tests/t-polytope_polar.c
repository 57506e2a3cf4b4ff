/* Polar duality: polar(polar(P)) = P exactly (about the origin, and about a
   centre c, where the polar of the polar is P - c); the polar of the cube
   [-1,1]^d is the cross-polytope conv(+-e_i), equal as sets and by
   combinatorial type; the vertex/facet correspondence and the face-lattice
   anti-isomorphism are verified; cddlib agrees on every polar; (x - c).y <= 1
   for sampled points of both; the documented errors (centre not interior,
   unbounded, lower-dimensional). */
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

/* D = polar of Q about c, with every check; returns the status */
static int
polar_checked(polytope_t D, const polytope_t Q, const fmpq * c, flint_rand_t st)
{
    rc_error_t err;
    rc_error_init(err);
    slong * vmap = flint_malloc((Q->nv + 1) * sizeof(slong)), * fmap = flint_malloc((Q->m + 1) * sizeof(slong));
    int status = polytope_polar(D, vmap, fmap, Q, c, err);
    if (status == RELU_OK)
    {
        CHECK(polytope_verify_cdd(D, err) == RELU_OK, "cddlib on the polar: %s", err->msg);
        polytope_lattice_t LP, LD;
        polytope_lattice_init(LP);
        polytope_lattice_init(LD);
        polytope_lattice_compute(LP, Q);
        polytope_lattice_compute(LD, D);
        slong * map = flint_malloc(LP->num * sizeof(slong));
        CHECK(polytope_lattice_antiisomorphism(map, LP, LD, vmap, fmap, Q->dim, err) == RELU_OK, "%s", err->msg);
        /* f-vectors reversed */
        slong fq[8], fd[8], d = Q->dim;
        polytope_fvector(fq, Q);
        polytope_fvector(fd, D);
        for (slong k = 0; k < d; k++)
            CHECK(fq[k] == fd[d - 1 - k], "f-vectors not reversed");
        /* sampled points: (x - c).y <= 1 for x in Q (vertex combinations), y in D */
        slong n = Q->n;
        fmpq_t s, t, w;
        fmpq_init(s); fmpq_init(t); fmpq_init(w);
        fmpq * x = _fmpq_vec_init(n), * y = _fmpq_vec_init(n);
        for (slong rep = 0; rep < 10; rep++)
        {
            for (int side = 0; side < 2; side++)
            {
                const polytope_struct * P = side ? D : Q;
                fmpq * z = side ? y : x;
                slong tot = 0;
                for (slong k = 0; k < n; k++)
                    fmpq_zero(z + k);
                for (slong i = 0; i < P->nv; i++)
                {
                    slong wi = n_randint(st, 4);
                    tot += wi;
                    for (slong k = 0; k < n; k++)
                    {
                        fmpq_mul_si(t, P->vert + i * n + k, wi);
                        fmpq_add(z + k, z + k, t);
                    }
                }
                if (tot == 0)
                {
                    for (slong k = 0; k < n; k++)
                        fmpq_set(z + k, P->vert + k);
                    tot = 1;
                }
                fmpq_set_si(w, tot, 1);
                for (slong k = 0; k < n; k++)
                    fmpq_div(z + k, z + k, w);
            }
            fmpq_zero(s);
            for (slong k = 0; k < n; k++)
            {
                fmpq_sub(t, x + k, c + k);
                fmpq_mul(t, t, y + k);
                fmpq_add(s, s, t);
            }
            CHECK(fmpq_cmp_si(s, 1) <= 0, "a point pair violates (x - c).y <= 1");
        }
        _fmpq_vec_clear(x, n);
        _fmpq_vec_clear(y, n);
        fmpq_clear(s); fmpq_clear(t); fmpq_clear(w);
        flint_free(map);
        polytope_lattice_clear(LP);
        polytope_lattice_clear(LD);
    }
    flint_free(vmap);
    flint_free(fmap);
    return status;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_polar....");
    fflush(stdout);
    polytope_t Q, D, E, T;
    polytope_init(Q, 1);
    polytope_init(D, 1);
    polytope_init(E, 1);
    polytope_init(T, 1);

    /* polar of [-1,1]^d is conv(+-e_i), and back */
    for (slong d = 1; d <= 5; d++)
    {
        slong np = WORD(1) << d;
        fmpq * pts = _fmpq_vec_init(np * d), * cross = _fmpq_vec_init(2 * d * d), * c = _fmpq_vec_init(d);
        for (slong v = 0; v < np; v++)
            for (slong k = 0; k < d; k++)
                fmpq_set_si(pts + v * d + k, ((v >> k) & 1) ? 1 : -1, 1);
        for (slong i = 0; i < d; i++)
        {
            fmpq_set_si(cross + (2 * i) * d + i, 1, 1);
            fmpq_set_si(cross + (2 * i + 1) * d + i, -1, 1);
        }
        from_points(Q, d, pts, np);
        from_points(T, d, cross, 2 * d);
        CHECK(polar_checked(D, Q, c, st) == RELU_OK, "polar of the cube");
        CHECK(polytope_equal(D, T), "polar of the %ld-cube is not the cross-polytope", (long) d);
        slong * gm = flint_malloc(64 * sizeof(slong)), * fm = flint_malloc(64 * sizeof(slong));
        CHECK(polytope_isomorphism(gm, fm, D, T) == 1, "type check");
        flint_free(gm);
        flint_free(fm);
        if (d == 3)
        {
            char buf[128];
            const char * name = polytope_type_name(buf, sizeof(buf), D);
            CHECK(name && !strcmp(name, "octahedron (3-cross-polytope)"), "name %s", name ? name : "null");
        }
        CHECK(polar_checked(E, D, c, st) == RELU_OK, "polar of the cross-polytope");
        CHECK(polytope_equal(E, Q), "polar of the polar");
        _fmpq_vec_clear(pts, np * d);
        _fmpq_vec_clear(cross, 2 * d * d);
        _fmpq_vec_clear(c, d);
    }

    /* random polytopes around the origin; then about a random interior centre */
    for (slong iter = 0; iter < test_iters(80); iter++)
    {
        slong n = 1 + n_randint(st, 4), extra = n_randint(st, 8), np = 2 * n + extra;
        fmpq * pts = _fmpq_vec_init(np * n), * c = _fmpq_vec_init(n);
        for (slong i = 0; i < n; i++)
        {
            fmpq_set_si(pts + (2 * i) * n + i, 1 + n_randint(st, 3), 1 + n_randint(st, 2));
            fmpq_set_si(pts + (2 * i + 1) * n + i, -1 - (slong) n_randint(st, 3), 1 + n_randint(st, 2));
        }
        for (slong i = 2 * n; i < np; i++)
            for (slong k = 0; k < n; k++)
                fmpq_set_si(pts + i * n + k, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
        from_points(Q, n, pts, np);
        CHECK(polar_checked(D, Q, c, st) == RELU_OK, "polar about 0");
        CHECK(polar_checked(E, D, c, st) == RELU_OK, "polar of the polar");
        CHECK(polytope_equal(E, Q), "polar(polar(P)) != P");

        /* centre: a random convex combination of the vertices with positive weights */
        {
            slong tot = 0;
            fmpq_t t;
            fmpq_init(t);
            for (slong i = 0; i < Q->nv; i++)
            {
                slong w = 1 + n_randint(st, 3);
                tot += w;
                for (slong k = 0; k < n; k++)
                {
                    fmpq_mul_si(t, Q->vert + i * n + k, w);
                    fmpq_add(c + k, c + k, t);
                }
            }
            fmpz_set_si(fmpq_numref(t), tot);
            fmpz_one(fmpq_denref(t));
            for (slong k = 0; k < n; k++)
                fmpq_div(c + k, c + k, t);
            fmpq_clear(t);
        }
        CHECK(polar_checked(D, Q, c, st) == RELU_OK, "polar about c");
        fmpq * z = _fmpq_vec_init(n);
        CHECK(polar_checked(E, D, z, st) == RELU_OK, "polar of the polar about 0");
        /* Q - c */
        for (slong i = 0; i < np; i++)
            for (slong k = 0; k < n; k++)
                fmpq_sub(pts + i * n + k, pts + i * n + k, c + k);
        from_points(T, n, pts, np);
        CHECK(polytope_equal(E, T), "polar(polar_c(P)) != P - c");

        /* a vertex as centre is not interior */
        rc_error_t err;
        rc_error_init(err);
        slong * vm = flint_malloc((Q->nv + 1) * sizeof(slong)), * fm = flint_malloc((Q->m + 1) * sizeof(slong));
        CHECK(polytope_polar(D, vm, fm, Q, Q->vert, err) == RELU_E_INPUT, "vertex accepted as centre");
        flint_free(vm);
        flint_free(fm);
        _fmpq_vec_clear(z, n);
        _fmpq_vec_clear(pts, np * n);
        _fmpq_vec_clear(c, n);
    }

    /* unbounded and lower-dimensional: unsupported */
    {
        rc_error_t err;
        fmpq_mat_t V, R, L;
        slong vm[8], fm[8];
        fmpq * c = _fmpq_vec_init(2);
        rc_error_init(err);
        fmpq_mat_init(V, 2, 2);
        fmpq_mat_init(R, 1, 2);
        fmpq_mat_init(L, 0, 2);
        fmpq_set_si(fmpq_mat_entry(V, 0, 0), -1, 1);
        fmpq_set_si(fmpq_mat_entry(V, 1, 0), 1, 1);
        fmpq_set_si(fmpq_mat_entry(R, 0, 1), 1, 1);
        polytope_clear(Q);
        polytope_init(Q, 2);
        CHECK(polytope_set_vrep(Q, V, R, L, err) == RELU_OK, "%s", err->msg);
        CHECK(polytope_polar(D, vm, fm, Q, c, err) == RELU_E_UNSUPPORTED, "unbounded accepted");
        fmpq_mat_clear(R);
        fmpq_mat_init(R, 0, 2);
        CHECK(polytope_set_vrep(Q, V, R, L, err) == RELU_OK, "%s", err->msg);
        CHECK(Q->dim == 1, "segment");
        CHECK(polytope_polar(D, vm, fm, Q, c, err) == RELU_E_UNSUPPORTED, "lower-dimensional accepted");
        fmpq_mat_clear(V); fmpq_mat_clear(R); fmpq_mat_clear(L);
        _fmpq_vec_clear(c, 2);
    }

    polytope_clear(Q);
    polytope_clear(D);
    polytope_clear(E);
    polytope_clear(T);
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
