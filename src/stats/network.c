#include "stats/stats.h"
#include "regions/regions.h"
#include "complex/complex.h"

void
stats_network_init(stats_network_t s)
{
    s->seed = 0;
    s->regions = 0;
    s->hist_len = 0;
    s->hist = NULL;
    fmpq_init(s->mean);
    s->general_position = -1;
}

void
stats_network_clear(stats_network_t s)
{
    flint_free(s->hist);
    s->hist = NULL;
    fmpq_clear(s->mean);
}

static int
_add_region(void * data, const region_struct * R)
{
    complex_add_region((complex_struct *) data, NULL, R);
    return 0;
}

int
stats_network_compute(stats_network_t s, const net_t net, const poly_t domain, rc_error_t err)
{
    if (net_check_no_groups(net, "stats", err))
        return err->code;
    complex_t C;
    complex_init(C, domain, net_num_hidden(net), 0);
    int status = regions_enumerate(net, domain, _add_region, C);
    if (status != RELU_OK)
        status = rc_error_set(err, status, "region enumeration failed (code %d)", status);
    else
        status = complex_finish(C, err);
    if (status == RELU_OK)
    {
        s->regions = C->regions;
        flint_free(s->hist);
        s->hist_len = C->hist_len;
        s->hist = flint_calloc(FLINT_MAX(C->hist_len, 1), sizeof(slong));
        for (slong f = 0; f < C->hist_len; f++)
            s->hist[f] = C->hist[f];
        complex_mean_facets(s->mean, C);
    }
    complex_clear(C);
    return status;
}
