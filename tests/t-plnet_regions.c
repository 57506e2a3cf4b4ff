/* Region counts of lowered graphs (regions_enumerate on the network with
   shortcuts) against independent truths:
   - 1D: random graphs on [-4, 4]; the brute force refines breakpoints layer
     by layer (every pre-activation is affine between the breakpoints found so
     far: its root there is a new breakpoint), with pre-activations computed
     here, then counts maximal runs of equal sign vectors;
   - 2D: leaky_relu and abs units lowered with one neuron and a shortcut,
     against the dense version-1 expansion relu(z) - slope relu(-z) (abs:
     relu(z) + relu(-z)) without shortcuts: the same hyperplanes, so the same
     number of regions on the box. */
#include "plnet_testutil.h"

static int
_count_cb(void * data, const region_struct * R)
{
    (*(slong *) data)++;
    return 0;
}

static slong
_regions(const net_t net, slong lo, slong hi)
{
    poly_t P;
    fmpq_t a, b;
    fmpq_init(a);
    fmpq_init(b);
    fmpq_set_si(a, lo, 1);
    fmpq_set_si(b, hi, 1);
    poly_init(P, net->input_dim);
    poly_set_box(P, a, b);
    slong count = 0;
    CHECK(regions_enumerate(net, P, _count_cb, &count) == 0, "enumeration failed");
    poly_clear(P);
    fmpq_clear(a);
    fmpq_clear(b);
    return count;
}

/* Pre-activations of every hidden neuron at x (by the definition, as test_eval_shortcuts). */
static void
_preact(fmpq * z, const net_t net, const fmpq_t x)
{
    fmpq ** h = malloc(net->nlayers * sizeof(fmpq *));
    slong off = 0;
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        const net_layer_struct * L = net->layers + j;
        h[j] = z + off;
        for (slong r = 0; r < L->W->r; r++)
        {
            fmpq * v = z + off + r;
            fmpq_set(v, L->b + r);
            for (slong k = 0; k < L->W->c; k++)
            {
                fmpq_t t;
                fmpq_init(t);
                if (j == 0)
                    fmpq_set(t, x);
                else if (fmpq_sgn(h[j - 1] + k) > 0)
                    fmpq_set(t, h[j - 1] + k);
                fmpq_addmul(v, fmpq_mat_entry(L->W, r, k), t);
                fmpq_clear(t);
            }
            for (slong s = 0; s < L->nshortcuts; s++)
                for (slong k = 0; k < L->shortcuts[s].S->c; k++)
                {
                    slong f = L->shortcuts[s].from;
                    if (f == -1)
                        fmpq_addmul(v, fmpq_mat_entry(L->shortcuts[s].S, r, k), x);
                    else if (fmpq_sgn(h[f] + k) > 0)
                        fmpq_addmul(v, fmpq_mat_entry(L->shortcuts[s].S, r, k), h[f] + k);
                }
        }
        off += L->W->r;
    }
    free(h);
}

