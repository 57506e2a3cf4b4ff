/* Networks with shortcuts (doc/FORMAT.md, "Shortcuts"), against truths that
   do not go through the library's handling of shortcuts:
   (a) a random shortcut network and the plain dense network that carries x
       and every hidden layer's output along with neurons relu(v + 2), which
       are always on in [-1,1]^n (their hyperplanes miss the box), are the
       same function with the same regions: equal region counts (DD, LP and
       --near engines), f-vectors, facet histograms, superlevel Betti numbers,
       and equal patterns once the passthrough neurons (all 1) are deleted;
   (b) in 1D, the regions of [-1,1] are the runs of constant sign vectors on
       the grid j/1009, 0 < |j| < 1009 (denominator 1009, a prime: no
       breakpoint with a smaller denominator lies on it), the signs computed by the direct evaluation below;
   (c) net_eval equals a direct recursive evaluation written here from the
       definition z_j = W_j h_{j-1} + b_j + sum S h_from, h_{-1} = x, and so
       do slices and threshold networks of shortcut networks;
   and the canonical form: read -> write -> read gives an equal network and
   the same bytes, whatever order the file lists the shortcuts in. Fixed seeds. */
#include "testutil.h"

#define MAXL 4

/* ---- (c) the definition, recursively: h(i) = relu(z(i)), h(-1) = x ---------- */
static void
direct_pre(fmpq * z, const net_t net, slong j, const fmpq * x);

static void
direct_post(fmpq * h, const net_t net, slong i, const fmpq * x)
{
    if (i < 0)
    {
        for (slong k = 0; k < net->input_dim; k++)
            fmpq_set(h + k, x + k);
        return;
    }
    direct_pre(h, net, i, x);
    for (slong k = 0; k < net->layers[i].W->r; k++)
        if (fmpq_sgn(h + k) < 0)
            fmpq_zero(h + k);
}

static void
direct_pre(fmpq * z, const net_t net, slong j, const fmpq * x)
{
    const net_layer_struct * L = net->layers + j;
    fmpq * a = _fmpq_vec_init(L->W->c);
    direct_post(a, net, j - 1, x);
    for (slong r = 0; r < L->W->r; r++)
    {
        fmpq_set(z + r, L->b + r);
        for (slong c = 0; c < L->W->c; c++)
            fmpq_addmul(z + r, fmpq_mat_entry(L->W, r, c), a + c);
    }
    _fmpq_vec_clear(a, L->W->c);
    for (slong s = 0; s < L->nshortcuts; s++)
    {
        const fmpq_mat_struct * S = L->shortcuts[s].S;
        fmpq * h = _fmpq_vec_init(S->c);
        direct_post(h, net, L->shortcuts[s].from, x);
        for (slong r = 0; r < S->r; r++)
            for (slong c = 0; c < S->c; c++)
                fmpq_addmul(z + r, fmpq_mat_entry(S, r, c), h + c);
        _fmpq_vec_clear(h, S->c);
    }
}

/* signs of every hidden neuron, layer by layer, by the definition */
static void
direct_signs(signed char * sg, const net_t net, const fmpq * x)
{
    slong k = 0;
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        slong w = net->layers[j].W->r;
        fmpq * z = _fmpq_vec_init(w);
        direct_pre(z, net, j, x);
        for (slong r = 0; r < w; r++)
            sg[k++] = (signed char) fmpq_sgn(z + r);
        _fmpq_vec_clear(z, w);
    }
}

static void
random_point(fmpq * x, flint_rand_t st, slong n)
{
    for (slong k = 0; k < n; k++)
        fmpq_set_si(x + k, (slong) n_randint(st, 41) - 20, 1 + n_randint(st, 19));
}

/* A random network with H hidden layers and random shortcut sets: every
   allowed source (the input, hidden layers 0..j-2) with probability 1/2. */
static void
random_shortcut_net(net_t net, flint_rand_t st, slong n, slong H, slong wmax)
{
    slong widths[MAXL + 2];
    widths[0] = n;
    for (slong j = 1; j <= H; j++)
        widths[j] = 1 + n_randint(st, wmax);
    widths[H + 1] = 1;
    test_random_net(net, st, H + 1, widths, 3);
    test_random_shortcuts(net, st, H, 2, 2);
}

