/* Counting for large arrangements: the characteristic polynomial by
   deletion-restriction with symmetry (dr.c), and then whatever independent
   checks are affordable, each recorded:
     identities   chi is monic of degree n with alternating signs (Whitney's
                  theorem), chi(1) = 0 for a nonempty central arrangement,
                  chi(-1) != 0;
     closed-form  when general position was proved (the moment-curve
                  certificate that let the recursion merge nodes by type):
                  chi equals the closed form of the uniform matroid;
     plain        the same recursion without any merges (a merge with a
                  wrong symmetry would change the count); skipped up front
                  when it provably exceeds its node limit;
     reversed     the recursion with merges over the opposite order of the
                  hyperplanes: a different tree with different merges;
     finite-field chi(q) = the points of F_q^n off the hyperplanes, at primes
                  above the Hadamard bound (finite_field.c), where cheap;
     flats        the intersection poset with its Moebius function
                  (charpoly.c), affordable since #flats <= #regions;
     enumeration  the regions themselves, enumerated over R^n, with their
                  bounded and relatively bounded counts. */
#include <math.h>
#include <string.h>
#include <time.h>
#include "arrangement/dr.h"
#include "regions/regions.h"

void
arrangement_count_init(arrangement_count_t r)
{
    fmpz_poly_init(r->chi);
    fmpz_init(r->regions);
    fmpz_init(r->relatively_bounded);
    fmpz_init(r->bounded);
    r->flats = NULL;
    r->have_flats = 0;
    r->n = r->hyperplanes = r->rank = 0;
    r->checked_identities = r->checked_plain = r->checked_reversed = r->checked_flats = r->checked_enumeration = 0;
    r->checked_closed_form = r->checked_finite_field = 0;
    memset(&r->st, 0, sizeof(r->st));
    arrangement_ff_init(r->ff);
}

void
arrangement_count_clear(arrangement_count_t r)
{
    fmpz_poly_clear(r->chi);
    fmpz_clear(r->regions);
    fmpz_clear(r->relatively_bounded);
    fmpz_clear(r->bounded);
    flint_free(r->flats);
    arrangement_ff_clear(r->ff);
}

static int
count_identities(const arrangement_count_t r, const arrangement_t A)
{
    fmpz_t c;
    int ok = fmpz_poly_degree(r->chi) == r->n, central = 1;
    fmpz_init(c);
    for (slong k = 0; ok && k <= r->n; k++)
    {
        fmpz_poly_get_coeff_fmpz(c, r->chi, r->n - k);
        ok = (k == 0) ? fmpz_is_one(c) : (fmpz_sgn(c) * ((k % 2) ? -1 : 1) >= 0);
    }
    for (slong i = 0; i < A->H->r; i++)
        central &= fmpz_is_zero(fmpz_mat_entry(A->H, i, 0));
    fmpz_one(c);
    fmpz_poly_evaluate_fmpz(c, r->chi, c);
    if (central && A->H->r > 0)
        ok &= fmpz_is_zero(c);
    ok &= !fmpz_is_zero(r->regions);
    fmpz_clear(c);
    return ok;
}

typedef struct { slong regions, bounded, relatively_bounded; } count_enum;

static int
count_enum_region(void * data, const region_struct * R)
{
    count_enum * c = data;
    c->regions++;
    c->bounded += poly_is_bounded(R->P);
    c->relatively_bounded += poly_is_relatively_bounded(R->P);
    return 0;
}

static int
count_disagree(rc_error_t err, const char * what)
{
    return rc_error_set(err, RELU_E_INTERNAL, "internal error: %s disagrees with deletion-restriction", what);
}

