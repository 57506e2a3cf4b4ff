/* The sublevel set {N <= T} of a float network with 2 inputs, in floating
   point: N on a grid of sample points, the contour N = T by marching squares
   (linear interpolation on the cells' edges). For smooth activations there is
   no exact answer: this is the "smooth analogue" of the neural polytopes, a
   drawing and a few float statistics, labelled as such everywhere. */
#include <math.h>
#include <string.h>
#include "train/spherefit.h"

void
train_float_levelset_init(train_float_levelset * F)
{
    memset(F, 0, sizeof(*F));
}

void
train_float_levelset_clear(train_float_levelset * F)
{
    flint_free(F->seg);
    train_float_levelset_init(F);
}

static void
_push(train_float_levelset * F, slong * alloc, const double * p, const double * q)
{
    if (F->nseg == *alloc)
    {
        *alloc = FLINT_MAX(64, 2 * *alloc);
        F->seg = flint_realloc(F->seg, *alloc * 4 * sizeof(double));
    }
    double * s = F->seg + 4 * F->nseg++;
    s[0] = p[0], s[1] = p[1], s[2] = q[0], s[3] = q[1];
    for (int k = 0; k < 2; k++)
    {
        double r = hypot(k ? q[0] : p[0], k ? q[1] : p[1]);
        F->rmin = F->nseg == 1 && k == 0 ? r : FLINT_MIN(F->rmin, r);
        F->rmax = FLINT_MAX(F->rmax, r);
    }
}

/* the crossing of f = 0 on the edge from a (value fa) to b (fb) */
static void
_cross(double * p, const double * a, double fa, const double * b, double fb)
{
    double t = fa / (fa - fb);
    p[0] = a[0] + t * (b[0] - a[0]);
    p[1] = a[1] + t * (b[1] - a[1]);
}

/* one cell with corners c[0..3] counter-clockwise and values f (inside: f <= 0) */
static void
_cell(train_float_levelset * F, slong * alloc, const double (*c)[2], const double * f, double centre)
{
    double p[4][2];
    int k = 0;
    for (int i = 0; i < 4; i++)
    {
        int j = (i + 1) % 4;
        if ((f[i] <= 0) != (f[j] <= 0))
        {
            _cross(p[k++], c[i], f[i], c[j], f[j]);
        }
    }
    if (k == 2)
        _push(F, alloc, p[0], p[1]);
    else if (k == 4)    /* a saddle: join the crossings around the corners on the centre's side */
    {
        int shift = ((f[0] <= 0) == (centre <= 0)) ? 0 : 1;   /* p[i] is on the edge from corner i */
        _push(F, alloc, p[shift], p[(shift + 1) % 4]);
        _push(F, alloc, p[(shift + 2) % 4], p[(shift + 3) % 4]);
    }
}

void
train_float_levelset_compute(train_float_levelset * F, const train_net_t T, double level, slong grid, double box)
{
    train_float_levelset_clear(F);
    F->grid = grid;
    F->box = box;
    F->level = level;
    double h = 2 * box / grid, * v = flint_malloc(grid * grid * sizeof(double)), x[2];
    for (slong i = 0; i < grid; i++)
        for (slong j = 0; j < grid; j++)
        {
            x[0] = -box + (i + 0.5) * h;
            x[1] = -box + (j + 0.5) * h;
            v[i * grid + j] = train_net_eval(T, x) - level;
            F->inside += v[i * grid + j] <= 0;
            if (v[i * grid + j] <= 0 && (i == 0 || j == 0 || i == grid - 1 || j == grid - 1))
                F->touches = 1;
        }
    F->area = F->inside * h * h;
    slong alloc = 0;
    for (slong i = 0; i + 1 < grid; i++)
        for (slong j = 0; j + 1 < grid; j++)
        {
            double x0 = -box + (i + 0.5) * h, y0 = -box + (j + 0.5) * h;
            const double c[4][2] = { { x0, y0 }, { x0 + h, y0 }, { x0 + h, y0 + h }, { x0, y0 + h } };
            const double f[4] = { v[i * grid + j], v[(i + 1) * grid + j], v[(i + 1) * grid + j + 1],
                                  v[i * grid + j + 1] };
            double mid[2] = { x0 + h / 2, y0 + h / 2 };
            _cell(F, &alloc, c, f, train_net_eval(T, mid) - level);
        }
    flint_free(v);
}

void
train_float_levelset_write_json(jout_t out, const train_float_levelset * F)
{
    char buf[64];
    jout_begin_object(out);
    jout_key(out, "floating_point"); jout_bool(out, 1);
    jout_key(out, "note");
    jout_string(out, "smooth activation: {N <= T} sampled in floating point (double) on a grid, its boundary "
                "by marching squares; a drawing, not exact, nothing certified");
    jout_key(out, "grid"); jout_int(out, F->grid);
    snprintf(buf, sizeof(buf), "%.17g", F->box);
    jout_key(out, "box"); jout_string(out, buf);
    jout_key(out, "inside_samples"); jout_int(out, F->inside);
    snprintf(buf, sizeof(buf), "%.6g", F->area);
    jout_key(out, "area"); jout_string(out, buf);
    jout_key(out, "contour_segments"); jout_int(out, F->nseg);
    snprintf(buf, sizeof(buf), "%.6g", F->rmin);
    jout_key(out, "radius_min"); jout_string(out, buf);
    snprintf(buf, sizeof(buf), "%.6g", F->rmax);
    jout_key(out, "radius_max"); jout_string(out, buf);
    jout_key(out, "touches_box"); jout_bool(out, F->touches);
    jout_end_object(out);
}
