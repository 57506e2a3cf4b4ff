#include <getopt.h>
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
static int
charpoly_parse(double * v, const char * s)
{
    char * end;
    double x;
    if (s == NULL || *s == 0)
        return -1;
    x = strtod(s, &end);
    if (*end != 0 || !(x >= 0) || x > 1e18 || x != (double) (long long) x)
        return -1;
    *v = x;
    return 0;
}

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
    static const struct option opts[] = {
        { "json", no_argument, 0, 'j' }, { "help", no_argument, 0, 'h' },
        { "family", required_argument, 0, 'f' }, { "dim", required_argument, 0, 'd' },
        { "widths", required_argument, 0, 'w' }, { "seed", required_argument, 0, 's' },
        { "progress", no_argument, 0, 'p' }, { "no-symmetry", no_argument, 0, 'S' },
        { "enumerate-max", required_argument, 0, 'E' }, { "flats-max", required_argument, 0, 'F' },
        { "plain-max-nodes", required_argument, 0, 'P' }, { "no-reversed", no_argument, 0, 'R' },
        { 0, 0, 0, 0 } };
    arrangement_count_params par = { 1, NULL, 1e5, 2e5, 200000, 1 };
    const char * family = NULL;
    double dim = -1, width = 0, seed = 0, x;
    int json = 0, c, hw = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        double * slot = NULL;
        switch (c)
        {
            case 'j': json = 1; continue;
            case 'h': fputs(charpoly_help, stdout); return CLI_EXIT_OK;
            case 'f': family = optarg; continue;
            case 'p': par.progress = stderr; continue;
            case 'S': par.use_symmetry = 0; continue;
            case 'R': par.reversed = 0; continue;
            case 'd': slot = &dim; break;
            case 'w': slot = &width; hw = 1; break;
            case 's': slot = &seed; break;
            case 'E': slot = &par.enumerate_max; break;
            case 'F': slot = &par.flats_max; break;
            case 'P': slot = &x; break;
            default: return cli_usage_error("charpoly", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
        if (charpoly_parse(slot, optarg))
        {
            const char * name = "";
            for (int i = 0; opts[i].name != NULL; i++)
                if (opts[i].val == c)
                    name = opts[i].name;
            return cli_usage_error("charpoly", "option --%s needs a nonnegative integer, not '%s'", name, optarg);
        }
        if (c == 'P')
            par.plain_max_nodes = (slong) x;
    }
    if (family == NULL && optind != argc - 1)
        return cli_usage_error("charpoly", optind >= argc ? "missing network file (or --family)" : "expected one network file");
    if (family != NULL && optind != argc)
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
        slong w = (slong) width;
        status = net_random(net, family, (slong) dim, hw ? 1 : 0, &w, (ulong) seed, err);
    }
    else
        status = net_read_file(net, argv[optind], err);
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
    int rc = status ? cli_fail("charpoly", err) : CLI_EXIT_OK;
    arrangement_count_clear(r);
    net_clear(net);
    return rc;
}
