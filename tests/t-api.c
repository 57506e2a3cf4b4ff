/* The binding facade (src/api): every entry point on good and bad input, so
   that the sanitizer build (leak detection on) checks it frees everything on
   every path, and that bad input is an error code with a message, never an
   abort. The Python tests (python/tests) check the values. */
#include "testutil.h"
#include "api/api.h"

#define EXPECT_ERR(call, want) do { rc_error_init(err); void * r_ = (void *) (call); \
    CHECK(r_ == NULL && err->code == (want) && err->msg[0], "%s: expected error %d, got %d (%s)", #call, \
          (want), err->code, err->msg); } while (0)

int
main(void)
{
    char path[1024];
    rc_error_t err;
    snprintf(path, sizeof(path), "%s/sage/case005.json", test_data_dir());
    net_struct * net = api_net_read_file(path, err);
    CHECK(net != NULL, "%s", err->msg);
    char * s = api_net_json(net);
    net_struct * again = api_net_read_string(s, strlen(s), err);
    CHECK(again != NULL, "%s", err->msg);
    api_string_free(s);
    api_net_free(again);

    api_domain * box = api_domain_new(net->input_dim, "box", "-1,1", err);
    CHECK(box != NULL, "%s", err->msg);
    api_regions * it = api_regions_new(net, box, err);
    char * rec;
    slong count = 0;
    while (api_regions_next(it, &rec, err) == 1)
    {
        count++;
        api_string_free(rec);
    }
    s = api_regions_summary(it, err);
    CHECK(s != NULL && strstr(s, "\"regions\":10") != NULL, "summary %s", s ? s : err->msg);
    api_string_free(s);
    api_regions_free(it);
    CHECK(count == 10, "%ld regions", (long) count);
    /* stopped early */
    it = api_regions_new(net, box, err);
    api_regions_next(it, &rec, err);
    api_string_free(rec);
    api_regions_free(it);

    s = api_net_eval(net, "0,-1/2", err);
    CHECK(s != NULL, "%s", err->msg);
    api_string_free(s);
    s = api_homology_json(net, box, "superlevel", "0", 0, err);
    CHECK(s != NULL, "%s", err->msg);
    api_string_free(s);
    s = api_boundary_json(net, box, "1/2", 0, err);
    CHECK(s != NULL, "%s", err->msg);
    api_string_free(s);
    s = api_arrangement_json(net, err);
    CHECK(s != NULL || err->code == RELU_E_UNSUPPORTED, "%s", err->msg);
    api_string_free(s);

    /* a max over 3 entries: a max group; max(1, 3, 2) = 3 on the piece of the second entry */
    plnet_struct * g = NULL;
    snprintf(path, sizeof(path), "%s/plnet/max3_region.json", test_data_dir());
    net_struct * mx = api_net_read_file_graph(path, &g, err);
    CHECK(mx != NULL && g == NULL && net_has_groups(mx), "max group: %s", err->msg);
    s = api_net_eval(mx, "1,3,2", err);
    CHECK(s != NULL && strstr(s, "\"output\":[3]") != NULL && strstr(s, "\"pattern\":\"010\"") != NULL,
          "max group eval %s", s ? s : err->msg);
    api_string_free(s);
    api_domain * box3 = api_domain_new(3, "box", "-1,1", err);
    CHECK(box3 != NULL, "%s", err->msg);
    EXPECT_ERR(api_boundary_json(mx, box3, "1/2", 0, err), RELU_E_UNSUPPORTED);
    CHECK(strstr(err->msg, "max over more than two entries") != NULL, "%s", err->msg);
    api_domain_free(box3);
    api_net_free(mx);
    const char * gt = "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [2]},"
                      " \"nodes\": [{\"name\": \"r\", \"op\": \"relu\", \"inputs\": [\"x\"]}], \"outputs\": [\"r\"]}";
    net_struct * low = api_net_read_string_graph(gt, strlen(gt), &g, err);
    CHECK(low != NULL && g == NULL, "a graph with a lowering: %s", err->msg);
    api_net_free(low);
    EXPECT_ERR(api_net_read_string_graph("{", 1, &g, err), RELU_E_SYNTAX);
    CHECK(g == NULL, "no graph kept on a syntax error");

    /* bad input: error codes and messages, never aborts, nothing leaked */
    EXPECT_ERR(api_net_eval(net, "1,2,3", err), RELU_E_INPUT);
    EXPECT_ERR(api_net_eval(net, "1,x", err), RELU_E_SYNTAX);
    EXPECT_ERR(api_net_eval(net, NULL, err), RELU_E_INPUT);
    EXPECT_ERR(api_homology_json(net, box, "middle", "0", 0, err), RELU_E_INPUT);
    EXPECT_ERR(api_homology_json(net, box, "level", "1/0", 0, err), RELU_E_INPUT);
    EXPECT_ERR(api_homology_json(net, box, "level", "0", 1, err), RELU_E_INPUT);
    EXPECT_ERR(api_boundary_json(net, box, "0", -1, err), RELU_E_INPUT);
    EXPECT_ERR(api_boundary_json(net, NULL, "0", 0, err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(2, "box", "1,-1", err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(2, "box", "1", err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(2, "ball", "1", err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(0, "whole", NULL, err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(2, "json", "{\"A\": [[1, 0]], \"b\": [\"1/0\"]}", err), RELU_E_INPUT);
    EXPECT_ERR(api_domain_new(2, "json", "{\"A\": [[1, 0]]", err), RELU_E_SYNTAX);
    EXPECT_ERR(api_domain_new(2, "file", "/nonexistent.json", err), RELU_E_IO);
    EXPECT_ERR(api_net_read_file("/nonexistent.json", err), RELU_E_IO);
    EXPECT_ERR(api_net_read_string("{\"input_dim\": 1}", 16, err), RELU_E_INPUT);
    EXPECT_ERR(api_net_read_string("{", 1, err), RELU_E_SYNTAX);
    EXPECT_ERR(api_polytope_new("json", "[]", err), RELU_E_INPUT);
    EXPECT_ERR(api_polytope_new("svg", "x", err), RELU_E_INPUT);
    api_domain * wrong = api_domain_new(net->input_dim + 1, "whole", NULL, err);
    EXPECT_ERR(api_regions_new(net, wrong, err), RELU_E_INPUT);
    api_domain_free(wrong);

    snprintf(path, sizeof(path), "%s/polytopes/cube3.json", test_data_dir());
    polytope_struct * Q = api_polytope_new("file", path, err);
    CHECK(Q != NULL, "%s", err->msg);
    s = api_polytope_json(Q);
    api_string_free(s);
    s = api_polar_json(Q, NULL, err);
    CHECK(s != NULL && strstr(s, "\"verified\":true"), "%s", s ? s : err->msg);
    api_string_free(s);
    s = api_polar_json(Q, "auto", err);
    CHECK(s != NULL, "%s", err->msg);
    api_string_free(s);
    EXPECT_ERR(api_polar_json(Q, "5,5,5", err), RELU_E_INPUT);
    EXPECT_ERR(api_polar_json(Q, "1,2", err), RELU_E_INPUT);
    api_polytope_free(Q);

    api_domain_free(box);
    api_net_free(net);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
