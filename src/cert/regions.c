/* Certificates for the regions of a network in a domain (see cert.h for the
   format, proofs/CHECKER.md for what the checker proves from it).

   Everything is written from the enumeration callback, one region at a time.
   The region on the other side of a facet is found through the facet's sign
   vector (sign of every hidden neuron at a relative-interior point): it is
   the same from both sides, since the network's pre-activations are
   continuous and constant in sign on the relative interior of a face of the
   complex (Grigsby & Lindsey 2022). Only the facets still waiting for their
   second region are kept, as in graph/dualgraph.c. */
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include "cert/cert.h"
#include "util/version.h"
#include "num/num.h"
#include "arrangement/arrangement.h"
#include "complex/complex.h"

static void
_fmpq_set_z(fmpq_t x, const fmpz_t v)
{
    fmpz_set(fmpq_numref(x), v);
    fmpz_one(fmpq_denref(x));
}

static void _regions_start(cert_regions_t W, const net_t net, const poly_t domain, const char * desc,
                           const fmpq * near, slong max_regions, slong radius);

void
cert_regions_init(cert_regions_t W, FILE * fp, const net_t net, const poly_t domain, const char * desc)
{
    jout_init(W->out, fp, 0, 0);
    W->borrowed = 0;
    W->partial = 0;
    W->format = 2;
    _regions_start(W, net, domain, desc, NULL, 0, -1);
}

void
cert_regions_init_partial(cert_regions_t W, FILE * fp, const net_t net, const poly_t domain, const char * desc,
                          const fmpq * near, slong max_regions, slong radius)
{
    jout_init(W->out, fp, 0, 0);
    W->borrowed = 0;
    W->partial = 1;
    W->format = 1;
    _regions_start(W, net, domain, desc, near, max_regions, radius);
}

void
cert_regions_init_jout(cert_regions_t W, jout_t out, const net_t net, const poly_t domain, const char * desc)
{
    cert_regions_init_jout_format(W, out, net, domain, desc, 2);
}

void
cert_regions_init_jout_format(cert_regions_t W, jout_t out, const net_t net, const poly_t domain, const char * desc,
                              int format)
{
    *W->out = *out;   /* the same writer state: the certificate is a value inside out's document */
    W->borrowed = 1;
    W->partial = 0;
    W->format = format;
    _regions_start(W, net, domain, desc, NULL, 0, -1);
}

static void
_regions_start(cert_regions_t W, const net_t net, const poly_t domain, const char * desc, const fmpq * near,
               slong max_regions, slong radius)
{
    slong n = net->input_dim, d = n + 1;
    fmpz_t t;
    fmpz_init(t);
    W->net = net;
    W->n = n;
    W->N = net_num_hidden(net);
    W->ndom = 0;
    W->dom = _fmpz_vec_init(FLINT_MAX(domain->ncons, 1) * d);
    W->dom_tag = flint_malloc(FLINT_MAX(domain->ncons, 1) * sizeof(slong));
    for (slong j = 1; j < domain->ncons; j++)
        if (POLY_SRC_IS_DOMAIN(domain->src[j]))
        {
            _fmpz_vec_set(W->dom + W->ndom * d, poly_con(domain, j), d);
            W->dom_tag[W->ndom++] = POLY_SRC_DOMAIN_ROW(domain->src[j]);
        }
    W->regions = W->facet_sum = 0;
    W->bounded = W->relatively_bounded = W->interior = 0;
    W->hist_len = 0;
    W->hist = NULL;
    bsset_init(W->keys, BS_WORDS(FLINT_MAX(2 * W->N, 1)));
    W->key_region = W->key_facet = NULL;
    W->key_matched = NULL;
    W->key_alloc = 0;
    W->adj = NULL;
    W->nadj = W->adj_alloc = 0;
    bsset_init(W->fkeys, BS_WORDS(FLINT_MAX(2 * W->N + W->ndom, 1)));
    W->fkey_dim = NULL;
    W->fkey_alloc = 0;

    jout_begin_object(W->out);
    jout_key(W->out, "certificate");
    jout_string(W->out, "regions");
    jout_key(W->out, "version");
    jout_string(W->out, RELUCERT_VERSION);
    if (W->partial)
    {
        jout_key(W->out, "format");
        jout_int(W->out, 1);
        jout_key(W->out, "partial");
        jout_bool(W->out, 1);
        jout_key(W->out, "exploration");
        jout_begin_object(W->out);
        jout_key(W->out, "near");
        jout_fmpq_vec(W->out, near, n);
        jout_key(W->out, "max_regions");
        if (max_regions > 0)
            jout_int(W->out, max_regions);
        else
            jout_null(W->out);
        jout_key(W->out, "radius");
        if (radius >= 0)
            jout_int(W->out, radius);
        else
            jout_null(W->out);
        jout_end_object(W->out);
    }
    else if (W->format == 2)
    {
        jout_key(W->out, "format");
        jout_int(W->out, 2);
    }
    jout_key(W->out, "input_dim");
    jout_int(W->out, n);
    jout_key(W->out, "hidden_neurons");
    jout_int(W->out, W->N);
    jout_key(W->out, "network");
    net_write_jout(W->out, net);
    /* c + a.x >= 0  <=>  (-a).x <= c */
    jout_key(W->out, "domain");
    jout_begin_object(W->out);
    jout_key(W->out, "description");
    jout_string(W->out, desc);
    jout_key(W->out, "A");
    jout_begin_array(W->out);
    for (slong r = 0; r < W->ndom; r++)
    {
        jout_begin_array(W->out);
        for (slong k = 1; k < d; k++)
        {
            fmpz_neg(t, W->dom + r * d + k);
            jout_fmpz(W->out, t);
        }
        jout_end_array(W->out);
    }
    jout_end_array(W->out);
    jout_key(W->out, "b");
    jout_begin_array(W->out);
    for (slong r = 0; r < W->ndom; r++)
        jout_fmpz(W->out, W->dom + r * d);
    jout_end_array(W->out);
    jout_end_object(W->out);
    jout_key(W->out, "regions");
    jout_begin_array(W->out);
    fmpz_clear(t);
}

