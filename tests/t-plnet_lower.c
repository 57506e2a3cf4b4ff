/* The lowering of a graph (net_lower_plnet) computes exactly what the graph
   computes: random graphs using every op (fixed seeds), compared at random
   rational and integer points (integers hit ties of max and kinks) between
   plnet_eval (units from their definitions) and an evaluator of version-1
   networks with shortcuts written in the test. The unit map in meta covers
   every hidden neuron once. */
#include "plnet_testutil.h"

static void
_num(sbuf * b, flint_rand_t st)
{
    slong p = (slong) n_randint(st, 7) - 3, q = 1 + n_randint(st, 3);
    if (q == 1)
        sb_printf(b, "%ld", (long) p);
    else
        sb_printf(b, "\"%ld/%ld\"", (long) p, (long) q);
}

static void
_matrix(sbuf * b, flint_rand_t st, slong r, slong c)
{
    sb_printf(b, "[");
    for (slong i = 0; i < r; i++)
    {
        sb_printf(b, i ? ", [" : "[");
        for (slong j = 0; j < c; j++)
        {
            if (j)
                sb_printf(b, ", ");
            _num(b, st);
        }
        sb_printf(b, "]");
    }
    sb_printf(b, "]");
}

static void
_vec(sbuf * b, flint_rand_t st, slong n)
{
    sb_printf(b, "[");
    for (slong j = 0; j < n; j++)
    {
        if (j)
            sb_printf(b, ", ");
        _num(b, st);
    }
    sb_printf(b, "]");
}

typedef struct { char name[24]; slong size; int used; } _tensor;

/* One of the pointwise units on tensor src (name given), as text. */
static void
_unit_node(sbuf * b, flint_rand_t st, const char * name, const char * src)
{
    int k = n_randint(st, 7);
    sb_printf(b, "{\"name\": \"%s\", \"inputs\": [\"%s\"], ", name, src);
    if (k == 0 || k == 1)
        sb_printf(b, "\"op\": \"relu\"}");
    else if (k == 2)
        sb_printf(b, "\"op\": \"leaky_relu\", \"slope\": \"%s\"}", n_randint(st, 2) ? "1/10" : "-2");
    else if (k == 3)
        sb_printf(b, "\"op\": \"abs\"}");
    else if (k == 4)
        sb_printf(b, "\"op\": \"clamp\", \"min\": -1, \"max\": \"3/2\"}");
    else if (k == 5)
        sb_printf(b, "\"op\": \"clamp\", \"min\": 0}");
    else
        sb_printf(b, "\"op\": \"clamp\", \"min\": null, \"max\": \"1/2\"}");
}

/* A graph on vectors: dense, units, max (groups of 1 and 2), add, mul,
   concat, batch_norm, reshape, flatten, identity; leaves become two outputs. */
