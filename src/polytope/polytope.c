/* Polytopes: affine hulls, H -> V and V -> H conversions, canonical order.
   See polytope.h for the method. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpz_mat.h>
#include "polytope/polytope.h"
#include "poly/lp.h"

static void
_qvec_set(fmpq * d, const fmpq * s, slong len)
{
    for (slong k = 0; k < len; k++)
        fmpq_set(d + k, s + k);
}

static int
_qvec_equal(const fmpq * a, const fmpq * b, slong len)
{
    for (slong k = 0; k < len; k++)
        if (!fmpq_equal(a + k, b + k))
            return 0;
    return 1;
}

void
polytope_init(polytope_t Q, slong n)
{
    Q->n = n;
    Q->dim = n;
    Q->neq = 0;
    Q->eqA = NULL;
    Q->eqb = NULL;
    Q->pivot = NULL;
    Q->freec = flint_malloc(FLINT_MAX(n, 1) * sizeof(slong));
    for (slong k = 0; k < n; k++)
        Q->freec[k] = k;
    fmpq_mat_init(Q->lift, n, n + 1);
    for (slong k = 0; k < n; k++)
        fmpq_one(fmpq_mat_entry(Q->lift, k, k + 1));
    poly_init(Q->P, n);
    Q->nv = Q->nr = Q->nl = Q->m = 0;
    Q->vert = NULL;
    Q->ray = NULL;
    Q->lin = NULL;
    Q->A = NULL;
    Q->b = NULL;
    Q->fcache = flint_calloc(n + 2, sizeof(slong));
}

static void
_clear_outputs(polytope_t Q)
{
    slong n = Q->n;
    _fmpz_vec_clear(Q->eqA, Q->neq * n);
    _fmpz_vec_clear(Q->eqb, Q->neq);
    flint_free(Q->pivot);
    _fmpq_vec_clear(Q->vert, Q->nv * n);
    _fmpz_vec_clear(Q->ray, Q->nr * n);
    _fmpz_vec_clear(Q->lin, Q->nl * n);
    _fmpz_vec_clear(Q->A, Q->m * n);
    _fmpz_vec_clear(Q->b, Q->m);
    Q->eqA = Q->eqb = NULL;
    Q->pivot = NULL;
    Q->vert = NULL;
    Q->ray = Q->lin = Q->A = Q->b = NULL;
    Q->neq = Q->nv = Q->nr = Q->nl = Q->m = 0;
    Q->fcache[0] = 0;
}

void
polytope_clear(polytope_t Q)
{
    _clear_outputs(Q);
    flint_free(Q->fcache);
    flint_free(Q->freec);
    fmpq_mat_clear(Q->lift);
    poly_clear(Q->P);
}

void
polytope_swap(polytope_t Q, polytope_t R)
{
    polytope_struct t = *Q;
    *Q = *R;
    *R = t;
}

/* ---- affine hull --------------------------------------------------------------- */

/* Sets the affine hull { x : c_i + a_i.x = 0 } from neq0 homogeneous rows
   (c, a) of length n + 1 (dependent rows allowed). Returns 0, or 1 when the
   system has no solution. */
static int
_hull_set(polytope_t Q, const fmpz * eq, slong neq0)
{
    slong n = Q->n, d = n + 1;
    fmpq_mat_t E, R;
    int empty = 0;
    _clear_outputs(Q);
    fmpq_mat_init(E, FLINT_MAX(neq0, 1), d);
    fmpq_mat_init(R, FLINT_MAX(neq0, 1), d);
    /* columns: x_0 .. x_{n-1}, then the constant, so pivots fall on x first */
    for (slong i = 0; i < neq0; i++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set_fmpz(fmpq_mat_entry(E, i, k), eq + i * d + 1 + k);
        fmpq_set_fmpz(fmpq_mat_entry(E, i, n), eq + i * d);
    }
    slong r = neq0 ? fmpq_mat_rref(R, E) : 0;
    slong * piv = flint_malloc(FLINT_MAX(r, 1) * sizeof(slong));
    for (slong i = 0; i < r; i++)
    {
        slong k = 0;
        while (fmpq_is_zero(fmpq_mat_entry(R, i, k)))
            k++;
        piv[i] = k;
        if (k == n)
            empty = 1;
    }
    if (!empty)
    {
        char * is_piv = flint_calloc(FLINT_MAX(n, 1), 1);
        Q->neq = r;
        Q->dim = n - r;
        Q->pivot = piv;
        piv = NULL;
        for (slong i = 0; i < r; i++)
            is_piv[Q->pivot[i]] = 1;
        for (slong k = 0, s = 0; k < n; k++)
            if (!is_piv[k])
                Q->freec[s++] = k;
        /* equations as primitive integer rows eqA x = eqb */
        Q->eqA = _fmpz_vec_init(r * n);
        Q->eqb = _fmpz_vec_init(r);
        fmpz * row = _fmpz_vec_init(d);
        for (slong i = 0; i < r; i++)
        {
            poly_vec_from_fmpq(row, R->rows[i], d);      /* (a, c) */
            _fmpz_vec_set(Q->eqA + i * n, row, n);
            fmpz_neg(Q->eqb + i, row + n);
        }
        _fmpz_vec_clear(row, d);
        /* lift: x_free[s] = y_s; x_piv[i] = -c_i - sum_s R_i,free[s] y_s */
        fmpq_mat_clear(Q->lift);
        fmpq_mat_init(Q->lift, n, Q->dim + 1);
        for (slong s = 0; s < Q->dim; s++)
            fmpq_one(fmpq_mat_entry(Q->lift, Q->freec[s], s + 1));
        for (slong i = 0; i < r; i++)
        {
            fmpq_neg(fmpq_mat_entry(Q->lift, Q->pivot[i], 0), fmpq_mat_entry(R, i, n));
            for (slong s = 0; s < Q->dim; s++)
                fmpq_neg(fmpq_mat_entry(Q->lift, Q->pivot[i], s + 1), fmpq_mat_entry(R, i, Q->freec[s]));
        }
        flint_free(is_piv);
        poly_clear(Q->P);
        poly_init(Q->P, Q->dim);
    }
    flint_free(piv);
    fmpq_mat_clear(E);
    fmpq_mat_clear(R);
    return empty;
}

