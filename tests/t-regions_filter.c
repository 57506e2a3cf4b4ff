/* The search's shortcuts change nothing (issue 19): the floating-point filter
   of poly_position and the lists of neurons near each piece (regions/iter.c)
   give the regions, order and records of exact arithmetic and of the plain
   scan that tests every neuron on every piece.

   The networks are made to defeat the filter: hyperplanes exactly through
   vertices of others (small integer weights: many concurrences), hyperplanes
   with coefficients near 2^60 passing through a vertex or within 2^-60 of it
   (the float sum cancels: the filter cannot decide and the exact path runs),
   entries beyond the range of a double (2^1100: stored as NaN) and products
   that overflow (2^600), a line within 1e-15 of a vertex, repeated and
   opposite neurons, a zero neuron; in boxes and over R^n (lineality), one or
   two hidden layers. Checked per network:
   - filter on and off: the same records (region_write_json), the same near
     lists; with the filter on, some signs were left to exact arithmetic;
   - one hidden layer: the same records as a plain recursive scan over every
     neuron with poly_side (the search before the near lists);
   - every neuron not in a region's near list has a strict sign on it (it
     vanishes at no vertex of the closed region, decided exactly; a ray with
     a.r = 0 is allowed), and the list increases. */
#include "testutil.h"

static char *
record_of(const net_t net, const region_struct * R)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    jout_t out;
    jout_init(out, fp, 0, 0);
    region_write_json(out, net, R, NULL);
    jout_clear(out);
    fclose(fp);
    return buf;
}

typedef struct
{
    slong num, alloc;
    char ** s;
}
strings;

static void
strings_push(strings * L, char * s)
{
    if (L->num == L->alloc)
    {
        L->alloc = FLINT_MAX(16, 2 * L->alloc);
        L->s = realloc(L->s, L->alloc * sizeof(char *));
    }
    L->s[L->num++] = s;
}

static void
strings_clear(strings * L)
{
    for (slong i = 0; i < L->num; i++)
        free(L->s[i]);
    free(L->s);
}

/* The near list as text, after checking it: increasing, and every other
   neuron with a nonzero sign vanishes at no generator (exactly). */
static char *
near_of(const region_struct * R, slong n)
{
    slong d = n + 1, gw = BS_WORDS(R->P->ngens);
    bword * z = flint_malloc(FLINT_MAX(gw, 1) * sizeof(bword));
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    CHECK(R->near != NULL, "the iterator gives no near list");
    for (slong i = 0, k = 0; k < R->N; k++)
    {
        if (i < R->nnear && R->near[i] == k)
        {
            CHECK(i == 0 || R->near[i - 1] < k, "near list not increasing");
            fprintf(fp, " %ld", (long) k);
            i++;
            continue;
        }
        CHECK(R->sign[k] != 0, "neuron %ld vanishes on the region but is not near it", (long) k);
        if (poly_zero_set(z, R->P, R->zrows + k * d))
            for (slong g = 0; g < R->P->ngens; g++)
                CHECK(!bs_test(z, g) || !poly_gen_is_vertex(R->P, g),
                      "neuron %ld vanishes at a vertex of region %ld but is not near it", (long) k, (long) R->index);
    }
    fclose(fp);
    flint_free(z);
    return buf;
}

/* Every region of the iterator with the filter on or off: records, near lists. */
static slong
run_iter(strings * rec, strings * nears, const net_t net, const poly_t dom, int filter)
{
    regions_iter_t it;
    const region_struct * R;
    regions_iter_init(it, net, dom);
    regions_iter_set_filter(it, filter);
    while ((R = regions_iter_next(it)) != NULL)
    {
        strings_push(rec, record_of(net, R));
        strings_push(nears, near_of(R, net->input_dim));
    }
    slong exact = it->exact;
    if (!filter)
        CHECK(exact >= it->tests, "filter off: %ld exact dot products for %ld tests", (long) exact, (long) it->tests);
    regions_iter_clear(it);
    return exact;
}

/* ---- the plain scan (one hidden layer: the rows are fixed) ---------------- */
typedef struct
{
    const net_struct * net;
    const fmpz * z;
    slong N;
    unsigned char * active;
    signed char * sign;
    strings * rec;
}
scan_ctx;

