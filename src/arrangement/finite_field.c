/* The finite-field method (Crapo and Rota; Athanasiadis, "Characteristic
   polynomials of subspace arrangements and finite fields", Adv. Math. 122,
   1996, Thm 2.2): if the reduction of an integer arrangement modulo a prime
   q has the same intersection poset, chi(q) is the number of points of
   F_q^n on none of the hyperplanes.

   Good reduction, guaranteed: the configuration counted is the central one
   (the normals, or the cone with the hyperplane at infinity (1, 0, ..., 0)),
   projected onto its R pivot coordinates (injective on its row space, so the
   matroid is unchanged). Its intersection poset is the lattice of flats of
   the matroid of its rows, determined by which square minors vanish. By
   Hadamard, a k x k minor is at most the product of its k rows' norms, so at
   most B = the product of the R largest row norms (each >= 1). A prime
   q > B divides no nonzero minor: every rank, hence the poset, is the same
   mod q, and the count is chi(q) exactly. (Primes below B may be good too;
   they are not used, since that is not guaranteed.)

   Counting: a central arrangement's complement is a union of lines through
   0 minus 0, so chi_V(q) = (q - 1) P(q), P(q) the points of the projective
   space P^(R-1)(F_q) off the hyperplanes. Those points are x = (0, .., 0, 1,
   y) with the 1 at place p; for each p they are the y in F_q^(R-1-p) off the
   affine hyperplanes a_p + a'.y = 0. Each such count runs over all y but
   the last coordinate, and for each fibre the hyperplanes with a nonzero
   last coefficient forbid one value each: q minus the distinct forbidden
   values (or 0 if a hyperplane without the last coordinate vanishes). Cost
   about m q^(R-2) additions mod q. Then chi_A(t) = t^(N-R) chi_V(t) for a
   central A in R^N, and chi_A(t) = t^(N-R) P(t) for the cone in R^N of an
   affine A (chi_cone = (t - 1) chi_A). P has degree R - 1, so R primes
   determine it (Lagrange interpolation over Q). */
#include <string.h>
#include <time.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_poly.h>
#include <flint/ulong_extras.h>
#include "arrangement/arrangement.h"

void
arrangement_ff_init(arrangement_ff_t r)
{
    r->num = r->rank = 0;
    r->primes = NULL;
    r->values = NULL;
    r->determines = 0;
    r->work = r->seconds = 0;
    fmpz_init(r->bound2);
    fmpz_poly_init(r->chi);
}

void
arrangement_ff_clear(arrangement_ff_t r)
{
    flint_free(r->primes);
    if (r->values != NULL)
        _fmpz_vec_clear(r->values, r->num);
    fmpz_clear(r->bound2);
    fmpz_poly_clear(r->chi);
}

/* V <- the central configuration of A projected onto its pivot columns; *N its ambient dimension */
static void
ff_config(fmpz_mat_t V, slong * N, int * coned, const arrangement_t A)
{
    slong m = A->H->r, n = A->n, mm, len, R = 0;
    fmpz_mat_t W, E;
    fmpz_t den;
    slong * piv;

    *coned = 0;
    for (slong i = 0; i < m; i++)
        *coned |= !fmpz_is_zero(fmpz_mat_entry(A->H, i, 0));
    mm = m + *coned;
    len = n + *coned;
    *N = len;
    fmpz_mat_init(W, mm, len);
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < len; j++)
            fmpz_set(fmpz_mat_entry(W, i, j), fmpz_mat_entry(A->H, i, j + !*coned));
    if (*coned)
        fmpz_one(fmpz_mat_entry(W, m, 0));
    piv = flint_malloc((len + 1) * sizeof(slong));
    if (mm > 0 && len > 0)
    {
        fmpz_mat_init_set(E, W);
        fmpz_init(den);
        R = fmpz_mat_rref(E, den, E);
        for (slong r = 0, c = 0; r < R && c < len; c++)
            if (!fmpz_is_zero(fmpz_mat_entry(E, r, c)))
                piv[r++] = c;
        fmpz_clear(den);
        fmpz_mat_clear(E);
    }
    fmpz_mat_init(V, mm, R);
    for (slong i = 0; i < mm; i++)
        for (slong r = 0; r < R; r++)
            fmpz_set(fmpz_mat_entry(V, i, r), fmpz_mat_entry(W, i, piv[r]));
    flint_free(piv);
    fmpz_mat_clear(W);
}

