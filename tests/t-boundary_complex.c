/* The level set {f = T} as a complex on random networks of any depth:
   - n = 1, in [-4,4], thresholds often equal to values of f at breakpoints
     and constant pieces (so the level meets vertices and whole intervals):
     the boundary's f-vector equals the one found by evaluating f exactly at
     the sorted breakpoints (a zero at a breakpoint is a vertex, a sign change
     inside an interval a vertex, an interval where f = T a full piece, whose
     endpoints are vertices too);
   - n = 2, 3 in a box: the faces counted through sign vectors agree with the
     local count (check mode), the cells below/above/on the level add up to
     the regions of the network cut by {f = T}, and the Euler characteristic
     of the boundary's integral homology equals the f-vector's and its b_0
     the number of connected components found by union-find; every listed
     flat piece has f = T and lies on its hyperplane at its vertices and at a
     relative-interior point, where the evaluator's neuron signs are the
     piece's. */
#include "testutil.h"

static int
cmp_fmpq(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

typedef struct
{
    fmpq * pts;
    slong num, alloc;
}
breakpoints;

static int
collect(void * data, const region_struct * R)
{
    breakpoints * B = data;
    for (slong g = 0; g < R->P->ngens; g++)
        if (poly_gen_is_vertex(R->P, g))
        {
            if (B->num == B->alloc)
            {
                slong a = FLINT_MAX(16, 2 * B->alloc);
                fmpq * p = _fmpq_vec_init(a);
                for (slong i = 0; i < B->num; i++)
                    fmpq_swap(p + i, B->pts + i);
                if (B->alloc)
                    _fmpq_vec_clear(B->pts, B->alloc);
                B->pts = p;
                B->alloc = a;
            }
            poly_gen_get_fmpq(B->pts + B->num, R->P, g);
            B->num++;
        }
    return 0;
}

/* every listed piece: f = T and a . x + c = 0 at its vertices and at a
   relative-interior point (mean of the vertices plus the rays), where the
   exact evaluator's signs of the hidden neurons are the piece's */
typedef struct
{
    const net_struct * net;
    const fmpq * T;
    slong count;
}
piece_check;

static void
check_point(const piece_check * c, const boundary_piece_struct * p, const fmpq * x, int interior)
{
    slong n = c->net->input_dim, N = net_num_hidden(c->net);
    fmpq_t y, h, t;
    fmpq_init(y); fmpq_init(h); fmpq_init(t);
    signed char * sg = flint_malloc(N + 1);
    net_eval(y, sg, c->net, x);
    CHECK(fmpq_equal(y, c->T), "f != T on piece %ld", (long) p->index);
    fmpz_set(fmpq_numref(h), p->hyperplane);
    fmpz_one(fmpq_denref(h));
    for (slong j = 0; j < n; j++)
    {
        fmpq_mul_fmpz(t, x + j, p->hyperplane + 1 + j);
        fmpq_add(h, h, t);
    }
    CHECK(fmpq_is_zero(h), "piece %ld off its hyperplane", (long) p->index);
    if (interior)
        for (slong k = 0; k < N; k++)
            CHECK(p->signs[k] == (sg[k] < 0 ? '-' : sg[k] > 0 ? '+' : '0'), "piece %ld: sign of neuron %ld",
                  (long) p->index, (long) k);
    flint_free(sg);
    fmpq_clear(y); fmpq_clear(h); fmpq_clear(t);
}

static int
on_piece(void * data, const boundary_piece_struct * p)
{
    piece_check * c = data;
    const poly_struct * P = p->P;
    slong n = P->n, nv = 0;
    fmpq * x = _fmpq_vec_init(n), * m = _fmpq_vec_init(n);
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(p->face, g) && poly_gen_is_vertex(P, g))
        {
            poly_gen_get_fmpq(x, P, g);
            check_point(c, p, x, 0);
            for (slong j = 0; j < n; j++)
                fmpq_add(m + j, m + j, x + j);
            nv++;
        }
    if (nv > 0)
    {
        fmpz_t q;
        fmpz_init_set_si(q, nv);
        for (slong j = 0; j < n; j++)
            fmpq_div_fmpz(m + j, m + j, q);
        fmpz_clear(q);
        for (slong g = 0; g < P->ngens; g++)
            if (bs_test(p->face, g) && !poly_gen_is_vertex(P, g))
                for (slong j = 0; j < n; j++)
                    fmpq_add_fmpz(m + j, m + j, poly_gen(P, g) + 1 + j);
        check_point(c, p, m, 1);
    }
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(m, n);
    c->count++;
    return 0;
}

static void
random_net(net_t net, flint_rand_t st, slong n)
{
    slong L = 1 + n_randint(st, 2), widths[4];
    widths[0] = n;
    for (slong j = 1; j <= L; j++)
        widths[j] = 2 + n_randint(st, 4);
    widths[L + 1] = 1;
    test_random_net(net, st, L + 1, widths, 2);
}

