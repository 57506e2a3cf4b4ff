/* relucert batch: many networks and analyses, one JSON Lines record each.
   Every analysis is run as `relucert ANALYSIS NET [domain] --json` in a child
   process, so a record holds exactly what that command prints, and a crash or
   error in one analysis cannot take the batch down. Records are appended as
   they finish (a killed batch keeps them) and the file is rewritten in
   manifest order at the end, so the output is the same for any --jobs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli/cli.h"
#include "util/sha256.h"

static const char * batch_help =
"usage: relucert batch MANIFEST --out FILE.jsonl [--jobs N] [--quiet]\n"
"\n"
"MANIFEST is JSON Lines, one job per line:\n"
"  {\"network\": PATH, \"analyses\": [\"regions\", \"arrangement\", ...],\n"
"   \"box\": [LO, HI] | \"domain\": PATH | \"whole\": true, \"threshold\": T, \"output\": i}\n"
"analyses: regions, arrangement (always over R^n), homology (of {f >= T}, T default 0),\n"
"persistence, dualgraph and boundary (with --threshold T when given). Paths are relative to\n"
"the current directory.\n"
"Each output line: {\"job\": k, \"network\": PATH, \"sha256\": ..., \"version\": ..., ANALYSIS: {...}}\n"
"with, per analysis, exactly what `relucert ANALYSIS ... --json` prints, or {\"error\": \"...\"}.\n"
"Resumable: records already in FILE for the same job and network hash are kept and skipped.\n"
"Output is in manifest order and identical for every N. A summary table ends the run.\n";

typedef struct
{
    char * network;
    char ** analyses;
    slong nan;
    char * box;        /* "LO,HI" */
    char * domain;
    int whole;
    char * threshold;
    char * output;
}
batch_job;

static const char * known[] = { "regions", "arrangement", "homology", "persistence", "dualgraph", "boundary" };

static char *
node_text(const jnode * v)
{
    /* a number or a string as text (numbers verbatim) */
    if (v->type == JNODE_NUMBER || v->type == JNODE_STRING)
        return strdup(v->text);
    return NULL;
}

static int
parse_job(batch_job * J, const jnode * o, rc_error_t err)
{
    memset(J, 0, sizeof(*J));
    if (o->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "expected an object, got %s", jnode_type_name(o));
    for (size_t i = 0; i < o->nitems; i++)
    {
        const char * k = o->keys[i];
        const jnode * v = o->items[i];
        if (!strcmp(k, "network") && v->type == JNODE_STRING)
            J->network = strdup(v->text);
        else if (!strcmp(k, "analyses") && v->type == JNODE_ARRAY)
        {
            J->analyses = calloc(v->nitems + 1, sizeof(char *));
            for (size_t a = 0; a < v->nitems; a++)
            {
                int ok = v->items[a]->type == JNODE_STRING;
                for (size_t q = 0; ok && q < sizeof(known) / sizeof(known[0]); q++)
                    if (!strcmp(v->items[a]->text, known[q]))
                        ok = 2;
                if (ok != 2)
                    return rc_error_set(err, RELU_E_INPUT, "analysis %zu: expected one of regions, arrangement, "
                                        "homology, persistence, dualgraph, boundary", a + 1);
                J->analyses[J->nan++] = strdup(v->items[a]->text);
            }
        }
        else if (!strcmp(k, "box") && v->type == JNODE_ARRAY && v->nitems == 2)
        {
            char * lo = node_text(v->items[0]), * hi = node_text(v->items[1]);
            if (lo && hi && asprintf(&J->box, "%s,%s", lo, hi) < 0)
                J->box = NULL;
            free(lo);
            free(hi);
            if (J->box == NULL)
                return rc_error_set(err, RELU_E_INPUT, "\"box\": expected [LO, HI] with two numbers");
        }
        else if (!strcmp(k, "domain") && v->type == JNODE_STRING)
            J->domain = strdup(v->text);
        else if (!strcmp(k, "whole") && (v->type == JNODE_TRUE || v->type == JNODE_FALSE))
            J->whole = v->type == JNODE_TRUE;
        else if (!strcmp(k, "threshold") && (J->threshold = node_text(v)) != NULL)
            ;
        else if (!strcmp(k, "output") && v->type == JNODE_NUMBER)
            J->output = strdup(v->text);
        else
            return rc_error_set(err, RELU_E_INPUT, "key \"%s\": unknown or of the wrong type (see relucert batch --help)", k);
    }
    if (J->network == NULL || J->analyses == NULL)
        return rc_error_set(err, RELU_E_INPUT, "needs \"network\" (a path) and \"analyses\" (a list)");
    return RELU_OK;
}

