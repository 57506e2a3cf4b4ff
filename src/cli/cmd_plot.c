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
"through its exact breakpoints (marked). The network of `relucert slice` has its points in\n"
"its meta (slice coordinates t = 0, e_1, e_2): they are marked as rings labelled p0..pk (in 1D\n"
"at (t, f(t)), f(t) exact). Everything drawn is computed exactly first; doubles\n"
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
"  --color pattern|value|fiedler|class\n"
"                                 fill by activation pattern (default), by the output's value\n"
"                                 at the region's interior point, by the certified Fiedler\n"
"                                 partition (+ red, - blue, ? grey), or by class: the decision\n"
"                                 regions {argmax f = c} of a network with several outputs\n"
"                                 (ties to the lowest index; the pieces of relucert decision),\n"
"                                 region edges grey, the decision boundary black, a legend of\n"
"                                 the class labels (format 2 `classes`, else class 0, 1, ...)\n"
"  --threshold T                  the level drawn as the boundary (default 0)\n"
"  --no-boundary                  do not draw {f = T} (with --color class: the decision boundary)\n"
"  --output i                     the output (default 0)\n"
"  --size N                       the longer side of a panel's plot area in points (PNG: pixels;\n"
"                                 default 600)\n"
"  --title TEXT, --xlabel TEXT, --ylabel TEXT   (labels default to x1, x2; in 1D x, f(x))\n"
"  --data FILE                    data points {\"X\": [[...]], \"y\": [...]} (as for wedge and\n"
"                                 train-convex), coloured by label (1D: the points (x, y))\n"
"  --no-axes                      the bare map: no axes, labels, colour bar or legend\n"
"  --json                         print {panels, regions, (pieces: --color class), width,\n"
"                                 height, view, value_min, value_max, texts}: view and value\n"
"                                 range exact\n"
"\n"
"examples:\n"
"  relucert plot data/default.json --box -1,1 --out default.svg --title \"default network\"\n"
"  relucert plot data/default.json --rect -1,1,-1/2,1/2 --color value --out value.pdf --json\n"
"  relucert plot data/topology/nets/xor-epoch0.json data/topology/nets/xor-epoch2000.json --box -2,2 --out xor.png\n"
"  relucert plot data/wedge/nets/hat1d-lambda10.json --box 0,9 --data data/wedge/hat1d.json --out hat.tex\n"
"  relucert plot data/resnet-demo/resnet.json --box -1,1 --color class --out classes.svg\n";

/* --color NAME into o->color; an unknown name is a usage error */
static int
_plot_color(plot_options * o, const char * name)
{
    if (name == NULL || !strcmp(name, "pattern"))
        o->color = PLOT_COLOR_PATTERN;
    else if (!strcmp(name, "value"))
        o->color = PLOT_COLOR_VALUE;
    else if (!strcmp(name, "fiedler"))
        o->color = PLOT_COLOR_FIEDLER;
    else if (!strcmp(name, "class"))
        o->color = PLOT_COLOR_CLASS;
    else
        return cli_usage_error("plot", "--color: expected pattern, value, fiedler or class, got '%s'", name);
    return CLI_PARSED;
}

#define PLOT_MAX_PANELS 64

int
cmd_plot(int argc, char ** argv)
{
    cli_plot_args a = { NULL, NULL, NULL, NULL, NULL, NULL, 0 };
    plot_options o;
    const char * color = NULL, * nets[PLOT_MAX_PANELS];
    int noboundary = 0, noaxes = 0, npos = 0;
    slong size = -1;
    plot_options_init(&o);
    const cli_opt opts[] = { { "box", CLI_STR, &a.box, 0, 0, CLI_GROUP_DOMAIN, 0 },
        { "rect", CLI_STR, &a.rect, 0, 0, CLI_GROUP_DOMAIN, 0 }, { "domain", CLI_STR, &a.domain, 0, 0, CLI_GROUP_DOMAIN, 0 },
        CLI_OPT_OUT(&a.out), { "color", CLI_STR, &color, 0, 0, 0, 0 }, CLI_OPT_THRESHOLD(&a.threshold),
        { "no-boundary", CLI_FLAG, &noboundary, 0, 0, 0, 0 }, { "output", CLI_SLONG, &o.output, 0, 1e9, 0, 0 },
        { "size", CLI_SLONG, &size, 16, 8192, 0, 0 }, { "data", CLI_STR, &a.data, 0, 0, 0, 0 },
        { "title", CLI_STR, &o.title, 0, 0, 0, 0 }, { "xlabel", CLI_STR, &o.xlabel, 0, 0, 0, 0 },
        { "ylabel", CLI_STR, &o.ylabel, 0, 0, 0, 0 }, { "no-axes", CLI_FLAG, &noaxes, 0, 0, 0, 0 },
        CLI_OPT_JSON(&a.json), CLI_OPT_END };
    int rc = cli_opts_parse("plot", plot_help, argc, argv, opts, nets, 1, PLOT_MAX_PANELS, &npos, "NET [NET ...]");
    if (rc == CLI_PARSED && a.out == NULL)
        rc = cli_usage_error("plot", "expected NET [NET ...] (--box LO,HI | --rect X0,X1,Y0,Y1 | --domain FILE) --out FILE");
    if (rc == CLI_PARSED)
        rc = _plot_color(&o, color);
    if (rc != CLI_PARSED)
    {
        plot_options_clear(&o);
        return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
    }
    o.boundary = !noboundary;
    o.axes = !noaxes;
    if (size > 0)
        o.size = (int) size;
    rc_error_t err;
    rc_error_init(err);
    int status = cli_plot_run(nets, npos, &a, &o, err);
    plot_options_clear(&o);
    return status ? cli_fail("plot", err) : CLI_EXIT_OK;
}
