/* Level sets of networks as unions of polyhedra.
   - Zonotope duality: for N(x) = sum_i c_i relu(w_i . x), c_i > 0, with the w_i
     positively spanning R^d, {N <= 1} is one convex polytope and equals the polar
     of the zonotope Z = sum_i c_i [0, w_i], computed independently from the 2^k
     vertex sums of Z (V -> H) and polytope_polar. Without positive spanning it is
     convex and unbounded.
   - The hexagon from a 3-unit network; the point {N <= 0}; the empty set.
   - Random networks: membership of sampled points in the union of pieces agrees
     with the exact evaluator, points of the pieces satisfy the relation, a convex
     verdict survives sampling of the hull, a non-convex one comes with a witness in
     the hull where the evaluator puts f on the wrong side; cddlib agrees on every
     piece. */
#include "testutil.h"

static int
point_in(const polytope_t Q, const fmpq * x)
{
    slong n = Q->n;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    int ok = 1;
    for (slong j = 0; j < Q->m + Q->neq && ok; j++)
    {
        const fmpz * a = j < Q->m ? Q->A + j * n : Q->eqA + (j - Q->m) * n;
        fmpq_zero(s);
        for (slong k = 0; k < n; k++)
        {
            fmpq_mul_fmpz(t, x + k, a + k);
            fmpq_add(s, s, t);
        }
        fmpq_set_fmpz(t, j < Q->m ? Q->b + j : Q->eqb + (j - Q->m));
        int c = fmpq_cmp(s, t);
        ok = j < Q->m ? c <= 0 : c == 0;
    }
    fmpq_clear(s);
    fmpq_clear(t);
    return ok;
}

static int
relation_holds(const net_t net, const fmpq * x, const fmpq_t T, int kind)
{
    fmpq * y = _fmpq_vec_init(net_num_outputs(net));
    net_eval(y, NULL, net, x);
    int c = fmpq_cmp(y, T);
    _fmpq_vec_clear(y, net_num_outputs(net));
    return kind == LEVELSET_SUB ? c <= 0 : kind == LEVELSET_SUPER ? c >= 0 : c == 0;
}

/* a random convex combination of Q's vertices plus a random nonnegative combination of its rays */
static void
sample_in(fmpq * x, const polytope_t Q, flint_rand_t st)
{
    slong n = Q->n, tot = 0;
    fmpq_t t;
    fmpq_init(t);
    for (slong k = 0; k < n; k++)
        fmpq_zero(x + k);
    for (slong i = 0; i < Q->nv; i++)
    {
        slong w = n_randint(st, 4);
        if (i == Q->nv - 1 && tot == 0)
            w = 1;
        tot += w;
        for (slong k = 0; k < n; k++)
        {
            fmpq_mul_si(t, Q->vert + i * n + k, w);
            fmpq_add(x + k, x + k, t);
        }
    }
    fmpq_set_si(t, tot, 1);
    for (slong k = 0; k < n; k++)
        fmpq_div(x + k, x + k, t);
    for (slong i = 0; i < Q->nr + Q->nl; i++)
    {
        slong w = n_randint(st, 3) - (i >= Q->nr ? 1 : 0);
        const fmpz * r = i < Q->nr ? Q->ray + i * n : Q->lin + (i - Q->nr) * n;
        for (slong k = 0; k < n; k++)
        {
            fmpz_mul_si(fmpq_numref(t), r + k, w);
            fmpz_one(fmpq_denref(t));
            fmpq_add(x + k, x + k, t);
        }
    }
    fmpq_clear(t);
}

/* N(x) = sum c_i relu(w_i . x): W is k x d */
static void
zonotope_net(net_t net, const slong * W, const fmpq * c, slong k, slong d)
{
    slong widths[3] = { d, k, 1 };
    net_clear(net);
    net_init_shape(net, 2, widths);
    for (slong i = 0; i < k; i++)
    {
        for (slong j = 0; j < d; j++)
            fmpq_set_si(fmpq_mat_entry(net->layers[0].W, i, j), W[i * d + j], 1);
        fmpq_set(fmpq_mat_entry(net->layers[1].W, 0, i), c + i);
    }
}

