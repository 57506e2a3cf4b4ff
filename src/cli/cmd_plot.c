#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/plot_run.h"

static const char * plot_help =
"usage: relucert plot NET [NET ...] (--box LO,HI | --rect X0,X1,Y0,Y1 | --domain FILE)\n"
"                     --out FILE.(svg|pdf|png|tex) [options]\n"
"\n"
"A figure of networks with two inputs (region maps) or one input (graphs), one panel per NET\n"
"side by side (e.g. the checkpoints of a training run), with axes, ticks, tick labels, axis\n"
"labels, a title, a colour bar (value colouring) and a legend (the activation patterns of a\n"
"single map with at most 8 regions, the Fiedler partition, {f = T}, data classes). A map fills every\n"
"activation region (computed exactly), draws region edges in grey, the decision boundary\n"
"{f = T} in black and the domain's outline. A 1D graph is the output along the interval\n"
"through its exact breakpoints (marked). Everything drawn is computed exactly first; doubles\n"
"only place it. The colour bar's ends are the exact minimum and maximum of the output over\n"
"the domain (over all panels; printed exactly when short, else as ~4 digits).\n"
"Formats: .svg (labels are <text> elements), .pdf and .png (cairo), .tex (a TikZ picture:\n"
"pdflatex FILE.tex gives the figure alone, or \\input it in a document using tikz). Text is\n"
"DejaVu Sans (Debian package fonts-dejavu-core) with fixed font options: the same input gives\n"
"the same bytes on every machine.\n"
"\n"
"options:\n"
"  --box LO,HI                    the square [LO,HI]^2 (the interval [LO,HI] in 1D)\n"
"  --rect X0,X1,Y0,Y1             the rectangle [X0,X1] x [Y0,Y1]\n"
"  --domain FILE                  a bounded polygon {\"A\": [[...]], \"b\": [...]} (A x <= b)\n"
"  --color pattern|value|fiedler  fill by activation pattern (default), by the output's value\n"
"                                 at the region's interior point, or by the certified Fiedler\n"
"                                 partition (+ red, - blue, ? grey)\n"
"  --threshold T                  the level drawn as the boundary (default 0)\n"
"  --no-boundary                  do not draw {f = T}\n"
"  --output i                     the output (default 0)\n"
"  --size N                       the longer side of a panel's plot area in points (PNG: pixels;\n"
"                                 default 600)\n"
"  --title TEXT, --xlabel TEXT, --ylabel TEXT   (labels default to x1, x2; in 1D x, f(x))\n"
"  --data FILE                    data points {\"X\": [[...]], \"y\": [...]} (as for wedge and\n"
"                                 train-convex), coloured by label (1D: the points (x, y))\n"
"  --no-axes                      the bare map: no axes, labels, colour bar or legend\n"
"  --json                         print {panels, regions, width, height, view, value_min,\n"
"                                 value_max, texts}: view and value range exact\n"
"\n"
"examples:\n"
"  relucert plot data/default.json --box -1,1 --out default.svg --title \"default network\"\n"
"  relucert plot data/default.json --rect -1,1,-1/2,1/2 --color value --out value.pdf --json\n"
"  relucert plot data/topology/nets/xor-epoch0.json data/topology/nets/xor-epoch2000.json --box -2,2 --out xor.png\n"
"  relucert plot data/wedge/nets/hat1d-lambda10.json --box 0,9 --data data/wedge/hat1d.json --out hat.tex\n";

int
cmd_plot(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "out", required_argument, 0, 'o' },
        { "color", required_argument, 0, 'c' }, { "threshold", required_argument, 0, 't' },
        { "no-boundary", no_argument, 0, 'n' }, { "output", required_argument, 0, 'O' },
        { "size", required_argument, 0, 's' }, { "help", no_argument, 0, 'h' },
        /* issue 21: figures */
        { "rect", required_argument, 0, 'r' }, { "domain", required_argument, 0, 'd' },
        { "data", required_argument, 0, 'D' }, { "title", required_argument, 0, 'T' },
        { "xlabel", required_argument, 0, 'x' }, { "ylabel", required_argument, 0, 'y' },
        { "no-axes", no_argument, 0, 'A' }, { "json", no_argument, 0, 'j' }, { 0, 0, 0, 0 } };
    cli_plot_args a = { NULL, NULL, NULL, NULL, NULL, NULL, 0 };
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
            case 'b': a.box = optarg; break;
            case 'o': a.out = optarg; break;
            case 'c':
                if (!strcmp(optarg, "pattern")) o.color = PLOT_COLOR_PATTERN;
                else if (!strcmp(optarg, "value")) o.color = PLOT_COLOR_VALUE;
                else if (!strcmp(optarg, "fiedler")) o.color = PLOT_COLOR_FIEDLER;
                else rc = cli_usage_error("plot", "--color: expected pattern, value or fiedler");
                break;
            case 't': a.threshold = optarg; break;
            case 'n': o.boundary = 0; break;
            case 'O': o.output = strtol(optarg, &end, 10); if (*end || !*optarg) rc = cli_usage_error("plot", "--output: expected an index"); break;
            case 's': o.size = (int) strtol(optarg, &end, 10); if (*end || o.size < 16 || o.size > 8192) rc = cli_usage_error("plot", "--size: expected 16..8192"); break;
            case 'h': fputs(plot_help, stdout); rc = CLI_EXIT_OK; break;
            case 'r': a.rect = optarg; break;
            case 'd': a.domain = optarg; break;
            case 'D': a.data = optarg; break;
            case 'T': o.title = optarg; break;
            case 'x': o.xlabel = optarg; break;
            case 'y': o.ylabel = optarg; break;
            case 'A': o.axes = 0; break;
            case 'j': a.json = 1; break;
            default: rc = cli_usage_error("plot", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (rc < 0 && (optind >= argc || a.out == NULL))
        rc = cli_usage_error("plot", "expected NET [NET ...] (--box LO,HI | --rect X0,X1,Y0,Y1 | --domain FILE) --out FILE");
    if (rc >= 0)
    {
        plot_options_clear(&o);
        return rc;
    }
    rc_error_t err;
    rc_error_init(err);
    int status = cli_plot_run((const char * const *) argv + optind, argc - optind, &a, &o, err);
    plot_options_clear(&o);
    return status ? cli_fail("plot", err) : CLI_EXIT_OK;
}
