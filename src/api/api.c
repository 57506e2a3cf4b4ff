/* The binding facade (api.h): argument checks, call sequences, JSON text. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "relucert.h"
#include "api/api.h"
#include "polytope/report.h"

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
    complex_summary_t S;
    slong * fvec;
    int done, finished;
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
/* The network read from a file (text NULL) or a string; a graph without a
   lowering into *graph when graph is not NULL (api_net_read_file_graph). */
static net_struct *
_net_read(const char * path, const char * text, size_t len, plnet_struct ** graph, rc_error_t err)
{
    rc_error_init(err);
    if (graph != NULL)
        *graph = NULL;
    if (text == NULL ? _null_arg(path, "the file name", err) : 0)
        return NULL;
    jnode * root = NULL;
    if (text != NULL && jnode_parse(&root, text, len, err))
        return NULL;
    net_struct * net = flint_malloc(sizeof(net_struct));
    plnet_struct * g = flint_malloc(sizeof(plnet_struct));
    net_init(net);
    plnet_init(g);
    int status = text == NULL ? net_read_file_flags(net, g, path, NET_READ_GROUPS, err)
                              : net_read_jnode_flags(net, g, root, NET_READ_GROUPS, err);
    jnode_free(root);
    if (status == RELU_E_UNSUPPORTED && g->nnodes > 0 && graph != NULL)
        *graph = g;
    else
        api_graph_free(g);
    if (status)
    {
        net_clear(net);
        flint_free(net);
        return NULL;
    }
    return net;
}

net_struct *
api_net_read_file(const char * path, rc_error_t err)
{
    return _net_read(path, NULL, 0, NULL, err);
}

net_struct *
api_net_read_string(const char * text, size_t len, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(text, "the network text", err))
        return NULL;
    return _net_read(NULL, text, len, NULL, err);
}

net_struct *
api_net_read_file_graph(const char * path, plnet_struct ** graph, rc_error_t err)
{
    return _net_read(path, NULL, 0, graph, err);
}

net_struct *
api_net_read_string_graph(const char * text, size_t len, plnet_struct ** graph, rc_error_t err)
{
    rc_error_init(err);
    if (graph != NULL)
        *graph = NULL;
    if (_null_arg(text, "the network text", err))
        return NULL;
    return _net_read(NULL, text, len, graph, err);
}

void
api_graph_free(plnet_struct * g)
{
    if (g != NULL)
    {
        plnet_clear(g);
        flint_free(g);
    }
}

slong
api_graph_input_dim(const plnet_struct * g)
{
    return g == NULL ? -1 : plnet_input_dim(g);
}

char *
api_graph_eval(const plnet_struct * g, const char * point, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(g, "the graph", err) || _null_arg(point, "the point", err))
        return NULL;
    slong n = plnet_input_dim(g);
    fmpq * x = NULL;
    if (num_parse_list(&x, NULL, point, n, err))
    {
        rc_error_prefix(err, "point");
        return NULL;
    }
    net_eval_report_t r;
    net_eval_report_init(r);
    net_eval_report_graph(r, g, x);
    char * s = _text_of((api_writer) net_eval_report_write_json, r);
    net_eval_report_clear(r);
    _fmpq_vec_clear(x, n);
    return s;
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

/* ---- slices ------------------------------------------------------------------------ */
/* "p;q;..." with each row "x1,...,xn": rows of M (initialised here). */
static int
_parse_rows(fmpq_mat_t M, const char * text, slong n, const char * what, rc_error_t err)
{
    slong k = 1;
    for (const char * c = text; *c; c++)
        k += (*c == ';');
    fmpq_mat_init(M, k, n);
    char * buf = flint_malloc(strlen(text) + 1);
    strcpy(buf, text);
    char * row = buf;
    int st = RELU_OK;
    for (slong i = 0; i < k && st == RELU_OK; i++)
    {
        char * end = strchr(row, ';');
        if (end != NULL)
            *end = '\0';
        fmpq * x = NULL;
        st = num_parse_list(&x, NULL, row, n, err);
        if (st)
            rc_error_prefix(err, what);
        else
        {
            for (slong j = 0; j < n; j++)
                fmpq_set(fmpq_mat_entry(M, i, j), x + j);
            _fmpq_vec_clear(x, n);
        }
        row = end != NULL ? end + 1 : row;
    }
    flint_free(buf);
    return st;
}

net_struct *
api_net_slice(const net_struct * net, const char * rows, const char * origin, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(net, "the network", err) || _null_arg(rows, origin ? "the directions" : "the points", err))
        return NULL;
    slong n = net->input_dim;
    fmpq_mat_t M;
    int st = _parse_rows(M, rows, n, origin ? "directions" : "points", err);
    fmpq * o = NULL;
    if (st == RELU_OK && origin != NULL && (st = num_parse_list(&o, NULL, origin, n, err)))
        rc_error_prefix(err, "origin");
    net_struct * out = flint_malloc(sizeof(net_struct));
    net_init(out);
    if (st == RELU_OK)
        st = origin ? net_slice_affine(out, net, o, M, err) : net_slice_points(out, net, M, err);
    fmpq_mat_clear(M);
    if (o != NULL)
        _fmpq_vec_clear(o, n);
    if (st)
    {
        net_clear(out);
        flint_free(out);
        return NULL;
    }
    return out;
}

