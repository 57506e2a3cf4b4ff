/* relucert sphere-fit --plot FILE (2 inputs): the set {N <= T} on [-2, 2]^2
   with the unit circle for reference. Piecewise-linear units: the exact pieces
   of the level set (their vertices rounded to double only to draw); smooth
   units: the float level set's contour (marching squares), with "floating
   point" in the title and the caption. Drawn with the canvas of src/plot. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/spherefit_plot.h"
#include "plot/canvas.h"
#include "num/num.h"

#define SIZE 360.0      /* the plot area, points */
#define MARGIN 56.0
#define BOX 2.0

static double
_px(double x)
{
    return MARGIN + (x + BOX) / (2 * BOX) * SIZE;
}

static double
_py(double y)
{
    return MARGIN + (BOX - y) / (2 * BOX) * SIZE;
}

static int
_cmp_angle(const void * a, const void * b)
{
    double s = ((const double *) a)[2], t = ((const double *) b)[2];
    return (s > t) - (s < t);
}

/* keeps the part of the convex polygon p (n points, 2 doubles each) with
   s * coordinate k <= BOX; q gets the result (at most n + 1 points) */
static slong
_clip(double * q, const double * p, slong n, int k, double s)
{
    slong m = 0;
    for (slong i = 0; i < n; i++)
    {
        const double * a = p + 2 * i, * b = p + 2 * ((i + 1) % n);
        double fa = s * a[k] - BOX, fb = s * b[k] - BOX;
        if (fa <= 0)
            q[2 * m] = a[0], q[2 * m + 1] = a[1], m++;
        if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0))
        {
            double t = fa / (fa - fb);
            q[2 * m] = a[0] + t * (b[0] - a[0]), q[2 * m + 1] = a[1] + t * (b[1] - a[1]), m++;
        }
    }
    return m;
}

/* one 2D piece (a convex polygon, possibly unbounded) clipped to the box, filled */
static void
_piece(plot_canvas_t C, const polytope_struct * Q, const double * fill, const double * line)
{
    slong n = 0;
    if (Q->dim != 2 || Q->nl > 0 || Q->nv == 0)
        return;
    double * p = flint_malloc((Q->nv * (Q->nr + 1) + 1) * 3 * sizeof(double)), cx = 0, cy = 0;
    for (slong i = 0; i < Q->nv; i++)
    {
        p[3 * n] = fmpq_get_d(Q->vert + 2 * i), p[3 * n + 1] = fmpq_get_d(Q->vert + 2 * i + 1), n++;
        for (slong r = 0; r < Q->nr; r++)   /* a ray: far beyond the box from every vertex */
        {
            double rx = fmpz_get_d(Q->ray + 2 * r), ry = fmpz_get_d(Q->ray + 2 * r + 1), t = 100 * BOX / hypot(rx, ry);
            p[3 * n] = p[3 * (n - 1 - r)] + t * rx, p[3 * n + 1] = p[3 * (n - 1 - r) + 1] + t * ry, n++;
        }
    }
    for (slong i = 0; i < n; i++)
        cx += p[3 * i] / n, cy += p[3 * i + 1] / n;
    for (slong i = 0; i < n; i++)
        p[3 * i + 2] = atan2(p[3 * i + 1] - cy, p[3 * i] - cx);
    qsort(p, n, 3 * sizeof(double), _cmp_angle);
    double * a = flint_malloc((2 * n + 8) * 2 * sizeof(double)), * b = flint_malloc((2 * n + 8) * 2 * sizeof(double));
    for (slong i = 0; i < n; i++)
        a[2 * i] = p[3 * i], a[2 * i + 1] = p[3 * i + 1];
    slong m = n;
    m = _clip(b, a, m, 0, 1), m = _clip(a, b, m, 0, -1), m = _clip(b, a, m, 1, 1), m = _clip(a, b, m, 1, -1);
    for (slong i = 0; i < m; i++)
        a[2 * i] = _px(a[2 * i]), a[2 * i + 1] = _py(a[2 * i + 1]);
    if (m >= 3)
        plot_canvas_path(C, a, m, 1, fill, line, 0.8);
    flint_free(p);
    flint_free(a);
    flint_free(b);
}

