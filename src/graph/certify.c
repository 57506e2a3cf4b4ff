/* The exact half of the sparse path (graph.h): the check of a float factor,
   the Rayleigh quotient, Temple's bound and the certified signs. Only fmpz /
   fmpq decide. */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "graph/graph.h"

/* Row i of R * q 2^(3s), R = P (A - sigma I) P' - L~ D~ L~' (graph.h), into
   acc at the touched positions tl[0..*nt). rp/rk/rv: the strictly lower
   part of L~ by rows. */
static void
_residual_row(fmpz * acc, slong * tl, slong * nt, char * touched, slong i, const splap_t A, const slong * perm,
              const slong * iperm, const slong * colp, const slong * row, const slong * lz, const slong * dz,
              const slong * rp, const slong * rk, const slong * rv, const fmpq_t sigma)
{
    slong s = FIEDLER_SCALE;
    fmpz_t t, u;
    fmpz_init(t);
    fmpz_init(u);
    *nt = 0;
    /* sum over k <= i of l_ik d_k l_jk, with l_kk = 2^s */
    for (slong a = rp[i]; a <= rp[i + 1]; a++)
    {
        slong k = a < rp[i + 1] ? rk[a] : i;
        fmpz_set_si(t, dz[k]);
        if (k != i)
            fmpz_mul_si(t, t, rv[a]);
        else
            fmpz_mul_2exp(t, t, s);
        for (slong b = colp[k] - 1; b < colp[k + 1]; b++)
        {
            slong j = b < colp[k] ? k : row[b];
            if (!touched[j])
                touched[j] = 1, tl[(*nt)++] = j, fmpz_zero(acc + j);
            if (j == k)
                fmpz_addmul_ui(acc + j, t, UWORD(1) << s);
            else
                fmpz_addmul_si(acc + j, t, lz[b]);
        }
    }
    /* acc := 2^(3s) (q A_ij - p [i = j]) - q acc */
    for (slong a = 0; a < *nt; a++)
        fmpz_mul(acc + tl[a], acc + tl[a], fmpq_denref(sigma)), fmpz_neg(acc + tl[a], acc + tl[a]);
    slong r = perm[i];
    for (slong p = A->rowp[r]; p <= A->rowp[r + 1]; p++)
    {
        slong j = p < A->rowp[r + 1] ? iperm[A->col[p]] : i, v = p < A->rowp[r + 1] ? A->val[p] : 0;
        if (!touched[j])
            touched[j] = 1, tl[(*nt)++] = j, fmpz_zero(acc + j);
        fmpz_mul_si(u, fmpq_denref(sigma), v);
        if (p == A->rowp[r + 1])
            fmpz_neg(u, fmpq_numref(sigma));
        fmpz_mul_2exp(u, u, 3 * s);
        fmpz_add(acc + j, acc + j, u);
    }
    fmpz_clear(t);
    fmpz_clear(u);
}

int
fiedler_check_factor(slong * neg, const splap_t A, const slong * perm, const slong * colp, const slong * row,
                     const slong * lz, const slong * dz, const fmpq_t sigma)
{
    slong n = A->n, nnz = colp[n];
    slong * iperm = flint_malloc((n + 1) * sizeof(slong)), * rp = flint_calloc(n + 2, sizeof(slong));
    slong * rk = flint_malloc((nnz + 1) * sizeof(slong)), * rv = flint_malloc((nnz + 1) * sizeof(slong));
    slong * tl = flint_malloc((n + 1) * sizeof(slong)), nt;
    char * touched = flint_calloc(n + 1, 1);
    fmpz * acc = _fmpz_vec_init(n + 1);
    fmpz_t off;
    fmpz_init(off);
    for (slong k = 0; k < n; k++)
        iperm[perm[k]] = k;
    for (slong p = 0; p < nnz; p++)
        rp[row[p] + 1]++;
    for (slong i = 0; i < n; i++)
        rp[i + 1] += rp[i];
    for (slong k = 0; k < n; k++)      /* by rows, columns increasing */
        for (slong p = colp[k]; p < colp[k + 1]; p++)
        {
            slong i = row[p];
            rk[rp[i]] = k, rv[rp[i]++] = lz[p];
        }
    for (slong i = n; i > 0; i--)
        rp[i] = rp[i - 1];
    rp[0] = 0;
    *neg = 0;
    for (slong i = 0; i < n; i++)
        *neg += dz[i] < 0;
    int ok = 1;
    for (slong i = 0; i < n && ok; i++)
    {
        _residual_row(acc, tl, &nt, touched, i, A, perm, iperm, colp, row, lz, dz, rp, rk, rv, sigma);
        fmpz_zero(off);
        for (slong a = 0; a < nt; a++)
        {
            touched[tl[a]] = 0;
            if (tl[a] != i)
            {
                if (fmpz_sgn(acc + tl[a]) < 0)
                    fmpz_sub(off, off, acc + tl[a]);
                else
                    fmpz_add(off, off, acc + tl[a]);
            }
        }
        ok = fmpz_cmp(acc + i, off) >= 0;
    }
    fmpz_clear(off);
    _fmpz_vec_clear(acc, n + 1);
    flint_free(iperm); flint_free(rp); flint_free(rk); flint_free(rv); flint_free(tl); flint_free(touched);
    return ok;
}