/* b2 <- the square of the product of the R largest row norms of V */
static void
ff_hadamard_bound2(fmpz_t b2, const fmpz_mat_t V)
{
    slong m = V->r, R = V->c;
    fmpz * nrm = _fmpz_vec_init(FLINT_MAX(m, 1));
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < R; j++)
            fmpz_addmul(nrm + i, fmpz_mat_entry(V, i, j), fmpz_mat_entry(V, i, j));
    /* the R largest: R passes of a maximum (R <= m is small) */
    fmpz_one(b2);
    for (slong k = 0; k < R && k < m; k++)
    {
        slong best = k;
        for (slong i = k + 1; i < m; i++)
            if (fmpz_cmp(nrm + i, nrm + best) > 0)
                best = i;
        fmpz_swap(nrm + k, nrm + best);
        fmpz_mul(b2, b2, nrm + k);
    }
    _fmpz_vec_clear(nrm, FLINT_MAX(m, 1));
}

typedef struct
{
    slong m, d;
    ulong q;
    ulong * val;      /* (d + 1) x m: per level, each hyperplane's current value */
    ulong * step;     /* (d - 1) x m: the change of a value when coordinate j grows by 1 */
    int * solved;     /* m: the hyperplane has a nonzero last coefficient */
    ulong * mark;     /* q stamps of forbidden values */
    ulong stamp;
}
ff_fibres;

/* the points of one fibre (the first d - 1 coordinates fixed, values in v) */
static ulong
ff_fibre(ff_fibres * F, const ulong * v)
{
    ulong forbidden = 0;
    F->stamp++;
    for (slong i = 0; i < F->m; i++)
        if (!F->solved[i])
        {
            if (v[i] == 0)
                return 0;
        }
        else if (F->mark[v[i]] != F->stamp)
        {
            F->mark[v[i]] = F->stamp;
            forbidden++;
        }
    return F->q - forbidden;
}

/* sum over coordinates j.. of the fibres below level j */
static ulong
ff_fibres_sum(ff_fibres * F, slong j)
{
    slong m = F->m;
    ulong total = 0, * v = F->val + j * m, * w = F->val + (j + 1) * m;
    if (j == F->d - 1)
        return ff_fibre(F, v);
    memcpy(w, v, m * sizeof(ulong));
    for (ulong x = 0; x < F->q; x++)
    {
        total += ff_fibres_sum(F, j + 1);
        for (slong i = 0; i < m; i++)
        {
            w[i] += F->step[j * m + i];
            if (w[i] >= F->q)
                w[i] -= F->q;
        }
    }
    return total;
}

/* points y of F_q^d with b_i + a_i.y != 0 for all i; rows[i] = (b_i, a_i) mod q */
static ulong
ff_count_affine(const ulong * rows, slong m, slong d, ulong q, ulong * mark, ulong * stamp)
{
    ff_fibres F;
    ulong total, qinv = n_preinvert_limb(q);

    if (d == 0)
    {
        for (slong i = 0; i < m; i++)
            if (rows[i] == 0)
                return 0;
        return 1;
    }
    F.m = m;
    F.d = d;
    F.q = q;
    F.mark = mark;
    F.stamp = *stamp;
    F.val = flint_malloc((d + 1) * FLINT_MAX(m, 1) * sizeof(ulong));
    F.step = flint_malloc(FLINT_MAX(d - 1, 1) * FLINT_MAX(m, 1) * sizeof(ulong));
    F.solved = flint_malloc(FLINT_MAX(m, 1) * sizeof(int));
    for (slong i = 0; i < m; i++)
    {
        const ulong * r = rows + i * (d + 1);
        /* solved: forbidden last coordinate = c (b + a'.y) with c = -1/a_d */
        ulong c = 1;
        F.solved[i] = (r[d] != 0);
        if (F.solved[i])
            c = q - n_invmod(r[d], q);
        F.val[i] = n_mulmod2_preinv(c, r[0], q, qinv);
        for (slong j = 0; j + 1 < d; j++)
            F.step[j * m + i] = n_mulmod2_preinv(c, r[1 + j], q, qinv);
    }
    total = ff_fibres_sum(&F, 0);
    *stamp = F.stamp;
    flint_free(F.val);
    flint_free(F.step);
    flint_free(F.solved);
    return total;
}

