/* regions with the H-representation engine (src/regions/lp.c, hsearch.c,
   near.c): used by cmd_regions for input dimensions above
   REGIONS_DD_MAX_DIM (or --engine lp there) and for --near. No vertices and
   no f-vector: only what needs no face lattice. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/file.h"

typedef struct
{
    const net_struct * net;
    regions_hstats_struct * S;
    jout_struct * list, * stream;
    int text_list;
    slong max_regions;
    double deadline;
    rc_error_struct * err;
    cli_progress * prog;
    slong max_distance;
    cert_regions_struct * cert;   /* --near --certificate: each region rebuilt with its vertices */
}
hctx;

/* A region of a --near exploration into its (partial) certificate. */
static int
hregion_cert(hctx * x, const region_h_struct * H)
{
    poly_t P;
    poly_init(P, H->n);
    int rc = regions_h_rebuild(P, H, x->err);
    if (rc == RELU_OK)
    {
        region_struct R = { P, H->index, -1, H->N, H->active, H->sign, H->zrows, NULL, 0, NULL, NULL, NULL };
        rc = cert_regions_add(x->cert, &R, x->err);
    }
    poly_clear(P);
    return rc;
}

static int
on_hregion(void * data, const region_h_struct * R)
{
    hctx * x = data;
    if (x->cert != NULL && hregion_cert(x, R))
        return x->err->code;
    regions_hstats_add(x->S, R);
    x->max_distance = FLINT_MAX(x->max_distance, R->distance);
    if (x->list)
        region_h_write_json(x->list, x->net, R);
    if (x->stream)
        region_h_write_json(x->stream, x->net, R);
    if (x->text_list)
    {
        printf("  region %ld  ", (long) R->index);
        if (R->distance >= 0)
            printf("distance %ld  ", (long) R->distance);
        printf("pattern ");
        for (slong k = 0; k < R->N; k++)
            putchar(R->active[k] ? '1' : '0');
        printf("  facets %ld  %s\n", (long) R->m, R->bounded ? "bounded" : "unbounded");
    }
    cli_progress_update(x->prog, "regions", x->S->regions);
    if (x->max_regions > 0 && x->S->regions >= x->max_regions && R->distance < 0)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --max-regions %ld; the output is partial",
                            (long) x->max_regions);
    if (x->deadline > 0 && cli_now() > x->deadline)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --time-limit after %ld regions; the output is partial",
                            (long) x->S->regions);
    return 0;
}

/* The domain as inequalities: nothing of size 2^n is built. */
static int
hdomain_build(regions_hdomain_t D, char * desc, const cli_domain_opts * o, slong n, rc_error_t err)
{
    int given = (o->box != NULL) + (o->file != NULL) + (o->whole != 0);
    if (given > 1)
        return rc_error_set(err, RELU_E_INPUT, "give at most one of --box, --domain, --whole");
    if (o->box != NULL)
    {
        fmpq * v = NULL;
        slong cnt;
        if (num_parse_list(&v, &cnt, o->box, 2, err))
        {
            rc_error_prefix(err, "--box LO,HI");
            return err->code;
        }
        int ok = fmpq_cmp(v + 0, v + 1) < 0;
        if (ok)
        {
            char * lo = num_get_str(v + 0), * hi = num_get_str(v + 1);
            snprintf(desc, 256, "box [%s,%s]^%ld", lo, hi, (long) n);
            flint_free(lo);
            flint_free(hi);
            regions_hdomain_set_box(D, v + 0, v + 1);
        }
        _fmpq_vec_clear(v, 2);
        return ok ? RELU_OK : rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", o->box);
    }
    if (o->file != NULL)
    {
        fmpq_mat_t A;
        fmpq * b = NULL;
        slong m = 0;
        snprintf(desc, 256, "polyhedron from %s", o->file);
        fmpq_mat_init(A, 0, n);
        int rc = poly_read_halfspaces_file(A, &b, &m, o->file, n, err);
        if (rc == RELU_OK)   /* exact LPs over all rows, polling nothing: signals act at once */
        {
            int was = cli_signals_cooperative(0);
            rc = regions_hdomain_set_halfspaces(D, A, b, err);
            cli_signals_cooperative(was);
        }
        if (b != NULL)
            _fmpq_vec_clear(b, m);
        fmpq_mat_clear(A);
        return rc;
    }
    snprintf(desc, 256, "R^%ld", (long) n);
    return RELU_OK;
}

