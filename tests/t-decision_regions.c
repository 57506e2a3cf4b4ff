/* Decision regions against independent truths:
   - closed answers: f = (x, y, -x-y) gives three convex cones over R^2 (the
     boundary is one vertex and three rays; each closure compactifies to a
     disk) and three convex pieces of the square; f_0 - f_1 = |x| + |y| - 1/2
     gives the square minus an open diamond (an annulus: b = 1, 1) and the
     closed diamond, the boundary a 4-gon; f_0 = f_1 identically gives class 0
     everywhere (the tie rule) and class 1 nothing;
   - random 2D classifiers (fixed seed, 2 to 4 outputs): at exact rational
     sample points (a grid through vertices and hyperplanes, and generic
     points) the exact argmax (net_eval, ties to the lowest index) is the
     class of every piece whose interior holds the point, some piece holds
     every point, and a piece of the winner holds it whenever the winner's
     closure is the union of its pieces; the pieces' areas (shoelace over
     their exact vertices) add up to the box's area exactly; every facet's
     midpoint lies in the piece listed across it (or on the box's boundary);
   - 2 outputs: the closure of class 0 is {f_0 - f_1 >= 0} and (for generic
     output biases) the closure of class 1 is {f_0 - f_1 <= 0}: Betti numbers
     and torsion equal to homology_set_compute's on the difference, and the
     boundary f-vector equal to the level set's cells;
   - 1D classifiers with one hidden layer, degenerate ones included (small
     integer weights: ties, dead neurons, equal outputs): brute force from the
     exact breakpoints (neurons' kinks, crossings of output differences)
     gives per class the pieces, the components of the closure (b_0) and the
     boundary points. */
#include "testutil.h"

static void
net_from(net_t net, const char * json)
{
    rc_error_t err;
    jnode * root;
    rc_error_init(err);
    CHECK(jnode_parse(&root, json, strlen(json), err) == RELU_OK, "%s", err->msg);
    CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s", err->msg);
    jnode_free(root);
}

static void
box_init(poly_t P, slong n, slong lo, slong hi)
{
    fmpq_t a, b;
    fmpq_init(a); fmpq_init(b);
    fmpq_set_si(a, lo, 1); fmpq_set_si(b, hi, 1);
    poly_init(P, n);
    poly_set_box(P, a, b);
    fmpq_clear(a); fmpq_clear(b);
}

static void
analyze(decision_t D, const net_t net, const poly_t dom)
{
    rc_error_t err;
    rc_error_init(err);
    decision_init(D);
    CHECK(decision_analyze(D, net, dom, "test", 1, err) == RELU_OK, "%s", err->msg);
}

/* the tie-broken argmax of the exact outputs at x */
static slong
argmax_at(const net_t net, const fmpq * x)
{
    slong m = net_num_outputs(net), w = 0;
    fmpq * y = _fmpq_vec_init(m);
    net_eval(y, NULL, net, x);
    for (slong i = 1; i < m; i++)
        if (fmpq_cmp(y + i, y + w) > 0)
            w = i;
    _fmpq_vec_clear(y, m);
    return w;
}

/* -1 outside P, 0 on its boundary, 1 inside */
static int
where(const poly_t P, const fmpq * x)
{
    slong n = P->n;
    int inside = 1;
    fmpq_t v, t;
    fmpq_init(v); fmpq_init(t);
    for (slong j = 1; j < P->ncons; j++)
    {
        fmpq_set_fmpz(v, poly_con(P, j));
        for (slong k = 0; k < n; k++)
        {
            fmpq_set_fmpz(t, poly_con(P, j) + 1 + k);
            fmpq_addmul(v, t, x + k);
        }
        if (fmpq_sgn(v) < 0)
            inside = -1;
        else if (fmpq_is_zero(v) && inside > 0)
            inside = 0;
    }
    fmpq_clear(v); fmpq_clear(t);
    return inside;
}

static void
check_point(const decision_t D, const net_t net, const fmpq * x, const char * what)
{
    slong c = argmax_at(net, x);
    int covered = 0, in_winner = 0;
    for (slong p = 0; p < D->num; p++)
    {
        int w = where(D->pieces[p].P, x);
        covered |= w >= 0;
        in_winner |= w >= 0 && D->pieces[p].cls == c;
        CHECK(w < 1 || D->pieces[p].cls == c, "%s: a point inside piece %ld (class %ld) has argmax %ld", what,
              (long) p, (long) D->pieces[p].cls, (long) c);
    }
    CHECK(covered, "%s: a point of the domain in no piece", what);
    CHECK(in_winner || D->classes[c].lower > 0, "%s: a point of class %ld in none of its pieces", what, (long) c);
}