static void
_vector_graph(sbuf * b, flint_rand_t st, slong n)
{
    _tensor t[40];
    slong nt = 1, steps = 3 + n_randint(st, 8);
    strcpy(t[0].name, "x");
    t[0].size = n;
    t[0].used = 0;
    sb_printf(b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld]}, \"nodes\": [", (long) n);
    for (slong s = 0; s < steps; s++)
    {
        _tensor * a = t + n_randint(st, nt), * c = t + nt;
        snprintf(c->name, sizeof(c->name), "n%ld", (long) s);
        c->used = 0;
        c->size = a->size;
        a->used = 1;
        if (s)
            sb_printf(b, ", ");
        int op = n_randint(st, 10);
        if (op == 0)
        {
            c->size = 1 + n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"dense\", \"inputs\": [\"%s\"], \"weights\": ", c->name, a->name);
            _matrix(b, st, c->size, a->size);
            sb_printf(b, ", \"biases\": ");
            _vec(b, st, c->size);
            sb_printf(b, "}");
        }
        else if (op <= 3)
            _unit_node(b, st, c->name, a->name);
        else if (op == 4)
        {
            c->size = 1 + n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"max\", \"inputs\": [\"%s\"], \"groups\": [", c->name, a->name);
            for (slong e = 0; e < c->size; e++)
            {
                slong i = n_randint(st, a->size), j = n_randint(st, a->size);
                if (n_randint(st, 4) == 0 || i == j)
                    sb_printf(b, e ? ", [%ld]" : "[%ld]", (long) i);
                else
                    sb_printf(b, e ? ", [%ld, %ld]" : "[%ld, %ld]", (long) i, (long) j);
            }
            sb_printf(b, "]}");
        }
        else if (op == 5)
        {
            _tensor * d = t + n_randint(st, nt);
            if (d->size != a->size)
                d = a;
            d->used = 1;
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"add\", \"inputs\": [\"%s\", \"%s\"], \"coefficients\": [1, \"-1/2\"], \"constant\": ",
                      c->name, a->name, d->name);
            _num(b, st);
            sb_printf(b, "}");
        }
        else if (op == 6)
        {
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"mul\", \"inputs\": [\"%s\"], \"factor\": ", c->name, a->name);
            if (n_randint(st, 2))
                _vec(b, st, a->size);
            else
                _num(b, st);
            sb_printf(b, "}");
        }
        else if (op == 7)
        {
            _tensor * d = t + n_randint(st, nt);
            d->used = 1;
            c->size = a->size + d->size;
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"concat\", \"inputs\": [\"%s\", \"%s\"]}", c->name, a->name, d->name);
        }
        else if (op == 8)
        {
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"batch_norm\", \"inputs\": [\"%s\"], \"scale\": ", c->name, a->name);
            _vec(b, st, a->size);
            sb_printf(b, ", \"shift\": ");
            _vec(b, st, a->size);
            sb_printf(b, "}");
        }
        else
        {
            static const char * const ops[] = { "identity", "flatten", "reshape" };
            int k = n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"%s\", \"inputs\": [\"%s\"]%s}", c->name, ops[k], a->name,
                      k == 2 ? ", \"shape\": [-1]" : "");
        }
        nt++;
    }
    /* leaves: the first is output 1, the others concatenated output 2 */
    slong first = -1, rest = 0;
    for (slong i = 1; i < nt; i++)
        if (!t[i].used)
            first < 0 ? (void) (first = i) : (void) rest++;
    if (rest > 0)
    {
        sb_printf(b, ", {\"name\": \"cat\", \"op\": \"concat\", \"inputs\": [");
        for (slong i = 1, k = 0; i < nt; i++)
            if (!t[i].used && i != first)
                sb_printf(b, k++ ? ", \"%s\"" : "\"%s\"", t[i].name);
        sb_printf(b, "]}], \"outputs\": [\"%s\", \"cat\"]}", t[first].name);
    }
    else
        sb_printf(b, "], \"outputs\": [\"%s\"]}", t[first].name);
}

/* Conv graphs: conv (1D/2D, stride, padding, dilation, groups), a unit,
   max_pool (windows of at most two entries) or avg/sum pool or batch_norm,
   a "same" conv residual, global_avg_pool or flatten, dense; two outputs
   sometimes. Shapes are tracked here by PyTorch's formulas. */
