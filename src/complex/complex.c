#include <string.h>
#include <flint/fmpz_vec.h>
#include "complex/complex.h"


void
complex_init(complex_t C, const poly_t domain, slong N, int check)
{
    slong n = domain->n, d = n + 1;
    C->n = n;
    C->N = N;
    C->center = _fmpz_vec_init(d);
    poly_interior_point_homog(C->center, domain);
    C->centerd = flint_malloc(d * sizeof(double));
    poly_vec_get_d(C->centerd, C->center, d);
    C->ndom = domain->ncons - 1;
    C->dom = _fmpz_vec_init(FLINT_MAX(C->ndom, 1) * d);
    _fmpz_vec_set(C->dom, domain->cons + d, C->ndom * d);
    C->domd = flint_malloc(FLINT_MAX(C->ndom, 1) * d * sizeof(double));
    poly_vec_get_d(C->domd, C->dom, C->ndom * d);
    C->domain_euler = poly_euler_char(domain);
    C->fvec = flint_calloc(d, sizeof(slong));
    C->regions = C->bounded = C->relatively_bounded = C->interior = 0;
    C->hist_len = 0;
    C->hist = NULL;
    C->facet_sum = 0;
    C->check = check;
    bsset_init(C->signs, BS_WORDS(2 * N + C->ndom));
    C->sign_dims = NULL;
    C->sign_alloc = 0;
    poly_faces_init(C->faces);
    C->ws = NULL;
    C->ws_alloc = 0;
    C->filter = -1;
    C->filter_len = 0;
    C->filter_masks = NULL;
}

void
complex_set_filter_signs(complex_t C, slong first, slong len, const int * masks)
{
    C->filter = first;
    C->filter_len = len;
    C->filter_masks = flint_realloc(C->filter_masks, FLINT_MAX(len, 1) * sizeof(int));
    memcpy(C->filter_masks, masks, len * sizeof(int));
}

void
complex_set_filter(complex_t C, slong k, int mask)
{
    complex_set_filter_signs(C, k, 1, &mask);
}

int
complex_face_sign(const complex_t C, const region_struct * R, slong k, const bword * face)
{
    const poly_struct * P = R->P;
    slong gw = BS_WORDS(P->ngens);
    int s = R->sign[k];
    if (s == 0)
        return 0;
    bword * z = flint_malloc(FLINT_MAX(gw, 1) * sizeof(bword));
    if (poly_zero_set(z, P, R->zrows + k * (C->n + 1)) && bs_subset(face, z, gw))
        s = 0;
    flint_free(z);
    return s;
}

int
complex_filter_pass(const complex_t C, const region_struct * R, const bword * face)
{
    if (C->filter < 0)
        return 1;
    for (slong j = 0; j < C->filter_len; j++)
    {
        int s = complex_face_sign(C, R, C->filter + j, face);
        if (!((C->filter_masks[j] >> (s + 1)) & 1))
            return 0;
    }
    return 1;
}

void
complex_clear(complex_t C)
{
    slong d = C->n + 1;
    _fmpz_vec_clear(C->center, d);
    _fmpz_vec_clear(C->dom, FLINT_MAX(C->ndom, 1) * d);
    flint_free(C->domd);
    flint_free(C->fvec);
    flint_free(C->hist);
    bsset_clear(C->signs);
    flint_free(C->sign_dims);
    flint_free(C->filter_masks);
    poly_faces_clear(C->faces);
    flint_free(C->centerd);
    flint_free(C->ws);
}

/* Does region R count faces through neuron k's hyperplane? (see complex.h) */
static int
_owner_side(const complex_t C, const fmpz * z, const double * zd, int s, fmpz_t v)
{
    int e = poly_vec_dot_sgn(z, zd, C->center, C->centerd, C->n + 1, v);
    if (e != 0)
        return s * e > 0;
    return s * poly_vec_lex_sign(z + 1, C->n) > 0;
}

void
complex_key_tie_groups(bword * key, slong N, const region_struct * R, int plus)
{
    for (slong k = 0; k < N && R->group != NULL; k++)
    {
        if (R->group[k] < 0 || R->sign[k] <= 0)
            continue;
        slong g0 = R->group[k];
        int tied = 0;
        for (slong j = g0; j < N && R->group[j] == g0 && !tied; j++)
            tied = (j != k && !bs_test(key, 2 * j) && !bs_test(key, 2 * j + 1));
        if (tied)
            bs_unset(key, 2 * k + plus);
    }
}

