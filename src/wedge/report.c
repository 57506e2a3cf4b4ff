/* The report of `relucert wedge`: a data set's wedge dictionary, checked
   against the closed count 2 C(n, k) of raw features. */
#include <string.h>
#include "wedge/wedge.h"

void
wedge_report_init(wedge_report_t R)
{
    memset(R, 0, sizeof(wedge_report_struct));
    wedge_dict_init(R->W);
}

void
wedge_report_clear(wedge_report_t R)
{
    wedge_dict_clear(R->W);
}

int
wedge_report_compute(wedge_report_t R, const wedge_data_t D, int bias, int list, rc_error_t err)
{
    R->D = D;
    R->bias = bias;
    R->list = list;
    R->k = D->d - (bias ? 0 : 1);
    if (D->n < R->k || R->k < 0)
        return rc_error_set(err, RELU_E_INPUT, "%ld samples in dimension %ld: need at least %ld for %s features",
                            (long) D->n, (long) D->d, (long) R->k, bias ? "biased" : "unbiased");
    wedge_dict_build(R->W, D, bias);
    if (R->W->raw != 2 * wedge_binom(D->n, R->k))
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: %ld raw features, expected 2 C(%ld,%ld)",
                            (long) R->W->raw, (long) D->n, (long) R->k);
    return RELU_OK;
}

static void
_write_column(jout_t out, const wedge_report_t R, slong q)
{
    const wedge_dict_struct * W = R->W;
    jout_begin_object(out);
    jout_key(out, "subset");
    jout_begin_array(out);
    for (slong r = 0; r < W->k; r++)
        jout_int(out, W->subsets[q * W->k + r]);
    jout_end_array(out);
    jout_key(out, "sign"); jout_int(out, W->sign[q]);
    jout_key(out, "multiplicity"); jout_int(out, W->multiplicity[q]);
    jout_key(out, "weights"); jout_fmpq_vec(out, W->V->rows[q], W->V->c);
    jout_key(out, "values");
    jout_begin_array(out);
    for (slong j = 0; j < R->D->n; j++)
        jout_fmpq(out, fmpq_mat_entry(W->F, j, q));
    jout_end_array(out);
    jout_end_object(out);
}

void
wedge_report_write_json(jout_t out, const wedge_report_t R)
{
    const wedge_dict_struct * W = R->W;
    jout_begin_object(out);
    jout_key(out, "samples"); jout_int(out, R->D->n);
    jout_key(out, "dim"); jout_int(out, R->D->d);
    jout_key(out, "bias"); jout_bool(out, R->bias);
    jout_key(out, "raw_features"); jout_int(out, W->raw);
    jout_key(out, "features"); jout_int(out, W->num);
    jout_key(out, "zero_features"); jout_int(out, W->zero);
    if (R->list)
    {
        jout_key(out, "columns");
        jout_begin_array(out);
        for (slong q = 0; q < W->num; q++)
            _write_column(out, R, q);
        jout_end_array(out);
    }
    jout_end_object(out);
}

void
wedge_report_write_text(FILE * fp, const wedge_report_t R)
{
    fprintf(fp, "%ld samples in R^%ld, %s: %ld raw features (= 2 C(%ld,%ld)), %ld distinct, %ld zero\n",
            (long) R->D->n, (long) R->D->d, R->bias ? "with bias" : "without bias", (long) R->W->raw,
            (long) R->D->n, (long) R->k, (long) R->W->num, (long) R->W->zero);
}
