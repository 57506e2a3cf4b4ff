/* The cellular chain complex of a (filtered) region complex. */
#include <flint/fmpq_mat.h>
#include <flint/fmpz_vec.h>
#include "homology/homology.h"
#include "regions/regions.h"
#include "complex/complex.h"

typedef struct
{
    slong dim;
    slong local;          /* index among the cells of its dimension */
    fmpq * point;         /* relative-interior point */
    fmpq_mat_struct basis[1];   /* dim x n, reduced row echelon form */
    slong * pivots;       /* pivot column of each basis row */
    fmpq_t value;         /* max of the chosen output over the cell (persistence) */
    slong nb, ab;         /* boundary: global ids and incidences */
    slong * b_id;
    slong * b_inc;
}
hcell;

typedef struct
{
    slong n;
    complex_struct * C;
    bsset_t keys;
    hcell * cells;
    slong alloc;
    slong counts[64];
    rc_error_struct * err;
    slong output;         /* >= 0: record max of this output over every cell */
    const net_struct * net;
    int closure;          /* select every face of a selected face too */
}
cell_builder;

static void
_cell_init(hcell * c, slong dim, slong n, const poly_struct * P, const bword * face,
           const net_struct * net, slong output)
{
    fmpq * v = _fmpq_vec_init(n);
    fmpq_mat_t D;
    c->dim = dim;
    c->point = _fmpq_vec_init(n);
    c->nb = c->ab = 0;
    c->b_id = NULL;
    c->b_inc = NULL;
    /* The direction space is spanned by v_i - v_0 over the face's vertices, its
       rays and the lineality space; the point mean(v_i) + sum(rays) lies in the
       relative interior. */
    slong nv = 0, nr = 0;
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(face, g))
        {
            if (poly_gen_is_vertex(P, g)) nv++; else nr++;
        }
    fmpq_mat_init(D, FLINT_MAX(nv - 1 + nr + P->nlin, 1), n);
    fmpq * v0 = _fmpq_vec_init(n);
    fmpq * ray = _fmpq_vec_init(n);
    slong r = 0, first = 1;
    for (slong g = 0; g < P->ngens; g++)
    {
        if (!bs_test(face, g) || !poly_gen_is_vertex(P, g))
            continue;
        poly_gen_get_fmpq(v, P, g);
        for (slong k = 0; k < n; k++)
            fmpq_add(c->point + k, c->point + k, v + k);
        if (first)
            for (slong k = 0; k < n; k++)
                fmpq_set(v0 + k, v + k);
        else
        {
            for (slong k = 0; k < n; k++)
                fmpq_sub(fmpq_mat_entry(D, r, k), v + k, v0 + k);
            r++;
        }
        first = 0;
    }
    fmpz_t nvz;
    fmpz_init_set_si(nvz, nv);
    for (slong k = 0; k < n; k++)
        fmpq_div_fmpz(c->point + k, c->point + k, nvz);
    fmpz_clear(nvz);
    for (slong g = 0; g < P->ngens; g++)
    {
        if (!bs_test(face, g) || poly_gen_is_vertex(P, g))
            continue;
        poly_gen_get_fmpq(ray, P, g);
        for (slong k = 0; k < n; k++)
        {
            fmpq_add(c->point + k, c->point + k, ray + k);
            fmpq_set(fmpq_mat_entry(D, r, k), ray + k);
        }
        r++;
    }
    fmpz_t nvone;
    fmpz_init_set_ui(nvone, 1);
    for (slong i = 0; i < P->nlin; i++, r++)
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz_frac(fmpq_mat_entry(D, r, k), poly_lin(P, i) + 1 + k, nvone);
    _fmpq_vec_clear(ray, n);
    fmpz_clear(nvone);
    /* f is affine on the cell: its maximum is attained at a vertex */
    fmpq_init(c->value);
    if (output >= 0)
    {
        slong m = net_num_outputs(net), first = 1;
        fmpq * y = _fmpq_vec_init(m);
        fmpq_t best;
        fmpq_init(best);
        for (slong g = 0; g < P->ngens; g++)
        {
            if (!bs_test(face, g))
                continue;
            poly_gen_get_fmpq(v, P, g);
            net_eval(y, NULL, net, v);
            if (first || fmpq_cmp(y + output, best) > 0)
                fmpq_set(best, y + output);
            first = 0;
        }
        fmpq_swap(c->value, best);
        fmpq_clear(best);
        _fmpq_vec_clear(y, m);
    }
    if (fmpq_mat_rref(D, D) != dim)
        flint_abort();   /* the face lattice and the generators disagree: a bug */
    fmpq_mat_init(c->basis, dim, n);
    c->pivots = flint_malloc(FLINT_MAX(dim, 1) * sizeof(slong));
    for (slong i = 0; i < dim; i++)
    {
        slong p = 0;
        while (fmpq_is_zero(fmpq_mat_entry(D, i, p)))
            p++;
        c->pivots[i] = p;
        for (slong k = 0; k < n; k++)
            fmpq_set(fmpq_mat_entry(c->basis, i, k), fmpq_mat_entry(D, i, k));
    }
    fmpq_mat_clear(D);
    _fmpq_vec_clear(v, n);
    _fmpq_vec_clear(v0, n);
}

