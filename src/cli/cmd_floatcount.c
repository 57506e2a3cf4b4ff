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
"  points, on_boundary, mislabelled.\n\n"
"examples:\n"
"  relucert float-count data/default.json --box -1,1 --grid 64 --json\n";

int
cmd_floatcount(int argc, char ** argv)
{
    const char * box = NULL, * pos[1];
    slong grid = 0;
    int json = 0;
    const cli_opt opts[] = { { "box", CLI_STR, &box, 0, 0, 0, 0 }, { "grid", CLI_SLONG, &grid, 2, 1e19, 0, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "float-count", floatcount_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (box == NULL || grid == 0)
        return cli_usage_error("float-count", "expected NET --box LO,HI --grid n");

    rc_error_t err;
    cli_input_t in;
    fmpq * v = NULL;
    floatref_comparison c;
    cli_domain_opts dom = { box, NULL, 0 };
    rc_error_init(err);
    cli_input_init(in);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, NULL, NULL, 0 }, err);
    if (status == RELU_OK)
        status = num_parse_list(&v, NULL, box, 2, err);     /* already validated by the domain */
    if (status == RELU_OK)
        status = floatref_compare(&c, in->net, in->domain, in->desc, v, v + 1, grid, err);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) floatref_comparison_write_json,
                                  (cli_writer_text) floatref_comparison_write_text, &c, err);
    if (v != NULL)
        _fmpq_vec_clear(v, 2);
    cli_input_clear(in);
    return status ? cli_fail("float-count", err) : CLI_EXIT_OK;
}
