/* The pre-activation rows of the hidden layers in integers (net.h,
   net_rows_struct), for the region search: the same affine maps as
   net_layer_rows, without rational arithmetic.

   Why a fixed denominator per neuron works: layer 0's row of neuron m is
   (b_m | W_m), which is z_m / D_m with D_m the lcm of its denominators. If
   every row of the layers before j is z_k / D_k with D_k not depending on the
   pattern, then row r of layer j on a pattern is
       b_r + sum over sources, over active k, of W[r,k] z_k / D_k
   (the input, a source of shortcuts, has rows e_i and D = 1), so D_r = lcm of
   the denominators of b_r and of every W[r,k] / D_k does not depend on the
   pattern either, and D_r times the row is the integer combination
       B_r e_0 + sum C[r,k] z_k,  B_r = D_r b_r,  C[r,k] = D_r W[r,k] / D_k.
   The coefficients are found once per network; a layer's rows then cost one
   integer multiply-add per active source neuron and coordinate (fmpq's
   canonicalisation, a gcd per operation, was 10% of a 4D search). */
#include <flint/fmpz_vec.h>
#include "net/net.h"

/* The coefficient matrix of one source of layer j (W or a shortcut's S, from
   `from`) into R->C[j][s], and their denominators into the lcm row D. */
static void
_rows_lcm_source(fmpz * lcm, const net_rows_struct * R, const fmpq_mat_t W, slong from)
{
    fmpq_t q;
    fmpq_init(q);
    for (slong r = 0; r < W->r; r++)
        for (slong k = 0; k < W->c; k++)
        {
            if (fmpq_is_zero(fmpq_mat_entry(W, r, k)))
                continue;
            fmpq_set(q, fmpq_mat_entry(W, r, k));
            if (from >= 0)
                fmpq_div_fmpz(q, q, R->D + R->first[from] + k);
            fmpz_lcm(lcm + r, lcm + r, fmpq_denref(q));
        }
    fmpq_clear(q);
}

static void
_rows_set_source(fmpz * C, const net_rows_struct * R, const fmpz * D, const fmpq_mat_t W, slong from)
{
    fmpq_t q;
    fmpq_init(q);
    for (slong r = 0; r < W->r; r++)
        for (slong k = 0; k < W->c; k++)
        {
            fmpq_mul_fmpz(q, fmpq_mat_entry(W, r, k), D + r);
            if (from >= 0)
                fmpq_div_fmpz(q, q, R->D + R->first[from] + k);
            fmpz_set(C + r * W->c + k, fmpq_numref(q));   /* an integer by the choice of D */
        }
    fmpq_clear(q);
}

