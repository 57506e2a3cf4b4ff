#include <getopt.h>
#include "cli/cli.h"

static const char * wedge_help =
"usage: relucert wedge DATA [--bias] [--json] [--list]\n"
"\n"
"The wedge-product dictionary of a data set {\"X\": [[...]], \"y\": [...]} (numbers exact):\n"
"without --bias one neuron relu(+-x . v) per set of d-1 samples, v their generalised cross\n"
"product (x . v = det[x; X_S]); with --bias relu(+-[x,1] . v) per set of d samples (a neuron\n"
"through them). Columns equal on every sample are merged; columns zero on every sample are\n"
"dropped. Features are kept unnormalised (norms are irrational in general): the matching\n"
"penalty is on the weights v, exact.\n"
"\n"
"JSON keys: samples, dim, bias, raw_features (2 C(n,d-1), or 2 C(n,d) with --bias; checked),\n"
"  features (distinct nonzero columns), zero_features, and with --list columns\n"
"  [{subset (sample indices from 0), sign, multiplicity, weights, values}].\n";

int
cmd_wedge(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "bias", no_argument, 0, 'b' }, { "json", no_argument, 0, 'j' }, { "list", no_argument, 0, 'l' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int bias = 0, json = 0, list = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': bias = 1; break;
            case 'j': json = 1; break;
            case 'l': list = 1; break;
            case 'h': fputs(wedge_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("wedge", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("wedge", optind >= argc ? "missing data file" : "expected one data file");
    rc_error_t err;
    wedge_data_t D;
    rc_error_init(err);
    wedge_data_init(D);
    if (wedge_data_read_file(D, argv[optind], err))
    {
        wedge_data_clear(D);
        return cli_fail("wedge", err);
    }
    slong k = D->d - (bias ? 0 : 1);
    if (D->n < k || k < 0)
    {
        rc_error_set(err, RELU_E_INPUT, "%ld samples in dimension %ld: need at least %ld for %s features",
                     (long) D->n, (long) D->d, (long) k, bias ? "biased" : "unbiased");
        wedge_data_clear(D);
        return cli_fail("wedge", err);
    }
    wedge_dict_t W;
    wedge_dict_init(W);
    wedge_dict_build(W, D, bias);
    int status = RELU_OK;
    if (W->raw != 2 * wedge_binom(D->n, k))
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: %ld raw features, expected 2 C(%ld,%ld)",
                              (long) W->raw, (long) D->n, (long) k);
    if (status == RELU_OK && json)
    {
        jout_t out;
        jout_init(out, stdout, !list, 0);
        jout_begin_object(out);
        jout_key(out, "samples"); jout_int(out, D->n);
        jout_key(out, "dim"); jout_int(out, D->d);
        jout_key(out, "bias"); jout_bool(out, bias);
        jout_key(out, "raw_features"); jout_int(out, W->raw);
        jout_key(out, "features"); jout_int(out, W->num);
        jout_key(out, "zero_features"); jout_int(out, W->zero);
        if (list)
        {
            jout_key(out, "columns");
            jout_begin_array(out);
            for (slong q = 0; q < W->num; q++)
            {
                jout_begin_object(out);
                jout_key(out, "subset");
                jout_begin_array(out);
                for (slong r = 0; r < W->k; r++) jout_int(out, W->subsets[q * W->k + r]);
                jout_end_array(out);
                jout_key(out, "sign"); jout_int(out, W->sign[q]);
                jout_key(out, "multiplicity"); jout_int(out, W->multiplicity[q]);
                jout_key(out, "weights"); jout_fmpq_vec(out, W->V->rows[q], W->V->c);
                jout_key(out, "values");
                jout_begin_array(out);
                for (slong j = 0; j < D->n; j++) jout_fmpq(out, fmpq_mat_entry(W->F, j, q));
                jout_end_array(out);
                jout_end_object(out);
            }
            jout_end_array(out);
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else if (status == RELU_OK)
        printf("%ld samples in R^%ld, %s: %ld raw features (= 2 C(%ld,%ld)), %ld distinct, %ld zero\n",
               (long) D->n, (long) D->d, bias ? "with bias" : "without bias", (long) W->raw, (long) D->n,
               (long) k, (long) W->num, (long) W->zero);
    wedge_dict_clear(W);
    wedge_data_clear(D);
    return status ? cli_fail("wedge", err) : CLI_EXIT_OK;
}
