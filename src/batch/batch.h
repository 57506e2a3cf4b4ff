/* Many networks and analyses in one run (`relucert batch`, and callable from C
   and Python): a manifest of jobs, one JSON Lines record per job holding, per
   analysis, exactly what the analysis's JSON writer writes (the same bytes as
   `relucert ANALYSIS ... --json`, compact), or {"error": "..."}.

   Every analysis runs in the library, in a forked child (no exec of another
   program): a crash or an endless allocation in one analysis takes down only
   that child, and the record says so. Jobs run in up to `workers` processes;
   records are appended as they finish (a killed batch keeps them) and the file
   is rewritten in manifest order at the end, atomically, so the output is the
   same for any worker count. A later run with the same output file keeps the
   complete records of the same job and network contents (resume). */
#ifndef RELUCERT_BATCH_H
#define RELUCERT_BATCH_H

#include "util/progress.h"
#include <stdio.h>
#include "util/error.h"
#include "json/json.h"
#include "net/net.h"

#define BATCH_NUM_ANALYSES 7
extern const char * const batch_analysis_names[BATCH_NUM_ANALYSES];

typedef struct
{
    char * network;      /* the path, or "FILE:LINE" for a network from a JSON Lines file */
    char * net_text;     /* the network's JSON text when inline or from JSON Lines, else NULL */
    char ** analyses;
    slong nan;
    char * box;          /* "LO,HI" */
    char * domain;       /* polytope file */
    int whole;
    char * threshold;
    char * output;
}
batch_job_struct;

typedef struct
{
    batch_job_struct * jobs;
    slong njobs;
}
batch_manifest_struct;

typedef batch_manifest_struct batch_manifest_t[1];

void batch_manifest_init(batch_manifest_t M);
void batch_manifest_clear(batch_manifest_t M);
/* Reads a manifest (JSON Lines, one job per line; see `relucert batch --help`).
   Errors name the file, the line and the key. */
int batch_manifest_read(batch_manifest_t M, const char * path, rc_error_t err);

/* The JSON of one analysis of one job, written to out (one value). On error
   err says why (the analysis's own message, prefixed "relucert ANALYSIS: "). */
int batch_analysis_write(jout_t out, const char * analysis, const net_t net, const batch_job_struct * J,
                         rc_error_t err);

typedef struct
{
    const char * manifest;
    const char * out;        /* the JSON Lines file */
    slong workers;
    int quiet;               /* (the CLI's; the library reports to progress) */
    const rc_progress_struct * progress;   /* hears of every finished job ("jobs", of njobs), or NULL */
    int (*interrupted)(void);   /* polled between jobs: a signal number stops the run (NULL: never) */
    int partial;
    int stop_signal;         /* the signal that stopped it */             /* set when the run was interrupted: records of the finished jobs only */
    slong njobs, computed, kept, missing;
    slong runs[BATCH_NUM_ANALYSES], errors[BATCH_NUM_ANALYSES];
    slong failed_jobs;       /* jobs with at least one error */
}
batch_result_struct;

typedef batch_result_struct batch_result_t[1];

/* Runs the manifest into R->out with R->workers processes (progress on stderr
   unless R->quiet). Fills the counts. */
int batch_run(batch_result_t R, const batch_manifest_t M, rc_error_t err);
/* The summary as text (the table) and as JSON. */
void batch_result_write_text(FILE * fp, const batch_result_t R);
void batch_result_write_json(jout_t out, const batch_result_t R);

/* A flat table of the records in the JSON Lines file `in` (documented columns,
   exact values with decimal twins) written to `csv`. */
int batch_write_csv(const char * csv, const char * in, rc_error_t err);

/* Reads a whole regular file or stream, at most max bytes (RELU_E_INPUT beyond:
   a device or an endless pipe is refused, not read without end). *buf gets a
   NUL-terminated copy. */
int batch_read_file(char ** buf, size_t * len, const char * path, size_t max, rc_error_t err);

#endif
