/* Anatomy of one ReLU layer: its sectors and, where it exists, its
   factorisation relu(W x + b) = W pi(x) + b through a projection pi onto the
   cone C = {W x + b >= 0} (see boundary.h and proofs/one-layer/layer.md). */
#include "boundary/boundary.h"
#include "regions/regions.h"

void
boundary_layer_init(boundary_layer_t L, slong m, slong n)
{
    L->m = m;
    L->n = n;
    L->rank = 0;
    L->full_row_rank = L->square_invertible = 0;
    fmpq_mat_init(L->Wplus, n, m);
    fmpq_mat_init(L->Winv, n, n);
    L->apex = _fmpq_vec_init(n);
    L->sectors = L->factorising = L->verified = 0;
}

void
boundary_layer_clear(boundary_layer_t L)
{
    fmpq_mat_clear(L->Wplus);
    fmpq_mat_clear(L->Winv);
    _fmpq_vec_clear(L->apex, L->n);
}

typedef struct
{
    boundary_layer_struct * L;
    const net_layer_struct * lay;
    boundary_layer_sector_callback cb;
    void * data;
    rc_error_struct * err;
    fmpq_mat_t D, DW, ImD_W, Pj, WP, aug, rref, VDW;
    fmpq * qj, * t, * x0;
}
anatomy_ctx;

static int
_sector(void * data, const region_struct * R)
{
    anatomy_ctx * x = data;
    boundary_layer_struct * L = x->L;
    const fmpq_mat_struct * W = x->lay->W;
    const fmpq * b = x->lay->b;
    slong m = L->m, n = L->n;
    L->sectors++;

    /* D_J from the engine's pattern; D W and (D - I) b */
    fmpq_mat_zero(x->D);
    for (slong i = 0; i < m; i++)
        if (R->active[i])
            fmpq_one(fmpq_mat_entry(x->D, i, i));
    fmpq_mat_mul(x->DW, x->D, W);

    /* the criterion: columns of D W and (D - I) b in the column space of W */
    for (slong i = 0; i < m; i++)
    {
        for (slong j = 0; j < n; j++)
        {
            fmpq_set(fmpq_mat_entry(x->aug, i, j), fmpq_mat_entry(W, i, j));
            fmpq_set(fmpq_mat_entry(x->aug, i, n + j), fmpq_mat_entry(x->DW, i, j));
        }
        if (R->active[i])
            fmpq_zero(fmpq_mat_entry(x->aug, i, 2 * n));
        else
            fmpq_neg(fmpq_mat_entry(x->aug, i, 2 * n), b + i);
    }
    int factorises = fmpq_mat_rref(x->rref, x->aug) == L->rank;
    L->factorising += factorises;

    const fmpq_mat_struct * Pout = NULL;
    const fmpq * qout = NULL;
    if (L->full_row_rank)
    {
        if (!factorises)
            return rc_error_set(x->err, RELU_E_INTERNAL,
                "internal error: W has full row rank but sector %ld does not factorise", (long) R->index);
        /* P_J = I - W+ (I - D) W, q_J = -W+ (I - D) b */
        fmpq_mat_sub(x->ImD_W, W, x->DW);
        fmpq_mat_mul(x->Pj, L->Wplus, x->ImD_W);
        fmpq_mat_neg(x->Pj, x->Pj);
        for (slong j = 0; j < n; j++)
            fmpq_add_si(fmpq_mat_entry(x->Pj, j, j), fmpq_mat_entry(x->Pj, j, j), 1);
        for (slong j = 0; j < n; j++)
        {
            fmpq_zero(x->qj + j);
            for (slong i = 0; i < m; i++)
                if (!R->active[i])
                    fmpq_submul(x->qj + j, fmpq_mat_entry(L->Wplus, j, i), b + i);
        }
        /* W P_J = D W and W q_J + b = D b, exactly */
        fmpq_mat_mul(x->WP, W, x->Pj);
        int ok = fmpq_mat_equal(x->WP, x->DW);
        for (slong i = 0; i < m && ok; i++)
        {
            fmpq_set(x->t + i, b + i);
            for (slong j = 0; j < n; j++)
                fmpq_addmul(x->t + i, fmpq_mat_entry(W, i, j), x->qj + j);
            ok = R->active[i] ? fmpq_equal(x->t + i, b + i) : fmpq_is_zero(x->t + i);
        }
        /* and at the sector's interior point, relu(W x0 + b) computed directly */
        poly_interior_point(x->x0, R->P);
        for (slong i = 0; i < m && ok; i++)
        {
            fmpq_t z, y;
            fmpq_init(z);
            fmpq_init(y);
            fmpq_set(z, b + i);
            for (slong j = 0; j < n; j++)
                fmpq_addmul(z, fmpq_mat_entry(W, i, j), x->x0 + j);
            if (fmpq_sgn(z) < 0)
                fmpq_zero(z);
            fmpq_set(y, b + i);     /* W pi(x0) + b */
            for (slong j = 0; j < n; j++)
            {
                fmpq_t pj;
                fmpq_init(pj);
                fmpq_set(pj, x->qj + j);
                for (slong l = 0; l < n; l++)
                    fmpq_addmul(pj, fmpq_mat_entry(x->Pj, j, l), x->x0 + l);
                fmpq_addmul(y, fmpq_mat_entry(W, i, j), pj);
                fmpq_clear(pj);
            }
            ok = fmpq_equal(y, z);
            fmpq_clear(z);
            fmpq_clear(y);
        }
        if (ok && L->square_invertible)
        {
            /* the notes' form: pi(x) = x* + V D W (x - x*) */
            fmpq_mat_mul(x->VDW, L->Winv, x->DW);
            ok = fmpq_mat_equal(x->VDW, x->Pj);
            for (slong j = 0; j < n && ok; j++)
            {
                fmpq_set(x->t, L->apex + j);
                for (slong l = 0; l < n; l++)
                    fmpq_submul(x->t, fmpq_mat_entry(x->VDW, j, l), L->apex + l);
                ok = fmpq_equal(x->t, x->qj + j);
            }
        }
        if (!ok)
            return rc_error_set(x->err, RELU_E_INTERNAL,
                "internal error: W pi(x) + b differs from relu(W x + b) on sector %ld", (long) R->index);
        L->verified++;
        Pout = x->Pj;
        qout = x->qj;
    }
    if (x->cb != NULL)
    {
        boundary_layer_sector_struct S = { R->P, R->index, R->active, factorises, Pout, qout };
        return x->cb(x->data, &S);
    }
    return 0;
}

