#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"

static const char * regions_help =
"usage: relucert regions NET [--box LO,HI | --domain FILE | --whole] [options]\n"
"\n"
"Every full-dimensional activation region of the network NET inside the domain\n"
"(default: all of R^n), exactly, and the polyhedral complex the regions form.\n"
"\n"
"options:\n"
"  --box LO,HI       the cube [LO,HI]^n (LO < HI rationals, e.g. -1,1 or -1/2,0.75)\n"
"  --domain FILE     the polyhedron {x : A x <= b} from {\"A\": [[...]], \"b\": [...]}\n"
"  --whole           all of R^n (unbounded regions and faces are counted)\n"
"  --json            one JSON object on stdout (keys below)\n"
"  --list            include every region (in --json as \"region_list\", else one line each)\n"
"  --stream FILE     write every region as a JSON Lines record to FILE as it is found\n"
"                    (memory stays bounded; '-' is stdout)\n"
"  --verify          recompute every region with cddlib (GMP rational build): vertices,\n"
"                    rays and irredundancy of the facets must agree\n"
"  --check-faces     count the faces of the complex a second way (global table of sign\n"
"                    vectors) besides the local ownership rule\n"
"                    (any disagreement is an internal error, exit 70)\n"
"  --certificate FILE  write a certificate of the regions to FILE, for relucert-check\n"
"                    (network, domain, per region: pattern, interior point, facets with\n"
"                    sources, a witness point per facet, Farkas multipliers for every\n"
"                    other constraint; the adjacency across facets; the counts)\n"
"  --quiet           no progress line on stderr\n"
"  --max-regions N   stop after N regions; --time-limit S: after S seconds; on a limit or on\n"
"                    Ctrl-C (SIGINT) the output so far stays valid (JSON closed, stream lines\n"
"                    complete), says \"partial\": true, and the exit status is 4\n"
"  --jobs N          N worker processes (subtrees of the search dealt out round-robin);\n"
"                    the output is identical for every N\n"
"  (mpirun -np N relucert regions ...: with MPI at build time, the N ranks share the\n"
"                    search like --jobs workers, on any machines; rank 0 writes the\n"
"                    same output, byte for byte)\n"
"  --engine dd|lp    dd: vertices and inequalities (double description; default up to 10\n"
"                    inputs); lp: inequalities, an exact interior point and exact LPs\n"
"                    (default above 10 inputs; a box in R^n has 2^n vertices). Same regions,\n"
"                    same order. Up to 10 inputs --engine lp rebuilds each region's vertices\n"
"                    and gives the same records and f-vector; above, records have no vertices\n"
"                    and the summary no f-vector/euler (\"fvector_computed\": false). The JSON\n"
"                    says \"engine\" when the LP engine runs or --engine is given.\n"
"  --near POINT      the region of POINT (comma-separated, not on a region boundary), then\n"
"                    breadth first across facets, in order of distance in the dual graph\n"
"                    (records get \"distance\"); with --max-regions K (exit 4, partial, when\n"
"                    regions are left) or --radius R (every region within distance R)\n"
"  --help            this text\n"
"\n"
"examples:\n"
"  relucert regions net20.json --box -1,1 --json           (20 inputs: the LP engine)\n"
"  relucert regions net.json --box -1,1 --engine lp --json\n"
"  relucert regions net.json --box -1,1 --near 0,1/2 --radius 2 --json --list\n"
"\n"
"JSON keys: input_dim, domain, hidden_neurons, regions, bounded_regions,\n"
"  relatively_bounded_regions (no rays), interior_regions (not meeting the domain's\n"
"  boundary), fvector [f_0..f_n] of the complex (faces identified across regions; domain\n"
"  boundary faces included; over R^n unbounded faces count), euler (sum (-1)^i f_i, checked\n"
"  against the domain's), facet_histogram {facets: regions}, mean_facets (exact \"p/q\"),\n"
"  verified, faces_checked, version, partial (true when a limit stopped the run: the counts are\n"
"  those of the regions found so far; stopped: why).\n"
"Region records (--list, --stream): index, pattern (0/1 per hidden neuron, layer by layer),\n"
"  interior_point, inequalities {A, b, sources} (irredundant, A x <= b; sources: neuron\n"
"  index from 0 or \"domain k\"), vertices, rays, lineality (if any), bounded,\n"
"  affine {W, c} (the network's output W x + c on the region), facets, fvector.\n"
"Regions come in lexicographic order of their patterns.\n";

