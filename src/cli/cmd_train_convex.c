#include <getopt.h>
#include <stdlib.h>
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
"  --out NET.json  write the trained network (network format: hidden layer = one ReLU neuron\n"
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
"  kkt, missed (in the exact support, not in the float one), extra (the converse)}).\n";

typedef struct
{
    int bias, interpolate, json, full, floatref;
    const char * lambda, * out;
    slong max_steps;
    double tol;
}
tc_opts;

static int
_parse(tc_opts * o, int argc, char ** argv)
{
    static const struct option opts[] = {
        { "bias", no_argument, 0, 'b' }, { "interpolate", no_argument, 0, 'i' },
        { "lambda", required_argument, 0, 'l' }, { "out", required_argument, 0, 'o' },
        { "json", no_argument, 0, 'j' }, { "full-path", no_argument, 0, 'F' },
        { "float-reference", no_argument, 0, 'f' }, { "max-steps", required_argument, 0, 'm' },
        { "float-tol", required_argument, 0, 't' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int c;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        switch (c)
        {
            case 'b': o->bias = 1; break;
            case 'i': o->interpolate = 1; break;
            case 'l': o->lambda = optarg; break;
            case 'o': o->out = optarg; break;
            case 'j': o->json = 1; break;
            case 'F': o->full = 1; break;
            case 'f': o->floatref = 1; break;
            case 'm':
                o->max_steps = strtol(optarg, &end, 10);
                if (*end || o->max_steps < 1)
                    return cli_usage_error("train-convex", "--max-steps: expected a positive integer, got '%s'", optarg);
                break;
            case 't':
                o->tol = strtod(optarg, &end);
                if (*end || !(o->tol > 0 && o->tol < 1))
                    return cli_usage_error("train-convex", "--float-tol: expected a number in (0, 1), got '%s'", optarg);
                break;
            case 'h': fputs(train_convex_help, stdout); return -1;
            default: return cli_usage_error("train-convex", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    if (optind != argc - 1)
        return cli_usage_error("train-convex", optind >= argc ? "missing data file" : "expected one data file");
    if (o->interpolate == (o->lambda != NULL))
        return cli_usage_error("train-convex", "give exactly one of --interpolate and --lambda L");
    if (o->floatref && o->interpolate)
        return cli_usage_error("train-convex", "--float-reference goes with --lambda");
    return 0;
}

typedef struct
{
    wedge_data_t D;
    wedge_dict_t W;
    fmpq_t lambda, lambda_max, obj, loss, l1, pen;
    fmpq * c, * u;
    wedge_path_t P;
    net_t net, back;
    fmpq_t floss, fl1, fobj;
    int agrees, unique;
    slong equicorrelated;
    /* float reference */
    fmpq * cf;
    slong sweeps;
    fmpq_t gobj, gap, maxerr;
    double tol;
    int gkkt;
}
tc_state;

static void
_print_float(jout_t out, tc_state * s)
{
    char buf[128];
    slong p = s->W->num;
    jout_key(out, "float_reference");
    jout_begin_object(out);
    jout_key(out, "method"); jout_string(out, "cyclic coordinate descent in double");
    jout_key(out, "sweeps"); jout_int(out, s->sweeps);
    jout_key(out, "support");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "objective"); jout_fmpq(out, s->gobj);
    jout_key(out, "tolerance"); snprintf(buf, sizeof(buf), "%g", s->tol); jout_string(out, buf);
    jout_key(out, "gap"); jout_fmpq(out, s->gap);
    snprintf(buf, sizeof(buf), "%.6e", fmpq_get_d(s->gap));
    jout_key(out, "gap_approx"); jout_string(out, buf);
    snprintf(buf, sizeof(buf), "%.6e", fmpq_get_d(s->maxerr));
    jout_key(out, "max_coefficient_error_approx"); jout_string(out, buf);
    jout_key(out, "kkt"); jout_bool(out, s->gkkt);
    jout_key(out, "missed");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->c + j) && fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "extra");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (fmpq_is_zero(s->c + j) && !fmpq_is_zero(s->cf + j)) jout_int(out, j);
    jout_end_array(out);
    jout_end_object(out);
}

static void
_print_path(jout_t out, const wedge_path_t P)
{
    slong p = P->p;
    jout_key(out, "path");
    jout_begin_object(out);
    jout_key(out, "breakpoints"); jout_int(out, P->len);
    jout_key(out, "complete"); jout_bool(out, P->complete);
    jout_key(out, "points");
    jout_begin_array(out);
    for (slong k = 0; k < P->len; k++)
    {
        jout_begin_object(out);
        jout_key(out, "lambda"); jout_fmpq(out, P->lambda + k);
        jout_key(out, "events"); jout_int(out, P->ties[k]);
        if (k + 1 < P->len)
        {
            const signed char * sg = P->sign + k * p;
            jout_key(out, "active");
            jout_begin_array(out);
            for (slong j = 0; j < p; j++) if (sg[j]) jout_int(out, j);
            jout_end_array(out);
            jout_key(out, "signs");
            jout_begin_array(out);
            for (slong j = 0; j < p; j++) if (sg[j]) jout_int(out, sg[j]);
            jout_end_array(out);
        }
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_end_object(out);
}

static void
_print_json(tc_state * s, const tc_opts * o)
{
    slong p = s->W->num, k = s->W->k;
    jout_t out;
    jout_init(out, stdout, 1, 0);
    jout_begin_object(out);
    jout_key(out, "mode"); jout_string(out, o->interpolate ? "interpolate" : "lasso");
    jout_key(out, "samples"); jout_int(out, s->D->n);
    jout_key(out, "dim"); jout_int(out, s->D->d);
    jout_key(out, "bias"); jout_bool(out, o->bias);
    jout_key(out, "features"); jout_int(out, p);
    if (!o->interpolate)
    {
        jout_key(out, "lambda"); jout_fmpq(out, s->lambda);
        jout_key(out, "lambda_max"); jout_fmpq(out, s->lambda_max);
    }
    jout_key(out, "objective"); jout_fmpq(out, s->obj);
    jout_key(out, "loss"); jout_fmpq(out, s->loss);
    jout_key(out, "penalty"); jout_fmpq(out, s->pen);
    jout_key(out, "l1_norm"); jout_fmpq(out, s->l1);
    jout_key(out, "support");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++) if (!fmpq_is_zero(s->c + j)) jout_int(out, j);
    jout_end_array(out);
    jout_key(out, "neurons");
    jout_begin_array(out);
    for (slong j = 0; j < p; j++)
    {
        if (fmpq_is_zero(s->c + j))
            continue;
        jout_begin_object(out);
        jout_key(out, "column"); jout_int(out, j);
        jout_key(out, "subset");
        jout_begin_array(out);
        for (slong r = 0; r < k; r++) jout_int(out, s->W->subsets[j * k + r]);
        jout_end_array(out);
        jout_key(out, "sign"); jout_int(out, s->W->sign[j]);
        jout_key(out, "coefficient"); jout_fmpq(out, s->c + j);
        jout_key(out, "weights"); jout_fmpq_vec(out, s->W->V->rows[j], s->W->V->c);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_key(out, "certified"); jout_bool(out, 1);
    if (o->interpolate)
    {
        jout_key(out, "dual"); jout_fmpq_vec(out, s->u, s->D->n);
    }
    else
    {
        jout_key(out, "unique"); jout_bool(out, s->unique);
        jout_key(out, "equicorrelation_set_size"); jout_int(out, s->equicorrelated);
        _print_path(out, s->P);
    }
    jout_key(out, "network"); net_write_jout(out, s->net);
    if (o->out)
    {
        jout_key(out, "network_file"); jout_string(out, o->out);
    }
    jout_key(out, "file_check");
    jout_begin_object(out);
    jout_key(out, "loss"); jout_fmpq(out, s->floss);
    jout_key(out, "l1_norm"); jout_fmpq(out, s->fl1);
    jout_key(out, "objective"); jout_fmpq(out, s->fobj);
    jout_key(out, "agrees"); jout_bool(out, s->agrees);
    jout_end_object(out);
    if (o->floatref)
        _print_float(out, s);
    jout_end_object(out);
    jout_clear(out);
}

static void
_print_text(tc_state * s, const tc_opts * o)
{
    char buf[128];
    slong p = s->W->num, h = 0;
    for (slong j = 0; j < p; j++) h += !fmpq_is_zero(s->c + j);
    char * obj = num_get_str(s->obj);
    cli_fmpq_approx(buf, sizeof(buf), s->obj, 12);
    printf("%ld samples in R^%ld, %s, %ld features\n", (long) s->D->n, (long) s->D->d,
           o->bias ? "with bias" : "without bias", (long) p);
    if (o->interpolate)
        printf("basis pursuit: min ||c||_1 = %s ~ %s (certified by LP duality)\n", obj, buf);
    else
    {
        char * l = num_get_str(s->lambda);
        printf("lasso at lambda = %s: objective %s ~ %s (KKT certified), %ld path breakpoints%s\n",
               l, obj, buf, (long) s->P->len, s->P->complete ? "" : " (incomplete)");
        flint_free(l);
    }
    if (!o->interpolate)
        printf("solution %s (equicorrelation set of %ld columns%s)\n", s->unique ? "unique" : "not certified unique",
               (long) s->equicorrelated, s->unique ? ", linearly independent" : "");
    printf("%ld neurons; loss and penalty recomputed from the written network: %s\n", (long) h,
           s->agrees ? "equal" : "DIFFERENT");
    for (slong j = 0; j < p; j++)
    {
        if (fmpq_is_zero(s->c + j))
            continue;
        char * cs = num_get_str(s->c + j);
        printf("  column %ld: samples", (long) j);
        if (s->W->k == 0)
            printf(" none (through 0)");
        for (slong r = 0; r < s->W->k; r++) printf(" %ld", (long) s->W->subsets[j * s->W->k + r]);
        printf(", sign %+d, coefficient %s\n", s->W->sign[j], cs);
        flint_free(cs);
    }
    if (o->floatref)
    {
        slong miss = 0, extra = 0;
        for (slong j = 0; j < p; j++)
        {
            miss += !fmpq_is_zero(s->c + j) && fmpq_is_zero(s->cf + j);
            extra += fmpq_is_zero(s->c + j) && !fmpq_is_zero(s->cf + j);
        }
        printf("float coordinate descent (tolerance %g, %ld sweeps): objective gap %.6e, largest coefficient "
               "error %.6e, support: %ld missed, %ld extra; KKT %s\n", s->tol, (long) s->sweeps, fmpq_get_d(s->gap),
               fmpq_get_d(s->maxerr), (long) miss, (long) extra, s->gkkt ? "holds" : "fails");
    }
    flint_free(obj);
}

static void
_state_init(tc_state * s)
{
    wedge_data_init(s->D);
    wedge_dict_init(s->W);
    fmpq_init(s->lambda); fmpq_init(s->lambda_max); fmpq_init(s->obj); fmpq_init(s->loss);
    fmpq_init(s->l1); fmpq_init(s->pen); fmpq_init(s->floss); fmpq_init(s->fl1); fmpq_init(s->fobj);
    fmpq_init(s->gobj); fmpq_init(s->gap); fmpq_init(s->maxerr);
    s->c = s->u = s->cf = NULL;
    wedge_path_init(s->P, 0);
    net_init(s->net);
    net_init(s->back);
    s->agrees = s->gkkt = 0;
    s->sweeps = 0;
}

static void
_state_clear(tc_state * s)
{
    slong p = FLINT_MAX(s->W->num, 1);
    if (s->c) _fmpq_vec_clear(s->c, p);
    if (s->cf) _fmpq_vec_clear(s->cf, p);
    if (s->u) _fmpq_vec_clear(s->u, FLINT_MAX(s->D->n, 1));
    fmpq_clear(s->lambda); fmpq_clear(s->lambda_max); fmpq_clear(s->obj); fmpq_clear(s->loss);
    fmpq_clear(s->l1); fmpq_clear(s->pen); fmpq_clear(s->floss); fmpq_clear(s->fl1); fmpq_clear(s->fobj);
    fmpq_clear(s->gobj); fmpq_clear(s->gap); fmpq_clear(s->maxerr);
    wedge_path_clear(s->P);
    net_clear(s->net);
    net_clear(s->back);
    wedge_dict_clear(s->W);
    wedge_data_clear(s->D);
}

static int
_solve_lasso(tc_state * s, const tc_opts * o, rc_error_t err)
{
    fmpq_t end;
    fmpq_init(end);
    if (!o->full)
        fmpq_set(end, s->lambda);
    int rc = wedge_lasso_path(s->P, s->W->F, s->D->y, end, o->max_steps, err);
    fmpq_clear(end);
    if (s->P->len > 0)
        fmpq_set(s->lambda_max, s->P->lambda);
    if (rc == RELU_OK || (s->P->len > 0 && fmpq_cmp(s->lambda, s->P->lambda + s->P->len - 1) >= 0))
    {
        if (rc != RELU_OK && rc != RELU_E_LIMIT)
            fprintf(stderr, "relucert train-convex: note: %s (the solution at lambda lies above)\n", err->msg);
        rc = RELU_OK;
        wedge_path_eval(s->c, s->P, s->lambda);
    }
    slong bad;
    if (rc == RELU_OK && !wedge_lasso_kkt_check(&bad, s->W->F, s->D->y, s->c, s->lambda))
        rc = rc_error_set(err, RELU_E_INTERNAL, "the path's solution fails the KKT check at column %ld", (long) bad);
    if (rc == RELU_OK)
    {
        wedge_lasso_objective(s->obj, s->loss, s->l1, s->W->F, s->D->y, s->c, s->lambda);
        fmpq_mul(s->pen, s->lambda, s->l1);
        s->unique = wedge_lasso_unique(&s->equicorrelated, s->W->F, s->D->y, s->c, s->lambda);
    }
    return rc;
}

static int
_solve_bp(tc_state * s, rc_error_t err)
{
    int feasible;
    s->u = _fmpq_vec_init(FLINT_MAX(s->D->n, 1));
    int rc = wedge_basis_pursuit(s->c, s->u, &feasible, s->W->F, s->D->y, err);
    if (rc == RELU_OK && !feasible)
        rc = rc_error_set(err, RELU_E_INPUT, "y is not in the span of the %ld dictionary columns (exact ranks): "
                          "no network of this form interpolates the data; use --lambda", (long) s->W->num);
    if (rc == RELU_OK)
    {
        fmpq_t zero;
        fmpq_init(zero);
        wedge_lasso_objective(s->obj, s->loss, s->l1, s->W->F, s->D->y, s->c, zero);
        fmpq_set(s->obj, s->l1);
        fmpq_set(s->pen, s->l1);
        fmpq_clear(zero);
    }
    return rc;
}

/* The network, written and read back, evaluated exactly on the samples. */
static int
_check_file(tc_state * s, const tc_opts * o, rc_error_t err)
{
    wedge_model_net(s->net, s->W, s->c, s->D->d, o->bias);
    if (wedge_model_roundtrip(s->back, s->net, o->out, err))
        return err->code;
    wedge_model_loss(s->floss, s->fl1, s->back, s->D);
    if (o->interpolate)
        fmpq_set(s->fobj, s->fl1);
    else
    {
        fmpq_mul(s->fobj, s->lambda, s->fl1);
        fmpq_add(s->fobj, s->fobj, s->floss);
    }
    s->agrees = fmpq_equal(s->floss, s->loss) && fmpq_equal(s->fl1, s->l1) && fmpq_equal(s->fobj, s->obj);
    if (!s->agrees)
        return rc_error_set(err, RELU_E_INTERNAL, "the loss or penalty recomputed from the written network differs "
                            "from the solver's");
    return RELU_OK;
}

static void
_float_reference(tc_state * s)
{
    fmpq_t l, q;
    fmpq_init(l); fmpq_init(q);
    s->cf = _fmpq_vec_init(FLINT_MAX(s->W->num, 1));
    wedge_lasso_cd(s->cf, &s->sweeps, s->W->F, s->D->y, s->lambda, s->tol, 100000);
    for (slong j = 0; j < s->W->num; j++)
    {
        fmpq_sub(l, s->cf + j, s->c + j);
        fmpq_abs(l, l);
        if (fmpq_cmp(l, s->maxerr) > 0)
            fmpq_set(s->maxerr, l);
    }
    wedge_lasso_objective(s->gobj, l, q, s->W->F, s->D->y, s->cf, s->lambda);
    fmpq_sub(s->gap, s->gobj, s->obj);
    s->gkkt = wedge_lasso_kkt_check(NULL, s->W->F, s->D->y, s->cf, s->lambda);
    fmpq_clear(l); fmpq_clear(q);
}

int
cmd_train_convex(int argc, char ** argv)
{
    tc_opts o = { 0, 0, 0, 0, 0, NULL, NULL, 10000, 1e-4 };
    int rc = _parse(&o, argc, argv);
    if (rc)
        return rc < 0 ? CLI_EXIT_OK : rc;
    rc_error_t err;
    rc_error_init(err);
    tc_state s;
    _state_init(&s);
    s.tol = o.tol;
    int status = RELU_OK;
    if (o.lambda)
    {
        if (num_parse_fmpq(s.lambda, o.lambda, strlen(o.lambda), err))
            rc_error_prefix(err, "--lambda"), status = err->code;
        else if (fmpq_sgn(s.lambda) <= 0)
            status = rc_error_set(err, RELU_E_INPUT, "--lambda must be > 0, got \"%s\" (for lambda -> 0 use --interpolate)", o.lambda);
    }
    if (status == RELU_OK)
        status = wedge_data_read_file(s.D, argv[optind], err);
    if (status == RELU_OK && s.D->n < s.D->d)
        status = rc_error_set(err, RELU_E_INPUT, "%s: %ld samples in dimension %ld: need at least %ld (n >= d)",
                              argv[optind], (long) s.D->n, (long) s.D->d, (long) s.D->d);
    if (status == RELU_OK)
    {
        wedge_dict_build(s.W, s.D, o.bias);
        s.c = _fmpq_vec_init(FLINT_MAX(s.W->num, 1));
        status = o.interpolate ? _solve_bp(&s, err) : _solve_lasso(&s, &o, err);
    }
    if (status == RELU_OK)
        status = _check_file(&s, &o, err);
    if (status == RELU_OK && o.floatref)
        _float_reference(&s);
    if (status == RELU_OK)
    {
        if (o.json) _print_json(&s, &o); else _print_text(&s, &o);
    }
    _state_clear(&s);
    return status ? cli_fail("train-convex", err) : CLI_EXIT_OK;
}
