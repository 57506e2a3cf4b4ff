/* The depth-first search of the H-representation engine (regions.h). The
   pieces on the current path share one stack of rows: a piece at depth m
   is rows[0..m), and its two children differ only in row m (-g, then +g), so
   nothing is copied. */
#include <string.h>
#include <math.h>
#include <flint/fmpz_vec.h>
#include "regions/lp_internal.h"
#include "poly/lp.h"

void
_regions_layers_init(regions_layers_struct * S, const net_t net)
{
    S->net = net;
    S->n = net->input_dim;
    S->d = S->n + 1;
    S->L = net->nlayers - 1;
    S->N = net_num_hidden(net);
    S->first = flint_malloc((S->L + 1) * sizeof(slong));
    S->first[0] = 0;
    for (slong j = 0; j < S->L; j++)
        S->first[j + 1] = S->first[j] + net->layers[j].W->r;
    S->Z = flint_malloc(FLINT_MAX(S->L, 1) * sizeof(fmpq_mat_struct));
    S->H = flint_malloc(FLINT_MAX(S->L, 1) * sizeof(fmpq_mat_struct));
    for (slong j = 0; j < S->L; j++)
    {
        fmpq_mat_init(S->Z + j, net->layers[j].W->r, S->d);
        fmpq_mat_init(S->H + j, net->layers[j].W->r, S->d);
    }
    S->zint = _fmpz_vec_init(FLINT_MAX(S->N, 1) * S->d);
}

void
_regions_layers_clear(regions_layers_struct * S)
{
    for (slong j = 0; j < S->L; j++)
    {
        fmpq_mat_clear(S->Z + j);
        fmpq_mat_clear(S->H + j);
    }
    flint_free(S->Z);
    flint_free(S->H);
    _fmpz_vec_clear(S->zint, FLINT_MAX(S->N, 1) * S->d);
    flint_free(S->first);
}

slong
_regions_layers_layer_of(const regions_layers_struct * S, slong k)
{
    slong j = 0;
    while (S->first[j + 1] <= k)
        j++;
    return j;
}

/* Z[j] = W_j diag(active_{j-1}) Z[j-1] + b_j + the shortcuts (net_layer_rows),
   Z[0] = (b_0, W_0); callers go through the layers in order, so the H[i] a
   shortcut reads belong to the same pattern. */
void
_regions_layers_rows(regions_layers_struct * S, slong j, const unsigned char * active)
{
    const net_layer_struct * layer = S->net->layers + j;
    fmpq_mat_struct * Z = S->Z + j;
    slong w = layer->W->r, d = S->d;
    if (j > 0)
    {
        fmpq_mat_struct * H = S->H + j - 1, * Zp = S->Z + j - 1;
        for (slong r = 0; r < Zp->r; r++)
            for (slong k = 0; k < d; k++)
            {
                if (active[S->first[j - 1] + r])
                    fmpq_set(fmpq_mat_entry(H, r, k), fmpq_mat_entry(Zp, r, k));
                else
                    fmpq_zero(fmpq_mat_entry(H, r, k));
            }
    }
    net_layer_rows(Z, S->net, j, S->H);
    for (slong r = 0; r < w; r++)
        poly_vec_from_fmpq(S->zint + (S->first[j] + r) * d, Z->rows[r], d);
}

/* Ray shooting: from the interior point v (homogeneous, t > 0) along -a_j,
   the first hyperplane hit, when it is hit alone, is a facet (the hit point
   lies on it and strictly inside every other row). */
static void
_facets_by_rays(char * keep, const fmpz * rows, slong m, const fmpz * v, slong n)
{
    slong d = n + 1;
    fmpz * r = _fmpz_vec_init(FLINT_MAX(m, 1));
    fmpz_t p, bp, l, rr;
    fmpz_init(p);
    fmpz_init(bp);
    fmpz_init(l);
    fmpz_init(rr);
    for (slong i = 0; i < m; i++)
        poly_vec_dot(r + i, rows + i * d, v, d);
    for (slong j = 0; j < m; j++)
    {
        slong best = -1;
        int tie = 0;
        for (slong i = 0; i < m; i++)
        {
            poly_vec_dot(p, rows + i * d + 1, rows + j * d + 1, n);
            if (fmpz_sgn(p) <= 0)
                continue;
            int c = -1;
            if (best >= 0)
            {
                /* r_i / p < r_best / bp ? */
                fmpz_mul(l, r + i, bp);
                fmpz_mul(rr, r + best, p);
                c = fmpz_cmp(l, rr);
            }
            if (c < 0)
            {
                best = i;
                tie = 0;
                fmpz_set(bp, p);
            }
            else if (c == 0)
                tie = 1;
        }
        if (best >= 0 && !tie)
            keep[best] = 1;
    }
    _fmpz_vec_clear(r, FLINT_MAX(m, 1));
    fmpz_clear(p);
    fmpz_clear(bp);
    fmpz_clear(l);
    fmpz_clear(rr);
}