typedef struct
{
    const net_struct * net;
    complex_struct * C;
    jout_struct * list;
    jout_struct * stream;
    int text_list;
    int verify;
    rc_error_struct * err;
    cli_progress * prog;
    slong * fvec;
    cert_regions_struct * cert;
    FILE * ids;              /* --jobs workers: subtree number of each record */
    slong max_regions;       /* 0: no limit */
    double deadline;         /* 0: no limit */
}
regions_ctx;

static volatile sig_atomic_t interrupted = 0;

static void
on_sigint(int sig)
{
    (void) sig;
    interrupted = 1;
}

/* Limits and SIGINT stop the run between two regions: everything written so
   far stays valid, and the output says it is partial. */
static int
regions_check_limits(regions_ctx * x)
{
    if (interrupted)
        return rc_error_set(x->err, RELU_E_LIMIT, "interrupted after %ld regions; the output is partial",
                            (long) x->C->regions);
    if (x->max_regions > 0 && x->C->regions >= x->max_regions)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --max-regions %ld; the output is partial",
                            (long) x->max_regions);
    if (x->deadline > 0 && cli_now() > x->deadline)
        return rc_error_set(x->err, RELU_E_LIMIT, "stopped at --time-limit after %ld regions; the output is partial",
                            (long) x->C->regions);
    return 0;
}

static int
on_region(void * data, const region_struct * R)
{
    regions_ctx * x = data;
    complex_add_region(x->C, x->fvec, R);
    if (x->verify && poly_verify_cdd(R->P, x->err))
        return x->err->code;
    if (x->cert && cert_regions_add(x->cert, R, x->err))
        return x->err->code;
    if (x->list)
        region_write_json(x->list, x->net, R, x->fvec);
    if (x->stream)
        region_write_json(x->stream, x->net, R, x->fvec);
    if (x->text_list)
    {
        char * pat = flint_malloc(R->N + 1);
        region_pattern_str(pat, R);
        printf("  region %ld  pattern %s  facets %ld  vertices %ld  %s\n", (long) R->index, pat,
               (long) poly_num_facets(R->P), (long) poly_num_vertices(R->P),
               poly_is_bounded(R->P) ? "bounded" : "unbounded");
        flint_free(pat);
    }
    cli_progress_update(x->prog, "regions", x->C->regions);
    return regions_check_limits(x);
}

static void
write_summary_json(jout_t out, const net_t net, const complex_t C, const char * desc, int verified,
                   int faces_checked)
{
    char key[32];
    fmpq_t mean;
    fmpq_init(mean);
    jout_key(out, "input_dim");
    jout_int(out, net->input_dim);
    jout_key(out, "domain");
    jout_string(out, desc);
    jout_key(out, "hidden_neurons");
    jout_int(out, net_num_hidden(net));
    jout_key(out, "regions");
    jout_int(out, C->regions);
    jout_key(out, "bounded_regions");
    jout_int(out, C->bounded);
    jout_key(out, "relatively_bounded_regions");
    jout_int(out, C->relatively_bounded);
    jout_key(out, "interior_regions");
    jout_int(out, C->interior);
    jout_key(out, "fvector");
    jout_begin_array(out);
    for (slong k = 0; k <= C->n; k++)
        jout_int(out, C->fvec[k]);
    jout_end_array(out);
    jout_key(out, "euler");
    jout_int(out, complex_euler(C));
    jout_key(out, "facet_histogram");
    jout_begin_object(out);
    for (slong f = 0; f < C->hist_len; f++)
        if (C->hist[f])
        {
            snprintf(key, sizeof(key), "%ld", (long) f);
            jout_key(out, key);
            jout_int(out, C->hist[f]);
        }
    jout_end_object(out);
    complex_mean_facets(mean, C);
    jout_key(out, "mean_facets");
    jout_fmpq_str(out, mean);
    jout_key(out, "verified");
    jout_bool(out, verified);
    jout_key(out, "faces_checked");
    jout_bool(out, faces_checked);
    jout_key(out, "version");
    jout_string(out, RELUCERT_VERSION);
    fmpq_clear(mean);
}

