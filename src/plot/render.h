/* The writers behind plot_canvas_write (one per format family). */
#ifndef RELUCERT_PLOT_RENDER_H
#define RELUCERT_PLOT_RENDER_H

#include <stdio.h>
#include "plot/canvas.h"

int plot_render_cairo(const char * path, const plot_canvas_t C, int pdf, rc_error_t err);
int plot_render_svg(FILE * fp, void * canvas, rc_error_t err);
int plot_render_tikz(FILE * fp, void * canvas, rc_error_t err);

#endif
