/* Internal to src/plot: one panel's frame and the drawing of its contents. */
#ifndef RELUCERT_PLOT_PANEL_H
#define RELUCERT_PLOT_PANEL_H

#include "plot/plot.h"

typedef struct
{
    plot_canvas_struct * C;
    double ox, oy, w, h;      /* the plot area in figure points (top left, size) */
    double x0, x1, y0, y1;    /* the view in data coordinates */
}
plot_frame;

static inline void
plot_frame_map(double * sx, double * sy, const plot_frame * f, double x, double y)
{
    *sx = f->ox + (x - f->x0) / (f->x1 - f->x0) * f->w;
    *sy = f->oy + (f->y1 - y) / (f->y1 - f->y0) * f->h;
}

/* exact min / max of the output over all region vertices (a bounded domain) */
int plot_value_range(fmpq_t vmin, fmpq_t vmax, const net_t net, const poly_t domain, slong output);
void plot_value_rgb(double * rgb, double t);
void plot_class_rgb(double * rgb, slong k);
void plot_pattern_rgb(double * rgb, const unsigned char * active, slong N);
/* *undecided gets the number of regions whose Fiedler sign is not certified (--color fiedler) */
int plot_panel_2d(slong * nregions, slong * undecided, const plot_frame * f, const net_t net, const poly_t domain,
                  const plot_options * o, const fmpq_t vmin, const fmpq_t vmax, rc_error_t err);
/* the vertices of a bounded 2D polyhedron in cyclic order as screen points (xy: 2 ngens doubles) */
slong plot_polygon(double * xy, const poly_struct * P, const plot_frame * f);
/* class colouring (src/plot/classes2d.c): the decision pieces filled by class, the
   activation regions' edges in grey, the decision boundary in black (o->boundary);
   nregions: activation regions, npieces: decision pieces drawn */
int plot_panel_classes(slong * nregions, slong * npieces, const plot_frame * f, const net_t net,
                       const poly_t domain, const plot_options * o, rc_error_t err);
/* a class's fill: its colour (plot_class_rgb) lightened */
void plot_class_fill_rgb(double * rgb, slong k);
int plot_panel_1d(slong * nregions, const plot_frame * f, const net_t net, const poly_t domain,
                  const plot_options * o, rc_error_t err);
/* data points (2D: coloured by class index in classes; 1D: (x, label)) */
void plot_panel_points(const plot_frame * f, const plot_options * o, int dim, const fmpq * classes, slong nclasses);

#endif
