/* relucert boundary: the decision boundary {f = T} as a complex, its class
   (boundary_analyze, src/boundary/analyze.c). */
#include "cli/cli.h"

static const char * boundary_help =
"usage: relucert boundary NET [--threshold T] [--output i] [--box LO,HI | --domain FILE | --whole]\n"
"                         [--json] [--list] [--check-faces] [--certificate FILE]\n"
"\n"
"The decision boundary {x in domain : f_i(x) = T} of output i of the network NET as a\n"
"polyhedral complex (default domain R^n, unbounded pieces included), exactly: the regions\n"
"of the network are cut by {f_i = T} and the faces lying in it are counted.\n"
"For one hidden layer of width n on R^n, also the class k of the boundary modulo affine\n"
"maps with its certificate (proofs/one-layer/classification.md):\n"
"f(x) = c . relu(W x + b) + c0, c0' = c0 - T, k = #{i : sign c_i = -sign c0'}, and with\n"
"z = A x + a = P diag(|c_i|/|c0'|)(W x + b) (P puts those k neurons first)\n"
"    f(x) - T = -c0' (g_k(z) - 1),  g_k(z) = sum_{p<k} relu(z_p) - sum_{p>=k} relu(z_p).\n"
"The identity is checked exactly on every region of R^n cut by {f = T}, and the boundary\n"
"complex over R^n must have 2^n - 2^(n-k) pieces (and the f-vector of the class); any\n"
"difference is an internal error (exit 70). k = 0 means the boundary is empty.\n"
"Singular W, a zero output weight or c0 = T are reported as degenerate, never classified.\n"
"\n"
"options:\n"
"  --threshold T     the level T (a rational: integer, p/q or decimal; default 0)\n"
"  --output i        which output f_i (0-based; default 0)\n"
"  --box LO,HI       the cube [LO,HI]^n\n"
"  --domain FILE     the polyhedron {x : A x <= b} from {\"A\": [[...]], \"b\": [...]}\n"
"  --whole           all of R^n (the default)\n"
"  --json            one JSON object on stdout (keys below)\n"
"  --check-faces     count the boundary's faces a second way (global table of sign vectors)\n"
"  --list            every flat piece (in --json as \"piece_list\", else one line each)\n"
"  --certificate FILE  (one hidden layer of width n) write the class with the map A, a, A^-1,\n"
"                    the permutation and factors lambda, or the evidence of the degenerate\n"
"                    reason, for `relucert-check CERT NET` (proofs/CHECKER.md)\n"
"  --help            this text\n"
"\n"
"JSON keys: input_dim, domain, output, threshold (\"p/q\"), pieces (the (n-1)-dimensional flat\n"
"  pieces: faces of dimension n-1 of the boundary complex; where f = T on a whole region its\n"
"  facets count too), fvector [f_0..f_n] of the boundary complex (faces of the network's\n"
"  complex cut by {f = T} that lie in {f = T}; domain boundary faces included; over R^n\n"
"  unbounded faces count), full_dimensional_pieces (regions on which f = T identically;\n"
"  = f_n), euler (sum (-1)^i f_i: over R^n the Euler characteristic with compact support),\n"
"  cells (regions of the network cut by {f = T}), cells_below / cells_above (those in\n"
"  {f <= T} / {f >= T}), components (connected components of {f = T} in the domain, by\n"
"  union-find over the faces' sign vectors), faces_checked, version.\n"
"  Piece records (--list): index, signs (-, 0, + per hidden neuron on the piece), hyperplane\n"
"  {a, c} (the piece lies in a . x + c = 0: primitive integers, a lexicographically\n"
"  positive; f = T there, so it is the pre-image of the level under the affine map of\n"
"  the region holding it), vertices, rays, lineality (when not zero), in the order the\n"
"  enumeration meets them.\n"
"  Bounded domains (--box, --domain) only: betti [b_0..b_n] and torsion (one list per\n"
"  dimension) of the integral homology of {f = T} in the domain (cellular, from the\n"
"  boundary complex; its Euler characteristic must equal the f-vector's and b_0 the\n"
"  components).\n"
"  One hidden layer of width n only: class (k, or null), and\n"
"    with a class: class_pieces (2^n - 2^(n-k): pieces over R^n, checked), class_fvector\n"
"      (f-vector over R^n predicted by the class, checked), certificate {permutation (neuron\n"
"      at each coordinate of z), A, a (z = A x + a), scale (-c0'), regions_checked};\n"
"    with class null: degenerate (\"singular W\", \"zero output weight\" or \"c0 = threshold\",\n"
"      the first that applies), degenerate_reasons (all that apply), degenerate_note (what\n"
"      holds instead), rank (of W), zero_output_weights.\n"
"\n"
"examples:\n"
"  relucert boundary data/default.json --box -1,1 --threshold 0\n"
"  relucert boundary data/default.json --box -1,1 --threshold 0 --json --list\n";

typedef struct
{
    const net_struct * net;
    const boundary_analysis_struct * A;
}
boundary_cert_args;

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    const boundary_cert_args * a = data;
    return cert_boundary_write(fp, a->net, a->A->output, a->A->T, a->A->K, err);
}

int
cmd_boundary(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * tstr = NULL, * cert_path = NULL, * pos[1];
    slong output = 0;
    int json = 0, check_faces = 0, list = 0;
    const cli_opt opts[] = { CLI_OPT_THRESHOLD(&tstr), { "output", CLI_SLONG, &output, 0, 1e18, 0, 0 },
                             CLI_OPTS_DOMAIN(&dom), CLI_OPT_JSON(&json),
                             { "check-faces", CLI_FLAG, &check_faces, 0, 0, 0, 0 }, CLI_OPT_LIST(&list),
                             CLI_OPT_CERTIFICATE(&cert_path), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "boundary", boundary_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;

    rc_error_t err;
    cli_input_t in;
    boundary_analysis_t A;
    rc_error_init(err);
    cli_input_init(in);
    boundary_analysis_init(A);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, tstr, NULL, 0 }, err);
    const net_struct * net = in->net;
    slong n = net->input_dim;
    if (status == RELU_OK && cert_path != NULL && !(net->nlayers == 2 && net_layer_width(net, 0) == n))
        status = rc_error_set(err, RELU_E_UNSUPPORTED,
            "--certificate: classification certificates need one hidden layer of width input_dim = %ld", (long) n);
    if (status == RELU_OK && cert_path != NULL && net_has_shortcuts(net))
        status = rc_error_set(err, RELU_E_UNSUPPORTED, "boundary --certificate: networks with shortcuts are not supported yet");
    if (status == RELU_OK)
        status = boundary_analyze(A, in->net, pos[0], output, in->T, in->domain, in->desc, check_faces, list, err);
    if (status == RELU_OK && cert_path != NULL)
        status = cli_write_certificate(cert_path, err, _write_cert, &(boundary_cert_args){ in->net, A });
    /* indented for a summary; compact when it holds every piece */
    if (status == RELU_OK)
        status = (list ? cli_write_result_compact : cli_write_result)(json,
            (cli_writer_json) boundary_analysis_write_json, (cli_writer_text) boundary_analysis_write_text, A, err);
    rc = status ? cli_fail("boundary", err) : CLI_EXIT_OK;
    boundary_analysis_clear(A);
    cli_input_clear(in);
    return rc;
}
