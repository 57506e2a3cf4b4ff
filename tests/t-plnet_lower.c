/* The lowering of a graph (net_lower_plnet) computes exactly what the graph
   computes: random graphs using every op (fixed seeds), compared at random
   rational and integer points (integers hit ties of max and kinks) between
   plnet_eval (units from their definitions) and an evaluator of version-1
   networks with shortcuts written in the test (and net_eval). The unit map in meta covers
   every hidden neuron once. */
#include "plnet_testutil.h"

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
        net_eval(y2, NULL, net, x);     /* the library's evaluator of shortcuts agrees too */
        for (slong k = 0; k < m; k++)
            CHECK(fmpq_equal(y1 + k, y2 + k), "net_eval: output %ld differs at point %ld in %s", (long) k, (long) t, text);
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
