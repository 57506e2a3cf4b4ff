/* Regions as JSON objects (the keys of INTERFACE.md, plus sources and lineality). */
#define _GNU_SOURCE
#include <stdlib.h>
#include "regions/regions.h"

void
region_pattern_str(char * buf, const region_struct * R)
{
    for (slong k = 0; k < R->N; k++)
        buf[k] = R->active[k] ? '1' : '0';
    buf[R->N] = '\0';
}

/* Vertices before rays; vertices by their rational coordinates, rays by entries. */

/* The "sources" of m inequality rows: the neuron's index, or "domain k". One
   writer for both engines' records. */
static void
_write_sources(jout_t out, const slong * src, slong m, slong N)
{
    jout_begin_array(out);
    for (slong j = 0; j < m; j++)
    {
        char buf[48];
        if (POLY_SRC_IS_DOMAIN(src[j]) || (N >= 0 && src[j] >= N))
        {
            if (POLY_SRC_IS_DOMAIN(src[j]))
                snprintf(buf, sizeof(buf), "domain %ld", (long) POLY_SRC_DOMAIN_ROW(src[j]));
            else
                snprintf(buf, sizeof(buf), "class %ld", (long) (src[j] - N));
            jout_string(out, buf);
        }
        else
            jout_int(out, src[j]);
    }
    jout_end_array(out);
}

void
region_write_sources_json(jout_t out, const slong * src, slong m)
{
    _write_sources(out, src, m, -1);
}

static int
_cmp_gens(const void * pa, const void * pb, void * ctx)
{
    const poly_struct * P = ctx;
    const fmpz * a = poly_gen(P, *(const slong *) pa), * b = poly_gen(P, *(const slong *) pb);
    int va = !fmpz_is_zero(a), vb = !fmpz_is_zero(b);
    if (va != vb)
        return vb - va;
    fmpz_t l, r;
    fmpz_init(l);
    fmpz_init(r);
    int c = 0;
    for (slong k = 1; k <= P->n && c == 0; k++)
    {
        if (va)
        {
            fmpz_mul(l, a + k, b);
            fmpz_mul(r, b + k, a);
            c = fmpz_cmp(l, r);
        }
        else
            c = fmpz_cmp(a + k, b + k);
    }
    fmpz_clear(l);
    fmpz_clear(r);
    return c;
}

static void
_write_generators(jout_t out, const poly_struct * P)
{
    slong n = P->n;
    slong * order = flint_malloc(FLINT_MAX(P->ngens, 1) * sizeof(slong));
    fmpq * x = _fmpq_vec_init(n);
    for (slong i = 0; i < P->ngens; i++)
        order[i] = i;
    qsort_r(order, P->ngens, sizeof(slong), _cmp_gens, (void *) P);

    jout_key(out, "vertices");
    jout_begin_array(out);
    for (slong i = 0; i < P->ngens; i++)
        if (poly_gen_is_vertex(P, order[i]))
        {
            poly_gen_get_fmpq(x, P, order[i]);
            jout_fmpq_vec(out, x, n);
        }
    jout_end_array(out);
    jout_key(out, "rays");
    jout_begin_array(out);
    for (slong i = 0; i < P->ngens; i++)
        if (!poly_gen_is_vertex(P, order[i]))
            jout_fmpz_vec(out, poly_gen(P, order[i]) + 1, n);
    jout_end_array(out);
    if (P->nlin > 0)
    {
        jout_key(out, "lineality");
        jout_begin_array(out);
        for (slong i = 0; i < P->nlin; i++)
            jout_fmpz_vec(out, poly_lin(P, i) + 1, n);
        jout_end_array(out);
    }
    _fmpq_vec_clear(x, n);
    flint_free(order);
}

static void
_write_inequalities(jout_t out, const poly_struct * P, slong N)
{
    slong n = P->n, d = n + 1;
    fmpz_t t;
    fmpz_init(t);
    /* c + a.x >= 0  <=>  (-a).x <= c */
    jout_key(out, "inequalities");
    jout_begin_object(out);
    jout_key(out, "A");
    jout_begin_array(out);
    for (slong j = 1; j < P->ncons; j++)
    {
        jout_begin_array(out);
        for (slong k = 1; k < d; k++)
        {
            fmpz_neg(t, poly_con(P, j) + k);
            jout_fmpz(out, t);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    jout_key(out, "b");
    jout_begin_array(out);
    for (slong j = 1; j < P->ncons; j++)
        jout_fmpz(out, poly_con(P, j));
    jout_end_array(out);
    jout_key(out, "sources");
    _write_sources(out, P->src + 1, P->ncons - 1, N);
    jout_end_object(out);
    fmpz_clear(t);
}

void
region_write_polyhedron_json(jout_t out, const poly_t P, slong N)
{
    _write_inequalities(out, P, N);
    _write_generators(out, P);
}

void
region_write_affine_json(jout_t out, const net_t net, const unsigned char * active)
{
    slong n = net->input_dim, m = net_num_outputs(net);
    fmpq_mat_t M;
    fmpq * c = _fmpq_vec_init(m);
    fmpq_mat_init(M, m, n);
    net_affine_of_pattern(M, c, net, active);
    jout_key(out, "affine");
    jout_begin_object(out);
    jout_key(out, "W");
    jout_begin_array(out);
    for (slong i = 0; i < m; i++)
        jout_fmpq_vec(out, M->rows[i], n);
    jout_end_array(out);
    jout_key(out, "c");
    jout_fmpq_vec(out, c, m);
    jout_end_object(out);
    fmpq_mat_clear(M);
    _fmpq_vec_clear(c, m);
}

void
region_write_json(jout_t out, const net_t net, const region_struct * R, const slong * fvec)
{
    const poly_struct * P = R->P;
    slong n = P->n;
    char * pat = flint_malloc(R->N + 1);
    fmpq * x = _fmpq_vec_init(n);

    region_pattern_str(pat, R);
    jout_begin_object(out);
    jout_key(out, "index");
    jout_int(out, R->index);
    jout_key(out, "pattern");
    jout_string(out, pat);
    jout_key(out, "interior_point");
    poly_interior_point(x, P);
    jout_fmpq_vec(out, x, n);
    region_write_polyhedron_json(out, P, -1);
    jout_key(out, "bounded");
    jout_bool(out, poly_is_bounded(P));
    region_write_affine_json(out, net, R->active);
    jout_key(out, "facets");
    jout_int(out, poly_num_facets(P));
    if (fvec != NULL)
    {
        jout_key(out, "fvector");
        jout_begin_array(out);
        for (slong k = 0; k <= n; k++)
            jout_int(out, fvec[k]);
        jout_end_array(out);
    }
    jout_end_object(out);
    _fmpq_vec_clear(x, n);
    flint_free(pat);
}
