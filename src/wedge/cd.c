/* The float reference: cyclic coordinate descent for the lasso in double
   (Friedman, Hastie, Tibshirani 2010), the way the problem is usually solved.
   It is a comparison only: its result is converted exactly to rationals and
   judged by the exact objective and KKT check, never trusted. */
#include <math.h>
#include "wedge/convex.h"

void
wedge_fmpq_set_double(fmpq_t r, double x)
{
    int ex;
    double m = frexp(x, &ex);                 /* x = m 2^ex, |m| in [1/2, 1) or 0 */
    fmpz_t N, D;
    fmpz_init(N); fmpz_init(D);
    fmpz_set_d(N, ldexp(m, 53));              /* exact: an integer below 2^53 */
    fmpz_one(D);
    if (ex - 53 >= 0) fmpz_mul_2exp(N, N, ex - 53); else fmpz_mul_2exp(D, D, 53 - ex);
    fmpq_set_fmpz_frac(r, N, D);
    fmpz_clear(N); fmpz_clear(D);
}

static double
_soft(double z, double t)
{
    return z > t ? z - t : (z < -t ? z + t : 0.0);
}

void
wedge_lasso_cd(fmpq * c, slong * sweeps, const fmpq_mat_t A, const fmpq * y, const fmpq_t lambda,
               double tol, slong max_sweeps)
{
    slong n = A->r, p = A->c, s;
    double * a = flint_malloc(FLINT_MAX(n * p, 1) * sizeof(double));   /* column-major */
    double * res = flint_malloc(n * sizeof(double)), * x = flint_calloc(FLINT_MAX(p, 1), sizeof(double));
    double * nrm = flint_malloc(FLINT_MAX(p, 1) * sizeof(double));
    double lam = fmpq_get_d(lambda);
    for (slong j = 0; j < p; j++)
    {
        nrm[j] = 0.0;
        for (slong i = 0; i < n; i++)
        {
            a[j * n + i] = fmpq_get_d(fmpq_mat_entry(A, i, j));
            nrm[j] += a[j * n + i] * a[j * n + i];
        }
    }
    for (slong i = 0; i < n; i++)
        res[i] = fmpq_get_d(y + i);             /* residual y - A x with x = 0 */
    for (s = 0; s < max_sweeps; s++)
    {
        double change = 0.0, big = 0.0;
        for (slong j = 0; j < p; j++)
        {
            if (nrm[j] == 0.0)
                continue;
            double z = 0.0;
            for (slong i = 0; i < n; i++)
                z += a[j * n + i] * res[i];
            double xn = _soft(z + nrm[j] * x[j], lam) / nrm[j], dx = xn - x[j];
            if (dx != 0.0)
                for (slong i = 0; i < n; i++)
                    res[i] -= a[j * n + i] * dx;
            x[j] = xn;
            change = fmax(change, fabs(dx));
            big = fmax(big, fabs(xn));
        }
        if (change <= tol * fmax(big, 1e-300))
        {
            s++;
            break;
        }
    }
    *sweeps = s;
    for (slong j = 0; j < p; j++)
        wedge_fmpq_set_double(c + j, x[j]);
    flint_free(a); flint_free(res); flint_free(x); flint_free(nrm);
}
