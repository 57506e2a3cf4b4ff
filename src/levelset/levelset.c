/* Sub-, super- and level sets of a network output as unions of exact
   polyhedra, and an exact convexity test (see levelset.h). */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "levelset/levelset.h"
#include "regions/regions.h"
#include "complex/complex.h"

void
levelset_init(levelset_t L)
{
    L->n = L->N = 0;
    L->kind = LEVELSET_SUB;
    L->num = L->alloc = 0;
    L->pieces = NULL;
    L->pattern = NULL;
    L->regions = 0;
    L->empty = 1;
    L->convex = 1;
    polytope_init(L->hull, 0);
    L->fvec = NULL;
    L->witness = NULL;
}

static void
_levelset_reset(levelset_t L)
{
    for (slong i = 0; i < L->num; i++)
    {
        polytope_clear(L->pieces + i);
        flint_free(L->pattern[i]);
    }
    flint_free(L->pieces);
    flint_free(L->pattern);
    flint_free(L->fvec);
    if (L->witness)
        _fmpq_vec_clear(L->witness, L->n);
    L->witness = NULL;
    L->num = L->alloc = 0;
    L->pieces = NULL;
    L->pattern = NULL;
    L->fvec = NULL;
    L->regions = 0;
    L->empty = 1;
    L->convex = 1;
}

void
levelset_clear(levelset_t L)
{
    _levelset_reset(L);
    polytope_clear(L->hull);
}

static polytope_struct *
_push_piece(levelset_t L, char * pattern)
{
    if (L->num == L->alloc)
    {
        L->alloc = FLINT_MAX(8, 2 * L->alloc);
        L->pieces = flint_realloc(L->pieces, L->alloc * sizeof(polytope_struct));
        L->pattern = flint_realloc(L->pattern, L->alloc * sizeof(char *));
    }
    polytope_init(L->pieces + L->num, L->n);
    L->pattern[L->num] = pattern;
    return L->pieces + L->num++;
}

typedef struct
{
    levelset_struct * L;
    complex_struct * C;
    const poly_struct * domain;
    slong Nt;              /* hidden neurons of the threshold network; the last is f - T */
    int mask;
    bsset_t keys;          /* faces of the complex with f = T */
    slong zalloc;
    char * covered;        /* lies in a region of the set */
    polytope_struct ** zpoly;   /* the face as a polyhedron (made when first seen outside the set) */
    rc_error_struct * err;
    int status;
}
_ls_ctx;

/* the polyhedron of a face of the region P (a set of its generators) */
static int
_face_polytope(polytope_t Q, const poly_t P, const bword * face, rc_error_t err)
{
    slong n = P->n, nv = 0, nr = 0;
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(face, g))
        {
            if (poly_gen_is_vertex(P, g))
                nv++;
            else
                nr++;
        }
    fmpq_mat_t V, R, Lm;
    fmpq_mat_init(V, nv, n);
    fmpq_mat_init(R, nr, n);
    fmpq_mat_init(Lm, P->nlin, n);
    nv = nr = 0;
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(face, g))
        {
            if (poly_gen_is_vertex(P, g))
                poly_gen_get_fmpq(V->rows[nv++], P, g);
            else
            {
                for (slong k = 0; k < n; k++)
                    fmpq_set_fmpz(fmpq_mat_entry(R, nr, k), poly_gen(P, g) + 1 + k);
                nr++;
            }
        }
    for (slong i = 0; i < P->nlin; i++)
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz(fmpq_mat_entry(Lm, i, k), poly_lin(P, i) + 1 + k);
    int status = polytope_set_vrep(Q, V, R, Lm, err);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
    fmpq_mat_clear(Lm);
    return status;
}

