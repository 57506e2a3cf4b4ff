/* plot_figure_build: the layout (margins, panels, colour bar, legend) and the
   drawing of every panel; writing and the JSON summary. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plot/axes.h"
#include "json/json.h"
#include "regions/regions.h"

#define MAX_LEGEND 24

static int
_cmp_fmpq(const void * a, const void * b)
{
    return fmpq_cmp((const fmpq *) a, (const fmpq *) b);
}

/* the distinct labels of the data, sorted exactly; returns their number */
static slong
_classes(fmpq ** out, const plot_options * o)
{
    slong n = o->points ? o->points->r : 0, m = 0;
    fmpq * c = _fmpq_vec_init(FLINT_MAX(n, 1));
    for (slong i = 0; i < n; i++)
        fmpq_set(c + i, o->labels + i);
    qsort(c, n, sizeof(fmpq), _cmp_fmpq);
    for (slong i = 0; i < n; i++)
        if (m == 0 || !fmpq_equal(c + i, c + m - 1))
            fmpq_swap(c + m++, c + i);
    *out = c;
    return m;
}

#define MAX_PATTERNS 8

typedef struct
{
    plot_legend_entry * e;
    slong n;
}
pattern_ctx;

/* the first MAX_PATTERNS + 1 regions' patterns (stops there: 1 means "more") */
static int
_pattern_entry(void * data, const region_struct * R)
{
    pattern_ctx * c = data;
    if (c->n == MAX_PATTERNS || R->N > 60)
        return 1;
    plot_legend_entry * e = c->e + c->n++;
    plot_pattern_rgb(e->rgb, R->active, R->N);
    for (slong k = 0; k < R->N; k++)
        e->text[k] = R->active[k] ? '1' : '0';
    e->text[R->N] = 0;
    return 0;
}

/* a legend of the activation patterns when a single map has at most MAX_PATTERNS regions */
static slong
_pattern_legend(plot_legend_entry * e, const net_t net, const poly_t domain)
{
    pattern_ctx c = { e, 0 };
    return regions_enumerate(net, domain, _pattern_entry, &c) == 0 ? c.n : 0;
}

/* the classes of a classifier: its labels (format 2 `classes`) or "class k";
   at most MAX_LEGEND - 8 entries, then "..." */
static slong
_class_legend(plot_legend_entry * e, const net_t net)
{
    char ** labels;
    slong m = net_num_outputs(net), nl = net_class_labels(&labels, net), n = 0;
    for (slong k = 0; k < m && n < MAX_LEGEND - 8; k++, n++)
    {
        plot_class_fill_rgb(e[n].rgb, k);
        if (nl)
            snprintf(e[n].text, sizeof e[n].text, "%.70s", labels[k]);
        else
            snprintf(e[n].text, sizeof e[n].text, "class %ld", (long) k);
    }
    if (n < m)
        snprintf(e[n++].text, sizeof e[n].text, "... (%ld classes)", (long) m);
    for (slong k = 0; k < nl; k++)
        flint_free(labels[k]);
    flint_free(labels);
    return n;
}

static slong
_legend(plot_legend_entry * e, const plot_options * o, int dim, const fmpq * classes, slong ncl, slong nall,
        const net_struct * const * nets, slong nnets, const poly_t domain)
{
    slong n = 0;
    char * t = fmpq_get_str(NULL, 10, o->threshold);
    memset(e, 0, MAX_LEGEND * sizeof(plot_legend_entry));
    if (dim == 2 && o->color == PLOT_COLOR_FIEDLER)
    {
        const char * s[3] = { "Fiedler +", "Fiedler \xe2\x88\x92", "undecided" };
        const double c[3][3] = { { 0.95, 0.7, 0.55 }, { 0.55, 0.7, 0.95 }, { 0.8, 0.8, 0.8 } };
        for (int i = 0; i < 3; i++, n++)
        {
            memcpy(e[n].rgb, c[i], sizeof c[i]);
            snprintf(e[n].text, sizeof e[n].text, "%s", s[i]);
        }
    }
    if (dim == 2 && o->color == PLOT_COLOR_PATTERN && nnets == 1)
        n = _pattern_legend(e, nets[0], domain);
    if (dim == 2 && o->color == PLOT_COLOR_CLASS)
        n = _class_legend(e, nets[0]);
    if (dim == 2 && o->boundary && o->color == PLOT_COLOR_CLASS)
    {
        e[n].kind = 1;
        snprintf(e[n++].text, sizeof e[n].text, "decision boundary");
    }
    else if (dim == 2 && o->boundary)
    {
        e[n].kind = 1;
        snprintf(e[n++].text, sizeof e[n].text, "f = %.60s", strlen(t) <= 60 ? t : "T");
    }
    if (dim == 1)
    {
        e[n].kind = 1; e[n].rgb[0] = 0.1; e[n].rgb[1] = 0.2; e[n].rgb[2] = 0.6;
        snprintf(e[n++].text, sizeof e[n].text, "f");
        e[n].kind = 2; e[n].rgb[0] = e[n].rgb[1] = e[n].rgb[2] = 1;
        snprintf(e[n++].text, sizeof e[n].text, "breakpoint");
    }
    for (slong k = 0; k < ncl && n < MAX_LEGEND - 1 && (dim == 2 || k < 1); k++, n++)
    {
        e[n].kind = 2;
        plot_class_rgb(e[n].rgb, dim == 1 ? 5 : k);
        if (dim == 1)
            snprintf(e[n].text, sizeof e[n].text, "data (%ld)", (long) nall);
        else
        {
            plot_value_label(e[n].text + 4, sizeof e[n].text - 4, classes + k);
            memcpy(e[n].text, "y = ", 4);
        }
    }
    slong npts = 0;
    for (slong i = 0; i < nnets; i++)
    {
        fmpq_mat_t T;
        rc_error_t err;
        fmpq_mat_init(T, 0, 0);
        rc_error_init(err);
        if (plot_slice_points_get(T, nets[i], err) == RELU_OK)
            npts = FLINT_MAX(npts, T->r);
        fmpq_mat_clear(T);
    }
    if (npts > 0 && n < MAX_LEGEND)
    {
        /* the ring of plot_panel_slice_points */
        e[n].kind = 2; e[n].rgb[0] = e[n].rgb[1] = e[n].rgb[2] = 1;
        if (npts == 1)
            snprintf(e[n++].text, sizeof e[n].text, "p0: the slice's origin");
        else
            snprintf(e[n++].text, sizeof e[n].text, "p0..p%ld: the slice's points", (long) npts - 1);
    }
    flint_free(t);
    return n;
}

