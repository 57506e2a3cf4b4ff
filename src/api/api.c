/* The binding facade (api.h): argument checks, call sequences, JSON text. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "relucert.h"
#include "api/api.h"

struct api_domain_struct
{
    poly_t P;
    char desc[256];
};

struct api_regions_struct
{
    net_t net;
    poly_t domain;
    char desc[256];
    regions_iter_t it;
    complex_t C;
    slong * fvec;
    int done;
};

const char *
api_version(void)
{
    return RELUCERT_VERSION;
}

void
api_string_free(char * s)
{
    free(s);
}

/* ---- JSON into a string ------------------------------------------------------ */
typedef struct
{
    char * buf;
    size_t len;
    FILE * fp;
    jout_t out;
}
api_text;

static void
_text_begin(api_text * t)
{
    t->buf = NULL;
    t->len = 0;
    t->fp = open_memstream(&t->buf, &t->len);
    if (t->fp == NULL)
        abort();   /* out of memory */
    jout_init(t->out, t->fp, 0, 0);
}

static char *
_text_end(api_text * t)
{
    jout_clear(t->out);
    fclose(t->fp);
    /* jout ends the document with a newline: drop it */
    if (t->len > 0 && t->buf[t->len - 1] == '\n')
        t->buf[t->len - 1] = '\0';
    return t->buf;
}

/* The JSON text of a result, written by its module's one writer. */
typedef void (*api_writer)(jout_t out, const void * result);

static char *
_text_of(api_writer write, const void * result)
{
    api_text t;
    _text_begin(&t);
    write(t.out, result);
    return _text_end(&t);
}

static int
_null_arg(const void * p, const char * what, rc_error_t err)
{
    if (p == NULL)
        return rc_error_set(err, RELU_E_INPUT, "%s must not be NULL (None)", what);
    return RELU_OK;
}

static int
_check_domain(const net_struct * net, const api_domain * D, rc_error_t err)
{
    if (_null_arg(net, "the network", err) || _null_arg(D, "the domain", err))
        return err->code;
    if (D->P->n != net->input_dim)
        return rc_error_set(err, RELU_E_INPUT, "the domain has dimension %ld but the network's input dimension is %ld",
                            (long) D->P->n, (long) net->input_dim);
    return RELU_OK;
}

static int
_check_output(const net_struct * net, slong output, rc_error_t err)
{
    slong m = net_num_outputs(net);
    if (output < 0 || output >= m)
        return rc_error_set(err, RELU_E_INPUT, "output: expected an output index from 0 to %ld, got %ld",
                            (long) m - 1, (long) output);
    return RELU_OK;
}

static int
_parse_rational(fmpq_t T, const char * text, const char * what, rc_error_t err)
{
    if (_null_arg(text, what, err))
        return err->code;
    if (num_parse_fmpq(T, text, strlen(text), err))
    {
        rc_error_prefix(err, what);
        return err->code;
    }
    return RELU_OK;
}

/* ---- networks -------------------------------------------------------------------- */
net_struct *
api_net_read_file(const char * path, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(path, "the file name", err))
        return NULL;
    net_struct * net = flint_malloc(sizeof(net_struct));
    net_init(net);
    if (net_read_file(net, path, err))
    {
        net_clear(net);
        flint_free(net);
        return NULL;
    }
    return net;
}

net_struct *
api_net_read_string(const char * text, size_t len, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(text, "the network text", err))
        return NULL;
    jnode * root = NULL;
    if (jnode_parse(&root, text, len, err))
        return NULL;
    net_struct * net = flint_malloc(sizeof(net_struct));
    net_init(net);
    int status = net_read_jnode(net, root, err);
    jnode_free(root);
    if (status)
    {
        net_clear(net);
        flint_free(net);
        return NULL;
    }
    return net;
}

void
api_net_free(net_struct * net)
{
    if (net != NULL)
    {
        net_clear(net);
        flint_free(net);
    }
}

char *
api_net_json(const net_struct * net)
{
    api_text t;
    _text_begin(&t);
    net_write_jout(t.out, net);
    return _text_end(&t);
}

