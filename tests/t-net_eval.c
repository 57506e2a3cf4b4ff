/* Exact evaluation agrees with hand computation, and on every input x the
   network equals the affine map of its own activation pattern at x:
   net(x) = M x + c with (M, c) = net_affine_of_pattern(pattern(x)). At a
   neuron with pre-activation 0 either choice of active gives the same value
   (relu(0) = 0), so the test picks it at random there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/net.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

static int
is(const fmpq_t x, const char * expect)
{
    fmpq_t y;
    fmpq_init(y);
    fmpq_set_str(y, expect, 10);
    fmpq_canonicalise(y);
    int eq = fmpq_equal(x, y);
    fmpq_clear(y);
    return eq;
}

/* The network of INTERFACE.md:
     W1 = [[1, -1/2], [1/4, 3]], b1 = [0, 1/3], W2 = [[1, -1]], b2 = [-1/20].
   By hand, z = W1 x + b1 and y = relu(z1) - relu(z2) - 1/20:
     x = (0, 0):      z = (0, 1/3)              signs (0, +)  y = -1/3 - 1/20          = -23/60
     x = (1, 1):      z = (1/2, 43/12)          signs (+, +)  y = 1/2 - 43/12 - 1/20   = -47/15
     x = (2, -1):     z = (5/2, -13/6)          signs (+, -)  y = 5/2 - 1/20           = 49/20
     x = (-1/2, 1/3): z = (-2/3, 29/24)         signs (-, +)  y = -29/24 - 1/20        = -151/120 */
static void
check_example(void)
{
    const char * text =
        "{\"input_dim\": 2,\n"
        " \"layers\": [{\"weights\": [[1, \"-1/2\"], [\"0.25\", 3]], \"biases\": [0, \"1/3\"]},\n"
        "            {\"weights\": [[1, -1]], \"biases\": [\"-1/20\"]}]}";
    static const char * pts[4][2] = { { "0", "0" }, { "1", "1" }, { "2", "-1" }, { "-1/2", "1/3" } };
    static const char * ys[4] = { "-23/60", "-47/15", "49/20", "-151/120" };
    static const signed char sg[4][2] = { { 0, 1 }, { 1, 1 }, { 1, -1 }, { -1, 1 } };
    rc_error_t err;
    jnode * root;
    net_t net;
    fmpq * x = _fmpq_vec_init(2);
    fmpq * y = _fmpq_vec_init(1);
    fmpq * c = _fmpq_vec_init(1);
    fmpq_mat_t M;
    signed char signs[2];
    unsigned char active[2];
    rc_error_init(err);
    net_init(net);
    fmpq_mat_init(M, 1, 2);
    CHECK(jnode_parse(&root, text, strlen(text), err) == RELU_OK, "%s", err->msg);
    CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s", err->msg);
    jnode_free(root);
    for (int k = 0; k < 4; k++)
    {
        fmpq_set_str(x + 0, pts[k][0], 10);
        fmpq_set_str(x + 1, pts[k][1], 10);
        net_eval(y, signs, net, x);
        CHECK(is(y, ys[k]), "point %d: y = %s, expected %s", k, fmpq_get_str(NULL, 10, y), ys[k]);
        CHECK(signs[0] == sg[k][0] && signs[1] == sg[k][1], "point %d: signs %d %d", k, signs[0], signs[1]);
        net_eval(y, NULL, net, x);
        CHECK(is(y, ys[k]), "point %d without signs", k);
        for (int i = 0; i < 2; i++)
            active[i] = signs[i] > 0;
        net_affine_of_pattern(M, c, net, active);
        fmpq_mul(y, fmpq_mat_entry(M, 0, 0), x + 0);
        fmpq_addmul(y, fmpq_mat_entry(M, 0, 1), x + 1);
        fmpq_add(y, y, c);
        CHECK(is(y, ys[k]), "point %d: affine map gives %s", k, fmpq_get_str(NULL, 10, y));
    }
    /* pattern (+, -): M = [1, -1/2], c = -1/20 */
    active[0] = 1;
    active[1] = 0;
    net_affine_of_pattern(M, c, net, active);
    CHECK(is(fmpq_mat_entry(M, 0, 0), "1") && is(fmpq_mat_entry(M, 0, 1), "-1/2") && is(c, "-1/20"),
          "affine map of pattern 10");
    /* pattern (+, +): M = [1 - 1/4, -1/2 - 3] = [3/4, -7/2], c = -1/3 - 1/20 = -23/60 */
    active[1] = 1;
    net_affine_of_pattern(M, c, net, active);
    CHECK(is(fmpq_mat_entry(M, 0, 0), "3/4") && is(fmpq_mat_entry(M, 0, 1), "-7/2") && is(c, "-23/60"),
          "affine map of pattern 11");
    fmpq_mat_clear(M);
    _fmpq_vec_clear(x, 2);
    _fmpq_vec_clear(y, 1);
    _fmpq_vec_clear(c, 1);
    net_clear(net);
}