static void
check_zonotope(const slong * W, const fmpq * c, slong k, slong d, int spanning)
{
    rc_error_t err;
    net_t net;
    poly_t dom;
    levelset_t L;
    fmpq_t one;
    rc_error_init(err);
    net_init(net);
    poly_init(dom, d);
    levelset_init(L);
    fmpq_init(one);
    fmpq_one(one);
    zonotope_net(net, W, c, k, d);
    CHECK(levelset_compute(L, net, 0, one, LEVELSET_SUB, dom, err) == RELU_OK, "%s", err->msg);
    CHECK(!L->empty && L->convex, "{N <= 1} of a support function is convex");
    CHECK(L->hull->dim == d, "full-dimensional");
    CHECK(polytope_is_bounded(L->hull) == spanning, "bounded exactly when the w_i positively span");
    CHECK(polytope_verify_cdd(L->hull, err) == RELU_OK, "%s", err->msg);
    {
        /* the library's own duality check agrees on when it applies */
        int applies;
        char reason[256];
        slong * vm, * fm;
        polytope_t Z;
        polytope_init(Z, d);
        CHECK(levelset_zonotope_duality(&applies, reason, sizeof(reason), Z, &vm, &fm, net, 0, one, L, err) == RELU_OK,
              "%s", err->msg);
        CHECK(applies == spanning, "duality applies %d, spanning %d (%s)", applies, spanning, reason);
        flint_free(vm);
        flint_free(fm);
        polytope_clear(Z);
    }
    if (spanning)
    {
        /* Z from its 2^k vertex sums */
        fmpq_mat_t V, R;
        fmpq_t t;
        fmpq_init(t);
        fmpq_mat_init(V, WORD(1) << k, d);
        fmpq_mat_init(R, 0, d);
        for (slong S = 0; S < (WORD(1) << k); S++)
            for (slong i = 0; i < k; i++)
                if ((S >> i) & 1)
                    for (slong j = 0; j < d; j++)
                    {
                        fmpq_mul_si(t, c + i, W[i * d + j]);
                        fmpq_add(fmpq_mat_entry(V, S, j), fmpq_mat_entry(V, S, j), t);
                    }
        polytope_t Z, D;
        polytope_init(Z, d);
        polytope_init(D, d);
        CHECK(polytope_set_vrep(Z, V, R, R, err) == RELU_OK, "%s", err->msg);
        fmpq * origin = _fmpq_vec_init(d);
        slong * vm = flint_malloc((Z->nv + 1) * sizeof(slong)), * fm = flint_malloc((Z->m + 1) * sizeof(slong));
        CHECK(polytope_polar(D, vm, fm, Z, origin, err) == RELU_OK, "%s", err->msg);
        CHECK(polytope_equal(D, L->hull), "{N <= 1} is not the polar of the zonotope");
        /* vertices of Z <-> facets of {N <= 1} */
        CHECK(Z->nv == L->hull->m && Z->m == L->hull->nv, "duality counts");
        flint_free(vm);
        flint_free(fm);
        _fmpq_vec_clear(origin, d);
        polytope_clear(Z);
        polytope_clear(D);
        fmpq_mat_clear(V);
        fmpq_mat_clear(R);
        fmpq_clear(t);
    }
    fmpq_clear(one);
    levelset_clear(L);
    poly_clear(dom);
    net_clear(net);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("levelset_compute....");
    fflush(stdout);
    rc_error_t err;
    rc_error_init(err);

    /* the hexagon: w = (1,0), (0,1), (-1,-1) */
    {
        slong W[6] = { 1, 0, 0, 1, -1, -1 };
        fmpq * c = _fmpq_vec_init(3);
        for (slong i = 0; i < 3; i++)
            fmpq_one(c + i);
        check_zonotope(W, c, 3, 2, 1);
        net_t net;
        poly_t dom;
        levelset_t L;
        fmpq_t T;
        char buf[64];
        net_init(net);
        poly_init(dom, 2);
        levelset_init(L);
        fmpq_init(T);
        zonotope_net(net, W, c, 3, 2);
        fmpq_one(T);
        CHECK(levelset_compute(L, net, 0, T, LEVELSET_SUB, dom, err) == RELU_OK, "%s", err->msg);
        const char * name = polytope_type_name(buf, sizeof(buf), L->hull);
        CHECK(name && !strcmp(name, "hexagon"), "hexagon from 3 units: %s", name ? name : "null");
        CHECK(levelset_compute(L, net, 0, T, LEVELSET_LEVEL, dom, err) == RELU_OK, "%s", err->msg);
        CHECK(L->num == 6 && !L->convex && L->witness != NULL, "the hexagon's boundary: 6 edges, not convex");
        for (slong i = 0; i < 6; i++)
            CHECK(L->pieces[i].dim == 1, "edges");
        fmpq_zero(T);
        CHECK(levelset_compute(L, net, 0, T, LEVELSET_SUB, dom, err) == RELU_OK, "%s", err->msg);
        CHECK(L->num == 1 && L->pieces[0].dim == 0 && L->convex && fmpq_is_zero(L->pieces[0].vert)
              && fmpq_is_zero(L->pieces[0].vert + 1), "{N <= 0} is the origin");
        fmpq_set_si(T, -1, 2);
        CHECK(levelset_compute(L, net, 0, T, LEVELSET_SUB, dom, err) == RELU_OK, "%s", err->msg);
        CHECK(L->empty && L->num == 0, "{N <= -1/2} is empty");
        fmpq_clear(T);
        levelset_clear(L);
        poly_clear(dom);
        net_clear(net);
        _fmpq_vec_clear(c, 3);
    }

    /* random zonotopes: positively spanning (e_1..e_d, -sum e_j, and more) or in a half-space */
    for (slong iter = 0; iter < test_iters(40); iter++)
    {
        slong d = 2 + n_randint(st, 2), extra = n_randint(st, d == 2 ? 4 : 3), k;
        int spanning = n_randint(st, 4) != 0;
        slong W[3 * 10];
        if (spanning)
        {
            k = d + 1 + extra;
            for (slong i = 0; i < d; i++)
                for (slong j = 0; j < d; j++)
                    W[i * d + j] = i == j, W[d * d + j] = -1;
            for (slong i = d + 1; i < k; i++)
                for (slong j = 0; j < d; j++)
                    W[i * d + j] = (slong) n_randint(st, 5) - 2;
        }
        else
        {
            k = 1 + extra + n_randint(st, 2);
            for (slong i = 0; i < k; i++)
            {
                W[i * d] = 1 + n_randint(st, 3);
                for (slong j = 1; j < d; j++)
                    W[i * d + j] = (slong) n_randint(st, 5) - 2;
            }
        }
        fmpq * c = _fmpq_vec_init(k);
        for (slong i = 0; i < k; i++)
            fmpq_set_si(c + i, 1 + n_randint(st, 4), 1 + n_randint(st, 3));
        int zero_row = 0;
        for (slong i = 0; i < k; i++)
        {
            int z = 1;
            for (slong j = 0; j < d; j++)
                z &= W[i * d + j] == 0;
            zero_row |= z;
        }
        if (!zero_row)
            check_zonotope(W, c, k, d, spanning);
        _fmpq_vec_clear(c, k);
    }

    /* random networks: membership, relation on the pieces, convexity verdicts */
    for (slong iter = 0; iter < test_iters(60); iter++)
    {
        slong depth = 1 + n_randint(st, 2), widths[4] = { 2, 2 + n_randint(st, 3), 2 + n_randint(st, 2), 1 };
        if (depth == 1)
            widths[2] = 1;
        net_t net;
        poly_t dom;
        levelset_t L;
        fmpq_t T, lo, hi;
        net_init(net);
        test_random_net(net, st, depth + 1, widths, 2);
        poly_init(dom, 2);
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -2, 1);
        fmpq_set_si(hi, 2, 1);
        if (n_randint(st, 3))
            poly_set_box(dom, lo, hi);
        levelset_init(L);
        fmpq_init(T);
        fmpq_set_si(T, (slong) n_randint(st, 7) - 3, 1 + n_randint(st, 2));
        int kind = n_randint(st, 3);
        CHECK(levelset_compute(L, net, 0, T, kind, dom, err) == RELU_OK, "%s", err->msg);
        fmpq * x = _fmpq_vec_init(2);
        /* pieces satisfy the relation, cddlib agrees on them */
        for (slong i = 0; i < L->num; i++)
        {
            CHECK(polytope_verify_cdd(L->pieces + i, err) == RELU_OK, "%s", err->msg);
            for (slong r = 0; r < 5; r++)
            {
                sample_in(x, L->pieces + i, st);
                CHECK(relation_holds(net, x, T, kind), "a point of a piece is outside the set");
            }
        }
        /* grid points in [-2,2]^2 (inside the domain): in a piece <=> relation */
        for (slong r = 0; r < 40; r++)
        {
            fmpq_set_si(x, (slong) n_randint(st, 33) - 16, 8);
            fmpq_set_si(x + 1, (slong) n_randint(st, 33) - 16, 8);
            int in = 0;
            for (slong i = 0; i < L->num && !in; i++)
                in = point_in(L->pieces + i, x);
            CHECK(in == relation_holds(net, x, T, kind), "membership disagrees with evaluation (kind %d)", kind);
        }
        if (!L->empty && L->convex)
            for (slong r = 0; r < 20; r++)
            {
                sample_in(x, L->hull, st);
                CHECK(relation_holds(net, x, T, kind), "convex verdict, but a hull point is outside");
            }
        if (!L->convex)
        {
            CHECK(L->witness != NULL && !relation_holds(net, L->witness, T, kind), "witness");
            CHECK(point_in(L->hull, L->witness), "witness not in the hull");
        }
        _fmpq_vec_clear(x, 2);
        fmpq_clear(T); fmpq_clear(lo); fmpq_clear(hi);
        levelset_clear(L);
        poly_clear(dom);
        net_clear(net);
    }

    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
