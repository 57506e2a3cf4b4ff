/* The exact lasso path against a brute force over all sign patterns: for
   every (support, signs) with nonsingular Gram matrix the set of lambda where
   that pattern satisfies the KKT conditions is an interval computed here from
   scratch; in general position these intervals tile [0, lambda_max] and their
   endpoints are exactly the path's breakpoints. Also: the objective at random
   lambdas equals the brute force's, the KKT checker accepts the path's
   solutions and rejects perturbed ones, orthogonal designs give the
   closed-form soft threshold, the path at lambda = 0 has the basis-pursuit
   l1 norm (when y is in the span), and wedge dictionaries (1D ramps, 2D) work
   the same way. */
#include "testutil.h"

/* [lo, hi] (hi < 0 meaning +infinity) intersected with {alpha + lambda beta >= 0} */
static void
cut(fmpq_t lo, fmpq_t hi, int * inf, int * empty, const fmpq_t alpha, const fmpq_t beta)
{
    fmpq_t t;
    fmpq_init(t);
    if (fmpq_is_zero(beta))
        *empty |= fmpq_sgn(alpha) < 0;
    else
    {
        fmpq_div(t, alpha, beta);
        fmpq_neg(t, t);                      /* lambda = -alpha / beta */
        if (fmpq_sgn(beta) > 0) { if (fmpq_cmp(t, lo) > 0) fmpq_set(lo, t); }
        else if (*inf || fmpq_cmp(t, hi) < 0) { fmpq_set(hi, t); *inf = 0; }
    }
    fmpq_clear(t);
}

typedef struct
{
    slong count;
    fmpq * pts;          /* distinct interval endpoints (finite) */
    slong npts;
    int overlap;         /* two valid patterns share an open interval: not unique */
}
brute_t;

/* Enumerates the 3^p patterns. For lam_test (if not NULL) obj_test gets the
   objective of a pattern valid there. */
