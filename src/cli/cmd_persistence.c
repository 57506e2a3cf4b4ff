#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * persistence_help =
"usage: relucert persistence NET (--box LO,HI | --domain FILE) [--output i] [--field 2|p|Q] [--json]\n"
"\n"
"Persistence barcode of the sublevel filtration of the network's output f: every face of\n"
"the region complex enters at the maximum of f on it (attained at a vertex: f is affine\n"
"on each region), faces before their cofaces at equal values. Critical values are exact\n"
"rationals. Coefficients: Z/2 (default), Z/p for a prime p, or Q. Bars of length zero are\n"
"omitted. The domain must be bounded.\n"
"\n"
"JSON keys: field (\"2\", \"p\" or \"Q\"), bars [{dim, birth, death}] (birth/death exact \"p/q\";\n"
"  death null for an essential bar), critical_values (sorted, distinct), cells [c_0..c_n],\n"
"  output, domain.\n";

int
cmd_persistence(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "output", required_argument, 0, 'o' },
        { "field", required_argument, 0, 'f' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * ostr = NULL, * fstr = "2";
    int json = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'o': ostr = optarg; break;
            case 'f': fstr = optarg; break;
            case 'j': json = 1; break;
            case 'h': fputs(persistence_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("persistence", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("persistence", optind >= argc ? "missing network file" : "expected one network file");
    if (dom.whole || (dom.box == NULL && dom.file == NULL))
        return cli_usage_error("persistence", "give a bounded domain with --box LO,HI or --domain FILE");
    ulong p = 0;
    if (strcmp(fstr, "Q") && strcmp(fstr, "q"))
    {
        char * end;
        long v = strtol(fstr, &end, 10);
        if (*fstr == '\0' || *end != '\0' || v < 2 || !n_is_prime((ulong) v))
            return cli_usage_error("persistence", "--field: expected 2, a prime p or Q, got \"%s\"", fstr);
        p = (ulong) v;
    }

    rc_error_t err;
    net_t net;
    slong output = 0;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file(net, argv[optind], err);
    if (status == RELU_OK)
        status = cli_select_output(&output, net, ostr, err);
    poly_t domain;
    char desc[256];
    poly_init(domain, net->input_dim);
    if (status == RELU_OK)
        status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
    chain_complex_t K;
    fmpq * values[64] = { NULL };
    chain_complex_init(K, 0);
    if (status == RELU_OK && net->input_dim >= 63)
        status = rc_error_set(err, RELU_E_UNSUPPORTED, "persistence supports input dimension < 63");
    if (status == RELU_OK)
        status = homology_cells_values(K, values, net, domain, output, err);
    if (status == RELU_OK)
    {
        persistence_t B;
        persistence_init(B);
        persistence_compute(B, K, values, p);
        slong n = K->top, total = 0;
        for (slong k = 0; k <= n; k++) total += K->num[k];
        fmpq * crit = _fmpq_vec_init(FLINT_MAX(total, 1));
        slong nc = 0;
        for (slong k = 0; k <= n; k++)
            for (slong i = 0; i < K->num[k]; i++)
            {
                slong j = 0;
                while (j < nc && !fmpq_equal(crit + j, values[k] + i)) j++;
                if (j == nc) fmpq_set(crit + nc++, values[k] + i);
            }
        for (slong a = 1; a < nc; a++)
            for (slong b = a; b > 0 && fmpq_cmp(crit + b - 1, crit + b) > 0; b--)
                fmpq_swap(crit + b - 1, crit + b);
        char field[32];
        if (p) snprintf(field, sizeof(field), "%lu", p); else snprintf(field, sizeof(field), "Q");
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, 1, 0);
            jout_begin_object(out);
            jout_key(out, "field"); jout_string(out, field);
            jout_key(out, "bars");
            jout_begin_array(out);
            for (slong i = 0; i < B->num; i++)
            {
                jout_begin_object(out);
                jout_key(out, "dim"); jout_int(out, B->bars[i].dim);
                jout_key(out, "birth"); jout_fmpq_str(out, B->bars[i].birth);
                jout_key(out, "death");
                if (B->bars[i].infinite) jout_null(out); else jout_fmpq_str(out, B->bars[i].death);
                jout_end_object(out);
            }
            jout_end_array(out);
            jout_key(out, "critical_values");
            jout_begin_array(out);
            for (slong j = 0; j < nc; j++) jout_fmpq_str(out, crit + j);
            jout_end_array(out);
            jout_key(out, "cells");
            jout_begin_array(out);
            for (slong k = 0; k <= n; k++) jout_int(out, K->num[k]);
            jout_end_array(out);
            jout_key(out, "output"); jout_int(out, output);
            jout_key(out, "domain"); jout_string(out, desc);
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            /* a text barcode; positions are drawn from doubles, the values printed are exact */
            double lo = nc ? fmpq_get_d(crit) : 0, hi = nc ? fmpq_get_d(crit + nc - 1) : 1;
            if (hi <= lo) hi = lo + 1;
            printf("sublevel persistence of output %ld in %s over %s%s: %ld bars\n", (long) output, desc,
                   p ? "Z/" : "", field, (long) B->num);
            for (slong i = 0; i < B->num; i++)
            {
                char * b = num_get_str(B->bars[i].birth);
                char * d = B->bars[i].infinite ? NULL : num_get_str(B->bars[i].death);
                int x0 = (int) (40 * (fmpq_get_d(B->bars[i].birth) - lo) / (hi - lo));
                int x1 = B->bars[i].infinite ? 41 : (int) (40 * (fmpq_get_d(B->bars[i].death) - lo) / (hi - lo));
                printf("H%ld %*s%.*s%s  [%s, %s)\n", (long) B->bars[i].dim, x0, "",
                       FLINT_MAX(x1 - x0, 1), "########################################################",
                       B->bars[i].infinite ? ">" : "", b, d ? d : "inf");
                flint_free(b);
                flint_free(d);
            }
        }
        _fmpq_vec_clear(crit, FLINT_MAX(total, 1));
        persistence_clear(B);
    }
    int rc = status ? cli_fail("persistence", err) : CLI_EXIT_OK;
    for (slong k = 0; k <= K->top && values[0] != NULL; k++)
        _fmpq_vec_clear(values[k], FLINT_MAX(K->num[k], 1));
    chain_complex_clear(K);
    poly_clear(domain);
    net_clear(net);
    return rc;
}