void
cert_regions_clear(cert_regions_t W)
{
    if (!W->borrowed)
        jout_clear(W->out);
    _fmpz_vec_clear(W->dom, FLINT_MAX(W->ndom, 1) * (W->n + 1));
    flint_free(W->dom_tag);
    flint_free(W->hist);
    bsset_clear(W->keys);
    flint_free(W->key_region);
    flint_free(W->key_facet);
    flint_free(W->key_matched);
    flint_free(W->adj);
    bsset_clear(W->fkeys);
    flint_free(W->fkey_dim);
}

/* Certificate row of the domain row with engine tag `row`. */
static slong
_dom_row(const cert_regions_struct * W, slong row)
{
    for (slong r = 0; r < W->ndom; r++)
        if (W->dom_tag[r] == row)
            return r;
    flint_abort();   /* a region's domain facet is a facet of the domain */
    return -1;
}

static void
_write_source(cert_regions_struct * W, slong src)
{
    if (POLY_SRC_IS_DOMAIN(src))
    {
        char buf[48];
        snprintf(buf, sizeof(buf), "domain %ld", (long) _dom_row(W, POLY_SRC_DOMAIN_ROW(src)));
        jout_string(W->out, buf);
    }
    else
        jout_int(W->out, src);
}

/* value of the affine function g = (c, a) at the rational point x */
static void
_affine_eval(fmpq_t v, const fmpz * g, const fmpq * x, slong n)
{
    fmpq_t t;
    fmpq_init(t);
    _fmpq_set_z(v, g);
    for (slong k = 0; k < n; k++)
    {
        fmpq_mul_fmpz(t, x + k, g + 1 + k);
        fmpq_add(v, v, t);
    }
    fmpq_clear(t);
}

/* Witness of facet j of P: mean of its vertices plus the sum of its rays
   (a strictly positive combination of all its generators, hence in its
   relative interior). */
static void
_facet_witness(fmpq * w, const poly_struct * P, slong j)
{
    slong n = P->n, nv = 0;
    fmpq * x = _fmpq_vec_init(n);
    fmpq * ray = _fmpq_vec_init(n);
    fmpq_t t;
    fmpq_init(t);
    for (slong k = 0; k < n; k++)
        fmpq_zero(w + k);
    for (slong i = 0; i < P->ngens; i++)
    {
        if (!bs_test(poly_inc(P, i), j))
            continue;
        if (poly_gen_is_vertex(P, i))
        {
            poly_gen_get_fmpq(x, P, i);
            for (slong k = 0; k < n; k++)
                fmpq_add(w + k, w + k, x + k);
            nv++;
        }
        else
            for (slong k = 0; k < n; k++)
            {
                _fmpq_set_z(t, poly_gen(P, i) + 1 + k);
                fmpq_add(ray + k, ray + k, t);
            }
    }
    if (nv == 0)
        flint_abort();   /* every face contains a minimal face, i.e. a vertex generator */
    for (slong k = 0; k < n; k++)
    {
        fmpq_set_si(t, 1, nv);
        fmpq_mul(w + k, w + k, t);
        fmpq_add(w + k, w + k, ray + k);
    }
    fmpq_clear(t);
    _fmpq_vec_clear(x, n);
    _fmpq_vec_clear(ray, n);
}