/* ---- (a) the plain network: layer j = [orig_j | x + 2 | h_0 + 2 .. h_{j-1} + 2] -- */
static void
plain_of(net_t P, slong * keep, const net_t net)
{
    slong n = net->input_dim, L = net->nlayers, w[MAXL + 1], widths[MAXL + 2], k = 0;
    widths[0] = n;
    for (slong j = 0; j < L; j++)
    {
        w[j] = net->layers[j].W->r;
        widths[j + 1] = w[j];
        if (j + 1 < L)
        {
            widths[j + 1] += n;
            for (slong i = 0; i < j; i++)
                widths[j + 1] += w[i];
        }
    }
    net_clear(P);
    net_init_shape(P, L, widths);
    for (slong j = 0; j < L; j++)
    {
        const net_layer_struct * O = net->layers + j;
        net_layer_struct * Q = P->layers + j;
        /* where the previous plain layer keeps x + 2 and h_i + 2 */
        slong xcol = j == 0 ? -1 : w[j - 1], hcol[MAXL + 1];
        for (slong i = 0, c = xcol + n; j > 0 && i < j - 1; c += w[i], i++)
            hcol[i] = c;
        for (slong r = 0; r < w[j]; r++)
        {
            fmpq_set(Q->b + r, O->b + r);
            for (slong c = 0; c < O->W->c; c++)
                fmpq_set(fmpq_mat_entry(Q->W, r, c), fmpq_mat_entry(O->W, r, c));
            for (slong s = 0; s < O->nshortcuts; s++)
            {
                const fmpq_mat_struct * S = O->shortcuts[s].S;
                slong at = O->shortcuts[s].from < 0 ? xcol : hcol[O->shortcuts[s].from];
                for (slong c = 0; c < S->c; c++)
                {
                    fmpq_add(fmpq_mat_entry(Q->W, r, at + c), fmpq_mat_entry(Q->W, r, at + c), fmpq_mat_entry(S, r, c));
                    fmpq_sub(Q->b + r, Q->b + r, fmpq_mat_entry(S, r, c));     /* S (x + 2) - 2 S 1 */
                    fmpq_sub(Q->b + r, Q->b + r, fmpq_mat_entry(S, r, c));
                }
            }
            keep[k++] = 1;
        }
        if (j + 1 == L)
            break;
        slong r = w[j];
        for (slong c = 0; c < n; c++, r++, k++)       /* x + 2 */
        {
            fmpq_one(fmpq_mat_entry(Q->W, r, j == 0 ? c : xcol + c));
            fmpq_set_si(Q->b + r, j == 0 ? 2 : 0, 1);
            keep[k] = 0;
        }
        for (slong i = 0; i < j; i++)                  /* h_i + 2 */
            for (slong c = 0; c < w[i]; c++, r++, k++)
            {
                fmpq_one(fmpq_mat_entry(Q->W, r, i == j - 1 ? c : hcol[i] + c));
                fmpq_set_si(Q->b + r, i == j - 1 ? 2 : 0, 1);
                keep[k] = 0;
            }
    }
}

/* ---- running the engines ---------------------------------------------------- */
typedef struct
{
    test_ctx t;                 /* first: test_check_region's context */
    char ** pats;
    slong num;
    const slong * keep;         /* NULL: every neuron */
    fmpq * start;               /* an interior point of the first region */
}
run_ctx;

static int
on_region(void * data, const region_struct * R)
{
    run_ctx * c = data;
    test_check_region(&c->t, R);
    char * p = flint_malloc(R->N + 1);
    slong m = 0;
    for (slong k = 0; k < R->N; k++)
        if (c->keep == NULL || c->keep[k])
            p[m++] = R->active[k] ? '1' : '0';
        else
            CHECK(R->active[k], "passthrough neuron %ld off in region %ld", (long) k, (long) R->index);
    p[m] = '\0';
    c->pats = flint_realloc(c->pats, (c->num + 1) * sizeof(char *));
    c->pats[c->num++] = p;
    if (R->index == 0)
        poly_interior_point(c->start, R->P);
    return 0;
}

