#include <string.h>
#include "cli/cli.h"

static const char * train_convex_help =
"usage: relucert train-convex DATA [--bias] (--interpolate | --lambda L) [--out NET.json]\n"
"                             [--json] [--full-path] [--float-reference [--float-tol T]]\n"
"                             [--max-steps N]\n"
"\n"
"Exact convex training of a one-hidden-layer ReLU network over the wedge-product dictionary\n"
"of DATA ({\"X\": [[...]], \"y\": [...]}, see relucert wedge; research notes section 5). With A\n"
"the n x p matrix of feature values relu(v_j . x) (relu(v_j . [x,1]) with --bias) on the\n"
"samples, the model is f(x) = sum_j c_j relu(v_j . x), with no further unpenalised bias or\n"
"linear term. Features are unnormalised (their norms are irrational in general); the penalty\n"
"is the l1 norm of the output coefficients c for exactly these features.\n"
"\n"
"  --interpolate   basis pursuit: min ||c||_1 subject to A c = y, an exact LP (cddlib, GMP),\n"
"                  primal and dual; certified by A c = y, |A^T u| <= 1 and ||c||_1 = y . u in\n"
"                  exact rationals. If y is not in the span of the columns (exact ranks):\n"
"                  error, exit 2.\n"
"  --lambda L      lasso: min 1/2 ||A c - y||^2 + L ||c||_1 (L > 0, exact rational), by the\n"
"                  exact homotopy from lambda_max = ||A^T y||_inf down to L: every breakpoint is\n"
"                  a rational, the solution is affine in lambda between them. The direction at\n"
"                  a breakpoint solves a small convex QP over the equicorrelation set (an LCP,\n"
"                  exact Lemke pivoting), so several coordinates changing at once and singular\n"
"                  active Gram matrices (non-unique solutions: then the path is one certified\n"
"                  selection) are handled; every segment is certified by the KKT conditions at\n"
"                  both ends before it is kept. If Lemke's method fails: error, exit 3. The\n"
"                  returned solution is checked again by an independent KKT check:\n"
"                  A_j^T (y - A c) = L sgn(c_j) where c_j != 0, |A_j^T (y - A c)| <= L elsewhere.\n"
"  --full-path     continue the path down to lambda = 0 (the solution is still reported at L).\n"
"  --bias          features through d samples, relu(+-[x,1] . v) (1D: the ramps (x - x_j)+,\n"
"                  (x_j - x)+ at the data points); without it, through d-1 samples and 0.\n"
"  -o, --out NET.json  write the trained network (network format: hidden layer = one ReLU neuron\n"
"                  per nonzero c_j with the weights v_j, output layer = the c_j, output bias 0;\n"
"                  c = 0 gives the affine network f = 0). Loss and penalty are recomputed from\n"
"                  the written file through the exact evaluator (without --out from the same\n"
"                  text written to memory) and must equal the solver's (else exit 70).\n"
"  --float-reference  also run cyclic coordinate descent in double (--lambda only; stops when\n"
"                  a sweep moves no coefficient by more than --float-tol T times the largest\n"
"                  one, default 1e-4 as scikit-learn's Lasso, or after 100000 sweeps), convert\n"
"                  its result exactly and report its support, its exact objective minus the\n"
"                  exact optimum, its largest coefficient error and the exact KKT verdict.\n"
"  --max-steps N   stop (exit 4) after N breakpoints (default 10000).\n"
"\n"
"Samples must be distinct, rows of X of one length, n >= d, L > 0.\n"
"\n"
"JSON keys: mode (\"interpolate\" | \"lasso\"), samples, dim, bias, features, lambda, lambda_max,\n"
"  objective (exact: ||c||_1, or 1/2 ||A c - y||^2 + L ||c||_1), loss, penalty, l1_norm,\n"
"  support (dictionary column indices, as in relucert wedge --list), neurons ([{column, subset\n"
"  (the samples the neuron's hyperplane passes through, from 0), sign, coefficient, weights}]),\n"
"  certified (KKT or duality verified, always true on exit 0), dual (interpolate: u),\n"
"  unique (lasso: true when the equicorrelation set {j : |A_j^T (y - A c)| = L} has linearly\n"
"  independent columns, which makes the solution unique; false: not certified unique),\n"
"  equicorrelation_set_size,\n"
"  path (lasso: {breakpoints (count, lambda_max and the end included), complete, points:\n"
"  [{lambda, events (zero coordinates in the equicorrelation set there: the candidates to\n"
"  enter or leave), active (columns on the segment below),\n"
"  signs}]}), network (the network object), network_file, file_check ({loss, l1_norm,\n"
"  objective, agrees}), float_reference ({method, tolerance, sweeps, support, objective (exact\n"
"  value at the float solution), gap (exact, >= 0), gap_approx and max_coefficient_error_approx\n"
"  (doubles, labelled),\n"
"  kkt, missed (in the exact support, not in the float one), extra (the converse)}).\n\n"
"examples:\n"
"  relucert train-convex data/wedge/hat1d.json --lambda 1/10 --out hat.json --json\n"
"  relucert train-convex data/wedge/hat1d.json --bias --interpolate\n";