static void
_cell_clear(hcell * c, slong n)
{
    _fmpq_vec_clear(c->point, n);
    fmpq_clear(c->value);
    fmpq_mat_clear(c->basis);
    flint_free(c->pivots);
    flint_free(c->b_id);
    flint_free(c->b_inc);
}

/* [F : G]: sign of det(v, B_G) in the coordinates of B_F (its pivot columns),
   v from the inside of F to G. 0 signals an internal inconsistency. */
static int
_incidence(const hcell * F, const hcell * G, slong n)
{
    slong k = F->dim;
    fmpq_mat_t M;
    fmpq_t det, t;
    fmpq_mat_init(M, k, k);
    fmpq_init(det);
    fmpq_init(t);
    for (slong j = 0; j < k; j++)
    {
        slong p = F->pivots[j];
        fmpq_sub(fmpq_mat_entry(M, 0, j), G->point + p, F->point + p);
        for (slong i = 1; i < k; i++)
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(G->basis, i - 1, p));
    }
    fmpq_mat_det(det, M);
    int s = fmpq_sgn(det);
    fmpq_mat_clear(M);
    fmpq_clear(det);
    fmpq_clear(t);
    (void) n;
    return s;
}

/* every face of a selected face is selected (faces come by decreasing
   dimension, and a face's faces are the faces whose generators it contains) */
static void
_close_selection(char * sel, const poly_faces_struct * F)
{
    for (slong f = 0; f < F->num; f++)
        if (sel[f] == 1)
            for (slong g = f + 1; g < F->num; g++)
                if (!sel[g] && F->dim[g] < F->dim[f] && bs_subset(poly_faces_set(F, g), poly_faces_set(F, f), F->gw))
                    sel[g] = 2;   /* selected through f; its own faces are faces of f */
    for (slong f = 0; f < F->num; f++)
        sel[f] = sel[f] != 0;
}

