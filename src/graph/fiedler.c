/* The float half of the sparse path (graph.h): shift-invert Lanczos for the
   Fiedler pair, inverse iteration, the float factors proposed for the exact
   inertia checks of certify.c. Floats only propose; certify.c decides. */
#include <math.h>
#include <string.h>
#include <flint/fmpz_vec.h>
#include "graph/graph.h"

#define LANCZOS_MAX 120

void
fiedler_init(fiedler_t Fd)
{
    memset(Fd, 0, sizeof(fiedler_struct));
    for (int s = 0; s < 2; s++)
        fmpq_init(Fd->sigma[s]);
    fmpq_init(Fd->lo);
    fmpq_init(Fd->hi);
}

void
fiedler_clear(fiedler_t Fd)
{
    if (Fd->v)
        _fmpz_vec_clear(Fd->v, Fd->n);
    for (int s = 0; s < 2; s++)
    {
        fmpq_clear(Fd->sigma[s]);
        flint_free(Fd->lz[s]);
        flint_free(Fd->dz[s]);
    }
    flint_free(Fd->perm);
    flint_free(Fd->colp);
    flint_free(Fd->row);
    flint_free(Fd->partition);
    fmpq_clear(Fd->lo);
    fmpq_clear(Fd->hi);
}

/* x := x - mean(x): the projection on 1-perp */
static void
_project(double * x, slong n)
{
    double s = 0;
    for (slong i = 0; i < n; i++)
        s += x[i];
    s /= n;
    for (slong i = 0; i < n; i++)
        x[i] -= s;
}