/* Farkas multipliers showing that g >= 0 (g = (c, a), c + a.x >= 0) is implied
   by the facets of P: at a vertex v minimising g, a is a nonnegative
   combination of the inner normals a_j of the facets tight at v (optimality);
   then c - sum lambda_j c_j = g(v) >= 0. Writes {"source", "multipliers"}. */
static int
_write_redundant(cert_regions_struct * W, const poly_struct * P, const fmpz * g, slong src, rc_error_t err)
{
    slong n = P->n, d = n + 1, best = -1;
    fmpz_t l, r;
    fmpz_init(l);
    fmpz_init(r);
    for (slong i = 0; i < P->ngens; i++)
    {
        if (!poly_gen_is_vertex(P, i))
            continue;
        if (best >= 0)
        {
            /* g(v_i)/t_i < g(v_best)/t_best ? */
            poly_vec_dot(l, g, poly_gen(P, i), d);
            fmpz_mul(l, l, poly_gen(P, best));
            poly_vec_dot(r, g, poly_gen(P, best), d);
            fmpz_mul(r, r, poly_gen(P, i));
            if (fmpz_cmp(l, r) >= 0)
                continue;
        }
        best = i;
    }
    if (best < 0)
        flint_abort();   /* a nonempty polyhedron has a minimal face, i.e. a vertex generator */
    slong m = 0;
    slong * rows = flint_malloc(P->ncons * sizeof(slong));
    fmpz * normals = _fmpz_vec_init(FLINT_MAX(P->ncons, 1) * n);
    fmpq * lambda = _fmpq_vec_init(P->ncons);
    for (slong j = 1; j < P->ncons; j++)
        if (bs_test(poly_inc(P, best), j))
        {
            rows[m] = j;
            _fmpz_vec_set(normals + m * n, poly_con(P, j) + 1, n);
            m++;
        }
    int status = RELU_OK;
    if (!cert_cone_combination(lambda, normals, m, n, g + 1))
        status = rc_error_set(err, RELU_E_INTERNAL,
                              "internal error: certificate: a constraint of region %ld is not implied by its facets",
                              (long) W->regions);
    else
    {
        /* our own check: c - sum lambda_j c_j >= 0 */
        fmpq_t slack, t;
        fmpq_init(slack);
        fmpq_init(t);
        _fmpq_set_z(slack, g);
        for (slong i = 0; i < m; i++)
        {
            fmpq_mul_fmpz(t, lambda + i, poly_con(P, rows[i]));
            fmpq_sub(slack, slack, t);
        }
        if (fmpq_sgn(slack) < 0)
            status = rc_error_set(err, RELU_E_INTERNAL,
                                  "internal error: certificate: a constraint of region %ld cuts it", (long) W->regions);
        fmpq_clear(slack);
        fmpq_clear(t);
    }
    if (status == RELU_OK)
    {
        jout_begin_object(W->out);
        jout_key(W->out, "source");
        _write_source(W, src);
        jout_key(W->out, "multipliers");
        jout_begin_array(W->out);
        for (slong i = 0; i < m; i++)
            if (!fmpq_is_zero(lambda + i))
            {
                jout_begin_array(W->out);
                jout_int(W->out, rows[i] - 1);
                jout_fmpq(W->out, lambda + i);
                jout_end_array(W->out);
            }
        jout_end_array(W->out);
        jout_end_object(W->out);
    }
    _fmpq_vec_clear(lambda, P->ncons);
    _fmpz_vec_clear(normals, FLINT_MAX(P->ncons, 1) * n);
    flint_free(rows);
    fmpz_clear(l);
    fmpz_clear(r);
    return status;
}

/* Records facet f of the current region with sign vector key; pairs it with
   the region that saw it first. */
