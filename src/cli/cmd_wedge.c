#include "cli/cli.h"

static const char * wedge_help =
"usage: relucert wedge DATA [--bias] [--json] [--list]\n"
"\n"
"The wedge-product dictionary of a data set {\"X\": [[...]], \"y\": [...]} (numbers exact):\n"
"without --bias one neuron relu(+-x . v) per set of d-1 samples, v their generalised cross\n"
"product (x . v = det[x; X_S]); with --bias relu(+-[x,1] . v) per set of d samples (a neuron\n"
"through them). Columns equal on every sample are merged; columns zero on every sample are\n"
"dropped. Features are kept unnormalised (norms are irrational in general): the matching\n"
"penalty is on the weights v, exact.\n"
"\n"
"JSON keys: samples, dim, bias, raw_features (2 C(n,d-1), or 2 C(n,d) with --bias; checked),\n"
"  features (distinct nonzero columns), zero_features, and with --list columns\n"
"  [{subset (sample indices from 0), sign, multiplicity, weights, values}].\n\n"
"examples:\n"
"  relucert wedge data/wedge/ramps1d.json --json --list\n"
"  relucert wedge data/wedge/plane2d.json --bias\n";

int
cmd_wedge(int argc, char ** argv)
{
    const char * pos[1];
    int bias = 0, json = 0, list = 0;
    const cli_opt opts[] = { { "bias", CLI_FLAG, &bias, 0, 0, 0, 0 }, CLI_OPT_JSON(&json), CLI_OPT_LIST(&list),
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "wedge", wedge_help, argc, argv, opts, pos, 1, 1, NULL, "data file"))
        return rc;

    rc_error_t err;
    wedge_data_t D;
    wedge_report_t R;
    rc_error_init(err);
    wedge_data_init(D);
    wedge_report_init(R);
    int status = wedge_data_read_file(D, pos[0], err);
    if (status == RELU_OK)
        status = wedge_report_compute(R, D, bias, list, err);
    if (status == RELU_OK && json && list)
    {
        /* with the columns the JSON is compact: one line however many features */
        jout_t out;
        jout_init(out, stdout, 0, 0);
        wedge_report_write_json(out, R);
        jout_clear(out);
        status = cli_check_stdout(err);
    }
    else if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) wedge_report_write_json,
                                  (cli_writer_text) wedge_report_write_text, R, err);
    wedge_report_clear(R);
    wedge_data_clear(D);
    return status ? cli_fail("wedge", err) : CLI_EXIT_OK;
}
