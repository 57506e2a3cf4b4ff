/* Hand-made decision boundaries with answers worked out by hand (each case
   says how): the empty boundary (k = 0), the class k = d, the degenerate
   networks of the classification (singular W, zero output weights,
   c0 = T, several at once), full-dimensional pieces where f = T on whole
   regions, boundaries inside a box with their homology (a path, a hexagon,
   two points), networks the classification does not apply to, and a
   missing output. */
#include "testutil.h"

typedef struct
{
    const char * name;
    const char * json;
    const char * T;
    slong output;
    int box;              /* 0: R^n; else the box [-box, box]^n */
    slong fvec[4];        /* boundary complex */
    slong cells;          /* regions of the network cut by {f = T} */
    int status;           /* classification: -1 = does not apply */
    int reasons;
    slong k;
    slong betti[4];       /* homology of the level set, for a box */
    slong components;
}
boundary_case;

static const boundary_case cases[] = {
    /* f = relu(x) + relu(y) + 1 > 0 = T everywhere: k = 0 (c0' = 1, no c_i < 0), empty
       boundary; the four quadrants are not cut. */
    { "empty boundary, k = 0",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[1]}]}", "0", 0, 0, { 0, 0, 0 }, 4, BOUNDARY_CLASSIFIED, 0, 0, { 0 }, 0 },
    /* f = relu(x) - relu(y) - 1 = 0: x = 1 for y <= 0, x - y = 1 for y > 0: vertex (1,0), two
       rays; k = 1 (c0' = -1, c_0 = 1 > 0); 4 quadrants, 2 of them cut: 6 cells. */
    { "class 1 in R^2",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,-1]],\"biases\":[-1]}]}", "0", 0, 0, { 1, 2, 0 }, 6, BOUNDARY_CLASSIFIED, 0, 1, { 0 }, 1 },
    /* the same at T = -2 in [-3,3]^2: relu(x) - relu(y) = -1: y = 1 for x <= 0, y = x + 1 for
       x > 0: from (-3,1) to (0,1) to (2,3): 3 vertices, 2 edges; over R^2 k = 1 (c0' = 1,
       c_1 = -1). Cells: the 4 quadrants of the box, of which (-,+) and (+,+) are cut. */
    { "class 1 at T = -2 in a box",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,-1]],\"biases\":[-1]}]}", "-2", 0, 3, { 3, 2, 0 }, 6, BOUNDARY_CLASSIFIED, 0, 1,
      { 1, 0, 0 }, 1 },
    /* relu(x) + relu(y) + relu(z) = 1 in R^3: k = 3; the class f-vector is the coefficient
       list of (1+2x)^3 - (1+x)^3 = 3x + 9x^2 + 7x^3: vertices e_1, e_2, e_3; edges: the
       triangle's 3 (sign vectors ++0) and a ray from each vertex into each of the two
       neighbouring quadrants of its coordinate (+-0 types: 6); 2-faces: one per octant other
       than (-,-,-) (7 = 2^3 - 1 pieces). Cells: 8 octants, 7 cut: 15. */
    { "class 3 in R^3",
      "{\"input_dim\":3,\"layers\":[{\"weights\":[[1,0,0],[0,1,0],[0,0,1]],\"biases\":[0,0,0]},"
      "{\"weights\":[[1,1,1]],\"biases\":[-1]}]}", "0", 0, 0, { 3, 9, 7, 0 }, 15, BOUNDARY_CLASSIFIED, 0, 3, { 0 }, 1 },
    /* the second output of a two-output network: f_1 = -relu(x) - relu(y) + 1, k = 2
       (c0' = 1, both c_i < 0): (1+2x)^2 - (1+x)^2 = 2x + 3x^2: the segment from (1,0) to
       (0,1) and a ray from each end; 3 quadrants cut: 7 cells. */
    { "second output, class 2",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[5,7],[-1,-1]],\"biases\":[0,1]}]}", "0", 1, 0, { 2, 3, 0 }, 7, BOUNDARY_CLASSIFIED, 0, 2, { 0 }, 1 },
    /* W = [[1,0],[2,0]] is singular: f = relu(x) + relu(2x) - 1 = 3 relu(x) - 1, boundary
       the line x = 1/3 (no vertex); the two neuron hyperplanes coincide (x = 0): 2 regions,
       one cut: 3 cells. */
    { "singular W",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[2,0]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[-1]}]}", "0", 0, 0, { 0, 1, 0 }, 3, BOUNDARY_SINGULAR_W,
      BOUNDARY_SINGULAR_W, 0, { 0 }, 1 },
    /* c = (1, 0): f = relu(x) - 1, boundary x = 1, cut by the (irrelevant) neuron y = 0 into
       two rays: f = [1, 2, 0]; 4 quadrants, 2 cut: 6 cells. */
    { "zero output weight",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,0]],\"biases\":[-1]}]}", "0", 0, 0, { 1, 2, 0 }, 6, BOUNDARY_ZERO_OUTPUT_WEIGHT,
      BOUNDARY_ZERO_OUTPUT_WEIGHT, 0, { 0 }, 1 },
    /* c0 = T = 1/2: f - T = relu(x) - relu(y). Level set: the closed quadrant x, y <= 0 (a
       full-dimensional piece: vertex 0, the two negative half-axes, the quadrant) and the
       ray x = y > 0: f = [1, 3, 1]; the quadrant (+,+) is cut: 5 cells. */
    { "c0 = T, a full-dimensional piece",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,-1]],\"biases\":[\"1/2\"]}]}", "0.5", 0, 0, { 1, 3, 1 }, 5, BOUNDARY_C0_IS_THRESHOLD,
      BOUNDARY_C0_IS_THRESHOLD, 0, { 0 }, 1 },
    /* c = 0 and c0 = T: f = T everywhere: the whole plane is level, its 4 quadrants are
       full-dimensional pieces: f = [1, 4, 4], 4 cells. Both reasons apply. */
    { "f = T identically",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[0,0]],\"biases\":[3]}]}", "3", 0, 0, { 1, 4, 4 }, 4, BOUNDARY_ZERO_OUTPUT_WEIGHT,
      BOUNDARY_ZERO_OUTPUT_WEIGHT | BOUNDARY_C0_IS_THRESHOLD, 0, { 0 }, 1 },
    /* singular (a zero row) and c0 = T: f - T = relu(x) - relu(0) = relu(x): level set the
       half-plane x <= 0 (one region of the single hyperplane; the zero neuron does not cut):
       f = [0, 1, 1], 2 cells. */
    { "singular W and c0 = T",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,0]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[0]}]}", "0", 0, 0, { 0, 1, 1 }, 2, BOUNDARY_SINGULAR_W,
      BOUNDARY_SINGULAR_W | BOUNDARY_C0_IS_THRESHOLD, 0, { 0 }, 1 },
    /* width 3 on R^2 (not square): relu(x) + relu(y) + relu(-x-y) = 1. The function is
       positive and positively homogeneous, linear on each of the 6 sectors of the three lines
       through 0, so the level set is the hexagon with vertices (1,0), (0,1), (-1,1), (-1,0),
       (0,-1), (1,-1) (one on each ray): f = [6, 6, 0], a circle (Betti 1, 1) inside
       [-2,2]^2; each of the 6 sectors is cut: 12 cells. No class. */
    { "width 3 on R^2: a hexagon, no class",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1],[-1,-1]],\"biases\":[0,0,0]},"
      "{\"weights\":[[1,1,1]],\"biases\":[-1]}]}", "0", 0, 2, { 6, 6, 0 }, 12, -1, 0, 0, { 1, 1, 0 }, 1 },
    /* width 2 on R^1: relu(x) + relu(-x) = |x| = 1 in [-2,2]: two points (two components);
       x < 0 and x > 0 are each cut once: 4 cells. No class. */
    { "width 2 on R^1: two points",
      "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[-1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[-1]}]}", "0", 0, 2, { 2, 0 }, 4, -1, 0, 0, { 2, 0 }, 2 },
    /* two hidden layers: relu(relu(x)) - 1 = 0 at x = 1 in R^1: one vertex; regions x < 0,
       0 < x < 1, x > 1: 3 cells. No class. */
    { "two hidden layers: no class",
      "{\"input_dim\":1,\"layers\":[{\"weights\":[[1]],\"biases\":[0]},{\"weights\":[[1]],\"biases\":[0]},"
      "{\"weights\":[[1]],\"biases\":[-1]}]}", "0", 0, 0, { 1, 0 }, 3, -1, 0, 0, { 0 }, 1 },
};

