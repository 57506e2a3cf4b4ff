/* Wedge products: the examples of the research notes (gcp(e1, e2) = e3, and
   x = (1,2,3) gives x . v = 3), x . gcp(X) = det([x; X]) on random rational
   data, dictionary sizes 2 C(n, d-1) / 2 C(n, d), and in 1D with bias the
   dictionary is exactly the ramps (x - x_j)+ and (x_j - x)+ at the data. */
#include "testutil.h"

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("wedge....");
    fflush(stdout);

    /* notes: gcp((1,0,0),(0,1,0)) = (0,0,1); x = (1,2,3): x . v = 3 */
    fmpq_mat_t X;
    fmpq v[3];
    for (int i = 0; i < 3; i++) fmpq_init(v + i);
    fmpq_mat_init(X, 2, 3);
    fmpq_one(fmpq_mat_entry(X, 0, 0));
    fmpq_one(fmpq_mat_entry(X, 1, 1));
    wedge_gcp(v, X);
    CHECK(fmpq_is_zero(v) && fmpq_is_zero(v + 1) && fmpq_is_one(v + 2), "gcp(e1, e2) != e3");
    fmpq_t t;
    fmpq_init(t);
    fmpq_zero(t);
    for (int i = 0; i < 3; i++)
    {
        fmpq_t xi;
        fmpq_init(xi);
        fmpq_set_si(xi, i + 1, 1);
        fmpq_addmul(t, xi, v + i);
        fmpq_clear(xi);
    }
    CHECK(fmpq_equal_si(t, 3), "x . v != 3");
    fmpq_mat_clear(X);
    for (int i = 0; i < 3; i++) fmpq_clear(v + i);

    /* x . gcp(X) = det([x; X]) */
    for (slong it = 0; it < test_iters(300); it++)
    {
        slong d = 1 + n_randint(st, 5);
        fmpq_mat_t A, M;
        fmpq_mat_init(A, d - 1, d);
        fmpq_mat_init(M, d, d);
        fmpq * w = _fmpq_vec_init(d);
        for (slong r = 0; r < d; r++)
            for (slong c = 0; c < d; c++)
                fmpq_set_si(fmpq_mat_entry(M, r, c), (slong) n_randint(st, 19) - 9, 1 + n_randint(st, 5));
        for (slong r = 1; r < d; r++)
            for (slong c = 0; c < d; c++)
                fmpq_set(fmpq_mat_entry(A, r - 1, c), fmpq_mat_entry(M, r, c));
        wedge_gcp(w, A);
        fmpq_zero(t);
        for (slong c = 0; c < d; c++)
            fmpq_addmul(t, fmpq_mat_entry(M, 0, c), w + c);
        fmpq_t det;
        fmpq_init(det);
        fmpq_mat_det(det, M);
        CHECK(fmpq_equal(t, det), "x . gcp(X) != det([x; X]) in dimension %ld", (long) d);
        fmpq_clear(det);
        _fmpq_vec_clear(w, d);
        fmpq_mat_clear(A);
        fmpq_mat_clear(M);
    }

    /* blades: antisymmetry, Cauchy-Binet |x_1 ^ ... ^ x_k|^2 = det(X X^T), and for
       k = d - 1 the blade is the cross product up to the Hodge signs */
    for (slong it = 0; it < test_iters(200); it++)
    {
        slong d = 1 + n_randint(st, 5), k = n_randint(st, d + 1), m = wedge_binom(d, k);
        fmpq_mat_t A, G, At;
        fmpq * b = _fmpq_vec_init(FLINT_MAX(m, 1)), * b2 = _fmpq_vec_init(FLINT_MAX(m, 1));
        fmpq_mat_init(A, k, d);
        fmpq_mat_init(At, d, k);
        fmpq_mat_init(G, k, k);
        for (slong r = 0; r < k; r++)
            for (slong c = 0; c < d; c++)
                fmpq_set_si(fmpq_mat_entry(A, r, c), (slong) n_randint(st, 11) - 5, 1 + n_randint(st, 4));
        wedge_blade(b, A);
        fmpq_mat_transpose(At, A);
        fmpq_mat_mul(G, A, At);
        fmpq_t g, sq;
        fmpq_init(g); fmpq_init(sq);
        fmpq_mat_det(g, G);
        for (slong s = 0; s < m; s++)
            fmpq_addmul(sq, b + s, b + s);
        CHECK(fmpq_equal(g, sq), "Cauchy-Binet fails (d=%ld, k=%ld)", (long) d, (long) k);
        if (k >= 2)
        {
            fmpq_mat_swap_rows(A, NULL, 0, 1);
            wedge_blade(b2, A);
            for (slong s = 0; s < m; s++)
            {
                fmpq_neg(b2 + s, b2 + s);
                CHECK(fmpq_equal(b + s, b2 + s), "the wedge is not antisymmetric");
            }
            fmpq_mat_swap_rows(A, NULL, 0, 1);
        }
        if (k == d - 1 && d >= 1)
        {
            fmpq * w = _fmpq_vec_init(d);
            wedge_gcp(w, A);
            /* the s-th (d-1)-subset omits column d-1-s */
            for (slong s = 0; s < m; s++)
            {
                slong omit = d - 1 - s;
                fmpq_set(g, b + s);
                if (omit % 2) fmpq_neg(g, g);
                CHECK(fmpq_equal(g, w + omit), "blade and cross product disagree");
            }
            _fmpq_vec_clear(w, d);
        }
        fmpq_clear(g); fmpq_clear(sq);
        _fmpq_vec_clear(b, FLINT_MAX(m, 1));
        _fmpq_vec_clear(b2, FLINT_MAX(m, 1));
        fmpq_mat_clear(A); fmpq_mat_clear(At); fmpq_mat_clear(G);
    }

    /* simplex volumes: the standard simplex has volume 1/d!, and translating does not change it */
    for (slong d = 1; d <= 5; d++)
    {
        fmpq_mat_t P;
        fmpq_t vol, e;
        fmpq_mat_init(P, d + 1, d);
        fmpq_init(vol); fmpq_init(e);
        for (slong i = 0; i < d; i++)
            fmpq_one(fmpq_mat_entry(P, i + 1, i));
        for (slong r = 0; r <= d; r++)
            for (slong c = 0; c < d; c++)
                fmpq_add_si(fmpq_mat_entry(P, r, c), fmpq_mat_entry(P, r, c), c - 7);
        wedge_simplex_volume(vol, P);
        fmpz_t f;
        fmpz_init(f);
        fmpz_fac_ui(f, d);
        fmpq_one(e);
        fmpq_div_fmpz(e, e, f);
        CHECK(fmpq_equal(vol, e), "volume of the standard simplex in dimension %ld", (long) d);
        fmpz_clear(f);
        fmpq_clear(vol); fmpq_clear(e);
        fmpq_mat_clear(P);
    }

    /* dictionary sizes */
    for (slong it = 0; it < test_iters(60); it++)
    {
        slong d = 1 + n_randint(st, 3), n = d + n_randint(st, 5);
        wedge_data_t D;
        wedge_dict_t W;
        wedge_data_init(D);
        fmpq_mat_clear(D->X);
        fmpq_mat_init(D->X, n, d);
        D->n = n; D->d = d;
        D->y = _fmpq_vec_init(n);
        for (slong i = 0; i < n; i++)
            for (slong c = 0; c < d; c++)
                fmpq_set_si(fmpq_mat_entry(D->X, i, c), (slong) n_randint(st, 41) - 20, 1 + n_randint(st, 3));
        for (int bias = 0; bias <= 1; bias++)
        {
            wedge_dict_init(W);
            wedge_dict_build(W, D, bias);
            CHECK(W->raw == 2 * wedge_binom(n, bias ? d : d - 1), "raw features");
            CHECK(W->num + W->zero <= W->raw, "counts");
            slong total = W->zero;
            for (slong q = 0; q < W->num; q++) total += W->multiplicity[q];
            CHECK(total == W->raw, "every raw column is kept, merged or zero");
            wedge_dict_clear(W);
        }
        wedge_data_clear(D);
    }

    /* 1D with bias: the ramps at the data points */
    {
        const char * json = "{\"X\": [[0], [1], [\"5/2\"], [4]], \"y\": [0, 1, 0, 1]}";
        rc_error_t err;
        jnode * root;
        wedge_data_t D;
        wedge_dict_t W;
        rc_error_init(err);
        wedge_data_init(D);
        CHECK(jnode_parse(&root, json, strlen(json), err) == RELU_OK && wedge_data_read_jnode(D, root, err) == RELU_OK,
              "%s", err->msg);
        jnode_free(root);
        wedge_dict_init(W);
        wedge_dict_build(W, D, 1);
        /* (x - x_j)+ is zero on the data for the largest x_j, (x_j - x)+ for the smallest: 6 columns */
        CHECK(W->raw == 8 && W->num == 6 && W->zero == 2, "1D ramps: %ld %ld %ld", (long) W->raw, (long) W->num,
              (long) W->zero);
        for (slong q = 0; q < W->num; q++)
        {
            /* weights (s, -s x_j): the ramp s (x - x_j) at the sample */
            slong j = W->subsets[q];
            fmpq_mul_si(t, fmpq_mat_entry(D->X, j, 0), -W->sign[q]);
            CHECK(fmpq_equal_si(fmpq_mat_entry(W->V, q, 0), W->sign[q]) && fmpq_equal(fmpq_mat_entry(W->V, q, 1), t),
                  "1D ramp weights");
        }
        wedge_dict_clear(W);
        wedge_data_clear(D);
    }
    fmpq_clear(t);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