/* rank, W+ (full row rank) and W^-1 with the apex (square invertible), each checked */
static int
_boundary_layer_inverses(boundary_layer_t L, const net_layer_struct * lay, rc_error_t err)
{
    const fmpq_mat_struct * W = lay->W;
    slong m = W->r, n = W->c;
    fmpq_mat_t E, G, Gi, Wt, I;
    fmpq_mat_init(E, m, n);
    L->rank = fmpq_mat_rref(E, W);
    fmpq_mat_clear(E);
    L->full_row_rank = L->rank == m;
    L->square_invertible = L->full_row_rank && m == n;
    L->sectors = L->factorising = L->verified = 0;
    int status = RELU_OK;
    if (L->full_row_rank)
    {
        /* W+ = W^T (W W^T)^-1, and W W+ = I */
        fmpq_mat_init(G, m, m);
        fmpq_mat_init(Gi, m, m);
        fmpq_mat_init(Wt, n, m);
        fmpq_mat_init(I, m, m);
        fmpq_mat_transpose(Wt, W);
        fmpq_mat_mul(G, W, Wt);
        if (!fmpq_mat_inv(Gi, G))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: W W^T is singular for full row rank W");
        else
        {
            fmpq_mat_mul(L->Wplus, Wt, Gi);
            fmpq_mat_mul(I, W, L->Wplus);
            if (!fmpq_mat_is_one(I))
                status = rc_error_set(err, RELU_E_INTERNAL, "internal error: W W+ is not the identity");
        }
        fmpq_mat_clear(G);
        fmpq_mat_clear(Gi);
        fmpq_mat_clear(Wt);
        fmpq_mat_clear(I);
    }
    if (status == RELU_OK && L->square_invertible)
    {
        /* dual bases: w_i . v_j = delta_ij; apex x* = -W^-1 b (on every hyperplane) */
        fmpq_mat_init(I, n, n);
        int ok = fmpq_mat_inv(L->Winv, W);
        if (ok)
        {
            fmpq_mat_mul(I, W, L->Winv);
            ok = fmpq_mat_is_one(I) && fmpq_mat_equal(L->Winv, L->Wplus);
        }
        for (slong j = 0; j < n && ok; j++)
        {
            fmpq_zero(L->apex + j);
            for (slong i = 0; i < n; i++)
                fmpq_submul(L->apex + j, fmpq_mat_entry(L->Winv, j, i), lay->b + i);
        }
        for (slong i = 0; i < n && ok; i++)
        {
            fmpq_t z;
            fmpq_init(z);
            fmpq_set(z, lay->b + i);
            for (slong j = 0; j < n; j++)
                fmpq_addmul(z, fmpq_mat_entry(W, i, j), L->apex + j);
            ok = fmpq_is_zero(z);
            fmpq_clear(z);
        }
        fmpq_mat_clear(I);
        if (!ok)
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: inverse, dual bases or apex check failed");
    }
    return status;
}