char *
api_net_eval(const net_struct * net, const char * point, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(net, "the network", err) || _null_arg(point, "the point", err))
        return NULL;
    slong n = net->input_dim;
    fmpq * x = NULL;
    if (num_parse_list(&x, NULL, point, n, err))
    {
        rc_error_prefix(err, "point");
        return NULL;
    }
    net_eval_report_t r;
    net_eval_report_init(r);
    net_eval_report(r, net, x);
    char * s = _text_of((api_writer) net_eval_report_write_json, r);
    net_eval_report_clear(r);
    _fmpq_vec_clear(x, n);
    return s;
}

/* ---- domains --------------------------------------------------------------------- */
api_domain *
api_domain_new(slong n, const char * kind, const char * arg, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(kind, "the domain kind", err))
        return NULL;
    if (n < 1)
    {
        rc_error_set(err, RELU_E_INPUT, "domain dimension must be positive, got %ld", (long) n);
        return NULL;
    }
    api_domain * D = flint_malloc(sizeof(api_domain));
    poly_init(D->P, n);
    int status = poly_domain_set(D->P, D->desc, sizeof(D->desc), kind, arg, NULL, err);
    if (status)
    {
        poly_clear(D->P);
        flint_free(D);
        return NULL;
    }
    return D;
}

void
api_domain_free(api_domain * D)
{
    if (D != NULL)
    {
        poly_clear(D->P);
        flint_free(D);
    }
}

/* ---- regions ----------------------------------------------------------------------- */
api_regions *
api_regions_new(const net_struct * net, const api_domain * D, rc_error_t err)
{
    rc_error_init(err);
    if (_check_domain(net, D, err))
        return NULL;
    api_regions * r = flint_malloc(sizeof(api_regions));
    net_init(r->net);
    net_set(r->net, net);
    poly_init(r->domain, net->input_dim);
    poly_set(r->domain, D->P);
    memcpy(r->desc, D->desc, sizeof(r->desc));
    regions_iter_init(r->it, r->net, r->domain);
    complex_init(r->C, r->domain, net_num_hidden(r->net), 0);
    r->fvec = flint_malloc((net->input_dim + 1) * sizeof(slong));
    r->done = 0;
    return r;
}

int
api_regions_next(api_regions * r, char ** record, rc_error_t err)
{
    rc_error_init(err);
    *record = NULL;
    if (r->done)
        return 0;
    const region_struct * R = regions_iter_next(r->it);
    if (R == NULL)
    {
        r->done = 1;
        return 0;
    }
    complex_add_region(r->C, r->fvec, R);
    api_text t;
    _text_begin(&t);
    region_write_json(t.out, r->net, R, r->fvec);
    *record = _text_end(&t);
    return 1;
}

char *
api_regions_summary(api_regions * r, rc_error_t err)
{
    rc_error_init(err);
    if (r->done && complex_finish(r->C, err))
        return NULL;
    const complex_struct * C = r->C;
    char key[32];
    fmpq_t mean;
    fmpq_init(mean);
    api_text t;
    _text_begin(&t);
    jout_t * out = &t.out;
    jout_begin_object(*out);
    jout_key(*out, "input_dim"); jout_int(*out, r->net->input_dim);
    jout_key(*out, "domain"); jout_string(*out, r->desc);
    jout_key(*out, "hidden_neurons"); jout_int(*out, net_num_hidden(r->net));
    jout_key(*out, "regions"); jout_int(*out, C->regions);
    jout_key(*out, "bounded_regions"); jout_int(*out, C->bounded);
    jout_key(*out, "relatively_bounded_regions"); jout_int(*out, C->relatively_bounded);
    jout_key(*out, "interior_regions"); jout_int(*out, C->interior);
    jout_key(*out, "fvector");
    jout_begin_array(*out);
    for (slong k = 0; k <= C->n; k++)
        jout_int(*out, C->fvec[k]);
    jout_end_array(*out);
    jout_key(*out, "euler"); jout_int(*out, complex_euler(r->C));
    jout_key(*out, "facet_histogram");
    jout_begin_object(*out);
    for (slong f = 0; f < C->hist_len; f++)
        if (C->hist[f])
        {
            snprintf(key, sizeof(key), "%ld", (long) f);
            jout_key(*out, key);
            jout_int(*out, C->hist[f]);
        }
    jout_end_object(*out);
    complex_mean_facets(mean, r->C);
    jout_key(*out, "mean_facets"); jout_fmpq_str(*out, mean);
    jout_key(*out, "partial"); jout_bool(*out, !r->done);
    jout_key(*out, "version"); jout_string(*out, RELUCERT_VERSION);
    jout_end_object(*out);
    fmpq_clear(mean);
    return _text_end(&t);
}