/* An affine function (c, a) on R^n (value c + a.x) restricted to the hull,
   in free coordinates: primitive integer (c', a') of length dim + 1. */
static void
_restrict_function(fmpz * out, const polytope_t Q, const fmpz * g)
{
    slong n = Q->n, e = Q->dim + 1;
    fmpq * q = _fmpq_vec_init(e);
    fmpq_t t;
    fmpq_init(t);
    fmpq_set_fmpz(q, g);
    for (slong j = 0; j < e; j++)
        for (slong k = 0; k < n; k++)
        {
            fmpq_mul_fmpz(t, fmpq_mat_entry(Q->lift, k, j), g + 1 + k);
            fmpq_add(q + j, q + j, t);
        }
    poly_vec_from_fmpq(out, q, e);
    fmpq_clear(t);
    _fmpq_vec_clear(q, e);
}

/* ---- canonical order and outputs --------------------------------------------------- */

typedef struct
{
    slong n;
    const fmpq * vert;   /* for vertices */
    const fmpz * ray;
    slong nv;
}
_gen_order_ctx;

static int
_cmp_gen(const void * pa, const void * pb, void * vctx)
{
    const _gen_order_ctx * c = vctx;
    slong a = *(const slong *) pa, b = *(const slong *) pb;
    int va = a < c->nv, vb = b < c->nv;
    if (va != vb)
        return vb - va;
    for (slong k = 0; k < c->n; k++)
    {
        int s = va ? fmpq_cmp(c->vert + a * c->n + k, c->vert + b * c->n + k)
                   : fmpz_cmp(c->ray + (a - c->nv) * c->n + k, c->ray + (b - c->nv) * c->n + k);
        if (s)
            return s;
    }
    return 0;
}

static int
_cmp_facet(const void * pa, const void * pb, void * vctx)
{
    const polytope_struct * Q = vctx;
    slong a = *(const slong *) pa, b = *(const slong *) pb, n = Q->n;
    for (slong k = 0; k < n; k++)
    {
        int s = fmpz_cmp(Q->A + a * n + k, Q->A + b * n + k);
        if (s)
            return s;
    }
    return fmpz_cmp(Q->b + a, Q->b + b);
}

/* Replaces every generator of P by its orthogonal projection onto the
   complement of the lineality space (in free coordinates): the incidence is
   unchanged (constraints are constant along lineality), and the
   representatives no longer depend on the order of the cuts. */
static void
_project_off_lineality(poly_t P)
{
    slong e = P->n, d = e + 1, L = P->nlin;
    if (L == 0)
        return;
    fmpq_mat_t B, G, Gi;
    fmpq * co = _fmpq_vec_init(L), * v = _fmpq_vec_init(d);
    fmpq_t t;
    fmpq_init(t);
    fmpq_mat_init(B, L, e);
    fmpq_mat_init(G, L, L);
    fmpq_mat_init(Gi, L, L);
    for (slong i = 0; i < L; i++)
        for (slong k = 0; k < e; k++)
            fmpq_set_fmpz(fmpq_mat_entry(B, i, k), poly_lin(P, i) + 1 + k);
    for (slong i = 0; i < L; i++)
        for (slong j = 0; j < L; j++)
            for (slong k = 0; k < e; k++)
                fmpq_addmul(fmpq_mat_entry(G, i, j), fmpq_mat_entry(B, i, k), fmpq_mat_entry(B, j, k));
    if (!fmpq_mat_inv(Gi, G))
        flint_abort();  /* the lineality basis is independent */
    for (slong g = 0; g < P->ngens; g++)
    {
        fmpz * x = poly_gen(P, g);
        for (slong i = 0; i < L; i++)
        {
            fmpq_zero(co + i);
            for (slong k = 0; k < e; k++)
            {
                fmpq_mul_fmpz(t, fmpq_mat_entry(B, i, k), x + 1 + k);
                fmpq_add(co + i, co + i, t);
            }
        }
        for (slong k = 0; k < d; k++)
            fmpq_set_fmpz(v + k, x + k);
        for (slong i = 0; i < L; i++)
        {
            /* coefficient of basis vector i: (G^-1 B x)_i */
            fmpq_zero(t);
            for (slong j = 0; j < L; j++)
                fmpq_addmul(t, fmpq_mat_entry(Gi, i, j), co + j);
            for (slong k = 0; k < e; k++)
                fmpq_submul(v + 1 + k, t, fmpq_mat_entry(B, i, k));
        }
        poly_vec_from_fmpq(x, v, d);
    }
    fmpq_clear(t);
    fmpq_mat_clear(B);
    fmpq_mat_clear(G);
    fmpq_mat_clear(Gi);
    _fmpq_vec_clear(co, L);
    _fmpq_vec_clear(v, d);
}

