#include <getopt.h>
#include <stdlib.h>
#include <string.h>
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
"      holds instead), rank (of W), zero_output_weights.\n";

static const char *
degenerate_note(int status)
{
    switch (status)
    {
        case BOUNDARY_SINGULAR_W:
            return "the hyperplanes of the hidden neurons do not meet in exactly one point, so there "
                   "is no sector decomposition about an apex; the boundary complex above is all that is claimed";
        case BOUNDARY_ZERO_OUTPUT_WEIGHT:
            return "f does not depend on the neurons with c_i = 0; as W is invertible, f is constant along "
                   "the columns v_i of W^-1 for those i, so the boundary is a cylinder over the boundary "
                   "of a narrower network";
        case BOUNDARY_C0_IS_THRESHOLD:
            return "f - T = c . relu(W x + b) is positively homogeneous about the apex x* = -W^-1 b, so "
                   "the boundary is a union of rays from x* (a cone), not one of the classes";
        default:
            return NULL;
    }
}

typedef struct
{
    jout_struct * out;     /* JSON list, or NULL for text */
    slong n;
}
piece_list_ctx;

/* one piece: signs, hyperplane, vertices, rays, lineality */
static int
on_piece(void * data, const boundary_piece_struct * p)
{
    piece_list_ctx * x = data;
    const poly_struct * P = p->P;
    slong n = x->n;
    fmpq * v = _fmpq_vec_init(n);
    if (x->out != NULL)
    {
        jout_struct * out = x->out;
        jout_begin_object(out);
        jout_key(out, "index");
        jout_int(out, p->index);
        jout_key(out, "signs");
        jout_string(out, p->signs);
        jout_key(out, "hyperplane");
        jout_begin_object(out);
        jout_key(out, "a");
        jout_fmpz_vec(out, p->hyperplane + 1, n);
        jout_key(out, "c");
        jout_fmpz(out, p->hyperplane);
        jout_end_object(out);
        jout_key(out, "vertices");
        jout_begin_array(out);
        for (slong g = 0; g < P->ngens; g++)
            if (bs_test(p->face, g) && poly_gen_is_vertex(P, g))
            {
                poly_gen_get_fmpq(v, P, g);
                jout_fmpq_vec(out, v, n);
            }
        jout_end_array(out);
        jout_key(out, "rays");
        jout_begin_array(out);
        for (slong g = 0; g < P->ngens; g++)
            if (bs_test(p->face, g) && !poly_gen_is_vertex(P, g))
                jout_fmpz_vec(out, poly_gen(P, g) + 1, n);
        jout_end_array(out);
        if (P->nlin > 0)
        {
            jout_key(out, "lineality");
            jout_begin_array(out);
            for (slong l = 0; l < P->nlin; l++)
                jout_fmpz_vec(out, poly_lin(P, l) + 1, n);
            jout_end_array(out);
        }
        jout_end_object(out);
    }
    else
    {
        printf("  piece %ld  signs %s  on (", (long) p->index, p->signs[0] ? p->signs : "(none)");
        for (slong j = 0; j < n; j++)
        {
            char * c = fmpz_get_str(NULL, 10, p->hyperplane + 1 + j);
            printf("%s%s", j ? ", " : "", c);
            flint_free(c);
        }
        fmpz_t mc;
        fmpz_init(mc);
        fmpz_neg(mc, p->hyperplane);
        char * c = fmpz_get_str(NULL, 10, mc);
        printf(") . x = %s\n", c);
        flint_free(c);
        fmpz_clear(mc);
    }
    _fmpq_vec_clear(v, n);
    return 0;
}

static int
parse_output(slong * out, const char * s, rc_error_t err)
{
    char * end;
    long v;
    if (*s < '0' || *s > '9')
        return rc_error_set(err, RELU_E_INPUT, "--output: expected a non-negative integer, got \"%s\"", s);
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < 0 || v > WORD_MAX / 2)
        return rc_error_set(err, RELU_E_INPUT, "--output: expected a non-negative integer, got \"%s\"", s);
    *out = v;
    return RELU_OK;
}

