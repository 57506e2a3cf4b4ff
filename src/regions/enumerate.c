#include <flint/fmpz_vec.h>
#include "regions/regions.h"

typedef struct
{
    const net_struct * net;
    slong n, d, L, N;
    slong * first;            /* first[j]: index of layer j's first neuron; first[L] = N */
    fmpq_mat_struct * Z;      /* Z[j]: layer j pre-activations, rows (c, a) in the homogeneous variables */
    fmpq_mat_struct * H;      /* H[j]: layer j outputs after ReLU, same form */
    fmpz * zint;              /* N rows: primitive integer multiples of the rows of the Z[j] */
    unsigned char * active;
    signed char * sign;
    slong count;
    slong split, part, nparts, subtree;   /* partition of the work at neuron `split` */
    region_callback cb;
    void * data;
}
enum_state;

/* Z[j] = W_j H[j-1] + b_j (H[-1] is the identity map x -> x). */
static void
enum_layer_rows(enum_state * S, slong j)
{
    const net_layer_struct * layer = S->net->layers + j;
    fmpq_mat_struct * Z = S->Z + j;
    slong w = layer->W->r, d = S->d;
    if (j == 0)
    {
        for (slong r = 0; r < w; r++)
        {
            fmpq_set(fmpq_mat_entry(Z, r, 0), layer->b + r);
            for (slong k = 1; k < d; k++)
                fmpq_set(fmpq_mat_entry(Z, r, k), fmpq_mat_entry(layer->W, r, k - 1));
        }
    }
    else
    {
        fmpq_mat_mul(Z, layer->W, S->H + j - 1);
        for (slong r = 0; r < w; r++)
            fmpq_add(fmpq_mat_entry(Z, r, 0), fmpq_mat_entry(Z, r, 0), layer->b + r);
    }
    for (slong r = 0; r < w; r++)
        poly_vec_from_fmpq(S->zint + (S->first[j] + r) * d, Z->rows[r], d);
}

/* H[j] = diag(active) Z[j] */
static void
enum_layer_outputs(enum_state * S, slong j)
{
    fmpq_mat_struct * H = S->H + j, * Z = S->Z + j;
    for (slong r = 0; r < Z->r; r++)
        for (slong k = 0; k < S->d; k++)
        {
            if (S->active[S->first[j] + r])
                fmpq_set(fmpq_mat_entry(H, r, k), fmpq_mat_entry(Z, r, k));
            else
                fmpq_zero(fmpq_mat_entry(H, r, k));
        }
}

static slong
enum_layer_of(const enum_state * S, slong k)
{
    slong j = 0;
    while (S->first[j + 1] <= k)
        j++;
    return j;
}

/* Takes ownership of P (heap allocated, cleared and freed here). */
static int
enum_dfs(enum_state * S, poly_struct * P, slong k)
{
    int status = 0;
    if (k == S->split)
    {
        /* the pieces reaching this neuron are numbered in traversal order; this
           run keeps those congruent to `part` modulo `nparts` */
        slong t = S->subtree++;
        if (t % S->nparts != S->part)
        {
            poly_clear(P);
            flint_free(P);
            return 0;
        }
    }
    if (k == S->N)
    {
        region_struct R;
        R.P = P;
        R.index = S->count++;
        R.subtree = S->subtree - 1;
        R.N = S->N;
        R.active = S->active;
        R.sign = S->sign;
        R.zrows = S->zint;
        status = S->cb(S->data, &R);
        poly_clear(P);
        flint_free(P);
        return status;
    }
    slong j = enum_layer_of(S, k);
    if (k == S->first[j])
    {
        if (j > 0)
            enum_layer_outputs(S, j - 1);
        enum_layer_rows(S, j);
    }
    const fmpz * g = S->zint + k * S->d;
    int side = poly_side(P, g);
    if (side != POLY_CUT)
    {
        S->sign[k] = side;
        S->active[k] = (side > 0);
        return enum_dfs(S, P, k + 1);
    }
    poly_struct * A = flint_malloc(sizeof(poly_struct));
    poly_struct * B = flint_malloc(sizeof(poly_struct));
    poly_init(A, S->n);
    poly_init(B, S->n);
    poly_split(A, B, P, g, k);
    poly_clear(P);
    flint_free(P);
    S->sign[k] = -1;
    S->active[k] = 0;
    status = enum_dfs(S, A, k + 1);
    if (status == 0)
    {
        /* The inactive subtree overwrote only later layers' rows, and those
           are recomputed on entry to each layer, so ours are still valid. */
        S->sign[k] = 1;
        S->active[k] = 1;
        status = enum_dfs(S, B, k + 1);
    }
    else
    {
        poly_clear(B);
        flint_free(B);
    }
    return status;
}

int
regions_enumerate(const net_t net, const poly_t domain, region_callback cb, void * data)
{
    return regions_enumerate_part(net, domain, -1, 0, 1, cb, data);
}

int
regions_enumerate_part(const net_t net, const poly_t domain, slong split, slong part, slong nparts,
                       region_callback cb, void * data)
{
    enum_state S;
    int status;
    S.net = net;
    S.n = net->input_dim;
    S.d = S.n + 1;
    S.L = net->nlayers - 1;
    S.N = net_num_hidden(net);
    S.first = flint_malloc((S.L + 1) * sizeof(slong));
    S.first[0] = 0;
    for (slong j = 0; j < S.L; j++)
        S.first[j + 1] = S.first[j] + net->layers[j].W->r;
    S.Z = flint_malloc(FLINT_MAX(S.L, 1) * sizeof(fmpq_mat_struct));
    S.H = flint_malloc(FLINT_MAX(S.L, 1) * sizeof(fmpq_mat_struct));
    for (slong j = 0; j < S.L; j++)
    {
        fmpq_mat_init(S.Z + j, net->layers[j].W->r, S.d);
        fmpq_mat_init(S.H + j, net->layers[j].W->r, S.d);
    }
    S.zint = _fmpz_vec_init(FLINT_MAX(S.N, 1) * S.d);
    S.active = flint_calloc(FLINT_MAX(S.N, 1), 1);
    S.sign = flint_calloc(FLINT_MAX(S.N, 1), 1);
    S.count = 0;
    S.split = (split >= 0 && split <= net_num_hidden(net)) ? split : -1;
    S.part = part;
    S.nparts = FLINT_MAX(nparts, 1);
    S.subtree = 0;
    S.cb = cb;
    S.data = data;

    poly_struct * P = flint_malloc(sizeof(poly_struct));
    poly_init(P, S.n);
    poly_set(P, domain);
    status = enum_dfs(&S, P, 0);

    for (slong j = 0; j < S.L; j++)
    {
        fmpq_mat_clear(S.Z + j);
        fmpq_mat_clear(S.H + j);
    }
    flint_free(S.Z);
    flint_free(S.H);
    _fmpz_vec_clear(S.zint, FLINT_MAX(S.N, 1) * S.d);
    flint_free(S.active);
    flint_free(S.sign);
    flint_free(S.first);
    return status;
}
