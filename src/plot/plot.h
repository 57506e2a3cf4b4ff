/* Figures with cairo: 2D region maps. Doubles are used here only to draw;
   what is drawn (regions, their vertices, the decision boundary) is computed
   exactly first. Colours and layout are deterministic functions of the
   input, and PDF metadata is fixed, so the same input gives the same file. */
#ifndef RELUCERT_PLOT_H
#define RELUCERT_PLOT_H

#include "net/net.h"
#include "util/error.h"
#include "json/json.h"

typedef enum { PLOT_COLOR_PATTERN, PLOT_COLOR_VALUE, PLOT_COLOR_FIEDLER } plot_color;

typedef struct
{
    plot_color color;        /* fill of the regions */
    int boundary;            /* draw {f = T} */
    fmpq_t threshold;
    slong output;
    int size;                /* pixels (PNG) / points (SVG, PDF) per side */
}
plot_options;

void plot_options_init(plot_options * o);
void plot_options_clear(plot_options * o);
/* What a region map drew (`relucert plot --json`). */
typedef struct
{
    char path[4096];
    const char * format;     /* "svg", "pdf", "png" (static strings) */
    const char * color;      /* "pattern", "value", "fiedler" */
    int size;
    fmpq_t lo, hi;           /* the box [lo, hi]^2 */
    slong output;
    int boundary;            /* {f = T} drawn */
    fmpq_t threshold;
    slong regions;           /* regions filled */
    slong boundary_segments; /* edges of {f = T} drawn */
    double vmin, vmax;       /* value colouring: the output's range over the vertices (double, for colours only) */
}
plot_report;

void plot_report_init(plot_report * r);
void plot_report_clear(plot_report * r);
/* Region map of a network with 2 inputs on [lo, hi]^2; the format follows the
   extension of path: .svg, .pdf or .png. r gets what was drawn. */
int plot_regions_2d(plot_report * r, const char * path, const net_t net, const fmpq_t lo, const fmpq_t hi,
                    const plot_options * o, rc_error_t err);
/* The report as `relucert plot --json` prints it (one object). */
void plot_report_write_json(jout_t out, const plot_report * r);

#endif