static void
write_summary_text(const char * path, const net_t net, const complex_t C, const char * desc, int verified,
                   int faces_checked)
{
    char approx[600];
    fmpq_t mean;
    fmpq_init(mean);
    printf("network %s: input dimension %ld, hidden widths", path, (long) net->input_dim);
    for (slong j = 0; j + 1 < net->nlayers; j++)
        printf("%s%ld", j ? "," : " ", (long) net_layer_width(net, j));
    if (net->nlayers == 1)
        printf(" (none)");
    printf(", %ld output%s\n", (long) net_num_outputs(net), net_num_outputs(net) == 1 ? "" : "s");
    printf("domain: %s\n", desc);
    printf("regions: %ld (bounded %ld, not meeting the domain boundary %ld)\n", (long) C->regions,
           (long) C->bounded, (long) C->interior);
    printf("f-vector of the complex:");
    for (slong k = 0; k <= C->n; k++)
        printf(" %ld", (long) C->fvec[k]);
    printf("\nEuler characteristic: %ld (equal to the domain's)\n", (long) complex_euler(C));
    printf("facets per region:");
    for (slong f = 0; f < C->hist_len; f++)
        if (C->hist[f])
            printf(" %ld:%ld", (long) f, (long) C->hist[f]);
    complex_mean_facets(mean, C);
    char * ms = num_get_str(mean);
    cli_fmpq_approx(approx, sizeof(approx), mean, 4);
    printf("\nmean facets per region: %s (= %s...)\n", ms, approx);
    if (verified)
        printf("verified: every region recomputed by cddlib (GMP), vertices/rays/facets agree\n");
    if (faces_checked)
        printf("faces checked: counted again through a global table of sign vectors, same f-vector\n");
    flint_free(ms);
    fmpq_clear(mean);
}

/* Emits one region record (read back from a worker) in the global order. */
static void
emit_record(regions_ctx * x, const jnode * rec, slong index)
{
    for (int w = 0; w < 2; w++)
    {
        jout_struct * o = w ? x->stream : x->list;
        if (o == NULL)
            continue;
        jout_begin_object(o);
        jout_key(o, "index");
        jout_int(o, index);
        for (size_t i = 0; i < rec->nitems; i++)
            if (strcmp(rec->keys[i], "index"))
            {
                jout_key(o, rec->keys[i]);
                jout_node(o, rec->items[i]);
            }
        jout_end_object(o);
    }
    if (x->text_list)
    {
        const jnode * pat = jnode_get(rec, "pattern"), * fa = jnode_get(rec, "facets"),
                    * ve = jnode_get(rec, "vertices"), * bo = jnode_get(rec, "bounded");
        printf("  region %ld  pattern %s  facets %s  vertices %ld  %s\n", (long) index, pat->text, fa->text,
               (long) ve->nitems, bo->type == JNODE_TRUE ? "bounded" : "unbounded");
    }
}

static int
on_region_part(void * data, const region_struct * R)
{
    regions_ctx * x = data;
    complex_add_region(x->C, x->fvec, R);
    if (x->verify && poly_verify_cdd(R->P, x->err))
        return x->err->code;
    if (x->stream)   /* the worker's record file */
    {
        region_write_json(x->stream, x->net, R, x->fvec);
        fprintf(x->ids, "%ld\n", (long) R->subtree);
    }
    return 0;
}

/* Where the search is dealt out to nparts workers. Each worker walks the tree
   down to neuron `split` itself (that prefix is repeated in every worker), so
   the split must be shallow enough for the prefix to be cheap and deep enough
   for many subtrees (load balance): about a quarter of the neurons, at least
   8 + log2(nparts). The output does not depend on it. */
static slong
parts_split(const net_t net, slong nparts)
{
    slong N = net_num_hidden(net);
    return FLINT_MIN(N, FLINT_MAX(8 + FLINT_BIT_COUNT(nparts), N / 4));
}

/* Worker `part` of nparts: explores its subtrees and leaves in dir the files
   part.cnt (counts), part.err (only on failure: code and message), and with
   records part.rec (one JSON record per line) and part.ids (their subtree
   numbers). Returns 0, 1 (failed, see part.err) or 3 (cannot write dir). */