static int
vec_equal(const fmpq * a, const fmpq * b, slong n)
{
    for (slong i = 0; i < n; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

static void
random_net(net_t net, flint_rand_t state)
{
    slong nlayers = 1 + (slong) n_randint(state, 4);
    slong widths[5];
    for (slong i = 0; i <= nlayers; i++)
        widths[i] = 1 + (slong) n_randint(state, 4);
    net_init_shape(net, nlayers, widths);
    /* small integers make zero pre-activations (ties) common */
    int small = n_randint(state, 2);
    for (slong l = 0; l < nlayers; l++)
    {
        net_layer_struct * L = net->layers + l;
        for (slong i = 0; i < L->W->r; i++)
        {
            for (slong j = 0; j < L->W->c; j++)
                if (small)
                    fmpq_set_si(fmpq_mat_entry(L->W, i, j), (slong) n_randint(state, 5) - 2, 1);
                else
                    fmpq_randtest(fmpq_mat_entry(L->W, i, j), state, 1 + n_randint(state, 40));
            if (small)
                fmpq_set_si(L->b + i, (slong) n_randint(state, 3) - 1, 1);
            else
                fmpq_randtest(L->b + i, state, 1 + n_randint(state, 40));
        }
    }
}

static void
check_random(flint_rand_t state)
{
    for (int iter = 0; iter < 500; iter++)
    {
        net_t net;
        random_net(net, state);
        slong n = net->input_dim, m = net_num_outputs(net), h = net_num_hidden(net);
        fmpq * x = _fmpq_vec_init(n);
        fmpq * y = _fmpq_vec_init(m);
        fmpq * c = _fmpq_vec_init(m);
        fmpq_t t;
        fmpq_mat_t M;
        signed char * signs = flint_malloc(h + 1);
        unsigned char * active = flint_malloc(h + 1);
        fmpq_init(t);
        fmpq_mat_init(M, m, n);
        for (int pt = 0; pt < 5; pt++)
        {
            for (slong j = 0; j < n; j++)
                if (pt == 0)
                    fmpq_zero(x + j);
                else
                    fmpq_randtest(x + j, state, 1 + n_randint(state, 30));
            net_eval(y, signs, net, x);
            for (slong k = 0; k < h; k++)
            {
                CHECK(signs[k] >= -1 && signs[k] <= 1, "sign %d", signs[k]);
                active[k] = signs[k] > 0 || (signs[k] == 0 && n_randint(state, 2));
            }
            net_affine_of_pattern(M, c, net, active);
            for (slong i = 0; i < m; i++)
            {
                fmpq_set(t, c + i);
                for (slong j = 0; j < n; j++)
                    fmpq_addmul(t, fmpq_mat_entry(M, i, j), x + j);
                CHECK(fmpq_equal(t, y + i), "iter %d point %d output %ld: M x + c differs from net(x)",
                      iter, pt, (long) i);
            }
            /* signs are those of the pre-activations: recompute layer 1 by hand */
            for (slong i = 0; i < net->layers[0].W->r && net->nlayers > 1; i++)
            {
                fmpq_set(t, net->layers[0].b + i);
                for (slong j = 0; j < n; j++)
                    fmpq_addmul(t, fmpq_mat_entry(net->layers[0].W, i, j), x + j);
                CHECK(fmpq_sgn(t) == signs[i], "first-layer sign %ld", (long) i);
            }
            /* output may overwrite the input */
            if (m == n)
            {
                net_eval(x, NULL, net, x);
                CHECK(vec_equal(x, y, n), "aliased evaluation");
            }
        }
        fmpq_mat_clear(M);
        fmpq_clear(t);
        flint_free(signs);
        flint_free(active);
        _fmpq_vec_clear(x, n);
        _fmpq_vec_clear(y, m);
        _fmpq_vec_clear(c, m);
        net_clear(net);
    }
}

int
main(void)
{
    flint_rand_t state;
    printf("net_eval....");
    fflush(stdout);
    flint_randinit(state);

    check_example();
    check_random(state);

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
