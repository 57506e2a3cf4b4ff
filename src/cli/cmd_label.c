#include <string.h>
#include "cli/cli.h"

static const char * label_help =
"usage: relucert label NET (POINTS | --grid n --box LO,HI) [--json] [--jsonl FILE]\n"
"\n"
"Exact labels at points: for every point the exact output, the activation pattern, and\n"
"whether it lies on a bent hyperplane (some pre-activation exactly 0; float tools tend to\n"
"mislabel those), with the indices of the zero neurons.\n"
"\n"
"  POINTS          a JSON file: an array of points, each an array of input_dim numbers\n"
"                  (integers, \"p/q\", decimals: read exactly)\n"
"  --grid n        the n^d grid LO + (HI - LO) k / (n - 1), k = 0..n-1, on [LO,HI]^d\n"
"                  (rational: it hits hyperplanes through rational points exactly)\n"
"  --jsonl FILE    one JSON record per point ('-' for stdout)\n"
"\n"
"JSON keys (--json): points, on_boundary (how many points lie on a bent hyperplane), labels\n"
"  (records: point, output, pattern (0/1 per hidden neuron), on_boundary, zero_neurons).\n\n"
"NET may be a graph (format version 2); a max over k >= 3 entries is a max group (pattern\n"
"  bit 1 at its argmax, the lowest member of largest value; doc/FORMAT.md, \"Max groups\").\n\n"
"examples:\n"
"  relucert label data/default.json --grid 5 --box -1,1 --jsonl labels.jsonl\n"
"  relucert label data/graph-residual.json --grid 3 --box -1,1\n";

/* The points: a file, or --grid n --box LO,HI (at most 10^7 points). */
static int
_points(net_points_struct * P, fmpq ** pts, fmpq ** lohi, const char * file, slong grid, const char * box, slong n,
        rc_error_t err)
{
    if (file != NULL)
    {
        int status = net_points_read_file(pts, &P->num, file, n, err);
        P->pts = *pts;
        return status;
    }
    double total = 1;
    for (slong k = 0; k < n; k++)
        total *= grid;
    if (num_parse_list(lohi, NULL, box, 2, err))
    {
        rc_error_prefix(err, "--box LO,HI");
        return err->code;
    }
    if (fmpq_cmp(*lohi, *lohi + 1) >= 0)
        return rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", box);
    if (total > 1e7)
        return rc_error_set(err, RELU_E_INPUT, "--grid: %ld^%ld points is more than 10^7", (long) grid, (long) n);
    P->lohi = *lohi;
    P->grid = grid;
    return RELU_OK;
}

/* Streams the labels: --json on stdout, --jsonl to its file, else text. */
static int
_label(const net_t net, const plnet_t g, const net_points_struct * P, int json, const char * jsonl, rc_error_t err)
{
    FILE * lfp = NULL;
    if (jsonl != NULL && (lfp = strcmp(jsonl, "-") ? fopen(jsonl, "w") : stdout) == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s", jsonl);
    jout_t out, lout;
    net_label_summary s;
    if (json)
        jout_init(out, stdout, 0, 0);
    if (lfp)
        jout_init(lout, lfp, 0, 1);
    if (g->nnodes > 0 && net->nlayers == 0)
        net_label_points_graph(&s, g, P, json ? out : NULL, lfp ? lout : NULL, json || lfp ? NULL : stdout);
    else
        net_label_points(&s, net, P, json ? out : NULL, lfp ? lout : NULL, json || lfp ? NULL : stdout);
    if (json)
        jout_clear(out);
    int status = RELU_OK;
    if (lfp)
    {
        jout_clear(lout);
        int bad = ferror(lfp);
        if (lfp != stdout && (fclose(lfp) != 0 || bad))
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", jsonl);
    }
    return status != RELU_OK ? status : cli_check_stdout(err);
}

int
cmd_label(int argc, char ** argv)
{
    const char * box = NULL, * jsonl = NULL, * pos[2];
    slong grid = 0;
    int json = 0, npos;
    const cli_opt opts[] = { { "grid", CLI_SLONG, &grid, 2, 1e19, 0, 0 }, { "box", CLI_STR, &box, 0, 0, 0, 0 },
                             CLI_OPT_JSON(&json), { "jsonl", CLI_STR, &jsonl, 0, 0, 0, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "label", label_help, argc, argv, opts, pos, 1, 2, &npos, "network file"))
        return rc;
    if ((npos == 2) == (grid > 0) || (grid > 0) != (box != NULL))
        return cli_usage_error("label", "give either a points file or --grid n --box LO,HI");

    rc_error_t err;
    net_t net;
    plnet_t g;
    net_points_struct P = { NULL, 0, NULL, 0 };
    fmpq * pts = NULL, * lohi = NULL;
    rc_error_init(err);
    net_init(net);
    plnet_init(g);
    /* a graph whose lowering is refused (too large) is labelled directly */
    int status = net_read_file_flags(net, g, pos[0], NET_READ_GROUPS, err);
    if (status == RELU_E_UNSUPPORTED && g->nnodes > 0)
        status = RELU_OK;
    slong n = net->nlayers == 0 && g->nnodes > 0 ? plnet_input_dim(g) : net->input_dim;
    if (status == RELU_OK)
        status = _points(&P, &pts, &lohi, npos == 2 ? pos[1] : NULL, grid, box, n, err);
    if (status == RELU_OK)
        status = _label(net, g, &P, json, jsonl, err);
    rc = status ? cli_fail("label", err) : CLI_EXIT_OK;
    if (pts)
        _fmpq_vec_clear(pts, FLINT_MAX(P.num * n, 1));
    if (lohi)
        _fmpq_vec_clear(lohi, 2);
    net_clear(net);
    plnet_clear(g);
    return rc;
}