static int
_on_region(void * data, const region_struct * R)
{
    _ls_ctx * x = data;
    levelset_struct * L = x->L;
    const poly_struct * P = R->P;
    slong n = P->n, d = n + 1, Nt = x->Nt, ndom = x->domain->ncons - 1;
    int s = R->sign[Nt - 1], in_set = (x->mask >> (s + 1)) & 1;
    complex_add_region(x->C, NULL, R);
    L->regions++;
    if (in_set)
    {
        char * pat = flint_malloc(Nt);
        for (slong k = 0; k < Nt - 1; k++)
            pat[k] = R->active[k] ? '1' : '0';
        pat[Nt - 1] = '\0';
        polytope_set_poly(_push_piece(L, pat), P);
    }
    /* faces with f = T, keyed by their sign vector and the domain facets they lie on */
    const poly_faces_struct * F = x->C->faces;
    slong kw = BS_WORDS(2 * Nt + ndom);
    bword * key = flint_malloc(FLINT_MAX(kw, 1) * sizeof(bword));
    fmpz_t v;
    fmpz_init(v);
    for (slong f = 0; f < F->num && x->status == RELU_OK; f++)
    {
        const bword * face = poly_faces_set(F, f);
        if (complex_face_sign(x->C, R, Nt - 1, face) != 0)
            continue;
        bs_zero(key, kw);
        for (slong k = 0; k < Nt; k++)
        {
            int sk = complex_face_sign(x->C, R, k, face);
            if (sk != 0)
                bs_set(key, 2 * k + (sk > 0));
        }
        for (slong j = 0; j < ndom; j++)
        {
            int on = 1;
            const fmpz * row = poly_con(x->domain, j + 1);
            for (slong i = 0; i < P->nlin && on; i++)
            {
                poly_vec_dot(v, row, poly_lin(P, i), d);
                on = fmpz_is_zero(v);
            }
            for (slong g = 0; g < P->ngens && on; g++)
                if (bs_test(face, g))
                {
                    poly_vec_dot(v, row, poly_gen(P, g), d);
                    on = fmpz_is_zero(v);
                }
            if (on)
                bs_set(key, 2 * Nt + j);
        }
        int is_new;
        slong id = bsset_insert(x->keys, key, &is_new);
        if (is_new)
        {
            if (id >= x->zalloc)
            {
                slong a = FLINT_MAX(16, 2 * x->zalloc);
                x->covered = flint_realloc(x->covered, a);
                x->zpoly = flint_realloc(x->zpoly, a * sizeof(polytope_struct *));
                x->zalloc = a;
            }
            x->covered[id] = 0;
            x->zpoly[id] = NULL;
        }
        if (in_set && !x->covered[id])
        {
            x->covered[id] = 1;
            if (x->zpoly[id])
            {
                polytope_clear(x->zpoly[id]);
                flint_free(x->zpoly[id]);
                x->zpoly[id] = NULL;
            }
        }
        else if (!in_set && !x->covered[id] && x->zpoly[id] == NULL)
        {
            x->zpoly[id] = flint_malloc(sizeof(polytope_struct));
            polytope_init(x->zpoly[id], n);
            x->status = _face_polytope(x->zpoly[id], P, face, x->err);
        }
    }
    fmpz_clear(v);
    flint_free(key);
    return x->status;
}

typedef struct
{
    slong Nt;
    int mask;
    int bad;
    fmpq * y;          /* interior point of the first region outside the set */
}
_convex_ctx;

static int
_on_hull_region(void * data, const region_struct * R)
{
    _convex_ctx * x = data;
    int s = R->sign[x->Nt - 1];
    if (!((x->mask >> (s + 1)) & 1))
    {
        x->bad = 1;
        poly_interior_point(x->y, R->P);
        return 1;
    }
    return 0;
}

/* rows A x + c of the input, seen on x = lift (1, y): A' = A lift_y, c += A lift_1 */
static void
_restrict_rows(fmpq_mat_t Aout, fmpq * c, const fmpq_mat_t A, const polytope_t Q)
{
    for (slong r = 0; r < A->r; r++)
        for (slong k = 0; k < Q->n; k++)
        {
            fmpq_addmul(c + r, fmpq_mat_entry(A, r, k), fmpq_mat_entry(Q->lift, k, 0));
            for (slong s = 0; s < Q->dim; s++)
                fmpq_addmul(fmpq_mat_entry(Aout, r, s), fmpq_mat_entry(A, r, k), fmpq_mat_entry(Q->lift, k, s + 1));
        }
}

/* the threshold network restricted to the affine hull of Q: x = lift (1, y);
   the first layer and the shortcuts from the input read x */