static void
_conv_graph(sbuf * b, flint_rand_t st)
{
    int two = n_randint(st, 2);
    slong C = 1 + n_randint(st, 2), sp[2] = { 2 + n_randint(st, 3), 2 + n_randint(st, 3) }, nsp = two ? 2 : 1;
    slong G = (C > 1 && n_randint(st, 2)) ? C : 1, Co = G * (1 + n_randint(st, 2));
    slong k[2], s[2], p[2], d[2];
    for (int a = 0; a < nsp; a++)
    {
        k[a] = 1 + n_randint(st, 3), s[a] = 1 + n_randint(st, 2), p[a] = n_randint(st, 2), d[a] = 1 + n_randint(st, 2);
        if (d[a] * (k[a] - 1) + 1 > sp[a] + 2 * p[a])
            k[a] = 1, d[a] = 1;
    }
    sb_printf(b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"img\", \"shape\": [%ld, %ld", (long) C, (long) sp[0]);
    sb_printf(b, two ? ", %ld]}, \"nodes\": [" : "]}, \"nodes\": [", (long) sp[1]);
    sb_printf(b, "{\"name\": \"c1\", \"op\": \"conv\", \"inputs\": [\"img\"], \"groups\": %ld, \"weights\": [", (long) G);
    for (slong o = 0; o < Co; o++)
    {
        sb_printf(b, o ? ", [" : "[");
        for (slong i = 0; i < C / G; i++)
        {
            if (i)
                sb_printf(b, ", ");
            if (two)
                _matrix(b, st, k[0], k[1]);
            else
                _vec(b, st, k[0]);
        }
        sb_printf(b, "]");
    }
    sb_printf(b, "], \"biases\": ");
    _vec(b, st, Co);
    if (two)
        sb_printf(b, ", \"stride\": [%ld, %ld], \"padding\": [%ld, %ld], \"dilation\": [%ld, %ld]}, ",
                  (long) s[0], (long) s[1], (long) p[0], (long) p[1], (long) d[0], (long) d[1]);
    else
        sb_printf(b, ", \"stride\": %ld, \"padding\": %ld, \"dilation\": %ld}, ", (long) s[0], (long) p[0], (long) d[0]);
    for (int a = 0; a < nsp; a++)
        sp[a] = (sp[a] + 2 * p[a] - d[a] * (k[a] - 1) - 1) / s[a] + 1;
    _unit_node(b, st, "u1", "c1");
    int pool = n_randint(st, 4);
    const char * last = "u1";
    if (pool < 2)
    {
        /* max_pool windows of <= 2 entries; avg/sum any small window */
        static const char * const ops[] = { "max_pool", "avg_pool", "sum_pool" };
        int op = pool == 0 ? 0 : 1 + n_randint(st, 2);
        slong kk[2] = { 1 + n_randint(st, 2), 1 + n_randint(st, 2) };
        if (op == 0 && two && kk[0] == 2)
            kk[1] = 1;
        for (int a = 0; a < nsp; a++)
        {
            kk[a] = FLINT_MIN(kk[a], sp[a]);
            p[a] = kk[a] == 2 ? n_randint(st, 2) : 0;
            s[a] = 1 + n_randint(st, 2);
        }
        if (two)
            sb_printf(b, ", {\"name\": \"p1\", \"op\": \"%s\", \"inputs\": [\"u1\"], \"kernel\": [%ld, %ld], \"stride\": [%ld, %ld], \"padding\": [%ld, %ld]}",
                      ops[op], (long) kk[0], (long) kk[1], (long) s[0], (long) s[1], (long) p[0], (long) p[1]);
        else
            sb_printf(b, ", {\"name\": \"p1\", \"op\": \"%s\", \"inputs\": [\"u1\"], \"kernel\": %ld, \"stride\": %ld, \"padding\": %ld}",
                      ops[op], (long) kk[0], (long) s[0], (long) p[0]);
        for (int a = 0; a < nsp; a++)
            sp[a] = (sp[a] + 2 * p[a] - kk[a]) / s[a] + 1;
        last = "p1";
    }
    else if (pool == 2)
    {
        sb_printf(b, ", {\"name\": \"p1\", \"op\": \"batch_norm\", \"inputs\": [\"u1\"], \"scale\": ");
        _vec(b, st, Co);
        sb_printf(b, ", \"shift\": ");
        _vec(b, st, Co);
        sb_printf(b, "}");
        last = "p1";
    }
    if (n_randint(st, 2))
    {
        /* residual: last + conv3x3(last) with padding 1 (same shape), then a unit */
        sb_printf(b, ", {\"name\": \"r1\", \"op\": \"conv\", \"inputs\": [\"%s\"], \"padding\": 1, \"weights\": [", last);
        for (slong o = 0; o < Co; o++)
        {
            sb_printf(b, o ? ", [" : "[");
            for (slong i = 0; i < Co; i++)
            {
                if (i)
                    sb_printf(b, ", ");
                if (two)
                    _matrix(b, st, 3, 3);
                else
                    _vec(b, st, 3);
            }
            sb_printf(b, "]");
        }
        sb_printf(b, "]}, {\"name\": \"a1\", \"op\": \"add\", \"inputs\": [\"%s\", \"r1\"]}, ", last);
        _unit_node(b, st, "u2", "a1");
        last = "u2";
    }
    slong flat = Co * sp[0] * (two ? sp[1] : 1);
    int gap = n_randint(st, 2);
    sb_printf(b, ", {\"name\": \"f\", \"op\": \"%s\", \"inputs\": [\"%s\"]}", gap ? "global_avg_pool" : "flatten", last);
    slong m = 1 + n_randint(st, 3), fs = gap ? Co : flat;
    sb_printf(b, ", {\"name\": \"d\", \"op\": \"dense\", \"inputs\": [\"f\"], \"weights\": ");
    _matrix(b, st, m, fs);
    sb_printf(b, "}], \"outputs\": [\"d\"%s]}", n_randint(st, 2) ? ", \"f\"" : "");
}

