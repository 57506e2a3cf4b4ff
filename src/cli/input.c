/* The inputs most analyses start from (a network, the threshold, the output,
   the domain), read in one order so every command reports the same first error. */
#include "cli/cli.h"

void
cli_input_init(cli_input_t in)
{
    net_init(in->net);
    poly_init(in->domain, 0);
    fmpq_init(in->T);
    in->output = 0;
    in->desc[0] = '\0';
}

void
cli_input_clear(cli_input_t in)
{
    fmpq_clear(in->T);
    poly_clear(in->domain);
    net_clear(in->net);
}

int
cli_input_read(cli_input_t in, const char * path, const cli_input_args * a, rc_error_t err)
{
    int status = net_read_file_flags(in->net, NULL, path, NET_READ_GROUPS, err);
    if (status != RELU_OK)
        return status;
    /* the domain lives in the network's input space (R^n until a domain is built) */
    poly_clear(in->domain);
    poly_init(in->domain, in->net->input_dim);
    if (a->threshold != NULL)
        status = cli_parse_threshold(in->T, a->threshold, err);
    if (status == RELU_OK && a->select_output)
        status = cli_select_output(&in->output, in->net, a->output, err);
    if (status == RELU_OK && a->dom != NULL)
        status = cli_domain_build(in->domain, in->desc, a->dom, in->net->input_dim, err);
    return status;
}

int
cli_opts_stop(int * rc, const char * cmd, const char * help, int argc, char ** argv, const cli_opt * opts,
              const char ** pos, int minpos, int maxpos, int * npos, const char * posname)
{
    *rc = cli_opts_parse(cmd, help, argc, argv, opts, pos, minpos, maxpos, npos, posname);
    if (*rc == CLI_PARSED)
        return 0;
    if (*rc == CLI_HELP_SHOWN)
        *rc = CLI_EXIT_OK;
    return 1;
}