/* The segment from the interior point v to w (both homogeneous, positive
   first entries; R[i] = rows_i . v > 0): the row that turns negative first,
   when it does so alone, is a facet (the crossing point lies on it and
   strictly inside every other row). Returns that row, or -1. */
static slong
_facet_by_segment(const fmpz * rows, slong m, const fmpz * R, const fmpz * v, const fmpz * w, slong n)
{
    slong d = n + 1, best = -1;
    int tie = 0;
    fmpz_t S, P, Q, bP, bQ, l, r;
    fmpz_init(S);
    fmpz_init(P);
    fmpz_init(Q);
    fmpz_init(bP);
    fmpz_init(bQ);
    fmpz_init(l);
    fmpz_init(r);
    for (slong i = 0; i < m; i++)
    {
        poly_vec_dot(S, rows + i * d, w, d);
        if (fmpz_sgn(S) >= 0)
            continue;
        /* crossing at t = R w0 / (R w0 - S v0) in (0, 1] */
        fmpz_mul(P, R + i, w);
        fmpz_mul(Q, S, v);
        fmpz_sub(Q, P, Q);
        int c = -1;
        if (best >= 0)
        {
            fmpz_mul(l, P, bQ);
            fmpz_mul(r, bP, Q);
            c = fmpz_cmp(l, r);
        }
        if (c < 0)
        {
            best = i;
            tie = 0;
            fmpz_swap(bP, P);
            fmpz_swap(bQ, Q);
        }
        else if (c == 0)
            tie = 1;
    }
    fmpz_clear(S);
    fmpz_clear(P);
    fmpz_clear(Q);
    fmpz_clear(bP);
    fmpz_clear(bQ);
    fmpz_clear(l);
    fmpz_clear(r);
    return tie ? -1 : best;
}

/* The rows scaled to unit maximum entry, in doubles, as A x <= b (-a.x <= c),
   with one spare row at the end for the LP's cap. */
static void
_rows_to_d(double * A, double * b, const fmpz * rows, slong m, slong n)
{
    slong d = n + 1;
    for (slong i = 0; i < m; i++)
    {
        const fmpz * row = rows + i * d;
        double mx = 0;
        for (slong k = 0; k < d; k++)
            mx = FLINT_MAX(mx, fabs(fmpz_get_d(row + k)));
        mx = mx > 0 ? mx : 1;
        b[i] = fmpz_get_d(row) / mx;
        for (slong k = 0; k < n; k++)
            A[i * n + k] = -fmpz_get_d(row + 1 + k) / mx;
    }
}

/* A facet proof for row j without an exact LP: cddlib's float LP proposes a
   point y minimising row j over the other rows; the exact segment test from
   the interior point v towards y decides. Returns the row proved (j or
   another one), or -1 when nothing was proved. */
static slong
_facet_by_float_lp(const fmpz * rows, slong m, slong j, const fmpz * R, const fmpz * v, double * A, double * b,
                   double * y, const double * x0, fmpz * w, slong n)
{
    double opt = 0, save_b = b[j], * Aj = A + j * n, * obj = A + m * n;
    /* LP rows: all but j (row j's slot carries the cap row_j >= -1) */
    for (slong k = 0; k < n; k++)
        obj[k] = -Aj[k];
    b[j] = save_b + 1.0;   /* the cap (scaled row j >= -1) only bounds the LP */
    int ok = poly_lp_min_d(y, &opt, A, b, m, n, obj, x0);
    b[j] = save_b;
    if (!ok || !(save_b + opt < -1e-9))
        return -1;
    fmpz_one(w);
    fmpz_mul_2exp(w, w, 40);
    for (slong k = 0; k < n; k++)
    {
        if (!isfinite(y[k]))
            return -1;
        fmpz_set_d_2exp(w + 1 + k, y[k], 40);
    }
    return _facet_by_segment(rows, m, R, v, w, n);
}

/* A rounded float Chebyshev centre (rows scaled as in A, b) in v when it is
   exactly interior (then R = rows . v): the interior point x of a region can
   lie within 1e-12 of a facet, which spoils the segment tests from it. */
