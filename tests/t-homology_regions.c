/* Homology of sub-, super- and level sets of networks:
   - every Sage fixture with superlevel_betti agrees on b_0..b_{n-1} and on the
     number of torsion coefficients of {f >= 0} in [-1,1]^n;
   - closed answers: |x|_1 >= 1/2 in [-1,1]^3 is the cube minus an open
     octahedron, a 2-sphere up to homotopy (b = 1,0,1); {|x|_1 = 1/2} in the
     square is a circle; {|x| >= 1/2} in [-1,1]^2 has two components; an empty
     set has no homology; a sublevel set containing the box is contractible. */
#include "testutil.h"

static void
betti_of(slong * b, slong * ntors, const net_t net, const poly_t box, const char * T, int mask)
{
    rc_error_t err;
    net_t tn;
    fmpq_t t;
    chain_complex_t K;
    homology_t H;
    rc_error_init(err);
    net_init(tn);
    fmpq_init(t);
    CHECK(fmpq_set_str(t, T, 10) == 0, "threshold");
    CHECK(net_threshold_net(tn, net, 0, t, err) == RELU_OK, "%s", err->msg);
    chain_complex_init(K, 0);
    homology_init(H);
    CHECK(homology_cells(K, tn, box, net_num_hidden(tn) - 1, mask, err) == RELU_OK, "%s", err->msg);
    homology_compute(H, K);
    slong chi = 0;
    *ntors = 0;
    for (slong k = 0; k <= H->top; k++)
    {
        b[k] = H->betti[k];
        *ntors += H->ntorsion[k];
        chi += (k % 2 ? -1 : 1) * K->num[k];
    }
    CHECK(homology_euler(H) == chi, "Euler characteristic");
    homology_clear(H);
    chain_complex_clear(K);
    fmpq_clear(t);
    net_clear(tn);
}

static void
box_init(poly_t P, slong n)
{
    fmpq_t lo, hi;
    fmpq_init(lo); fmpq_init(hi);
    fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
    poly_init(P, n);
    poly_set_box(P, lo, hi);
    fmpq_clear(lo); fmpq_clear(hi);
}

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
closed_case_in(const char * name, const char * json, const char * T, int mask, const slong * expected, int whole)
{
    net_t net;
    poly_t box;
    slong b[8], nt;
    net_init(net);
    net_from(net, json);
    if (whole)
        poly_init(box, net->input_dim);
    else
        box_init(box, net->input_dim);
    betti_of(b, &nt, net, box, T, mask);
    for (slong k = 0; k <= net->input_dim; k++)
        CHECK(b[k] == expected[k], "%s: b_%ld = %ld, expected %ld", name, (long) k, (long) b[k], (long) expected[k]);
    CHECK(nt == 0, "%s: torsion", name);
    poly_clear(box);
    net_clear(net);
}

static void
closed_case(const char * name, const char * json, const char * T, int mask, const slong * expected)
{
    closed_case_in(name, json, T, mask, expected, 0);
}

