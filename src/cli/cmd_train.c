#include "cli/cli.h"

static const char * train_help =
"usage: relucert train-float --dataset NAME --widths a,b,... --out-prefix P [options]\n"
"\n"
"Trains a ReLU network 2 -> widths -> 1 on a two-dimensional toy data set in floating\n"
"point (full-batch gradient descent on the logistic loss, He-uniform initialisation from a\n"
"fixed-seed generator: the same arguments give the same bytes on the same build), and\n"
"writes the network at each checkpoint with its weights rationalised (best approximations\n"
"with bounded denominators) to P-epochE.json, ready for the exact analyses.\n"
"\n"
"options:\n"
"  --dataset NAME          xor | moons | circles | spirals\n"
"  --samples N             number of samples (default 200)\n"
"  --seed S                seed of data and initialisation, 0 to 2^64 - 1 (default 1)\n"
"  --epochs E              last epoch (default 1000)\n"
"  --checkpoints e1,e2,..  epochs to write (default 0,E)\n"
"  --lr R                  learning rate, a decimal (default 0.1)\n"
"  --max-denominator Q     denominators of the rationalised weights (default 1000)\n"
"  --json                  one JSON object per checkpoint (JSON Lines): epoch, loss, accuracy\n"
"                          (float diagnostics of the training), file\n"
"\n"
"examples:\n"
"  relucert train-float --dataset moons --widths 8,8 --epochs 200 --out-prefix /tmp/moons\n";

typedef struct
{
    int json;
    jout_t out;
}
train_sink;

static int
_report(void * data, const train_checkpoint * c)
{
    train_sink * s = data;
    if (s->json)
        train_checkpoint_write_json(s->out, c);
    else
        train_checkpoint_write_text(stdout, c);
    return RELU_OK;
}

int
cmd_train(int argc, char ** argv)
{
    const char * wstr = NULL, * cstr = NULL;
    slong widths[64], chk[256];
    train_float_opts o = { NULL, 200, 1, 1000, chk, 0, 0.1, 1000, NULL, widths, 0 };
    uint64_t seed = 1;
    train_sink sink = { 0 };
    const cli_opt opts[] = { { "dataset", CLI_STR, &o.dataset, 0, 0, 0, 0 }, { "widths", CLI_STR, &wstr, 0, 0, 0, 0 },
                             { "samples", CLI_SLONG, &o.samples, 1, 1e19, 0, 0 }, { "seed", CLI_U64, &seed, 0, 0, 0, 0 },
                             { "epochs", CLI_SLONG, &o.epochs, 0, 1e19, 0, 0 }, { "checkpoints", CLI_STR, &cstr, 0, 0, 0, 0 },
                             { "lr", CLI_DOUBLE, &o.lr, 1e-300, 1e300, 0, 0 },
                             { "max-denominator", CLI_SLONG, &o.max_den, 1, 1e19, 0, 0 },
                             { "out-prefix", CLI_STR, &o.prefix, 0, 0, 0, 0 }, CLI_OPT_JSON(&sink.json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "train-float", train_help, argc, argv, opts, NULL, 0, 0, NULL, NULL))
        return rc;
    if (o.dataset == NULL || wstr == NULL || o.prefix == NULL)
        return cli_usage_error("train-float", "need --dataset, --widths and --out-prefix");
    if (cli_parse_slong_list(widths, &o.nwidths, 64, "train-float", "--widths", wstr, 1, WORD_MAX))
        return CLI_EXIT_INPUT;
    if (cstr != NULL && cli_parse_slong_list(chk, &o.ncheckpoints, 256, "train-float", "--checkpoints", cstr, 0,
                                             o.epochs))
        return CLI_EXIT_INPUT;
    if (cstr == NULL)
    {
        chk[o.ncheckpoints++] = 0;
        chk[o.ncheckpoints++] = o.epochs;
    }
    o.seed = seed;

    rc_error_t err;
    rc_error_init(err);
    if (sink.json)
        jout_init(sink.out, stdout, 0, 1);
    int status = train_float_run(&o, _report, &sink, err);
    if (sink.json)
        jout_clear(sink.out);
    if (status == RELU_OK)
        status = cli_check_stdout(err);
    return status ? cli_fail("train-float", err) : CLI_EXIT_OK;
}