static int
_add_region(void * data, const region_struct * R)
{
    cell_builder * B = data;
    const poly_struct * P = R->P;
    slong n = B->n, kw = complex_key_words(B->C);
    if (B->output >= 0 && !poly_is_bounded(P))
        return rc_error_set(B->err, RELU_E_UNSUPPORTED, "persistence needs a bounded domain (--box or --domain)");
    char * sel;
    bword * keys = complex_region_face_keys(&sel, B->C, R);
    const poly_faces_struct * F = B->C->faces;
    if (B->closure)
        _close_selection(sel, F);
    slong * id = flint_malloc(FLINT_MAX(F->num, 1) * sizeof(slong));
    for (slong f = 0; f < F->num; f++)
    {
        id[f] = -1;
        if (!sel[f])
            continue;
        int is_new;
        id[f] = bsset_insert(B->keys, keys + f * kw, &is_new);
        if (is_new)
        {
            if (id[f] >= B->alloc)
            {
                B->alloc = FLINT_MAX(256, 2 * B->alloc);
                B->cells = flint_realloc(B->cells, B->alloc * sizeof(hcell));
            }
            _cell_init(B->cells + id[f], F->dim[f], n, P, poly_faces_set(F, f), B->net, B->output);
            B->cells[id[f]].local = B->counts[F->dim[f]]++;
        }
    }
    /* covering relations inside this region: G a facet of F */
    slong gw = F->gw;
    for (slong f = 0; f < F->num; f++)
    {
        if (id[f] < 0 || F->dim[f] == 0)
            continue;
        hcell * cf = B->cells + id[f];
        for (slong g = 0; g < F->num; g++)
        {
            if (id[g] < 0 || F->dim[g] != F->dim[f] - 1 ||
                !bs_subset(poly_faces_set(F, g), poly_faces_set(F, f), gw))
                continue;
            int known = 0;
            for (slong e = 0; e < cf->nb && !known; e++)
                known = (cf->b_id[e] == id[g]);
            if (known)
                continue;
            int s = _incidence(cf, B->cells + id[g], n);
            if (s == 0)
            {
                flint_free(id); flint_free(keys); flint_free(sel);
                return rc_error_set(B->err, RELU_E_INTERNAL, "internal error: degenerate incidence");
            }
            if (cf->nb == cf->ab)
            {
                cf->ab = FLINT_MAX(4, 2 * cf->ab);
                cf->b_id = flint_realloc(cf->b_id, cf->ab * sizeof(slong));
                cf->b_inc = flint_realloc(cf->b_inc, cf->ab * sizeof(slong));
            }
            cf->b_id[cf->nb] = id[g];
            cf->b_inc[cf->nb] = s;
            cf->nb++;
        }
    }
    complex_add_region(B->C, NULL, R);   /* the independent local count */
    flint_free(id);
    flint_free(keys);
    flint_free(sel);
    return 0;
}

static int
_homology_cells(chain_complex_t K, fmpq ** values, fmpq ** points, const net_t net, const poly_t domain,
                const homology_selection * sel, const net_t vnet, slong output, const rc_progress_struct * prog,
                rc_error_t err)
{
    slong n = net->input_dim;
    cell_builder B;
    complex_t C;
    int status;
    if (n >= 64)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "homology supports input dimension < 64");
    complex_init(C, domain, net_num_hidden(net), 0);
    if (sel != NULL && sel->len > 0)
        complex_set_filter_signs(C, sel->first, sel->len, sel->masks);
    B.n = n;
    B.C = C;
    bsset_init(B.keys, complex_key_words(C));
    B.cells = NULL;
    B.alloc = 0;
    for (slong k = 0; k < 64; k++)
        B.counts[k] = 0;
    B.err = err;
    B.net = vnet;
    B.output = output;
    B.closure = sel != NULL && sel->closure;

    status = regions_enumerate_progress(net, domain, _add_region, &B, prog, -1);
    if (status == RELU_OK)
    {
        /* the local count knows no closure: then only the regions are compared */
        for (slong k = B.closure ? n : 0; k <= n; k++)
            if (B.counts[k] != C->fvec[k])
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "internal error: %ld cells of dimension %ld by sign vectors, %ld by the local count",
                    (long) B.counts[k], (long) k, (long) C->fvec[k]);
    }
    if (status == RELU_OK)
    {
        /* cells in the order of their local indices, per dimension */
        chain_complex_clear(K);
        chain_complex_init(K, n);
        slong total = B.keys->num;
        slong ** order = flint_malloc((n + 1) * sizeof(slong *));
        for (slong k = 0; k <= n; k++)
            order[k] = flint_malloc(FLINT_MAX(B.counts[k], 1) * sizeof(slong));
        for (slong c = 0; c < total; c++)
            order[B.cells[c].dim][B.cells[c].local] = c;
        if (values != NULL)
            for (slong k = 0; k <= n; k++)
            {
                values[k] = _fmpq_vec_init(FLINT_MAX(B.counts[k], 1));
                for (slong i = 0; i < B.counts[k]; i++)
                    fmpq_set(values[k] + i, B.cells[order[k][i]].value);
            }
        if (points != NULL)
            for (slong k = 0; k <= n; k++)
            {
                points[k] = _fmpq_vec_init(FLINT_MAX(B.counts[k], 1) * n);
                for (slong i = 0; i < B.counts[k]; i++)
                    for (slong j = 0; j < n; j++)
                        fmpq_set(points[k] + i * n + j, B.cells[order[k][i]].point + j);
            }
        slong * rows = NULL, * coef = NULL;
        for (slong k = 0; k <= n; k++)
            for (slong i = 0; i < B.counts[k]; i++)
            {
                hcell * c = B.cells + order[k][i];
                rows = flint_realloc(rows, FLINT_MAX(c->nb, 1) * sizeof(slong));
                coef = flint_realloc(coef, FLINT_MAX(c->nb, 1) * sizeof(slong));
                for (slong e = 0; e < c->nb; e++)
                {
                    rows[e] = B.cells[c->b_id[e]].local;
                    coef[e] = c->b_inc[e];
                }
                chain_complex_add_cell(K, k, c->nb, rows, coef);
            }
        flint_free(rows);
        flint_free(coef);
        for (slong k = 0; k <= n; k++)
            flint_free(order[k]);
        flint_free(order);
        if (!chain_complex_is_complex(K))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: the boundary does not square to zero");
    }
    for (slong c = 0; c < B.keys->num; c++)
        _cell_clear(B.cells + c, n);
    flint_free(B.cells);
    bsset_clear(B.keys);
    complex_clear(C);
    return status;
}