/* the regions themselves, enumerated over R^n */
static int
count_check_enumeration(arrangement_count_t r, const net_t net, const arrangement_count_params * p, rc_error_t err)
{
    count_enum c = { 0, 0, 0 };
    poly_t whole;
    int status;

    if (p->progress)
        fprintf(p->progress, "charpoly: check: enumerating the regions\n");
    poly_init(whole, r->n);
    status = regions_enumerate(net, whole, count_enum_region, &c);
    poly_clear(whole);
    if (status != RELU_OK)
        return rc_error_set(err, status, "the region enumeration (a check) failed");
    r->checked_enumeration = 1;
    if (fmpz_cmp_si(r->regions, c.regions) || fmpz_cmp_si(r->relatively_bounded, c.relatively_bounded)
        || fmpz_cmp_si(r->bounded, c.bounded))
        return count_disagree(err, "the region enumeration");
    return RELU_OK;
}

/* another run of the recursion (a check): 1 if it ran and agrees, 0 if it
   declined (node limit or unsupported), -1 (status set) if it disagrees or failed */
static int
count_rerun(arrangement_count_t r, const arrangement_t A, const arrangement_dr_params * q, const char * what,
            int * status, rc_error_t err)
{
    arrangement_dr_stats st;
    fmpz_poly_t c;
    rc_error_t e2;
    int s, ran = 0;

    rc_error_init(e2);
    fmpz_poly_init(c);
    if (q->progress)
        fprintf(q->progress, "charpoly: check: %s\n", what);
    s = arrangement_charpoly_dr(c, &st, A, q, e2);
    if (s == RELU_OK)
    {
        ran = 1;
        if (!fmpz_poly_equal(c, r->chi))
            *status = count_disagree(err, what);
    }
    else if (s != RELU_E_LIMIT && s != RELU_E_UNSUPPORTED)
        *status = rc_error_set(err, s, "%s", e2->msg);
    fmpz_poly_clear(c);
    return *status != RELU_OK ? -1 : ran;
}

/* A lower bound on the nodes the run without merges expands: every
   no-broken-circuit set of size r <= R - 4 of the configuration is a leaf
   reached through an expanded node of the last level (the closed forms only
   start at rank 3), at most two leaves per node; there are b_r(cone) of
   them. So beyond twice the node limit the run would stop anyway. */
static double
count_plain_lower_bound(const arrangement_count_t r)
{
    fmpz_poly_t c, f;
    fmpz_t b;
    double total = 0;
    slong N;

    fmpz_poly_init(c);
    fmpz_poly_init(f);
    fmpz_init(b);
    fmpz_poly_set(c, r->chi);
    if (r->st.coned)
    {
        fmpz_poly_set_coeff_si(f, 1, 1);
        fmpz_poly_set_coeff_si(f, 0, -1);
        fmpz_poly_mul(c, c, f);
    }
    N = fmpz_poly_degree(c);
    for (slong k = 0; k <= r->st.rank - 4 && k <= N; k++)
    {
        fmpz_poly_get_coeff_fmpz(b, c, N - k);
        total += fabs(fmpz_get_d(b));
    }
    fmpz_clear(b);
    fmpz_poly_clear(c);
    fmpz_poly_clear(f);
    return total / 2;
}

/* General position proved (every R of the M configuration vectors are
   independent: the uniform matroid U(R, M)): its polynomial is
   sum_{k<R} (-1)^k C(M,k) t^(R-k) + (-1)^R C(M-1, R-1) (the flats are the
   subsets of size < R and the whole; Stanley, Lecture 1, generic
   arrangements), lifted by t^(N-R) and divided by t - 1 for a cone. For an
   affine arrangement of m hyperplanes in general position in R^n this is
   sum_{k<=n} (-1)^k C(m,k) t^(n-k). */