/* The point of --near, the --stream file. */
static int
hinputs(fmpq ** x, FILE ** sfp, const cli_regions_h_opts * o, slong n, rc_error_t err)
{
    if (o->near != NULL && num_parse_list(x, NULL, o->near, n, err))
    {
        rc_error_prefix(err, "--near POINT");
        return err->code;
    }
    if (o->stream != NULL)
    {
        *sfp = strcmp(o->stream, "-") ? fopen(o->stream, "w") : stdout;
        if (*sfp == NULL)
            return rc_error_set(err, RELU_E_IO, "cannot write %s", o->stream);
    }
    return RELU_OK;
}

/* --near --certificate: a partial regions certificate (cert/cert.h) over the
   domain built with its vertices (up to REGIONS_DD_MAX_DIM inputs). */
typedef struct
{
    const char * path;
    util_file cf;
    cert_regions_t cert;
    poly_t dom;
    int on;
}
hcert;

static int
hcert_open(hcert * C, const net_t net, const cli_domain_opts * dom, const char * desc, const fmpq * x,
           const cli_regions_h_opts * o, rc_error_t err)
{
    char cdesc[256];
    C->path = o->cert_path;
    C->cf = (util_file) { NULL, NULL, NULL };
    C->on = 0;
    poly_init(C->dom, net->input_dim);
    if (C->path == NULL)
        return RELU_OK;
    /* the domain first: a signal while it is built leaves no temporary file behind */
    int status = cli_domain_build(C->dom, cdesc, dom, net->input_dim, err);
    if (status == RELU_OK && util_file_open(&C->cf, C->path, err) == NULL)
        return err->code;
    if (status == RELU_OK)
    {
        cert_regions_init_partial(C->cert, C->cf.fp, net, C->dom, desc, x, o->max_regions, o->radius);
        C->on = 1;
    }
    return status;
}

/* The listed regions are verified ones whether or not the exploration went on: the
   certificate claims no completeness, so it is kept after a limit too. */
static int
hcert_close(hcert * C, int status, rc_error_t err)
{
    if (C->path != NULL)
    {
        int cst = status == RELU_OK || status == RELU_E_LIMIT ? RELU_OK : status;
        rc_error_t cerr;
        rc_error_init(cerr);
        if (cst == RELU_OK && C->on)
            cst = cert_regions_finish(C->cert, cerr);
        if (C->on)
            cert_regions_clear(C->cert);
        cst = util_file_close(&C->cf, cst, cerr);
        if (cst != RELU_OK && (status == RELU_OK || status == RELU_E_LIMIT))
        {
            status = cst;
            rc_error_set(err, cerr->code, "%s", cerr->msg);
        }
    }
    poly_clear(C->dom);
    return status;
}

