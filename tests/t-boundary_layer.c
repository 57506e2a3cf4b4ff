/* Anatomy of one ReLU layer (NOTES section 3, proofs/one-layer/layer.md):
   - square invertible W (d = 1..5, random rationals): 2^d sectors, all
     verified; at random points, computed here from the formulas alone,
     pi(x) = x* + W^-1 relu(W (x - x*)) satisfies W pi(x) + b = relu(W x + b),
     lies in C and is idempotent, and agrees with the sector's P_J x + q_J;
   - full row rank W (m < n): the same identity for pi(x) = x + W+ relu(-(W x + b)),
     and pi is the projection onto C in (W u).(W v) + (Q u).(Q v): for random
     y in C, <x - pi(x), y - pi(x)> <= 0;
   - hand-made layers with dependent rows, where the criterion decides which
     sectors factorise; a second hidden layer; layers that do not exist. */
#include "testutil.h"

static void
random_fmpq(fmpq_t x, flint_rand_t st, slong r, slong q)
{
    fmpq_set_si(x, (slong) n_randint(st, 2 * r + 1) - r, 1 + n_randint(st, q));
}

typedef struct
{
    slong calls;
    slong n;
    const fmpq * x;       /* a point: the sector holding it in its interior reports P_J x + q_J */
    fmpq * px;
    int found;
}
sector_ctx;

static int
sector_cb(void * data, const boundary_layer_sector_struct * S)
{
    sector_ctx * c = data;
    c->calls++;
    if (S->Pj == NULL || c->x == NULL)
        return 0;
    /* x strictly inside S: every facet strict at (1, x) */
    const poly_struct * P = S->P;
    fmpq_t v;
    fmpq_init(v);
    int inside = 1;
    for (slong j = 1; j < P->ncons && inside; j++)
    {
        const fmpz * a = poly_con(P, j);
        fmpq_zero(v);
        fmpq_add_fmpz(v, v, a);
        for (slong k = 0; k < c->n; k++)
        {
            fmpq_t t;
            fmpq_init(t);
            fmpq_mul_fmpz(t, c->x + k, a + 1 + k);
            fmpq_add(v, v, t);
            fmpq_clear(t);
        }
        inside = fmpq_sgn(v) > 0;
    }
    if (inside)
    {
        c->found++;
        for (slong i = 0; i < c->n; i++)
        {
            fmpq_set(c->px + i, S->qj + i);
            for (slong k = 0; k < c->n; k++)
                fmpq_addmul(c->px + i, fmpq_mat_entry(S->Pj, i, k), c->x + k);
        }
    }
    fmpq_clear(v);
    return 0;
}

