/* relucert polar: the polar dual with its verified anti-isomorphism (library:
   polytope_polar_report_compute, src/polytope/polar_report.c; the centre
   policy is polytope_polar_center, shared with the Python facade). */
#include "cli/cli.h"
#include "polytope/report.h"

static const char * polar_help =
"usage: relucert polar FILE [--center x1,...,xn | --center auto] [--json]\n"
"\n"
"The polar dual D = { y : (x - c).y <= 1 for all x in P } of a full-dimensional polytope P\n"
"about the centre c: the origin by default (an error if it is not interior), the given\n"
"point, or with --center auto the vertex centroid. Vertex i of P gives facet vmap[i] of D\n"
"and facet j of P gives vertex fmap[j] of D; D is computed from its own inequalities and\n"
"the correspondence is verified exactly: incidence reversed, and every face F of P maps\n"
"to the face of D spanned by the D-vertices of the facets containing F, bijectively, with\n"
"dim = dim P - 1 - dim F and covering relations reversed.\n"
"--centre is accepted for --center. The Python binding (Polytope.polar) prints the same JSON.\n"
"\n"
"JSON keys: dim, fvector (of D), vertices, rays, inequalities {A, b} (of D),\n"
"  center (rationals), center_source (\"origin\", \"given\", \"vertex centroid\"),\n"
"  primal_fvector, vertex_to_facet (vmap), facet_to_vertex (fmap),\n"
"  face_map: for every face of P (empty face first) {dim, vertices (of P), dual_dim,\n"
"  dual_vertices (of D)}, type and dual_type (names as in relucert polytope), verified.\n"
"\n"
"examples:\n"
"  relucert polar tests/data/polytopes/cube3.json --center auto\n"
"  relucert polar tests/data/polytopes/frustum.json --center auto --json\n";

int
cmd_polar(int argc, char ** argv)
{
    const char * center = NULL, * pos[1];
    int json = 0;
    /* --centre is the British spelling of --center (documented alias); one of them */
    const cli_opt opts[] = { CLI_OPT_JSON(&json), { "center", CLI_STR, &center, 0, 0, 3, 0 },
                             { "centre", CLI_STR, &center, 0, 0, 3, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "polar", polar_help, argc, argv, opts, pos, 1, 1, NULL, "polytope file"))
        return rc;

    rc_error_t err;
    polytope_t Q;
    polytope_polar_report_t S;
    rc_error_init(err);
    polytope_init(Q, 0);
    polytope_polar_report_init(S);
    int status = polytope_read_verified(Q, pos[0], err);
    if (status == RELU_OK)
        status = polytope_polar_report_compute(S, Q, center, 0, "--center", err);
    if (status == RELU_OK)
        status = cli_write_result_compact(json, (cli_writer_json) polytope_polar_report_write_json,
                                          (cli_writer_text) polytope_polar_report_write_text, S, err);
    rc = status ? cli_fail("polar", err) : CLI_EXIT_OK;
    polytope_polar_report_clear(S);
    polytope_clear(Q);
    return rc;
}