void
api_regions_free(api_regions * r)
{
    if (r == NULL)
        return;
    regions_iter_clear(r->it);
    complex_clear(r->C);
    flint_free(r->fvec);
    poly_clear(r->domain);
    net_clear(r->net);
    flint_free(r);
}

/* ---- analyses ------------------------------------------------------------------------ */
char *
api_arrangement_json(const net_struct * net, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(net, "the network", err))
        return NULL;
    arrangement_report_t r;
    arrangement_report_init(r);
    char * s = NULL;
    if (arrangement_analyze(r, net, err) == RELU_OK)
        s = _text_of((api_writer) arrangement_report_write_json, r);
    arrangement_report_clear(r);
    return s;
}

static void
_write_homology(jout_t out, const homology_t H, slong n)
{
    jout_key(out, "betti");
    jout_begin_array(out);
    for (slong k = 0; k <= n; k++)
        jout_int(out, k <= H->top ? H->betti[k] : 0);
    jout_end_array(out);
    jout_key(out, "torsion");
    jout_begin_array(out);
    for (slong k = 0; k <= n; k++)
        jout_fmpz_vec(out, k <= H->top ? H->torsion[k] : NULL, k <= H->top ? H->ntorsion[k] : 0);
    jout_end_array(out);
}

char *
api_homology_json(const net_struct * net, const api_domain * D, const char * set, const char * T,
                  slong output, rc_error_t err)
{
    rc_error_init(err);
    if (_check_domain(net, D, err) || _null_arg(set, "the set", err) || _check_output(net, output, err))
        return NULL;
    fmpq_t t;
    homology_set_t S;
    fmpq_init(t);
    homology_set_init(S);
    char * s = NULL;
    int status = _parse_rational(t, T, "threshold", err);
    if (status == RELU_OK)
        status = homology_set_compute(S, net, output, set, t, D->P, D->desc, 0, err);
    if (status == RELU_OK)
        s = _text_of((api_writer) homology_set_write_json, S);
    homology_set_clear(S);
    fmpq_clear(t);
    return s;
}