static double
_dot(const double * x, const double * y, slong n)
{
    double s = 0;
    for (slong i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

/* Cyclic Jacobi on the symmetric m x m matrix T (destroyed): eigenvalues on
   its diagonal, eigenvectors in the columns of V. */
static void
_jacobi(double * T, double * V, slong m)
{
    for (slong i = 0; i < m * m; i++)
        V[i] = (i % (m + 1)) == 0;
    for (int sweep = 0; sweep < 60; sweep++)
    {
        double off = 0, tot = 0;
        for (slong i = 0; i < m; i++)
            for (slong j = 0; j < m; j++)
                *(i == j ? &tot : &off) += T[i * m + j] * T[i * m + j];
        if (off <= 1e-30 * tot)
            break;
        for (slong p = 0; p < m; p++)
            for (slong q = p + 1; q < m; q++)
            {
                double apq = T[p * m + q];
                if (apq == 0)
                    continue;
                double th = (T[q * m + q] - T[p * m + p]) / (2 * apq);
                double t = (th >= 0 ? 1 : -1) / (fabs(th) + sqrt(th * th + 1)), c = 1 / sqrt(t * t + 1), s = t * c;
                for (slong k = 0; k < m; k++)
                {
                    double akp = T[k * m + p], akq = T[k * m + q];
                    T[k * m + p] = c * akp - s * akq, T[k * m + q] = s * akp + c * akq;
                }
                for (slong k = 0; k < m; k++)
                {
                    double apk = T[p * m + k], aqk = T[q * m + k];
                    T[p * m + k] = c * apk - s * aqk, T[q * m + k] = s * apk + c * aqk;
                }
                for (slong k = 0; k < m; k++)
                {
                    double vkp = V[k * m + p], vkq = V[k * m + q];
                    V[k * m + p] = c * vkp - s * vkq, V[k * m + q] = s * vkp + c * vkq;
                }
            }
    }
}

/* Lanczos (full reorthogonalisation) for x -> P F^{-1} P x, F = L + delta I:
   the two largest Ritz values 1/(lambda + delta) give lam[0] ~ lambda_2 and
   lam[1] ~ lambda_3, x ~ the Fiedler vector. Fixed start vector. */

/* The Ritz values of the Lanczos tridiagonal (al, be) of size m: T becomes
   diagonal (Jacobi, eigenvectors in V) and top gets the indices of its two
   largest diagonal entries (-1 where there are fewer). The convergence test
   and the result read the same pairs. */
static void
_ritz_top2(slong * top, double * T, double * V, const double * al, const double * be, slong m)
{
    for (slong i = 0; i < m * m; i++)
        T[i] = 0;
    for (slong i = 0; i < m; i++)
    {
        T[i * m + i] = al[i];
        if (i + 1 < m)
            T[i * m + i + 1] = T[(i + 1) * m + i] = be[i];
    }
    _jacobi(T, V, m);
    top[0] = top[1] = -1;
    for (slong i = 0; i < m; i++)
        if (top[0] < 0 || T[i * m + i] > T[top[0] * m + top[0]])
            top[1] = top[0], top[0] = i;
        else if (top[1] < 0 || T[i * m + i] > T[top[1] * m + top[1]])
            top[1] = i;
}

static void
_lanczos(double * lam, double * x, const ldl_t F, double delta, slong n)
{
    slong mmax = FLINT_MIN(LANCZOS_MAX, n - 1), m = 0;
    double * Q = flint_malloc(mmax * n * sizeof(double)), * w = flint_malloc(n * sizeof(double));
    double * work = flint_malloc(n * sizeof(double)), * al = flint_calloc(mmax + 1, sizeof(double));
    double * be = flint_calloc(mmax + 1, sizeof(double)), * T = flint_malloc(mmax * mmax * sizeof(double));
    double * V = flint_malloc(mmax * mmax * sizeof(double));
    slong top[2] = { 0, 0 };
    ulong seed = 12345;
    for (slong i = 0; i < n; i++)
    {
        seed = seed * UWORD(6364136223846793005) + UWORD(1442695040888963407);
        w[i] = (double) (seed >> 11) / 9007199254740992.0 - 0.5;
    }
    for (;;)
    {
        _project(w, n);
        for (int pass = 0; pass < 2; pass++)
            for (slong j = 0; j < m; j++)
            {
                double h = _dot(w, Q + j * n, n);
                for (slong i = 0; i < n; i++)
                    w[i] -= h * Q[j * n + i];
            }
        double nw = sqrt(_dot(w, w, n));
        if (m > 0)
            be[m - 1] = nw;
        int stop = m == mmax || nw == 0;
        if (!stop && m >= 2 && (m % 8 == 0))
        {
            /* converged when the residual estimates of the two largest Ritz pairs are tiny */
            _ritz_top2(top, T, V, al, be, m);
            stop = fabs(nw * V[(m - 1) * m + top[0]]) < 1e-13 * T[top[0] * m + top[0]]
                   && fabs(nw * V[(m - 1) * m + top[1]]) < 1e-8 * T[top[1] * m + top[1]];
        }
        if (stop)
            break;
        for (slong i = 0; i < n; i++)
            Q[m * n + i] = w[i] / nw;
        memcpy(w, Q + m * n, n * sizeof(double));
        ldl_solve(F, w, work);
        _project(w, n);
        al[m] = _dot(w, Q + m * n, n);
        m++;
    }
    _ritz_top2(top, T, V, al, be, m);
    for (int k = 0; k < 2; k++)
        lam[k] = top[k] < 0 ? HUGE_VAL : 1 / T[top[k] * m + top[k]] - delta;
    for (slong i = 0; i < n; i++)
        x[i] = 0;
    for (slong j = 0; j < m && top[0] >= 0; j++)
        for (slong i = 0; i < n; i++)
            x[i] += V[j * m + top[0]] * Q[j * n + i];
    flint_free(Q); flint_free(w); flint_free(work); flint_free(al); flint_free(be); flint_free(T); flint_free(V);
}

/* sigma := a dyadic rational (denominator 2^40) near x, rounded towards `dir` */
static void
_dyadic(fmpq_t sigma, double x, int dir)
{
    double y = ldexp(x, 40);
    fmpz_set_d(fmpq_numref(sigma), dir < 0 ? floor(y) : ceil(y));
    fmpz_one(fmpq_denref(sigma));
    fmpz_mul_2exp(fmpq_denref(sigma), fmpq_denref(sigma), 40);
    fmpq_canonicalise(sigma);
}

/* Factor L - (sigma + c) I in floats, round to 2^-52 Z, check exactly that
   it proves want negatives (graph.h). Tries growing c below `room`. */
static int
_prove_sigma(fiedler_t Fd, int s, ldl_t F, const splap_t A, double room, slong want)
{
    slong n = A->n, nnz = F->colp[n];
    double sig = fmpq_get_d(Fd->sigma[s]);
    for (double c = FLINT_MIN(ldexp(1.0, -36), room / 64); c < room / 4; c *= 8)
    {
        if (ldl_factor(F, A, sig + c) != want)
            continue;
        int fits = 1;
        for (slong p = 0; p < nnz && fits; p++)
            fits = fabs(F->lx[p]) < 1024;
        for (slong k = 0; k < n && fits; k++)
            fits = fabs(F->d[k]) < 1024;
        if (!fits)
            continue;
        for (slong p = 0; p < nnz; p++)
            Fd->lz[s][p] = (slong) llround(ldexp(F->lx[p], FIEDLER_SCALE));
        for (slong k = 0; k < n; k++)
            Fd->dz[s][k] = (slong) llround(ldexp(F->d[k], FIEDLER_SCALE));
        slong neg;
        if (fiedler_check_factor(&neg, A, F->perm, F->colp, F->row, Fd->lz[s], Fd->dz[s], Fd->sigma[s])
            && neg == want)
        {
            Fd->neg[s] = want;
            return Fd->certified[s] = 1;
        }
    }
    return 0;
}

/* The integer vector: x scaled to 2^52 max-norm, rounded, sum made 0 */
static void
_integer_vector(fmpz * v, const double * x, slong n)
{
    double mx = 0;
    slong imax = 0;
    for (slong i = 0; i < n; i++)
        if (fabs(x[i]) > mx)
            mx = fabs(x[i]), imax = i;
    fmpz_t s;
    fmpz_init(s);
    for (slong i = 0; i < n; i++)
    {
        fmpz_set_si(v + i, mx > 0 ? (slong) llround(ldexp(x[i] / mx, 52)) : (i == 0) - (i == 1));
        fmpz_add(s, s, v + i);
    }
    fmpz_sub(v + imax, v + imax, s);
    fmpz_clear(s);
}

int
fiedler_compute(fiedler_t Fd, const splap_t A, FILE * progress, rc_error_t err)
{
    slong n = A->n;
    ldl_t F;
    double lam[2], delta = ldexp(1.0, -27);
    double * x = flint_malloc(n * sizeof(double)), * work = flint_malloc(n * sizeof(double));
    Fd->n = n;
    Fd->v = _fmpz_vec_init(n);
    Fd->partition = flint_malloc(n + 1);
    ldl_init(F, A);
    if (progress)
        fprintf(progress, "dualgraph: %ld nodes, minimum degree order: %ld entries in L\n", (long) n,
                (long) F->colp[n]);
    for (int s = 0; s < 2; s++)
        Fd->lz[s] = flint_calloc(F->colp[n] + 1, sizeof(slong)), Fd->dz[s] = flint_calloc(n + 1, sizeof(slong));
    Fd->perm = flint_malloc(n * sizeof(slong));
    Fd->colp = flint_malloc((n + 1) * sizeof(slong));
    Fd->row = flint_malloc((F->colp[n] + 1) * sizeof(slong));
    memcpy(Fd->perm, F->perm, n * sizeof(slong));
    memcpy(Fd->colp, F->colp, (n + 1) * sizeof(slong));
    int status = RELU_OK;
    if (ldl_factor(F, A, -delta) != 0)
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: L + delta I is not positive definite");
    if (status == RELU_OK)
    {
        _lanczos(lam, x, F, delta, n);
        if (progress)
            fprintf(progress, "dualgraph: Lanczos: lambda_2 ~ %.17g, lambda_3 ~ %.17g\n", lam[0], lam[1]);
        if (!(lam[0] > 0) || !isfinite(lam[0]))
            status = rc_error_set(err, RELU_E_INTERNAL, "could not certify the Laplacian spectrum");
    }
    if (status == RELU_OK)
    {
        /* a sigma near an eigenvalue of a leading principal submatrix makes a
           tiny pivot and large entries: then further down (only the bound of a
           multiple lambda_2 depends on sigma_lo; Temple's does not) */
        static const double f[5] = { 0x1p-16, 0x1p-10, 0x1p-5, 0.25, 0.5 };
        for (int t = 0; t < 5 && !Fd->certified[0]; t++)
        {
            _dyadic(Fd->sigma[0], lam[0] * (1 - f[t]), -1);
            _prove_sigma(Fd, 0, F, A, lam[0] - fmpq_get_d(Fd->sigma[0]), 1);
        }
        if (!Fd->certified[0])
            status = rc_error_set(err, RELU_E_INTERNAL, "could not certify the Laplacian spectrum");
    }
    if (status == RELU_OK)
    {
        /* inverse iteration with L - sigma_lo I (its factor is still in F) */
        for (int it = 0; it < 3; it++)
        {
            _project(x, n);
            ldl_solve(F, x, work);
            _project(x, n);
            double nx = sqrt(_dot(x, x, n));
            for (slong i = 0; i < n; i++)
                x[i] /= nx;
        }
        memcpy(Fd->row, F->row, (F->colp[n] + 1) * sizeof(slong));
        _integer_vector(Fd->v, x, n);
        static const double f[5] = { 0.5, 0.25, 0.75, 0.375, 0.625 };
        for (int t = 0; t < 5 && !Fd->certified[1] && lam[1] > lam[0] && isfinite(lam[1]); t++)
        {
            _dyadic(Fd->sigma[1], lam[0] + f[t] * (lam[1] - lam[0]), 1);
            double sg = fmpq_get_d(Fd->sigma[1]);
            _prove_sigma(Fd, 1, F, A, FLINT_MIN(sg - lam[0], lam[1] - sg), 2);
        }
        fiedler_bounds(Fd, A);
        if (progress)
            fprintf(progress, "dualgraph: inertia at sigma_lo %s, at sigma_hi %s\n",
                    Fd->certified[0] ? "proved" : "not proved", Fd->certified[1] ? "proved" : "not proved");
    }
    ldl_clear(F);
    flint_free(x);
    flint_free(work);
    return status;
}