static int
count_h(void * data, const region_h_struct * R)
{
    (void) R;
    (*(slong *) data)++;
    return 0;
}

static void
box_init(poly_t B, slong n)
{
    fmpq_t lo, hi;
    fmpq_init(lo); fmpq_init(hi);
    fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
    poly_init(B, n);
    poly_set_box(B, lo, hi);
    fmpq_clear(lo); fmpq_clear(hi);
}

static void
betti_of(slong * b, const net_t net, const poly_t box, const fmpq_t T)
{
    rc_error_t err;
    net_t tn;
    chain_complex_t K;
    homology_t H;
    rc_error_init(err);
    net_init(tn);
    CHECK(net_threshold_net(tn, net, 0, T, err) == RELU_OK, "%s", err->msg);
    chain_complex_init(K, 0);
    homology_init(H);
    CHECK(homology_cells(K, tn, box, net_num_hidden(tn) - 1, COMPLEX_ZERO | COMPLEX_POS, err) == RELU_OK,
          "%s", err->msg);
    homology_compute(H, K);
    for (slong k = 0; k <= net->input_dim; k++)
        b[k] = k <= H->top ? H->betti[k] : 0;
    homology_clear(H);
    chain_complex_clear(K);
    net_clear(tn);
}

/* Every engine on net in [-1,1]^n: the DD regions with all checks into C and
   c, and the counts of the LP engine and of --near from the first region. */
static void
run_all(complex_t C, run_ctx * c, const net_t net, const poly_t box, const slong * keep)
{
    slong n = net->input_dim;
    complex_init(C, box, net_num_hidden(net), 1);
    c->t = (test_ctx) { net, C, 0, 3 };
    c->pats = NULL;
    c->num = 0;
    c->keep = keep;
    c->start = _fmpq_vec_init(n);
    rc_error_t err;
    rc_error_init(err);
    CHECK(regions_enumerate(net, box, on_region, c) == 0, "enumeration stopped");
    CHECK(complex_finish(C, err) == RELU_OK, "%s", err->msg);
    regions_hdomain_t D;
    fmpq_t lo, hi;
    fmpq_init(lo); fmpq_init(hi);
    fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
    regions_hdomain_init(D, n);
    regions_hdomain_set_box(D, lo, hi);
    slong h = 0, near = 0;
    int complete = 0;
    CHECK(regions_enumerate_h(net, D, count_h, &h, err) == 0, "LP engine: %s", err->msg);
    CHECK(h == c->num, "LP engine %ld regions, DD %ld", (long) h, (long) c->num);
    CHECK(regions_explore_near(&complete, net, D, c->start, 0, -1, count_h, &near, err) == 0, "near: %s", err->msg);
    CHECK(complete && near == c->num, "near %ld regions, DD %ld", (long) near, (long) c->num);
    regions_hdomain_clear(D);
    fmpq_clear(lo); fmpq_clear(hi);
}

static void
run_clear(complex_t C, run_ctx * c, slong n)
{
    for (slong i = 0; i < c->num; i++)
        flint_free(c->pats[i]);
    flint_free(c->pats);
    _fmpq_vec_clear(c->start, n);
    complex_clear(C);
}

