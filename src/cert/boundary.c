/* Classification certificates (see cert.h): for a one-hidden-layer network of
   width d on R^d, the affine map z = A x + a with A^-1, the permutation and the
   positive factors lambda_p with A_p = lambda_p w_perm(p), a_p = lambda_p
   b_perm(p), and the scale s = -c0'. By positive homogeneity
   relu(z_p) = lambda_p relu(w_perm(p) . x + b_perm(p)), so
   f - T = s (g_k(A x + a) - 1) is an identity between linear combinations of
   the same d ReLU terms and a constant: relucert-check compares coefficients
   (proofs/CHECKER.md, "Classification certificates"). Degenerate networks get
   the evidence of their reason instead. */
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_vec.h>
#include "cert/cert.h"
#include "util/version.h"
#include "num/num.h"
#include "arrangement/arrangement.h"
#include "cert/cert.h"
#include "util/version.h"

static void
_write_mat(jout_t out, const fmpq_mat_t M)
{
    jout_begin_array(out);
    for (slong i = 0; i < M->r; i++)
        jout_fmpq_vec(out, M->rows[i], M->c);
    jout_end_array(out);
}

int
cert_boundary_write(FILE * fp, const net_t net, slong output, const fmpq_t T, const boundary_class_t K,
                    rc_error_t err)
{
    if (net_check_no_groups(net, "classification certificates", err))
        return err->code;
    slong d = K->d;
    jout_t out;
    jout_init(out, fp, 0, 0);
    jout_begin_object(out);
    jout_key(out, "certificate"); jout_string(out, "boundary-class");
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_key(out, "input_dim"); jout_int(out, d);
    jout_key(out, "network"); net_write_jout(out, net);
    jout_key(out, "output"); jout_int(out, output);
    jout_key(out, "threshold"); jout_fmpq_str(out, T);
    int status = RELU_OK;
    if (K->status == BOUNDARY_CLASSIFIED)
    {
        fmpq_mat_t Ai;
        fmpq_t lam, abs0;
        fmpq_mat_init(Ai, d, d);
        fmpq_init(lam);
        fmpq_init(abs0);
        if (!fmpq_mat_inv(Ai, K->A))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: the classification map is singular");
        jout_key(out, "class"); jout_int(out, K->k);
        jout_key(out, "permutation");
        jout_begin_array(out);
        for (slong p = 0; p < d; p++)
            jout_int(out, K->perm[p]);
        jout_end_array(out);
        jout_key(out, "lambda");
        jout_begin_array(out);
        fmpq_abs(abs0, K->c0p);
        for (slong p = 0; p < d; p++)
        {
            fmpq_abs(lam, net->layers[1].W->rows[output] + K->perm[p]);
            fmpq_div(lam, lam, abs0);
            jout_fmpq(out, lam);
        }
        jout_end_array(out);
        jout_key(out, "A"); _write_mat(out, K->A);
        jout_key(out, "a"); jout_fmpq_vec(out, K->a, d);
        jout_key(out, "A_inv"); _write_mat(out, Ai);
        jout_key(out, "scale"); jout_fmpq(out, K->scale);
        fmpq_mat_clear(Ai);
        fmpq_clear(lam);
        fmpq_clear(abs0);
    }
    else
    {
        jout_key(out, "class"); jout_null(out);
        jout_key(out, "degenerate"); jout_string(out, boundary_degenerate_str(K->status));
        if (K->status == BOUNDARY_SINGULAR_W)
        {
            /* a nonzero v with W v = 0 (rows scaled to integers: same kernel) */
            const fmpq_mat_struct * W = net->layers[0].W;
            fmpz_mat_t Z, N;
            fmpz_mat_init(Z, d, d);
            fmpz_mat_init(N, d, d);
            fmpz * den = _fmpz_vec_init(d);
            fmpq_mat_get_fmpz_mat_rowwise(Z, den, W);
            _fmpz_vec_clear(den, d);
            slong nul = fmpz_mat_nullspace(N, Z);
            if (nul < 1)
                status = rc_error_set(err, RELU_E_INTERNAL, "internal error: singular W without a kernel vector");
            else
            {
                jout_key(out, "kernel_vector");
                jout_begin_array(out);
                for (slong i = 0; i < d; i++)
                    jout_fmpz(out, fmpz_mat_entry(N, i, 0));
                jout_end_array(out);
            }
            fmpz_mat_clear(Z);
            fmpz_mat_clear(N);
        }
        else if (K->status == BOUNDARY_ZERO_OUTPUT_WEIGHT)
        {
            const fmpq * c = net->layers[1].W->rows[output];
            slong i = 0;
            while (i < d && !fmpq_is_zero(c + i))
                i++;
            jout_key(out, "neuron"); jout_int(out, i);
        }
    }
    jout_end_object(out);
    jout_clear(out);
    return status;
}
