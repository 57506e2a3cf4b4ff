/* Running a manifest: workers, per-analysis children, resume, the final file. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "batch/batch.h"
#include "util/sha256.h"
#include "util/version.h"

#define BATCH_MAX_RECORDS ((size_t) 1 << 30)
#define BATCH_MAX_NETWORK ((size_t) 1 << 28)

/* The network of a job and the hash of its bytes (hex NULL when unreadable). */
static int
_job_network(net_t net, char * hex, const batch_job_struct * J, rc_error_t err)
{
    char * text = NULL;
    size_t len = 0;
    int status;
    if (J->net_text != NULL)
        status = (text = strdup(J->net_text)) ? RELU_OK : rc_error_set(err, RELU_E_IO, "out of memory"),
        len = strlen(J->net_text);
    else
        status = batch_read_file(&text, &len, J->network, BATCH_MAX_NETWORK, err);
    if (status == RELU_OK)
    {
        sha256_hex(hex, (unsigned char *) text, len);
        jnode * root;
        status = jnode_parse(&root, text, len, err);
        if (status == RELU_OK)
        {
            status = net_read_jnode_flags(net, NULL, root, NET_READ_GROUPS, err);
            jnode_free(root);
        }
        if (status && J->net_text == NULL)
            rc_error_prefix(err, J->network);
    }
    free(text);
    return status;
}

static void
_write_error(jout_t out, const char * msg)
{
    jout_begin_object(out);
    jout_key(out, "error");
    jout_string(out, msg);
    jout_end_object(out);
}

/* The hash of what a job asks for (analyses, domain, threshold, output): a
   record of an earlier run is kept only for the same request. */
static void
_job_spec_hash(char * hex, const batch_job_struct * J)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    for (slong a = 0; fp && a < J->nan; a++)
        fprintf(fp, "%s,", J->analyses[a]);
    if (fp)
    {
        fprintf(fp, "|%s|%s|%d|%s|%s", J->box ? J->box : "", J->domain ? J->domain : "", J->whole,
                J->threshold ? J->threshold : "", J->output ? J->output : "");
        fclose(fp);
    }
    sha256_hex(hex, (unsigned char *) (buf ? buf : ""), buf ? len : 0);
    free(buf);
}

/* One analysis in a forked child (isolation: a crash or an abort loses only
   this analysis); the child writes its JSON, or the error line, to tmp. */
static void
_analysis_in_child(jout_t out, const char * an, const net_t net, const batch_job_struct * J, int netok,
                   const char * netmsg, const char * tmp)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0)
    {
        FILE * fp = fopen(tmp, "w");
        if (fp == NULL)
            _exit(127);
        jout_t o;
        rc_error_t err;
        rc_error_init(err);
        jout_init(o, fp, 0, 0);
        int status = netok ? batch_analysis_write(o, an, net, J, err) : RELU_E_IO;
        jout_clear(o);
        if (status)
        {
            rewind(fp);
            if (ftruncate(fileno(fp), 0) != 0)
                _exit(127);
            fprintf(fp, "E%s: %s\n", an, netok ? err->msg : netmsg);
        }
        _exit(fclose(fp) == 0 ? 0 : 127);
    }
    int st = 0;
    char * text = NULL, line[1024];
    size_t len = 0;
    rc_error_t e2;
    rc_error_init(e2);
    if (pid < 0 || waitpid(pid, &st, 0) < 0)
        snprintf(line, sizeof line, "cannot start the analysis: %s", strerror(errno));
    else if (WIFSIGNALED(st))
        snprintf(line, sizeof line, "the analysis crashed (signal %d)", WTERMSIG(st));
    else if (WEXITSTATUS(st) != 0 || batch_read_file(&text, &len, tmp, BATCH_MAX_RECORDS, e2))
        snprintf(line, sizeof line, "the analysis failed with exit status %d", WEXITSTATUS(st));
    else if (text[0] == 'E')
        snprintf(line, sizeof line, "relucert %s", text + 1);
    else
    {
        jnode * v;
        if (jnode_parse(&v, text, len, e2) == RELU_OK)
        {
            jout_node(out, v);
            jnode_free(v);
            line[0] = '\0';
        }
        else
            snprintf(line, sizeof line, "the analysis wrote invalid JSON: %.900s", e2->msg);
    }
    if (line[0])
    {
        line[strcspn(line, "\n")] = '\0';
        _write_error(out, line);
    }
    free(text);
    unlink(tmp);
}

