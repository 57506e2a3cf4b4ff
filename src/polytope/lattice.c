/* The face lattice of a polyhedron, with the empty face, the Hasse diagram,
   flags and the flag f-vector.

   Nonempty faces come from the incidence (poly_faces_compute: faces of the
   homogenised cone that contain a vertex). Ordered by inclusion they form,
   with the empty face added, a lattice graded by rank = dim for nonempty faces
   and rank = (dimension of the lineality space) - 1 for the empty face; so a
   face covers another exactly when it contains it and has rank one higher.
   The facets containing a face are those tight at all its generators (all
   facets for the empty face). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "polytope/polytope.h"

void
polytope_lattice_init(polytope_lattice_t F)
{
    F->num = F->ng = F->nf = F->gw = F->fw = F->maxdim = 0;
    F->gens = F->facets = NULL;
    F->dim = F->down_start = F->down = F->up_start = F->up = NULL;
}

void
polytope_lattice_clear(polytope_lattice_t F)
{
    flint_free(F->gens);
    flint_free(F->facets);
    flint_free(F->dim);
    flint_free(F->down_start);
    flint_free(F->down);
    flint_free(F->up_start);
    flint_free(F->up);
    polytope_lattice_init(F);
}

typedef struct
{
    const bword * sets;
    const slong * dim;
    slong gw, ng;
}
_face_order_ctx;

/* by dimension, then by the sorted list of generator indices (lexicographic) */
static int
_cmp_face(const void * pa, const void * pb, void * vctx)
{
    const _face_order_ctx * c = vctx;
    slong a = *(const slong *) pa, b = *(const slong *) pb;
    if (c->dim[a] != c->dim[b])
        return c->dim[a] < c->dim[b] ? -1 : 1;
    const bword * A = c->sets + a * c->gw, * B = c->sets + b * c->gw;
    for (slong w = 0; w < c->gw; w++)
        if (A[w] != B[w])
        {
            /* the first index in which they differ: the list holding it comes first */
            int bit = __builtin_ctzll(A[w] ^ B[w]);
            return (A[w] >> bit) & 1 ? -1 : 1;
        }
    return 0;
}

/* The facets containing a face (bit j: facet j, constraint j + 1): those tight at
   all its generators, the AND of their incidence rows (all facets for the empty face). */
static void
_face_facets(bword * fs, const bword * gens, const poly_struct * P, slong m, bword * tight)
{
    for (slong w = 0; w < P->cw; w++)
        tight[w] = ~(bword) 0;
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(gens, g))
            for (slong w = 0; w < P->cw; w++)
                tight[w] &= poly_inc(P, g)[w];
    for (slong j = 0; j < m; j++)
        if (bs_test(tight, j + 1))
            bs_set(fs, j);
}

static int
_cmp_pair(const void * a, const void * b)
{
    const slong * x = a, * y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) : 0);
}

/* The covering pairs (i covers k: rank one higher and k's generators inside i's),
   sorted by (i, k). A face k of rank r is tested only against the faces of rank
   r + 1 that hold one generator g of k (the one in fewest of them), not against
   every face: the all-pairs test was quadratic in the number of faces. The empty
   face (no generator) is covered by every face of the rank above it. */
static slong *
_hasse_pairs(slong * cnt, const polytope_lattice_struct * F, const slong * rank)
{
    slong num = F->num, G = F->ng, gw = F->gw, cap = 16, rmin = WORD_MAX, rmax = WORD_MIN;
    slong * pairs = flint_malloc(2 * cap * sizeof(slong));
    for (slong i = 0; i < num; i++)
        rmin = FLINT_MIN(rmin, rank[i]), rmax = FLINT_MAX(rmax, rank[i]);
    slong nr = num > 0 ? rmax - rmin + 1 : 0;
    /* lists[r][g]: the faces of rank rmin + r holding generator g (CSR) */
    slong * start = flint_calloc(nr * G + 1, sizeof(slong)), * fill, * list;
    for (slong i = 0; i < num; i++)
        for (slong g = 0; g < G; g++)
            if (bs_test(F->gens + i * gw, g))
                start[(rank[i] - rmin) * G + g + 1]++;
    for (slong t = 0; t < nr * G; t++)
        start[t + 1] += start[t];
    fill = flint_calloc(FLINT_MAX(nr * G, 1), sizeof(slong));
    list = flint_malloc(FLINT_MAX(start[nr * G], 1) * sizeof(slong));
    for (slong i = 0; i < num; i++)
        for (slong g = 0; g < G; g++)
            if (bs_test(F->gens + i * gw, g))
            {
                slong t = (rank[i] - rmin) * G + g;
                list[start[t] + fill[t]++] = i;
            }
    *cnt = 0;
    for (slong k = 0; k < num; k++)
    {
        slong up = rank[k] + 1 - rmin, best = -1, len = WORD_MAX;
        if (up >= nr)
            continue;
        for (slong g = 0; g < G; g++)
            if (bs_test(F->gens + k * gw, g) && start[up * G + g + 1] - start[up * G + g] < len)
                best = g, len = start[up * G + g + 1] - start[up * G + g];
        slong a = best >= 0 ? start[up * G + best] : 0, b = best >= 0 ? a + len : num;
        for (slong t = a; t < b; t++)
        {
            slong i = best >= 0 ? list[t] : t;
            if (rank[i] != rank[k] + 1 || !bs_subset(F->gens + k * gw, F->gens + i * gw, gw))
                continue;
            if (*cnt == cap)
            {
                cap *= 2;
                pairs = flint_realloc(pairs, 2 * cap * sizeof(slong));
            }
            pairs[2 * *cnt] = i;
            pairs[2 * *cnt + 1] = k;
            (*cnt)++;
        }
    }
    qsort(pairs, *cnt, 2 * sizeof(slong), _cmp_pair);
    flint_free(start);
    flint_free(fill);
    flint_free(list);
    return pairs;
}

