/* The piece complex of the decision regions (decision.h): every activation
   region split into its pieces, every face of every piece entered once as a
   cell keyed by its sign vector and the set of outputs attaining the maximum
   on it; adjacency, components, the boundary and the closures from the
   cells. */
#include <string.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include "decision/decision.h"
#include "complex/complex.h"
#include "regions/regions.h"

typedef struct
{
    slong dim;
    int bounded;
    slong npieces, piece[2];   /* pieces containing it (the first two) */
    slong nk, ak;
    slong * kp;                /* pairs (class, the first piece of that class containing it) */
    slong nc, ac;
    slong * closure;           /* classes whose closure contains it */
}
dcell;

typedef struct
{
    decision_struct * D;
    const net_struct * net;
    slong n, m, N, ndom;
    const fmpz * dom;          /* the domain's facets (c, a) */
    bsset_t keys;
    dcell * cells;
    slong alloc;
    slong * parent;            /* union-find over the pieces */
    poly_faces_t F;
    fmpq_mat_t W;
    fmpq * c;
    poly_struct * Q;
    slong * cls;
    rc_error_struct * err;
}
builder;

static slong
_find(slong * parent, slong i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void
_union(slong * parent, slong a, slong b)
{
    a = _find(parent, a);
    b = _find(parent, b);
    if (a != b)
        parent[FLINT_MAX(a, b)] = FLINT_MIN(a, b);   /* the root is the first piece */
}

static void
_push(slong ** v, slong * n, slong * alloc, slong x)
{
    if (*n == *alloc)
    {
        *alloc = FLINT_MAX(4, 2 * *alloc);
        *v = flint_realloc(*v, *alloc * sizeof(slong));
    }
    (*v)[(*n)++] = x;
}

/* cell id meets piece p of class k */
static void
_cell_add_piece(builder * B, slong id, slong p, slong k)
{
    dcell * c = B->cells + id;
    if (c->npieces < 2)
        c->piece[c->npieces] = p;
    c->npieces++;
    for (slong i = 0; i < c->nk; i++)
        if (c->kp[2 * i] == k)
        {
            _union(B->parent, p, c->kp[2 * i + 1]);
            return;
        }
    if (c->nk == c->ak)
    {
        c->ak = FLINT_MAX(2, 2 * c->ak);
        c->kp = flint_realloc(c->kp, 2 * c->ak * sizeof(slong));
    }
    c->kp[2 * c->nk] = k;
    c->kp[2 * c->nk + 1] = p;
    c->nk++;
}

static void
_cell_add_closure(dcell * c, slong k)
{
    for (slong i = 0; i < c->nc; i++)
        if (c->closure[i] == k)
            return;
    _push(&c->closure, &c->nc, &c->ac, k);
}

/* the argmax set S on face f of piece P (at a relative-interior point: the
   mean of its vertices plus its rays) as bits of key from bit `at`; returns
   min S, the class that wins on the cell */
static slong
_face_argmax(bword * key, slong at, const builder * B, const poly_struct * P, const bword * face)
{
    slong n = B->n, m = B->m, nv = 0, win = -1;
    fmpq * x = _fmpq_vec_init(n), * v = _fmpq_vec_init(n), * y = _fmpq_vec_init(m);
    fmpq_t t;
    fmpq_init(t);
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(face, g) && poly_gen_is_vertex(P, g))
        {
            poly_gen_get_fmpq(v, P, g);
            for (slong j = 0; j < n; j++)
                fmpq_add(x + j, x + j, v + j);
            nv++;
        }
    fmpq_set_si(t, 1, nv);
    for (slong j = 0; j < n; j++)
        fmpq_mul(x + j, x + j, t);
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(face, g) && !poly_gen_is_vertex(P, g))
            for (slong j = 0; j < n; j++)
                fmpq_add_fmpz(x + j, x + j, poly_gen(P, g) + 1 + j);
    for (slong i = 0; i < m; i++)
    {
        _fmpq_vec_dot(y + i, B->W->rows[i], x, n);
        fmpq_add(y + i, y + i, B->c + i);
        if (win < 0 || fmpq_cmp(y + i, y + win) > 0)
            win = i;
    }
    for (slong i = 0; i < m; i++)
        if (fmpq_equal(y + i, y + win))
            bs_set(key, at + i);
    fmpq_clear(t);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(v, n);
    _fmpq_vec_clear(y, m);
    return win;
}