static int
_match_facet(cert_regions_struct * W, const bword * key, slong f, rc_error_t err)
{
    int is_new;
    slong idx = bsset_insert(W->keys, key, &is_new);
    if (idx >= W->key_alloc)
    {
        W->key_alloc = FLINT_MAX(256, 2 * W->key_alloc);
        W->key_region = flint_realloc(W->key_region, W->key_alloc * sizeof(slong));
        W->key_facet = flint_realloc(W->key_facet, W->key_alloc * sizeof(slong));
        W->key_matched = flint_realloc(W->key_matched, W->key_alloc);
    }
    if (is_new)
    {
        W->key_region[idx] = W->regions;
        W->key_facet[idx] = f;
        W->key_matched[idx] = 0;
        return RELU_OK;
    }
    if (W->key_matched[idx] || W->key_region[idx] == W->regions)
        return rc_error_set(err, RELU_E_INTERNAL, "internal error: certificate: a facet lies in three regions");
    W->key_matched[idx] = 1;
    if (W->nadj == W->adj_alloc)
    {
        W->adj_alloc = FLINT_MAX(64, 2 * W->adj_alloc);
        W->adj = flint_realloc(W->adj, 4 * W->adj_alloc * sizeof(slong));
    }
    slong * a = W->adj + 4 * W->nadj++;
    a[0] = W->key_region[idx];
    a[1] = W->key_facet[idx];
    a[2] = W->regions;
    a[3] = f;
    return RELU_OK;
}

/* the counts of complex.c: interior = no vertex on a domain row's hyperplane */
static void
_count_kind(cert_regions_t W, const poly_struct * P)
{
    slong d = P->n + 1;
    int touches = 0;
    fmpz_t t;
    fmpz_init(t);
    W->bounded += poly_is_bounded(P);
    W->relatively_bounded += poly_is_relatively_bounded(P);
    for (slong g = 0; g < P->ngens && !touches; g++)
        if (poly_gen_is_vertex(P, g))
            for (slong r = 0; r < W->ndom && !touches; r++)
            {
                _fmpz_vec_dot(t, W->dom + r * d, poly_gen(P, g), d);
                touches = fmpz_is_zero(t);
            }
    W->interior += !touches;
    fmpz_clear(t);
}

/* The counts of the summary: facet histogram, regions, kinds. */
static void
_count_region(cert_regions_t W, const poly_struct * P, slong nf)
{
    if (nf >= W->hist_len)
    {
        W->hist = flint_realloc(W->hist, (nf + 1) * sizeof(slong));
        for (slong f = W->hist_len; f <= nf; f++)
            W->hist[f] = 0;
        W->hist_len = nf + 1;
    }
    W->hist[nf]++;
    W->facet_sum += nf;
    W->regions++;
    _count_kind(W, P);
}

int
cert_regions_add(cert_regions_t W, const region_struct * R, rc_error_t err)
{
    const poly_struct * P = R->P;
    slong n = P->n, d = n + 1, N = R->N, nf = poly_num_facets(P);
    slong kw = W->keys->w;
    int status = RELU_OK;
    char * pat = flint_malloc(N + 1);
    fmpq * x = _fmpq_vec_init(n);
    fmpz * g = _fmpz_vec_init(d);
    bword * key = flint_calloc(kw, sizeof(bword));
    char * listed = flint_calloc(N + W->ndom + 1, 1);
    fmpq_t v;
    fmpz_t t;
    fmpq_init(v);
    fmpz_init(t);

    region_pattern_str(pat, R);
    jout_begin_object(W->out);
    jout_key(W->out, "index");
    jout_int(W->out, W->regions);
    jout_key(W->out, "pattern");
    jout_string(W->out, pat);
    jout_key(W->out, "interior_point");
    poly_interior_point(x, P);
    jout_fmpq_vec(W->out, x, n);

    jout_key(W->out, "inequalities");
    jout_begin_object(W->out);
    jout_key(W->out, "A");
    jout_begin_array(W->out);
    for (slong j = 1; j < P->ncons; j++)
    {
        jout_begin_array(W->out);
        for (slong k = 1; k < d; k++)
        {
            fmpz_neg(t, poly_con(P, j) + k);
            jout_fmpz(W->out, t);
        }
        jout_end_array(W->out);
    }
    jout_end_array(W->out);
    jout_key(W->out, "b");
    jout_begin_array(W->out);
    for (slong j = 1; j < P->ncons; j++)
        jout_fmpz(W->out, poly_con(P, j));
    jout_end_array(W->out);
    jout_key(W->out, "sources");
    jout_begin_array(W->out);
    for (slong j = 1; j < P->ncons; j++)
    {
        _write_source(W, P->src[j]);
        if (POLY_SRC_IS_DOMAIN(P->src[j]))
            listed[N + _dom_row(W, POLY_SRC_DOMAIN_ROW(P->src[j]))] = 1;
        else
            listed[P->src[j]] = 1;
    }
    jout_end_array(W->out);
    jout_end_object(W->out);

    jout_key(W->out, "witnesses");
    jout_begin_array(W->out);
    for (slong j = 1; j < P->ncons && status == RELU_OK; j++)
    {
        _facet_witness(x, P, j);
        jout_fmpq_vec(W->out, x, n);
        if (POLY_SRC_IS_DOMAIN(P->src[j]))
            continue;
        /* sign vector of the facet: every neuron's sign at the witness */
        for (slong w = 0; w < kw; w++)
            key[w] = 0;
        for (slong k = 0; k < N; k++)
        {
            _affine_eval(v, R->zrows + k * d, x, n);
            if (fmpq_sgn(v) != 0)
                bs_set(key, 2 * k + (fmpq_sgn(v) > 0));
        }
        complex_key_tie_groups(key, N, R, 1);
        status = _match_facet(W, key, j - 1, err);
    }
    jout_end_array(W->out);

    jout_key(W->out, "redundant");
    jout_begin_array(W->out);
    for (slong k = 0; k < N && status == RELU_OK; k++)
    {
        if (R->sign[k] == 0 || listed[k] || (R->group != NULL && R->group[k] >= 0 && R->sign[k] > 0))
            continue;   /* a group's argmax has no constraint of its own (its row is a constant) */
        _fmpz_vec_scalar_mul_si(g, R->zrows + k * d, d, R->sign[k]);
        status = _write_redundant(W, P, g, k, err);
    }
    for (slong r = 0; r < W->ndom && status == RELU_OK; r++)
        if (!listed[N + r])
            status = _write_redundant(W, P, W->dom + r * d, POLY_SRC_DOMAIN(W->dom_tag[r]), err);
    jout_end_array(W->out);
    if (status == RELU_OK && W->format == 2)
        cert_faces_write(W, R);
    /* a claim (format 2): the output map on the region, recomputed by the checker */
    if (W->format == 2)
        region_write_affine_json(W->out, W->net, R->active);
    jout_end_object(W->out);

    _count_region(W, P, nf);

    fmpq_clear(v);
    fmpz_clear(t);
    flint_free(listed);
    flint_free(key);
    _fmpz_vec_clear(g, d);
    _fmpq_vec_clear(x, n);
    flint_free(pat);
    return status;
}

