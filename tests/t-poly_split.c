/* Double description cuts agree with cddlib, and face lattices have the
   right Euler characteristic and known f-vectors (cube, simplex). */
#include <stdio.h>
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpz_mat.h>
#include <string.h>
#include "poly/poly.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* swaps two poly_dgens (the struct holds only pointers and sizes) */
static void
poly_dgens_swap_test(poly_dgens_t a, poly_dgens_t b)
{
    poly_dgens_struct t = *a;
    *a = *b;
    *b = t;
}

static void
fvector(slong * f, const poly_t P)
{
    poly_faces_t F;
    poly_faces_init(F);
    poly_faces_compute(F, P);
    for (slong k = 0; k <= P->n; k++)
        f[k] = 0;
    for (slong i = 0; i < F->num; i++)
        f[F->dim[i]]++;
    poly_faces_clear(F);
}

/* chi_c of a full-dimensional polyhedron: 0 with a ray, (-1)^dim L without */
static slong
expected_euler(const poly_t P)
{
    if (poly_num_rays(P) > 0)
        return 0;
    return (P->nlin % 2) ? -1 : 1;
}

static void
check_poly(const poly_t P)
{
    rc_error_t err;
    rc_error_init(err);
    CHECK(poly_verify_cdd(P, err) == RELU_OK, "%s", err->msg);
    CHECK(poly_euler_char(P) == expected_euler(P), "euler %ld, expected %ld (n=%ld lin=%ld rays=%ld)",
          (long) poly_euler_char(P), (long) expected_euler(P), (long) P->n, (long) P->nlin, (long) poly_num_rays(P));
    /* the interior point satisfies every facet strictly */
    slong d = P->n + 1;
    fmpz * x = _fmpz_vec_init(d);
    fmpz_t v;
    fmpz_init(v);
    poly_interior_point_homog(x, P);
    for (slong j = 1; j < P->ncons; j++)
    {
        poly_vec_dot(v, poly_con(P, j), x, d);
        CHECK(fmpz_sgn(v) > 0, "interior point not interior");
    }
    fmpz_clear(v);
    _fmpz_vec_clear(x, d);
}

/* +-(the maximal minors of generator i's tight rows) when it is a vertex on
   exactly n constraints: m.x = det(rows; x), written independently of
   poly_dgens_mark_minors. Returns 0 when i is not such. */
static int
minors_of(fmpz * m, const poly_t P, slong i)
{
    slong n = P->n, d = n + 1, t = 0, rows[64];
    if (fmpz_is_zero(poly_gen(P, i)))
        return 0;
    for (slong j = 0; j < P->ncons && t <= n; j++)
        if (bs_test(poly_inc(P, i), j))
            rows[t++] = j;
    if (t != n)
        return 0;
    fmpz_mat_t A;
    fmpz_mat_init(A, d, d);
    for (slong r = 0; r < n; r++)
        for (slong c = 0; c < d; c++)
            fmpz_set(fmpz_mat_entry(A, r, c), poly_con(P, rows[r]) + c);
    for (slong k = 0; k < d; k++)
    {
        /* the cofactor of (n, k) in the matrix (rows; e_k): det with the unit row */
        for (slong c = 0; c < d; c++)
            fmpz_set_ui(fmpz_mat_entry(A, n, c), c == k);
        fmpz_mat_det(m + k, A);
    }
    fmpz_mat_clear(A);
    if (fmpz_sgn(m) < 0)
        _fmpz_vec_neg(m, m, d);
    return 1;
}

/* poly_split_take with doubles against poly_split: the same generators up to
   positive multiples, the same incidence; every generator the flags call a
   minors form is one (minors_of); returns how many new ones were flagged. */
