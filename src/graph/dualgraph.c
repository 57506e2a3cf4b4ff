#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "graph/graph.h"
#include "regions/regions.h"
#include "complex/complex.h"

void
dualgraph_init(dualgraph_t G)
{
    G->nodes = G->nedges = G->alloc = 0;
    G->edges = G->weight = G->facets = G->boundary = NULL;
    G->cls = NULL;
}

void
dualgraph_clear(dualgraph_t G)
{
    flint_free(G->edges);
    flint_free(G->weight);
    flint_free(G->facets);
    flint_free(G->boundary);
    flint_free(G->cls);
}

typedef struct
{
    dualgraph_struct * G;
    complex_struct * C;
    const net_struct * net;
    slong output;
    const fmpq * T;
    bsset_t facets;          /* sign vectors of (n-1)-faces seen so far */
    slong * owner, * seen, alloc;
    slong node_alloc;
    rc_error_struct * err;
}
dg_builder;

static void
_add_edge(dualgraph_struct * G, slong a, slong b, slong w)
{
    if (G->nedges == G->alloc)
    {
        G->alloc = FLINT_MAX(64, 2 * G->alloc);
        G->edges = flint_realloc(G->edges, 2 * G->alloc * sizeof(slong));
        G->weight = flint_realloc(G->weight, G->alloc * sizeof(slong));
    }
    G->edges[2 * G->nedges] = FLINT_MIN(a, b);
    G->edges[2 * G->nedges + 1] = FLINT_MAX(a, b);
    G->weight[G->nedges] = w;
    G->nedges++;
}

/* class of the region: sign of f - T, or 2 when it changes sign on the region */
static int
_region_class(const dg_builder * B, const region_struct * R)
{
    const net_struct * net = B->net;
    const poly_struct * P = R->P;
    slong n = net->input_dim, m = net_num_outputs(net);
    fmpq_mat_t M;
    fmpq * c = _fmpq_vec_init(m);
    fmpq * g = _fmpq_vec_init(n + 1);
    fmpz * gz = _fmpz_vec_init(n + 1);
    fmpz_t v;
    fmpz_init(v);
    fmpq_mat_init(M, m, n);
    net_affine_of_pattern(M, c, net, R->active);
    fmpq_sub(g, c + B->output, B->T);
    for (slong k = 0; k < n; k++)
        fmpq_set(g + 1 + k, fmpq_mat_entry(M, B->output, k));
    poly_vec_from_fmpq(gz, g, n + 1);
    int side = poly_side(P, gz);
    fmpz_clear(v);
    fmpq_mat_clear(M);
    _fmpq_vec_clear(c, m);
    _fmpq_vec_clear(g, n + 1);
    _fmpz_vec_clear(gz, n + 1);
    return side == POLY_CUT ? 2 : side;
}

static int
_dg_region(void * data, const region_struct * R)
{
    dg_builder * B = data;
    dualgraph_struct * G = B->G;
    const poly_struct * P = R->P;
    slong n = P->n, kw = complex_key_words(B->C), node = G->nodes;
    char * sel;
    bword * keys = complex_region_face_keys(&sel, B->C, R);
    const poly_faces_struct * F = B->C->faces;

    if (node == B->node_alloc)
    {
        B->node_alloc = FLINT_MAX(64, 2 * B->node_alloc);
        G->facets = flint_realloc(G->facets, B->node_alloc * sizeof(slong));
        G->boundary = flint_realloc(G->boundary, B->node_alloc * sizeof(slong));
        G->cls = flint_realloc(G->cls, B->node_alloc * sizeof(int));
    }
    G->facets[node] = 0;
    G->boundary[node] = 0;
    G->cls[node] = B->T != NULL ? _region_class(B, R) : 0;
    G->nodes++;
    int status = 0;
    for (slong f = 0; f < F->num && status == 0; f++)
    {
        if (F->dim[f] != n - 1)
            continue;
        const bword * key = keys + f * kw;
        G->facets[node]++;
        int on_boundary = 0;
        for (slong i = 0; i < B->C->ndom; i++)
            on_boundary |= !bs_test(key, 2 * B->C->N + i);
        if (on_boundary)
        {
            G->boundary[node]++;
            continue;
        }
        int is_new;
        slong idx = bsset_insert(B->facets, key, &is_new);
        if (idx >= B->alloc)
        {
            B->alloc = FLINT_MAX(256, 2 * B->alloc);
            B->owner = flint_realloc(B->owner, B->alloc * sizeof(slong));
            B->seen = flint_realloc(B->seen, B->alloc * sizeof(slong));
        }
        if (is_new)
        {
            B->owner[idx] = node;
            B->seen[idx] = 1;
            continue;
        }
        if (++B->seen[idx] > 2)
            status = rc_error_set(B->err, RELU_E_INTERNAL, "internal error: a facet lies in three regions");
        else
        {
            slong w = 0;
            for (slong g = 0; g < P->ngens; g++)
                w += bs_test(poly_faces_set(F, f), g) && poly_gen_is_vertex(P, g);
            _add_edge(G, B->owner[idx], node, w);
        }
    }
    flint_free(keys);
    flint_free(sel);
    return status;
}