/* ---- domains --------------------------------------------------------------------- */
api_domain *
api_domain_new(slong n, const char * kind, const char * arg, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(kind, "the domain kind", err))
        return NULL;
    if (n < 1 || n > API_MAX_DIM)
    {
        rc_error_set(err, RELU_E_INPUT, "domain dimension must be from 1 to %ld, got %ld", (long) API_MAX_DIM, (long) n);
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
    complex_summary_init(r->S, r->net, r->domain, r->desc, 0);
    r->fvec = flint_malloc((net->input_dim + 1) * sizeof(slong));
    r->done = 0;
    r->finished = 0;
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
    complex_add_region(r->S->C, r->fvec, R);
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
    if (r->done && !r->finished)
    {
        if (complex_summary_finish(r->S, err))
            return NULL;
        r->finished = 1;
    }
    /* before the last region: the counts so far, marked partial */
    r->S->partial = !r->done;
    snprintf(r->S->stopped, sizeof(r->S->stopped), "%s", r->done ? "" : "the iteration has not ended");
    return _text_of(complex_summary_write_json, r->S);
}

void
api_regions_free(api_regions * r)
{
    if (r == NULL)
        return;
    regions_iter_clear(r->it);
    complex_summary_clear(r->S);
    flint_free(r->fvec);
    poly_clear(r->domain);
    net_clear(r->net);
    flint_free(r);
}

/* ---- analyses ------------------------------------------------------------------------ */
char *
api_complex_json(const net_struct * net, const api_domain * D, slong jobs, slong max_regions, double time_limit,
                 rc_error_t err)
{
    rc_error_init(err);
    if (_check_domain(net, D, err))
        return NULL;
    if (jobs < 1 || jobs > 1024 || max_regions < 0 || !(time_limit >= 0 && time_limit <= 1e9))
    {
        rc_error_set(err, RELU_E_INPUT, "jobs from 1 to 1024, max_regions >= 0 and time_limit from 0 to 1e9 "
                     "seconds expected, got %ld, %ld, %g", (long) jobs, (long) max_regions, time_limit);
        return NULL;
    }
    complex_summary_options o;
    complex_summary_options_init(&o);
    o.jobs = jobs;
    o.max_regions = max_regions;
    o.time_limit = time_limit;
    complex_summary_t S;
    complex_summary_init(S, net, D->P, D->desc, 0);
    /* a limit leaves a valid summary marked partial, as `relucert regions` prints it */
    char * s = NULL;
    int status = complex_summary_compute(S, net, D->P, &o, err);
    if (status == RELU_OK || S->partial)
    {
        rc_error_init(err);
        s = _text_of(complex_summary_write_json, S);
    }
    complex_summary_clear(S);
    return s;
}

char *
api_arrangement_json(const net_struct * net, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(net, "the network", err))
        return NULL;
    if (net->input_dim > API_MAX_DIM)   /* its polyhedra would not fit: refused, not allocated */
    {
        rc_error_set(err, RELU_E_UNSUPPORTED, "input dimension %ld: polyhedra are handled in at most %ld dimensions",
                     (long) net->input_dim, API_MAX_DIM);
        return NULL;
    }
    arrangement_report_t r;
    arrangement_report_init(r);
    char * s = NULL;
    if (arrangement_analyze(r, net, err) == RELU_OK)
        s = _text_of((api_writer) arrangement_report_write_json, r);
    arrangement_report_clear(r);
    return s;
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
    fmpq_t t;
    boundary_analysis_t A;
    fmpq_init(t);
    boundary_analysis_init(A);
    char * s = NULL;
    int status = _parse_rational(t, T, "threshold", err);
    if (status == RELU_OK)
        status = boundary_analyze(A, net, "", output, t, D->P, D->desc, 0, 0, err);
    if (status == RELU_OK)
        s = _text_of((api_writer) boundary_analysis_write_json, A);
    boundary_analysis_clear(A);
    fmpq_clear(t);
    return s;
}

char *
api_decision_json(const net_struct * net, const api_domain * D, int list, rc_error_t err)
{
    rc_error_init(err);
    if (_check_domain(net, D, err))
        return NULL;
    decision_t A;
    decision_init(A);
    char * s = NULL;
    if (decision_analyze(A, net, D->P, D->desc, list != 0, err) == RELU_OK)
        s = _text_of((api_writer) decision_write_json, A);
    decision_clear(A);
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
        status = polytope_verify(Q, err);
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

/* The same analyses, writers and centre policy as relucert polytope / polar. */
char *
api_polytope_json(const polytope_struct * Q)
{
    polytope_report_t S;
    rc_error_t err;
    rc_error_init(err);
    polytope_report_init(S);
    char * s = NULL;
    if (polytope_report_compute(S, Q, NULL, NULL, err) == RELU_OK)   /* without R it cannot fail */
        s = _text_of((api_writer) polytope_report_write_json, S);
    polytope_report_clear(S);
    return s;
}

char *
api_polar_json(const polytope_struct * Q, const char * center, rc_error_t err)
{
    rc_error_init(err);
    if (_null_arg(Q, "the polytope", err))
        return NULL;
    polytope_polar_report_t S;
    polytope_polar_report_init(S);
    char * s = NULL;
    if (polytope_polar_report_compute(S, Q, center, 0, "center", err) == RELU_OK)
        s = _text_of((api_writer) polytope_polar_report_write_json, S);
    polytope_polar_report_clear(S);
    return s;
}