char *
api_boundary_json(const net_struct * net, const api_domain * D, const char * T, slong output, rc_error_t err)
{
    rc_error_init(err);
    if (_check_domain(net, D, err) || _check_output(net, output, err))
        return NULL;
    slong n = net->input_dim;
    fmpq_t t;
    fmpq_init(t);
    boundary_t B;
    boundary_class_t K;
    boundary_init(B, n);
    boundary_class_init(K, n);
    homology_t HB;
    homology_init(HB);
    char * s = NULL;
    int have_homology = 0;
    int status = _parse_rational(t, T, "threshold", err);
    if (status == RELU_OK)
        status = boundary_compute(B, net, output, t, D->P, 0, err);
    int classify = status == RELU_OK && net->nlayers == 2 && net_layer_width(net, 0) == n;
    if (classify)
        status = boundary_classify(K, net, output, t, err);
    if (classify && status == RELU_OK && K->status == BOUNDARY_CLASSIFIED)
        status = boundary_class_verify(K, net, output, t, err);
    if (status == RELU_OK && poly_is_bounded(D->P))
    {
        status = boundary_homology(HB, net, output, t, D->P, err);
        have_homology = status == RELU_OK;
        if (have_homology && homology_euler(HB) != boundary_euler(B))
            status = rc_error_set(err, RELU_E_INTERNAL,
                "internal error: Euler characteristic %ld from the homology of the boundary, %ld from its f-vector",
                (long) homology_euler(HB), (long) boundary_euler(B));
    }
    if (status == RELU_OK)
    {
        api_text w;
        _text_begin(&w);
        jout_begin_object(w.out);
        jout_key(w.out, "input_dim"); jout_int(w.out, n);
        jout_key(w.out, "domain"); jout_string(w.out, D->desc);
        jout_key(w.out, "output"); jout_int(w.out, output);
        jout_key(w.out, "threshold"); jout_fmpq_str(w.out, t);
        jout_key(w.out, "pieces"); jout_int(w.out, B->pieces);
        jout_key(w.out, "fvector");
        jout_begin_array(w.out);
        for (slong j = 0; j <= n; j++)
            jout_int(w.out, B->fvec[j]);
        jout_end_array(w.out);
        jout_key(w.out, "full_dimensional_pieces"); jout_int(w.out, B->full_pieces);
        jout_key(w.out, "euler"); jout_int(w.out, boundary_euler(B));
        jout_key(w.out, "components"); jout_int(w.out, B->components);
        if (have_homology)
            _write_homology(w.out, HB, n);
        if (classify && K->status != BOUNDARY_CLASSIFIED)
        {
            jout_key(w.out, "class"); jout_null(w.out);
            jout_key(w.out, "degenerate"); jout_string(w.out, boundary_degenerate_str(K->status));
        }
        else if (classify)
        {
            slong * fv = flint_malloc((n + 1) * sizeof(slong));
            boundary_class_fvector(fv, n, K->k);
            jout_key(w.out, "class"); jout_int(w.out, K->k);
            jout_key(w.out, "class_pieces"); jout_int(w.out, boundary_class_pieces(n, K->k));
            jout_key(w.out, "class_fvector");
            jout_begin_array(w.out);
            for (slong j = 0; j <= n; j++)
                jout_int(w.out, fv[j]);
            jout_end_array(w.out);
            jout_key(w.out, "certificate");
            jout_begin_object(w.out);
            jout_key(w.out, "permutation");
            jout_begin_array(w.out);
            for (slong p = 0; p < n; p++)
                jout_int(w.out, K->perm[p]);
            jout_end_array(w.out);
            jout_key(w.out, "A");
            jout_begin_array(w.out);
            for (slong p = 0; p < n; p++)
                jout_fmpq_vec(w.out, K->A->rows[p], n);
            jout_end_array(w.out);
            jout_key(w.out, "a"); jout_fmpq_vec(w.out, K->a, n);
            jout_key(w.out, "scale"); jout_fmpq(w.out, K->scale);
            jout_key(w.out, "regions_checked"); jout_int(w.out, K->regions_checked);
            jout_end_object(w.out);
            flint_free(fv);
        }
        jout_end_object(w.out);
        s = _text_end(&w);
    }
    homology_clear(HB);
    boundary_class_clear(K);
    boundary_clear(B);
    fmpq_clear(t);
    return s;
}

/* ---- polytopes ------------------------------------------------------------------------ */
polytope_struct *
api_polytope_new(const char * kind, const char * arg, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(kind, "the polytope kind", err) || _null_arg(arg, "the polytope", err))
        return NULL;
    polytope_struct * Q = flint_malloc(sizeof(polytope_struct));
    polytope_init(Q, 0);
    int status;
    if (!strcmp(kind, "file"))
        status = polytope_read_file(Q, arg, err);
    else if (!strcmp(kind, "json"))
    {
        jnode * root = NULL;
        status = jnode_parse(&root, arg, strlen(arg), err);
        if (status == RELU_OK)
        {
            status = polytope_read_jnode(Q, root, err);
            jnode_free(root);
        }
    }
    else
        status = rc_error_set(err, RELU_E_INPUT, "unknown polytope kind \"%s\" (file, json)", kind);
    if (status == RELU_OK)
        status = polytope_verify_cdd(Q, err);
    if (status)
    {
        polytope_clear(Q);
        flint_free(Q);
        return NULL;
    }
    return Q;
}

