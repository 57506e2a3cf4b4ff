/* The analysis behind `relucert layer`: the anatomy of one hidden layer with
   its sectors kept for listing; and its one JSON and one text writer. */
#include <string.h>
#include "boundary/boundary.h"
#include "util/version.h"

void
boundary_layer_analysis_init(boundary_layer_analysis_t A)
{
    memset(A, 0, sizeof(boundary_layer_analysis_struct));
}

void
boundary_layer_analysis_clear(boundary_layer_analysis_t A)
{
    slong n = A->n;
    for (slong i = 0; i < A->num; i++)
    {
        boundary_layer_sector_record * r = A->sector + i;
        flint_free(r->pattern);
        _fmpq_vec_clear(r->point, n);
        if (r->P != NULL)
        {
            _fmpq_vec_clear(r->P, n * n);
            _fmpq_vec_clear(r->q, n);
        }
    }
    flint_free(A->sector);
    if (A->ready)
    {
        boundary_layer_clear(A->L);
        fmpq_mat_clear(A->W);
        _fmpq_vec_clear(A->b, A->m);
    }
    flint_free(A->name);
}

static int
_keep_sector(void * data, const boundary_layer_sector_struct * S)
{
    boundary_layer_analysis_struct * A = data;
    slong m = A->m, n = A->n;
    if (A->num == A->alloc)
    {
        A->alloc = FLINT_MAX(8, 2 * A->alloc);
        A->sector = flint_realloc(A->sector, A->alloc * sizeof(boundary_layer_sector_record));
    }
    boundary_layer_sector_record * r = A->sector + A->num++;
    r->index = S->index;
    r->pattern = flint_malloc(m + 1);
    for (slong i = 0; i < m; i++)
        r->pattern[i] = S->active[i] ? '1' : '0';
    r->pattern[m] = '\0';
    r->point = _fmpq_vec_init(n);
    poly_interior_point(r->point, S->P);
    r->factorises = S->factorises;
    r->P = r->q = NULL;
    if (S->Pj != NULL)
    {
        r->P = _fmpq_vec_init(n * n);
        r->q = _fmpq_vec_init(n);
        for (slong j = 0; j < n; j++)
            for (slong k = 0; k < n; k++)
                fmpq_set(r->P + j * n + k, fmpq_mat_entry(S->Pj, j, k));
        for (slong k = 0; k < n; k++)
            fmpq_set(r->q + k, S->qj + k);
    }
    return 0;
}

int
boundary_layer_analyze(boundary_layer_analysis_t A, const net_t net, const char * name, slong layer, int list,
                       rc_error_t err)
{
    if (net_check_no_groups(net, "the layer boundary analysis", err))
        return err->code;
    size_t len = strlen(name) + 1;
    A->name = flint_malloc(len);
    memcpy(A->name, name, len);
    A->layer = layer;
    A->list = list;
    slong H = net_num_hidden_layers(net);
    if (layer < 1 || layer > H)
        return boundary_layer_compute(A->L, net, layer, NULL, NULL, err);   /* its error for a missing layer */
    const net_layer_struct * lay = net->layers + layer - 1;
    if (lay->nshortcuts > 0)
        return boundary_layer_compute(A->L, net, layer, NULL, NULL, err);   /* its refusal of shortcuts */
    slong m = lay->W->r, n = lay->W->c;
    A->m = m;
    A->n = n;
    boundary_layer_init(A->L, m, n);
    fmpq_mat_init_set(A->W, lay->W);
    A->b = _fmpq_vec_init(m);
    for (slong i = 0; i < m; i++)
        fmpq_set(A->b + i, lay->b + i);
    A->ready = 1;
    return boundary_layer_compute(A->L, net, layer, list ? _keep_sector : NULL, A, err);
}