static void
_frame(plot_canvas_t C)
{
    static const double grey[3] = { 0.55, 0.55, 0.55 }, black[3] = { 0, 0, 0 };
    const double tau = 6.28318530717958647692;
    double circle[2 * 120];
    for (int i = 0; i < 120; i++)
        circle[2 * i] = _px(cos(tau * i / 120)), circle[2 * i + 1] = _py(sin(tau * i / 120));
    plot_canvas_path(C, circle, 120, 1, NULL, grey, 0.6);
    plot_canvas_rect(C, MARGIN, MARGIN, SIZE, SIZE, NULL, black, 0.8);
    for (int t = -2; t <= 2; t++)
    {
        char lab[8];
        snprintf(lab, sizeof(lab), "%d", t);
        plot_canvas_line(C, _px(t), MARGIN + SIZE, _px(t), MARGIN + SIZE + 4, black, 0.8);
        plot_canvas_text(C, _px(t), MARGIN + SIZE + 15, lab, 9, 0, 0);
        plot_canvas_line(C, MARGIN - 4, _py(t), MARGIN, _py(t), black, 0.8);
        plot_canvas_text(C, MARGIN - 7, _py(t) + 3, lab, 9, 1, 0);
    }
    plot_canvas_text(C, MARGIN + SIZE / 2, MARGIN + SIZE + 30, "x1", 10, 0, 0);
    plot_canvas_text(C, MARGIN - 28, MARGIN + SIZE / 2, "x2", 10, 0, 1);
}

int
cli_spherefit_plot(const char * path, const train_spherefit_t S, rc_error_t err)
{
    static const double fill[3] = { 0.62, 0.76, 0.93 }, edge[3] = { 0.12, 0.3, 0.6 }, red[3] = { 0.8, 0.15, 0.1 };
    const train_spherefit_params * p = &S->p;
    char title[200], caption[200], * ts = num_get_str(S->T);
    plot_canvas_t C;
    plot_canvas_init(C, SIZE + 2 * MARGIN, SIZE + 2 * MARGIN + 24);
    if (train_act_is_pl(p->act))
    {
        for (slong i = 0; i < S->L->num; i++)
            _piece(C, S->L->pieces + i, fill, NULL);
        if (S->have_poly)
            _piece(C, S->L->hull, NULL, edge);
        snprintf(title, sizeof(title), "{N <= %s}, %s units: exact", ts, train_act_name(p->act));
        snprintf(caption, sizeof(caption), "%ld exact pieces (%s); vertices rounded only to draw", (long) S->L->num,
                 S->have_poly ? "a polytope" : S->note);
    }
    else
    {
        for (slong k = 0; k < S->FL.nseg; k++)
            plot_canvas_line(C, _px(S->FL.seg[4 * k]), _py(S->FL.seg[4 * k + 1]), _px(S->FL.seg[4 * k + 2]),
                             _py(S->FL.seg[4 * k + 3]), red, 1.2);
        snprintf(title, sizeof(title), "{N <= %s}, %s units: floating point (smooth analogue)", ts,
                 train_act_name(p->act));
        snprintf(caption, sizeof(caption), "floating point, not exact: N sampled on %ldx%ld points, boundary by "
                 "marching squares", (long) S->FL.grid, (long) S->FL.grid);
    }
    flint_free(ts);
    _frame(C);
    plot_canvas_text(C, MARGIN + SIZE / 2, MARGIN - 16, title, 11, 0, 0);
    plot_canvas_text(C, MARGIN + SIZE / 2, MARGIN + SIZE + 46, caption, 8.5, 0, 0);
    int status = plot_canvas_write(path, C, err);
    plot_canvas_clear(C);
    return status;
}
