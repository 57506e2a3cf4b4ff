/* Hand-made degenerate networks with answers worked out by hand (each case
   says how): zero rows, repeated and opposite neurons, hyperplanes through
   box corners and through one common point, bent hyperplanes through
   vertices, neurons constant (and identically zero) on regions. */
#include "testutil.h"

typedef struct
{
    const char * name;
    const char * json;
    int box;              /* 0: R^n; else the box [-box, box]^n */
    slong regions;
    slong bounded;
    slong fvec[4];
    const char * first_pattern;   /* lexicographically first region, or NULL */
}
degenerate_case;

static const degenerate_case cases[] = {
    /* four lines through 0 (x=0, y=0, x=y, x=-y) plus a rescaled copy of x=0,
       an opposite copy of y=0 and two zero rows: 8 sectors; f = 1 vertex,
       8 rays, 8 sectors (chi = 1 - 8 + 8 = (-1)^2). */
    { "lines through a point, R^2",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1],[1,-1],[1,1],[2,0],[0,-1],[0,0],[0,0]],"
      "\"biases\":[0,0,0,0,0,0,1,0]},{\"weights\":[[1,1,1,1,1,1,1,1]],\"biases\":[0]}]}",
      0, 8, 0, { 1, 8, 8 }, "00000110" },
    /* the same in [-1,1]^2: the diagonals end in the corners, the axes in the
       edge midpoints; vertices 4 corners + 4 midpoints + centre = 9; edges 8
       half-sides + 8 spokes = 16; 8 triangles. */
    { "lines through a point and box corners",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1],[1,-1],[1,1],[2,0],[0,-1],[0,0],[0,0]],"
      "\"biases\":[0,0,0,0,0,0,1,0]},{\"weights\":[[1,1,1,1,1,1,1,1]],\"biases\":[0]}]}",
      1, 8, 8, { 9, 16, 8 }, NULL },
    /* R^1: x, x, -x, constant 1, constant 0: one point splits the line. */
    { "repeated, opposite and zero neurons in R^1",
      "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[1],[-1],[0],[0]],\"biases\":[0,0,0,1,0]},"
      "{\"weights\":[[1,1,1,1,1]],\"biases\":[0]}]}",
      0, 2, 0, { 1, 2 }, "00110" },
    /* layer 1: relu(x), relu(-x) split [-2,2] at 0; layer 2: relu(x) - 1 is the
       constant -1 on [-2,0] and cuts [0,2] at 1; 0 is identically zero; relu(-x)
       is identically zero on [0,2] and positive inside [-2,0]. Regions
       [-2,0], [0,1], [1,2]: patterns 01|001, 10|000, 10|100. */
    { "constant and identically zero neurons in layer 2",
      "{\"input_dim\":1,\"layers\":[{\"weights\":[[1],[-1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,0],[0,0],[0,1]],\"biases\":[-1,0,0]},{\"weights\":[[1,1,1]],\"biases\":[0]}]}",
      2, 3, 3, { 4, 3 }, "01001" },
    /* axes split [-1,1]^2 into quadrants; relu(x) + relu(y) - 1 cuts only the
       first quadrant, along the segment from (1,0) to (0,1), both already
       vertices. Vertices 9, edges 8 half-sides + 4 half-axes + 1 = 13, 5 regions. */
    { "bent hyperplane through existing vertices",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[0,1]],\"biases\":[0,0]},"
      "{\"weights\":[[1,1]],\"biases\":[-1]},{\"weights\":[[1]],\"biases\":[0]}]}",
      1, 5, 5, { 9, 13, 5 }, "000" },
    /* x=0, y=0, z=0, x+y+z=0 in R^3: central, generic: 2 (1 + 3 + 3) = 14 cones;
       6 lines -> 12 rays; each plane cut by 3 lines -> 6 sectors, 24 in all. */
    { "four planes through the origin of R^3",
      "{\"input_dim\":3,\"layers\":[{\"weights\":[[1,0,0],[0,1,0],[0,0,1],[1,1,1]],\"biases\":[0,0,0,0]},"
      "{\"weights\":[[1,1,1,1]],\"biases\":[0]}]}",
      0, 14, 0, { 1, 12, 24, 14 }, NULL },
    /* two parallel lines x = 0, x = 1 in R^2 (lineality y): three strips/halves,
       no vertices; f = [0, 2, 3] (chi = -2 + 3 = 1). */
    { "parallel lines in R^2 (lineality)",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,0],[1,0]],\"biases\":[0,-1]},"
      "{\"weights\":[[1,1]],\"biases\":[0]}]}",
      0, 3, 0, { 0, 2, 3 }, "00" },
    /* no hidden layer: one region, the domain itself */
    { "affine network",
      "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,2]],\"biases\":[3]}]}",
      1, 1, 1, { 4, 4, 1 }, "" },
};

static int
first_pattern(void * data, const region_struct * R)
{
    region_pattern_str(data, R);
    return 1;   /* stop after the first region */
}

int
main(void)
{
    printf("regions_degenerate....");
    fflush(stdout);
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
    {
        const degenerate_case * t = cases + c;
        rc_error_t err;
        jnode * root;
        net_t net;
        rc_error_init(err);
        CHECK(jnode_parse(&root, t->json, strlen(t->json), err) == RELU_OK, "%s: %s", t->name, err->msg);
        net_init(net);
        CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s: %s", t->name, err->msg);
        jnode_free(root);
        slong n = net->input_dim;
        poly_t D;
        complex_t C;
        poly_init(D, n);
        if (t->box)
        {
            fmpq_t lo, hi;
            fmpq_init(lo); fmpq_init(hi);
            fmpq_set_si(lo, -t->box, 1); fmpq_set_si(hi, t->box, 1);
            poly_set_box(D, lo, hi);
            fmpq_clear(lo); fmpq_clear(hi);
        }
        complex_init(C, D, net_num_hidden(net), 1);
        test_run(C, net, D);
        CHECK(C->regions == t->regions, "%s: %ld regions, expected %ld", t->name, (long) C->regions,
              (long) t->regions);
        CHECK(C->bounded == t->bounded, "%s: %ld bounded, expected %ld", t->name, (long) C->bounded,
              (long) t->bounded);
        for (slong k = 0; k <= n; k++)
            CHECK(C->fvec[k] == t->fvec[k], "%s: f_%ld = %ld, expected %ld", t->name, (long) k,
                  (long) C->fvec[k], (long) t->fvec[k]);
        if (t->first_pattern != NULL)
        {
            char pat[64];
            CHECK(regions_enumerate(net, D, first_pattern, pat) == 1, "%s: stop", t->name);
            CHECK(!strcmp(pat, t->first_pattern), "%s: first pattern %s, expected %s", t->name, pat,
                  t->first_pattern);
        }
        complex_clear(C);
        poly_clear(D);
        net_clear(net);
    }
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
