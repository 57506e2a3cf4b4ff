/* The regions analysis in one process, and the summary's writers. */
#include <string.h>
#include <time.h>
#include "complex/summary.h"
#include "num/num.h"
#include "util/version.h"

void
complex_summary_options_init(complex_summary_options * o)
{
    memset(o, 0, sizeof(*o));
    o->jobs = 1;
}

void
complex_summary_init(complex_summary_t S, const net_t net, const poly_t domain, const char * desc, int check)
{
    memset(S, 0, sizeof(complex_summary_struct));
    complex_init(S->C, domain, net_num_hidden(net), check);
    S->input_dim = net->input_dim;
    S->hidden = net_num_hidden(net);
    S->outputs = net_num_outputs(net);
    S->nlayers = net->nlayers;
    S->widths = flint_malloc(FLINT_MAX(net->nlayers, 1) * sizeof(slong));
    for (slong j = 0; j + 1 < net->nlayers; j++)
        S->widths[j] = net_layer_width(net, j);
    snprintf(S->domain, sizeof(S->domain), "%s", desc);
    S->faces_checked = check;
}

void
complex_summary_clear(complex_summary_t S)
{
    complex_clear(S->C);
    flint_free(S->widths);
}

static double
_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

typedef struct
{
    const net_struct * net;
    complex_summary_struct * S;
    const complex_summary_options * o;
    rc_error_struct * err;
    slong * fvec;
    double deadline;
}
summary_ctx;

/* Limits and signals stop the run between two regions: everything written so
   far stays valid, and the result says it is partial. */
static int
_summary_limits(summary_ctx * x)
{
    slong n = x->S->C->regions;
    int sig = x->o->interrupted != NULL ? x->o->interrupted() : 0;
    if (sig)
        return rc_error_set(x->err, RELU_E_LIMIT, "interrupted by %s after %ld regions; the output is partial",
                            rc_signal_name(sig), (long) n);
    if (x->o->max_regions > 0 && n >= x->o->max_regions)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --max-regions %ld; the output is partial",
                            (long) x->o->max_regions);
    if (x->deadline > 0 && _now() > x->deadline)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --time-limit after %ld regions; the output is partial",
                            (long) n);
    return 0;
}

static int
_summary_region(void * data, const region_struct * R)
{
    summary_ctx * x = data;
    const complex_summary_options * o = x->o;
    /* a region's own f-vector only where a record shows it: counting every
       face, not only the owned ones, costs the descent below them */
    complex_add_region(x->S->C, (o->list || o->stream) ? x->fvec : NULL, R);
    if (o->verify && poly_verify_cdd(R->P, x->err))
        return x->err->code;
    if (o->each != NULL && o->each(o->each_data, R))
        return x->err->code ? x->err->code : RELU_E_INTERNAL;
    if (o->list)
        region_write_json(o->list, x->net, R, x->fvec);
    if (o->stream)
        region_write_json(o->stream, x->net, R, x->fvec);
    if (o->text_list)
        complex_region_text(o->text_list, R, R->index);
    rc_progress_report(o->progress, "regions", x->S->C->regions, -1);
    return _summary_limits(x);
}

int
complex_summary_finish(complex_summary_t S, rc_error_t err)
{
    return complex_finish(S->C, err);
}

int
complex_summary_compute(complex_summary_t S, const net_t net, const poly_t domain,
                        const complex_summary_options * o, rc_error_t err)
{
    S->verified = o->verify;
    if (o->jobs > 1 || (o->mpi != NULL && o->mpi->size > 1))
        return complex_summary_parallel(S, net, domain, o, err);
    summary_ctx x = { net, S, o, err, flint_malloc((net->input_dim + 1) * sizeof(slong)),
                      o->time_limit > 0 ? _now() + o->time_limit : 0 };
    int status = o->engine_lp ? regions_enumerate_lp(net, domain, _summary_region, &x, err)
                              : regions_enumerate(net, domain, _summary_region, &x);
    flint_free(x.fvec);
    if (status == RELU_E_LIMIT)
    {
        S->partial = 1;
        snprintf(S->stopped, sizeof(S->stopped), "%.500s", err->msg);
    }
    else if (status == RELU_OK)
        status = complex_finish(S->C, err);
    return status;
}

/* ---- writers ------------------------------------------------------------------ */
void
complex_write_facet_stats(jout_t out, const slong * hist, slong hist_len, const fmpq_t mean)
{
    char key[32];
    jout_key(out, "facet_histogram");
    jout_begin_object(out);
    for (slong f = 0; f < hist_len; f++)
        if (hist[f])
        {
            snprintf(key, sizeof(key), "%ld", (long) f);
            jout_key(out, key);
            jout_int(out, hist[f]);
        }
    jout_end_object(out);
    if (mean != NULL)
    {
        jout_key(out, "mean_facets");
        jout_fmpq_str(out, mean);
    }
}

