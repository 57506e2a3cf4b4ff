/* Arrangement certificates (see cert.h): the distinct hyperplanes of a
   one-hidden-layer network, every flat of the intersection poset as its
   closure (the set of hyperplanes containing it) with a point in it, and the
   characteristic polynomial. The flats are generated here with fmpq linear
   algebra, independently of src/arrangement/charpoly.c (echelon remainders),
   and their number per codimension must agree with it. */
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include "cert/cert.h"
#include "util/version.h"
#include "num/num.h"
#include "arrangement/arrangement.h"
#include "cert/cert.h"
#include "util/version.h"
#include "arrangement/arrangement.h"

typedef struct
{
    slong * set;     /* sorted hyperplane indices */
    slong len;
    slong rank;      /* codimension */
    fmpq * point;    /* n coordinates */
}
cflat;

/* Rows (a | -c) of hyperplanes idx[0..k) of H (rows (c, a)) into M (k x (n+1)). */
static void
fill_rows(fmpq_mat_t M, const fmpz_mat_t H, const slong * idx, slong k, slong n)
{
    for (slong r = 0; r < k; r++)
    {
        for (slong j = 0; j < n; j++)
        {
            fmpz_set(fmpq_numref(fmpq_mat_entry(M, r, j)), fmpz_mat_entry(H, idx[r], j + 1));
            fmpz_one(fmpq_denref(fmpq_mat_entry(M, r, j)));
        }
        fmpz_set(fmpq_numref(fmpq_mat_entry(M, r, n)), fmpz_mat_entry(H, idx[r], 0));
        fmpz_one(fmpq_denref(fmpq_mat_entry(M, r, n)));
        fmpq_neg(fmpq_mat_entry(M, r, n), fmpq_mat_entry(M, r, n));
    }
}

/* g(x) = c_g + a_g . x */
static void
eval_row(fmpq_t v, const fmpz_mat_t H, slong g, const fmpq * x, slong n)
{
    fmpq_t t;
    fmpq_init(t);
    fmpz_set(fmpq_numref(v), fmpz_mat_entry(H, g, 0));
    fmpz_one(fmpq_denref(v));
    for (slong j = 0; j < n; j++)
    {
        fmpq_mul_fmpz(t, x + j, fmpz_mat_entry(H, g, j + 1));
        fmpq_add(v, v, t);
    }
    fmpq_clear(t);
}

/* Moves F->point inside its flat off every hyperplane not in F->set:
   point + s d, d = sum_k c^k b_k (b_k a basis of the flat's directions) with
   a_g . d != 0 for every g not constant on the flat (finitely many c are bad),
   then s = 0, 1, 2, ... (each g excludes at most one s). */
