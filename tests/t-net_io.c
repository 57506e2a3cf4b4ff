/* Networks survive read -> write -> read exactly (big integers, "p/q",
   quoted and unquoted decimals, optional keys), and write -> read -> write
   gives the same bytes: the written form is canonical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "net/net.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

static void
read_text(net_t net, const char * text)
{
    rc_error_t err;
    jnode * root;
    rc_error_init(err);
    CHECK(jnode_parse(&root, text, strlen(text), err) == RELU_OK, "%s", err->msg);
    CHECK(net_read_jnode(net, root, err) == RELU_OK, "%s", err->msg);
    jnode_free(root);
}

/* The canonical text of a network (caller frees). */
static char *
write_text(const net_t net, int pretty)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    jout_t out;
    jout_init(out, fp, pretty, 0);
    net_write_jout(out, net);
    jout_clear(out);
    fclose(fp);
    return buf;
}

static int
entry_is(const fmpq_t x, const char * expect)
{
    fmpq_t y;
    fmpq_init(y);
    fmpq_set_str(y, expect, 10);
    fmpq_canonicalise(y);
    int eq = fmpq_equal(x, y);
    fmpq_clear(y);
    return eq;
}

/* read -> write -> read equal, and the second write is byte for byte the first */
static void
check_round_trip(const net_t net)
{
    for (int pretty = 0; pretty <= 1; pretty++)
    {
        net_t a, b;
        net_init(a);
        net_init(b);
        char * s1 = write_text(net, pretty);
        read_text(a, s1);
        CHECK(net_equal(a, net), "read(write(net)) != net:\n%s", s1);
        char * s2 = write_text(a, pretty);
        CHECK(strcmp(s1, s2) == 0, "second write differs:\n%s\n%s", s1, s2);
        read_text(b, s2);
        CHECK(net_equal(a, b), "third read differs");
        free(s1);
        free(s2);
        net_clear(a);
        net_clear(b);
    }
}

static void
check_example(void)
{
    /* the example of INTERFACE.md plus everything the format allows */
    const char * text =
        "{\"input_dim\": 2,\n"
        " \"layers\": [{\"weights\": [[1, \"-1/2\"], [\"0.25\", 3]], \"biases\": [0, \"1/3\"]},\n"
        "            {\"weights\": [[1, -1]], \"biases\": [\"-1/20\"]}]}";
    net_t net, copy;
    net_init(net);
    net_init(copy);
    read_text(net, text);
    CHECK(net->input_dim == 2 && net->nlayers == 2, "shape");
    CHECK(net_num_hidden_layers(net) == 1 && net_num_hidden(net) == 2 && net_num_outputs(net) == 1, "counts");
    CHECK(entry_is(fmpq_mat_entry(net->layers[0].W, 0, 1), "-1/2"), "W1[0,1]");
    CHECK(entry_is(fmpq_mat_entry(net->layers[0].W, 1, 0), "1/4"), "W1[1,0]");
    CHECK(entry_is(net->layers[1].b, "-1/20"), "b2");
    CHECK(net->name == NULL && net->activation == NULL && net->meta == NULL, "optional keys invented");
    char * s = write_text(net, 0);
    const char * expect = "{\"input_dim\":2,\"layers\":[{\"weights\":[[1,\"-1/2\"],[\"1/4\",3]],\"biases\":[0,\"1/3\"]},"
                          "{\"weights\":[[1,-1]],\"biases\":[\"-1/20\"]}]}\n";
    CHECK(strcmp(s, expect) == 0, "canonical form:\n%s", s);
    free(s);
    check_round_trip(net);
    net_set(copy, net);
    CHECK(net_equal(copy, net), "net_set");
    net_set(copy, copy);
    CHECK(net_equal(copy, net), "net_set aliased");
    net_clear(net);
    net_clear(copy);
}

static void
check_exact_numbers(void)
{
    const char * text =
        "{\"name\": \"exact \\u00e9\", \"input_dim\": 3, \"activation\": \"relu\",\n"
        " \"meta\": {\"seed\": 12345678901234567890123, \"eps\": 1e-400, \"tags\": [\"a\", null, true, 0.1],\n"
        "          \"nested\": {\"x\": [[-2.50E+3]]}},\n"
        " \"layers\": [{\"weights\": [[0.1, \"0.1\", \"-1e-3\"],\n"
        "                          [123456789012345678901234567890, \"-98765432109876543210/3\", 2.5E+2],\n"
        "                          [\"6/4\", -0, \".5\"]],\n"
        "             \"biases\": [1e2, \"-0.125\", \"7\"]},\n"
        "            {\"weights\": [[1, 2, 3], [0, 0, 0]], \"biases\": [\"1/7\", -1]},\n"
        "            {\"weights\": [[\"1.\", -1]], \"biases\": [0]}]}";
    net_t net;
    net_init(net);
    read_text(net, text);
    const fmpq_mat_struct * W = net->layers[0].W;
    CHECK(entry_is(fmpq_mat_entry(W, 0, 0), "1/10"), "unquoted 0.1 is not exactly 1/10");
    CHECK(entry_is(fmpq_mat_entry(W, 0, 1), "1/10"), "quoted 0.1");
    CHECK(entry_is(fmpq_mat_entry(W, 0, 2), "-1/1000"), "-1e-3");
    CHECK(entry_is(fmpq_mat_entry(W, 1, 0), "123456789012345678901234567890"), "big integer");
    CHECK(entry_is(fmpq_mat_entry(W, 1, 1), "-98765432109876543210/3"), "big fraction");
    CHECK(entry_is(fmpq_mat_entry(W, 1, 2), "250"), "2.5E+2");
    CHECK(entry_is(fmpq_mat_entry(W, 2, 0), "3/2"), "6/4");
    CHECK(entry_is(fmpq_mat_entry(W, 2, 1), "0"), "-0");
    CHECK(entry_is(fmpq_mat_entry(W, 2, 2), "1/2"), ".5");
    CHECK(entry_is(net->layers[0].b + 0, "100"), "1e2");
    CHECK(entry_is(net->layers[0].b + 1, "-1/8"), "-0.125");
    CHECK(strcmp(net->name, "exact \xc3\xa9") == 0 && strcmp(net->activation, "relu") == 0, "name, activation");
    CHECK(net->meta != NULL && strcmp(jnode_get(net->meta, "seed")->text, "12345678901234567890123") == 0,
          "meta kept");
    char * s = write_text(net, 0);
    CHECK(strstr(s, "\"meta\":{\"seed\":12345678901234567890123,\"eps\":1e-400,\"tags\":[\"a\",null,true,0.1],"
                    "\"nested\":{\"x\":[[-2.50E+3]]}}") != NULL, "meta not verbatim:\n%s", s);
    CHECK(strstr(s, "{\"input_dim\":3,\"layers\":") == s, "key order:\n%s", s);
    CHECK(strstr(s, "]}],\"name\":\"exact \xc3\xa9\",\"activation\":\"relu\",\"meta\":") != NULL, "key order:\n%s", s);
    free(s);
    check_round_trip(net);
    net_clear(net);
}