/* M (or its transpose), entry by entry */
static void
_write_mat_json(jout_t out, const fmpq_mat_t M, int negate, int transpose)
{
    slong r = transpose ? M->c : M->r, c = transpose ? M->r : M->c;
    fmpq_t t;
    fmpq_init(t);
    jout_begin_array(out);
    for (slong i = 0; i < r; i++)
    {
        jout_begin_array(out);
        for (slong j = 0; j < c; j++)
        {
            const fmpq * e = transpose ? fmpq_mat_entry(M, j, i) : fmpq_mat_entry(M, i, j);
            if (negate)
                fmpq_neg(t, e);
            else
                fmpq_set(t, e);
            jout_fmpq(out, t);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    fmpq_clear(t);
}

static void
_write_sector_json(jout_t out, const boundary_layer_sector_record * r, slong n)
{
    jout_begin_object(out);
    jout_key(out, "index"); jout_int(out, r->index);
    jout_key(out, "pattern"); jout_string(out, r->pattern);
    jout_key(out, "interior_point"); jout_fmpq_vec(out, r->point, n);
    jout_key(out, "factorises"); jout_bool(out, r->factorises);
    if (r->P != NULL)
    {
        jout_key(out, "projection");
        jout_begin_object(out);
        jout_key(out, "P");
        jout_begin_array(out);
        for (slong j = 0; j < n; j++)
            jout_fmpq_vec(out, r->P + j * n, n);
        jout_end_array(out);
        jout_key(out, "q"); jout_fmpq_vec(out, r->q, n);
        jout_end_object(out);
    }
    jout_end_object(out);
}

void
boundary_layer_analysis_write_json(jout_t out, const boundary_layer_analysis_t A)
{
    const boundary_layer_struct * L = A->L;
    slong m = A->m, n = A->n;
    jout_begin_object(out);
    if (A->list)
    {
        jout_key(out, "sector_list");
        jout_begin_array(out);
        for (slong i = 0; i < A->num; i++)
            _write_sector_json(out, A->sector + i, n);
        jout_end_array(out);
    }
    jout_key(out, "layer"); jout_int(out, A->layer);
    jout_key(out, "input_dim"); jout_int(out, n);
    jout_key(out, "neurons"); jout_int(out, m);
    jout_key(out, "rank"); jout_int(out, L->rank);
    jout_key(out, "full_row_rank"); jout_bool(out, L->full_row_rank);
    jout_key(out, "square_invertible"); jout_bool(out, L->square_invertible);
    jout_key(out, "cone");
    jout_begin_object(out);
    jout_key(out, "A"); _write_mat_json(out, A->W, 1, 0);
    jout_key(out, "b"); jout_fmpq_vec(out, A->b, m);
    jout_end_object(out);
    jout_key(out, "sectors"); jout_int(out, L->sectors);
    jout_key(out, "factorising_sectors"); jout_int(out, L->factorising);
    jout_key(out, "verified_sectors"); jout_int(out, L->verified);
    if (L->full_row_rank)
    {
        jout_key(out, "right_inverse");
        _write_mat_json(out, L->Wplus, 0, 0);
    }
    if (L->square_invertible)
    {
        jout_key(out, "apex"); jout_fmpq_vec(out, L->apex, n);
        jout_key(out, "dual_bases");
        jout_begin_object(out);
        jout_key(out, "rows"); _write_mat_json(out, A->W, 0, 0);
        jout_key(out, "columns"); _write_mat_json(out, L->Winv, 0, 1);
        jout_end_object(out);
    }
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_end_object(out);
}

static void
_write_point_text(FILE * fp, const fmpq * v, slong n)
{
    for (slong j = 0; j < n; j++)
    {
        char * s = fmpq_get_str(NULL, 10, v + j);
        fprintf(fp, "%s%s", j ? ", " : "", s);
        flint_free(s);
    }
}

/* the sectors come first: the old CLI printed them as the enumeration met them */
void
boundary_layer_analysis_write_text(FILE * fp, const boundary_layer_analysis_t A)
{
    const boundary_layer_struct * L = A->L;
    slong m = A->m, n = A->n;
    for (slong i = 0; i < A->num; i++)
    {
        const boundary_layer_sector_record * r = A->sector + i;
        fprintf(fp, "  sector %ld  pattern %s  interior point (", (long) r->index, r->pattern);
        _write_point_text(fp, r->point, n);
        fprintf(fp, ")  %s\n", r->factorises ? "factorises" : "does not factorise");
    }
    fprintf(fp, "network %s, hidden layer %ld: relu(W x + b), W %ld x %ld of rank %ld\n", A->name, (long) A->layer,
            (long) m, (long) n, (long) L->rank);
    fprintf(fp, "sectors: %ld; factorising through a projection onto C = {W x + b >= 0}: %ld\n", (long) L->sectors,
            (long) L->factorising);
    if (L->square_invertible)
    {
        fprintf(fp, "W square and invertible: apex x* = (");
        _write_point_text(fp, L->apex, n);
        fprintf(fp, "), dual bases checked (W W^-1 = I), 2^%ld sectors\n", (long) n);
    }
    if (L->full_row_rank)
        fprintf(fp, "relu(W x + b) = W pi(x) + b verified exactly on all %ld sectors\n", (long) L->verified);
    else
        fprintf(fp, "W has dependent rows: the factorisation is decided sector by sector (see --help)\n");
}
