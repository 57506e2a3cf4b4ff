/* The Smith form with transforms behind homology certificates
   (cert_smith_transform): on random integer matrices of chosen rank and with
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

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("cert_smith_transform....");
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
        slong rank = cert_smith_transform(A, U, Ui, V, Vi);
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
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