int
cmd_train_convex(int argc, char ** argv)
{
    wedge_train_t s;
    const char * lambda = NULL, * tol = NULL, * pos[1];
    int json = 0;
    wedge_train_init(s);
    const cli_opt opts[] = { { "bias", CLI_FLAG, &s->bias, 0, 0, 0, 0 }, { "interpolate", CLI_FLAG, &s->interpolate, 0, 0, 0, 0 },
                             { "lambda", CLI_STR, &lambda, 0, 0, 0, 0 }, CLI_OPT_OUT(&s->out), CLI_OPT_JSON(&json),
                             { "full-path", CLI_FLAG, &s->full, 0, 0, 0, 0 },
                             { "float-reference", CLI_FLAG, &s->floatref, 0, 0, 0, 0 },
                             { "max-steps", CLI_SLONG, &s->max_steps, 1, 1e19, 0, 0 },
                             { "float-tol", CLI_STR, &tol, 0, 0, 0, 0 }, CLI_OPT_END };
    int rc = cli_opts_parse("train-convex", train_convex_help, argc, argv, opts, pos, 1, 1, NULL, "data file");
    if (rc == CLI_PARSED && s->interpolate == (lambda != NULL))
        rc = cli_usage_error("train-convex", "give exactly one of --interpolate and --lambda L");
    if (rc == CLI_PARSED && tol != NULL)
        rc = cli_parse_double(&s->tol, "train-convex", "--float-tol", tol, -1e300, 1e300);
    if (rc == CLI_PARSED && tol != NULL && !(s->tol > 0 && s->tol < 1))
        rc = cli_usage_error("train-convex", "--float-tol: expected a number in (0, 1), got '%s'", tol);
    if (rc == CLI_PARSED && s->floatref && s->interpolate)
        rc = cli_usage_error("train-convex", "--float-reference goes with --lambda");
    if (rc != CLI_PARSED)
    {
        wedge_train_clear(s);
        return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
    }

    rc_error_t err;
    rc_error_init(err);
    int status = RELU_OK;
    if (lambda != NULL && num_parse_fmpq(s->lambda, lambda, strlen(lambda), err))
    {
        rc_error_prefix(err, "--lambda");
        status = err->code;
    }
    else if (lambda != NULL && fmpq_sgn(s->lambda) <= 0)
        status = rc_error_set(err, RELU_E_INPUT, "--lambda must be > 0, got \"%s\" (for lambda -> 0 use --interpolate)",
                              lambda);
    if (status == RELU_OK)
        status = wedge_train_run(s, pos[0], err);
    if (s->note[0] != '\0')
        fprintf(stderr, "relucert train-convex: note: %s\n", s->note);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) wedge_train_write_json,
                                  (cli_writer_text) wedge_train_write_text, s, err);
    wedge_train_clear(s);
    return status ? cli_fail("train-convex", err) : CLI_EXIT_OK;
}