typedef struct
{
    double L, R, T, B, gap, pw, ph, W, H, right;
}
plot_layout;

static void
_layout(plot_layout * g, const plot_figure_t F, const plot_options * o, int dim, slong np,
        const plot_legend_entry * e, slong ne)
{
    double xw = fmpq_get_d(F->view + 1) - fmpq_get_d(F->view), yw = dim == 2 ? fmpq_get_d(F->view + 3) - fmpq_get_d(F->view + 2) : 0;
    g->pw = dim == 1 ? o->size : o->size * xw / fmax(xw, yw);
    g->ph = dim == 1 ? 0.62 * o->size : o->size * yw / fmax(xw, yw);
    g->L = g->B = g->T = g->R = g->right = 0;
    g->gap = np > 1 ? 8 : 0;
    if (o->axes)
    {
        double width = 0;
        for (slong i = 0; i < ne; i++)
            width = fmax(width, 30 + 6.5 * strlen(e[i].text));
        if (dim == 2 && o->color == PLOT_COLOR_VALUE)
            width = fmax(width, 90);
        g->L = 58; g->B = 46; g->R = 14; g->gap = 16;
        g->T = 14 + (o->title ? 24 : 0) + (o->captions ? 16 : 0);
        g->right = width;
    }
    g->W = ceil(np * (g->L + g->pw) + (np - 1) * g->gap + g->right + g->R);
    g->H = ceil(g->T + g->ph + g->B);
}

static int
_panels(slong * undecided, plot_figure_t F, const plot_layout * g, const net_struct * const * nets, const poly_t domain,
        const plot_options * o, int dim, const fmpq * classes, slong ncl, rc_error_t err)
{
    int status = RELU_OK;
    double y0 = dim == 2 ? fmpq_get_d(F->view + 2) : fmpq_get_d(F->view + 2);
    double y1 = fmpq_get_d(F->view + 3), pad = dim == 1 ? 0.06 * fmax(y1 - y0, 1e-300) : 0;
    if (dim == 1 && y1 == y0)
        pad = 1;
    *undecided = 0;
    for (slong p = 0; p < F->npanels && status == RELU_OK; p++)
    {
        slong u = 0;
        plot_frame f = { F->C, g->L + p * (g->L + g->pw + g->gap), g->T, g->pw, g->ph,
                         fmpq_get_d(F->view), fmpq_get_d(F->view + 1), y0 - pad, y1 + pad };
        if (dim == 2 && o->color == PLOT_COLOR_CLASS)
            status = plot_panel_classes(F->regions + p, F->pieces + p, &f, nets[p], domain, o, err);
        else if (dim == 2)
            status = plot_panel_2d(F->regions + p, &u, &f, nets[p], domain, o, F->vmin, F->vmax, err);
        else
            status = plot_panel_1d(F->regions + p, &f, nets[p], domain, o, err);
        *undecided += u;
        plot_panel_points(&f, o, dim, classes, ncl);
        plot_panel_slice_points(F, &f, nets[p], o->output, o->axes);
        if (o->axes)
            plot_axes_draw(F, &f, o->xlabel ? o->xlabel : (dim == 2 ? "x1" : "x"),
                           o->ylabel ? o->ylabel : (dim == 2 ? "x2" : "f(x)"), o->captions ? o->captions[p] : NULL);
    }
    return status;
}