void
net_rows_init(net_rows_t R, const net_t net)
{
    slong L = net->nlayers - 1, d = net->input_dim + 1;
    R->n = net->input_dim;
    R->L = L;
    R->first = flint_malloc((L + 1) * sizeof(slong));
    R->first[0] = 0;
    for (slong j = 0; j < L; j++)
        R->first[j + 1] = R->first[j] + net->layers[j].W->r;
    slong N = R->first[L];
    R->D = _fmpz_vec_init(FLINT_MAX(N, 1));
    R->B = _fmpz_vec_init(FLINT_MAX(N, 1));
    R->z0 = _fmpz_vec_init(FLINT_MAX(L > 0 ? R->first[1] : 0, 1) * d);
    R->nsrc = flint_calloc(FLINT_MAX(L, 1), sizeof(slong));
    R->from = flint_calloc(FLINT_MAX(L, 1), sizeof(slong *));
    R->C = flint_calloc(FLINT_MAX(L, 1), sizeof(fmpz *));
    R->net = net;
    for (slong j = 0; j < L; j++)
    {
        const net_layer_struct * Lj = net->layers + j;
        fmpz * D = R->D + R->first[j];
        slong w = Lj->W->r;
        for (slong r = 0; r < w; r++)
        {
            fmpz_one(D + r);
            fmpz_lcm(D + r, D + r, fmpq_denref(Lj->b + r));
        }
        if (j == 0)
        {
            _rows_lcm_source(D, R, Lj->W, -1);
            for (slong r = 0; r < w; r++)
            {
                fmpz * z = R->z0 + r * d;
                fmpz_mul(z, fmpq_numref(Lj->b + r), D + r);
                fmpz_divexact(z, z, fmpq_denref(Lj->b + r));
                for (slong i = 0; i < R->n; i++)
                {
                    const fmpq * a = fmpq_mat_entry(Lj->W, r, i);
                    fmpz_mul(z + 1 + i, fmpq_numref(a), D + r);
                    fmpz_divexact(z + 1 + i, z + 1 + i, fmpq_denref(a));
                }
            }
            continue;
        }
        /* sources: layer j - 1 through W, then the shortcuts */
        slong ns = 1 + Lj->nshortcuts, len = 0;
        R->nsrc[j] = ns;
        R->from[j] = flint_malloc(ns * sizeof(slong));
        slong * off = flint_malloc((ns + 1) * sizeof(slong));
        for (slong s = 0; s < ns; s++)
        {
            const fmpq_mat_struct * W = s == 0 ? Lj->W : Lj->shortcuts[s - 1].S;
            R->from[j][s] = s == 0 ? j - 1 : Lj->shortcuts[s - 1].from;
            _rows_lcm_source(D, R, W, R->from[j][s]);
            off[s] = len;
            len += w * W->c;
        }
        R->C[j] = _fmpz_vec_init(FLINT_MAX(len, 1));
        for (slong s = 0; s < ns; s++)
        {
            const fmpq_mat_struct * W = s == 0 ? Lj->W : Lj->shortcuts[s - 1].S;
            _rows_set_source(R->C[j] + off[s], R, D, W, R->from[j][s]);
        }
        for (slong r = 0; r < w; r++)
        {
            fmpz_mul(R->B + R->first[j] + r, fmpq_numref(Lj->b + r), D + r);
            fmpz_divexact(R->B + R->first[j] + r, R->B + R->first[j] + r, fmpq_denref(Lj->b + r));
        }
        flint_free(off);
    }
}

/* Entries of layer j's coefficient matrices (all sources). */
static slong
_rows_clen(const net_rows_struct * R, slong j)
{
    const net_layer_struct * Lj = R->net->layers + j;
    slong len = Lj->W->r * Lj->W->c;
    for (slong s = 0; s < Lj->nshortcuts; s++)
        len += Lj->shortcuts[s].S->r * Lj->shortcuts[s].S->c;
    return len;
}

void
net_rows_clear(net_rows_t R)
{
    slong N = R->first[R->L], d = R->n + 1;
    for (slong j = 1; j < R->L; j++)
    {
        _fmpz_vec_clear(R->C[j], FLINT_MAX(_rows_clen(R, j), 1));
        flint_free(R->from[j]);
    }
    _fmpz_vec_clear(R->z0, FLINT_MAX(R->L > 0 ? R->first[1] : 0, 1) * d);
    _fmpz_vec_clear(R->D, FLINT_MAX(N, 1));
    _fmpz_vec_clear(R->B, FLINT_MAX(N, 1));
    flint_free(R->C);
    flint_free(R->from);
    flint_free(R->nsrc);
    flint_free(R->first);
}

void
net_rows_layer(fmpz * z, const net_rows_t R, slong j, const unsigned char * active)
{
    slong d = R->n + 1, w = R->first[j + 1] - R->first[j];
    fmpz * zj = z + R->first[j] * d;
    if (j == 0)
    {
        _fmpz_vec_set(zj, R->z0, w * d);
        return;
    }
    _fmpz_vec_zero(zj, w * d);
    for (slong r = 0; r < w; r++)
        fmpz_set(zj + r * d, R->B + R->first[j] + r);
    const fmpz * C = R->C[j];
    for (slong s = 0; s < R->nsrc[j]; s++)
    {
        slong from = R->from[j][s], ws = from < 0 ? R->n : R->first[from + 1] - R->first[from];
        for (slong r = 0; r < w; r++)
        {
            fmpz * o = zj + r * d;
            const fmpz * c = C + r * ws;
            if (from < 0)
            {
                for (slong i = 0; i < ws; i++)
                    fmpz_add(o + 1 + i, o + 1 + i, c + i);
                continue;
            }
            for (slong k = 0; k < ws; k++)
                if (active[R->first[from] + k] && !fmpz_is_zero(c + k))
                    _fmpz_vec_scalar_addmul_fmpz(o, z + (R->first[from] + k) * d, d, c + k);
        }
        C += w * ws;
    }
}
