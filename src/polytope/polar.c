/* Polar duality of full-dimensional polytopes, verified exactly.

   For a polytope Q with c in its interior, D = { y : (x - c).y <= 1 for x in Q }
   is cut out by one inequality per vertex v_i of Q, (v_i - c).y <= 1, and its
   vertices are w_j = a_j / (b_j - a_j.c) for the facets a_j.x <= b_j of Q
   (b_j - a_j.c > 0 because c is interior). (Ziegler, Lectures on Polytopes,
   2.11-2.14.) We compute D from its inequalities with the engine and then
   check both statements and the reversal of incidence, exactly; the face
   lattices are then anti-isomorphic by F -> { y in D : (x - c).y = 1 on F },
   which polytope_lattice_antiisomorphism checks face by face. */
#include <flint/fmpz_vec.h>
#include "polytope/polytope.h"

int
polytope_polar(polytope_t D, slong * vmap, slong * fmap, const polytope_t Q, const fmpq * c, rc_error_t err)
{
    slong n = Q->n, d = n + 1;
    int status = RELU_OK;
    if (Q->dim != n)
        return rc_error_set(err, RELU_E_UNSUPPORTED,
            "the polar is taken of full-dimensional polytopes; this one has dimension %ld in R^%ld", (long) Q->dim, (long) n);
    if (!polytope_is_bounded(Q))
        return rc_error_set(err, RELU_E_UNSUPPORTED,
            "the polar is taken of bounded polytopes; this polyhedron is unbounded");
    if (!polytope_contains_interior(Q, c))
        return rc_error_set(err, RELU_E_INPUT, "the centre is not an interior point of the polytope");

    fmpq_mat_t A;
    fmpq * b = _fmpq_vec_init(Q->nv);
    fmpq * q = _fmpq_vec_init(d);
    fmpz * h = _fmpz_vec_init(d);
    fmpq_t beta, t;
    fmpq_init(beta);
    fmpq_init(t);
    fmpq_mat_init(A, Q->nv, n);
    for (slong i = 0; i < Q->nv; i++)
    {
        for (slong k = 0; k < n; k++)
            fmpq_sub(fmpq_mat_entry(A, i, k), Q->vert + i * n + k, c + k);
        fmpq_one(b + i);
    }
    if (D->n != n)
    {
        polytope_clear(D);
        polytope_init(D, n);
    }
    status = polytope_set_hrep(D, A, b, err);
    if (status == RELU_OK && (D->dim != n || !polytope_is_bounded(D) || D->m != Q->nv || D->nv != Q->m))
        status = rc_error_set(err, RELU_E_INTERNAL,
            "the polar has %ld facets and %ld vertices, expected %ld and %ld", (long) D->m, (long) D->nv,
            (long) Q->nv, (long) Q->m);
    /* facet i of D from vertex i of Q: primitive form of (1, -(v_i - c)) i.e. (v_i - c).y <= 1 */
    for (slong i = 0; i < Q->nv && status == RELU_OK; i++)
    {
        fmpq_one(q);
        for (slong k = 0; k < n; k++)
            fmpq_neg(q + 1 + k, fmpq_mat_entry(A, i, k));
        poly_vec_from_fmpq(h, q, d);
        vmap[i] = -1;
        for (slong j = 0; j < D->m && vmap[i] < 0; j++)
        {
            int same = fmpz_equal(D->b + j, h);
            for (slong k = 0; k < n && same; k++)
            {
                fmpz_neg(fmpq_numref(t), h + 1 + k);
                same = fmpz_equal(D->A + j * n + k, fmpq_numref(t));
            }
            if (same)
                vmap[i] = j;
        }
        if (vmap[i] < 0)
            status = rc_error_set(err, RELU_E_INTERNAL, "vertex %ld of the polytope gives no facet of the polar", (long) i);
    }
    /* vertex of D from facet j of Q: a_j / (b_j - a_j.c) */
    for (slong j = 0; j < Q->m && status == RELU_OK; j++)
    {
        fmpq_set_fmpz(beta, Q->b + j);
        for (slong k = 0; k < n; k++)
        {
            fmpq_mul_fmpz(t, c + k, Q->A + j * n + k);
            fmpq_sub(beta, beta, t);
        }
        if (fmpq_sgn(beta) <= 0)
            flint_abort();   /* c is interior */
        for (slong k = 0; k < n; k++)
        {
            fmpq_set_fmpz(q + k, Q->A + j * n + k);
            fmpq_div(q + k, q + k, beta);
        }
        fmap[j] = -1;
        for (slong i = 0; i < D->nv && fmap[j] < 0; i++)
        {
            int same = 1;
            for (slong k = 0; k < n && same; k++)
                same = fmpq_equal(D->vert + i * n + k, q + k);
            if (same)
                fmap[j] = i;
        }
        if (fmap[j] < 0)
            status = rc_error_set(err, RELU_E_INTERNAL, "facet %ld of the polytope gives no vertex of the polar", (long) j);
    }
    /* incidence reversed: v_i on facet j of Q  <=>  w_j on facet i of D */
    for (slong i = 0; i < Q->nv && status == RELU_OK; i++)
        for (slong j = 0; j < Q->m && status == RELU_OK; j++)
            if (polytope_incident(Q, i, j) != polytope_incident(D, fmap[j], vmap[i]))
                status = rc_error_set(err, RELU_E_INTERNAL,
                    "incidence not reversed: vertex %ld / facet %ld of the polytope", (long) i, (long) j);

    fmpq_mat_clear(A);
    _fmpq_vec_clear(b, Q->nv);
    _fmpq_vec_clear(q, d);
    _fmpz_vec_clear(h, d);
    fmpq_clear(beta);
    fmpq_clear(t);
    return status;
}