int
boundary_layer_compute(boundary_layer_t L, const net_t net, slong layer,
                      boundary_layer_sector_callback cb, void * data, rc_error_t err)
{
    if (net_check_no_groups(net, "the layer boundary analysis", err))
        return err->code;
    slong H = net_num_hidden_layers(net);
    if (layer < 1 || layer > H)
    {
        if (H == 0)
            return rc_error_set(err, RELU_E_INPUT, "layer %ld does not exist (the network has no hidden layer)",
                                (long) layer);
        return rc_error_set(err, RELU_E_INPUT, "layer %ld does not exist (hidden layers are 1..%ld)",
                            (long) layer, (long) H);
    }
    const net_layer_struct * lay = net->layers + layer - 1;
    /* the anatomy is of the map h_{k-1} -> relu(W h_{k-1} + b); a shortcut gives the layer more inputs */
    if (lay->nshortcuts > 0)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "layer anatomy: layers with shortcuts are not supported yet (layer %ld has %ld)",
                            (long) layer, (long) lay->nshortcuts);
    const fmpq_mat_struct * W = lay->W;
    slong m = W->r, n = W->c;
    if (L->m != m || L->n != n)
        flint_abort();

    int status = _boundary_layer_inverses(L, lay, err);
    if (status)
        return status;

    /* the layer alone as a network on its input space (the output is irrelevant) */
    slong widths[3] = { n, m, 1 };
    net_t one;
    net_init_shape(one, 2, widths);
    fmpq_mat_set(one->layers[0].W, W);
    for (slong i = 0; i < m; i++)
        fmpq_set(one->layers[0].b + i, lay->b + i);
    poly_t Rn;
    poly_init(Rn, n);
    poly_set_whole(Rn);

    anatomy_ctx x;
    x.L = L;
    x.lay = lay;
    x.cb = cb;
    x.data = data;
    x.err = err;
    fmpq_mat_init(x.D, m, m);
    fmpq_mat_init(x.DW, m, n);
    fmpq_mat_init(x.ImD_W, m, n);
    fmpq_mat_init(x.Pj, n, n);
    fmpq_mat_init(x.WP, m, n);
    fmpq_mat_init(x.aug, m, 2 * n + 1);
    fmpq_mat_init(x.rref, m, 2 * n + 1);
    fmpq_mat_init(x.VDW, n, n);
    x.qj = _fmpq_vec_init(n);
    x.t = _fmpq_vec_init(FLINT_MAX(m, n));
    x.x0 = _fmpq_vec_init(n);

    status = regions_enumerate(one, Rn, _sector, &x);
    if (status == RELU_OK && L->square_invertible && (n >= 62 || L->sectors != (WORD(1) << n)))
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: %ld sectors for invertible W in R^%ld",
                              (long) L->sectors, (long) n);

    fmpq_mat_clear(x.D);
    fmpq_mat_clear(x.DW);
    fmpq_mat_clear(x.ImD_W);
    fmpq_mat_clear(x.Pj);
    fmpq_mat_clear(x.WP);
    fmpq_mat_clear(x.aug);
    fmpq_mat_clear(x.rref);
    fmpq_mat_clear(x.VDW);
    _fmpq_vec_clear(x.qj, n);
    _fmpq_vec_clear(x.t, FLINT_MAX(m, n));
    _fmpq_vec_clear(x.x0, n);
    poly_clear(Rn);
    net_clear(one);
    return status;
}