void
polytope_lattice_compute(polytope_lattice_t F, const polytope_t Q)
{
    const poly_struct * P = Q->P;
    slong G = P->ngens, m = P->ncons - 1, gw = FLINT_MAX(BS_WORDS(G), 1), fw = FLINT_MAX(BS_WORDS(m), 1);
    poly_faces_t PF;
    polytope_lattice_clear(F);
    poly_faces_init(PF);
    poly_faces_compute(PF, P);

    slong num = PF->num + 1;
    bword * sets = flint_calloc(num * gw, sizeof(bword));
    slong * dim = flint_malloc(num * sizeof(slong));
    dim[0] = -1;
    for (slong i = 0; i < PF->num; i++)
    {
        bs_copy(sets + (i + 1) * gw, poly_faces_set(PF, i), PF->gw);
        dim[i + 1] = PF->dim[i];
    }
    slong * order = flint_malloc(num * sizeof(slong));
    for (slong i = 0; i < num; i++)
        order[i] = i;
    _face_order_ctx ctx = { sets, dim, gw, G };
    qsort_r(order, num, sizeof(slong), _cmp_face, &ctx);

    F->num = num;
    F->ng = G;
    F->nf = m;
    F->gw = gw;
    F->fw = fw;
    F->maxdim = Q->dim;
    F->gens = flint_calloc(num * gw, sizeof(bword));
    F->facets = flint_calloc(num * fw, sizeof(bword));
    F->dim = flint_malloc(num * sizeof(slong));
    bword * tight = flint_malloc(FLINT_MAX(P->cw, 1) * sizeof(bword));
    for (slong i = 0; i < num; i++)
    {
        bs_copy(F->gens + i * gw, sets + order[i] * gw, gw);
        F->dim[i] = dim[order[i]];
        _face_facets(F->facets + i * fw, F->gens + i * gw, P, m, tight);
    }
    flint_free(tight);

    /* Hasse diagram */
    slong * rank = flint_malloc(num * sizeof(slong));
    for (slong i = 0; i < num; i++)
        rank[i] = F->dim[i] < 0 ? P->nlin - 1 : F->dim[i];
    slong cnt = 0;
    slong * pairs = _hasse_pairs(&cnt, F, rank);     /* (upper, lower), sorted */
    F->down_start = flint_calloc(num + 1, sizeof(slong));
    F->up_start = flint_calloc(num + 1, sizeof(slong));
    F->down = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
    F->up = flint_malloc(FLINT_MAX(cnt, 1) * sizeof(slong));
    for (slong p = 0; p < cnt; p++)
    {
        F->down_start[pairs[2 * p] + 1]++;
        F->up_start[pairs[2 * p + 1] + 1]++;
    }
    for (slong i = 0; i < num; i++)
    {
        F->down_start[i + 1] += F->down_start[i];
        F->up_start[i + 1] += F->up_start[i];
    }
    slong * fill_d = flint_calloc(num, sizeof(slong)), * fill_u = flint_calloc(num, sizeof(slong));
    /* pairs are generated in increasing (upper, lower) order, so lists come out sorted */
    for (slong p = 0; p < cnt; p++)
    {
        slong i = pairs[2 * p], k = pairs[2 * p + 1];
        F->down[F->down_start[i] + fill_d[i]++] = k;
    }
    /* in (upper, lower) order, each lower face's uppers come in increasing order */
    for (slong p = 0; p < cnt; p++)
    {
        slong i = pairs[2 * p], k = pairs[2 * p + 1];
        F->up[F->up_start[k] + fill_u[k]++] = i;
    }

    flint_free(fill_d);
    flint_free(fill_u);
    flint_free(pairs);
    flint_free(rank);
    flint_free(order);
    flint_free(sets);
    flint_free(dim);
    poly_faces_clear(PF);
}

