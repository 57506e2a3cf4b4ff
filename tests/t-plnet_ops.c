/* Single operations against independent truths:
   - conv (1D/2D, stride, padding, dilation, groups) and avg/sum pool: the
     lowered network's one affine layer equals the matrix built here by the
     naive definition (PyTorch's formula, index by index);
   - batch_norm gamma/beta/mean/var/epsilon: folded as gamma / sqrt(var + eps)
     with the square root known by construction;
   - the pieces of clamp, abs, leaky_relu and a max of two: the neurons'
     pre-activations are exactly the piece boundaries (z - min, z - max; z;
     a - b), the values match the closed formulas at the breakpoints;
   - data/graph-residual.json lowers to the network with a shortcut written
     by hand (x + V relu(W x + b) composed with the output layer). */
#include "plnet_testutil.h"

static void
_lower(net_t net, plnet_t g, const char * text)
{
    rc_error_t err;
    rc_error_init(err);
    test_graph_from_text(g, text);
    CHECK(net_lower_plnet(net, g, err) == RELU_OK, "%s", err->msg);
}

/* conv weights w[o][i][a][c] (2D; 1D: H = kh = 1) as text and as an array */
static void
check_conv(flint_rand_t st, int two)
{
    slong C = 1 + n_randint(st, 3), G = (C > 1 && n_randint(st, 2)) ? C : 1, Co = G * (1 + n_randint(st, 2));
    slong H = two ? 2 + n_randint(st, 4) : 1, W = 2 + n_randint(st, 5);
    slong kh = two ? 1 + n_randint(st, 3) : 1, kw = 1 + n_randint(st, 3);
    slong sh = two ? 1 + n_randint(st, 2) : 1, sw = 1 + n_randint(st, 3), ph = two ? n_randint(st, 2) : 0, pw = n_randint(st, 3);
    slong dh = two ? 1 + n_randint(st, 2) : 1, dw = 1 + n_randint(st, 2);
    if (dh * (kh - 1) + 1 > H + 2 * ph) kh = 1;
    if (dw * (kw - 1) + 1 > W + 2 * pw) kw = 1;
    slong OH = (H + 2 * ph - dh * (kh - 1) - 1) / sh + 1, OW = (W + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    slong cin = C / G, nw = Co * cin * kh * kw;
    slong * w = malloc(nw * sizeof(slong)), * bias = malloc(Co * sizeof(slong));
    sbuf b = { NULL, 0, 0 };
    sb_printf(&b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld, ", (long) C);
    if (two)
        sb_printf(&b, "%ld, ", (long) H);
    sb_printf(&b, "%ld]}, \"nodes\": [{\"name\": \"c\", \"op\": \"conv\", \"inputs\": [\"x\"], \"groups\": %ld, \"weights\": [", (long) W, (long) G);
    for (slong o = 0, t = 0; o < Co; o++)
    {
        sb_printf(&b, o ? ", [" : "[");
        for (slong i = 0; i < cin; i++)
        {
            sb_printf(&b, i ? ", [" : "[");
            for (slong a = 0; a < kh; a++)
            {
                if (two)
                    sb_printf(&b, a ? ", [" : "[");
                for (slong c = 0; c < kw; c++, t++)
                {
                    w[t] = (slong) n_randint(st, 11) - 5;
                    sb_printf(&b, c ? ", %ld" : "%ld", (long) w[t]);
                }
                if (two)
                    sb_printf(&b, "]");
            }
            sb_printf(&b, "]");
        }
        sb_printf(&b, "]");
    }
    sb_printf(&b, "], \"biases\": [");
    for (slong o = 0; o < Co; o++)
    {
        bias[o] = (slong) n_randint(st, 7) - 3;
        sb_printf(&b, o ? ", %ld" : "%ld", (long) bias[o]);
    }
    if (two)
        sb_printf(&b, "], \"stride\": [%ld, %ld], \"padding\": [%ld, %ld], \"dilation\": [%ld, %ld]}], \"outputs\": [\"c\"]}",
                  (long) sh, (long) sw, (long) ph, (long) pw, (long) dh, (long) dw);
    else
        sb_printf(&b, "], \"stride\": %ld, \"padding\": %ld, \"dilation\": %ld}], \"outputs\": [\"c\"]}",
                  (long) sw, (long) pw, (long) dw);
    /* the naive matrix: out (o, y, z) reads in (g*cin + i, y*sh - ph + a*dh, z*sw - pw + c*dw) */
    slong m = Co * OH * OW, n = C * H * W;
    fmpz_mat_t M;
    fmpz_mat_init(M, m, n);
    for (slong o = 0; o < Co; o++)
        for (slong y = 0; y < OH; y++)
            for (slong z = 0; z < OW; z++)
                for (slong i = 0; i < cin; i++)
                    for (slong a = 0; a < kh; a++)
                        for (slong c = 0; c < kw; c++)
                        {
                            slong iy = y * sh - ph + a * dh, iz = z * sw - pw + c * dw, ch = (o / (Co / G)) * cin + i;
                            if (iy >= 0 && iy < H && iz >= 0 && iz < W)
                                fmpz_add_si(fmpz_mat_entry(M, (o * OH + y) * OW + z, (ch * H + iy) * W + iz),
                                            fmpz_mat_entry(M, (o * OH + y) * OW + z, (ch * H + iy) * W + iz),
                                            w[((o * cin + i) * kh + a) * kw + c]);
                        }
    plnet_t g;
    net_t net;
    plnet_init(g);
    net_init(net);
    _lower(net, g, b.s);
    CHECK(net->nlayers == 1 && net->layers[0].W->r == m && net->layers[0].W->c == n, "conv shape in %s", b.s);
    for (slong r = 0; r < m; r++)
    {
        CHECK(fmpz_is_one(fmpq_denref(net->layers[0].b + r)) && fmpz_equal_si(fmpq_numref(net->layers[0].b + r), bias[r / (OH * OW)]),
              "conv bias %ld in %s", (long) r, b.s);
        for (slong k = 0; k < n; k++)
            CHECK(fmpz_is_one(fmpq_denref(fmpq_mat_entry(net->layers[0].W, r, k)))
                  && fmpz_equal(fmpq_numref(fmpq_mat_entry(net->layers[0].W, r, k)), fmpz_mat_entry(M, r, k)),
                  "conv entry (%ld, %ld) in %s", (long) r, (long) k, b.s);
    }
    fmpz_mat_clear(M);
    net_clear(net);
    plnet_clear(g);
    free(w);
    free(bias);
    free(b.s);
}

/* avg_pool / sum_pool on [1, H, W]: the matrix by the definition. */
static void
check_pool(flint_rand_t st)
{
    slong H = 2 + n_randint(st, 4), W = 2 + n_randint(st, 4), kh = 1 + n_randint(st, 2), kw = 1 + n_randint(st, 3);
    slong sh = 1 + n_randint(st, 2), sw = 1 + n_randint(st, 2), ph = kh / 2 * n_randint(st, 2), pw = kw / 2 * n_randint(st, 2);
    int avg = n_randint(st, 2);
    if (kw > W + 2 * pw)
        kw = 1, pw = 0;
    slong OH = (H + 2 * ph - kh) / sh + 1, OW = (W + 2 * pw - kw) / sw + 1;
    sbuf b = { NULL, 0, 0 };
    sb_printf(&b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [1, %ld, %ld]}, "
              "\"nodes\": [{\"name\": \"p\", \"op\": \"%s\", \"inputs\": [\"x\"], \"kernel\": [%ld, %ld], \"stride\": [%ld, %ld], "
              "\"padding\": [%ld, %ld]}], \"outputs\": [\"p\"]}", (long) H, (long) W, avg ? "avg_pool" : "sum_pool",
              (long) kh, (long) kw, (long) sh, (long) sw, (long) ph, (long) pw);
    plnet_t g;
    net_t net;
    plnet_init(g);
    net_init(net);
    _lower(net, g, b.s);
    CHECK(net->nlayers == 1 && net->layers[0].W->r == OH * OW, "pool shape in %s", b.s);
    fmpq_t e;
    fmpq_init(e);
    for (slong y = 0; y < OH; y++)
        for (slong z = 0; z < OW; z++)
            for (slong iy = 0; iy < H; iy++)
                for (slong iz = 0; iz < W; iz++)
                {
                    int in = (iy >= y * sh - ph && iy < y * sh - ph + kh && iz >= z * sw - pw && iz < z * sw - pw + kw);
                    fmpq_set_si(e, in, avg ? kh * kw : 1);
                    CHECK(fmpq_equal(e, fmpq_mat_entry(net->layers[0].W, y * OW + z, iy * W + iz)), "pool entry in %s", b.s);
                }
    fmpq_clear(e);
    net_clear(net);
    plnet_clear(g);
    free(b.s);
}

static void
check_batch_norm(flint_rand_t st)
{
    slong C = 3;
    fmpq * s = _fmpq_vec_init(C), * gam = _fmpq_vec_init(C), * beta = _fmpq_vec_init(C), * mean = _fmpq_vec_init(C);
    fmpq * var = _fmpq_vec_init(C), * e = _fmpq_vec_init(1), * t = _fmpq_vec_init(2);
    fmpq_set_si(e, 1 + n_randint(st, 3), 1 + n_randint(st, 9));
    sbuf b = { NULL, 0, 0 };
    sb_printf(&b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld]}, \"nodes\": "
              "[{\"name\": \"bn\", \"op\": \"batch_norm\", \"inputs\": [\"x\"]", (long) C);
    const char * keys[] = { "gamma", "beta", "mean", "var" };
    fmpq * vals[] = { gam, beta, mean, var };
    for (slong c = 0; c < C; c++)
    {
        fmpq_set_si(s + c, 1 + n_randint(st, 5), 1 + n_randint(st, 5));   /* sqrt(var + eps) */
        fmpq_set_si(gam + c, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
        fmpq_set_si(beta + c, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
        fmpq_set_si(mean + c, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
        fmpq_mul(var + c, s + c, s + c);
        fmpq_sub(var + c, var + c, e);
    }
    for (int k = 0; k < 4; k++)
    {
        sb_printf(&b, ", \"%s\": [", keys[k]);
        for (slong c = 0; c < C; c++)
        {
            char * q = num_get_str(vals[k] + c);
            sb_printf(&b, c ? ", \"%s\"" : "\"%s\"", q);
            flint_free(q);
        }
        sb_printf(&b, "]");
    }
    char * q = num_get_str(e);
    sb_printf(&b, ", \"epsilon\": \"%s\"}], \"outputs\": [\"bn\"]}", q);
    flint_free(q);
    plnet_t g;
    net_t net;
    plnet_init(g);
    net_init(net);
    _lower(net, g, b.s);
    for (slong c = 0; c < C; c++)
    {
        fmpq_div(t, gam + c, s + c);                /* scale */
        fmpq_mul(t + 1, t, mean + c);
        fmpq_sub(t + 1, beta + c, t + 1);           /* shift */
        for (slong k = 0; k < C; k++)
            CHECK(k == c ? fmpq_equal(fmpq_mat_entry(net->layers[0].W, c, k), t)
                         : fmpq_is_zero(fmpq_mat_entry(net->layers[0].W, c, k)), "batch_norm scale %ld in %s", (long) c, b.s);
        CHECK(fmpq_equal(net->layers[0].b + c, t + 1), "batch_norm shift %ld in %s", (long) c, b.s);
    }
    net_clear(net);
    plnet_clear(g);
    free(b.s);
    _fmpq_vec_clear(s, C); _fmpq_vec_clear(gam, C); _fmpq_vec_clear(beta, C); _fmpq_vec_clear(mean, C);
    _fmpq_vec_clear(var, C); _fmpq_vec_clear(e, 1); _fmpq_vec_clear(t, 2);
}

/* One unit on x (1D, or max of the two inputs): neurons (W rows, b) as given,
   values by the closed formula at the breakpoints and between them. */
static void
check_pieces(const char * node, slong n, slong N, const slong * Wb)
{
    sbuf b = { NULL, 0, 0 };
    sb_printf(&b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld]}, "
              "\"nodes\": [%s], \"outputs\": [\"u\"]}", (long) n, node);
    plnet_t g;
    net_t net;
    plnet_init(g);
    net_init(net);
    _lower(net, g, b.s);
    CHECK(net->nlayers == 2 && net_num_hidden(net) == N, "%ld neurons for %s", (long) net_num_hidden(net), node);
    for (slong r = 0; r < N; r++)
    {
        for (slong k = 0; k < n; k++)
            CHECK(fmpz_equal_si(fmpq_numref(fmpq_mat_entry(net->layers[0].W, r, k)), Wb[r * (n + 1) + k]), "neuron %ld of %s", (long) r, node);
        CHECK(fmpz_equal_si(fmpq_numref(net->layers[0].b + r), Wb[r * (n + 1) + n]), "bias of neuron %ld of %s", (long) r, node);
    }
    fmpq * x = _fmpq_vec_init(2), * y = _fmpq_vec_init(1);
    fmpq_t want, h;
    fmpq_init(want);
    fmpq_init(h);
    for (slong i = -12; i <= 12; i++)
    {
        fmpq_set_si(x, i, 4);
        fmpq_set_si(x + 1, 1 - i, 3);
        test_eval_shortcuts(y, net, x);
        if (strstr(node, "clamp"))        /* min(max(x, -1), 2) */
            fmpq_cmp_si(x, -1) < 0 ? fmpq_set_si(want, -1, 1) : fmpq_cmp_si(x, 2) > 0 ? fmpq_set_si(want, 2, 1) : fmpq_set(want, x);
        else if (strstr(node, "abs"))
            fmpq_abs(want, x);
        else if (strstr(node, "leaky"))   /* slope -1/3 */
            fmpq_sgn(x) >= 0 ? fmpq_set(want, x) : (fmpq_set_si(h, -1, 3), fmpq_mul(want, x, h));
        else
            fmpq_cmp(x, x + 1) > 0 ? fmpq_set(want, x) : fmpq_set(want, x + 1);
        CHECK(fmpq_equal(want, y), "value of %s at %ld/4", node, (long) i);
    }
    fmpq_clear(want);
    fmpq_clear(h);
    _fmpq_vec_clear(x, 2);
    _fmpq_vec_clear(y, 1);
    net_clear(net);
    plnet_clear(g);
    free(b.s);
}