static void
qdiv_si(fmpq_t q, slong d)
{
    fmpz_t z;
    fmpz_init_set_si(z, d);
    fmpq_div_fmpz(q, q, z);
    fmpz_clear(z);
}

/* sign of the cross product (a - o) x (b - o) */
static int
cross_sign(const fmpq * o, const fmpq * a, const fmpq * b)
{
    fmpq_t u, v, w;
    fmpq_init(u); fmpq_init(v); fmpq_init(w);
    fmpq_sub(u, a, o); fmpq_sub(v, b + 1, o + 1); fmpq_mul(w, u, v);
    fmpq_sub(u, a + 1, o + 1); fmpq_sub(v, b, o); fmpq_submul(w, u, v);
    int s = fmpq_sgn(w);
    fmpq_clear(u); fmpq_clear(v); fmpq_clear(w);
    return s;
}

/* the area of a bounded convex polygon from its vertices: sorted around an
   interior point by exact comparisons (half plane, then cross product),
   then the shoelace formula */
static void
polygon_area(fmpq_t area, const poly_t P)
{
    slong nv = 0;
    fmpq * v = _fmpq_vec_init(2 * P->ngens), * o = _fmpq_vec_init(2), * tmp = _fmpq_vec_init(2);
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
            poly_gen_get_fmpq(v + 2 * nv++, P, g);
    for (slong i = 0; i < nv; i++)
        for (slong k = 0; k < 2; k++)
            fmpq_add(o + k, o + k, v + 2 * i + k);
    for (slong k = 0; k < 2; k++)
        qdiv_si(o + k, nv);
    /* selection sort by angle around o */
    for (slong i = 0; i < nv; i++)
        for (slong j = i + 1; j < nv; j++)
        {
            fmpq * a = v + 2 * i, * b = v + 2 * j;
            int ha = fmpq_cmp(a + 1, o + 1) < 0 || (fmpq_equal(a + 1, o + 1) && fmpq_cmp(a, o) < 0);
            int hb = fmpq_cmp(b + 1, o + 1) < 0 || (fmpq_equal(b + 1, o + 1) && fmpq_cmp(b, o) < 0);
            if (ha > hb || (ha == hb && cross_sign(o, a, b) < 0))
                for (slong k = 0; k < 2; k++)
                    fmpq_swap(a + k, b + k);
        }
    fmpq_zero(area);
    for (slong i = 0; i < nv; i++)
    {
        fmpq * a = v + 2 * i, * b = v + 2 * ((i + 1) % nv);
        fmpq_mul(tmp, a, b + 1);
        fmpq_submul(tmp, a + 1, b);
        fmpq_add(area, area, tmp);
    }
    qdiv_si(area, 2);
    CHECK(fmpq_sgn(area) > 0, "a piece of area <= 0");
    _fmpq_vec_clear(v, 2 * P->ngens); _fmpq_vec_clear(o, 2); _fmpq_vec_clear(tmp, 2);
}

static void
check_class(const decision_t D, slong c, slong pieces, slong comps, slong bcomps, const slong * betti, const char * what)
{
    const decision_class_struct * K = D->classes + c;
    CHECK(K->pieces == pieces, "%s: class %ld has %ld pieces, expected %ld", what, (long) c, (long) K->pieces, (long) pieces);
    CHECK(K->components == comps && K->bounded_components == bcomps, "%s: class %ld: %ld components (%ld bounded)",
          what, (long) c, (long) K->components, (long) K->bounded_components);
    for (slong k = 0; k <= D->n; k++)
        CHECK(K->H->betti[k] == betti[k], "%s: class %ld: b_%ld = %ld, expected %ld", what, (long) c, (long) k,
              (long) K->H->betti[k], (long) betti[k]);
}