static int
part_run(regions_ctx * x, const net_t net, const poly_t domain, slong split, slong part, slong nparts,
         int records, const char * dir)
{
    char path[4200];
    FILE * rec = NULL, * ids = NULL, * cnt, * ef;
    jout_t o;
    /* counts of this part alone (an MPI rank 0 merges into x->C afterwards) */
    complex_t Cw;
    complex_init(Cw, domain, net_num_hidden(net), 0);
    regions_ctx y = *x;
    y.C = Cw;
    y.list = NULL;
    y.text_list = 0;
    y.stream = NULL;
    if (records)
    {
        snprintf(path, sizeof(path), "%s/%ld.rec", dir, (long) part);
        rec = fopen(path, "w");
        snprintf(path, sizeof(path), "%s/%ld.ids", dir, (long) part);
        ids = fopen(path, "w");
        if (rec == NULL || ids == NULL)
        {
            complex_clear(Cw);
            return 3;
        }
        jout_init(o, rec, 0, 1);
        y.stream = o;
        y.ids = ids;
    }
    int st = regions_enumerate_part(net, domain, split, part, nparts, on_region_part, &y);
    if (records)
    {
        jout_clear(o);
        fclose(rec);
        fclose(ids);
    }
    snprintf(path, sizeof(path), "%s/%ld.cnt", dir, (long) part);
    cnt = fopen(path, "w");
    if (cnt != NULL)
    {
        complex_write_counts(cnt, Cw);
        fclose(cnt);
    }
    complex_clear(Cw);
    if (cnt == NULL)
        return 3;
    if (st)
    {
        snprintf(path, sizeof(path), "%s/%ld.err", dir, (long) part);
        if ((ef = fopen(path, "w")) != NULL)
        {
            fprintf(ef, "%d %s", y.err->code, y.err->msg);
            fclose(ef);
        }
    }
    return st ? 1 : 0;
}

/* Adds up the counts the nparts workers left in dir and emits their records
   merged in subtree order, which is the order of a single run; removes the
   files and dir. `status` is the caller's verdict so far (a crashed worker). */
static int
parts_merge(regions_ctx * x, const char * dir, slong nparts, int records, int status, rc_error_t err)
{
    char path[4200];
    for (slong w = 0; w < nparts; w++)
    {
        snprintf(path, sizeof(path), "%s/%ld.err", dir, (long) w);
        FILE * ef = fopen(path, "r");
        int code;
        char msg[2048] = "a worker failed";
        /* (an MPI rank that did not fail sends an empty file) */
        if (ef != NULL && fscanf(ef, "%d ", &code) == 1 && status == RELU_OK)
        {
            if (fgets(msg, sizeof(msg), ef) == NULL)
                code = RELU_E_INTERNAL;
            status = rc_error_set(err, code, "%s", msg);
        }
        if (ef != NULL)
            fclose(ef);
        unlink(path);
        snprintf(path, sizeof(path), "%s/%ld.cnt", dir, (long) w);
        FILE * cnt = fopen(path, "r");
        if (status == RELU_OK && (cnt == NULL || !complex_add_counts(x->C, cnt)))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: lost the counts of worker %ld", (long) w);
        if (cnt) fclose(cnt);
        unlink(path);
    }
    if (records)
    {
        /* merge by subtree number: each worker's subtrees are increasing */
        FILE ** rec = flint_calloc(nparts, sizeof(FILE *)), ** ids = flint_calloc(nparts, sizeof(FILE *));
        long * next = flint_malloc(nparts * sizeof(long));
        for (slong w = 0; w < nparts; w++)
        {
            snprintf(path, sizeof(path), "%s/%ld.rec", dir, (long) w);
            rec[w] = fopen(path, "r");
            unlink(path);
            snprintf(path, sizeof(path), "%s/%ld.ids", dir, (long) w);
            ids[w] = fopen(path, "r");
            unlink(path);
            if (!ids[w] || fscanf(ids[w], "%ld", next + w) != 1)
                next[w] = -1;
        }
        char * line = NULL;
        size_t cap = 0;
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
            emit_record(x, v, index);
            jnode_free(v);
            if (fscanf(ids[best], "%ld", next + best) != 1)
                next[best] = -1;
        }
        free(line);
        for (slong w = 0; w < nparts; w++)
        {
            if (rec[w]) fclose(rec[w]);
            if (ids[w]) fclose(ids[w]);
        }
        flint_free(rec);
        flint_free(ids);
        flint_free(next);
    }
    rmdir(dir);
    return status;
}

/* --jobs N: N worker processes explore disjoint sets of subtrees
   (regions_enumerate_part); their counts are added up and their records merged. */
