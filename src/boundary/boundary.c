/* The level set {f = T} as the subcomplex of the threshold network's complex
   on which the threshold neuron vanishes (see boundary.h). */
#include <flint/fmpz_vec.h>
#include "boundary/boundary.h"
#include "regions/regions.h"
#include "complex/complex.h"

void
boundary_init(boundary_t B, slong n)
{
    B->n = n;
    B->fvec = flint_calloc(n + 1, sizeof(slong));
    B->pieces = B->full_pieces = B->cells = B->below = B->above = B->components = 0;
}

void
boundary_clear(boundary_t B)
{
    flint_free(B->fvec);
}

slong
boundary_euler(const boundary_t B)
{
    slong chi = 0;
    for (slong i = 0; i <= B->n; i++)
        chi += (i % 2 == 0) ? B->fvec[i] : -B->fvec[i];
    return chi;
}

typedef struct
{
    complex_struct * C;
    boundary_struct * B;
    slong t;               /* the threshold neuron */
    bsset_t faces;         /* sign vectors of the faces in {f = T} seen so far */
    slong * parent;        /* union-find over them */
    slong alloc;
    boundary_piece_callback cb;
    void * data;
    slong pieces;          /* pieces reported */
    int stop;              /* nonzero: stop the enumeration */
    int bad_piece;         /* a piece without a hyperplane was met (a bug) */
}
levelset_ctx;

/* reports face f of R (dimension n - 1, in the level set, seen for the first time) */
static int
_report_piece(levelset_ctx * x, const region_struct * R, const bword * face)
{
    const poly_struct * P = R->P;
    slong n = P->n, d = n + 1, N = x->t;
    fmpz * h = _fmpz_vec_init(d);
    char * signs = flint_malloc(N + 1);
    fmpz_t v;
    fmpz_init(v);
    /* the hyperplane: a facet of the cell tight on every generator of the face */
    for (slong j = 1; j < P->ncons; j++)
    {
        int tight = 1;
        for (slong g = 0; g < P->ngens && tight; g++)
            if (bs_test(face, g))
            {
                poly_vec_dot(v, poly_con(P, j), poly_gen(P, g), d);
                tight = fmpz_is_zero(v);
            }
        if (tight)
        {
            _fmpz_vec_set(h, poly_con(P, j), d);
            break;
        }
    }
    if (poly_vec_lex_sign(h + 1, n) < 0)
        _fmpz_vec_neg(h, h, d);
    for (slong k = 0; k < N; k++)
    {
        int sg = complex_face_sign(x->C, R, k, face);
        signs[k] = sg < 0 ? '-' : sg > 0 ? '+' : '0';
    }
    signs[N] = '\0';
    boundary_piece_struct piece = { x->pieces++, P, face, signs, h };
    int rc;
    if (_fmpz_vec_is_zero(h + 1, n))
        rc = x->bad_piece = 1;
    else
        rc = x->cb(x->data, &piece);
    fmpz_clear(v);
    flint_free(signs);
    _fmpz_vec_clear(h, d);
    return rc;
}

