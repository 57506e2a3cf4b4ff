#include <string.h>
#include "cli/cli.h"

static const char * plot_help =
"usage: relucert plot NET --box LO,HI --out FILE.(svg|pdf|png) [options]\n"
"\n"
"A region map of a network with two inputs on [LO,HI]^2: every activation region (computed\n"
"exactly) filled, region edges in grey, the decision boundary {f = T} in black. Colours and\n"
"layout are deterministic (same input, same file; PDF metadata is fixed).\n"
"\n"
"options:\n"
"  --color pattern|value|fiedler  fill by activation pattern (default), by the output's value\n"
"                                 at the region's interior point, or by the certified Fiedler\n"
"                                 partition (+ red, - blue, ? grey)\n"
"  --threshold T                  the level drawn as the boundary (default 0)\n"
"  --no-boundary                  do not draw {f = T}\n"
"  --output i                     the output (default 0)\n"
"  --size N                       side in pixels / points (default 600)\n"
"  --json                         print what was drawn (otherwise nothing is printed)\n"
"\n"
"JSON keys (--json): file, format (svg|pdf|png), size, box [LO, HI], color, output, regions\n"
"  (regions filled), boundary (whether {f = T} was drawn), threshold, boundary_segments (edges\n"
"  of {f = T} drawn), value_range (with --color value: the output's range over the vertices as\n"
"  decimal strings, computed in double precision for the colours only; else null).\n"
"\n"
"example: relucert plot data/default.json --box -1,1 --out map.svg --color value --json\n";

static int
_parse_color(plot_options * o, const char * color)
{
    static const char * names[] = { "pattern", "value", "fiedler" };
    static const plot_color values[] = { PLOT_COLOR_PATTERN, PLOT_COLOR_VALUE, PLOT_COLOR_FIEDLER };
    for (int i = 0; color != NULL && i < 3; i++)
        if (!strcmp(color, names[i]))
        {
            o->color = values[i];
            return CLI_EXIT_OK;
        }
    return color == NULL ? CLI_EXIT_OK : cli_usage_error("plot", "--color: expected pattern, value or fiedler");
}

int
cmd_plot(int argc, char ** argv)
{
    const char * box = NULL, * out = NULL, * tstr = NULL, * color = NULL, * pos[1];
    slong output = 0, size = 600;
    int json = 0, no_boundary = 0;
    const cli_opt opts[] = { { "box", CLI_STR, &box, 0, 0, 0 }, CLI_OPT_OUT(&out), { "color", CLI_STR, &color, 0, 0, 0 },
                             CLI_OPT_THRESHOLD(&tstr), { "no-boundary", CLI_FLAG, &no_boundary, 0, 0, 0 },
                             { "output", CLI_SLONG, &output, 0, 1e19, 0 }, { "size", CLI_SLONG, &size, 16, 8192, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc = cli_opts_parse("plot", plot_help, argc, argv, opts, pos, 1, 1, NULL, "network file");
    if (rc != CLI_PARSED)
        return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
    if (box == NULL || out == NULL)
        return cli_usage_error("plot", "expected NET --box LO,HI --out FILE");
    plot_options o;
    plot_options_init(&o);
    if ((rc = _parse_color(&o, color)) != CLI_EXIT_OK)
    {
        plot_options_clear(&o);
        return rc;
    }
    o.boundary = !no_boundary;
    o.output = output;
    o.size = (int) size;

    rc_error_t err;
    net_t net;
    fmpq * lh = NULL;
    plot_report r;
    rc_error_init(err);
    net_init(net);
    plot_report_init(&r);
    int status = net_read_file(net, pos[0], err);
    if (status == RELU_OK && num_parse_list(&lh, NULL, box, 2, err))
    {
        rc_error_prefix(err, "--box LO,HI");
        status = err->code;
    }
    if (status == RELU_OK && fmpq_cmp(lh, lh + 1) >= 0)
        status = rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", box);
    if (status == RELU_OK && tstr != NULL)
        status = cli_parse_threshold(o.threshold, tstr, err);
    if (status == RELU_OK)
        status = plot_regions_2d(&r, out, net, lh, lh + 1, &o, err);
    if (status == RELU_OK && json)
        status = cli_write_result(json, (cli_writer_json) plot_report_write_json, NULL, &r, err);
    if (lh)
        _fmpq_vec_clear(lh, 2);
    plot_report_clear(&r);
    plot_options_clear(&o);
    net_clear(net);
    return status ? cli_fail("plot", err) : CLI_EXIT_OK;
}
