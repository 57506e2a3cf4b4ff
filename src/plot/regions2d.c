#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#include "plot/plot.h"
#include "poly/poly.h"
#include "regions/regions.h"
#include "graph/graph.h"

void
plot_options_init(plot_options * o)
{
    o->color = PLOT_COLOR_PATTERN;
    o->boundary = 1;
    fmpq_init(o->threshold);
    o->output = 0;
    o->size = 600;
}

void
plot_options_clear(plot_options * o)
{
    fmpq_clear(o->threshold);
}

typedef struct
{
    cairo_t * cr;
    const net_struct * net;
    const plot_options * o;
    double lo, hi, size;
    double vmin, vmax;       /* value colouring: output range over the vertices */
    const char * partition;  /* Fiedler colouring */
    int pass;                /* 0: value range, 1: fill, 2: boundary */
    slong index;
    slong segments;          /* boundary edges drawn */
}
plot_ctx;

static void
_to_screen(double * sx, double * sy, const plot_ctx * c, double x, double y)
{
    *sx = (x - c->lo) / (c->hi - c->lo) * c->size;
    *sy = (1 - (y - c->lo) / (c->hi - c->lo)) * c->size;
}

static int
_cmp_angle(const void * a, const void * b)
{
    double x = ((const double *) a)[2], y = ((const double *) b)[2];
    return (x > y) - (x < y);
}

/* the vertices of a 2D polygon in cyclic order: (x, y, angle) rows */
static slong
_polygon(double * pts, const poly_struct * P)
{
    slong nv = 0;
    double cx = 0, cy = 0;
    fmpq x[2];
    fmpq_init(x); fmpq_init(x + 1);
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
        {
            poly_gen_get_fmpq(x, P, g);
            pts[3 * nv] = fmpq_get_d(x);
            pts[3 * nv + 1] = fmpq_get_d(x + 1);
            cx += pts[3 * nv];
            cy += pts[3 * nv + 1];
            nv++;
        }
    fmpq_clear(x); fmpq_clear(x + 1);
    for (slong i = 0; i < nv; i++)
        pts[3 * i + 2] = atan2(pts[3 * i + 1] - cy / nv, pts[3 * i] - cx / nv);
    qsort(pts, nv, 3 * sizeof(double), _cmp_angle);
    return nv;
}

static double
_output_at(const net_struct * net, slong output, const fmpq * x)
{
    fmpq * y = _fmpq_vec_init(net_num_outputs(net));
    net_eval(y, NULL, net, x);
    double v = fmpq_get_d(y + output);
    _fmpq_vec_clear(y, net_num_outputs(net));
    return v;
}

/* pattern -> a colour: FNV hash of the pattern into a pale hue */
static void
_pattern_rgb(double * rgb, const region_struct * R)
{
    ulong h = UWORD(1469598103934665603);
    for (slong k = 0; k < R->N; k++)
        h = (h ^ R->active[k]) * UWORD(1099511628211);
    for (int i = 0; i < 3; i++)
        rgb[i] = 0.55 + 0.4 * ((h >> (16 * i)) & 0xffff) / 65535.0;
}

static int
_draw_region(void * data, const region_struct * R)
{
    plot_ctx * c = data;
    const poly_struct * P = R->P;
    double * pts = flint_malloc(3 * FLINT_MAX(P->ngens, 1) * sizeof(double));
    slong nv = _polygon(pts, P);
    fmpq x[2];
    fmpq_init(x); fmpq_init(x + 1);
    if (c->pass == 0)
    {
        for (slong g = 0; g < P->ngens; g++)
        {
            poly_gen_get_fmpq(x, P, g);
            double v = _output_at(c->net, c->o->output, x);
            c->vmin = fmin(c->vmin, v);
            c->vmax = fmax(c->vmax, v);
        }
    }
    else
    {
        double rgb[3];
        if (c->o->color == PLOT_COLOR_PATTERN)
            _pattern_rgb(rgb, R);
        else if (c->o->color == PLOT_COLOR_VALUE)
        {
            poly_interior_point(x, P);
            double t = (_output_at(c->net, c->o->output, x) - c->vmin) / fmax(c->vmax - c->vmin, 1e-300);
            rgb[0] = 0.25 + 0.75 * t; rgb[1] = 0.35 + 0.4 * (1 - fabs(2 * t - 1)); rgb[2] = 1 - 0.75 * t;
        }
        else
        {
            char s = c->partition[c->index];
            rgb[0] = s == '+' ? 0.95 : (s == '-' ? 0.55 : 0.8);
            rgb[1] = s == '?' ? 0.8 : 0.7;
            rgb[2] = s == '-' ? 0.95 : (s == '+' ? 0.55 : 0.8);
        }
        cairo_new_path(c->cr);
        for (slong i = 0; i < nv; i++)
        {
            double sx, sy;
            _to_screen(&sx, &sy, c, pts[3 * i], pts[3 * i + 1]);
            if (i == 0) cairo_move_to(c->cr, sx, sy); else cairo_line_to(c->cr, sx, sy);
        }
        cairo_close_path(c->cr);
        cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill_preserve(c->cr);
        cairo_set_source_rgb(c->cr, 0.35, 0.35, 0.35);
        cairo_set_line_width(c->cr, 0.6);
        cairo_stroke(c->cr);
    }
    c->index++;
    fmpq_clear(x); fmpq_clear(x + 1);
    flint_free(pts);
    return 0;
}

