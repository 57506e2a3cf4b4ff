/* placeholder until the command lands */
#include "cli/cli.h"
int
cmd_polytope(int argc, char ** argv)
{
    (void) argc;
    fprintf(stderr, "relucert %s: not implemented yet\n", argv[0]);
    return CLI_EXIT_UNSUPPORTED;
}
int
cmd_faces(int argc, char ** argv)
{
    (void) argc;
    fprintf(stderr, "relucert %s: not implemented yet\n", argv[0]);
    return CLI_EXIT_UNSUPPORTED;
}
int
cmd_polar(int argc, char ** argv)
{
    (void) argc;
    fprintf(stderr, "relucert %s: not implemented yet\n", argv[0]);
    return CLI_EXIT_UNSUPPORTED;
}
