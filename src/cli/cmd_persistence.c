#include <string.h>
#include "cli/cli.h"

static const char * persistence_help =
"usage: relucert persistence NET (--box LO,HI | --domain FILE) [--output i] [--field 2|p|Q] [--json]\n"
"\n"
"Persistence barcode of the sublevel filtration of the network's output f: every face of\n"
"the region complex enters at the maximum of f on it (attained at a vertex: f is affine\n"
"on each region), faces before their cofaces at equal values. Critical values are exact\n"
"rationals. Coefficients: Z/2 (default), Z/p for a prime p, or Q. Bars of length zero are\n"
"omitted. The domain must be bounded.\n"
"\n"
"JSON keys: field (\"2\", \"p\" or \"Q\"), bars [{dim, birth, death}] (birth/death exact \"p/q\";\n"
"  death null for an essential bar), critical_values (sorted, distinct), cells [c_0..c_n],\n"
"  output, domain.\n\n"
"examples:\n"
"  relucert persistence data/default.json --box -1,1 --field Q --json\n"
"  relucert persistence data/default.json --box -1,1\n";

static int
_parse_field(ulong * p, const char * fstr)
{
    *p = 0;
    if (!strcmp(fstr, "Q") || !strcmp(fstr, "q"))
        return CLI_EXIT_OK;
    /* digits only (at most 18), so the layer's parser below cannot fail with its own message */
    size_t len = strspn(fstr, "0123456789");
    slong v = 0;
    if (len == 0 || len > 18 || fstr[len] != '\0' || cli_parse_slong(&v, "persistence", "--field", fstr, 0, WORD_MAX)
        || v < 2 || !n_is_prime((ulong) v))
        return cli_usage_error("persistence", "--field: expected 2, a prime p or Q, got \"%s\"", fstr);
    *p = (ulong) v;
    return CLI_EXIT_OK;
}

int
cmd_persistence(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * ostr = NULL, * fstr = "2", * pos[1];
    int json = 0;
    const cli_opt opts[] = { CLI_OPTS_DOMAIN(&dom), CLI_OPT_OUTPUT(&ostr), { "field", CLI_STR, &fstr, 0, 0, 0, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "persistence", persistence_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (dom.whole || (dom.box == NULL && dom.file == NULL))
        return cli_usage_error("persistence", "give a bounded domain with --box LO,HI or --domain FILE");
    ulong p;
    if ((rc = _parse_field(&p, fstr)) != CLI_EXIT_OK)
        return rc;

    rc_error_t err;
    cli_input_t in;
    persistence_report_t R;
    rc_error_init(err);
    cli_input_init(in);
    persistence_report_init(R);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, NULL, ostr, 1 }, err);
    if (status == RELU_OK)
        status = persistence_analyze(R, in->net, in->output, in->domain, in->desc, p, err);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) persistence_report_write_json,
                                  (cli_writer_text) persistence_report_write_text, R, err);
    rc = status ? cli_fail("persistence", err) : CLI_EXIT_OK;
    persistence_report_clear(R);
    cli_input_clear(in);
    return rc;
}
