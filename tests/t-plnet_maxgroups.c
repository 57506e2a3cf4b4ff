/* Max groups (a max over more than two entries, lowered with NET_READ_GROUPS)
   against independent truths:
   - the lowering: the lowered network, evaluated here by the definition of a
     group (the argmax keeps its value), equals the graph's own evaluator
     (plnet_eval) at random points;
   - 1D: random graphs with max groups of up to 4 members on [-4, 4]:
     regions_enumerate's count against breakpoint refinement (roots of the
     ReLU neurons' pre-activations and of the differences of the members of
     each group, layer by layer; maximal runs of equal patterns);
   - 2D: random graphs and 2x2 max pooling on the box: the regions partition
     it (their exact areas add up to the box's, their patterns are distinct),
     each of many random points lies in the region of its pattern (computed
     here) and that region's affine map gives the graph's output there; the
     complex's local face count equals the global one by sign vectors (check
     mode) and its Euler characteristic is the box's; the parts of a split
     run concatenate to the whole run, split at any neuron; the patterns come
     in increasing lexicographic order. */
#include "plnet_testutil.h"
#include "complex/complex.h"

/* Pre-activations z of every hidden neuron at x and the pattern (active), by
   the definitions: h = relu z, and in a group only the argmax (the lowest
   index among ties) passes its value. *tie is set when some ReLU
   pre-activation is 0 or a group's max is attained twice. */
static void
_preact(fmpq * z, unsigned char * active, int * tie, const net_t net, const fmpq * x)
{
    slong off = 0;
    *tie = 0;
    fmpq * h = _fmpq_vec_init(net_num_hidden(net) + 1);
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        const net_layer_struct * L = net->layers + j;
        for (slong r = 0; r < L->W->r; r++)
        {
            fmpq * v = z + off + r;
            fmpq_set(v, L->b + r);
            for (slong k = 0; k < L->W->c; k++)
                fmpq_addmul(v, fmpq_mat_entry(L->W, r, k), j == 0 ? x + k : h + off - L->W->c + k);
            for (slong s = 0; s < L->nshortcuts; s++)
            {
                slong f = L->shortcuts[s].from, base = 0;
                for (slong q = 0; q < f; q++)
                    base += net->layers[q].W->r;
                for (slong k = 0; k < L->shortcuts[s].S->c; k++)
                    fmpq_addmul(v, fmpq_mat_entry(L->shortcuts[s].S, r, k), f < 0 ? x + k : h + base + k);
            }
        }
        for (slong r = 0; r < L->W->r; r++)
        {
            slong k = off + r;
            if (net->group == NULL || net->group[k] < 0)
            {
                active[k] = fmpq_sgn(z + k) > 0;
                *tie |= fmpq_is_zero(z + k);
                if (active[k])
                    fmpq_set(h + k, z + k);
                else
                    fmpq_zero(h + k);
                continue;
            }
            slong g0 = net->group[k], w = g0;
            for (slong q = g0; q < net_num_hidden(net) && net->group[q] == g0; q++)
                if (fmpq_cmp(z + q, z + w) > 0)
                    w = q;
            for (slong q = g0; q < net_num_hidden(net) && net->group[q] == g0; q++)
                *tie |= (q != w && fmpq_equal(z + q, z + w));
            active[k] = (k == w);
            if (active[k])
                fmpq_set(h + k, z + k);
            else
                fmpq_zero(h + k);
        }
        off += L->W->r;
    }
    _fmpq_vec_clear(h, net_num_hidden(net) + 1);
}