int
main(void)
{
    printf("boundary_complex....");
    fflush(stdout);
    flint_rand_t st;
    flint_randinit(st);
    rc_error_t err;
    rc_error_init(err);
    fmpq_t lo, hi, T, v;
    fmpq_init(lo); fmpq_init(hi); fmpq_init(T); fmpq_init(v);

    /* n = 1: against exact evaluation at the breakpoints */
    fmpq_set_si(lo, -4, 1);
    fmpq_set_si(hi, 4, 1);
    slong iters = test_iters(400);
    for (slong it = 0; it < iters; it++)
    {
        net_t net;
        poly_t D;
        net_init(net);
        random_net(net, st, 1);
        poly_init(D, 1);
        poly_set_box(D, lo, hi);
        breakpoints B = { NULL, 0, 0 };
        CHECK(regions_enumerate(net, D, collect, &B) == 0, "enumeration");
        qsort(B.pts, B.num, sizeof(fmpq), cmp_fmpq);
        slong u = 0;
        for (slong i = 0; i < B.num; i++)
            if (u == 0 || !fmpq_equal(B.pts + i, B.pts + u - 1))
                fmpq_set(B.pts + u++, B.pts + i);
        fmpq * val = _fmpq_vec_init(u);
        for (slong i = 0; i < u; i++)
            net_eval(val + i, NULL, net, B.pts + i);
        /* thresholds: the value at a random breakpoint, or a random rational */
        for (slong s = 0; s < 3; s++)
        {
            if (s < 2)
                fmpq_set(T, val + n_randint(st, u));
            else
                fmpq_set_si(T, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
            slong f0 = 0, f1 = 0;
            for (slong i = 0; i < u; i++)
            {
                int si = fmpq_cmp(val + i, T);
                f0 += si == 0;
                if (i + 1 < u)
                {
                    int sj = fmpq_cmp(val + i + 1, T);
                    f0 += si * sj < 0;            /* a crossing inside the interval */
                    f1 += si == 0 && sj == 0;     /* f = T on the whole interval (f affine there) */
                }
            }
            boundary_t Bd;
            boundary_init(Bd, 1);
            CHECK(boundary_compute(Bd, net, 0, T, D, 1, err) == RELU_OK, "%s", err->msg);
            CHECK(Bd->fvec[0] == f0 && Bd->fvec[1] == f1, "n = 1: f-vector [%ld, %ld], evaluation gives [%ld, %ld]",
                  (long) Bd->fvec[0], (long) Bd->fvec[1], (long) f0, (long) f1);
            boundary_clear(Bd);
        }
        _fmpq_vec_clear(val, u);
        if (B.alloc)
            _fmpq_vec_clear(B.pts, B.alloc);
        poly_clear(D);
        net_clear(net);
    }

    /* n = 2, 3 in a box: sign-vector recount, cell bookkeeping, homology's Euler characteristic */
    fmpq_set_si(lo, -2, 1);
    fmpq_set_si(hi, 2, 1);
    iters = test_iters(300);
    for (slong it = 0; it < iters; it++)
    {
        slong n = 2 + (it % 3 == 2);
        net_t net;
        poly_t D;
        net_init(net);
        random_net(net, st, n);
        poly_init(D, n);
        poly_set_box(D, lo, hi);
        fmpq_set_si(T, (slong) n_randint(st, 7) - 3, 1 + n_randint(st, 2));
        if (n_randint(st, 4) == 0)
            fmpq_set(T, net->layers[net->nlayers - 1].b);   /* often a constant piece */
        boundary_t Bd;
        homology_t H;
        boundary_init(Bd, n);
        homology_init(H);
        piece_check pc = { net, T, 0 };
        CHECK(boundary_compute_pieces(Bd, net, 0, T, D, 1, on_piece, &pc, err) == RELU_OK, "%s", err->msg);
        CHECK(pc.count == Bd->pieces, "%ld pieces listed, %ld counted", (long) pc.count, (long) Bd->pieces);
        CHECK(Bd->below + Bd->above + Bd->full_pieces == Bd->cells, "cells do not add up");
        CHECK(boundary_homology(H, net, 0, T, D, err) == RELU_OK, "%s", err->msg);
        CHECK(homology_euler(H) == boundary_euler(Bd), "Euler characteristic: homology %ld, f-vector %ld",
              (long) homology_euler(H), (long) boundary_euler(Bd));
        CHECK(H->betti[0] == Bd->components, "components: b_0 = %ld, union-find %ld", (long) H->betti[0],
              (long) Bd->components);
        homology_clear(H);
        boundary_clear(Bd);
        poly_clear(D);
        net_clear(net);
    }
    fmpq_clear(lo); fmpq_clear(hi); fmpq_clear(T); fmpq_clear(v);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
