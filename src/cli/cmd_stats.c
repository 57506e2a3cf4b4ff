/* relucert stats: face statistics of the regions over a family of random
   networks (NOTES section 2); the mathematics is in src/stats. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "stats/stats.h"

static const char * stats_help =
"usage: relucert stats --dim d --widths a,b,... --kind K --seeds S0..S1\n"
"                      [--box LO,HI | --whole] [--general-position] [--json]\n"
"\n"
"Over the family of random networks `relucert random --dim d --widths a,b,... --kind K\n"
"--seed S` for S = S0..S1 (a single S is allowed): the activation regions of each\n"
"network in the domain (default --whole: all of R^d, unbounded regions included),\n"
"exactly; per network the facet histogram and the mean number of facets per region (an\n"
"exact rational); over the family the mean of the means, min and max (with their\n"
"seeds), range (max - min) and population variance, all exact, the summed histogram,\n"
"and the check of the published bound mean <= 2d (Gaines & Bi, ICLR 2026: almost surely,\n"
"over R^d) on every network, each violation reported with its seed. In a box the box's\n"
"own facets count as facets too; the bound is checked and reported there as well, but\n"
"it is not claimed for bounded domains.\n"
"\n"
"One hidden layer of n units: each network is tested exactly for general position of\n"
"its n hyperplanes (any k <= d normals independent, no d + 1 hyperplanes through a\n"
"point). Over R^d a network in general position must have N_d = sum_{i<=d} C(n,i)\n"
"regions and mean facets 2 N_{d-1}/N_d, N_{d-1} = n sum_{i<=d-1} C(n-1,i) (any\n"
"disagreement is an internal error, exit 70); networks not in general position are\n"
"reported with the values obtained.\n"
"\n"
"options:\n"
"  --dim d              input dimension\n"
"  --widths a,b,...     hidden layer widths\n"
"  --kind K             int, rat, wide, gauss, he, degenerate (see relucert random --help)\n"
"  --seeds S0..S1       seeds (inclusive; at most 100000 networks)\n"
"  --box LO,HI          the cube [LO,HI]^d instead of R^d\n"
"  --whole              all of R^d (the default)\n"
"  --general-position   one hidden layer only: skip networks not in general position and\n"
"                       draw the next seeds after S1 until the family is full (skipped\n"
"                       seeds are reported; at most 1000 skips)\n"
"  --json               one JSON object on stdout (keys below)\n"
"  --help               this text\n"
"\n"
"JSON keys: dim, widths, kind, domain, seeds [S0, S1], general_position_required,\n"
"  networks (one object per network: seed, regions, facet_histogram {facets: regions},\n"
"  mean_facets (exact \"p/q\"), general_position (true/false; null for deeper networks),\n"
"  within_bound (mean_facets <= 2d)), skipped_seeds, family {networks, regions (total),\n"
"  mean_of_means, min, min_seed, max, max_seed, range, variance (population variance of\n"
"  the means), pooled_mean_facets (all facets over all regions), facet_histogram (summed)},\n"
"  bound (2d), violations (seeds of the networks with mean_facets > 2d),\n"
"  formula (one hidden layer over R^d: {regions, mean_facets} of n hyperplanes in general\n"
"  position, and matches: how many networks have exactly those values).\n"
"All rationals are exact strings \"p/q\" (or \"n\").\n";

static int
parse_widths(slong ** w, slong * nw, const char * s)
{
    *nw = 0;
    *w = NULL;
    const char * p = s;
    for (;;)
    {
        char * end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 1 || v > 100000 || (*end != ',' && *end != '\0'))
        {
            flint_free(*w);
            *w = NULL;
            return 0;
        }
        *w = flint_realloc(*w, (*nw + 1) * sizeof(slong));
        (*w)[(*nw)++] = v;
        if (*end == '\0')
            return 1;
        p = end + 1;
    }
}

static int
parse_seeds(ulong * s0, ulong * s1, const char * s)
{
    char * end;
    if (*s < '0' || *s > '9')
        return 0;
    unsigned long long a = strtoull(s, &end, 10), b = a;
    if (end[0] == '.' && end[1] == '.')
    {
        const char * q = end + 2;
        if (*q < '0' || *q > '9')
            return 0;
        b = strtoull(q, &end, 10);
    }
    if (*end != '\0' || b < a)
        return 0;
    *s0 = a;
    *s1 = b;
    return 1;
}

static void
write_hist(jout_t out, const slong * hist, slong len)
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

static void
pooled_mean(fmpq_t q, const slong * hist, slong len)
{
    fmpz_t num, den;
    fmpz_init(num);
    fmpz_init(den);
    for (slong f = 0; f < len; f++)
    {
        fmpz_add_ui(den, den, hist[f]);
        fmpz_t t;
        fmpz_init_set_si(t, f);
        fmpz_mul_si(t, t, hist[f]);
        fmpz_add(num, num, t);
        fmpz_clear(t);
    }
    if (fmpz_is_zero(den))
        fmpq_zero(q);
    else
        fmpq_set_fmpz_frac(q, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
}

int
cmd_stats(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "dim", required_argument, 0, 'd' }, { "widths", required_argument, 0, 'W' },
        { "kind", required_argument, 0, 'k' }, { "seeds", required_argument, 0, 's' },
        { "box", required_argument, 0, 'b' }, { "whole", no_argument, 0, 'w' },
        { "general-position", no_argument, 0, 'g' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * wstr = NULL, * kind = NULL, * sstr = NULL;
    long dim = -1;
    int json = 0, gp = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'd':
            {
                char * end;
                dim = strtol(optarg, &end, 10);
                if (*optarg == '\0' || *end != '\0' || dim < 1 || dim > 20)
                    return cli_usage_error("stats", "--dim: expected an integer in 1..20, got \"%s\"", optarg);
                break;
            }
            case 'W': wstr = optarg; break;
            case 'k': kind = optarg; break;
            case 's': sstr = optarg; break;
            case 'b': dom.box = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'g': gp = 1; break;
            case 'j': json = 1; break;
            case 'h': fputs(stats_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("stats", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
    if (dim < 0 || wstr == NULL || kind == NULL || sstr == NULL)
        return cli_usage_error("stats", "--dim, --widths, --kind and --seeds are required");
    slong * widths, nw;
    if (!parse_widths(&widths, &nw, wstr))
        return cli_usage_error("stats", "--widths: expected positive integers a,b,..., got \"%s\"", wstr);
    ulong s0, s1;
    if (!parse_seeds(&s0, &s1, sstr))
    {
        flint_free(widths);
        return cli_usage_error("stats", "--seeds: expected S0..S1 with 0 <= S0 <= S1 (or one seed), got \"%s\"", sstr);
    }

    rc_error_t err;
    rc_error_init(err);
    poly_t domain;
    char desc[256];
    poly_init(domain, dim);
    stats_family_t F;
    stats_family_init(F);
    int status = cli_domain_build(domain, desc, &dom, dim, err);
    if (status == RELU_OK)
        status = stats_family_compute(F, kind, dim, nw, widths, s0, s1, domain, gp, err);

    /* one hidden layer over R^d: the general-position formula, which every
       network in general position must reproduce */
    int have_formula = status == RELU_OK && nw == 1 && dom.box == NULL;
    fmpz_t fregions;
    fmpq_t fmean, pooled;
    fmpz_init(fregions);
    fmpq_init(fmean);
    fmpq_init(pooled);
    slong matches = 0;
    if (have_formula)
    {
        stats_general_position_formula(fregions, fmean, dim, widths[0]);
        for (slong i = 0; i < F->num; i++)
        {
            const stats_network_struct * s = F->nets + i;
            int m = fmpz_equal_si(fregions, s->regions) && fmpq_equal(fmean, s->mean);
            matches += m;
            if (s->general_position == 1 && !m && status == RELU_OK)
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "seed %lu: hyperplanes in general position, but %ld regions / mean facets differ from the formula",
                    (unsigned long) s->seed, (long) s->regions);
        }
    }
    if (status)
    {
        int rc = cli_fail("stats", err);
        fmpz_clear(fregions);
        fmpq_clear(fmean);
        fmpq_clear(pooled);
        stats_family_clear(F);
        poly_clear(domain);
        flint_free(widths);
        return rc;
    }
    pooled_mean(pooled, F->hist, F->hist_len);
    fmpq_t bound;
    fmpq_init(bound);
    fmpq_set_si(bound, 2 * dim, 1);
    if (json)
    {
        jout_t out;
        jout_init(out, stdout, 0, 0);
        jout_begin_object(out);
        jout_key(out, "dim"); jout_int(out, dim);
        jout_key(out, "widths");
        jout_begin_array(out);
        for (slong j = 0; j < nw; j++)
            jout_int(out, widths[j]);
        jout_end_array(out);
        jout_key(out, "kind"); jout_string(out, kind);
        jout_key(out, "domain"); jout_string(out, desc);
        jout_key(out, "seeds");
        jout_begin_array(out);
        jout_int(out, (long) s0);
        jout_int(out, (long) s1);
        jout_end_array(out);
        jout_key(out, "general_position_required"); jout_bool(out, gp);
        jout_key(out, "networks");
        jout_begin_array(out);
        for (slong i = 0; i < F->num; i++)
        {
            const stats_network_struct * s = F->nets + i;
            jout_begin_object(out);
            jout_key(out, "seed"); jout_int(out, (long) s->seed);
            jout_key(out, "regions"); jout_int(out, s->regions);
            jout_key(out, "facet_histogram"); write_hist(out, s->hist, s->hist_len);
            jout_key(out, "mean_facets"); jout_fmpq_str(out, s->mean);
            jout_key(out, "general_position");
            if (s->general_position < 0) jout_null(out); else jout_bool(out, s->general_position);
            jout_key(out, "within_bound"); jout_bool(out, fmpq_cmp(s->mean, bound) <= 0);
            jout_end_object(out);
        }
        jout_end_array(out);
        jout_key(out, "skipped_seeds");
        jout_begin_array(out);
        for (slong i = 0; i < F->nskipped; i++)
            jout_int(out, (long) F->skipped[i]);
        jout_end_array(out);
        jout_key(out, "family");
        jout_begin_object(out);
        jout_key(out, "networks"); jout_int(out, F->num);
        jout_key(out, "regions"); jout_int(out, F->regions);
        jout_key(out, "mean_of_means"); jout_fmpq_str(out, F->mean_of_means);
        jout_key(out, "min"); jout_fmpq_str(out, F->min);
        jout_key(out, "min_seed"); jout_int(out, (long) F->nets[F->argmin].seed);
        jout_key(out, "max"); jout_fmpq_str(out, F->max);
        jout_key(out, "max_seed"); jout_int(out, (long) F->nets[F->argmax].seed);
        jout_key(out, "range"); jout_fmpq_str(out, F->range);
        jout_key(out, "variance"); jout_fmpq_str(out, F->variance);
        jout_key(out, "pooled_mean_facets"); jout_fmpq_str(out, pooled);
        jout_key(out, "facet_histogram"); write_hist(out, F->hist, F->hist_len);
        jout_end_object(out);
        jout_key(out, "bound"); jout_int(out, 2 * dim);
        jout_key(out, "violations");
        jout_begin_array(out);
        for (slong i = 0; i < F->num; i++)
            if (fmpq_cmp(F->nets[i].mean, bound) > 0)
                jout_int(out, (long) F->nets[i].seed);
        jout_end_array(out);
        if (have_formula)
        {
            jout_key(out, "formula");
            jout_begin_object(out);
            jout_key(out, "regions"); jout_fmpz(out, fregions);
            jout_key(out, "mean_facets"); jout_fmpq_str(out, fmean);
            jout_key(out, "matches"); jout_int(out, matches);
            jout_end_object(out);
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else
    {
        char a1[600], a2[600], a3[600];
        printf("family: kind %s, R^%ld -> widths %s -> 1, seeds %lu..%lu, domain %s\n", kind, dim, wstr,
               (unsigned long) s0, (unsigned long) s1, desc);
        if (F->nskipped)
        {
            printf("skipped (not in general position):");
            for (slong i = 0; i < F->nskipped; i++)
                printf(" %lu", (unsigned long) F->skipped[i]);
            printf("\n");
        }
        for (slong i = 0; i < F->num; i++)
        {
            const stats_network_struct * s = F->nets + i;
            char * m = num_get_str(s->mean);
            cli_fmpq_approx(a1, sizeof(a1), s->mean, 4);
            printf("  seed %lu: %ld regions, mean facets %s (= %s...)%s%s, facets:", (unsigned long) s->seed,
                   (long) s->regions, m, a1, s->general_position == 0 ? ", not in general position" : "",
                   fmpq_cmp(s->mean, bound) > 0 ? ", ABOVE 2d" : "");
            for (slong f = 0; f < s->hist_len; f++)
                if (s->hist[f])
                    printf(" %ld:%ld", (long) f, (long) s->hist[f]);
            printf("\n");
            flint_free(m);
        }
        char * mm = num_get_str(F->mean_of_means), * mn = num_get_str(F->min), * mx = num_get_str(F->max);
        cli_fmpq_approx(a1, sizeof(a1), F->mean_of_means, 4);
        cli_fmpq_approx(a2, sizeof(a2), F->min, 4);
        cli_fmpq_approx(a3, sizeof(a3), F->max, 4);
        printf("mean of means %s (= %s...), min %s (= %s..., seed %lu), max %s (= %s..., seed %lu)\n", mm, a1, mn,
               a2, (unsigned long) F->nets[F->argmin].seed, mx, a3, (unsigned long) F->nets[F->argmax].seed);
        cli_fmpq_approx(a1, sizeof(a1), F->range, 4);
        cli_fmpq_approx(a2, sizeof(a2), F->variance, 6);
        printf("range %s..., variance %s...\n", a1, a2);
        printf("bound mean <= 2d = %ld: %s\n", 2 * dim,
               F->nviolations ? "VIOLATED (see the seeds marked above)" : "holds on every network");
        if (have_formula)
        {
            char * fm = num_get_str(fmean), * fr = fmpz_get_str(NULL, 10, fregions);
            printf("general position formula: %s regions, mean facets %s; %ld of %ld networks match\n", fr, fm,
                   (long) matches, (long) F->num);
            flint_free(fm);
            flint_free(fr);
        }
        flint_free(mm);
        flint_free(mn);
        flint_free(mx);
    }
    fmpq_clear(bound);
    fmpz_clear(fregions);
    fmpq_clear(fmean);
    fmpq_clear(pooled);
    stats_family_clear(F);
    poly_clear(domain);
    flint_free(widths);
    return CLI_EXIT_OK;
}
