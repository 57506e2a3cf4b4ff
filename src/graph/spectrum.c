/* Certified Laplacian spectra (see graph.h for the argument): the module
   relucert-arb.so, the only code that calls arb, so that a process loads arb
   (2,400 relocations at start) only when it computes a spectrum. The library's
   entry points (src/graph/spectrum_load.c) reach these through the table
   relucert_graph_arb_ops. */
#include <stdlib.h>
#include <string.h>
#include <acb.h>
#include <acb_mat.h>
#include <arb_fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include "graph/graph.h"

static void
_arb_spectrum_clear(spectrum_t S)
{
    if (S->eig) _arb_vec_clear(S->eig, S->neig);
    if (S->vec) _arb_vec_clear(S->vec, S->n);
    arb_clear(S->err);
    flint_free(S->partition);
}

static int
_cmp_arb_mid(const void * a, const void * b)
{
    return arf_cmp(arb_midref((arb_srcptr) a), arb_midref((arb_srcptr) b));
}

/* lower bound of |x - mu| */
static void
_dist_lbound(arf_t d, const arb_t x, const arb_t mu, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sub(t, x, mu, prec);
    arb_get_abs_lbound_arf(d, t, prec);
    arb_clear(t);
}

/* The index j whose approximate eigenvalue Ea[j] is nearest to the midpoint of x. */
static slong
_nearest_column(acb_srcptr Ea, slong n, const arb_t x, slong prec)
{
    slong col = 0;
    arf_t best, d;
    arf_init(best);
    arf_init(d);
    for (slong j = 0; j < n; j++)
    {
        arf_sub(d, arb_midref(acb_realref(Ea + j)), arb_midref(x), prec, ARF_RND_NEAR);
        arf_abs(d, d);
        if (j == 0 || arf_cmp(d, best) < 0)
            arf_set(best, d), col = j;
    }
    arf_clear(best);
    arf_clear(d);
    return col;
}

/* The eigenvalues with multiplicities from the exact characteristic polynomial: its
   squarefree factors have simple roots, which arb isolates and certifies real; roots of
   different factors are distinct, so refining until all distinct roots are disjoint
   balls leaves a multiple eigenvalue as equal balls, and its multiplicity is exact.
   This is the fallback for the clusters acb_mat_eig_multiple cannot enclose
   (lambda_2 = (5 - sqrt 5)/2 twice on tests/data/shortcuts/residual2d.json). */
static int
_arb_enclose_charpoly(arb_ptr ev, const fmpz_mat_t L, slong prec)
{
    slong n = L->r, k = 0;
    int ok = 1;
    fmpz_poly_t cp;
    fmpz_poly_factor_t fac;
    fmpz_poly_init(cp);
    fmpz_poly_factor_init(fac);
    fmpz_mat_charpoly(cp, L);
    fmpz_poly_factor_squarefree(fac, cp);
    for (slong f = 0; ok && f < fac->num; f++)
    {
        slong d = fmpz_poly_degree(fac->p + f);
        acb_ptr r = _acb_vec_init(d);
        arb_fmpz_poly_complex_roots(r, fac->p + f, 0, prec);
        for (slong i = 0; i < d; i++)
        {
            ok = ok && arb_is_zero(acb_imagref(r + i)) && k + fac->exp[f] <= n;
            for (slong e = 0; ok && e < fac->exp[f]; e++)
                arb_set(ev + k++, acb_realref(r + i));
        }
        _acb_vec_clear(r, d);
    }
    ok = ok && k == n;
    if (ok)
    {
        qsort(ev, n, sizeof(arb_struct), _cmp_arb_mid);
        for (slong i = 0; ok && i + 1 < n; i++)
            ok = arb_equal(ev + i, ev + i + 1) || arb_lt(ev + i, ev + i + 1);
    }
    fmpz_poly_factor_clear(fac);
    fmpz_poly_clear(cp);
    return ok;
}

/* Certified enclosures of all eigenvalues of the symmetric L, ascending: arb's
   clustered enclosure (returns 1), else the characteristic polynomial's roots
   (returns 2: equal balls are then one eigenvalue, multiplicities exact); 0 if neither. */
