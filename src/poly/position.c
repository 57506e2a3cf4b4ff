/* The position of a polyhedron relative to an affine function, decided with a
   floating-point filter whose uncertain answers are re-decided exactly.

   Everything here is a sign of a dot product g.u of two integer vectors (an
   affine row g and a homogeneous generator u). In doubles: x_i, y_i are g_i,
   u_i converted (relative error at most 2^-52 each, exact below 2^53), s the
   computed sum of the products x_i y_i, a the computed sum of their absolute
   values. Then (Higham, "Accuracy and Stability of Numerical Algorithms",
   2002, section 3.1, with the input errors added)
       |s - g.u| <= (gamma_d + 2^-51 (1 + 2^-52)) sum |x_i y_i|,
       gamma_d = d 2^-53 / (1 - d 2^-53),
   which is below (d + 4) 2^-53 a for any d < 2^40; we use the margin
   e = (d + 4) 2^-51 a, four times that (the product computing e rounds too).
   So s > e proves g.u > 0 and s < -e proves g.u < 0; otherwise (g.u near or
   at 0, or an overflow: infinities and NaNs fail both comparisons) the dot
   product is computed exactly. Integers of more than POLY_D_MAX_BITS bits are
   stored as NaN (fmpz_get_d is undefined beyond the range of a double), so
   every test involving them is exact. No underflow: nonzero integers have
   magnitude at least 1.

   The answer is therefore the exact one in every case; the filter only
   decides how much work it costs. */
#include <math.h>
#include <string.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"
#include "poly/poly-impl.h"

#define POLY_D_MAX_BITS 1000

void
_poly_vec_get_d_big(double * r, const fmpz_t x)
{
    *r = (fmpz_bits(x) > POLY_D_MAX_BITS) ? NAN : fmpz_get_d(x);
}

void
poly_dgens_init(poly_dgens_t D)
{
    D->ngens = 0;
    D->alloc = 0;
    D->g = NULL;
    D->box = 0;
    D->n = D->box_alloc = 0;
    D->lo = D->hi = NULL;
    D->mf = NULL;
    D->mf_alloc = 0;
}

void
poly_dgens_clear(poly_dgens_t D)
{
    flint_free(D->g);
    flint_free(D->lo);
    flint_free(D->hi);
    flint_free(D->mf);
}

void
poly_dgens_fit(poly_dgens_t D, slong rows, slong d)
{
    if (rows * d > D->alloc)
    {
        D->alloc = FLINT_MAX(rows * d, 2 * D->alloc);
        D->g = flint_realloc(D->g, D->alloc * sizeof(double));
    }
    if (rows > D->mf_alloc)
    {
        D->mf_alloc = FLINT_MAX(rows, 2 * D->mf_alloc);
        D->mf = flint_realloc(D->mf, D->mf_alloc);
    }
    D->ngens = rows;
}

void
poly_dgens_set(poly_dgens_t D, const poly_t P)
{
    slong d = P->n + 1;
    poly_dgens_fit(D, P->ngens, d);
    poly_vec_get_d(D->g, P->gens, P->ngens * d);
    if (P->ngens > 0)
        memset(D->mf, 0, P->ngens);
    poly_dgens_box(D, P);
}

/* The box: x_i = u_i / u_0 at a vertex u, and r = fl(fl(u_i) fl(1 / fl(u_0)))
   has relative error below 4.01 2^-53. With l, h the least and largest r
   over the vertices and M = max(|l|, |h|), every x_i lies in [l - 2^-50 M,
   h + 2^-50 M]: the margin is at least 8 2^-53 |r| for each r, enough for its
   error and for the rounding of the subtraction (at most 2^-53 (1 + 2^-50) M
   more). fl(u_0) > 0 exactly when u_0 > 0 (conversion keeps signs; NaN
   fails the test), so a ray leaves no box, and neither does an entry too big
   for a double or an overflowing ratio (a NaN or infinity anywhere): the
   bounds are finite. */
void
poly_dgens_box(poly_dgens_t D, const poly_t P)
{
    slong n = P->n, d = n + 1;
    D->box = 0;
    if (P->ngens == 0 || D->ngens != P->ngens)
        return;
    if (n > D->box_alloc)
    {
        D->box_alloc = n;
        D->lo = flint_realloc(D->lo, n * sizeof(double));
        D->hi = flint_realloc(D->hi, n * sizeof(double));
    }
    D->n = n;
    double * lo = D->lo, * hi = D->hi, nan = 0;
    for (slong i = 0; i < n; i++)
    {
        lo[i] = INFINITY;
        hi[i] = -INFINITY;
    }
    for (slong k = 0; k < P->ngens; k++)
    {
        const double * u = D->g + k * d;
        if (!(u[0] > 0))
            return;
        double inv = 1 / u[0];
        for (slong i = 0; i < n; i++)
        {
            double r = u[1 + i] * inv;
            nan += r - r;              /* 0, or NaN from a NaN or an infinity */
            lo[i] = r < lo[i] ? r : lo[i];
            hi[i] = r > hi[i] ? r : hi[i];
        }
    }
    if (nan != 0)
        return;
    for (slong i = 0; i < n; i++)
    {
        double M = (-lo[i] > hi[i] ? -lo[i] : hi[i]) * 0x1p-50;
        lo[i] -= M;
        hi[i] += M;
    }
    D->box = 1;
}

/* The sign of g over the box, when the doubles prove it strict: the lower
   bound m = c + sum of min(a_i lo_i, a_i hi_i) of c + a.x on the box (and the
   upper bound M) computed in doubles, with the margin of the dot products
   (the header) over the sum A of the terms' magnitudes. 0: not proved. (A
   NaN term makes m, M or A NaN, and every comparison false.) */
