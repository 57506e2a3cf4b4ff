/* relucert levelset: sub-, super- and level sets of a network output as
   unions of exact polyhedra; one polytope with its face lattice when convex. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
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
"  vertex_to_facet (facet of the set for each vertex of Z), facet_to_vertex, verified}.\n";

int
cmd_levelset(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "sublevel", required_argument, 0, 's' }, { "superlevel", required_argument, 0, 'S' },
        { "level", required_argument, 0, 'l' }, { "output", required_argument, 0, 'o' },
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "json", no_argument, 0, 'j' },
        { "list", no_argument, 0, 'L' }, { "zonotope", no_argument, 0, 'z' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    int json = 0, list = 0, zono = 0, c, kind = -1, nkinds = 0;
    const char * tstr = NULL, * ostr = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 's': kind = LEVELSET_SUB; tstr = optarg; nkinds++; break;
            case 'S': kind = LEVELSET_SUPER; tstr = optarg; nkinds++; break;
            case 'l': kind = LEVELSET_LEVEL; tstr = optarg; nkinds++; break;
            case 'o': ostr = optarg; break;
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'j': json = 1; break;
            case 'L': list = 1; break;
            case 'z': zono = 1; break;
            case 'h': fputs(levelset_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("levelset", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("levelset", optind >= argc ? "missing network file" : "expected one network file");
    if (nkinds != 1)
        return cli_usage_error("levelset", "give exactly one of --sublevel T, --superlevel T, --level T");
    slong output = 0;
    if (ostr)
    {
        char * end;
        long v = strtol(ostr, &end, 10);
        if (*ostr == '\0' || *end != '\0' || v < 0)
            return cli_usage_error("levelset", "--output K: expected a nonnegative integer, got \"%s\"", ostr);
        output = v;
    }

    rc_error_t err;
    net_t net;
    fmpq_t T;
    rc_error_init(err);
    fmpq_init(T);
    net_init(net);
    int status = num_parse_fmpq(T, tstr, strlen(tstr), err);
    if (status)
        rc_error_prefix(err, kind == LEVELSET_SUB ? "--sublevel" : kind == LEVELSET_SUPER ? "--superlevel" : "--level");
    if (status == RELU_OK)
        status = net_read_file(net, argv[optind], err);
    poly_t domain;
    char desc[256];
    poly_init(domain, status ? 0 : net->input_dim);
    if (status == RELU_OK)
        status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
    levelset_t L;
    levelset_init(L);
    if (status == RELU_OK)
        status = levelset_compute(L, net, output, T, kind, domain, err);
    if (status == RELU_OK && L->convex && !L->empty)
        status = polytope_verify_cdd(L->hull, err);
    int applies = 0;
    char reason[256] = "";
    slong * vmap = NULL, * fmap = NULL;
    polytope_t Z;
    polytope_init(Z, 0);
    if (status == RELU_OK && zono)
        status = levelset_zonotope_duality(&applies, reason, sizeof(reason), Z, &vmap, &fmap, net, output, T, L, err);
    if (status == RELU_OK && applies)
        status = polytope_verify_cdd(Z, err);
    if (status)
    {
        flint_free(vmap);
        flint_free(fmap);
        polytope_clear(Z);
        levelset_clear(L);
        poly_clear(domain);
        net_clear(net);
        fmpq_clear(T);
        return cli_fail("levelset", err);
    }

    slong n = net->input_dim;
    slong * bydim = flint_calloc(n + 1, sizeof(slong));
    for (slong i = 0; i < L->num; i++)
        bydim[L->pieces[i].dim]++;
    const char * setname = kind == LEVELSET_SUB ? "sublevel" : kind == LEVELSET_SUPER ? "superlevel" : "level";
    int bounded = L->empty || polytope_is_bounded(L->hull);
    char tbuf[128];
    const char * tname = (!L->empty && L->convex) ? polytope_type_name(tbuf, sizeof(tbuf), L->hull) : NULL;
    if (json)
    {
        jout_t out;
        jout_init(out, stdout, !list && !(L->convex && !L->empty), 0);
        jout_begin_object(out);
        jout_key(out, "input_dim");
        jout_int(out, n);
        jout_key(out, "domain");
        jout_string(out, desc);
        jout_key(out, "set");
        jout_string(out, setname);
        jout_key(out, "threshold");
        jout_fmpq_str(out, T);
        jout_key(out, "output");
        jout_int(out, output);
        jout_key(out, "regions");
        jout_int(out, L->regions);
        jout_key(out, "pieces");
        jout_int(out, L->num);
        jout_key(out, "pieces_by_dim");
        jout_begin_array(out);
        for (slong k = 0; k <= n; k++)
            jout_int(out, bydim[k]);
        jout_end_array(out);
        jout_key(out, "empty");
        jout_bool(out, L->empty);
        jout_key(out, "convex");
        jout_bool(out, L->convex);
        jout_key(out, "bounded");
        jout_bool(out, bounded);
        jout_key(out, "fvector");
        jout_begin_array(out);
        for (slong k = 0; k <= n; k++)
            jout_int(out, L->fvec[k]);
        jout_end_array(out);
        jout_key(out, "hull_dim");
        if (L->empty)
            jout_null(out);
        else
            jout_int(out, L->hull->dim);
        if (L->witness)
        {
            jout_key(out, "witness");
            jout_fmpq_vec(out, L->witness, n);
        }
        if (L->convex && !L->empty)
        {
            polytope_lattice_t F;
            polytope_lattice_init(F);
            polytope_lattice_compute(F, L->hull);
            jout_key(out, "polytope");
            jout_begin_object(out);
            polytope_write_json(out, L->hull);
            jout_key(out, "type");
            if (tname)
                jout_string(out, tname);
            else
                jout_null(out);
            polytope_lattice_write_json(out, L->hull, F);
            jout_end_object(out);
            polytope_lattice_clear(F);
        }
        if (zono)
        {
            jout_key(out, "zonotope");
            jout_begin_object(out);
            jout_key(out, "applies");
            jout_bool(out, applies);
            if (!applies)
            {
                jout_key(out, "reason");
                jout_string(out, reason);
            }
            else
            {
                slong * zf = flint_malloc((Z->dim + 1) * sizeof(slong));
                polytope_fvector(zf, Z);
                jout_key(out, "vertices");
                jout_begin_array(out);
                for (slong i = 0; i < Z->nv; i++)
                    jout_fmpq_vec(out, Z->vert + i * n, n);
                jout_end_array(out);
                jout_key(out, "fvector");
                jout_begin_array(out);
                for (slong j = 0; j <= Z->dim; j++)
                    jout_int(out, zf[j]);
                jout_end_array(out);
                jout_key(out, "vertex_to_facet");
                jout_begin_array(out);
                for (slong i = 0; i < Z->nv; i++)
                    jout_int(out, vmap[i]);
                jout_end_array(out);
                jout_key(out, "facet_to_vertex");
                jout_begin_array(out);
                for (slong j = 0; j < Z->m; j++)
                    jout_int(out, fmap[j]);
                jout_end_array(out);
                jout_key(out, "verified");
                jout_bool(out, 1);
                flint_free(zf);
            }
            jout_end_object(out);
        }
        if (list)
        {
            jout_key(out, "piece_list");
            jout_begin_array(out);
            for (slong i = 0; i < L->num; i++)
            {
                jout_begin_object(out);
                jout_key(out, "dim");
                jout_int(out, L->pieces[i].dim);
                jout_key(out, "pattern");
                if (L->pattern[i])
                    jout_string(out, L->pattern[i]);
                else
                    jout_null(out);
                polytope_write_json(out, L->pieces + i);
                jout_end_object(out);
            }
            jout_end_array(out);
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else
    {
        char * ts = num_get_str(T);
        printf("network %s, output %ld: %s set {f %s %s} in %s\n", argv[optind], (long) output, setname,
               kind == LEVELSET_SUB ? "<=" : kind == LEVELSET_SUPER ? ">=" : "=", ts, desc);
        flint_free(ts);
        printf("regions of the network cut by {f = T}: %ld\n", (long) L->regions);
        if (L->empty)
            printf("the set is empty\n");
        else
        {
            printf("pieces: %ld (by dimension:", (long) L->num);
            for (slong k = 0; k <= n; k++)
                printf(" %ld", (long) bydim[k]);
            printf(")\nconvex: %s; %s; convex hull of dimension %ld\n", L->convex ? "yes" : "no",
                   bounded ? "bounded" : "unbounded", (long) L->hull->dim);
            if (L->witness)
            {
                printf("not convex: the convex hull contains (");
                for (slong k = 0; k < n; k++)
                {
                    char * w = num_get_str(L->witness + k);
                    printf("%s%s", k ? ", " : "", w);
                    flint_free(w);
                }
                printf("), where f is %s T (checked by exact evaluation)\n",
                       kind == LEVELSET_SUB ? ">" : kind == LEVELSET_SUPER ? "<" : "!=");
            }
            printf("f-vector of the faces in the set:");
            for (slong k = 0; k <= n; k++)
                printf(" %ld", (long) L->fvec[k]);
            printf("\n");
            if (L->convex)
            {
                slong * f = flint_malloc((L->hull->dim + 1) * sizeof(slong));
                polytope_fvector(f, L->hull);
                printf("the set is one polyhedron: dimension %ld, type %s, f-vector", (long) L->hull->dim,
                       tname ? tname : "(not a named type)");
                for (slong k = 0; k <= L->hull->dim; k++)
                    printf(" %ld", (long) f[k]);
                printf(", %ld vertices, %ld rays, %ld facets (relucert levelset ... --json for all of it)\n",
                       (long) L->hull->nv, (long) L->hull->nr, (long) L->hull->m);
                flint_free(f);
            }
            if (zono && applies)
                printf("zonotope duality verified: the set is the polar of Z = sum_i c_i/(T - c0) [0, w_i]\n"
                       "  (%ld vertices, %ld facets); vertex i of Z <-> facet of the set, facet j <-> vertex,\n"
                       "  computed independently (Z from its vertex sums) and equal exactly\n",
                       (long) Z->nv, (long) Z->m);
            if (list)
                for (slong i = 0; i < L->num; i++)
                    printf("  piece %ld: dim %ld, %s, %ld vertices, %ld rays, %ld facets\n", (long) i,
                           (long) L->pieces[i].dim, L->pattern[i] ? L->pattern[i] : "(a face with f = T)",
                           (long) L->pieces[i].nv, (long) L->pieces[i].nr, (long) L->pieces[i].m);
        }
    }
    if (zono && !applies && !json)
        printf("zonotope duality does not apply: %s\n", reason);
    flint_free(bydim);
    flint_free(vmap);
    flint_free(fmap);
    polytope_clear(Z);
    levelset_clear(L);
    poly_clear(domain);
    net_clear(net);
    fmpq_clear(T);
    return CLI_EXIT_OK;
}
