#include <math.h>
#include <string.h>
#include "train/train.h"
#include "num/num.h"

/* xorshift64*: tiny, portable, deterministic */
static ulong
_rng_next(ulong * s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UWORD(2685821657736338717);
}

static double
_rng_uniform(ulong * s)    /* in [0, 1) */
{
    return (_rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

int
train_data_make(train_data_t D, const char * name, slong n, ulong seed, rc_error_t err)
{
    ulong s = seed * UWORD(0x9E3779B97F4A7C15) + 1;
    const double pi = 3.14159265358979323846;
    D->n = n;
    D->x = flint_malloc(2 * FLINT_MAX(n, 1) * sizeof(double));
    D->y = flint_malloc(FLINT_MAX(n, 1) * sizeof(double));
    for (slong i = 0; i < n; i++)
    {
        double u = _rng_uniform(&s), v = _rng_uniform(&s), noise = 0.1 * (_rng_uniform(&s) - 0.5);
        double * x = D->x + 2 * i;
        int cls = (int) (i % 2);
        if (!strcmp(name, "xor"))
        {
            x[0] = 2 * u - 1;
            x[1] = 2 * v - 1;
            cls = (x[0] * x[1] > 0);
        }
        else if (!strcmp(name, "moons"))
        {
            double t = pi * u;
            x[0] = cls ? 1 - cos(t) : cos(t);
            x[1] = (cls ? 0.5 - sin(t) : sin(t)) + noise;
            x[0] = x[0] - 0.5 + noise;
        }
        else if (!strcmp(name, "circles"))
        {
            double t = 2 * pi * u, r = cls ? 0.5 : 1.2;
            x[0] = (r + noise) * cos(t);
            x[1] = (r + noise) * sin(t);
        }
        else if (!strcmp(name, "spirals"))
        {
            double t = 3 * pi * u, r = 0.15 + 0.55 * t / pi;
            double ph = cls ? pi : 0;
            x[0] = r * cos(t + ph) + noise / 2;
            x[1] = r * sin(t + ph) + noise / 2;
        }
        else
        {
            train_data_clear(D);
            return rc_error_set(err, RELU_E_INPUT,
                "unknown data set \"%s\" (expected xor, moons, circles or spirals)", name);
        }
        D->y[i] = cls ? 1.0 : -1.0;
    }
    return RELU_OK;
}

void
train_data_clear(train_data_t D)
{
    flint_free(D->x);
    flint_free(D->y);
    D->x = D->y = NULL;
}

/* He-uniform weights and small uniform biases drawn from the stream started at s
   (the draw order fixes the bytes of every experiment: do not reorder). */
static void
_net_init(train_net_t T, slong dim, slong hidden, const slong * hidden_widths, ulong s, int first_bias)
{
    T->nlayers = hidden + 1;
    T->act = TRAIN_ACT_RELU;
    T->slope = 0;
    T->widths = flint_malloc((hidden + 2) * sizeof(slong));
    T->widths[0] = dim;
    for (slong j = 0; j < hidden; j++)
        T->widths[j + 1] = hidden_widths[j];
    T->widths[hidden + 1] = 1;
    T->W = flint_malloc(T->nlayers * sizeof(double *));
    T->b = flint_malloc(T->nlayers * sizeof(double *));
    for (slong j = 0; j < T->nlayers; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        double bound = sqrt(6.0 / c);       /* He uniform */
        T->W[j] = flint_malloc(r * c * sizeof(double));
        T->b[j] = flint_calloc(r, sizeof(double));
        for (slong k = 0; k < r * c; k++)
            T->W[j][k] = bound * (2 * _rng_uniform(&s) - 1);
        if (j > 0 || first_bias)
            for (slong k = 0; k < r; k++)
                T->b[j][k] = 0.1 * (2 * _rng_uniform(&s) - 1);
    }
}

void
train_net_init(train_net_t T, slong hidden, const slong * hidden_widths, ulong seed)
{
    _net_init(T, 2, hidden, hidden_widths, seed * UWORD(0xD1B54A32D192ED03) + 7, 1);
}

void
train_net_clear(train_net_t T)
{
    for (slong j = 0; j < T->nlayers; j++)
    {
        flint_free(T->W[j]);
        flint_free(T->b[j]);
    }
    flint_free(T->W);
    flint_free(T->b);
    flint_free(T->widths);
}

/* forward pass keeping pre-activations z[j] and activations a[j] (a[0] = x) */
static double
_forward(const train_net_t T, const double * x, double ** z, double ** a)
{
    memcpy(a[0], x, T->widths[0] * sizeof(double));
    for (slong j = 0; j < T->nlayers; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        for (slong i = 0; i < r; i++)
        {
            double s = T->b[j][i];
            for (slong k = 0; k < c; k++)
                s += T->W[j][i * c + k] * a[j][k];
            z[j][i] = s;
            if (j + 1 == T->nlayers || T->act == TRAIN_ACT_RELU)   /* relu: the bytes of issue 4 */
                a[j + 1][i] = (j + 1 < T->nlayers && s < 0) ? 0 : s;
            else
                a[j + 1][i] = train_act_eval(T->act, T->slope, s);
        }
    }
    return a[T->nlayers][0];
}

static double **
_buffers(const train_net_t T, slong offset)
{
    double ** v = flint_malloc((T->nlayers + 1) * sizeof(double *));
    for (slong j = 0; j <= T->nlayers; j++)
        v[j] = flint_calloc(T->widths[FLINT_MIN(j + offset, T->nlayers)], sizeof(double));
    return v;
}

static void
_free_buffers(double ** v, slong num)
{
    for (slong j = 0; j < num; j++)
        flint_free(v[j]);
    flint_free(v);
}

/* Back-propagation of one sample: g[L-1][0] holds d loss / d f; adds the
   gradients to gW, gb (one code path for every loss). */
static void
_backward(double ** gW, double ** gb, const train_net_t T, double ** g, double ** z, double ** a)
{
    for (slong j = T->nlayers - 1; j >= 0; j--)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        for (slong i = 0; i < r; i++)
        {
            gb[j][i] += g[j][i];
            for (slong k = 0; k < c; k++)
                gW[j][i * c + k] += g[j][i] * a[j][k];
        }
        if (j > 0)
            for (slong k = 0; k < c; k++)
            {
                double t = 0;
                for (slong i = 0; i < r; i++)
                    t += T->W[j][i * c + k] * g[j][i];
                g[j - 1][k] = T->act == TRAIN_ACT_RELU ? ((z[j - 1][k] > 0) ? t : 0)
                                                       : t * train_act_deriv(T->act, T->slope, z[j - 1][k]);
            }
    }
}

double
train_net_step(train_net_t T, const train_data_t D, double lr)
{
    slong L = T->nlayers;
    double ** z = _buffers(T, 1), ** a = _buffers(T, 0), ** g = _buffers(T, 1);
    double ** gW = flint_malloc(L * sizeof(double *)), ** gb = flint_malloc(L * sizeof(double *));
    double loss = 0;
    for (slong j = 0; j < L; j++)
    {
        gW[j] = flint_calloc(T->widths[j + 1] * T->widths[j], sizeof(double));
        gb[j] = flint_calloc(T->widths[j + 1], sizeof(double));
    }
    for (slong s = 0; s < D->n; s++)
    {
        double y = D->y[s], f = _forward(T, D->x + 2 * s, z, a), m = y * f;
        loss += (m > 0) ? log1p(exp(-m)) : -m + log1p(exp(m));
        /* d loss / d f = -y sigma(-m) */
        g[L - 1][0] = -y / (1 + exp(m));
        _backward(gW, gb, T, g, z, a);
    }
    for (slong j = 0; j < L; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        for (slong k = 0; k < r * c; k++)
            T->W[j][k] -= lr * gW[j][k] / D->n;
        for (slong k = 0; k < r; k++)
            T->b[j][k] -= lr * gb[j][k] / D->n;
        flint_free(gW[j]);
        flint_free(gb[j]);
    }
    flint_free(gW);
    flint_free(gb);
    _free_buffers(z, L + 1);
    _free_buffers(a, L + 1);
    _free_buffers(g, L + 1);
    return loss / D->n;
}

double
train_net_loss(const train_net_t T, const train_data_t D)
{
    double ** z = _buffers(T, 1), ** a = _buffers(T, 0), loss = 0;
    for (slong s = 0; s < D->n; s++)
    {
        double m = D->y[s] * _forward(T, D->x + 2 * s, z, a);
        loss += (m > 0) ? log1p(exp(-m)) : -m + log1p(exp(m));
    }
    _free_buffers(z, T->nlayers + 1);
    _free_buffers(a, T->nlayers + 1);
    return loss / D->n;
}

double
train_net_accuracy(const train_net_t T, const train_data_t D)
{
    double ** z = _buffers(T, 1), ** a = _buffers(T, 0);
    slong ok = 0;
    for (slong s = 0; s < D->n; s++)
        ok += D->y[s] * _forward(T, D->x + 2 * s, z, a) > 0;
    _free_buffers(z, T->nlayers + 1);
    _free_buffers(a, T->nlayers + 1);
    return (double) ok / D->n;
}

void
train_rationalise_double(fmpq_t r, double x, slong max_den)
{
    num_rationalise_d(r, x, max_den);
}

void
train_net_rationalise(net_t net, const train_net_t T, slong max_den)
{
    net_t tmp;
    net_init_shape(tmp, T->nlayers, T->widths);
    for (slong j = 0; j < T->nlayers; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        for (slong i = 0; i < r; i++)
        {
            for (slong k = 0; k < c; k++)
                train_rationalise_double(fmpq_mat_entry(tmp->layers[j].W, i, k), T->W[j][i * c + k], max_den);
            train_rationalise_double(tmp->layers[j].b + i, T->b[j][i], max_den);
        }
    }
    net_swap(net, tmp);
    net_clear(tmp);
}

/* ---- regression to the unit sphere ------------------------------------------ */

void
train_sphere_data(train_regdata_t D, slong dim, slong n, ulong seed)
{
    ulong s = seed * UWORD(0x9E3779B97F4A7C15) + 3;
    const double pi = 3.14159265358979323846;
    D->n = n;
    D->dim = dim;
    D->x = flint_malloc(FLINT_MAX(n * dim, 1) * sizeof(double));
    D->y = flint_malloc(FLINT_MAX(n, 1) * sizeof(double));
    for (slong i = 0; i < n; i++)
    {
        double * x = D->x + i * dim, norm2 = 0;
        do
        {
            norm2 = 0;
            for (slong k = 0; k < dim; k++)
            {
                /* Box-Muller; u1 in (0, 1] */
                double u1 = 1.0 - _rng_uniform(&s), u2 = _rng_uniform(&s);
                x[k] = sqrt(-2 * log(u1)) * cos(2 * pi * u2);
                norm2 += x[k] * x[k];
            }
        }
        while (norm2 < 1e-12);
        double r = 2 * _rng_uniform(&s), scale = r / sqrt(norm2);
        for (slong k = 0; k < dim; k++)
            x[k] *= scale;
        D->y[i] = r;
    }
}

void
train_regdata_clear(train_regdata_t D)
{
    flint_free(D->x);
    flint_free(D->y);
    D->x = D->y = NULL;
}

void
train_net_init_dim(train_net_t T, slong dim, slong hidden, const slong * hidden_widths, ulong seed,
                   int first_bias)
{
    _net_init(T, dim, hidden, hidden_widths, seed * UWORD(0xD1B54A32D192ED03) + 11, first_bias);
}

double
train_net_mse(const train_net_t T, const train_regdata_t D)
{
    double ** z = _buffers(T, 1), ** a = _buffers(T, 0), loss = 0;
    for (slong s = 0; s < D->n; s++)
    {
        double e = _forward(T, D->x + D->dim * s, z, a) - D->y[s];
        loss += e * e;
    }
    _free_buffers(z, T->nlayers + 1);
    _free_buffers(a, T->nlayers + 1);
    return loss / FLINT_MAX(D->n, 1);
}

/* gradient of the mean squared error into gW, gb (zeroed here) */
static void
_mse_gradient(double ** gW, double ** gb, const train_net_t T, const train_regdata_t D)
{
    slong L = T->nlayers;
    double ** z = _buffers(T, 1), ** a = _buffers(T, 0), ** g = _buffers(T, 1);
    for (slong j = 0; j < L; j++)
    {
        memset(gW[j], 0, T->widths[j + 1] * T->widths[j] * sizeof(double));
        memset(gb[j], 0, T->widths[j + 1] * sizeof(double));
    }
    for (slong s = 0; s < D->n; s++)
    {
        double f = _forward(T, D->x + D->dim * s, z, a);
        g[L - 1][0] = 2 * (f - D->y[s]) / D->n;
        _backward(gW, gb, T, g, z, a);
    }
    _free_buffers(z, L + 1);
    _free_buffers(a, L + 1);
    _free_buffers(g, L + 1);
}

static void
_adam_update(double * w, double * m, double * v, const double * g, slong len, double lr, double c1, double c2)
{
    for (slong k = 0; k < len; k++)
    {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        w[k] -= lr * (m[k] / c1) / (sqrt(v[k] / c2) + 1e-8);
    }
}

double
train_net_fit_mse(train_net_t T, const train_regdata_t D, slong epochs, double lr, int flags)
{
    slong L = T->nlayers;
    int first_bias = (flags & TRAIN_FIRST_BIAS) != 0, convex = (flags & TRAIN_CONVEX) != 0;
    if (convex)
        for (slong j = 1; j < L; j++)
            for (slong k = 0; k < T->widths[j + 1] * T->widths[j]; k++)
                T->W[j][k] = fabs(T->W[j][k]);
    double ** gW = flint_malloc(L * sizeof(double *)), ** gb = flint_malloc(L * sizeof(double *));
    double ** mW = flint_malloc(L * sizeof(double *)), ** vW = flint_malloc(L * sizeof(double *));
    double ** mb = flint_malloc(L * sizeof(double *)), ** vb = flint_malloc(L * sizeof(double *));
    for (slong j = 0; j < L; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        gW[j] = flint_calloc(r * c, sizeof(double));
        mW[j] = flint_calloc(r * c, sizeof(double));
        vW[j] = flint_calloc(r * c, sizeof(double));
        gb[j] = flint_calloc(r, sizeof(double));
        mb[j] = flint_calloc(r, sizeof(double));
        vb[j] = flint_calloc(r, sizeof(double));
    }
    double p1 = 1, p2 = 1;
    for (slong e = 0; e < epochs; e++)
    {
        _mse_gradient(gW, gb, T, D);
        p1 *= 0.9;
        p2 *= 0.999;
        for (slong j = 0; j < L; j++)
        {
            slong r = T->widths[j + 1], c = T->widths[j];
            _adam_update(T->W[j], mW[j], vW[j], gW[j], r * c, lr, 1 - p1, 1 - p2);
            if (convex && j > 0)
                for (slong k = 0; k < r * c; k++)
                    if (T->W[j][k] < 0)
                        T->W[j][k] = 0;
            if (j > 0 || first_bias)
                _adam_update(T->b[j], mb[j], vb[j], gb[j], r, lr, 1 - p1, 1 - p2);
        }
    }
    for (slong j = 0; j < L; j++)
    {
        flint_free(gW[j]); flint_free(mW[j]); flint_free(vW[j]);
        flint_free(gb[j]); flint_free(mb[j]); flint_free(vb[j]);
    }
    flint_free(gW); flint_free(mW); flint_free(vW);
    flint_free(gb); flint_free(mb); flint_free(vb);
    return train_net_mse(T, D);
}