/* Lifts the final P (free coordinates) to R^n and puts everything in canonical order. */
/* Q's lineality: a reduced echelon basis in Q's coordinates, primitive rows. */
static void
_finish_lineality(polytope_t Q, const poly_struct * P, slong n, slong e)
{
    fmpq_t t;
    fmpq_init(t);
    Q->nl = P->nlin;
    Q->lin = _fmpz_vec_init(Q->nl * n);
    if (Q->nl > 0)
    {
        fmpq_mat_t Lm, Lr;
        fmpq_mat_init(Lm, Q->nl, n);
        fmpq_mat_init(Lr, Q->nl, n);
        for (slong i = 0; i < Q->nl; i++)
            for (slong k = 0; k < n; k++)
                for (slong s = 0; s < e; s++)
                {
                    fmpq_mul_fmpz(t, fmpq_mat_entry(Q->lift, k, s + 1), poly_lin(P, i) + 1 + s);
                    fmpq_add(fmpq_mat_entry(Lm, i, k), fmpq_mat_entry(Lm, i, k), t);
                }
        fmpq_mat_rref(Lr, Lm);
        for (slong i = 0; i < Q->nl; i++)
            poly_vec_from_fmpq(Q->lin + i * n, Lr->rows[i], n);
        fmpq_mat_clear(Lm);
        fmpq_mat_clear(Lr);
    }

    fmpq_clear(t);
}

/* P in Q's order: generators as order[], constraints 0 then ford[] + 1. */
static void
_finish_reorder(poly_struct * P, const slong * order, const slong * from_lifted, const slong * ford, slong G,
                slong m, slong e)
{
    slong d = e + 1;

    poly_t R;
    poly_init(R, e);
    poly_set(R, P);
    slong cw = P->cw;
    for (slong i = 0; i < G; i++)
    {
        slong g = from_lifted[order[i]];
        _fmpz_vec_set(poly_gen(P, i), poly_gen(R, g), d);
        bword * row = P->inc + i * cw;
        bs_zero(row, cw);
        if (bs_test(poly_inc(R, g), 0))
            bs_set(row, 0);
        for (slong j = 0; j < m; j++)
            if (bs_test(poly_inc(R, g), ford[j] + 1))
                bs_set(row, j + 1);
    }
    for (slong j = 0; j < m; j++)
    {
        _fmpz_vec_set(poly_con(P, j + 1), poly_con(R, ford[j] + 1), d);
        P->src[j + 1] = R->src[ford[j] + 1];
    }
    poly_clear(R);
    
}

static void
_polytope_finish(polytope_t Q)
{
    poly_struct * P = Q->P;
    slong n = Q->n, e = Q->dim, G = P->ngens, m = P->ncons - 1;
    fmpq * x = _fmpq_vec_init(n);
    fmpq_t t;
    fmpq_init(t);

    _project_off_lineality(P);
    slong nv = poly_num_vertices(P), nr = G - nv;
    /* lifted generators, in P's order, vertices and rays separately indexed */
    fmpq * vert = _fmpq_vec_init(FLINT_MAX(nv, 1) * n);
    fmpz * ray = _fmpz_vec_init(FLINT_MAX(nr, 1) * n);
    slong * idx = flint_malloc(FLINT_MAX(G, 1) * sizeof(slong));   /* P gen -> lifted index */
    slong iv = 0, ir = 0;
    for (slong g = 0; g < G; g++)
    {
        const fmpz * y = poly_gen(P, g);
        int isv = poly_gen_is_vertex(P, g);
        for (slong k = 0; k < n; k++)
        {
            fmpq_zero(x + k);
            if (isv)
                fmpq_set(x + k, fmpq_mat_entry(Q->lift, k, 0));
            for (slong s = 0; s < e; s++)
            {
                fmpq_mul_fmpz(t, fmpq_mat_entry(Q->lift, k, s + 1), y + 1 + s);
                if (isv)
                    fmpq_div_fmpz(t, t, y);
                fmpq_add(x + k, x + k, t);
            }
        }
        if (isv)
        {
            _qvec_set(vert + iv * n, x, n);
            idx[g] = iv++;
        }
        else
        {
            poly_vec_from_fmpq(ray + ir * n, x, n);
            idx[g] = nv + ir++;
        }
    }
    /* order of generators */
    _gen_order_ctx gc = { n, vert, ray, nv };
    slong * order = flint_malloc(FLINT_MAX(G, 1) * sizeof(slong));  /* new pos -> lifted index */
    for (slong i = 0; i < G; i++)
        order[i] = i;
    qsort_r(order, G, sizeof(slong), _cmp_gen, &gc);
    slong * from_lifted = flint_malloc(FLINT_MAX(G, 1) * sizeof(slong)); /* lifted index -> P gen */
    for (slong g = 0; g < G; g++)
        from_lifted[idx[g]] = g;

    Q->nv = nv;
    Q->nr = nr;
    Q->vert = _fmpq_vec_init(nv * n);
    Q->ray = _fmpz_vec_init(nr * n);
    for (slong i = 0; i < G; i++)
    {
        if (i < nv)
            _qvec_set(Q->vert + i * n, vert + order[i] * n, n);
        else
            _fmpz_vec_set(Q->ray + (i - nv) * n, ray + (order[i] - nv) * n, n);
    }

    /* facets: c + a.y >= 0  <=>  sum_s (-a_s) x_free[s] <= c */
    Q->m = m;
    Q->A = _fmpz_vec_init(m * n);
    Q->b = _fmpz_vec_init(m);
    for (slong j = 0; j < m; j++)
    {
        const fmpz * c = poly_con(P, j + 1);
        for (slong s = 0; s < e; s++)
            fmpz_neg(Q->A + j * n + Q->freec[s], c + 1 + s);
        fmpz_set(Q->b + j, c);
    }
    slong * ford = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    for (slong j = 0; j < m; j++)
        ford[j] = j;
    qsort_r(ford, m, sizeof(slong), _cmp_facet, Q);
    {
        fmpz * A2 = _fmpz_vec_init(m * n), * b2 = _fmpz_vec_init(m);
        for (slong j = 0; j < m; j++)
        {
            _fmpz_vec_set(A2 + j * n, Q->A + ford[j] * n, n);
            fmpz_set(b2 + j, Q->b + ford[j]);
        }
        _fmpz_vec_clear(Q->A, m * n);
        _fmpz_vec_clear(Q->b, m);
        Q->A = A2;
        Q->b = b2;
    }

    _finish_lineality(Q, P, n, e);
    _finish_reorder(P, order, from_lifted, ford, G, m, e);

    flint_free(ford);
    flint_free(order);
    flint_free(from_lifted);
    flint_free(idx);
    _fmpq_vec_clear(vert, FLINT_MAX(nv, 1) * n);
    _fmpz_vec_clear(ray, FLINT_MAX(nr, 1) * n);
    fmpq_clear(t);
    _fmpq_vec_clear(x, n);
}