static void
read_net(net_t net, const char * name, const char * json)
{
    rc_error_t err;
    jnode * root;
    rc_error_init(err);
    CHECK(jnode_parse(&root, json, strlen(json), err) == RELU_OK, "%s: %s", name, err->msg);
    CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s: %s", name, err->msg);
    jnode_free(root);
}

int
main(void)
{
    printf("boundary_degenerate....");
    fflush(stdout);
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
    {
        const boundary_case * t = cases + c;
        rc_error_t err;
        net_t net;
        fmpq_t T;
        rc_error_init(err);
        net_init(net);
        fmpq_init(T);
        read_net(net, t->name, t->json);
        CHECK(num_parse_fmpq(T, t->T, strlen(t->T), err) == RELU_OK, "%s", err->msg);
        slong n = net->input_dim;

        poly_t D;
        poly_init(D, n);
        if (t->box)
        {
            fmpq_t lo, hi;
            fmpq_init(lo); fmpq_init(hi);
            fmpq_set_si(lo, -t->box, 1); fmpq_set_si(hi, t->box, 1);
            poly_set_box(D, lo, hi);
            fmpq_clear(lo); fmpq_clear(hi);
        }
        boundary_t B;
        boundary_init(B, n);
        CHECK(boundary_compute(B, net, t->output, T, D, 1, err) == RELU_OK, "%s: %s", t->name, err->msg);
        for (slong j = 0; j <= n; j++)
            CHECK(B->fvec[j] == t->fvec[j], "%s: f_%ld = %ld, expected %ld", t->name, (long) j,
                  (long) B->fvec[j], (long) t->fvec[j]);
        CHECK(B->pieces == t->fvec[n - 1] && B->full_pieces == t->fvec[n], "%s: pieces", t->name);
        CHECK(B->cells == t->cells, "%s: %ld cells, expected %ld", t->name, (long) B->cells, (long) t->cells);
        CHECK(B->components == t->components, "%s: %ld components, expected %ld", t->name, (long) B->components,
              (long) t->components);
        if (t->box)
        {
            homology_t H;
            homology_init(H);
            CHECK(boundary_homology(H, net, t->output, T, D, err) == RELU_OK, "%s: %s", t->name, err->msg);
            for (slong j = 0; j <= n; j++)
                CHECK((j <= H->top ? H->betti[j] : 0) == t->betti[j], "%s: b_%ld = %ld, expected %ld", t->name,
                      (long) j, (long) (j <= H->top ? H->betti[j] : 0), (long) t->betti[j]);
            CHECK(homology_euler(H) == boundary_euler(B), "%s: Euler characteristics differ", t->name);
            homology_clear(H);
        }
        else
        {
            homology_t H;
            homology_init(H);
            CHECK(boundary_homology(H, net, t->output, T, D, err) == RELU_E_UNSUPPORTED, "%s: R^n homology",
                  t->name);
            homology_clear(H);
        }

        boundary_class_t K;
        boundary_class_init(K, n);
        int rc = boundary_classify(K, net, t->output, T, err);
        if (t->status < 0)
            CHECK(rc == RELU_E_UNSUPPORTED, "%s: classification should not apply", t->name);
        else
        {
            CHECK(rc == RELU_OK, "%s: %s", t->name, err->msg);
            CHECK(K->status == t->status && K->reasons == t->reasons, "%s: status %d reasons %d", t->name,
                  K->status, K->reasons);
            if (K->status == BOUNDARY_CLASSIFIED)
            {
                CHECK(K->k == t->k, "%s: class %ld, expected %ld", t->name, (long) K->k, (long) t->k);
                CHECK(boundary_class_verify(K, net, t->output, T, err) == RELU_OK, "%s: %s", t->name, err->msg);
                if (!t->box)
                    for (slong j = 0; j <= n; j++)
                        CHECK(K->fvec[j] == t->fvec[j], "%s: class run f_%ld", t->name, (long) j);
            }
            else
                CHECK(boundary_degenerate_str(K->status) != NULL, "%s: reason text", t->name);
        }
        boundary_class_clear(K);
        boundary_clear(B);
        poly_clear(D);
        fmpq_clear(T);
        net_clear(net);
    }

    /* a missing output is bad input for both computations */
    {
        rc_error_t err;
        net_t net;
        fmpq_t T;
        poly_t D;
        boundary_t B;
        boundary_class_t K;
        rc_error_init(err);
        net_init(net);
        fmpq_init(T);
        read_net(net, "missing output", cases[0].json);
        poly_init(D, 2);
        boundary_init(B, 2);
        boundary_class_init(K, 2);
        CHECK(boundary_compute(B, net, 1, T, D, 0, err) == RELU_E_INPUT, "output 1 accepted");
        CHECK(boundary_classify(K, net, 1, T, err) == RELU_E_INPUT, "output 1 accepted by classify");
        CHECK(boundary_classify(K, net, -1, T, err) == RELU_E_INPUT, "output -1 accepted by classify");
        boundary_class_clear(K);
        boundary_clear(B);
        poly_clear(D);
        fmpq_clear(T);
        net_clear(net);
    }

    /* the class f-vectors: f_{d-1} = 2^d - 2^(d-k), f_d = 0, k = 0 empty, and the
       alternating sum is the Euler characteristic with compact support of
       {g_k = 1}, which is (-1)^(d-1) (a hyperplane) for every k >= 1 */
    for (slong d = 1; d <= 12; d++)
        for (slong k = 0; k <= d; k++)
        {
            slong f[13], chi = 0;
            boundary_class_fvector(f, d, k);
            CHECK(f[d - 1] == boundary_class_pieces(d, k) && f[d] == 0, "class f-vector d = %ld k = %ld",
                  (long) d, (long) k);
            for (slong j = 0; j <= d; j++)
            {
                CHECK(k > 0 || f[j] == 0, "k = 0 must be empty");
                chi += (j % 2 == 0) ? f[j] : -f[j];
            }
            CHECK(k == 0 || chi == ((d - 1) % 2 == 0 ? 1 : -1), "euler of class d = %ld k = %ld: %ld",
                  (long) d, (long) k, (long) chi);
        }
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
