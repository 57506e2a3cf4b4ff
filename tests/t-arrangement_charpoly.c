/* The characteristic polynomial agrees with closed formulas: general
   position (Zaslavsky: regions = sum_{k<=d} C(m,k), bounded = C(m-1,d)),
   braid, coordinate, parallel, pencil, Shi and Catalan arrangements
   (Stanley, "An introduction to hyperplane arrangements", Lectures 1-5);
   with Whitney's theorem chi(t) = sum over central subsets S of
   (-1)^|S| t^(n - rank S) on small degenerate arrangements; and is invariant
   under affine changes of coordinates and under the neuron normalisation
   (repeated, opposite, rescaled and constant neurons). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpq_mat.h>
#include "arrangement/arrangement.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("\nFAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* Iteration multiplier, FLINT style: RELUCERT_TEST_MULTIPLIER=0.1 for quick
   runs (e.g. under valgrind). Below 1 the largest fixed case is skipped. */
static double
test_multiplier(void)
{
    const char * s = getenv("RELUCERT_TEST_MULTIPLIER");
    return s ? atof(s) : 1.0;
}

static slong
test_iters(slong base)
{
    slong k = (slong) (base * test_multiplier());
    return k < 1 ? 1 : k;
}

/* ------------------------------------------------------------ helpers */

static void
set_int_rows(arrangement_t A, const fmpz_mat_t R)
{
    fmpq_mat_t Q;
    fmpq_mat_init(Q, R->r, R->c);
    fmpq_mat_set_fmpz_mat(Q, R);
    arrangement_set_rows(A, Q);
    fmpq_mat_clear(Q);
}

/* p <- t^k prod_i (t - roots[i]) */
static void
poly_from_roots(fmpz_poly_t p, slong k, const slong * roots, slong nroots)
{
    fmpz_poly_t f;
    fmpz_poly_init(f);
    fmpz_poly_zero(p);
    fmpz_poly_set_coeff_ui(p, k, 1);
    for (slong i = 0; i < nroots; i++)
    {
        fmpz_poly_zero(f);
        fmpz_poly_set_coeff_ui(f, 1, 1);
        fmpz_poly_set_coeff_si(f, 0, -roots[i]);
        fmpz_poly_mul(p, p, f);
    }
    fmpz_poly_clear(f);
}

static void
check_chi(const arrangement_t A, const fmpz_poly_t expect, const char * what)
{
    fmpz_poly_t chi;
    fmpz_poly_init(chi);
    arrangement_charpoly(chi, A);
    if (!fmpz_poly_equal(chi, expect))
    {
        printf("\n%s: got ", what);
        fmpz_poly_print_pretty(chi, "t");
        printf(", expected ");
        fmpz_poly_print_pretty(expect, "t");
        CHECK(0, "characteristic polynomial of %s", what);
    }
    fmpz_poly_clear(chi);
}

/* Rank of the rows idx[0..k) of R restricted to columns c0..R->c-1. */
static slong
subset_rank(const fmpz_mat_t R, const slong * idx, slong k, slong c0)
{
    fmpz_mat_t S;
    slong r;
    if (k == 0)
        return 0;
    fmpz_mat_init(S, k, R->c - c0);
    for (slong i = 0; i < k; i++)
        _fmpz_vec_set(S->rows[i], R->rows[idx[i]] + c0, R->c - c0);
    r = fmpz_mat_rank(S);
    fmpz_mat_clear(S);
    return r;
}

/* next k-subset of {0..m-1} in lexicographic order; 0 after the last */
static int
next_subset(slong * idx, slong k, slong m)
{
    slong i = k - 1;
    while (i >= 0 && idx[i] == m - k + i)
        i--;
    if (i < 0)
        return 0;
    idx[i]++;
    for (slong j = i + 1; j < k; j++)
        idx[j] = idx[j - 1] + 1;
    return 1;
}

/* rows (c, a) of R in general position in R^d, checked exactly: every
   min(m, d) normals are independent, every d + 1 rows (c, a) are. */