static int
_enclose(arb_ptr ev, const fmpz_mat_t L, acb_srcptr Ea, const acb_mat_t A, const acb_mat_t R, slong prec)
{
    slong n = L->r;
    int ok = 1;
    acb_ptr E = _acb_vec_init(n);
    if (acb_mat_eig_multiple(E, A, Ea, R, prec))
    {
        for (slong i = 0; ok && i < n; i++)
        {
            ok = arb_contains_zero(acb_imagref(E + i));
            arb_set(ev + i, acb_realref(E + i));
        }
        qsort(ev, n, sizeof(arb_struct), _cmp_arb_mid);
        /* the order must be certain between clusters */
        for (slong i = 0; ok && i + 1 < n; i++)
            ok = arb_overlaps(ev + i, ev + i + 1) || arb_lt(ev + i, ev + i + 1);
    }
    else
        ok = 0;
    _acb_vec_clear(E, n);
    if (ok)
        return 1;
    return _arb_enclose_charpoly(ev, L, prec) ? 2 : 0;
}

static int
_try(spectrum_t S, const fmpz_mat_t L, slong prec)
{
    slong n = L->r;
    int ok = 0;
    acb_mat_t A, R;
    acb_ptr Ea = _acb_vec_init(n);
    acb_mat_init(A, n, n);
    acb_mat_init(R, n, n);
    acb_mat_set_fmpz_mat(A, L);
    acb_mat_approx_eig_qr(Ea, NULL, R, A, NULL, 0, prec);
    arb_ptr ev = _arb_vec_init(n);
    int how = _enclose(ev, L, Ea, A, R, prec);
    if (!how)
    {
        _arb_vec_clear(ev, n);
        goto done;
    }
    S->eig = ev;
    S->n = S->neig = n;
    S->partition = flint_malloc(n + 1);
    memset(S->partition, '?', (size_t) FLINT_MAX(n, 0));
    S->partition[n] = '\0';
    S->fiedler_simple = !arb_overlaps(ev + 0, ev + 1) && (n < 3 || !arb_overlaps(ev + 1, ev + 2));
    S->fiedler_mult = S->fiedler_simple;
    if (how == 2)
        for (slong i = 1; i < n && arb_equal(ev + i, ev + 1); i++)
            S->fiedler_mult = i;
    ok = 1;
    if (!S->fiedler_simple)
        goto done;

    /* approximate eigenvector: the column whose approximate eigenvalue is nearest */
    slong col = _nearest_column(Ea, n, ev + 1, prec);
    arb_ptr v = _arb_vec_init(n), r = _arb_vec_init(n);
    arb_t mu, nv, eps, t, eta;
    arf_t delta, dj;
    arb_init(mu); arb_init(nv); arb_init(eps); arb_init(t); arb_init(eta);
    arf_init(delta); arf_init(dj);
    for (slong i = 0; i < n; i++)
        arb_set_arf(v + i, arb_midref(acb_realref(acb_mat_entry(R, i, col))));
    arb_set_arf(mu, arb_midref(ev + 1));
    /* r = L v - mu v, computed in ball arithmetic from the exact data */
    for (slong i = 0; i < n; i++)
    {
        arb_mul(r + i, mu, v + i, prec);
        arb_neg(r + i, r + i);
        for (slong j = 0; j < n; j++)
            if (!fmpz_is_zero(fmpz_mat_entry(L, i, j)))
                arb_addmul_fmpz(r + i, v + j, fmpz_mat_entry(L, i, j), prec);
    }
    arb_dot(eps, NULL, 0, r, 1, r, 1, n, prec);   /* |r|^2 */
    arb_sqrtpos(eps, eps, prec);
    arb_dot(nv, NULL, 0, v, 1, v, 1, n, prec);
    arb_sqrtpos(nv, nv, prec);
    /* gap: distance from mu to every other eigenvalue */
    arf_pos_inf(delta);
    for (slong j = 0; j < n; j++)
        if (j != 1)
        {
            _dist_lbound(dj, ev + j, mu, prec);
            if (arf_cmp(dj, delta) < 0)
                arf_set(delta, dj);
        }
    if (arf_sgn(delta) > 0 && !arb_contains_zero(nv))
    {
        /* eta = sqrt(2) |r| / (delta |v|) bounds |v/|v| - u| */
        arb_set_arf(t, delta);
        arb_mul(t, t, nv, prec);
        arb_div(eta, eps, t, prec);
        arb_sqrt_ui(t, 2, prec);
        arb_mul(eta, eta, t, prec);
        arb_set(S->err, eta);
        S->vec = _arb_vec_init(n);
        int flip = 0, first = 1;
        for (slong i = 0; i < n; i++)
        {
            arb_div(S->vec + i, v + i, nv, prec);
            arb_abs(t, S->vec + i);
            arb_sub(t, t, eta, prec);
            if (arb_is_positive(t))
            {
                int s = arb_is_positive(S->vec + i) ? 1 : -1;
                if (first)
                    flip = (s < 0), first = 0;
                S->partition[i] = ((s > 0) != flip) ? '+' : '-';
            }
        }
        if (flip)
            for (slong i = 0; i < n; i++)
                arb_neg(S->vec + i, S->vec + i);
    }
    _arb_vec_clear(v, n);
    _arb_vec_clear(r, n);
    arb_clear(mu); arb_clear(nv); arb_clear(eps); arb_clear(t); arb_clear(eta);
    arf_clear(delta); arf_clear(dj);
done:
    _acb_vec_clear(Ea, n);
    acb_mat_clear(A);
    acb_mat_clear(R);
    return ok;
}

