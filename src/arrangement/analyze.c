/* Region counts of an arrangement by two independent methods:
   enumeration (the region engine over R^n: double description cuts) and
   Zaslavsky's theorem on the characteristic polynomial of the intersection
   poset (exact linear algebra on flats):
       regions                    = (-1)^n     chi(-1)
       relatively bounded regions = (-1)^rank  chi(1)
   (bounded regions = relatively bounded ones when rank = n, else 0). */
#include "arrangement/arrangement.h"
#include "arrangement/dr.h"
#include "regions/regions.h"

void
arrangement_report_init(arrangement_report_t r)
{
    fmpz_poly_init(r->chi);
    fmpz_init(r->zas_regions);
    fmpz_init(r->zas_relatively_bounded);
    r->n = r->hyperplanes = r->rank = 0;
    r->regions = r->bounded = r->relatively_bounded = 0;
    r->counted_by_dr = r->checked_plain = r->checked_reversed = 0;
    r->checked_closed_form = r->checked_finite_field = 0;
    r->progress = NULL;
}

void
arrangement_report_clear(arrangement_report_t r)
{
    fmpz_poly_clear(r->chi);
    fmpz_clear(r->zas_regions);
    fmpz_clear(r->zas_relatively_bounded);
}

typedef struct
{
    slong regions, bounded, relatively_bounded;
}
enum_counts;

static int
count_region(void * data, const region_struct * R)
{
    enum_counts * c = data;
    c->regions++;
    c->bounded += poly_is_bounded(R->P);
    c->relatively_bounded += poly_is_relatively_bounded(R->P);
    return 0;
}

/* The count by deletion-restriction first (dr.h): it decides whether the
   regions are few enough to enumerate. Beyond ARRANGEMENT_ENUMERATE_MAX it is
   the answer, counted again with its checks (the opposite order; the run
   without symmetry when that fits its node limit); below, the poset and the
   enumeration run as before and must agree with it too. Returns 1 when r is
   filled (or failed) on the large path. */
static int
analyze_large(arrangement_report_t r, fmpz_poly_t chi_dr, int * have_dr, const net_t net, int * status,
              rc_error_t err)
{
    arrangement_count_params p = { 1, NULL, 0, 0, 0, 0, 0 };   /* the checks run only when large */
    arrangement_count_t c;
    int large = 0;
    rc_error_t e2;   /* err stays clean when the fast path declines */

    rc_error_init(e2);
    arrangement_count_init(c);
    *have_dr = 0;
    *status = arrangement_count(c, net, &p, e2);
    if (*status == RELU_E_UNSUPPORTED && net->nlayers == 2)
        *status = RELU_OK;   /* beyond the word-size fast path: the poset alone decides */
    else if (*status != RELU_OK)
        rc_error_set(err, *status, "%s", e2->msg);
    else
    {
        *have_dr = 1;
        fmpz_poly_set(chi_dr, c->chi);
        if (fmpz_cmp_si(c->regions, ARRANGEMENT_ENUMERATE_MAX) > 0)
        {
            large = 1;
            p.plain_max_nodes = 200000;
            p.reversed = 1;
            p.finite_field_max = 1e8;
            arrangement_count_clear(c);
            arrangement_count_init(c);
            *status = arrangement_count(c, net, &p, e2);
            if (*status != RELU_OK)
            {
                arrangement_count_clear(c);
                rc_error_set(err, *status, "%s", e2->msg);
                return 1;
            }
            if (!fmpz_fits_si(c->regions))
                *status = rc_error_set(err, RELU_E_UNSUPPORTED, "more than 2^63 regions");
            r->n = c->n;
            r->hyperplanes = c->hyperplanes;
            r->rank = c->rank;
            fmpz_poly_set(r->chi, c->chi);
            fmpz_set(r->zas_regions, c->regions);
            fmpz_set(r->zas_relatively_bounded, c->relatively_bounded);
            r->regions = fmpz_get_si(c->regions);
            r->relatively_bounded = fmpz_get_si(c->relatively_bounded);
            r->bounded = fmpz_get_si(c->bounded);
            r->counted_by_dr = 1;
            r->checked_plain = c->checked_plain;
            r->checked_reversed = c->checked_reversed;
            r->checked_closed_form = c->checked_closed_form;
            r->checked_finite_field = c->checked_finite_field;
        }
    }
    arrangement_count_clear(c);
    return large;
}

