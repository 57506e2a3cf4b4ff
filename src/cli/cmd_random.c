#include <string.h>
#include "cli/cli.h"

static const char * random_help =
"usage: relucert random --dim n [--widths a,b,...] --kind K --seed S [--count C] [--out FILE] [--json]\n"
"\n"
"Random networks in the network format on stdout, a deterministic function of the\n"
"arguments (the same arguments give the same bytes). With --count C, C networks as JSON\n"
"Lines, the k-th (from 0) drawn with seed S + k. S is an integer from 0 to 2^64 - 1\n"
"(S + C - 1 too: larger values are refused, never wrapped).\n"
"\n"
"  -o, --out FILE  write to FILE instead of standard output\n"
"  --json       accepted for uniformity: the output is always JSON (one network object, or\n"
"               JSON Lines with --count), with or without it\n"
"\n"
"kinds: int, rat, wide (uniform integers / small / wide rationals), gauss, he (normal\n"
"  deviates rationalised with denominators <= 1000), degenerate (weights in {-1,0,1} with\n"
"  repeated and opposite neurons), ring ({f >= 0} has a hole: ring in R^2, shell in R^3;\n"
"  --widths m gives the number of ramps, default 2n), and the classical arrangements as one\n"
"  hidden layer: braid, shi, catalan, semiorder, linial, coordinate (--widths ignored);\n"
"  resonance (all 0/1 normals), typeB, typeD (reflection arrangements), threshold (v.x' = x_n,\n"
"  v in {0,1}^(n-1)), generic (--widths m hyperplanes in general position, default 2n).\n"
"\n"
"examples:\n"
"  relucert random --dim 2 --widths 8,8 --kind rat --seed 1 --out net.json\n"
"  relucert random --dim 3 --kind braid --seed 1\n";

typedef struct
{
    const char * kind;
    slong dim, nw, count;
    slong widths[64];
    uint64_t seed;
}
random_args;

static int
_write(FILE * fp, void * data, rc_error_t err)
{
    const random_args * a = data;
    jout_t out;
    jout_init(out, fp, 0, 1);
    int status = RELU_OK;
    for (slong k = 0; k < a->count && status == RELU_OK; k++)
    {
        net_t net;
        net_init(net);
        status = net_random(net, a->kind, a->dim, a->nw, a->widths, a->seed + (ulong) k, err);
        if (status == RELU_OK)
            net_write_jout(out, net);
        net_clear(net);
    }
    jout_clear(out);
    return status;
}

int
cmd_random(int argc, char ** argv)
{
    random_args a = { NULL, 0, 0, 1, { 0 }, 0 };
    const char * wstr = NULL, * sstr = NULL, * path = NULL;
    int json = 0;
    const cli_opt opts[] = { { "dim", CLI_SLONG, &a.dim, 1, 64, 0, 0 }, { "widths", CLI_STR, &wstr, 0, 0, 0, 0 },
                             { "kind", CLI_STR, &a.kind, 0, 0, 0, 0 }, { "seed", CLI_STR, &sstr, 0, 0, 0, 0 },
                             { "count", CLI_SLONG, &a.count, 1, 1e19, 0, 0 }, CLI_OPT_OUT(&path), CLI_OPT_JSON(&json),
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "random", random_help, argc, argv, opts, NULL, 0, 0, NULL, NULL))
        return rc;
    if (a.dim == 0 || a.kind == NULL || sstr == NULL)
        return cli_usage_error("random", "need --dim, --kind and --seed");
    if (cli_parse_u64(&a.seed, "random", "--seed", sstr) || (wstr != NULL && cli_parse_slong_list(a.widths, &a.nw, 64, "random", "--widths", wstr, 1, 100000)))
        return CLI_EXIT_INPUT;
    if ((uint64_t) (a.count - 1) > UINT64_MAX - a.seed)
        return cli_usage_error("random", "--seed %s with --count %ld: the last seed S + C - 1 exceeds 2^64 - 1", sstr,
                               (long) a.count);

    rc_error_t err;
    rc_error_init(err);
    int status = cli_write_file(path != NULL ? path : "-", err, _write, &a);
    return status ? cli_fail("random", err) : CLI_EXIT_OK;
}
