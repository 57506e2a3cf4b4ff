/* Lemke's method (exact, lexicographic): on random positive definite M
   (= B^T B + I, B integer) the LCP has exactly one solution and Lemke must
   find it; on random positive semidefinite M (= B^T B, B wide) whenever it
   answers, the answer satisfies z >= 0, w = M z + q >= 0, z . w = 0.
   (The LCPs of degenerate lasso breakpoints are exercised by t-wedge_lasso.) */
#include "testutil.h"

static void
check_solution(const fmpq_mat_t M, const fmpq * q, const fmpq * z)
{
    slong m = M->r;
    fmpq_t w, s;
    fmpq_init(w); fmpq_init(s);
    for (slong i = 0; i < m; i++)
    {
        fmpq_set(w, q + i);
        for (slong j = 0; j < m; j++)
            fmpq_addmul(w, fmpq_mat_entry(M, i, j), z + j);
        CHECK(fmpq_sgn(z + i) >= 0 && fmpq_sgn(w) >= 0, "z or w negative");
        fmpq_addmul(s, z + i, w);
    }
    CHECK(fmpq_is_zero(s), "z . w != 0");
    fmpq_clear(w); fmpq_clear(s);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("wedge_lcp....");
    fflush(stdout);
    slong solved_psd = 0, iters = test_iters(200);
    for (slong it = 0; it < iters; it++)
    {
        slong m = 1 + n_randint(st, 7), k = (it % 2) ? m + 2 : 1 + (slong) n_randint(st, m);
        int pd = (it % 2);
        fmpq_mat_t B, M;
        fmpq_mat_init(B, k, m);
        fmpq_mat_init(M, m, m);
        fmpq * q = _fmpq_vec_init(m), * z = _fmpq_vec_init(m);
        for (slong i = 0; i < k; i++)
            for (slong j = 0; j < m; j++)
                fmpq_set_si(fmpq_mat_entry(B, i, j), (slong) n_randint(st, 5) - 2, 1);
        for (slong i = 0; i < m; i++)
        {
            for (slong j = 0; j < m; j++)
                for (slong l = 0; l < k; l++)
                    fmpq_addmul(fmpq_mat_entry(M, i, j), fmpq_mat_entry(B, l, i), fmpq_mat_entry(B, l, j));
            if (pd)
                fmpq_add_si(fmpq_mat_entry(M, i, i), fmpq_mat_entry(M, i, i), 1);
            /* degenerate right-hand sides are common: small integers */
            fmpq_set_si(q + i, (slong) n_randint(st, 5) - 2, 1);
        }
        int ok = wedge_lcp_lemke(z, M, q, 10000);
        if (pd)
            CHECK(ok, "positive definite LCP not solved");
        if (ok)
        {
            check_solution(M, q, z);
            solved_psd += !pd;
        }
        _fmpq_vec_clear(q, m); _fmpq_vec_clear(z, m);
        fmpq_mat_clear(B); fmpq_mat_clear(M);
    }
    CHECK(solved_psd > 0, "no semidefinite LCP solved");
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