/* ---- H -> V ------------------------------------------------------------------------- */

static void
_rows_push(fmpz ** rows, slong * num, slong * alloc, const fmpz * r, slong d)
{
    if (*num == *alloc)
    {
        slong a = FLINT_MAX(4, 2 * *alloc);
        *rows = flint_realloc(*rows, a * d * sizeof(fmpz));
        for (slong k = *alloc * d; k < a * d; k++)
            fmpz_init(*rows + k);
        *alloc = a;
    }
    _fmpz_vec_set(*rows + *num * d, r, d);
    (*num)++;
}

/* The cuts found the set empty (its implicit equations are inconsistent);
   cddlib's exact LP must agree before the empty set is an answer. */
static int
_confirm_empty(const fmpq_mat_t A, const fmpq * b, rc_error_t err)
{
    poly_lp_status st;
    fmpq_t opt;
    fmpq_init(opt);
    fmpq * x = _fmpq_vec_init(FLINT_MAX(A->c, 1)), * obj = _fmpq_vec_init(FLINT_MAX(A->c, 1));
    int status = poly_lp_solve(x, opt, &st, A, b, 0, obj, 1, err);
    if (status == RELU_OK && st != POLY_LP_INFEASIBLE)
        status = rc_error_set(err, RELU_E_INTERNAL, "the cuts found the inequalities infeasible, cddlib's LP does not");
    _fmpq_vec_clear(x, FLINT_MAX(A->c, 1));
    _fmpq_vec_clear(obj, FLINT_MAX(A->c, 1));
    fmpq_clear(opt);
    return status;
}

int
polytope_set_hrep(polytope_t Q, const fmpq_mat_t A, const fmpq * b, rc_error_t err)
{
    slong n = Q->n, d = n + 1, m = A->r;
    fmpz * g = _fmpz_vec_init(m * d);
    fmpz * gy = _fmpz_vec_init(d);
    fmpq * row = _fmpq_vec_init(d);
    fmpz * eq = NULL;
    slong neq = 0, eqalloc = 0;
    int status = RELU_OK, empty = 0;

    /* a.x <= b  <=>  b - a.x >= 0 */
    for (slong k = 0; k < m; k++)
    {
        fmpq_set(row, b + k);
        for (slong i = 0; i < n; i++)
            fmpq_neg(row + 1 + i, fmpq_mat_entry(A, k, i));
        poly_vec_from_fmpq(g + k * d, row, d);
    }
    for (;;)
    {
        if (_hull_set(Q, eq, neq))
        {
            status = _confirm_empty(A, b, err);
            empty = status == RELU_OK;
            break;
        }
        int restart = 0;
        for (slong k = 0; k < m && !restart; k++)
        {
            _restrict_function(gy, Q, g + k * d);
            int side = poly_side(Q->P, gy);
            if (side == POLY_CUT)
                poly_cut(Q->P, gy, POLY_SRC_DOMAIN(k));
            else if (side < 0)
            {
                /* the set lies on the hyperplane: an implicit equality */
                _rows_push(&eq, &neq, &eqalloc, g + k * d, d);
                restart = 1;
            }
        }
        if (!restart)
            break;
    }
    if (status == RELU_OK && !empty)
        _polytope_finish(Q);
    else
        _hull_set(Q, NULL, 0);
    if (empty)
        Q->dim = -1;    /* the empty polyhedron: no generators, no facets */
    _fmpz_vec_clear(eq, eqalloc * d);
    _fmpz_vec_clear(g, m * d);
    _fmpz_vec_clear(gy, d);
    _fmpq_vec_clear(row, d);
    return status;
}

void
polytope_set_poly(polytope_t Q, const poly_t P)
{
    if (Q->n != P->n)
    {
        polytope_clear(Q);
        polytope_init(Q, P->n);
    }
    _hull_set(Q, NULL, 0);
    poly_set(Q->P, P);
    _polytope_finish(Q);
}

/* ---- V -> H --------------------------------------------------------------------------- */

/* Integer basis of { z : r.z = 0 for the rows r } in R^D, as columns of W (D x w). */
static slong
_perp_basis(fmpz_mat_t W, const fmpz * rows, slong num, slong D)
{
    fmpz_mat_t M, N;
    fmpz_mat_init(M, FLINT_MAX(num, 1), D);
    fmpz_mat_init(N, D, D);
    for (slong i = 0; i < num; i++)
        for (slong k = 0; k < D; k++)
            fmpz_set(fmpz_mat_entry(M, i, k), rows + i * D + k);
    slong w = fmpz_mat_nullspace(N, M);
    fmpz_mat_clear(W);
    fmpz_mat_init(W, D, w);
    for (slong i = 0; i < D; i++)
        for (slong j = 0; j < w; j++)
            fmpz_set(fmpz_mat_entry(W, i, j), fmpz_mat_entry(N, i, j));
    fmpz_mat_clear(M);
    fmpz_mat_clear(N);
    return w;
}

