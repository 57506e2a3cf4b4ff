#include <stdio.h>
#include "stats/stats.h"
#include "random/random.h"

void
stats_family_init(stats_family_t F)
{
    F->dim = 0;
    F->num = F->alloc = 0;
    F->nets = NULL;
    F->nskipped = 0;
    F->skipped = NULL;
    fmpq_init(F->mean_of_means);
    fmpq_init(F->min);
    fmpq_init(F->max);
    fmpq_init(F->range);
    fmpq_init(F->variance);
    F->argmin = F->argmax = -1;
    F->hist_len = 0;
    F->hist = NULL;
    F->regions = 0;
    F->nviolations = 0;
    F->named_by_line = 0;
}

void
stats_family_clear(stats_family_t F)
{
    for (slong i = 0; i < F->num; i++)
        stats_network_clear(F->nets + i);
    flint_free(F->nets);
    flint_free(F->skipped);
    flint_free(F->hist);
    fmpq_clear(F->mean_of_means);
    fmpq_clear(F->min);
    fmpq_clear(F->max);
    fmpq_clear(F->range);
    fmpq_clear(F->variance);
}

/* mean of means, extremes, range, population variance, summed histogram,
   violations of mean <= 2d */
static void
_summarise(stats_family_t F)
{
    fmpq_t t, bound;
    fmpz_t k;
    fmpz_init_set_si(k, F->num);
    fmpq_init(t);
    fmpq_init(bound);
    fmpq_set_si(bound, 2 * F->dim, 1);
    fmpq_zero(F->mean_of_means);
    F->regions = 0;
    F->nviolations = 0;
    F->hist_len = 0;
    for (slong i = 0; i < F->num; i++)
        F->hist_len = FLINT_MAX(F->hist_len, F->nets[i].hist_len);
    F->hist = flint_calloc(FLINT_MAX(F->hist_len, 1), sizeof(slong));
    for (slong i = 0; i < F->num; i++)
    {
        const stats_network_struct * s = F->nets + i;
        fmpq_add(F->mean_of_means, F->mean_of_means, s->mean);
        F->regions += s->regions;
        for (slong f = 0; f < s->hist_len; f++)
            F->hist[f] += s->hist[f];
        if (F->argmin < 0 || fmpq_cmp(s->mean, F->nets[F->argmin].mean) < 0)
            F->argmin = i;
        if (F->argmax < 0 || fmpq_cmp(s->mean, F->nets[F->argmax].mean) > 0)
            F->argmax = i;
        F->nviolations += fmpq_cmp(s->mean, bound) > 0;
    }
    if (F->num > 0)
    {
        fmpq_div_fmpz(F->mean_of_means, F->mean_of_means, k);
        fmpq_set(F->min, F->nets[F->argmin].mean);
        fmpq_set(F->max, F->nets[F->argmax].mean);
        fmpq_sub(F->range, F->max, F->min);
        fmpq_zero(F->variance);
        for (slong i = 0; i < F->num; i++)
        {
            fmpq_sub(t, F->nets[i].mean, F->mean_of_means);
            fmpq_addmul(F->variance, t, t);
        }
        fmpq_div_fmpz(F->variance, F->variance, k);
    }
    fmpq_clear(t);
    fmpq_clear(bound);
    fmpz_clear(k);
}

/* net as the next member of the family (its facet statistics); seed names it */
static int
_family_push(stats_family_t F, const net_t net, ulong seed, int gp, const poly_t domain, rc_error_t err)
{
    if (F->num == F->alloc)
    {
        F->alloc = FLINT_MAX(8, 2 * F->alloc);
        F->nets = flint_realloc(F->nets, F->alloc * sizeof(stats_network_struct));
    }
    stats_network_struct * s = F->nets + F->num;
    stats_network_init(s);
    s->seed = seed;
    s->general_position = gp;
    F->num++;
    int status = stats_network_compute(s, net, domain, err);
    if (status)
    {
        char pre[64];
        snprintf(pre, sizeof(pre), "%s %lu", F->named_by_line ? "line" : "seed", (unsigned long) seed);
        rc_error_prefix(err, pre);
    }
    return status;
}

int
stats_family_compute(stats_family_t F, const char * kind, slong dim, slong nwidths, const slong * widths,
                     ulong seed0, ulong seed1, const poly_t domain, int require_gp, rc_error_t err)
{
    if (seed1 < seed0)
        return rc_error_set(err, RELU_E_INPUT, "seeds: need S0 <= S1");
    if (seed1 - seed0 >= 100000)
        return rc_error_set(err, RELU_E_INPUT, "seeds: at most 100000 networks");
    if (require_gp && nwidths != 1)
        return rc_error_set(err, RELU_E_INPUT, "general position is decided for one hidden layer only");
    slong want = (slong) (seed1 - seed0 + 1);
    F->dim = dim;
    int status = RELU_OK;
    net_t net;
    net_init(net);
    for (ulong seed = seed0; F->num < want && status == RELU_OK; seed++)
    {
        if (seed < seed0)   /* wrapped past 2^64 - 1: never reuse a seed silently */
        {
            status = rc_error_set(err, RELU_E_LIMIT, "seeds: the family needs seeds beyond 2^64 - 1");
            break;
        }
        status = net_random(net, kind, dim, nwidths, widths, seed, err);
        if (status)
            break;
        int gp = stats_general_position(net);
        if (require_gp && gp != 1)
        {
            if (F->nskipped >= 1000)
            {
                status = rc_error_set(err, RELU_E_LIMIT,
                    "more than 1000 networks of kind %s were not in general position", kind);
                break;
            }
            F->skipped = flint_realloc(F->skipped, (F->nskipped + 1) * sizeof(ulong));
            F->skipped[F->nskipped++] = seed;
            continue;
        }
        status = _family_push(F, net, seed, gp, domain, err);
    }
    net_clear(net);
    if (status == RELU_OK)
        _summarise(F);
    return status;
}

int
stats_family_compute_nets(stats_family_t F, const net_lines_t L, const poly_t domain, rc_error_t err)
{
    int status = RELU_OK;
    F->dim = L->num > 0 ? L->nets[0].input_dim : 0;
    F->named_by_line = 1;
    for (slong i = 0; i < L->num && status == RELU_OK; i++)
    {
        if (L->nets[i].input_dim != F->dim)
            return rc_error_set(err, RELU_E_INPUT, "line %ld: %ld inputs, the first network has %ld",
                                (long) L->lines[i], (long) L->nets[i].input_dim, (long) F->dim);
        status = _family_push(F, L->nets + i, (ulong) L->lines[i], stats_general_position(L->nets + i), domain, err);
    }
    if (status == RELU_OK)
        _summarise(F);
    return status;
}
