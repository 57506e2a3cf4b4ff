/* A figure: one panel per network, laid out side by side with axes, title,
   colour bar and legend. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "plot/axes.h"
#include "json/json.h"

void
plot_options_init(plot_options * o)
{
    memset(o, 0, sizeof(plot_options));
    o->color = PLOT_COLOR_PATTERN;
    o->boundary = 1;
    fmpq_init(o->threshold);
    o->size = 600;
    o->axes = 1;
}

void
plot_options_clear(plot_options * o)
{
    fmpq_clear(o->threshold);
}

void
plot_figure_init(plot_figure_t F)
{
    memset(F, 0, sizeof(plot_figure_struct));
    plot_canvas_init(F->C, 0, 0);
    fmpq_init(F->vmin);
    fmpq_init(F->vmax);
    for (int i = 0; i < 4; i++)
        fmpq_init(F->view + i);
}

void
plot_figure_clear(plot_figure_t F)
{
    plot_canvas_clear(F->C);
    flint_free(F->regions);
    flint_free(F->pieces);
    fmpq_clear(F->vmin);
    fmpq_clear(F->vmax);
    for (int i = 0; i < 4; i++)
        fmpq_clear(F->view + i);
    for (slong i = 0; i < F->ntexts; i++)
        flint_free(F->texts[i]);
    flint_free(F->texts);
}

int
plot_domain_rect(poly_t P, const fmpq * r, rc_error_t err)
{
    if (fmpq_cmp(r, r + 1) >= 0 || fmpq_cmp(r + 2, r + 3) >= 0)
        return rc_error_set(err, RELU_E_INPUT, "--rect X0,X1,Y0,Y1: need X0 < X1 and Y0 < Y1");
    fmpq_mat_t A;
    fmpq b[4];
    fmpq_mat_init(A, 4, 2);
    for (int i = 0; i < 4; i++)
    {
        fmpq_init(b + i);
        /* rows -x <= -x0, x <= x1, -y <= -y0, y <= y1 */
        fmpq_set_si(fmpq_mat_entry(A, i, i / 2), i % 2 ? 1 : -1, 1);
        if (i % 2) fmpq_set(b + i, r + i); else fmpq_neg(b + i, r + i);
    }
    int status = poly_set_halfspaces(P, A, b, err);
    for (int i = 0; i < 4; i++)
        fmpq_clear(b + i);
    fmpq_mat_clear(A);
    return status;
}

/* the exact bounding box of the domain's vertices */
void
plot_figure_view(plot_figure_t F, const poly_t D)
{
    fmpq * x = _fmpq_vec_init(D->n);
    int first = 1;
    for (slong g = 0; g < D->ngens; g++)
        if (poly_gen_is_vertex(D, g))
        {
            poly_gen_get_fmpq(x, D, g);
            for (slong j = 0; j < D->n; j++)
            {
                if (first || fmpq_cmp(x + j, F->view + 2 * j) < 0) fmpq_set(F->view + 2 * j, x + j);
                if (first || fmpq_cmp(x + j, F->view + 2 * j + 1) > 0) fmpq_set(F->view + 2 * j + 1, x + j);
            }
            first = 0;
        }
    _fmpq_vec_clear(x, D->n);
}

int
plot_figure_check(const net_struct * const * nets, slong nnets, const poly_t domain, const plot_options * o, rc_error_t err)
{
    if (nnets < 1)
        return rc_error_set(err, RELU_E_INPUT, "plot: no network given");
    slong d = nets[0]->input_dim;
    for (slong i = 0; i < nnets; i++)
    {
        if (nets[i]->input_dim != 1 && nets[i]->input_dim != 2)
            return rc_error_set(err, RELU_E_UNSUPPORTED, "plot draws networks with 1 or 2 inputs (network %ld has %ld)",
                                (long) i + 1, (long) nets[i]->input_dim);
        if (nets[i]->input_dim != d)
            return rc_error_set(err, RELU_E_INPUT, "plot: the panels' networks must have the same number of inputs");
        if (o->output < 0 || o->output >= net_num_outputs(nets[i]))
            return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist", (long) o->output);
        if (o->color == PLOT_COLOR_CLASS && (d != 2 || net_num_outputs(nets[i]) < 2))
            return rc_error_set(err, RELU_E_INPUT, "--color class draws classifiers with 2 inputs and several outputs "
                                "(network %ld has %ld inputs, %ld outputs)", (long) i + 1, (long) nets[i]->input_dim,
                                (long) net_num_outputs(nets[i]));
        if (o->color == PLOT_COLOR_CLASS && net_num_outputs(nets[i]) != net_num_outputs(nets[0]))
            return rc_error_set(err, RELU_E_INPUT, "--color class: the panels' networks must have the same classes");
        fmpq_mat_t T;
        fmpq_mat_init(T, 0, 0);
        int st = plot_slice_points_get(T, nets[i], err);
        fmpq_mat_clear(T);
        if (st != RELU_OK)
        {
            char where[32];
            snprintf(where, sizeof where, "network %ld", (long) i + 1);
            rc_error_prefix(err, where);
            return st;
        }
    }
    if (domain->n != d || !poly_is_bounded(domain))
        return rc_error_set(err, RELU_E_INPUT, "plot needs a bounded domain in dimension %ld", (long) d);
    if (o->points != NULL && o->points->c != d)
        return rc_error_set(err, RELU_E_INPUT, "--data: the points have %ld coordinates, the networks %ld inputs",
                            (long) o->points->c, (long) d);
    return RELU_OK;
}

/* the exact output range over all panels (value colouring, 1D graphs) */
int
plot_figure_range(plot_figure_t F, const net_struct * const * nets, slong nnets, const poly_t domain, const plot_options * o)
{
    fmpq_t a, b;
    fmpq_init(a);
    fmpq_init(b);
    int status = RELU_OK;
    for (slong i = 0; i < nnets && status == RELU_OK; i++)
    {
        status = plot_value_range(a, b, nets[i], domain, o->output);
        if (i == 0 || fmpq_cmp(a, F->vmin) < 0) fmpq_set(F->vmin, a);
        if (i == 0 || fmpq_cmp(b, F->vmax) > 0) fmpq_set(F->vmax, b);
    }
    F->has_range = status == RELU_OK;
    fmpq_clear(a);
    fmpq_clear(b);
    return status;
}