static int
_arb_spectrum_compute(spectrum_t S, const fmpz_mat_t L, rc_error_t err)
{
    if (L->r < 2)
        return rc_error_set(err, RELU_E_INPUT, "a Fiedler value needs at least two regions (found %ld)",
                            (long) L->r);
    for (slong prec = 128; prec <= 2048; prec *= 2)
        if (_try(S, L, prec))
            return RELU_OK;
    /* not a disagreement between two computations but a limit of the method:
       arb's enclosure of clustered eigenvalues fails on some multiple ones */
    return rc_error_set(err, RELU_E_UNSUPPORTED, "could not certify the Laplacian spectrum: its eigenvalues "
                        "could not be enclosed (a multiple eigenvalue the certified methods do not separate)");
}

static void
_arb_decimal_bounds(char ** lo, char ** hi, const arb_t x, slong digits)
{
    arf_t b, t;
    fmpz_t z, p;
    arf_init(b); arf_init(t);
    fmpz_init(z); fmpz_init(p);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, digits);
    arb_get_lbound_arf(b, x, ARF_PREC_EXACT);
    arf_mul_fmpz(t, b, p, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_get_fmpz(z, t, ARF_RND_FLOOR);
    *lo = graph_fixed_str(z, digits);
    arb_get_ubound_arf(b, x, ARF_PREC_EXACT);
    arf_mul_fmpz(t, b, p, ARF_PREC_EXACT, ARF_RND_UP);
    arf_get_fmpz(z, t, ARF_RND_CEIL);
    *hi = graph_fixed_str(z, digits);
    arf_clear(b); arf_clear(t);
    fmpz_clear(z); fmpz_clear(p);
}

static void
_arb_set_fiedler(spectrum_t S, const fiedler_t Fd)
{
    slong n = Fd->n;
    arb_t t;
    arb_init(t);
    S->n = n;
    S->neig = 2;
    S->eig = _arb_vec_init(2);
    arb_set_fmpq(S->eig + 1, Fd->lo, 256);
    arb_set_fmpq(t, Fd->hi, 256);
    arb_union(S->eig + 1, S->eig + 1, t, 256);
    arb_clear(t);
    S->fiedler_simple = Fd->simple;
    S->fiedler_mult = Fd->simple;
    S->partition = flint_malloc(n + 1);
    memcpy(S->partition, Fd->partition, n + 1);
}

static const graph_arb_ops _ops = {
    _arb_spectrum_compute, _arb_enclose_charpoly, _arb_set_fiedler, _arb_spectrum_clear, _arb_decimal_bounds
};

const graph_arb_ops *
relucert_graph_arb_ops(void)
{
    return &_ops;
}