static slong
check_minors_split(poly_t P, poly_dgens_t D, const fmpz * g, slong src, flint_rand_t state)
{
    slong n = P->n, d = n + 1, flagged = 0;
    poly_t A, B, A2, B2;
    poly_dgens_t DA, DB;
    double * gd = flint_malloc(d * sizeof(double));
    fmpz * u = _fmpz_vec_init(d), * m = _fmpz_vec_init(d);
    poly_init(A, n); poly_init(B, n); poly_init(A2, n); poly_init(B2, n);
    poly_dgens_init(DA);
    poly_dgens_init(DB);
    poly_vec_get_d(gd, g, d);
    poly_split_take(A, DA, B, DB, P, D, g, gd, src, 0);
    poly_split(A2, B2, P, g, src);
    for (int side = 0; side < 2; side++)
    {
        poly_struct * X = side ? B : A, * Y = side ? B2 : A2;
        poly_dgens_struct * DX = side ? DB : DA;
        CHECK(X->ngens == Y->ngens && X->ncons == Y->ncons, "minors split: other sizes");
        for (slong i = 0; i < X->ngens; i++)
        {
            /* (P's own generators may be minors forms, and the plain split
               keeps them as they are: primitive forms compared) */
            _fmpz_vec_set(u, poly_gen(X, i), d);
            poly_vec_make_primitive(u, d);
            _fmpz_vec_set(m, poly_gen(Y, i), d);
            poly_vec_make_primitive(m, d);
            CHECK(_fmpz_vec_equal(u, m, d) && fmpz_sgn(poly_gen(X, i)) == fmpz_sgn(poly_gen(Y, i)),
                  "minors split: generator %ld is not a positive multiple of the plain one", (long) i);
            CHECK(bs_equal(poly_inc(X, i), poly_inc(Y, i), X->cw), "minors split: other incidence");
            if (DX->mf[i])
            {
                CHECK(minors_of(m, X, i) && _fmpz_vec_equal(m, poly_gen(X, i), d),
                      "generator %ld flagged but not its minors (n=%ld)", (long) i, (long) n);
                flagged += (i >= P->ngens / 2);
            }
        }
    }
    /* continue with a random side */
    if (n_randint(state, 2))
    {
        poly_swap(P, A);
        poly_dgens_swap_test(D, DA);
    }
    else
    {
        poly_swap(P, B);
        poly_dgens_swap_test(D, DB);
    }
    poly_clear(A); poly_clear(B); poly_clear(A2); poly_clear(B2);
    poly_dgens_clear(DA);
    poly_dgens_clear(DB);
    _fmpz_vec_clear(u, d);
    _fmpz_vec_clear(m, d);
    flint_free(gd);
    return flagged;
}

