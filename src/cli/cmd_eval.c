#include "cli/cli.h"

static const char * eval_help =
"usage: relucert eval NET --at x1,...,xn [--json]\n"
"\n"
"Exact output of the network NET at the point x (rationals: 1/3, 0.25, -2e-3, ...),\n"
"its activation pattern, and the network's affine map y = W x + c there.\n"
"\n"
"JSON keys: input (the point), output, pattern (0/1 per hidden neuron: pre-activation > 0),\n"
"  signs (\"-\", \"0\", \"+\" per hidden neuron), on_boundary (some pre-activation is 0),\n"
"  zero_neurons (their indices, from 0), affine {W, c}. On a boundary the affine map is the\n"
"  one of the pattern above (zero pre-activations counted inactive); every region touching x\n"
"  has an affine map with the same value at x.\n\n"
"NET may be a graph (format version 2, doc/FORMAT.md). A max over k >= 3 entries is a max\n"
"  group of k neurons (doc/FORMAT.md, \"Max groups\"): its pattern bit is 1 at the argmax (the\n"
"  lowest member of largest value), its signs are + there, 0 for a member tied with it, - below.\n\n"
"examples:\n"
"  relucert eval data/default.json --at 1/3,-1/2 --json\n"
"  relucert eval data/default.json --at 0,0\n"
"  relucert eval data/graph-residual.json --at 1,2\n";

int
cmd_eval(int argc, char ** argv)
{
    const char * at = NULL, * pos[1];
    int json = 0;
    const cli_opt opts[] = { { "at", CLI_STR, &at, 0, 0, 0, 0 }, CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "eval", eval_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (at == NULL)
        return cli_usage_error("eval", "missing --at x1,...,xn");

    rc_error_t err;
    net_t net;
    plnet_t g;
    net_eval_report_t r;
    fmpq * x = NULL;
    rc_error_init(err);
    net_init(net);
    plnet_init(g);
    net_eval_report_init(r);
    /* a graph whose lowering is refused (too large) is evaluated directly */
    int status = net_read_file_flags(net, g, pos[0], NET_READ_GROUPS, err), graph = (status == RELU_E_UNSUPPORTED && g->nnodes > 0);
    slong n = graph ? plnet_input_dim(g) : net->input_dim;
    if (graph)
        status = RELU_OK;
    if (status == RELU_OK && num_parse_list(&x, NULL, at, n, err))
    {
        rc_error_prefix(err, "--at");
        status = err->code;
    }
    if (status == RELU_OK)
    {
        graph ? net_eval_report_graph(r, g, x) : net_eval_report(r, net, x);
        status = cli_write_result(json, (cli_writer_json) net_eval_report_write_json,
                                  (cli_writer_text) net_eval_report_write_text, r, err);
    }
    rc = status ? cli_fail("eval", err) : CLI_EXIT_OK;
    if (x != NULL)
        _fmpq_vec_clear(x, n);
    net_eval_report_clear(r);
    net_clear(net);
    plnet_clear(g);
    return rc;
}