static int
count_closed_form_agrees(const arrangement_count_t r)
{
    slong R = r->st.rank, M = r->hyperplanes + r->st.coned, N = r->n + r->st.coned;
    fmpz_poly_t u, f, q, rem;
    fmpz_t b;
    int ok;

    fmpz_poly_init(u);
    fmpz_poly_init(f);
    fmpz_poly_init(q);
    fmpz_poly_init(rem);
    fmpz_init(b);
    for (slong k = 0; k <= R; k++)
    {
        if (k < R)
            fmpz_bin_uiui(b, M, k);
        else
            fmpz_bin_uiui(b, M - 1, R - 1);
        if (k % 2)
            fmpz_neg(b, b);
        fmpz_poly_set_coeff_fmpz(u, N - k, b);
    }
    if (r->st.coned)
    {
        fmpz_poly_set_coeff_si(f, 1, 1);
        fmpz_poly_set_coeff_si(f, 0, -1);
        fmpz_poly_divrem(q, rem, u, f);
        fmpz_poly_swap(q, u);
    }
    ok = fmpz_poly_equal(u, r->chi) && fmpz_poly_is_zero(rem);
    fmpz_clear(b);
    fmpz_poly_clear(u);
    fmpz_poly_clear(f);
    fmpz_poly_clear(q);
    fmpz_poly_clear(rem);
    return ok;
}

/* chi(q) against the point counts over F_q */
static int
count_check_finite_field(arrangement_count_t r, const arrangement_t A, const arrangement_count_params * p,
                         rc_error_t err)
{
    fmpz_t v;
    int ok = 1;

    if (p->progress)
        fprintf(p->progress, "charpoly: check: points over finite fields of good reduction\n");
    if (arrangement_charpoly_finite_field(r->ff, A, p->finite_field_max) == 0)
        return RELU_OK;
    fmpz_init(v);
    for (slong i = 0; i < r->ff->num && ok; i++)
    {
        fmpz_set_ui(v, r->ff->primes[i]);
        fmpz_poly_evaluate_fmpz(v, r->chi, v);
        ok = fmpz_equal(v, r->ff->values + i);
    }
    fmpz_clear(v);
    if (ok && r->ff->determines)
        ok = fmpz_poly_equal(r->ff->chi, r->chi);
    r->checked_finite_field = 1;
    return ok ? RELU_OK : count_disagree(err, "the point count over a finite field");
}

/* the checks after the main count */
static int
count_checks(arrangement_count_t r, const arrangement_t A, const net_t net, const arrangement_count_params * p,
             rc_error_t err)
{
    double regions = fmpz_get_d(r->regions);
    int status = RELU_OK;

    r->checked_identities = 1;
    if (!count_identities(r, A))
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: the characteristic polynomial fails "
                            "Whitney's sign or degree identities");
    if (r->st.general_position)
    {
        r->checked_closed_form = 1;
        if (!count_closed_form_agrees(r))
            return count_disagree(err, "the closed form of an arrangement in general position");
    }
    if (p->reversed && p->use_symmetry)
    {
        /* another order can leave a limit: then it did not run */
        arrangement_dr_params q = { 1, p->progress, 0, 1, 0 };
        r->checked_reversed = count_rerun(r, A, &q, "deletion-restriction in the opposite order", &status, err) > 0;
        if (status != RELU_OK)
            return status;
    }
    if (p->plain_max_nodes > 0 && p->use_symmetry && count_plain_lower_bound(r) <= (double) p->plain_max_nodes)
    {
        arrangement_dr_params q = { 0, p->progress, p->plain_max_nodes, 0, 0 };
        r->checked_plain = count_rerun(r, A, &q, "deletion-restriction without symmetry", &status, err) > 0;
        if (status != RELU_OK)
            return status;
    }
    if (p->finite_field_max > 0 && (status = count_check_finite_field(r, A, p, err)) != RELU_OK)
        return status;
    if (regions <= p->flats_max)
    {
        fmpz_poly_t c;
        fmpz_poly_init(c);
        if (p->progress)
            fprintf(p->progress, "charpoly: check: intersection poset and Moebius function\n");
        arrangement_charpoly(c, A);
        r->flats = flint_malloc((r->n + 1) * sizeof(slong));
        arrangement_flat_counts(r->flats, A);
        r->have_flats = r->checked_flats = 1;
        if (!fmpz_poly_equal(c, r->chi))
            status = count_disagree(err, "the intersection poset");
        fmpz_poly_clear(c);
    }
    if (status == RELU_OK && regions <= p->enumerate_max)
        status = count_check_enumeration(r, net, p, err);
    return status;
}