/* Compares graph and lowering at random points; checks the unit map. */
static void
_compare(const char * text, flint_rand_t st, slong npoints)
{
    plnet_t g;
    net_t net;
    rc_error_t err;
    plnet_init(g);
    net_init(net);
    rc_error_init(err);
    test_graph_from_text(g, text);
    CHECK(net_lower_plnet(net, g, err) == RELU_OK, "%s in %s", err->msg, text);
    slong n = plnet_input_dim(g), m = plnet_output_dim(g);
    CHECK(net->input_dim == n && net_num_outputs(net) == m, "shapes in %s", text);
    /* meta.lowered_from.units tile the hidden neurons in order */
    const jnode * u = jnode_get(jnode_get(net->meta, "lowered_from"), "units");
    CHECK(u != NULL && u->type == JNODE_ARRAY, "no unit map in %s", text);
    slong next = 0;
    for (size_t i = 0; i < u->nitems; i++)
    {
        slong f = atol(jnode_get(u->items[i], "first_neuron")->text), c = atol(jnode_get(u->items[i], "neurons")->text);
        CHECK(f == next && c > 0, "unit map at %ld in %s", (long) i, text);
        next += c;
    }
    CHECK(next == net_num_hidden(net), "unit map covers %ld of %ld neurons in %s", (long) next,
          (long) net_num_hidden(net), text);
    fmpq * x = _fmpq_vec_init(n), * y1 = _fmpq_vec_init(m), * y2 = _fmpq_vec_init(m);
    for (slong t = 0; t < npoints; t++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_si(x + k, (slong) n_randint(st, 9) - 4, t % 2 ? 1 : 1 + n_randint(st, 7));
        plnet_eval(y1, g, x);
        test_eval_shortcuts(y2, net, x);
        for (slong k = 0; k < m; k++)
            CHECK(fmpq_equal(y1 + k, y2 + k), "output %ld differs at point %ld in %s", (long) k, (long) t, text);
    }
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y1, m);
    _fmpq_vec_clear(y2, m);
    net_clear(net);
    plnet_clear(g);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    slong iters = test_iters(300), layers = 0;
    for (slong it = 0; it < iters; it++)
    {
        sbuf b = { NULL, 0, 0 };
        if (it % 2)
            _vector_graph(&b, st, 1 + n_randint(st, 3));
        else
            _conv_graph(&b, st);
        _compare(b.s, st, 12);
        free(b.s);
        layers++;
    }
    printf("t-plnet_lower: %ld random graphs: graph and lowering agree at every point\n", (long) layers);
    flint_randclear(st);
    flint_cleanup();
    return 0;
}
