/* The option layer (see opts.h). getopt_long does the scanning (so --opt=value,
   --opt value and options after positional arguments work as before); the
   table decides what each option means, which checks it gets and which
   options exclude each other. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "util/file.h"

#define CLI_MAX_OPTS 64

static int
_opts_count(const cli_opt * opts)
{
    int n = 0;
    while (opts[n].name != NULL)
        n++;
    return n;
}

int
cli_parse_slong(slong * v, const char * cmd, const char * what, const char * s, slong min, slong max)
{
    char * end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || x < min || x > max)
    {
        if (max >= WORD_MAX / 2)
            return cli_usage_error(cmd, "%s: expected an integer >= %ld, got \"%s\"", what, (long) min, s);
        return cli_usage_error(cmd, "%s: expected an integer from %ld to %ld, got \"%s\"", what, (long) min,
                               (long) max, s);
    }
    *v = (slong) x;
    return 0;
}

int
cli_parse_u64(uint64_t * v, const char * cmd, const char * what, const char * s)
{
    char * end;
    errno = 0;
    /* strtoull accepts "-1" as 2^64 - 1: refuse any sign explicitly */
    unsigned long long x = (*s >= '0' && *s <= '9') ? strtoull(s, &end, 10) : 0;
    if (!(*s >= '0' && *s <= '9') || *end != '\0' || errno == ERANGE)
        return cli_usage_error(cmd, "%s: expected an integer from 0 to 18446744073709551615, got \"%s\"", what, s);
    *v = (uint64_t) x;
    return 0;
}

int
cli_parse_double(double * v, const char * cmd, const char * what, const char * s, double min, double max)
{
    char * end;
    errno = 0;
    double x = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(x) || x < min || x > max)
        return cli_usage_error(cmd, "%s: expected a number from %g to %g, got \"%s\"", what, min, max, s);
    *v = x;
    return 0;
}

/* Stores optarg for option o; returns an exit code on a bad value. */
static int
_opt_store(const char * cmd, const cli_opt * o, const char * arg)
{
    char what[80];
    snprintf(what, sizeof what, "--%s", o->name);
    switch (o->kind)
    {
        case CLI_FLAG: *(int *) o->dest = 1; return 0;
        case CLI_STR: *(const char **) o->dest = arg; return 0;
        case CLI_SLONG:
            return cli_parse_slong(o->dest, cmd, what, arg, (slong) o->min,
                                   o->max >= 9e18 ? WORD_MAX : (slong) o->max);
        case CLI_U64: return cli_parse_u64(o->dest, cmd, what, arg);
        case CLI_DOUBLE: return cli_parse_double(o->dest, cmd, what, arg, o->min, o->max);
        case CLI_SET:
            ((cli_set_opts *) o->dest)->name = o->name;
            ((cli_set_opts *) o->dest)->T = arg;
            return 0;
    }
    return CLI_EXIT_INTERNAL;
}

/* "--box, --domain, --whole": the options of group g. */
static void
_group_names(char * buf, size_t len, const cli_opt * opts, int n, int g)
{
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        if (opts[i].group == g)
        {
            size_t l = strlen(buf);
            snprintf(buf + l, len - l, "%s--%s", l ? ", " : "", opts[i].name);
        }
}

/* Repeated options and two options of one group are usage errors. */
static int
_opt_check_given(const char * cmd, const cli_opt * opts, int n, const int * given, int i)
{
    if (given[i] > 1)
        return cli_usage_error(cmd, "--%s given more than once", opts[i].name);
    for (int j = 0; j < n; j++)
        if (j != i && opts[i].group != 0 && opts[j].group == opts[i].group && given[j])
        {
            char names[256];
            _group_names(names, sizeof names, opts, n, opts[i].group);
            return cli_usage_error(cmd, "give at most one of %s", names);
        }
    return 0;
}

