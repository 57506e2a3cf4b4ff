#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "util/file.h"

int
cli_fail(const char * cmd, const rc_error_t err)
{
    fprintf(stderr, "relucert %s: %s\n", cmd, err->msg);
    switch (err->code)
    {
        case RELU_E_UNSUPPORTED: return CLI_EXIT_UNSUPPORTED;
        case RELU_E_INTERNAL: return CLI_EXIT_INTERNAL;
        case RELU_E_LIMIT: return CLI_EXIT_PARTIAL;
        default: return CLI_EXIT_INPUT;
    }
}

int
cli_usage_error(const char * cmd, const char * fmt, ...)
{
    va_list ap;
    fprintf(stderr, "relucert %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try relucert %s --help)\n", cmd);
    return CLI_EXIT_INPUT;
}

/* The domain is built with the signals in their immediate mode: its double
   description can take long (a polyhedron with many facets in high dimension)
   and polls nothing, so SIGINT, SIGTERM and SIGHUP end the command there and
   then (exit 4, "nothing is reported"; see signals.c). */
static int _domain_build(poly_t P, char * desc, const cli_domain_opts * o, slong n, rc_error_t err);

int
cli_domain_build(poly_t P, char * desc, const cli_domain_opts * o, slong n, rc_error_t err)
{
    int was = cli_signals_cooperative(0);
    int status = _domain_build(P, desc, o, n, err);
    cli_signals_cooperative(was);
    return status;
}

static int
_domain_build(poly_t P, char * desc, const cli_domain_opts * o, slong n, rc_error_t err)
{
    int given = (o->box != NULL) + (o->file != NULL) + (o->whole != 0);
    if (given > 1)
        return rc_error_set(err, RELU_E_INPUT, "give at most one of --box, --domain, --whole");
    if (o->box != NULL)
    {
        if (n > CLI_BOX_MAX_DIM)
            /* issue 17: the cube's 2^n vertices are never built unasked-for */
            return rc_error_set(err, RELU_E_UNSUPPORTED, "--box in R^%ld has 2^%ld vertices: this command needs them "
                                "(at most %d inputs); relucert regions uses its LP engine there", (long) n, (long) n,
                                CLI_BOX_MAX_DIM);
        return poly_domain_set(P, desc, 256, "box", o->box, "--box LO,HI", err);
    }
    if (o->file != NULL)
        return poly_domain_set(P, desc, 256, "file", o->file, NULL, err);
    return poly_domain_set(P, desc, 256, "whole", NULL, NULL, err);
}

void
cli_fmpq_approx(char * buf, size_t len, const fmpq_t q, int digits)
{
    num_get_decimal(buf, len, q, digits);
}

double
cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static void
_progress_draw(cli_progress * p, const char * stage, long done, long total)
{
    double t = cli_now();
    if (stage != p->stage)       /* a later stage: its own rate (the first counts from the start) */
    {
        if (p->stage != NULL)
            p->stage_start = t;
        p->stage = stage;
    }
    /* on a terminal nothing in the first second (short runs stay quiet), then
       twice a second; asked for (--progress, lines) from the first report on.
       A later stage gets half a second of its own before its rate means anything. */
    if ((!p->lines && t - p->start < 1.0) || t - p->last < 0.5
        || (p->stage_start > p->start && t - p->stage_start < 0.5))
        return;
    p->last = t;
    double dt = t - p->stage_start, rate = dt > 0 ? done / dt : 0;
    char eta[64] = "";
    if (total > 0 && done > 0 && done <= total)
        snprintf(eta, sizeof eta, ", ETA %.0f s", (total - done) / rate);
    char of[48] = "";
    if (total >= 0)
        snprintf(of, sizeof of, " of %ld (%.0f%%)", total, total > 0 ? 100.0 * done / total : 100.0);
    fprintf(stderr, "%s%s: %ld%s, %.1f s, %.*f/s%s%s", p->lines ? "" : "\r", stage, done, of, t - p->start,
            rate < 10 ? 1 : 0, rate, eta, p->lines ? "\n" : "   ");
    p->printed = 1;
}

static void
_progress_report(void * data, const char * stage, long done, long total)
{
    cli_progress * p = data;
    if (p->enabled)
        _progress_draw(p, stage, done, total);
}

