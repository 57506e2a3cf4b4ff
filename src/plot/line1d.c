/* The contents of a 1D panel: the graph of the output over an interval, exact
   at every breakpoint (the region endpoints: between them the function is
   affine, so the polyline through them is the graph), breakpoints marked; and
   data points of either dimension. */
#include <stdlib.h>
#include "plot/panel.h"
#include "regions/regions.h"

typedef struct
{
    fmpq * x;
    slong n, alloc;
}
breaks_ctx;

static int
_collect(void * data, const region_struct * R)
{
    breaks_ctx * c = data;
    const poly_struct * P = R->P;
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
        {
            if (c->n == c->alloc)
            {
                slong a = FLINT_MAX(16, 2 * c->alloc);
                c->x = flint_realloc(c->x, a * sizeof(fmpq));
                for (slong i = c->alloc; i < a; i++)
                    fmpq_init(c->x + i);
                c->alloc = a;
            }
            poly_gen_get_fmpq(c->x + c->n++, P, g);
        }
    return 0;
}

static int
_cmp_fmpq(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

int
plot_panel_1d(slong * nregions, const plot_frame * f, const net_t net, const poly_t domain,
              const plot_options * o, rc_error_t err)
{
    static const double LINE[3] = { 0.1, 0.2, 0.6 }, BLACK[3] = { 0, 0, 0 }, WHITE[3] = { 1, 1, 1 };
    breaks_ctx c = { NULL, 0, 0 };
    (void) err;
    int status = regions_enumerate(net, domain, _collect, &c);
    *nregions = c.n / 2;
    if (status == RELU_OK && c.n > 0)
    {
        qsort(c.x, c.n, sizeof(fmpq), _cmp_fmpq);
        slong m = 1;
        for (slong i = 1; i < c.n; i++)
            if (!fmpq_equal(c.x + i, c.x + m - 1))
                fmpq_swap(c.x + m++, c.x + i);
        double * xy = flint_malloc(2 * m * sizeof(double));
        fmpq * y = _fmpq_vec_init(net_num_outputs(net));
        for (slong i = 0; i < m; i++)
        {
            net_eval(y, NULL, net, c.x + i);
            plot_frame_map(xy + 2 * i, xy + 2 * i + 1, f, fmpq_get_d(c.x + i), fmpq_get_d(y + o->output));
        }
        plot_canvas_path(f->C, xy, m, 0, NULL, LINE, 1.6);
        for (slong i = 1; i + 1 < m; i++)
            plot_canvas_dot(f->C, xy[2 * i], xy[2 * i + 1], 2.6, WHITE, BLACK);
        _fmpq_vec_clear(y, net_num_outputs(net));
        flint_free(xy);
    }
    for (slong i = 0; i < c.alloc; i++)
        fmpq_clear(c.x + i);
    flint_free(c.x);
    return status;
}

void
plot_panel_points(const plot_frame * f, const plot_options * o, int dim, const fmpq * classes, slong nclasses)
{
    static const double BLACK[3] = { 0, 0, 0 };
    const fmpq_mat_struct * X = o->points;
    for (slong i = 0; X != NULL && i < X->r; i++)
    {
        double sx, sy, rgb[3];
        double y = dim == 1 ? fmpq_get_d(o->labels + i) : fmpq_get_d(fmpq_mat_entry(X, i, 1));
        double x = fmpq_get_d(fmpq_mat_entry(X, i, 0));
        if (x < f->x0 || x > f->x1 || y < f->y0 || y > f->y1)
            continue;     /* outside the view: not drawn (the file has no clipping) */
        plot_frame_map(&sx, &sy, f, x, y);
        slong k = 0;
        while (dim == 2 && k < nclasses && !fmpq_equal(classes + k, o->labels + i))
            k++;
        plot_class_rgb(rgb, dim == 1 ? 5 : k);
        plot_canvas_dot(f->C, sx, sy, 3.2, rgb, BLACK);
    }
}
