/* Exact convex training over the wedge dictionary (`relucert train-convex`):
   basis pursuit or the exact lasso homotopy, the network written and read
   back, an optional float coordinate-descent reference, and the writers. */
#include <string.h>
#include <flint/fmpq_vec.h>
#include "wedge/wedge.h"
#include "wedge/convex.h"
#include "num/num.h"

static void
_write_float(jout_t out, const wedge_train_struct * s)
{
    char buf[128];
    slong p = s->W->num;
    jout_key(out, "float_reference");
    jout_begin_object(out);
    jout_key(out, "method"); jout_string(out, "cyclic coordinate descent in double");
    jout_key(out, "sweeps"); jout_int(out, s->sweeps);
    jout_key(out, "support");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "objective"); jout_fmpq(out, s->gobj);
    jout_key(out, "tolerance"); snprintf(buf, sizeof(buf), "%g", s->tol); jout_string(out, buf);
    jout_key(out, "gap"); jout_fmpq(out, s->gap);
    snprintf(buf, sizeof(buf), "%.6e", fmpq_get_d(s->gap));
    jout_key(out, "gap_approx"); jout_string(out, buf);
    snprintf(buf, sizeof(buf), "%.6e", fmpq_get_d(s->maxerr));
    jout_key(out, "max_coefficient_error_approx"); jout_string(out, buf);
    jout_key(out, "kkt"); jout_bool(out, s->gkkt);
    jout_key(out, "missed");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->c + j) && fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "extra");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (fmpq_is_zero(s->c + j) && !fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_end_object(out);
}

static void
_write_path(jout_t out, const wedge_path_t P)
{
    slong p = P->p;
    jout_key(out, "path");
    jout_begin_object(out);
    jout_key(out, "breakpoints"); jout_int(out, P->len);
    jout_key(out, "complete"); jout_bool(out, P->complete);
    jout_key(out, "points");
    jout_begin_array(out);
    for (slong k = 0; k < P->len; k++)
    {
        jout_begin_object(out);
        jout_key(out, "lambda"); jout_fmpq(out, P->lambda + k);
        jout_key(out, "events"); jout_int(out, P->ties[k]);
        if (k + 1 < P->len)
        {
            const signed char * sg = P->sign + k * p;
            jout_key(out, "active");
            jout_begin_array(out);
            for (slong j = 0; j < p; j++) if (sg[j]) jout_int(out, j);
            jout_end_array(out);
            jout_key(out, "signs");
            jout_begin_array(out);
            for (slong j = 0; j < p; j++) if (sg[j]) jout_int(out, sg[j]);
            jout_end_array(out);
        }
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_end_object(out);
}

void
wedge_train_write_json(jout_t out, const wedge_train_t s)
{
    slong p = s->W->num, k = s->W->k;
    jout_begin_object(out);
    jout_key(out, "mode"); jout_string(out, s->interpolate ? "interpolate" : "lasso");
    jout_key(out, "samples"); jout_int(out, s->D->n);
    jout_key(out, "dim"); jout_int(out, s->D->d);
    jout_key(out, "bias"); jout_bool(out, s->bias);
    jout_key(out, "features"); jout_int(out, p);
    if (!s->interpolate)
    {
        jout_key(out, "lambda"); jout_fmpq(out, s->lambda);
        jout_key(out, "lambda_max"); jout_fmpq(out, s->lambda_max);
    }
    jout_key(out, "objective"); jout_fmpq(out, s->obj);
    jout_key(out, "loss"); jout_fmpq(out, s->loss);
    jout_key(out, "penalty"); jout_fmpq(out, s->pen);
    jout_key(out, "l1_norm"); jout_fmpq(out, s->l1);
    jout_key(out, "support");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->c + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "neurons");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++)
    {
        if (fmpq_is_zero(s->c + j))
            continue;
        jout_begin_object(out);
        jout_key(out, "column"); jout_int(out, j);
        jout_key(out, "subset");
        jout_begin_array(out);
        for (slong r = 0; r < k; r++) jout_int(out, s->W->subsets[j * k + r]);
        jout_end_array(out);
        jout_key(out, "sign"); jout_int(out, s->W->sign[j]);
        jout_key(out, "coefficient"); jout_fmpq(out, s->c + j);
        jout_key(out, "weights"); jout_fmpq_vec(out, s->W->V->rows[j], s->W->V->c);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_key(out, "certified"); jout_bool(out, 1);
    if (s->interpolate)
    {
        jout_key(out, "dual"); jout_fmpq_vec(out, s->u, s->D->n);
    }
    else
    {
        jout_key(out, "unique"); jout_bool(out, s->unique);
        jout_key(out, "equicorrelation_set_size"); jout_int(out, s->equicorrelated);
        _write_path(out, s->P);
    }
    jout_key(out, "network"); net_write_jout(out, s->net);
    if (s->out)
    {
        jout_key(out, "network_file"); jout_string(out, s->out);
    }
    jout_key(out, "file_check");
    jout_begin_object(out);
    jout_key(out, "loss"); jout_fmpq(out, s->floss);
    jout_key(out, "l1_norm"); jout_fmpq(out, s->fl1);
    jout_key(out, "objective"); jout_fmpq(out, s->fobj);
    jout_key(out, "agrees"); jout_bool(out, s->agrees);
    jout_end_object(out);
    if (s->floatref)
        _write_float(out, s);
    jout_end_object(out);
}