void
complex_summary_write_json_keys(jout_t out, const complex_summary_t S)
{
    const complex_struct * C = S->C;
    fmpq_t mean;
    fmpq_init(mean);
    jout_key(out, "input_dim"); jout_int(out, S->input_dim);
    jout_key(out, "domain"); jout_string(out, S->domain);
    jout_key(out, "hidden_neurons"); jout_int(out, S->hidden);
    jout_key(out, "regions"); jout_int(out, C->regions);
    jout_key(out, "bounded_regions"); jout_int(out, C->bounded);
    jout_key(out, "relatively_bounded_regions"); jout_int(out, C->relatively_bounded);
    jout_key(out, "interior_regions"); jout_int(out, C->interior);
    jout_key(out, "fvector");
    jout_begin_array(out);
    for (slong k = 0; k <= C->n; k++)
        jout_int(out, C->fvec[k]);
    jout_end_array(out);
    jout_key(out, "euler"); jout_int(out, complex_euler(C));
    complex_mean_facets(mean, C);
    complex_write_facet_stats(out, C->hist, C->hist_len, mean);
    jout_key(out, "verified"); jout_bool(out, S->verified);
    jout_key(out, "faces_checked"); jout_bool(out, S->faces_checked);
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_key(out, "partial"); jout_bool(out, S->partial);
    if (S->partial)
    {
        jout_key(out, "stopped");
        jout_string(out, S->stopped);
    }
    fmpq_clear(mean);
}

void
complex_summary_write_json(jout_t out, const void * S)
{
    jout_begin_object(out);
    complex_summary_write_json_keys(out, S);
    jout_end_object(out);
}

void
complex_summary_write_text(FILE * fp, const void * data)
{
    const complex_summary_struct * S = data;
    const complex_struct * C = S->C;
    fmpq_t mean;
    fmpq_init(mean);
    if (S->partial)
        fprintf(fp, "PARTIAL: %s\n", S->stopped);
    fprintf(fp, "network %s: input dimension %ld, hidden widths", S->name, (long) S->input_dim);
    for (slong j = 0; j + 1 < S->nlayers; j++)
        fprintf(fp, "%s%ld", j ? "," : " ", (long) S->widths[j]);
    if (S->nlayers == 1)
        fprintf(fp, " (none)");
    fprintf(fp, ", %ld output%s\n", (long) S->outputs, S->outputs == 1 ? "" : "s");
    fprintf(fp, "domain: %s\n", S->domain);
    /* a partial run counted what it found, not the whole complex: every count says so */
    fprintf(fp, "regions%s: %ld (bounded %ld, not meeting the domain boundary %ld)\n", S->partial ? " found so far" : "",
            (long) C->regions, (long) C->bounded, (long) C->interior);
    fprintf(fp, "f-vector of the %s:", S->partial ? "regions found so far" : "complex");
    for (slong k = 0; k <= C->n; k++)
        fprintf(fp, " %ld", (long) C->fvec[k]);
    fprintf(fp, "\nEuler characteristic: %ld (%s)\n", (long) complex_euler(C),
            S->partial ? "of the regions found so far; not checked" : "equal to the domain's");
    complex_mean_facets(mean, C);
    complex_write_facet_stats_text(fp, C->hist, C->hist_len, mean);
    if (S->verified)
        fprintf(fp, "verified: every region recomputed by cddlib (GMP), vertices/rays/facets agree\n");
    if (S->faces_checked)
        fprintf(fp, "faces checked: counted again through a global table of sign vectors, same f-vector\n");
    fmpq_clear(mean);
}

void
complex_write_facet_stats_text(FILE * fp, const slong * hist, slong hist_len, const fmpq_t mean)
{
    fprintf(fp, "facets per region:");
    for (slong f = 0; f < hist_len; f++)
        if (hist[f])
            fprintf(fp, " %ld:%ld", (long) f, (long) hist[f]);
    char * ms = num_get_str(mean), ap[600];
    num_get_decimal(ap, sizeof(ap), mean, 4);
    fprintf(fp, "\nmean facets per region: %s (= %s...)\n", ms, ap);
    flint_free(ms);
}

/* ---- the H-representation engine's counts (no vertices, no f-vector) -------------- */
void
complex_hstats_write_json_keys(jout_t out, const net_t net, const regions_hstats_t S, const char * desc)
{
    fmpq_t mean;
    fmpq_init(mean);
    jout_key(out, "input_dim"); jout_int(out, net->input_dim);
    jout_key(out, "domain"); jout_string(out, desc);
    jout_key(out, "hidden_neurons"); jout_int(out, net_num_hidden(net));
    jout_key(out, "regions"); jout_int(out, S->regions);
    jout_key(out, "bounded_regions"); jout_int(out, S->bounded);
    jout_key(out, "relatively_bounded_regions"); jout_int(out, S->relatively_bounded);
    jout_key(out, "interior_regions"); jout_int(out, S->interior);
    if (S->regions > 0)
        fmpq_set_si(mean, S->facet_sum, S->regions);
    complex_write_facet_stats(out, S->hist, S->hist_len, mean);
    jout_key(out, "facets"); jout_int(out, S->facet_sum);
    jout_key(out, "fvector_computed"); jout_bool(out, 0);
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    fmpq_clear(mean);
}

void
complex_hstats_write_text(FILE * fp, const char * path, const net_t net, const regions_hstats_t S, const char * desc)
{
    fmpq_t mean;
    fmpq_init(mean);
    fprintf(fp, "network %s: input dimension %ld, %ld hidden neurons, %ld output%s\n", path, (long) net->input_dim,
            (long) net_num_hidden(net), (long) net_num_outputs(net), net_num_outputs(net) == 1 ? "" : "s");
    fprintf(fp, "engine: lp (inequalities and exact LPs; no vertices, no f-vector)\n");
    fprintf(fp, "domain: %s\n", desc);
    fprintf(fp, "regions: %ld (bounded %ld, not meeting the domain boundary %ld)\n", (long) S->regions,
            (long) S->bounded, (long) S->interior);
    if (S->regions > 0)
        fmpq_set_si(mean, S->facet_sum, S->regions);
    complex_write_facet_stats_text(fp, S->hist, S->hist_len, mean);
    fmpq_clear(mean);
}
