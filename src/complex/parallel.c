/* The regions analysis in parallel: worker processes (--jobs) or MPI ranks
   explore disjoint sets of subtrees of the one DFS (regions_iter_set_part),
   each leaves its counts and records in files, and the parent adds the counts
   up and merges the records in subtree order, which is the order of a single
   run: the output is the same for any number of workers. Limits apply per
   worker (max_regions shared out, the quotas adding up to it) and a signal stops every worker
   between two regions; the merged result is then marked partial. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "complex/summary.h"

typedef struct
{
    const net_struct * net;
    complex_struct * C;
    const complex_summary_options * o;
    rc_error_struct * err;
    slong * fvec;
    jout_struct * rec;
    FILE * ids;
    slong max_regions;
    double deadline;
}
part_ctx;

static double
_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int
_part_region(void * data, const region_struct * R)
{
    part_ctx * x = data;
    complex_add_region(x->C, x->rec ? x->fvec : NULL, R);
    if (x->o->verify && poly_verify_cdd(R->P, x->err))
        return x->err->code;
    if (x->rec)
    {
        region_write_json(x->rec, x->net, R, x->fvec);
        fprintf(x->ids, "%ld\n", (long) R->subtree);
    }
    int sig = x->o->interrupted != NULL ? x->o->interrupted() : 0;
    if (sig)
        return rc_error_set(x->err, RELU_E_LIMIT, "interrupted by %s; the output is partial",
                            rc_signal_name(sig));
    if (x->max_regions > 0 && x->C->regions >= x->max_regions)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --max-regions %ld; the output is partial",
                            (long) x->o->max_regions);
    if (x->deadline > 0 && _now() > x->deadline)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --time-limit; the output is partial");
    return 0;
}

/* Where the search is dealt out to nparts workers. Each worker walks the tree
   down to neuron `split` itself (that prefix is repeated in every worker), so
   the split must be shallow enough for the prefix to be cheap and deep enough
   for many subtrees (load balance): about a quarter of the neurons, at least
   8 + log2(nparts). The output does not depend on it. */
static slong
_parts_split(const net_t net, slong nparts)
{
    slong N = net_num_hidden(net);
    return FLINT_MIN(N, FLINT_MAX(8 + FLINT_BIT_COUNT(nparts), N / 4));
}

static FILE *
_part_file(const char * dir, slong part, const char * suffix, const char * mode)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/%ld.%s", dir, (long) part, suffix);
    return fopen(path, mode);
}

/* The regions worker `part` may find under --max-regions K (0: no limit): the
   quotas add up to K exactly, so a partial run never reports more than K
   regions; -1 for a worker whose quota is empty (K < nparts). */
static slong
_part_quota(slong K, slong part, slong nparts)
{
    if (K <= 0)
        return 0;
    slong q = K / nparts + (part < K % nparts);
    return q > 0 ? q : -1;
}

/* Worker `part` of nparts: explores its subtrees and leaves in dir the files
   part.cnt (counts), part.err (only on failure or a limit: code and message),
   and with records part.rec (one JSON record per line) and part.ids (their
   subtree numbers). Returns 0, 1 (see part.err) or 3 (cannot write dir). */
static int
_part_run(const net_t net, const poly_t domain, const complex_summary_options * o, slong split, slong part,
          slong nparts, int records, const char * dir)
{
    complex_t C;
    rc_error_t err;
    jout_t rec;
    rc_error_init(err);
    complex_init(C, domain, net_num_hidden(net), 0);
    part_ctx x = { net, C, o, err, flint_malloc((net->input_dim + 1) * sizeof(slong)), NULL, NULL,
                   _part_quota(o->max_regions, part, nparts),
                   o->time_limit > 0 ? _now() + o->time_limit : 0 };
    FILE * rfp = records ? _part_file(dir, part, "rec", "w") : NULL;
    x.ids = records ? _part_file(dir, part, "ids", "w") : NULL;
    int bad = records && (rfp == NULL || x.ids == NULL), st = 0;
    if (rfp != NULL)
    {
        jout_init(rec, rfp, 0, 1);
        x.rec = rec;
    }
    if (!bad && x.max_regions < 0)
        st = rc_error_set(err, RELU_E_LIMIT, "stopped at --max-regions %ld; the output is partial",
                          (long) o->max_regions);
    else if (!bad)
        st = regions_enumerate_part(net, domain, split, part, nparts, _part_region, &x);
    if (rfp != NULL)
    {
        jout_clear(rec);
        bad |= fclose(rfp) != 0;
    }
    if (x.ids != NULL)
        bad |= fclose(x.ids) != 0;
    FILE * cnt = bad ? NULL : _part_file(dir, part, "cnt", "w");
    if (cnt != NULL)
    {
        complex_write_counts(cnt, C);
        bad |= fclose(cnt) != 0;
    }
    FILE * ef = st ? _part_file(dir, part, "err", "w") : NULL;
    if (ef != NULL)
    {
        fprintf(ef, "%d %s", err->code, err->msg);
        fclose(ef);
    }
    flint_free(x.fvec);
    complex_clear(C);
    return bad || cnt == NULL ? 3 : st ? 1 : 0;
}

