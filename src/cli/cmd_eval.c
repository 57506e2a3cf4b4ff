#include <getopt.h>
#include <string.h>
#include "cli/cli.h"

static const char * eval_help =
"usage: relucert eval NET --at x1,...,xn [--json]\n"
"\n"
"Exact output of the network NET at the point x (rationals: 1/3, 0.25, -2e-3, ...),\n"
"its activation pattern, and the network's affine map y = W x + c there.\n"
"\n"
"JSON keys: input (the point), output, pattern (0/1 per hidden neuron: pre-activation > 0),\n"
"  signs (\"-\", \"0\", \"+\" per hidden neuron), on_boundary (some pre-activation is 0),\n"
"  zero_neurons (their indices, from 0), affine {W, c}. On a boundary the affine map is the\n"
"  one of the pattern above (zero pre-activations counted inactive); every region touching x\n"
"  has an affine map with the same value at x.\n";

static void
print_row(const char * label, const fmpq * x, slong n)
{
    printf("%s", label);
    for (slong k = 0; k < n; k++)
    {
        char * s = num_get_str(x + k);
        printf("%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    printf("\n");
}

int
cmd_eval(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "at", required_argument, 0, 'a' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * at = NULL;
    int json = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'a': at = optarg; break;
            case 'j': json = 1; break;
            case 'h': fputs(eval_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("eval", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("eval", optind >= argc ? "missing network file" : "expected one network file");
    if (at == NULL)
        return cli_usage_error("eval", "missing --at x1,...,xn");

    rc_error_t err;
    net_t net;
    fmpq * x = NULL;
    slong cnt;
    rc_error_init(err);
    net_init(net);
    if (net_read_file(net, argv[optind], err))
    {
        net_clear(net);
        return cli_fail("eval", err);
    }
    slong n = net->input_dim, m = net_num_outputs(net), N = net_num_hidden(net);
    if (num_parse_list(&x, &cnt, at, n, err))
    {
        rc_error_prefix(err, "--at");
        net_clear(net);
        return cli_fail("eval", err);
    }
    fmpq * y = _fmpq_vec_init(m);
    fmpq * cvec = _fmpq_vec_init(m);
    signed char * sg = flint_calloc(FLINT_MAX(N, 1), 1);
    unsigned char * act = flint_calloc(FLINT_MAX(N, 1), 1);
    char * pat = flint_calloc(N + 1, 1), * sgs = flint_calloc(N + 1, 1);
    fmpq_mat_t M;
    fmpq_mat_init(M, m, n);
    net_eval(y, sg, net, x);
    slong zeros = 0;
    for (slong k = 0; k < N; k++)
    {
        act[k] = sg[k] > 0;
        pat[k] = act[k] ? '1' : '0';
        sgs[k] = sg[k] > 0 ? '+' : (sg[k] < 0 ? '-' : '0');
        zeros += (sg[k] == 0);
    }
    net_affine_of_pattern(M, cvec, net, act);

    if (json)
    {
        jout_t out;
        jout_init(out, stdout, 1, 0);
        jout_begin_object(out);
        jout_key(out, "input"); jout_fmpq_vec(out, x, n);
        jout_key(out, "output"); jout_fmpq_vec(out, y, m);
        jout_key(out, "pattern"); jout_string(out, pat);
        jout_key(out, "signs"); jout_string(out, sgs);
        jout_key(out, "on_boundary"); jout_bool(out, zeros > 0);
        jout_key(out, "zero_neurons");
        jout_begin_array(out);
        for (slong k = 0; k < N; k++)
            if (sg[k] == 0)
                jout_int(out, k);
        jout_end_array(out);
        jout_key(out, "affine");
        jout_begin_object(out);
        jout_key(out, "W");
        jout_begin_array(out);
        for (slong i = 0; i < m; i++)
            jout_fmpq_vec(out, M->rows[i], n);
        jout_end_array(out);
        jout_key(out, "c"); jout_fmpq_vec(out, cvec, m);
        jout_end_object(out);
        jout_end_object(out);
        jout_clear(out);
    }
    else
    {
        print_row("input:   ", x, n);
        print_row("output:  ", y, m);
        printf("pattern: %s\nsigns:   %s%s\n", pat, sgs,
               zeros ? "  (on a boundary: some pre-activation is exactly 0)" : "");
        for (slong i = 0; i < m; i++)
        {
            char label[64];
            snprintf(label, sizeof(label), "affine map, output %ld: W = ", (long) i);
            print_row(label, M->rows[i], n);
            print_row("                         c = ", cvec + i, 1);
        }
    }
    fmpq_mat_clear(M);
    _fmpq_vec_clear(y, m);
    _fmpq_vec_clear(cvec, m);
    _fmpq_vec_clear(x, n);
    flint_free(sg); flint_free(act); flint_free(pat); flint_free(sgs);
    net_clear(net);
    return CLI_EXIT_OK;
}