static int
_cmp(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

typedef struct
{
    fmpq * v;
    slong n, cap;
}
_points;

static void
_push(_points * p, const fmpq_t x)
{
    if (p->n == p->cap)
    {
        fmpq * t = _fmpq_vec_init(2 * p->cap);
        for (slong q = 0; q < p->n; q++)
            fmpq_swap(t + q, p->v + q);
        _fmpq_vec_clear(p->v, p->cap);
        p->v = t;
        p->cap *= 2;
    }
    fmpq_set(p->v + p->n++, x);
}

/* The root in (a, b) of the affine function with values u at a, w at b, if
   they have strictly opposite signs. */
static void
_root(_points * p, const fmpq_t a, const fmpq_t b, const fmpq_t u, const fmpq_t w)
{
    if (fmpq_sgn(u) * fmpq_sgn(w) >= 0)
        return;
    fmpq_t m, d;
    fmpq_init(m);
    fmpq_init(d);
    fmpq_sub(m, b, a);
    fmpq_mul(m, m, u);
    fmpq_sub(d, u, w);
    fmpq_div(m, m, d);
    fmpq_add(m, m, a);
    _push(p, m);
    fmpq_clear(m);
    fmpq_clear(d);
}

/* Regions of a 1D network on [lo, hi] by breakpoint refinement. */
static slong
_brute_1d(const net_t net, slong lo, slong hi)
{
    slong N = net_num_hidden(net);
    _points p = { _fmpq_vec_init(4), 0, 4 };
    fmpq * za = _fmpq_vec_init(N + 1), * zb = _fmpq_vec_init(N + 1);
    unsigned char * act = calloc(N + 1, 1), * prev = calloc(N + 1, 1);
    fmpq_t m, u, w;
    fmpq_init(m);
    fmpq_init(u);
    fmpq_init(w);
    int tie;
    fmpq_set_si(m, lo, 1);
    _push(&p, m);
    fmpq_set_si(m, hi, 1);
    _push(&p, m);
    for (slong round = 0; round < net->nlayers; round++)
    {
        slong old = p.n;
        for (slong i = 0; i + 1 < old; i++)
        {
            _preact(za, act, &tie, net, p.v + i);
            _preact(zb, act, &tie, net, p.v + i + 1);
            for (slong k = 0; k < N; k++)
            {
                if (net->group == NULL || net->group[k] < 0)
                {
                    _root(&p, p.v + i, p.v + i + 1, za + k, zb + k);
                    continue;
                }
                for (slong q = k + 1; q < N && net->group[q] == net->group[k]; q++)
                {
                    fmpq_sub(u, za + k, za + q);
                    fmpq_sub(w, zb + k, zb + q);
                    _root(&p, p.v + i, p.v + i + 1, u, w);
                }
            }
        }
        qsort(p.v, p.n, sizeof(fmpq), _cmp);
        slong keep = 1;
        for (slong i = 1; i < p.n; i++)
            if (!fmpq_equal(p.v + i, p.v + keep - 1))
                fmpq_swap(p.v + keep++, p.v + i);
        p.n = keep;
    }
    slong regions = 0;
    for (slong i = 0; i + 1 < p.n; i++)
    {
        fmpq_add(m, p.v + i, p.v + i + 1);
        fmpq_div_2exp(m, m, 1);
        _preact(za, act, &tie, net, m);
        if (i == 0 || memcmp(prev, act, N) != 0)
            regions++;
        memcpy(prev, act, N);
    }
    free(act);
    free(prev);
    _fmpq_vec_clear(p.v, p.cap);
    _fmpq_vec_clear(za, N + 1);
    _fmpq_vec_clear(zb, N + 1);
    fmpq_clear(m);
    fmpq_clear(u);
    fmpq_clear(w);
    return regions;
}

/* ---- 2D: the regions as exact polygons ------------------------------------ */
typedef struct
{
    slong num, alloc, N;
    char ** pat;          /* patterns as strings */
    poly_struct * P;      /* copies of the regions */
    fmpq_t area;
    complex_t C;
}
_run;

static fmpq_t _centre[2];    /* of the polygon being sorted (qsort has no context) */

static int
_upper(const fmpq * v)
{
    fmpq_t dy, dx;
    fmpq_init(dy);
    fmpq_init(dx);
    fmpq_sub(dy, v + 1, _centre[1]);
    fmpq_sub(dx, v, _centre[0]);
    int up = fmpq_sgn(dy) > 0 || (fmpq_sgn(dy) == 0 && fmpq_sgn(dx) > 0);
    fmpq_clear(dy);
    fmpq_clear(dx);
    return up;
}

/* By angle around the centre, exactly: upper half first, then the cross product. */
static int
_cmp_angle(const void * a, const void * b)
{
    const fmpq * u = a, * v = b;
    int hu = _upper(u), hv = _upper(v);
    if (hu != hv)
        return hu ? -1 : 1;
    fmpq_t p, q, r;
    fmpq_init(p);
    fmpq_init(q);
    fmpq_init(r);
    fmpq_sub(p, u, _centre[0]);
    fmpq_sub(q, v + 1, _centre[1]);
    fmpq_mul(r, p, q);
    fmpq_sub(p, u + 1, _centre[1]);
    fmpq_sub(q, v, _centre[0]);
    fmpq_submul(r, p, q);
    int c = -fmpq_sgn(r);
    fmpq_clear(p);
    fmpq_clear(q);
    fmpq_clear(r);
    return c;
}

/* Exact area of a bounded 2D polyhedron (its vertices sorted by angle, shoelace). */
static void
_area(fmpq_t A, const poly_t P)
{
    slong nv = 0;
    fmpq * v = _fmpq_vec_init(2 * P->ngens);
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
            poly_gen_get_fmpq(v + 2 * nv++, P, g);
    fmpz_t nvz;
    fmpz_init_set_si(nvz, nv);
    fmpq_zero(_centre[0]);
    fmpq_zero(_centre[1]);
    for (slong i = 0; i < nv; i++)
    {
        fmpq_add(_centre[0], _centre[0], v + 2 * i);
        fmpq_add(_centre[1], _centre[1], v + 2 * i + 1);
    }
    fmpq_div_fmpz(_centre[0], _centre[0], nvz);
    fmpq_div_fmpz(_centre[1], _centre[1], nvz);
    fmpz_clear(nvz);
    qsort(v, nv, 2 * sizeof(fmpq), _cmp_angle);
    fmpq_zero(A);
    for (slong i = 0; i < nv; i++)
    {
        const fmpq * a = v + 2 * i, * b = v + 2 * ((i + 1) % nv);
        fmpq_addmul(A, a, b + 1);
        fmpq_submul(A, a + 1, b);
    }
    fmpq_div_2exp(A, A, 1);
    CHECK(fmpq_sgn(A) > 0, "a region of area %s", fmpq_get_str(NULL, 10, A));
    _fmpq_vec_clear(v, 2 * P->ngens);
}

static int
_collect(void * data, const region_struct * R)
{
    _run * r = data;
    if (r->num == r->alloc)
    {
        r->alloc = FLINT_MAX(16, 2 * r->alloc);
        r->pat = realloc(r->pat, r->alloc * sizeof(char *));
        r->P = realloc(r->P, r->alloc * sizeof(poly_struct));
    }
    r->pat[r->num] = malloc(R->N + 1);
    region_pattern_str(r->pat[r->num], R);
    poly_init(r->P + r->num, R->P->n);
    poly_set(r->P + r->num, R->P);
    fmpq_t A;
    fmpq_init(A);
    _area(A, R->P);
    fmpq_add(r->area, r->area, A);
    fmpq_clear(A);
    complex_add_region(r->C, NULL, R);
    r->num++;
    return 0;
}

static void
_run_init(_run * r, const poly_t box, slong N)
{
    memset(r, 0, sizeof(_run));
    r->N = N;
    fmpq_init(r->area);
    complex_init(r->C, box, N, 1);
}

static void
_run_clear(_run * r)
{
    for (slong i = 0; i < r->num; i++)
    {
        free(r->pat[i]);
        poly_clear(r->P + i);
    }
    free(r->pat);
    free(r->P);
    fmpq_clear(r->area);
    complex_clear(r->C);
}

static int
_cmp_str(const void * a, const void * b)
{
    return strcmp(*(char * const *) a, *(char * const *) b);
}

/* Is x in P (every constraint c t + a.x >= 0 at t = 1)? */
static int
_contains(const poly_t P, const fmpq * x)
{
    fmpq_t v, c;
    fmpz_t one;
    fmpq_init(v);
    fmpq_init(c);
    fmpz_init_set_ui(one, 1);
    int in = 1;
    for (slong j = 0; j < P->ncons && in; j++)
    {
        const fmpz * row = P->cons + j * (P->n + 1);
        fmpq_set_fmpz_frac(v, row, one);
        for (slong k = 0; k < P->n; k++)
        {
            fmpq_set_fmpz_frac(c, row + k + 1, one);
            fmpq_addmul(v, c, x + k);
        }
        in = fmpq_sgn(v) >= 0;
    }
    fmpq_clear(v);
    fmpq_clear(c);
    fmpz_clear(one);
    return in;
}

/* The partition check of one 2D network on [-3, 3]^2 (see the top). */
static slong
_check_2d(const net_t net, const plnet_t g, flint_rand_t st, const char * text)
{
    slong N = net_num_hidden(net), m = net_num_outputs(net);
    fmpq_t lo, hi, box_area;
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(box_area);
    fmpq_set_si(lo, -3, 1);
    fmpq_set_si(hi, 3, 1);
    fmpq_set_si(box_area, 36, 1);
    poly_t box;
    poly_init(box, 2);
    poly_set_box(box, lo, hi);
    _run r;
    _run_init(&r, box, N);
    CHECK(regions_enumerate(net, box, _collect, &r) == 0, "enumeration failed in %s", text);
    CHECK(fmpq_equal(r.area, box_area), "areas add up to %s, not 36, in %s", fmpq_get_str(NULL, 10, r.area), text);
    for (slong i = 0; i + 1 < r.num; i++)
        CHECK(strcmp(r.pat[i], r.pat[i + 1]) < 0, "patterns %s, %s out of order (or repeated) in %s",
              r.pat[i], r.pat[i + 1], text);
    rc_error_t err;
    rc_error_init(err);
    CHECK(complex_finish(r.C, err) == RELU_OK, "%s in %s", err->msg, text);
    /* random points: pattern, region, affine map */
    fmpq * x = _fmpq_vec_init(2), * z = _fmpq_vec_init(N + 1), * y = _fmpq_vec_init(m), * c = _fmpq_vec_init(m);
    unsigned char * act = calloc(N + 1, 1);
    char * pat = malloc(N + 1);
    fmpq_mat_t M;
    fmpq_mat_init(M, m, 2);
    for (slong i = 0; i < 200; i++)
    {
        int tie;
        fmpq_set_si(x, (slong) n_randint(st, 6001) - 3000, 1000);
        fmpq_set_si(x + 1, (slong) n_randint(st, 6001) - 3000, 1000);
        _preact(z, act, &tie, net, x);
        if (tie)
            continue;
        for (slong k = 0; k < N; k++)
            pat[k] = act[k] ? '1' : '0';
        pat[N] = '\0';
        slong found = -1;
        for (slong q = 0; q < r.num && found < 0; q++)
            if (strcmp(r.pat[q], pat) == 0)
                found = q;
        CHECK(found >= 0, "the pattern %s of a point is no region's, in %s", pat, text);
        CHECK(_contains(r.P + found, x), "a point of pattern %s is outside its region, in %s", pat, text);
        net_affine_of_pattern(M, c, net, act);
        plnet_eval(y, g, x);
        for (slong o = 0; o < m; o++)
        {
            fmpq_addmul(c + o, fmpq_mat_entry(M, o, 0), x);
            fmpq_addmul(c + o, fmpq_mat_entry(M, o, 1), x + 1);
            CHECK(fmpq_equal(c + o, y + o), "affine map of %s differs from the graph, in %s", pat, text);
        }
    }
    /* the parts of a split run are, together, the run */
    for (slong split = 0; split <= N; split += 1 + N / 4)
    {
        _run q;
        _run_init(&q, box, N);
        for (slong part = 0; part < 3; part++)
            CHECK(regions_enumerate_part(net, box, split, part, 3, _collect, &q) == 0, "part failed");
        CHECK(q.num == r.num, "split at %ld: the parts have %ld regions, the run %ld, in %s", (long) split,
              (long) q.num, (long) r.num, text);
        qsort(q.pat, q.num, sizeof(char *), _cmp_str);
        for (slong i = 0; i < q.num; i++)
            CHECK(strcmp(q.pat[i], r.pat[i]) == 0, "split at %ld: region %s of the parts, %s of the run, in %s",
                  (long) split, q.pat[i], r.pat[i], text);
        _run_clear(&q);
    }
    slong num = r.num;
    fmpq_mat_clear(M);
    free(act);
    free(pat);
    _fmpq_vec_clear(x, 2);
    _fmpq_vec_clear(z, N + 1);
    _fmpq_vec_clear(y, m);
    _fmpq_vec_clear(c, m);
    _run_clear(&r);
    poly_clear(box);
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(box_area);
    return num;
}

/* input 2 -> dense 9 -> [1, 3, 3] -> relu? -> max_pool 2 (stride 1: four windows of 4) -> dense -> out */
static void
_pool_graph(sbuf * b, flint_rand_t st)
{
    sb_printf(b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [2]}, \"nodes\": [");
    sb_printf(b, "{\"name\": \"f\", \"op\": \"dense\", \"inputs\": [\"x\"], \"weights\": ");
    _matrix(b, st, 9, 2);
    sb_printf(b, ", \"biases\": ");
    _vec(b, st, 9);
    sb_printf(b, "}, {\"name\": \"r\", \"op\": \"reshape\", \"inputs\": [\"f\"], \"shape\": [1, 3, 3]}");
    sb_printf(b, ", {\"name\": \"p\", \"op\": \"max_pool\", \"inputs\": [\"r\"], \"kernel\": 2, \"stride\": 1}");
    sb_printf(b, ", {\"name\": \"q\", \"op\": \"flatten\", \"inputs\": [\"p\"]}");
    sb_printf(b, ", {\"name\": \"o\", \"op\": \"dense\", \"inputs\": [\"q\"], \"weights\": ");
    _matrix(b, st, 2, 4);
    sb_printf(b, "}], \"outputs\": [\"o\"]}");
}

