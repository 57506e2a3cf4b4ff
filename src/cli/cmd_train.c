#include <getopt.h>
#include <stdlib.h>
#include <string.h>
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
"  --seed S                seed of data and initialisation (default 1)\n"
"  --epochs E              last epoch (default 1000)\n"
"  --checkpoints e1,e2,..  epochs to write (default 0,E)\n"
"  --lr R                  learning rate, a decimal (default 0.1)\n"
"  --max-denominator Q     denominators of the rationalised weights (default 1000)\n"
"  --json                  one JSON object per checkpoint (JSON Lines): epoch, loss, accuracy\n"
"                          (float diagnostics of the training), file\n";

int
cmd_train(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "dataset", required_argument, 0, 'd' }, { "widths", required_argument, 0, 'w' },
        { "samples", required_argument, 0, 'n' }, { "seed", required_argument, 0, 's' },
        { "epochs", required_argument, 0, 'e' }, { "checkpoints", required_argument, 0, 'c' },
        { "lr", required_argument, 0, 'l' }, { "max-denominator", required_argument, 0, 'q' },
        { "out-prefix", required_argument, 0, 'o' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * dataset = NULL, * wstr = NULL, * cstr = NULL, * prefix = NULL;
    long samples = 200, seed = 1, epochs = 1000, maxden = 1000;
    double lr = 0.1;
    int json = 0, c;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'd': dataset = optarg; break;
            case 'w': wstr = optarg; break;
            case 'n': samples = strtol(optarg, &end, 10); if (*end || samples < 1) return cli_usage_error("train-float", "--samples: expected a positive integer"); break;
            case 's': seed = strtol(optarg, &end, 10); if (*end || seed < 0) return cli_usage_error("train-float", "--seed: expected a non-negative integer"); break;
            case 'e': epochs = strtol(optarg, &end, 10); if (*end || epochs < 0) return cli_usage_error("train-float", "--epochs: expected a non-negative integer"); break;
            case 'c': cstr = optarg; break;
            case 'l': lr = strtod(optarg, &end); if (*end || !(lr > 0)) return cli_usage_error("train-float", "--lr: expected a positive number"); break;
            case 'q': maxden = strtol(optarg, &end, 10); if (*end || maxden < 1) return cli_usage_error("train-float", "--max-denominator: expected a positive integer"); break;
            case 'o': prefix = optarg; break;
            case 'j': json = 1; break;
            case 'h': fputs(train_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("train-float", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage_error("train-float", "unexpected argument '%s'", argv[optind]);
    if (dataset == NULL || wstr == NULL || prefix == NULL)
        return cli_usage_error("train-float", "need --dataset, --widths and --out-prefix");

    rc_error_t err;
    rc_error_init(err);
    /* widths and checkpoints: comma-separated positive / non-negative integers */
    slong widths[64], nw = 0, chk[256], nc = 0;
    for (const char * p = wstr; *p; )
    {
        long v = strtol(p, &end, 10);
        if (end == p || v < 1 || nw == 64 || (*end && *end != ','))
            return cli_usage_error("train-float", "--widths: expected positive integers like 8,8, got \"%s\"", wstr);
        widths[nw++] = v;
        p = *end ? end + 1 : end;
    }
    if (cstr == NULL)
    {
        chk[nc++] = 0;
        chk[nc++] = epochs;
    }
    else
        for (const char * p = cstr; *p; )
        {
            long v = strtol(p, &end, 10);
            if (end == p || v < 0 || v > epochs || nc == 256 || (*end && *end != ','))
                return cli_usage_error("train-float", "--checkpoints: expected epochs from 0 to %ld like 0,10,100", epochs);
            chk[nc++] = v;
            p = *end ? end + 1 : end;
        }

    train_data_t D;
    if (train_data_make(D, dataset, samples, (ulong) seed, err))
        return cli_fail("train-float", err);
    train_net_t T;
    train_net_init(T, nw, widths, (ulong) seed);
    int status = RELU_OK;
    for (long e = 0; e <= epochs && status == RELU_OK; e++)
    {
        for (slong i = 0; i < nc && status == RELU_OK; i++)
        {
            if (chk[i] != e || (i > 0 && chk[i - 1] == e))
                continue;
            char path[4096];
            snprintf(path, sizeof(path), "%s-epoch%ld.json", prefix, e);
            net_t net;
            net_init(net);
            train_net_rationalise(net, T, maxden);
            status = net_write_file(path, net, err);
            net_clear(net);
            if (status == RELU_OK)
            {
                if (json)
                    printf("{\"epoch\": %ld, \"loss\": %.6f, \"accuracy\": %.4f, \"file\": \"%s\"}\n", e,
                           train_net_loss(T, D), train_net_accuracy(T, D), path);
                else
                    printf("epoch %ld: loss %.6f, accuracy %.4f -> %s\n", e, train_net_loss(T, D),
                           train_net_accuracy(T, D), path);
            }
        }
        if (e < epochs)
            train_net_step(T, D, lr);
    }
    train_net_clear(T);
    train_data_clear(D);
    return status ? cli_fail("train-float", err) : CLI_EXIT_OK;
}
