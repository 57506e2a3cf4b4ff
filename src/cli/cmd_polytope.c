/* relucert polytope: a polyhedron in both forms, its type, and the comparison
   with a second one (library: polytope_report_compute, src/polytope/report.c). */
#include "cli/cli.h"
#include "polytope/report.h"

static const char * polytope_help =
"usage: relucert polytope FILE [--json] [--compare FILE2]\n"
"\n"
"Reads a polyhedron in either form and prints both, irredundant and exact:\n"
"  {\"A\": [[...]], \"b\": [...]}                      A x <= b (redundant rows and implicit\n"
"                                                   equalities allowed)\n"
"  {\"vertices\": [[...]], \"rays\": [[...]], \"lineality\": [[...]]}\n"
"                                                   conv + cone + span (rays, lineality\n"
"                                                   optional; repeated points allowed)\n"
"Numbers: integers of any size, \"p/q\", decimals (0.1 is exactly 1/10).\n"
"Lower-dimensional sets are handled: the affine hull is given by equations and the\n"
"facets are those of the set inside its affine hull. The answer is checked exactly\n"
"(every generator in every inequality, each facet tight on generators of rank dim,\n"
"each vertex and ray extreme, f_0, f_{dim-1} and Euler's relation); a failure is an\n"
"internal error (exit 70). Infeasible inequalities give the empty set (dim -1,\n"
"fvector [], confirmed by an exact LP).\n"
"\n"
"options:\n"
"  --json            one JSON object on stdout (keys below)\n"
"  --compare FILE2   decide combinatorial equivalence with the polyhedron in FILE2\n"
"  --help            this text\n"
"\n"
"JSON keys: ambient_dim, dim, bounded, fvector [f_0..f_dim], vertices (rationals, sorted;\n"
"  with lineality: one point of each minimal face), rays (primitive integer directions,\n"
"  sorted), lineality (a basis in echelon form, when not zero),\n"
"  inequalities {A, b} (irredundant facets A x <= b, primitive integer rows, zero at the\n"
"  pivot coordinates of the equations), equations {A, b} (A x = b, the affine hull, when\n"
"  dim < ambient_dim), type (name of the combinatorial type such as \"hexagon\", \"cube\",\n"
"  \"octahedron (3-cross-polytope)\", \"prism over a pentagon\", \"dodecahedron\",\n"
"  \"permutahedron of order 4 (truncated octahedron)\", \"cyclic polytope C(14,7)\",\n"
"  \"empty set\", or null), canonical_form (of the vertex-facet incidence, by nauty:\n"
"  equal strings <=> combinatorially equivalent), zonotope_generators (when the polytope is a zonotope\n"
"  c + sum_j [-g_j/2, g_j/2]: the g_j, one edge vector per parallel class, checked by\n"
"  rebuilding the sum exactly; else null), verified (the exact check passed).\n"
"  With --compare: equivalent (true/false, null at the search limit) and, when true,\n"
"  isomorphism {vertices, rays, facets}: index in FILE2 of each vertex/ray/facet of FILE.\n"
"\n"
"examples:\n"
"  relucert polytope tests/data/polytopes/permutahedron4.json\n"
"  relucert polytope tests/data/polytopes/cube3.json --compare tests/data/polytopes/cube3.json --json\n";

int
cmd_polytope(int argc, char ** argv)
{
    const char * other = NULL, * pos[1];
    int json = 0;
    const cli_opt opts[] = { CLI_OPT_JSON(&json), { "compare", CLI_STR, &other, 0, 0, 0, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "polytope", polytope_help, argc, argv, opts, pos, 1, 1, NULL, "polytope file"))
        return rc;

    rc_error_t err;
    polytope_t Q, R;
    polytope_report_t S;
    rc_error_init(err);
    polytope_init(Q, 0);
    polytope_init(R, 0);
    polytope_report_init(S);
    int status = polytope_read_verified(Q, pos[0], err);
    if (status == RELU_OK && other)
        status = polytope_read_verified(R, other, err);
    if (status == RELU_OK)
        status = polytope_report_compute(S, Q, other ? R : NULL, other, err);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) polytope_report_write_json,
                                  (cli_writer_text) polytope_report_write_text, S, err);
    rc = status ? cli_fail("polytope", err) : CLI_EXIT_OK;
    polytope_report_clear(S);
    polytope_clear(Q);
    polytope_clear(R);
    return rc;
}