/* x (n) -> dense w1 -> a unit -> max (1-3 groups of 3-4) -> concat with x ->
   dense w2 -> max (groups of 1-4) -> dense 2: groups at two depths, with
   shortcuts from the input */
static void
_group_graph(sbuf * b, flint_rand_t st, slong n)
{
    slong w1 = 4 + n_randint(st, 3), g1 = 1 + n_randint(st, 3), w2 = 3 + n_randint(st, 3), g2 = 1 + n_randint(st, 2);
    sb_printf(b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld]}, \"nodes\": [",
              (long) n);
    sb_printf(b, "{\"name\": \"f1\", \"op\": \"dense\", \"inputs\": [\"x\"], \"weights\": ");
    _matrix(b, st, w1, n);
    sb_printf(b, ", \"biases\": ");
    _vec(b, st, w1);
    sb_printf(b, "}, ");
    _unit_node(b, st, "u1", "f1");
    sb_printf(b, ", {\"name\": \"m1\", \"op\": \"max\", \"inputs\": [\"u1\"], \"groups\": [");
    for (slong e = 0; e < g1; e++)
    {
        if (e)
            sb_printf(b, ", ");
        do
        {
            sbuf t = { NULL, 0, 0 };
            _max_group(&t, st, w1, 4);
            int members = 1;
            for (const char * c = t.s; *c; c++)
                members += (*c == ',');
            if (members >= 3)
            {
                sb_printf(b, "%s", t.s);
                free(t.s);
                break;
            }
            free(t.s);
        }
        while (1);
    }
    sb_printf(b, "]}, {\"name\": \"c\", \"op\": \"concat\", \"inputs\": [\"m1\", \"x\"]}");
    sb_printf(b, ", {\"name\": \"f2\", \"op\": \"dense\", \"inputs\": [\"c\"], \"weights\": ");
    _matrix(b, st, w2, g1 + n);
    sb_printf(b, ", \"biases\": ");
    _vec(b, st, w2);
    sb_printf(b, "}, {\"name\": \"m2\", \"op\": \"max\", \"inputs\": [\"f2\"], \"groups\": [");
    for (slong e = 0; e < g2; e++)
    {
        if (e)
            sb_printf(b, ", ");
        _max_group(b, st, w2, 4);
    }
    sb_printf(b, "]}, {\"name\": \"o\", \"op\": \"dense\", \"inputs\": [\"m2\"], \"weights\": ");
    _matrix(b, st, 2, g2);
    sb_printf(b, "}], \"outputs\": [\"o\"]}");
}

