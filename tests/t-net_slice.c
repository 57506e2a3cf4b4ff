/* Slices (net/slice.c) against the original network: at random rational
   points t of the plane, the slice's outputs and activation signs equal the
   original's at p0 + sum t_i (p_i - p0), exactly; every region of the slice
   (over a box) has the original pattern at the image of its interior point;
   dependent points are refused. Includes a 784-input network through three
   points. */
#include "testutil.h"

static int
vec_equal(const fmpq * a, const fmpq * b, slong len)
{
    for (slong i = 0; i < len; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

static void
rand_q(fmpq_t q, flint_rand_t st, slong r)
{
    fmpq_set_si(q, (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, 7));
}

/* x = p0 + sum t_i (p_i - p0) */
static void
plane_point(fmpq * x, const fmpq_mat_t P, const fmpq * t, slong k, slong n)
{
    fmpq_t d;
    fmpq_init(d);
    for (slong j = 0; j < n; j++)
    {
        fmpq_set(x + j, fmpq_mat_entry(P, 0, j));
        for (slong i = 1; i <= k; i++)
        {
            fmpq_sub(d, fmpq_mat_entry(P, i, j), fmpq_mat_entry(P, 0, j));
            fmpq_addmul(x + j, d, t + i - 1);
        }
    }
    fmpq_clear(d);
}

typedef struct
{
    const net_struct * net;
    const fmpq_mat_struct * P;
    slong k, regions;
}
slice_ctx;

static int
on_slice_region(void * data, const region_struct * R)
{
    slice_ctx * c = data;
    slong n = c->net->input_dim, N = net_num_hidden(c->net), m = net_num_outputs(c->net);
    fmpq * t = _fmpq_vec_init(c->k), * x = _fmpq_vec_init(n), * y = _fmpq_vec_init(m);
    signed char * s = flint_malloc(N);
    poly_interior_point(t, R->P);
    plane_point(x, c->P, t, c->k, n);
    net_eval(y, s, c->net, x);
    for (slong j = 0; j < N; j++)
        CHECK((s[j] > 0) == (R->active[j] != 0), "region %ld: neuron %ld active %d in the slice, sign %d in the original",
              (long) R->index, (long) j, R->active[j], s[j]);
    c->regions++;
    flint_free(s);
    _fmpq_vec_clear(t, c->k);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y, m);
    return 0;
}

static void
check_slice(flint_rand_t st, slong n, slong k, const slong * widths, slong nl, slong pts_iters, int regions)
{
    net_t net, S;
    net_init(net);
    net_init(S);
    test_random_net(net, st, nl, widths, 3);
    fmpq_mat_t P;
    fmpq_mat_init(P, k + 1, n);
    for (slong i = 0; i <= k; i++)
        for (slong j = 0; j < n; j++)
            rand_q(fmpq_mat_entry(P, i, j), st, 5);
    rc_error_t err;
    rc_error_init(err);
    CHECK(net_slice_points(S, net, P, err) == RELU_OK, "slice failed: %s", err->msg);
    CHECK(S->input_dim == k && S->nlayers == net->nlayers, "slice shape");
    slong N = net_num_hidden(net), m = net_num_outputs(net);
    fmpq * t = _fmpq_vec_init(k), * x = _fmpq_vec_init(n), * y1 = _fmpq_vec_init(m), * y2 = _fmpq_vec_init(m);
    signed char * s1 = flint_malloc(N + 1), * s2 = flint_malloc(N + 1);
    for (slong it = 0; it < pts_iters; it++)
    {
        for (slong i = 0; i < k; i++)
            rand_q(t + i, st, 4);
        if (it <= k)   /* the given points themselves: t = 0 and t = e_i */
            for (slong i = 0; i < k; i++)
                fmpq_set_si(t + i, it == i + 1, 1);
        plane_point(x, P, t, k, n);
        net_eval(y1, s1, net, x);
        net_eval(y2, s2, S, t);
        CHECK(vec_equal(y1, y2, m), "n = %ld, k = %ld: outputs differ", (long) n, (long) k);
        CHECK(memcmp(s1, s2, N) == 0, "n = %ld, k = %ld: signs differ", (long) n, (long) k);
    }
    if (regions)
    {
        poly_t B;
        fmpq_t lo, hi;
        fmpq_init(lo);
        fmpq_init(hi);
        fmpq_set_si(lo, -2, 1);
        fmpq_set_si(hi, 3, 1);
        poly_init(B, k);
        poly_set_box(B, lo, hi);
        slice_ctx c = { net, P, k, 0 };
        CHECK(regions_enumerate(S, B, on_slice_region, &c) == 0, "enumeration failed");
        CHECK(c.regions >= 1, "no regions");
        poly_clear(B);
        fmpq_clear(lo);
        fmpq_clear(hi);
    }
    /* the affine hull of dependent points is refused */
    for (slong j = 0; j < n; j++)
        fmpq_set(fmpq_mat_entry(P, k, j), fmpq_mat_entry(P, 0, j));
    CHECK(net_slice_points(S, net, P, err) == RELU_E_INPUT, "dependent points accepted");
    flint_free(s1);
    flint_free(s2);
    _fmpq_vec_clear(t, k);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y1, m);
    _fmpq_vec_clear(y2, m);
    fmpq_mat_clear(P);
    net_clear(S);
    net_clear(net);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("net_slice....");
    fflush(stdout);
    for (slong it = 0; it < test_iters(20); it++)
    {
        slong n = 2 + n_randint(st, 8), k = 1 + n_randint(st, FLINT_MIN(n, 3));
        slong w[4] = { n, 2 + (slong) n_randint(st, 5), 2 + (slong) n_randint(st, 4), 1 + (slong) n_randint(st, 2) };
        check_slice(st, n, k, w, 3, 10, k <= 2);
    }
    /* 784 inputs (MNIST-sized), two hidden layers, a plane through three points */
    for (slong it = 0; it < test_iters(2); it++)
    {
        slong w[4] = { 784, 16, 8, 2 };
        check_slice(st, 784, 2, w, 3, 20, 1);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
