/* Basis pursuit (minimum-l1 interpolation) as an exact LP: the 1D data set
   whose optimal network is known by hand (one ramp (x - 1)+ at a data point),
   the LP optimum against a brute force over all basic solutions (a vertex of
   {c+, c- >= 0, A c = y} has at most rank(A) nonzeros), infeasible targets
   detected exactly, the certificate checker rejecting perturbed certificates,
   and the network written from the solution interpolating the data exactly. */
#include "testutil.h"

/* min ||c||_1 over the basic solutions: supports S with |S| = rank A = n and
   A_S nonsingular (A of full row rank n), c_S = A_S^{-1} y. */
static void
brute_bp(fmpq_t best, const fmpq_mat_t A, const fmpq * y)
{
    slong n = A->r, p = A->c;
    int have = 0;
    fmpq_mat_t M, b, x;
    fmpq_mat_init(M, n, n); fmpq_mat_init(b, n, 1); fmpq_mat_init(x, n, 1);
    fmpq_t s, t;
    fmpq_init(s); fmpq_init(t);
    for (slong i = 0; i < n; i++) fmpq_set(fmpq_mat_entry(b, i, 0), y + i);
    for (ulong m = 0; m < (UWORD(1) << p); m++)
    {
        slong S[16], k = 0;
        for (slong j = 0; j < p; j++) if (m & (UWORD(1) << j)) S[k++] = j;
        if (k != n) continue;
        for (slong i = 0; i < n; i++)
            for (slong c = 0; c < n; c++)
                fmpq_set(fmpq_mat_entry(M, i, c), fmpq_mat_entry(A, i, S[c]));
        if (!fmpq_mat_solve_fraction_free(x, M, b)) continue;
        fmpq_zero(s);
        for (slong c = 0; c < n; c++)
        {
            fmpq_abs(t, fmpq_mat_entry(x, c, 0));
            fmpq_add(s, s, t);
        }
        if (!have || fmpq_cmp(s, best) < 0) fmpq_set(best, s);
        have = 1;
    }
    CHECK(have, "brute force: no basis");
    fmpq_clear(s); fmpq_clear(t);
    fmpq_mat_clear(M); fmpq_mat_clear(b); fmpq_mat_clear(x);
}

static void
l1(fmpq_t s, const fmpq * c, slong p)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(s);
    for (slong j = 0; j < p; j++) { fmpq_abs(t, c + j); fmpq_add(s, s, t); }
    fmpq_clear(t);
}

