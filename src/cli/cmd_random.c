#include <getopt.h>
#include <stdlib.h>
#include "cli/cli.h"

static const char * random_help =
"usage: relucert random --dim n [--widths a,b,...] --kind K --seed S [--count C]\n"
"\n"
"Random networks in the network format on stdout, a deterministic function of the\n"
"arguments (the same arguments give the same bytes). With --count C, C networks as JSON\n"
"Lines, the k-th (from 0) drawn with seed S + k.\n"
"\n"
"kinds: int, rat, wide (uniform integers / small / wide rationals), gauss, he (normal\n"
"  deviates rationalised with denominators <= 1000), degenerate (weights in {-1,0,1} with\n"
"  repeated and opposite neurons), ring ({f >= 0} has a hole: ring in R^2, shell in R^3;\n"
"  --widths m gives the number of ramps, default 2n), and the classical arrangements as one\n"
"  hidden layer: braid, shi, catalan, semiorder, linial, coordinate (--widths ignored);\n"
"  resonance (all 0/1 normals), typeB, typeD (reflection arrangements), threshold (v.x' = x_n,\n"
"  v in {0,1}^(n-1)), generic (--widths m hyperplanes in general position, default 2n).\n";

int
cmd_random(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "dim", required_argument, 0, 'd' }, { "widths", required_argument, 0, 'w' },
        { "kind", required_argument, 0, 'k' }, { "seed", required_argument, 0, 's' },
        { "count", required_argument, 0, 'c' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * kind = NULL, * wstr = NULL;
    long dim = 0, count = 1;
    unsigned long seed = 0;
    int c, have_seed = 0;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'd': dim = strtol(optarg, &end, 10); if (*end || dim < 1 || dim > 64) return cli_usage_error("random", "--dim: expected an integer from 1 to 64"); break;
            case 'w': wstr = optarg; break;
            case 'k': kind = optarg; break;
            case 's': seed = strtoul(optarg, &end, 10); if (*end || *optarg == '-' || !*optarg) return cli_usage_error("random", "--seed: expected a non-negative integer"); have_seed = 1; break;
            case 'c': count = strtol(optarg, &end, 10); if (*end || count < 1) return cli_usage_error("random", "--count: expected a positive integer"); break;
            case 'h': fputs(random_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("random", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage_error("random", "unexpected argument '%s'", argv[optind]);
    if (dim == 0 || kind == NULL || !have_seed)
        return cli_usage_error("random", "need --dim, --kind and --seed");
    slong widths[64], nw = 0;
    if (wstr != NULL)
        for (const char * p = wstr; *p; )
        {
            long v = strtol(p, &end, 10);
            if (end == p || v < 1 || v > 100000 || nw == 64 || (*end && *end != ','))
                return cli_usage_error("random", "--widths: expected positive integers like 8,8, got \"%s\"", wstr);
            widths[nw++] = v;
            p = *end ? end + 1 : end;
        }
    rc_error_t err;
    jout_t out;
    rc_error_init(err);
    jout_init(out, stdout, 0, 1);
    int status = RELU_OK;
    for (long k = 0; k < count && status == RELU_OK; k++)
    {
        net_t net;
        net_init(net);
        status = net_random(net, kind, dim, nw, widths, seed + (ulong) k, err);
        if (status == RELU_OK)
            net_write_jout(out, net);
        net_clear(net);
    }
    jout_clear(out);
    return status ? cli_fail("random", err) : CLI_EXIT_OK;
}
