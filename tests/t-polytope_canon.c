/* nauty's canonical forms (canon.c) against the plain search of type.c
   (polytope_canonical_incidence_search, no nauty, no automorphism pruning):
   on the files of tests/data/polytopes and on random polytopes in dimensions
   1..4 (at most 12 vertices), the two decide "same incidence" identically for
   every pair. Two simplicial 3-polytopes with 7 vertices and the same
   f-vector (7, 15, 10), the pentagonal bipyramid and the cyclic polytope
   C(7,3), are told apart and named. An infeasible H-representation is the
   empty polyhedron (dim -1). The exact verification (polytope_verify) passes
   on correct conversions and fails on corrupted ones: a shifted facet, a
   moved vertex, a dropped facet of the cube (simple) and of the octahedron
   (simplicial). */
#include "testutil.h"

#define NFILES 8
static const char * files[NFILES] = { "cube3", "frustum", "hexagon-v", "octahedron-offset", "permutahedron4",
                                       "square-redundant", "triangle-in-3d", "exact-numbers" };

static void
from_ints(polytope_t Q, slong n, const slong * p, slong np)
{
    fmpq_mat_t V, R;
    rc_error_t err;
    rc_error_init(err);
    fmpq_mat_init(V, np, n);
    fmpq_mat_init(R, 0, n);
    for (slong i = 0; i < np * n; i++)
        fmpq_set_si(fmpq_mat_entry(V, i / n, i % n), p[i], 1);
    polytope_clear(Q);
    polytope_init(Q, n);
    CHECK(polytope_set_vrep(Q, V, R, R, err) == RELU_OK, "%s", err->msg);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
}

/* both canonical forms of Q */
static void
forms(char ** a, char ** b, const polytope_t Q)
{
    slong ng = polytope_num_gens(Q), nf = Q->m;
    unsigned char * inc = flint_calloc(FLINT_MAX(ng * nf, 1), 1);
    for (slong i = 0; i < ng; i++)
        for (slong j = 0; j < nf; j++)
            inc[i * nf + j] = polytope_incident(Q, i, j);
    *a = polytope_canonical_incidence(NULL, NULL, inc, ng, Q->nv, nf);
    *b = polytope_canonical_incidence_search(NULL, NULL, inc, ng, Q->nv, nf);
    CHECK(*a != NULL && *b != NULL, "a canonical form is missing");
    flint_free(inc);
}

static void
check_name(const polytope_t Q, const char * expect)
{
    char buf[128];
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    CHECK(name != NULL && !strcmp(name, expect), "expected %s, got %s", expect, name ? name : "null");
}

static void
check_verify(const polytope_t Q, int expect_ok, const char * what)
{
    rc_error_t err;
    rc_error_init(err);
    int st = polytope_verify(Q, err);
    CHECK((st == RELU_OK) == expect_ok, "%s: verify returned %d (%s)", what, st, err->msg);
}

