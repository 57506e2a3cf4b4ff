/* Random deep networks with degenerate weights (small integers, many zeros,
   so repeated/opposite/zero neurons and many hyperplanes through one point
   are common), inside boxes, random polytopes and over R^n:
   - every region passes the independent checks of testutil.h (cddlib,
     evaluator at the interior point, affine map);
   - faces counted locally equal faces counted by sign vectors, and the Euler
     characteristic equals the domain's;
   - completeness: random rational points of the domain, evaluated exactly,
     land in an enumerated region containing them (or on a boundary);
   - permuting the neurons of a hidden layer changes neither the region count
     nor the f-vector. */
#include "testutil.h"

typedef struct
{
    slong num, alloc, N;
    char * patterns;   /* num rows of N + 1 */
}
pattern_list;

static int
collect(void * data, const region_struct * R)
{
    pattern_list * L = data;
    if (L->num == L->alloc)
    {
        L->alloc = FLINT_MAX(16, 2 * L->alloc);
        L->patterns = flint_realloc(L->patterns, L->alloc * (L->N + 1));
    }
    region_pattern_str(L->patterns + L->num * (L->N + 1), R);
    L->num++;
    return 0;
}

static int
cmp_pat(const void * a, const void * b)
{
    return strcmp(a, b);
}

/* Random rational point in the domain by rejection from a box around its vertices. */
static void
check_completeness(flint_rand_t st, const net_t net, const poly_t domain, const pattern_list * L)
{
    slong n = net->input_dim, N = net_num_hidden(net), m = net_num_outputs(net);
    fmpq * x = _fmpq_vec_init(n);
    fmpq * y = _fmpq_vec_init(m);
    fmpz * xh = _fmpz_vec_init(n + 1);
    signed char * sg = flint_calloc(N + 1, 1);
    char * pat = flint_calloc(N + 1, 1);
    fmpz_t v;
    fmpz_init(v);
    for (slong it = 0; it < 30; it++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_si(x + k, (slong) n_randint(st, 41) - 20, 1 + n_randint(st, 8));
        fmpz_one(xh);
        /* homogeneous form with a common denominator */
        fmpz_t D;
        fmpz_init_set_ui(D, 1);
        for (slong k = 0; k < n; k++) fmpz_lcm(D, D, fmpq_denref(x + k));
        fmpz_set(xh, D);
        for (slong k = 0; k < n; k++)
        {
            fmpz_divexact(xh + 1 + k, D, fmpq_denref(x + k));
            fmpz_mul(xh + 1 + k, xh + 1 + k, fmpq_numref(x + k));
        }
        fmpz_clear(D);
        int inside = 1;
        for (slong j = 1; j < domain->ncons; j++)
        {
            poly_vec_dot(v, poly_con(domain, j), xh, n + 1);
            inside &= fmpz_sgn(v) > 0;
        }
        if (!inside)
            continue;
        net_eval(y, sg, net, x);
        int boundary = 0;
        for (slong k = 0; k < N; k++)
            pat[k] = sg[k] > 0 ? '1' : '0';
        /* a zero pre-activation of a neuron that is not constant zero puts x on a boundary;
           we cannot tell constant from touching here, so only test points with no zero */
        for (slong k = 0; k < N; k++)
            boundary |= (sg[k] == 0);
        if (boundary)
            continue;
        CHECK(bsearch(pat, L->patterns, L->num, N + 1, cmp_pat) != NULL,
              "point of the domain with pattern %s is in no enumerated region", pat);
    }
    fmpz_clear(v);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y, m);
    _fmpz_vec_clear(xh, n + 1);
    flint_free(sg);
    flint_free(pat);
}

/* Swaps neurons a and b of hidden layer j (rows of layer j, columns of layer j+1). */
static void
swap_neurons(net_t net, slong j, slong a, slong b)
{
    net_layer_struct * L = net->layers + j, * M = net->layers + j + 1;
    for (slong k = 0; k < L->W->c; k++)
        fmpq_swap(fmpq_mat_entry(L->W, a, k), fmpq_mat_entry(L->W, b, k));
    fmpq_swap(L->b + a, L->b + b);
    for (slong r = 0; r < M->W->r; r++)
        fmpq_swap(fmpq_mat_entry(M->W, r, a), fmpq_mat_entry(M->W, r, b));
}

static void
random_domain(poly_t D, flint_rand_t st, slong n, int kind)
{
    if (kind == 0)
        poly_set_whole(D);
    else if (kind == 1)
    {
        fmpq_t lo, hi;
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -(slong) n_randint(st, 3) - 1, 1 + n_randint(st, 2));
        fmpq_set_si(hi, (slong) n_randint(st, 3) + 1, 1 + n_randint(st, 2));
        poly_set_box(D, lo, hi);
        fmpq_clear(lo); fmpq_clear(hi);
    }
    else
    {
        /* a random polytope around the origin: box cut by random halfspaces b > 0 */
        fmpq_t lo, hi;
        fmpz * g = _fmpz_vec_init(n + 1);
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -3, 1); fmpq_set_si(hi, 3, 1);
        poly_set_box(D, lo, hi);
        for (slong c = 0; c < 2 * n; c++)
        {
            fmpz_set_si(g, 1 + n_randint(st, 4));
            for (slong k = 1; k <= n; k++)
                fmpz_set_si(g + k, (slong) n_randint(st, 5) - 2);
            if (poly_side(D, g) == POLY_CUT)
                poly_cut(D, g, POLY_SRC_DOMAIN(2 * n + c));
        }
        _fmpz_vec_clear(g, n + 1);
        fmpq_clear(lo); fmpq_clear(hi);
    }
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("regions_random....");
    fflush(stdout);
    for (slong it = 0; it < test_iters(150); it++)
    {
        slong n = 1 + n_randint(st, 3), L = 1 + n_randint(st, 3);
        slong widths[6];
        widths[0] = n;
        for (slong j = 1; j <= L; j++)
            widths[j] = 1 + n_randint(st, n == 1 ? 5 : 4);
        widths[L + 1] = 1;
        net_t net;
        poly_t D;
        complex_t C, C2;
        pattern_list P = { 0, 0, 0, NULL };
        net_init(net);
        test_random_net(net, st, L + 1, widths, 2);
        poly_init(D, n);
        random_domain(D, st, n, it % 3);

        complex_init(C, D, net_num_hidden(net), 1);
        test_run(C, net, D);

        P.N = net_num_hidden(net);
        regions_enumerate(net, D, collect, &P);
        CHECK(P.num == C->regions, "region count differs between runs");
        for (slong i = 1; i < P.num; i++)
            CHECK(strcmp(P.patterns + (i - 1) * (P.N + 1), P.patterns + i * (P.N + 1)) < 0,
                  "patterns are not distinct and sorted");
        check_completeness(st, net, D, &P);

        /* metamorphic: permute two neurons of a hidden layer */
        slong j = n_randint(st, L);
        if (widths[j + 1] >= 2)
        {
            swap_neurons(net, j, 0, widths[j + 1] - 1);
            complex_init(C2, D, net_num_hidden(net), 1);
            test_run(C2, net, D);
            CHECK(C2->regions == C->regions, "permuting neurons changed the region count");
            for (slong k = 0; k <= n; k++)
                CHECK(C2->fvec[k] == C->fvec[k], "permuting neurons changed f_%ld", (long) k);
            complex_clear(C2);
        }
        flint_free(P.patterns);
        complex_clear(C);
        poly_clear(D);
        net_clear(net);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