static void
_restrict_net(net_t out, const net_t net, const polytope_t Q)
{
    slong h = Q->dim, L = net->nlayers;
    slong * widths = flint_malloc((L + 1) * sizeof(slong));
    widths[0] = h;
    for (slong j = 0; j < L; j++)
        widths[j + 1] = net->layers[j].W->r;
    net_clear(out);
    net_init_shape(out, L, widths);
    for (slong j = 0; j < L; j++)
    {
        const net_layer_struct * F = net->layers + j;
        net_layer_struct * G = out->layers + j;
        for (slong r = 0; r < F->W->r; r++)
            fmpq_set(G->b + r, F->b + r);
        if (j == 0)
            _restrict_rows(G->W, G->b, F->W, Q);
        else
            fmpq_mat_set(G->W, F->W);
        for (slong t = 0; t < F->nshortcuts; t++)
            widths[t] = F->shortcuts[t].from;     /* the widths are no longer needed */
        net_layer_init_shortcuts(out, j, F->nshortcuts, widths);
        for (slong t = 0; t < F->nshortcuts; t++)
            if (F->shortcuts[t].from < 0)
                _restrict_rows(G->shortcuts[t].S, G->b, F->shortcuts[t].S, Q);
            else
                fmpq_mat_set(G->shortcuts[t].S, F->shortcuts[t].S);
    }
    if (net->group != NULL)
    {
        slong N = net_num_hidden(net);
        out->group = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
        memcpy(out->group, net->group, N * sizeof(slong));
    }
    flint_free(widths);
}

/* the regions of the threshold network (pieces of full dimension, the
   subcomplex's f-vector) and the lower-dimensional pieces: uncovered faces
   with f = T, inclusion-maximal */
static int
_levelset_pieces(levelset_t L, const net_t tnet, const poly_t domain, int mask, rc_error_t err)
{
    complex_t C;
    _ls_ctx x;
    slong Nt = net_num_hidden(tnet), n = L->n;
    complex_init(C, domain, Nt, 0);
    complex_set_filter(C, Nt - 1, mask);
    x.L = L;
    x.C = C;
    x.domain = domain;
    x.Nt = Nt;
    x.mask = mask;
    bsset_init(x.keys, FLINT_MAX(BS_WORDS(2 * Nt + domain->ncons - 1), 1));
    x.zalloc = 0;
    x.covered = NULL;
    x.zpoly = NULL;
    x.err = err;
    x.status = RELU_OK;
    regions_enumerate(tnet, domain, _on_region, &x);
    int status = x.status;
    L->fvec = flint_malloc((n + 1) * sizeof(slong));
    for (slong k = 0; k <= n; k++)
        L->fvec[k] = C->fvec[k];

    slong nz = x.keys->num;
    char * maximal = flint_calloc(FLINT_MAX(nz, 1), 1);
    for (slong i = 0; i < nz && status == RELU_OK; i++)
    {
        if (x.covered[i] || x.zpoly[i] == NULL)
            continue;
        maximal[i] = 1;
        for (slong j = 0; j < nz && maximal[i]; j++)
            if (j != i && !x.covered[j] && x.zpoly[j] != NULL && x.zpoly[j]->dim > x.zpoly[i]->dim
                && polytope_contains(x.zpoly[j], x.zpoly[i]))
                maximal[i] = 0;
    }
    for (slong i = 0; i < nz && status == RELU_OK; i++)
        if (maximal[i])
            polytope_swap(_push_piece(L, NULL), x.zpoly[i]);
    flint_free(maximal);
    for (slong i = 0; i < nz; i++)
        if (x.zpoly[i])
        {
            polytope_clear(x.zpoly[i]);
            flint_free(x.zpoly[i]);
        }
    flint_free(x.covered);
    flint_free(x.zpoly);
    bsset_clear(x.keys);
    complex_clear(C);
    return status;
}

