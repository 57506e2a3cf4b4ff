#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * label_help =
"usage: relucert label NET (POINTS | --grid n --box LO,HI) [--json] [--jsonl FILE]\n"
"\n"
"Exact labels at points: for every point the exact output, the activation pattern, and\n"
"whether it lies on a bent hyperplane (some pre-activation exactly 0; float tools tend to\n"
"mislabel those), with the indices of the zero neurons.\n"
"\n"
"  POINTS          a JSON file: an array of points, each an array of input_dim numbers\n"
"                  (integers, \"p/q\", decimals: read exactly)\n"
"  --grid n        the n^d grid LO + (HI - LO) k / (n - 1), k = 0..n-1, on [LO,HI]^d\n"
"                  (rational: it hits hyperplanes through rational points exactly)\n"
"  --jsonl FILE    one JSON record per point ('-' for stdout)\n"
"\n"
"JSON keys (--json): points, on_boundary (how many points lie on a bent hyperplane), labels\n"
"  (records: point, output, pattern (0/1 per hidden neuron), on_boundary, zero_neurons).\n";

static void
write_label(jout_t out, const net_t net, const fmpq * x, const fmpq * y, const signed char * sg)
{
    slong n = net->input_dim, N = net_num_hidden(net);
    char * pat = flint_malloc(N + 1);
    int zero = 0;
    for (slong k = 0; k < N; k++)
    {
        pat[k] = sg[k] > 0 ? '1' : '0';
        zero |= (sg[k] == 0);
    }
    pat[N] = '\0';
    jout_begin_object(out);
    jout_key(out, "point"); jout_fmpq_vec(out, x, n);
    jout_key(out, "output"); jout_fmpq_vec(out, y, net_num_outputs(net));
    jout_key(out, "pattern"); jout_string(out, pat);
    jout_key(out, "on_boundary"); jout_bool(out, zero);
    jout_key(out, "zero_neurons");
    jout_begin_array(out);
    for (slong k = 0; k < N; k++)
        if (sg[k] == 0) jout_int(out, k);
    jout_end_array(out);
    jout_end_object(out);
    flint_free(pat);
}

/* points: read into a flat fmpq array */
static int
read_points(fmpq ** pts, slong * num, const char * path, slong n, rc_error_t err)
{
    jnode * root;
    if (jnode_parse_file(&root, path, err))
        return err->code;
    int status = RELU_OK;
    if (root->type != JNODE_ARRAY)
        status = rc_error_set(err, RELU_E_INPUT, "%s: expected an array of points, got %s", path, jnode_type_name(root));
    else
    {
        *num = root->nitems;
        *pts = _fmpq_vec_init(FLINT_MAX(*num * n, 1));
        for (slong i = 0; i < *num && status == RELU_OK; i++)
        {
            const jnode * p = root->items[i];
            if (p->type != JNODE_ARRAY || (slong) p->nitems != n)
                status = rc_error_set(err, RELU_E_INPUT, "%s: point %ld: expected an array of %ld numbers",
                                      path, (long) i + 1, (long) n);
            for (slong k = 0; k < n && status == RELU_OK; k++)
                if (num_from_jnode(*pts + i * n + k, p->items[k], err))
                {
                    char where[128];
                    snprintf(where, sizeof(where), "%s: point %ld, coordinate %ld", path, (long) i + 1, (long) k + 1);
                    rc_error_prefix(err, where);
                    status = err->code;
                }
        }
        if (status)
        {
            _fmpq_vec_clear(*pts, FLINT_MAX(*num * n, 1));
            *pts = NULL;
        }
    }
    jnode_free(root);
    return status;
}