static int
_better_centre(fmpz * v, fmpz * R, const fmpz * rows, slong m, const double * A, const double * b, const double * x0,
               slong n)
{
    slong d = n + 1, e = n + 1;
    double * Ac = flint_malloc((m + 1) * e * sizeof(double)), * bc = flint_malloc((m + 1) * sizeof(double));
    double * oc = flint_calloc(2 * e, sizeof(double)), * z0 = oc + e, t;
    for (slong i = 0; i < m; i++)
    {
        memcpy(Ac + i * e, A + i * n, n * sizeof(double));
        Ac[i * e + n] = 1.0;
        bc[i] = b[i];
    }
    memset(Ac + m * e, 0, e * sizeof(double));
    Ac[m * e + n] = 1.0;   /* t <= 1 */
    bc[m] = 1.0;
    oc[n] = -1.0;
    memcpy(z0, x0, n * sizeof(double));
    fmpz * w = _fmpz_vec_init(d), * S = _fmpz_vec_init(FLINT_MAX(m, 1));
    int ok = 0;
    if (poly_lp_min_d(z0, &t, Ac, bc, m + 1, e, oc, z0) && z0[n] > 0)
    {
        ok = 1;
        fmpz_one(w);
        fmpz_mul_2exp(w, w, 40);
        for (slong k = 0; k < n && ok; k++)
        {
            ok = isfinite(z0[k]);
            if (ok)
                fmpz_set_d_2exp(w + 1 + k, z0[k], 40);
        }
        for (slong i = 0; i < m && ok; i++)
        {
            poly_vec_dot(S + i, rows + i * d, w, d);
            ok = fmpz_sgn(S + i) > 0;
        }
        if (ok)
        {
            _fmpz_vec_set(v, w, d);
            _fmpz_vec_set(R, S, m);
        }
    }
    _fmpz_vec_clear(w, d);
    _fmpz_vec_clear(S, FLINT_MAX(m, 1));
    flint_free(Ac);
    flint_free(bc);
    flint_free(oc);
    return ok;
}

int
_regions_facets(char * keep, const fmpz * rows, slong m, const fmpq * x, slong n, rc_error_t err)
{
    slong d = n + 1;
    fmpq * h = _fmpq_vec_init(d), * y = _fmpq_vec_init(FLINT_MAX(n, 1));
    fmpz * v = _fmpz_vec_init(d), * w = _fmpz_vec_init(d), * R = _fmpz_vec_init(FLINT_MAX(m, 1));
    double * A = flint_malloc((m + 1) * FLINT_MAX(n, 1) * sizeof(double)), * b = flint_malloc((m + 1) * sizeof(double));
    double * yd = flint_malloc(2 * FLINT_MAX(n, 1) * sizeof(double)), * xd = yd + FLINT_MAX(n, 1);
    fmpq_t val;
    fmpq_init(val);
    fmpq_one(h);
    _regions_qvec_set(h + 1, x, n);
    poly_vec_from_fmpq(v, h, d);
    for (slong i = 0; i < m; i++)
        poly_vec_dot(R + i, rows + i * d, v, d);
    _rows_to_d(A, b, rows, m, n);
    for (slong k = 0; k < n; k++)
        xd[k] = fmpq_get_d(x + k);
    if (m > 0)
        memset(keep, 0, m);
    _facets_by_rays(keep, rows, m, v, n);
    if (_better_centre(v, R, rows, m, A, b, xd, n))
    {
        for (slong k = 0; k < n; k++)
            xd[k] = ldexp(fmpz_get_d(v + 1 + k), -40);
        _facets_by_rays(keep, rows, m, v, n);
    }
    int rc = RELU_OK;
    /* Row j is a facet iff some point satisfies the others and violates it.
       No two rows are equal (a row enters only where it cuts the piece), so
       testing each row against all the others is enough. */
    for (slong j = 0; j < m && rc == RELU_OK; j++)
        if (!keep[j])
        {
            slong f = _facet_by_float_lp(rows, m, j, R, v, A, b, yd, xd, w, n);
            if (f >= 0)
                keep[f] = 1;
            if (keep[j])
                continue;
            rc = _regions_lp_opt(y, val, rows, m, j, rows + j * d, 0, n, err);
            /* 2: redundant and strictly inside its half-space on the region */
            keep[j] = (rc == RELU_OK && fmpq_sgn(val) < 0) ? 1 : (fmpq_sgn(val) > 0 ? 2 : 0);
        }
    _fmpq_vec_clear(h, d);
    _fmpq_vec_clear(y, FLINT_MAX(n, 1));
    _fmpz_vec_clear(v, d);
    _fmpz_vec_clear(w, d);
    _fmpz_vec_clear(R, FLINT_MAX(m, 1));
    flint_free(A);
    flint_free(b);
    flint_free(yd);
    fmpq_clear(val);
    return rc;
}