static int
run_parallel(regions_ctx * x, const net_t net, const poly_t domain, slong jobs, int records, rc_error_t err)
{
    char dir[] = "/tmp/relucert-regions-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot create a temporary directory for the workers");
    slong split = parts_split(net, jobs);
    pid_t * pid = flint_malloc(jobs * sizeof(pid_t));
    for (slong w = 0; w < jobs; w++)
    {
        pid[w] = fork();
        if (pid[w] == 0)
            _exit(part_run(x, net, domain, split, w, jobs, records, dir));
    }
    int status = RELU_OK;
    for (slong w = 0; w < jobs; w++)
    {
        int st;
        if (pid[w] < 0 || waitpid(pid[w], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
            if (status == RELU_OK)
                status = rc_error_set(err, RELU_E_INTERNAL, "internal error: worker %ld of %ld failed", (long) w, (long) jobs);
    }
    flint_free(pid);
    return parts_merge(x, dir, jobs, records, status, err);
}

/* Under mpirun (built with MPI): rank r is worker r of the MPI size, in a
   temporary directory of its own machine; ranks > 0 send their files to rank
   0, which merges them exactly as run_parallel does. Called by every rank;
   only rank 0 writes output. Returns the status (the same on every rank). */
static int
run_mpi(regions_ctx * x, const net_t net, const poly_t domain, int rank, int size, int records, rc_error_t err)
{
    static const char * suffix[4] = { "cnt", "err", "rec", "ids" };
    char dir[] = "/tmp/relucert-mpi-XXXXXX", path[4200];
    int ok = mkdtemp(dir) != NULL, status = RELU_OK;
    slong split = parts_split(net, size);
    int st = ok ? part_run(x, net, domain, split, rank, size, records, dir) : 3;
    if (rank > 0)
    {
        for (int s = 0; s < 4; s++)
        {
            snprintf(path, sizeof(path), "%s/%d.%s", dir, rank, suffix[s]);
            cli_mpi_send_file(path, 0);
            unlink(path);
        }
        rmdir(dir);
        /* rank 0 reports the failure: st > 1 leaves no .cnt, which it notices */
        return cli_mpi_bcast_int(0);
    }
    if (!ok || st > 1)
        status = rc_error_set(err, RELU_E_IO, "cannot write the temporary files of MPI rank 0");
    for (int r = 1; r < size; r++)
        for (int s = 0; s < 4; s++)
        {
            snprintf(path, sizeof(path), "%s/%d.%s", dir, r, suffix[s]);
            if (cli_mpi_recv_file(ok ? path : NULL, r) && status == RELU_OK)
                status = rc_error_set(err, RELU_E_IO, "cannot store the results of MPI rank %d", r);
        }
    if (ok)
        status = parts_merge(x, dir, size, records, status, err);
    cli_mpi_bcast_int(status);
    return status;
}

int
cmd_regions(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "json", no_argument, 0, 'j' },
        { "list", no_argument, 0, 'l' }, { "stream", required_argument, 0, 's' },
        { "verify", no_argument, 0, 'v' }, { "check-faces", no_argument, 0, 'c' },
        { "quiet", no_argument, 0, 'q' }, { "certificate", required_argument, 0, 'C' },
        { "jobs", required_argument, 0, 'J' }, { "max-regions", required_argument, 0, 'M' },
        { "time-limit", required_argument, 0, 'T' },
        /* issue 17 */ { "engine", required_argument, 0, 'E' }, { "near", required_argument, 0, 'N' },
        { "radius", required_argument, 0, 'R' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    int json = 0, list = 0, verify = 0, check_faces = 0, quiet = 0, c;
    const char * stream_path = NULL, * cert_path = NULL;
    long jobs = 1, max_regions = 0;
    double time_limit = 0;
    char * end;
    const char * engine = NULL, * near = NULL;   /* issue 17 */
    long radius = -1;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'j': json = 1; break;
            case 'l': list = 1; break;
            case 's': stream_path = optarg; break;
            case 'v': verify = 1; break;
            case 'c': check_faces = 1; break;
            case 'q': quiet = 1; break;
            case 'C': cert_path = optarg; break;
            case 'M':
                max_regions = strtol(optarg, &end, 10);
                if (*end || max_regions < 1)
                    return cli_usage_error("regions", "--max-regions: expected a positive integer");
                break;
            case 'T':
                time_limit = strtod(optarg, &end);
                if (*end || !(time_limit > 0))
                    return cli_usage_error("regions", "--time-limit: expected a positive number of seconds");
                break;
            case 'J':
                jobs = strtol(optarg, &end, 10);
                if (*end || jobs < 1 || jobs > 256)
                    return cli_usage_error("regions", "--jobs: expected an integer from 1 to 256");
                break;
            /* ---- issue 17: --engine dd|lp, --near POINT, --radius R */
            case 'E':
                if (strcmp(optarg, "dd") && strcmp(optarg, "lp"))
                    return cli_usage_error("regions", "--engine: expected dd or lp");
                engine = optarg;
                break;
            case 'N': near = optarg; break;
            case 'R':
                radius = strtol(optarg, &end, 10);
                if (*end || radius < 0)
                    return cli_usage_error("regions", "--radius: expected a non-negative integer");
                break;
            /* ---- end issue 17 */
            case 'h': fputs(regions_help, stdout); return CLI_EXIT_OK;
            default:
                return cli_usage_error("regions", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("regions", optind >= argc ? "missing network file" : "expected one network file");
    if (jobs > 1 && (check_faces || cert_path || max_regions || time_limit > 0))
        return cli_usage_error("regions", "--check-faces, --certificate and the limits need one process (drop --jobs)");
    /* under mpirun: the ranks share the work like --jobs workers; rank 0 writes */
    int mpi_rank, mpi_size;
    if (cli_mpi_start(&mpi_rank, &mpi_size))
        return cli_usage_error("regions", "cannot run under mpirun (MPI_Init failed, or relucert was built without MPI)");
    if (mpi_size > 1 && (jobs > 1 || check_faces || cert_path || max_regions || time_limit > 0))
        return cli_usage_error("regions", "under mpirun: --jobs, --check-faces, --certificate and the limits are not available");
    const char * path = argv[optind];

    rc_error_t err;
    net_t net;
    rc_error_init(err);
    net_init(net);
    if (net_read_file(net, path, err))
    {
        net_clear(net);
        return cli_fail("regions", err);
    }
    /* ---- issue 17: the engine (DD up to REGIONS_DD_MAX_DIM inputs, else LP); the LP
       engine's own driver (src/cli/regions_lp.c) in high dimension and for --near */
    int use_lp = engine ? !strcmp(engine, "lp") : net->input_dim > REGIONS_DD_MAX_DIM;
    if (use_lp && (jobs > 1 || mpi_size > 1))
    {
        net_clear(net);
        return cli_usage_error("regions", "the LP engine runs in one process (drop --jobs, mpirun)");
    }
    if ((radius >= 0) && near == NULL)
    {
        net_clear(net);
        return cli_usage_error("regions", "--radius needs --near POINT");
    }
    if (near != NULL || (use_lp && net->input_dim > REGIONS_DD_MAX_DIM))
    {
        cli_regions_h_opts ho = { json, list, quiet, stream_path, max_regions, time_limit, near, radius };
        int hrc = CLI_EXIT_UNSUPPORTED;
        if (verify || check_faces || cert_path || (engine && !use_lp))
            fprintf(stderr, "relucert regions: --verify, --check-faces, --certificate and --engine dd need vertices: not with --near or above %d inputs\n", REGIONS_DD_MAX_DIM);
        else
            hrc = cli_regions_h(path, net, &dom, &ho);
        net_clear(net);
        return hrc;
    }
    /* ---- end issue 17 */
    poly_t domain;
    char desc[256];
    poly_init(domain, net->input_dim);
    int status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
    if (status == RELU_OK && mpi_rank > 0)
    {
        /* an MPI worker: no output; rank 0 says whether to start and reports */
        complex_t C;
        complex_init(C, domain, net_num_hidden(net), 0);
        regions_ctx ctx = { net, C, NULL, NULL, 0, verify, err, NULL, NULL, NULL, NULL, 0, 0 };
        ctx.fvec = flint_malloc((net->input_dim + 1) * sizeof(slong));
        if (cli_mpi_bcast_int(0) == RELU_OK)
            status = run_mpi(&ctx, net, domain, mpi_rank, mpi_size, list || stream_path != NULL, err);
        flint_free(ctx.fvec);
        complex_clear(C);
        poly_clear(domain);
        net_clear(net);
        /* the exit status rank 0 gives, without a second message */
        return status == RELU_OK ? CLI_EXIT_OK : status == RELU_E_INTERNAL ? CLI_EXIT_INTERNAL
             : status == RELU_E_UNSUPPORTED ? CLI_EXIT_UNSUPPORTED : CLI_EXIT_INPUT;
    }
    FILE * sfp = NULL;
    if (status == RELU_OK && stream_path != NULL)
    {
        sfp = strcmp(stream_path, "-") ? fopen(stream_path, "w") : stdout;
        if (sfp == NULL)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", stream_path);
    }
    FILE * cfp = NULL;
    if (status == RELU_OK && cert_path != NULL && (cfp = fopen(cert_path, "w")) == NULL)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", cert_path);
    if (mpi_size > 1)
        cli_mpi_bcast_int(status);   /* the workers start only if rank 0 can write */
    if (status)
    {
        if (sfp != NULL && sfp != stdout)
            fclose(sfp);
        poly_clear(domain);
        net_clear(net);
        return cli_fail("regions", err);
    }

    complex_t C;
    jout_t out, sout;
    cli_progress prog;
    complex_init(C, domain, net_num_hidden(net), check_faces);
    regions_ctx ctx = { net, C, NULL, NULL, list && !json, verify, err, &prog, NULL, NULL, NULL, max_regions,
                        time_limit > 0 ? cli_now() + time_limit : 0 };
    interrupted = 0;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old);
    ctx.fvec = flint_malloc((net->input_dim + 1) * sizeof(slong));
    if (json)
    {
        /* indented for a summary; compact when it holds every region */
        jout_init(out, stdout, !list, 0);
        jout_begin_object(out);
        if (engine != NULL || use_lp)   /* issue 17 (absent by default: the DD output stays as it was) */
        {
            jout_key(out, "engine");
            jout_string(out, use_lp ? "lp" : "dd");
        }
        if (list)
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
    cert_regions_t cert;
    struct stat cst;
    int cert_regular = cfp != NULL && fstat(fileno(cfp), &cst) == 0 && S_ISREG(cst.st_mode);
    if (cfp)
    {
        cert_regions_init(cert, cfp, net, domain, desc);
        ctx.cert = cert;
    }
    cli_progress_start(&prog, quiet || jobs > 1 || mpi_size > 1);
    if (mpi_size > 1)
        status = run_mpi(&ctx, net, domain, mpi_rank, mpi_size, list || sfp != NULL, err);
    else if (jobs > 1)
        status = run_parallel(&ctx, net, domain, jobs, list || sfp != NULL, err);
    else if (use_lp)   /* issue 17 */
        status = regions_enumerate_lp(net, domain, on_region, &ctx, err);
    else
        status = regions_enumerate(net, domain, on_region, &ctx);
    cli_progress_end(&prog);
    sigaction(SIGINT, &old, NULL);
    int partial = (status == RELU_E_LIMIT);
    if (status == RELU_OK)
        status = complex_finish(C, err);
    if (cfp)
    {
        if (status == RELU_OK)
            status = cert_regions_finish(cert, err);
        cert_regions_clear(cert);
        int bad = ferror(cfp);
        if ((fclose(cfp) != 0 || bad) && status == RELU_OK)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", cert_path);
        if (status != RELU_OK && cert_regular)
            unlink(cert_path);   /* never leave a partial certificate behind (only files: not /dev/...) */
    }
    if (sfp)
    {
        jout_clear(sout);
        if (sfp != stdout)
            fclose(sfp);
    }
    if (json)
    {
        if (list)
            jout_end_array(out);
        if (status == RELU_OK)
            write_summary_json(out, net, C, desc, verify, check_faces);
        if (partial)
        {
            /* the counts so far, marked as such: still valid JSON */
            write_summary_json(out, net, C, desc, verify, check_faces);
            jout_key(out, "partial");
            jout_bool(out, 1);
            jout_key(out, "stopped");
            jout_string(out, err->msg);
        }
        else if (status == RELU_OK)
        {
            jout_key(out, "partial");
            jout_bool(out, 0);
        }
        jout_end_object(out);
        jout_clear(out);
    }
    else if (status == RELU_OK || partial)
    {
        if (partial)
            printf("PARTIAL: %s\n", err->msg);
        write_summary_text(path, net, C, desc, verify, check_faces);
    }

    int rc = status ? cli_fail("regions", err) : CLI_EXIT_OK;
    flint_free(ctx.fvec);
    complex_clear(C);
    poly_clear(domain);
    net_clear(net);
    return rc;
}
