/* relucert polytope, faces, polar: polytopes as first-class input. */
#include <getopt.h>
#include <string.h>
#include "cli/cli.h"

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
"facets are those of the set inside its affine hull. cddlib (GMP) recomputes both\n"
"directions; a disagreement is an internal error (exit 70).\n"
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
"  \"permutahedron of order 4 (truncated octahedron)\", or null), canonical_form (of the\n"
"  vertex-facet incidence: equal strings <=> combinatorially equivalent; null if the\n"
"  search limit was hit), zonotope_generators (when the polytope is a zonotope\n"
"  c + sum_j [-g_j/2, g_j/2]: the g_j, one edge vector per parallel class, checked by\n"
"  rebuilding the sum exactly; else null), verified (cddlib agrees).\n"
"  With --compare: equivalent (true/false, null at the search limit) and, when true,\n"
"  isomorphism {vertices, rays, facets}: index in FILE2 of each vertex/ray/facet of FILE.\n";

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
"  the nonempty faces; pattern and region (for NET --region).\n";

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
"\n"
"JSON keys: dim, fvector (of D), vertices, rays, inequalities {A, b} (of D),\n"
"  center (rationals), center_source (\"origin\", \"given\", \"vertex centroid\"),\n"
"  primal_fvector, vertex_to_facet (vmap), facet_to_vertex (fmap),\n"
"  face_map: for every face of P (empty face first) {dim, vertices (of P), dual_dim,\n"
"  dual_vertices (of D)}, type and dual_type (names as in relucert polytope), verified.\n";

/* ---- shared output -------------------------------------------------------------- */

static void
write_index_set(jout_t out, const bword * s, slong from, slong to, slong shift)
{
    jout_begin_array(out);
    for (slong i = from; i < to; i++)
        if (bs_test(s, i))
            jout_int(out, i - shift);
    jout_end_array(out);
}

static void
write_type_json(jout_t out, const polytope_t Q)
{
    char buf[128];
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    jout_key(out, "type");
    if (name)
        jout_string(out, name);
    else
        jout_null(out);
}

static void
print_polytope_text(const polytope_t Q)
{
    slong n = Q->n;
    slong * f = flint_malloc((Q->dim + 1) * sizeof(slong));
    char buf[128];
    polytope_fvector(f, Q);
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    printf("dimension %ld in R^%ld, %s\n", (long) Q->dim, (long) n, polytope_is_bounded(Q) ? "bounded" : "unbounded");
    printf("type: %s\n", name ? name : "(not a named type)");
    printf("f-vector:");
    for (slong k = 0; k <= Q->dim; k++)
        printf(" %ld", (long) f[k]);
    printf("\nvertices (%ld):\n", (long) Q->nv);
    for (slong i = 0; i < Q->nv; i++)
    {
        printf("  %ld: (", (long) i);
        for (slong k = 0; k < n; k++)
        {
            char * s = num_get_str(Q->vert + i * n + k);
            printf("%s%s", k ? ", " : "", s);
            flint_free(s);
        }
        printf(")\n");
    }
    if (Q->nr)
    {
        printf("rays (%ld):\n", (long) Q->nr);
        for (slong i = 0; i < Q->nr; i++)
        {
            printf("  %ld: (", (long) i);
            for (slong k = 0; k < n; k++)
                { char * s = fmpz_get_str(NULL, 10, Q->ray + i * n + k); printf("%s%s", k ? ", " : "", s); flint_free(s); }
            printf(")\n");
        }
    }
    if (Q->nl)
    {
        printf("lineality (%ld):\n", (long) Q->nl);
        for (slong i = 0; i < Q->nl; i++)
        {
            printf("  (");
            for (slong k = 0; k < n; k++)
                { char * s = fmpz_get_str(NULL, 10, Q->lin + i * n + k); printf("%s%s", k ? ", " : "", s); flint_free(s); }
            printf(")\n");
        }
    }
    for (int eq = 0; eq < 2; eq++)
    {
        slong rows = eq ? Q->neq : Q->m;
        const fmpz * A = eq ? Q->eqA : Q->A, * b = eq ? Q->eqb : Q->b;
        if (eq && rows == 0)
            break;
        printf("%s (%ld):\n", eq ? "equations" : "inequalities", (long) rows);
        for (slong j = 0; j < rows; j++)
        {
            int first = 1;
            printf("  %ld: ", (long) j);
            for (slong k = 0; k < n; k++)
            {
                const fmpz * a = A + j * n + k;
                if (fmpz_is_zero(a))
                    continue;
                char * s = fmpz_get_str(NULL, 10, a);
                if (fmpz_is_one(a))
                    printf("%sx%ld", first ? "" : " + ", (long) (k + 1));
                else if (fmpz_equal_si(a, -1))
                    printf("%sx%ld", first ? "-" : " - ", (long) (k + 1));
                else if (fmpz_sgn(a) < 0 && !first)
                    printf(" - %sx%ld", s + 1, (long) (k + 1));
                else
                    printf("%s%s x%ld", first ? "" : " + ", s, (long) (k + 1));
                flint_free(s);
                first = 0;
            }
            if (first)
                printf("0");
            char * s = fmpz_get_str(NULL, 10, b + j);
            printf(" %s %s\n", eq ? "=" : "<=", s);
            flint_free(s);
        }
    }
    flint_free(f);
}

