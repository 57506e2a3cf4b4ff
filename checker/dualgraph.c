/* Dual graph certificates (proofs/CHECKER.md, "Dual graph certificates"):
   the graph is derived from the certificate's "complex" (a regions
   certificate, checked as such); lambda_2 of its Laplacian L is bounded by
   the Rayleigh quotient of an integer vector orthogonal to 1 (above), by
   inertia bounds (below: an exact check of the given factors) and by
   Temple's inequality; the signs by the Davis-Kahan bound. GMP only. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

typedef struct
{
    long n;
    long * rp, * col, * val;   /* L by rows, diagonal included */
}
lap;

static void
get_z(mpz_t z, yajl_val v, const char * what)
{
    mpq_t q;
    mpq_init(q);
    if (json_get_q(q, v) != 0 || mpz_cmp_ui(mpq_denref(q), 1) != 0)
        fail("%s: expected an integer", what);
    mpz_set(z, mpq_numref(q));
    mpq_clear(q);
}

static long
get_long(yajl_val v, long lo, long hi, const char * what)
{
    mpz_t z;
    mpz_init(z);
    get_z(z, v, what);
    if (mpz_cmp_si(z, lo) < 0 || mpz_cmp_si(z, hi) > 0)
        fail("%s: %s is not in [%ld, %ld]", what, mpz_get_str(NULL, 10, z), lo, hi);
    long r = mpz_get_si(z);
    mpz_clear(z);
    return r;
}

static int
cmp_pair(const void * a, const void * b)
{
    const long * x = a, * y = b;
    return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* L = D - A of the regions' dual graph (pairs of regions across a checked
   facet); *edges gets the number of edges */
static void
build_laplacian(lap * L, long * edges, const regions_result * res)
{
    long nr = res->nr, np = 0, cap = 1;
    for (long i = 0; i < nr; i++)
        cap += res->R[i].f;
    long * pr = xmalloc(4 * cap * sizeof(long));
    for (long i = 0; i < nr; i++)
        for (long f = 0; f < res->R[i].f; f++)
            if (res->R[i].src[f] >= 0 && res->R[i].nb[f] >= 0 && res->R[i].nb[f] != i)
            {
                pr[2 * np] = i, pr[2 * np + 1] = res->R[i].nb[f], np++;
            }
    qsort(pr, np, 2 * sizeof(long), cmp_pair);
    long u = 0;
    for (long e = 0; e < np; e++)
        if (e == 0 || cmp_pair(pr + 2 * e, pr + 2 * e - 2) != 0)
            pr[2 * u] = pr[2 * e], pr[2 * u + 1] = pr[2 * e + 1], u++;
    *edges = u / 2;   /* each pair was seen from both sides */
    L->n = nr;
    L->rp = xmalloc((nr + 1) * sizeof(long));
    L->col = xmalloc((u + nr + 1) * sizeof(long));
    L->val = xmalloc((u + nr + 1) * sizeof(long));
    long p = 0, e = 0;
    for (long i = 0; i < nr; i++)
    {
        L->rp[i] = p;
        long dpos = p++, deg = 0;
        L->col[dpos] = i;
        for (; e < u && pr[2 * e] == i; e++, deg++)
            L->col[p] = pr[2 * e + 1], L->val[p++] = -1;
        L->val[dpos] = deg;
    }
    L->rp[nr] = p;
    xfree(pr);
}

/* One inertia entry: D~, L~ (the order perm, entries / 2^s) with
   R = P (L - sigma I) P' - L~ D~ L~' weakly diagonally dominant, R_ii >= 0.
   Returns the number of negative entries of D~ (then lambda_(k+1) >= sigma). */