static void
write_class_json(jout_t out, const boundary_class_t K)
{
    slong d = K->d;
    if (K->status != BOUNDARY_CLASSIFIED)
    {
        jout_key(out, "class");
        jout_null(out);
        jout_key(out, "degenerate");
        jout_string(out, boundary_degenerate_str(K->status));
        jout_key(out, "degenerate_reasons");
        jout_begin_array(out);
        for (int r = 1; r <= BOUNDARY_C0_IS_THRESHOLD; r <<= 1)
            if (K->reasons & r)
                jout_string(out, boundary_degenerate_str(r));
        jout_end_array(out);
        jout_key(out, "degenerate_note");
        jout_string(out, degenerate_note(K->status));
        jout_key(out, "rank");
        jout_int(out, K->rank);
        jout_key(out, "zero_output_weights");
        jout_int(out, K->zero_weights);
        return;
    }
    slong * fv = flint_malloc((d + 1) * sizeof(slong));
    boundary_class_fvector(fv, d, K->k);
    jout_key(out, "class");
    jout_int(out, K->k);
    jout_key(out, "class_pieces");
    jout_int(out, boundary_class_pieces(d, K->k));
    jout_key(out, "class_fvector");
    jout_begin_array(out);
    for (slong j = 0; j <= d; j++)
        jout_int(out, fv[j]);
    jout_end_array(out);
    jout_key(out, "certificate");
    jout_begin_object(out);
    jout_key(out, "permutation");
    jout_begin_array(out);
    for (slong p = 0; p < d; p++)
        jout_int(out, K->perm[p]);
    jout_end_array(out);
    jout_key(out, "A");
    jout_begin_array(out);
    for (slong p = 0; p < d; p++)
        jout_fmpq_vec(out, K->A->rows[p], d);
    jout_end_array(out);
    jout_key(out, "a");
    jout_fmpq_vec(out, K->a, d);
    jout_key(out, "scale");
    jout_fmpq(out, K->scale);
    jout_key(out, "regions_checked");
    jout_int(out, K->regions_checked);
    jout_end_object(out);
    flint_free(fv);
}

static void
write_class_text(const boundary_class_t K)
{
    slong d = K->d;
    if (K->status != BOUNDARY_CLASSIFIED)
    {
        printf("class: none, degenerate (%s", boundary_degenerate_str(K->status));
        for (int r = K->status << 1; r <= BOUNDARY_C0_IS_THRESHOLD; r <<= 1)
            if (K->reasons & r)
                printf("; also %s", boundary_degenerate_str(r));
        printf("); rank of W %ld, zero output weights %ld\n  %s\n", (long) K->rank, (long) K->zero_weights,
               degenerate_note(K->status));
        return;
    }
    slong pc = boundary_class_pieces(d, K->k);
    printf("class: k = %ld (classes 0..%ld in R^%ld; boundary %s, %ld piece%s over R^%ld)\n", (long) K->k,
           (long) d, (long) d, K->k == 0 ? "empty" : "non-empty", (long) pc, pc == 1 ? "" : "s", (long) d);
    char * s = num_get_str(K->scale);
    printf("certificate: f(x) - T = %s (g_%ld(A x + a) - 1), z = A x + a with\n", s, (long) K->k);
    flint_free(s);
    for (slong p = 0; p < d; p++)
    {
        printf("  z_%ld = (", (long) p);
        for (slong j = 0; j < d; j++)
        {
            s = num_get_str(fmpq_mat_entry(K->A, p, j));
            printf("%s%s", j ? ", " : "", s);
            flint_free(s);
        }
        s = num_get_str(K->a + p);
        printf(") . x + %s   (neuron %ld, %s)\n", s, (long) K->perm[p], p < K->k ? "+" : "-");
        flint_free(s);
    }
    printf("verified exactly on %ld regions of R^%ld cut by {f = T}; boundary f-vector over R^%ld:",
           (long) K->regions_checked, (long) d, (long) d);
    for (slong j = 0; j <= d; j++)
        printf(" %ld", (long) K->fvec[j]);
    printf(" (as the class predicts)\n");
}

