/* H -> V and V -> H agree with cddlib (both directions recomputed by
   polytope_verify_cdd), round trips give the same canonical polytope, and
   degenerate inputs are handled: lower-dimensional sets (implicit equalities
   in H-form, V-form in a proper affine subspace), redundant inequalities,
   repeated and non-extreme points, rays, lineality (also given by dependent
   vectors: a regression of issue 4, found by the level-set test), single points. */
#include "testutil.h"
#include <flint/fmpz_vec.h>

static void
check_cdd(const polytope_t Q)
{
    rc_error_t err;
    rc_error_init(err);
    CHECK(polytope_verify_cdd(Q, err) == RELU_OK, "cddlib: %s", err->msg);
}

/* every generator satisfies every facet and equation */
static void
check_consistent(const polytope_t Q)
{
    slong n = Q->n;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    for (slong i = 0; i < Q->nv + Q->nr; i++)
    {
        for (slong j = 0; j < Q->m + Q->neq; j++)
        {
            const fmpz * a = j < Q->m ? Q->A + j * n : Q->eqA + (j - Q->m) * n;
            fmpq_zero(s);
            for (slong k = 0; k < n; k++)
            {
                if (i < Q->nv)
                    fmpq_mul_fmpz(t, Q->vert + i * n + k, a + k);
                else
                {
                    fmpz_mul(fmpq_numref(t), Q->ray + (i - Q->nv) * n + k, a + k);
                    fmpz_one(fmpq_denref(t));
                }
                fmpq_add(s, s, t);
            }
            const fmpz * b = j < Q->m ? Q->b + j : Q->eqb + (j - Q->m);
            if (i < Q->nv)
            {
                fmpq_set_fmpz(t, b);
                int c = fmpq_cmp(s, t);
                CHECK(j < Q->m ? c <= 0 : c == 0, "vertex %ld violates row %ld", (long) i, (long) j);
                if (j < Q->m)
                    CHECK((c == 0) == polytope_incident(Q, i, j), "incidence of vertex %ld, facet %ld", (long) i, (long) j);
            }
            else
            {
                int c = fmpq_sgn(s);
                CHECK(j < Q->m ? c <= 0 : c == 0, "ray %ld violates row %ld", (long) i, (long) j);
                if (j < Q->m)
                    CHECK((c == 0) == polytope_incident(Q, i, j), "incidence of ray %ld", (long) i);
            }
        }
    }
    fmpq_clear(s);
    fmpq_clear(t);
}