int
cmd_label(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "grid", required_argument, 0, 'g' }, { "box", required_argument, 0, 'b' },
        { "json", no_argument, 0, 'j' }, { "jsonl", required_argument, 0, 'l' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * box = NULL, * jsonl = NULL;
    long grid = 0;
    int json = 0, c;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'g': grid = strtol(optarg, &end, 10); if (*end || grid < 2) return cli_usage_error("label", "--grid: expected an integer >= 2"); break;
            case 'b': box = optarg; break;
            case 'j': json = 1; break;
            case 'l': jsonl = optarg; break;
            case 'h': fputs(label_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("label", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    int have_points = (argc - optind == 2);
    if (argc - optind != 1 + have_points)
        return cli_usage_error("label", "expected NET and a points file, or NET with --grid n --box LO,HI");
    if (have_points == (grid > 0) || (grid > 0) != (box != NULL))
        return cli_usage_error("label", "give either a points file or --grid n --box LO,HI");

    rc_error_t err;
    net_t net;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file(net, argv[optind], err);
    slong n = net->input_dim, num = 0;
    fmpq * pts = NULL, * lohi = NULL;
    if (status == RELU_OK && have_points)
        status = read_points(&pts, &num, argv[optind + 1], n, err);
    if (status == RELU_OK && grid > 0)
    {
        slong cnt;
        double total = 1;
        for (slong k = 0; k < n; k++) total *= grid;
        if (num_parse_list(&lohi, &cnt, box, 2, err))
        {
            rc_error_prefix(err, "--box LO,HI");
            status = err->code;
        }
        else if (fmpq_cmp(lohi, lohi + 1) >= 0)
            status = rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", box);
        else if (total > 1e7)
            status = rc_error_set(err, RELU_E_INPUT, "--grid: %ld^%ld points is more than 10^7", grid, (long) n);
        else
            num = (slong) total;
    }
    FILE * lfp = NULL;
    if (status == RELU_OK && jsonl)
    {
        lfp = strcmp(jsonl, "-") ? fopen(jsonl, "w") : stdout;
        if (lfp == NULL)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", jsonl);
    }
    if (status)
    {
        if (pts) _fmpq_vec_clear(pts, FLINT_MAX(num * n, 1));
        if (lohi) _fmpq_vec_clear(lohi, 2);
        net_clear(net);
        return cli_fail("label", err);
    }
    slong m = net_num_outputs(net), N = net_num_hidden(net), onb = 0;
    fmpq * x = _fmpq_vec_init(n), * y = _fmpq_vec_init(m);
    signed char * sg = flint_calloc(N + 1, 1);
    jout_t out, lout;
    if (json)
    {
        jout_init(out, stdout, 0, 0);
        jout_begin_object(out);
        jout_key(out, "labels");
        jout_begin_array(out);
    }
    if (lfp)
        jout_init(lout, lfp, 0, 1);
    fmpq_t step;
    fmpq_init(step);
    if (grid > 0)
    {
        fmpz_t g;
        fmpz_init_set_si(g, grid - 1);
        fmpq_sub(step, lohi + 1, lohi);
        fmpq_div_fmpz(step, step, g);
        fmpz_clear(g);
    }
    for (slong i = 0; i < num; i++)
    {
        if (grid > 0)
        {
            slong r = i;
            for (slong k = n - 1; k >= 0; k--, r /= grid)
            {
                fmpq_mul_si(x + k, step, r % grid);
                fmpq_add(x + k, x + k, lohi);
            }
        }
        else
            for (slong k = 0; k < n; k++)
                fmpq_set(x + k, pts + i * n + k);
        net_eval(y, sg, net, x);
        int zero = 0;
        for (slong k = 0; k < N; k++)
            zero |= (sg[k] == 0);
        onb += zero;
        if (json)
            write_label(out, net, x, y, sg);
        if (lfp)
            write_label(lout, net, x, y, sg);
        if (!json && !lfp)
        {
            char * s;
            printf("(");
            for (slong k = 0; k < n; k++) { s = num_get_str(x + k); printf("%s%s", k ? ", " : "", s); flint_free(s); }
            printf(") -> ");
            for (slong k = 0; k < m; k++) { s = num_get_str(y + k); printf("%s%s", k ? ", " : "", s); flint_free(s); }
            printf("%s\n", zero ? "   on a bent hyperplane" : "");
        }
    }
    if (json)
    {
        jout_end_array(out);
        jout_key(out, "points"); jout_int(out, num);
        jout_key(out, "on_boundary"); jout_int(out, onb);
        jout_end_object(out);
        jout_clear(out);
    }
    else if (!lfp)
        printf("%ld points, %ld on a bent hyperplane\n", (long) num, (long) onb);
    if (lfp)
    {
        jout_clear(lout);
        if (lfp != stdout) fclose(lfp);
    }
    fmpq_clear(step);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(y, m);
    flint_free(sg);
    if (pts) _fmpq_vec_clear(pts, FLINT_MAX(num * n, 1));
    if (lohi) _fmpq_vec_clear(lohi, 2);
    net_clear(net);
    return CLI_EXIT_OK;
}
