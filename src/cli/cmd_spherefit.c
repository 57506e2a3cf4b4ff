/* relucert sphere-fit: the neural-polytope experiment (NOTES section 1).
   A small ReLU network is fitted to the unit sphere in floating point, its
   weights are rationalised, and everything reported about the rationalised
   network is exact: the sublevel set {N <= T} (library: levelset_compute),
   its convexity, f-vector and combinatorial type, its polar dual with the
   verified anti-isomorphism of face lattices, and for one hidden layer the
   zonotope duality {N <= T} = polar of Z/(T - c0). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * spherefit_help =
"usage: relucert sphere-fit --dim D --units U --layers L --seed S [options]\n"
"\n"
"Fits a ReLU network N: R^D -> R (L hidden layers of U units, the first layer\n"
"without biases, later layers and the output with biases) to the unit sphere in\n"
"floating point, rationalises its weights, then computes exactly the sublevel set\n"
"{N <= T} over R^D (default T = 1), which approximates the unit ball.\n"
"\n"
"Training (float, deterministic given the seed, the build and the C library):\n"
"  samples: x = r u, u uniform on the unit sphere S^(D-1) (normalised Gaussian vector,\n"
"  Box-Muller from a xorshift64* stream), r uniform in [0, 2]; target |x|.\n"
"  loss: mean squared error mean (N(x) - |x|)^2, full batch, Adam (beta 0.9, 0.999),\n"
"  He-uniform initialisation from the seed; first-layer biases fixed at 0 (a bias-free\n"
"  first layer makes a one-hidden-layer net sum_i c_i relu(w_i . x) + c0, the support\n"
"  function of a zonotope when all c_i > 0: NOTES section 1).\n"
"  With --convex the weights of every layer after the first (the output weights c_i\n"
"  included) start at their absolute values and are clipped at 0 after each step\n"
"  (projected Adam): N is then convex, so {N <= T} is convex; without it the fit is\n"
"  unconstrained and the set may come out non-convex (reported as such).\n"
"Rationalisation: every weight becomes its best rational approximation with denominator\n"
"  <= --max-denominator (continued fractions of the exact binary value of the double).\n"
"Exact part: the set {N <= T} as a union of polyhedra, convexity decided exactly; when it\n"
"  is a bounded full-dimensional polytope: f-vector, combinatorial type (polytope type\n"
"  names: \"hexagon\", \"cube\", ..., or null when not a named family), whether it is\n"
"  simple / simplicial, the exact range of |v|^2 over its vertices, and its polar dual\n"
"  about the origin (or the vertex centroid when the origin is not interior) with its\n"
"  type; the dual is recomputed by cddlib and the anti-isomorphism of face lattices is\n"
"  verified. With L = 1 the zonotope duality is checked as well (or the reason it does\n"
"  not apply: some c_i <= 0, or the w_i do not positively span R^D).\n"
"\n"
"options:\n"
"  --dim D               input dimension (1..6)\n"
"  --units U             units per hidden layer (1..64)\n"
"  --layers L            hidden layers (1..4)\n"
"  --seed S              seed of the samples and the initialisation (integer >= 0)\n"
"  --samples n           training points (default 200 D)\n"
"  --epochs E            Adam steps (default 2000)\n"
"  --lr R                learning rate (default 0.01)\n"
"  --max-denominator Q   denominator bound of the rationalisation (default 100)\n"
"  --threshold T         the level (rational, default 1)\n"
"  --convex              keep the weights after the first layer >= 0 (see above)\n"
"  --out FILE            write the rationalised network (network format) to FILE\n"
"  --json                one JSON object on stdout (keys below)\n"
"  --help                this text\n"
"\n"
"JSON keys: dim, units, layers, seed, convex_training, samples, epochs, lr (decimal string),\n"
"  max_denominator, loss (float mean squared error after training, a decimal string; a\n"
"  diagnostic, not exact), network (the rationalised network),\n"
"  threshold (exact), regions (activation regions of the network cut by {N = T}),\n"
"  pieces, empty, convex, bounded, polytope (when convex, bounded and full-dimensional,\n"
"  else null): {fvector, type (name or null), simple, simplicial, vertices (count),\n"
"  facets, radius2_min, radius2_max (exact min and max of |v|^2 over the vertices),\n"
"  verified (cddlib recomputed both forms)}; polar (null when polytope is): {center,\n"
"  center_source (\"origin\" or \"vertex centroid\"), fvector, type, simple, simplicial,\n"
"  verified (cddlib and the face-lattice anti-isomorphism)}; zonotope (L = 1 only):\n"
"  {applies, reason (when not), generators (when it applies: the number of parallel\n"
"  classes of edges of Z, from the zonotope recognition, checked by rebuilding Z; null\n"
"  beyond 12), verified}; note (why there is no polytope).\n";

static int
parse_long(long * v, const char * s, long lo, long hi)
{
    char * end;
    long x = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || x < lo || x > hi)
        return 0;
    *v = x;
    return 1;
}

static void
incidence_flags(int * simple, int * simplicial, const polytope_t Q)
{
    /* simple: every vertex on exactly dim facets; simplicial: every facet with dim vertices */
    *simple = *simplicial = 1;
    for (slong i = 0; i < Q->nv; i++)
    {
        slong c = 0;
        for (slong j = 0; j < Q->m; j++)
            c += polytope_incident(Q, i, j);
        *simple &= (c == Q->dim);
    }
    for (slong j = 0; j < Q->m; j++)
    {
        slong c = 0;
        for (slong i = 0; i < Q->nv; i++)
            c += polytope_incident(Q, i, j);
        *simplicial &= (c == Q->dim);
    }
}