slong
polytope_lattice_find(const polytope_lattice_t F, const bword * gens)
{
    for (slong i = 0; i < F->num; i++)
        if (bs_equal(F->gens + i * F->gw, gens, F->gw))
            return i;
    return -1;
}

void
polytope_lattice_flags(fmpz_t r, const polytope_lattice_t F)
{
    /* faces come ordered by dimension, so lower faces are done first */
    fmpz * c = _fmpz_vec_init(F->num);
    fmpz_one(c + 0);
    for (slong i = 1; i < F->num; i++)
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            fmpz_add(c + i, c + i, c + F->down[p]);
    fmpz_set(r, c + F->num - 1);
    _fmpz_vec_clear(c, F->num);
}

void
polytope_lattice_flag_fvector(fmpz * r, const polytope_lattice_t F)
{
    slong d = F->maxdim, num = F->num;
    fmpz * c = _fmpz_vec_init(num);
    for (slong S = 0; S < (WORD(1) << d); S++)
    {
        /* chains with dimensions exactly S, counted upwards */
        slong prev = -1;
        _fmpz_vec_zero(c, num);
        for (slong i = 0; i < num; i++)
            if (F->dim[i] == -1)
                fmpz_one(c + i);
        for (slong k = 0; k < d; k++)
        {
            if (!((S >> k) & 1))
                continue;
            for (slong i = 0; i < num; i++)
            {
                if (F->dim[i] != k)
                    continue;
                for (slong j = 0; j < num; j++)
                    if (F->dim[j] == prev && bs_subset(F->gens + j * F->gw, F->gens + i * F->gw, F->gw))
                        fmpz_add(c + i, c + i, c + j);
            }
            prev = k;
        }
        fmpz_zero(r + S);
        for (slong i = 0; i < num; i++)
            if (F->dim[i] == prev)
                fmpz_add(r + S, r + S, c + i);
    }
    _fmpz_vec_clear(c, num);
}

static void
_write_index_set(jout_t out, const bword * s, slong from, slong to, slong shift)
{
    jout_begin_array(out);
    for (slong i = from; i < to; i++)
        if (bs_test(s, i))
            jout_int(out, i - shift);
    jout_end_array(out);
}

void
polytope_lattice_write_json(jout_t out, const polytope_t Q, const polytope_lattice_t F)
{
    fmpz_t flags;
    fmpz_init(flags);
    jout_key(out, "faces");
    jout_begin_array(out);
    for (slong i = 0; i < F->num; i++)
    {
        jout_begin_object(out);
        jout_key(out, "index");
        jout_int(out, i);
        jout_key(out, "dim");
        jout_int(out, F->dim[i]);
        jout_key(out, "vertices");
        _write_index_set(out, polytope_lattice_gens(F, i), 0, Q->nv, 0);
        jout_key(out, "rays");
        _write_index_set(out, polytope_lattice_gens(F, i), Q->nv, Q->nv + Q->nr, Q->nv);
        jout_key(out, "facets");
        _write_index_set(out, polytope_lattice_facets(F, i), 0, F->nf, 0);
        jout_key(out, "covers");
        jout_begin_array(out);
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            jout_int(out, F->down[p]);
        jout_end_array(out);
        jout_key(out, "covered_by");
        jout_begin_array(out);
        for (slong p = F->up_start[i]; p < F->up_start[i + 1]; p++)
            jout_int(out, F->up[p]);
        jout_end_array(out);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_key(out, "hasse");
    jout_int(out, F->down_start[F->num]);
    polytope_lattice_flags(flags, F);
    jout_key(out, "flags");
    jout_fmpz(out, flags);
    if (F->maxdim <= 10)
    {
        slong d = F->maxdim;
        fmpz * r = _fmpz_vec_init(WORD(1) << d);
        polytope_lattice_flag_fvector(r, F);
        jout_key(out, "flag_fvector");
        jout_begin_array(out);
        for (slong S = 0; S < (WORD(1) << d); S++)
        {
            jout_begin_object(out);
            jout_key(out, "dims");
            jout_begin_array(out);
            for (slong k = 0; k < d; k++)
                if ((S >> k) & 1)
                    jout_int(out, k);
            jout_end_array(out);
            jout_key(out, "count");
            jout_fmpz(out, r + S);
            jout_end_object(out);
        }
        jout_end_array(out);
        _fmpz_vec_clear(r, WORD(1) << d);
    }
    slong chi = 0;
    for (slong i = 1; i < F->num; i++)
        chi += F->dim[i] % 2 ? -1 : 1;
    jout_key(out, "euler");
    jout_int(out, chi);
    fmpz_clear(flags);
}

