#include <getopt.h>
#include <stdlib.h>
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
"  --size N                       side in pixels / points (default 600)\n";

int
cmd_plot(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "out", required_argument, 0, 'o' },
        { "color", required_argument, 0, 'c' }, { "threshold", required_argument, 0, 't' },
        { "no-boundary", no_argument, 0, 'n' }, { "output", required_argument, 0, 'O' },
        { "size", required_argument, 0, 's' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * box = NULL, * out = NULL, * tstr = NULL;
    plot_options o;
    int c;
    char * end;
    plot_options_init(&o);
    opterr = 0;
    optind = 1;
    int rc = -1;
    while (rc < 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': box = optarg; break;
            case 'o': out = optarg; break;
            case 'c':
                if (!strcmp(optarg, "pattern")) o.color = PLOT_COLOR_PATTERN;
                else if (!strcmp(optarg, "value")) o.color = PLOT_COLOR_VALUE;
                else if (!strcmp(optarg, "fiedler")) o.color = PLOT_COLOR_FIEDLER;
                else rc = cli_usage_error("plot", "--color: expected pattern, value or fiedler");
                break;
            case 't': tstr = optarg; break;
            case 'n': o.boundary = 0; break;
            case 'O': o.output = strtol(optarg, &end, 10); if (*end || !*optarg) rc = cli_usage_error("plot", "--output: expected an index"); break;
            case 's': o.size = (int) strtol(optarg, &end, 10); if (*end || o.size < 16 || o.size > 8192) rc = cli_usage_error("plot", "--size: expected 16..8192"); break;
            case 'h': fputs(plot_help, stdout); rc = CLI_EXIT_OK; break;
            default: rc = cli_usage_error("plot", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (rc < 0 && (optind != argc - 1 || box == NULL || out == NULL))
        rc = cli_usage_error("plot", "expected NET --box LO,HI --out FILE");
    if (rc >= 0)
    {
        plot_options_clear(&o);
        return rc;
    }
    rc_error_t err;
    net_t net;
    fmpq * lh = NULL, * T = NULL;
    slong cnt;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file(net, argv[optind], err);
    if (status == RELU_OK && num_parse_list(&lh, &cnt, box, 2, err))
    {
        rc_error_prefix(err, "--box LO,HI");
        status = err->code;
    }
    if (status == RELU_OK && fmpq_cmp(lh, lh + 1) >= 0)
        status = rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", box);
    if (status == RELU_OK && tstr != NULL)
    {
        if (num_parse_list(&T, &cnt, tstr, 1, err))
        {
            rc_error_prefix(err, "--threshold");
            status = err->code;
        }
        else
            fmpq_set(o.threshold, T);
    }
    if (status == RELU_OK)
        status = plot_regions_2d(out, net, lh, lh + 1, &o, err);
    if (lh) _fmpq_vec_clear(lh, 2);
    if (T) _fmpq_vec_clear(T, 1);
    plot_options_clear(&o);
    net_clear(net);
    return status ? cli_fail("plot", err) : CLI_EXIT_OK;
}
