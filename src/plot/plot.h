/* Figures with cairo: 2D region maps. Doubles are used here only to draw;
   what is drawn (regions, their vertices, the decision boundary) is computed
   exactly first. Colours and layout are deterministic functions of the
   input, and PDF metadata is fixed, so the same input gives the same file. */
#ifndef RELUCERT_PLOT_H
#define RELUCERT_PLOT_H

#include "net/net.h"
#include "util/error.h"

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
/* Region map of a network with 2 inputs on [lo, hi]^2; the format follows the
   extension of path: .svg, .pdf or .png. */
int plot_regions_2d(const char * path, const net_t net, const fmpq_t lo, const fmpq_t hi,
                    const plot_options * o, rc_error_t err);

#endif
