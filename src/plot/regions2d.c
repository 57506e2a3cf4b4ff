/* The contents of a 2D panel: regions filled (pattern, value or Fiedler
   colouring), region edges, the decision boundary {f = T} and the domain's
   outline; and the exact value range used by the colour bar. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "plot/panel.h"
#include "regions/regions.h"
#include "graph/graph.h"

static const double GREY[3] = { 0.35, 0.35, 0.35 }, BLACK[3] = { 0, 0, 0 };

typedef struct
{
    const plot_frame * f;
    const net_struct * net;
    const plot_options * o;
    fmpq * vmin, * vmax;     /* pass 0: the running exact range */
    int seen;
    double lo, span;         /* value colouring: the range as doubles */
    const char * partition;  /* Fiedler colouring */
    slong index;
}
panel_ctx;

void
plot_value_rgb(double * rgb, double t)
{
    rgb[0] = 0.25 + 0.75 * t;
    rgb[1] = 0.35 + 0.4 * (1 - fabs(2 * t - 1));
    rgb[2] = 1 - 0.75 * t;
}

void
plot_class_rgb(double * rgb, slong k)
{
    static const double pal[10][3] = { { 0.85, 0.1, 0.1 }, { 0.1, 0.3, 0.85 }, { 0.1, 0.6, 0.2 },
                                       { 0.95, 0.6, 0.0 }, { 0.55, 0.2, 0.7 }, { 0.2, 0.2, 0.2 },
                                       { 0.0, 0.6, 0.65 }, { 0.6, 0.35, 0.15 }, { 0.9, 0.4, 0.7 },
                                       { 0.5, 0.5, 0.1 } };
    memcpy(rgb, pal[k % 10], 3 * sizeof(double));
}

static int
_cmp_angle(const void * a, const void * b)
{
    double x = ((const double *) a)[2], y = ((const double *) b)[2];
    return (x > y) - (x < y);
}

/* the vertices of a 2D polygon in cyclic order, as screen points (drawing only:
   the vertices are exact, the angles only order them for the drawing) */
slong
plot_polygon(double * xy, const poly_struct * P, const plot_frame * f)
{
    slong nv = 0;
    double cx = 0, cy = 0;
    double * pts = flint_malloc(3 * FLINT_MAX(P->ngens, 1) * sizeof(double));
    fmpq x[2];
    fmpq_init(x); fmpq_init(x + 1);
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
        {
            poly_gen_get_fmpq(x, P, g);
            plot_frame_map(pts + 3 * nv, pts + 3 * nv + 1, f, fmpq_get_d(x), fmpq_get_d(x + 1));
            cx += pts[3 * nv];
            cy += pts[3 * nv + 1];
            nv++;
        }
    fmpq_clear(x); fmpq_clear(x + 1);
    for (slong i = 0; i < nv; i++)
        pts[3 * i + 2] = atan2(-(pts[3 * i + 1] - cy / nv), pts[3 * i] - cx / nv);
    qsort(pts, nv, 3 * sizeof(double), _cmp_angle);
    for (slong i = 0; i < nv; i++)
    {
        xy[2 * i] = pts[3 * i];
        xy[2 * i + 1] = pts[3 * i + 1];
    }
    flint_free(pts);
    return nv;
}

static void
_output_at(fmpq_t v, const net_struct * net, slong output, const fmpq * x)
{
    fmpq * y = _fmpq_vec_init(net_num_outputs(net));
    net_eval(y, NULL, net, x);
    fmpq_set(v, y + output);
    _fmpq_vec_clear(y, net_num_outputs(net));
}

static int
_range_region(void * data, const region_struct * R)
{
    panel_ctx * c = data;
    const poly_struct * P = R->P;
    slong n = P->n;
    fmpq * x = _fmpq_vec_init(n);
    fmpq_t v;
    fmpq_init(v);
    for (slong g = 0; g < P->ngens; g++)
        if (poly_gen_is_vertex(P, g))
        {
            poly_gen_get_fmpq(x, P, g);
            _output_at(v, c->net, c->o->output, x);
            if (!c->seen || fmpq_cmp(v, c->vmin) < 0) fmpq_set(c->vmin, v);
            if (!c->seen || fmpq_cmp(v, c->vmax) > 0) fmpq_set(c->vmax, v);
            c->seen = 1;
        }
    fmpq_clear(v);
    _fmpq_vec_clear(x, n);
    return 0;
}

int
plot_value_range(fmpq_t vmin, fmpq_t vmax, const net_t net, const poly_t domain, slong output)
{
    plot_options o;
    o.output = output;
    panel_ctx c = { NULL, net, &o, vmin, vmax, 0, 0, 0, NULL, 0 };
    return regions_enumerate(net, domain, _range_region, &c);
}

/* pattern -> a colour: FNV hash of the pattern into a pale hue */
void
plot_pattern_rgb(double * rgb, const unsigned char * active, slong N)
{
    ulong h = UWORD(1469598103934665603);
    for (slong k = 0; k < N; k++)
        h = (h ^ active[k]) * UWORD(1099511628211);
    /* a final mix (splitmix64's) so patterns differing in the last neuron differ in every channel */
    h = (h ^ (h >> 30)) * UWORD(0xbf58476d1ce4e5b9);
    h = (h ^ (h >> 27)) * UWORD(0x94d049bb133111eb);
    h ^= h >> 31;
    for (int i = 0; i < 3; i++)
        rgb[i] = 0.55 + 0.4 * ((h >> (16 * i)) & 0xffff) / 65535.0;
}