static void
brute(brute_t * B, const fmpq_mat_t A, const fmpq * y, const fmpq_t lam_test, fmpq_t obj_test, int * found)
{
    slong n = A->r, p = A->c, total = 1;
    for (slong j = 0; j < p; j++) total *= 3;
    fmpq * lo_all = _fmpq_vec_init(total), * hi_all = _fmpq_vec_init(total);
    int * inf_all = flint_calloc(total, sizeof(int));
    slong nvalid = 0;
    B->pts = _fmpq_vec_init(2 * total + 2);
    B->npts = 0;
    B->overlap = 0;
    *found = 0;
    fmpq * c = _fmpq_vec_init(p), * res = _fmpq_vec_init(n);
    fmpq_t lo, hi, al, be, t, tl, l1;
    fmpq_init(lo); fmpq_init(hi); fmpq_init(al); fmpq_init(be); fmpq_init(t); fmpq_init(tl); fmpq_init(l1);
    for (slong code = 0; code < total; code++)
    {
        int s[16];
        slong S[16], k = 0, cc = code;
        for (slong j = 0; j < p; j++) { s[j] = (int) (cc % 3) - 1; cc /= 3; if (s[j]) S[k++] = j; }
        fmpq_mat_t G, R, X;
        fmpq_mat_init(G, k, k); fmpq_mat_init(R, k, 2); fmpq_mat_init(X, k, 2);
        for (slong a = 0; a < k; a++)
        {
            for (slong b = 0; b < k; b++)
                for (slong i = 0; i < n; i++)
                    fmpq_addmul(fmpq_mat_entry(G, a, b), fmpq_mat_entry(A, i, S[a]), fmpq_mat_entry(A, i, S[b]));
            for (slong i = 0; i < n; i++)
                fmpq_addmul(fmpq_mat_entry(R, a, 0), fmpq_mat_entry(A, i, S[a]), y + i);
            fmpq_set_si(fmpq_mat_entry(R, a, 1), s[S[a]], 1);
        }
        int ok = k == 0 || fmpq_mat_solve_fraction_free(X, G, R);
        if (ok)
        {
            /* c_S = X0 - lambda X1; residual = y - A_S X0 + lambda A_S X1 */
            fmpq * r0 = _fmpq_vec_init(n), * r1 = _fmpq_vec_init(n);
            for (slong i = 0; i < n; i++)
            {
                fmpq_set(r0 + i, y + i);
                for (slong a = 0; a < k; a++)
                {
                    fmpq_submul(r0 + i, fmpq_mat_entry(A, i, S[a]), fmpq_mat_entry(X, a, 0));
                    fmpq_addmul(r1 + i, fmpq_mat_entry(A, i, S[a]), fmpq_mat_entry(X, a, 1));
                }
            }
            fmpq_zero(lo);
            int inf = 1, empty = 0;
            for (slong a = 0; a < k; a++)       /* s_j c_j >= 0, c_j not identically 0 */
            {
                if (fmpq_is_zero(fmpq_mat_entry(X, a, 0)) && fmpq_is_zero(fmpq_mat_entry(X, a, 1)))
                    empty = 1;
                fmpq_set(al, fmpq_mat_entry(X, a, 0));
                fmpq_neg(be, fmpq_mat_entry(X, a, 1));
                if (s[S[a]] < 0) { fmpq_neg(al, al); fmpq_neg(be, be); }
                cut(lo, hi, &inf, &empty, al, be);
            }
            for (slong j = 0; j < p; j++)       /* inactive: |p_j + lambda q_j| <= lambda */
            {
                if (s[j]) continue;
                fmpq_t pj, qj;
                fmpq_init(pj); fmpq_init(qj);
                for (slong i = 0; i < n; i++)
                {
                    fmpq_addmul(pj, fmpq_mat_entry(A, i, j), r0 + i);
                    fmpq_addmul(qj, fmpq_mat_entry(A, i, j), r1 + i);
                }
                fmpq_neg(al, pj); fmpq_sub_si(be, qj, 1); fmpq_neg(be, be);  /* -p + lambda (1 - q) >= 0 */
                cut(lo, hi, &inf, &empty, al, be);
                fmpq_set(al, pj); fmpq_add_si(be, qj, 1);                    /* p + lambda (1 + q) >= 0 */
                cut(lo, hi, &inf, &empty, al, be);
                fmpq_clear(pj); fmpq_clear(qj);
            }
            if (!empty && (inf || fmpq_cmp(lo, hi) < 0))
            {
                for (slong v = 0; v < nvalid; v++)   /* open intervals overlapping? */
                {
                    int a1 = inf_all[v] || fmpq_cmp(lo, hi_all + v) < 0;
                    int a2 = inf || fmpq_cmp(lo_all + v, hi) < 0;
                    if (a1 && a2) B->overlap = 1;
                }
                fmpq_set(lo_all + nvalid, lo);
                fmpq_set(hi_all + nvalid, hi);
                inf_all[nvalid++] = inf;
                fmpq_set(B->pts + B->npts++, lo);
                if (!inf) fmpq_set(B->pts + B->npts++, hi);
                if (lam_test && fmpq_cmp(lam_test, lo) >= 0 && (inf || fmpq_cmp(lam_test, hi) <= 0))
                {
                    for (slong j = 0; j < p; j++) fmpq_zero(c + j);
                    for (slong a = 0; a < k; a++)
                    {
                        fmpq_mul(t, lam_test, fmpq_mat_entry(X, a, 1));
                        fmpq_sub(c + S[a], fmpq_mat_entry(X, a, 0), t);
                    }
                    wedge_lasso_objective(t, tl, l1, A, y, c, lam_test);
                    if (*found) CHECK(fmpq_equal(t, obj_test), "brute force: two optimal values");
                    fmpq_set(obj_test, t);
                    *found = 1;
                }
            }
            _fmpq_vec_clear(r0, n); _fmpq_vec_clear(r1, n);
        }
        fmpq_mat_clear(G); fmpq_mat_clear(R); fmpq_mat_clear(X);
    }
    /* distinct points */
    slong m = 0;
    for (slong a = 0; a < B->npts; a++)
    {
        int dup = 0;
        for (slong b = 0; b < m && !dup; b++) dup = fmpq_equal(B->pts + a, B->pts + b);
        if (!dup) fmpq_set(B->pts + m++, B->pts + a);
    }
    B->count = 2 * total + 2;
    B->npts = m;
    _fmpq_vec_clear(lo_all, total); _fmpq_vec_clear(hi_all, total); flint_free(inf_all);
    _fmpq_vec_clear(c, p); _fmpq_vec_clear(res, n);
    fmpq_clear(lo); fmpq_clear(hi); fmpq_clear(al); fmpq_clear(be); fmpq_clear(t); fmpq_clear(tl); fmpq_clear(l1);
}

