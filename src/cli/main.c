#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static void
usage(FILE * fp)
{
    fprintf(fp,
        "relucert " RELUCERT_VERSION ": exact activation-region geometry of ReLU networks\n"
        "\n"
        "usage: relucert COMMAND [options]   (relucert COMMAND --help for details)\n"
        "\n"
        "commands:\n"
        "  eval NET --at x1,...,xn            exact output, activation pattern and local affine map\n"
        "  regions NET [domain]               activation regions and the f-vector of their complex\n"
        "  arrangement NET                    hyperplane arrangement of a one-hidden-layer network,\n"
        "                                     counted twice (enumeration and Zaslavsky)\n"
        "  charpoly NET | --family K --dim n  characteristic polynomial of large arrangements (deletion-\n"
        "                                     restriction with symmetry, no region enumeration)\n"
        "  boundary NET [--threshold T]       decision boundary {f = T}: pieces, f-vector, class (one hidden layer)\n"
        "  decision NET [domain]              decision regions of a classifier (argmax): pieces, components,\n"
        "                                     homology of each class, the decision boundary\n"
        "  layer NET --layer k                sectors and cone-projection anatomy of a ReLU layer\n"
        "  polytope FILE                      H/V conversion, f-vector, combinatorial type\n"
        "  faces (FILE | NET --region P)      full face lattice with Hasse diagram and flags\n"
        "  polar FILE [--center x]            polar dual with the verified anti-isomorphism\n"
        "  levelset NET --sublevel T          sub/super/level set as exact polyhedra; convexity\n"
        "  homology NET [domain] --superlevel T integral homology of {f >= T} (or --sublevel, --level)\n"
        "  persistence NET [domain]           sublevel persistence barcode of the output (exact critical values)\n"
        "  random --dim n --kind K --seed S   reproducible random networks (families, classical arrangements)\n"
        "  label NET (POINTS | --grid n --box LO,HI)  exact outputs and patterns at points, boundary flags\n"
        "  batch MANIFEST --out FILE.jsonl    many networks and analyses, resumable, --jobs N\n"
        "  float-count NET --box LO,HI --grid n   what a float sampling counter reports, next to the truth\n"
        "  plot NET --box LO,HI --out F.svg   region map with the decision boundary (cairo: svg, pdf, png)\n"
        "  wedge DATA [--bias]                wedge-product (signed volume) feature dictionary of a data set\n"
        "  train-convex DATA (--interpolate | --lambda L)  exact convex training over the wedge dictionary\n"
        "  train-float --dataset NAME ...     float training of a 2D toy classifier, rationalised checkpoints\n"
        "  dualgraph NET [domain]             dual graph of the regions, certified Fiedler value and partition\n"
        "  sphere-fit --dim D --units U --layers L --seed S  neural polytope: fit the sphere, exact {N <= 1}, type, polar\n"
        "  slice NET --points FILE --out F   the network on the line/plane through k+1 points (k inputs)\n"
        "  lower NET [--out F]                the version-1 network of a graph (format version 2), exactly\n"
        "  stats --dim d --widths .. --kind K --seeds S0..S1  exact facet statistics over a random family\n"
        "\n"
        "domains: --box LO,HI (the cube [LO,HI]^n) | --domain FILE ({\"A\":..,\"b\":..}, A x <= b) | --whole (R^n)\n"
        "numbers: integers of any size, \"p/q\", decimals (0.1 is exactly 1/10); never rounded\n"
        "exit status: 0 ok, 1 a check failed, 2 bad input or usage, 3 unsupported input,\n"
        "             4 stopped by a limit (partial output), 70 internal error (please report)\n"
        "\n"
        "examples:\n"
        "  relucert regions data/default.json --box -1,1\n"
        "  relucert plot data/default.json --box -1,1 --color value --out /tmp/relucert-default.svg --title \"f\"\n"
        "  relucert regions --help\n");
}

static int
dispatch(int argc, char ** argv)
{
    if (argc < 2)
    {
        usage(stderr);
        return CLI_EXIT_INPUT;
    }
    const char * cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
    {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(cmd, "--version"))
    {
        printf("relucert %s\n", RELUCERT_VERSION);
        return CLI_EXIT_OK;
    }
    static const struct { const char * name; int (*run)(int, char **); } commands[] = {
        { "eval", cmd_eval }, { "regions", cmd_regions }, { "arrangement", cmd_arrangement },
        /* issue 4 */ { "polytope", cmd_polytope }, { "faces", cmd_faces }, { "polar", cmd_polar },
        { "levelset", cmd_levelset }, { "sphere-fit", cmd_spherefit }, { "stats", cmd_stats },
        /* issue 5 */ { "homology", cmd_homology }, { "dualgraph", cmd_dualgraph },
        { "persistence", cmd_persistence }, { "train-float", cmd_train },
        { "random", cmd_random }, { "label", cmd_label }, { "batch", cmd_batch },
        { "float-count", cmd_floatcount }, { "plot", cmd_plot }, { "wedge", cmd_wedge },
        /* issue 6 */ { "layer", cmd_layer }, { "boundary", cmd_boundary },
        /* issue 7 */ { "train-convex", cmd_train_convex },
        /* issue 20 */ { "charpoly", cmd_charpoly },
        /* issue 17 */ { "slice", cmd_slice },
        /* issue 16 */ { "lower", cmd_lower }, { "decision", cmd_decision },
    };
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(cmd, commands[i].name))
        {
            cli_signals_install(commands[i].name);
            cli_memory_install();
            return commands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "relucert: unknown command '%s' (try relucert --help)\n", cmd);
    return CLI_EXIT_INPUT;
}

int
main(int argc, char ** argv)
{
    /* A closed stdout would let the next open() take descriptor 1, and output
       would land in that file: hold it with /dev/null and fail at the end. */
    int stdout_closed = fcntl(1, F_GETFD) < 0 && errno == EBADF;
    if (stdout_closed && open("/dev/null", O_WRONLY) != 1)
        return CLI_EXIT_INPUT;
    int rc = dispatch(argc, argv);
    /* Output lost (full disk, closed stdout) must never end in success, whatever
       the command: the last check before exit, for every command alike. */
    rc_error_t err;
    rc_error_init(err);
    if ((rc == CLI_EXIT_OK || rc == CLI_EXIT_PARTIAL) && stdout_closed)
        rc = cli_fail(argc > 1 ? argv[1] : "",
                      (rc_error_set(err, RELU_E_IO, "standard output is closed: the output is lost"), err));
    else if ((rc == CLI_EXIT_OK || rc == CLI_EXIT_PARTIAL) && cli_check_stdout(err))
        rc = cli_fail(argc > 1 ? argv[1] : "", err);
    /* release library caches so leak checkers see only real leaks */
    poly_cdd_clear();
    flint_cleanup();
    return rc;
}
