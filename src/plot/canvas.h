/* A display list for figures: polygons, polylines, dots and text in figure
   coordinates (points, y down), written as PNG/PDF (cairo), SVG (written
   directly, so labels stay <text> elements a reader can search and edit) or
   TikZ (.tex for pdflatex). Doubles only draw here. Text is set in DejaVu Sans
   (Debian's fonts-dejavu-core) with fixed cairo font options, so PNG text is
   the same bytes on every machine with that package. */
#ifndef RELUCERT_PLOT_CANVAS_H
#define RELUCERT_PLOT_CANVAS_H

#include <flint/flint.h>
#include "util/error.h"

typedef enum { PLOT_OP_PATH, PLOT_OP_DOT, PLOT_OP_TEXT } plot_op_kind;

typedef struct
{
    plot_op_kind kind;
    slong n;                 /* points of a path */
    double * xy;             /* path: 2n coordinates; dot and text: the anchor */
    int closed, filled, stroked;
    double fill[3], line[3], width;   /* dot: width is the radius */
    char * text;
    double size;             /* font size in points */
    int align;               /* text: -1 left, 0 centre, 1 right of the anchor (baseline) */
    int vertical;            /* text rotated to read upwards */
}
plot_op;

typedef struct
{
    slong n, alloc;
    plot_op * ops;
    double width, height;
}
plot_canvas_struct;

typedef plot_canvas_struct plot_canvas_t[1];

void plot_canvas_init(plot_canvas_t C, double width, double height);
void plot_canvas_clear(plot_canvas_t C);
/* A path through n points; fill / line NULL for none. */
void plot_canvas_path(plot_canvas_t C, const double * xy, slong n, int closed,
                      const double * fill, const double * line, double width);
void plot_canvas_line(plot_canvas_t C, double x0, double y0, double x1, double y1,
                      const double * rgb, double width);
void plot_canvas_rect(plot_canvas_t C, double x, double y, double w, double h,
                      const double * fill, const double * line, double width);
void plot_canvas_dot(plot_canvas_t C, double x, double y, double r, const double * fill, const double * line);
void plot_canvas_text(plot_canvas_t C, double x, double y, const char * text, double size,
                      int align, int vertical);
/* Writes the figure; the format follows the extension: .png .pdf .svg .tex. */
int plot_canvas_write(const char * path, const plot_canvas_t C, rc_error_t err);
/* 1 if path ends in an extension plot_canvas_write knows */
int plot_canvas_format_ok(const char * path);

#endif