void
api_polytope_free(polytope_struct * Q)
{
    if (Q != NULL)
    {
        polytope_clear(Q);
        flint_free(Q);
    }
}

static void
_write_type(jout_t out, const char * key, const polytope_t Q)
{
    char buf[128];
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    jout_key(out, key);
    if (name)
        jout_string(out, name);
    else
        jout_null(out);
}

char *
api_polytope_json(const polytope_struct * Q)
{
    api_text t;
    _text_begin(&t);
    jout_begin_object(t.out);
    polytope_write_json(t.out, Q);
    _write_type(t.out, "type", Q);
    jout_end_object(t.out);
    return _text_end(&t);
}

char *
api_polar_json(const polytope_struct * Q, const char * center, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(Q, "the polytope", err))
        return NULL;
    slong n = Q->n;
    int status = RELU_OK;
    const char * source = "origin";
    fmpq * x = NULL;
    if (Q->dim != n || !polytope_is_bounded(Q))
        status = rc_error_set(err, RELU_E_INPUT, "the polar needs a full-dimensional bounded polytope "
                              "(this one has dimension %ld in R^%ld%s)", (long) Q->dim, (long) n,
                              polytope_is_bounded(Q) ? "" : ", unbounded");
    else if (center == NULL)
    {
        x = _fmpq_vec_init(n);
        if (!polytope_contains_interior(Q, x))
            status = rc_error_set(err, RELU_E_INPUT,
                "the origin is not an interior point of the polytope: give a center or \"auto\"");
    }
    else if (!strcmp(center, "auto"))
    {
        x = _fmpq_vec_init(n);
        polytope_interior_point(x, Q);
        source = "vertex centroid";
    }
    else
    {
        source = "given";
        if (num_parse_list(&x, NULL, center, n, err))
            rc_error_prefix(err, "center"), status = err->code;
        else if (!polytope_contains_interior(Q, x))
            status = rc_error_set(err, RELU_E_INPUT, "center %s is not an interior point of the polytope", center);
    }
    polytope_polarity_t R;
    polytope_polarity_init(R);
    char * s = NULL;
    if (status == RELU_OK)
        status = polytope_polarity_compute(R, Q, x, err);
    const polytope_struct * D = R->dual;
    const slong * vmap = R->vmap, * fmap = R->fmap;
    if (status == RELU_OK)
    {
        slong * f = flint_malloc((n + 1) * sizeof(slong));
        polytope_fvector(f, Q);
        api_text t;
        _text_begin(&t);
        jout_begin_object(t.out);
        polytope_write_json(t.out, D);
        jout_key(t.out, "center"); jout_fmpq_vec(t.out, x, n);
        jout_key(t.out, "center_source"); jout_string(t.out, source);
        jout_key(t.out, "primal_fvector");
        jout_begin_array(t.out);
        for (slong k = 0; k <= n; k++)
            jout_int(t.out, f[k]);
        jout_end_array(t.out);
        jout_key(t.out, "vertex_to_facet");
        jout_begin_array(t.out);
        for (slong i = 0; i < Q->nv; i++)
            jout_int(t.out, vmap[i]);
        jout_end_array(t.out);
        jout_key(t.out, "facet_to_vertex");
        jout_begin_array(t.out);
        for (slong j = 0; j < Q->m; j++)
            jout_int(t.out, fmap[j]);
        jout_end_array(t.out);
        _write_type(t.out, "type", Q);
        _write_type(t.out, "dual_type", D);
        jout_key(t.out, "verified"); jout_bool(t.out, 1);
        jout_end_object(t.out);
        s = _text_end(&t);
        flint_free(f);
    }
    if (x != NULL)
        _fmpq_vec_clear(x, n);
    polytope_polarity_clear(R);
    return s;
}