/* corruptions of a correct conversion, each undone after its check */
static void
corrupt(polytope_t Q)
{
    check_verify(Q, 1, "correct");
    fmpz_add_ui(Q->b + 0, Q->b + 0, 1);
    check_verify(Q, 0, "facet 0 shifted outwards");
    fmpz_sub_ui(Q->b + 0, Q->b + 0, 2);
    check_verify(Q, 0, "facet 0 shifted inwards");
    fmpz_add_ui(Q->b + 0, Q->b + 0, 1);
    fmpq_add_si(Q->vert + 0, Q->vert + 0, 1);
    check_verify(Q, 0, "vertex 0 moved");
    fmpq_sub_si(Q->vert + 0, Q->vert + 0, 1);
    Q->m--;
    check_verify(Q, 0, "last facet dropped");
    Q->m++;
    check_verify(Q, 1, "restored");
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("polytope_canon....");
    fflush(stdout);
    rc_error_t err;
    rc_error_init(err);
    slong N = NFILES + test_iters(120);
    char ** fa = flint_calloc(N, sizeof(char *)), ** fb = flint_calloc(N, sizeof(char *));
    polytope_t Q, R;
    polytope_init(Q, 1);
    polytope_init(R, 1);
    for (slong k = 0; k < NFILES; k++)
    {
        char path[256];
        snprintf(path, sizeof(path), "%s/polytopes/%s.json", test_data_dir(), files[k]);
        CHECK(polytope_read_file(Q, path, err) == RELU_OK, "%s: %s", path, err->msg);
        check_verify(Q, 1, path);
        forms(fa + k, fb + k, Q);
    }
    for (slong k = NFILES; k < N; k++)
    {
        /* small random polytopes: many coincide combinatorially (simplices, squares, ...) */
        slong n = 1 + n_randint(st, 4), np = n + 1 + n_randint(st, 12 - n);
        slong * p = flint_malloc(np * n * sizeof(slong));
        for (slong i = 0; i < np * n; i++)
            p[i] = (slong) n_randint(st, 5) - 2;
        from_ints(Q, n, p, np);
        flint_free(p);
        check_verify(Q, 1, "random polytope");
        forms(fa + k, fb + k, Q);
    }
    slong same = 0;
    for (slong i = 0; i < N; i++)
        for (slong j = 0; j < N; j++)
        {
            int a = !strcmp(fa[i], fa[j]), b = !strcmp(fb[i], fb[j]);
            CHECK(a == b, "nauty and the search disagree on %ld, %ld: %d %d", i, j, a, b);
            same += a && i < j;
        }
    CHECK(same > 0, "no isomorphic pair among the samples: the comparison tests nothing");
    for (slong i = 0; i < N; i++)
    {
        flint_free(fa[i]);
        flint_free(fb[i]);
    }
    flint_free(fa);
    flint_free(fb);

    /* same f-vector, different types */
    const slong bip[21] = { 2, 0, 0, 1, 2, 0, -1, 2, 0, -2, 0, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1 };
    slong cyc[21];
    for (slong t = 1; t <= 7; t++)
    {
        cyc[3 * (t - 1)] = t;
        cyc[3 * (t - 1) + 1] = t * t;
        cyc[3 * (t - 1) + 2] = t * t * t;
    }
    from_ints(Q, 3, bip, 7);
    from_ints(R, 3, cyc, 7);
    slong f1[4], f2[4];
    polytope_fvector(f1, Q);
    polytope_fvector(f2, R);
    CHECK(f1[0] == 7 && f1[1] == 15 && f1[2] == 10 && f2[0] == 7 && f2[1] == 15 && f2[2] == 10, "f-vectors");
    slong gmap[7], fmap[10];
    CHECK(polytope_isomorphism(gmap, fmap, Q, R) == 0, "bipyramid and C(7,3) found isomorphic");
    CHECK(polytope_isomorphism(gmap, fmap, Q, Q) == 1, "bipyramid not isomorphic to itself");
    char * a1, * b1, * a2, * b2;
    forms(&a1, &b1, Q);
    forms(&a2, &b2, R);
    CHECK(strcmp(a1, a2) != 0 && strcmp(b1, b2) != 0, "equal forms for different types");
    flint_free(a1); flint_free(b1); flint_free(a2); flint_free(b2);
    check_name(Q, "bipyramid over a pentagon");
    check_name(R, "cyclic polytope C(7,3)");

    /* corrupted conversions: the cube (simple) and the octahedron (simplicial) */
    const slong cube[24] = { 0,0,0, 1,0,0, 0,1,0, 1,1,0, 0,0,1, 1,0,1, 0,1,1, 1,1,1 };
    const slong oct[18] = { 1,0,0, -1,0,0, 0,1,0, 0,-1,0, 0,0,1, 0,0,-1 };
    from_ints(Q, 3, cube, 8);
    corrupt(Q);
    from_ints(Q, 3, oct, 6);
    corrupt(Q);

    /* the empty polyhedron: x <= 0, -x <= -1 */
    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(2);
    fmpq_mat_init(A, 2, 2);
    fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(A, 1, 0), -1, 1);
    fmpq_set_si(b + 1, -1, 1);
    polytope_clear(Q);
    polytope_init(Q, 2);
    CHECK(polytope_set_hrep(Q, A, b, err) == RELU_OK, "empty: %s", err->msg);
    CHECK(Q->dim == -1 && Q->nv == 0 && Q->m == 0, "empty: dim %ld", Q->dim);
    check_verify(Q, 1, "empty");
    check_name(Q, "empty set");
    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, 2);

    polytope_clear(Q);
    polytope_clear(R);
    flint_randclear(st);
    flint_cleanup_master();
    printf("PASS\n");
    return 0;
}