static void
closed_cases(void)
{
    const char * cones = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1],[-1,-1]],\"biases\":[0,0,0]}]}";
    const char * diamond = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[-1,0],[0,1],[0,-1]],\"biases\":[0,0,0,0]},"
                           "{\"weights\":[[1,1,1,1],[0,0,0,0]],\"biases\":[\"-1/2\",0]}]}";
    const char * tie = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0]],\"biases\":[0]},{\"weights\":[[1],[1]],\"biases\":[0,0]}]}";
    const char * point = "{\"input_dim\":1,\"layers\":[{\"weights\":[[0],[1],[-1]],\"biases\":[0,0,0]}]}";
    net_t net;
    poly_t whole, box;
    decision_t D;
    net_init(net);
    poly_init(whole, 2);
    box_init(box, 2, -1, 1);
    /* three closed convex cones with apex 0: X+ is a disk, reduced homology 0 */
    net_from(net, cones);
    analyze(D, net, whole);
    for (slong c = 0; c < 3; c++)
        check_class(D, c, 1, 1, 0, (slong[]) { 0, 0, 0 }, "cones over R^2");
    CHECK(D->bfvec[0] == 1 && D->bfvec[1] == 3, "cones: the boundary is a vertex and three rays");
    CHECK(D->adjacent_different == 3 && D->adjacent_same == 0, "cones: three adjacent pairs");
    decision_clear(D);
    analyze(D, net, box);
    for (slong c = 0; c < 3; c++)
        check_class(D, c, 1, 1, 1, (slong[]) { 1, 0, 0 }, "cones in the square");
    CHECK(D->bfvec[0] == 4 && D->bfvec[1] == 3, "cones in the square: 4 vertices, 3 edges on the boundary");
    decision_clear(D);
    /* |x| + |y| >= 1/2: an annulus in the square, the plane minus a diamond over R^2 */
    net_from(net, diamond);
    analyze(D, net, box);
    check_class(D, 0, 4, 1, 1, (slong[]) { 1, 1, 0 }, "square minus diamond");
    check_class(D, 1, 4, 1, 1, (slong[]) { 1, 0, 0 }, "diamond");
    CHECK(D->bfvec[0] == 4 && D->bfvec[1] == 4, "the diamond's boundary: 4 vertices, 4 edges");
    decision_clear(D);
    analyze(D, net, whole);
    check_class(D, 0, 4, 1, 0, (slong[]) { 0, 0, 0 }, "plane minus diamond");
    check_class(D, 1, 4, 1, 1, (slong[]) { 1, 0, 0 }, "compact diamond");
    decision_clear(D);
    /* f_0 = f_1 everywhere: class 0 wins every tie */
    net_from(net, tie);
    analyze(D, net, box);
    check_class(D, 0, 2, 1, 1, (slong[]) { 1, 0, 0 }, "tie");
    check_class(D, 1, 0, 0, 0, (slong[]) { 0, 0, 0 }, "tie");
    CHECK(D->bfvec[0] == 0 && D->bfvec[1] == 0 && D->adjacent_different == 0, "tie: no boundary");
    decision_clear(D);
    /* f = (0, x, -x) on [-1, 1]: class 0 wins at 0 only (a lower-dimensional closure) */
    poly_clear(box);
    box_init(box, 1, -1, 1);
    net_from(net, point);
    analyze(D, net, box);
    check_class(D, 0, 0, 0, 0, (slong[]) { 1, 0 }, "a point");
    CHECK(D->classes[0].lower == 1, "the point is a lower-dimensional cell");
    check_class(D, 1, 1, 1, 1, (slong[]) { 1, 0 }, "(0, 1]");
    check_class(D, 2, 1, 1, 1, (slong[]) { 1, 0 }, "[-1, 0)");
    CHECK(D->bfvec[0] == 1, "one boundary point");
    decision_clear(D);
    poly_clear(box);
    poly_clear(whole);
    net_clear(net);
}