static int
in_general_position(const fmpz_mat_t R, slong d)
{
    slong m = R->r, idx[64];
    slong k = FLINT_MIN(m, d);

    for (slong i = 0; i < k; i++)
        idx[i] = i;
    do
        if (subset_rank(R, idx, k, 1) != k)
            return 0;
    while (next_subset(idx, k, m));
    if (m <= d)
        return 1;
    for (slong i = 0; i <= d; i++)
        idx[i] = i;
    do
        if (subset_rank(R, idx, d + 1, 0) != d + 1)
            return 0;
    while (next_subset(idx, d + 1, m));
    return 1;
}

static void
random_rows(fmpz_mat_t R, flint_rand_t st, slong bound)
{
    for (slong i = 0; i < R->r; i++)
        for (slong j = 0; j < R->c; j++)
            fmpz_set_si(fmpz_mat_entry(R, i, j),
                        (slong) n_randint(st, 2 * bound + 1) - bound);
}

/* ------------------------------------------------------------ general position */

static void
check_general_position(flint_rand_t st, slong d, slong m)
{
    fmpz_mat_t R;
    arrangement_t A;
    fmpz_poly_t expect, chi;
    fmpz_t v, b, s;
    slong * counts = flint_malloc((d + 1) * sizeof(slong));

    fmpz_mat_init(R, m, d + 1);
    do
        random_rows(R, st, 30);
    while (!in_general_position(R, d));

    arrangement_init(A, d);
    set_int_rows(A, R);
    CHECK(arrangement_num_hyperplanes(A) == m, "d=%ld m=%ld: %ld hyperplanes",
          (long) d, (long) m, (long) arrangement_num_hyperplanes(A));
    CHECK(arrangement_rank(A) == FLINT_MIN(m, d), "rank");

    fmpz_poly_init(expect);
    fmpz_poly_init(chi);
    fmpz_init(v);
    fmpz_init(b);
    fmpz_init(s);
    for (slong k = 0; k <= d; k++)
    {
        fmpz_bin_uiui(b, m, k);
        if (k & 1)
            fmpz_neg(b, b);
        fmpz_poly_set_coeff_fmpz(expect, d - k, b);
    }
    check_chi(A, expect, "general position");

    /* Zaslavsky: regions = (-1)^d chi(-1) = sum_{k<=d} C(m,k) */
    arrangement_charpoly(chi, A);
    fmpz_set_si(v, -1);
    fmpz_poly_evaluate_fmpz(v, chi, v);
    if (d & 1)
        fmpz_neg(v, v);
    fmpz_zero(s);
    for (slong k = 0; k <= d; k++)
    {
        fmpz_bin_uiui(b, m, k);
        fmpz_add(s, s, b);
    }
    CHECK(fmpz_equal(v, s), "regions d=%ld m=%ld", (long) d, (long) m);
    if (d == 4 && m == 8)
        CHECK(fmpz_equal_si(v, 163), "163 regions");
    if (d == 5 && m == 16)
        CHECK(fmpz_equal_si(v, 6885), "6885 regions");

    /* bounded regions = |chi(1)| = C(m-1,d) */
    fmpz_one(v);
    fmpz_poly_evaluate_fmpz(v, chi, v);
    fmpz_abs(v, v);
    fmpz_bin_uiui(b, m - 1, d);
    CHECK(fmpz_equal(v, b), "bounded regions d=%ld m=%ld", (long) d, (long) m);

    /* flats of codimension k: one per k-subset */
    arrangement_flat_counts(counts, A);
    for (slong k = 0; k <= d; k++)
    {
        fmpz_bin_uiui(b, m, k);
        CHECK(fmpz_equal_si(b, counts[k]), "flats of codim %ld: %ld", (long) k, (long) counts[k]);
    }

    flint_free(counts);
    fmpz_clear(v);
    fmpz_clear(b);
    fmpz_clear(s);
    fmpz_poly_clear(chi);
    fmpz_poly_clear(expect);
    arrangement_clear(A);
    fmpz_mat_clear(R);
}

/* ------------------------------------------------------------ classical families */