static slong complete_runs = 0, compared = 0;

/* The full test on one problem. */
static void
check_problem(const fmpq_mat_t A, const fmpq * y, flint_rand_t st)
{
    slong p = A->c;
    rc_error_t err;
    rc_error_init(err);
    wedge_path_t P;
    wedge_path_init(P, p);
    fmpq_t zero, lam, ob, obp, l, n1;
    fmpq_init(zero); fmpq_init(lam); fmpq_init(ob); fmpq_init(obp); fmpq_init(l); fmpq_init(n1);
    int rc = wedge_lasso_path(P, A, y, zero, 1000, err);
    CHECK(rc == RELU_OK || rc == RELU_E_UNSUPPORTED, "path: %s", err->msg);
    fmpq * c = _fmpq_vec_init(FLINT_MAX(p, 1));
    /* every stored breakpoint solution is KKT-optimal (independent checker),
       breakpoints strictly decrease */
    for (slong k = 0; k < P->len; k++)
    {
        CHECK(wedge_lasso_kkt_check(NULL, A, y, P->coef + k * p, P->lambda + k), "breakpoint %ld not optimal", (long) k);
        if (k) CHECK(fmpq_cmp(P->lambda + k, P->lambda + k - 1) < 0, "breakpoints not decreasing");
    }
    if (rc == RELU_OK)
    {
        complete_runs++;
        CHECK(fmpq_is_zero(P->lambda + P->len - 1), "path did not reach 0");
        brute_t B;
        /* a random lambda in (0, 1.2 lambda_max) */
        fmpq_set_si(lam, 1 + n_randint(st, 1000), 833);
        fmpq_mul(lam, lam, P->lambda);
        int found;
        brute(&B, A, y, fmpq_is_zero(lam) ? NULL : lam, ob, &found);
        if (fmpq_sgn(lam) > 0)
        {
            wedge_path_eval(c, P, lam);
            CHECK(wedge_lasso_kkt_check(NULL, A, y, c, lam), "interpolated solution not optimal");
            wedge_lasso_objective(obp, l, n1, A, y, c, lam);
            if (found)
                CHECK(fmpq_equal(ob, obp), "objective differs from the brute force");
            /* a perturbed solution is rejected */
            fmpq_set_si(l, 1, 1000);
            fmpq_add(c + 0, c + 0, l);
            CHECK(!wedge_lasso_kkt_check(NULL, A, y, c, lam), "perturbed solution accepted");
        }
        if (!B.overlap && !fmpq_is_zero(P->lambda))
        {
            compared++;
            CHECK(B.npts == P->len, "brute force has %ld breakpoints, the path %ld", (long) B.npts, (long) P->len);
            for (slong k = 0; k < P->len; k++)
            {
                int in = 0;
                for (slong b = 0; b < B.npts && !in; b++) in = fmpq_equal(B.pts + b, P->lambda + k);
                CHECK(in, "path breakpoint %ld not found by the brute force", (long) k);
            }
        }
        _fmpq_vec_clear(B.pts, B.count);
    }
    _fmpq_vec_clear(c, FLINT_MAX(p, 1));
    fmpq_clear(zero); fmpq_clear(lam); fmpq_clear(ob); fmpq_clear(obp); fmpq_clear(l); fmpq_clear(n1);
    wedge_path_clear(P);
}

/* Fixed degenerate cases (ties at lambda_max): two orthogonal columns entering
   together, and two equal columns (toggling both gives a singular Gram matrix:
   only one may enter). */
