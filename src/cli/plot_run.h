/* The work of `relucert plot` behind its option parsing (src/cli/cmd_plot.c):
   reads the networks, the domain and the data set, builds and writes the figure. */
#ifndef RELUCERT_CLI_PLOT_RUN_H
#define RELUCERT_CLI_PLOT_RUN_H

#include "cli/cli.h"

typedef struct
{
    const char * box, * rect, * domain;   /* one of them */
    const char * data;                    /* data set {"X", "y"} or NULL */
    const char * threshold;
    const char * out;
    int json;
}
cli_plot_args;

/* nets: n network files, one panel each */
int cli_plot_run(const char * const * nets, int n, const cli_plot_args * a, plot_options * o, rc_error_t err);

#endif