int
main(void)
{
    char path[4096];
    slong cases = 0;
    printf("homology_regions....");
    fflush(stdout);
    const char * l1_3d = "{\"input_dim\":3,\"layers\":[{\"weights\":[[1,0,0],[-1,0,0],[0,1,0],[0,-1,0],[0,0,1],[0,0,-1]],"
                         "\"biases\":[0,0,0,0,0,0]},{\"weights\":[[1,1,1,1,1,1]],\"biases\":[0]}]}";
    const char * l1_2d = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[-1,0],[0,1],[0,-1]],"
                         "\"biases\":[0,0,0,0]},{\"weights\":[[1,1,1,1]],\"biases\":[0]}]}";
    const char * absx = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[-1,0]],\"biases\":[0,0]},"
                        "{\"weights\":[[1,1]],\"biases\":[0]}]}";
    closed_case("cube minus octahedron", l1_3d, "1/2", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 1, 0, 1, 0 });
    closed_case("octahedron", l1_3d, "1/2", COMPLEX_ZERO | COMPLEX_NEG, (slong[]) { 1, 0, 0, 0 });
    closed_case("octahedron surface", l1_3d, "1/2", COMPLEX_ZERO, (slong[]) { 1, 0, 1, 0 });
    closed_case("diamond curve", l1_2d, "1/2", COMPLEX_ZERO, (slong[]) { 1, 1, 0 });
    closed_case("square minus diamond", l1_2d, "1/2", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 1, 1, 0 });
    closed_case("two strips", absx, "1/2", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 2, 0, 0 });
    closed_case("two segments", absx, "1/2", COMPLEX_ZERO, (slong[]) { 2, 0, 0 });
    closed_case("empty", l1_2d, "10", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 0 });
    closed_case("whole box", l1_2d, "10", COMPLEX_ZERO | COMPLEX_NEG, (slong[]) { 1, 0, 0 });
    /* over R^n: reduced homology of the one-point compactification X+ */
    const char * relux = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0]],\"biases\":[0]},"
                         "{\"weights\":[[1]],\"biases\":[0]}]}";
    closed_case_in("R^2 (X+ = S^2)", relux, "-1", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 1 }, 1);
    closed_case_in("half-plane (X+ = disk)", relux, "1", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 0 }, 1);
    closed_case_in("line (X+ = circle)", relux, "1", COMPLEX_ZERO, (slong[]) { 0, 1, 0 }, 1);
    closed_case_in("plane minus diamond (X+ = disk)", l1_2d, "1/2", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 0 }, 1);
    closed_case_in("compact diamond", l1_2d, "1/2", COMPLEX_ZERO | COMPLEX_NEG, (slong[]) { 1, 0, 0 }, 1);
    closed_case_in("diamond curve in R^2", l1_2d, "1/2", COMPLEX_ZERO, (slong[]) { 1, 1, 0 }, 1);
    closed_case_in("R^3 minus octahedron (X+ = ball)", l1_3d, "1/2", COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 0, 0 }, 1);
    closed_case_in("two half-planes |x| >= 1/2 (X+ = two disks glued at a point)", absx, "1/2",
                   COMPLEX_ZERO | COMPLEX_POS, (slong[]) { 0, 0, 0 }, 1);
    closed_case_in("two lines |x| = 1/2 (X+ = figure eight)", absx, "1/2", COMPLEX_ZERO, (slong[]) { 0, 2, 0 }, 1);

    for (int c = 0; c < 1000; c++)
    {
        snprintf(path, sizeof(path), "%s/sage/case%03d.truth.json", test_data_dir(), c);
        FILE * fp = fopen(path, "r");
        if (fp == NULL)
            break;
        fclose(fp);
        rc_error_t err;
        jnode * truth;
        rc_error_init(err);
        CHECK(jnode_parse_file(&truth, path, err) == RELU_OK, "%s", err->msg);
        const jnode * tb = jnode_get(truth, "superlevel_betti");
        if (tb != NULL)
        {
            net_t net;
            poly_t box;
            slong b[8], nt;
            net_init(net);
            snprintf(path, sizeof(path), "%s/sage/case%03d.json", test_data_dir(), c);
            CHECK(net_read_file(net, path, err) == RELU_OK, "%s", err->msg);
            box_init(box, net->input_dim);
            betti_of(b, &nt, net, box, "0", COMPLEX_ZERO | COMPLEX_POS);
            for (size_t k = 0; k < tb->nitems; k++)
                CHECK(b[k] == atol(tb->items[k]->text), "case %03d: b_%ld = %ld, Sage %s", c, (long) k,
                      (long) b[k], tb->items[k]->text);
            CHECK(nt == atol(jnode_get(truth, "superlevel_torsion")->text), "case %03d: torsion", c);
            poly_clear(box);
            net_clear(net);
            cases++;
        }
        jnode_free(truth);
    }
    CHECK(cases >= 20, "only %ld fixtures with superlevel_betti", (long) cases);
    flint_cleanup();
    printf("PASS (%ld fixtures)\n", (long) cases);
    return 0;
}