static int
_fill_region(void * data, const region_struct * R)
{
    panel_ctx * c = data;
    const poly_struct * P = R->P;
    double * xy = flint_malloc(2 * FLINT_MAX(P->ngens, 1) * sizeof(double)), rgb[3];
    slong nv = plot_polygon(xy, P, c->f);
    if (c->o->color == PLOT_COLOR_PATTERN)
        plot_pattern_rgb(rgb, R->active, R->N);
    else if (c->o->color == PLOT_COLOR_VALUE)
    {
        fmpq x[2];
        fmpq_t v;
        fmpq_init(x); fmpq_init(x + 1); fmpq_init(v);
        poly_interior_point(x, P);
        _output_at(v, c->net, c->o->output, x);
        plot_value_rgb(rgb, c->span > 0 ? (fmpq_get_d(v) - c->lo) / c->span : 0.5);
        fmpq_clear(x); fmpq_clear(x + 1); fmpq_clear(v);
    }
    else
    {
        char s = c->partition[c->index];
        rgb[0] = s == '+' ? 0.95 : (s == '-' ? 0.55 : 0.8);
        rgb[1] = s == '?' ? 0.8 : 0.7;
        rgb[2] = s == '-' ? 0.95 : (s == '+' ? 0.55 : 0.8);
    }
    plot_canvas_path(c->f->C, xy, nv, 1, rgb, GREY, 0.6);
    c->index++;
    flint_free(xy);
    return 0;
}

/* boundary pass over the network cut at {f = T}: region edges (two vertices on a
   common facet) on which the last neuron, f - T, vanishes */
static int
_draw_boundary(void * data, const region_struct * R)
{
    panel_ctx * c = data;
    const poly_struct * P = R->P;
    slong last = R->N - 1, d = 3;
    if (R->sign[last] == 0)
        return 0;
    fmpz_t v;
    fmpq x[2];
    fmpz_init(v);
    fmpq_init(x); fmpq_init(x + 1);
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
            double sx[2], sy[2];
            slong on[2] = { g1, g2 };
            for (int t = 0; t < 2; t++)
            {
                poly_gen_get_fmpq(x, P, on[t]);
                plot_frame_map(sx + t, sy + t, c->f, fmpq_get_d(x), fmpq_get_d(x + 1));
            }
            plot_canvas_line(c->f->C, sx[0], sy[0], sx[1], sy[1], BLACK, 2.5);
        }
    }
    fmpq_clear(x); fmpq_clear(x + 1);
    fmpz_clear(v);
    return 0;
}

static int
_fiedler(char ** partition, const net_t net, const poly_t domain, rc_error_t err)
{
    dualgraph_t G;
    spectrum_t S;
    fiedler_t Fd;
    int dense;
    dualgraph_init(G);
    spectrum_init(S);
    fiedler_init(Fd);
    int status = dualgraph_build(G, net, domain, 0, NULL, err);
    if (status == RELU_OK)
    {
        status = dualgraph_fiedler(S, Fd, &dense, G, 0, NULL, err);
        if (status == RELU_OK)
        {
            *partition = flint_malloc(G->nodes + 1);
            memcpy(*partition, S->partition, G->nodes);
            (*partition)[G->nodes] = '\0';
        }
    }
    fiedler_clear(Fd);
    spectrum_clear(S);
    dualgraph_clear(G);
    return status;
}

int
plot_panel_2d(slong * nregions, slong * undecided, const plot_frame * f, const net_t net, const poly_t domain,
              const plot_options * o, const fmpq_t vmin, const fmpq_t vmax, rc_error_t err)
{
    char * partition = NULL;
    panel_ctx c = { f, net, o, NULL, NULL, 0, fmpq_get_d(vmin), fmpq_get_d(vmax) - fmpq_get_d(vmin), NULL, 0 };
    int status = o->color == PLOT_COLOR_FIEDLER ? _fiedler(&partition, net, domain, err) : RELU_OK;
    c.partition = partition;
    *undecided = 0;
    for (slong i = 0; partition != NULL && partition[i] != '\0'; i++)
        *undecided += partition[i] == '?';
    if (status == RELU_OK)
        status = regions_enumerate(net, domain, _fill_region, &c);
    *nregions = c.index;
    if (status == RELU_OK && o->boundary)
    {
        net_t tn;
        net_init(tn);
        status = net_threshold_net(tn, net, o->output, o->threshold, err);
        if (status == RELU_OK)
            status = regions_enumerate(tn, domain, _draw_boundary, &c);
        net_clear(tn);
    }
    if (status == RELU_OK)
    {
        /* the domain's outline (a polygon domain shows where the map ends) */
        double * xy = flint_malloc(2 * FLINT_MAX(domain->ngens, 1) * sizeof(double));
        slong nv = plot_polygon(xy, domain, f);
        plot_canvas_path(f->C, xy, nv, 1, NULL, BLACK, 1.0);
        flint_free(xy);
    }
    flint_free(partition);
    return status;
}
