#include "cli/cli.h"

static const char * decision_help =
"usage: relucert decision NET [--box LO,HI | --domain FILE | --whole] [--list] [--json]\n"
"\n"
"Decision regions of a classifier (a network with m >= 2 outputs): D_c = {x : argmax f = c},\n"
"ties broken towards the lowest index (c wins where f_c >= f_i for all i and f_c > f_i for\n"
"i < c), as unions of exact polyhedra. Each activation region P, on which the outputs are\n"
"affine, is split into pieces P cap {f_c >= f_i for all i} (kept when full-dimensional and c\n"
"does not lose a tie on all of P). The closed pieces form a polyhedral complex: the pieces\n"
"cover the domain and meet only on their boundaries. Per class: its pieces, connected\n"
"components (pieces linked through shared faces; bounded or not), and the integral homology\n"
"of the closure of D_c (computed by the homology module on the network with the hidden layer\n"
"f_i - f_c; over R^n or an unbounded domain, the reduced homology of the one-point\n"
"compactification). The decision boundary (the facets between pieces of different classes,\n"
"with their faces) as a complex with its f-vector. Checked in every run: the pieces' complex\n"
"has the domain's Euler characteristic, each closure's Euler characteristic agrees between\n"
"the pieces and the homology's cells, and its components agree with b_0 (exit 70 otherwise).\n"
"Class labels come from the network's `classes` (format 2, doc/FORMAT.md) when it has them.\n"
"\n"
"JSON keys: classes, tie_rule, domain, compactified, regions (activation regions), pieces,\n"
"  fvector (the pieces' complex), adjacent_pairs {same_class, different_class}, boundary\n"
"  {fvector [f_0..f_(n-1)], euler, empty}, per_class [{class, label, pieces, components,\n"
"  bounded_components, bounded, empty, closure {fvector, lower_dimensional_cells (cells of\n"
"  the closure in no piece of the class: c wins there on a lower-dimensional set only),\n"
"  betti, torsion, euler, cells}}]; with --list also piece_list [{index, class, component,\n"
"  region, pattern, interior_point, inequalities {A, b, sources} (A x <= b; a source is a\n"
"  neuron, \"domain k\" or \"class i\": the facet f_c = f_i), vertices, rays, across (per\n"
"  inequality: the piece on the other side, null on the domain's boundary), bounded}].\n"
"\n"
"  --list              list every piece (H-representation, vertices, interior point)\n"
"  --progress          regions found, elapsed time and rate on stderr, also when it is not a\n"
"                      terminal (default: on a terminal only; --quiet: never)\n"
"\n"
"examples:\n"
"  relucert decision data/resnet-demo/resnet.json --box -1,1\n"
"  relucert decision data/resnet-demo/resnet.json --box -1,1 --json --list\n";

int
cmd_decision(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * pos[1];
    int json = 0, list = 0, quiet = 0, progress = 0;
    const cli_opt opts[] = { CLI_OPTS_DOMAIN(&dom), CLI_OPT_LIST(&list), CLI_OPT_JSON(&json),
                             CLI_OPT_QUIET(&quiet), CLI_OPT_PROGRESS(&progress), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "decision", decision_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;

    rc_error_t err;
    cli_input_t in;
    decision_t D;
    rc_error_init(err);
    cli_input_init(in);
    decision_init(D);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, NULL, NULL, 0 }, err);
    if (status == RELU_OK)
    {
        cli_progress prog;
        cli_progress_start(&prog, quiet, progress);
        D->progress = &prog.listener;
        status = decision_analyze(D, in->net, in->domain, in->desc, list, err);
        cli_progress_end(&prog);
        D->progress = NULL;
    }
    if (status == RELU_OK)
        status = (list && json ? cli_write_result_compact : cli_write_result)(json, (cli_writer_json) decision_write_json,
                                  (cli_writer_text) decision_write_text, D, err);
    rc = status ? cli_fail("decision", err) : CLI_EXIT_OK;
    decision_clear(D);
    cli_input_clear(in);
    return rc;
}