void
wedge_train_write_text(FILE * fp, const wedge_train_t s)
{
    char buf[128];
    slong p = s->W->num, h = 0;
    for (slong j = 0; j < p; j++) h += !fmpq_is_zero(s->c + j);
    char * obj = num_get_str(s->obj);
    num_get_decimal(buf, sizeof(buf), s->obj, 12);
    fprintf(fp, "%ld samples in R^%ld, %s, %ld features\n", (long) s->D->n, (long) s->D->d,
           s->bias ? "with bias" : "without bias", (long) p);
    if (s->interpolate)
        fprintf(fp, "basis pursuit: min ||c||_1 = %s ~ %s (certified by LP duality)\n", obj, buf);
    else
    {
        char * l = num_get_str(s->lambda);
        fprintf(fp, "lasso at lambda = %s: objective %s ~ %s (KKT certified), %ld path breakpoints%s\n",
               l, obj, buf, (long) s->P->len, s->P->complete ? "" : " (incomplete)");
        flint_free(l);
    }
    if (!s->interpolate)
        fprintf(fp, "solution %s (equicorrelation set of %ld columns%s)\n", s->unique ? "unique" : "not certified unique",
               (long) s->equicorrelated, s->unique ? ", linearly independent" : "");
    fprintf(fp, "%ld neurons; loss and penalty recomputed from the written network: %s\n", (long) h,
           s->agrees ? "equal" : "DIFFERENT");
    for (slong j = 0; j < p; j++)
    {
        if (fmpq_is_zero(s->c + j))
            continue;
        char * cs = num_get_str(s->c + j);
        fprintf(fp, "  column %ld: samples", (long) j);
        if (s->W->k == 0)
            fprintf(fp, " none (through 0)");
        for (slong r = 0; r < s->W->k; r++) fprintf(fp, " %ld", (long) s->W->subsets[j * s->W->k + r]);
        fprintf(fp, ", sign %+d, coefficient %s\n", s->W->sign[j], cs);
        flint_free(cs);
    }
    if (s->floatref)
    {
        slong miss = 0, extra = 0;
        for (slong j = 0; j < p; j++)
        {
            miss += !fmpq_is_zero(s->c + j) && fmpq_is_zero(s->cf + j);
            extra += fmpq_is_zero(s->c + j) && !fmpq_is_zero(s->cf + j);
        }
        fprintf(fp, "float coordinate descent (tolerance %g, %ld sweeps): objective gap %.6e, largest coefficient "
               "error %.6e, support: %ld missed, %ld extra; KKT %s\n", s->tol, (long) s->sweeps, fmpq_get_d(s->gap),
               fmpq_get_d(s->maxerr), (long) miss, (long) extra, s->gkkt ? "holds" : "fails");
    }
    flint_free(obj);
}