/* A worker's verdict from its .err file: RELU_E_LIMIT marks the result partial. */
static int
_merge_error(complex_summary_struct * S, const char * dir, slong w, int status, rc_error_t err)
{
    FILE * ef = _part_file(dir, w, "err", "r");
    int code;
    char msg[2048] = "a worker failed";
    /* (an MPI rank that did not fail sends an empty file) */
    if (ef != NULL && fscanf(ef, "%d ", &code) == 1 && status == RELU_OK)
    {
        if (fgets(msg, sizeof(msg), ef) == NULL)
            code = RELU_E_INTERNAL;
        if (code == RELU_E_LIMIT)
        {
            S->partial = 1;
            snprintf(S->stopped, sizeof(S->stopped), "%.500s", msg);
        }
        else
            status = rc_error_set(err, code, "%s", msg);
    }
    if (ef != NULL)
        fclose(ef);
    return status;
}

/* Emits one region record (read back from a worker) in the global order. */
static void
_emit_record(const complex_summary_options * o, const jnode * rec, slong index)
{
    for (int w = 0; w < 2; w++)
    {
        jout_struct * out = w ? o->stream : o->list;
        if (out == NULL)
            continue;
        jout_begin_object(out);
        jout_key(out, "index");
        jout_int(out, index);
        for (size_t i = 0; i < rec->nitems; i++)
            if (strcmp(rec->keys[i], "index"))
            {
                jout_key(out, rec->keys[i]);
                jout_node(out, rec->items[i]);
            }
        jout_end_object(out);
    }
    if (o->text_list)
        complex_region_text_of_record(o->text_list, rec, index);
}

/* Merges the workers' records by subtree number: each worker's subtrees are increasing. */
static int
_merge_records(const complex_summary_options * o, FILE ** rec, FILE ** ids, slong nparts, rc_error_t err)
{
    long * next = flint_malloc(nparts * sizeof(long));
    char * line = NULL;
    size_t cap = 0;
    int status = RELU_OK;
    for (slong w = 0; w < nparts; w++)
        if (!ids[w] || fscanf(ids[w], "%ld", next + w) != 1)
            next[w] = -1;
    for (slong index = 0; status == RELU_OK; index++)
    {
        slong best = -1;
        for (slong w = 0; w < nparts; w++)
            if (next[w] >= 0 && (best < 0 || next[w] < next[best]))
                best = w;
        if (best < 0)
            break;
        jnode * v;
        ssize_t len = getline(&line, &cap, rec[best]);
        if (len <= 0 || jnode_parse(&v, line, len, err) != RELU_OK)
        {
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: a worker's record is missing");
            break;
        }
        _emit_record(o, v, index);
        jnode_free(v);
        if (fscanf(ids[best], "%ld", next + best) != 1)
            next[best] = -1;
    }
    free(line);
    flint_free(next);
    return status;
}

static void
_unlink_part(const char * dir, slong w, const char * suffix)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/%ld.%s", dir, (long) w, suffix);
    unlink(path);
}

/* Adds up the counts the nparts workers left in dir and emits their records;
   removes the files and dir. `status` is the caller's verdict so far. */
static int
_parts_merge(complex_summary_struct * S, const complex_summary_options * o, const char * dir, slong nparts,
             int records, int status, rc_error_t err)
{
    for (slong w = 0; w < nparts; w++)
    {
        status = _merge_error(S, dir, w, status, err);
        FILE * cnt = _part_file(dir, w, "cnt", "r");
        if (status == RELU_OK && (cnt == NULL || !complex_add_counts(S->C, cnt)))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: lost the counts of worker %ld", (long) w);
        if (cnt)
            fclose(cnt);
    }
    if (records && status == RELU_OK)
    {
        FILE ** rec = flint_calloc(nparts, sizeof(FILE *)), ** ids = flint_calloc(nparts, sizeof(FILE *));
        for (slong w = 0; w < nparts; w++)
        {
            rec[w] = _part_file(dir, w, "rec", "r");
            ids[w] = _part_file(dir, w, "ids", "r");
        }
        status = _merge_records(o, rec, ids, nparts, err);
        for (slong w = 0; w < nparts; w++)
        {
            if (rec[w]) fclose(rec[w]);
            if (ids[w]) fclose(ids[w]);
        }
        flint_free(rec);
        flint_free(ids);
    }
    static const char * suffix[4] = { "cnt", "err", "rec", "ids" };
    for (slong w = 0; w < nparts; w++)
        for (int s = 0; s < 4; s++)
            _unlink_part(dir, w, suffix[s]);
    rmdir(dir);
    if (status == RELU_OK && S->partial)
        status = rc_error_set(err, RELU_E_LIMIT, "%s", S->stopped);
    return status;
}