static slong
_cell_of(builder * B, const bword * key, slong dim, int bounded)
{
    int is_new;
    slong id = bsset_insert(B->keys, key, &is_new);
    if (is_new)
    {
        if (id >= B->alloc)
        {
            B->alloc = FLINT_MAX(256, 2 * B->alloc);
            B->cells = flint_realloc(B->cells, B->alloc * sizeof(dcell));
        }
        memset(B->cells + id, 0, sizeof(dcell));
        B->cells[id].dim = dim;
        B->cells[id].bounded = bounded;
    }
    return id;
}

/* every face of piece p (in region R) as a cell: its key is the activation
   sign vector of the face (as complex.c: 2 bits per neuron, then the domain
   facets it is off), then the argmax set */
static void
_piece_cells(builder * B, const region_struct * R, slong p)
{
    decision_piece_struct * piece = B->D->pieces + p;
    const poly_struct * P = piece->P;
    const poly_faces_struct * F = B->F;
    slong n = B->n, d = n + 1, N = B->N, gw = BS_WORDS(P->ngens), kw = B->keys->w;
    bword * zsets = flint_calloc(FLINT_MAX((N + B->ndom + P->ncons) * gw, 1), sizeof(bword));
    bword * dsets = zsets + N * gw, * csets = dsets + B->ndom * gw, * key = flint_malloc(kw * sizeof(bword));
    char * zvalid = flint_calloc(FLINT_MAX(N, 1), 1);
    poly_faces_compute(B->F, P);
    slong * fid = flint_malloc(2 * FLINT_MAX(F->num, 1) * sizeof(slong)), * win = fid + F->num;
    for (slong k = 0; k < N; k++)
        if (R->sign[k] != 0)
            zvalid[k] = poly_zero_set(zsets + k * gw, P, R->zrows + k * d);
    for (slong i = 0; i < B->ndom; i++)
        poly_zero_set(dsets + i * gw, P, B->dom + i * d);
    for (slong j = 1; j < P->ncons; j++)
        for (slong g = 0; g < P->ngens; g++)
            if (bs_test(poly_inc(P, g), j))
                bs_set(csets + j * gw, g);
    for (slong f = 0; f < F->num; f++)
    {
        const bword * face = poly_faces_set(F, f);
        int bounded = P->nlin == 0;
        bs_zero(key, kw);
        for (slong k = 0; k < N; k++)
        {
            int s = R->sign[k];
            if (s != 0 && zvalid[k] && bs_subset(face, zsets + k * gw, gw))
                s = 0;
            if (s != 0)
                bs_set(key, 2 * k + (s < 0));
        }
        complex_key_tie_groups(key, N, R, 0);
        for (slong i = 0; i < B->ndom; i++)
            if (!bs_subset(face, dsets + i * gw, gw))
                bs_set(key, 2 * N + i);
        for (slong g = 0; g < P->ngens; g++)
            bounded &= !(bs_test(face, g) && !poly_gen_is_vertex(P, g));
        win[f] = _face_argmax(key, 2 * N + B->ndom, B, P, face);
        fid[f] = _cell_of(B, key, F->dim[f], bounded);
        _cell_add_piece(B, fid[f], p, piece->cls);
        for (slong j = 1; j < P->ncons && F->dim[f] == n - 1; j++)
            if (bs_equal(face, csets + j * gw, gw))
                piece->facet_cell[j - 1] = fid[f];
    }
    /* the closure of the winner's set: every face of a face it wins on */
    for (slong f = 0; f < F->num; f++)
        for (slong g = f; g < F->num; g++)
            if (g == f || (F->dim[g] < F->dim[f] && bs_subset(poly_faces_set(F, g), poly_faces_set(F, f), gw)))
                _cell_add_closure(B->cells + fid[g], win[f]);
    flint_free(fid);
    flint_free(key);
    flint_free(zsets);
    flint_free(zvalid);
}

static void
_add_piece(builder * B, const region_struct * R, poly_struct * Q, slong cls)
{
    decision_struct * D = B->D;
    if (D->num == D->alloc)
    {
        D->alloc = FLINT_MAX(64, 2 * D->alloc);
        D->pieces = flint_realloc(D->pieces, D->alloc * sizeof(decision_piece_struct));
        B->parent = flint_realloc(B->parent, D->alloc * sizeof(slong));
    }
    slong p = D->num++;
    decision_piece_struct * piece = D->pieces + p;
    poly_init(piece->P, B->n);
    poly_swap(piece->P, Q);
    piece->cls = cls;
    piece->region = D->regions - 1;
    piece->pattern = flint_malloc(B->N + 1);
    region_pattern_str(piece->pattern, R);
    piece->point = _fmpq_vec_init(B->n);
    poly_interior_point(piece->point, piece->P);
    piece->bounded = poly_is_bounded(piece->P);
    piece->component = -1;
    slong nf = FLINT_MAX(poly_num_facets(piece->P), 1);
    piece->across = flint_malloc(nf * sizeof(slong));
    piece->facet_cell = flint_malloc(nf * sizeof(slong));
    for (slong j = 0; j < nf; j++)
        piece->across[j] = piece->facet_cell[j] = -1;
    B->parent[p] = p;
    _piece_cells(B, R, p);
}