/* Sign vector of a face: 2 bits per neuron (+ or -; both clear for 0), then one
   bit per domain facet (set when the face is off that facet). */
static void
_face_key(bword * key, const complex_t C, const region_struct * R, const bword * face,
          const bword * zsets, const char * zvalid, const bword * dsets)
{
    slong gw = BS_WORDS(R->P->ngens);
    bs_zero(key, C->signs->w);
    for (slong k = 0; k < C->N; k++)
    {
        int s = R->sign[k];
        if (s != 0 && zvalid[k] && bs_subset(face, zsets + k * gw, gw))
            s = 0;
        if (s > 0) bs_set(key, 2 * k);
        if (s < 0) bs_set(key, 2 * k + 1);
    }
    complex_key_tie_groups(key, C->N, R, 0);
    for (slong i = 0; i < C->ndom; i++)
        if (!bs_subset(face, dsets + i * gw, gw))
            bs_set(key, 2 * C->N + i);
}

/* Zero sets of every neuron on R's polyhedron (N rows of BS_WORDS(ngens) words,
   zvalid[k] set where computed): only the neurons near R can vanish on a face
   (region_struct: every other one vanishes at no vertex of the closed region).
   The others are left empty: their true zero sets hold no vertex (rays at
   most), and a face always holds one, so no test "face inside the zero set"
   changes. */
static void
_complex_zero_sets(bword * zsets, char * zvalid, const region_struct * R, slong d)
{
    const poly_struct * P = R->P;
    slong gw = BS_WORDS(P->ngens), nk = (R->near != NULL) ? R->nnear : R->N;
    for (slong i = 0; i < nk; i++)
    {
        slong k = (R->near != NULL) ? R->near[i] : i;
        if (R->sign[k] != 0)
            zvalid[k] = poly_zero_set(zsets + k * gw, P, R->zrows + k * d);
    }
}

/* The check of --check-faces: every face's sign vector over all N neurons, from
   zero sets of all N neurons (not only the near ones the local count uses). */
static void
_check_faces(complex_t C, const region_struct * R, const bword * dsets)
{
    const poly_struct * P = R->P;
    slong d = C->n + 1, gw = BS_WORDS(P->ngens), N = C->N;
    bword * zsets = flint_calloc(FLINT_MAX(N * gw, 1), sizeof(bword));
    char * zvalid = flint_calloc(FLINT_MAX(N, 1), 1);
    for (slong k = 0; k < N; k++)
        if (R->sign[k] != 0)
            zvalid[k] = poly_zero_set(zsets + k * gw, P, R->zrows + k * d);
    slong kw = C->signs->w;
    bword * key = flint_malloc(FLINT_MAX(kw, 1) * sizeof(bword));
    for (slong f = 0; f < C->faces->num; f++)
    {
        const bword * face = poly_faces_set(C->faces, f);
        if (!complex_filter_pass(C, R, face))
            continue;
        _face_key(key, C, R, face, zsets, zvalid, dsets);
        int is_new;
        slong idx = bsset_insert(C->signs, key, &is_new);
        if (is_new)
        {
            if (idx >= C->sign_alloc)
            {
                C->sign_alloc = FLINT_MAX(64, 2 * C->sign_alloc);
                C->sign_dims = flint_realloc(C->sign_dims, C->sign_alloc * sizeof(slong));
            }
            C->sign_dims[idx] = C->faces->dim[f];
        }
        else if (C->sign_dims[idx] != C->faces->dim[f])
            C->sign_dims[idx] = -1;   /* one sign vector, two dimensions: reported by finish */
    }
    flint_free(key);
    flint_free(zsets);
    flint_free(zvalid);
}