/* rows (c, e_i - e_j) for i < j and every c in cs */
static void
difference_arrangement(arrangement_t A, slong n, const slong * cs, slong ncs)
{
    fmpz_mat_t R;
    slong row = 0;
    fmpz_mat_init(R, ncs * n * (n - 1) / 2, n + 1);
    for (slong i = 0; i < n; i++)
        for (slong j = i + 1; j < n; j++)
            for (slong k = 0; k < ncs; k++, row++)
            {
                fmpz_set_si(fmpz_mat_entry(R, row, 0), cs[k]);
                fmpz_one(fmpz_mat_entry(R, row, 1 + i));
                fmpz_set_si(fmpz_mat_entry(R, row, 1 + j), -1);
            }
    set_int_rows(A, R);
    fmpz_mat_clear(R);
}

static void
check_families(void)
{
    arrangement_t A;
    fmpz_poly_t expect;
    fmpz_mat_t R;
    slong roots[16] = {0};
    char what[64];

    arrangement_init(A, 0);
    fmpz_poly_init(expect);

    /* no hyperplanes: chi = t^n, one flat */
    for (slong n = 0; n <= 4; n++)
    {
        slong counts[5];
        arrangement_clear(A);
        arrangement_init(A, n);
        poly_from_roots(expect, n, roots, 0);
        check_chi(A, expect, "empty arrangement");
        arrangement_flat_counts(counts, A);
        CHECK(counts[0] == 1, "one flat");
        for (slong k = 1; k <= n; k++)
            CHECK(counts[k] == 0, "no flats of codim %ld", (long) k);
        CHECK(arrangement_rank(A) == 0, "rank 0");
    }

    /* braid arrangement x_i = x_j: chi = t (t-1) ... (t-n+1), rank n - 1 */
    for (slong n = 2; n <= 6; n++)
    {
        slong zero = 0;
        difference_arrangement(A, n, &zero, 1);
        CHECK(arrangement_num_hyperplanes(A) == n * (n - 1) / 2, "braid size");
        CHECK(arrangement_rank(A) == n - 1, "braid rank");
        for (slong i = 0; i < n; i++)
            roots[i] = i;
        poly_from_roots(expect, 0, roots, n);
        snprintf(what, sizeof(what), "braid n=%ld", (long) n);
        check_chi(A, expect, what);
    }

    /* Shi arrangement x_i - x_j = 0, 1: chi = t (t - n)^(n-1) */
    for (slong n = 2; n <= 5; n++)
    {
        slong cs[2] = {0, -1};
        difference_arrangement(A, n, cs, 2);
        roots[0] = 0;
        for (slong i = 1; i < n; i++)
            roots[i] = n;
        poly_from_roots(expect, 0, roots, n);
        snprintf(what, sizeof(what), "Shi n=%ld", (long) n);
        check_chi(A, expect, what);
    }

    /* Catalan arrangement x_i - x_j = -1, 0, 1: chi = t (t-n-1) (t-n-2) ... (t-2n+1) */
    for (slong n = 2; n <= 4; n++)
    {
        slong cs[3] = {1, 0, -1};
        difference_arrangement(A, n, cs, 3);
        roots[0] = 0;
        for (slong i = 1; i < n; i++)
            roots[i] = n + i;
        poly_from_roots(expect, 0, roots, n);
        snprintf(what, sizeof(what), "Catalan n=%ld", (long) n);
        check_chi(A, expect, what);
    }

    /* coordinate arrangement x_i = 0: (t - 1)^n */
    for (slong n = 1; n <= 6; n++)
    {
        fmpz_mat_init(R, n, n + 1);
        for (slong i = 0; i < n; i++)
        {
            fmpz_one(fmpz_mat_entry(R, i, i + 1));
            roots[i] = 1;
        }
        set_int_rows(A, R);
        fmpz_mat_clear(R);
        poly_from_roots(expect, 0, roots, n);
        check_chi(A, expect, "coordinate arrangement");
    }

    /* k parallel hyperplanes x_1 = 0, ..., k - 1 in R^n: t^(n-1) (t - k); rank 1 */
    for (slong n = 1; n <= 4; n++)
        for (slong k = 1; k <= 6; k++)
        {
            fmpz_mat_init(R, k, n + 1);
            for (slong i = 0; i < k; i++)
            {
                fmpz_set_si(fmpz_mat_entry(R, i, 0), -i);
                fmpz_one(fmpz_mat_entry(R, i, 1));
            }
            set_int_rows(A, R);
            fmpz_mat_clear(R);
            roots[0] = k;
            poly_from_roots(expect, n - 1, roots, 1);
            check_chi(A, expect, "parallel hyperplanes");
            CHECK(arrangement_rank(A) == 1, "parallel rank");
        }

    /* k distinct lines through the origin in R^2: t^2 - k t + (k - 1) */
    for (slong k = 1; k <= 10; k++)
    {
        fmpz_mat_init(R, k, 3);
        for (slong i = 0; i < k; i++)
        {
            fmpz_one(fmpz_mat_entry(R, i, 1));
            fmpz_set_si(fmpz_mat_entry(R, i, 2), i);
        }
        set_int_rows(A, R);
        fmpz_mat_clear(R);
        fmpz_poly_zero(expect);
        fmpz_poly_set_coeff_si(expect, 2, 1);
        fmpz_poly_set_coeff_si(expect, 1, -k);
        fmpz_poly_set_coeff_si(expect, 0, k - 1);
        check_chi(A, expect, "pencil of lines");
    }

    fmpz_poly_clear(expect);
    arrangement_clear(A);
}

