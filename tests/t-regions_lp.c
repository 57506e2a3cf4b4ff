/* The H-representation (LP) engine against two independent truths:
   - the DD engine, dimensions 2-8, box and whole space: the same regions in
     the same order, with byte-identical JSON records when the LP engine's
     regions are rebuilt (regions_enumerate_lp), and the same patterns,
     facets (rows and sources, in order) and boundedness from the H records
     (regions_enumerate_h), whose interior points are checked strictly inside;
   - a brute force over all 2^N activation patterns with an exact Chebyshev
     feasibility LP (small N), in dimensions 3-40: the same patterns. */
#define _GNU_SOURCE
#include "testutil.h"
#include "poly/lp.h"

typedef struct
{
    const net_struct * net;
    char ** recs;
    slong num, alloc;
}
rec_list;

static int
on_dd(void * data, const region_struct * R)
{
    rec_list * L = data;
    char * buf;
    size_t len;
    FILE * fp = open_memstream(&buf, &len);
    jout_t o;
    jout_init(o, fp, 0, 1);
    region_write_json(o, L->net, R, NULL);
    jout_clear(o);
    fclose(fp);
    if (L->num == L->alloc)
    {
        L->alloc = 2 * L->alloc + 8;
        L->recs = realloc(L->recs, L->alloc * sizeof(char *));
    }
    L->recs[L->num++] = buf;
    return 0;
}

typedef struct
{
    const net_struct * net;
    rec_list * dd;          /* the DD regions, in order */
    poly_struct ** P;       /* their polyhedra */
    slong i;
    const regions_hdomain_struct * D;
}
cmp_ctx;

static int
on_h(void * data, const region_h_struct * H)
{
    cmp_ctx * c = data;
    CHECK(c->i < c->dd->num, "the LP engine finds more regions than DD");
    const poly_struct * P = c->P[c->i];
    slong d = H->n + 1;
    CHECK(H->m == poly_num_facets(P), "region %ld: %ld facets by LP, %ld by DD", (long) c->i, (long) H->m,
          (long) poly_num_facets(P));
    for (slong j = 0; j < H->m; j++)
    {
        CHECK(_fmpz_vec_equal(H->rows + j * d, poly_con(P, j + 1), d), "region %ld: facet %ld differs", (long) c->i, (long) j);
        CHECK(H->src[j] == P->src[j + 1], "region %ld: source of facet %ld differs", (long) c->i, (long) j);
    }
    CHECK(H->bounded == poly_is_bounded(P), "region %ld: boundedness differs", (long) c->i);
    CHECK(H->relatively_bounded == poly_is_relatively_bounded(P), "region %ld: relative boundedness differs", (long) c->i);
    /* not meeting the domain's boundary: no vertex on a domain row (as complex.c counts) */
    int touches = 0;
    fmpz_t z;
    fmpz_init(z);
    for (slong g = 0; g < P->ngens; g++)
        for (slong j = 0; j < c->D->m && poly_gen_is_vertex(P, g); j++)
        {
            poly_vec_dot(z, c->D->rows + j * d, poly_gen(P, g), d);
            touches |= fmpz_is_zero(z);
        }
    fmpz_clear(z);
    CHECK(H->interior == !touches, "region %ld: interior %d by LP, DD touches %d", (long) c->i, H->interior, touches);
    /* the interior point: strictly inside every facet of the DD region */
    fmpq_t v, t;
    fmpq_init(v);
    fmpq_init(t);
    for (slong j = 1; j < P->ncons; j++)
    {
        fmpq_set_fmpz(v, poly_con(P, j));
        for (slong k = 0; k < H->n; k++)
        {
            fmpq_mul_fmpz(t, H->point + k, poly_con(P, j) + 1 + k);
            fmpq_add(v, v, t);
        }
        CHECK(fmpq_sgn(v) > 0, "region %ld: the LP interior point is not interior", (long) c->i);
    }
    fmpq_clear(v);
    fmpq_clear(t);
    c->i++;
    return 0;
}