int
_regions_h_finish(region_h_struct * R, fmpz * frows, slong * fsrc, const fmpz * rows, const slong * src, slong m,
                  int domain_bounded, rc_error_t err)
{
    slong n = R->n, d = n + 1, f = 0;
    char * keep = flint_malloc(FLINT_MAX(m, 1));
    int rc = _regions_facets(keep, rows, m, R->point, n, err);
    for (slong j = 0; j < m && rc == RELU_OK; j++)
        if (keep[j] == 1)
        {
            _fmpz_vec_set(frows + f * d, rows + j * d, d);
            fsrc[f++] = src[j];
        }
    /* the closure meets the domain's boundary iff some domain row vanishes
       somewhere on it: at once for a domain facet; for a redundant domain row
       its facet LP already said (its minimum over the other rows is its
       minimum over the region) */
    R->interior = 1;
    for (slong j = 0; j < m && rc == RELU_OK && R->interior; j++)
        if (POLY_SRC_IS_DOMAIN(src[j]))
            R->interior = (keep[j] == 2);
    flint_free(keep);
    R->m = f;
    R->rows = frows;
    R->src = fsrc;
    if (rc == RELU_OK && domain_bounded)
        R->bounded = R->relatively_bounded = 1;
    else if (rc == RELU_OK)
    {
        rc = _regions_lp_relatively_bounded(&R->relatively_bounded, frows, f, n, err);
        R->bounded = R->relatively_bounded && _regions_rows_rank(frows, f, n) == n;
    }
    return rc;
}

typedef struct
{
    regions_layers_struct Ls[1];
    const regions_hdomain_struct * D;
    unsigned char * active;
    signed char * sign;
    fmpz * rows;               /* the row stack: D->m + N rows */
    slong * src;
    fmpz * frows;              /* a region's facets */
    slong * fsrc;
    fmpq * pool;               /* recent LP points: witnesses that a neuron cuts (exact filter) */
    slong pool_num, pool_next;
    slong count;
    region_h_callback cb;
    void * data;
    rc_error_struct * err;
}
hsearch;

/* x + lam (y - x) with g there equal to half of g(y) = val < 0 <= v = g(x):
   inside the piece (on the open segment from an interior point) and strictly
   on the negative side of g. */
static void
_child_point(fmpq * z, const fmpq * x, const fmpq * y, const fmpq_t v, const fmpq_t val, slong n)
{
    fmpq_t lam, t, u;
    fmpq_init(lam);
    fmpq_init(t);
    fmpq_init(u);
    fmpq_div_2exp(t, val, 1);
    fmpq_sub(lam, v, t);
    fmpq_sub(u, v, val);
    fmpq_div(lam, lam, u);
    for (slong k = 0; k < n; k++)
    {
        fmpq_sub(t, y + k, x + k);
        fmpq_mul(t, t, lam);
        fmpq_add(z + k, x + k, t);
    }
    fmpq_clear(lam);
    fmpq_clear(t);
    fmpq_clear(u);
}

static int
_hsearch_leaf(hsearch * S, slong m, const fmpq * x)
{
    region_h_struct R;
    R.n = S->Ls->n;
    R.N = S->Ls->N;
    R.index = S->count++;
    R.distance = -1;
    R.point = x;
    R.active = S->active;
    R.sign = S->sign;
    R.zrows = S->Ls->zint;
    int rc = _regions_h_finish(&R, S->frows, S->fsrc, S->rows, S->src, m, S->D->bounded, S->err);
    return rc ? rc : S->cb(S->data, &R);
}

static int _hsearch_dfs(hsearch * S, slong k, slong m, const fmpq * x);

#define HSEARCH_POOL 32

static void
_pool_add(hsearch * S, const fmpq * x)
{
    slong n = S->Ls->n;
    _regions_qvec_set(S->pool + S->pool_next * n, x, n);
    S->pool_next = (S->pool_next + 1) % HSEARCH_POOL;
    S->pool_num = FLINT_MIN(S->pool_num + 1, HSEARCH_POOL);
}

