#include "cli/cli.h"
#include "cert/cert.h"

static const char * dualgraph_help =
"usage: relucert dualgraph NET [--box LO,HI | --domain FILE | --whole] [options]\n"
"\n"
"The dual graph of the activation regions (nodes: regions in the order of regions --list;\n"
"edges: pairs of regions sharing a facet, found exactly from the complex), its Laplacian\n"
"L = D - A, a certified enclosure of the second-smallest eigenvalue (Fiedler value) and the\n"
"certified sign partition of a Fiedler vector. From 3 regions on: a sparse float eigensolver\n"
"whose answer is proved exactly (Rayleigh quotient and Temple's bound of an integer vector,\n"
"inertia bounds from exactly checked sparse LDL^T factors; the library header graph/graph.h\n"
"has the argument); a multiple lambda_2 of up to 1500 regions goes to the dense path (arb;\n"
"where its clusters fail, the roots of the exact characteristic polynomial, which also give\n"
"lambda_2's exact multiplicity).\n"
"Default domain: R^n.\n"
"\n"
"options:\n"
"  --weighted        weight each edge by the number of vertices of the shared facet\n"
"  --threshold T     compare the partition with the classes sign(f - T) of the regions\n"
"  --output i        the output used with --threshold (default 0)\n"
"  --dot FILE        write the graph in Graphviz DOT ('-' for stdout)\n"
"  --graphml FILE    write the graph in GraphML\n"
"  --list-edges      include the edge list in the JSON output\n"
"  --certificate FILE  write a certificate of the Fiedler value (unweighted; relucert-check\n"
"                    CERT NET verifies it: proofs/CHECKER.md)\n"
"  --progress        regions found (count, rate) and the sparse path's stages on stderr, also off\n"
"                    a terminal (default: the count on a terminal only; --quiet: nothing)\n"
"  --json, --quiet, --help\n"
"\n"
"JSON keys: nodes, edges, laplacian (\"unweighted\" | \"weighted\"), fiedler_value [lo, hi]\n"
"  (decimal strings, certified), fiedler_simple (whether lambda_2 is certified simple; if not,\n"
"  the partition is all \"?\"), fiedler_multiplicity (lambda_2's proved multiplicity, 1 when\n"
"  simple; null when not proved), partition (\"+\", \"-\" or \"?\" per region), uncertain (indices of\n"
"  \"?\" regions), degrees (per region), edge_list [[i, j, weight], ...] with --list-edges;\n"
"  with --threshold: agreement {fraction (exact, best over the global sign of the vector),\n"
"  compared (regions with a certain sign and a class), crossed (regions f - T changes sign on)}.\n\n"
"examples:\n"
"  relucert dualgraph data/default.json --box -1,1 --threshold 0 --dot dual.dot\n"
"  relucert dualgraph data/default.json --box -1,1 --json\n"
"  relucert dualgraph data/default.json --box -1,1 --certificate dual.cert\n";

static int
_write_dot(FILE * fp, void * R, rc_error_t err)
{
    dualgraph_report_write_dot(fp, R);
    return RELU_OK;
}

static int
_write_graphml(FILE * fp, void * R, rc_error_t err)
{
    dualgraph_report_write_graphml(fp, R);
    return RELU_OK;
}

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    void ** d = data;
    return cert_dualgraph_write(fp, d[0], d[1], d[2], d[3], err);
}

static int
_write(int json, const dualgraph_report_t R, rc_error_t err)
{
    if (!json || !R->list_edges)
        return cli_write_result(json, (cli_writer_json) dualgraph_report_write_json,
                                (cli_writer_text) dualgraph_report_write_text, R, err);
    /* with the edge list the JSON is compact: one line however many edges */
    jout_t out;
    jout_init(out, stdout, 0, 0);
    dualgraph_report_write_json(out, R);
    jout_clear(out);
    return cli_check_stdout(err);
}

int
cmd_dualgraph(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * tstr = NULL, * ostr = NULL, * dot = NULL, * gml = NULL, * cert = NULL, * pos[1];
    int json = 0, weighted = 0, list_edges = 0, quiet = 0, progress = 0;
    const cli_opt opts[] = { CLI_OPTS_DOMAIN(&dom), { "weighted", CLI_FLAG, &weighted, 0, 0, 0, 0 },
                             CLI_OPT_THRESHOLD(&tstr), CLI_OPT_OUTPUT(&ostr), { "dot", CLI_STR, &dot, 0, 0, 0, 0 },
                             { "graphml", CLI_STR, &gml, 0, 0, 0, 0 }, { "list-edges", CLI_FLAG, &list_edges, 0, 0, 0, 0 },
                             { "progress", CLI_FLAG, &progress, 0, 0, 0, 0 }, { "certificate", CLI_STR, &cert, 0, 0, 0, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_QUIET(&quiet), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "dualgraph", dualgraph_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;

    rc_error_t err;
    cli_input_t in;
    dualgraph_report_t R;
    rc_error_init(err);
    cli_input_init(in);
    dualgraph_report_init(R);
    R->progress = progress && !quiet ? stderr : NULL;
    cli_progress prog;
    cli_progress_start(&prog, quiet, progress);
    R->region_progress = &prog.listener;
    /* the output matters only for the classes against --threshold */
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, tstr, ostr, tstr != NULL || ostr != NULL },
                                err);
    if (status == RELU_OK && cert && weighted)
        status = rc_error_set(err, RELU_E_UNSUPPORTED, "--certificate: the weighted Laplacian is not certified "
                              "(its weights are not in the regions certificate)");
    if (status == RELU_OK)
        status = dualgraph_analyze(R, in->net, in->domain, in->desc, in->output, tstr ? in->T : NULL, weighted,
                                   list_edges, err);
    cli_progress_end(&prog);
    if (status == RELU_OK && cert)
        status = cli_write_file(cert, err, _write_cert, (void *[]) { R, in->net, in->domain, in->desc });
    if (status == RELU_OK && dot)
        status = cli_write_file(dot, err, _write_dot, R);
    if (status == RELU_OK && gml)
        status = cli_write_file(gml, err, _write_graphml, R);
    if (status == RELU_OK)
        status = _write(json, R, err);
    rc = status ? cli_fail("dualgraph", err) : CLI_EXIT_OK;
    dualgraph_report_clear(R);
    cli_input_clear(in);
    return rc;
}