typedef struct
{
    poly_struct ** P;
    slong num, alloc;
}
poly_list;

static int
on_dd_poly(void * data, const region_struct * R)
{
    poly_list * L = data;
    if (L->num == L->alloc)
    {
        L->alloc = 2 * L->alloc + 8;
        L->P = realloc(L->P, L->alloc * sizeof(poly_struct *));
    }
    poly_struct * Q = flint_malloc(sizeof(poly_struct));
    poly_init(Q, R->P->n);
    poly_set(Q, R->P);
    L->P[L->num++] = Q;
    return 0;
}

static void
rec_list_clear(rec_list * L)
{
    for (slong i = 0; i < L->num; i++)
        free(L->recs[i]);
    free(L->recs);
}

static slong
compare_dd(const net_t net, const poly_t domain)
{
    rc_error_t err;
    rc_error_init(err);
    rec_list A = { net, NULL, 0, 0 }, B = { net, NULL, 0, 0 };
    CHECK(regions_enumerate(net, domain, on_dd, &A) == 0, "DD failed");
    CHECK(regions_enumerate_lp(net, domain, on_dd, &B, err) == 0, "LP failed: %s", err->msg);
    CHECK(A.num == B.num, "DD %ld regions, LP %ld", (long) A.num, (long) B.num);
    for (slong i = 0; i < A.num; i++)
        CHECK(strcmp(A.recs[i], B.recs[i]) == 0, "region %ld differs:\nDD %s\nLP %s", (long) i, A.recs[i], B.recs[i]);
    poly_list PL = { NULL, 0, 0 };
    regions_enumerate(net, domain, on_dd_poly, &PL);
    regions_hdomain_t D;
    regions_hdomain_init(D, net->input_dim);
    regions_hdomain_set_poly(D, domain);
    cmp_ctx c = { net, &A, PL.P, 0, D };
    CHECK(regions_enumerate_h(net, D, on_h, &c, err) == 0, "H failed: %s", err->msg);
    CHECK(c.i == A.num, "H engine: %ld regions, DD %ld", (long) c.i, (long) A.num);
    regions_hdomain_clear(D);
    for (slong i = 0; i < PL.num; i++)
    {
        poly_clear(PL.P[i]);
        flint_free(PL.P[i]);
    }
    free(PL.P);
    slong r = A.num;
    rec_list_clear(&A);
    rec_list_clear(&B);
    return r;
}

/* ---- brute force over patterns ---- */

/* rows (c, a) of every neuron on the pattern, layer by layer (fmpq, N x (n+1)) */
static void
pattern_rows(fmpq_mat_t R, const net_t net, const unsigned char * active)
{
    slong n = net->input_dim, d = n + 1, off = 0;
    fmpq_mat_t Hprev;
    fmpq_mat_init(Hprev, n, d);    /* the identity map x -> x, homogeneous */
    for (slong i = 0; i < n; i++)
        fmpq_one(fmpq_mat_entry(Hprev, i, i + 1));
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        const net_layer_struct * L = net->layers + j;
        fmpq_mat_t Z;
        fmpq_mat_init(Z, L->W->r, d);
        fmpq_mat_mul(Z, L->W, Hprev);
        for (slong r = 0; r < L->W->r; r++)
        {
            fmpq_add(fmpq_mat_entry(Z, r, 0), fmpq_mat_entry(Z, r, 0), L->b + r);
            for (slong k = 0; k < d; k++)
                fmpq_set(fmpq_mat_entry(R, off + r, k), fmpq_mat_entry(Z, r, k));
        }
        fmpq_mat_clear(Hprev);
        fmpq_mat_init(Hprev, L->W->r, d);
        for (slong r = 0; r < L->W->r; r++)
            if (active[off + r])
                for (slong k = 0; k < d; k++)
                    fmpq_set(fmpq_mat_entry(Hprev, r, k), fmpq_mat_entry(Z, r, k));
        off += L->W->r;
        fmpq_mat_clear(Z);
    }
    fmpq_mat_clear(Hprev);
}

