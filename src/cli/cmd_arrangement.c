#include "cli/cli.h"
#include "cert/cert.h"

static const char * arrangement_help =
"usage: relucert arrangement NET [--json] [--certificate FILE]\n"
"\n"
"The hyperplane arrangement of a network with exactly one hidden layer: one hyperplane\n"
"{w.x + b = 0} per neuron, after dropping zero rows and merging repeated, opposite and\n"
"rescaled neurons. Regions are counted twice, independently: by enumerating them over\n"
"R^n, and by Zaslavsky's theorem from the characteristic polynomial of the intersection\n"
"poset. A disagreement is reported as an internal error (exit 70), never as an answer.\n"
"\n"
"  --certificate FILE  write the hyperplanes, every flat (its hyperplanes and a point in\n"
"                      it) and the characteristic polynomial to FILE, for\n"
"                      relucert-check --arrangement FILE NET\n"
"\n"
"JSON keys: hyperplanes, regions, bounded_regions (bounded sets; 0 when the normals do not\n"
"  span R^n), relatively_bounded_regions (bounded modulo the lineality space, |chi(1)|),\n"
"  characteristic_polynomial (integer coefficients, highest degree first, degree n), rank,\n"
"  input_dim, methods_agree (true; otherwise the command fails).\n"
"Beyond 10^6 regions (counted first by deletion-restriction, see relucert charpoly) the\n"
"  regions are not enumerated: then counted_by is \"deletion-restriction\", checks lists\n"
"  the checks that ran (identities; closed-form: in general position, the uniform matroid's\n"
"  polynomial; plain: the run without symmetry, when it stays under its node limit;\n"
"  reversed: the run over the opposite hyperplane order; finite-field: point counts over\n"
"  F_q at primes above the Hadamard bound, where cheap), methods_agree is whether a second\n"
"  method agreed, and --certificate is refused (exit 3): such counts are cross-checked,\n"
"  not certified.\n\n"
"  --progress  regions enumerated of Zaslavsky's count, rate and ETA on stderr, also when it is\n"
"              not a terminal (default: on a terminal only; --quiet: never)\n"
"\n"
"examples:\n"
"  relucert arrangement tests/data/sage/case011.json --json\n"
"  relucert arrangement tests/data/sage/case011.json --certificate /tmp/relucert-arr.json\n";

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    return cert_arrangement_write(fp, data, err);
}

int
cmd_arrangement(int argc, char ** argv)
{
    const char * cert_path = NULL, * pos[1];
    int json = 0, quiet = 0, progress = 0;
    const cli_opt opts[] = { CLI_OPT_JSON(&json), CLI_OPT_CERTIFICATE(&cert_path), CLI_OPT_QUIET(&quiet),
                             CLI_OPT_PROGRESS(&progress), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "arrangement", arrangement_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;

    rc_error_t err;
    net_t net;
    arrangement_report_t r;
    rc_error_init(err);
    net_init(net);
    arrangement_report_init(r);
    int status = net_read_file(net, pos[0], err);
    if (status == RELU_OK)
    {
        cli_progress prog;
        cli_progress_start(&prog, quiet, progress);
        r->progress = &prog.listener;
        status = arrangement_analyze(r, net, err);
        cli_progress_end(&prog);
        r->progress = NULL;
    }
    if (status == RELU_OK && cert_path != NULL && r->counted_by_dr)
        status = rc_error_set(err, RELU_E_UNSUPPORTED, "certificates list every flat and are written up to %d "
                              "regions; this count is cross-checked, not certified", ARRANGEMENT_ENUMERATE_MAX);
    if (status == RELU_OK && cert_path != NULL)
        status = cli_write_certificate(cert_path, err, _write_cert, net);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) arrangement_report_write_json,
                                  (cli_writer_text) arrangement_report_write_text, r, err);
    rc = status ? cli_fail("arrangement", err) : CLI_EXIT_OK;
    arrangement_report_clear(r);
    net_clear(net);
    return rc;
}