static void
check_ties(flint_rand_t st)
{
    rc_error_t err;
    rc_error_init(err);
    for (int equal = 0; equal <= 1; equal++)
    {
        fmpq_mat_t A;
        fmpq_mat_init(A, 2, 2);
        fmpq * y = _fmpq_vec_init(2);
        fmpq_one(fmpq_mat_entry(A, 0, 0));
        fmpq_one(fmpq_mat_entry(A, equal ? 0 : 1, 1));
        fmpq_one(y + 0);
        if (!equal) fmpq_one(y + 1);
        wedge_path_t P;
        wedge_path_init(P, 2);
        fmpq_t zero;
        fmpq_init(zero);
        CHECK(wedge_lasso_path(P, A, y, zero, 100, err) == RELU_OK, "ties: %s", err->msg);
        CHECK(P->len == 2 && fmpq_is_one(P->lambda) && fmpq_is_zero(P->lambda + 1), "ties: breakpoints");
        CHECK(P->ties[0] == 2, "ties: %ld events at lambda_max, expected 2", (long) P->ties[0]);
        CHECK(P->sign[0] + P->sign[1] == (equal ? 1 : 2), "ties: active set");
        check_problem(A, y, st);
        fmpq_clear(zero);
        wedge_path_clear(P);
        _fmpq_vec_clear(y, 2);
        fmpq_mat_clear(A);
    }
}

/* Issue 7 regression: the first path code tried the 2^k ways of toggling k
   simultaneous events and gave up beyond k = 12 (a 20-point 2D data set had
   13). Here A = [I_m | I_m] (m = 14), y = 1: all 2m columns enter at
   lambda_max = 1 together and the active Gram matrix is singular. Whatever
   optimal selection the path makes, the fit on each coordinate is 1 - lambda
   and the objective is m (lambda^2 / 2 + lambda (1 - lambda)). */
static void
check_many_ties(void)
{
    slong m = 14;
    rc_error_t err;
    rc_error_init(err);
    fmpq_mat_t A;
    fmpq_mat_init(A, m, 2 * m);
    fmpq * y = _fmpq_vec_init(m), * c = _fmpq_vec_init(2 * m);
    for (slong i = 0; i < m; i++)
    {
        fmpq_one(fmpq_mat_entry(A, i, i));
        fmpq_one(fmpq_mat_entry(A, i, m + i));
        fmpq_one(y + i);
    }
    wedge_path_t P;
    wedge_path_init(P, 2 * m);
    fmpq_t zero, lam, o, l, n1, e;
    fmpq_init(zero); fmpq_init(lam); fmpq_init(o); fmpq_init(l); fmpq_init(n1); fmpq_init(e);
    CHECK(wedge_lasso_path(P, A, y, zero, 100, err) == RELU_OK, "many ties: %s", err->msg);
    CHECK(P->ties[0] == 2 * m, "many ties: %ld events at lambda_max", (long) P->ties[0]);
    for (slong k = 1; k < 8; k++)
    {
        fmpq_set_si(lam, k, 8);
        wedge_path_eval(c, P, lam);
        CHECK(wedge_lasso_kkt_check(NULL, A, y, c, lam), "many ties: not optimal");
        wedge_lasso_objective(o, l, n1, A, y, c, lam);
        fmpq_mul(e, lam, lam);
        fmpq_div_2exp(e, e, 1);
        fmpq_sub_si(l, lam, 1);
        fmpq_submul(e, lam, l);          /* lambda^2/2 + lambda (1 - lambda) */
        fmpq_mul_si(e, e, m);
        CHECK(fmpq_equal(o, e), "many ties: objective");
    }
    fmpq_clear(zero); fmpq_clear(lam); fmpq_clear(o); fmpq_clear(l); fmpq_clear(n1); fmpq_clear(e);
    wedge_path_clear(P);
    _fmpq_vec_clear(y, m); _fmpq_vec_clear(c, 2 * m);
    fmpq_mat_clear(A);
}

/* The float reference can never beat the exact optimum: gap >= 0; and the
   exact value of a double agrees with the test's own conversion. */
