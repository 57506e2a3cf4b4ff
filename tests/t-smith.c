/* The Smith forms of src/smith, with transforms (homology certificates) and without (homology)
   (smith_dense, dense, and smith_sparse): on random integer matrices of chosen rank and with
   chosen invariant factors, U A V = D with D diagonal, positive, a divisibility
   chain, U Ui = I and V Vi = I; the invariant factors are the chosen ones (a
   matrix P diag(s) Q with P, Q unimodular has exactly those), and the rank is
   FLINT's fmpz_mat_rank. Torsion matters: the fixture complexes have none. */
#include "testutil.h"
#include <flint/fmpz_mat.h>

/* M <- a random unimodular matrix (product of elementary operations) */
static void
random_unimodular(fmpz_mat_t M, flint_rand_t st)
{
    slong n = M->r;
    fmpz_t q;
    fmpz_init(q);
    fmpz_mat_one(M);
    for (slong t = 0; t < 3 * n; t++)
    {
        slong i = n_randint(st, n), j = n_randint(st, n);
        if (i == j)
            continue;
        fmpz_set_si(q, (slong) n_randint(st, 5) - 2);
        for (slong c = 0; c < n; c++)
            fmpz_addmul(fmpz_mat_entry(M, i, c), q, fmpz_mat_entry(M, j, c));
        if (n_randint(st, 4) == 0)
            fmpz_mat_swap_rows(M, NULL, i, j);
    }
    fmpz_clear(q);
}

/* M (r x c, dense) from sparse vectors: rows, or columns when by_col */
static void
dense_of(fmpz_mat_t M, const svec_struct * v, int by_col)
{
    fmpz_mat_zero(M);
    for (slong a = 0; a < (by_col ? M->c : M->r); a++)
        for (slong e = 0; e < v[a].len; e++)
        {
            CHECK(!fmpz_is_zero(v[a].val + e), "a stored zero");
            CHECK(e == 0 || v[a].idx[e - 1] < v[a].idx[e], "indices not increasing");
            fmpz_set(by_col ? fmpz_mat_entry(M, v[a].idx[e], a) : fmpz_mat_entry(M, a, v[a].idx[e]), v[a].val + e);
        }
}

/* Without transforms (as homology uses them): the same rank and invariant
   factors from smith_dense and smith_sparse. */
static void
check_plain(const fmpz_mat_t A0, const fmpz * s, slong r)
{
    slong m = A0->r, n = A0->c, d = FLINT_MAX(FLINT_MIN(m, n), 1);
    fmpz_mat_t B;
    fmpz_mat_init_set(B, A0);
    CHECK(smith_dense(B, NULL, NULL, NULL, NULL) == r, "plain dense rank");
    for (slong i = 0; i < r; i++)
        CHECK(fmpz_equal(fmpz_mat_entry(B, i, i), s + i), "plain dense factor %ld", (long) i);
    svec_struct * A = flint_malloc(FLINT_MAX(n, 1) * sizeof(svec_struct));
    for (slong j = 0; j < n; j++)
    {
        svec_init(A + j);
        for (slong i = m - 1; i >= 0; i--)   /* A[j] += A0[i][j] e_i, built by axpy */
        {
            svec_t e;
            svec_init(e);
            svec_set_unit(e, i);
            svec_axpy(A + j, fmpz_mat_entry(A0, i, j), e, NULL, NULL, NULL, 0);
            svec_clear(e);
        }
    }
    fmpz * diag = _fmpz_vec_init(d);
    rc_error_t err;
    rc_error_init(err);
    CHECK(smith_sparse(diag, NULL, NULL, NULL, NULL, A, m, n, WORD_MAX, err) == r, "plain sparse rank");
    for (slong i = 0; i < r; i++)
        CHECK(fmpz_equal(diag + i, s + i), "plain sparse factor %ld", (long) i);
    for (slong j = 0; j < n; j++)
        svec_clear(A + j);
    flint_free(A);
    _fmpz_vec_clear(diag, d);
    fmpz_mat_clear(B);
}

/* smith_sparse on A0 (m x n): U A0 V = diag, U Ui = I, V Vi = I, the
   diagonal a positive divisibility chain whose entries > 1 are s's */