typedef struct
{
    const net_struct * net;
    slong output;
    const fmpq * T;
    const boundary_class_struct * K;
}
boundary_cert_args;

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    boundary_cert_args * a = data;
    return cert_boundary_write(fp, a->net, a->output, a->T, a->K, err);
}

int
cmd_boundary(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "threshold", required_argument, 0, 't' }, { "output", required_argument, 0, 'o' },
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "json", no_argument, 0, 'j' },
        { "check-faces", no_argument, 0, 'c' }, { "list", no_argument, 0, 'l' },
        { "help", no_argument, 0, 'h' }, { "certificate", required_argument, 0, 'C' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    int json = 0, check_faces = 0, list = 0, c;
    const char * tstr = NULL, * ostr = NULL, * cert_path = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 't': tstr = optarg; break;
            case 'o': ostr = optarg; break;
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'j': json = 1; break;
            case 'c': check_faces = 1; break;
            case 'l': list = 1; break;
            case 'C': cert_path = optarg; break;
            case 'h': fputs(boundary_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("boundary", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("boundary", optind >= argc ? "missing network file" : "expected one network file");
    const char * path = argv[optind];

    rc_error_t err;
    fmpq_t T;
    slong output = 0;
    rc_error_init(err);
    fmpq_init(T);
    if (tstr != NULL && num_parse_fmpq(T, tstr, strlen(tstr), err))
    {
        rc_error_prefix(err, "--threshold");
        fmpq_clear(T);
        return cli_fail("boundary", err);
    }
    if (ostr != NULL && parse_output(&output, ostr, err))
    {
        fmpq_clear(T);
        return cli_fail("boundary", err);
    }
    net_t net;
    net_init(net);
    if (net_read_file(net, path, err))
    {
        net_clear(net);
        fmpq_clear(T);
        return cli_fail("boundary", err);
    }
    slong n = net->input_dim;
    poly_t domain;
    char desc[256];
    poly_init(domain, n);
    boundary_t B;
    boundary_class_t K;
    boundary_init(B, n);
    boundary_class_init(K, n);
    int status = cli_domain_build(domain, desc, &dom, n, err);
    if (status == RELU_OK && cert_path != NULL && !(net->nlayers == 2 && net_layer_width(net, 0) == n))
        status = rc_error_set(err, RELU_E_UNSUPPORTED,
            "--certificate: classification certificates need one hidden layer of width input_dim = %ld", (long) n);
    jout_t out;
    piece_list_ctx pctx = { NULL, n };
    int jout_started = 0;
    if (status == RELU_OK && json)
    {
        /* indented for a summary; compact when it holds every piece */
        jout_init(out, stdout, !list, 0);
        jout_started = 1;
        jout_begin_object(out);
        if (list)
        {
            jout_key(out, "piece_list");
            jout_begin_array(out);
            pctx.out = out;
        }
    }
    if (status == RELU_OK)
        status = boundary_compute_pieces(B, net, output, T, domain, check_faces, list ? on_piece : NULL, &pctx,
                                         err);
    /* the classification applies to one hidden layer of width n; other shapes get no class key */
    int classify = status == RELU_OK && net->nlayers == 2 && net_layer_width(net, 0) == n;
    if (classify)
        status = boundary_classify(K, net, output, T, err);
    if (classify && status == RELU_OK && K->status == BOUNDARY_CLASSIFIED)
        status = boundary_class_verify(K, net, output, T, err);
    if (status == RELU_OK && cert_path != NULL && classify)
        status = cli_write_certificate(cert_path, err, _write_cert, &(boundary_cert_args){ net, output, T, K });
    /* homology (bounded domains): its Euler characteristic must be the complex's */
    homology_t HB;
    homology_init(HB);
    int have_homology = 0;
    if (status == RELU_OK && poly_is_bounded(domain))
    {
        status = boundary_homology(HB, net, output, T, domain, err);
        have_homology = status == RELU_OK;
        if (have_homology && homology_euler(HB) != boundary_euler(B))
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: Euler characteristic %ld from the homology of the boundary, %ld from its f-vector",
                (long) homology_euler(HB), (long) boundary_euler(B));
        else if (have_homology && HB->betti[0] != B->components)
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: b_0 of the boundary is %ld, but %ld connected components by union-find",
                (long) HB->betti[0], (long) B->components);
    }
    /* over R^n the two computations of the boundary complex must agree */
    if (classify && status == RELU_OK && K->status == BOUNDARY_CLASSIFIED && dom.box == NULL && dom.file == NULL)
        for (slong j = 0; j <= n && status == RELU_OK; j++)
            if (B->fvec[j] != K->fvec[j])
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "internal error: boundary f_%ld is %ld, but %ld in the classification run",
                    (long) j, (long) B->fvec[j], (long) K->fvec[j]);

    if (pctx.out != NULL)
        jout_end_array(out);
    if (status == RELU_OK && json)
    {
        jout_key(out, "input_dim");
        jout_int(out, n);
        jout_key(out, "domain");
        jout_string(out, desc);
        jout_key(out, "output");
        jout_int(out, output);
        jout_key(out, "threshold");
        jout_fmpq_str(out, T);
        jout_key(out, "pieces");
        jout_int(out, B->pieces);
        jout_key(out, "fvector");
        jout_begin_array(out);
        for (slong j = 0; j <= n; j++)
            jout_int(out, B->fvec[j]);
        jout_end_array(out);
        jout_key(out, "full_dimensional_pieces");
        jout_int(out, B->full_pieces);
        jout_key(out, "euler");
        jout_int(out, boundary_euler(B));
        jout_key(out, "cells");
        jout_int(out, B->cells);
        jout_key(out, "cells_below");
        jout_int(out, B->below);
        jout_key(out, "cells_above");
        jout_int(out, B->above);
        jout_key(out, "components");
        jout_int(out, B->components);
        if (have_homology)
        {
            jout_key(out, "betti");
            jout_begin_array(out);
            for (slong j = 0; j <= n; j++)
                jout_int(out, j <= HB->top ? HB->betti[j] : 0);
            jout_end_array(out);
            jout_key(out, "torsion");
            jout_begin_array(out);
            for (slong j = 0; j <= n; j++)
            {
                jout_begin_array(out);
                for (slong t = 0; j <= HB->top && t < HB->ntorsion[j]; t++)
                    jout_fmpz(out, HB->torsion[j] + t);
                jout_end_array(out);
            }
            jout_end_array(out);
        }
        if (classify)
            write_class_json(out, K);
        jout_key(out, "faces_checked");
        jout_bool(out, check_faces);
        jout_key(out, "version");
        jout_string(out, RELUCERT_VERSION);
    }
    if (jout_started)
    {
        jout_end_object(out);
        jout_clear(out);
    }
    if (status == RELU_OK && !json)
    {
        char * ts = num_get_str(T);
        printf("network %s: decision boundary {f_%ld = %s} in %s\n", path, (long) output, ts, desc);
        flint_free(ts);
        printf("pieces (faces of dimension %ld): %ld; full-dimensional pieces (f = T on a region): %ld\n",
               (long) (n - 1), (long) B->pieces, (long) B->full_pieces);
        printf("f-vector of the boundary complex:");
        for (slong j = 0; j <= n; j++)
            printf(" %ld", (long) B->fvec[j]);
        printf("\nconnected components: %ld\n", (long) B->components);
        printf("regions cut by the level: %ld (%ld below, %ld above)\n", (long) B->cells, (long) B->below,
               (long) B->above);
        if (have_homology)
        {
            printf("homology of the boundary: Betti numbers");
            for (slong j = 0; j <= n; j++)
                printf(" %ld", (long) (j <= HB->top ? HB->betti[j] : 0));
            for (slong j = 0; j <= n && j <= HB->top; j++)
                if (HB->ntorsion[j] > 0)
                    printf(" (torsion in H_%ld)", (long) j);
            printf("\n");
        }
        if (classify)
            write_class_text(K);
        if (check_faces)
            printf("faces checked: counted again through a global table of sign vectors\n");
    }

    int rc = status ? cli_fail("boundary", err) : CLI_EXIT_OK;
    homology_clear(HB);
    boundary_class_clear(K);
    boundary_clear(B);
    poly_clear(domain);
    net_clear(net);
    fmpq_clear(T);
    return rc;
}

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
"  projection {P, q} (pi(x) = P x + q on the sector; full row rank only).\n";

