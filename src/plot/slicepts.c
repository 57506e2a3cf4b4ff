/* The points a slice was made through (issue 17), marked on its figure.

   `relucert slice` records them in the sliced network's meta as
   {"slice": {"points": [t_0, ..., t_k]}} in slice coordinates (t = 0, e_1, ...,
   e_k: exact), so the marks sit where the data points lie on the plane (2D) or
   on the graph, at (t, f(t)) with f(t) exact (1D). A ring with a centre dot,
   distinct from the --data dots, labelled p0..pk when the figure has text. */
#include <stdio.h>
#include "plot/axes.h"
#include "num/num.h"

int
plot_slice_points_get(fmpq_mat_t T, const net_t net, rc_error_t err)
{
    slong d = net->input_dim;
    const jnode * s = net->meta ? jnode_get(net->meta, "slice") : NULL;
    const jnode * a = s && s->type == JNODE_OBJECT ? jnode_get(s, "points") : NULL;
    fmpq_mat_clear(T);
    fmpq_mat_init(T, 0, d);
    if (a == NULL)
        return RELU_OK;
    if (a->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "meta.slice.points: expected an array of points");
    for (size_t i = 0; i < a->nitems; i++)
        if (a->items[i]->type != JNODE_ARRAY || (slong) a->items[i]->nitems != d)
            return rc_error_set(err, RELU_E_INPUT, "meta.slice.points: point %zu: expected an array of %ld numbers",
                                i, (long) d);
    fmpq_mat_clear(T);
    fmpq_mat_init(T, a->nitems, d);
    for (size_t i = 0; i < a->nitems; i++)
        for (slong j = 0; j < d; j++)
            if (num_from_jnode(fmpq_mat_entry(T, i, j), a->items[i]->items[j], err))
                return rc_error_set(err, RELU_E_INPUT, "meta.slice.points: point %zu, coordinate %ld: expected an exact number",
                                    i, (long) j);
    return RELU_OK;
}

void
plot_panel_slice_points(plot_figure_struct * F, const plot_frame * f, const net_t net, slong output, int labels)
{
    static const double BLACK[3] = { 0, 0, 0 }, WHITE[3] = { 1, 1, 1 };
    rc_error_t err;
    fmpq_mat_t T;
    rc_error_init(err);
    fmpq_mat_init(T, 0, 0);
    if (plot_slice_points_get(T, net, err) != RELU_OK)
        T->r = 0;           /* plot_figure_check refused such a network before anything was drawn */
    fmpq * y = _fmpq_vec_init(net_num_outputs(net));
    for (slong i = 0; i < T->r; i++)
    {
        double sx, sy, x = fmpq_get_d(fmpq_mat_entry(T, i, 0)), v;
        if (T->c == 2)
            v = fmpq_get_d(fmpq_mat_entry(T, i, 1));
        else
        {
            net_eval(y, NULL, net, T->rows[i]);
            v = fmpq_get_d(y + output);
        }
        if (x < f->x0 || x > f->x1 || v < f->y0 || v > f->y1)
            continue;     /* outside the view: not drawn (the file has no clipping) */
        plot_frame_map(&sx, &sy, f, x, v);
        plot_canvas_dot(f->C, sx, sy, 5.5, WHITE, BLACK);
        plot_canvas_dot(f->C, sx, sy, 1.8, BLACK, BLACK);
        if (labels)
        {
            char buf[32];
            snprintf(buf, sizeof buf, "p%ld", (long) i);
            plot_figure_text(F, sx + 7, sy - 6, buf, 10, -1, 0);
        }
    }
    _fmpq_vec_clear(y, net_num_outputs(net));
    fmpq_mat_clear(T);
}
