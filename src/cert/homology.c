/* Homology certificates (see cert.h): the cells of a sub-, super- or level
   set with a relative-interior point each, the boundary matrices d_k, and for
   every d_k unimodular U, V (with their inverses) such that U d_k V is the
   Smith normal form. relucert-check multiplies instead of eliminating: from
   U U^-1 = I, V V^-1 = I, U d_k V = diag(s_1..s_r, 0..) it reads off the ranks
   and the invariant factors, hence every Betti number and torsion group
   (proofs/CHECKER.md, "Homology certificates"). */
#include <stdlib.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "relucert.h"
#include "cert/cert.h"

/* ---- Smith normal form with transforms -------------------------------------- */
/* A is reduced in place to D = U A0 V; every elementary operation is applied to
   U and V and, inverted, to Ui = U^-1 and Vi = V^-1. */
typedef struct
{
    fmpz_mat_struct * A, * U, * Ui, * V, * Vi;
}
smith_ctx;

/* row i += q row j (i != j): U' = E U, U'^-1 = U^-1 E^-1 (column j -= q column i) */
static void
_row_addmul(smith_ctx * S, slong i, slong j, const fmpz_t q)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->A, i, c), q, fmpz_mat_entry(S->A, j, c));
    for (slong c = 0; c < S->U->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->U, i, c), q, fmpz_mat_entry(S->U, j, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_submul(fmpz_mat_entry(S->Ui, r, j), q, fmpz_mat_entry(S->Ui, r, i));
}

/* column j += q column i (i != j): V' = V F, V'^-1 = F^-1 V^-1 (row i -= q row j) */
static void
_col_addmul(smith_ctx * S, slong j, slong i, const fmpz_t q)
{
    for (slong r = 0; r < S->A->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->A, r, j), q, fmpz_mat_entry(S->A, r, i));
    for (slong r = 0; r < S->V->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->V, r, j), q, fmpz_mat_entry(S->V, r, i));
    for (slong c = 0; c < S->Vi->c; c++)
        fmpz_submul(fmpz_mat_entry(S->Vi, i, c), q, fmpz_mat_entry(S->Vi, j, c));
}

static void
_swap_cols(fmpz_mat_t M, slong i, slong j)
{
    for (slong r = 0; r < M->r; r++)
        fmpz_swap(fmpz_mat_entry(M, r, i), fmpz_mat_entry(M, r, j));
}

static void
_row_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    fmpz_mat_swap_rows(S->A, NULL, i, j);
    fmpz_mat_swap_rows(S->U, NULL, i, j);
    _swap_cols(S->Ui, i, j);
}

static void
_col_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    _swap_cols(S->A, i, j);
    _swap_cols(S->V, i, j);
    fmpz_mat_swap_rows(S->Vi, NULL, i, j);
}

/* row i *= -1: its own inverse, on U's row and U^-1's column */
static void
_row_neg(smith_ctx * S, slong i)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_neg(fmpz_mat_entry(S->A, i, c), fmpz_mat_entry(S->A, i, c));
    for (slong c = 0; c < S->U->c; c++)
        fmpz_neg(fmpz_mat_entry(S->U, i, c), fmpz_mat_entry(S->U, i, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_neg(fmpz_mat_entry(S->Ui, r, i), fmpz_mat_entry(S->Ui, r, i));
}

/* Reduces S->A (U, Ui, V, Vi start as identities) to Smith form: s_1 | s_2 |
   ... | s_r > 0 on the diagonal, zero elsewhere. Returns r. The pivot is the
   entry of least absolute value (a unit, for the boundary matrices met here,
   ends the search at once); a pivot that does not divide the rest of the block
   takes in the row that holds the remainder, so its absolute value decreases. */
slong
cert_smith_transform(fmpz_mat_t A, fmpz_mat_t U, fmpz_mat_t Ui, fmpz_mat_t V, fmpz_mat_t Vi)
{
    smith_ctx S = { A, U, Ui, V, Vi };
    slong m = A->r, n = A->c, t;
    fmpz_t q;
    fmpz_init(q);
    fmpz_mat_one(U);
    fmpz_mat_one(Ui);
    fmpz_mat_one(V);
    fmpz_mat_one(Vi);
    for (t = 0; t < FLINT_MIN(m, n); t++)
    {
        slong pi = -1, pj = -1;
        for (slong j = t; j < n && !(pi >= 0 && fmpz_is_pm1(fmpz_mat_entry(A, pi, pj))); j++)
            for (slong i = t; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, j)) &&
                    (pi < 0 || fmpz_cmpabs(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, pi, pj)) < 0))
                {
                    pi = i, pj = j;
                    if (fmpz_is_pm1(fmpz_mat_entry(A, i, j)))
                        break;
                }
        if (pi < 0)
            break;
        _row_swap(&S, t, pi);
        _col_swap(&S, t, pj);
        for (;;)
        {
            int clean = 1;
            for (slong i = t + 1; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)))
                {
                    fmpz_fdiv_q(q, fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, t, t));
                    fmpz_neg(q, q);
                    _row_addmul(&S, i, t, q);
                    clean &= fmpz_is_zero(fmpz_mat_entry(A, i, t));
                }
            for (slong j = t + 1; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)))
                {
                    fmpz_fdiv_q(q, fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, t, t));
                    fmpz_neg(q, q);
                    _col_addmul(&S, j, t, q);
                    clean &= fmpz_is_zero(fmpz_mat_entry(A, t, j));
                }
            if (clean)
            {
                slong bad = -1;
                for (slong i = t + 1; i < m && bad < 0; i++)
                    for (slong j = t + 1; j < n && bad < 0; j++)
                        if (!fmpz_divisible(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, t, t)))
                            bad = i;
                if (bad < 0)
                    break;
                fmpz_one(q);
                _row_addmul(&S, t, bad, q);
                continue;
            }
            /* a remainder is left in row or column t: make the smallest one the pivot */
            slong bi = t, bj = t;
            for (slong i = t + 1; i < m; i++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = i, bj = t;
            for (slong j = t + 1; j < n; j++)
                if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)) &&
                    fmpz_cmpabs(fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, bi, bj)) < 0)
                    bi = t, bj = j;
            _row_swap(&S, t, bi);
            _col_swap(&S, t, bj);
        }
        if (fmpz_sgn(fmpz_mat_entry(A, t, t)) < 0)
            _row_neg(&S, t);
    }
    fmpz_clear(q);
    return t;
}

