/* relucert layer: the anatomy of one ReLU layer (boundary_layer_analyze,
   src/boundary/layer_analyze.c). */
#include "cli/cli.h"

static const char * layer_help =
"usage: relucert layer NET [--layer k] [--list] [--json]\n"
"\n"
"Anatomy of hidden layer k (1-based; default 1) of NET as a map x -> relu(W x + b) on its\n"
"own input space R^n (n = input_dim for k = 1, else the width of layer k-1); W is m x n.\n"
"Sectors: the full-dimensional regions of R^n cut by the m hyperplanes w_i . x + b_i = 0;\n"
"on the sector with active set J, relu(W x + b) = D_J (W x + b). C = {x : W x + b >= 0}.\n"
"- W of full row rank (m <= n): relu(W x + b) = W pi(x) + b with\n"
"  pi(x) = x + W+ relu(-(W x + b)), W+ = W^T (W W^T)^-1, the projection onto C in the inner\n"
"  product (W u).(W v) + (Q u).(Q v) (Q: orthogonal projector onto ker W); on every sector\n"
"  pi(x) = P_J x + q_J and W P_J = D_J W, W q_J + b = D_J b are checked exactly.\n"
"- W square and invertible: also the apex x* = -W^-1 b (all hyperplanes meet there), the dual\n"
"  bases (rows w_i of W, columns v_j of W^-1, checked W W^-1 = I), 2^n sectors (checked) and\n"
"  pi(x) = x* + sum_{j in J} (w_j . (x - x*)) v_j (checked equal to the above).\n"
"- Any W: a sector factorises (some affine pi_J with relu(W x + b) = W pi_J(x) + b on it)\n"
"  iff the columns of D_J W and (D_J - I) b lie in the column space of W (decided exactly).\n"
"See proofs/one-layer/layer.md. A failed check is an internal error (exit 70).\n"
"\n"
"options:\n"
"  --layer k     the hidden layer (1-based)\n"
"  --list        every sector (in --json as \"sector_list\")\n"
"  --json        one JSON object on stdout (keys below)\n"
"  --help        this text\n"
"\n"
"JSON keys: layer, input_dim (n), neurons (m), rank, full_row_rank, square_invertible,\n"
"  cone {A, b} (C as A x <= b: A = -W, b = b), sectors, factorising_sectors,\n"
"  verified_sectors (identity checked; all sectors when W has full row rank),\n"
"  right_inverse (W+, n x m; full row rank only), apex and dual_bases {rows, columns}\n"
"  (square invertible only: columns are the v_j), version.\n"
"Sector records (--list): index, pattern (0/1 per neuron), interior_point, factorises,\n"
"  projection {P, q} (pi(x) = P x + q on the sector; full row rank only).\n"
"\n"
"examples:\n"
"  relucert layer data/default.json --layer 1\n"
"  relucert layer data/default.json --layer 1 --json --list\n";

int
cmd_layer(int argc, char ** argv)
{
    const char * pos[1];
    slong k = 1;
    int json = 0, list = 0;
    const cli_opt opts[] = { { "layer", CLI_SLONG, &k, 1, 1e18, 0, 0 }, CLI_OPT_LIST(&list), CLI_OPT_JSON(&json),
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "layer", layer_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;

    rc_error_t err;
    net_t net;
    boundary_layer_analysis_t A;
    rc_error_init(err);
    net_init(net);
    boundary_layer_analysis_init(A);
    int status = net_read_file(net, pos[0], err);
    slong H = net_num_hidden_layers(net);
    if (status == RELU_OK && k > H && H == 0)
        status = rc_error_set(err, RELU_E_INPUT, "--layer %ld: the network has no hidden layer", (long) k);
    else if (status == RELU_OK && k > H)
        status = rc_error_set(err, RELU_E_INPUT, "--layer %ld: hidden layers are 1..%ld", (long) k, (long) H);
    if (status == RELU_OK)
        status = boundary_layer_analyze(A, net, pos[0], k, list, err);
    /* indented for a summary; compact when it holds every sector */
    if (status == RELU_OK)
        status = (list ? cli_write_result_compact : cli_write_result)(json,
            (cli_writer_json) boundary_layer_analysis_write_json, (cli_writer_text) boundary_layer_analysis_write_text,
            A, err);
    rc = status ? cli_fail("layer", err) : CLI_EXIT_OK;
    boundary_layer_analysis_clear(A);
    net_clear(net);
    return rc;
}