static void
random_net(net_t net, flint_rand_t state)
{
    slong nlayers = 1 + (slong) n_randint(state, 4);
    slong widths[5];
    for (slong i = 0; i <= nlayers; i++)
        widths[i] = 1 + (slong) n_randint(state, 5);
    net_init_shape(net, nlayers, widths);
    flint_bitcnt_t bits = n_randint(state, 10) == 0 ? 2000 : 1 + n_randint(state, 80);
    for (slong l = 0; l < nlayers; l++)
    {
        net_layer_struct * L = net->layers + l;
        for (slong i = 0; i < L->W->r; i++)
        {
            for (slong j = 0; j < L->W->c; j++)
                fmpq_randtest(fmpq_mat_entry(L->W, i, j), state, 1 + n_randint(state, bits));
            fmpq_randtest(L->b + i, state, 1 + n_randint(state, bits));
        }
    }
    if (n_randint(state, 2))
    {
        net->name = flint_malloc(16);
        snprintf(net->name, 16, "net %d", (int) n_randint(state, 1000));
    }
    if (n_randint(state, 2))
    {
        net->activation = flint_malloc(5);
        strcpy(net->activation, "relu");
    }
    if (n_randint(state, 2))
    {
        rc_error_t err;
        const char * meta = "{\"k\": [1.50, \"2/4\", {\"z\": -1e-999}]}";
        rc_error_init(err);
        CHECK(jnode_parse(&net->meta, meta, strlen(meta), err) == RELU_OK, "%s", err->msg);
    }
}

static void
check_random(flint_rand_t state)
{
    for (int iter = 0; iter < 200; iter++)
    {
        net_t net;
        random_net(net, state);
        check_round_trip(net);
        net_clear(net);
    }
}

/* net_equal notices every kind of difference. */
static void
check_equal(flint_rand_t state)
{
    net_t a, b;
    random_net(a, state);
    net_init(b);
    net_set(b, a);
    CHECK(net_equal(a, b), "copy");
    fmpq_add_si(fmpq_mat_entry(b->layers[0].W, 0, 0), fmpq_mat_entry(b->layers[0].W, 0, 0), 1);
    CHECK(!net_equal(a, b), "weight change not seen");
    net_set(b, a);
    fmpq_add_si(b->layers[b->nlayers - 1].b, b->layers[b->nlayers - 1].b, 1);
    CHECK(!net_equal(a, b), "bias change not seen");
    net_set(b, a);
    flint_free(b->name);
    b->name = flint_malloc(8);
    strcpy(b->name, "other");
    CHECK(!net_equal(a, b), "name change not seen");
    net_clear(a);
    net_clear(b);
}

static void
check_files(void)
{
    char path[] = "/tmp/t-net_io-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    rc_error_t err;
    net_t a, b;
    rc_error_init(err);
    net_init(a);
    net_init(b);
    read_text(a, "{\"input_dim\": 1, \"layers\": [{\"weights\": [[\"1/3\"]], \"biases\": [0.5]}]}");
    CHECK(net_write_file(path, a, err) == RELU_OK, "%s", err->msg);
    CHECK(net_read_file(b, path, err) == RELU_OK, "%s", err->msg);
    CHECK(net_equal(a, b), "file round trip");
    /* reading over a network that already has layers replaces it */
    CHECK(net_read_file(b, path, err) == RELU_OK, "%s", err->msg);
    CHECK(net_equal(a, b), "second read");
    unlink(path);
    CHECK(net_read_file(b, path, err) == RELU_E_IO, "missing file read");
    CHECK(strstr(err->msg, "cannot read") != NULL && strstr(err->msg, path) != NULL, "%s", err->msg);
    CHECK(net_equal(a, b), "failed read changed the network");
    CHECK(net_write_file("/nonexistent/dir/net.json", a, err) == RELU_E_IO, "write to missing dir");
    CHECK(strstr(err->msg, "cannot write /nonexistent/dir/net.json") != NULL, "%s", err->msg);
    net_clear(a);
    net_clear(b);
}

int
main(void)
{
    flint_rand_t state;
    printf("net_io....");
    fflush(stdout);
    flint_randinit(state);

    check_example();
    check_exact_numbers();
    check_random(state);
    check_equal(state);
    check_files();

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