static void
generic_point(cflat * F, const fmpz_mat_t H, slong n)
{
    slong m = H->r, k = F->len;
    fmpz_mat_t A, Nsp;
    fmpz_mat_init(A, FLINT_MAX(k, 1), n);
    for (slong r = 0; r < k; r++)
        for (slong j = 0; j < n; j++)
            fmpz_set(fmpz_mat_entry(A, r, j), fmpz_mat_entry(H, F->set[r], j + 1));
    fmpz_mat_init(Nsp, n, n);
    slong dim = fmpz_mat_nullspace(Nsp, A);
    fmpz * d = _fmpz_vec_init(n);
    fmpz_t c, ck, dot;
    fmpz_init(c);
    fmpz_init(ck);
    fmpz_init(dot);
    char * out = flint_calloc(FLINT_MAX(m, 1), 1);
    for (slong r = 0; r < k; r++)
        out[F->set[r]] = 1;
    if (dim > 0)
    {
        for (fmpz_set_ui(c, 1); ; fmpz_add_ui(c, c, 1))
        {
            _fmpz_vec_zero(d, n);
            fmpz_one(ck);
            for (slong b = 0; b < dim; b++)
            {
                for (slong j = 0; j < n; j++)
                    fmpz_addmul(d + j, ck, fmpz_mat_entry(Nsp, j, b));
                fmpz_mul(ck, ck, c);
            }
            int good = 1;
            for (slong g = 0; g < m && good; g++)
            {
                if (out[g])
                    continue;
                /* g nonconstant on the flat iff a_g is not orthogonal to every b */
                int nonconst = 0;
                for (slong b = 0; b < dim && !nonconst; b++)
                {
                    fmpz_zero(dot);
                    for (slong j = 0; j < n; j++)
                        fmpz_addmul(dot, fmpz_mat_entry(H, g, j + 1), fmpz_mat_entry(Nsp, j, b));
                    nonconst = !fmpz_is_zero(dot);
                }
                if (!nonconst)
                    continue;
                fmpz_zero(dot);
                for (slong j = 0; j < n; j++)
                    fmpz_addmul(dot, fmpz_mat_entry(H, g, j + 1), d + j);
                good = !fmpz_is_zero(dot);
            }
            if (good)
                break;
        }
        fmpq * x = _fmpq_vec_init(n);
        fmpq_t v;
        fmpq_init(v);
        for (slong st = 0; ; st++)
        {
            for (slong j = 0; j < n; j++)
            {
                fmpq_set(x + j, F->point + j);
                fmpq_t sd;
                fmpq_init(sd);
                fmpz_mul_si(fmpq_numref(sd), d + j, st);
                fmpz_one(fmpq_denref(sd));
                fmpq_add(x + j, x + j, sd);
                fmpq_clear(sd);
            }
            int good = 1;
            for (slong g = 0; g < m && good; g++)
            {
                if (out[g])
                    continue;
                eval_row(v, H, g, x, n);
                good = !fmpq_is_zero(v);
            }
            if (good)
                break;
        }
        for (slong j = 0; j < n; j++)
            fmpq_set(F->point + j, x + j);
        _fmpq_vec_clear(x, n);
        fmpq_clear(v);
    }
    flint_free(out);
    fmpz_clear(c);
    fmpz_clear(ck);
    fmpz_clear(dot);
    _fmpz_vec_clear(d, n);
    fmpz_mat_clear(A);
    fmpz_mat_clear(Nsp);
}

/* The flat cut out by hyperplanes idx[0..k): 0 if empty; else 1, with a point
   (free coordinates 0), its rank and its closure (all g with (a_g | -c_g) in
   the row space). */
static int
flat_of(cflat * F, const fmpz_mat_t H, const slong * idx, slong k, slong n)
{
    slong m = H->r;
    fmpq_mat_t M, R, T, U;
    fmpq_mat_init(M, FLINT_MAX(k, 1), n + 1);
    fmpq_mat_init(R, FLINT_MAX(k, 1), n + 1);
    fill_rows(M, H, idx, k, n);
    slong rank = (k > 0) ? fmpq_mat_rref(R, M) : 0;
    int ok = 1;
    F->point = _fmpq_vec_init(n);
    for (slong r = 0; r < rank && ok; r++)
    {
        slong p = 0;
        while (p <= n && fmpq_is_zero(fmpq_mat_entry(R, r, p)))
            p++;
        if (p == n)
            ok = 0;                      /* 0 = nonzero: inconsistent */
        else
            fmpq_set(F->point + p, fmpq_mat_entry(R, r, n));   /* rref: pivot 1 */
    }
    if (ok)
    {
        F->rank = rank;
        F->set = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
        F->len = 0;
        fmpq_mat_init(T, rank + 1, n + 1);
        fmpq_mat_init(U, rank + 1, n + 1);
        for (slong r = 0; r < rank; r++)
            for (slong j = 0; j <= n; j++)
                fmpq_set(fmpq_mat_entry(T, r, j), fmpq_mat_entry(R, r, j));
        for (slong g = 0; g < m; g++)
        {
            fill_rows(M, H, &g, 1, n);   /* row 0 of M */
            for (slong j = 0; j <= n; j++)
                fmpq_set(fmpq_mat_entry(T, rank, j), fmpq_mat_entry(M, 0, j));
            if (fmpq_mat_rref(U, T) == rank)
                F->set[F->len++] = g;
        }
        fmpq_mat_clear(T);
        fmpq_mat_clear(U);
        generic_point(F, H, n);
    }
    else
        _fmpq_vec_clear(F->point, n);
    fmpq_mat_clear(M);
    fmpq_mat_clear(R);
    return ok;
}

