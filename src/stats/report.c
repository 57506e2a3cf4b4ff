/* relucert stats: the family, the formula check and the summary as one
   result with one JSON and one text writer. */
#include <string.h>
#include "stats/stats.h"
#include "num/num.h"

void
stats_report_init(stats_report_t S)
{
    stats_family_init(S->F);
    S->kind = NULL;
    S->file = NULL;
    S->dim = S->nwidths = 0;
    S->widths = NULL;
    S->seed0 = S->seed1 = 0;
    S->require_gp = S->have_formula = 0;
    S->desc[0] = '\0';
    fmpz_init(S->formula_regions);
    fmpq_init(S->formula_mean);
    fmpq_init(S->pooled);
    fmpq_init(S->bound);
    S->matches = 0;
}

void
stats_report_clear(stats_report_t S)
{
    stats_family_clear(S->F);
    flint_free(S->widths);
    fmpz_clear(S->formula_regions);
    fmpq_clear(S->formula_mean);
    fmpq_clear(S->pooled);
    fmpq_clear(S->bound);
}

/* all facets over all regions, from the summed histogram */
static void
_pooled_mean(fmpq_t q, const slong * hist, slong len)
{
    fmpz_t num, den;
    fmpz_init(num);
    fmpz_init(den);
    for (slong f = 0; f < len; f++)
    {
        fmpz_add_ui(den, den, hist[f]);
        fmpz_t t;
        fmpz_init_set_si(t, f);
        fmpz_addmul_ui(num, t, hist[f]);
        fmpz_clear(t);
    }
    if (fmpz_is_zero(den))
        fmpq_zero(q);
    else
        fmpq_set_fmpz_frac(q, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
}

static int _report_finish(stats_report_t S, const poly_t domain, rc_error_t err);

int
stats_report_compute(stats_report_t S, const char * kind, slong dim, slong nwidths, const slong * widths,
                     ulong seed0, ulong seed1, const poly_t domain, const char * desc, int require_gp,
                     rc_error_t err)
{
    S->kind = kind;
    S->dim = dim;
    S->nwidths = nwidths;
    S->widths = flint_malloc(FLINT_MAX(nwidths, 1) * sizeof(slong));
    memcpy(S->widths, widths, nwidths * sizeof(slong));
    S->seed0 = seed0;
    S->seed1 = seed1;
    S->require_gp = require_gp;
    snprintf(S->desc, sizeof(S->desc), "%s", desc);
    int status = stats_family_compute(S->F, kind, dim, nwidths, widths, seed0, seed1, domain, require_gp, err);
    return status != RELU_OK ? status : _report_finish(S, domain, err);
}

int
stats_report_compute_nets(stats_report_t S, const net_lines_t L, const char * path, const poly_t domain,
                          const char * desc, rc_error_t err)
{
    if (L->num < 1)
        return rc_error_set(err, RELU_E_INPUT, "%s: no network", path);
    const net_struct * N = L->nets;
    S->kind = "file";
    S->file = path;
    S->dim = N->input_dim;
    S->nwidths = N->nlayers - 1;
    S->widths = flint_malloc(FLINT_MAX(S->nwidths, 1) * sizeof(slong));
    for (slong j = 0; j < S->nwidths; j++)
        S->widths[j] = N->layers[j].W->r;
    for (slong i = 1; i < L->num; i++)
    {
        int same = L->nets[i].nlayers == N->nlayers;
        for (slong j = 0; same && j < S->nwidths; j++)
            same = L->nets[i].layers[j].W->r == S->widths[j];
        if (!same)
            return rc_error_set(err, RELU_E_INPUT, "%s:%ld: the hidden widths differ from line %ld's (a family has one shape)",
                                path, (long) L->lines[i], (long) L->lines[0]);
    }
    S->seed0 = (ulong) L->lines[0];
    S->seed1 = (ulong) L->lines[L->num - 1];
    snprintf(S->desc, sizeof(S->desc), "%s", desc);
    int status = stats_family_compute_nets(S->F, L, domain, err);
    if (status != RELU_OK)
        rc_error_prefix(err, path);
    return status != RELU_OK ? status : _report_finish(S, domain, err);
}

/* the pooled mean, the bound, and the general-position formula where it applies */
static int
_report_finish(stats_report_t S, const poly_t domain, rc_error_t err)
{
    slong dim = S->dim, nwidths = S->nwidths;
    const slong * widths = S->widths;
    fmpq_set_si(S->bound, 2 * dim, 1);
    _pooled_mean(S->pooled, S->F->hist, S->F->hist_len);
    /* the formula holds over R^d (full lineality), not in a bounded domain */
    S->have_formula = nwidths == 1 && domain->nlin == domain->n;
    if (!S->have_formula)
        return RELU_OK;
    stats_general_position_formula(S->formula_regions, S->formula_mean, dim, widths[0]);
    for (slong i = 0; i < S->F->num; i++)
    {
        const stats_network_struct * s = S->F->nets + i;
        int m = fmpz_equal_si(S->formula_regions, s->regions) && fmpq_equal(S->formula_mean, s->mean);
        S->matches += m;
        if (s->general_position == 1 && !m)
            return rc_error_set(err, RELU_E_INTERNAL,
                "%s %lu: hyperplanes in general position, but %ld regions / mean facets differ from the formula",
                S->file ? "line" : "seed", (unsigned long) s->seed, (long) s->regions);
    }
    return RELU_OK;
}

/* {"facets": regions, ...} over the nonzero entries */
static void
_write_hist(jout_t out, const slong * hist, slong len)
{
    char key[32];
    jout_begin_object(out);
    for (slong f = 0; f < len; f++)
        if (hist[f])
        {
            snprintf(key, sizeof(key), "%ld", (long) f);
            jout_key(out, key);
            jout_int(out, hist[f]);
        }
    jout_end_object(out);
}

/* seeds are any 64-bit value: never through a signed long */
static void
_write_seed(jout_t out, ulong seed)
{
    fmpz_t z;
    fmpz_init_set_ui(z, seed);
    jout_fmpz(out, z);
    fmpz_clear(z);
}

static void
_write_network(jout_t out, const stats_network_struct * s, const fmpq_t bound)
{
    jout_begin_object(out);
    jout_key(out, "seed"); _write_seed(out, s->seed);
    jout_key(out, "regions"); jout_int(out, s->regions);
    jout_key(out, "facet_histogram"); _write_hist(out, s->hist, s->hist_len);
    jout_key(out, "mean_facets"); jout_fmpq_str(out, s->mean);
    jout_key(out, "general_position");
    if (s->general_position < 0)
        jout_null(out);
    else
        jout_bool(out, s->general_position);
    jout_key(out, "within_bound"); jout_bool(out, fmpq_cmp(s->mean, bound) <= 0);
    jout_end_object(out);
}

static void
_write_family(jout_t out, const stats_report_t S)
{
    const stats_family_struct * F = S->F;
    jout_begin_object(out);
    jout_key(out, "networks"); jout_int(out, F->num);
    jout_key(out, "regions"); jout_int(out, F->regions);
    jout_key(out, "mean_of_means"); jout_fmpq_str(out, F->mean_of_means);
    jout_key(out, "min"); jout_fmpq_str(out, F->min);
    jout_key(out, "min_seed"); _write_seed(out, F->nets[F->argmin].seed);
    jout_key(out, "max"); jout_fmpq_str(out, F->max);
    jout_key(out, "max_seed"); _write_seed(out, F->nets[F->argmax].seed);
    jout_key(out, "range"); jout_fmpq_str(out, F->range);
    jout_key(out, "variance"); jout_fmpq_str(out, F->variance);
    jout_key(out, "pooled_mean_facets"); jout_fmpq_str(out, S->pooled);
    jout_key(out, "facet_histogram"); _write_hist(out, F->hist, F->hist_len);
    jout_end_object(out);
}

void
stats_report_write_json(jout_t out, const stats_report_t S)
{
    const stats_family_struct * F = S->F;
    jout_begin_object(out);
    jout_key(out, "dim"); jout_int(out, S->dim);
    jout_key(out, "widths");
    jout_begin_array(out);
    for (slong j = 0; j < S->nwidths; j++)
        jout_int(out, S->widths[j]);
    jout_end_array(out);
    jout_key(out, "kind"); jout_string(out, S->kind);
    if (S->file != NULL)
    {
        /* a family from a file: "seeds" and each network's "seed" are line numbers */
        jout_key(out, "networks_file"); jout_string(out, S->file);
    }
    jout_key(out, "domain"); jout_string(out, S->desc);
    jout_key(out, "seeds");
    jout_begin_array(out);
    _write_seed(out, S->seed0);
    _write_seed(out, S->seed1);
    jout_end_array(out);
    jout_key(out, "general_position_required"); jout_bool(out, S->require_gp);
    jout_key(out, "networks");
    jout_begin_array(out);
    for (slong i = 0; i < F->num; i++)
        _write_network(out, F->nets + i, S->bound);
    jout_end_array(out);
    jout_key(out, "skipped_seeds");
    jout_begin_array(out);
    for (slong i = 0; i < F->nskipped; i++)
        _write_seed(out, F->skipped[i]);
    jout_end_array(out);
    jout_key(out, "family"); _write_family(out, S);
    jout_key(out, "bound"); jout_int(out, 2 * S->dim);
    jout_key(out, "violations");
    jout_begin_array(out);
    for (slong i = 0; i < F->num; i++)
        if (fmpq_cmp(F->nets[i].mean, S->bound) > 0)
            _write_seed(out, F->nets[i].seed);
    jout_end_array(out);
    if (S->have_formula)
    {
        jout_key(out, "formula");
        jout_begin_object(out);
        jout_key(out, "regions"); jout_fmpz(out, S->formula_regions);
        jout_key(out, "mean_facets"); jout_fmpq_str(out, S->formula_mean);
        jout_key(out, "matches"); jout_int(out, S->matches);
        jout_end_object(out);
    }
    jout_end_object(out);
}

static void
_write_network_text(FILE * fp, const stats_network_struct * s, const fmpq_t bound)
{
    char a[600];
    char * m = num_get_str(s->mean);
    num_get_decimal(a, sizeof(a), s->mean, 4);
    fprintf(fp, "  seed %lu: %ld regions, mean facets %s (= %s...)%s%s, facets:", (unsigned long) s->seed,
            (long) s->regions, m, a, s->general_position == 0 ? ", not in general position" : "",
            fmpq_cmp(s->mean, bound) > 0 ? ", ABOVE 2d" : "");
    for (slong f = 0; f < s->hist_len; f++)
        if (s->hist[f])
            fprintf(fp, " %ld:%ld", (long) f, (long) s->hist[f]);
    fputc('\n', fp);
    flint_free(m);
}

void
stats_report_write_text(FILE * fp, const stats_report_t S)
{
    const stats_family_struct * F = S->F;
    char a1[600], a2[600], a3[600];
    fprintf(fp, "family: kind %s, R^%ld -> widths ", S->kind, (long) S->dim);
    for (slong j = 0; j < S->nwidths; j++)
        fprintf(fp, "%s%ld", j ? "," : "", (long) S->widths[j]);
    fprintf(fp, " -> 1, %s %lu..%lu, domain %s\n", S->file ? "lines" : "seeds", (unsigned long) S->seed0,
            (unsigned long) S->seed1, S->desc);
    if (F->nskipped)
    {
        fputs("skipped (not in general position):", fp);
        for (slong i = 0; i < F->nskipped; i++)
            fprintf(fp, " %lu", (unsigned long) F->skipped[i]);
        fputc('\n', fp);
    }
    for (slong i = 0; i < F->num; i++)
        _write_network_text(fp, F->nets + i, S->bound);
    char * mm = num_get_str(F->mean_of_means), * mn = num_get_str(F->min), * mx = num_get_str(F->max);
    num_get_decimal(a1, sizeof(a1), F->mean_of_means, 4);
    num_get_decimal(a2, sizeof(a2), F->min, 4);
    num_get_decimal(a3, sizeof(a3), F->max, 4);
    fprintf(fp, "mean of means %s (= %s...), min %s (= %s..., seed %lu), max %s (= %s..., seed %lu)\n", mm, a1, mn,
            a2, (unsigned long) F->nets[F->argmin].seed, mx, a3, (unsigned long) F->nets[F->argmax].seed);
    num_get_decimal(a1, sizeof(a1), F->range, 4);
    num_get_decimal(a2, sizeof(a2), F->variance, 6);
    fprintf(fp, "range %s..., variance %s...\n", a1, a2);
    fprintf(fp, "bound mean <= 2d = %ld: %s\n", (long) (2 * S->dim),
            F->nviolations ? "VIOLATED (see the seeds marked above)" : "holds on every network");
    if (S->have_formula)
    {
        char * fm = num_get_str(S->formula_mean), * fr = fmpz_get_str(NULL, 10, S->formula_regions);
        fprintf(fp, "general position formula: %s regions, mean facets %s; %ld of %ld networks match\n", fr, fm,
                (long) S->matches, (long) F->num);
        flint_free(fm);
        flint_free(fr);
    }
    flint_free(mm);
    flint_free(mn);
    flint_free(mx);
}