typedef struct
{
    jout_struct * out;
    int text;
    slong m, n;
}
layer_list_ctx;

static int
on_sector(void * data, const layer_sector_struct * S)
{
    layer_list_ctx * x = data;
    char * pat = flint_malloc(x->m + 1);
    for (slong i = 0; i < x->m; i++)
        pat[i] = S->active[i] ? '1' : '0';
    pat[x->m] = '\0';
    fmpq * ip = _fmpq_vec_init(x->n);
    poly_interior_point(ip, S->P);
    if (x->out != NULL)
    {
        jout_begin_object(x->out);
        jout_key(x->out, "index");
        jout_int(x->out, S->index);
        jout_key(x->out, "pattern");
        jout_string(x->out, pat);
        jout_key(x->out, "interior_point");
        jout_fmpq_vec(x->out, ip, x->n);
        jout_key(x->out, "factorises");
        jout_bool(x->out, S->factorises);
        if (S->Pj != NULL)
        {
            jout_key(x->out, "projection");
            jout_begin_object(x->out);
            jout_key(x->out, "P");
            jout_begin_array(x->out);
            for (slong j = 0; j < x->n; j++)
                jout_fmpq_vec(x->out, S->Pj->rows[j], x->n);
            jout_end_array(x->out);
            jout_key(x->out, "q");
            jout_fmpq_vec(x->out, S->qj, x->n);
            jout_end_object(x->out);
        }
        jout_end_object(x->out);
    }
    if (x->text)
    {
        printf("  sector %ld  pattern %s  interior point (", (long) S->index, pat);
        for (slong j = 0; j < x->n; j++)
        {
            char * v = num_get_str(ip + j);
            printf("%s%s", j ? ", " : "", v);
            flint_free(v);
        }
        printf(")  %s\n", S->factorises ? "factorises" : "does not factorise");
    }
    _fmpq_vec_clear(ip, x->n);
    flint_free(pat);
    return 0;
}