int
main(void)
{
    flint_rand_t state;
    flint_randinit(state);
    printf("poly_split....");
    fflush(stdout);

    /* the unit cube and its f-vector */
    for (slong n = 1; n <= 5; n++)
    {
        poly_t P;
        fmpq_t lo, hi;
        slong f[8], binom = 1;
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -1, 2); fmpq_set_si(hi, 3, 1);
        poly_init(P, n);
        poly_set_box(P, lo, hi);
        check_poly(P);
        fvector(f, P);
        /* f_k of the n-cube = C(n,k) 2^(n-k) */
        for (slong k = 0; k <= n; k++)
        {
            slong c = 1;
            for (slong i = 0; i < k; i++) c = c * (n - i) / (i + 1);
            CHECK(f[k] == c * (1L << (n - k)), "cube n=%ld f_%ld=%ld", (long) n, (long) k, (long) f[k]);
        }
        (void) binom;
        poly_clear(P);
        fmpq_clear(lo); fmpq_clear(hi);
    }

    /* the simplex x_i >= 0, sum x_i <= 1: f_k = C(n+1, k+1) */
    for (slong n = 1; n <= 5; n++)
    {
        poly_t P;
        slong d = n + 1, f[8];
        fmpz * g = _fmpz_vec_init(d);
        poly_init(P, n);
        for (slong i = 0; i < n; i++)
        {
            _fmpz_vec_zero(g, d);
            fmpz_one(g + 1 + i);
            poly_cut(P, g, POLY_SRC_DOMAIN(i));
            check_poly(P);
        }
        _fmpz_vec_zero(g, d);
        fmpz_one(g);
        for (slong i = 0; i < n; i++) fmpz_set_si(g + 1 + i, -1);
        CHECK(poly_side(P, g) == POLY_CUT, "simplex cut");
        poly_cut(P, g, POLY_SRC_DOMAIN(n));
        check_poly(P);
        fvector(f, P);
        for (slong k = 0; k <= n; k++)
        {
            slong c = 1;
            for (slong i = 0; i < k + 1; i++) c = c * (n + 1 - i) / (i + 1);
            CHECK(f[k] == c, "simplex n=%ld f_%ld=%ld", (long) n, (long) k, (long) f[k]);
        }
        _fmpz_vec_clear(g, d);
        poly_clear(P);
    }

    /* random cuts from R^n (lineality, rays) with random sides; cddlib agrees */
    for (slong iter = 0; iter < 300; iter++)
    {
        slong n = 1 + n_randint(state, 5), d = n + 1;
        slong cuts = n_randint(state, 4 * n + 4);
        poly_t P, A, B;
        fmpz * g = _fmpz_vec_init(d);
        poly_init(P, n); poly_init(A, n); poly_init(B, n);
        for (slong c = 0; c < cuts; c++)
        {
            /* small entries with some zeros: degenerate positions are common */
            for (slong k = 0; k < d; k++)
                fmpz_set_si(g + k, (slong) n_randint(state, 7) - 3);
            int side = poly_side(P, g);
            if (side != POLY_CUT)
                continue;
            poly_split(A, B, P, g, c);
            check_poly(A);
            check_poly(B);
            /* generators of the two sides: the union (minus the new ones on g = 0) covers P's */
            if (n_randint(state, 2))
                poly_swap(P, A);
            else
                poly_swap(P, B);
        }
        _fmpz_vec_clear(g, d);
        poly_clear(P); poly_clear(A); poly_clear(B);
    }

    /* issue 9: poly_vec_dot's 128-bit fast path against plain fmpz, with entries
       small, near 2^62 (the largest inline fmpz: products and sums overflow
       128 bits only in the slow path) and multi-word */
    for (slong iter = 0; iter < 20000; iter++)
    {
        slong len = 1 + n_randint(state, 12);
        fmpz * u = _fmpz_vec_init(len), * v = _fmpz_vec_init(len);
        fmpz_t r, t;
        fmpz_init(r);
        fmpz_init(t);
        for (slong k = 0; k < len; k++)
        {
            ulong bits[4] = { 3, 40, 62, 100 };
            fmpz_randtest(u + k, state, bits[n_randint(state, 4)]);
            fmpz_randtest(v + k, state, bits[n_randint(state, 4)]);
            if (n_randint(state, 4) == 0)   /* the extreme inline values */
                fmpz_set_si(u + k, n_randint(state, 2) ? COEFF_MAX : COEFF_MIN);
        }
        poly_vec_dot(r, u, v, len);
        fmpz_zero(t);
        for (slong k = 0; k < len; k++)
            fmpz_addmul(t, u + k, v + k);
        CHECK(fmpz_equal(r, t), "poly_vec_dot differs from the fmpz sum (len %ld)", (long) len);
        _fmpz_vec_clear(u, len);
        _fmpz_vec_clear(v, len);
        fmpz_clear(r);
        fmpz_clear(t);
    }
    /* issue 19: new vertices by exact division (minors forms) in the search's
       cut: boxes cut by random primitive rows, small entries (degenerate
       vertices, which must not be flagged) and entries of 20 to 70 bits
       (multi-word vertices) */
    slong flagged = 0, boxflags = 0;
    for (slong iter = 0; iter < 200; iter++)
    {
        slong n = 2 + n_randint(state, 4), d = n + 1, cuts = 2 + n_randint(state, 3 * n);
        ulong bits = (iter % 3 == 0) ? 2 : 20 + n_randint(state, 50);
        poly_t P;
        poly_dgens_t D;
        fmpz * g = _fmpz_vec_init(d);
        fmpq_t lo, hi;
        fmpq_init(lo);
        fmpq_init(hi);
        fmpq_set_si(lo, -1, 1);
        fmpq_set_si(hi, 1, 1);
        poly_init(P, n);
        poly_set_box(P, lo, hi);
        poly_dgens_init(D);
        poly_dgens_set(D, P);
        poly_dgens_mark_minors(D, P);
        boxflags = 0;
        for (slong i = 0; i < P->ngens; i++)
            boxflags += D->mf[i];
        CHECK(boxflags == (WORD(1) << n), "%ld box vertices flagged of %ld (n=%ld)", (long) boxflags,
              (long) (WORD(1) << n), (long) n);
        for (slong c = 0; c < cuts; c++)
        {
            for (slong k = 0; k < d; k++)
            {
                if (bits == 2)
                    fmpz_set_si(g + k, (slong) n_randint(state, 5) - 2);
                else
                    fmpz_randtest(g + k, state, bits);
            }
            fmpz_zero(g);   /* through the origin, inside the box: a cut */
            poly_vec_make_primitive(g, d);
            if (poly_side(P, g) != POLY_CUT)
                continue;
            flagged += check_minors_split(P, D, g, c, state);
        }
        _fmpz_vec_clear(g, d);
        fmpq_clear(lo);
        fmpq_clear(hi);
        poly_dgens_clear(D);
        poly_clear(P);
    }
    CHECK(flagged > 500, "only %ld vertices made by exact division", (long) flagged);

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