void
cli_progress_start(cli_progress * p, int quiet, int force)
{
    p->enabled = !quiet && (force || isatty(2));   /* --quiet wins */
    p->lines = !isatty(2);   /* a file or a pipe gets whole lines, a terminal one redrawn line */
    p->start = p->stage_start = cli_now();
    p->last = p->start - 1.0;   /* the first report may draw at once */
    p->stage = NULL;
    p->printed = 0;
    p->listener.report = _progress_report;
    p->listener.data = p;
}

void
cli_progress_update(cli_progress * p, const char * what, long count)
{
    _progress_report(p, what, count, -1);
}

void
cli_progress_end(cli_progress * p)
{
    if (p->printed && !p->lines)
        fprintf(stderr, "\r%70s\r", "");
}

int
cli_select_output(slong * output, const net_t net, const char * ostr, rc_error_t err)
{
    slong m = net_num_outputs(net);
    *output = 0;
    if (ostr == NULL)
        return m > 1 ? rc_error_set(err, RELU_E_INPUT,
                                    "the network has %ld outputs: choose one with --output i", (long) m) : RELU_OK;
    char * end;
    long v = strtol(ostr, &end, 10);
    if (*ostr == '\0' || *end != '\0' || v < 0 || v >= m)
        return rc_error_set(err, RELU_E_INPUT, "--output: expected an output index from 0 to %ld, got \"%s\"",
                            (long) m - 1, ostr);
    *output = v;
    return RELU_OK;
}

int
cli_write_certificate(const char * path, rc_error_t err, int (*write)(FILE *, void *, rc_error_t), void * data)
{
    return util_file_write(path, write, data, err);
}

int
cli_write_file(const char * path, rc_error_t err, int (*write)(FILE *, void *, rc_error_t), void * data)
{
    if (strcmp(path, "-"))
        return cli_write_certificate(path, err, write, data);
    int status = write(stdout, data, err);
    return status != RELU_OK ? status : cli_check_stdout(err);
}

int
cli_parse_slong_list(slong * v, slong * n, slong cap, const char * cmd, const char * what, const char * s,
                     slong min, slong max)
{
    char item[32];
    *n = 0;
    for (const char * p = s;; p += strcspn(p, ",") + 1)
    {
        size_t len = strcspn(p, ",");
        if (*n == cap || len == 0 || len >= sizeof(item))
            return cli_usage_error(cmd, "%s: expected at most %ld integers from %ld to %ld separated by commas, "
                                   "got \"%s\"", what, (long) cap, (long) min, (long) max, s);
        memcpy(item, p, len);
        item[len] = '\0';
        if (cli_parse_slong(v + (*n)++, cmd, what, item, min, max))
            return CLI_EXIT_INPUT;
        if (p[len] == '\0')
            return CLI_EXIT_OK;
    }
}

int
cli_parse_threshold(fmpq_t T, const char * s, rc_error_t err)
{
    fmpq * v = NULL;
    if (num_parse_list(&v, NULL, s, 1, err))
    {
        rc_error_prefix(err, "threshold");
        return err->code;
    }
    fmpq_set(T, v);
    _fmpq_vec_clear(v, 1);
    return RELU_OK;
}

static int
_write_result(int json, int pretty, cli_writer_json wj, cli_writer_text wt, const void * result, rc_error_t err)
{
    cli_signals_output_started();
    if (json)
    {
        jout_t out;
        jout_init(out, stdout, pretty, 0);
        wj(out, result);
        jout_clear(out);
    }
    else
        wt(stdout, result);
    return cli_check_stdout(err);
}

int
cli_write_result(int json, cli_writer_json wj, cli_writer_text wt, const void * result, rc_error_t err)
{
    return _write_result(json, 1, wj, wt, result, err);
}

int
cli_write_result_compact(int json, cli_writer_json wj, cli_writer_text wt, const void * result, rc_error_t err)
{
    return _write_result(json, 0, wj, wt, result, err);
}

int
cli_check_stdout(rc_error_t err)
{
    /* a full disk or a closed stdout must not end in exit 0 */
    if (fflush(stdout) != 0 || ferror(stdout))
        return rc_error_set(err, RELU_E_IO, "cannot write the output to standard output");
    return RELU_OK;
}