/* Q's affine hull: { (c, a) : c t + a.x = 0 on every generator }. */
static void
_vrep_affine_hull(polytope_t Q, const fmpz * gens, slong ng, const fmpz * lins, slong nlin0, slong d)
{
    fmpz * all = _fmpz_vec_init((ng + nlin0) * d);
    _fmpz_vec_set(all, gens, ng * d);
    _fmpz_vec_set(all + ng * d, lins, nlin0 * d);
    fmpz_mat_t W;
    fmpz_mat_init(W, 1, 1);
    slong w = _perp_basis(W, all, ng + nlin0, d);
    fmpz * eq = _fmpz_vec_init(FLINT_MAX(w, 1) * d);
    for (slong j = 0; j < w; j++)
        for (slong k = 0; k < d; k++)
            fmpz_set(eq + j * d + k, fmpz_mat_entry(W, k, j));
    if (_hull_set(Q, eq, w))
        flint_abort();   /* the generators satisfy these equations */
    fmpz_mat_clear(W);
    _fmpz_vec_clear(eq, FLINT_MAX(w, 1) * d);
    _fmpz_vec_clear(all, (ng + nlin0) * d);
    }

/* The engine's generators must be among the given ones (modulo lineality). */
static int
_vrep_check(polytope_t Q, const fmpz * gy, slong ng, const fmpz * ly, slong nly, slong D, int status,
            rc_error_t err)
{
    slong rank = 0;
    if (nly > 0)
    {
        /* the given lineality vectors may be dependent */
        fmpz_mat_t Lm;
        fmpz_mat_init(Lm, nly, D);
        for (slong i = 0; i < nly; i++)
            _fmpz_vec_set(Lm->rows[i], ly + i * D, D);
        rank = fmpz_mat_rank(Lm);
        fmpz_mat_clear(Lm);
    }
    if (status == RELU_OK && Q->P->nlin != rank)
        status = rc_error_set(err, RELU_E_INTERNAL, "lineality %ld from the dual cone, %ld after the cuts",
                              (long) rank, (long) Q->P->nlin);
    if (status == RELU_OK && rank == 0)
        for (slong g = 0; g < Q->P->ngens && status == RELU_OK; g++)
        {
            int found = 0;
            for (slong i = 0; i < ng && !found; i++)
                found = _fmpz_vec_equal(poly_gen(Q->P, g), gy + i * D, D);
            if (!found)
                status = rc_error_set(err, RELU_E_INTERNAL, "an extreme generator is not among the given ones");
        }
    return status;
}

/* The facets of C from the extreme rays of the dual cone K (mapped back by
   W: D x K->n), primitive, with their tags, the face at infinity left out;
   returns how many. */
static slong
_vrep_facets(fmpz * z, slong * zsrc, const poly_t K, const fmpz_mat_t W, slong e)
{
    slong D = e + 1, nz = 0;
    for (slong r = 0; r < K->ngens; r++)
    {
        if (poly_gen_is_vertex(K, r))
            continue;     /* the apex */
        fmpz * zr = z + nz * D;
        for (slong k = 0; k < D; k++)
        {
            fmpz_zero(zr + k);
            for (slong j = 0; j < K->n; j++)
                fmpz_addmul(zr + k, fmpz_mat_entry(W, k, j), poly_gen(K, r) + 1 + j);
        }
        poly_vec_make_primitive(zr, D);
        if (_fmpz_vec_is_zero(zr + 1, e))
            continue;     /* t >= 0: the face at infinity */
        zsrc[nz++] = POLY_SRC_DOMAIN(r);
    }
    return nz;
}

static int _vrep_set(polytope_t Q, const fmpq_mat_t V, const fmpq_mat_t R, const fmpq_mat_t L, int top,
                     rc_error_t err);

/* poly_ridges_fn for the V -> H conversion: the facets of the facet F, by
   the same conversion of F's points (so proved the same way, one dimension
   lower), as sets of F's generators. arg: the dimension e of the points (t, y). */
static int
_vrep_ridges(bword ** R, slong * nr, const fmpz * G, slong ng, const bword * F, void * arg)
{
    slong e = *(const slong *) arg, d = e + 1, gw = BS_WORDS(ng), nf = bs_count(F, gw);
    slong * idx = flint_malloc(FLINT_MAX(nf, 1) * sizeof(slong));
    fmpq_mat_t V, none;
    fmpq_mat_init(V, nf, e);
    fmpq_mat_init(none, 0, e);
    for (slong g = 0, i = 0; g < ng; g++)
        if (bs_test(F, g))
        {
            idx[i] = g;
            for (slong k = 0; k < e; k++)
                fmpq_set_fmpz_frac(fmpq_mat_entry(V, i, k), G + g * d + 1 + k, G + g * d);
            i++;
        }
    polytope_t Q;
    rc_error_t err;
    polytope_init(Q, e);
    int fail = _vrep_set(Q, V, none, none, 0, err) != RELU_OK || Q->dim != e - 1 || Q->nr != 0;
    *nr = fail ? 0 : Q->m;
    *R = flint_calloc(FLINT_MAX(*nr * gw, 1), sizeof(bword));
    fmpz_t v, w;
    fmpz_init(v);
    fmpz_init(w);
    for (slong r = 0; r < *nr; r++)
        for (slong i = 0; i < nf; i++)
        {
            const fmpz * y = G + idx[i] * d;
            _fmpz_vec_dot(v, Q->A + r * e, y + 1, e);
            fmpz_mul(w, Q->b + r, y);
            if (fmpz_equal(v, w))
                bs_set(*R + r * gw, idx[i]);
        }
    fmpz_clear(v);
    fmpz_clear(w);
    polytope_clear(Q);
    fmpq_mat_clear(V);
    fmpq_mat_clear(none);
    flint_free(idx);
    return fail;
}