static long
check_inertia(const lap * L, const long * perm, const long * iperm, long s, yajl_val I, mpq_t sigma, long idx)
{
    long n = L->n;
    char what[96];
    snprintf(what, sizeof(what), "inertia[%ld]", idx);
    get_q(sigma, json_member(I, "sigma"), what);
    yajl_val Dv = json_member(I, "D"), Lv = json_member(I, "L");
    if ((long) json_array_len(Dv) != n || (long) json_array_len(Lv) != n)
        fail("%s: D and L need one entry per node (%ld)", what, n);
    mpz_t * d = xmalloc(n * sizeof(mpz_t)), * acc = xmalloc(n * sizeof(mpz_t));
    long * cp = xmalloc((n + 1) * sizeof(long)), nnz = 0, neg = 0;
    for (long k = 0; k < n; k++)
    {
        mpz_init(d[k]);
        mpz_init(acc[k]);
        get_z(d[k], json_array_item(Dv, k), what);
        neg += mpz_sgn(d[k]) < 0;
        yajl_val c = json_array_item(Lv, k);
        if (c == NULL || !YAJL_IS_ARRAY(c) || json_array_len(c) % 2)
            fail("%s: L column %ld must be an array of (row, value) pairs", what, k);
        cp[k] = nnz;
        nnz += json_array_len(c) / 2;
    }
    cp[n] = nnz;
    long * row = xmalloc((nnz + 1) * sizeof(long));
    mpz_t * lx = xmalloc((nnz + 1) * sizeof(mpz_t));
    for (long k = 0; k < n; k++)
    {
        yajl_val c = json_array_item(Lv, k);
        for (long p = cp[k]; p < cp[k + 1]; p++)
        {
            row[p] = get_long(json_array_item(c, 2 * (p - cp[k])), k + 1, n - 1, what);
            if (p > cp[k] && row[p] <= row[p - 1])
                fail("%s: L column %ld: rows must increase", what, k);
            mpz_init(lx[p]);
            get_z(lx[p], json_array_item(c, 2 * (p - cp[k]) + 1), what);
        }
    }
    /* rows of L~ (strictly lower part) */
    long * rp = xmalloc((n + 2) * sizeof(long)), * rk, * rpos = xmalloc((n + 1) * sizeof(long));
    long * cnt = xmalloc((n + 1) * sizeof(long));
    memset(cnt, 0, (n + 1) * sizeof(long));
    for (long p = 0; p < nnz; p++)
        cnt[row[p]]++;
    rp[0] = 0;
    for (long i = 0; i < n; i++)
        rp[i + 1] = rp[i] + cnt[i], rpos[i] = rp[i];
    rk = xmalloc((nnz + 1) * sizeof(long));
    long * rq = xmalloc((nnz + 1) * sizeof(long));
    for (long k = 0; k < n; k++)
        for (long p = cp[k]; p < cp[k + 1]; p++)
            rk[rpos[row[p]]] = k, rq[rpos[row[p]]++] = p;
    long * tl = xmalloc((n + 1) * sizeof(long)), nt;
    char * mark = xmalloc(n + 1);
    memset(mark, 0, n + 1);
    mpz_t t, one, off, u;
    mpz_init(t); mpz_init(off); mpz_init(u);
    mpz_init_set_ui(one, 1);
    mpz_mul_2exp(one, one, s);          /* the unit diagonal of L~, times 2^s */
    for (long i = 0; i < n; i++)
    {
        nt = 0;
        /* row i of 2^(3s) L~ D~ L~' = sum_k l_ik d_k (column k of L~) */
        for (long a = rp[i]; a <= rp[i + 1]; a++)
        {
            long k = a < rp[i + 1] ? rk[a] : i;
            mpz_mul(t, d[k], a < rp[i + 1] ? lx[rq[a]] : one);
            for (long b = cp[k] - 1; b < cp[k + 1]; b++)
            {
                long j = b < cp[k] ? k : row[b];
                if (!mark[j])
                    mark[j] = 1, tl[nt++] = j, mpz_set_ui(acc[j], 0);
                mpz_addmul(acc[j], t, b < cp[k] ? one : lx[b]);
            }
        }
        /* q 2^(3s) R_ij = 2^(3s) (q L_ij - p [i = j]) - q acc_j */
        for (long a = 0; a < nt; a++)
            mpz_mul(acc[tl[a]], acc[tl[a]], mpq_denref(sigma)), mpz_neg(acc[tl[a]], acc[tl[a]]);
        long r = perm[i];
        for (long p = L->rp[r]; p <= L->rp[r + 1]; p++)
        {
            long j = p < L->rp[r + 1] ? iperm[L->col[p]] : i;
            if (!mark[j])
                mark[j] = 1, tl[nt++] = j, mpz_set_ui(acc[j], 0);
            if (p < L->rp[r + 1])
                mpz_mul_si(u, mpq_denref(sigma), L->val[p]);
            else
                mpz_neg(u, mpq_numref(sigma));
            mpz_mul_2exp(u, u, 3 * s);
            mpz_add(acc[j], acc[j], u);
        }
        mpz_set_ui(off, 0);
        for (long a = 0; a < nt; a++)
        {
            mark[tl[a]] = 0;
            if (tl[a] != i)
            {
                mpz_abs(u, acc[tl[a]]);
                mpz_add(off, off, u);
            }
        }
        if (mpz_cmp(acc[i], off) < 0)
            fail("%s: the residual P (L - sigma I) P' - L D L' is not diagonally dominant in row %ld (position "
                 "%ld of the order)", what, perm[i], i);
    }
    if (json_get_index(json_member(I, "negative")) != neg)
        fail("%s: \"negative\" must be the number of negative entries of D (%ld)", what, neg);
    for (long k = 0; k < n; k++)
        mpz_clear(d[k]), mpz_clear(acc[k]);
    for (long p = 0; p < nnz; p++)
        mpz_clear(lx[p]);
    mpz_clear(t); mpz_clear(off); mpz_clear(u); mpz_clear(one);
    xfree(d); xfree(acc); xfree(cp); xfree(row); xfree(lx); xfree(rp); xfree(rk); xfree(rq); xfree(rpos);
    xfree(cnt); xfree(tl); xfree(mark);
    return neg;
}