/* P(q): the points of P^(R-1)(F_q) off the hyperplanes of V */
static ulong
ff_projective_count(const fmpz_mat_t V, ulong q)
{
    slong m = V->r, R = V->c;
    ulong total = 0, stamp = 0;
    ulong * rows = flint_malloc(FLINT_MAX(m * R, 1) * sizeof(ulong));
    ulong * mark = flint_calloc(q, sizeof(ulong));
    for (slong p = 0; p < R; p++)
    {
        slong d = R - 1 - p;
        for (slong i = 0; i < m; i++)
            for (slong j = 0; j <= d; j++)
                rows[i * (d + 1) + j] = fmpz_fdiv_ui(fmpz_mat_entry(V, i, p + j), q);
        total += ff_count_affine(rows, m, d, q, mark, &stamp);
    }
    flint_free(rows);
    flint_free(mark);
    return total;
}

/* about m (q^(R-2) + ... + 1) fibre steps, and q for the table of forbidden values */
static double
ff_cost(ulong q, slong m, slong R)
{
    double c = 0, p = 1;
    for (slong d = 1; d < R; d++, p *= (double) q)
        c += p;
    return (double) FLINT_MAX(m, 1) * (c + 1) + (double) q;
}

/* chi_A(q) from P(q) */
static void
ff_chi_value(fmpz_t v, ulong P, ulong q, slong N, slong R, int coned)
{
    fmpz_set_ui(v, P);
    if (!coned)
        fmpz_mul_ui(v, v, q - 1);
    for (slong k = R; k < N; k++)
        fmpz_mul_ui(v, v, q);
}

/* r->chi <- t^(N-R) (t-1 unless coned) P(t), P interpolated from the R values; 0 if not integral */
static int
ff_interpolate(arrangement_ff_t r, const ulong * Pv, slong N, int coned)
{
    slong R = r->rank;
    fmpz * x = _fmpz_vec_init(R), * y = _fmpz_vec_init(R);
    fmpq_poly_t P;
    fmpz_poly_t f;
    int ok;

    for (slong i = 0; i < R; i++)
    {
        fmpz_set_ui(x + i, r->primes[i]);
        fmpz_set_ui(y + i, Pv[i]);
    }
    fmpq_poly_init(P);
    fmpz_poly_init(f);
    fmpq_poly_interpolate_fmpz_vec(P, x, y, R);
    ok = fmpz_is_one(fmpq_poly_denref(P));
    fmpq_poly_get_numerator(r->chi, P);
    fmpz_poly_shift_left(r->chi, r->chi, N - R);
    if (!coned)
    {
        fmpz_poly_set_coeff_si(f, 1, 1);
        fmpz_poly_set_coeff_si(f, 0, -1);
        fmpz_poly_mul(r->chi, r->chi, f);
    }
    fmpz_poly_clear(f);
    fmpq_poly_clear(P);
    _fmpz_vec_clear(x, R);
    _fmpz_vec_clear(y, R);
    return ok;
}

slong
arrangement_charpoly_finite_field(arrangement_ff_t r, const arrangement_t A, double max_work)
{
    fmpz_mat_t V;
    slong N, R, m;
    int coned;
    ulong * Pv;
    fmpz_t s;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ff_config(V, &N, &coned, A);
    R = r->rank = V->c;
    m = V->r;
    ff_hadamard_bound2(r->bound2, V);
    fmpz_init(s);
    fmpz_sqrt(s, r->bound2);
    r->primes = flint_malloc(FLINT_MAX(R, 1) * sizeof(ulong));
    Pv = flint_malloc(FLINT_MAX(R, 1) * sizeof(ulong));
    /* q below 2^24: the table of forbidden values has q words */
    if (m > 0 && R > 0 && fmpz_cmp_ui(s, UWORD(1) << 24) < 0)
    {
        /* the next prime above floor(sqrt(B^2)) has q^2 > B^2 */
        ulong q = fmpz_get_ui(s);
        while (r->num < R)
        {
            q = n_nextprime(q, 1);
            if (q >= (UWORD(1) << 24) || r->work + ff_cost(q, m, R) > max_work)
                break;
            r->work += ff_cost(q, m, R);
            r->primes[r->num] = q;
            Pv[r->num++] = ff_projective_count(V, q);
        }
    }
    r->values = _fmpz_vec_init(FLINT_MAX(r->num, 1));
    for (slong i = 0; i < r->num; i++)
        ff_chi_value(r->values + i, Pv[i], r->primes[i], N, R, coned);
    if (r->num == R && R > 0)
        r->determines = ff_interpolate(r, Pv, N, coned);
    if (r->num == 0)
    {
        _fmpz_vec_clear(r->values, 1);
        r->values = NULL;
    }
    flint_free(Pv);
    fmpz_clear(s);
    fmpz_mat_clear(V);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    return r->num;
}