static int
_add_region(void * data, const region_struct * R)
{
    builder * B = data;
    B->D->regions++;
    net_affine_of_pattern(B->W, B->c, B->net, R->active);
    slong k = decision_split_region(B->Q, B->cls, R->P, B->W, B->c, B->N);
    for (slong j = 0; j < k; j++)
        _add_piece(B, R, B->Q + j, B->cls[j]);
    return 0;
}

/* an (n-1)-cell in one piece must lie on a facet of the domain (else the
   pieces do not cover a neighbourhood of it); in three, the pieces overlap */
static int
_check_facet_cell(const builder * B, slong id, rc_error_t err)
{
    const dcell * c = B->cells + id;
    const bword * key = bsset_get(B->keys, id);
    int on_domain = 0;
    for (slong i = 0; i < B->ndom; i++)
        on_domain |= !bs_test(key, 2 * B->N + i);
    if (c->npieces > 2 || (c->npieces == 1 && !on_domain))
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: a facet of the decision pieces lies in %ld pieces%s",
                            (long) c->npieces, c->npieces == 1 ? " inside the domain" : "");
    return RELU_OK;
}

/* counts over the cells: the complex, the boundary, the closures, adjacency */
static int
_count_cells(builder * B, rc_error_t err)
{
    decision_struct * D = B->D;
    slong n = B->n, euler = 0;
    for (slong id = 0; id < B->keys->num; id++)
    {
        const dcell * c = B->cells + id;
        slong sgn = c->dim % 2 ? -1 : 1;
        D->fvec[c->dim]++;
        euler += sgn;
        if (c->dim == n - 1)
        {
            int status = _check_facet_cell(B, id, err);
            if (status)
                return status;
            if (c->npieces == 2)
            {
                int same = D->pieces[c->piece[0]].cls == D->pieces[c->piece[1]].cls;
                D->adjacent_same += same;
                D->adjacent_different += !same;
            }
        }
        if (c->nk >= 2 && c->dim == n)
            return rc_error_set(err, RELU_E_INTERNAL, "internal error: a full-dimensional cell in pieces of two classes");
        if (c->nk >= 2)
            D->bfvec[c->dim]++;
        for (slong i = 0; i < c->nc; i++)
        {
            decision_class_struct * K = D->classes + c->closure[i];
            int in_piece = 0;
            for (slong j = 0; j < c->nk; j++)
                in_piece |= c->kp[2 * j] == c->closure[i];
            K->fvec[c->dim]++;
            K->euler += sgn;
            K->lower += !in_piece;
            K->bounded &= c->bounded;
        }
    }
    return RELU_OK;
}

/* components (union-find roots, numbered per class in order of their first
   piece) and the piece across every facet */
static void
_components(builder * B)
{
    decision_struct * D = B->D;
    slong * number = flint_malloc(FLINT_MAX(D->num, 1) * sizeof(slong));
    for (slong p = 0; p < D->num; p++)
    {
        decision_piece_struct * piece = D->pieces + p;
        decision_class_struct * K = D->classes + piece->cls;
        slong r = _find(B->parent, p);
        if (r == p)
        {
            number[p] = K->components++;
            K->bounded_components++;
        }
        piece->component = number[r];
        K->pieces++;
        for (slong j = 0; j < poly_num_facets(piece->P); j++)
        {
            const dcell * c = B->cells + piece->facet_cell[j];
            piece->across[j] = c->npieces < 2 ? -1 : c->piece[c->piece[0] == p];
        }
    }
    /* a component is bounded when all its pieces are */
    char * unb = flint_calloc(FLINT_MAX(D->num, 1), 1);
    for (slong p = 0; p < D->num; p++)
        if (!D->pieces[p].bounded && !unb[_find(B->parent, p)])
        {
            unb[_find(B->parent, p)] = 1;
            D->classes[D->pieces[p].cls].bounded_components--;
        }
    flint_free(unb);
    flint_free(number);
}