static void
free_job(batch_job * J)
{
    for (slong a = 0; a < J->nan; a++)
        free(J->analyses[a]);
    free(J->analyses);
    free(J->network); free(J->box); free(J->domain); free(J->threshold); free(J->output);
}

static char *
read_all(const char * path, size_t * len)
{
    FILE * fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 4096, n = 0, r;
    char * buf = malloc(cap);
    while ((r = fread(buf + n, 1, cap - 1 - n, fp)) > 0)
    {
        n += r;
        if (n == cap - 1)
            buf = realloc(buf, cap *= 2);
    }
    fclose(fp);
    buf[n] = '\0';   /* callers also use the contents as a string */
    *len = n;
    return buf;
}

/* Runs `self analysis network [domain] [options] --json` with stdout/stderr in files. */
static int
run_analysis(const char * self, const batch_job * J, const char * an, const char * out, const char * errf)
{
    const char * args[24];
    int k = 0;
    args[k++] = self;
    args[k++] = an;
    args[k++] = J->network;
    /* arrangements and boundary classes are statements about R^n */
    int over_rn = !strcmp(an, "arrangement") || !strcmp(an, "boundary");
    if (J->box && !over_rn) { args[k++] = "--box"; args[k++] = J->box; }
    if (J->domain && !over_rn) { args[k++] = "--domain"; args[k++] = J->domain; }
    if (J->whole && !over_rn) args[k++] = "--whole";
    if (!strcmp(an, "homology")) { args[k++] = "--superlevel"; args[k++] = J->threshold ? J->threshold : "0"; }
    if ((!strcmp(an, "dualgraph") || !strcmp(an, "boundary")) && J->threshold) { args[k++] = "--threshold"; args[k++] = J->threshold; }
    if (J->output && strcmp(an, "regions") && strcmp(an, "arrangement")) { args[k++] = "--output"; args[k++] = J->output; }
    if (!strcmp(an, "regions")) args[k++] = "--quiet";
    args[k++] = "--json";
    args[k] = NULL;
    pid_t pid = fork();
    if (pid == 0)
    {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644), fe = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || fe < 0)
            _exit(127);
        dup2(fo, 1);
        dup2(fe, 2);
        execv(self, (char * const *) args);
        _exit(127);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Computes the record of job k into the file `dest` (one line). */
static void
compute_record(const char * self, const batch_job * J, slong k, const char * dest, const char * tmpdir)
{
    FILE * fp = fopen(dest, "w");
    if (fp == NULL)
        _exit(1);
    jout_t out;
    jout_init(out, fp, 0, 1);
    jout_begin_object(out);
    jout_key(out, "job"); jout_int(out, k);
    jout_key(out, "network"); jout_string(out, J->network);
    size_t len;
    char * data = read_all(J->network, &len);
    jout_key(out, "sha256");
    if (data)
    {
        char hex[65];
        sha256_hex(hex, (unsigned char *) data, len);
        jout_string(out, hex);
        free(data);
    }
    else
        jout_null(out);
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    for (slong a = 0; a < J->nan; a++)
    {
        char o[4096], e[4096];
        snprintf(o, sizeof(o), "%s/%ld.%ld.out", tmpdir, (long) k, (long) a);
        snprintf(e, sizeof(e), "%s/%ld.%ld.err", tmpdir, (long) k, (long) a);
        int rc = run_analysis(self, J, J->analyses[a], o, e);
        jout_key(out, J->analyses[a]);
        jnode * v = NULL;
        rc_error_t err;
        rc_error_init(err);
        if (rc == 0 && jnode_parse_file(&v, o, err) == RELU_OK)
            jout_node(out, v);
        else
        {
            size_t el;
            char * msg = read_all(e, &el), line[1024];
            snprintf(line, sizeof(line), "%s", (msg && el) ? msg : "");
            line[strcspn(line, "\n")] = '\0';
            if (rc >= 128)
                snprintf(line, sizeof(line), "the analysis crashed (signal %d)", rc - 128);
            else if (!line[0])
                snprintf(line, sizeof(line), "the analysis failed with exit status %d", rc);
            free(msg);
            jout_begin_object(out);
            jout_key(out, "error"); jout_string(out, line);
            jout_end_object(out);
        }
        if (v) jnode_free(v);
        unlink(o);
        unlink(e);
    }
    jout_end_object(out);
    jout_clear(out);
    fclose(fp);
}