/* is {x in [lo,hi]^n : s_k z_k(x) > 0 for the non-zero rows} nonempty? (max t, Chebyshev-style) */
static int
pattern_feasible(const net_t net, const unsigned char * active, slong lo, slong hi)
{
    slong n = net->input_dim, d = n + 1, N = net_num_hidden(net);
    fmpq_mat_t R;
    fmpq_mat_init(R, N, d);
    pattern_rows(R, net, active);
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(2 * n + N + 1), * obj = _fmpq_vec_init(d), * x = _fmpq_vec_init(d);
    fmpq_mat_init(A, 2 * n + N + 1, d);
    slong r = 0;
    int ok = 1;
    for (slong i = 0; i < n; i++)
    {
        /* lo - x_i + t <= 0 ; x_i - hi + t <= 0 */
        fmpq_set_si(fmpq_mat_entry(A, r, i), -1, 1);
        fmpq_one(fmpq_mat_entry(A, r, n));
        fmpq_set_si(b + r++, -lo, 1);
        fmpq_one(fmpq_mat_entry(A, r, i));
        fmpq_one(fmpq_mat_entry(A, r, n));
        fmpq_set_si(b + r++, hi, 1);
    }
    for (slong k = 0; k < N && ok; k++)
    {
        int zero = 1;
        for (slong c = 0; c < d; c++)
            zero &= fmpq_is_zero(fmpq_mat_entry(R, k, c));
        if (zero)
        {
            ok = !active[k];
            continue;
        }
        /* s z(x) >= t  <=>  -s a.x + t <= s c */
        int s = active[k] ? 1 : -1;
        for (slong c = 0; c < n; c++)
        {
            fmpq_set(fmpq_mat_entry(A, r, c), fmpq_mat_entry(R, k, c + 1));
            if (s > 0)
                fmpq_neg(fmpq_mat_entry(A, r, c), fmpq_mat_entry(A, r, c));
        }
        fmpq_one(fmpq_mat_entry(A, r, n));
        fmpq_set(b + r, fmpq_mat_entry(R, k, 0));
        if (s < 0)
            fmpq_neg(b + r, b + r);
        r++;
    }
    fmpq_one(fmpq_mat_entry(A, r, n));   /* t <= 1 */
    fmpq_one(b + r++);
    for (; r < 2 * n + N + 1; r++)       /* unused rows: 0 <= 1 */
        fmpq_one(b + r);
    fmpq_one(obj + n);
    if (ok)
    {
        rc_error_t err;
        rc_error_init(err);
        fmpq_t opt;
        fmpq_init(opt);
        poly_lp_status st;
        CHECK(poly_lp_solve(x, opt, &st, A, b, 0, obj, 1, err) == RELU_OK, "brute-force LP: %s", err->msg);
        ok = (st == POLY_LP_OPTIMAL && fmpq_sgn(opt) > 0);
        fmpq_clear(opt);
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(R);
    _fmpq_vec_clear(b, 2 * n + N + 1);
    _fmpq_vec_clear(obj, d);
    _fmpq_vec_clear(x, d);
    return ok;
}

typedef struct
{
    char ** pats;
    slong num, i;
}
pat_ctx;

static int
on_h_pattern(void * data, const region_h_struct * H)
{
    pat_ctx * c = data;
    CHECK(c->i < c->num, "LP engine: more regions than the brute force (%ld)", (long) c->num);
    for (slong k = 0; k < H->N; k++)
        CHECK(c->pats[c->i][k] == (H->active[k] ? '1' : '0'), "region %ld: pattern differs from the brute force",
              (long) c->i);
    c->i++;
    return 0;
}

static slong
compare_brute(const net_t net, slong lo, slong hi)
{
    slong N = net_num_hidden(net);
    pat_ctx c = { malloc(sizeof(char *) << N), 0, 0 };
    unsigned char * act = calloc(N, 1);
    for (ulong p = 0; p < (UWORD(1) << N); p++)
    {
        for (slong k = 0; k < N; k++)
            act[k] = (p >> (N - 1 - k)) & 1;
        if (pattern_feasible(net, act, lo, hi))
        {
            c.pats[c.num] = malloc(N + 1);
            for (slong k = 0; k < N; k++)
                c.pats[c.num][k] = act[k] ? '1' : '0';
            c.num++;
        }
    }
    regions_hdomain_t D;
    fmpq_t l, h;
    fmpq_init(l);
    fmpq_init(h);
    fmpq_set_si(l, lo, 1);
    fmpq_set_si(h, hi, 1);
    regions_hdomain_init(D, net->input_dim);
    regions_hdomain_set_box(D, l, h);
    rc_error_t err;
    rc_error_init(err);
    CHECK(regions_enumerate_h(net, D, on_h_pattern, &c, err) == 0, "H engine failed: %s", err->msg);
    CHECK(c.i == c.num, "LP engine %ld regions, brute force %ld", (long) c.i, (long) c.num);
    regions_hdomain_clear(D);
    for (slong i = 0; i < c.num; i++)
        free(c.pats[i]);
    free(c.pats);
    free(act);
    fmpq_clear(l);
    fmpq_clear(h);
    return c.num;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("regions_lp....");
    fflush(stdout);
    fmpq_t lo, hi;
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_set_si(lo, -1, 1);
    fmpq_set_si(hi, 1, 1);
    slong total = 0;
    for (slong n = 2; n <= 8; n++)
        for (slong it = 0; it < test_iters(n <= 5 ? 4 : 1); it++)
        {
            net_t net;
            net_init(net);
            slong w[4] = { n, 2 + (slong) n_randint(st, 5), 1 + (slong) n_randint(st, 4), 1 };
            test_random_net(net, st, it % 2 ? 3 : 2, it % 2 ? w : (slong[]) { n, w[1] + 2, 1 }, 3);
            poly_t P;
            poly_init(P, n);
            if (it % 3 == 2 && n <= 4)
                poly_set_whole(P);
            else
                poly_set_box(P, lo, hi);
            total += compare_dd(net, P);
            poly_clear(P);
            net_clear(net);
        }
    /* issue 17b: the facet tests now come from a double simplex and exact
       segments, with the exact LP as fallback. Degenerate weights in {-1, 0, 1}
       (ties, parallel rows, neurons along box facets: the fallback paths) and
       one wide layer as in bench/highdim.sh, dimensions 2-8, against DD. */
    for (slong n = 2; n <= 8; n++)
        for (slong it = 0; it < test_iters(n <= 5 ? 3 : 1); it++)
        {
            net_t net;
            net_init(net);
            slong w1[3] = { n, 4 + (slong) n_randint(st, 5), 1 };
            test_random_net(net, st, 2, w1, it % 2 ? 1 : 2);
            poly_t P;
            poly_init(P, n);
            poly_set_box(P, lo, hi);
            total += compare_dd(net, P);
            poly_clear(P);
            net_clear(net);
        }
    /* 3-40 inputs against the brute force over patterns (N <= 9) */
    slong dims[5] = { 3, 12, 20, 30, 40 };
    for (slong t = 0; t < 5; t++)
        for (slong it = 0; it < test_iters(2); it++)
        {
            net_t net;
            net_init(net);
            slong w[4] = { dims[t], 3 + (slong) n_randint(st, 3), 2 + (slong) n_randint(st, 2), 1 };
            test_random_net(net, st, 3, w, 3);
            total += compare_brute(net, -1, 1);
            net_clear(net);
        }
    fmpq_clear(lo);
    fmpq_clear(hi);
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS (%ld regions compared)\n", (long) total);
    return 0;
}