static slong
_entry(const fmpq_mat_t M, slong r, slong c, slong den)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_mul_si(t, fmpq_mat_entry(M, r, c), den);
    CHECK(fmpz_is_one(fmpq_denref(t)), "entry (%ld, %ld) not a multiple of 1/%ld", (long) r, (long) c, (long) den);
    slong v = fmpz_get_si(fmpq_numref(t));
    fmpq_clear(t);
    return v;
}

static void
check_residual(void)
{
    char path[1024];
    const char * top = getenv("top_srcdir");
    snprintf(path, sizeof(path), "%s/data/graph-residual.json", top ? top : ".");
    net_t net;
    rc_error_t err;
    net_init(net);
    rc_error_init(err);
    CHECK(net_read_file(net, path, err) == RELU_OK, "%s", err->msg);
    /* hidden: W x + b; output: Wout (x + V h) + bout = (Wout V) h + Wout x + bout */
    static const slong W0[2][2] = { { 2, 4 }, { 6, 1 } }, b0[2] = { 0, 2 };                  /* times 2 */
    static const slong WV[3][2] = { { 1, 0 }, { 1, -2 }, { 0, 2 } }, Wo[3][2] = { { 1, 1 }, { 1, -1 }, { 0, 2 } }, bo[3] = { 0, 0, 1 };
    CHECK(net->nlayers == 2 && net->input_dim == 2 && net_layer_width(net, 0) == 2 && net_num_outputs(net) == 3, "shape");
    CHECK(net->layers[0].nshortcuts == 0 && net->layers[1].nshortcuts == 1 && net->layers[1].shortcuts[0].from == -1, "shortcuts");
    for (slong r = 0; r < 2; r++)
    {
        for (slong c = 0; c < 2; c++)
            CHECK(_entry(net->layers[0].W, r, c, 2) == W0[r][c], "hidden W (%ld, %ld)", (long) r, (long) c);
        CHECK(fmpq_cmp_si(net->layers[0].b + r, 0) == (b0[r] > 0) && (b0[r] == 0 || fmpq_is_one(net->layers[0].b + r)), "hidden b");
    }
    for (slong r = 0; r < 3; r++)
    {
        for (slong c = 0; c < 2; c++)
        {
            CHECK(_entry(net->layers[1].W, r, c, 1) == WV[r][c], "output W (%ld, %ld)", (long) r, (long) c);
            CHECK(_entry(net->layers[1].shortcuts[0].S, r, c, 1) == Wo[r][c], "shortcut (%ld, %ld)", (long) r, (long) c);
        }
        CHECK(fmpq_cmp_si(net->layers[1].b + r, bo[r]) == 0, "output b");
    }
    CHECK(strcmp(net->name, "graph-residual") == 0, "name");
    net_clear(net);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    slong iters = test_iters(100);
    for (slong i = 0; i < iters; i++)
    {
        check_conv(st, i % 2);
        check_pool(st);
        check_batch_norm(st);
    }
    static const slong clamp[] = { 1, 1, 1, -2 }, one[] = { 1, 0 }, max2[] = { 1, -1, 0 };
    check_pieces("{\"name\": \"u\", \"op\": \"clamp\", \"inputs\": [\"x\"], \"min\": -1, \"max\": 2}", 1, 2, clamp);
    check_pieces("{\"name\": \"u\", \"op\": \"abs\", \"inputs\": [\"x\"]}", 1, 1, one);
    check_pieces("{\"name\": \"u\", \"op\": \"leaky_relu\", \"inputs\": [\"x\"], \"slope\": \"-1/3\"}", 1, 1, one);
    check_pieces("{\"name\": \"u\", \"op\": \"max\", \"inputs\": [\"x\"], \"groups\": [[0, 1]]}", 2, 1, max2);
    check_residual();
    printf("t-plnet_ops: %ld convs, pools and batch norms match their definitions; pieces; residual\n", (long) iters);
    flint_randclear(st);
    flint_cleanup();
    return 0;
}