int
poly_dgens_box_sgn(const poly_dgens_t D, const double * gd)
{
    slong n = D->n;
    double m = gd[0], M = gd[0], A = fabs(gd[0]);
    for (slong i = 0; i < n; i++)
    {
        /* ternaries, not fmin and fmax (library calls): the bounds are
           finite, so p or q is NaN only with gd[1 + i], and then both are */
        double p = gd[1 + i] * D->lo[i], q = gd[1 + i] * D->hi[i], ap = fabs(p), aq = fabs(q);
        m += p < q ? p : q;
        M += p < q ? q : p;
        A += ap > aq ? ap : aq;
    }
    double e = A * (double) (n + 5) * 0x1p-51;
    if (m > e)
        return 1;
    if (M < -e)
        return -1;
    return 0;
}

/* Sign of g.u: from the doubles when they prove it, else exactly (*nexact counts).
   Inlined into its loops: the call was a sixth of the filter's cost. */
static inline __attribute__((always_inline)) int
_poly_dot_sgn(const fmpz * g, const double * gd, const fmpz * u, const double * ud, slong d,
              fmpz_t v, slong * nexact)
{
    if (gd != NULL && ud != NULL)
    {
        /* two terms per step (the same sums in the same order: fewer loop
           instructions, the filter's main cost) */
        double s = 0, a = 0;
        slong i = 0;
        for (; i + 1 < d; i += 2)
        {
            double p = gd[i] * ud[i], q = gd[i + 1] * ud[i + 1];
            s += p;
            s += q;
            a += fabs(p);
            a += fabs(q);
        }
        if (i < d)
        {
            double p = gd[i] * ud[i];
            s += p;
            a += fabs(p);
        }
        double e = a * ((double) (d + 4) * 0x1p-51);
        if (s > e)
            return 1;
        if (s < -e)
            return -1;
    }
    if (nexact != NULL)
        (*nexact)++;
    poly_vec_dot(v, g, u, d);
    return poly_sgn(v);
}

int
poly_position(int * strict, const poly_t P, const poly_dgens_t D, const fmpz * g, const double * gd,
              slong * nexact)
{
    slong d = P->n + 1;
    int pos = 0, neg = 0, zero = 0;
    fmpz_t v;
    fmpz_init(v);
    *strict = 0;
    if (_poly_cuts_lineality(P, g, v))
    {
        fmpz_clear(v);
        return POLY_CUT;
    }
    const double * ud = (D != NULL && D->ngens == P->ngens) ? D->g : NULL;
    if (ud != NULL && gd != NULL && D->box && D->n == P->n)
    {
        int b = poly_dgens_box_sgn(D, gd);
        if (b != 0)
        {
            /* every generator is a vertex with g of sign b */
            fmpz_clear(v);
            *strict = 1;
            return b;
        }
    }
    for (slong i = 0; i < P->ngens && !(pos && neg); i++)
    {
        int s = _poly_dot_sgn(g, gd, poly_gen(P, i), ud == NULL ? NULL : ud + i * d, d, v, nexact);
        pos |= (s > 0);
        neg |= (s < 0);
        zero |= (s == 0 && poly_gen_is_vertex(P, i));
    }
    fmpz_clear(v);
    if (pos && neg)
        return POLY_CUT;
    *strict = (pos || neg) && !zero;
    return pos ? 1 : (neg ? -1 : 0);
}

int
poly_vec_dot_sgn(const fmpz * g, const double * gd, const fmpz * u, const double * ud, slong d, fmpz_t v)
{
    return _poly_dot_sgn(g, gd, u, ud, d, v, NULL);
}

int
poly_gen_sgn(const poly_t P, const poly_dgens_t D, slong i, const fmpz * g, const double * gd, fmpz_t v)
{
    slong d = P->n + 1;
    const double * ud = (D != NULL && gd != NULL && D->ngens == P->ngens) ? D->g + i * d : NULL;
    return _poly_dot_sgn(g, gd, poly_gen(P, i), ud, d, v, NULL);
}

void
poly_gen_sgns(signed char * sg, slong * npos, slong * nneg, const poly_t P, const poly_dgens_t D, const fmpz * g,
              const double * gd)
{
    slong d = P->n + 1, p = 0, q = 0;
    const double * ud = (D != NULL && gd != NULL && D->ngens == P->ngens) ? D->g : NULL;
    fmpz_t v;
    fmpz_init(v);
    for (slong i = 0; i < P->ngens; i++)
    {
        int s = _poly_dot_sgn(g, gd, poly_gen(P, i), ud == NULL ? NULL : ud + i * d, d, v, NULL);
        sg[i] = (signed char) s;
        p += (s > 0);
        q += (s < 0);
    }
    fmpz_clear(v);
    *npos = p;
    *nneg = q;
}

int
poly_zero_set_filtered(bword * set, const poly_t P, const poly_dgens_t D, const fmpz * z, const double * zd)
{
    slong d = P->n + 1;
    fmpz_t v;
    fmpz_init(v);
    if (_poly_cuts_lineality(P, z, v))
    {
        fmpz_clear(v);
        return 0;
    }
    const double * ud = (D != NULL && zd != NULL && D->ngens == P->ngens) ? D->g : NULL;
    bs_zero(set, BS_WORDS(P->ngens));
    for (slong i = 0; i < P->ngens; i++)
        if (_poly_dot_sgn(z, zd, poly_gen(P, i), ud == NULL ? NULL : ud + i * d, d, v, NULL) == 0)
            bs_set(set, i);
    fmpz_clear(v);
    return 1;
}
