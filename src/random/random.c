#include <math.h>
#include <string.h>
#include "random/random.h"
#include "num/num.h"

typedef struct { ulong s; } rng;

static void
rng_seed(rng * r, ulong seed)
{
    /* splitmix64 of the seed: distinct seeds give unrelated streams */
    ulong z = seed + UWORD(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UWORD(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UWORD(0x94D049BB133111EB);
    r->s = (z ^ (z >> 31)) | 1;
}

static ulong
rng_next(rng * r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * UWORD(2685821657736338717);
}

static slong
rng_int(rng * r, slong lo, slong hi)   /* uniform in [lo, hi] */
{
    return lo + (slong) (rng_next(r) % (ulong) (hi - lo + 1));
}

static double
rng_normal(rng * r)
{
    double u = ((rng_next(r) >> 11) + 1.0) * (1.0 / 9007199254740993.0);
    double v = (rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
    return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979323846 * v);
}

static void
draw(fmpq_t x, rng * r, const char * kind, slong fan_in, int bias)
{
    if (!strcmp(kind, "int"))
        fmpq_set_si(x, rng_int(r, -4, 4), 1);
    else if (!strcmp(kind, "rat"))
        fmpq_set_si(x, rng_int(r, -9, 9), rng_int(r, 1, 6));
    else if (!strcmp(kind, "wide"))
        fmpq_set_si(x, rng_int(r, -999, 999), rng_int(r, 1, 99));
    else if (!strcmp(kind, "gauss"))
        num_rationalise_d(x, rng_normal(r) * (bias ? 0.5 : 1.0), 1000);
    else if (!strcmp(kind, "he"))
    {
        if (bias)
            fmpq_zero(x);
        else
            num_rationalise_d(x, rng_normal(r) * sqrt(2.0 / fan_in), 1000);
    }
    else /* degenerate */
        fmpq_set_si(x, rng_int(r, -1, 1), 1);
}

static int
random_dense(net_t net, const char * kind, slong dim, slong nw, const slong * widths, rng * r)
{
    slong * w = flint_malloc((nw + 2) * sizeof(slong));
    w[0] = dim;
    for (slong j = 0; j < nw; j++)
        w[j + 1] = widths[j];
    w[nw + 1] = 1;
    net_t tmp;
    net_init_shape(tmp, nw + 1, w);
    int degenerate = !strcmp(kind, "degenerate");
    for (slong j = 0; j <= nw; j++)
    {
        net_layer_struct * L = tmp->layers + j;
        for (slong i = 0; i < L->W->r; i++)
        {
            slong copy = (degenerate && i > 0 && rng_int(r, 0, 2) == 0) ? rng_int(r, 0, i - 1) : -1;
            int sgn = rng_int(r, 0, 1) ? 1 : -1;
            for (slong k = 0; k < L->W->c; k++)
            {
                if (copy >= 0)
                {
                    fmpq_set(fmpq_mat_entry(L->W, i, k), fmpq_mat_entry(L->W, copy, k));
                    if (sgn < 0) fmpq_neg(fmpq_mat_entry(L->W, i, k), fmpq_mat_entry(L->W, i, k));
                }
                else
                    draw(fmpq_mat_entry(L->W, i, k), r, kind, L->W->c, 0);
            }
            if (copy >= 0)
            {
                fmpq_set(L->b + i, L->b + copy);
                if (sgn < 0) fmpq_neg(L->b + i, L->b + i);
            }
            else
                draw(L->b + i, r, kind, L->W->c, 1);
        }
    }
    net_swap(net, tmp);
    net_clear(tmp);
    flint_free(w);
    return RELU_OK;
}

static slong
_rank(const fmpq_mat_t A)
{
    fmpq_mat_t B;
    fmpq_mat_init(B, A->r, A->c);
    slong r = fmpq_mat_rref(B, A);
    fmpq_mat_clear(B);
    return r;
}

/* m outward ramps whose directions sum to zero (so they positively span R^n
   once the first m-1 span it linearly: redrawn until they do). */
static int
random_ring(net_t net, slong dim, slong m, rng * r, rc_error_t err)
{
    if (m < dim + 1)
        return rc_error_set(err, RELU_E_INPUT, "ring: need at least %ld neurons (input dimension + 1)", (long) dim + 1);
    slong w[3] = { dim, m, 1 };
    net_t tmp;
    net_init_shape(tmp, 2, w);
    fmpq_mat_t A;
    fmpq_mat_init(A, m - 1, dim);
    int ok;
    do
    {
        /* nonzero rows, the last one (minus their sum) nonzero too, spanning R^n */
        ok = 1;
        for (slong k = 0; k < dim; k++)
            fmpq_zero(fmpq_mat_entry(tmp->layers[0].W, m - 1, k));
        for (slong i = 0; i < m - 1; i++)
        {
            int zero = 1;
            for (slong k = 0; k < dim; k++)
            {
                fmpq_set_si(fmpq_mat_entry(A, i, k), rng_int(r, -3, 3), 1);
                zero &= fmpq_is_zero(fmpq_mat_entry(A, i, k));
                fmpq_sub(fmpq_mat_entry(tmp->layers[0].W, m - 1, k), fmpq_mat_entry(tmp->layers[0].W, m - 1, k),
                         fmpq_mat_entry(A, i, k));
            }
            ok &= !zero;
        }
        int zero = 1;
        for (slong k = 0; k < dim; k++)
            zero &= fmpq_is_zero(fmpq_mat_entry(tmp->layers[0].W, m - 1, k));
        ok &= !zero && _rank(A) == dim;
    }
    while (!ok);
    for (slong i = 0; i < m - 1; i++)
        for (slong k = 0; k < dim; k++)
            fmpq_set(fmpq_mat_entry(tmp->layers[0].W, i, k), fmpq_mat_entry(A, i, k));
    for (slong i = 0; i < m; i++)
    {
        fmpq_set_si(tmp->layers[0].b + i, -1, 2);
        fmpq_one(fmpq_mat_entry(tmp->layers[1].W, 0, i));
    }
    fmpq_set_si(tmp->layers[1].b, -1, 20);
    fmpq_mat_clear(A);
    net_swap(net, tmp);
    net_clear(tmp);
    return RELU_OK;
}

/* x_i - x_j = c for i < j and every c in cs */
static void
arrangement_net(net_t net, slong dim, const slong * cs, slong ncs, int coordinate)
{
    slong m = coordinate ? dim : dim * (dim - 1) / 2 * ncs;
    slong w[3] = { dim, FLINT_MAX(m, 1), 1 };
    net_t tmp;
    net_init_shape(tmp, 2, w);
    slong row = 0;
    if (coordinate)
        for (slong i = 0; i < dim; i++, row++)
            fmpq_one(fmpq_mat_entry(tmp->layers[0].W, row, i));
    else
        for (slong i = 0; i < dim; i++)
            for (slong j = i + 1; j < dim; j++)
                for (slong c = 0; c < ncs; c++, row++)
                {
                    fmpq_one(fmpq_mat_entry(tmp->layers[0].W, row, i));
                    fmpq_set_si(fmpq_mat_entry(tmp->layers[0].W, row, j), -1, 1);
                    fmpq_set_si(tmp->layers[0].b + row, -cs[c], 1);
                }
    for (slong i = 0; i < w[1]; i++)
        fmpq_set_si(fmpq_mat_entry(tmp->layers[1].W, 0, i), row ? 1 : 0, 1);
    net_swap(net, tmp);
    net_clear(tmp);
}

/* One hidden layer whose rows (W, b) are given: nrows x (dim + 1), entries
   rows[i (dim + 1) + k] (k < dim weights, k = dim bias); output weights 1. */
static void
rows_net(net_t net, slong dim, slong nrows, const slong * rows)
{
    slong w[3] = { dim, FLINT_MAX(nrows, 1), 1 };
    net_t tmp;
    net_init_shape(tmp, 2, w);
    for (slong i = 0; i < nrows; i++)
    {
        for (slong k = 0; k < dim; k++)
            fmpq_set_si(fmpq_mat_entry(tmp->layers[0].W, i, k), rows[i * (dim + 1) + k], 1);
        fmpq_set_si(tmp->layers[0].b + i, rows[i * (dim + 1) + dim], 1);
        fmpq_one(fmpq_mat_entry(tmp->layers[1].W, 0, i));
    }
    net_swap(net, tmp);
    net_clear(tmp);
}

/* resonance (sum_{i in S} x_i = 0, S nonempty), types B (x_i = 0, x_i +- x_j = 0)
   and D (x_i +- x_j = 0), threshold (v.x = x_dim for v in {0,1}^(dim-1)),
   generic (s x_1 + s^2 x_2 + ... + s^dim x_dim + 1 = 0 for m distinct s >= 1:
   every dim + 1 of the rows (1, s, ..., s^dim) form a Vandermonde matrix and
   every <= dim of the normals s (1, s, ..., s^(dim-1)) are independent, so
   the hyperplanes are in general position). */
static int
random_family(net_t net, const char * kind, slong dim, slong m, rng * r, rc_error_t err)
{
    slong len = dim + 1, nrows = 0, cap;
    slong * rows;

    if (!strcmp(kind, "resonance") || !strcmp(kind, "threshold"))
    {
        slong bits = !strcmp(kind, "resonance") ? dim : dim - 1;
        if (bits < 1 || bits > 16)
            return rc_error_set(err, RELU_E_INPUT, "kind %s needs %s", kind,
                                bits < 1 ? "--dim >= 2" : "a smaller --dim (at most 2^16 hyperplanes)");
        cap = WORD(1) << bits;
    }
    else if (!strcmp(kind, "generic"))
    {
        if (m < 1)
            m = 2 * dim;
        if (dim > 12 || m > 4096)
            return rc_error_set(err, RELU_E_INPUT, "kind generic: at most --dim 12 and 4096 hyperplanes");
        cap = m;
    }
    else
        cap = dim * dim;
    rows = flint_calloc(cap * len, sizeof(slong));
    if (!strcmp(kind, "resonance"))
        for (slong s = 1; s < (WORD(1) << dim); s++, nrows++)
            for (slong i = 0; i < dim; i++)
                rows[nrows * len + i] = (s >> i) & 1;
    else if (!strcmp(kind, "threshold"))
        for (slong s = 0; s < (WORD(1) << (dim - 1)); s++, nrows++)
        {
            for (slong i = 0; i < dim - 1; i++)
                rows[nrows * len + i] = (s >> i) & 1;
            rows[nrows * len + dim - 1] = -1;
        }
    else if (!strcmp(kind, "generic"))
    {
        /* m distinct s in [1, 3m], drawn from the seed; s^dim must fit a word */
        slong hi = 3 * m, chosen = 0;
        char * used = flint_calloc(hi + 1, 1);
        while (chosen < m)
        {
            slong s = rng_int(r, 1, hi);
            if (used[s])
                continue;
            used[s] = 1;
            chosen++;
        }
        for (slong s = 1; s <= hi; s++)
        {
            if (!used[s])
                continue;
            slong p = 1;
            for (slong i = 0; i < dim; i++)
            {
                if (p > WORD_MAX / s)
                {
                    flint_free(used);
                    flint_free(rows);
                    return rc_error_set(err, RELU_E_INPUT, "kind generic: coefficients s^%ld too large; "
                                        "use fewer hyperplanes or a smaller --dim", (long) dim);
                }
                p *= s;
                rows[nrows * len + i] = p;
            }
            rows[nrows * len + dim] = 1;
            nrows++;
        }
        flint_free(used);
    }
    else   /* B or D */
    {
        if (!strcmp(kind, "typeB"))
            for (slong i = 0; i < dim; i++, nrows++)
                rows[nrows * len + i] = 1;
        for (slong i = 0; i < dim; i++)
            for (slong j = i + 1; j < dim; j++)
                for (slong sg = -1; sg <= 1; sg += 2, nrows++)
                {
                    rows[nrows * len + i] = 1;
                    rows[nrows * len + j] = sg;
                }
    }
    rows_net(net, dim, nrows, rows);
    flint_free(rows);
    return RELU_OK;
}

int
net_random(net_t net, const char * kind, slong dim, slong nwidths, const slong * widths, ulong seed,
           rc_error_t err)
{
    static const char * dense[] = { "int", "rat", "wide", "gauss", "he", "degenerate" };
    rng r;
    rng_seed(&r, seed);
    if (dim < 1)
        return rc_error_set(err, RELU_E_INPUT, "--dim must be at least 1");
    for (size_t i = 0; i < sizeof(dense) / sizeof(dense[0]); i++)
        if (!strcmp(kind, dense[i]))
        {
            if (nwidths < 1)
                return rc_error_set(err, RELU_E_INPUT, "kind %s needs --widths (hidden layer sizes)", kind);
            for (slong j = 0; j < nwidths; j++)
                if (widths[j] < 1)
                    return rc_error_set(err, RELU_E_INPUT, "widths must be positive");
            return random_dense(net, kind, dim, nwidths, widths, &r);
        }
    if (!strcmp(kind, "ring"))
        return random_ring(net, dim, nwidths >= 1 ? widths[0] : 2 * dim, &r, err);
    static const slong braid[] = { 0 }, shi[] = { 0, 1 }, catalan[] = { -1, 0, 1 }, semi[] = { -1, 1 }, linial[] = { 1 };
    if (!strcmp(kind, "coordinate")) { arrangement_net(net, dim, NULL, 0, 1); return RELU_OK; }
    if (!strcmp(kind, "resonance") || !strcmp(kind, "threshold") || !strcmp(kind, "generic")
        || !strcmp(kind, "typeB") || !strcmp(kind, "typeD"))
    {
        if (!strcmp(kind, "typeD") && dim < 2)
            return rc_error_set(err, RELU_E_INPUT, "kind typeD needs --dim >= 2");
        return random_family(net, kind, dim, nwidths >= 1 ? widths[0] : 0, &r, err);
    }
    if (dim < 2 && (!strcmp(kind, "braid") || !strcmp(kind, "shi") || !strcmp(kind, "catalan") ||
                    !strcmp(kind, "semiorder") || !strcmp(kind, "linial")))
        return rc_error_set(err, RELU_E_INPUT, "kind %s needs --dim >= 2", kind);
    if (!strcmp(kind, "braid")) { arrangement_net(net, dim, braid, 1, 0); return RELU_OK; }
    if (!strcmp(kind, "shi")) { arrangement_net(net, dim, shi, 2, 0); return RELU_OK; }
    if (!strcmp(kind, "catalan")) { arrangement_net(net, dim, catalan, 3, 0); return RELU_OK; }
    if (!strcmp(kind, "semiorder")) { arrangement_net(net, dim, semi, 2, 0); return RELU_OK; }
    if (!strcmp(kind, "linial")) { arrangement_net(net, dim, linial, 1, 0); return RELU_OK; }
    return rc_error_set(err, RELU_E_INPUT,
        "unknown kind \"%s\" (int, rat, wide, gauss, he, degenerate, ring, braid, shi, catalan, semiorder, "
        "linial, coordinate, resonance, typeB, typeD, threshold, generic)", kind);
}