int
polytope_set_vrep(polytope_t Q, const fmpq_mat_t V, const fmpq_mat_t R, const fmpq_mat_t L, rc_error_t err)
{
    return _vrep_set(Q, V, R, L, 1, err);
}

/* top: the ridges of non-simplicial facets come from their own conversion;
   below (in that conversion) a facet's ridges are proved only when it is
   simplicial, else the cuts check it, which one level down costs little
   (a recursion through every level would walk the face lattice) */
static int
_vrep_set(polytope_t Q, const fmpq_mat_t V, const fmpq_mat_t R, const fmpq_mat_t L, int top, rc_error_t err)
{
    slong n = Q->n, d = n + 1;
    int status = RELU_OK;
    if (V->r == 0)
        return rc_error_set(err, RELU_E_INPUT, "no vertices: a polyhedron needs at least one point");

    /* homogeneous generators (t, x) */
    slong ng = 0, nlin0 = 0, galloc = 0, lalloc = 0;
    fmpz * gens = NULL, * lins = NULL;
    fmpz * h = _fmpz_vec_init(d);
    fmpq * q = _fmpq_vec_init(d);
    for (slong i = 0; i < V->r + R->r + L->r; i++)
    {
        const fmpq * src = i < V->r ? V->rows[i] : (i < V->r + R->r ? R->rows[i - V->r] : L->rows[i - V->r - R->r]);
        fmpq_set_si(q, i < V->r ? 1 : 0, 1);
        _qvec_set(q + 1, src, n);
        poly_vec_from_fmpq(h, q, d);
        if (_fmpz_vec_is_zero(h, d))
            continue;       /* a zero ray or lineality vector adds nothing */
        if (i < V->r + R->r)
            _rows_push(&gens, &ng, &galloc, h, d);
        else
            _rows_push(&lins, &nlin0, &lalloc, h, d);
    }

    _vrep_affine_hull(Q, gens, ng, lins, nlin0, d);

    /* generators in free coordinates */
    slong e = Q->dim, D = e + 1;
    fmpz * gy = _fmpz_vec_init(FLINT_MAX(ng, 1) * D);
    fmpz * ly = _fmpz_vec_init((nlin0 + D) * D);     /* room for found lineality */
    slong nly = 0;
    for (slong i = 0; i < ng + nlin0; i++)
    {
        fmpz * dst = i < ng ? gy + i * D : ly + (nly++) * D;
        const fmpz * src = i < ng ? gens + i * d : lins + (i - ng) * d;
        fmpz_set(dst, src);
        for (slong s = 0; s < e; s++)
            fmpz_set(dst + 1 + s, src + 1 + Q->freec[s]);
        poly_vec_make_primitive(dst, D);
    }

    /* dual cone C* inside lin^perp, restarting when a generator turns out to be in the lineality space */
    fmpz_mat_t W;
    fmpz_mat_init(W, 1, 1);
    poly_t K;
    fmpz * c = _fmpz_vec_init(D + 1);
    poly_init(K, 0);
    for (;;)
    {
        slong w = _perp_basis(W, ly, nly, D);
        poly_clear(K);
        poly_init(K, w);
        int restart = 0;
        for (slong i = 0; i < ng && !restart; i++)
        {
            fmpz_zero(c);
            for (slong j = 0; j < w; j++)
            {
                fmpz_zero(c + 1 + j);
                for (slong k = 0; k < D; k++)
                    fmpz_addmul(c + 1 + j, fmpz_mat_entry(W, k, j), gy + i * D + k);
            }
            poly_vec_make_primitive(c, w + 1);
            int side = poly_side(K, c);
            if (side == POLY_CUT)
                poly_cut(K, c, i);
            else if (side < 0)
            {
                _fmpz_vec_set(ly + (nly++) * D, gy + i * D, D);
                restart = 1;
            }
        }
        if (!restart)
            break;
    }

    /* facets of C: the extreme rays of C* (mapped back by W) */
    fmpz * z = _fmpz_vec_init(FLINT_MAX(K->ngens, 1) * D);
    slong * zsrc = flint_malloc(FLINT_MAX(K->ngens, 1) * sizeof(slong));
    slong nz = 0;
    if (K->nlin != 0)
        status = rc_error_set(err, RELU_E_INTERNAL, "the dual cone of the generators is not pointed");
    else
        nz = _vrep_facets(z, zsrc, K, W, e);
    /* P from generators and facets at once when that is proved right (a
       simplicial polytope: no second double description); else cut R^e by
       the facets, and the cuts' generators must be among the given ones */
    int proved = 0;
    if (status == RELU_OK && nly == 0 && poly_set_dd(Q->P, &proved, gy, ng, z, nz, zsrc, top ? _vrep_ridges : NULL, &e))
        status = rc_error_set(err, RELU_E_INTERNAL, "a facet from the dual cone is not a facet of the generators");
    for (slong r = 0; r < nz && status == RELU_OK && !proved; r++)
    {
        if (poly_side(Q->P, z + r * D) != POLY_CUT)
            status = rc_error_set(err, RELU_E_INTERNAL, "a facet from the dual cone does not cut the polyhedron");
        else
            poly_cut(Q->P, z + r * D, zsrc[r]);
    }
    if (!proved)
        status = _vrep_check(Q, gy, ng, ly, nly, D, status, err);
    if (status == RELU_OK)
        _polytope_finish(Q);
    else
        _hull_set(Q, NULL, 0);

    _fmpz_vec_clear(z, FLINT_MAX(K->ngens, 1) * D);
    flint_free(zsrc);
    _fmpz_vec_clear(c, D + 1);
    poly_clear(K);
    fmpz_mat_clear(W);
    _fmpz_vec_clear(gy, FLINT_MAX(ng, 1) * D);
    _fmpz_vec_clear(ly, (nlin0 + D) * D);
    _fmpz_vec_clear(gens, galloc * d);
    _fmpz_vec_clear(lins, lalloc * d);
    _fmpz_vec_clear(h, d);
    _fmpq_vec_clear(q, d);
    return status;
}