static void
hand_ramp(void)
{
    /* X = 0,1,2,3, y = (x - 1)+: min ||c||_1 = 1 with the single ramp at x = 1;
       dual certificate by hand u = (0, -1, 1, 0) (y . u = 1, |A^T u| <= 1). */
    rc_error_t err;
    rc_error_init(err);
    jnode * root;
    const char * txt = "{\"X\": [[0],[1],[2],[3]], \"y\": [0,0,1,2]}";
    CHECK(jnode_parse(&root, txt, strlen(txt), err) == 0, "%s", err->msg);
    wedge_data_t D;
    wedge_data_init(D);
    CHECK(wedge_data_read_jnode(D, root, err) == 0, "%s", err->msg);
    jnode_free(root);
    wedge_dict_t W;
    wedge_dict_init(W);
    wedge_dict_build(W, D, 1);
    slong p = W->num;
    CHECK(p == 6, "1D ramps: %ld columns, expected 6", (long) p);
    fmpq * c = _fmpq_vec_init(p), * u = _fmpq_vec_init(4);
    int feasible;
    CHECK(wedge_basis_pursuit(c, u, &feasible, W->F, D->y, err) == 0, "%s", err->msg);
    CHECK(feasible, "ramp data infeasible");
    fmpq_t s;
    fmpq_init(s);
    l1(s, c, p);
    CHECK(fmpq_is_one(s), "min l1 is not 1");
    slong nz = 0, col = -1;
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(c + j)) { nz++; col = j; }
    CHECK(nz == 1 && fmpq_is_one(c + col), "expected one coefficient 1");
    CHECK(W->k == 1 && W->subsets[col] == 1 && W->sign[col] == 1, "the ramp is not (x - x_1)+");
    /* the hand certificate */
    fmpq_set_si(u + 0, 0, 1); fmpq_set_si(u + 1, -1, 1); fmpq_set_si(u + 2, 1, 1); fmpq_set_si(u + 3, 0, 1);
    CHECK(wedge_bp_certify(W->F, D->y, c, u), "hand dual certificate rejected");
    fmpq_set_si(u + 3, 1, 1);
    CHECK(!wedge_bp_certify(W->F, D->y, c, u), "bad dual certificate accepted");
    /* the network: one neuron x - 1, output weight 1; exact on the data */
    net_t net, back;
    net_init(net);
    net_init(back);
    wedge_model_net(net, W, c, 1, 1);
    CHECK(net->nlayers == 2 && net->layers[0].W->r == 1, "network shape");
    CHECK(fmpq_is_one(fmpq_mat_entry(net->layers[0].W, 0, 0)) && fmpq_equal_si(net->layers[0].b, -1), "neuron x - 1");
    CHECK(wedge_model_roundtrip(back, net, NULL, err) == 0, "%s", err->msg);
    fmpq_t loss, n1;
    fmpq_init(loss); fmpq_init(n1);
    wedge_model_loss(loss, n1, back, D);
    CHECK(fmpq_is_zero(loss) && fmpq_is_one(n1), "network loss / norm");
    fmpq_clear(loss); fmpq_clear(n1); fmpq_clear(s);
    net_clear(net); net_clear(back);
    _fmpq_vec_clear(c, p); _fmpq_vec_clear(u, 4);
    wedge_dict_clear(W);
    wedge_data_clear(D);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    rc_error_t err;
    rc_error_init(err);
    printf("wedge_bp....");
    fflush(stdout);

    hand_ramp();

    /* random full-row-rank problems: LP optimum = brute force over bases */
    slong iters = test_iters(60), checked = 0;
    for (slong it = 0; it < iters; it++)
    {
        slong n = 2 + n_randint(st, 3), p = n + 1 + n_randint(st, 4);
        fmpq_mat_t A;
        fmpq_mat_init(A, n, p);
        fmpq * y = _fmpq_vec_init(n), * c = _fmpq_vec_init(p), * u = _fmpq_vec_init(n);
        for (slong i = 0; i < n; i++)
        {
            for (slong j = 0; j < p; j++)
                fmpq_set_si(fmpq_mat_entry(A, i, j), (slong) n_randint(st, 7) - 3, 1 + n_randint(st, 2));
            fmpq_set_si(y + i, (slong) n_randint(st, 11) - 5, 1 + n_randint(st, 3));
        }
        fmpq_mat_t R;
        fmpq_mat_init(R, n, p);
        slong rank = fmpq_mat_rref(R, A);
        fmpq_mat_clear(R);
        int feasible;
        CHECK(wedge_basis_pursuit(c, u, &feasible, A, y, err) == 0, "%s", err->msg);
        if (rank == n)
        {
            CHECK(feasible, "full row rank but infeasible");
            CHECK(wedge_bp_certify(A, y, c, u), "certificate");
            fmpq_t a, b;
            fmpq_init(a); fmpq_init(b);
            l1(a, c, p);
            brute_bp(b, A, y);
            CHECK(fmpq_equal(a, b), "LP optimum differs from the brute force over bases");
            /* a perturbed primal point fails the certificate */
            fmpq_add_si(c + 0, c + 0, 1);
            CHECK(!wedge_bp_certify(A, y, c, u), "perturbed primal accepted");
            fmpq_clear(a); fmpq_clear(b);
            checked++;
        }
        _fmpq_vec_clear(y, n); _fmpq_vec_clear(c, p); _fmpq_vec_clear(u, n);
        fmpq_mat_clear(A);
    }
    CHECK(checked > iters / 2, "too few full-rank problems (%ld)", (long) checked);

    /* y outside the span: rank-1 A, y not a multiple of its column space */
    {
        fmpq_mat_t A;
        fmpq_mat_init(A, 3, 2);
        fmpq * y = _fmpq_vec_init(3), * c = _fmpq_vec_init(2), * u = _fmpq_vec_init(3);
        for (slong i = 0; i < 3; i++)
        {
            fmpq_set_si(fmpq_mat_entry(A, i, 0), 1, 1);
            fmpq_set_si(fmpq_mat_entry(A, i, 1), 2, 1);
        }
        fmpq_set_si(y + 0, 1, 1); fmpq_set_si(y + 1, 2, 1); fmpq_set_si(y + 2, 3, 1);
        int feasible = 1;
        CHECK(wedge_basis_pursuit(c, u, &feasible, A, y, err) == 0, "%s", err->msg);
        CHECK(!feasible, "y outside the span accepted");
        _fmpq_vec_clear(y, 3); _fmpq_vec_clear(c, 2); _fmpq_vec_clear(u, 3);
        fmpq_mat_clear(A);
    }

    /* rank-deficient A (rank 2 < n = 3) with y in the span: the dual feasible
       set has a lineality space; the certificate must still close */
    {
        fmpq_mat_t A;
        fmpq_mat_init(A, 3, 4);
        slong a[3][4] = { { 1, 2, 0, -1 }, { 2, 4, 0, -2 }, { 0, 1, 3, 1 } };
        fmpq * y = _fmpq_vec_init(3), * c = _fmpq_vec_init(4), * u = _fmpq_vec_init(3);
        for (slong i = 0; i < 3; i++)
            for (slong j = 0; j < 4; j++)
                fmpq_set_si(fmpq_mat_entry(A, i, j), a[i][j], 1);
        fmpq_set_si(y + 0, 3, 1); fmpq_set_si(y + 1, 6, 1); fmpq_set_si(y + 2, 1, 1);   /* A (1,1,0,0) */
        int feasible;
        CHECK(wedge_basis_pursuit(c, u, &feasible, A, y, err) == 0, "%s", err->msg);
        CHECK(feasible && wedge_bp_certify(A, y, c, u), "rank-deficient basis pursuit");
        fmpq_t s;
        fmpq_init(s);
        l1(s, c, 4);
        /* by hand, over the bases of the two independent rows: {1,2}: 2, {1,3}: 10/3,
           {1,4}: 5, {2,3}: 3/2 + 1/6, {2,4}: 4/3 + 1/3, {3,4}: 13/3; minimum 5/3 */
        fmpq_t h;
        fmpq_init(h);
        fmpq_set_si(h, 5, 3);
        CHECK(fmpq_equal(s, h), "rank-deficient basis pursuit: min l1 is not 5/3");
        fmpq_clear(h);
        fmpq_clear(s);
        _fmpq_vec_clear(y, 3); _fmpq_vec_clear(c, 4); _fmpq_vec_clear(u, 3);
        fmpq_mat_clear(A);
    }

    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