/* The record of job k into the file dest (one line). */
static int
_job_record(const batch_job_struct * J, slong k, const char * dest, const char * tmpdir)
{
    FILE * fp = fopen(dest, "w");
    if (fp == NULL)
        return 1;
    net_t net;
    rc_error_t err;
    char hex[65] = "";
    net_init(net);
    rc_error_init(err);
    int netok = _job_network(net, hex, J, err) == RELU_OK;
    int hashed = hex[0] != '\0';   /* null when the file could not be read whole */
    jout_t out;
    jout_init(out, fp, 0, 1);
    jout_begin_object(out);
    jout_key(out, "job"); jout_int(out, k);
    jout_key(out, "network"); jout_string(out, J->network);
    jout_key(out, "sha256");
    if (hashed) jout_string(out, hex); else jout_null(out);
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    char spec[65];
    _job_spec_hash(spec, J);
    jout_key(out, "job_sha256"); jout_string(out, spec);
    for (slong a = 0; a < J->nan; a++)
    {
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s/%ld.%ld.out", tmpdir, (long) k, (long) a);
        jout_key(out, J->analyses[a]);
        _analysis_in_child(out, J->analyses[a], net, J, netok, err->msg, tmp);
    }
    jout_end_object(out);
    jout_clear(out);
    net_clear(net);
    return fclose(fp) != 0;
}

/* Complete records of an earlier run of the same jobs (same network bytes): kept. */
static slong
_resume(char ** have, const batch_manifest_t M, const char * path)
{
    struct stat st;
    char * old;
    size_t olen;
    rc_error_t err;
    rc_error_init(err);
    /* only a regular file is an earlier run's output (a device is not read) */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || batch_read_file(&old, &olen, path, BATCH_MAX_RECORDS, err))
        return 0;
    slong kept = 0;
    for (char * p = old; p < old + olen; )
    {
        char * nl = memchr(p, '\n', old + olen - p);
        jnode * v;
        if (nl == NULL)
            break;     /* an unfinished last line is dropped */
        if (jnode_parse(&v, p, nl - p, err) == RELU_OK)
        {
            const jnode * jk = jnode_get(v, "job"), * sh = jnode_get(v, "sha256"), * nw = jnode_get(v, "network"),
                        * js = jnode_get(v, "job_sha256");
            slong k = (jk && jk->type == JNODE_NUMBER) ? atol(jk->text) : -1;
            net_t net;
            char hex[65], spec[65];
            net_init(net);
            if (k >= 0 && k < M->njobs)
                _job_spec_hash(spec, M->jobs + k);
            if (k >= 0 && k < M->njobs && !have[k] && sh && sh->type == JNODE_STRING && nw
                && js && js->type == JNODE_STRING && !strcmp(js->text, spec)
                && nw->type == JNODE_STRING && !strcmp(nw->text, M->jobs[k].network)
                && _job_network(net, hex, M->jobs + k, err) == RELU_OK && !strcmp(hex, sh->text))
            {
                have[k] = strndup(p, nl - p + 1);
                kept++;
            }
            net_clear(net);
            jnode_free(v);
        }
        p = nl + 1;
    }
    free(old);
    return kept;
}

static void
_record_count(batch_result_t R, const char * rec)
{
    jnode * v;
    rc_error_t e;
    rc_error_init(e);
    if (jnode_parse(&v, rec, strlen(rec), e) != RELU_OK)
        return;
    int failed = 0;
    for (int q = 0; q < BATCH_NUM_ANALYSES; q++)
    {
        const jnode * a = jnode_get(v, batch_analysis_names[q]);
        if (a != NULL)
        {
            int bad = jnode_get(a, "error") != NULL;
            R->runs[q]++;
            R->errors[q] += bad;
            failed |= bad;
        }
    }
    R->failed_jobs += failed;
    jnode_free(v);
}

typedef struct
{
    char ** have;
    pid_t * pids;
    slong running;
    FILE * ofp;
}
batch_pool;

