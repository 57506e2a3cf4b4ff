/* relucert faces: the face lattice of a polyhedron or of one activation region
   (library: polytope_faces_compute[_region], src/polytope/faces.c). */
#include "cli/cli.h"
#include "polytope/report.h"

static const char * faces_help =
"usage: relucert faces FILE [--json]\n"
"       relucert faces NET --region PATTERN [--box LO,HI | --domain FILE | --whole] [--json]\n"
"\n"
"The face lattice of a polyhedron (a polytope file as for relucert polytope), or of the\n"
"activation region of the network NET whose pattern is PATTERN (one 0/1 per hidden\n"
"neuron, layer by layer, as printed by relucert regions --list; default domain R^n).\n"
"Works for unbounded polyhedra (faces are the nonempty faces; the empty face is added\n"
"as the bottom of the lattice).\n"
"\n"
"options:\n"
"  --region PATTERN  the region of NET with this activation pattern\n"
"  --box, --domain, --whole   the domain in which regions are enumerated\n"
"  --json            one JSON object on stdout (keys below)\n"
"  --help            this text\n"
"\n"
"JSON keys: everything of relucert polytope --json (the polyhedron; indices below refer\n"
"  to its vertices, rays and inequalities), and\n"
"  faces: one object per face, the empty face first, by dimension: index, dim (-1 for\n"
"    the empty face), vertices, rays (indices), facets (indices of the inequalities\n"
"    containing the face), covers (faces one step below), covered_by (one step above);\n"
"  hasse: number of covering relations; flags: number of complete flags (maximal chains\n"
"  from the empty face to the polyhedron); flag_fvector (dim <= 10): list of\n"
"  {dims: [...], count} for every set of dimensions below dim; euler: sum (-1)^dim over\n"
"  the nonempty faces; pattern and region (for NET --region).\n"
"\n"
"examples:\n"
"  relucert faces tests/data/polytopes/cube3.json\n"
"  relucert faces data/default.json --region 0001001011111101 --box -1,1 --json\n";

/* the face lattice of the region of the network in file path with this pattern */
static int
_region_faces(polytope_faces_t S, const char * path, const char * pattern, const cli_domain_opts * dom,
              rc_error_t err)
{
    cli_input_t in;
    cli_input_init(in);
    int status = cli_input_read(in, path, &(cli_input_args){ dom, NULL, NULL, 0 }, err);
    if (status == RELU_OK)
        status = levelset_region_faces(S, in->net, pattern, in->domain, in->desc, path, err);
    cli_input_clear(in);
    return status;
}

int
cmd_faces(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * pattern = NULL, * pos[1];
    int json = 0;
    const cli_opt opts[] = { CLI_OPT_JSON(&json), { "region", CLI_STR, &pattern, 0, 0, 0, 0 }, CLI_OPTS_DOMAIN(&dom),
                             CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "faces", faces_help, argc, argv, opts, pos, 1, 1, NULL, "polytope or network file"))
        return rc;
    if (pattern == NULL && (dom.box || dom.file || dom.whole))
        return cli_usage_error("faces", "--box, --domain and --whole go with NET --region PATTERN");

    rc_error_t err;
    polytope_faces_t S;
    rc_error_init(err);
    polytope_faces_init(S);
    int status;
    if (pattern == NULL)
    {
        polytope_t Q;
        polytope_init(Q, 0);
        status = polytope_read_verified(Q, pos[0], err);
        if (status == RELU_OK && Q->dim < 0)
            status = rc_error_set(err, RELU_E_UNSUPPORTED, "%s: the set is empty (its only face is itself)", pos[0]);
        if (status == RELU_OK)
            polytope_faces_compute(S, Q);
        polytope_clear(Q);
    }
    else
        status = _region_faces(S, pos[0], pattern, &dom, err);
    if (status == RELU_OK)
        status = cli_write_result_compact(json, (cli_writer_json) polytope_faces_write_json,
                                          (cli_writer_text) polytope_faces_write_text, S, err);
    rc = status ? cli_fail("faces", err) : CLI_EXIT_OK;
    polytope_faces_clear(S);
    return rc;
}