static void
write_matrix_json(jout_t out, const fmpq_mat_t M, int negate)
{
    fmpq_t t;
    fmpq_init(t);
    jout_begin_array(out);
    for (slong i = 0; i < M->r; i++)
    {
        jout_begin_array(out);
        for (slong j = 0; j < M->c; j++)
        {
            if (negate)
                fmpq_neg(t, fmpq_mat_entry(M, i, j));
            else
                fmpq_set(t, fmpq_mat_entry(M, i, j));
            jout_fmpq(out, t);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    fmpq_clear(t);
}

int
cmd_layer(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "layer", required_argument, 0, 'k' }, { "list", no_argument, 0, 'l' },
        { "json", no_argument, 0, 'j' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int json = 0, list = 0, c;
    const char * kstr = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'k': kstr = optarg; break;
            case 'l': list = 1; break;
            case 'j': json = 1; break;
            case 'h': fputs(layer_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("layer", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("layer", optind >= argc ? "missing network file" : "expected one network file");
    const char * path = argv[optind];
    rc_error_t err;
    rc_error_init(err);
    slong k = 1;
    if (kstr != NULL)
    {
        char * end;
        long v = strtol(kstr, &end, 10);
        if (*kstr < '0' || *kstr > '9' || *end != '\0' || v < 1 || v > WORD_MAX / 2)
        {
            rc_error_set(err, RELU_E_INPUT, "--layer: expected a positive integer (1-based hidden layer), got \"%s\"",
                         kstr);
            return cli_fail("layer", err);
        }
        k = v;
    }
    net_t net;
    net_init(net);
    if (net_read_file(net, path, err))
    {
        net_clear(net);
        return cli_fail("layer", err);
    }
    slong H = net_num_hidden_layers(net);
    if (k > H)
    {
        if (H == 0)
            rc_error_set(err, RELU_E_INPUT, "--layer %ld: the network has no hidden layer", (long) k);
        else
            rc_error_set(err, RELU_E_INPUT, "--layer %ld: hidden layers are 1..%ld", (long) k, (long) H);
        net_clear(net);
        return cli_fail("layer", err);
    }
    const net_layer_struct * lay = net->layers + k - 1;
    slong m = lay->W->r, n = lay->W->c;
    layer_anatomy_t L;
    layer_anatomy_init(L, m, n);
    jout_t out;
    layer_list_ctx lctx = { NULL, list && !json, m, n };
    if (json)
    {
        jout_init(out, stdout, !list, 0);
        jout_begin_object(out);
        if (list)
        {
            jout_key(out, "sector_list");
            jout_begin_array(out);
            lctx.out = out;
        }
    }
    int status = layer_anatomy_compute(L, net, k, list ? on_sector : NULL, &lctx, err);
    if (json)
    {
        if (list)
            jout_end_array(out);
        if (status == RELU_OK)
        {
            jout_key(out, "layer");
            jout_int(out, k);
            jout_key(out, "input_dim");
            jout_int(out, n);
            jout_key(out, "neurons");
            jout_int(out, m);
            jout_key(out, "rank");
            jout_int(out, L->rank);
            jout_key(out, "full_row_rank");
            jout_bool(out, L->full_row_rank);
            jout_key(out, "square_invertible");
            jout_bool(out, L->square_invertible);
            jout_key(out, "cone");
            jout_begin_object(out);
            jout_key(out, "A");
            write_matrix_json(out, lay->W, 1);
            jout_key(out, "b");
            jout_fmpq_vec(out, lay->b, m);
            jout_end_object(out);
            jout_key(out, "sectors");
            jout_int(out, L->sectors);
            jout_key(out, "factorising_sectors");
            jout_int(out, L->factorising);
            jout_key(out, "verified_sectors");
            jout_int(out, L->verified);
            if (L->full_row_rank)
            {
                jout_key(out, "right_inverse");
                write_matrix_json(out, L->Wplus, 0);
            }
            if (L->square_invertible)
            {
                jout_key(out, "apex");
                jout_fmpq_vec(out, L->apex, n);
                jout_key(out, "dual_bases");
                jout_begin_object(out);
                jout_key(out, "rows");
                write_matrix_json(out, lay->W, 0);
                jout_key(out, "columns");
                fmpq_mat_t V;
                fmpq_mat_init(V, n, n);
                fmpq_mat_transpose(V, L->Winv);
                write_matrix_json(out, V, 0);
                fmpq_mat_clear(V);
                jout_end_object(out);
            }
            jout_key(out, "version");
            jout_string(out, RELUCERT_VERSION);
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else if (status == RELU_OK)
    {
        printf("network %s, hidden layer %ld: relu(W x + b), W %ld x %ld of rank %ld\n", path, (long) k, (long) m,
               (long) n, (long) L->rank);
        printf("sectors: %ld; factorising through a projection onto C = {W x + b >= 0}: %ld\n", (long) L->sectors,
               (long) L->factorising);
        if (L->square_invertible)
        {
            printf("W square and invertible: apex x* = (");
            for (slong j = 0; j < n; j++)
            {
                char * v = num_get_str(L->apex + j);
                printf("%s%s", j ? ", " : "", v);
                flint_free(v);
            }
            printf("), dual bases checked (W W^-1 = I), 2^%ld sectors\n", (long) n);
        }
        if (L->full_row_rank)
            printf("relu(W x + b) = W pi(x) + b verified exactly on all %ld sectors\n", (long) L->verified);
        else
            printf("W has dependent rows: the factorisation is decided sector by sector (see --help)\n");
    }
    int rc = status ? cli_fail("layer", err) : CLI_EXIT_OK;
    layer_anatomy_clear(L);
    net_clear(net);
    return rc;
}
