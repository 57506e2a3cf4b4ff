/* Region counts of an arrangement by two independent methods:
   enumeration (the region engine over R^n: double description cuts) and
   Zaslavsky's theorem on the characteristic polynomial of the intersection
   poset (exact linear algebra on flats):
       regions                    = (-1)^n     chi(-1)
       relatively bounded regions = (-1)^rank  chi(1)
   (bounded regions = relatively bounded ones when rank = n, else 0). */
#include "arrangement/arrangement.h"
#include "regions/regions.h"

void
arrangement_report_init(arrangement_report_t r)
{
    fmpz_poly_init(r->chi);
    fmpz_init(r->zas_regions);
    fmpz_init(r->zas_relatively_bounded);
    r->n = r->hyperplanes = r->rank = 0;
    r->regions = r->bounded = r->relatively_bounded = 0;
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

int
arrangement_analyze(arrangement_report_t r, const net_t net, rc_error_t err)
{
    arrangement_t A;
    fmpz_t v;
    int status;
    slong n = net->input_dim;

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
    status = regions_enumerate(net, whole, count_region, &c);
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
    fmpz_t co;
    fmpz_init(co);
    jout_begin_object(out);
    jout_key(out, "input_dim"); jout_int(out, r->n);
    jout_key(out, "hyperplanes"); jout_int(out, r->hyperplanes);
    jout_key(out, "regions"); jout_int(out, r->regions);
    jout_key(out, "bounded_regions"); jout_int(out, r->bounded);
    jout_key(out, "relatively_bounded_regions"); jout_int(out, r->relatively_bounded);
    jout_key(out, "characteristic_polynomial");
    jout_begin_array(out);
    for (slong i = r->n; i >= 0; i--)
    {
        fmpz_poly_get_coeff_fmpz(co, r->chi, i);
        jout_fmpz(out, co);
    }
    jout_end_array(out);
    jout_key(out, "rank"); jout_int(out, r->rank);
    /* arrangement_analyze fails when enumeration and Zaslavsky disagree */
    jout_key(out, "methods_agree"); jout_bool(out, 1);
    jout_end_object(out);
    fmpz_clear(co);
}

void
arrangement_report_write_text(FILE * fp, const arrangement_report_t r)
{
    fprintf(fp, "hyperplanes: %ld in R^%ld, rank %ld\n", (long) r->hyperplanes, (long) r->n, (long) r->rank);
    fprintf(fp, "characteristic polynomial: ");
    fmpz_poly_fprint_pretty(fp, r->chi, "t");
    fprintf(fp, "\nregions: %ld (enumeration and Zaslavsky agree)\n", (long) r->regions);
    fprintf(fp, "bounded regions: %ld; relatively bounded (modulo lineality): %ld\n",
            (long) r->bounded, (long) r->relatively_bounded);
}