static int
read_polytope(polytope_t Q, const char * path, rc_error_t err)
{
    if (polytope_read_file(Q, path, err))
        return err->code;
    if (polytope_verify_cdd(Q, err))
        return err->code;
    return RELU_OK;
}

/* ---- polytope --------------------------------------------------------------------- */

int
cmd_polytope(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "json", no_argument, 0, 'j' }, { "compare", required_argument, 0, 'c' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int json = 0, c;
    const char * other = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'j': json = 1; break;
            case 'c': other = optarg; break;
            case 'h': fputs(polytope_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("polytope", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("polytope", optind >= argc ? "missing polytope file" : "expected one polytope file");

    rc_error_t err;
    polytope_t Q, R;
    rc_error_init(err);
    polytope_init(Q, 0);
    polytope_init(R, 0);
    int status = read_polytope(Q, argv[optind], err);
    if (status == RELU_OK && other)
        status = read_polytope(R, other, err);
    slong * gmap = NULL, * fmap = NULL;
    int eq = 0;
    if (status == RELU_OK && other)
    {
        gmap = flint_malloc(FLINT_MAX(polytope_num_gens(Q), 1) * sizeof(slong));
        fmap = flint_malloc(FLINT_MAX(Q->m, 1) * sizeof(slong));
        if (Q->dim != R->dim || Q->nv != R->nv || Q->nr != R->nr || Q->m != R->m || Q->nl != R->nl)
            eq = 0;
        else
            eq = polytope_isomorphism(gmap, fmap, Q, R);
        if (eq == -2)
            status = rc_error_set(err, RELU_E_INTERNAL, "the isomorphism from the canonical forms fails its check");
    }
    if (status)
    {
        flint_free(gmap);
        flint_free(fmap);
        polytope_clear(Q);
        polytope_clear(R);
        return cli_fail("polytope", err);
    }
    char * form = polytope_canonical_form(NULL, NULL, Q);
    if (json)
    {
        jout_t out;
        jout_init(out, stdout, 1, 0);
        jout_begin_object(out);
        polytope_write_json(out, Q);
        write_type_json(out, Q);
        {
            fmpq * g;
            slong k = polytope_zonotope_generators(&g, Q);
            jout_key(out, "zonotope_generators");
            if (k == 0)
                jout_null(out);
            else
            {
                jout_begin_array(out);
                for (slong j = 0; j < k; j++)
                    jout_fmpq_vec(out, g + j * Q->n, Q->n);
                jout_end_array(out);
                _fmpq_vec_clear(g, k * Q->n);
            }
        }
        jout_key(out, "canonical_form");
        if (form)
            jout_string(out, form);
        else
            jout_null(out);
        jout_key(out, "verified");
        jout_bool(out, 1);
        if (other)
        {
            jout_key(out, "equivalent");
            if (eq < 0)
                jout_null(out);
            else
                jout_bool(out, eq);
            if (eq == 1)
            {
                jout_key(out, "isomorphism");
                jout_begin_object(out);
                jout_key(out, "vertices");
                jout_begin_array(out);
                for (slong i = 0; i < Q->nv; i++)
                    jout_int(out, gmap[i]);
                jout_end_array(out);
                jout_key(out, "rays");
                jout_begin_array(out);
                for (slong i = Q->nv; i < Q->nv + Q->nr; i++)
                    jout_int(out, gmap[i] - R->nv);
                jout_end_array(out);
                jout_key(out, "facets");
                jout_begin_array(out);
                for (slong j = 0; j < Q->m; j++)
                    jout_int(out, fmap[j]);
                jout_end_array(out);
                jout_end_object(out);
            }
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else
    {
        print_polytope_text(Q);
        printf("verified: cddlib (GMP) recomputes the same facets, equations and generators\n");
        if (other)
            printf("combinatorially equivalent to %s: %s\n", other,
                   eq < 0 ? "unknown (search limit)" : eq ? "yes (isomorphism of the incidences checked)" : "no");
    }
    flint_free(form);
    flint_free(gmap);
    flint_free(fmap);
    polytope_clear(Q);
    polytope_clear(R);
    return CLI_EXIT_OK;
}

/* ---- faces -------------------------------------------------------------------------- */

typedef struct
{
    const char * pattern;
    polytope_struct * Q;
    slong index;
}
region_find_ctx;

static int
on_region_find(void * data, const region_struct * R)
{
    region_find_ctx * x = data;
    char * pat = flint_malloc(R->N + 1);
    region_pattern_str(pat, R);
    int hit = !strcmp(pat, x->pattern);
    flint_free(pat);
    if (!hit)
        return 0;
    polytope_set_poly(x->Q, R->P);
    x->index = R->index;
    return 1;
}

static void
print_lattice_text(const polytope_t Q, const polytope_lattice_t F)
{
    fmpz_t flags;
    fmpz_init(flags);
    printf("faces (%ld, the empty face included):\n", (long) F->num);
    for (slong i = 0; i < F->num; i++)
    {
        printf("  %ld: dim %ld  vertices {", (long) i, (long) F->dim[i]);
        int first = 1;
        for (slong g = 0; g < Q->nv; g++)
            if (bs_test(polytope_lattice_gens(F, i), g))
                printf("%s%ld", first ? "" : ",", (long) g), first = 0;
        printf("}");
        if (Q->nr)
        {
            printf("  rays {");
            first = 1;
            for (slong g = Q->nv; g < Q->nv + Q->nr; g++)
                if (bs_test(polytope_lattice_gens(F, i), g))
                    printf("%s%ld", first ? "" : ",", (long) (g - Q->nv)), first = 0;
            printf("}");
        }
        printf("  facets {");
        first = 1;
        for (slong j = 0; j < F->nf; j++)
            if (bs_test(polytope_lattice_facets(F, i), j))
                printf("%s%ld", first ? "" : ",", (long) j), first = 0;
        printf("}  covers {");
        first = 1;
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            printf("%s%ld", first ? "" : ",", (long) F->down[p]), first = 0;
        printf("}\n");
    }
    polytope_lattice_flags(flags, F);
    char * s = fmpz_get_str(NULL, 10, flags);
    printf("covering relations: %ld\ncomplete flags: %s\n", (long) F->down_start[F->num], s);
    flint_free(s);
    fmpz_clear(flags);
}

int
cmd_faces(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "json", no_argument, 0, 'j' }, { "region", required_argument, 0, 'r' },
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    int json = 0, c;
    const char * pattern = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'j': json = 1; break;
            case 'r': pattern = optarg; break;
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'h': fputs(faces_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("faces", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("faces", optind >= argc ? "missing polytope or network file" : "expected one file");
    if (pattern == NULL && (dom.box || dom.file || dom.whole))
        return cli_usage_error("faces", "--box, --domain and --whole go with NET --region PATTERN");
    const char * path = argv[optind];

    rc_error_t err;
    polytope_t Q;
    rc_error_init(err);
    polytope_init(Q, 0);
    slong region_index = -1;
    int status;
    if (pattern == NULL)
        status = read_polytope(Q, path, err);
    else
    {
        net_t net;
        net_init(net);
        status = net_read_file(net, path, err);
        slong N = status ? 0 : net_num_hidden(net);
        if (status == RELU_OK && (slong) strlen(pattern) != N)
            status = rc_error_set(err, RELU_E_INPUT, "--region \"%s\": expected %ld digits 0/1 (one per hidden neuron), got %ld",
                                  pattern, (long) N, (long) strlen(pattern));
        for (const char * p = pattern; status == RELU_OK && *p; p++)
            if (*p != '0' && *p != '1')
                status = rc_error_set(err, RELU_E_INPUT, "--region \"%s\": expected only digits 0 and 1", pattern);
        if (status == RELU_OK)
        {
            poly_t domain;
            char desc[256];
            poly_init(domain, net->input_dim);
            status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
            if (status == RELU_OK)
            {
                region_find_ctx x = { pattern, Q, -1 };
                polytope_clear(Q);
                polytope_init(Q, net->input_dim);
                regions_enumerate(net, domain, on_region_find, &x);
                region_index = x.index;
                if (region_index < 0)
                    status = rc_error_set(err, RELU_E_INPUT, "no full-dimensional region with pattern %s in %s",
                                          pattern, desc);
                else
                    status = polytope_verify_cdd(Q, err);
            }
            poly_clear(domain);
        }
        net_clear(net);
    }
    if (status)
    {
        polytope_clear(Q);
        return cli_fail("faces", err);
    }
    polytope_lattice_t F;
    polytope_lattice_init(F);
    polytope_lattice_compute(F, Q);
    if (json)
    {
        jout_t out;
        jout_init(out, stdout, 0, 0);
        jout_begin_object(out);
        if (pattern)
        {
            jout_key(out, "pattern");
            jout_string(out, pattern);
            jout_key(out, "region");
            jout_int(out, region_index);
        }
        polytope_write_json(out, Q);
        write_type_json(out, Q);
        polytope_lattice_write_json(out, Q, F);
        jout_end_object(out);
        jout_clear(out);
    }
    else
    {
        if (pattern)
            printf("region %ld of %s, pattern %s\n", (long) region_index, path, pattern);
        print_polytope_text(Q);
        print_lattice_text(Q, F);
    }
    polytope_lattice_clear(F);
    polytope_clear(Q);
    return CLI_EXIT_OK;
}

/* ---- polar ---------------------------------------------------------------------------- */

int
cmd_polar(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "json", no_argument, 0, 'j' }, { "center", required_argument, 0, 'c' },
        { "centre", required_argument, 0, 'c' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int json = 0, c;
    const char * center = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'j': json = 1; break;
            case 'c': center = optarg; break;
            case 'h': fputs(polar_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("polar", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("polar", optind >= argc ? "missing polytope file" : "expected one polytope file");

    rc_error_t err;
    polytope_t Q;
    rc_error_init(err);
    polytope_init(Q, 0);
    fmpq * x = NULL;
    const char * source = "origin";
    int status = read_polytope(Q, argv[optind], err);
    slong n = Q->n;
    if (status == RELU_OK)
    {
        if (center == NULL)
        {
            x = _fmpq_vec_init(n);
            if (Q->dim == n && polytope_is_bounded(Q) && !polytope_contains_interior(Q, x))
                status = rc_error_set(err, RELU_E_INPUT,
                    "the origin is not an interior point of the polytope: give --center x1,...,xn or --center auto");
        }
        else if (!strcmp(center, "auto"))
        {
            x = _fmpq_vec_init(n);
            polytope_interior_point(x, Q);
            source = "vertex centroid";
        }
        else
        {
            source = "given";
            if (num_parse_list(&x, NULL, center, n, err))
                rc_error_prefix(err, "--center"), status = err->code;
            else if (Q->dim == n && polytope_is_bounded(Q) && !polytope_contains_interior(Q, x))
                status = rc_error_set(err, RELU_E_INPUT, "--center %s is not an interior point of the polytope", center);
        }
    }
    polytope_polarity_t R;
    polytope_polarity_init(R);
    if (status == RELU_OK)
        status = polytope_polarity_compute(R, Q, x, err);
    const polytope_struct * D = R->dual;
    const polytope_lattice_struct * LP = R->primal_lattice, * LD = R->dual_lattice;
    const slong * vmap = R->vmap, * fmap = R->fmap, * map = R->map;
    if (status == RELU_OK)
    {
        char b1[128], b2[128];
        const char * t1 = polytope_type_name(b1, sizeof(b1), Q), * t2 = polytope_type_name(b2, sizeof(b2), D);
        slong * f = flint_malloc((n + 1) * sizeof(slong));
        polytope_fvector(f, Q);
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, 0, 0);
            jout_begin_object(out);
            polytope_write_json(out, D);
            jout_key(out, "center");
            jout_fmpq_vec(out, x, n);
            jout_key(out, "center_source");
            jout_string(out, source);
            jout_key(out, "primal_fvector");
            jout_begin_array(out);
            for (slong k = 0; k <= n; k++)
                jout_int(out, f[k]);
            jout_end_array(out);
            jout_key(out, "vertex_to_facet");
            jout_begin_array(out);
            for (slong i = 0; i < Q->nv; i++)
                jout_int(out, vmap[i]);
            jout_end_array(out);
            jout_key(out, "facet_to_vertex");
            jout_begin_array(out);
            for (slong j = 0; j < Q->m; j++)
                jout_int(out, fmap[j]);
            jout_end_array(out);
            jout_key(out, "face_map");
            jout_begin_array(out);
            for (slong i = 0; i < LP->num; i++)
            {
                jout_begin_object(out);
                jout_key(out, "dim");
                jout_int(out, LP->dim[i]);
                jout_key(out, "vertices");
                write_index_set(out, polytope_lattice_gens(LP, i), 0, Q->nv, 0);
                jout_key(out, "dual_dim");
                jout_int(out, LD->dim[map[i]]);
                jout_key(out, "dual_vertices");
                write_index_set(out, polytope_lattice_gens(LD, map[i]), 0, D->nv, 0);
                jout_end_object(out);
            }
            jout_end_array(out);
            jout_key(out, "type");
            if (t1) jout_string(out, t1); else jout_null(out);
            jout_key(out, "dual_type");
            if (t2) jout_string(out, t2); else jout_null(out);
            jout_key(out, "verified");
            jout_bool(out, 1);
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            printf("polar about the %s (", source);
            for (slong k = 0; k < n; k++)
            {
                char * s = num_get_str(x + k);
                printf("%s%s", k ? ", " : "", s);
                flint_free(s);
            }
            printf(")\npolytope: %s; polar: %s\n", t1 ? t1 : "(not a named type)", t2 ? t2 : "(not a named type)");
            printf("the polar:\n");
            print_polytope_text(D);
            printf("vertex i of the polytope -> facet of the polar:");
            for (slong i = 0; i < Q->nv; i++)
                printf(" %ld->%ld", (long) i, (long) vmap[i]);
            printf("\nfacet j of the polytope -> vertex of the polar:");
            for (slong j = 0; j < Q->m; j++)
                printf(" %ld->%ld", (long) j, (long) fmap[j]);
            printf("\nverified: incidence reversed exactly; all %ld faces map bijectively, dimensions\n"
                   "  d-1-k, covering relations reversed; cddlib agrees on the polar\n", (long) LP->num);
        }
        flint_free(f);
    }
    int rc = status ? cli_fail("polar", err) : CLI_EXIT_OK;
    if (x)
        _fmpq_vec_clear(x, n);
    polytope_polarity_clear(R);
    polytope_clear(Q);
    return rc;
}
