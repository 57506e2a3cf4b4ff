#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "arrangement/dr.h"
#include "random/random.h"


int
cmd_charpoly(int argc, char ** argv)
{
    arrangement_count_params par = { 1, NULL, 1e5, 2e5, 200000, 1, 1e8 };
    const char * family = NULL, * pos[1];
    slong dim = -1, width = -1, plain = -1, emax = -1, fmax = -1, ffmax = -1;
    uint64_t seed = 0;
    int json = 0, progress = 0, nosym = 0, norev = 0, npos = 0;
    const cli_opt opts[] = { CLI_OPT_JSON(&json), { "family", CLI_STR, &family, 0, 0, 0, 0 },
        { "dim", CLI_SLONG, &dim, 1, 1e6, 0, 0 }, { "widths", CLI_SLONG, &width, 0, 1e9, 0, 0 },
        { "seed", CLI_U64, &seed, 0, 0, 0, 0 }, { "progress", CLI_FLAG, &progress, 0, 0, 0, 0 },
        { "no-symmetry", CLI_FLAG, &nosym, 0, 0, 0, 0 }, { "enumerate-max", CLI_SLONG, &emax, 0, 1e18, 0, 0 },
        { "flats-max", CLI_SLONG, &fmax, 0, 1e18, 0, 0 }, { "plain-max-nodes", CLI_SLONG, &plain, 0, 1e18, 0, 0 },
        { "no-reversed", CLI_FLAG, &norev, 0, 0, 0, 0 },
        { "finite-field-max", CLI_SLONG, &ffmax, 0, 1e18, 0, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "charpoly", charpoly_help, argc, argv, opts, pos, 0, 1, &npos, "network file"))
        return rc;
    par.progress = progress ? stderr : NULL;
    par.use_symmetry = !nosym;
    par.reversed = !norev;
    if (emax >= 0) par.enumerate_max = (double) emax;
    if (fmax >= 0) par.flats_max = (double) fmax;
    if (plain >= 0) par.plain_max_nodes = plain;
    if (ffmax >= 0) par.finite_field_max = (double) ffmax;
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
        status = cli_write_result(json, (cli_writer_json) arrangement_count_write_json,
                                  (cli_writer_text) arrangement_count_write_text, r, err);
    }
    rc = status ? cli_fail("charpoly", err) : CLI_EXIT_OK;
    arrangement_count_clear(r);
    net_clear(net);
    return rc;
}
