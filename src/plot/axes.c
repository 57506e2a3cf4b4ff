/* Frame decorations: axes with ticks and tick labels, axis labels, colour bar
   and legend. Tick positions are "nice" numbers (1, 2, 5 times a power of ten)
   chosen in double: they only place marks, the data are exact. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "plot/axes.h"

static const double BLACK[3] = { 0, 0, 0 };

static double
_nice_step(double span)
{
    double raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void
_tick_label(char * buf, size_t len, double v, double step)
{
    int dec = step >= 1 ? 0 : (int) ceil(-log10(step) - 1e-9);
    if (fabs(v) < 1e-9 * step)
        v = 0;    /* no "-0" */
    snprintf(buf, len, "%.*f", dec, v);
}

static void
_ticks(plot_figure_struct * F, const plot_frame * f, int vertical)
{
    double a = vertical ? f->y0 : f->x0, b = vertical ? f->y1 : f->x1;
    double step = _nice_step(b - a);
    char buf[64];
    for (double k = ceil(a / step - 1e-9); k * step <= b + 1e-9 * step; k++)
    {
        double v = k * step, sx, sy;
        plot_frame_map(&sx, &sy, f, vertical ? f->x0 : v, vertical ? v : f->y0);
        _tick_label(buf, sizeof buf, v, step);
        if (vertical)
        {
            plot_canvas_line(F->C, sx, sy, sx - 4, sy, BLACK, 0.8);
            plot_figure_text(F, sx - 6, sy + 3.5, buf, 10, 1, 0);
        }
        else
        {
            plot_canvas_line(F->C, sx, sy, sx, sy + 4, BLACK, 0.8);
            plot_figure_text(F, sx, sy + 15, buf, 10, 0, 0);
        }
    }
}

void
plot_figure_text(plot_figure_struct * F, double x, double y, const char * s, double size, int align, int vertical)
{
    plot_canvas_text(F->C, x, y, s, size, align, vertical);
    F->texts = flint_realloc(F->texts, (F->ntexts + 1) * sizeof(char *));
    F->texts[F->ntexts] = flint_malloc(strlen(s) + 1);
    strcpy(F->texts[F->ntexts++], s);
}

void
plot_axes_draw(plot_figure_struct * F, const plot_frame * f, const char * xlabel, const char * ylabel,
               const char * caption)
{
    plot_canvas_rect(F->C, f->ox, f->oy, f->w, f->h, NULL, BLACK, 0.8);
    _ticks(F, f, 0);
    _ticks(F, f, 1);
    plot_figure_text(F, f->ox + f->w / 2, f->oy + f->h + 34, xlabel, 12, 0, 0);
    plot_figure_text(F, f->ox - 40, f->oy + f->h / 2, ylabel, 12, 0, 1);
    if (caption != NULL)
        plot_figure_text(F, f->ox + f->w / 2, f->oy - 7, caption, 11, 0, 0);
}

/* an exact value as a label: the fraction itself when short, else 4 digits marked as approximate */
void
plot_value_label(char * buf, size_t len, const fmpq_t v)
{
    char * s = fmpq_get_str(NULL, 10, v);
    if (strlen(s) <= 9)
        snprintf(buf, len, "%s", s);
    else
        snprintf(buf, len, "\xe2\x89\x88%.4g", fmpq_get_d(v));
    flint_free(s);
}

void
plot_colorbar_draw(plot_figure_struct * F, double x, double y, double h)
{
    const int steps = 64;
    char buf[80];
    for (int i = 0; i < steps; i++)
    {
        double rgb[3];
        plot_value_rgb(rgb, (i + 0.5) / steps);
        /* overlap by a hair so no seam shows between the strips */
        plot_canvas_rect(F->C, x, y + h - (i + 1) * h / steps, 14, h / steps + (i + 1 < steps ? 1 : 0), rgb, NULL, 0);
    }
    plot_canvas_rect(F->C, x, y, 14, h, NULL, BLACK, 0.8);
    /* the ends are the exact minimum and maximum; nice values between them are marked
       where their labels keep clear of the ends' */
    plot_value_label(buf, sizeof buf, F->vmax);
    plot_figure_text(F, x + 18, y + 4, buf, 10, -1, 0);
    plot_value_label(buf, sizeof buf, F->vmin);
    plot_figure_text(F, x + 18, y + h + 3, buf, 10, -1, 0);
    double lo = fmpq_get_d(F->vmin), hi = fmpq_get_d(F->vmax);
    if (!(hi > lo) || !isfinite(hi - lo))
        return;
    double step = _nice_step(hi - lo);
    for (double k = ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++)
    {
        double sy = y + h - (k * step - lo) / (hi - lo) * h;
        if (sy - y < 13 || y + h - sy < 13)
            continue;
        plot_canvas_line(F->C, x + 14, sy, x + 17, sy, BLACK, 0.8);
        _tick_label(buf, sizeof buf, k * step, step);
        plot_figure_text(F, x + 19, sy + 3.5, buf, 10, -1, 0);
    }
}

void
plot_legend_draw(plot_figure_struct * F, double x, double y, const plot_legend_entry * e, slong n)
{
    for (slong i = 0; i < n; i++, y += 17)
    {
        if (e[i].kind == 0)
            plot_canvas_rect(F->C, x, y - 9, 14, 11, e[i].rgb, BLACK, 0.5);
        else if (e[i].kind == 1)
            plot_canvas_line(F->C, x, y - 3.5, x + 14, y - 3.5, e[i].rgb, 2.5);
        else
            plot_canvas_dot(F->C, x + 7, y - 3.5, 3.2, e[i].rgb, BLACK);
        plot_figure_text(F, x + 20, y, e[i].text, 10, -1, 0);
    }
}