static void
scan(scan_ctx * c, const poly_t P, slong k)
{
    slong d = c->net->input_dim + 1;
    for (; k < c->N; k++)
    {
        int side = poly_side(P, c->z + k * d);
        if (side != POLY_CUT)
        {
            c->sign[k] = side;
            c->active[k] = side > 0;
            continue;
        }
        poly_t A, B;
        poly_init(A, P->n);
        poly_init(B, P->n);
        poly_split(A, B, P, c->z + k * d, k);
        c->sign[k] = -1;
        c->active[k] = 0;
        scan(c, A, k + 1);
        c->sign[k] = 1;
        c->active[k] = 1;
        scan(c, B, k + 1);
        poly_clear(A);
        poly_clear(B);
        return;
    }
    region_struct R = { P, c->rec->num, -1, c->N, c->active, c->sign, c->z, NULL, 0 };
    strings_push(c->rec, record_of(c->net, &R));
}

static void
run_scan(strings * rec, const net_t net, const poly_t dom)
{
    slong N = net_num_hidden(net), d = net->input_dim + 1;
    fmpz * z = _fmpz_vec_init(FLINT_MAX(N, 1) * d);
    fmpq_mat_t Z;
    fmpq_mat_init(Z, N, d);
    net_layer_rows(Z, net, 0, NULL);
    for (slong k = 0; k < N; k++)
        poly_vec_from_fmpq(z + k * d, Z->rows[k], d);
    scan_ctx c = { net, z, N, flint_calloc(FLINT_MAX(N, 1), 1), flint_calloc(FLINT_MAX(N, 1), 1), rec };
    scan(&c, dom, 0);
    flint_free(c.active);
    flint_free(c.sign);
    fmpq_mat_clear(Z);
    _fmpz_vec_clear(z, FLINT_MAX(N, 1) * d);
}

/* ---- networks that defeat the filter ------------------------------------- */
static void
random_big(fmpz_t r, flint_rand_t st, slong bits)
{
    fmpz_randbits(r, st, bits);
    if (fmpz_is_zero(r))
        fmpz_one(r);
}

static void
set_int(fmpq_t q, const fmpz_t a)
{
    fmpz_set(fmpq_numref(q), a);
    fmpz_one(fmpq_denref(q));
}

/* Row i of the first layer: kind 0 small integers; 1 an axis line x_a = p/q
   (a vertex p of the box's grid); 2 a hyperplane with coefficients near 2^60
   through the point (p/q, ..., p/q) or within about 2^-60 of it; 3 entries of
   2^1100 or 2^600 (no double, or an overflow); 4 x_0 + x_1 = 1e-15 (next to the
   vertex 0); 5 a copy (or the opposite) of row 0; 6 the zero row. */
static void
set_row(net_layer_struct * L, slong i, int kind, flint_rand_t st, slong p, slong q)
{
    slong n = L->W->c;
    fmpz_t A, s;
    fmpz_init(A);
    fmpz_init(s);
    fmpq_t t, u;
    fmpq_init(t);
    fmpq_init(u);
    for (slong k = 0; k < n; k++)
        fmpq_zero(fmpq_mat_entry(L->W, i, k));
    fmpq_zero(L->b + i);
    if (kind == 0 || (kind == 5 && i == 0))
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_si(fmpq_mat_entry(L->W, i, k), (slong) n_randint(st, 5) - 2, 1);
        fmpq_set_si(L->b + i, (slong) n_randint(st, 5) - 2, 1 + n_randint(st, 2));
    }
    else if (kind == 1)
    {
        fmpq_one(fmpq_mat_entry(L->W, i, n_randint(st, n)));
        fmpq_set_si(L->b + i, -p, q);
    }
    else if (kind == 2)
    {
        /* b = -(sum A_k) p/q + delta: through (p/q, ...) when delta = 0 */
        for (slong k = 0; k < n; k++)
        {
            random_big(A, st, 60);
            if (n_randint(st, 2))
                fmpz_neg(A, A);
            set_int(fmpq_mat_entry(L->W, i, k), A);
            fmpq_add(t, t, fmpq_mat_entry(L->W, i, k));
        }
        fmpq_set_si(u, -p, q);
        fmpq_mul(L->b + i, t, u);
        slong delta = (slong) n_randint(st, 3) - 1;
        fmpq_set_si(u, delta, q);
        fmpq_add(L->b + i, L->b + i, u);
    }
    else if (kind == 3)
    {
        slong bits = n_randint(st, 2) ? 1100 : 600;
        for (slong k = 0; k < n; k++)
        {
            fmpz_one(A);
            fmpz_mul_2exp(A, A, bits);
            fmpz_add_si(A, A, (slong) n_randint(st, 7) - 3);
            set_int(fmpq_mat_entry(L->W, i, k), A);
        }
        fmpz_one(A);
        fmpz_mul_2exp(A, A, bits - 1);
        fmpz_mul_si(A, A, (slong) n_randint(st, 3) - 1);
        set_int(L->b + i, A);
    }
    else if (kind == 4)
    {
        fmpq_one(fmpq_mat_entry(L->W, i, 0));
        fmpq_one(fmpq_mat_entry(L->W, i, n - 1));
        fmpz_set_ui(A, 10);
        fmpz_pow_ui(A, A, 15);
        fmpz_set_si(s, -1);
        fmpq_set_fmpz_frac(L->b + i, s, A);
    }
    else if (kind == 5)
    {
        int sg = n_randint(st, 2) ? 1 : -1;
        for (slong k = 0; k < n; k++)
            fmpq_mul_si(fmpq_mat_entry(L->W, i, k), fmpq_mat_entry(L->W, 0, k), sg);
        fmpq_mul_si(L->b + i, L->b + 0, sg);
    }
    fmpz_clear(A);
    fmpz_clear(s);
    fmpq_clear(t);
    fmpq_clear(u);
}

