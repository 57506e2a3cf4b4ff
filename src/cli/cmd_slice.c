/* relucert slice: the network on a line or plane through data points (library: net/slice.c). */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * slice_help =
"usage: relucert slice NET --points FILE [--out OUT.json] [--json]\n"
"       relucert slice NET --origin P --directions FILE [--out OUT.json] [--json]\n"
"\n"
"The network restricted to the affine hull of k+1 points p0..pk,\n"
"x = p0 + sum_i t_i (p_i - p0), written as a network with k inputs t (exact\n"
"composition with the first layer: W0 (p_i - p0), b0 + W0 p0). The regions of\n"
"the slice are exactly the intersections of the network's regions with that\n"
"line or plane, so regions, plot, homology and dualgraph on the slice give\n"
"the exact partition of the plane (point p_i is t = e_i, p0 is t = 0). The sliced\n"
"network's meta is {\"slice\": {\"original_input_dim\": n, \"points\": [t_0, ..., t_k]}}\n"
"(the points in slice coordinates; with --origin only t = 0): `plot` marks them.\n"
"\n"
"options:\n"
"  --points FILE       k+1 affinely independent points: a JSON array of points, or a\n"
"                      data set {\"X\": [[...], ...]} (or {\"points\": ...}); exact numbers\n"
"  --origin P          the origin as a comma-separated list (with --directions)\n"
"  --directions FILE   k linearly independent directions, same format as --points\n"
"  -o, --out FILE      write the sliced network to FILE (default: stdout)\n"
"  --json              with --out: a JSON summary on stdout (input_dim, original_input_dim,\n"
"                      points, out)\n"
"  --help              this text\n"
"\n"
"examples:\n"
"  relucert slice data/slice/net12.json --points data/slice/three-points.json --out plane.json\n"
"  relucert regions plane.json --box -1,2 --json\n"
"  relucert plot plane.json --box -1,2 --out plane.png\n";

static int
slice_build(net_t S, const net_t net, const char * points, const char * origin, const char * dirs, slong * npts,
            rc_error_t err)
{
    fmpq_mat_t P;
    fmpq_mat_init(P, 0, 0);
    int st;
    if (points != NULL)
    {
        st = net_read_points_file(P, points, net->input_dim, err);
        if (st == RELU_OK)
            st = net_slice_points(S, net, P, err);
        *npts = P->r;
    }
    else
    {
        fmpq * o = NULL;
        st = num_parse_list(&o, NULL, origin, net->input_dim, err);
        if (st != RELU_OK)
        {
            char msg[2048];
            snprintf(msg, sizeof(msg), "%s", err->msg);
            st = rc_error_set(err, st, "--origin: %s", msg);
        }
        if (st == RELU_OK)
            st = net_read_points_file(P, dirs, net->input_dim, err);
        if (st == RELU_OK)
            st = net_slice_affine(S, net, o, P, err);
        *npts = P->r + 1;
        if (o != NULL)
            _fmpq_vec_clear(o, net->input_dim);
    }
    fmpq_mat_clear(P);
    return st;
}

int
cmd_slice(int argc, char ** argv)
{
    const char * points = NULL, * origin = NULL, * dirs = NULL, * out = NULL, * pos[1];
    int json = 0;
    const cli_opt opts[] = { { "points", CLI_STR, &points, 0, 0, 0, 0 }, { "origin", CLI_STR, &origin, 0, 0, 0, 0 },
                             { "directions", CLI_STR, &dirs, 0, 0, 0, 0 }, CLI_OPT_OUT(&out),
                             CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "slice", slice_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if ((points != NULL) == (origin != NULL || dirs != NULL) || (points == NULL && (origin == NULL || dirs == NULL)))
        return cli_usage_error("slice", "give either --points FILE, or --origin P with --directions FILE");
    if (json && out == NULL)
        return cli_usage_error("slice", "--json needs --out (the network itself goes to stdout otherwise)");

    rc_error_t err;
    net_t net, S;
    rc_error_init(err);
    net_init(net);
    net_init(S);
    slong npts = 0;
    int st = net_read_file_flags(net, NULL, pos[0], NET_READ_GROUPS, err);
    if (st == RELU_OK)
        st = slice_build(S, net, points, origin, dirs, &npts, err);
    if (st == RELU_OK)
    {
        if (out != NULL)
            st = net_write_file(out, S, err);
        else
        {
            jout_t o;
            jout_init(o, stdout, 0, 1);
            net_write_jout(o, S);
            jout_clear(o);
            if (fflush(stdout) != 0 || ferror(stdout))
                st = rc_error_set(err, RELU_E_IO, "cannot write the network to stdout");
        }
    }
    if (st == RELU_OK && json)
    {
        jout_t o;
        jout_init(o, stdout, 1, 0);
        jout_begin_object(o);
        jout_key(o, "input_dim");
        jout_int(o, S->input_dim);
        jout_key(o, "original_input_dim");
        jout_int(o, net->input_dim);
        jout_key(o, "points");
        jout_int(o, npts);
        jout_key(o, "out");
        jout_string(o, out);
        jout_end_object(o);
        jout_clear(o);
    }
    rc = st ? cli_fail("slice", err) : CLI_EXIT_OK;
    net_clear(S);
    net_clear(net);
    return rc;
}