static void
check_float_reference(const fmpq_mat_t A, const fmpq * y, flint_rand_t st)
{
    slong p = A->c;
    rc_error_t err;
    rc_error_init(err);
    wedge_path_t P;
    wedge_path_init(P, p);
    fmpq_t lam, o1, o2, l, n1;
    fmpq_init(lam); fmpq_init(o1); fmpq_init(o2); fmpq_init(l); fmpq_init(n1);
    fmpq_set_si(lam, 1 + n_randint(st, 50), 7);
    if (wedge_lasso_path(P, A, y, lam, 1000, err) == RELU_OK)
    {
        fmpq * c = _fmpq_vec_init(p), * cf = _fmpq_vec_init(p);
        slong sweeps;
        wedge_path_eval(c, P, lam);
        wedge_lasso_cd(cf, &sweeps, A, y, lam, 1e-6, 10000);
        wedge_lasso_objective(o1, l, n1, A, y, c, lam);
        wedge_lasso_objective(o2, l, n1, A, y, cf, lam);
        CHECK(fmpq_cmp(o2, o1) >= 0, "float objective below the exact optimum");
        for (slong j = 0; j < p; j++)
        {
            test_exact_double(l, fmpq_get_d(cf + j));
            CHECK(fmpq_equal(l, cf + j), "float coefficient not a double");
        }
        _fmpq_vec_clear(c, p); _fmpq_vec_clear(cf, p);
    }
    fmpq_clear(lam); fmpq_clear(o1); fmpq_clear(o2); fmpq_clear(l); fmpq_clear(n1);
    wedge_path_clear(P);
}

/* orthogonal design (distinct diagonal): c_j = soft(A_j^T y, lambda) / ||A_j||^2 */
static void
check_orthogonal(flint_rand_t st)
{
    slong n = 2 + n_randint(st, 4);
    fmpq_mat_t A;
    fmpq_mat_init(A, n, n);
    fmpq * y = _fmpq_vec_init(n), * c = _fmpq_vec_init(n);
    for (slong i = 0; i < n; i++)
    {
        fmpq_set_si(fmpq_mat_entry(A, i, i), 1 + (slong) n_randint(st, 4), 1 + n_randint(st, 3));
        fmpq_set_si(y + i, (slong) n_randint(st, 21) - 10, 1 + n_randint(st, 3));
    }
    rc_error_t err;
    rc_error_init(err);
    wedge_path_t P;
    wedge_path_init(P, n);
    fmpq_t lam, t, a;
    fmpq_init(lam); fmpq_init(t); fmpq_init(a);
    fmpq_set_si(lam, 1 + n_randint(st, 20), 1 + n_randint(st, 5));
    int rc = wedge_lasso_path(P, A, y, lam, 1000, err);
    if (rc == RELU_OK)   /* ties (equal |A_j^T y|) may be refused; they are rare */
    {
        wedge_path_eval(c, P, lam);
        for (slong j = 0; j < n; j++)
        {
            fmpq_mul(t, fmpq_mat_entry(A, j, j), y + j);      /* A_j^T y */
            fmpq_abs(a, t);
            if (fmpq_cmp(a, lam) <= 0) fmpq_zero(t);
            else if (fmpq_sgn(t) > 0) fmpq_sub(t, t, lam);
            else fmpq_add(t, t, lam);
            fmpq_div(t, t, fmpq_mat_entry(A, j, j));
            fmpq_div(t, t, fmpq_mat_entry(A, j, j));
            CHECK(fmpq_equal(t, c + j), "orthogonal design: not the soft threshold");
        }
    }
    fmpq_clear(lam); fmpq_clear(t); fmpq_clear(a);
    wedge_path_clear(P);
    _fmpq_vec_clear(y, n); _fmpq_vec_clear(c, n);
    fmpq_mat_clear(A);
}

/* path at 0 against basis pursuit (y in the span) */
static void
check_bp_limit(const fmpq_mat_t A, const fmpq * y)
{
    slong n = A->r, p = A->c;
    rc_error_t err;
    rc_error_init(err);
    fmpq * c = _fmpq_vec_init(p), * u = _fmpq_vec_init(n);
    int feasible;
    CHECK(wedge_basis_pursuit(c, u, &feasible, A, y, err) == 0, "%s", err->msg);
    wedge_path_t P;
    wedge_path_init(P, p);
    fmpq_t zero, a, b, l, o;
    fmpq_init(zero); fmpq_init(a); fmpq_init(b); fmpq_init(l); fmpq_init(o);
    if (feasible && wedge_lasso_path(P, A, y, zero, 1000, err) == RELU_OK)
    {
        wedge_lasso_objective(o, l, a, A, y, c, zero);
        wedge_lasso_objective(o, l, b, A, y, P->coef + (P->len - 1) * p, zero);
        CHECK(fmpq_is_zero(l), "path at 0 does not interpolate");
        CHECK(fmpq_equal(a, b), "path at 0 has not the minimum l1 norm");
    }
    fmpq_clear(zero); fmpq_clear(a); fmpq_clear(b); fmpq_clear(l); fmpq_clear(o);
    wedge_path_clear(P);
    _fmpq_vec_clear(c, p); _fmpq_vec_clear(u, n);
}