void
wedge_train_init(wedge_train_t s)
{
    s->bias = s->interpolate = s->full = s->floatref = 0;
    s->max_steps = 10000;
    s->tol = 1e-4;
    s->out = NULL;
    s->note[0] = '\0';
    s->unique = 0;
    s->equicorrelated = 0;
    wedge_data_init(s->D);
    wedge_dict_init(s->W);
    fmpq_init(s->lambda); fmpq_init(s->lambda_max); fmpq_init(s->obj); fmpq_init(s->loss);
    fmpq_init(s->l1); fmpq_init(s->pen); fmpq_init(s->floss); fmpq_init(s->fl1); fmpq_init(s->fobj);
    fmpq_init(s->gobj); fmpq_init(s->gap); fmpq_init(s->maxerr);
    s->c = s->u = s->cf = NULL;
    wedge_path_init(s->P, 0);
    net_init(s->net);
    net_init(s->back);
    s->agrees = s->gkkt = 0;
    s->sweeps = 0;
}

void
wedge_train_clear(wedge_train_t s)
{
    slong p = FLINT_MAX(s->W->num, 1);
    if (s->c) _fmpq_vec_clear(s->c, p);
    if (s->cf) _fmpq_vec_clear(s->cf, p);
    if (s->u) _fmpq_vec_clear(s->u, FLINT_MAX(s->D->n, 1));
    fmpq_clear(s->lambda); fmpq_clear(s->lambda_max); fmpq_clear(s->obj); fmpq_clear(s->loss);
    fmpq_clear(s->l1); fmpq_clear(s->pen); fmpq_clear(s->floss); fmpq_clear(s->fl1); fmpq_clear(s->fobj);
    fmpq_clear(s->gobj); fmpq_clear(s->gap); fmpq_clear(s->maxerr);
    wedge_path_clear(s->P);
    net_clear(s->net);
    net_clear(s->back);
    wedge_dict_clear(s->W);
    wedge_data_clear(s->D);
}

static int
_solve_lasso(wedge_train_struct * s, rc_error_t err)
{
    fmpq_t end;
    fmpq_init(end);
    if (!s->full)
        fmpq_set(end, s->lambda);
    int rc = wedge_lasso_path(s->P, s->W->F, s->D->y, end, s->max_steps, err);
    fmpq_clear(end);
    if (s->P->len > 0)
        fmpq_set(s->lambda_max, s->P->lambda);
    if (rc == RELU_OK || (s->P->len > 0 && fmpq_cmp(s->lambda, s->P->lambda + s->P->len - 1) >= 0))
    {
        if (rc != RELU_OK && rc != RELU_E_LIMIT)
            snprintf(s->note, sizeof(s->note), "%s (the solution at lambda lies above)", err->msg);
        rc = RELU_OK;
        wedge_path_eval(s->c, s->P, s->lambda);
    }
    slong bad;
    if (rc == RELU_OK && !wedge_lasso_kkt_check(&bad, s->W->F, s->D->y, s->c, s->lambda))
        rc = rc_error_set(err, RELU_E_INTERNAL, "the path's solution fails the KKT check at column %ld", (long) bad);
    if (rc == RELU_OK)
    {
        wedge_lasso_objective(s->obj, s->loss, s->l1, s->W->F, s->D->y, s->c, s->lambda);
        fmpq_mul(s->pen, s->lambda, s->l1);
        s->unique = wedge_lasso_unique(&s->equicorrelated, s->W->F, s->D->y, s->c, s->lambda);
    }
    return rc;
}

