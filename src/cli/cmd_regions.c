/* relucert regions: options, then the library's regions analysis
   (complex_summary_compute: one process, --jobs workers or MPI ranks) and its
   writers. */
#include <string.h>
#include "cli/cli.h"
#include "util/file.h"

typedef struct
{
    cert_regions_struct * cert;
    rc_error_struct * err;
}
regions_cert_sink;

static int
_cert_region(void * data, const region_struct * R)
{
    regions_cert_sink * c = data;
    return cert_regions_add(c->cert, R, c->err);
}

/* Under mpirun, ranks > 0 work and send their files; rank 0 says whether to start. */
static int
_regions_mpi_worker(const net_t net, const poly_t domain, const char * desc, complex_summary_options * o,
                    rc_error_t err)
{
    complex_summary_t S;
    complex_summary_init(S, net, domain, desc, 0);
    int status = cli_mpi_bcast_int(0);
    if (status == RELU_OK)
        status = complex_summary_compute(S, net, domain, o, err);
    complex_summary_clear(S);
    /* the exit status rank 0 gives, without a second message */
    return status == RELU_OK ? CLI_EXIT_OK : status == RELU_E_INTERNAL ? CLI_EXIT_INTERNAL
         : status == RELU_E_UNSUPPORTED ? CLI_EXIT_UNSUPPORTED : status == RELU_E_LIMIT ? CLI_EXIT_PARTIAL
         : CLI_EXIT_INPUT;
}

/* The analysis with its outputs: --list inside the JSON object, --stream, --certificate. */
static int
_regions_run(complex_summary_t S, const net_t net, const poly_t domain, const char * desc,
             complex_summary_options * o, int json, int list, const char * stream, const char * cert_path,
             rc_error_t err)
{
    util_file sf = { NULL, NULL, NULL }, cf = { NULL, NULL, NULL };
    jout_t out, sout;
    cert_regions_t cert;
    regions_cert_sink sink = { cert, err };
    int status = RELU_OK;
    if ((stream != NULL && util_file_open(&sf, stream, err) == NULL)
        || (cert_path != NULL && util_file_open(&cf, cert_path, err) == NULL))
        status = err->code;
    if (o->mpi != NULL)
        cli_mpi_bcast_int(status);    /* the workers start only if rank 0 can write */
    if (status != RELU_OK)
        return util_file_close(&sf, status, err);
    if (json)
    {
        /* indented for a summary; compact when it holds every region */
        jout_init(out, stdout, !list, 0);
        jout_begin_object(out);
        if (o->engine_name != NULL)   /* issue 17: absent by default, so DD output stays as it was */
        {
            jout_key(out, "engine");
            jout_string(out, o->engine_lp ? "lp" : "dd");
        }
        if (list)
        {
            jout_key(out, "region_list");
            jout_begin_array(out);
            o->list = out;
        }
    }
    else if (list)
        o->text_list = stdout;
    if (sf.fp != NULL)
    {
        jout_init(sout, sf.fp, 0, 1);
        o->stream = sout;
    }
    if (cf.fp != NULL)
    {
        cert_regions_init(cert, cf.fp, net, domain, desc);
        o->each = _cert_region;
        o->each_data = &sink;
    }
    cli_signals_output_started();
    status = complex_summary_compute(S, net, domain, o, err);
    if (cf.fp != NULL)
    {
        if (status == RELU_OK)
            status = cert_regions_finish(cert, err);
        cert_regions_clear(cert);
    }
    /* a certificate is kept only when complete; a stream ends at a complete record */
    status = util_file_close(&cf, status, err);
    if (sf.fp != NULL)
        jout_clear(sout);
    int sstatus = util_file_close(&sf, RELU_OK, err);
    if (json)
    {
        if (list)
            jout_end_array(out);
        if (status == RELU_OK || S->partial)
            complex_summary_write_json_keys(out, S);
        jout_end_object(out);
        jout_clear(out);
    }
    else if (status == RELU_OK || S->partial)
        complex_summary_write_text(stdout, S);
    return status ? status : sstatus;
}