static void
radius_range(fmpq_t lo, fmpq_t hi, const polytope_t Q)
{
    fmpq_t r, t;
    fmpq_init(r);
    fmpq_init(t);
    for (slong i = 0; i < Q->nv; i++)
    {
        fmpq_zero(r);
        for (slong k = 0; k < Q->n; k++)
        {
            fmpq_mul(t, Q->vert + i * Q->n + k, Q->vert + i * Q->n + k);
            fmpq_add(r, r, t);
        }
        if (i == 0 || fmpq_cmp(r, lo) < 0)
            fmpq_set(lo, r);
        if (i == 0 || fmpq_cmp(r, hi) > 0)
            fmpq_set(hi, r);
    }
    fmpq_clear(r);
    fmpq_clear(t);
}

static void
write_fvec(jout_t out, const polytope_t Q)
{
    slong * f = flint_malloc((Q->dim + 1) * sizeof(slong));
    polytope_fvector(f, Q);
    jout_begin_array(out);
    for (slong k = 0; k <= Q->dim; k++)
        jout_int(out, f[k]);
    jout_end_array(out);
    flint_free(f);
}

static void
print_fvec(const polytope_t Q)
{
    slong * f = flint_malloc((Q->dim + 1) * sizeof(slong));
    polytope_fvector(f, Q);
    for (slong k = 0; k <= Q->dim; k++)
        printf("%s%ld", k ? "," : "(", (long) f[k]);
    printf(")");
    flint_free(f);
}

