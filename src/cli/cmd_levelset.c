/* relucert levelset: sub-, super- and level sets of a network output as
   unions of exact polyhedra; one polytope with its face lattice when convex. */
#include "cli/cli.h"

static const char * levelset_help =
"usage: relucert levelset NET (--sublevel T | --superlevel T | --level T)\n"
"                         [--box LO,HI | --domain FILE | --whole] [--output K] [--json] [--list]\n"
"\n"
"The set {x in domain : f(x) <= T} (--sublevel), {f >= T} (--superlevel) or {f = T}\n"
"(--level), f the network's output K (default 0; T rational, exact), as a union of\n"
"exact polyhedra (\"pieces\"): the activation regions of the network cut by {f = T}\n"
"on which f - T has the allowed sign, plus the inclusion-maximal faces with f = T that\n"
"lie in no such region (lower-dimensional parts). Default domain: all of R^n.\n"
"Convexity is decided exactly: the network is restricted to the affine hull of the\n"
"convex hull H of the pieces, and the set is convex iff every activation region of\n"
"the cut network inside H lies in the set. When it is convex, the set is printed as\n"
"one polytope with its face lattice.\n"
"\n"
"options:\n"
"  --sublevel T | --superlevel T | --level T   which set (exactly one)\n"
"  --box LO,HI, --domain FILE, --whole         the domain (default R^n)\n"
"  --output K        the output neuron (0-based, default 0)\n"
"  --json            one JSON object on stdout (keys below)\n"
"  --list            every piece (in --json as \"piece_list\")\n"
"  --zonotope        for N(x) = sum_i c_i relu(w_i . x) + c0 with all c_i > 0 (one hidden\n"
"                    layer, zero hidden biases) and --sublevel T > c0: N - c0 is the\n"
"                    support function of Z = sum_i c_i [0, w_i], so the set is the polar of\n"
"                    Z/(T - c0), a polytope iff the w_i positively span R^n. Z is computed\n"
"                    from its vertex sums, its polar compared exactly with the set, and the\n"
"                    vertex/facet correspondence reported; otherwise says which hypothesis fails\n"
"  --help            this text\n"
"\n"
"JSON keys: input_dim, domain, set (\"sublevel\", \"superlevel\", \"level\"), threshold\n"
"  (exact \"p/q\"), output, regions (activation regions of the network cut by {f = T}),\n"
"  pieces, pieces_by_dim [n_0..n_n], empty, convex, bounded (of the set), fvector (faces\n"
"  of the cut complex lying in the set, [f_0..f_n]), hull_dim (dimension of the convex\n"
"  hull), witness (when not convex: a point of the convex hull outside the set, checked\n"
"  by exact evaluation); when convex and not empty: polytope (the set: the keys of relucert polytope\n"
"  --json, type, and the face lattice as in relucert faces --json: faces, hasse, flags,\n"
"  flag_fvector, euler). With --list: piece_list, one object per piece: dim, pattern (the\n"
"  activation pattern of a full-dimensional piece, null for a lower-dimensional one),\n"
"  vertices, rays, lineality (if any), inequalities {A, b}, equations {A, b} (if dim < n).\n"
"  With --zonotope: zonotope {applies, reason (when not), vertices, fvector (of Z/(T-c0)),\n"
"  vertex_to_facet (facet of the set for each vertex of Z), facet_to_vertex, verified}.\n"
"\n"
"examples:\n"
"  relucert levelset data/default.json --sublevel 0 --box -1,1\n"
"  relucert levelset data/default.json --superlevel 0 --box -1,1 --json\n";

int
cmd_levelset(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    cli_set_opts set = { NULL, NULL };
    const char * pos[1];
    slong output = 0;
    int json = 0, list = 0, zono = 0;
    const cli_opt opts[] = { CLI_OPTS_SET(&set), CLI_OPTS_DOMAIN(&dom), { "output", CLI_SLONG, &output, 0, 1e18, 0, 0 },
                             CLI_OPT_JSON(&json), CLI_OPT_LIST(&list), { "zonotope", CLI_FLAG, &zono, 0, 0, 0, 0 },
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "levelset", levelset_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    if (set.name == NULL)
        return cli_usage_error("levelset", "give exactly one of --sublevel T, --superlevel T, --level T");

    rc_error_t err;
    cli_input_t in;
    levelset_analysis_t A;
    rc_error_init(err);
    cli_input_init(in);
    levelset_analysis_init(A);
    int status = cli_input_read(in, pos[0], &(cli_input_args){ &dom, set.T, NULL, 0 }, err);
    if (status == RELU_OK)
        status = levelset_analyze(A, in->net, pos[0], output, in->T, levelset_kind_of(set.name), in->domain, in->desc,
                                  list, zono, err);
    if (status == RELU_OK)
        status = (levelset_analysis_json_compact(A) ? cli_write_result_compact : cli_write_result)(
            json, (cli_writer_json) levelset_analysis_write_json, (cli_writer_text) levelset_analysis_write_text, A,
            err);
    rc = status ? cli_fail("levelset", err) : CLI_EXIT_OK;
    levelset_analysis_clear(A);
    cli_input_clear(in);
    return rc;
}