int
cmd_batch(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "out", required_argument, 0, 'o' }, { "jobs", required_argument, 0, 'j' },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char * outpath = NULL;
    long workers = 1;
    int quiet = 0, c;
    char * end;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'o': outpath = optarg; break;
            case 'j': workers = strtol(optarg, &end, 10); if (*end || workers < 1 || workers > 1024) return cli_usage_error("batch", "--jobs: expected an integer from 1 to 1024"); break;
            case 'q': quiet = 1; break;
            case 'h': fputs(batch_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("batch", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1 || outpath == NULL)
        return cli_usage_error("batch", "expected MANIFEST and --out FILE.jsonl");

    rc_error_t err;
    rc_error_init(err);
    /* the manifest */
    size_t mlen;
    char * man = read_all(argv[optind], &mlen);
    if (man == NULL)
    {
        rc_error_set(err, RELU_E_IO, "cannot read %s: %s", argv[optind], strerror(errno));
        return cli_fail("batch", err);
    }
    batch_job * jobs = NULL;
    slong njobs = 0, lineno = 0;
    int status = RELU_OK;
    for (char * p = man; p < man + mlen && status == RELU_OK; )
    {
        char * nl = memchr(p, '\n', man + mlen - p);
        size_t l = nl ? (size_t) (nl - p) : (size_t) (man + mlen - p);
        lineno++;
        size_t sp = 0;
        while (sp < l && (p[sp] == ' ' || p[sp] == '\t' || p[sp] == '\r')) sp++;
        if (sp < l)
        {
            jnode * v;
            if (jnode_parse(&v, p, l, err) == RELU_OK)
            {
                jobs = realloc(jobs, (njobs + 1) * sizeof(batch_job));
                status = parse_job(jobs + njobs, v, err);
                njobs++;
                jnode_free(v);
            }
            else
                status = err->code;
            if (status)
            {
                char where[4200];
                snprintf(where, sizeof(where), "%s: line %ld", argv[optind], (long) lineno);
                rc_error_prefix(err, where);
            }
        }
        p += l + 1;
    }
    free(man);
    if (status)
    {
        for (slong k = 0; k < njobs; k++) free_job(jobs + k);
        free(jobs);
        return cli_fail("batch", err);
    }

    /* resume: keep complete records of the same job and network content */
    char ** have = calloc(njobs + 1, sizeof(char *));
    slong kept = 0;
    {
        size_t olen;
        char * old = read_all(outpath, &olen);
        for (char * p = old; p && p < old + olen; )
        {
            char * nl = memchr(p, '\n', old + olen - p);
            if (nl == NULL)
                break;     /* an unfinished last line is dropped */
            jnode * v;
            rc_error_t e2;
            rc_error_init(e2);
            if (jnode_parse(&v, p, nl - p, e2) == RELU_OK)
            {
                const jnode * jk = jnode_get(v, "job"), * sh = jnode_get(v, "sha256");
                slong k = (jk && jk->type == JNODE_NUMBER) ? atol(jk->text) : -1;
                if (k >= 0 && k < njobs && !have[k] && sh && sh->type == JNODE_STRING)
                {
                    size_t len;
                    char * data = read_all(jobs[k].network, &len), hex[65];
                    if (data)
                    {
                        sha256_hex(hex, (unsigned char *) data, len);
                        const jnode * nw = jnode_get(v, "network");
                        if (!strcmp(hex, sh->text) && nw && !strcmp(nw->text, jobs[k].network))
                        {
                            have[k] = strndup(p, nl - p + 1);
                            kept++;
                        }
                        free(data);
                    }
                }
                jnode_free(v);
            }
            p = nl + 1;
        }
        free(old);
    }

    char self[4096];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
    char tmpdir[] = "/tmp/relucert-batch-XXXXXX";
    if (sl <= 0 || mkdtemp(tmpdir) == NULL)
    {
        rc_error_set(err, RELU_E_IO, "cannot set up worker processes");
        status = err->code;
    }
    else
        self[sl] = '\0';

    /* rewrite the kept records, then append new ones as they finish */
    FILE * ofp = NULL;
    if (status == RELU_OK && (ofp = fopen(outpath, "w")) == NULL)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", outpath);
    for (slong k = 0; status == RELU_OK && k < njobs; k++)
        if (have[k])
            fputs(have[k], ofp);
    if (ofp)
        fflush(ofp);
    slong next = 0, running = 0, done = 0;
    pid_t * pids = calloc(njobs + 1, sizeof(pid_t));
    cli_progress prog;
    cli_progress_start(&prog, quiet);
    while (status == RELU_OK && (next < njobs || running > 0))
    {
        while (next < njobs && (have[next] || running < workers))
        {
            if (have[next]) { next++; continue; }
            char dest[4200];
            snprintf(dest, sizeof(dest), "%s/%ld.rec", tmpdir, (long) next);
            pid_t pid = fork();
            if (pid == 0)
            {
                compute_record(self, jobs + next, next, dest, tmpdir);
                _exit(0);
            }
            pids[next] = pid;
            running++;
            next++;
        }
        int st;
        pid_t pid = wait(&st);
        if (pid < 0)
            break;
        for (slong k = 0; k < njobs; k++)
            if (pids[k] == pid)
            {
                char dest[4200];
                size_t len;
                snprintf(dest, sizeof(dest), "%s/%ld.rec", tmpdir, (long) k);
                have[k] = read_all(dest, &len);
                if (have[k])
                {
                    fputs(have[k], ofp);
                    fflush(ofp);
                }
                unlink(dest);
                pids[k] = 0;
                running--;
                done++;
                cli_progress_update(&prog, "jobs", done);
            }
    }
    cli_progress_end(&prog);
    if (ofp)
        fclose(ofp);
    rmdir(tmpdir);

    /* manifest order, and the summary */
    slong * errors = calloc(sizeof(known) / sizeof(known[0]), sizeof(slong));
    slong * runs = calloc(sizeof(known) / sizeof(known[0]), sizeof(slong));
    slong missing = 0;
    if (status == RELU_OK)
    {
        char tmp[4200];
        snprintf(tmp, sizeof(tmp), "%s.tmp", outpath);
        FILE * fp = fopen(tmp, "w");
        for (slong k = 0; fp && k < njobs; k++)
        {
            if (!have[k]) { missing++; continue; }
            fputs(have[k], fp);
            jnode * v;
            rc_error_t e2;
            rc_error_init(e2);
            if (jnode_parse(&v, have[k], strlen(have[k]), e2) == RELU_OK)
            {
                for (size_t q = 0; q < sizeof(known) / sizeof(known[0]); q++)
                {
                    const jnode * a = jnode_get(v, known[q]);
                    if (a) { runs[q]++; errors[q] += jnode_get(a, "error") != NULL; }
                }
                jnode_free(v);
            }
        }
        if (fp == NULL || fclose(fp) != 0 || rename(tmp, outpath) != 0)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", outpath);
    }
    if (status == RELU_OK)
    {
        printf("batch %s: %ld jobs, %ld computed, %ld kept from an earlier run%s\n", argv[optind], (long) njobs,
               (long) done, (long) kept, missing ? " (some records missing!)" : "");
        printf("%-12s %8s %8s\n", "analysis", "records", "errors");
        for (size_t q = 0; q < sizeof(known) / sizeof(known[0]); q++)
            if (runs[q])
                printf("%-12s %8ld %8ld\n", known[q], (long) runs[q], (long) errors[q]);
        printf("output: %s\n", outpath);
        if (missing)
            status = rc_error_set(err, RELU_E_INTERNAL, "%ld jobs produced no record", (long) missing);
    }
    for (slong k = 0; k < njobs; k++)
    {
        free(have[k]);
        free_job(jobs + k);
    }
    free(have); free(jobs); free(pids); free(errors); free(runs);
    return status ? cli_fail("batch", err) : CLI_EXIT_OK;
}
