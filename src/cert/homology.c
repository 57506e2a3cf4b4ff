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
#include "cert/cert.h"
#include "util/version.h"
#include "num/num.h"
#include "arrangement/arrangement.h"
#include "cert/cert.h"
#include "util/version.h"

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

static int
_add_region(void * data, const region_struct * R)
{
    cert_regions_struct * W = ((void **) data)[0];
    rc_error_struct * err = ((void **) data)[1];
    return cert_regions_add(W, R, err) ? err->code : 0;
}

/* "complex": a regions certificate of net in domain, with the faces, so that
   the checker can derive every cell of the set (proofs/CHECKER.md) */
static int
_write_complex(jout_t out, const net_t net, const poly_t domain, const char * desc, rc_error_t err)
{
    cert_regions_t W;
    jout_key(out, "complex");
    cert_regions_init_jout(W, out, net, domain, desc);
    void * data[2] = { W, err };
    int status = regions_enumerate(net, domain, _add_region, data);
    if (status == RELU_OK)
        status = cert_regions_finish(W, err);
    else if (err->code == RELU_OK)
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: certificate: the regions enumeration failed");
    cert_regions_clear(W);
    return status;
}

/* The domain's rows c + a.x >= 0 as (-a).x <= c, as in regions certificates. */
static void
_write_domain(jout_t out, const poly_t domain, const char * desc, slong n)
{
    fmpz_t t;
    fmpz_init(t);
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
    fmpz_clear(t);
}

int
cert_homology_write(FILE * fp, const net_t net, slong output, const fmpq_t T, const char * set,
                    const poly_t domain, const char * desc, const chain_complex_t K, fmpq * const * points,
                    const homology_t H, rc_error_t err)
{
    slong n = net->input_dim, top = K->top;
    jout_t out;
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
    _write_domain(out, domain, desc, n);
    int status = _write_complex(out, net, domain, desc, err);
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
        slong r = smith_sparse(diag, U, Ui, V, Vi, A, m, c, CERT_HOMOLOGY_MAX_DENSE, err);
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
    return status;
}