/* net_eval's argmax at every sample, the area, the facets' neighbours */
static void
check_pieces_2d(const decision_t D, const net_t net, slong half, flint_rand_t st)
{
    fmpq * x = _fmpq_vec_init(2);
    fmpq_t area, a;
    fmpq_init(area); fmpq_init(a);
    for (slong i = -4 * half; i <= 4 * half; i++)
        for (slong j = -4 * half; j <= 4 * half; j++)
        {
            fmpq_set_si(x, i, 4);
            fmpq_set_si(x + 1, j, 4);
            check_point(D, net, x, "grid");
        }
    for (slong s = 0; s < 40; s++)
    {
        for (slong k = 0; k < 2; k++)
            fmpq_set_si(x + k, (slong) n_randint(st, 2 * 997 * half + 1) - 997 * half, 997);
        check_point(D, net, x, "generic point");
    }
    for (slong p = 0; p < D->num; p++)
    {
        const poly_struct * P = D->pieces[p].P;
        polygon_area(a, P);
        fmpq_add(area, area, a);
        for (slong j = 1; j < P->ncons; j++)
        {
            slong nv = 0;
            fmpq * v = _fmpq_vec_init(2), * mid = _fmpq_vec_init(2);
            for (slong g = 0; g < P->ngens; g++)
                if (bs_test(poly_inc(P, g), j))
                {
                    poly_gen_get_fmpq(v, P, g);
                    fmpq_add(mid, mid, v); fmpq_add(mid + 1, mid + 1, v + 1);
                    nv++;
                }
            CHECK(nv == 2, "a bounded facet with %ld vertices", (long) nv);
            qdiv_si(mid, 2); qdiv_si(mid + 1, 2);
            slong q = D->pieces[p].across[j - 1];
            if (q >= 0)
                CHECK(q != p && where(D->pieces[q].P, mid) == 0, "piece %ld: facet %ld is not shared with %ld",
                      (long) p, (long) j, (long) q);
            if (q < 0)
            {
                fmpq_t h;
                fmpq_init(h);
                fmpq_set_si(h, half, 1);
                int on = 0;
                for (slong k = 0; k < 2; k++)
                {
                    fmpq_abs(v, mid + k);
                    on |= fmpq_equal(v, h);
                }
                CHECK(on, "piece %ld: a facet with no piece across is inside the box", (long) p);
                fmpq_clear(h);
            }
            _fmpq_vec_clear(v, 2); _fmpq_vec_clear(mid, 2);
        }
    }
    fmpq_set_si(a, 4 * half * half, 1);
    CHECK(fmpq_equal(area, a), "the pieces' areas do not add up to the box's");
    fmpq_clear(area); fmpq_clear(a);
    _fmpq_vec_clear(x, 2);
}

/* the network f_0 - f_1, built here from the weights (no shortcuts) */
static void
difference_net(net_t dn, const net_t net)
{
    slong L = net->nlayers;
    slong * w = flint_malloc((L + 1) * sizeof(slong));
    w[0] = net->input_dim;
    for (slong j = 0; j < L; j++)
        w[j + 1] = j < L - 1 ? net->layers[j].W->r : 1;
    net_clear(dn);
    net_init_shape(dn, L, w);
    for (slong j = 0; j < L - 1; j++)
    {
        fmpq_mat_set(dn->layers[j].W, net->layers[j].W);
        for (slong r = 0; r < w[j + 1]; r++)
            fmpq_set(dn->layers[j].b + r, net->layers[j].b + r);
    }
    const net_layer_struct * out = net->layers + L - 1;
    for (slong k = 0; k < out->W->c; k++)
        fmpq_sub(fmpq_mat_entry(dn->layers[L - 1].W, 0, k), fmpq_mat_entry(out->W, 0, k), fmpq_mat_entry(out->W, 1, k));
    fmpq_sub(dn->layers[L - 1].b, out->b, out->b + 1);
    flint_free(w);
}

static void
same_homology(const homology_struct * A, const homology_struct * B, const char * what)
{
    CHECK(A->top == B->top, "%s: dimensions", what);
    for (slong k = 0; k <= A->top; k++)
    {
        CHECK(A->betti[k] == B->betti[k], "%s: b_%ld = %ld, the level-set homology says %ld", what, (long) k,
              (long) A->betti[k], (long) B->betti[k]);
        CHECK(A->ntorsion[k] == B->ntorsion[k], "%s: torsion of H_%ld", what, (long) k);
        for (slong i = 0; i < A->ntorsion[k]; i++)
            CHECK(fmpz_equal(A->torsion[k] + i, B->torsion[k] + i), "%s: torsion", what);
    }
}