/* boundary pass over the network cut at {f = T}: edges where the last neuron vanishes */
static int
_draw_boundary(void * data, const region_struct * R)
{
    plot_ctx * c = data;
    const poly_struct * P = R->P;
    slong last = R->N - 1, d = 3;
    if (R->sign[last] == 0)
        return 0;     /* f = T on the whole region: drawn as hatching would be; we outline it */
    fmpz_t v;
    fmpz_init(v);
    slong on[2];
    fmpq x[2];
    fmpq_init(x); fmpq_init(x + 1);
    /* edges of the region (two vertices on a common facet) on which f - T vanishes */
    const fmpz * z = R->zrows + last * d;
    for (slong g1 = 0; g1 < P->ngens; g1++)
    {
        if (!poly_gen_is_vertex(P, g1)) continue;
        poly_vec_dot(v, z, poly_gen(P, g1), d);
        if (!fmpz_is_zero(v)) continue;
        for (slong g2 = g1 + 1; g2 < P->ngens; g2++)
        {
            if (!poly_gen_is_vertex(P, g2)) continue;
            poly_vec_dot(v, z, poly_gen(P, g2), d);
            if (!fmpz_is_zero(v)) continue;
            int common = 0;
            for (slong j = 1; j < P->ncons && !common; j++)
                common = bs_test(poly_inc(P, g1), j) && bs_test(poly_inc(P, g2), j);
            if (!common) continue;
            on[0] = g1; on[1] = g2;
            double sx[2], sy[2];
            for (int t = 0; t < 2; t++)
            {
                poly_gen_get_fmpq(x, P, on[t]);
                _to_screen(sx + t, sy + t, c, fmpq_get_d(x), fmpq_get_d(x + 1));
            }
            cairo_move_to(c->cr, sx[0], sy[0]);
            cairo_line_to(c->cr, sx[1], sy[1]);
            cairo_set_source_rgb(c->cr, 0, 0, 0);
            cairo_set_line_width(c->cr, 2.5);
            cairo_stroke(c->cr);
            c->segments++;
        }
    }
    (void) d;
    fmpq_clear(x); fmpq_clear(x + 1);
    fmpz_clear(v);
    return 0;
}