/* Waits for the workers; a signal to this process only (SIGTERM, SIGHUP) is
   passed on to them, so they stop between two regions and leave their files. */
static int
_workers_wait(const pid_t * pid, slong jobs, const complex_summary_options * o, rc_error_t err)
{
    int status = RELU_OK, forwarded = 0;
    for (slong w = 0; w < jobs; w++)
    {
        int st;
        pid_t r;
        while ((r = waitpid(pid[w], &st, 0)) < 0 && errno == EINTR)
        {
            int sig = o->interrupted != NULL ? o->interrupted() : 0;
            for (slong v = 0; sig && !forwarded && v < jobs; v++)
                if (pid[v] > 0)
                    kill(pid[v], sig);
            forwarded |= sig != 0;
        }
        if ((pid[w] < 0 || r < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 1) && status == RELU_OK)
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: worker %ld of %ld failed", (long) w,
                                  (long) jobs);
    }
    return status;
}

static int
_run_jobs(complex_summary_struct * S, const net_t net, const poly_t domain, const complex_summary_options * o,
          int records, rc_error_t err)
{
    char dir[] = "/tmp/relucert-regions-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot create a temporary directory for the workers");
    slong jobs = o->jobs, split = _parts_split(net, jobs);
    pid_t * pid = flint_malloc(jobs * sizeof(pid_t));
    fflush(NULL);
    for (slong w = 0; w < jobs; w++)
    {
        pid[w] = fork();
        if (pid[w] == 0)
            _exit(_part_run(net, domain, o, split, w, jobs, records, dir));
    }
    int status = _workers_wait(pid, jobs, o, err);
    flint_free(pid);
    return _parts_merge(S, o, dir, jobs, records, status, err);
}

/* Under mpirun: rank r is worker r of the MPI size, in a temporary directory
   of its own machine; ranks > 0 send their files to rank 0, which merges them
   as for --jobs. Called by every rank; only rank 0 has records to write. */
static int
_run_mpi(complex_summary_struct * S, const net_t net, const poly_t domain, const complex_summary_options * o,
         int records, rc_error_t err)
{
    static const char * suffix[4] = { "cnt", "err", "rec", "ids" };
    const complex_transport * T = o->mpi;
    char dir[] = "/tmp/relucert-mpi-XXXXXX", path[4200];
    int ok = mkdtemp(dir) != NULL, status = RELU_OK;
    int st = ok ? _part_run(net, domain, o, _parts_split(net, T->size), T->rank, T->size, records, dir) : 3;
    if (T->rank > 0)
    {
        for (int s = 0; s < 4; s++)
        {
            snprintf(path, sizeof(path), "%s/%d.%s", dir, T->rank, suffix[s]);
            T->send_file(path, 0);
            unlink(path);
        }
        rmdir(dir);
        /* rank 0 reports the failure: st > 1 leaves no .cnt, which it notices */
        return T->bcast_int(0);
    }
    if (!ok || st > 1)
        status = rc_error_set(err, RELU_E_IO, "cannot write the temporary files of MPI rank 0");
    for (int r = 1; r < T->size; r++)
        for (int s = 0; s < 4; s++)
        {
            snprintf(path, sizeof(path), "%s/%d.%s", dir, r, suffix[s]);
            if (T->recv_file(ok ? path : NULL, r) && status == RELU_OK)
                status = rc_error_set(err, RELU_E_IO, "cannot store the results of MPI rank %d", r);
        }
    if (ok)
        status = _parts_merge(S, o, dir, T->size, records, status, err);
    T->bcast_int(status);
    return status;
}

int
complex_summary_parallel(complex_summary_t S, const net_t net, const poly_t domain,
                         const complex_summary_options * o, rc_error_t err)
{
    int records = o->records || o->list != NULL || o->stream != NULL || o->text_list != NULL;
    int status = o->mpi != NULL && o->mpi->size > 1 ? _run_mpi(S, net, domain, o, records, err)
                                                     : _run_jobs(S, net, domain, o, records, err);
    if (status == RELU_OK && (o->mpi == NULL || o->mpi->rank == 0))
        status = complex_finish(S->C, err);
    return status;
}
