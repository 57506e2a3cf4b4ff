#include <string.h>
#include "cli/cli.h"

static const char * lower_help =
"usage: relucert lower NET [--out OUT.json [--json]]\n"
"\n"
"The version-1 network (doc/FORMAT.md) every command analyses for NET: a graph (format\n"
"version 2) lowered exactly to a ReLU network with shortcuts, one neuron per piece boundary of\n"
"every unit, with meta.lowered_from mapping units to neurons; a version-1 file is written back\n"
"in canonical form. The output can be given to relucert-check with a certificate of the graph.\n"
"\n"
"  -o, --out FILE      write the network to FILE (default: stdout, one line)\n"
"  --json              with --out: a JSON summary on stdout (input_dim, widths, hidden_neurons,\n"
"                      outputs, shortcuts, out)\n"
"\n"
"examples:\n"
"  relucert lower data/graph-residual.json --out residual-v1.json --json\n"
"  relucert regions residual-v1.json --box -2,2\n";

int
cmd_lower(int argc, char ** argv)
{
    const char * out = NULL, * pos[1];
    int json = 0;
    const cli_opt opts[] = { CLI_OPT_OUT(&out), CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "lower", lower_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (json && out == NULL)
        return cli_usage_error("lower", "--json needs --out (the network itself goes to stdout otherwise)");
    rc_error_t err;
    net_t net;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file_flags(net, NULL, pos[0], NET_READ_GROUPS, err);
    if (status == RELU_OK && out != NULL)
        status = net_write_file(out, net, err);
    else if (status == RELU_OK)
    {
        jout_t o;
        jout_init(o, stdout, 0, 1);
        net_write_jout(o, net);
        jout_clear(o);
        status = cli_check_stdout(err);
    }
    if (status == RELU_OK && json)
    {
        jout_t o;
        jout_init(o, stdout, 1, 0);
        jout_begin_object(o);
        net_write_shape_keys(o, net, out);
        jout_end_object(o);
        jout_clear(o);
        status = cli_check_stdout(err);
    }
    rc = status ? cli_fail("lower", err) : CLI_EXIT_OK;
    net_clear(net);
    return rc;
}
