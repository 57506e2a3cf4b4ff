/* relucert sphere-fit: the neural-polytope experiment (NOTES section 1); the
   pipeline is train_spherefit_fit + train_spherefit_analyse (src/train/spherefit.c). */
#include <string.h>
#include "cli/cli.h"
#include "train/spherefit.h"
#include "cli/spherefit_plot.h"

static const char * spherefit_help =
"usage: relucert sphere-fit --dim D --units U --layers L --seed S [options]\n"
"\n"
"Fits a network N: R^D -> R (L hidden layers of U units, ReLU unless --activation; the first layer\n"
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
"  --convex              keep the weights after the first layer >= 0 (see above; with relu,\n"
"                        leaky of slope in [0, 1], softplus, or abs in one hidden layer)\n"
"  --activation A        the hidden units: relu (default), leaky (leaky ReLU, slope --slope),\n"
"                        abs, hardtanh (clamp to [-1, 1]): exact as for relu, the network a\n"
"                        graph (doc/FORMAT.md) analysed through its lowering; or smooth:\n"
"                        sigmoid, tanh, softplus, gelu (--dim 2): NOTHING EXACT, the \"smooth\n"
"                        analogue\": {N <= T} sampled in floating point on 200 x 200 points of\n"
"                        [-2, 2]^2, its boundary by marching squares (JSON float_levelset,\n"
"                        labelled floating point; the float weights in float_network).\n"
"                        hardtanh, sigmoid and tanh are odd up to a constant, so their first\n"
"                        layer has biases (trained); the others keep it bias-free\n"
"  --slope A             leaky's slope (exact rational, default 1/100; trained with its double)\n"
"  --plot FILE           (--dim 2) the set on [-2, 2]^2 with the unit circle: exact pieces, or\n"
"                        the float boundary marked floating point (.svg .pdf .png .tex)\n"
"  -o, --out FILE        write the rationalised network (network format) to FILE\n"
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
"  beyond 12), verified}; note (why there is no polytope). Other activations add activation\n"
"  (and slope); network is then a graph; a smooth one has network null, float_network, exact\n"
"  false and float_levelset {floating_point: true, note, grid, box, inside_samples, area,\n"
"  contour_segments, radius_min, radius_max, touches_box} (decimal strings) instead of the\n"
"  exact keys.\n"
"\n"
"examples:\n"
"  relucert sphere-fit --dim 2 --units 8 --layers 1 --seed 1\n"
"  relucert sphere-fit --dim 3 --units 12 --layers 1 --seed 2 --json\n"
"  relucert sphere-fit --dim 2 --units 8 --layers 1 --seed 1 --activation leaky --slope 1/5\n"
"  relucert sphere-fit --dim 2 --units 8 --layers 1 --seed 1 --activation tanh --plot tanh.svg\n";

int
cmd_spherefit(int argc, char ** argv)
{
    train_spherefit_params p = { -1, -1, -1, 0, -1, 2000, 100, 0.01, 0, TRAIN_ACT_RELU };
    slong seed = -1;
    const char * tstr = "1", * outpath = NULL, * act = "relu", * slope = "1/100", * plot = NULL;
    int json = 0;
    const cli_opt opts[] = {
        { "dim", CLI_SLONG, &p.dim, 1, 6, 0, 0 }, { "units", CLI_SLONG, &p.units, 1, 64, 0, 0 },
        { "layers", CLI_SLONG, &p.layers, 1, 4, 0, 0 }, { "seed", CLI_SLONG, &seed, 0, 2147483647, 0, 0 },
        { "samples", CLI_SLONG, &p.samples, 1, 1000000, 0, 0 }, { "epochs", CLI_SLONG, &p.epochs, 0, 10000000, 0, 0 },
        { "lr", CLI_DOUBLE, &p.lr, 1e-9, 10, 0, 0 }, { "max-denominator", CLI_SLONG, &p.max_den, 1, 1000000000, 0, 0 },
        CLI_OPT_THRESHOLD(&tstr), CLI_OPT_OUT(&outpath), { "convex", CLI_FLAG, &p.convex, 0, 0, 0, 0 },
        { "activation", CLI_STR, &act, 0, 0, 0, 0 }, { "slope", CLI_STR, &slope, 0, 0, 0, 0 },
        { "plot", CLI_STR, &plot, 0, 0, 0, 0 }, CLI_OPT_JSON(&json), CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "sphere-fit", spherefit_help, argc, argv, opts, NULL, 0, 0, NULL, NULL))
        return rc;
    if (p.dim < 0 || p.units < 0 || p.layers < 0 || seed < 0)
        return cli_usage_error("sphere-fit", "--dim, --units, --layers and --seed are required");
    p.seed = (ulong) seed;
    if (p.samples < 0)
        p.samples = 200 * p.dim;

    rc_error_t err;
    fmpq_t T, a;
    train_spherefit_t S;
    rc_error_init(err);
    fmpq_init(T);
    fmpq_init(a);
    train_spherefit_init(S);
    int status = train_act_from_name(&p.act, act, err);
    if (status == RELU_OK && num_parse_fmpq(T, tstr, strlen(tstr), err))
        status = (rc_error_prefix(err, "--threshold"), err->code);
    if (status == RELU_OK && num_parse_fmpq(a, slope, strlen(slope), err))
        status = (rc_error_prefix(err, "--slope"), err->code);
    if (status == RELU_OK && ((outpath != NULL && !train_act_is_pl(p.act)) || (plot != NULL && p.dim != 2)))
        status = rc_error_set(err, RELU_E_INPUT, outpath != NULL && !train_act_is_pl(p.act)
                              ? "--out: a smooth activation has no exact network to write (see float_network in --json)"
                              : "--plot needs --dim 2");
    if (status == RELU_OK)
        status = train_spherefit_fit(S, &p, a, err);
    /* the network is written before the exact part: it is there even when that fails */
    if (status == RELU_OK && outpath != NULL)
        status = train_spherefit_write_network(outpath, S, err);
    if (status == RELU_OK)
        status = train_spherefit_analyse(S, T, err);
    if (status == RELU_OK && plot != NULL)
        status = cli_spherefit_plot(plot, S, err);
    if (status == RELU_OK)
        status = cli_write_result_compact(json, (cli_writer_json) train_spherefit_write_json,
                                          (cli_writer_text) train_spherefit_write_text, S, err);
    rc = status ? cli_fail("sphere-fit", err) : CLI_EXIT_OK;
    train_spherefit_clear(S);
    fmpq_clear(a);
    fmpq_clear(T);
    return rc;
}