int
cmd_regions(int argc, char ** argv)
{
    cli_domain_opts dom = { NULL, NULL, 0 };
    int json = 0, list = 0, quiet = 0, progress = 0;   /* quiet < 0 below: --progress */
    const char * stream = NULL, * cert_path = NULL, * pos[1], * engine = NULL, * near = NULL;
    slong radius = -1;
    complex_summary_options o;
    complex_summary_options_init(&o);
    const cli_opt opts[] = { CLI_OPTS_DOMAIN(&dom), CLI_OPT_JSON(&json), CLI_OPT_LIST(&list),
        { "stream", CLI_STR, &stream, 0, 0, 0, 0 }, { "verify", CLI_FLAG, &o.verify, 0, 0, 0, 0 },
        { "check-faces", CLI_FLAG, &o.check_faces, 0, 0, 0, 0 }, CLI_OPT_QUIET(&quiet), CLI_OPT_PROGRESS(&progress),
        CLI_OPT_CERTIFICATE(&cert_path), CLI_OPT_JOBS(&o.jobs), CLI_OPT_MAX_REGIONS(&o.max_regions),
        CLI_OPT_TIME_LIMIT(&o.time_limit), { "engine", CLI_STR, &engine, 0, 0, 0, 0 },
        { "near", CLI_STR, &near, 0, 0, 0, 0 }, { "radius", CLI_SLONG, &radius, 0, 1e18, 0, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "regions", regions_help, argc, argv, opts, pos, 1, 1, NULL, "network file"))
        return rc;
    quiet = quiet ? 1 : progress ? -1 : 0;
    if (o.jobs > 1 && (o.check_faces || cert_path))
        return cli_usage_error("regions", "--check-faces and --certificate need one process (drop --jobs)");
    /* under mpirun: the ranks share the work like --jobs workers; rank 0 writes */
    complex_transport mpi = { 0, 1, cli_mpi_send_file, cli_mpi_recv_file, cli_mpi_bcast_int };
    if (cli_mpi_start(&mpi.rank, &mpi.size))
        return cli_usage_error("regions", "cannot run under mpirun (MPI_Init failed, or relucert was built without MPI)");
    if (mpi.size > 1 && (o.jobs > 1 || o.check_faces || cert_path))
        return cli_usage_error("regions", "under mpirun: --jobs, --check-faces and --certificate are not available");
    o.mpi = mpi.size > 1 ? &mpi : NULL;
    o.interrupted = cli_signal_pending;
    o.records = list || stream != NULL;
    cli_signals_cooperative(1);

    rc_error_t err;
    net_t net;
    poly_t domain;
    char desc[256];
    rc_error_init(err);
    net_init(net);
    int status = net_read_file_flags(net, NULL, pos[0], NET_READ_GROUPS, err);
    poly_init(domain, net->input_dim);
    /* issue 17: the LP engine's own driver (--near, high dimension) builds no vertices */
    rc = status == RELU_OK && mpi.rank == 0 ? cli_regions_engine(&o.engine_lp, pos[0], net, &dom, engine, near,
                                               radius, json, list, quiet, stream, &o, cert_path)
                                            : CLI_REGIONS_GO_ON;
    if (status == RELU_OK && rc == CLI_REGIONS_GO_ON)
        status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
    if (rc != CLI_REGIONS_GO_ON)
        ;   /* usage errors, or that driver did the whole run */
    else if (status != RELU_OK)
    {
        if (o.mpi != NULL)
            cli_mpi_bcast_int(status);   /* the workers do not start */
        rc = mpi.rank > 0 ? CLI_EXIT_INPUT : cli_fail("regions", err);
    }
    else if (mpi.rank > 0)
        rc = _regions_mpi_worker(net, domain, desc, &o, err);
    else
    {
        cli_progress prog;
        complex_summary_t S;
        complex_summary_init(S, net, domain, desc, o.check_faces);
        snprintf(S->name, sizeof(S->name), "%s", pos[0]);
        cli_progress_start(&prog, quiet > 0 || o.jobs > 1 || o.mpi != NULL, quiet < 0 && o.jobs <= 1);
        o.progress = &prog.listener;
        o.engine_name = engine != NULL || o.engine_lp ? "engine" : NULL;
        status = _regions_run(S, net, domain, desc, &o, json, list, stream, cert_path, err);
        cli_progress_end(&prog);
        rc = status ? cli_fail("regions", err) : CLI_EXIT_OK;
        complex_summary_clear(S);
    }
    poly_clear(domain);
    net_clear(net);
    return rc;
}