static void
test_equivalence(flint_rand_t st, slong iters)
{
    slong cases = 0, max_regions = 0, shortcuts = 0;
    for (slong it = 0; it < iters; it++)
    {
        slong n = 1 + it % 3, H = 1 + (it / 3) % 3;
        net_t net, P;
        net_init(net);
        net_init(P);
        random_shortcut_net(net, st, n, H, n == 3 ? 2 : 3);
        slong * keep = flint_malloc((8 * MAXL * MAXL + 1) * sizeof(slong));
        plain_of(P, keep, net);
        for (slong j = 0; j < net->nlayers; j++)
            shortcuts += net->layers[j].nshortcuts;
        CHECK(!net_has_shortcuts(P), "the plain network has no shortcuts");
        fmpq * x = _fmpq_vec_init(n), * y = _fmpq_vec_init(1), * y2 = _fmpq_vec_init(1);
        for (slong q = 0; q < 10; q++)      /* the construction: the same function on the box */
        {
            for (slong k = 0; k < n; k++)
                fmpq_set_si(x + k, (slong) n_randint(st, 21) - 10, 10);
            net_eval(y, NULL, net, x);
            net_eval(y2, NULL, P, x);
            CHECK(fmpq_equal(y, y2), "case %ld: plain and shortcut networks differ", (long) it);
        }
        poly_t box;
        box_init(box, n);
        complex_t C1, C2;
        run_ctx c1, c2;
        run_all(C1, &c1, net, box, NULL);
        run_all(C2, &c2, P, box, keep);
        CHECK(C1->regions == C2->regions && c1.num == c2.num, "case %ld: %ld regions, plain %ld", (long) it,
              (long) C1->regions, (long) C2->regions);
        for (slong k = 0; k <= n; k++)
            CHECK(C1->fvec[k] == C2->fvec[k], "case %ld: f_%ld %ld, plain %ld", (long) it, (long) k,
                  (long) C1->fvec[k], (long) C2->fvec[k]);
        CHECK(C1->hist_len == C2->hist_len, "case %ld: histogram lengths", (long) it);
        for (slong f = 0; f < C1->hist_len; f++)
            CHECK(C1->hist[f] == C2->hist[f], "case %ld: facet histogram at %ld", (long) it, (long) f);
        for (slong i = 0; i < c1.num; i++)
            CHECK(strcmp(c1.pats[i], c2.pats[i]) == 0, "case %ld region %ld: %s, plain %s", (long) it, (long) i,
                  c1.pats[i], c2.pats[i]);
        /* superlevel sets at the value at the first region's point and at 0 */
        slong b1[5], b2[5];
        net_eval(y, NULL, net, c1.start);
        for (int t = 0; t < 2; t++)
        {
            if (t)
                fmpq_zero(y);
            betti_of(b1, net, box, y);
            betti_of(b2, P, box, y);
            for (slong k = 0; k <= n; k++)
                CHECK(b1[k] == b2[k], "case %ld: b_%ld %ld, plain %ld", (long) it, (long) k, (long) b1[k], (long) b2[k]);
        }
        max_regions = FLINT_MAX(max_regions, C1->regions);
        cases++;
        run_clear(C1, &c1, n);
        run_clear(C2, &c2, n);
        poly_clear(box);
        _fmpq_vec_clear(x, n); _fmpq_vec_clear(y, 1); _fmpq_vec_clear(y2, 1);
        flint_free(keep);
        net_clear(net);
        net_clear(P);
    }
    printf("equivalence: %ld networks with %ld shortcuts = their plain twins (up to %ld regions)\n", (long) cases,
           (long) shortcuts, (long) max_regions);
}

static char * text_of(const net_t net);

/* ---- (b) 1D: runs of constant sign vectors on the grid j/1009 ------------------ */
static int
count_only(void * data, const region_struct * R)
{
    (void) R;
    (*(slong *) data)++;
    return 0;
}

static void
test_brute_force_1d(flint_rand_t st, slong iters)
{
    slong total = 0;
    for (slong it = 0; it < iters; it++)
    {
        net_t net;
        net_init(net);
        random_shortcut_net(net, st, 1, 1 + it % 3, 3);
        slong N = net_num_hidden(net), runs = 0, regions = 0;
        signed char * prev = flint_calloc(N + 1, 1), * sg = flint_calloc(N + 1, 1);
        fmpq * x = _fmpq_vec_init(1);
        for (slong j = -1008; j <= 1008; j++)
        {
            if (j == 0)
                continue;       /* 0 is not j/1009 in lowest terms, and may be a breakpoint */
            fmpq_set_si(x, j, 1009);
            direct_signs(sg, net, x);
            if (j == -1008 || memcmp(sg, prev, N) != 0)
                runs++;
            memcpy(prev, sg, N);
        }
        poly_t box;
        box_init(box, 1);
        regions_enumerate(net, box, count_only, &regions);
        if (regions != runs)
        {
            char * t = text_of(net);
            printf("%s\n", t);
            free(t);
        }
        CHECK(regions == runs, "case %ld: %ld regions, %ld runs of sign vectors on the grid", (long) it,
              (long) regions, (long) runs);
        total += regions;
        poly_clear(box);
        _fmpq_vec_clear(x, 1);
        flint_free(prev);
        flint_free(sg);
        net_clear(net);
    }
    printf("1D brute force: %ld networks, %ld regions in all, each a run on the grid\n", (long) iters, (long) total);
}

