/* The face lattice of one activation region of a network, found by its
   pattern among the enumerated regions (`relucert faces --region`). A region
   is where every neuron keeps its side, an intersection of sub- and superlevel
   sets of the pre-activations: the network-to-polytope step lives here, so
   src/polytope/ stays free of networks. */
#include <string.h>
#include "levelset/levelset.h"
#include "regions/regions.h"

typedef struct
{
    const char * pattern;
    polytope_struct * Q;
    slong index;
}
_region_find;

static int
_on_region(void * data, const region_struct * R)
{
    _region_find * x = data;
    char * pat = flint_malloc(R->N + 1);
    region_pattern_str(pat, R);
    int hit = !strcmp(pat, x->pattern);
    flint_free(pat);
    if (!hit)
        return 0;
    polytope_set_poly(x->Q, R->P);
    x->index = R->index;
    return 1;   /* found: stop the enumeration */
}

int
levelset_region_faces(polytope_faces_t S, const net_t net, const char * pattern, const poly_t domain,
                      const char * desc, const char * source, rc_error_t err)
{
    if (net_check_no_groups(net, "the level set analysis", err))
        return err->code;
    slong N = net_num_hidden(net), len = (slong) strlen(pattern);
    if (len != N)
        return rc_error_set(err, RELU_E_INPUT, "--region \"%s\": expected %ld digits 0/1 (one per hidden neuron), got %ld",
                            pattern, (long) N, (long) len);
    for (const char * p = pattern; *p; p++)
        if (*p != '0' && *p != '1')
            return rc_error_set(err, RELU_E_INPUT, "--region \"%s\": expected only digits 0 and 1", pattern);
    polytope_t Q;
    polytope_init(Q, net->input_dim);
    _region_find x = { pattern, Q, -1 };
    regions_enumerate(net, domain, _on_region, &x);
    int status = RELU_OK;
    if (x.index < 0)
        status = rc_error_set(err, RELU_E_INPUT, "no full-dimensional region with pattern %s in %s", pattern, desc);
    else
        status = polytope_verify_cdd(Q, err);
    if (status == RELU_OK)
    {
        S->pattern = pattern;
        S->source = source;
        S->region = x.index;
        polytope_faces_compute(S, Q);
    }
    polytope_clear(Q);
    return status;
}

