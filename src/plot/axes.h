/* Internal to src/plot: axes, colour bar and legend. */
#ifndef RELUCERT_PLOT_AXES_H
#define RELUCERT_PLOT_AXES_H

#include "plot/panel.h"

typedef struct
{
    int kind;            /* 0 swatch, 1 line, 2 dot */
    double rgb[3];
    char text[80];
}
plot_legend_entry;

/* text drawn and recorded in F->texts */
void plot_figure_text(plot_figure_struct * F, double x, double y, const char * s, double size, int align,
                      int vertical);
void plot_axes_draw(plot_figure_struct * F, const plot_frame * f, const char * xlabel, const char * ylabel,
                    const char * caption);
void plot_value_label(char * buf, size_t len, const fmpq_t v);
/* F->vmin (bottom) to F->vmax (top), 14 points wide */
void plot_colorbar_draw(plot_figure_struct * F, double x, double y, double h);
void plot_legend_draw(plot_figure_struct * F, double x, double y, const plot_legend_entry * e, slong n);

/* src/plot/slicepts.c: the points of a slice (meta.slice.points, slice coordinates) as the
   rows of T (none without them; RELU_E_INPUT naming the point when malformed), and their marks */
int plot_slice_points_get(fmpq_mat_t T, const net_t net, rc_error_t err);
void plot_panel_slice_points(plot_figure_struct * F, const plot_frame * f, const net_t net, slong output, int labels);

/* src/plot/figure.c */
int plot_figure_check(const net_struct * const * nets, slong nnets, const poly_t domain, const plot_options * o,
                      rc_error_t err);
void plot_figure_view(plot_figure_t F, const poly_t D);
int plot_figure_range(plot_figure_t F, const net_struct * const * nets, slong nnets, const poly_t domain,
                      const plot_options * o);

#endif