int
polytope_lattice_antiisomorphism(slong * map, const polytope_lattice_t LP, const polytope_lattice_t LD,
                                 const slong * vmap, const slong * fmap, slong dim, rc_error_t err)
{
    if (LP->num != LD->num)
        return rc_error_set(err, RELU_E_INTERNAL, "the polytope has %ld faces, its polar %ld",
                            (long) LP->num, (long) LD->num);
    bword * s = flint_calloc(LD->gw, sizeof(bword));
    bword * fs = flint_calloc(LD->fw, sizeof(bword));
    char * hit = flint_calloc(LD->num, 1);
    int status = RELU_OK;
    for (slong i = 0; i < LP->num && status == RELU_OK; i++)
    {
        /* generators of the image: the D-vertices of the facets containing face i */
        bs_zero(s, LD->gw);
        for (slong j = 0; j < LP->nf; j++)
            if (bs_test(polytope_lattice_facets(LP, i), j))
                bs_set(s, fmap[j]);
        slong k = polytope_lattice_find(LD, s);
        if (k < 0 || hit[k])
            status = rc_error_set(err, RELU_E_INTERNAL, "face %ld of the polytope has no %s image in the polar",
                                  (long) i, k < 0 ? "" : "distinct");
        else
        {
            hit[k] = 1;
            map[i] = k;
            /* its facets: those from the vertices of face i */
            bs_zero(fs, LD->fw);
            for (slong g = 0; g < LP->ng; g++)
                if (bs_test(polytope_lattice_gens(LP, i), g))
                    bs_set(fs, vmap[g]);
            if (!bs_equal(fs, polytope_lattice_facets(LD, k), LD->fw))
                status = rc_error_set(err, RELU_E_INTERNAL, "face %ld: facets of the image are not its vertices", (long) i);
            else if (LD->dim[k] != dim - 1 - LP->dim[i])
                status = rc_error_set(err, RELU_E_INTERNAL, "face %ld of dimension %ld maps to dimension %ld",
                                      (long) i, (long) LP->dim[i], (long) LD->dim[k]);
        }
    }
    /* covering relations reversed */
    for (slong i = 0; i < LP->num && status == RELU_OK; i++)
        for (slong p = LP->down_start[i]; p < LP->down_start[i + 1] && status == RELU_OK; p++)
        {
            slong k = LP->down[p], a = map[k], b = map[i], found = 0;
            for (slong q = LD->down_start[a]; q < LD->down_start[a + 1]; q++)
                found |= LD->down[q] == b;
            if (!found)
                status = rc_error_set(err, RELU_E_INTERNAL, "a covering relation is not reversed by the polar");
        }
    flint_free(s);
    flint_free(fs);
    flint_free(hit);
    return status;
}

void
polytope_polarity_init(polytope_polarity_t R)
{
    polytope_init(R->dual, 0);
    R->vmap = R->fmap = R->map = NULL;
    polytope_lattice_init(R->primal_lattice);
    polytope_lattice_init(R->dual_lattice);
}

void
polytope_polarity_clear(polytope_polarity_t R)
{
    polytope_clear(R->dual);
    flint_free(R->vmap);
    flint_free(R->fmap);
    flint_free(R->map);
    polytope_lattice_clear(R->primal_lattice);
    polytope_lattice_clear(R->dual_lattice);
}

int
polytope_polarity_compute(polytope_polarity_t R, const polytope_t Q, const fmpq * c, rc_error_t err)
{
    R->vmap = flint_realloc(R->vmap, FLINT_MAX(Q->nv, 1) * sizeof(slong));
    R->fmap = flint_realloc(R->fmap, FLINT_MAX(Q->m, 1) * sizeof(slong));
    int status = polytope_polar(R->dual, R->vmap, R->fmap, Q, c, err);
    if (status == RELU_OK)
        status = polytope_verify_cdd(R->dual, err);
    if (status != RELU_OK)
        return status;
    polytope_lattice_compute(R->primal_lattice, Q);
    polytope_lattice_compute(R->dual_lattice, R->dual);
    R->map = flint_realloc(R->map, R->primal_lattice->num * sizeof(slong));
    return polytope_lattice_antiisomorphism(R->map, R->primal_lattice, R->dual_lattice,
                                            R->vmap, R->fmap, Q->dim, err);
}
