/* Shared helpers for the engine tests: building networks in memory, running
   the region engine with every internal cross-check switched on, and
   independent checks of each region through the exact evaluator. */
#ifndef RELUCERT_TESTUTIL_H
#define RELUCERT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <flint/fmpz_vec.h>
#include "relucert.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("\nFAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

static inline const char *
test_data_dir(void)
{
    const char * d = getenv("TESTDATA");
    return d ? d : "tests/data";
}

/* Iteration multiplier, FLINT style: RELUCERT_TEST_MULTIPLIER=0.1 for quick runs. */
static inline slong
test_iters(slong base)
{
    const char * m = getenv("RELUCERT_TEST_MULTIPLIER");
    double f = m ? atof(m) : 1.0;
    slong k = (slong) (base * f);
    return k < 1 ? 1 : k;
}

/* Replaces the (initialised) net by one with the given widths (widths[0] =
   input dim, widths[L] = outputs), integer weights uniform in [-r, r]. */
static inline void
test_random_net(net_t net, flint_rand_t st, slong nlayers, const slong * widths, slong r)
{
    net_clear(net);
    net_init_shape(net, nlayers, widths);
    for (slong j = 0; j < nlayers; j++)
    {
        net_layer_struct * L = net->layers + j;
        for (slong i = 0; i < L->W->r; i++)
        {
            for (slong k = 0; k < L->W->c; k++)
                fmpq_set_si(fmpq_mat_entry(L->W, i, k), (slong) n_randint(st, 2 * r + 1) - r, 1);
            fmpq_set_si(L->b + i, (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, 3));
        }
    }
}

/* Random shortcut sets into layers 1..jmax: every allowed source (the input,
   hidden layers 0..j-2) with probability 1/2, entries (-r..r) / (1..dmax). */
static inline void
test_random_shortcuts(net_t net, flint_rand_t st, slong jmax, slong r, slong dmax)
{
    for (slong j = 1; j <= jmax; j++)
    {
        slong * froms = flint_malloc((j + 1) * sizeof(slong)), k = 0;
        for (slong f = -1; f <= j - 2; f++)
            if (n_randint(st, 2))
                froms[k++] = f;
        net_layer_init_shortcuts(net, j, k, froms);
        flint_free(froms);
        for (slong s = 0; s < k; s++)
        {
            fmpq_mat_struct * S = net->layers[j].shortcuts[s].S;
            for (slong a = 0; a < S->r; a++)
                for (slong c = 0; c < S->c; c++)
                    fmpq_set_si(fmpq_mat_entry(S, a, c), (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, dmax));
        }
    }
}

typedef struct
{
    const net_struct * net;
    complex_struct * C;
    slong regions;
    slong cdd_every;   /* cddlib recomputation on every k-th region (1: all) */
}
test_ctx;

/* Independent checks of one region:
   - cddlib recomputes its vertices/rays and confirms the facets irredundant;
   - the exact evaluator at the interior point gives the region's pattern with
     every non-constant neuron strictly signed, and the output equals the
     region's affine map there;
   - every vertex satisfies every facet, and lies on at least n of them. */
static inline int
test_check_region(void * data, const region_struct * R)
{
    test_ctx * t = data;
    const poly_struct * P = R->P;
    const net_struct * net = t->net;
    slong n = P->n, d = n + 1, m = net_num_outputs(net), N = R->N;
    rc_error_t err;
    rc_error_init(err);
    if (R->index % t->cdd_every == 0)
        CHECK(poly_verify_cdd(P, err) == RELU_OK, "cdd: %s", err->msg);

    fmpq * x = _fmpq_vec_init(n);
    fmpq * y = _fmpq_vec_init(m), * y2 = _fmpq_vec_init(m), * c = _fmpq_vec_init(m);
    signed char * sg = flint_calloc(N + 1, 1);
    fmpq_mat_t M;
    fmpq_mat_init(M, m, n);
    poly_interior_point(x, P);
    net_eval(y, sg, net, x);
    for (slong k = 0; k < N; k++)
        CHECK(sg[k] == R->sign[k], "neuron %ld: evaluator sign %d, region sign %d", (long) k, sg[k], R->sign[k]);
    net_affine_of_pattern(M, c, net, R->active);
    for (slong i = 0; i < m; i++)
    {
        fmpq_set(y2 + i, c + i);
        for (slong k = 0; k < n; k++)
            fmpq_addmul(y2 + i, fmpq_mat_entry(M, i, k), x + k);
        CHECK(fmpq_equal(y + i, y2 + i), "affine map disagrees with evaluation");
    }
    fmpz_t v;
    fmpz_init(v);
    for (slong g = 0; g < P->ngens; g++)
    {
        slong tight = 0;
        for (slong j = 1; j < P->ncons; j++)
        {
            poly_vec_dot(v, poly_con(P, j), poly_gen(P, g), d);
            CHECK(fmpz_sgn(v) >= 0, "generator violates a facet");
            tight += fmpz_is_zero(v);
        }
        if (poly_gen_is_vertex(P, g))
            CHECK(tight + P->nlin >= n, "vertex on fewer than n facets");
    }
    fmpz_clear(v);
    fmpq_mat_clear(M);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y, m); _fmpq_vec_clear(y2, m); _fmpq_vec_clear(c, m);
    flint_free(sg);
    complex_add_region(t->C, NULL, R);
    t->regions++;
    return 0;
}

/* Runs the engine on net inside domain with all checks; fills C (caller
   complex_init'ed it with check = 1) and asserts complex_finish succeeds. */
static inline void
test_run_sampled(complex_t C, const net_t net, const poly_t domain, slong cdd_every)
{
    rc_error_t err;
    test_ctx t = { net, C, 0, cdd_every };
    rc_error_init(err);
    CHECK(regions_enumerate(net, domain, test_check_region, &t) == 0, "enumeration stopped");
    CHECK(complex_finish(C, err) == RELU_OK, "%s", err->msg);
}

static inline void
test_run(complex_t C, const net_t net, const poly_t domain)
{
    test_run_sampled(C, net, domain, 1);
}

/* The exact value of a double (a dyadic rational), computed here independently
   of the library's rationalisation code. */
static inline void
test_exact_double(fmpq_t e, double x)
{
    int ex;
    double m = frexp(x, &ex);
    fmpz_t N, D;
    fmpz_init(N); fmpz_init(D);
    fmpz_set_d(N, ldexp(m, 53));
    fmpz_one(D);
    if (ex - 53 >= 0) fmpz_mul_2exp(N, N, ex - 53); else fmpz_mul_2exp(D, D, 53 - ex);
    fmpq_set_fmpz_frac(e, N, D);
    fmpz_clear(N); fmpz_clear(D);
}

static inline slong
test_binom(slong n, slong k)
{
    if (k < 0 || k > n)
        return 0;
    slong c = 1;
    for (slong i = 0; i < k; i++)
        c = c * (n - i) / (i + 1);
    return c;
}

#endif
