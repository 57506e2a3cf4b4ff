#include <getopt.h>
#include <stdlib.h>
#include "cli/cli.h"

static const char * floatcount_help =
"usage: relucert float-count NET --box LO,HI --grid n [--json]\n"
"\n"
"What a float-based region counter reports, next to the truth: the network is evaluated in\n"
"double precision on the n^d grid over [LO,HI]^d and the distinct activation patterns are\n"
"counted, as sampling tools do; the exact engine counts the regions of the box. Also: how\n"
"many grid points lie exactly on a bent hyperplane, and at how many the float signs differ\n"
"from the exact ones (the float answer there is a mislabel).\n"
"\n"
"JSON keys: regions (exact), float_patterns, missed (regions - float_patterns),\n"
"  exact_patterns_on_grid (distinct exact patterns of grid points off every hyperplane),\n"
"  points, on_boundary, mislabelled.\n";

static int
count_cb(void * data, const region_struct * R)
{
    (void) R;
    (*(slong *) data)++;
    return 0;
}

int
cmd_floatcount(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "grid", required_argument, 0, 'g' },
        { "json", no_argument, 0, 'j' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * box = NULL;
    long grid = 0;
    int json = 0, c;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': box = optarg; break;
            case 'g': grid = strtol(optarg, &end, 10); if (*end || grid < 2) return cli_usage_error("float-count", "--grid: expected an integer >= 2"); break;
            case 'j': json = 1; break;
            case 'h': fputs(floatcount_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("float-count", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1 || box == NULL || grid == 0)
        return cli_usage_error("float-count", "expected NET --box LO,HI --grid n");
    rc_error_t err;
    net_t net;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file(net, argv[optind], err);
    poly_t D;
    char desc[256];
    cli_domain_opts dom = { box, NULL, 0 };
    poly_init(D, net->input_dim);
    if (status == RELU_OK)
        status = cli_domain_build(D, desc, &dom, net->input_dim, err);
    floatref_report fr;
    slong regions = 0;
    if (status == RELU_OK)
    {
        fmpq * v = NULL;
        slong cnt;
        num_parse_list(&v, &cnt, box, 2, err);     /* already validated above */
        status = floatref_grid_count(&fr, net, v, v + 1, grid, err);
        _fmpq_vec_clear(v, 2);
    }
    if (status == RELU_OK)
        status = regions_enumerate(net, D, count_cb, &regions);
    if (status == RELU_OK)
    {
        if (json)
            printf("{\"regions\": %ld, \"float_patterns\": %ld, \"missed\": %ld, \"exact_patterns_on_grid\": %ld, "
                   "\"points\": %ld, \"on_boundary\": %ld, \"mislabelled\": %ld}\n", (long) regions,
                   (long) fr.patterns, (long) (regions - fr.patterns), (long) fr.exact_patterns, (long) fr.points,
                   (long) fr.on_boundary, (long) fr.mislabelled);
        else
            printf("exact regions in %s: %ld; float grid (%ld points): %ld patterns; %ld points on a bent "
                   "hyperplane, %ld mislabelled in double precision\n", desc, (long) regions, (long) fr.points,
                   (long) fr.patterns, (long) fr.on_boundary, (long) fr.mislabelled);
    }
    poly_clear(D);
    net_clear(net);
    return status ? cli_fail("float-count", err) : CLI_EXIT_OK;
}
