/* The analyses a batch job can ask for, each through its module's one library
   call and one JSON writer (the same as the command of that name prints). */
#include <stdlib.h>
#include <string.h>
#include "batch/batch.h"
#include "poly/poly.h"
#include "complex/summary.h"
#include "arrangement/arrangement.h"
#include "homology/homology.h"
#include "graph/graph.h"
#include "boundary/boundary.h"
#include "decision/decision.h"
#include "num/num.h"

typedef struct
{
    poly_t domain;
    char desc[256];
    fmpq_t T;             /* the threshold, 0 by default */
    slong output;
}
batch_inputs;

/* one_output: the analysis works on one output f_i (homology, persistence, boundary, and
   dualgraph's classes against a threshold); regions, arrangement and decision need none */
static int
_inputs_init(batch_inputs * I, const net_t net, const batch_job_struct * J, int one_output, rc_error_t err)
{
    poly_init(I->domain, net->input_dim);
    fmpq_init(I->T);
    I->output = 0;
    int status = poly_domain_set(I->domain, I->desc, sizeof(I->desc), J->box ? "box" : J->domain ? "file" : "whole",
                                 J->box ? J->box : J->domain, "\"box\"", err);
    if (status == RELU_OK && J->threshold != NULL && num_parse_fmpq(I->T, J->threshold, strlen(J->threshold), err))
    {
        rc_error_prefix(err, "threshold");
        status = err->code;
    }
    slong m = net_num_outputs(net);
    if (status == RELU_OK && J->output != NULL)
    {
        char * end;
        long v = strtol(J->output, &end, 10);
        if (*end || v < 0 || v >= m)
            status = rc_error_set(err, RELU_E_INPUT, "\"output\": expected an output index from 0 to %ld, got %s",
                                  (long) m - 1, J->output);
        I->output = v;
    }
    else if (status == RELU_OK && m > 1 && one_output)
        status = rc_error_set(err, RELU_E_INPUT, "the network has %ld outputs: choose one with \"output\"", (long) m);
    return status;
}

static void
_inputs_clear(batch_inputs * I)
{
    poly_clear(I->domain);
    fmpq_clear(I->T);
}

static int
_regions(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    complex_summary_options o;
    complex_summary_t S;
    complex_summary_options_init(&o);
    complex_summary_init(S, net, I->domain, I->desc, 0);
    int status = complex_summary_compute(S, net, I->domain, &o, err);
    if (status == RELU_OK)
        complex_summary_write_json(out, S);
    complex_summary_clear(S);
    return status;
}

static int
_arrangement(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    /* counts of R^n: a box or a polyhedron would not be honoured, so it is refused */
    if (J->box != NULL || J->domain != NULL)
        return rc_error_set(err, RELU_E_INPUT, "the arrangement counts the regions of R^n: this job's box or "
                            "domain would be ignored (give the arrangement its own job, without a domain)");
    arrangement_report_t r;
    arrangement_report_init(r);
    int status = arrangement_analyze(r, net, err);
    if (status == RELU_OK)
        arrangement_report_write_json(out, r);
    arrangement_report_clear(r);
    return status;
}

static int
_homology(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    homology_set_t S;
    homology_set_init(S);
    int status = homology_set_compute(S, net, I->output, "superlevel", I->T, I->domain, I->desc, 0, err);
    if (status == RELU_OK)
        homology_set_write_json(out, S);
    homology_set_clear(S);
    return status;
}

static int
_persistence(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    persistence_report_t R;
    persistence_report_init(R);
    int status = persistence_analyze(R, net, I->output, I->domain, I->desc, 2, err);
    if (status == RELU_OK)
        persistence_report_write_json(out, R);
    persistence_report_clear(R);
    return status;
}

static int
_dualgraph(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    dualgraph_report_t R;
    dualgraph_report_init(R);
    int status = dualgraph_analyze(R, net, I->domain, I->desc, I->output, J->threshold ? I->T : NULL, 0, 0, err);
    if (status == RELU_OK)
        dualgraph_report_write_json(out, R);
    dualgraph_report_clear(R);
    return status;
}

static int
_boundary(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    boundary_analysis_t A;
    boundary_analysis_init(A);
    int status = boundary_analyze(A, net, J->network, I->output, I->T, I->domain, I->desc, 0, 0, err);
    if (status == RELU_OK)
        boundary_analysis_write_json(out, A);
    boundary_analysis_clear(A);
    return status;
}

static int
_decision(jout_t out, const net_t net, const batch_job_struct * J, batch_inputs * I, rc_error_t err)
{
    decision_t D;
    decision_init(D);
    int status = decision_analyze(D, net, I->domain, I->desc, 0, err);
    if (status == RELU_OK)
        decision_write_json(out, D);
    decision_clear(D);
    return status;
}

typedef int (*batch_analysis_fn)(jout_t, const net_t, const batch_job_struct *, batch_inputs *, rc_error_t);

int
batch_analysis_write(jout_t out, const char * analysis, const net_t net, const batch_job_struct * J, rc_error_t err)
{
    static const batch_analysis_fn fns[BATCH_NUM_ANALYSES] =
        { _regions, _arrangement, _homology, _persistence, _dualgraph, _boundary, _decision };
    batch_inputs I;
    int one = !strcmp(analysis, "homology") || !strcmp(analysis, "persistence") || !strcmp(analysis, "boundary")
              || (!strcmp(analysis, "dualgraph") && J->threshold != NULL);
    int status = _inputs_init(&I, net, J, one, err);
    for (int q = 0; status == RELU_OK && q < BATCH_NUM_ANALYSES; q++)
        if (strcmp(analysis, batch_analysis_names[q]) == 0)
        {
            status = fns[q](out, net, J, &I, err);
            break;
        }
    _inputs_clear(&I);
    return status;
}
