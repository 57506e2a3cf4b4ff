#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "arrangement/dr.h"
#include "random/random.h"


static void
charpoly_print_json(const arrangement_count_t r, double secs, int sym)
{
    jout_t out;
    fmpz_t c;
    fmpz_init(c);
    jout_init(out, stdout, 1, 0);
    jout_begin_object(out);
    jout_key(out, "input_dim"); jout_int(out, r->n);
    jout_key(out, "hyperplanes"); jout_int(out, r->hyperplanes);
    jout_key(out, "rank"); jout_int(out, r->rank);
    jout_key(out, "characteristic_polynomial");
    jout_begin_array(out);
    for (slong i = r->n; i >= 0; i--)
    {
        fmpz_poly_get_coeff_fmpz(c, r->chi, i);
        jout_fmpz(out, c);
    }
    jout_end_array(out);
    jout_key(out, "regions"); jout_fmpz(out, r->regions);
    jout_key(out, "relatively_bounded_regions"); jout_fmpz(out, r->relatively_bounded);
    jout_key(out, "bounded_regions"); jout_fmpz(out, r->bounded);
    for (int pass = 0; pass < 2; pass++)
    {
        jout_key(out, pass ? "betti_numbers" : "whitney_first_kind");
        jout_begin_array(out);
        for (slong k = 0; k <= r->n; k++)
        {
            fmpz_poly_get_coeff_fmpz(c, r->chi, r->n - k);
            if (pass)
                fmpz_abs(c, c);
            jout_fmpz(out, c);
        }
        jout_end_array(out);
    }
    jout_key(out, "whitney_second_kind");
    if (r->have_flats)
    {
        jout_begin_array(out);
        for (slong k = 0; k <= r->n; k++)
            jout_int(out, r->flats[k]);
        jout_end_array(out);
    }
    else
        jout_null(out);
    jout_key(out, "method"); jout_string(out, "deletion-restriction");
    jout_key(out, "symmetry"); jout_bool(out, sym);
    jout_key(out, "nodes"); jout_int(out, r->st.nodes_total);
    jout_key(out, "max_level_nodes"); jout_int(out, r->st.nodes_max_level);
    jout_key(out, "generators"); jout_int(out, r->st.generators);
    jout_key(out, "checks");
    jout_begin_array(out);
    if (r->checked_identities) jout_string(out, "identities");
    if (r->checked_plain) jout_string(out, "plain");
    if (r->checked_reversed) jout_string(out, "reversed");
    if (r->checked_flats) jout_string(out, "flats");
    if (r->checked_enumeration) jout_string(out, "enumeration");
    jout_end_array(out);
    char buf[64];
    snprintf(buf, sizeof(buf), "%.3f", secs);
    jout_key(out, "seconds"); jout_string(out, buf);
    jout_end_object(out);
    jout_clear(out);
    fmpz_clear(c);
}

static void
charpoly_print_text(const arrangement_count_t r)
{
    printf("hyperplanes: %ld in R^%ld, rank %ld\n", (long) r->hyperplanes, (long) r->n, (long) r->rank);
    printf("characteristic polynomial: ");
    fmpz_poly_print_pretty(r->chi, "t");
    printf("\nregions: ");
    fmpz_print(r->regions);
    printf("\nbounded regions: ");
    fmpz_print(r->bounded);
    printf("; relatively bounded (modulo lineality): ");
    fmpz_print(r->relatively_bounded);
    printf("\nchecks:%s%s%s%s%s\n", r->checked_identities ? " identities" : "", r->checked_plain ? " plain" : "",
           r->checked_reversed ? " reversed" : "",
           r->checked_flats ? " flats" : "", r->checked_enumeration ? " enumeration" : "");
}

/* a nonnegative integer option; returns 0 and sets *v, or -1 */

static double
charpoly_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int
cmd_charpoly(int argc, char ** argv)
{
    arrangement_count_params par = { 1, NULL, 1e5, 2e5, 200000, 1 };
    const char * family = NULL, * pos[1];
    slong dim = -1, width = -1, plain = -1, emax = -1, fmax = -1;
    uint64_t seed = 0;
    int json = 0, progress = 0, nosym = 0, norev = 0, npos = 0;
    const cli_opt opts[] = { CLI_OPT_JSON(&json), { "family", CLI_STR, &family, 0, 0, 0, 0 },
        { "dim", CLI_SLONG, &dim, 1, 1e6, 0, 0 }, { "widths", CLI_SLONG, &width, 0, 1e9, 0, 0 },
        { "seed", CLI_U64, &seed, 0, 0, 0, 0 }, { "progress", CLI_FLAG, &progress, 0, 0, 0, 0 },
        { "no-symmetry", CLI_FLAG, &nosym, 0, 0, 0, 0 }, { "enumerate-max", CLI_SLONG, &emax, 0, 1e18, 0, 0 },
        { "flats-max", CLI_SLONG, &fmax, 0, 1e18, 0, 0 }, { "plain-max-nodes", CLI_SLONG, &plain, 0, 1e18, 0, 0 },
        { "no-reversed", CLI_FLAG, &norev, 0, 0, 0, 0 }, CLI_OPT_END };
    int rc = cli_opts_parse("charpoly", charpoly_help, argc, argv, opts, pos, 0, 1, &npos, "network file");
    if (rc != CLI_PARSED)
        return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
    par.progress = progress ? stderr : NULL;
    par.use_symmetry = !nosym;
    par.reversed = !norev;
    if (emax >= 0) par.enumerate_max = (double) emax;
    if (fmax >= 0) par.flats_max = (double) fmax;
    if (plain >= 0) par.plain_max_nodes = plain;
    int hw = width >= 0;
    if (family == NULL && npos != 1)
        return cli_usage_error("charpoly", "missing network file (or --family)");
    if (family != NULL && npos != 0)
        return cli_usage_error("charpoly", "give a network file or --family, not both");
    if (family != NULL && dim < 1)
        return cli_usage_error("charpoly", "--family needs --dim n (n >= 1)");

    rc_error_t err;
    net_t net;
    arrangement_count_t r;
    int status;
    double t0 = charpoly_now();
    rc_error_init(err);
    net_init(net);
    if (family != NULL)
    {
        slong w = width;
        status = net_random(net, family, dim, hw ? 1 : 0, &w, (ulong) seed, err);
    }
    else
        status = net_read_file(net, pos[0], err);
    arrangement_count_init(r);
    if (status == RELU_OK)
        status = arrangement_count(r, net, &par, err);
    if (status == RELU_OK)
    {
        if (json)
            charpoly_print_json(r, charpoly_now() - t0, par.use_symmetry);
        else
            charpoly_print_text(r);
    }
    rc = status ? cli_fail("charpoly", err) : CLI_EXIT_OK;
    arrangement_count_clear(r);
    net_clear(net);
    return rc;
}