static void
_builder_init(builder * B, decision_t D, const net_t net, const poly_t domain, rc_error_t err)
{
    slong n = net->input_dim, m = net_num_outputs(net), N = net_num_hidden(net);
    memset(B, 0, sizeof(builder));
    B->D = D;
    B->net = net;
    B->n = n;
    B->m = m;
    B->N = N;
    B->ndom = domain->ncons - 1;
    B->dom = domain->cons + (n + 1);
    bsset_init(B->keys, BS_WORDS(2 * N + B->ndom + m));
    poly_faces_init(B->F);
    fmpq_mat_init(B->W, m, n);
    B->c = _fmpq_vec_init(m);
    B->Q = flint_malloc(m * sizeof(poly_struct));
    for (slong k = 0; k < m; k++)
        poly_init(B->Q + k, n);
    B->cls = flint_malloc(m * sizeof(slong));
    B->err = err;
}

static void
_builder_clear(builder * B)
{
    for (slong id = 0; id < B->keys->num; id++)
    {
        flint_free(B->cells[id].kp);
        flint_free(B->cells[id].closure);
    }
    flint_free(B->cells);
    bsset_clear(B->keys);
    flint_free(B->parent);
    poly_faces_clear(B->F);
    fmpq_mat_clear(B->W);
    _fmpq_vec_clear(B->c, B->m);
    for (slong k = 0; k < B->m; k++)
        poly_clear(B->Q + k);
    flint_free(B->Q);
    flint_free(B->cls);
}

/* D's per-result arrays for n inputs and m classes */
static void
_decision_setup(decision_t D, const net_t net, const poly_t domain, const char * desc)
{
    slong n = net->input_dim, m = net_num_outputs(net);
    D->n = n;
    D->m = m;
    D->N = net_num_hidden(net);
    snprintf(D->domain, sizeof(D->domain), "%s", desc);
    D->compactified = !poly_is_bounded(domain);
    net_class_labels(&D->labels, net);
    D->fvec = flint_calloc(n + 1, sizeof(slong));
    D->bfvec = flint_calloc(FLINT_MAX(n, 1), sizeof(slong));
    D->classes = flint_calloc(m, sizeof(decision_class_struct));
    for (slong k = 0; k < m; k++)
    {
        D->classes[k].fvec = flint_calloc(n + 1, sizeof(slong));
        D->classes[k].bounded = 1;
        homology_init(D->classes[k].H);
    }
}

int
decision_pieces_compute(decision_t D, const net_t net, const poly_t domain, const char * desc, rc_error_t err)
{
    if (net_num_outputs(net) < 2)
        return rc_error_set(err, RELU_E_INPUT, "decision regions need a network with at least 2 outputs (it has %ld)",
                            (long) net_num_outputs(net));
    if (domain->n != net->input_dim)
        return rc_error_set(err, RELU_E_INPUT, "the domain has dimension %ld, the network %ld inputs",
                            (long) domain->n, (long) net->input_dim);
    if (D->classes != NULL)
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: decision_pieces_compute on a used result");
    _decision_setup(D, net, domain, desc);
    builder B;
    _builder_init(&B, D, net, domain, err);
    int status = regions_enumerate_progress(net, domain, _add_region, &B, D->progress, -1);
    for (slong p = 0; p < D->num && status == RELU_OK; p++)
        for (slong j = 0; j < poly_num_facets(D->pieces[p].P) && status == RELU_OK; j++)
            if (D->pieces[p].facet_cell[j] < 0)
                status = rc_error_set(err, RELU_E_INTERNAL, "internal error: a facet of piece %ld is no face", (long) p);
    if (status == RELU_OK)
        status = _count_cells(&B, err);
    if (status == RELU_OK)
    {
        _components(&B);
        slong euler = 0;
        for (slong k = 0; k <= D->n; k++)
            euler += k % 2 ? -D->fvec[k] : D->fvec[k];
        if (euler != poly_euler_char(domain))
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: Euler characteristic of the decision pieces' complex is %ld, the domain's is %ld",
                (long) euler, (long) poly_euler_char(domain));
    }
    _builder_clear(&B);
    return status;
}

void
decision_init(decision_t D)
{
    memset(D, 0, sizeof(decision_struct));
}

void
decision_clear(decision_t D)
{
    for (slong p = 0; p < D->num; p++)
    {
        decision_piece_struct * piece = D->pieces + p;
        poly_clear(piece->P);
        _fmpq_vec_clear(piece->point, D->n);
        flint_free(piece->pattern);
        flint_free(piece->across);
        flint_free(piece->facet_cell);
    }
    flint_free(D->pieces);
    for (slong k = 0; D->classes != NULL && k < D->m; k++)
    {
        flint_free(D->classes[k].fvec);
        homology_clear(D->classes[k].H);
    }
    flint_free(D->classes);
    for (slong k = 0; D->labels != NULL && k < D->m; k++)
        flint_free(D->labels[k]);
    flint_free(D->labels);
    flint_free(D->fvec);
    flint_free(D->bfvec);
    memset(D, 0, sizeof(decision_struct));
}