static int
_ends_with(const char * s, const char * suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static cairo_status_t
_write_stream(void * closure, const unsigned char * data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

void
plot_report_init(plot_report * r)
{
    memset(r, 0, sizeof(plot_report));
    fmpq_init(r->lo);
    fmpq_init(r->hi);
    fmpq_init(r->threshold);
}

void
plot_report_clear(plot_report * r)
{
    fmpq_clear(r->lo);
    fmpq_clear(r->hi);
    fmpq_clear(r->threshold);
}

static void
_report_start(plot_report * r, const char * path, const char * format, const fmpq_t lo, const fmpq_t hi,
              const plot_options * o)
{
    static const char * colors[] = { "pattern", "value", "fiedler" };
    snprintf(r->path, sizeof(r->path), "%s", path);
    r->format = format;
    r->color = colors[o->color];
    r->size = o->size;
    fmpq_set(r->lo, lo);
    fmpq_set(r->hi, hi);
    r->output = o->output;
    r->boundary = o->boundary;
    fmpq_set(r->threshold, o->threshold);
}

void
plot_report_write_json(jout_t out, const plot_report * r)
{
    jout_begin_object(out);
    jout_key(out, "file"); jout_string(out, r->path);
    jout_key(out, "format"); jout_string(out, r->format);
    jout_key(out, "size"); jout_int(out, r->size);
    jout_key(out, "box");
    jout_begin_array(out);
    jout_fmpq_str(out, r->lo);
    jout_fmpq_str(out, r->hi);
    jout_end_array(out);
    jout_key(out, "color"); jout_string(out, r->color);
    jout_key(out, "output"); jout_int(out, r->output);
    jout_key(out, "regions"); jout_int(out, r->regions);
    jout_key(out, "boundary"); jout_bool(out, r->boundary);
    jout_key(out, "threshold"); jout_fmpq_str(out, r->threshold);
    jout_key(out, "boundary_segments"); jout_int(out, r->boundary_segments);
    jout_key(out, "value_range");
    if (strcmp(r->color, "value"))
        jout_null(out);
    else
    {
        /* doubles (as decimal strings): they only chose the colours */
        char buf[2][64];
        snprintf(buf[0], sizeof(buf[0]), "%.17g", r->vmin);
        snprintf(buf[1], sizeof(buf[1]), "%.17g", r->vmax);
        jout_begin_array(out);
        jout_string(out, buf[0]);
        jout_string(out, buf[1]);
        jout_end_array(out);
    }
    jout_end_object(out);
}

int
plot_regions_2d(plot_report * r, const char * path, const net_t net, const fmpq_t lo, const fmpq_t hi,
                const plot_options * o, rc_error_t err)
{
    if (net->input_dim != 2)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "plot draws networks with 2 inputs (this one has %ld)",
                            (long) net->input_dim);
    if (o->output < 0 || o->output >= net_num_outputs(net))
        return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist", (long) o->output);
    int png = _ends_with(path, ".png"), svg = _ends_with(path, ".svg"), pdf = _ends_with(path, ".pdf");
    if (!png && !svg && !pdf)
        return rc_error_set(err, RELU_E_INPUT, "--out: the file name must end in .svg, .pdf or .png");
    _report_start(r, path, png ? "png" : (svg ? "svg" : "pdf"), lo, hi, o);
    double size = o->size;
    /* SVG and PDF go through our own stream: cairo does not report a failed
       close of a file it opened itself (a full disk went unnoticed) */
    FILE * fp = png ? NULL : fopen(path, "wb");
    if (!png && fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    cairo_surface_t * s = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, o->size, o->size)
                        : svg ? cairo_svg_surface_create_for_stream(_write_stream, fp, size, size)
                        : cairo_pdf_surface_create_for_stream(_write_stream, fp, size, size);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    {
        cairo_surface_destroy(s);
        if (fp != NULL)
            fclose(fp);
        return rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    }
    if (pdf)
    {
        /* fixed metadata: the same figure gives the same bytes */
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "relucert");
    }
    cairo_t * cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    poly_t box;
    poly_init(box, 2);
    poly_set_box(box, lo, hi);
    plot_ctx c = { cr, net, o, fmpq_get_d(lo), fmpq_get_d(hi), size, INFINITY, -INFINITY, NULL, 0, 0, 0 };
    int status = RELU_OK;
    dualgraph_t G;
    spectrum_t S;
    dualgraph_init(G);
    spectrum_init(S);
    if (o->color == PLOT_COLOR_VALUE)
        status = regions_enumerate(net, box, _draw_region, &c);
    if (status == RELU_OK && o->color == PLOT_COLOR_FIEDLER)
    {
        status = dualgraph_build(G, net, box, 0, NULL, err);
        if (status == RELU_OK)
        {
            fmpz_mat_t L;
            fmpz_mat_init(L, G->nodes, G->nodes);
            dualgraph_laplacian(L, G, 0);
            status = spectrum_compute(S, L, err);
            fmpz_mat_clear(L);
            c.partition = S->partition;
        }
    }
    if (status == RELU_OK)
    {
        c.pass = 1;
        c.index = 0;
        status = regions_enumerate(net, box, _draw_region, &c);
        r->regions = c.index;
    }
    if (status == RELU_OK && o->boundary)
    {
        net_t tn;
        net_init(tn);
        status = net_threshold_net(tn, net, o->output, o->threshold, err);
        if (status == RELU_OK)
            status = regions_enumerate(tn, box, _draw_boundary, &c);
        r->boundary_segments = c.segments;
        net_clear(tn);
    }
    r->vmin = c.vmin;
    r->vmax = c.vmax;
    spectrum_clear(S);
    dualgraph_clear(G);
    poly_clear(box);
    cairo_destroy(cr);
    if (status == RELU_OK && png && cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    cairo_surface_finish(s);
    if (status == RELU_OK && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    cairo_surface_destroy(s);
    if (fp != NULL && (ferror(fp) | fclose(fp)) && status == RELU_OK)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    return status;
}
