/* Callback enumeration of the regions: loops over the one DFS of
   src/regions/iter.c. */
#include "regions/regions.h"

int
regions_enumerate(const net_t net, const poly_t domain, region_callback cb, void * data)
{
    return regions_enumerate_part(net, domain, -1, 0, 1, cb, data);
}

int
regions_enumerate_progress(const net_t net, const poly_t domain, region_callback cb, void * data,
                           const rc_progress_struct * prog, long total)
{
    regions_iter_t it;
    const region_struct * R;
    int status = 0;
    long count = 0;
    regions_iter_init(it, net, domain);
    while (status == 0 && (R = regions_iter_next(it)) != NULL)
    {
        status = cb(data, R);
        rc_progress_report(prog, "regions", ++count, total);
    }
    regions_iter_clear(it);
    return status;
}

int
regions_enumerate_part(const net_t net, const poly_t domain, slong split, slong part, slong nparts,
                       region_callback cb, void * data)
{
    regions_iter_t it;
    const region_struct * R;
    int status = 0;
    regions_iter_init(it, net, domain);
    regions_iter_set_part(it, split, part, nparts);
    while (status == 0 && (R = regions_iter_next(it)) != NULL)
        status = cb(data, R);
    regions_iter_clear(it);
    return status;
}