/* ---- writing ---------------------------------------------------------------- */
/* {"size": [r, c], "entries": [...]} of the matrix whose rows (or, with
   by_col, columns) are the sparse vectors M[0..) */
static void
_write_svecs(jout_t out, const svec_struct * M, slong r, slong c, int by_col)
{
    jout_begin_object(out);
    jout_key(out, "size");
    jout_begin_array(out);
    jout_int(out, r);
    jout_int(out, c);
    jout_end_array(out);
    jout_key(out, "entries");
    jout_begin_array(out);
    for (slong v = 0; v < (by_col ? c : r); v++)
        for (slong e = 0; e < M[v].len; e++)
        {
            jout_begin_array(out);
            jout_int(out, by_col ? M[v].idx[e] : v);
            jout_int(out, by_col ? v : M[v].idx[e]);
            jout_fmpz(out, M[v].val + e);
            jout_end_array(out);
        }
    jout_end_array(out);
    jout_end_object(out);
}

static svec_struct *
_svecs(slong len)
{
    svec_struct * v = flint_malloc(FLINT_MAX(len, 1) * sizeof(svec_struct));
    for (slong i = 0; i < len; i++)
        svec_init(v + i);
    return v;
}

static void
_svecs_clear(svec_struct * v, slong len)
{
    for (slong i = 0; i < len; i++)
        svec_clear(v + i);
    flint_free(v);
}

/* the columns of d_k, rows increasing, equal rows summed, zeros dropped */
static svec_struct *
_columns(const chain_complex_t K, slong k)
{
    slong m = K->num[k - 1], c = K->num[k];
    svec_struct * A = _svecs(c);
    fmpz * acc = _fmpz_vec_init(FLINT_MAX(m, 1));
    for (slong j = 0; j < c; j++)
    {
        slong len = K->start[k][j + 1] - K->start[k][j];
        for (slong e = K->start[k][j]; e < K->start[k][j + 1]; e++)
            fmpz_add_si(acc + K->row[k][e], acc + K->row[k][e], K->coef[k][e]);
        A[j].idx = flint_malloc(FLINT_MAX(len, 1) * sizeof(slong));
        A[j].val = _fmpz_vec_init(FLINT_MAX(len, 1));
        A[j].alloc = FLINT_MAX(len, 1);
        /* the rows of this column, increasing (boundaries are short: insertion) */
        for (slong e = K->start[k][j]; e < K->start[k][j + 1]; e++)
        {
            slong row = K->row[k][e], pos = A[j].len;
            if (fmpz_is_zero(acc + row))
                continue;
            while (pos > 0 && A[j].idx[pos - 1] > row)
            {
                A[j].idx[pos] = A[j].idx[pos - 1];
                fmpz_swap(A[j].val + pos, A[j].val + pos - 1);
                pos--;
            }
            A[j].idx[pos] = row;
            fmpz_swap(A[j].val + pos, acc + row);   /* leaves acc[row] zero: counted once */
            A[j].len++;
        }
    }
    _fmpz_vec_clear(acc, FLINT_MAX(m, 1));
    return A;
}