/* Waits for one worker and appends its record. */
static void
_pool_reap(batch_pool * P, batch_result_t R, const batch_manifest_t M, const char * tmpdir)
{
    int st;
    pid_t pid = wait(&st);
    if (pid < 0)
    {
        /* a signal interrupted the wait: the caller's loop polls it */
        if (errno != EINTR)
            P->running = 0;
        return;
    }
    for (slong k = 0; k < M->njobs; k++)
        if (P->pids[k] == pid)
        {
            char dest[4200];
            size_t len;
            rc_error_t e;
            rc_error_init(e);
            snprintf(dest, sizeof(dest), "%s/%ld.rec", tmpdir, (long) k);
            /* a record counts only when its worker finished it: a worker stopped
               by the run (SIGKILL) leaves half a line */
            int done = WIFEXITED(st) && WEXITSTATUS(st) == 0;
            if (done && batch_read_file(&P->have[k], &len, dest, BATCH_MAX_RECORDS, e) == RELU_OK && len > 0
                && P->have[k][len - 1] == '\n')
            {
                if (P->ofp != NULL)
                {
                    fputs(P->have[k], P->ofp);
                    fflush(P->ofp);
                }
            }
            else
            {
                free(P->have[k]);
                P->have[k] = NULL;
            }
            unlink(dest);
            P->pids[k] = 0;
            P->running--;
            R->computed += P->have[k] != NULL;
            rc_progress_report(R->progress, "jobs", (long) (R->computed + R->kept), (long) R->njobs);
        }
}

static int
_pool_run(batch_pool * P, batch_result_t R, const batch_manifest_t M, const char * tmpdir)
{
    slong next = 0;
    while (next < M->njobs || P->running > 0)
    {
        int sig = R->interrupted != NULL ? R->interrupted() : 0;
        if (sig)
        {
            /* each job is a process group of its own: its analysis children go too */
            for (slong k = 0; k < M->njobs; k++)
                if (P->pids[k] > 0)
                    kill(-P->pids[k], SIGKILL);
            while (P->running > 0)
                _pool_reap(P, R, M, tmpdir);
            R->stop_signal = sig;
            return RELU_E_LIMIT;
        }
        while (next < M->njobs && (P->have[next] || P->running < R->workers))
        {
            if (P->have[next]) { next++; continue; }
            char dest[4200];
            snprintf(dest, sizeof(dest), "%s/%ld.rec", tmpdir, (long) next);
            fflush(NULL);
            pid_t pid = fork();
            if (pid == 0)
            {
                /* a group of its own, so that stopping the job stops its analyses;
                   signals to the run reach the parent, which stops the jobs */
                setpgid(0, 0);
                signal(SIGINT, SIG_DFL);
                signal(SIGTERM, SIG_DFL);
                signal(SIGHUP, SIG_DFL);
                _exit(_job_record(M->jobs + next, next, dest, tmpdir));
            }
            if (pid < 0)
                return RELU_E_IO;
            setpgid(pid, pid);   /* also here: the parent may kill the group before the child runs */
            P->pids[next++] = pid;
            P->running++;
        }
        _pool_reap(P, R, M, tmpdir);
    }
    return RELU_OK;
}

static int
_write_ordered(batch_result_t R, const batch_manifest_t M, char ** have, rc_error_t err)
{
    char * tmp = NULL;
    if (asprintf(&tmp, "%s.tmp.%ld", R->out, (long) getpid()) < 0)
        return rc_error_set(err, RELU_E_IO, "out of memory");
    struct stat st;
    int direct = stat(R->out, &st) == 0 && !S_ISREG(st.st_mode);
    FILE * fp = fopen(direct ? R->out : tmp, "w");
    for (slong k = 0; fp && k < M->njobs; k++)
    {
        if (!have[k]) { R->missing++; continue; }
        fputs(have[k], fp);
        _record_count(R, have[k]);
    }
    int bad = fp == NULL || ferror(fp);
    if (fp != NULL && fclose(fp) != 0)
        bad = 1;
    if (!bad && !direct && rename(tmp, R->out) != 0)
        bad = 1;
    if (!direct)
        unlink(tmp);
    free(tmp);
    return bad ? rc_error_set(err, RELU_E_IO, "cannot write %s: %s", R->out, strerror(errno)) : RELU_OK;
}