/* ---- (c) evaluation, slices, thresholds against the definition ------------------ */
static void
test_eval(flint_rand_t st, slong iters)
{
    rc_error_t err;
    rc_error_init(err);
    for (slong it = 0; it < iters; it++)
    {
        slong n = 1 + n_randint(st, 3), H = 1 + n_randint(st, 3);
        net_t net, S, T;
        net_init(net); net_init(S); net_init(T);
        random_shortcut_net(net, st, n, H, 3);
        slong N = net_num_hidden(net), L = net->nlayers;
        fmpq * x = _fmpq_vec_init(n), * y = _fmpq_vec_init(1), * z = _fmpq_vec_init(1), * c = _fmpq_vec_init(1);
        signed char * sg = flint_calloc(N + 2, 1), * sd = flint_calloc(N + 2, 1);
        unsigned char * act = flint_calloc(N + 1, 1);
        fmpq_mat_t M;
        fmpq_mat_init(M, 1, n);
        random_point(x, st, n);
        net_eval(y, sg, net, x);
        direct_pre(z, net, L - 1, x);
        direct_signs(sd, net, x);
        CHECK(fmpq_equal(y, z), "case %ld: net_eval differs from the definition", (long) it);
        CHECK(memcmp(sg, sd, N) == 0, "case %ld: signs differ from the definition", (long) it);
        for (slong k = 0; k < N; k++)
            act[k] = sd[k] > 0;
        net_affine_of_pattern(M, c, net, act);
        for (slong k = 0; k < n; k++)
            fmpq_addmul(c, fmpq_mat_entry(M, 0, k), x + k);
        CHECK(fmpq_equal(c, z), "case %ld: the affine map of the pattern at x is not f(x)", (long) it);
        /* threshold: its last hidden neuron is f - T */
        fmpq_t t;
        fmpq_init(t);
        fmpq_set_si(t, 1, 3);
        CHECK(net_threshold_net(T, net, 0, t, err) == RELU_OK, "%s", err->msg);
        net_eval(c, sg, T, x);
        fmpq_sub(z, z, t);
        CHECK(sg[N] == fmpq_sgn(z) && memcmp(sg, sd, N) == 0, "case %ld: threshold network signs", (long) it);
        /* a slice through x + D^T u, k = 1 direction: every shortcut from the input composed too */
        fmpq_mat_t D;
        fmpq_mat_init(D, 1, n);
        for (slong k = 0; k < n; k++)
            fmpq_set_si(fmpq_mat_entry(D, 0, k), (slong) n_randint(st, 7) - 3 + (k == 0 ? 7 : 0), 1);
        CHECK(net_slice_affine(S, net, x, D, err) == RELU_OK, "%s", err->msg);
        fmpq * u = _fmpq_vec_init(1), * p = _fmpq_vec_init(n);
        fmpq_set_si(u, (slong) n_randint(st, 9) - 4, 5);
        for (slong k = 0; k < n; k++)
        {
            fmpq_set(p + k, x + k);
            fmpq_addmul(p + k, fmpq_mat_entry(D, 0, k), u);
        }
        net_eval(y, sg, S, u);
        direct_pre(z, net, L - 1, p);
        direct_signs(sd, net, p);
        CHECK(fmpq_equal(y, z) && memcmp(sg, sd, N) == 0, "case %ld: slice differs from the network", (long) it);
        _fmpq_vec_clear(u, 1); _fmpq_vec_clear(p, n);
        fmpq_mat_clear(D);
        fmpq_clear(t);
        fmpq_mat_clear(M);
        _fmpq_vec_clear(x, n); _fmpq_vec_clear(y, 1); _fmpq_vec_clear(z, 1); _fmpq_vec_clear(c, 1);
        flint_free(sg); flint_free(sd); flint_free(act);
        net_clear(net); net_clear(S); net_clear(T);
    }
    printf("evaluation: %ld networks (eval, affine map, threshold, slice) agree with the definition\n", (long) iters);
}