bword *
complex_region_face_keys(char ** selected_out, complex_t C, const region_struct * R)
{
    const poly_struct * P = R->P;
    slong d = C->n + 1, gw = BS_WORDS(P->ngens), N = C->N, kw = C->signs->w;
    bword * zsets = flint_calloc(FLINT_MAX(N * gw, 1), sizeof(bword));
    char * zvalid = flint_calloc(FLINT_MAX(N, 1), 1);
    bword * dsets = flint_calloc(FLINT_MAX(C->ndom * gw, 1), sizeof(bword));
    poly_faces_compute(C->faces, P);
    bword * keys = flint_malloc(FLINT_MAX(C->faces->num * kw, 1) * sizeof(bword));
    char * selected = flint_malloc(FLINT_MAX(C->faces->num, 1));
    _complex_zero_sets(zsets, zvalid, R, d);
    for (slong i = 0; i < C->ndom; i++)
        poly_zero_set(dsets + i * gw, P, C->dom + i * d);
    for (slong f = 0; f < C->faces->num; f++)
    {
        const bword * face = poly_faces_set(C->faces, f);
        selected[f] = complex_filter_pass(C, R, face);
        _face_key(keys + f * kw, C, R, face, zsets, zvalid, dsets);
    }
    flint_free(zsets);
    flint_free(zvalid);
    flint_free(dsets);
    *selected_out = selected;
    return keys;
}

/* the region itself (an n-face: every neuron keeps the sign of the region) */
static int
_region_selected(const complex_t C, const region_struct * R)
{
    for (slong j = 0; C->filter >= 0 && j < C->filter_len; j++)
        if (!((C->filter_masks[j] >> (R->sign[C->filter + j] + 1)) & 1))
            return 0;
    return 1;
}

/* The zero set of neuron k on R's polyhedron: where k's hyperplane is one of
   its constraints (a facet of the region, the usual case), the generators on
   it, read off the incidence; else by signs of dot products (the filter of
   poly_zero_set_filtered, exact where it is not sure). */
static int
_complex_zero_set(bword * set, const region_struct * R, slong k, slong d)
{
    const poly_struct * P = R->P;
    for (slong j = 0; j < P->ncons; j++)
        if (P->src[j] == k)
        {
            bs_zero(set, BS_WORDS(P->ngens));
            for (slong g = 0; g < P->ngens; g++)
                if (bs_test(poly_inc(P, g), j))
                    bs_set(set, g);
            return 1;
        }
    return poly_zero_set_filtered(set, P, R->D, R->zrows + k * d, R->zd == NULL ? NULL : R->zd + k * d);
}

/* Does a neuron's hyperplane keep region R from owning some of its faces? (The
   local rule of complex.h: a face on the hyperplane of neuron k belongs to
   the side _owner_side picks.) Only neurons near R can contain a face (the
   zero set of any other holds no vertex, and a face holds one); for each of
   them, bad[i] and its zero set (nk = number of them). */
static slong
_complex_bad_sets(bword * zsets, char * zvalid, char * bad, const complex_t C, const region_struct * R)
{
    const poly_struct * P = R->P;
    slong d = C->n + 1, gw = BS_WORDS(P->ngens), nk = (R->near != NULL) ? R->nnear : R->N;
    fmpz_t v;
    fmpz_init(v);
    for (slong i = 0; i < nk; i++)
    {
        slong k = (R->near != NULL) ? R->near[i] : i;
        const fmpz * z = R->zrows + k * d;
        if (R->sign[k] == 0)
            continue;
        bad[i] = !_owner_side(C, z, R->zd == NULL ? NULL : R->zd + k * d, R->sign[k], v);
        if (bad[i])
            zvalid[i] = _complex_zero_set(zsets + i * gw, R, k, d);
    }
    fmpz_clear(v);
    return nk;
}

/* Does some vertex of R lie on the domain's boundary? (stops at the first;
   signs through the filter of poly_gen_sgn) */
