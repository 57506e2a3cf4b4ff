#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"

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

int
cli_domain_build(poly_t P, char * desc, const cli_domain_opts * o, slong n, rc_error_t err)
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
        if (ok && n > CLI_BOX_MAX_DIM)
        {
            /* issue 17: the cube's 2^n vertices are never built unasked-for */
            _fmpq_vec_clear(v, 2);
            return rc_error_set(err, RELU_E_UNSUPPORTED, "--box in R^%ld has 2^%ld vertices: this command needs them "
                                "(at most %d inputs); relucert regions uses its LP engine there", (long) n, (long) n, CLI_BOX_MAX_DIM);
        }
        if (ok)
        {
            char * lo = num_get_str(v + 0), * hi = num_get_str(v + 1);
            snprintf(desc, 256, "box [%s,%s]^%ld", lo, hi, (long) n);
            flint_free(lo);
            flint_free(hi);
            poly_set_box(P, v + 0, v + 1);
        }
        _fmpq_vec_clear(v, 2);
        if (!ok)
            return rc_error_set(err, RELU_E_INPUT, "--box LO,HI: need LO < HI, got \"%s\"", o->box);
        return RELU_OK;
    }
    if (o->file != NULL)
    {
        snprintf(desc, 256, "polyhedron from %s", o->file);
        return poly_read_file(P, o->file, err);
    }
    snprintf(desc, 256, "R^%ld", (long) n);
    poly_set_whole(P);
    return RELU_OK;
}

void
cli_fmpq_approx(char * buf, size_t len, const fmpq_t q, int digits)
{
    /* floor(|q| 10^digits) computed exactly, printed with a decimal point */
    fmpz_t t, p;
    fmpz_init(t);
    fmpz_init(p);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, digits);
    fmpz_mul(t, fmpq_numref(q), p);
    fmpz_abs(t, t);
    fmpz_fdiv_q(t, t, fmpq_denref(q));
    char * s = fmpz_get_str(NULL, 10, t);
    size_t sl = strlen(s), width = FLINT_MAX(sl, (size_t) digits + 1);
    char * pad = flint_malloc(width + 1);
    memset(pad, '0', width - sl);
    memcpy(pad + width - sl, s, sl + 1);
    snprintf(buf, len, "%s%.*s.%s", fmpq_sgn(q) < 0 ? "-" : "", (int) (width - digits), pad,
             pad + width - digits);
    flint_free(pad);
    flint_free(s);
    fmpz_clear(t);
    fmpz_clear(p);
}

double
cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

void
cli_progress_start(cli_progress * p, int quiet)
{
    p->enabled = !quiet && isatty(2);
    p->start = p->last = cli_now();
    p->printed = 0;
}

void
cli_progress_update(cli_progress * p, const char * what, long count)
{
    if (!p->enabled)
        return;
    double t = cli_now();
    if (t - p->start < 1.0 || t - p->last < 0.5)
        return;
    p->last = t;
    fprintf(stderr, "\r%s: %ld (%.1f s, %.0f/s)   ", what, count, t - p->start, count / (t - p->start));
    p->printed = 1;
}

void
cli_progress_end(cli_progress * p)
{
    if (p->printed)
        fprintf(stderr, "\r%60s\r", "");
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
    FILE * fp = fopen(path, "w");
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    struct stat st;
    int regular = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
    int status = write(fp, data, err);
    int bad = ferror(fp);
    if ((fclose(fp) != 0 || bad) && status == RELU_OK)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    if (status != RELU_OK && regular)
        unlink(path);   /* never leave a partial certificate behind */
    return status;
}
