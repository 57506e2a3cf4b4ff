/* relucert stats: face statistics of the regions over a family of random
   networks (NOTES section 2); the analysis is stats_report_compute (src/stats). */
#include <string.h>
#include "cli/cli.h"
#include "stats/stats.h"

static const char * stats_help =
"usage: relucert stats --dim d --widths a,b,... --kind K --seeds S0..S1\n"
"                      [--box LO,HI | --whole] [--general-position] [--json]\n"
"       relucert stats --networks FILE.jsonl [--box LO,HI | --whole] [--json]\n"
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
"With --networks the family is read instead: one network per nonempty line (format 1\n"
"or 2, e.g. trained or residual networks; all with the same input dimension and hidden\n"
"widths), kind \"file\"; \"seeds\" and each network's \"seed\" are then line numbers.\n"
"\n"
"options:\n"
"  --dim d              input dimension\n"
"  --widths a,b,...     hidden layer widths\n"
"  --kind K             int, rat, wide, gauss, he, degenerate (see relucert random --help)\n"
"  --seeds S0..S1       seeds (inclusive; at most 100000 networks)\n"
"  --box LO,HI          the cube [LO,HI]^d instead of R^d\n"
"  --whole              all of R^d (the default)\n"
"  --networks FILE      the family from a JSON Lines file (instead of --dim ... --seeds)\n"
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
"All rationals are exact strings \"p/q\" (or \"n\").\n"
"\n"
"examples:\n"
"  relucert stats --dim 2 --widths 8,8 --kind int --seeds 1..10\n"
"  relucert stats --dim 3 --widths 6,6 --kind rat --seeds 1..5 --json\n"
"  relucert stats --networks tests/data/shortcuts/residual2d.jsonl --box -1,1\n";

/* "a,b,..." of widths in 1..100000 */
static int
_parse_widths(slong ** w, slong * nw, const char * s)
{
    *nw = 0;
    *w = NULL;
    char * copy = flint_malloc(strlen(s) + 1), * save = NULL;
    strcpy(copy, s);
    int rc = 0;
    for (char * t = strtok_r(copy, ",", &save); t != NULL && rc == 0; t = strtok_r(NULL, ",", &save))
    {
        *w = flint_realloc(*w, (*nw + 1) * sizeof(slong));
        rc = cli_parse_slong(*w + (*nw)++, "stats", "--widths", t, 1, 100000);
    }
    /* an empty item ("3,,4", "3,") is an error too */
    if (rc == 0 && (*nw == 0 || s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,")))
        rc = cli_usage_error("stats", "--widths: expected positive integers a,b,..., got \"%s\"", s);
    flint_free(copy);
    return rc;
}

/* "S0..S1" or "S": 64-bit seeds, refused (never clamped) beyond 2^64 - 1 */
static int
_parse_seeds(ulong * s0, ulong * s1, const char * s)
{
    const char * dots = strstr(s, "..");
    char * a = flint_malloc(strlen(s) + 1);
    strcpy(a, s);
    if (dots)
        a[dots - s] = '\0';
    uint64_t x, y;
    int rc = cli_parse_u64(&x, "stats", "--seeds", a);
    if (rc == 0)
        rc = dots ? cli_parse_u64(&y, "stats", "--seeds", dots + 2) : (y = x, 0);
    flint_free(a);
    if (rc == 0 && y < x)
        rc = cli_usage_error("stats", "--seeds: expected S0..S1 with 0 <= S0 <= S1 (or one seed), got \"%s\"", s);
    *s0 = x;
    *s1 = y;
    return rc;
}

/* --networks FILE: the family read from JSON Lines */
static int
_stats_file(const char * file, const cli_domain_opts * dom, int json)
{
    rc_error_t err;
    net_lines_t L;
    poly_t domain;
    char desc[256];
    stats_report_t S;
    rc_error_init(err);
    net_lines_init(L);
    stats_report_init(S);
    int status = net_lines_read_file(L, file, 100000, err);
    poly_init(domain, status == RELU_OK ? L->nets[0].input_dim : 1);
    if (status == RELU_OK)
        status = cli_domain_build(domain, desc, dom, L->nets[0].input_dim, err);
    if (status == RELU_OK)
        status = stats_report_compute_nets(S, L, file, domain, desc, err);
    if (status == RELU_OK)
        status = cli_write_result_compact(json, (cli_writer_json) stats_report_write_json,
                                          (cli_writer_text) stats_report_write_text, S, err);
    int rc = status ? cli_fail("stats", err) : CLI_EXIT_OK;
    stats_report_clear(S);
    poly_clear(domain);
    net_lines_clear(L);
    return rc;
}

int
cmd_stats(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * wstr = NULL, * kind = NULL, * sstr = NULL, * file = NULL;
    slong dim = -1, * widths = NULL, nw;
    int json = 0, gp = 0;
    /* --domain FILE is not offered: the formula check needs R^d or a cube */
    const cli_opt opts[] = { { "dim", CLI_SLONG, &dim, 1, 20, 0, 0 }, { "widths", CLI_STR, &wstr, 0, 0, 0, 0 },
                             { "kind", CLI_STR, &kind, 0, 0, 0, 0 }, { "seeds", CLI_STR, &sstr, 0, 0, 0, 0 },
                             { "box", CLI_STR, &dom.box, 0, 0, CLI_GROUP_DOMAIN, 0 },
                             { "whole", CLI_FLAG, &dom.whole, 0, 0, CLI_GROUP_DOMAIN, 0 },
                             { "general-position", CLI_FLAG, &gp, 0, 0, 0, 0 }, { "networks", CLI_STR, &file, 0, 0, 0, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "stats", stats_help, argc, argv, opts, NULL, 0, 0, NULL, NULL))
        return rc;
    if (file != NULL && (dim >= 0 || wstr || kind || sstr || gp))
        return cli_usage_error("stats", "--networks FILE replaces --dim, --widths, --kind, --seeds and --general-position");
    if (file != NULL)
        return _stats_file(file, &dom, json);
    if (dim < 0 || wstr == NULL || kind == NULL || sstr == NULL)
        return cli_usage_error("stats", "--dim, --widths, --kind and --seeds are required (or --networks FILE)");
    ulong s0, s1;
    if ((rc = _parse_widths(&widths, &nw, wstr)) || (rc = _parse_seeds(&s0, &s1, sstr)))
    {
        flint_free(widths);
        return rc;
    }

    rc_error_t err;
    poly_t domain;
    char desc[256];
    stats_report_t S;
    rc_error_init(err);
    poly_init(domain, dim);
    stats_report_init(S);
    int status = cli_domain_build(domain, desc, &dom, dim, err);
    if (status == RELU_OK)
        status = stats_report_compute(S, kind, dim, nw, widths, s0, s1, domain, desc, gp, err);
    if (status == RELU_OK)
        status = cli_write_result_compact(json, (cli_writer_json) stats_report_write_json,
                                          (cli_writer_text) stats_report_write_text, S, err);
    rc = status ? cli_fail("stats", err) : CLI_EXIT_OK;
    stats_report_clear(S);
    poly_clear(domain);
    flint_free(widths);
    return rc;
}