static int
vec_equal(const fmpq * a, const fmpq * b, slong len)
{
    for (slong i = 0; i < len; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

static void
vec_sub(fmpq * r, const fmpq * a, const fmpq * b, slong len)
{
    for (slong i = 0; i < len; i++)
        fmpq_sub(r + i, a + i, b + i);
}

/* y = W x + b (m entries) */
static void
layer_eval(fmpq * y, const fmpq_mat_t W, const fmpq * b, const fmpq * x)
{
    for (slong i = 0; i < W->r; i++)
    {
        fmpq_set(y + i, b + i);
        for (slong j = 0; j < W->c; j++)
            fmpq_addmul(y + i, fmpq_mat_entry(W, i, j), x + j);
    }
}

static void
relu_vec(fmpq * y, slong m)
{
    for (slong i = 0; i < m; i++)
        if (fmpq_sgn(y + i) < 0)
            fmpq_zero(y + i);
}

/* pi(x) = x + W+ relu(-(W x + b)), from the definition */
static void
pi_eval(fmpq * p, const fmpq_mat_t Wplus, const fmpq_mat_t W, const fmpq * b, const fmpq * x)
{
    slong m = W->r, n = W->c;
    fmpq * z = _fmpq_vec_init(m);
    layer_eval(z, W, b, x);
    for (slong i = 0; i < m; i++)
    {
        fmpq_neg(z + i, z + i);
        if (fmpq_sgn(z + i) < 0)
            fmpq_zero(z + i);
    }
    for (slong j = 0; j < n; j++)
    {
        fmpq_set(p + j, x + j);
        for (slong i = 0; i < m; i++)
            fmpq_addmul(p + j, fmpq_mat_entry(Wplus, j, i), z + i);
    }
    _fmpq_vec_clear(z, m);
}

static void
check_random_layer(flint_rand_t st, slong m, slong n)
{
    slong widths[3] = { n, m, 1 };
    net_t net;
    rc_error_t err;
    fmpq_mat_t E;
    rc_error_init(err);
    net_init_shape(net, 2, widths);
    fmpq_mat_init(E, m, n);
    do
    {
        for (slong i = 0; i < m; i++)
        {
            for (slong j = 0; j < n; j++)
                random_fmpq(fmpq_mat_entry(net->layers[0].W, i, j), st, 4, 3);
            random_fmpq(net->layers[0].b + i, st, 4, 3);
        }
    }
    while (fmpq_mat_rref(E, net->layers[0].W) < m);
    fmpq_mat_clear(E);
    const fmpq_mat_struct * Wn = net->layers[0].W;
    const fmpq * b = net->layers[0].b;

    boundary_layer_t L;
    boundary_layer_init(L, m, n);
    fmpq * x = _fmpq_vec_init(n), * px = _fmpq_vec_init(n), * p2 = _fmpq_vec_init(n);
    fmpq * y = _fmpq_vec_init(m), * r = _fmpq_vec_init(m), * yy = _fmpq_vec_init(n);
    for (slong j = 0; j < n; j++)
        random_fmpq(x + j, st, 7, 7);
    sector_ctx c = { 0, n, x, px, 0 };
    CHECK(boundary_layer_compute(L, net, 1, sector_cb, &c, err) == RELU_OK, "%s", err->msg);
    CHECK(L->full_row_rank && L->square_invertible == (m == n), "rank flags");
    CHECK(c.calls == L->sectors && L->verified == L->sectors && L->factorising == L->sectors, "sector counts");
    if (m == n)
    {
        CHECK(L->sectors == (WORD(1) << n), "%ld sectors for invertible W in R^%ld", (long) L->sectors, (long) n);
        for (slong i = 0; i < n; i++)   /* apex on every hyperplane */
        {
            fmpq_t z;
            fmpq_init(z);
            fmpq_set(z, b + i);
            for (slong j = 0; j < n; j++)
                fmpq_addmul(z, fmpq_mat_entry(Wn, i, j), L->apex + j);
            CHECK(fmpq_is_zero(z), "apex off a hyperplane");
            fmpq_clear(z);
        }
    }

    /* pi at x from the definition; the sector holding x (if x is on no hyperplane) agrees */
    pi_eval(p2, L->Wplus, Wn, b, x);
    layer_eval(y, Wn, b, x);
    int generic = 1;
    for (slong i = 0; i < m; i++)
        generic &= !fmpq_is_zero(y + i);
    if (generic)
    {
        CHECK(c.found == 1, "x lies in %d sectors", c.found);
        CHECK(vec_equal(px, p2, n), "P_J x + q_J differs from pi(x)");
    }
    relu_vec(y, m);
    layer_eval(r, Wn, b, p2);
    CHECK(vec_equal(r, y, m), "W pi(x) + b != relu(W x + b)");
    for (slong i = 0; i < m; i++)
        CHECK(fmpq_sgn(r + i) >= 0, "pi(x) not in C");
    pi_eval(px, L->Wplus, Wn, b, p2);
    CHECK(vec_equal(px, p2, n), "pi is not idempotent");

    /* projection: <x - pi(x), y - pi(x)> <= 0 for y in C, in (W u).(W v) + (Q u).(Q v) */
    fmpq_mat_t Q, WpW;
    fmpq_mat_init(Q, n, n);
    fmpq_mat_init(WpW, n, n);
    fmpq_mat_mul(WpW, L->Wplus, Wn);
    fmpq_mat_one(Q);
    fmpq_mat_sub(Q, Q, WpW);
    for (slong s = 0; s < 20; s++)
    {
        for (slong j = 0; j < n; j++)
            random_fmpq(yy + j, st, 9, 4);
        layer_eval(r, Wn, b, yy);
        int inC = 1;
        for (slong i = 0; i < m; i++)
            inC &= fmpq_sgn(r + i) >= 0;
        if (!inC)
            pi_eval(yy, L->Wplus, Wn, b, yy);   /* a point of C */
        fmpq_t ip, t;
        fmpq_init(ip);
        fmpq_init(t);
        fmpq * u = _fmpq_vec_init(n), * v = _fmpq_vec_init(n);
        vec_sub(u, x, p2, n);
        vec_sub(v, yy, p2, n);
        for (slong i = 0; i < m; i++)          /* (W u).(W v) */
        {
            fmpq_t a, bb;
            fmpq_init(a);
            fmpq_init(bb);
            for (slong j = 0; j < n; j++)
            {
                fmpq_addmul(a, fmpq_mat_entry(Wn, i, j), u + j);
                fmpq_addmul(bb, fmpq_mat_entry(Wn, i, j), v + j);
            }
            fmpq_addmul(ip, a, bb);
            fmpq_clear(a);
            fmpq_clear(bb);
        }
        for (slong i = 0; i < n; i++)          /* (Q u).(Q v) */
        {
            fmpq_t a, bb;
            fmpq_init(a);
            fmpq_init(bb);
            for (slong j = 0; j < n; j++)
            {
                fmpq_addmul(a, fmpq_mat_entry(Q, i, j), u + j);
                fmpq_addmul(bb, fmpq_mat_entry(Q, i, j), v + j);
            }
            fmpq_addmul(ip, a, bb);
            fmpq_clear(a);
            fmpq_clear(bb);
        }
        CHECK(fmpq_sgn(ip) <= 0, "pi(x) is not the nearest point of C");
        _fmpq_vec_clear(u, n);
        _fmpq_vec_clear(v, n);
        fmpq_clear(ip);
        fmpq_clear(t);
    }
    fmpq_mat_clear(Q);
    fmpq_mat_clear(WpW);
    _fmpq_vec_clear(x, n); _fmpq_vec_clear(px, n); _fmpq_vec_clear(p2, n); _fmpq_vec_clear(yy, n);
    _fmpq_vec_clear(y, m); _fmpq_vec_clear(r, m);
    boundary_layer_clear(L);
    net_clear(net);
}

typedef struct
{
    const char * name;
    const char * json;
    slong layer;
    slong sectors, factorising, verified;
}
layer_case;

static const layer_case cases[] = {
    /* n = 1, rows (1), (1): relu(x) twice = W relu(x): both half-lines factorise */
    { "repeated row", "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[0]}]}", 1, 2, 2, 0 },
    /* rows (1), (-1): on x > 0 the image (x, 0) leaves the line (t, -t): no sector factorises */
    { "opposite rows", "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[-1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[0]}]}", 1, 2, 0, 0 },
    /* three lines x = 0, y = 0, x + y = 1 in R^2: 7 sectors; only the all-active one
       (D = I) and the ones where the inactive part is representable factorise. The
       all-active sector {x, y > 0, x + y > 1} factorises; (D - I) b = (0,0,-1)^T... with
       D = diag(1,1,0): D W columns (1,0,0), (0,1,0) not in span{(1,0,1),(0,1,1)}: no;
       in general exactly the sectors with D = I: 1. */
    { "three lines", "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1],[1,1]],\"biases\":[0,0,-1]},"
      "{\"weights\":[[1,1,1]],\"biases\":[0]}]}", 1, 7, 1, 0 },
    /* second hidden layer 1 x 2 on R^2 (the first layer's output space): full row rank,
       one hyperplane: 2 sectors, both verified */
    { "second layer", "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[-1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[-1]},{\"weights\":[[1]],\"biases\":[0]}]}", 2, 2, 2, 2 },
};

int
main(void)
{
    printf("boundary_layer....");
    fflush(stdout);
    flint_rand_t st;
    flint_randinit(st);
    for (slong n = 1; n <= 5; n++)
        for (slong m = 1; m <= n; m++)
        {
            slong iters = test_iters(n <= 3 ? 200 : 60);
            for (slong it = 0; it < iters; it++)
                check_random_layer(st, m, n);
        }
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
    {
        const layer_case * t = cases + c;
        rc_error_t err;
        jnode * root;
        net_t net;
        rc_error_init(err);
        CHECK(jnode_parse(&root, t->json, strlen(t->json), err) == RELU_OK, "%s", err->msg);
        net_init(net);
        CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s", err->msg);
        jnode_free(root);
        const net_layer_struct * lay = net->layers + t->layer - 1;
        boundary_layer_t L;
        boundary_layer_init(L, lay->W->r, lay->W->c);
        CHECK(boundary_layer_compute(L, net, t->layer, NULL, NULL, err) == RELU_OK, "%s: %s", t->name, err->msg);
        CHECK(L->sectors == t->sectors && L->factorising == t->factorising && L->verified == t->verified,
              "%s: sectors %ld factorising %ld verified %ld", t->name, (long) L->sectors, (long) L->factorising,
              (long) L->verified);
        CHECK(boundary_layer_compute(L, net, 0, NULL, NULL, err) == RELU_E_INPUT, "layer 0 accepted");
        CHECK(boundary_layer_compute(L, net, net->nlayers, NULL, NULL, err) == RELU_E_INPUT, "output layer accepted");
        boundary_layer_clear(L);
        net_clear(net);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
