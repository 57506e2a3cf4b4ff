/* relucert-twin: relucert's region enumeration with doubles (bench only).

   The engine's own sources -- src/poly/{poly,split,faces,facecount,position,build}.c,
   src/regions/{enumerate,iter}.c, src/net/shortcut.c, src/complex/complex.c,
   src/util/{bitset,error}.c --
   are compiled unchanged against the headers in shim/flint (src/poly/limbs.c and
   minors.c, which read FLINT's representation, are replaced by bench/twin's),  where fmpz and fmpq are one
   double each and every sign test has the tolerance TWIN_EPS. Same DFS, same
   double-description split, same combinatorial adjacency and redundancy tests,
   same face counting: only the numbers differ. The network comes as text
   (bench/twin/net2txt.py: each rational correctly rounded to a double).

   usage: relucert-twin NET.txt (--box LO,HI | --whole)
   prints one JSON line: regions, fvector, bounded_regions, euler_ok, seconds */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "regions/regions.h"
#include "complex/complex.h"
#include "regions/iter-impl.h"

slong
net_num_hidden(const net_t net)
{
    slong N = 0;
    for (slong j = 0; j + 1 < net->nlayers; j++)
        N += net->layers[j].W->r;
    return N;
}

/* The twin reads ReLU networks only (its text format has no max groups):
   every neuron is a group of one, and the group search is never entered. */
slong
net_group_len(const net_t net, slong k)
{
    (void) net;
    (void) k;
    return 1;
}

slong
_regions_group_next(regions_piece_struct ** C, regions_iter_struct * it, const regions_piece_struct * X, slong g0,
                    slong len, slong t)
{
    (void) C; (void) it; (void) X; (void) g0; (void) len; (void) t;
    abort();
}

static int
read_net(net_t net, FILE * fp)
{
    long n, L, prev;
    if (fscanf(fp, "%ld %ld", &n, &L) != 2 || n < 1 || L < 1)
        return 1;
    net->input_dim = n;
    net->nlayers = L;
    net->layers = flint_calloc(L, sizeof(net_layer_struct));
    prev = n;
    for (long j = 0; j < L; j++)
    {
        long w;
        if (fscanf(fp, "%ld", &w) != 1 || w < 1)
            return 1;
        fmpq_mat_init(net->layers[j].W, w, prev);
        net->layers[j].b = _fmpq_vec_init(w);
        for (long r = 0; r < w; r++)
            for (long c = 0; c < prev; c++)
                if (fscanf(fp, "%lf", &fmpq_mat_entry(net->layers[j].W, r, c)->num) != 1)
                    return 1;
        for (long r = 0; r < w; r++)
            if (fscanf(fp, "%lf", &net->layers[j].b[r].num) != 1)
                return 1;
        prev = w;
    }
    return 0;
}

typedef struct { complex_struct * C; slong * fvec; } twin_ctx;

static int
on_region(void * data, const region_struct * R)
{
    twin_ctx * x = data;
    complex_add_region(x->C, x->fvec, R);
    return 0;
}

int
main(int argc, char ** argv)
{
    if (argc != 3 && argc != 4)
    {
        fprintf(stderr, "usage: relucert-twin NET.txt (--box LO,HI | --whole)\n");
        return 2;
    }
    FILE * fp = fopen(argv[1], "r");
    net_t net;
    memset(net, 0, sizeof(net_t));
    if (fp == NULL || read_net(net, fp))
    {
        fprintf(stderr, "relucert-twin: cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(fp);
    poly_t domain;
    poly_init(domain, net->input_dim);
    if (!strcmp(argv[2], "--box"))
    {
        fmpq_t lo, hi;
        if (argc != 4 || sscanf(argv[3], "%lf,%lf", &lo->num, &hi->num) != 2)
            return 2;
        lo->den = hi->den = 1;
        poly_set_box(domain, lo, hi);
    }
    else if (strcmp(argv[2], "--whole"))
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    complex_t C;
    complex_init(C, domain, net_num_hidden(net), 0);
    twin_ctx x = { C, flint_malloc((net->input_dim + 1) * sizeof(slong)) };
    regions_enumerate(net, domain, on_region, &x);
    rc_error_t err;
    rc_error_init(err);
    int euler_ok = complex_finish(C, err) == RELU_OK;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("{\"regions\": %ld, \"fvector\": [", (long) C->regions);
    for (slong k = 0; k <= C->n; k++)
        printf("%s%ld", k ? ", " : "", (long) C->fvec[k]);
    printf("], \"bounded_regions\": %ld, \"euler_ok\": %s, \"seconds\": %.6f}\n", (long) C->bounded,
           euler_ok ? "true" : "false", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
    return 0;
}