static int
_cmp_edge(const void * a, const void * b)
{
    const slong * x = a, * y = b;
    if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
    if (x[1] != y[1]) return x[1] < y[1] ? -1 : 1;
    return 0;
}

int
dualgraph_build(dualgraph_t G, const net_t net, const poly_t domain, slong output, const fmpq_t T,
                rc_error_t err)
{
    return dualgraph_build_progress(G, net, domain, output, T, NULL, err);
}

int
dualgraph_build_progress(dualgraph_t G, const net_t net, const poly_t domain, slong output, const fmpq_t T,
                         const rc_progress_struct * prog, rc_error_t err)
{
    complex_t C;
    dg_builder B;
    dualgraph_clear(G);
    dualgraph_init(G);
    complex_init(C, domain, net_num_hidden(net), 0);
    B.G = G;
    B.C = C;
    B.net = net;
    B.output = output;
    B.T = T;
    bsset_init(B.facets, complex_key_words(C));
    B.owner = B.seen = NULL;
    B.alloc = 0;
    B.node_alloc = 0;
    B.err = err;
    int status = regions_enumerate_progress(net, domain, _dg_region, &B, prog, -1);
    /* sort edges (with their weights) for a canonical order */
    if (status == RELU_OK && G->nedges > 1)
    {
        slong * tmp = flint_malloc(3 * G->nedges * sizeof(slong));
        for (slong e = 0; e < G->nedges; e++)
        {
            tmp[3 * e] = G->edges[2 * e];
            tmp[3 * e + 1] = G->edges[2 * e + 1];
            tmp[3 * e + 2] = G->weight[e];
        }
        qsort(tmp, G->nedges, 3 * sizeof(slong), _cmp_edge);
        for (slong e = 0; e < G->nedges; e++)
        {
            G->edges[2 * e] = tmp[3 * e];
            G->edges[2 * e + 1] = tmp[3 * e + 1];
            G->weight[e] = tmp[3 * e + 2];
        }
        flint_free(tmp);
    }
    flint_free(B.owner);
    flint_free(B.seen);
    bsset_clear(B.facets);
    complex_clear(C);
    return status;
}

void
dualgraph_laplacian(fmpz_mat_t L, const dualgraph_t G, int weighted)
{
    fmpz_mat_zero(L);
    for (slong e = 0; e < G->nedges; e++)
    {
        slong i = G->edges[2 * e], j = G->edges[2 * e + 1], w = weighted ? G->weight[e] : 1;
        fmpz_sub_si(fmpz_mat_entry(L, i, j), fmpz_mat_entry(L, i, j), w);
        fmpz_sub_si(fmpz_mat_entry(L, j, i), fmpz_mat_entry(L, j, i), w);
        fmpz_add_si(fmpz_mat_entry(L, i, i), fmpz_mat_entry(L, i, i), w);
        fmpz_add_si(fmpz_mat_entry(L, j, j), fmpz_mat_entry(L, j, j), w);
    }
}