/* a = v'v, b = v'Lv, c = |Lv|^2 */
static void
_quadratic_forms(fmpz_t a, fmpz_t b, fmpz_t c, const splap_t A, const fmpz * v)
{
    fmpz_t w;
    fmpz_init(w);
    fmpz_zero(a); fmpz_zero(b); fmpz_zero(c);
    for (slong i = 0; i < A->n; i++)
    {
        fmpz_zero(w);
        for (slong p = A->rowp[i]; p < A->rowp[i + 1]; p++)
            fmpz_addmul_si(w, v + A->col[p], A->val[p]);
        fmpz_addmul(a, v + i, v + i);
        fmpz_addmul(b, v + i, w);
        fmpz_addmul(c, w, w);
    }
    fmpz_clear(w);
}

void
fiedler_bounds(fiedler_t Fd, const splap_t A)
{
    slong n = A->n;
    fmpz_t a, b, c, e, g, t;
    fmpq_t rho, tb;
    fmpz_init(a); fmpz_init(b); fmpz_init(c); fmpz_init(e); fmpz_init(g); fmpz_init(t);
    fmpq_init(rho); fmpq_init(tb);
    _quadratic_forms(a, b, c, A, Fd->v);
    fmpq_set_fmpz_frac(rho, b, a);
    /* e = a c - b^2 = a^2 |r|^2 / |v|^2 ... in units: |Lv - rho v|^2 = e / a */
    fmpz_mul(e, a, c);
    fmpz_submul(e, b, b);
    fmpq_set(Fd->hi, rho);
    fmpq_set(Fd->lo, Fd->sigma[0]);
    Fd->simple = Fd->certified[0] && Fd->certified[1] && fmpq_cmp(rho, Fd->sigma[1]) < 0;
    memset(Fd->partition, '?', n);
    Fd->partition[n] = '\0';
    if (Fd->simple)
    {
        /* Temple: rho - (e / a^2) / (sigma_hi - rho) */
        fmpq_sub(tb, Fd->sigma[1], rho);
        fmpq_mul_fmpz(tb, tb, a);
        fmpq_mul_fmpz(tb, tb, a);
        fmpq_inv(tb, tb);
        fmpq_mul_fmpz(tb, tb, e);
        fmpq_sub(tb, rho, tb);
        if (fmpq_cmp(tb, Fd->lo) > 0)
            fmpq_set(Fd->lo, tb);
        /* v_i^2 (p a - q b)^2 > 2 q^2 a e  <=>  |v_i|/|v| > sqrt(2) e' / gap */
        const fmpz * p = fmpq_numref(Fd->sigma[1]), * q = fmpq_denref(Fd->sigma[1]);
        fmpz_mul(g, p, a);
        fmpz_submul(g, q, b);
        fmpz_mul(g, g, g);
        fmpz_mul(t, q, q);
        fmpz_mul(t, t, a);
        fmpz_mul(t, t, e);
        fmpz_mul_2exp(t, t, 1);
        int flip = 0, first = 1;
        fmpz_t x;
        fmpz_init(x);
        for (slong i = 0; i < n; i++)
        {
            fmpz_mul(x, Fd->v + i, Fd->v + i);
            fmpz_mul(x, x, g);
            if (fmpz_cmp(x, t) <= 0)
                continue;
            int s = fmpz_sgn(Fd->v + i);
            if (first)
                flip = s < 0, first = 0;
            Fd->partition[i] = (s > 0) != flip ? '+' : '-';
        }
        fmpz_clear(x);
    }
    fmpz_clear(a); fmpz_clear(b); fmpz_clear(c); fmpz_clear(e); fmpz_clear(g); fmpz_clear(t);
    fmpq_clear(rho); fmpq_clear(tb);
}
