#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * homology_help =
"usage: relucert homology NET [--box LO,HI | --domain FILE | --whole] (--superlevel T | --sublevel T | --level T)\n"
"                         [--output i] [--json] [--certificate FILE]\n"
"\n"
"Integral homology of {x in domain : f(x) >= T} (superlevel), {f <= T} (sublevel) or\n"
"{f = T} (level), f the network's output i (default 0; required when there are several\n"
"outputs), T rational. The set is cut exactly from the region complex; its cellular\n"
"chain complex (cells = faces, identified across regions by sign vectors, oriented\n"
"canonically) is checked (d o d = 0, cell counts against an independent face count)\n"
"and reduced over Z (sparse unit pivots, then a dense Smith normal form).\n"
"Inside a box or polytope this is the homology of the (compact) set. Over R^n (the default,\n"
"or --whole) or an unbounded polyhedron the set X may be unbounded: then the reported\n"
"groups are the reduced homology of its one-point compactification X+ (equivalently the\n"
"Borel-Moore homology of X), computed from all cells, bounded and unbounded, relative to\n"
"the point at infinity; for a compact X they are the homology of X.\n"
"\n"
"JSON keys: betti [b_0..b_n], torsion (one list of torsion coefficients per dimension),\n"
"  euler (sum (-1)^k b_k, equal to the alternating count of cells), cells [c_0..c_n],\n"
"  empty (true when the set is empty: all Betti numbers 0), set, threshold, output, domain,\n"
"  compactified (true when the domain is unbounded: reduced homology of X+ as above).\n"
"\n"
"  --certificate FILE  write the cells (a relative-interior point each), the boundary\n"
"                      matrices d_k and, per d_k, unimodular U, V with their inverses and\n"
"                      U d_k V = the Smith form, for `relucert-check CERT NET`\n"
"                      (proofs/CHECKER.md). U, V are sparse (unit pivots eliminated in\n"
"                      Markowitz order); a block left without unit pivots may have at most\n"
"                      4000000 entries (else exit 3, no file written).\n"
"  --progress          regions found, elapsed time and rate on stderr, also when it is not a\n"
"                      terminal (default: on a terminal only; --quiet: never)\n"
"\n"
"examples:\n"
"  relucert homology data/default.json --box -1,1 --sublevel 0\n"
"  relucert homology data/default.json --box -1,1 --superlevel 0 --json --certificate /tmp/relucert-h.json\n";

typedef struct
{
    const net_struct * net;
    const poly_struct * domain;
    const homology_set_struct * S;
}
homology_cert_args;

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    const homology_cert_args * a = data;
    const homology_set_struct * S = a->S;
    return cert_homology_write(fp, a->net, S->output, S->T, S->set, a->domain, S->domain, S->K, S->points, S->H, err);
}

int
cmd_homology(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    cli_set_opts set = { NULL, NULL };
    const char * ostr = NULL, * cert_path = NULL, * pos[1];
    int json = 0, quiet = 0, progress = 0;
    const cli_opt opts[] = { CLI_OPTS_DOMAIN(&dom), CLI_OPTS_SET(&set), CLI_OPT_OUTPUT(&ostr), CLI_OPT_JSON(&json),
                             CLI_OPT_CERTIFICATE(&cert_path), CLI_OPT_QUIET(&quiet), CLI_OPT_PROGRESS(&progress),
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "homology", homology_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (set.name == NULL)
        return cli_usage_error("homology", "give exactly one of --superlevel T, --sublevel T, --level T");

    rc_error_t err;
    cli_input_t in;
    homology_set_t S;
    rc_error_init(err);
    cli_input_init(in);
    homology_set_init(S);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, set.T, ostr, 1 }, err);
    if (status == RELU_OK)
    {
        cli_progress prog;
        cli_progress_start(&prog, quiet, progress);
        S->progress = &prog.listener;
        status = homology_set_compute(S, in->net, in->output, set.name, in->T, in->domain, in->desc,
                                      cert_path != NULL, err);
        cli_progress_end(&prog);
        S->progress = NULL;
    }
    if (status == RELU_OK && cert_path != NULL)
        status = cli_write_certificate(cert_path, err, _write_cert,
                                       &(homology_cert_args){ in->net, in->domain, S });
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) homology_set_write_json,
                                  (cli_writer_text) homology_set_write_text, S, err);
    rc = status ? cli_fail("homology", err) : CLI_EXIT_OK;
    homology_set_clear(S);
    cli_input_clear(in);
    return rc;
}
