/* The analyses behind polytope/faces/polar (src/polytope/report.h), against
   closed forms and a second route:
   - polytope_polar_center on random boxes prod [l_i, u_i]: the origin is
     accepted iff l_i < 0 < u_i for all i, a given centre iff l_i < c_i < u_i,
     "auto" and the fallback give the midpoint (l + u)/2 (the vertex centroid
     of a box); the polar report of a box has 2n vertices and 2^n facets, and
     its f-vector is the primal one reversed;
   - polytope_report_compute: a box compared with a random affine image of
     itself (x -> diagonal scaling + shift) is equivalent, the isomorphism maps
     vertex i to the vertex with the same sign pattern; a box is never
     equivalent to a simplex;
   - levelset_region_faces: for every region of random one-layer
     networks in a box, the region found by its pattern contains its own
     vertex centroid, where the exact evaluator gives that very pattern
     (active: sign +1; inactive: sign -1, or 0 for a constant-0 neuron). */
#include "testutil.h"
#include "polytope/report.h"

static void
box(polytope_t Q, slong n, const slong * l, const slong * u)
{
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(2 * n);
    fmpq_mat_init(A, 2 * n, n);
    for (slong i = 0; i < n; i++)
    {
        fmpq_set_si(fmpq_mat_entry(A, 2 * i, i), 1, 1);
        fmpq_set_si(b + 2 * i, u[i], 1);
        fmpq_set_si(fmpq_mat_entry(A, 2 * i + 1, i), -1, 1);
        fmpq_set_si(b + 2 * i + 1, -l[i], 1);
    }
    rc_error_t err;
    rc_error_init(err);
    polytope_clear(Q);
    polytope_init(Q, n);
    CHECK(polytope_set_hrep(Q, A, b, err) == RELU_OK, "%s", err->msg);
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, 2 * n);
}

static void
test_center(flint_rand_t st)
{
    for (slong it = 0; it < test_iters(300); it++)
    {
        slong n = 1 + n_randint(st, 3), l[3], u[3], c[3];
        int inside = 1, cin = 1;
        char spec[64] = "";
        for (slong i = 0; i < n; i++)
        {
            l[i] = (slong) n_randint(st, 5) - 3;
            u[i] = l[i] + 1 + n_randint(st, 4);
            c[i] = (slong) n_randint(st, 7) - 3;
            inside &= l[i] < 0 && 0 < u[i];
            cin &= l[i] < c[i] && c[i] < u[i];
            snprintf(spec + strlen(spec), sizeof(spec) - strlen(spec), "%s%ld", i ? "," : "", (long) c[i]);
        }
        polytope_t Q;
        polytope_init(Q, n);
        box(Q, n, l, u);
        fmpq * x = _fmpq_vec_init(n);
        const char * source;
        rc_error_t err;
        rc_error_init(err);
        int s = polytope_polar_center(x, &source, Q, NULL, 0, "--center", err);
        CHECK((s == RELU_OK) == inside, "origin accepted %d, interior %d", s == RELU_OK, inside);
        CHECK(s == RELU_OK || (s == RELU_E_INPUT && strstr(err->msg, "not an interior point")), "%s", err->msg);
        s = polytope_polar_center(x, &source, Q, spec, 0, "--center", err);
        CHECK((s == RELU_OK) == cin, "centre %s accepted %d, interior %d", spec, s == RELU_OK, cin);
        for (int mode = 0; mode < 2; mode++)
        {
            s = polytope_polar_center(x, &source, Q, mode ? "auto" : NULL, 1, "center", err);
            CHECK(s == RELU_OK, "%s", err->msg);
            int origin = mode == 0 && inside;
            CHECK(!strcmp(source, origin ? "origin" : "vertex centroid"), "source %s", source);
            for (slong i = 0; i < n; i++)
            {
                fmpq_t m;
                fmpq_init(m);
                fmpq_set_si(m, origin ? 0 : l[i] + u[i], 2);
                CHECK(fmpq_equal(m, x + i), "centre coordinate %ld", (long) i);
                fmpq_clear(m);
            }
        }
        polytope_polar_report_t P;
        polytope_polar_report_init(P);
        CHECK(polytope_polar_report_compute(P, Q, "auto", 0, "center", err) == RELU_OK, "%s", err->msg);
        const polytope_struct * D = P->R->dual;
        CHECK(D->nv == 2 * n && D->m == (1L << n), "polar of a box: %ld vertices, %ld facets", (long) D->nv, (long) D->m);
        slong f[4], g[4];
        polytope_fvector(f, Q);
        polytope_fvector(g, D);
        for (slong k = 0; k < n; k++)
            CHECK(f[k] == g[n - 1 - k], "f-vector not reversed at %ld", (long) k);
        polytope_polar_report_clear(P);
        _fmpq_vec_clear(x, n);
        polytope_clear(Q);
    }
}