/* A point of the pool in the piece rows[0..m) with g of sign `want` there:
   proves that g takes that sign on the piece without an LP. */
static int
_pool_find(fmpq * y, fmpq_t val, hsearch * S, slong m, const fmpz * g, int want)
{
    slong n = S->Ls->n, d = n + 1;
    fmpq_t v;
    fmpq_init(v);
    int found = 0;
    for (slong i = 0; i < S->pool_num && !found; i++)
    {
        const fmpq * p = S->pool + i * n;
        _regions_row_at(val, g, p, n);
        if (fmpq_sgn(val) != want)
            continue;
        found = 1;
        for (slong j = m - 1; j >= 0 && found; j--)
        {
            _regions_row_at(v, S->rows + j * d, p, n);
            found = fmpq_sgn(v) >= 0;
        }
        if (found)
            _regions_qvec_set(y, p, n);
    }
    fmpq_clear(v);
    return found;
}

/* g takes both signs on the piece: the inactive side, then the active side. */
static int
_hsearch_split(hsearch * S, slong k, slong m, const fmpq * xneg, const fmpq * xpos)
{
    slong d = S->Ls->d;
    const fmpz * g = S->Ls->zint + k * d;
    _fmpz_vec_neg(S->rows + m * d, g, d);
    S->src[m] = k;
    S->sign[k] = -1;
    S->active[k] = 0;
    int rc = _hsearch_dfs(S, k + 1, m + 1, xneg);
    if (rc)
        return rc;
    /* the inactive subtree rewrote only later layers' rows (recomputed on entry) */
    _fmpz_vec_set(S->rows + m * d, g, d);
    S->sign[k] = 1;
    S->active[k] = 1;
    return _hsearch_dfs(S, k + 1, m + 1, xpos);
}

static int
_hsearch_dfs(hsearch * S, slong k, slong m, const fmpq * x)
{
    regions_layers_struct * Ls = S->Ls;
    slong n = Ls->n, d = Ls->d;
    if (k == Ls->N)
        return _hsearch_leaf(S, m, x);
    slong j = _regions_layers_layer_of(Ls, k);
    if (k == Ls->first[j])
        _regions_layers_rows(Ls, j, S->active);
    const fmpz * g = Ls->zint + k * d;
    if (_fmpz_vec_is_zero(g + 1, n))
    {
        S->sign[k] = fmpz_sgn(g);
        S->active[k] = (S->sign[k] > 0);
        return _hsearch_dfs(S, k + 1, m, x);
    }
    fmpq_t v, lo, hi;
    fmpq_init(v);
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq * xl = _fmpq_vec_init(n), * xh = _fmpq_vec_init(n), * yl = _fmpq_vec_init(n), * yh = _fmpq_vec_init(n);
    _regions_row_at(v, g, x, n);
    int rc = RELU_OK, s = fmpq_sgn(v);
    if (s >= 0 && !_pool_find(xl, lo, S, m, g, -1))
    {
        rc = _regions_lp_opt(xl, lo, S->rows, m, -1, g, 0, n, S->err);
        if (rc == RELU_OK)
            _pool_add(S, xl);
    }
    if (rc == RELU_OK && s <= 0 && !_pool_find(xh, hi, S, m, g, 1))
    {
        rc = _regions_lp_opt(xh, hi, S->rows, m, -1, g, 1, n, S->err);
        if (rc == RELU_OK)
            _pool_add(S, xh);
    }
    if (rc == RELU_OK)
    {
        int cut_lo = (s >= 0 && fmpq_sgn(lo) < 0), cut_hi = (s <= 0 && fmpq_sgn(hi) > 0);
        if (s == 0 && !(cut_lo && cut_hi))
            rc = rc_error_set(S->err, RELU_E_INTERNAL, "internal error: a nonconstant function vanishes at an interior point but does not cut");
        else if (s > 0 && !cut_lo)
            s = 2;
        else if (s < 0 && !cut_hi)
            s = -2;
        if (rc == RELU_OK && (s == 2 || s == -2))
        {
            S->sign[k] = s / 2;
            S->active[k] = (s > 0);
            rc = _hsearch_dfs(S, k + 1, m, x);
        }
        else if (rc == RELU_OK)
        {
            /* child points: the interior point on its own side, the LP point pulled towards it */
            if (cut_lo)
                _child_point(yl, x, xl, v, lo, n);
            else
                _regions_qvec_set(yl, x, n);
            if (cut_hi)
            {
                /* the same construction for -g */
                fmpq_neg(v, v);
                fmpq_neg(hi, hi);
                _child_point(yh, x, xh, v, hi, n);
            }
            else
                _regions_qvec_set(yh, x, n);
            rc = _hsearch_split(S, k, m, yl, yh);
        }
    }
    fmpq_clear(v);
    fmpq_clear(lo);
    fmpq_clear(hi);
    _fmpq_vec_clear(xl, n);
    _fmpq_vec_clear(xh, n);
    _fmpq_vec_clear(yl, n);
    _fmpq_vec_clear(yh, n);
    return rc;
}

