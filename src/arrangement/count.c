/* Counting for large arrangements: the characteristic polynomial by
   deletion-restriction with symmetry (dr.c), and then whatever independent
   checks are affordable, each recorded:
     identities   chi is monic of degree n with alternating signs (Whitney's
                  theorem), chi(1) = 0 for a nonempty central arrangement,
                  chi(-1) != 0;
     plain        the same recursion without any symmetry merges (a merge
                  with a wrong symmetry would change the count);
     reversed     the recursion with symmetry over the opposite order of the
                  hyperplanes: a different tree with different merges;
     flats        the intersection poset with its Moebius function
                  (charpoly.c), affordable since #flats <= #regions;
     enumeration  the regions themselves, enumerated over R^n, with their
                  bounded and relatively bounded counts. */
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
}

void
arrangement_count_clear(arrangement_count_t r)
{
    fmpz_poly_clear(r->chi);
    fmpz_clear(r->regions);
    fmpz_clear(r->relatively_bounded);
    fmpz_clear(r->bounded);
    flint_free(r->flats);
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
    if (p->reversed && p->use_symmetry)
    {
        arrangement_dr_params q = { 1, p->progress, 0, 1 };
        arrangement_dr_stats st;
        fmpz_poly_t c;
        rc_error_t e2;   /* another order can leave the word-size fast path: then not run */
        rc_error_init(e2);
        fmpz_poly_init(c);
        if (p->progress)
            fprintf(p->progress, "charpoly: check: deletion-restriction in the opposite order\n");
        int s = arrangement_charpoly_dr(c, &st, A, &q, e2);
        r->checked_reversed = (s == RELU_OK);
        if (s == RELU_OK && !fmpz_poly_equal(c, r->chi))
            status = count_disagree(err, "deletion-restriction in the opposite order");
        else if (s != RELU_OK && s != RELU_E_UNSUPPORTED)
            status = rc_error_set(err, s, "%s", e2->msg);
        fmpz_poly_clear(c);
        if (status != RELU_OK)
            return status;
    }
    if (p->plain_max_nodes > 0 && p->use_symmetry)
    {
        arrangement_dr_params q = { 0, p->progress, p->plain_max_nodes, 0 };
        arrangement_dr_stats st;
        fmpz_poly_t c;
        rc_error_t e2;
        rc_error_init(e2);
        fmpz_poly_init(c);
        if (p->progress)
            fprintf(p->progress, "charpoly: check: deletion-restriction without symmetry\n");
        int s = arrangement_charpoly_dr(c, &st, A, &q, e2);
        if (s == RELU_OK)
        {
            r->checked_plain = 1;
            if (!fmpz_poly_equal(c, r->chi))
                status = count_disagree(err, "deletion-restriction without symmetry");
        }
        else if (s != RELU_E_LIMIT && s != RELU_E_UNSUPPORTED)
            status = rc_error_set(err, s, "%s", e2->msg);
        fmpz_poly_clear(c);
    }
    if (status == RELU_OK && regions <= p->flats_max)
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
    {
        count_enum c = { 0, 0, 0 };
        poly_t whole;
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
            status = count_disagree(err, "the region enumeration");
    }
    return status;
}

int
arrangement_count(arrangement_count_t r, const net_t net, const arrangement_count_params * p, rc_error_t err)
{
    arrangement_t A;
    arrangement_dr_params q = { p->use_symmetry, p->progress, 0, 0 };
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
    jout_key(out, "symmetry"); jout_bool(out, r->symmetry);
    jout_key(out, "nodes"); jout_int(out, r->st.nodes_total);
    jout_key(out, "max_level_nodes"); jout_int(out, r->st.nodes_max_level);
    jout_key(out, "generators"); jout_int(out, r->st.generators);
    jout_key(out, "checks");
    jout_begin_array(out);
    if (r->checked_identities) jout_string(out, "identities");
    if (r->checked_plain) jout_string(out, "plain");
    if (r->checked_reversed) jout_string(out, "reversed");
    if (r->checked_flats) jout_string(out, "flats");
    if (r->checked_enumeration) jout_string(out, "enumeration");
    jout_end_array(out);
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
    fprintf(fp, "\nchecks:%s%s%s%s%s\n", r->checked_identities ? " identities" : "", r->checked_plain ? " plain" : "",
           r->checked_reversed ? " reversed" : "",
           r->checked_flats ? " flats" : "", r->checked_enumeration ? " enumeration" : "");
}