static int
_solve_bp(wedge_train_struct * s, rc_error_t err)
{
    int feasible;
    s->u = _fmpq_vec_init(FLINT_MAX(s->D->n, 1));
    int rc = wedge_basis_pursuit(s->c, s->u, &feasible, s->W->F, s->D->y, err);
    if (rc == RELU_OK && !feasible)
        rc = rc_error_set(err, RELU_E_INPUT, "y is not in the span of the %ld dictionary columns (exact ranks): "
                          "no network of this form interpolates the data; use --lambda", (long) s->W->num);
    if (rc == RELU_OK)
    {
        fmpq_t zero;
        fmpq_init(zero);
        wedge_lasso_objective(s->obj, s->loss, s->l1, s->W->F, s->D->y, s->c, zero);
        fmpq_set(s->obj, s->l1);
        fmpq_set(s->pen, s->l1);
        fmpq_clear(zero);
    }
    return rc;
}

/* The network, written and read back, evaluated exactly on the samples. */
static int
_check_file(wedge_train_struct * s, rc_error_t err)
{
    wedge_model_net(s->net, s->W, s->c, s->D->d, s->bias);
    if (wedge_model_roundtrip(s->back, s->net, s->out, err))
        return err->code;
    wedge_model_loss(s->floss, s->fl1, s->back, s->D);
    if (s->interpolate)
        fmpq_set(s->fobj, s->fl1);
    else
    {
        fmpq_mul(s->fobj, s->lambda, s->fl1);
        fmpq_add(s->fobj, s->fobj, s->floss);
    }
    s->agrees = fmpq_equal(s->floss, s->loss) && fmpq_equal(s->fl1, s->l1) && fmpq_equal(s->fobj, s->obj);
    if (!s->agrees)
        return rc_error_set(err, RELU_E_INTERNAL, "the loss or penalty recomputed from the written network differs "
                            "from the solver's");
    return RELU_OK;
}

static void
_float_reference(wedge_train_struct * s)
{
    fmpq_t l, q;
    fmpq_init(l); fmpq_init(q);
    s->cf = _fmpq_vec_init(FLINT_MAX(s->W->num, 1));
    wedge_lasso_cd(s->cf, &s->sweeps, s->W->F, s->D->y, s->lambda, s->tol, 100000);
    for (slong j = 0; j < s->W->num; j++)
    {
        fmpq_sub(l, s->cf + j, s->c + j);
        fmpq_abs(l, l);
        if (fmpq_cmp(l, s->maxerr) > 0)
            fmpq_set(s->maxerr, l);
    }
    wedge_lasso_objective(s->gobj, l, q, s->W->F, s->D->y, s->cf, s->lambda);
    fmpq_sub(s->gap, s->gobj, s->obj);
    s->gkkt = wedge_lasso_kkt_check(NULL, s->W->F, s->D->y, s->cf, s->lambda);
    fmpq_clear(l); fmpq_clear(q);
}

int
wedge_train_run(wedge_train_t s, const char * path, rc_error_t err)
{
    int status = wedge_data_read_file(s->D, path, err);
    if (status == RELU_OK && s->D->n < s->D->d)
        status = rc_error_set(err, RELU_E_INPUT, "%s: %ld samples in dimension %ld: need at least %ld (n >= d)",
                              path, (long) s->D->n, (long) s->D->d, (long) s->D->d);
    if (status == RELU_OK)
    {
        wedge_dict_build(s->W, s->D, s->bias);
        s->c = _fmpq_vec_init(FLINT_MAX(s->W->num, 1));
        status = s->interpolate ? _solve_bp(s, err) : _solve_lasso(s, err);
    }
    if (status == RELU_OK)
        status = _check_file(s, err);
    if (status == RELU_OK && s->floatref)
        _float_reference(s);
    return status;
}