int
regions_enumerate_h(const net_t net, const regions_hdomain_t D, region_h_callback cb, void * data, rc_error_t err)
{
    if (net_check_no_groups(net, "the LP (H-representation) engine", err))
        return err->code;
    hsearch S;
    _regions_layers_init(S.Ls, net);
    slong N = S.Ls->N, d = S.Ls->d, cap = D->m + N;
    S.D = D;
    S.active = flint_calloc(FLINT_MAX(N, 1), 1);
    S.sign = flint_calloc(FLINT_MAX(N, 1), 1);
    S.rows = _fmpz_vec_init(FLINT_MAX(cap, 1) * d);
    S.src = flint_malloc(FLINT_MAX(cap, 1) * sizeof(slong));
    S.frows = _fmpz_vec_init(FLINT_MAX(cap, 1) * d);
    S.fsrc = flint_malloc(FLINT_MAX(cap, 1) * sizeof(slong));
    _fmpz_vec_set(S.rows, D->rows, D->m * d);
    for (slong j = 0; j < D->m; j++)
        S.src[j] = D->src[j];
    S.pool = _fmpq_vec_init(HSEARCH_POOL * FLINT_MAX(S.Ls->n, 1));
    S.pool_num = S.pool_next = 0;
    S.count = 0;
    S.cb = cb;
    S.data = data;
    S.err = err;
    int rc = _hsearch_dfs(&S, 0, D->m, D->point);
    _fmpq_vec_clear(S.pool, HSEARCH_POOL * FLINT_MAX(S.Ls->n, 1));
    _fmpz_vec_clear(S.rows, FLINT_MAX(cap, 1) * d);
    _fmpz_vec_clear(S.frows, FLINT_MAX(cap, 1) * d);
    flint_free(S.src);
    flint_free(S.fsrc);
    flint_free(S.active);
    flint_free(S.sign);
    _regions_layers_clear(S.Ls);
    return rc;
}

/* ---- full records: the polyhedron rebuilt from the facets ---- */
typedef struct
{
    region_callback cb;
    void * data;
    rc_error_struct * err;
}
rebuild_ctx;

int
regions_h_rebuild(poly_t P, const region_h_struct * H, rc_error_t err)
{
    slong d = H->n + 1;
    poly_set_whole(P);
    /* every row is a facet of the result, hence of every intermediate cut:
       each cut is proper, and the constraints stay in this order */
    for (slong j = 0; j < H->m; j++)
    {
        if (poly_side(P, H->rows + j * d) != POLY_CUT)
            return rc_error_set(err, RELU_E_INTERNAL, "internal error: a facet found by LP does not cut");
        poly_cut(P, H->rows + j * d, H->src[j]);
    }
    if (poly_num_facets(P) != H->m)
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: the LP facets of a region are not irredundant");
    return RELU_OK;
}

static int
_on_h_rebuild(void * data, const region_h_struct * H)
{
    rebuild_ctx * c = data;
    poly_t P;
    poly_init(P, H->n);
    int rc = regions_h_rebuild(P, H, c->err);
    if (rc == RELU_OK)
    {
        region_struct R;
        R.P = P;
        R.index = H->index;
        R.subtree = -1;
        R.N = H->N;
        R.active = H->active;
        R.sign = H->sign;
        R.zrows = H->zrows;
        R.near = NULL;
        R.nnear = 0;
        R.group = NULL;     /* the H engine refuses max groups */
        R.zd = NULL;
        R.D = NULL;
        rc = c->cb(c->data, &R);
    }
    poly_clear(P);
    return rc;
}

int
regions_enumerate_lp(const net_t net, const poly_t domain, region_callback cb, void * data, rc_error_t err)
{
    regions_hdomain_t D;
    regions_hdomain_init(D, net->input_dim);
    regions_hdomain_set_poly(D, domain);
    rebuild_ctx c = { cb, data, err };
    int rc = regions_enumerate_h(net, D, _on_h_rebuild, &c, err);
    regions_hdomain_clear(D);
    return rc;
}