int
arrangement_analyze(arrangement_report_t r, const net_t net, rc_error_t err)
{
    if (net_check_no_groups(net, "the hyperplane arrangement", err))
        return err->code;
    arrangement_t A;
    fmpz_t v;
    int status, have_dr;
    slong n = net->input_dim;
    fmpz_poly_t chi_dr;

    if (n > POLY_MAX_DIM)   /* the enumeration's polyhedra would not fit: refused, not allocated */
        return rc_error_set(err, RELU_E_UNSUPPORTED, "input dimension %ld: polyhedra are handled in at most %d "
                            "dimensions", (long) n, POLY_MAX_DIM);
    fmpz_poly_init(chi_dr);
    if (analyze_large(r, chi_dr, &have_dr, net, &status, err) || status != RELU_OK)
    {
        fmpz_poly_clear(chi_dr);
        return status;
    }

    arrangement_init(A, n);
    status = arrangement_from_net(A, NULL, net, err);
    if (status)
    {
        arrangement_clear(A);
        return status;
    }
    r->n = n;
    r->hyperplanes = arrangement_num_hyperplanes(A);
    r->rank = arrangement_rank(A);
    arrangement_charpoly(r->chi, A);
    if (have_dr && !fmpz_poly_equal(chi_dr, r->chi))
    {
        fmpz_poly_clear(chi_dr);
        arrangement_clear(A);
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: the intersection poset and "
                            "deletion-restriction give different characteristic polynomials");
    }
    fmpz_poly_clear(chi_dr);

    /* Zaslavsky */
    fmpz_init(v);
    fmpz_set_si(v, -1);
    fmpz_poly_evaluate_fmpz(r->zas_regions, r->chi, v);
    if (n % 2)
        fmpz_neg(r->zas_regions, r->zas_regions);
    fmpz_one(v);
    fmpz_poly_evaluate_fmpz(r->zas_relatively_bounded, r->chi, v);
    if (r->rank % 2)
        fmpz_neg(r->zas_relatively_bounded, r->zas_relatively_bounded);
    fmpz_clear(v);

    /* enumeration over R^n */
    enum_counts c = { 0, 0, 0 };
    poly_t whole;
    poly_init(whole, n);
    /* Zaslavsky's count is the total, so the enumeration has an ETA */
    status = regions_enumerate_progress(net, whole, count_region, &c, r->progress,
                                        fmpz_fits_si(r->zas_regions) ? fmpz_get_si(r->zas_regions) : -1);
    poly_clear(whole);
    r->regions = c.regions;
    r->bounded = c.bounded;
    r->relatively_bounded = c.relatively_bounded;

    slong zb = (r->rank == n) ? fmpz_get_si(r->zas_relatively_bounded) : 0;
    if (status == RELU_OK && (fmpz_cmp_si(r->zas_regions, r->regions) != 0
        || fmpz_cmp_si(r->zas_relatively_bounded, r->relatively_bounded) != 0
        || zb != r->bounded))
    {
        char * a = fmpz_get_str(NULL, 10, r->zas_regions);
        char * b = fmpz_get_str(NULL, 10, r->zas_relatively_bounded);
        status = rc_error_set(err, RELU_E_INTERNAL,
            "internal error: enumeration finds %ld regions (%ld relatively bounded, %ld bounded), "
            "Zaslavsky %s (%s relatively bounded)", (long) r->regions, (long) r->relatively_bounded,
            (long) r->bounded, a, b);
        flint_free(a);
        flint_free(b);
    }
    arrangement_clear(A);
    return status;
}

void
arrangement_report_write_json(jout_t out, const arrangement_report_t r)
{
    jout_begin_object(out);
    jout_key(out, "input_dim"); jout_int(out, r->n);
    jout_key(out, "hyperplanes"); jout_int(out, r->hyperplanes);
    jout_key(out, "regions"); jout_int(out, r->regions);
    jout_key(out, "bounded_regions"); jout_int(out, r->bounded);
    jout_key(out, "relatively_bounded_regions"); jout_int(out, r->relatively_bounded);
    arrangement_write_charpoly(out, r->chi, r->n);
    jout_key(out, "rank"); jout_int(out, r->rank);
    /* arrangement_analyze fails when enumeration and Zaslavsky disagree */
    jout_key(out, "methods_agree");
    jout_bool(out, !r->counted_by_dr || r->checked_plain || r->checked_reversed || r->checked_finite_field
              || r->checked_closed_form);
    if (r->counted_by_dr)
    {
        jout_key(out, "counted_by"); jout_string(out, "deletion-restriction");
        jout_key(out, "checks");
        jout_begin_array(out);
        jout_string(out, "identities");
        if (r->checked_closed_form)
            jout_string(out, "closed-form");
        if (r->checked_plain)
            jout_string(out, "plain");
        if (r->checked_reversed)
            jout_string(out, "reversed");
        if (r->checked_finite_field)
            jout_string(out, "finite-field");
        jout_end_array(out);
    }
    jout_end_object(out);
}

void
arrangement_report_write_text(FILE * fp, const arrangement_report_t r)
{
    fprintf(fp, "hyperplanes: %ld in R^%ld, rank %ld\n", (long) r->hyperplanes, (long) r->n, (long) r->rank);
    fprintf(fp, "characteristic polynomial: ");
    fmpz_poly_fprint_pretty(fp, r->chi, "t");
    if (r->counted_by_dr)
        fprintf(fp, "\nregions: %ld (deletion-restriction%s%s%s%s; not enumerated)\n", (long) r->regions,
                r->checked_closed_form ? ", the closed form of general position agrees" : "",
                r->checked_plain ? ", the run without symmetry agrees" : "",
                r->checked_reversed ? ", the run in the opposite order agrees" : "",
                r->checked_finite_field ? ", point counts over finite fields agree" : "");
    else
        fprintf(fp, "\nregions: %ld (enumeration and Zaslavsky agree)\n", (long) r->regions);
    fprintf(fp, "bounded regions: %ld; relatively bounded (modulo lineality): %ld\n",
            (long) r->bounded, (long) r->relatively_bounded);
}
