/* Every network in tests/data/sage (ground truth computed independently in
   SageMath with exact rationals) agrees on box_regions and
   box_bounded_fvector (inside [-1,1]^n) and, for one hidden layer, on
   R_regions and R_bounded_regions (relatively bounded regions over R^n). */
#include "testutil.h"

static slong
truth_int(const jnode * truth, const char * key)
{
    const jnode * v = jnode_get(truth, key);
    CHECK(v != NULL && v->type == JNODE_NUMBER, "truth key %s", key);
    return atol(v->text);
}

int
main(void)
{
    char path[4096];
    slong cases = 0;
    printf("regions_fixtures....");
    fflush(stdout);
    for (int c = 0; c < 1000; c++)
    {
        snprintf(path, sizeof(path), "%s/sage/case%03d.json", test_data_dir(), c);
        FILE * fp = fopen(path, "r");
        if (fp == NULL)
            break;
        fclose(fp);
        rc_error_t err;
        net_t net;
        jnode * truth = NULL;
        rc_error_init(err);
        net_init(net);
        CHECK(net_read_file(net, path, err) == RELU_OK, "%s", err->msg);
        snprintf(path, sizeof(path), "%s/sage/case%03d.truth.json", test_data_dir(), c);
        CHECK(jnode_parse_file(&truth, path, err) == RELU_OK, "%s", err->msg);

        slong n = net->input_dim;
        poly_t box;
        complex_t C;
        fmpq_t lo, hi;
        fmpq_init(lo); fmpq_init(hi);
        fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
        poly_init(box, n);
        poly_set_box(box, lo, hi);
        complex_init(C, box, net_num_hidden(net), 1);
        test_run(C, net, box);

        CHECK(C->regions == truth_int(truth, "box_regions"), "case %03d: %ld regions, Sage %ld", c,
              (long) C->regions, (long) truth_int(truth, "box_regions"));
        const jnode * fv = jnode_get(truth, "box_bounded_fvector");
        CHECK(fv != NULL && (slong) fv->nitems == n + 1, "case %03d: truth fvector", c);
        for (slong k = 0; k <= n; k++)
            CHECK(C->fvec[k] == atol(fv->items[k]->text), "case %03d: f_%ld = %ld, Sage %s", c, (long) k,
                  (long) C->fvec[k], fv->items[k]->text);

        if (jnode_get(truth, "R_regions") != NULL)
        {
            arrangement_report_t r;
            arrangement_report_init(r);
            CHECK(arrangement_analyze(r, net, err) == RELU_OK, "case %03d: %s", c, err->msg);
            CHECK(r->regions == truth_int(truth, "R_regions"), "case %03d: R regions %ld, Sage %ld", c,
                  (long) r->regions, (long) truth_int(truth, "R_regions"));
            CHECK(r->relatively_bounded == truth_int(truth, "R_bounded_regions"),
                  "case %03d: R bounded %ld, Sage %ld", c, (long) r->relatively_bounded,
                  (long) truth_int(truth, "R_bounded_regions"));
            /* and the region engine with its own checks over R^n */
            poly_t whole;
            complex_t W;
            poly_init(whole, n);
            complex_init(W, whole, net_num_hidden(net), 1);
            test_run(W, net, whole);
            CHECK(W->regions == r->regions, "case %03d", c);
            complex_clear(W);
            poly_clear(whole);
            arrangement_report_clear(r);
        }
        complex_clear(C);
        poly_clear(box);
        fmpq_clear(lo); fmpq_clear(hi);
        jnode_free(truth);
        net_clear(net);
        cases++;
    }
    CHECK(cases >= 30, "found only %ld fixture cases in %s/sage", (long) cases, test_data_dir());
    flint_cleanup();
    printf("PASS (%ld cases)\n", (long) cases);
    return 0;
}