static void
make_net(net_t net, flint_rand_t st, slong n, slong w, int two_layers)
{
    slong widths[4] = { n, w, two_layers ? 3 : 1, 1 };
    slong nl = two_layers ? 3 : 2;
    test_random_net(net, st, nl, widths, 2);
    slong q = 1 + n_randint(st, 3), p = (slong) n_randint(st, 2 * q + 1) - q;
    for (slong i = 0; i < w; i++)
    {
        static const int kinds[] = { 0, 0, 1, 1, 2, 2, 2, 3, 4, 5, 6 };
        set_row(net->layers + 0, i, i == 0 ? 0 : kinds[n_randint(st, 11)], st, p, q);
    }
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    slong iters = test_iters(100), total = 0, exact = 0;
    for (slong t = 0; t < iters; t++)
    {
        slong n = 2 + n_randint(st, 2);
        slong w = (n == 2) ? 6 + n_randint(st, 10) : 4 + n_randint(st, 6);
        int two = (t % 3 == 2), whole = (t % 2 == 1);
        net_t net;
        net_init(net);
        make_net(net, st, n, w, two);
        poly_t dom;
        poly_init(dom, n);
        if (!whole)
        {
            fmpq_t lo, hi;
            fmpq_init(lo);
            fmpq_init(hi);
            fmpq_set_si(lo, -1, 1);
            fmpq_set_si(hi, 1, 1);
            poly_set_box(dom, lo, hi);
            fmpq_clear(lo);
            fmpq_clear(hi);
        }
        strings on = { 0 }, off = { 0 }, non = { 0 }, noff = { 0 }, ref = { 0 };
        exact += run_iter(&on, &non, net, dom, 1);
        run_iter(&off, &noff, net, dom, 0);
        CHECK(on.num == off.num, "filter on: %ld regions, off: %ld", (long) on.num, (long) off.num);
        for (slong i = 0; i < on.num; i++)
        {
            CHECK(!strcmp(on.s[i], off.s[i]), "region %ld differs with the filter:\n%s\n%s", (long) i,
                  on.s[i], off.s[i]);
            CHECK(!strcmp(non.s[i], noff.s[i]), "near list of region %ld differs:%s\n%s", (long) i,
                  non.s[i], noff.s[i]);
        }
        if (!two)
        {
            run_scan(&ref, net, dom);
            CHECK(ref.num == on.num, "plain scan: %ld regions, iterator %ld", (long) ref.num, (long) on.num);
            for (slong i = 0; i < on.num; i++)
                CHECK(!strcmp(on.s[i], ref.s[i]), "region %ld differs from the plain scan:\n%s\n%s", (long) i,
                      on.s[i], ref.s[i]);
        }
        total += on.num;
        strings_clear(&on);
        strings_clear(&off);
        strings_clear(&non);
        strings_clear(&noff);
        strings_clear(&ref);
        poly_clear(dom);
        net_clear(net);
    }
    CHECK(exact > 0, "the filter never left a sign to exact arithmetic: the test misses its uncertain path");
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS (%ld networks, %ld regions; %ld signs re-decided exactly)\n", (long) iters, (long) total,
           (long) exact);
    return 0;
}