static int
_complex_touches(const complex_t C, const region_struct * R)
{
    const poly_struct * P = R->P;
    slong d = C->n + 1;
    fmpz_t v;
    fmpz_init(v);
    int touches = 0;
    /* a facet on the boundary holds a vertex, read off the incidence */
    for (slong j = 1; j < P->ncons && !touches; j++)
    {
        if (!POLY_SRC_IS_DOMAIN(P->src[j]))
            continue;
        for (slong g = 0; g < P->ngens && !touches; g++)
            touches = poly_gen_is_vertex(P, g) && bs_test(poly_inc(P, g), j);
    }
    /* else each domain facet's row at the vertices, unless the region's box
       proves it nonzero on all of them */
    const poly_dgens_struct * D = R->D;
    int box = (D != NULL && D->box && D->n == P->n && D->ngens == P->ngens);
    for (slong i = 0; i < C->ndom && !touches; i++)
    {
        if (box && poly_dgens_box_sgn(D, C->domd + i * d) != 0)
            continue;
        for (slong g = 0; g < P->ngens && !touches; g++)
            touches = poly_gen_is_vertex(P, g) && poly_gen_sgn(P, D, g, C->dom + i * d, C->domd + i * d, v) == 0;
    }
    fmpz_clear(v);
    return touches;
}

/* The faces R owns, counted without their sets: those inside no zero set of
   a bad neuron (the local rule of complex.h), by poly_faces_count. */
static void
_complex_count_owned(complex_t C, slong * region_fvec, const region_struct * R, const bword * zsets,
                     const char * zvalid, const char * bad, slong nk, bword * Z, slong * owned)
{
    const poly_struct * P = R->P;
    slong n = C->n, gw = BS_WORDS(P->ngens), nz = 0;
    for (slong i = 0; i < nk; i++)
        if (bad[i] && zvalid[i])
            bs_copy(Z + (nz++) * gw, zsets + i * gw, gw);
    poly_faces_count_d(region_fvec, owned, P, R->D, Z, nz);
    for (slong k = 0; k <= n; k++)
        C->fvec[k] += owned[k];
}

/* The same count through every face's set, for a sign filter (level sets). */
static void
_complex_count_filtered(complex_t C, slong * region_fvec, const region_struct * R,
                        const bword * zsets, const char * zvalid, const char * bad, slong nk)
{
    slong gw = BS_WORDS(R->P->ngens);
    if (region_fvec != NULL)
        for (slong k = 0; k <= C->n; k++)
            region_fvec[k] = 0;
    poly_faces_compute(C->faces, R->P);
    for (slong f = 0; f < C->faces->num; f++)
    {
        const bword * face = poly_faces_set(C->faces, f);
        slong dim = C->faces->dim[f];
        if (!complex_filter_pass(C, R, face))
            continue;
        int owned = 1;
        for (slong i = 0; i < nk && owned; i++)
            if (bad[i] && zvalid[i] && bs_subset(face, zsets + i * gw, gw))
                owned = 0;
        C->fvec[dim] += owned;
        if (region_fvec != NULL)
            region_fvec[dim]++;
    }
}

void
complex_add_region(complex_t C, slong * region_fvec, const region_struct * R)
{
    const poly_struct * P = R->P;
    slong d = C->n + 1, gw = BS_WORDS(P->ngens);
    slong nk = (R->near != NULL) ? R->nnear : R->N, nw = FLINT_MAX(nk * gw, 1);
    /* scratch, one block kept by C: zero sets, a copy of the bad ones, the
       owned counts, then the flags */
    slong bytes = (2 * nw + C->n + 1) * sizeof(bword) + 2 * FLINT_MAX(nk, 1);
    if (bytes > C->ws_alloc)
    {
        C->ws_alloc = FLINT_MAX(bytes, 2 * C->ws_alloc);
        C->ws = flint_realloc(C->ws, C->ws_alloc);
    }
    bword * zsets = (bword *) C->ws, * Z = zsets + nw;
    slong * owned = (slong *) (Z + nw);
    char * zvalid = (char *) (owned + C->n + 1), * bad = zvalid + FLINT_MAX(nk, 1);
    memset(zsets, 0, nw * sizeof(bword));
    memset(zvalid, 0, 2 * FLINT_MAX(nk, 1));

    _complex_bad_sets(zsets, zvalid, bad, C, R);
    if (C->filter < 0)
        _complex_count_owned(C, region_fvec, R, zsets, zvalid, bad, nk, Z, owned);
    else
        _complex_count_filtered(C, region_fvec, R, zsets, zvalid, bad, nk);
    if (C->check)
    {
        /* the independent count: every face's sign vector, deduplicated globally */
        bword * dsets = flint_calloc(FLINT_MAX(C->ndom * gw, 1), sizeof(bword));
        for (slong i = 0; i < C->ndom; i++)
            poly_zero_set(dsets + i * gw, P, C->dom + i * d);
        if (C->filter < 0)
            poly_faces_compute(C->faces, P);
        _check_faces(C, R, dsets);
        flint_free(dsets);
    }

    /* region-level counts: only regions selected by the filter */
    if (!_region_selected(C, R))
        return;
    slong facets = poly_num_facets(P);
    if (facets >= C->hist_len)
    {
        slong len = FLINT_MAX(facets + 1, 2 * C->hist_len);
        C->hist = flint_realloc(C->hist, len * sizeof(slong));
        for (slong i = C->hist_len; i < len; i++)
            C->hist[i] = 0;
        C->hist_len = len;
    }
    C->hist[facets]++;
    C->facet_sum += facets;
    C->regions++;
    int norays = (poly_num_rays(P) == 0);      /* poly_is_relatively_bounded, counted once */
    C->bounded += norays && P->nlin == 0;      /* poly_is_bounded */
    C->relatively_bounded += norays;
    C->interior += !_complex_touches(C, R);
}