/* 2 outputs: closures against the super- and sublevel sets of f_0 - f_1 */
static void
check_two_classes(const decision_t D, const net_t net, const poly_t box, int generic)
{
    rc_error_t err;
    net_t dn;
    fmpq_t zero;
    homology_set_t S;
    rc_error_init(err);
    net_init(dn);
    fmpq_init(zero);
    difference_net(dn, net);
    const char * sets[3] = { "superlevel", "sublevel", "level" };
    for (int s = 0; s < 3; s++)
    {
        if (s > 0 && !generic)
            break;
        homology_set_init(S);
        CHECK(homology_set_compute(S, dn, 0, sets[s], zero, box, "box", 0, err) == RELU_OK, "%s", err->msg);
        if (s < 2)
            same_homology(D->classes[s].H, S->H, sets[s]);
        else
        {
            for (slong k = 0; k < D->n; k++)
                CHECK(D->bfvec[k] == S->H->cells[k], "boundary: %ld faces of dimension %ld, the level set has %ld",
                      (long) D->bfvec[k], (long) k, (long) S->H->cells[k]);
            CHECK(S->H->cells[D->n] == 0, "a generic level set has no full-dimensional cells");
        }
        homology_set_clear(S);
    }
    fmpq_clear(zero);
    net_clear(dn);
}

static void
random_2d(flint_rand_t st)
{
    static const slong shapes[][5] = { { 3, 2, 4, 2 }, { 3, 2, 5, 3 }, { 4, 2, 3, 3, 2 }, { 4, 2, 3, 3, 4 },
                                       { 3, 2, 6, 2 }, { 4, 2, 2, 4, 3 } };
    slong iters = test_iters(12);
    for (slong it = 0; it < iters; it++)
    {
        const slong * sh = shapes[it % 6];
        slong L = sh[0] - 1, half = 1 + (it % 2), m = sh[L + 1];
        int generic = (it / 6) % 2 == 0;
        net_t net;
        poly_t box;
        decision_t D;
        net_init(net);
        test_random_net(net, st, L, sh + 1, 3);
        if (generic)   /* output biases with a large prime denominator: no ties on open sets */
            for (slong i = 0; i < m; i++)
                fmpq_set_si(net->layers[L - 1].b + i, (slong) n_randint(st, 20000) - 10000, 1009);
        box_init(box, 2, -half, half);
        analyze(D, net, box);
        check_pieces_2d(D, net, half, st);
        if (m == 2)
            check_two_classes(D, net, box, generic);
        decision_clear(D);
        poly_clear(box);
        net_clear(net);
    }
}