int
plot_figure_build(plot_figure_t F, const net_struct * const * nets, slong nnets, const poly_t domain,
                  const plot_options * o, rc_error_t err)
{
    int status = plot_figure_check(nets, nnets, domain, o, err);
    if (status != RELU_OK)
        return status;
    int dim = (int) nets[0]->input_dim;
    fmpq * classes;
    slong ncl = _classes(&classes, o), nall = o->points ? o->points->r : 0;
    plot_legend_entry e[MAX_LEGEND];
    slong ne = _legend(e, o, dim, classes, ncl, nall, nets, nnets, domain);
    F->npanels = nnets;
    F->has_pieces = o->color == PLOT_COLOR_CLASS;
    F->regions = flint_calloc(nnets, sizeof(slong));
    F->pieces = flint_calloc(nnets, sizeof(slong));
    plot_figure_view(F, domain);
    if (dim == 1 || o->color == PLOT_COLOR_VALUE)
        status = plot_figure_range(F, nets, nnets, domain, o);
    if (status == RELU_OK && dim == 1)
    {
        /* the graph's vertical extent: the exact range, and the data's targets */
        fmpq_set(F->view + 2, F->vmin);
        fmpq_set(F->view + 3, F->vmax);
        for (slong i = 0; i < nall; i++)
        {
            if (fmpq_cmp(o->labels + i, F->view + 2) < 0) fmpq_set(F->view + 2, o->labels + i);
            if (fmpq_cmp(o->labels + i, F->view + 3) > 0) fmpq_set(F->view + 3, o->labels + i);
        }
    }
    plot_layout g;
    _layout(&g, F, o, dim, nnets, e, ne);
    F->C->width = g.W;
    F->C->height = g.H;
    if (status == RELU_OK)
    {
        slong undecided;
        status = _panels(&undecided, F, &g, nets, domain, o, dim, classes, ncl, err);
        /* "undecided" only when some region's sign is not certified (the Fiedler entries come first) */
        if (dim == 2 && o->color == PLOT_COLOR_FIEDLER && undecided == 0)
        {
            memmove(e + 2, e + 3, (ne - 3) * sizeof(plot_legend_entry));
            ne--;
        }
    }
    if (status == RELU_OK && o->axes)
    {
        double x = g.W - g.R - g.right + 12, y = g.T;
        if (o->title)
            plot_figure_text(F, g.W / 2, 14 + 14, o->title, 14, 0, 0);
        if (dim == 2 && o->color == PLOT_COLOR_VALUE)
        {
            double h = ne ? 0.55 * g.ph : g.ph;
            plot_colorbar_draw(F, x, y, h);
            y += h + 26;
        }
        plot_legend_draw(F, x, y + 10, e, ne);
    }
    _fmpq_vec_clear(classes, FLINT_MAX(nall, 1));
    return status;
}

int
plot_figure_write(const char * path, const plot_figure_t F, rc_error_t err)
{
    return plot_canvas_write(path, F->C, err);
}

void
plot_figure_write_json(jout_t w, const void * figure)
{
    const plot_figure_struct * F = figure;
    jout_begin_object(w);
    jout_key(w, "panels"); jout_int(w, F->npanels);
    jout_key(w, "regions");
    jout_begin_array(w);
    for (slong i = 0; i < F->npanels; i++)
        jout_int(w, F->regions[i]);
    jout_end_array(w);
    if (F->has_pieces)
    {
        jout_key(w, "pieces");
        jout_begin_array(w);
        for (slong i = 0; i < F->npanels; i++)
            jout_int(w, F->pieces[i]);
        jout_end_array(w);
    }
    jout_key(w, "width"); jout_int(w, (long) F->C->width);
    jout_key(w, "height"); jout_int(w, (long) F->C->height);
    jout_key(w, "view");
    jout_fmpq_vec(w, F->view, F->npanels ? 4 : 0);
    if (F->has_range)
    {
        jout_key(w, "value_min"); jout_fmpq(w, F->vmin);
        jout_key(w, "value_max"); jout_fmpq(w, F->vmax);
    }
    jout_key(w, "texts");
    jout_begin_array(w);
    for (slong i = 0; i < F->ntexts; i++)
        jout_string(w, F->texts[i]);
    jout_end_array(w);
    jout_end_object(w);
}

int
plot_regions_2d(const char * path, const net_t net, const fmpq_t lo, const fmpq_t hi,
                const plot_options * o, rc_error_t err)
{
    poly_t box;
    plot_figure_t F;
    const net_struct * nets[1] = { net };
    poly_init(box, net->input_dim);
    poly_set_box(box, lo, hi);
    plot_figure_init(F);
    int status = plot_figure_build(F, nets, 1, box, o, err);
    if (status == RELU_OK)
        status = plot_figure_write(path, F, err);
    plot_figure_clear(F);
    poly_clear(box);
    return status;
}