/* ------------------------------------------------------------ normalisation */

/* the canonical form itself: primitive rows, first nonzero a_i > 0, strictly increasing */
static void
check_canonical(const arrangement_t A)
{
    slong m = A->H->r, len = A->n + 1;
    fmpz_t g;
    fmpz_init(g);
    for (slong i = 0; i < m; i++)
    {
        const fmpz * h = A->H->rows[i];
        slong j = 1;
        _fmpz_vec_content(g, h, len);
        CHECK(fmpz_is_one(g), "row %ld not primitive", (long) i);
        while (j < len && fmpz_is_zero(h + j))
            j++;
        CHECK(j < len, "row %ld has a = 0", (long) i);
        CHECK(fmpz_sgn(h + j) > 0, "row %ld: first a entry not positive", (long) i);
        if (i > 0)
        {
            const fmpz * p = A->H->rows[i - 1];
            slong k = 0;
            while (k < len && fmpz_equal(p + k, h + k))
                k++;
            CHECK(k < len && fmpz_cmp(p + k, h + k) < 0, "rows %ld, %ld out of order", (long) i - 1, (long) i);
        }
    }
    fmpz_clear(g);
}

static void
check_normalisation(flint_rand_t st)
{
    for (slong iter = 0; iter < test_iters(100); iter++)
    {
        slong n = 1 + n_randint(st, 4), m = 1 + n_randint(st, 7), M = 0;
        fmpz_mat_t R;
        fmpq_mat_t Q;
        arrangement_t A, B;
        fmpz_poly_t chi, chi2;
        fmpq_t f;
        slong * perm;

        fmpz_mat_init(R, m, n + 1);
        random_rows(R, st, 3);
        arrangement_init(A, n);
        arrangement_init(B, n);
        set_int_rows(A, R);
        check_canonical(A);

        /* every row 1-3 times with random nonzero rational factors (so also
           opposite), plus constant rows a = 0 with and without bias, in a
           random order */
        fmpq_mat_init(Q, 3 * m + 2, n + 1);
        fmpq_init(f);
        for (slong i = 0; i < m; i++)
        {
            slong copies = 1 + n_randint(st, 3);
            for (slong c = 0; c < copies; c++, M++)
            {
                fmpz_set_si(fmpq_numref(f), 1 + n_randint(st, 7));
                fmpz_set_si(fmpq_denref(f), 1 + n_randint(st, 7));
                fmpq_canonicalise(f);
                if (n_randint(st, 2))
                    fmpq_neg(f, f);
                for (slong j = 0; j <= n; j++)
                {
                    fmpq_set_fmpz_frac(fmpq_mat_entry(Q, M, j), fmpz_mat_entry(R, i, j), fmpq_denref(f));
                    fmpq_mul_fmpz(fmpq_mat_entry(Q, M, j), fmpq_mat_entry(Q, M, j), fmpq_numref(f));
                }
            }
        }
        fmpq_set_si(fmpq_mat_entry(Q, M++, 0), 5, 3);   /* a = 0, c != 0: empty */
        M++;                                            /* a = 0, c = 0: all of R^n */
        perm = flint_malloc(M * sizeof(slong));
        for (slong i = 0; i < M; i++)
            perm[i] = i;
        for (slong i = M - 1; i > 0; i--)
        {
            slong j = n_randint(st, i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        {
            fmpq_mat_t Qm;   /* the M filled rows, shuffled */
            fmpq_mat_init(Qm, M, n + 1);
            for (slong i = 0; i < M; i++)
                for (slong j = 0; j <= n; j++)
                    fmpq_set(fmpq_mat_entry(Qm, i, j), fmpq_mat_entry(Q, perm[i], j));
            arrangement_set_rows(B, Qm);
            fmpq_mat_clear(Qm);
        }

        CHECK(arrangement_num_hyperplanes(B) == arrangement_num_hyperplanes(A), "hyperplane count %ld vs %ld",
              (long) arrangement_num_hyperplanes(B), (long) arrangement_num_hyperplanes(A));
        CHECK(fmpz_mat_equal(A->H, B->H), "canonical rows differ");
        CHECK(B->n == n, "dimension");
        fmpz_poly_init(chi);
        fmpz_poly_init(chi2);
        arrangement_charpoly(chi, A);
        arrangement_charpoly(chi2, B);
        CHECK(fmpz_poly_equal(chi, chi2), "chi changed by normalisation");
        fmpz_poly_clear(chi);
        fmpz_poly_clear(chi2);

        flint_free(perm);
        fmpq_clear(f);
        fmpq_mat_clear(Q);
        arrangement_clear(A);
        arrangement_clear(B);
        fmpz_mat_clear(R);
    }
}

/* ------------------------------------------------------------ degenerate arrangements */

/* Whitney's theorem: chi(t) = sum over subsets S with nonempty intersection
   of (-1)^|S| t^(n - rank S) (Stanley, Lecture 2, Theorem 2.4); S is
   central iff its rows (c, a) have the same rank as its normals a. */
static void
whitney_charpoly(fmpz_poly_t chi, const arrangement_t A)
{
    slong m = A->H->r, n = A->n, idx[32];
    fmpz_t c;

    fmpz_init(c);
    fmpz_poly_zero(chi);
    for (ulong S = 0; S < (UWORD(1) << m); S++)
    {
        slong k = 0, r;
        for (slong i = 0; i < m; i++)
            if ((S >> i) & 1)
                idx[k++] = i;
        r = subset_rank(A->H, idx, k, 1);
        if (subset_rank(A->H, idx, k, 0) != r)
            continue;
        fmpz_poly_get_coeff_fmpz(c, chi, n - r);
        if (k & 1)
            fmpz_sub_ui(c, c, 1);
        else
            fmpz_add_ui(c, c, 1);
        fmpz_poly_set_coeff_fmpz(chi, n - r, c);
    }
    fmpz_clear(c);
}

/* rows (c + a.p, T^t a): the same arrangement in coordinates x = T y + p */
static void
affine_image(fmpz_mat_t R2, const fmpz_mat_t R, const fmpz_mat_t T, const fmpz * p)
{
    slong n = R->c - 1;
    for (slong i = 0; i < R->r; i++)
    {
        const fmpz * h = R->rows[i];
        fmpz_set(fmpz_mat_entry(R2, i, 0), h + 0);
        for (slong k = 0; k < n; k++)
            fmpz_addmul(fmpz_mat_entry(R2, i, 0), h + 1 + k, p + k);
        for (slong j = 0; j < n; j++)
        {
            fmpz_zero(fmpz_mat_entry(R2, i, 1 + j));
            for (slong k = 0; k < n; k++)
                fmpz_addmul(fmpz_mat_entry(R2, i, 1 + j), h + 1 + k, fmpz_mat_entry(T, k, j));
        }
    }
}

static void
check_degenerate(flint_rand_t st)
{
    for (slong iter = 0; iter < test_iters(300); iter++)
    {
        slong n = 1 + n_randint(st, 4), m0 = 1 + n_randint(st, 10), m, r;
        slong * counts = flint_malloc((n + 1) * sizeof(slong));
        fmpz_mat_t R, R2, T;
        arrangement_t A, A2;
        fmpz_poly_t chi, chi2;
        fmpz * p = _fmpz_vec_init(n);
        fmpz_t v, det;

        fmpz_mat_init(R, m0, n + 1);
        fmpz_mat_init(R2, m0, n + 1);
        fmpz_mat_init(T, n, n);
        fmpz_poly_init(chi);
        fmpz_poly_init(chi2);
        fmpz_init(v);
        fmpz_init(det);
        arrangement_init(A, n);
        arrangement_init(A2, n);

        /* small entries: many coincident, parallel and concurrent hyperplanes */
        random_rows(R, st, 2);
        /* half of the time all through one point p: a central arrangement */
        if (n_randint(st, 2))
        {
            for (slong k = 0; k < n; k++)
                fmpz_set_si(p + k, (slong) n_randint(st, 5) - 2);
            for (slong i = 0; i < m0; i++)
            {
                fmpz_zero(fmpz_mat_entry(R, i, 0));
                for (slong k = 0; k < n; k++)
                    fmpz_submul(fmpz_mat_entry(R, i, 0), fmpz_mat_entry(R, i, 1 + k), p + k);
            }
            set_int_rows(A, R);
            arrangement_charpoly(chi, A);
            fmpz_one(v);
            fmpz_poly_evaluate_fmpz(v, chi, v);
            if (arrangement_num_hyperplanes(A) > 0)
                CHECK(fmpz_is_zero(v), "central arrangement with chi(1) != 0");
        }
        set_int_rows(A, R);
        check_canonical(A);
        m = arrangement_num_hyperplanes(A);
        r = arrangement_rank(A);
        arrangement_charpoly(chi, A);

        whitney_charpoly(chi2, A);
        CHECK(fmpz_poly_equal(chi, chi2), "chi differs from Whitney's formula (n=%ld m=%ld)", (long) n, (long) m);

        /* monic of degree n, coefficient of t^(n-1) is -m, signs alternate,
           nothing below t^(n - rank) */
        CHECK(fmpz_poly_degree(chi) == n && fmpz_is_one(fmpz_poly_lead(chi)), "not monic of degree n");
        fmpz_poly_get_coeff_fmpz(v, chi, n - 1);
        CHECK(fmpz_equal_si(v, -m), "t^(n-1) coefficient");
        for (slong k = 0; k <= n; k++)
        {
            fmpz_poly_get_coeff_fmpz(v, chi, n - k);
            if (k & 1)
                fmpz_neg(v, v);
            CHECK(fmpz_sgn(v) >= 0, "signs do not alternate");
            CHECK(k <= r || fmpz_is_zero(v), "coefficient below t^(n - rank)");
            CHECK(k > r || !fmpz_is_zero(v), "zero coefficient above t^(n - rank)");
        }

        arrangement_flat_counts(counts, A);
        CHECK(counts[0] == 1 && (n < 1 || counts[1] == m), "flats of codim 0, 1");
        for (slong k = 1; k <= n; k++)
            CHECK((k <= r) == (counts[k] > 0), "flats exist exactly up to the rank");

        /* invariant under x = T y + p with T invertible */
        do
        {
            for (slong i = 0; i < n; i++)
                for (slong j = 0; j < n; j++)
                    fmpz_set_si(fmpz_mat_entry(T, i, j), (slong) n_randint(st, 7) - 3);
            fmpz_mat_det(det, T);
        }
        while (fmpz_is_zero(det));
        for (slong k = 0; k < n; k++)
            fmpz_set_si(p + k, (slong) n_randint(st, 11) - 5);
        affine_image(R2, R, T, p);
        set_int_rows(A2, R2);
        CHECK(arrangement_num_hyperplanes(A2) == m, "affine image count");
        CHECK(arrangement_rank(A2) == r, "affine image rank");
        arrangement_charpoly(chi2, A2);
        CHECK(fmpz_poly_equal(chi, chi2), "chi not affinely invariant");

        flint_free(counts);
        _fmpz_vec_clear(p, n);
        fmpz_clear(v);
        fmpz_clear(det);
        fmpz_poly_clear(chi);
        fmpz_poly_clear(chi2);
        arrangement_clear(A);
        arrangement_clear(A2);
        fmpz_mat_clear(T);
        fmpz_mat_clear(R);
        fmpz_mat_clear(R2);
    }
}

/* An arrangement in R^n whose hyperplanes only involve x_1..x_k is the
   product of one in R^k with R^(n-k): rank <= k, chi_n = t^(n-k) chi_k. */
static void
check_non_essential(flint_rand_t st)
{
    for (slong iter = 0; iter < test_iters(50); iter++)
    {
        slong k = 1 + n_randint(st, 3), n = k + 1 + n_randint(st, 3), m = 1 + n_randint(st, 8);
        fmpz_mat_t R, Rn;
        arrangement_t A, An;
        fmpz_poly_t chi, chin;

        fmpz_mat_init(R, m, k + 1);
        fmpz_mat_init(Rn, m, n + 1);
        random_rows(R, st, 3);
        for (slong i = 0; i < m; i++)
            _fmpz_vec_set(Rn->rows[i], R->rows[i], k + 1);
        arrangement_init(A, k);
        arrangement_init(An, n);
        set_int_rows(A, R);
        set_int_rows(An, Rn);
        CHECK(arrangement_rank(An) == arrangement_rank(A) && arrangement_rank(An) <= k, "non-essential rank");
        CHECK(arrangement_num_hyperplanes(An) == arrangement_num_hyperplanes(A), "non-essential count");
        fmpz_poly_init(chi);
        fmpz_poly_init(chin);
        arrangement_charpoly(chi, A);
        arrangement_charpoly(chin, An);
        fmpz_poly_shift_left(chi, chi, n - k);
        CHECK(fmpz_poly_equal(chi, chin), "chi_n != t^(n-k) chi_k");
        fmpz_poly_clear(chi);
        fmpz_poly_clear(chin);
        arrangement_clear(A);
        arrangement_clear(An);
        fmpz_mat_clear(R);
        fmpz_mat_clear(Rn);
    }

    /* explicitly: x_1 = 0, x_2 = 0, x_1 + x_2 = 1 in R^4 has rank 2 */
    {
        slong data[3][5] = {{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {-1, 1, 1, 0, 0}};
        fmpz_mat_t R;
        arrangement_t A;
        fmpz_poly_t expect;
        fmpz_mat_init(R, 3, 5);
        for (slong i = 0; i < 3; i++)
            for (slong j = 0; j < 5; j++)
                fmpz_set_si(fmpz_mat_entry(R, i, j), data[i][j]);
        arrangement_init(A, 4);
        set_int_rows(A, R);
        CHECK(arrangement_rank(A) == 2, "rank of a non-essential arrangement");
        /* three lines in general position in R^2: t^2 - 3t + 3, times t^2 */
        fmpz_poly_init(expect);
        fmpz_poly_set_coeff_si(expect, 4, 1);
        fmpz_poly_set_coeff_si(expect, 3, -3);
        fmpz_poly_set_coeff_si(expect, 2, 3);
        check_chi(A, expect, "three lines times R^2");
        fmpz_poly_clear(expect);
        arrangement_clear(A);
        fmpz_mat_clear(R);
    }
}

/* ------------------------------------------------------------ from a network */

/* Built through the struct fields only, so this test does not depend on the
   net module's constructors. */
static void
check_from_net(void)
{
    /* hidden neurons (b | W): x1 + 2 x2 + 1 three ways, a constant, and x1 */
    slong data[5][3] = {{1, 1, 2}, {2, 2, 4}, {-1, -1, -2}, {3, 0, 0}, {0, 1, 0}};
    slong expect_map[5] = {1, 1, 1, -1, 0}, map[5];
    net_t net;
    net_layer_struct layers[2];
    arrangement_t A;
    rc_error_t err;

    memset(net, 0, sizeof(net_t));
    net->input_dim = 2;
    net->nlayers = 2;
    net->layers = layers;
    fmpq_mat_init(layers[0].W, 5, 2);
    layers[0].b = _fmpq_vec_init(5);
    fmpq_mat_init(layers[1].W, 1, 5);
    layers[1].b = _fmpq_vec_init(1);
    for (slong i = 0; i < 5; i++)
    {
        fmpq_set_si(layers[0].b + i, data[i][0], 1);
        for (slong j = 0; j < 2; j++)
            fmpq_set_si(fmpq_mat_entry(layers[0].W, i, j), data[i][j + 1], 1);
    }
    /* a rational multiple is the same hyperplane: (1/3)(x1 + 2 x2 + 1) */
    fmpq_set_si(layers[0].b + 1, 1, 3);
    fmpq_set_si(fmpq_mat_entry(layers[0].W, 1, 0), 1, 3);
    fmpq_set_si(fmpq_mat_entry(layers[0].W, 1, 1), 2, 3);

    arrangement_init(A, 2);
    rc_error_init(err);
    CHECK(arrangement_from_net(A, map, net, err) == RELU_OK, "from_net: %s", err->msg);
    CHECK(A->n == 2 && arrangement_num_hyperplanes(A) == 2, "from_net: %ld hyperplanes",
          (long) arrangement_num_hyperplanes(A));
    for (slong i = 0; i < 5; i++)
        CHECK(map[i] == expect_map[i], "map[%ld] = %ld, expected %ld", (long) i, (long) map[i], (long) expect_map[i]);
    CHECK(fmpz_equal_si(fmpz_mat_entry(A->H, 0, 0), 0) && fmpz_equal_si(fmpz_mat_entry(A->H, 0, 1), 1)
          && fmpz_equal_si(fmpz_mat_entry(A->H, 0, 2), 0), "first row (0, 1, 0)");
    CHECK(fmpz_equal_si(fmpz_mat_entry(A->H, 1, 0), 1) && fmpz_equal_si(fmpz_mat_entry(A->H, 1, 1), 1)
          && fmpz_equal_si(fmpz_mat_entry(A->H, 1, 2), 2), "second row (1, 1, 2)");
    CHECK(arrangement_from_net(A, NULL, net, err) == RELU_OK, "from_net without map");

    /* other depths are refused before any layer is read */
    net->nlayers = 3;
    CHECK(arrangement_from_net(A, map, net, err) == RELU_E_UNSUPPORTED, "depth 2 accepted");
    CHECK(strcmp(err->msg, "arrangement needs a network with exactly one hidden layer; this one has 2") == 0,
          "message: %s", err->msg);
    net->nlayers = 1;
    rc_error_init(err);
    CHECK(arrangement_from_net(A, map, net, err) == RELU_E_UNSUPPORTED && err->code == RELU_E_UNSUPPORTED,
          "depth 0 accepted");
    CHECK(strstr(err->msg, "this one has 0") != NULL, "message: %s", err->msg);

    arrangement_clear(A);
    fmpq_mat_clear(layers[0].W);
    _fmpq_vec_clear(layers[0].b, 5);
    fmpq_mat_clear(layers[1].W);
    _fmpq_vec_clear(layers[1].b, 1);
}

/* ------------------------------------------------------------ main */

int
main(void)
{
    flint_rand_t state;
    flint_randinit(state);
    flint_randseed(state, 20240611, 7);

    printf("t-arrangement_charpoly....");
    fflush(stdout);

    check_families();
    check_normalisation(state);
    check_non_essential(state);
    check_degenerate(state);
    check_from_net();

    check_general_position(state, 4, 8);
    if (test_multiplier() >= 1.0)
        check_general_position(state, 5, 16);
    for (slong iter = 0; iter < test_iters(40); iter++)
    {
        slong d = 2 + n_randint(state, 4);
        slong m = 1 + n_randint(state, 14 - 2 * d);
        check_general_position(state, d, m);
    }

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