int
cert_regions_finish(cert_regions_t W, rc_error_t err)
{
    for (slong i = 0; i < W->keys->num && !W->partial; i++)
        if (!W->key_matched[i])
            return rc_error_set(err, RELU_E_INTERNAL,
                                "internal error: certificate: facet %ld of region %ld has no region on its other side",
                                (long) W->key_facet[i], (long) W->key_region[i]);
    jout_end_array(W->out);
    jout_key(W->out, "adjacency");
    jout_begin_array(W->out);
    for (slong e = 0; e < W->nadj; e++)
    {
        jout_begin_array(W->out);
        for (slong k = 0; k < 4; k++)
            jout_int(W->out, W->adj[4 * e + k]);
        jout_end_array(W->out);
    }
    jout_end_array(W->out);

    char key[32];
    fmpq_t mean;
    fmpq_init(mean);
    if (W->regions > 0)
        fmpq_set_si(mean, W->facet_sum, W->regions);
    jout_key(W->out, "counts");
    jout_begin_object(W->out);
    jout_key(W->out, "regions");
    jout_int(W->out, W->regions);
    jout_key(W->out, "facet_histogram");
    jout_begin_object(W->out);
    for (slong f = 0; f < W->hist_len; f++)
        if (W->hist[f])
        {
            snprintf(key, sizeof(key), "%ld", (long) f);
            jout_key(W->out, key);
            jout_int(W->out, W->hist[f]);
        }
    jout_end_object(W->out);
    jout_key(W->out, "mean_facets");
    jout_fmpq_str(W->out, mean);
    if (W->format == 2)   /* claims the checker counts from the face lattices */
    {
        jout_key(W->out, "bounded_regions");
        jout_int(W->out, W->bounded);
        jout_key(W->out, "relatively_bounded_regions");
        jout_int(W->out, W->relatively_bounded);
        jout_key(W->out, "interior_regions");
        jout_int(W->out, W->interior);
    }
    slong * fv = flint_calloc(W->n + 1, sizeof(slong)), euler = 0;
    for (slong i = 0; i < W->fkeys->num; i++)
        fv[W->fkey_dim[i]]++;
    if (W->format == 2)
    {
        jout_key(W->out, "fvector");
        jout_begin_array(W->out);
        for (slong k = 0; k <= W->n; k++)
        {
            jout_int(W->out, fv[k]);
            euler += k % 2 ? -fv[k] : fv[k];
        }
        jout_end_array(W->out);
        jout_key(W->out, "euler");
        jout_int(W->out, euler);
    }
    flint_free(fv);
    jout_end_object(W->out);
    jout_end_object(W->out);
    fmpq_clear(mean);
    return RELU_OK;
}