/* x with 20 digits after the point, rounded down (dir < 0) or up: the
   form relucert prints (e.g. "0.46583243506570566388") */
static char *
decimal20(const mpq_t x, int dir)
{
    mpz_t z, p;
    mpz_init(z);
    mpz_init_set_ui(p, 10);
    mpz_pow_ui(p, p, 20);
    mpz_mul(z, mpq_numref(x), p);
    if (dir < 0)
        mpz_fdiv_q(z, z, mpq_denref(x));
    else
        mpz_cdiv_q(z, z, mpq_denref(x));
    int neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char * d = mpz_get_str(NULL, 10, z);
    size_t len = strlen(d), w = len > 21 ? len : 21;
    char * out = xmalloc(w + 3), * q = out;
    if (neg)
        *q++ = '-';
    for (size_t i = 0; i < w; i++)
    {
        if (i == w - 20)
            *q++ = '.';
        *q++ = i < w - len ? '0' : d[i - (w - len)];
    }
    *q = 0;
    return out;
}

/* a = v'v, b = v'Lv, c = |Lv|^2 */
static void
quadratic_forms(mpz_t a, mpz_t b, mpz_t c, const lap * L, mpz_t * const v)
{
    mpz_t w;
    mpz_init(w);
    mpz_set_ui(a, 0), mpz_set_ui(b, 0), mpz_set_ui(c, 0);
    for (long i = 0; i < L->n; i++)
    {
        mpz_set_ui(w, 0);
        for (long p = L->rp[i]; p < L->rp[i + 1]; p++)
        {
            if (L->val[p] >= 0)
                mpz_addmul_ui(w, v[L->col[p]], (unsigned long) L->val[p]);
            else
                mpz_submul_ui(w, v[L->col[p]], (unsigned long) -L->val[p]);
        }
        mpz_addmul(a, v[i], v[i]);
        mpz_addmul(b, v[i], w);
        mpz_addmul(c, w, w);
    }
    mpz_clear(w);
}

/* the certificate's regions: a regions certificate of this network, checked */
static void
check_complex(regions_result * res, mpq_t ** DA, mpq_t ** Db, long * m, yajl_val cx, const network * net,
              const char * box, int whole)
{
    yajl_val kind = json_member(cx, "certificate"), cn = json_member(cx, "network");
    if (cx == NULL || !YAJL_IS_STRING(kind) || strcmp(kind->u.string, "regions") != 0 || cn == NULL)
        fail("complex: must be a regions certificate (with \"certificate\": \"regions\" and its network)");
    network cnet;
    read_network(&cnet, cn, "complex network");
    if (!networks_equal(net, &cnet))
        fail("complex: its network differs from the dual graph certificate's");
    if (json_get_index(json_member(cx, "input_dim")) != net->n
        || json_get_index(json_member(cx, "hidden_neurons")) != net->hidden)
        fail("complex: input_dim or hidden_neurons do not match the network");
    read_domain(DA, Db, m, cx, net->n, "complex");
    require_domain(*DA, *Db, *m, net->n, box, whole);
    check_regions(res, cx, "complex", net, *DA, *Db, *m);
}