/* Q's own H-form and V-form, read back, give Q again */
static void
check_round_trips(const polytope_t Q)
{
    slong n = Q->n;
    rc_error_t err;
    polytope_t R;
    rc_error_init(err);
    polytope_init(R, n);
    /* H: inequalities plus each equation as two inequalities */
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(Q->m + 2 * Q->neq);
    fmpq_mat_init(A, Q->m + 2 * Q->neq, n);
    for (slong j = 0; j < Q->m; j++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz(fmpq_mat_entry(A, j, k), Q->A + j * n + k);
        fmpq_set_fmpz(b + j, Q->b + j);
    }
    for (slong e = 0; e < Q->neq; e++)
        for (slong s = 0; s < 2; s++)
        {
            slong j = Q->m + 2 * e + s;
            for (slong k = 0; k < n; k++)
            {
                fmpq_set_fmpz(fmpq_mat_entry(A, j, k), Q->eqA + e * n + k);
                if (s)
                    fmpq_neg(fmpq_mat_entry(A, j, k), fmpq_mat_entry(A, j, k));
            }
            fmpq_set_fmpz(b + j, Q->eqb + e);
            if (s)
                fmpq_neg(b + j, b + j);
        }
    CHECK(polytope_set_hrep(R, A, b, err) == RELU_OK, "%s", err->msg);
    CHECK(polytope_equal(Q, R), "H round trip differs");
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, Q->m + 2 * Q->neq);

    fmpq_mat_t V, Ry, L;
    fmpq_mat_init(V, Q->nv, n);
    fmpq_mat_init(Ry, Q->nr, n);
    fmpq_mat_init(L, Q->nl, n);
    for (slong i = 0; i < Q->nv; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set(fmpq_mat_entry(V, i, k), Q->vert + i * n + k);
    for (slong i = 0; i < Q->nr; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz(fmpq_mat_entry(Ry, i, k), Q->ray + i * n + k);
    for (slong i = 0; i < Q->nl; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz(fmpq_mat_entry(L, i, k), Q->lin + i * n + k);
    CHECK(polytope_set_vrep(R, V, Ry, L, err) == RELU_OK, "%s", err->msg);
    CHECK(polytope_equal(Q, R), "V round trip differs");
    fmpq_mat_clear(V);
    fmpq_mat_clear(Ry);
    fmpq_mat_clear(L);
    polytope_clear(R);
}

static void
check_all(const polytope_t Q)
{
    check_cdd(Q);
    check_consistent(Q);
    check_round_trips(Q);
    /* Euler characteristic with compact support */
    slong f[16], chi = 0;
    polytope_fvector(f, Q);
    for (slong k = 0; k <= Q->dim; k++)
        chi += (k % 2 ? -1 : 1) * f[k];
    slong expect = Q->nr > 0 ? 0 : (Q->nl % 2 ? -1 : 1);
    CHECK(chi == expect, "euler %ld, expected %ld", (long) chi, (long) expect);
    CHECK(f[Q->dim] == 1, "f_dim");
    if (Q->dim > 0)
        CHECK(f[Q->dim - 1] == Q->m, "facets %ld, f_{d-1} %ld", (long) Q->m, (long) f[Q->dim - 1]);
    if (Q->nl == 0)
        CHECK(f[0] == Q->nv, "vertices");
}

static void
rand_q(fmpq_t x, flint_rand_t st, slong r)
{
    fmpq_set_si(x, (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, 2));
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_convert....");
    fflush(stdout);
    rc_error_t err;
    rc_error_init(err);

    /* V-form: random points (with repeats), in a random affine subspace, rays, lineality */
    for (slong iter = 0; iter < test_iters(300); iter++)
    {
        slong n = 1 + n_randint(st, 4), k = n_randint(st, n + 1);   /* subspace dimension k */
        slong nv = 1 + n_randint(st, 8), nr = n_randint(st, 3), nl = n_randint(st, 3);
        if (k == 0)
            nr = nl = 0;
        /* x = p + B u, u in Z^k small */
        fmpq_mat_t B, V, R, L;
        fmpq * p = _fmpq_vec_init(n);
        fmpq_t t;
        fmpq_init(t);
        fmpq_mat_init(B, n, k);
        for (slong i = 0; i < n; i++)
        {
            rand_q(p + i, st, 3);
            for (slong j = 0; j < k; j++)
                rand_q(fmpq_mat_entry(B, i, j), st, 2);
        }
        fmpq_mat_init(V, nv, n);
        fmpq_mat_init(R, nr, n);
        fmpq_mat_init(L, nl, n);
        fmpq_mat_struct * mats[3] = { V, R, L };
        for (slong w = 0; w < 3; w++)
            for (slong i = 0; i < mats[w]->r; i++)
            {
                fmpq * u = _fmpq_vec_init(k);
                for (slong j = 0; j < k; j++)
                    fmpq_set_si(u + j, (slong) n_randint(st, 7) - 3, 1);
                if (w == 0 && i > 0 && n_randint(st, 4) == 0)
                {
                    /* a repeated point */
                    for (slong c = 0; c < n; c++)
                        fmpq_set(fmpq_mat_entry(V, i, c), fmpq_mat_entry(V, i - 1, c));
                    _fmpq_vec_clear(u, k);
                    continue;
                }
                for (slong c = 0; c < n; c++)
                {
                    fmpq_set(fmpq_mat_entry(mats[w], i, c), w == 0 ? p + c : t);
                    if (w != 0)
                        fmpq_zero(fmpq_mat_entry(mats[w], i, c));
                    for (slong j = 0; j < k; j++)
                    {
                        fmpq_mul(t, fmpq_mat_entry(B, c, j), u + j);
                        fmpq_add(fmpq_mat_entry(mats[w], i, c), fmpq_mat_entry(mats[w], i, c), t);
                    }
                }
                _fmpq_vec_clear(u, k);
            }
        if (nl == 2 && n_randint(st, 2))
            for (slong c = 0; c < n; c++)   /* dependent lineality vectors */
                fmpq_mul_si(fmpq_mat_entry(L, 1, c), fmpq_mat_entry(L, 0, c), -2);
        polytope_t Q;
        polytope_init(Q, n);
        CHECK(polytope_set_vrep(Q, V, R, L, err) == RELU_OK, "%s", err->msg);
        CHECK(Q->dim <= k, "dimension %ld above %ld", (long) Q->dim, (long) k);
        check_all(Q);
        /* every extreme vertex is one of the given points */
        for (slong i = 0; i < Q->nv && Q->nl == 0; i++)
        {
            int found = 0;
            for (slong r = 0; r < nv && !found; r++)
            {
                found = 1;
                for (slong c = 0; c < n; c++)
                    found &= fmpq_equal(Q->vert + i * n + c, fmpq_mat_entry(V, r, c));
            }
            CHECK(found, "vertex not among the points");
        }
        polytope_clear(Q);
        fmpq_mat_clear(B); fmpq_mat_clear(V); fmpq_mat_clear(R); fmpq_mat_clear(L);
        _fmpq_vec_clear(p, n);
        fmpq_clear(t);
    }

    /* V-form of polytopes whose facets are not simplices (their ridges come
       from converting each facet): the cubes [-1,1]^n with the origin added,
       the products of simplices conv(e_i) x conv(e_j) in R^(a+b), a prism over
       a pentagon with a point on an edge, and a square pyramid (one facet a
       square, four triangles) */
    for (slong shape = 0; shape < 7; shape++)
    {
        slong n, nv;
        fmpq_mat_t V, none;
        if (shape < 3)
        {
            n = 3 + shape;
            nv = (WORD(1) << n) + 1;
            fmpq_mat_init(V, nv, n);
            for (slong i = 0; i + 1 < nv; i++)
                for (slong k = 0; k < n; k++)
                    fmpq_set_si(fmpq_mat_entry(V, i, k), ((i >> k) & 1) ? 1 : -1, 1);
        }
        else if (shape < 5)
        {
            slong a = shape == 3 ? 3 : 2, b = shape == 3 ? 3 : 4;    /* simplices of dims a - 1, b - 1 */
            n = a + b;
            nv = a * b;
            fmpq_mat_init(V, nv, n);
            for (slong i = 0; i < a; i++)
                for (slong j = 0; j < b; j++)
                {
                    fmpq_one(fmpq_mat_entry(V, i * b + j, i));
                    fmpq_one(fmpq_mat_entry(V, i * b + j, a + j));
                }
        }
        else if (shape == 5)
        {
            static const slong pent[5][2] = { {0, 0}, {4, 0}, {5, 3}, {2, 5}, {-1, 3} };
            n = 3;
            nv = 11;
            fmpq_mat_init(V, nv, n);
            for (slong i = 0; i < 10; i++)
            {
                fmpq_set_si(fmpq_mat_entry(V, i, 0), pent[i % 5][0], 1);
                fmpq_set_si(fmpq_mat_entry(V, i, 1), pent[i % 5][1], 1);
                fmpq_set_si(fmpq_mat_entry(V, i, 2), i < 5 ? 0 : 2, 1);
            }
            fmpq_set_si(fmpq_mat_entry(V, 10, 0), 2, 1);    /* on the edge (0,0,0)-(4,0,0) */
        }
        else
        {
            static const slong pyr[5][3] = { {0, 0, 0}, {2, 0, 0}, {2, 2, 0}, {0, 2, 0}, {1, 1, 3} };
            n = 3;
            nv = 5;
            fmpq_mat_init(V, nv, n);
            for (slong i = 0; i < nv; i++)
                for (slong k = 0; k < n; k++)
                    fmpq_set_si(fmpq_mat_entry(V, i, k), pyr[i][k], 1);
        }
        fmpq_mat_init(none, 0, n);
        polytope_t Q;
        polytope_init(Q, n);
        CHECK(polytope_set_vrep(Q, V, none, none, err) == RELU_OK, "shape %ld: %s", (long) shape, err->msg);
        CHECK(Q->nv == (shape < 3 ? nv - 1 : (shape == 5 ? 10 : nv)), "shape %ld: %ld vertices", (long) shape,
              (long) Q->nv);
        check_all(Q);
        polytope_clear(Q);
        fmpq_mat_clear(V);
        fmpq_mat_clear(none);
    }

    /* H-form: random inequalities, with redundant copies and implicit equalities */
    for (slong iter = 0; iter < test_iters(300); iter++)
    {
        slong n = 1 + n_randint(st, 4), m = 1 + n_randint(st, 3 * n + 2);
        slong neq = n_randint(st, 3) == 0 ? n_randint(st, n + 1) : 0;
        fmpq_mat_t A;
        fmpq * b = _fmpq_vec_init(m + 2 * neq + 1);
        fmpq_mat_init(A, m + 2 * neq + 1, n);
        /* all rows hold at the point 0: b >= 0 */
        for (slong j = 0; j < m; j++)
        {
            for (slong k = 0; k < n; k++)
                fmpq_set_si(fmpq_mat_entry(A, j, k), (slong) n_randint(st, 7) - 3, 1);
            fmpq_set_si(b + j, n_randint(st, 4), 1);
        }
        for (slong e = 0; e < neq; e++)
        {
            /* a.x <= 0 and -2a.x <= 0 */
            for (slong k = 0; k < n; k++)
            {
                fmpq_set_si(fmpq_mat_entry(A, m + 2 * e, k), (slong) n_randint(st, 5) - 2, 1);
                fmpq_mul_si(fmpq_mat_entry(A, m + 2 * e + 1, k), fmpq_mat_entry(A, m + 2 * e, k), -2);
            }
        }
        /* a redundant copy of row 0, scaled */
        for (slong k = 0; k < n; k++)
            fmpq_mul_si(fmpq_mat_entry(A, m + 2 * neq, k), fmpq_mat_entry(A, 0, k), 3);
        fmpq_set_si(b + m + 2 * neq, 3 * fmpz_get_si(fmpq_numref(b + 0)) + 1, 1);
        polytope_t Q;
        polytope_init(Q, n);
        CHECK(polytope_set_hrep(Q, A, b, err) == RELU_OK, "%s", err->msg);
        check_all(Q);
        polytope_clear(Q);
        fmpq_mat_clear(A);
        _fmpq_vec_clear(b, m + 2 * neq + 1);
    }

    /* the empty set is an answer, dimension -1: x <= 0, -x <= -1 */
    {
        fmpq_mat_t A;
        fmpq * b = _fmpq_vec_init(2);
        fmpq_mat_init(A, 2, 2);
        fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 1);
        fmpq_set_si(fmpq_mat_entry(A, 1, 0), -1, 1);
        fmpq_set_si(b + 1, -1, 1);
        polytope_t Q;
        polytope_init(Q, 2);
        CHECK(polytope_set_hrep(Q, A, b, err) == RELU_OK && Q->dim == -1 && Q->nv == 0 && Q->m == 0,
              "empty set: %s", err->msg);
        polytope_clear(Q);
        fmpq_mat_clear(A);
        _fmpq_vec_clear(b, 2);
    }

    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