static void
test_compare(flint_rand_t st)
{
    for (slong it = 0; it < test_iters(60); it++)
    {
        slong n = 1 + n_randint(st, 3), l[3], u[3], l2[3], u2[3];
        for (slong i = 0; i < n; i++)
        {
            l[i] = (slong) n_randint(st, 5) - 3;
            u[i] = l[i] + 1 + n_randint(st, 4);
            slong a = 1 + n_randint(st, 3), t = (slong) n_randint(st, 7) - 3;
            l2[i] = a * l[i] + t;
            u2[i] = a * u[i] + t;
        }
        polytope_t Q, R, T;
        polytope_init(Q, n);
        polytope_init(R, n);
        polytope_init(T, n);
        box(Q, n, l, u);
        box(R, n, l2, u2);
        polytope_report_t S;
        rc_error_t err;
        rc_error_init(err);
        polytope_report_init(S);
        CHECK(polytope_report_compute(S, Q, R, "R", err) == RELU_OK, "%s", err->msg);
        CHECK(S->equivalent == 1 && S->form != NULL, "boxes not equivalent");
        /* the canonical order of vertices is lexicographic in both: a positive
           scaling keeps it, so any isomorphism maps vertices to vertices of a box
           of the same size; check it preserves incidence exactly */
        for (slong i = 0; i < Q->nv; i++)
            for (slong j = 0; j < Q->m; j++)
                CHECK(polytope_incident(Q, i, j) == polytope_incident(R, S->gmap[i], S->fmap[j]), "incidence");
        polytope_report_clear(S);
        if (n >= 2)
        {
            /* the simplex conv(0, e_1, ..., e_n) has n + 1 < 2^n vertices */
            fmpq_mat_t V, Z;
            fmpq_mat_init(V, n + 1, n);
            fmpq_mat_init(Z, 0, n);
            for (slong i = 0; i < n; i++)
                fmpq_one(fmpq_mat_entry(V, i + 1, i));
            CHECK(polytope_set_vrep(T, V, Z, Z, err) == RELU_OK, "%s", err->msg);
            polytope_report_init(S);
            CHECK(polytope_report_compute(S, Q, T, "T", err) == RELU_OK, "%s", err->msg);
            CHECK(S->equivalent == 0, "box equivalent to a simplex");
            polytope_report_clear(S);
            fmpq_mat_clear(V);
            fmpq_mat_clear(Z);
        }
        polytope_clear(Q);
        polytope_clear(R);
        polytope_clear(T);
    }
}

typedef struct
{
    slong num;
    char pats[64][16];
}
pattern_list;

static int
collect(void * data, const region_struct * R)
{
    pattern_list * L = data;
    if (L->num < 64)
        region_pattern_str(L->pats[L->num++], R);
    return 0;
}

static void
test_region(flint_rand_t st)
{
    for (slong it = 0; it < test_iters(30); it++)
    {
        slong n = 2, h = 2 + n_randint(st, 3), widths[3] = { n, h, 1 };
        net_t net;
        net_init(net);
        test_random_net(net, st, 2, widths, 3);
        poly_t dom;
        poly_init(dom, n);
        char desc[256];
        rc_error_t err;
        rc_error_init(err);
        CHECK(poly_domain_set(dom, desc, sizeof(desc), "box", "-2,2", NULL, err) == RELU_OK, "%s", err->msg);
        pattern_list L;
        L.num = 0;
        regions_enumerate(net, dom, collect, &L);
        CHECK(L.num >= 1, "no regions");
        for (slong r = 0; r < L.num; r++)
        {
            polytope_faces_t S;
            polytope_faces_init(S);
            CHECK(levelset_region_faces(S, net, L.pats[r], dom, desc, "net", err) == RELU_OK, "%s", err->msg);
            CHECK(S->region == r, "region %ld found as %ld", (long) r, (long) S->region);
            fmpq * x = _fmpq_vec_init(n), y[1];
            signed char sg[8];
            fmpq_init(y);
            polytope_interior_point(x, S->Q);
            net_eval(y, sg, net, x);
            for (slong k = 0; k < h; k++)
                /* sign 0 inside a full-dimensional region: the neuron is constant 0 (inactive) */
                CHECK(L.pats[r][k] == '1' ? sg[k] == 1 : sg[k] <= 0, "pattern %s, neuron %ld sign %d", L.pats[r],
                      (long) k, sg[k]);
            CHECK(S->F->num >= 2 && S->F->dim[S->F->num - 1] == n, "lattice top");
            fmpq_clear(y);
            _fmpq_vec_clear(x, n);
            polytope_faces_clear(S);
        }
        /* a malformed pattern and a pattern of no region are input errors */
        polytope_faces_t S;
        polytope_faces_init(S);
        CHECK(levelset_region_faces(S, net, "01x", dom, desc, "net", err) == RELU_E_INPUT, "bad pattern");
        polytope_faces_clear(S);
        poly_clear(dom);
        net_clear(net);
    }
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_report....");
    fflush(stdout);
    test_center(st);
    test_compare(st);
    test_region(st);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