static void
check_sparse(const fmpz_mat_t A0, const fmpz * s, slong r)
{
    slong m = A0->r, n = A0->c;
    svec_struct * A = flint_malloc(FLINT_MAX(n, 1) * sizeof(svec_struct));
    svec_struct * U = flint_malloc(FLINT_MAX(m, 1) * sizeof(svec_struct)), * Ui = flint_malloc(FLINT_MAX(m, 1) * sizeof(svec_struct));
    svec_struct * V = flint_malloc(FLINT_MAX(n, 1) * sizeof(svec_struct)), * Vi = flint_malloc(FLINT_MAX(n, 1) * sizeof(svec_struct));
    for (slong i = 0; i < m; i++) { svec_init(U + i); svec_init(Ui + i); }
    for (slong j = 0; j < n; j++)
    {
        svec_init(V + j);
        svec_init(Vi + j);
        svec_init(A + j);
        A[j].idx = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
        A[j].val = _fmpz_vec_init(FLINT_MAX(m, 1));
        A[j].alloc = FLINT_MAX(m, 1);
        for (slong i = 0; i < m; i++)
            if (!fmpz_is_zero(fmpz_mat_entry(A0, i, j)))
            {
                A[j].idx[A[j].len] = i;
                fmpz_set(A[j].val + A[j].len++, fmpz_mat_entry(A0, i, j));
            }
    }
    fmpz * diag = _fmpz_vec_init(FLINT_MAX(FLINT_MIN(m, n), 1));
    rc_error_t err;
    rc_error_init(err);
    slong rank = smith_sparse(diag, U, Ui, V, Vi, A, m, n, 1000000, err);
    CHECK(rank == r, "sparse rank %ld, expected %ld", (long) rank, (long) r);
    slong t = 0;
    for (slong i = 0; i < rank; i++)
    {
        CHECK(fmpz_sgn(diag + i) > 0 && (i == 0 || fmpz_divisible(diag + i, diag + i - 1)), "not a chain");
        if (!fmpz_is_one(diag + i))
        {
            while (fmpz_is_one(s + t)) t++;
            CHECK(fmpz_equal(diag + i, s + t), "invariant factor %ld", (long) i);
            t++;
        }
    }
    fmpz_mat_t Ud, Uid, Vd, Vid, T, I;
    fmpz_mat_init(Ud, m, m); fmpz_mat_init(Uid, m, m); fmpz_mat_init(Vd, n, n); fmpz_mat_init(Vid, n, n);
    dense_of(Ud, U, 0); dense_of(Uid, Ui, 1); dense_of(Vd, V, 1); dense_of(Vid, Vi, 0);
    fmpz_mat_init(T, m, n);
    fmpz_mat_mul(T, Ud, A0);
    fmpz_mat_mul(T, T, Vd);
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < n; j++)
            CHECK(i == j && i < rank ? fmpz_equal(fmpz_mat_entry(T, i, j), diag + i)
                                     : fmpz_is_zero(fmpz_mat_entry(T, i, j)), "U A V at (%ld, %ld)", (long) i, (long) j);
    fmpz_mat_init(I, m, m);
    fmpz_mat_mul(I, Ud, Uid);
    CHECK(fmpz_mat_is_one(I), "sparse U Ui != I");
    fmpz_mat_clear(I);
    fmpz_mat_init(I, n, n);
    fmpz_mat_mul(I, Vd, Vid);
    CHECK(fmpz_mat_is_one(I), "sparse V Vi != I");
    fmpz_mat_clear(I);
    fmpz_mat_clear(T);
    fmpz_mat_clear(Ud); fmpz_mat_clear(Uid); fmpz_mat_clear(Vd); fmpz_mat_clear(Vid);
    for (slong i = 0; i < m; i++) { svec_clear(U + i); svec_clear(Ui + i); }
    for (slong j = 0; j < n; j++) { svec_clear(V + j); svec_clear(Vi + j); svec_clear(A + j); }
    flint_free(A); flint_free(U); flint_free(Ui); flint_free(V); flint_free(Vi);
    _fmpz_vec_clear(diag, FLINT_MAX(FLINT_MIN(m, n), 1));
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("smith_dense....");
    fflush(stdout);
    for (slong it = 0; it < test_iters(1000); it++)
    {
        slong m = 1 + n_randint(st, 9), n = 1 + n_randint(st, 9), r = n_randint(st, FLINT_MIN(m, n) + 1);
        /* invariant factors: a chain of small multiples, mostly 1 */
        fmpz * s = _fmpz_vec_init(FLINT_MAX(r, 1));
        for (slong i = 0; i < r; i++)
        {
            fmpz_set_ui(s + i, 1);
            if (i > 0)
                fmpz_set(s + i, s + i - 1);
            if (n_randint(st, 3) == 0)
                fmpz_mul_ui(s + i, s + i, 2 + n_randint(st, 3));
        }
        fmpz_mat_t P, Q, A, A0, U, Ui, V, Vi, T, I;
        fmpz_mat_init(P, m, m);
        fmpz_mat_init(Q, n, n);
        fmpz_mat_init(A, m, n);
        fmpz_mat_init(A0, m, n);
        fmpz_mat_init(U, m, m);
        fmpz_mat_init(Ui, m, m);
        fmpz_mat_init(V, n, n);
        fmpz_mat_init(Vi, n, n);
        random_unimodular(P, st);
        random_unimodular(Q, st);
        for (slong i = 0; i < r; i++)
            fmpz_set(fmpz_mat_entry(A, i, i), s + i);
        fmpz_mat_mul(A, P, A);
        fmpz_mat_mul(A, A, Q);
        fmpz_mat_set(A0, A);
        check_sparse(A0, s, r);
        check_plain(A0, s, r);
        slong rank = smith_dense(A, U, Ui, V, Vi);
        CHECK(rank == r && rank == fmpz_mat_rank(A0), "rank %ld, expected %ld", (long) rank, (long) r);
        for (slong i = 0; i < m; i++)
            for (slong j = 0; j < n; j++)
            {
                const fmpz * e = fmpz_mat_entry(A, i, j);
                if (i == j && i < r)
                    CHECK(fmpz_equal(e, s + i), "invariant factor %ld", (long) i);
                else
                    CHECK(fmpz_is_zero(e), "off-diagonal entry (%ld, %ld)", (long) i, (long) j);
            }
        fmpz_mat_init(T, m, n);
        fmpz_mat_mul(T, U, A0);
        fmpz_mat_mul(T, T, V);
        CHECK(fmpz_mat_equal(T, A), "U A V is not the Smith form");
        fmpz_mat_clear(T);
        fmpz_mat_init(I, m, m);
        fmpz_mat_mul(I, U, Ui);
        CHECK(fmpz_mat_is_one(I), "U Ui != I");
        fmpz_mat_clear(I);
        fmpz_mat_init(I, n, n);
        fmpz_mat_mul(I, V, Vi);
        CHECK(fmpz_mat_is_one(I), "V Vi != I");
        fmpz_mat_clear(I);
        _fmpz_vec_clear(s, FLINT_MAX(r, 1));
        fmpz_mat_clear(P);
        fmpz_mat_clear(Q);
        fmpz_mat_clear(A);
        fmpz_mat_clear(A0);
        fmpz_mat_clear(U);
        fmpz_mat_clear(Ui);
        fmpz_mat_clear(V);
        fmpz_mat_clear(Vi);
    }
    /* sparse +-1 matrices (like boundary matrices), up to 40 x 40 */
    for (slong it = 0; it < test_iters(300); it++)
    {
        slong m = 1 + n_randint(st, 40), n = 1 + n_randint(st, 40);
        fmpz_mat_t A0;
        fmpz_mat_init(A0, m, n);
        for (slong j = 0; j < n; j++)
            for (slong t = 0; t < 3; t++)
                fmpz_set_si(fmpz_mat_entry(A0, n_randint(st, m), j), n_randint(st, 2) ? 1 : -1);
        slong r = fmpz_mat_rank(A0);
        /* the invariant factors > 1, from the dense routine */
        fmpz_mat_t B, U, Ui, V, Vi;
        fmpz_mat_init_set(B, A0);
        fmpz_mat_init(U, m, m); fmpz_mat_init(Ui, m, m); fmpz_mat_init(V, n, n); fmpz_mat_init(Vi, n, n);
        slong rd = smith_dense(B, U, Ui, V, Vi);
        CHECK(rd == r, "dense rank");
        fmpz * s = _fmpz_vec_init(FLINT_MAX(r, 1));
        for (slong i = 0; i < r; i++)
            fmpz_set(s + i, fmpz_mat_entry(B, i, i));
        check_sparse(A0, s, r);
        check_plain(A0, s, r);
        _fmpz_vec_clear(s, FLINT_MAX(r, 1));
        fmpz_mat_clear(A0); fmpz_mat_clear(B); fmpz_mat_clear(U); fmpz_mat_clear(Ui); fmpz_mat_clear(V); fmpz_mat_clear(Vi);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