slong
complex_euler(const complex_t C)
{
    slong chi = 0;
    for (slong i = 0; i <= C->n; i++)
        chi += (i % 2 == 0) ? C->fvec[i] : -C->fvec[i];
    return chi;
}

void
complex_mean_facets(fmpq_t q, const complex_t C)
{
    if (C->regions == 0)
        fmpq_zero(q);
    else
        fmpq_set_si(q, C->facet_sum, C->regions);
}

int
complex_finish(complex_t C, rc_error_t err)
{
    if (C->filter < 0 && complex_euler(C) != C->domain_euler)
        return rc_error_set(err, RELU_E_INTERNAL,
            "internal error: Euler characteristic of the complex is %ld, the domain's is %ld",
            (long) complex_euler(C), (long) C->domain_euler);
    if (C->check)
    {
        slong * f = flint_calloc(C->n + 1, sizeof(slong));
        int ok = 1;
        for (slong i = 0; i < C->signs->num; i++)
        {
            if (C->sign_dims[i] < 0)
                ok = 0;
            else
                f[C->sign_dims[i]]++;
        }
        for (slong i = 0; i <= C->n; i++)
            ok &= (f[i] == C->fvec[i]);
        flint_free(f);
        if (!ok)
            return rc_error_set(err, RELU_E_INTERNAL,
                "internal error: faces counted by sign vectors differ from the local count");
    }
    return RELU_OK;
}

void
complex_write_counts(FILE * fp, const complex_t C)
{
    fprintf(fp, "%ld %ld %ld %ld %ld %ld %ld", (long) C->n, (long) C->regions, (long) C->bounded,
            (long) C->relatively_bounded, (long) C->interior, (long) C->facet_sum, (long) C->hist_len);
    for (slong k = 0; k <= C->n; k++)
        fprintf(fp, " %ld", (long) C->fvec[k]);
    for (slong f = 0; f < C->hist_len; f++)
        fprintf(fp, " %ld", (long) C->hist[f]);
    fprintf(fp, "\n");
}

int
complex_add_counts(complex_t C, FILE * fp)
{
    long n, r, b, rb, in, fs, hl, v;
    if (fscanf(fp, "%ld %ld %ld %ld %ld %ld %ld", &n, &r, &b, &rb, &in, &fs, &hl) != 7 || n != C->n || hl < 0)
        return 0;
    C->regions += r;
    C->bounded += b;
    C->relatively_bounded += rb;
    C->interior += in;
    C->facet_sum += fs;
    for (slong k = 0; k <= C->n; k++)
    {
        if (fscanf(fp, "%ld", &v) != 1)
            return 0;
        C->fvec[k] += v;
    }
    if (hl > C->hist_len)
    {
        C->hist = flint_realloc(C->hist, hl * sizeof(slong));
        for (slong f = C->hist_len; f < hl; f++)
            C->hist[f] = 0;
        C->hist_len = hl;
    }
    for (slong f = 0; f < hl; f++)
    {
        if (fscanf(fp, "%ld", &v) != 1)
            return 0;
        C->hist[f] += v;
    }
    return 1;
}