/* ---- canonical form ---------------------------------------------------------- */
static char *
text_of(const net_t net)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    jout_t out;
    jout_init(out, fp, 0, 0);
    net_write_jout(out, net);
    jout_clear(out);
    fclose(fp);
    if (len > 0 && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return buf;
}

static void
read_text(net_t net, const char * s)
{
    rc_error_t err;
    jnode * root;
    rc_error_init(err);
    CHECK(jnode_parse(&root, s, strlen(s), err) == RELU_OK, "%s", err->msg);
    CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s: %s", err->msg, s);
    jnode_free(root);
}

static void
test_roundtrip(flint_rand_t st, slong iters)
{
    for (slong it = 0; it < iters; it++)
    {
        net_t a, b, c;
        net_init(a); net_init(b); net_init(c);
        random_shortcut_net(a, st, 1 + n_randint(st, 3), 1 + n_randint(st, 3), 3);
        char * s = text_of(a);
        read_text(b, s);
        char * s2 = text_of(b);
        CHECK(net_equal(a, b) && strcmp(s, s2) == 0, "case %ld: read -> write -> read differs", (long) it);
        net_set(c, b);
        CHECK(net_equal(c, a), "case %ld: net_set", (long) it);
        if (net_has_shortcuts(a))   /* a changed shortcut weight is seen */
        {
            slong j = 1;
            while (a->layers[j].nshortcuts == 0)
                j++;
            fmpq_add_si(fmpq_mat_entry(c->layers[j].shortcuts[0].S, 0, 0), fmpq_mat_entry(c->layers[j].shortcuts[0].S, 0, 0), 1);
            CHECK(!net_equal(c, a), "case %ld: net_equal missed a shortcut weight", (long) it);
        }
        free(s); free(s2);
        net_clear(a); net_clear(b); net_clear(c);
    }
    /* the file's order of shortcuts does not matter; none written for a plain layer */
    const char * p = "{\"input_dim\":1,\"layers\":[{\"weights\":[[1]],\"biases\":[0]},{\"weights\":[[1]],\"biases\":[0]},"
                     "{\"weights\":[[1]],\"biases\":[0],\"shortcuts\":[{\"from\":0,\"weights\":[[\"1/2\"]]},"
                     "{\"weights\":[[2]],\"from\":\"input\"}]}]}";
    const char * q = "{\"input_dim\":1,\"layers\":[{\"weights\":[[1]],\"biases\":[0]},{\"weights\":[[1]],\"biases\":[0]},"
                     "{\"weights\":[[1]],\"biases\":[0],\"shortcuts\":[{\"from\":\"input\",\"weights\":[[2]]},"
                     "{\"from\":0,\"weights\":[[\"1/2\"]]}]}]}";
    net_t a, b;
    net_init(a); net_init(b);
    read_text(a, p);
    char * s = text_of(a);
    CHECK(strcmp(s, q) == 0, "canonical form: %s", s);
    read_text(b, "{\"input_dim\":1,\"layers\":[{\"weights\":[[1]],\"biases\":[0],\"shortcuts\":[]}]}");
    char * s2 = text_of(b);
    CHECK(strcmp(s2, "{\"input_dim\":1,\"layers\":[{\"weights\":[[1]],\"biases\":[0]}]}") == 0, "empty shortcuts: %s", s2);
    free(s); free(s2);
    net_clear(a); net_clear(b);
    printf("round trip: %ld networks, canonical order of shortcuts\n", (long) iters);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    test_roundtrip(st, test_iters(100));
    test_eval(st, test_iters(200));
    test_brute_force_1d(st, test_iters(60));
    test_equivalence(st, test_iters(90));
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