/* one neuron's sign in mask (filter < 0: every face) */
static homology_selection *
_one_neuron(homology_selection * sel, int * m, slong filter, int mask)
{
    *m = mask;
    sel->first = filter;
    sel->len = filter >= 0;
    sel->masks = m;
    sel->closure = 0;
    return sel;
}

int
homology_cells(chain_complex_t K, const net_t net, const poly_t domain, slong filter, int mask,
               rc_error_t err)
{
    homology_selection sel;
    int m;
    return _homology_cells(K, NULL, NULL, net, domain, _one_neuron(&sel, &m, filter, mask), net, -1, NULL, err);
}

int
homology_cells_points(chain_complex_t K, fmpq ** points, const net_t net, const poly_t domain, slong filter,
                      int mask, rc_error_t err)
{
    homology_selection sel;
    int m;
    return _homology_cells(K, NULL, points, net, domain, _one_neuron(&sel, &m, filter, mask), net, -1, NULL, err);
}

int
homology_cells_progress(chain_complex_t K, fmpq ** points, const net_t net, const poly_t domain, slong filter,
                        int mask, const rc_progress_struct * prog, rc_error_t err)
{
    homology_selection sel;
    int m;
    return _homology_cells(K, NULL, points, net, domain, _one_neuron(&sel, &m, filter, mask), net, -1, prog, err);
}

int
homology_cells_select(chain_complex_t K, const net_t net, const poly_t domain, const homology_selection * sel,
                      const rc_progress_struct * prog, rc_error_t err)
{
    for (slong j = 0; j < sel->len; j++)
        if (sel->first < 0 || sel->first + j >= net_num_hidden(net))
            return rc_error_set(err, RELU_E_INPUT, "selection: neuron %ld does not exist", (long) (sel->first + j));
    return _homology_cells(K, NULL, NULL, net, domain, sel, net, -1, prog, err);
}

int
homology_cells_values(chain_complex_t K, fmpq ** values, const net_t net, const poly_t domain, slong output,
                      rc_error_t err)
{
    if (output < 0 || output >= net_num_outputs(net))
        return rc_error_set(err, RELU_E_INPUT, "output %ld does not exist (the network has %ld)",
                            (long) output, (long) net_num_outputs(net));
    return _homology_cells(K, values, NULL, net, domain, NULL, net, output, NULL, err);
}