/* ---- queries --------------------------------------------------------------------- */

void
polytope_fvector(slong * f, const polytope_t Q)
{
    if (Q->dim < 0)
        return;
    if (!Q->fcache[0])
    {
        /* counts only (no lattice): the h-vector where the vertices are simple */
        slong * out = flint_malloc((Q->dim + 1) * sizeof(slong));
        poly_faces_count(Q->fcache + 1, out, Q->P, NULL, 0);
        Q->fcache[0] = 1;
        flint_free(out);
    }
    for (slong k = 0; k <= Q->dim; k++)
        f[k] = Q->fcache[1 + k];
}

int
polytope_equal(const polytope_t Q, const polytope_t R)
{
    slong n = Q->n;
    return Q->n == R->n && Q->dim == R->dim && Q->nv == R->nv && Q->nr == R->nr && Q->nl == R->nl
        && Q->m == R->m
        && _fmpz_vec_equal(Q->eqA, R->eqA, Q->neq * n) && _fmpz_vec_equal(Q->eqb, R->eqb, Q->neq)
        && _qvec_equal(Q->vert, R->vert, Q->nv * n) && _fmpz_vec_equal(Q->ray, R->ray, Q->nr * n)
        && _fmpz_vec_equal(Q->lin, R->lin, Q->nl * n)
        && _fmpz_vec_equal(Q->A, R->A, Q->m * n) && _fmpz_vec_equal(Q->b, R->b, Q->m);
}

int
polytope_contains_interior(const polytope_t Q, const fmpq * x)
{
    slong n = Q->n;
    int ok = Q->dim == n;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    for (slong j = 0; j < Q->m && ok; j++)
    {
        fmpq_zero(s);
        for (slong k = 0; k < n; k++)
        {
            fmpq_mul_fmpz(t, x + k, Q->A + j * n + k);
            fmpq_add(s, s, t);
        }
        fmpq_set_fmpz(t, Q->b + j);
        ok = fmpq_cmp(s, t) < 0;
    }
    fmpq_clear(s);
    fmpq_clear(t);
    return ok;
}

void
polytope_interior_point(fmpq * x, const polytope_t Q)
{
    slong n = Q->n;
    fmpq_t t;
    fmpq_init(t);
    for (slong k = 0; k < n; k++)
    {
        fmpq_zero(x + k);
        for (slong i = 0; i < Q->nv; i++)
            fmpq_add(x + k, x + k, Q->vert + i * n + k);
        fmpz_set_si(fmpq_numref(t), Q->nv);
        fmpz_one(fmpq_denref(t));
        fmpq_div(x + k, x + k, t);
        for (slong i = 0; i < Q->nr; i++)
        {
            fmpq_set_fmpz(t, Q->ray + i * n + k);
            fmpq_add(x + k, x + k, t);
        }
    }
    fmpq_clear(t);
}

/* ---- cddlib check ---------------------------------------------------------------- */