static int
_opts_scan(const char * cmd, const char * help, int argc, char ** argv, const cli_opt * opts, int n)
{
    struct option lo[CLI_MAX_OPTS + 2];
    int given[CLI_MAX_OPTS] = { 0 }, c, idx, ns = 0;
    char shorts[2 * CLI_MAX_OPTS + 1];
    for (int i = 0; i < n; i++)
    {
        lo[i] = (struct option) { opts[i].name, opts[i].kind == CLI_FLAG ? no_argument : required_argument, 0, 1000 + i };
        if (opts[i].short_name)
        {
            shorts[ns++] = (char) opts[i].short_name;
            if (opts[i].kind != CLI_FLAG)
                shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    lo[n] = (struct option) { "help", no_argument, 0, 'h' };
    lo[n + 1] = (struct option) { 0, 0, 0, 0 };
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, shorts, lo, &idx)) != -1)
    {
        for (int i = 0; i < n && c < 1000; i++)
            if (opts[i].short_name && c == opts[i].short_name)
                c = 1000 + i;
        if (c == 'h')
        {
            fputs(help, stdout);
            return CLI_HELP_SHOWN;
        }
        if (c < 1000)
            return cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        int i = c - 1000, rc;
        given[i]++;
        if ((rc = _opt_check_given(cmd, opts, n, given, i)) || (rc = _opt_store(cmd, opts + i, optarg)))
            return rc;
    }
    return CLI_PARSED;
}

/* Two outputs on one file would leave one of them lost (and the other half
   overwritten): refused, whatever the spelling of the path, and so is a file
   that standard output is already redirected to, or "-" next to --json (two
   documents interleaved on stdout). /dev/null may take several outputs
   (nothing is kept there). */
static int
_opts_check_outputs(const char * cmd, const cli_opt * opts, int n)
{
    static const char * const outs[] = { "out", "certificate", "stream", "dot", "graphml", "jsonl", "csv", "plot", NULL };
    const char * val[CLI_MAX_OPTS];
    const char * name[CLI_MAX_OPTS];
    int m = 0, json = 0;
    for (int i = 0; i < n; i++)
    {
        if (opts[i].kind == CLI_FLAG && strcmp(opts[i].name, "json") == 0)
            json = *(int *) opts[i].dest;
        for (int k = 0; outs[k] != NULL; k++)
            if (opts[i].kind == CLI_STR && strcmp(opts[i].name, outs[k]) == 0 && *(const char **) opts[i].dest != NULL)
            {
                val[m] = *(const char **) opts[i].dest;
                name[m++] = opts[i].name;
            }
    }
    struct stat so, sv;
    int have_stdout = fstat(1, &so) == 0;
    for (int i = 0; i < m; i++)
    {
        int is_stdout = strcmp(val[i], "-") == 0 || (have_stdout && strcmp(val[i], "/dev/null") != 0
                        && stat(val[i], &sv) == 0 && sv.st_dev == so.st_dev && sv.st_ino == so.st_ino);
        if (json && is_stdout)
            return cli_usage_error(cmd, "--%s %s and --json both write to standard output: choose one", name[i], val[i]);
        if (is_stdout && strcmp(val[i], "-") != 0 && S_ISREG(so.st_mode))
            return cli_usage_error(cmd, "--%s names the file standard output is redirected to", name[i]);
        for (int j = i + 1; j < m; j++)
            if (strcmp(val[i], "/dev/null") != 0 && util_file_same(val[i], val[j]))
                return cli_usage_error(cmd, "--%s and --%s name the same file", name[i], name[j]);
    }
    return CLI_PARSED;
}

int
cli_opts_parse(const char * cmd, const char * help, int argc, char ** argv, const cli_opt * opts,
               const char ** pos, int minpos, int maxpos, int * npos, const char * posname)
{
    int n = _opts_count(opts), rc;
    if (n > CLI_MAX_OPTS)
        return cli_usage_error(cmd, "internal: too many options");
    if ((rc = _opts_scan(cmd, help, argc, argv, opts, n)) != CLI_PARSED)
        return rc;
    for (int i = 0; i < n; i++)
        if (strcmp(opts[i].name, "json") == 0 && opts[i].kind == CLI_FLAG)
            cli_signals_set_json(*(int *) opts[i].dest);
    if ((rc = _opts_check_outputs(cmd, opts, n)) != CLI_PARSED)
        return rc;
    int k = argc - optind;
    if (k < minpos)
        return cli_usage_error(cmd, "missing %s", posname);
    if (k > maxpos)
        return cli_usage_error(cmd, maxpos == 0 ? "unexpected argument '%s'" : "too many arguments ('%s')",
                               argv[optind + maxpos]);
    for (int i = 0; i < k; i++)
        pos[i] = argv[optind + i];
    if (npos != NULL)
        *npos = k;
    return CLI_PARSED;
}