static int
_cmp(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* Regions of a 1D network on [lo, hi] by breakpoint refinement. */
static slong
_brute_1d(const net_t net, slong lo, slong hi)
{
    slong N = net_num_hidden(net), cap = 4, nb = 2;
    fmpq * bp = _fmpq_vec_init(cap), * za = _fmpq_vec_init(N + 1), * zb = _fmpq_vec_init(N + 1), * m = _fmpq_vec_init(1);
    fmpq_set_si(bp, lo, 1);
    fmpq_set_si(bp + 1, hi, 1);
    for (slong round = 0; round < net->nlayers; round++)   /* layer `round` becomes affine between breakpoints */
    {
        slong old = nb;
        for (slong i = 0; i + 1 < old; i++)
        {
            _preact(za, net, bp + i);
            _preact(zb, net, bp + i + 1);
            for (slong k = 0; k < N; k++)
                if (fmpq_sgn(za + k) * fmpq_sgn(zb + k) < 0)
                {
                    if (nb == cap)
                    {
                        fmpq * t = _fmpq_vec_init(2 * cap);
                        for (slong q = 0; q < nb; q++)
                            fmpq_swap(t + q, bp + q);
                        _fmpq_vec_clear(bp, cap);
                        bp = t;
                        cap *= 2;
                    }
                    /* root of the affine function through (a, za), (b, zb) */
                    fmpq_sub(m, bp + i + 1, bp + i);
                    fmpq_mul(m, m, za + k);
                    fmpq_t d;
                    fmpq_init(d);
                    fmpq_sub(d, za + k, zb + k);
                    fmpq_div(m, m, d);
                    fmpq_add(bp + nb, bp + i, m);
                    fmpq_clear(d);
                    nb++;
                }
        }
        qsort(bp, nb, sizeof(fmpq), _cmp);
        slong u = 1;
        for (slong i = 1; i < nb; i++)
            if (!fmpq_equal(bp + i, bp + u - 1))
                fmpq_swap(bp + u++, bp + i);
        nb = u;
    }
    /* maximal runs of equal sign vectors at the midpoints */
    slong regions = 0;
    signed char * prev = calloc(N + 1, 1), * cur = calloc(N + 1, 1);
    for (slong i = 0; i + 1 < nb; i++)
    {
        fmpq_add(m, bp + i, bp + i + 1);
        fmpq_div_2exp(m, m, 1);
        _preact(za, net, m);
        for (slong k = 0; k < N; k++)
            cur[k] = fmpq_sgn(za + k);
        if (i == 0 || memcmp(prev, cur, N) != 0)
            regions++;
        memcpy(prev, cur, N);
    }
    free(prev);
    free(cur);
    _fmpq_vec_clear(bp, cap);
    _fmpq_vec_clear(za, N + 1);
    _fmpq_vec_clear(zb, N + 1);
    _fmpq_vec_clear(m, 1);
    return regions;
}

static void
_rand_mat(fmpq_mat_t M, flint_rand_t st)
{
    for (slong r = 0; r < M->r; r++)
        for (slong c = 0; c < M->c; c++)
            fmpq_set_si(fmpq_mat_entry(M, r, c), (slong) n_randint(st, 7) - 3, 1);
}

static void
_vec_text(sbuf * b, const fmpq * v, slong n)
{
    sb_printf(b, "[");
    for (slong k = 0; k < n; k++)
    {
        char * q = num_get_str(v + k);
        sb_printf(b, k ? ", \"%s\"" : "\"%s\"", q);
        flint_free(q);
    }
    sb_printf(b, "]");
}

static void
_mat_text(sbuf * b, const fmpq_mat_t M)
{
    sb_printf(b, "[");
    for (slong r = 0; r < M->r; r++)
    {
        sb_printf(b, r ? ", [" : "[");
        for (slong c = 0; c < M->c; c++)
        {
            char * q = num_get_str(fmpq_mat_entry(M, r, c));
            sb_printf(b, c ? ", \"%s\"" : "\"%s\"", q);
            flint_free(q);
        }
        sb_printf(b, "]");
    }
    sb_printf(b, "]");
}

/* layer rows [A P; -A P] with P = [I, t I] (t = -slope for leaky, 1 for abs):
   the pre-activations z and -z of the next units, read from relu(z), relu(-z). */
static void
_expand(net_layer_struct * L, const fmpq_mat_t A, const fmpq * bias, const fmpq_t t, int twin, int first)
{
    slong R = A->r, C = A->c;
    for (slong s = 0; s < (twin ? 2 : 1); s++)
        for (slong r = 0; r < R; r++)
        {
            fmpq_set(L->b + s * R + r, bias + r);
            if (s)
                fmpq_neg(L->b + s * R + r, L->b + s * R + r);
            for (slong c = 0; c < C; c++)
                for (slong half = 0; half < (first ? 1 : 2); half++)
                {
                    fmpq * e = fmpq_mat_entry(L->W, s * R + r, half * C + c);
                    fmpq_set(e, fmpq_mat_entry(A, r, c));
                    if (half)
                        fmpq_mul(e, e, t);
                    if (s)
                        fmpq_neg(e, e);
                }
        }
}

static void
check_2d(flint_rand_t st, int abs)
{
    fmpq_mat_t W1, W2, Wo;
    fmpq_mat_init(W1, 3, 2);
    fmpq_mat_init(W2, 2, 3);
    fmpq_mat_init(Wo, 1, 2);
    _rand_mat(W1, st);
    _rand_mat(W2, st);
    _rand_mat(Wo, st);
    fmpq * b1 = _fmpq_vec_init(3), * b2 = _fmpq_vec_init(2), * bo = _fmpq_vec_init(1);
    for (slong k = 0; k < 3; k++)
        fmpq_set_si(b1 + k, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 2));
    for (slong k = 0; k < 2; k++)
        fmpq_set_si(b2 + k, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 2));
    fmpq_t t;
    fmpq_init(t);
    fmpq_set_si(t, abs ? 1 : -1, abs ? 1 : 5);   /* leaky slope 1/5: t = -slope */
    const char * unit = abs ? "\"op\": \"abs\"" : "\"op\": \"leaky_relu\", \"slope\": \"1/5\"";
    sbuf b = { NULL, 0, 0 };
    sb_printf(&b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [2]}, \"nodes\": [");
    sb_printf(&b, "{\"name\": \"f1\", \"op\": \"dense\", \"inputs\": [\"x\"], \"weights\": ");
    _mat_text(&b, W1);
    sb_printf(&b, ", \"biases\": ");
    _vec_text(&b, b1, 3);
    sb_printf(&b, "}, {\"name\": \"u1\", %s, \"inputs\": [\"f1\"]}", unit);
    sb_printf(&b, ", {\"name\": \"f2\", \"op\": \"dense\", \"inputs\": [\"u1\"], \"weights\": ");
    _mat_text(&b, W2);
    sb_printf(&b, ", \"biases\": ");
    _vec_text(&b, b2, 2);
    sb_printf(&b, "}, {\"name\": \"u2\", %s, \"inputs\": [\"f2\"]}", unit);
    sb_printf(&b, ", {\"name\": \"o\", \"op\": \"dense\", \"inputs\": [\"u2\"], \"weights\": ");
    _mat_text(&b, Wo);
    sb_printf(&b, "}], \"outputs\": [\"o\"]}");
    plnet_t g;
    net_t low, dense;
    rc_error_t err;
    plnet_init(g);
    net_init(low);
    rc_error_init(err);
    test_graph_from_text(g, b.s);
    CHECK(net_lower_plnet(low, g, err) == RELU_OK, "%s", err->msg);
    slong widths[4] = { 2, 6, 4, 1 };
    net_init_shape(dense, 3, widths);
    _expand(dense->layers + 0, W1, b1, t, 1, 1);
    _expand(dense->layers + 1, W2, b2, t, 1, 0);
    _expand(dense->layers + 2, Wo, bo, t, 0, 0);
    /* the expansion is the same function (checked at a few points), with twice the neurons */
    fmpq * x = _fmpq_vec_init(2), * y1 = _fmpq_vec_init(1), * y2 = _fmpq_vec_init(1);
    for (slong i = 0; i < 10; i++)
    {
        fmpq_set_si(x, (slong) n_randint(st, 13) - 6, 1 + n_randint(st, 3));
        fmpq_set_si(x + 1, (slong) n_randint(st, 13) - 6, 1 + n_randint(st, 3));
        test_eval_shortcuts(y1, low, x);
        test_eval_shortcuts(y2, dense, x);
        CHECK(fmpq_equal(y1, y2), "expansion differs in %s", b.s);
    }
    CHECK(net_num_hidden(low) == 5, "%ld neurons", (long) net_num_hidden(low));
    slong r1 = _regions(low, -3, 3), r2 = _regions(dense, -3, 3);
    CHECK(r1 == r2, "%ld regions lowered, %ld in the dense expansion, in %s", (long) r1, (long) r2, b.s);
    _fmpq_vec_clear(x, 2);
    _fmpq_vec_clear(y1, 1);
    _fmpq_vec_clear(y2, 1);
    net_clear(low);
    net_clear(dense);
    plnet_clear(g);
    free(b.s);
    fmpq_clear(t);
    fmpq_mat_clear(W1);
    fmpq_mat_clear(W2);
    fmpq_mat_clear(Wo);
    _fmpq_vec_clear(b1, 3);
    _fmpq_vec_clear(b2, 2);
    _fmpq_vec_clear(bo, 1);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    slong iters = test_iters(60), total1 = 0, total2 = 0;
    for (slong i = 0; i < iters; i++)
    {
        sbuf b = { NULL, 0, 0 };
        plnet_t g;
        net_t net;
        rc_error_t err;
        plnet_init(g);
        net_init(net);
        rc_error_init(err);
        _vector_graph(&b, st, 1);
        test_graph_from_text(g, b.s);
        CHECK(net_lower_plnet(net, g, err) == RELU_OK, "%s", err->msg);
        slong r = _regions(net, -4, 4), r0 = _brute_1d(net, -4, 4);
        CHECK(r == r0, "1D: %ld regions, brute force %ld, in %s", (long) r, (long) r0, b.s);
        total1 += r;
        net_clear(net);
        plnet_clear(g);
        free(b.s);
    }
    for (slong i = 0; i < iters; i++)
    {
        check_2d(st, i % 2);
        total2++;
    }
    printf("t-plnet_regions: %ld 1D graphs (%ld regions) match the breakpoint brute force; %ld 2D leaky/abs graphs match their dense expansion\n",
           (long) iters, (long) total1, (long) total2);
    flint_randclear(st);
    flint_cleanup();
    return 0;
}
