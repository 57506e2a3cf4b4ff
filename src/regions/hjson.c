/* Records and counts of the H-representation engine (regions.h). */
#include "regions/regions.h"

void
region_h_write_json(jout_t out, const net_t net, const region_h_struct * R)
{
    slong n = R->n, d = n + 1, m = net_num_outputs(net);
    char * pat = flint_malloc(R->N + 1);
    fmpz_t t;
    fmpz_init(t);
    for (slong k = 0; k < R->N; k++)
        pat[k] = R->active[k] ? '1' : '0';
    pat[R->N] = '\0';
    jout_begin_object(out);
    jout_key(out, "index");
    jout_int(out, R->index);
    if (R->distance >= 0)
    {
        jout_key(out, "distance");
        jout_int(out, R->distance);
    }
    jout_key(out, "pattern");
    jout_string(out, pat);
    jout_key(out, "interior_point");
    jout_fmpq_vec(out, R->point, n);
    /* c + a.x >= 0  <=>  (-a).x <= c, as in region_write_json */
    jout_key(out, "inequalities");
    jout_begin_object(out);
    jout_key(out, "A");
    jout_begin_array(out);
    for (slong j = 0; j < R->m; j++)
    {
        jout_begin_array(out);
        for (slong k = 1; k < d; k++)
        {
            fmpz_neg(t, R->rows + j * d + k);
            jout_fmpz(out, t);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    jout_key(out, "b");
    jout_begin_array(out);
    for (slong j = 0; j < R->m; j++)
        jout_fmpz(out, R->rows + j * d);
    jout_end_array(out);
    jout_key(out, "sources");
    region_write_sources_json(out, R->src, R->m);
    jout_end_object(out);
    jout_key(out, "bounded");
    jout_bool(out, R->bounded);
    fmpq_mat_t M;
    fmpq * c = _fmpq_vec_init(m);
    fmpq_mat_init(M, m, n);
    net_affine_of_pattern(M, c, net, R->active);
    jout_key(out, "affine");
    jout_begin_object(out);
    jout_key(out, "W");
    jout_begin_array(out);
    for (slong i = 0; i < m; i++)
        jout_fmpq_vec(out, M->rows[i], n);
    jout_end_array(out);
    jout_key(out, "c");
    jout_fmpq_vec(out, c, m);
    jout_end_object(out);
    jout_key(out, "facets");
    jout_int(out, R->m);
    jout_end_object(out);
    fmpq_mat_clear(M);
    _fmpq_vec_clear(c, m);
    fmpz_clear(t);
    flint_free(pat);
}

void
regions_hstats_init(regions_hstats_t S, slong N, slong ndomain)
{
    S->regions = S->bounded = S->relatively_bounded = S->interior = S->facet_sum = 0;
    S->hist_len = N + ndomain + 1;
    S->hist = flint_calloc(S->hist_len, sizeof(slong));
}

void
regions_hstats_clear(regions_hstats_t S)
{
    flint_free(S->hist);
}

void
regions_hstats_add(regions_hstats_t S, const region_h_struct * R)
{
    S->regions++;
    S->bounded += R->bounded;
    S->relatively_bounded += R->relatively_bounded;
    S->interior += R->interior;
    S->facet_sum += R->m;
    if (R->m < S->hist_len)
        S->hist[R->m]++;
}