int
polytope_verify_cdd(const polytope_t Q, rc_error_t err)
{
    slong n = Q->n, d = n + 1, G = Q->nv + Q->nr;
    int status = poly_verify_cdd(Q->P, err);
    if (status)
        return status;
    fmpz * gens = _fmpz_vec_init(FLINT_MAX(G, 1) * d);
    fmpz * lins = _fmpz_vec_init(FLINT_MAX(Q->nl, 1) * d);
    fmpq * q = _fmpq_vec_init(d);
    for (slong i = 0; i < Q->nv; i++)
    {
        fmpq_one(q);
        _qvec_set(q + 1, Q->vert + i * n, n);
        poly_vec_from_fmpq(gens + i * d, q, d);
    }
    for (slong i = 0; i < Q->nr; i++)
        _fmpz_vec_set(gens + (Q->nv + i) * d + 1, Q->ray + i * n, n);
    for (slong i = 0; i < Q->nl; i++)
        _fmpz_vec_set(lins + i * d + 1, Q->lin + i * n, n);

    fmpz * rows;
    char * is_eq;
    slong nrows;
    status = poly_cdd_hrep(&rows, &nrows, &is_eq, gens, G, lins, Q->nl, d, err);
    if (status == RELU_OK)
    {
        slong gw = BS_WORDS(G);
        bword * ours = flint_calloc(FLINT_MAX(Q->m, 1) * FLINT_MAX(gw, 1), sizeof(bword));
        bword * s = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
        char * used = flint_calloc(FLINT_MAX(Q->m, 1), 1);
        fmpz_t v;
        fmpz_init(v);
        for (slong i = 0; i < G; i++)
            for (slong j = 0; j < Q->m; j++)
                if (polytope_incident(Q, i, j))
                    bs_set(ours + j * gw, i);
        slong neq = 0, nineq = 0;
        fmpz_mat_t E;
        fmpz_mat_init(E, FLINT_MAX(nrows + Q->neq, 1), d);
        for (slong r = 0; r < nrows && status == RELU_OK; r++)
        {
            const fmpz * z = rows + r * d;
            if (is_eq[r])
            {
                _fmpz_vec_set(E->rows[neq], z, d);
                neq++;
                continue;
            }
            if (_fmpz_vec_is_zero(z + 1, n))
                continue;    /* 1 >= 0 */
            nineq++;
            bs_zero(s, gw);
            for (slong i = 0; i < G; i++)
            {
                poly_vec_dot(v, z, gens + i * d, d);
                if (fmpz_sgn(v) < 0)
                    status = rc_error_set(err, RELU_E_INTERNAL, "a cddlib facet cuts off one of our generators");
                if (fmpz_is_zero(v))
                    bs_set(s, i);
            }
            slong j = 0;
            while (j < Q->m && !(bs_equal(ours + j * gw, s, gw) && !used[j]))
                j++;
            if (status == RELU_OK && j == Q->m)
                status = rc_error_set(err, RELU_E_INTERNAL, "cddlib finds a facet we do not have");
            else if (status == RELU_OK)
                used[j] = 1;
        }
        if (status == RELU_OK && (nineq != Q->m || neq != Q->neq))
            status = rc_error_set(err, RELU_E_INTERNAL,
                "cddlib finds %ld facets and %ld equations, we find %ld and %ld",
                (long) nineq, (long) neq, (long) Q->m, (long) Q->neq);
        if (status == RELU_OK && neq > 0)
        {
            /* the same equations: stacking ours under cddlib's keeps the rank */
            for (slong i = 0; i < Q->neq; i++)
            {
                fmpz_neg(E->rows[neq + i], Q->eqb + i);
                _fmpz_vec_set(E->rows[neq + i] + 1, Q->eqA + i * n, n);
            }
            if (fmpz_mat_rank(E) != neq)
                status = rc_error_set(err, RELU_E_INTERNAL, "cddlib finds a different affine hull");
        }
        fmpz_mat_clear(E);
        fmpz_clear(v);
        flint_free(ours);
        flint_free(s);
        flint_free(used);
        _fmpz_vec_clear(rows, FLINT_MAX(nrows, 1) * d);
        flint_free(is_eq);
    }
    _fmpz_vec_clear(gens, FLINT_MAX(G, 1) * d);
    _fmpz_vec_clear(lins, FLINT_MAX(Q->nl, 1) * d);
    _fmpq_vec_clear(q, d);
    return status;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static void
_write_rows(jout_t out, const char * key, const fmpz * A, const fmpz * b, slong m, slong n)
{
    jout_key(out, key);
    jout_begin_object(out);
    jout_key(out, "A");
    jout_begin_array(out);
    for (slong j = 0; j < m; j++)
        jout_fmpz_vec(out, A + j * n, n);
    jout_end_array(out);
    jout_key(out, "b");
    jout_fmpz_vec(out, b, m);
    jout_end_object(out);
}

void
polytope_write_json(jout_t out, const polytope_t Q)
{
    slong n = Q->n;
    slong * f = flint_malloc(FLINT_MAX(Q->dim + 1, 1) * sizeof(slong));
    polytope_fvector(f, Q);
    jout_key(out, "ambient_dim");
    jout_int(out, n);
    jout_key(out, "dim");
    jout_int(out, Q->dim);
    jout_key(out, "bounded");
    jout_bool(out, polytope_is_bounded(Q));
    jout_key(out, "fvector");
    jout_begin_array(out);
    for (slong k = 0; k <= Q->dim; k++)
        jout_int(out, f[k]);
    jout_end_array(out);
    jout_key(out, "vertices");
    jout_begin_array(out);
    for (slong i = 0; i < Q->nv; i++)
        jout_fmpq_vec(out, Q->vert + i * n, n);
    jout_end_array(out);
    jout_key(out, "rays");
    jout_begin_array(out);
    for (slong i = 0; i < Q->nr; i++)
        jout_fmpz_vec(out, Q->ray + i * n, n);
    jout_end_array(out);
    if (Q->nl > 0)
    {
        jout_key(out, "lineality");
        jout_begin_array(out);
        for (slong i = 0; i < Q->nl; i++)
            jout_fmpz_vec(out, Q->lin + i * n, n);
        jout_end_array(out);
    }
    _write_rows(out, "inequalities", Q->A, Q->b, Q->m, n);
    if (Q->neq > 0)
        _write_rows(out, "equations", Q->eqA, Q->eqb, Q->neq, n);
    flint_free(f);
}

int
polytope_contains(const polytope_t G, const polytope_t F)
{
    slong n = G->n;
    int ok = G->n == F->n;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    for (slong i = 0; ok && i < F->nv + F->nr + F->nl; i++)
    {
        int kind = i < F->nv ? 0 : (i < F->nv + F->nr ? 1 : 2);   /* vertex, ray, lineality */
        for (slong j = 0; ok && j < G->m + G->neq; j++)
        {
            const fmpz * a = j < G->m ? G->A + j * n : G->eqA + (j - G->m) * n;
            fmpq_zero(s);
            for (slong k = 0; k < n; k++)
            {
                if (kind == 0)
                    fmpq_mul_fmpz(t, F->vert + i * n + k, a + k);
                else
                {
                    fmpz_mul(fmpq_numref(t), a + k, kind == 1 ? F->ray + (i - F->nv) * n + k
                                                              : F->lin + (i - F->nv - F->nr) * n + k);
                    fmpz_one(fmpq_denref(t));
                }
                fmpq_add(s, s, t);
            }
            if (kind == 0)
            {
                fmpq_set_fmpz(t, j < G->m ? G->b + j : G->eqb + (j - G->m));
                int c = fmpq_cmp(s, t);
                ok = j < G->m ? c <= 0 : c == 0;
            }
            else
                ok = (j < G->m && kind == 1) ? fmpq_sgn(s) <= 0 : fmpq_is_zero(s);
        }
    }
    fmpq_clear(s);
    fmpq_clear(t);
    return ok;
}