void
check_dualgraph(yajl_val cert, const char * cpath, const char * npath, const network * net, const char * box,
                int whole, int quiet)
{
    regions_result res;
    long m;
    mpq_t * DA, * Db;
    check_complex(&res, &DA, &Db, &m, json_member(cert, "complex"), net, box, whole);
    lap L;
    long edges, n = res.nr;
    build_laplacian(&L, &edges, &res);
    yajl_val lp = json_member(cert, "laplacian");
    if (!YAJL_IS_STRING(lp) || strcmp(lp->u.string, "unweighted") != 0)
        fail("%s: laplacian must be \"unweighted\"", cpath);
    if (json_get_index(json_member(cert, "nodes")) != n || json_get_index(json_member(cert, "edges")) != edges)
        fail("%s: nodes and edges must be those of the complex's dual graph (%ld, %ld)", cpath, n, edges);
    if (n < 3)
        fail("%s: a dual graph certificate needs at least 3 regions", cpath);

    /* the vector: integers, sum 0, not 0 */
    yajl_val vv = json_member(cert, "vector"), ov = json_member(cert, "order");
    if ((long) json_array_len(vv) != n || (long) json_array_len(ov) != n)
        fail("%s: vector and order need one entry per node (%ld)", cpath, n);
    mpz_t * v = xmalloc(n * sizeof(mpz_t)), a, b, c, e, g, t, x;
    mpz_init(a); mpz_init(b); mpz_init(c); mpz_init(e); mpz_init(g); mpz_init(t); mpz_init(x);
    for (long i = 0; i < n; i++)
    {
        mpz_init(v[i]);
        get_z(v[i], json_array_item(vv, i), "vector");
        mpz_add(t, t, v[i]);
    }
    if (mpz_sgn(t) != 0)
        fail("%s: the vector's entries must sum to 0 (orthogonal to the kernel vector 1)", cpath);
    quadratic_forms(a, b, c, &L, v);
    if (mpz_sgn(a) == 0)
        fail("%s: the vector is 0", cpath);

    /* the order and the inertia entries */
    long * perm = xmalloc(n * sizeof(long)), * iperm = xmalloc(n * sizeof(long));
    for (long i = 0; i < n; i++)
        iperm[i] = -1;
    for (long k = 0; k < n; k++)
    {
        perm[k] = get_long(json_array_item(ov, k), 0, n - 1, "order");
        if (iperm[perm[k]] >= 0)
            fail("%s: order: node %ld appears twice", cpath, perm[k]);
        iperm[perm[k]] = k;
    }
    long s = get_long(json_member(cert, "scale"), 0, 256, "scale");
    yajl_val in = json_member(cert, "inertia");
    if (in == NULL || !YAJL_IS_ARRAY(in))
        fail("%s: no inertia", cpath);
    mpq_t sig, lb2, lb3, rho, tb;
    mpq_init(sig); mpq_init(lb2); mpq_init(lb3); mpq_init(rho); mpq_init(tb);
    int have2 = 0, have3 = 0;
    for (size_t r = 0; r < json_array_len(in); r++)
    {
        long k = check_inertia(&L, perm, iperm, s, json_array_item(in, r), sig, (long) r);
        /* k negatives: lambda_(k+1) >= sigma (lambda_2 >= sigma for k <= 1, lambda_3 >= sigma for k <= 2) */
        if (k <= 1 && (!have2 || mpq_cmp(sig, lb2) > 0))
            mpq_set(lb2, sig), have2 = 1;
        if (k <= 2 && (!have3 || mpq_cmp(sig, lb3) > 0))
            mpq_set(lb3, sig), have3 = 1;
    }
    if (!have2)
        fail("%s: no inertia entry bounds lambda_2 from below (one with at most 1 negative pivot)", cpath);

    /* bounds: lambda_2 <= rho = b / a; Temple; simplicity */
    mpq_set_num(rho, b);
    mpq_set_den(rho, a);
    mpq_canonicalize(rho);
    mpz_mul(e, a, c);
    mpz_submul(e, b, b);                  /* a^2 |Lv - rho v|^2 / |v|^2 */
    mpq_t lo;
    mpq_init(lo);
    mpq_set(lo, lb2);
    int simple = have3 && mpq_sgn(lb2) > 0 && mpq_cmp(rho, lb3) < 0;
    if (simple)
    {
        mpq_sub(tb, lb3, rho);
        mpz_mul(t, a, a);
        mpq_set_z(sig, t);
        mpq_mul(tb, tb, sig);
        mpq_set_z(sig, e);
        mpq_div(tb, sig, tb);
        mpq_sub(tb, rho, tb);
        if (mpq_cmp(tb, lo) > 0)
            mpq_set(lo, tb);
    }
    /* the claim: the proved bounds with 20 digits, rounded outwards */
    yajl_val fv = json_member(cert, "fiedler_value");
    char * slo = decimal20(lo, -1), * shi = decimal20(rho, 1);
    if (json_array_len(fv) != 2 || !YAJL_IS_STRING(json_array_item(fv, 0)) || !YAJL_IS_STRING(json_array_item(fv, 1))
        || strcmp(json_array_item(fv, 0)->u.string, slo) || strcmp(json_array_item(fv, 1)->u.string, shi))
        fail("%s: fiedler_value must be [\"%s\", \"%s\"] (the proved bounds, 20 digits, rounded outwards)", cpath,
             slo, shi);
    yajl_val fs = json_member(cert, "fiedler_simple");
    if (fs == NULL || !(YAJL_IS_TRUE(fs) || YAJL_IS_FALSE(fs)) || YAJL_IS_TRUE(fs) != simple)
        fail("%s: fiedler_simple must be %s (what the inertia entries prove)", cpath, simple ? "true" : "false");

    /* signs: v_i^2 (p a - q b)^2 > 2 q^2 a e with lb3 = p / q */
    yajl_val pv = json_member(cert, "partition");
    if ((long) json_array_len(pv) != n)
        fail("%s: partition needs one entry per node", cpath);
    mpz_mul(g, mpq_numref(lb3), a);
    mpz_submul(g, mpq_denref(lb3), b);
    mpz_mul(g, g, g);
    mpz_mul(t, mpq_denref(lb3), mpq_denref(lb3));
    mpz_mul(t, t, a);
    mpz_mul(t, t, e);
    mpz_mul_2exp(t, t, 1);
    int first = 1, flip = 0;
    long certain = 0;
    for (long i = 0; i < n; i++)
    {
        char want = '?';
        mpz_mul(x, v[i], v[i]);
        mpz_mul(x, x, g);
        if (simple && mpz_cmp(x, t) > 0)
        {
            int sg = mpz_sgn(v[i]);
            if (first)
                flip = sg < 0, first = 0;
            want = (sg > 0) != flip ? '+' : '-';
            certain++;
        }
        yajl_val p = json_array_item(pv, i);
        if (!YAJL_IS_STRING(p) || p->u.string[0] != want || p->u.string[1] != 0)
            fail("%s: partition[%ld] must be \"%c\" (what the bounds prove)", cpath, i, want);
    }
    if (!quiet)
    {
        printf("relucert-check: dual graph certificate %s verified\n", cpath);
        printf("network %s: equal, exactly, to the certificate's network\n", npath);
        printf("domain: ");
        print_domain(stdout, DA, Db, m, net->n);
        printf("; convex, hence connected\n");
        printf("proved:\n");
        printf("  - the complex's %ld regions are all the regions (its regions certificate is verified);\n"
               "    dual graph: %ld nodes, %ld edges (regions sharing a checked facet)\n", n, n, edges);
        printf("  - lambda_2 of its Laplacian L = D - A in [%s, %s]\n", json_array_item(fv, 0)->u.string,
               json_array_item(fv, 1)->u.string);
        if (simple)
            printf("  - lambda_1 = 0 < lambda_2 < lambda_3: lambda_2 is simple; the signs of its eigenvector\n"
                   "    (up to a global sign, the first certain entry +) are as stated at %ld nodes, the\n"
                   "    other %ld are \"?\"\n", certain, n - certain);
        else
            printf("not proved: that lambda_2 is simple (no partition is claimed)\n");
    }
    for (long i = 0; i < n; i++)
        mpz_clear(v[i]);
    mpz_clear(a); mpz_clear(b); mpz_clear(c); mpz_clear(e); mpz_clear(g); mpz_clear(t); mpz_clear(x);
    mpq_clear(sig); mpq_clear(lb2); mpq_clear(lb3); mpq_clear(rho); mpq_clear(tb); mpq_clear(lo);
    xfree(slo);
    xfree(shi);
    xfree(v); xfree(perm); xfree(iperm);
}
