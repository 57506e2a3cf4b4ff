/* poly_position's float filters (the bounding box of the vertices, then the
   vertex loop; src/poly/position.c) against exact arithmetic: on random
   polytopes (cuts of boxes, bounded: the box filter applies) and polyhedra
   with rays (it must not), for affine rows made to defeat the filter -- through
   a vertex exactly, off it by one unit at coefficients near 2^70 and 2^600,
   beyond the range of a double (2^1100), far away (the box decides) -- the
   side is poly_side's and *strict is the exact "nonzero sign at every
   vertex". The box is also checked to contain every vertex. Fixed seed. */
#include <stdio.h>
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

/* exact: side and strictness */
static int
exact_position(int * strict, const poly_t P, const fmpz * g)
{
    slong d = P->n + 1;
    int side = poly_side(P, g), zero = 0;
    fmpz_t v;
    fmpz_init(v);
    for (slong i = 0; i < P->ngens; i++)
    {
        poly_vec_dot(v, g, poly_gen(P, i), d);
        zero |= fmpz_is_zero(v) && poly_gen_is_vertex(P, i);
    }
    fmpz_clear(v);
    *strict = (side == 1 || side == -1) && !zero;
    return side;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("poly_position....");
    fflush(stdout);
    slong boxed = 0, no_exact = 0, tests = 0;
    for (slong iter = 0; iter < 300; iter++)
    {
        slong n = 1 + n_randint(st, 5), d = n + 1;
        poly_t P;
        poly_init(P, n);
        fmpz * g = _fmpz_vec_init(d);
        int bounded = n_randint(st, 4) != 0;
        if (bounded)
        {
            fmpq_t lo, hi;
            fmpq_init(lo); fmpq_init(hi);
            fmpq_set_si(lo, -(slong) (1 + n_randint(st, 5)), 1 + n_randint(st, 3));
            fmpq_set_si(hi, 1 + n_randint(st, 5), 1 + n_randint(st, 3));
            poly_set_box(P, lo, hi);
            fmpq_clear(lo); fmpq_clear(hi);
        }
        for (slong c = 0; c < (slong) n_randint(st, 3 * n + 2); c++)
        {
            for (slong k = 0; k < d; k++)
                fmpz_set_si(g + k, (slong) n_randint(st, 9) - 4);
            if (poly_side(P, g) == POLY_CUT)
                poly_cut(P, g, c);
        }
        poly_dgens_t D;
        poly_dgens_init(D);
        poly_dgens_set(D, P);
        boxed += D->box;
        CHECK(!D->box || poly_num_rays(P) == 0, "a box with rays");
        /* the box holds every vertex */
        if (D->box)
        {
            fmpq_t x, b;
            mpq_t q;
            fmpq_init(x); fmpq_init(b);
            mpq_init(q);
            for (slong i = 0; i < P->ngens; i++)
                for (slong k = 0; k < n; k++)
                {
                    fmpq_set_fmpz_frac(x, poly_gen(P, i) + 1 + k, poly_gen(P, i));
                    mpq_set_d(q, D->lo[k]);
                    fmpq_set_mpq(b, q);
                    CHECK(fmpq_cmp(b, x) <= 0, "vertex below the box");
                    mpq_set_d(q, D->hi[k]);
                    fmpq_set_mpq(b, q);
                    CHECK(fmpq_cmp(x, b) <= 0, "vertex above the box");
                }
            fmpq_clear(x); fmpq_clear(b);
            mpq_clear(q);
        }
        double * gd = flint_malloc(d * sizeof(double));
        for (slong t = 0; t < 60; t++)
        {
            slong kind = n_randint(st, 6), bits = (slong[]) { 3, 70, 600, 1100 }[n_randint(st, 4)];
            for (slong k = 0; k < d; k++)
                fmpz_randtest(g + k, st, bits);
            if (kind <= 2 && P->ngens > 0)
            {
                /* through a vertex (or ray) u: c = -(a.u') / t scaled, then off by kind - 1 units */
                slong i = n_randint(st, P->ngens);
                const fmpz * u = poly_gen(P, i);
                fmpz_t s;
                fmpz_init(s);
                fmpz_zero(s);
                for (slong k = 1; k < d; k++)
                    fmpz_addmul(s, g + k, u + k);
                if (fmpz_is_zero(u))
                    fmpz_zero(g);           /* a ray: g.u = a.u' , leave c random */
                else
                {
                    _fmpz_vec_scalar_mul_fmpz(g + 1, g + 1, n, u);
                    fmpz_neg(g, s);
                    fmpz_add_si(g, g, kind - 1);
                }
                fmpz_clear(s);
            }
            else if (kind == 3)
                fmpz_mul_2exp(g, g, 40);   /* far: the constant dominates */
            poly_vec_get_d(gd, g, d);
            int s1, s2;
            int a = poly_position(&s1, P, D, g, gd, NULL);
            int b = exact_position(&s2, P, g);
            CHECK(a == b && s1 == s2, "iter %ld test %ld kind %ld bits %ld: filter %d/%d, exact %d/%d",
                  (long) iter, (long) t, (long) kind, (long) bits, a, s1, b, s2);
            tests++;
        }
        /* a box decision happens: far rows on a bounded polytope */
        if (D->box && P->nlin == 0)
        {
            for (slong k = 0; k < d; k++)
                fmpz_set_si(g + k, k == 0 ? 1000 : (slong) n_randint(st, 3) - 1);
            poly_vec_get_d(gd, g, d);
            slong ex = 0;
            int s1, a = poly_position(&s1, P, D, g, gd, &ex);
            CHECK(a == 1 && s1 == 1, "far row not positive");
            no_exact += (ex == 0);
        }
        flint_free(gd);
        poly_dgens_clear(D);
        _fmpz_vec_clear(g, d);
        poly_clear(P);
    }
    CHECK(boxed > 100 && no_exact > 100, "%ld boxes, %ld far rows without exact products", (long) boxed, (long) no_exact);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS (%ld tests, %ld boxes)\n", (long) tests, (long) boxed);
    return 0;
}
