/* The regions analysis (`relucert regions`, the Python facade, batch): every
   region of a network in a domain, found by the DFS of src/regions in one
   process, in worker processes or on MPI ranks, with limits and interruption,
   records written as they come, and the complex they form summarised: counts,
   f-vector, Euler characteristic, facet histogram, mean facets. One result
   struct, one JSON writer, one text writer. */
#ifndef RELUCERT_COMPLEX_SUMMARY_H
#define RELUCERT_COMPLEX_SUMMARY_H

#include "complex/complex.h"
#include "util/progress.h"
#include "json/json.h"
#include "net/net.h"

/* Moving files between MPI ranks (src/cli/mpi.c provides one; the library
   itself never calls MPI). */
typedef struct
{
    int rank, size;
    void (*send_file)(const char * path, int to);
    int (*recv_file)(const char * path, int from);   /* path NULL: discard; nonzero on failure */
    int (*bcast_int)(int v);                          /* rank 0's v on every rank */
}
complex_transport;

typedef struct
{
    int verify;               /* cddlib recomputes every region */
    int check_faces;          /* faces counted a second way (one process only) */
    slong max_regions;        /* stop after this many regions (0: no limit) */
    double time_limit;        /* stop after this many seconds (0: no limit) */
    slong jobs;               /* worker processes (<= 1: this process) */
    int engine_lp;            /* the H-representation engine (src/regions/lp.c; one process) */
    const char * engine_name; /* the CLI reports the engine when set */
    int (*interrupted)(void); /* polled between regions: nonzero (a signal number) stops the run */
    jout_struct * list;       /* every region record as an item of an open JSON array (or NULL) */
    jout_struct * stream;     /* every region record as a JSON Lines record (or NULL) */
    FILE * text_list;         /* one line per region (or NULL) */
    int records;              /* parallel workers keep records even without a sink here (MPI ranks > 0) */
    region_callback each;     /* called for every region (one process only: certificates) */
    void * each_data;
    const rc_progress_struct * progress;   /* hears of every region ("regions"), or NULL */
    const complex_transport * mpi;   /* under mpirun (NULL otherwise) */
}
complex_summary_options;

void complex_summary_options_init(complex_summary_options * o);

typedef struct
{
    complex_t C;
    char name[512];           /* the network's file, for the text */
    slong input_dim, hidden, outputs, nlayers;
    slong * widths;           /* hidden widths */
    char domain[256];
    int verified, faces_checked;
    int partial;              /* a limit or a signal stopped the run: counts of the regions found */
    char stopped[512];        /* why, when partial */
}
complex_summary_struct;

typedef complex_summary_struct complex_summary_t[1];

void complex_summary_init(complex_summary_t S, const net_t net, const poly_t domain, const char * desc, int check);
void complex_summary_clear(complex_summary_t S);
/* The analysis. RELU_E_LIMIT (partial, S->partial set, S->stopped says why)
   leaves a valid summary of what was found; other errors leave nothing. */
int complex_summary_compute(complex_summary_t S, const net_t net, const poly_t domain,
                            const complex_summary_options * o, rc_error_t err);
/* After adding regions by hand (complex_add_region on S->C): the checks of a complete run. */
int complex_summary_finish(complex_summary_t S, rc_error_t err);

/* The summary's keys (no braces: a caller with --list writes region_list first). */
void complex_summary_write_json_keys(jout_t out, const complex_summary_t S);
void complex_summary_write_json(jout_t out, const void * S);
void complex_summary_write_text(FILE * fp, const void * S);
/* "facet_histogram": {facets: regions} and, when mean is not NULL, "mean_facets": "p/q":
   the one writer of the facet statistics (regions, stats, Python, batch). */
void complex_write_facet_stats(jout_t out, const slong * hist, slong hist_len, const fmpq_t mean);
/* "facets per region: k:n ...", "mean facets per region: p/q (= d...)": the text twin. */
void complex_write_facet_stats_text(FILE * fp, const slong * hist, slong hist_len, const fmpq_t mean);
/* The summary of the H-representation engine (src/regions/hsearch.c: counts and
   facets, no vertices, no f-vector): JSON keys (no braces) and text. */
void complex_hstats_write_json_keys(jout_t out, const net_t net, const regions_hstats_t S, const char * desc);
void complex_hstats_write_text(FILE * fp, const char * path, const net_t net, const regions_hstats_t S,
                               const char * desc);
/* One text line per region; the same line from a record read back (parallel runs). */
void complex_region_text(FILE * fp, const region_struct * R, slong index);
void complex_region_text_of_record(FILE * fp, const jnode * rec, slong index);

/* Parallel runs (src/complex/parallel.c): the work dealt out to o->jobs
   processes or to the MPI ranks, counts added and records merged in the order
   of one run. Called by complex_summary_compute. */
int complex_summary_parallel(complex_summary_t S, const net_t net, const poly_t domain,
                             const complex_summary_options * o, rc_error_t err);

#endif