int
batch_run(batch_result_t R, const batch_manifest_t M, rc_error_t err)
{
    char tmpdir[] = "/tmp/relucert-batch-XXXXXX";
    batch_pool P = { calloc(M->njobs + 1, sizeof(char *)), calloc(M->njobs + 1, sizeof(pid_t)), 0, NULL };
    R->njobs = M->njobs;
    R->kept = _resume(P.have, M, R->out);
    int status = RELU_OK;
    /* a regular --out is also the run's journal (records as they finish, for a
       resume after a crash); a device or a pipe gets the ordered records once */
    struct stat st;
    int journal = stat(R->out, &st) != 0 || S_ISREG(st.st_mode);
    if (mkdtemp(tmpdir) == NULL)
        status = rc_error_set(err, RELU_E_IO, "cannot create a scratch directory in /tmp: %s", strerror(errno));
    else if (journal && (P.ofp = fopen(R->out, "w")) == NULL)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", R->out, strerror(errno));
    for (slong k = 0; status == RELU_OK && P.ofp != NULL && k < M->njobs; k++)
        if (P.have[k])
            fputs(P.have[k], P.ofp);
    if (status == RELU_OK)
    {
        if (P.ofp != NULL)
            fflush(P.ofp);
        status = _pool_run(&P, R, M, tmpdir);
        if (status != RELU_OK && status != RELU_E_LIMIT)
            rc_error_set(err, RELU_E_IO, "cannot start worker processes: %s", strerror(errno));
    }
    if (P.ofp != NULL && (fclose(P.ofp) != 0) && status == RELU_OK)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", R->out, strerror(errno));
    rmdir(tmpdir);
    /* interrupted: the finished jobs' records still go out, in manifest order */
    R->partial = status == RELU_E_LIMIT;
    if (status == RELU_OK || R->partial)
    {
        int st = _write_ordered(R, M, P.have, err);
        if (st)
            status = st;
    }
    if (status == RELU_E_LIMIT)
        rc_error_set(err, RELU_E_LIMIT, "interrupted by %s: %ld of %ld jobs have records in %s (a later run with "
                     "the same --out resumes)", rc_signal_name(R->stop_signal), (long) (R->njobs - R->missing),
                     (long) R->njobs, R->out);
    else if (status == RELU_OK && R->missing)
        status = rc_error_set(err, RELU_E_INTERNAL, "%ld jobs produced no record", (long) R->missing);
    for (slong k = 0; k < M->njobs; k++)
        free(P.have[k]);
    free(P.have);
    free(P.pids);
    return status;
}

void
batch_result_write_text(FILE * fp, const batch_result_t R)
{
    fprintf(fp, "batch %s: %ld jobs, %ld computed, %ld kept from an earlier run%s\n", R->manifest, (long) R->njobs,
            (long) R->computed, (long) R->kept, R->partial ? " (interrupted: records of the finished jobs only)" : R->missing ? " (some records missing!)" : "");
    fprintf(fp, "%-12s %8s %8s\n", "analysis", "records", "errors");
    for (int q = 0; q < BATCH_NUM_ANALYSES; q++)
        if (R->runs[q])
            fprintf(fp, "%-12s %8ld %8ld\n", batch_analysis_names[q], (long) R->runs[q], (long) R->errors[q]);
    fprintf(fp, "output: %s\n", R->out);
}

void
batch_result_write_json(jout_t out, const batch_result_t R)
{
    jout_begin_object(out);
    jout_key(out, "manifest"); jout_string(out, R->manifest);
    jout_key(out, "jobs"); jout_int(out, R->njobs);
    jout_key(out, "computed"); jout_int(out, R->computed);
    jout_key(out, "kept"); jout_int(out, R->kept);
    jout_key(out, "failed_jobs"); jout_int(out, R->failed_jobs);
    jout_key(out, "analyses");
    jout_begin_object(out);
    for (int q = 0; q < BATCH_NUM_ANALYSES; q++)
        if (R->runs[q])
        {
            jout_key(out, batch_analysis_names[q]);
            jout_begin_object(out);
            jout_key(out, "records"); jout_int(out, R->runs[q]);
            jout_key(out, "errors"); jout_int(out, R->errors[q]);
            jout_end_object(out);
        }
    jout_end_object(out);
    jout_key(out, "output"); jout_string(out, R->out);
    jout_key(out, "partial"); jout_bool(out, R->partial);
    jout_end_object(out);
}