/* "flats": every flat with its hyperplanes and a point of it */
static void
_write_flats(jout_t out, const cflat * F, slong num, slong n)
{
    jout_key(out, "flats");
    jout_begin_array(out);
    for (slong i = 0; i < num; i++)
    {
        jout_begin_object(out);
        jout_key(out, "hyperplanes");
        jout_begin_array(out);
        for (slong t = 0; t < F[i].len; t++)
            jout_int(out, F[i].set[t]);
        jout_end_array(out);
        jout_key(out, "point"); jout_fmpq_vec(out, F[i].point, n);
        jout_end_object(out);
    }
    jout_end_array(out);
}

int
cert_arrangement_write(FILE * fp, const net_t net, rc_error_t err)
{
    if (net_check_no_groups(net, "arrangement certificates", err))
        return err->code;
    arrangement_t A;
    slong n = net->layers[0].W->c;
    arrangement_init(A, n);
    int status = arrangement_from_net(A, NULL, net, err);
    if (status)
    {
        arrangement_clear(A);
        return status;
    }
    const fmpz_mat_struct * H = A->H;
    slong m = H->r, num = 0, alloc = 16;
    cflat * F = flint_malloc(alloc * sizeof(cflat));
    slong * idx = flint_malloc((m + 1) * sizeof(slong));
    flat_of(F, H, idx, 0, n);
    num = 1;
    for (slong i = 0; i < num; i++)
    {
        for (slong h = 0; h < m; h++)
        {
            slong k = 0, in = 0;
            for (slong t = 0; t < F[i].len; t++)
                in |= (F[i].set[t] == h);
            if (in)
                continue;
            /* a basis of F[i]'s equations is any rank-many of its set; all of them work too */
            memcpy(idx, F[i].set, F[i].len * sizeof(slong));
            k = F[i].len;
            idx[k++] = h;
            cflat G;
            if (!flat_of(&G, H, idx, k, n))
                continue;
            slong j;
            for (j = 0; j < num; j++)
                if (F[j].len == G.len && memcmp(F[j].set, G.set, G.len * sizeof(slong)) == 0)
                    break;
            if (j < num)
            {
                flint_free(G.set);
                _fmpq_vec_clear(G.point, n);
                continue;
            }
            if (num == alloc)
            {
                alloc *= 2;
                F = flint_realloc(F, alloc * sizeof(cflat));
            }
            F[num++] = G;
        }
    }
    /* our own check: the flat counts per codimension of src/arrangement */
    slong * counts = flint_calloc(n + 1, sizeof(slong)), * mine = flint_calloc(n + 1, sizeof(slong));
    arrangement_flat_counts(counts, A);
    for (slong i = 0; i < num; i++)
        mine[F[i].rank]++;
    for (slong r = 0; r <= n; r++)
        if (counts[r] != mine[r])
            status = rc_error_set(err, RELU_E_INTERNAL,
                                  "arrangement certificate: %ld flats of codimension %ld, the intersection poset has %ld",
                                  (long) mine[r], (long) r, (long) counts[r]);
    fmpz_poly_t chi;
    fmpz_poly_init(chi);
    arrangement_charpoly(chi, A);
    if (status == RELU_OK)
    {
        jout_t out;
        fmpz_t co, at;
        fmpz_init(co);
        fmpz_init(at);
        jout_init(out, fp, 1, 0);
        jout_begin_object(out);
        jout_key(out, "certificate"); jout_string(out, "arrangement");
        jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
        jout_key(out, "input_dim"); jout_int(out, n);
        jout_key(out, "hidden_neurons"); jout_int(out, net_num_hidden(net));
        jout_key(out, "network"); net_write_jout(out, net);
        jout_key(out, "hyperplanes");
        jout_begin_array(out);
        for (slong i = 0; i < m; i++)
            jout_fmpz_vec(out, H->rows[i], n + 1);
        jout_end_array(out);
        _write_flats(out, F, num, n);
        arrangement_write_charpoly(out, chi, n);
        fmpz_set_si(co, -1);
        fmpz_poly_evaluate_fmpz(at, chi, co);
        fmpz_abs(at, at);
        jout_key(out, "regions"); jout_fmpz(out, at);
        jout_end_object(out);
        jout_clear(out);
        fmpz_clear(co);
        fmpz_clear(at);
    }
    fmpz_poly_clear(chi);
    for (slong i = 0; i < num; i++)
    {
        flint_free(F[i].set);
        _fmpq_vec_clear(F[i].point, n);
    }
    flint_free(F);
    flint_free(idx);
    flint_free(counts);
    flint_free(mine);
    arrangement_clear(A);
    return status;
}