int
cert_homology_write(FILE * fp, const net_t net, slong output, const fmpq_t T, const char * set,
                    const poly_t domain, const char * desc, const chain_complex_t K, fmpq * const * points,
                    const homology_t H, rc_error_t err)
{
    slong n = net->input_dim, top = K->top;
    jout_t out;
    fmpz_t t;
    fmpz_init(t);
    jout_init(out, fp, 0, 0);
    jout_begin_object(out);
    jout_key(out, "certificate"); jout_string(out, "homology");
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_key(out, "input_dim"); jout_int(out, n);
    jout_key(out, "hidden_neurons"); jout_int(out, net_num_hidden(net));
    jout_key(out, "network"); net_write_jout(out, net);
    jout_key(out, "output"); jout_int(out, output);
    jout_key(out, "set"); jout_string(out, set);
    jout_key(out, "threshold"); jout_fmpq_str(out, T);
    /* the domain's rows c + a.x >= 0 as (-a).x <= c, as in regions certificates */
    jout_key(out, "domain");
    jout_begin_object(out);
    jout_key(out, "description"); jout_string(out, desc);
    for (int part = 0; part < 2; part++)
    {
        jout_key(out, part == 0 ? "A" : "b");
        jout_begin_array(out);
        for (slong j = 1; j < domain->ncons; j++)
        {
            if (!POLY_SRC_IS_DOMAIN(domain->src[j]))
                continue;
            const fmpz * row = poly_con(domain, j);
            if (part == 1)
            {
                jout_fmpz(out, row);
                continue;
            }
            jout_begin_array(out);
            for (slong k = 1; k <= n; k++)
            {
                fmpz_neg(t, row + k);
                jout_fmpz(out, t);
            }
            jout_end_array(out);
        }
        jout_end_array(out);
    }
    jout_end_object(out);
    jout_key(out, "cells");
    jout_begin_array(out);
    for (slong k = 0; k <= top; k++)
    {
        jout_begin_array(out);
        for (slong i = 0; i < K->num[k]; i++)
            jout_fmpq_vec(out, points[k] + i * n, n);
        jout_end_array(out);
    }
    jout_end_array(out);

    /* d_k as a dense matrix, then its Smith form with transforms */
    int status = RELU_OK;
    jout_key(out, "boundaries");
    jout_begin_array(out);
    for (slong k = 1; k <= top; k++)
    {
        svec_struct * A = _columns(K, k);
        jout_begin_object(out);
        jout_key(out, "dim"); jout_int(out, k);
        jout_key(out, "matrix"); _write_svecs(out, A, K->num[k - 1], K->num[k], 1);
        jout_end_object(out);
        _svecs_clear(A, K->num[k]);
    }
    jout_end_array(out);
    jout_key(out, "smith");
    jout_begin_array(out);
    for (slong k = 1; k <= top && status == RELU_OK; k++)
    {
        slong m = K->num[k - 1], c = K->num[k];
        svec_struct * A = _columns(K, k);
        svec_struct * U = _svecs(m), * Ui = _svecs(m), * V = _svecs(c), * Vi = _svecs(c);
        fmpz * diag = _fmpz_vec_init(FLINT_MAX(FLINT_MIN(m, c), 1));
        slong r = cert_smith_sparse(diag, U, Ui, V, Vi, A, m, c, CERT_HOMOLOGY_MAX_DENSE, err);
        if (r < 0)
            status = err->code;
        else
        {
            /* the invariant factors > 1 must be the torsion of H_{k-1} found by chain.c */
            slong nt = 0;
            for (slong i = 0; i < r; i++)
                nt += !fmpz_is_one(diag + i);
            int same = nt == H->ntorsion[k - 1];
            for (slong i = r - nt, p = 0; i < r && same; i++, p++)
                same = fmpz_equal(diag + i, H->torsion[k - 1] + p);
            if (!same)
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "internal error: the Smith form of d_%ld with transforms disagrees with the homology's torsion",
                    (long) k);
            jout_begin_object(out);
            jout_key(out, "dim"); jout_int(out, k);
            jout_key(out, "diagonal"); jout_fmpz_vec(out, diag, r);
            jout_key(out, "U"); _write_svecs(out, U, m, m, 0);
            jout_key(out, "U_inv"); _write_svecs(out, Ui, m, m, 1);
            jout_key(out, "V"); _write_svecs(out, V, c, c, 1);
            jout_key(out, "V_inv"); _write_svecs(out, Vi, c, c, 0);
            jout_end_object(out);
        }
        _fmpz_vec_clear(diag, FLINT_MAX(FLINT_MIN(m, c), 1));
        _svecs_clear(A, c);
        _svecs_clear(U, m);
        _svecs_clear(Ui, m);
        _svecs_clear(V, c);
        _svecs_clear(Vi, c);
    }
    jout_end_array(out);
    jout_key(out, "betti");
    jout_begin_array(out);
    for (slong k = 0; k <= top; k++)
        jout_int(out, H->betti[k]);
    jout_end_array(out);
    jout_key(out, "torsion");
    jout_begin_array(out);
    for (slong k = 0; k <= top; k++)
        jout_fmpz_vec(out, H->torsion[k], H->ntorsion[k]);
    jout_end_array(out);
    jout_key(out, "euler"); jout_int(out, homology_euler(H));
    jout_end_object(out);
    jout_clear(out);
    fmpz_clear(t);
    return status;
}