static slong
_find(slong * parent, slong i)
{
    while (parent[i] != i)
    {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* the level part of cell R is connected: join all its faces' classes */
static void
_join_faces(levelset_ctx * x, const region_struct * R)
{
    char * sel;
    bword * keys = complex_region_face_keys(&sel, x->C, R);
    slong kw = complex_key_words(x->C), first = -1;
    for (slong f = 0; f < x->C->faces->num; f++)
    {
        if (!sel[f])
            continue;
        int is_new;
        slong i = bsset_insert(x->faces, keys + f * kw, &is_new);
        if (is_new && x->cb != NULL && x->stop == 0 && x->C->faces->dim[f] == x->C->n - 1)
            x->stop = _report_piece(x, R, poly_faces_set(x->C->faces, f));
        if (is_new)
        {
            if (i >= x->alloc)
            {
                x->alloc = FLINT_MAX(64, 2 * x->alloc);
                x->parent = flint_realloc(x->parent, x->alloc * sizeof(slong));
            }
            x->parent[i] = i;
        }
        if (first < 0)
            first = _find(x->parent, i);
        else
            x->parent[_find(x->parent, i)] = first;
    }
    flint_free(keys);
    flint_free(sel);
}

static int
_add_cell(void * data, const region_struct * R)
{
    levelset_ctx * x = data;
    _join_faces(x, R);
    if (x->stop)
        return x->stop;
    complex_add_region(x->C, NULL, R);
    x->B->cells++;
    x->B->below += R->sign[x->t] < 0;
    x->B->above += R->sign[x->t] > 0;
    return 0;
}

int
boundary_compute(boundary_t B, const net_t net, slong output, const fmpq_t T,
                 const poly_t domain, int check, rc_error_t err)
{
    if (net_check_no_groups(net, "the decision boundary analysis", err))
        return err->code;
    return boundary_compute_pieces(B, net, output, T, domain, check, NULL, NULL, err);
}

int
boundary_compute_pieces(boundary_t B, const net_t net, slong output, const fmpq_t T,
                        const poly_t domain, int check, boundary_piece_callback cb, void * data,
                        rc_error_t err)
{
    if (net_check_no_groups(net, "the decision boundary analysis", err))
        return err->code;
    slong n = net->input_dim;
    if (domain->n != n || B->n != n)
        flint_abort();
    net_t tnet;
    net_init(tnet);
    int status = net_threshold_net(tnet, net, output, T, err);
    if (status)
    {
        net_clear(tnet);
        return status;
    }
    slong N = net_num_hidden(tnet);
    complex_t C;
    complex_init(C, domain, N, check);
    complex_set_filter(C, N - 1, COMPLEX_ZERO);
    for (slong i = 0; i <= n; i++)
        B->fvec[i] = 0;
    B->cells = B->below = B->above = 0;
    levelset_ctx ctx;
    ctx.C = C;
    ctx.B = B;
    ctx.t = N - 1;
    bsset_init(ctx.faces, complex_key_words(C));
    ctx.parent = NULL;
    ctx.alloc = 0;
    ctx.cb = cb;
    ctx.data = data;
    ctx.pieces = 0;
    ctx.stop = 0;
    ctx.bad_piece = 0;
    status = regions_enumerate(tnet, domain, _add_cell, &ctx);
    if (status == RELU_OK)
        status = complex_finish(C, err);
    else if (ctx.bad_piece)
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: a piece of the boundary has no hyperplane");
    else
        status = rc_error_set(err, RELU_E_LIMIT, "the enumeration of the boundary was stopped by the caller");
    if (status == RELU_OK)
    {
        for (slong i = 0; i <= n; i++)
            B->fvec[i] = C->fvec[i];
        B->full_pieces = C->fvec[n];
        B->pieces = n >= 1 ? C->fvec[n - 1] : 0;
        B->components = 0;
        for (slong i = 0; i < ctx.faces->num; i++)
            B->components += _find(ctx.parent, i) == i;
        slong total = 0;
        for (slong i = 0; i <= n; i++)
            total += B->fvec[i];
        if (ctx.faces->num != total)
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: %ld faces of the boundary by sign vectors, %ld by the local count",
                (long) ctx.faces->num, (long) total);
        else if (cb != NULL && ctx.pieces != B->pieces)
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: %ld pieces reported, %ld counted", (long) ctx.pieces, (long) B->pieces);
        else if (C->regions != B->full_pieces)
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: %ld regions with f = T identically, but %ld full-dimensional faces",
                (long) C->regions, (long) B->full_pieces);
    }
    bsset_clear(ctx.faces);
    flint_free(ctx.parent);
    complex_clear(C);
    net_clear(tnet);
    return status;
}

int
boundary_homology(homology_t H, const net_t net, slong output, const fmpq_t T,
                  const poly_t domain, rc_error_t err)
{
    if (net_check_no_groups(net, "the decision boundary analysis", err))
        return err->code;
    if (!poly_is_bounded(domain))
        return rc_error_set(err, RELU_E_UNSUPPORTED,
                            "the homology of the boundary needs a bounded domain (--box or --domain)");
    net_t tnet;
    net_init(tnet);
    int status = net_threshold_net(tnet, net, output, T, err);
    if (status == RELU_OK)
    {
        chain_complex_t K;
        chain_complex_init(K, net->input_dim);
        status = homology_cells(K, tnet, domain, net_num_hidden(tnet) - 1, COMPLEX_ZERO, err);
        if (status == RELU_OK)
            homology_compute(H, K);
        chain_complex_clear(K);
    }
    net_clear(tnet);
    return status;
}
