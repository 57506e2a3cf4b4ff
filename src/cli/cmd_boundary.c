/* placeholder until the command lands */
#include "cli/cli.h"
int
cmd_layer(int argc, char ** argv)
{
    (void) argc;
    fprintf(stderr, "relucert %s: not implemented yet\n", argv[0]);
    return CLI_EXIT_UNSUPPORTED;
}
int
cmd_boundary(int argc, char ** argv)
{
    (void) argc;
    fprintf(stderr, "relucert %s: not implemented yet\n", argv[0]);
    return CLI_EXIT_UNSUPPORTED;
}