int
arrangement_count(arrangement_count_t r, const net_t net, const arrangement_count_params * p, rc_error_t err)
{
    if (net_check_no_groups(net, "the hyperplane arrangement", err))
        return err->code;
    arrangement_t A;
    arrangement_dr_params q = { p->use_symmetry, p->progress, 0, 0, 0 };
    fmpz_t v;
    int status;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r->symmetry = p->use_symmetry;
    arrangement_init(A, net->input_dim);
    status = arrangement_from_net(A, NULL, net, err);
    if (status == RELU_OK)
    {
        r->n = A->n;
        r->hyperplanes = arrangement_num_hyperplanes(A);
        r->rank = arrangement_rank(A);
        status = arrangement_charpoly_dr(r->chi, &r->st, A, &q, err);
    }
    if (status == RELU_OK)
    {
        /* Zaslavsky: regions (-1)^n chi(-1), relatively bounded (-1)^rank chi(1) */
        fmpz_init(v);
        fmpz_set_si(v, -1);
        fmpz_poly_evaluate_fmpz(r->regions, r->chi, v);
        if (r->n % 2)
            fmpz_neg(r->regions, r->regions);
        fmpz_one(v);
        fmpz_poly_evaluate_fmpz(r->relatively_bounded, r->chi, v);
        if (r->rank % 2)
            fmpz_neg(r->relatively_bounded, r->relatively_bounded);
        if (r->rank == r->n)
            fmpz_set(r->bounded, r->relatively_bounded);
        else
            fmpz_zero(r->bounded);
        fmpz_clear(v);
        status = count_checks(r, A, net, p, err);
    }
    arrangement_clear(A);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    return status;
}

/* ---- writers: what `relucert charpoly` prints ------------------------------------ */
void
arrangement_count_write_json(jout_t out, const arrangement_count_t r)
{
    fmpz_t c;
    fmpz_init(c);
    jout_begin_object(out);
    jout_key(out, "input_dim"); jout_int(out, r->n);
    jout_key(out, "hyperplanes"); jout_int(out, r->hyperplanes);
    jout_key(out, "rank"); jout_int(out, r->rank);
    arrangement_write_charpoly(out, r->chi, r->n);
    jout_key(out, "regions"); jout_fmpz(out, r->regions);
    jout_key(out, "relatively_bounded_regions"); jout_fmpz(out, r->relatively_bounded);
    jout_key(out, "bounded_regions"); jout_fmpz(out, r->bounded);
    for (int pass = 0; pass < 2; pass++)
    {
        jout_key(out, pass ? "betti_numbers" : "whitney_first_kind");
        jout_begin_array(out);
        for (slong k = 0; k <= r->n; k++)
        {
            fmpz_poly_get_coeff_fmpz(c, r->chi, r->n - k);
            if (pass)
                fmpz_abs(c, c);
            jout_fmpz(out, c);
        }
        jout_end_array(out);
    }
    jout_key(out, "whitney_second_kind");
    if (r->have_flats)
    {
        jout_begin_array(out);
        for (slong k = 0; k <= r->n; k++)
            jout_int(out, r->flats[k]);
        jout_end_array(out);
    }
    else
        jout_null(out);
    jout_key(out, "method"); jout_string(out, "deletion-restriction");
    jout_key(out, "merges");
    jout_string(out, r->st.general_position ? "general-position" : r->symmetry ? "symmetry" : "none");
    jout_key(out, "arithmetic"); jout_string(out, r->st.big ? "fmpz" : "64-bit");
    jout_key(out, "symmetry"); jout_bool(out, r->symmetry);
    jout_key(out, "nodes"); jout_int(out, r->st.nodes_total);
    jout_key(out, "max_level_nodes"); jout_int(out, r->st.nodes_max_level);
    jout_key(out, "generators"); jout_int(out, r->st.generators);
    arrangement_count_write_checks(out, r);
    arrangement_ff_write_json(out, r->ff, r->checked_finite_field);
    /* relucert arrangement --certificate lists every flat; it is written up to this many regions */
    jout_key(out, "certifiable"); jout_bool(out, fmpz_cmp_si(r->regions, ARRANGEMENT_ENUMERATE_MAX) <= 0);
    char buf[64];
    snprintf(buf, sizeof(buf), "%.3f", r->seconds);
    jout_key(out, "seconds"); jout_string(out, buf);
    jout_end_object(out);
    fmpz_clear(c);
}