static void
random_data(wedge_data_t D, flint_rand_t st, slong n, slong d)
{
    char buf[4096];
    size_t o = 0;
    o += snprintf(buf + o, sizeof(buf) - o, "{\"X\": [");
    for (slong i = 0; i < n; i++)
    {
        o += snprintf(buf + o, sizeof(buf) - o, "%s[", i ? "," : "");
        for (slong k = 0; k < d; k++)   /* distinct first coordinates: no repeated samples */
            o += snprintf(buf + o, sizeof(buf) - o, "%s\"%ld/%ld\"", k ? "," : "",
                          k == 0 ? (long) (3 * i + (slong) n_randint(st, 3)) : (long) n_randint(st, 9) - 4,
                          k == 0 ? 2L : (long) (1 + n_randint(st, 3)));
        o += snprintf(buf + o, sizeof(buf) - o, "]");
    }
    o += snprintf(buf + o, sizeof(buf) - o, "], \"y\": [");
    for (slong i = 0; i < n; i++)
        o += snprintf(buf + o, sizeof(buf) - o, "%s%ld", i ? "," : "", (long) n_randint(st, 9) - 4);
    o += snprintf(buf + o, sizeof(buf) - o, "]}");
    rc_error_t err;
    rc_error_init(err);
    jnode * root;
    CHECK(jnode_parse(&root, buf, o, err) == 0, "%s", err->msg);
    CHECK(wedge_data_read_jnode(D, root, err) == 0, "%s", err->msg);
    jnode_free(root);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("wedge_lasso....");
    fflush(stdout);

    /* random small dense problems */
    slong iters = test_iters(150);
    for (slong it = 0; it < iters; it++)
    {
        slong n = 2 + n_randint(st, 3), p = 2 + n_randint(st, 5);
        fmpq_mat_t A;
        fmpq_mat_init(A, n, p);
        fmpq * y = _fmpq_vec_init(n);
        for (slong i = 0; i < n; i++)
        {
            for (slong j = 0; j < p; j++)
                fmpq_set_si(fmpq_mat_entry(A, i, j), (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 3));
            fmpq_set_si(y + i, (slong) n_randint(st, 21) - 10, 1 + n_randint(st, 2));
        }
        check_problem(A, y, st);
        check_bp_limit(A, y);
        check_float_reference(A, y, st);
        _fmpq_vec_clear(y, n);
        fmpq_mat_clear(A);
    }
    slong dense_complete = complete_runs, dense_compared = compared;
    CHECK(dense_compared >= iters / 2, "only %ld of %ld random problems compared", (long) dense_compared, (long) iters);

    for (slong it = 0; it < test_iters(30); it++)
        check_orthogonal(st);
    check_ties(st);
    check_many_ties();

    /* wedge dictionaries: 1D with bias (ramps), 2D without and with bias */
    complete_runs = compared = 0;
    slong witers = test_iters(80);
    for (slong it = 0; it < witers; it++)
    {
        slong d = 1 + (it % 2), n = (d == 1) ? 3 + n_randint(st, 2) : 3;
        int bias = (d == 1) ? 1 : (int) n_randint(st, 2);
        wedge_data_t D;
        wedge_data_init(D);
        random_data(D, st, n, d);
        wedge_dict_t W;
        wedge_dict_init(W);
        wedge_dict_build(W, D, bias);
        if (W->num <= 8)
        {
            check_problem(W->F, D->y, st);
            check_bp_limit(W->F, D->y);
        }
        wedge_dict_clear(W);
        wedge_data_clear(D);
    }
    printf("(dense %ld/%ld complete, %ld compared; wedge %ld/%ld complete, %ld compared) ", (long) dense_complete,
           (long) iters, (long) dense_compared, (long) complete_runs, (long) witers, (long) compared);

    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