/* the convex hull of all pieces, V -> H */
static int
_levelset_hull(levelset_t L, rc_error_t err)
{
    slong n = L->n, nv = 0, nr = 0, nl = 0;
    for (slong i = 0; i < L->num; i++)
    {
        nv += L->pieces[i].nv;
        nr += L->pieces[i].nr;
        nl += L->pieces[i].nl;
    }
    fmpq_mat_t V, R, Lm;
    fmpq_mat_init(V, nv, n);
    fmpq_mat_init(R, nr, n);
    fmpq_mat_init(Lm, nl, n);
    nv = nr = nl = 0;
    for (slong i = 0; i < L->num; i++)
    {
        const polytope_struct * p = L->pieces + i;
        for (slong a = 0; a < p->nv; a++, nv++)
            for (slong k = 0; k < n; k++)
                fmpq_set(fmpq_mat_entry(V, nv, k), p->vert + a * n + k);
        for (slong a = 0; a < p->nr; a++, nr++)
            for (slong k = 0; k < n; k++)
                fmpq_set_fmpz(fmpq_mat_entry(R, nr, k), p->ray + a * n + k);
        for (slong a = 0; a < p->nl; a++, nl++)
            for (slong k = 0; k < n; k++)
                fmpq_set_fmpz(fmpq_mat_entry(Lm, nl, k), p->lin + a * n + k);
    }
    polytope_clear(L->hull);
    polytope_init(L->hull, n);
    int status = polytope_set_vrep(L->hull, V, R, Lm, err);
    fmpq_mat_clear(V);
    fmpq_mat_clear(R);
    fmpq_mat_clear(Lm);
    return status;
}

/* the convexity test inside the hull; a witness when it fails, checked with
   the exact evaluator (f is on the wrong side there) */
static int
_levelset_convexity(levelset_t L, const net_t net, const net_t tnet, slong output, const fmpq_t T, int mask,
                    rc_error_t err)
{
    net_t rnet;
    slong n = L->n, h = L->hull->dim;
    int status = RELU_OK, kind = L->kind;
    _convex_ctx cx = { net_num_hidden(tnet), mask, 0, _fmpq_vec_init(h) };
    net_init(rnet);
    _restrict_net(rnet, tnet, L->hull);
    regions_enumerate(rnet, L->hull->P, _on_hull_region, &cx);
    L->convex = !cx.bad;
    if (cx.bad)
    {
        /* x = lift (1, y) */
        L->witness = _fmpq_vec_init(n);
        for (slong k = 0; k < n; k++)
        {
            fmpq_set(L->witness + k, fmpq_mat_entry(L->hull->lift, k, 0));
            for (slong j = 0; j < h; j++)
                fmpq_addmul(L->witness + k, fmpq_mat_entry(L->hull->lift, k, j + 1), cx.y + j);
        }
        fmpq * f = _fmpq_vec_init(net_num_outputs(net));
        net_eval(f, NULL, net, L->witness);
        int c = fmpq_cmp(f + output, T);
        if (kind == LEVELSET_SUB ? c <= 0 : kind == LEVELSET_SUPER ? c >= 0 : c == 0)
            status = rc_error_set(err, RELU_E_INTERNAL, "the convexity test found a point of the hull inside the set");
        _fmpq_vec_clear(f, net_num_outputs(net));
    }
    _fmpq_vec_clear(cx.y, h);
    net_clear(rnet);
    return status;
}

int
levelset_compute(levelset_t L, const net_t net, slong output, const fmpq_t T, int kind,
                 const poly_t domain, rc_error_t err)
{
    if (net_check_no_groups(net, "the level set analysis", err))
        return err->code;
    net_t tnet;
    _levelset_reset(L);
    L->n = net->input_dim;
    L->N = net_num_hidden(net);
    L->kind = kind;
    net_init(tnet);
    int status = net_threshold_net(tnet, net, output, T, err);
    int mask = kind == LEVELSET_SUB ? (COMPLEX_NEG | COMPLEX_ZERO)
             : kind == LEVELSET_SUPER ? (COMPLEX_ZERO | COMPLEX_POS) : COMPLEX_ZERO;
    if (status == RELU_OK)
        status = _levelset_pieces(L, tnet, domain, mask, err);
    L->empty = L->num == 0;
    L->convex = 1;
    if (status == RELU_OK && !L->empty)
        status = _levelset_hull(L, err);
    if (status == RELU_OK && !L->empty && L->num > 1 && L->hull->dim > 0)
        status = _levelset_convexity(L, net, tnet, output, T, mask, err);
    net_clear(tnet);
    return status;
}