static int
cmp_q(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* sorted distinct copies of v[0..n) into v; returns their number */
static slong
sort_unique(fmpq * v, slong n)
{
    qsort(v, n, sizeof(fmpq), cmp_q);
    slong u = 0;
    for (slong i = 0; i < n; i++)
        if (u == 0 || !fmpq_equal(v + i, v + u - 1))
            fmpq_swap(v + u++, v + i);
    return u;
}

/* the crossings of every pair of outputs on [a, b], where they are affine */
static slong
crossings(fmpq * out, const net_t net, const fmpq_t a, const fmpq_t b)
{
    slong m = net_num_outputs(net), k = 0;
    fmpq * ya = _fmpq_vec_init(m), * yb = _fmpq_vec_init(m);
    fmpq_t da, db, t;
    fmpq_init(da); fmpq_init(db); fmpq_init(t);
    net_eval(ya, NULL, net, a);
    net_eval(yb, NULL, net, b);
    for (slong i = 0; i < m; i++)
        for (slong j = i + 1; j < m; j++)
        {
            fmpq_sub(da, ya + i, ya + j);
            fmpq_sub(db, yb + i, yb + j);
            if (fmpq_sgn(da) * fmpq_sgn(db) >= 0)
                continue;
            /* a + (b - a) da / (da - db) */
            fmpq_sub(t, da, db);
            fmpq_div(t, da, t);
            fmpq_sub(out + k, b, a);
            fmpq_mul(out + k, out + k, t);
            fmpq_add(out + k, out + k, a);
            k++;
        }
    fmpq_clear(da); fmpq_clear(db); fmpq_clear(t);
    _fmpq_vec_clear(ya, m); _fmpq_vec_clear(yb, m);
    return k;
}

/* one hidden layer, one input, on [-3, 3]: everything from the breakpoints */
static void
brute_force_1d(const net_t net, const decision_t D)
{
    slong h = net->layers[0].W->r, m = net_num_outputs(net), na = 0, nt = 0;
    fmpq * A = _fmpq_vec_init(h + 2), * T = _fmpq_vec_init((h + 2) * (1 + m * m)), * x = _fmpq_vec_init(1);
    fmpq_set_si(A + na++, -3, 1);
    fmpq_set_si(A + na++, 3, 1);
    for (slong k = 0; k < h; k++)
    {
        const fmpq * w = fmpq_mat_entry(net->layers[0].W, k, 0);
        if (fmpq_is_zero(w))
            continue;
        fmpq_div(A + na, net->layers[0].b + k, w);
        fmpq_neg(A + na, A + na);
        if (fmpq_cmp_si(A + na, -3) > 0 && fmpq_cmp_si(A + na, 3) < 0)
            na++;
    }
    na = sort_unique(A, na);
    for (slong i = 0; i < na; i++)
        fmpq_set(T + nt++, A + i);
    for (slong i = 0; i + 1 < na; i++)
        nt += crossings(T + nt, net, A + i, A + i + 1);
    nt = sort_unique(T, nt);
    /* winners on the open intervals (w) and at the points (p) */
    slong * w = flint_malloc(nt * sizeof(slong)), * p = flint_malloc(nt * sizeof(slong));
    for (slong i = 0; i < nt; i++)
    {
        p[i] = argmax_at(net, T + i);
        if (i + 1 < nt)
        {
            fmpq_add(x, T + i, T + i + 1);
            qdiv_si(x, 2);
            w[i] = argmax_at(net, x);
        }
    }
    slong bpoints = 0;
    for (slong i = 1; i + 1 < nt; i++)
        bpoints += w[i - 1] != w[i];
    CHECK(D->bfvec[0] == bpoints, "1D: %ld boundary points, brute force %ld", (long) D->bfvec[0], (long) bpoints);
    for (slong c = 0; c < m; c++)
    {
        /* pieces: the classes winning somewhere inside each activation interval */
        slong pieces = 0, comps = 0, lower = 0, a = 0;
        for (slong i = 0; i + 1 < nt; i++)
        {
            while (a + 1 < na && fmpq_cmp(A + a + 1, T + i) <= 0)
                a++;
            int first = 1;
            for (slong j = i - 1; j >= 0 && fmpq_cmp(T + j, A + a) >= 0; j--)
                first &= w[j] != c;
            pieces += w[i] == c && first;
        }
        /* the closure: points t_0 < I_0 < t_1 < ... < t_r as a sequence; components are runs */
        int prev = 0;
        for (slong e = 0; e < 2 * nt - 1; e++)
        {
            slong i = e / 2;
            int in = e % 2 ? w[i] == c
                           : p[i] == c || (i > 0 && w[i - 1] == c) || (i + 1 < nt && w[i] == c);
            if (e % 2 == 0 && p[i] == c && !(i > 0 && w[i - 1] == c) && !(i + 1 < nt && w[i] == c))
                lower++;
            comps += in && !prev;
            prev = in;
        }
        const decision_class_struct * K = D->classes + c;
        CHECK(K->pieces == pieces, "1D: class %ld has %ld pieces, brute force %ld", (long) c, (long) K->pieces,
              (long) pieces);
        CHECK(K->H->betti[0] == comps && K->H->betti[1] == 0, "1D: class %ld: b = %ld %ld, brute force %ld components",
              (long) c, (long) K->H->betti[0], (long) K->H->betti[1], (long) comps);
        CHECK(K->lower == lower, "1D: class %ld: %ld lower-dimensional cells, brute force %ld", (long) c,
              (long) K->lower, (long) lower);
    }
    flint_free(w);
    flint_free(p);
    _fmpq_vec_clear(A, h + 2);
    _fmpq_vec_clear(T, (h + 2) * (1 + m * m));
    _fmpq_vec_clear(x, 1);
}

static void
random_1d(flint_rand_t st)
{
    slong iters = test_iters(60);
    for (slong it = 0; it < iters; it++)
    {
        slong widths[3] = { 1, 1 + it % 5, 2 + it % 3 };
        net_t net;
        poly_t box;
        decision_t D;
        net_init(net);
        test_random_net(net, st, 2, widths, 2);
        box_init(box, 1, -3, 3);
        analyze(D, net, box);
        brute_force_1d(net, D);
        decision_clear(D);
        poly_clear(box);
        net_clear(net);
    }
}

int
main(void)
{
    flint_rand_t st;
    printf("decision_regions....");
    fflush(stdout);
    flint_randinit(st);
    closed_cases();
    random_2d(st);
    random_1d(st);
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