void
arrangement_count_write_text(FILE * fp, const arrangement_count_t r)
{
    fprintf(fp, "hyperplanes: %ld in R^%ld, rank %ld\n", (long) r->hyperplanes, (long) r->n, (long) r->rank);
    fprintf(fp, "characteristic polynomial: ");
    fmpz_poly_fprint_pretty(fp, r->chi, "t");
    fprintf(fp, "\nregions: ");
    fmpz_fprint(fp, r->regions);
    fprintf(fp, "\nbounded regions: ");
    fmpz_fprint(fp, r->bounded);
    fprintf(fp, "; relatively bounded (modulo lineality): ");
    fmpz_fprint(fp, r->relatively_bounded);
    fprintf(fp, "\nchecks:%s%s%s%s%s%s%s\n", r->checked_identities ? " identities" : "",
            r->checked_closed_form ? " closed-form" : "", r->checked_plain ? " plain" : "",
            r->checked_reversed ? " reversed" : "", r->checked_finite_field ? " finite-field" : "",
            r->checked_flats ? " flats" : "", r->checked_enumeration ? " enumeration" : "");
    fprintf(fp, "merges: %s; %s\n", r->st.general_position ? "general position (moment curve)"
            : r->symmetry ? "symmetry" : "none", fmpz_cmp_si(r->regions, ARRANGEMENT_ENUMERATE_MAX) <= 0
            ? "certifiable (relucert arrangement --certificate)" : "cross-checked, not certified");
}

void
arrangement_count_write_checks(jout_t out, const arrangement_count_t r)
{
    jout_key(out, "checks");
    jout_begin_array(out);
    if (r->checked_identities) jout_string(out, "identities");
    if (r->checked_closed_form) jout_string(out, "closed-form");
    if (r->checked_plain) jout_string(out, "plain");
    if (r->checked_reversed) jout_string(out, "reversed");
    if (r->checked_finite_field) jout_string(out, "finite-field");
    if (r->checked_flats) jout_string(out, "flats");
    if (r->checked_enumeration) jout_string(out, "enumeration");
    jout_end_array(out);
}

void
arrangement_ff_write_json(jout_t out, const arrangement_ff_t ff, int ran)
{
    jout_key(out, "finite_field");
    if (!ran)
    {
        jout_null(out);
        return;
    }
    jout_begin_object(out);
    jout_key(out, "primes");
    jout_begin_array(out);
    for (slong i = 0; i < ff->num; i++)
        jout_int(out, (slong) ff->primes[i]);
    jout_end_array(out);
    jout_key(out, "counts");
    jout_begin_array(out);
    for (slong i = 0; i < ff->num; i++)
        jout_fmpz(out, ff->values + i);
    jout_end_array(out);
    jout_key(out, "rank"); jout_int(out, ff->rank);
    jout_key(out, "hadamard_bound_squared"); jout_fmpz(out, ff->bound2);
    jout_key(out, "determines_chi"); jout_bool(out, ff->determines);
    char buf[64];
    jout_key(out, "steps"); jout_int(out, (slong) ff->work);
    snprintf(buf, sizeof(buf), "%.3f", ff->seconds);
    jout_key(out, "seconds"); jout_string(out, buf);
    jout_end_object(out);
}