int
cli_regions_h(const char * path, const net_t net, const cli_domain_opts * dom, const cli_regions_h_opts * o)
{
    rc_error_t err;
    regions_hdomain_t D;
    char desc[256];
    slong n = net->input_dim;
    fmpq * x = NULL;
    FILE * sfp = NULL;
    rc_error_init(err);
    regions_hdomain_init(D, n);
    int status = n > POLY_MAX_DIM   /* its LPs and rows are quadratic in n: refused, not allocated */
                 ? rc_error_set(err, RELU_E_UNSUPPORTED, "input dimension %ld: polyhedra are handled in at most %d "
                                "dimensions", (long) n, POLY_MAX_DIM)
                 : hdomain_build(D, desc, dom, n, err);
    if (status == RELU_OK)
        status = hinputs(&x, &sfp, o, n, err);
    if (status != RELU_OK)
    {
        if (x != NULL)
            _fmpq_vec_clear(x, n);
        regions_hdomain_clear(D);
        return cli_fail("regions", err);
    }
    regions_hstats_t S;
    cli_progress prog;
    jout_t out, sout;
    regions_hstats_init(S, net_num_hidden(net), D->m);
    hctx ctx = { net, S, NULL, NULL, o->list && !o->json, o->near ? 0 : o->max_regions,
                 o->time_limit > 0 ? cli_now() + o->time_limit : 0, err, &prog, -1, NULL };
    hcert C;
    status = hcert_open(&C, net, dom, desc, x, o, err);
    ctx.cert = C.on ? C.cert : NULL;
    if (o->json)
    {
        jout_init(out, stdout, !o->list, 0);
        jout_begin_object(out);
        jout_key(out, "engine");
        jout_string(out, "lp");
        if (o->list)
        {
            jout_key(out, "region_list");
            jout_begin_array(out);
            ctx.list = out;
        }
    }
    if (sfp)
    {
        jout_init(sout, sfp, 0, 1);
        ctx.stream = sout;
    }
    int complete = 1;
    cli_progress_start(&prog, o->quiet > 0, o->quiet < 0);
    if (status == RELU_OK && x != NULL)
        status = regions_explore_near(&complete, net, D, x, o->max_regions, o->radius, on_hregion, &ctx, err);
    else if (status == RELU_OK)
        status = regions_enumerate_h(net, D, on_hregion, &ctx, err);
    cli_progress_end(&prog);
    if (status == RELU_OK && !complete)
        status = rc_error_set(err, RELU_E_LIMIT, "stopped at --max-regions %ld: regions farther away were not explored; the output is partial",
                              (long) o->max_regions);
    status = hcert_close(&C, status, err);
    int partial = (status == RELU_E_LIMIT);
    if (sfp)
    {
        jout_clear(sout);
        if (sfp != stdout)
            fclose(sfp);
    }
    if (o->json)
    {
        if (o->list)
            jout_end_array(out);
        if (status == RELU_OK || partial)
        {
            complex_hstats_write_json_keys(out, net, S, desc);
            if (x != NULL)
            {
                jout_key(out, "near");
                jout_begin_object(out);
                jout_key(out, "point");
                jout_fmpq_vec(out, x, n);
                jout_key(out, "radius");
                if (o->radius >= 0)
                    jout_int(out, o->radius);
                else
                    jout_null(out);
                jout_key(out, "max_distance");
                jout_int(out, ctx.max_distance);
                jout_key(out, "complete");
                jout_bool(out, complete && !partial);
                jout_end_object(out);
            }
            jout_key(out, "partial");
            jout_bool(out, partial);
            if (partial)
            {
                jout_key(out, "stopped");
                jout_string(out, err->msg);
            }
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else if (status == RELU_OK || partial)
    {
        if (partial)
            printf("PARTIAL: %s\n", err->msg);
        complex_hstats_write_text(stdout, path, net, S, desc);
        if (x != NULL)
            printf("explored from the point: up to distance %ld in the dual graph%s\n", (long) ctx.max_distance,
                   complete && !partial ? (o->radius >= 0 ? " (every region within the radius)" : " (every region)") : "");
    }
    int rc = status ? cli_fail("regions", err) : CLI_EXIT_OK;
    regions_hstats_clear(S);
    if (x != NULL)
        _fmpq_vec_clear(x, n);
    regions_hdomain_clear(D);
    return rc;
}

int
cli_regions_engine(int * engine_lp, const char * path, const net_t net, const cli_domain_opts * dom,
                   const char * engine, const char * near, slong radius, int json, int list, int quiet,
                   const char * stream, const complex_summary_options * o, const char * cert_path)
{
    int cert = cert_path != NULL, near_cert = cert && near != NULL && net->input_dim <= REGIONS_DD_MAX_DIM;
    if (engine != NULL && strcmp(engine, "dd") && strcmp(engine, "lp"))
        return cli_usage_error("regions", "--engine: expected dd or lp");
    int use_lp = engine ? !strcmp(engine, "lp") : net->input_dim > REGIONS_DD_MAX_DIM;
    if (use_lp && (o->jobs > 1 || o->mpi != NULL))
        return cli_usage_error("regions", "the LP engine runs in one process (drop --jobs, mpirun)");
    if (radius >= 0 && near == NULL)
        return cli_usage_error("regions", "--radius needs --near POINT");
    if (near != NULL || (use_lp && net->input_dim > REGIONS_DD_MAX_DIM))
    {
        if (o->verify || o->check_faces || (cert && !near_cert) || (engine && !use_lp))
        {
            fprintf(stderr, "relucert regions: --verify, --check-faces, --certificate and --engine dd need vertices: "
                    "not with --near (--certificate: only up to %d inputs) or above %d inputs\n",
                    REGIONS_DD_MAX_DIM, REGIONS_DD_MAX_DIM);
            return CLI_EXIT_UNSUPPORTED;
        }
        cli_regions_h_opts ho = { json, list, quiet, stream, o->max_regions, o->time_limit, near, radius,
                                  near_cert ? cert_path : NULL };
        return cli_regions_h(path, net, dom, &ho);
    }
    *engine_lp = use_lp;
    return CLI_REGIONS_GO_ON;
}
