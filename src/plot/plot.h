/* Figures with cairo: region maps of networks with 2 inputs and graphs of
   networks with 1 input, with axes, ticks, labels, title, a colour bar (value
   colouring), a legend (patterns, Fiedler partition, boundary, data classes),
   data points and several panels side by side. Doubles are used here only to
   draw; what is drawn (regions, their vertices, the decision boundary, the
   value range, breakpoints) is computed exactly first. Colours and layout are
   deterministic functions of the input and file metadata is fixed, so the
   same input gives the same bytes (.svg, .pdf, .png, .tex). Text is set in
   DejaVu Sans (Debian's fonts-dejavu-core). */
#ifndef RELUCERT_PLOT_H
#define RELUCERT_PLOT_H

#include <stdio.h>
#include <flint/fmpq_mat.h>
#include "net/net.h"
#include "poly/poly.h"
#include "util/error.h"
#include "plot/canvas.h"
#include "json/json.h"

/* PLOT_COLOR_CLASS: the decision regions of a classifier (argmax of the outputs, ties to the
   lowest index; src/decision), one colour per class, the decision boundary in black. */
typedef enum { PLOT_COLOR_PATTERN, PLOT_COLOR_VALUE, PLOT_COLOR_FIEDLER, PLOT_COLOR_CLASS } plot_color;

typedef struct
{
    plot_color color;        /* fill of the regions */
    int boundary;            /* draw {f = T} */
    fmpq_t threshold;
    slong output;
    int size;                /* points (pixels in PNG) of the longer side of a panel's plot area */
    int axes;                /* axes, ticks, labels, title, colour bar and legend (0: the bare map) */
    const char * title, * xlabel, * ylabel;   /* NULL: no title; labels default to x1, x2 (x, f) */
    const char * const * captions;            /* one per panel or NULL */
    const fmpq_mat_struct * points;           /* data points (rows) or NULL */
    const fmpq * labels;                      /* their labels (classes in 2D, targets in 1D) */
}
plot_options;

void plot_options_init(plot_options * o);
void plot_options_clear(plot_options * o);

typedef struct
{
    plot_canvas_t C;
    slong npanels;
    slong * regions;         /* per panel: regions drawn */
    slong * pieces;          /* per panel: decision pieces drawn (class colouring), else 0 */
    int has_range;           /* value colouring or 1D: the exact range of the output */
    int has_pieces;          /* class colouring: pieces[] is meaningful */
    fmpq_t vmin, vmax;       /* over the domain: min and max over all region vertices, all panels */
    fmpq view[4];            /* x0, x1, y0, y1 of the plot area (exact; 1D: y from the range) */
    char ** texts;           /* every text drawn, in order */
    slong ntexts;
}
plot_figure_struct;

typedef plot_figure_struct plot_figure_t[1];

void plot_figure_init(plot_figure_t F);
void plot_figure_clear(plot_figure_t F);
/* Draws nnets networks (same input dimension, 1 or 2) over the bounded domain
   (a box, rectangle or polygon; an interval in 1D), one panel each. */
int plot_figure_build(plot_figure_t F, const net_struct * const * nets, slong nnets, const poly_t domain,
                      const plot_options * o, rc_error_t err);
/* .svg .pdf .png .tex */
int plot_figure_write(const char * path, const plot_figure_t F, rc_error_t err);
/* {"panels", "regions", ("pieces": class colouring), "width", "height", "view",
   "value_min", "value_max", "texts"}: view and range exact (F is a plot_figure_struct *) */
void plot_figure_write_json(jout_t out, const void * F);

/* The rectangle [x0,x1] x [y0,y1] as a polytope (r = x0, x1, y0, y1). */
int plot_domain_rect(poly_t P, const fmpq * r, rc_error_t err);

/* Region map of a network with 2 inputs on [lo, hi]^2 (the figure above with
   one panel); the format follows the extension of path. */
int plot_regions_2d(const char * path, const net_t net, const fmpq_t lo, const fmpq_t hi,
                    const plot_options * o, rc_error_t err);

#endif