static void
_lower(net_t net, plnet_t g, const char * text)
{
    rc_error_t err;
    rc_error_init(err);
    test_graph_from_text(g, text);
    CHECK(net_lower_plnet_flags(net, g, NET_READ_GROUPS, err) == RELU_OK, "%s", err->msg);
    /* the lowering against the graph's evaluator */
    slong n = net->input_dim, m = net_num_outputs(net);
    fmpq * x = _fmpq_vec_init(n), * y1 = _fmpq_vec_init(m), * y2 = _fmpq_vec_init(m);
    flint_rand_t st;
    flint_randinit(st);
    for (slong i = 0; i < 20; i++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_si(x + k, (slong) n_randint(st, 41) - 20, 1 + n_randint(st, 5));
        net_eval(y1, NULL, net, x);
        plnet_eval(y2, g, x);
        for (slong o = 0; o < m; o++)
            CHECK(fmpq_equal(y1 + o, y2 + o), "lowering differs from the graph in %s", text);
    }
    flint_randclear(st);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y1, m);
    _fmpq_vec_clear(y2, m);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    fmpq_init(_centre[0]);
    fmpq_init(_centre[1]);
    slong iters = test_iters(60), total1 = 0, total2 = 0, grouped = 0;
    for (slong i = 0; i < iters; i++)
    {
        sbuf b = { NULL, 0, 0 };
        plnet_t g;
        net_t net;
        plnet_init(g);
        net_init(net);
        if (i % 3 == 2)
            _vector_graph_k(&b, st, 1, 4);
        else
            _group_graph(&b, st, 1);
        _lower(net, g, b.s);
        grouped += net_has_groups(net);
        poly_t P;
        fmpq_t a, c;
        fmpq_init(a);
        fmpq_init(c);
        fmpq_set_si(a, -4, 1);
        fmpq_set_si(c, 4, 1);
        poly_init(P, 1);
        poly_set_box(P, a, c);
        slong count = 0;
        regions_iter_t it;
        regions_iter_init(it, net, P);
        while (regions_iter_next(it) != NULL)
            count++;
        regions_iter_clear(it);
        slong r0 = _brute_1d(net, -4, 4);
        CHECK(count == r0, "1D: %ld regions, brute force %ld, in %s", (long) count, (long) r0, b.s);
        total1 += count;
        poly_clear(P);
        fmpq_clear(a);
        fmpq_clear(c);
        net_clear(net);
        plnet_clear(g);
        free(b.s);
    }
    CHECK(grouped > iters / 2, "only %ld of %ld 1D graphs have a max group", (long) grouped, (long) iters);
    slong grouped2 = 0;
    for (slong i = 0; i < iters; i++)
    {
        sbuf b = { NULL, 0, 0 };
        plnet_t g;
        net_t net;
        plnet_init(g);
        net_init(net);
        if (i % 3 == 0)
            _pool_graph(&b, st);
        else if (i % 3 == 1)
            _group_graph(&b, st, 2);
        else
            _vector_graph_k(&b, st, 2, 4);
        _lower(net, g, b.s);
        grouped2 += net_has_groups(net);
        total2 += _check_2d(net, g, st, b.s);
        net_clear(net);
        plnet_clear(g);
        free(b.s);
    }
    CHECK(grouped2 > iters / 2 + iters / 10, "only %ld of %ld 2D graphs have a max group", (long) grouped2, (long) iters);
    printf("t-plnet_maxgroups: %ld 1D graphs (%ld regions, %ld with max groups) match the breakpoint brute force; "
           "%ld 2D graphs (%ld regions, %ld with max groups) partition the box, points and faces agree\n",
           (long) iters, (long) total1, (long) grouped, (long) iters, (long) total2, (long) grouped2);
    fmpq_clear(_centre[0]);
    fmpq_clear(_centre[1]);
    flint_randclear(st);
    flint_cleanup();
    return 0;
}