int
cmd_spherefit(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "dim", required_argument, 0, 'd' }, { "units", required_argument, 0, 'u' },
        { "layers", required_argument, 0, 'l' }, { "seed", required_argument, 0, 's' },
        { "samples", required_argument, 0, 'n' }, { "epochs", required_argument, 0, 'e' },
        { "lr", required_argument, 0, 'r' }, { "max-denominator", required_argument, 0, 'q' },
        { "threshold", required_argument, 0, 't' }, { "out", required_argument, 0, 'o' },
        { "convex", no_argument, 0, 'c' },
        { "json", no_argument, 0, 'j' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    long dim = -1, units = -1, layers = -1, seed = -1, samples = -1, epochs = 2000, maxden = 100;
    double lr = 0.01;
    const char * tstr = "1", * outpath = NULL;
    int json = 0, convex = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'd':
                if (!parse_long(&dim, optarg, 1, 6))
                    return cli_usage_error("sphere-fit", "--dim: expected an integer in 1..6, got \"%s\"", optarg);
                break;
            case 'u':
                if (!parse_long(&units, optarg, 1, 64))
                    return cli_usage_error("sphere-fit", "--units: expected an integer in 1..64, got \"%s\"", optarg);
                break;
            case 'l':
                if (!parse_long(&layers, optarg, 1, 4))
                    return cli_usage_error("sphere-fit", "--layers: expected an integer in 1..4, got \"%s\"", optarg);
                break;
            case 's':
                if (!parse_long(&seed, optarg, 0, 2147483647L))
                    return cli_usage_error("sphere-fit", "--seed: expected a nonnegative integer, got \"%s\"", optarg);
                break;
            case 'n':
                if (!parse_long(&samples, optarg, 1, 1000000))
                    return cli_usage_error("sphere-fit", "--samples: expected an integer in 1..1000000, got \"%s\"", optarg);
                break;
            case 'e':
                if (!parse_long(&epochs, optarg, 0, 10000000))
                    return cli_usage_error("sphere-fit", "--epochs: expected an integer in 0..10000000, got \"%s\"", optarg);
                break;
            case 'q':
                if (!parse_long(&maxden, optarg, 1, 1000000000L))
                    return cli_usage_error("sphere-fit", "--max-denominator: expected a positive integer, got \"%s\"", optarg);
                break;
            case 'r':
            {
                char * end;
                lr = strtod(optarg, &end);
                if (*optarg == '\0' || *end != '\0' || !(lr > 0 && lr < 10))
                    return cli_usage_error("sphere-fit", "--lr: expected a number in (0, 10), got \"%s\"", optarg);
                break;
            }
            case 't': tstr = optarg; break;
            case 'o': outpath = optarg; break;
            case 'c': convex = 1; break;
            case 'j': json = 1; break;
            case 'h': fputs(spherefit_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("sphere-fit", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage_error("sphere-fit", "unexpected argument '%s'", argv[optind]);
    if (dim < 0 || units < 0 || layers < 0 || seed < 0)
        return cli_usage_error("sphere-fit", "--dim, --units, --layers and --seed are required");
    if (samples < 0)
        samples = 200 * dim;

    rc_error_t err;
    fmpq_t T;
    rc_error_init(err);
    fmpq_init(T);
    if (num_parse_fmpq(T, tstr, strlen(tstr), err))
    {
        rc_error_prefix(err, "--threshold");
        fmpq_clear(T);
        return cli_fail("sphere-fit", err);
    }

    /* float: fit and rationalise */
    slong * widths = flint_malloc(layers * sizeof(slong));
    for (slong j = 0; j < layers; j++)
        widths[j] = units;
    train_regdata_t D;
    train_net_t F;
    train_sphere_data(D, dim, samples, (ulong) seed);
    train_net_init_dim(F, dim, layers, widths, (ulong) seed, 0);
    double loss = train_net_fit_mse(F, D, epochs, lr, convex ? TRAIN_CONVEX : 0);
    net_t net;
    net_init(net);
    train_net_rationalise(net, F, maxden);
    train_net_clear(F);
    train_regdata_clear(D);
    flint_free(widths);
    int status = RELU_OK;
    if (outpath != NULL)
        status = net_write_file(outpath, net, err);

    /* exact: the sublevel set, its type, its polar */
    poly_t domain;
    poly_init(domain, dim);
    poly_set_whole(domain);
    levelset_t L;
    levelset_init(L);
    if (status == RELU_OK)
        status = levelset_compute(L, net, 0, T, LEVELSET_SUB, domain, err);
    int have_poly = status == RELU_OK && !L->empty && L->convex && L->hull->dim == dim &&
                    polytope_is_bounded(L->hull);
    const char * note = NULL;
    if (status == RELU_OK && !have_poly)
        note = L->empty ? "the set is empty" : !L->convex ? "the set is not convex" :
               L->hull->dim < dim ? "the set is not full-dimensional" : "the set is unbounded";
    if (have_poly)
        status = polytope_verify_cdd(L->hull, err);

    polytope_t P;
    fmpq * center = _fmpq_vec_init(dim);
    const char * center_source = "origin";
    slong * vmap = NULL, * fmap = NULL, * map = NULL;
    polytope_lattice_t LP, LD;
    polytope_init(P, dim);
    polytope_lattice_init(LP);
    polytope_lattice_init(LD);
    if (status == RELU_OK && have_poly)
    {
        if (!polytope_contains_interior(L->hull, center))
        {
            polytope_interior_point(center, L->hull);
            center_source = "vertex centroid";
        }
        vmap = flint_malloc(FLINT_MAX(L->hull->nv, 1) * sizeof(slong));
        fmap = flint_malloc(FLINT_MAX(L->hull->m, 1) * sizeof(slong));
        status = polytope_polar(P, vmap, fmap, L->hull, center, err);
        if (status == RELU_OK)
            status = polytope_verify_cdd(P, err);
        if (status == RELU_OK)
        {
            polytope_lattice_compute(LP, L->hull);
            polytope_lattice_compute(LD, P);
            map = flint_malloc(LP->num * sizeof(slong));
            status = polytope_lattice_antiisomorphism(map, LP, LD, vmap, fmap, dim, err);
        }
    }

    /* one hidden layer: the zonotope duality, computed independently */
    int applies = 0;
    char reason[256] = "";
    slong * zv = NULL, * zf = NULL;
    polytope_t Z;
    polytope_init(Z, 0);
    if (status == RELU_OK && layers == 1)
        status = levelset_zonotope_duality(&applies, reason, sizeof(reason), Z, &zv, &zf, net, 0, T, L, err);
    if (status == RELU_OK && applies)
        status = polytope_verify_cdd(Z, err);
    fmpq * zgens = NULL;
    slong zk = (status == RELU_OK && applies) ? polytope_zonotope_generators(&zgens, Z) : 0;

    int rc = CLI_EXIT_OK;
    if (status)
        rc = cli_fail("sphere-fit", err);
    else
    {
        char b1[128], b2[128];
        const char * t1 = have_poly ? polytope_type_name(b1, sizeof(b1), L->hull) : NULL;
        const char * t2 = have_poly ? polytope_type_name(b2, sizeof(b2), P) : NULL;
        int s1 = 0, s2 = 0, p1 = 0, p2 = 0;
        fmpq_t rlo, rhi;
        fmpq_init(rlo);
        fmpq_init(rhi);
        if (have_poly)
        {
            incidence_flags(&s1, &p1, L->hull);
            incidence_flags(&s2, &p2, P);
            radius_range(rlo, rhi, L->hull);
        }
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, 0, 0);
            jout_begin_object(out);
            jout_key(out, "dim"); jout_int(out, dim);
            jout_key(out, "units"); jout_int(out, units);
            jout_key(out, "layers"); jout_int(out, layers);
            jout_key(out, "seed"); jout_int(out, seed);
            jout_key(out, "convex_training"); jout_bool(out, convex);
            jout_key(out, "samples"); jout_int(out, samples);
            jout_key(out, "epochs"); jout_int(out, epochs);
            char fbuf[64];
            snprintf(fbuf, sizeof(fbuf), "%.6g", lr);
            jout_key(out, "lr"); jout_string(out, fbuf);
            jout_key(out, "max_denominator"); jout_int(out, maxden);
            snprintf(fbuf, sizeof(fbuf), "%.6e", loss);
            jout_key(out, "loss"); jout_string(out, fbuf);
            jout_key(out, "network");
            net_write_jout(out, net);
            jout_key(out, "threshold"); jout_fmpq_str(out, T);
            jout_key(out, "regions"); jout_int(out, L->regions);
            jout_key(out, "pieces"); jout_int(out, L->num);
            jout_key(out, "empty"); jout_bool(out, L->empty);
            jout_key(out, "convex"); jout_bool(out, L->convex);
            jout_key(out, "bounded"); jout_bool(out, L->empty || polytope_is_bounded(L->hull));
            jout_key(out, "polytope");
            if (!have_poly)
                jout_null(out);
            else
            {
                jout_begin_object(out);
                jout_key(out, "fvector"); write_fvec(out, L->hull);
                jout_key(out, "type");
                if (t1) jout_string(out, t1); else jout_null(out);
                jout_key(out, "simple"); jout_bool(out, s1);
                jout_key(out, "simplicial"); jout_bool(out, p1);
                jout_key(out, "vertices"); jout_int(out, L->hull->nv);
                jout_key(out, "facets"); jout_int(out, L->hull->m);
                jout_key(out, "radius2_min"); jout_fmpq_str(out, rlo);
                jout_key(out, "radius2_max"); jout_fmpq_str(out, rhi);
                jout_key(out, "verified"); jout_bool(out, 1);
                jout_end_object(out);
            }
            jout_key(out, "polar");
            if (!have_poly)
                jout_null(out);
            else
            {
                jout_begin_object(out);
                jout_key(out, "center"); jout_fmpq_vec(out, center, dim);
                jout_key(out, "center_source"); jout_string(out, center_source);
                jout_key(out, "fvector"); write_fvec(out, P);
                jout_key(out, "type");
                if (t2) jout_string(out, t2); else jout_null(out);
                jout_key(out, "simple"); jout_bool(out, s2);
                jout_key(out, "simplicial"); jout_bool(out, p2);
                jout_key(out, "verified"); jout_bool(out, 1);
                jout_end_object(out);
            }
            if (layers == 1)
            {
                jout_key(out, "zonotope");
                jout_begin_object(out);
                jout_key(out, "applies"); jout_bool(out, applies);
                if (!applies)
                {
                    jout_key(out, "reason");
                    jout_string(out, reason);
                }
                else
                {
                    jout_key(out, "generators");
                    if (zk > 0) jout_int(out, zk); else jout_null(out);
                    jout_key(out, "verified"); jout_bool(out, 1);
                }
                jout_end_object(out);
            }
            if (note)
            {
                jout_key(out, "note");
                jout_string(out, note);
            }
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            char * ts = num_get_str(T);
            printf("sphere-fit: D = %ld, %ld hidden layer%s of %ld units, seed %ld: float MSE %.4e after %ld %sAdam steps\n",
                   dim, layers, layers == 1 ? "" : "s", units, seed, loss, epochs, convex ? "projected " : "");
            printf("weights rationalised with denominators <= %ld; {N <= %s} over R^%ld: %ld regions, %ld pieces\n",
                   maxden, ts, dim, (long) L->regions, (long) L->num);
            flint_free(ts);
            if (!have_poly)
                printf("no polytope: %s\n", note);
            else
            {
                char lo[64], hi[64];
                cli_fmpq_approx(lo, sizeof(lo), rlo, 4);
                cli_fmpq_approx(hi, sizeof(hi), rhi, 4);
                printf("polytope: f-vector ");
                print_fvec(L->hull);
                printf(", type %s%s%s; |v|^2 in [%s..., %s...]\n", t1 ? t1 : "(not a named type)",
                       s1 ? ", simple" : "", p1 ? ", simplicial" : "", lo, hi);
                printf("polar dual (about the %s): f-vector ", center_source);
                print_fvec(P);
                printf(", type %s%s%s; face lattices anti-isomorphic (verified)\n", t2 ? t2 : "(not a named type)",
                       s2 ? ", simple" : "", p2 ? ", simplicial" : "");
            }
            if (layers == 1)
            {
                if (applies && zk > 0)
                    printf("zonotope duality verified: {N <= T} is the polar of a zonotope with %ld generator%s\n",
                           (long) zk, zk == 1 ? "" : "s");
                else if (applies)
                    printf("zonotope duality verified: {N <= T} is the polar of a zonotope (its generators\n"
                           "  were not recognised: more than 12 classes)\n");
                else
                    printf("zonotope duality does not apply: %s\n", reason);
            }
        }
        fmpq_clear(rlo);
        fmpq_clear(rhi);
    }
    if (zgens)
        _fmpq_vec_clear(zgens, zk * dim);
    flint_free(zv);
    flint_free(zf);
    polytope_clear(Z);
    flint_free(map);
    flint_free(vmap);
    flint_free(fmap);
    polytope_lattice_clear(LP);
    polytope_lattice_clear(LD);
    polytope_clear(P);
    _fmpq_vec_clear(center, dim);
    levelset_clear(L);
    poly_clear(domain);
    net_clear(net);
    fmpq_clear(T);
    return rc;
}
