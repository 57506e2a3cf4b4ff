/* The command-line interface: parse arguments, call the library, print.
   No mathematics lives here. */
#ifndef RELUCERT_CLI_H
#define RELUCERT_CLI_H

#include "util/progress.h"
#include <stdio.h>
#include "relucert.h"
#include "cli/opts.h"

/* exit codes */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAILED 1      /* the run completed but a check failed */
#define CLI_EXIT_INPUT 2       /* usage errors and bad input */
#define CLI_EXIT_UNSUPPORTED 3
#define CLI_EXIT_PARTIAL 4     /* stopped by a limit; output is marked partial */
#define CLI_EXIT_INTERNAL 70   /* two computations disagree: a bug */

int cmd_eval(int argc, char ** argv);
int cmd_regions(int argc, char ** argv);
extern const char * const regions_help;   /* src/cli/help_regions.c */
extern const char * const charpoly_help;  /* src/cli/help_charpoly.c */
int cmd_arrangement(int argc, char ** argv);
int cmd_charpoly(int argc, char ** argv);   /* src/cli/cmd_charpoly.c (issue 20) */
int cmd_polytope(int argc, char ** argv);   /* src/cli/cmd_polytope.c */
int cmd_faces(int argc, char ** argv);      /* src/cli/cmd_faces.c */
int cmd_polar(int argc, char ** argv);      /* src/cli/cmd_polar.c */
int cmd_levelset(int argc, char ** argv);   /* src/cli/cmd_levelset.c */
int cmd_spherefit(int argc, char ** argv);  /* src/cli/cmd_spherefit.c */
int cmd_stats(int argc, char ** argv);      /* src/cli/cmd_stats.c */
int cmd_homology(int argc, char ** argv);   /* src/cli/cmd_homology.c */
int cmd_dualgraph(int argc, char ** argv);  /* src/cli/cmd_dualgraph.c */
int cmd_persistence(int argc, char ** argv);  /* src/cli/cmd_persistence.c */
int cmd_train(int argc, char ** argv);      /* src/cli/cmd_train.c */
int cmd_random(int argc, char ** argv);     /* src/cli/cmd_random.c */
int cmd_label(int argc, char ** argv);      /* src/cli/cmd_label.c */
int cmd_batch(int argc, char ** argv);      /* src/cli/cmd_batch.c */
int cmd_floatcount(int argc, char ** argv); /* src/cli/cmd_floatcount.c */
int cmd_plot(int argc, char ** argv);       /* src/cli/cmd_plot.c */
int cmd_wedge(int argc, char ** argv);      /* src/cli/cmd_wedge.c */
int cmd_train_convex(int argc, char ** argv);  /* src/cli/cmd_train_convex.c (issue 7) */
int cmd_layer(int argc, char ** argv);      /* src/cli/cmd_layer.c */
int cmd_boundary(int argc, char ** argv);   /* src/cli/cmd_boundary.c */
int cmd_slice(int argc, char ** argv);      /* src/cli/cmd_slice.c (issue 17) */
int cmd_lower(int argc, char ** argv);      /* src/cli/cmd_lower.c (issue 16) */
int cmd_decision(int argc, char ** argv);   /* src/cli/cmd_decision.c (issue 16) */

/* MPI (src/cli/mpi.c; stubs when built without MPI). cli_mpi_start initialises
   MPI only when launched by mpirun (else rank 0 of size 1); returns nonzero
   if MPI_Init failed. bcast_int: rank 0's v on every rank. A file moves from
   one rank to another in chunks (a missing file arrives empty); recv_file
   stores it at path (NULL: discard) and returns nonzero on failure. */
int cli_mpi_start(int * rank, int * size);
int cli_mpi_bcast_int(int v);
void cli_mpi_send_file(const char * path, int to);
int cli_mpi_recv_file(const char * path, int from);

/* Prints "relucert CMD: message" on stderr and returns the exit code for err. */
int cli_fail(const char * cmd, const rc_error_t err);
int cli_usage_error(const char * cmd, const char * fmt, ...) __attribute__((format(printf, 2, 3)));

/* Largest dimension in which --box is built with its 2^n vertices (issue 17). */
#define CLI_BOX_MAX_DIM 12
/* Builds the domain polyhedron in dimension n; default (nothing given) is R^n.
   desc (size >= 256) receives a description such as "box [-1,1]^2". */
int cli_domain_build(poly_t P, char * desc, const cli_domain_opts * o, slong n, rc_error_t err);
/* issue 17: regions with the H-representation engine (src/cli/regions_lp.c),
   for high input dimensions and --near. radius < 0: none; max_regions 0: none. */
typedef struct
{
    int json, list, quiet;
    const char * stream;
    slong max_regions;
    double time_limit;
    const char * near;
    slong radius;
    const char * cert_path;   /* --near up to REGIONS_DD_MAX_DIM inputs: a partial certificate */
}
cli_regions_h_opts;
int cli_regions_h(const char * path, const net_t net, const cli_domain_opts * dom, const cli_regions_h_opts * o);
/* The engine of `relucert regions` (--engine, --near, --radius): CLI_REGIONS_GO_ON with
   *engine_lp set for the library's analysis, or the exit code of a usage error or of
   the LP engine's own driver, which then did the whole run. */
#define CLI_REGIONS_GO_ON (-2)
int cli_regions_engine(int * engine_lp, const char * path, const net_t net, const cli_domain_opts * dom,
                       const char * engine, const char * near, slong radius, int json, int list, int quiet,
                       const char * stream, const complex_summary_options * o, const char * cert_path);

/* Reads a polytope file {"A": [[...]], "b": [...]} (A x <= b). */
int cli_read_polytope(fmpq_mat_t A, fmpq ** b, slong * m, const char * path, slong n, rc_error_t err);

/* The output a command works on: --output i (0-based, in range) or, when
   not given, 0 if the network has one output and an error otherwise. */
int cli_select_output(slong * output, const net_t net, const char * ostr, rc_error_t err);

/* The threshold T of --threshold/--sublevel/--superlevel/--level (one exact number). */
int cli_parse_threshold(fmpq_t T, const char * s, rc_error_t err);

/* The inputs most analyses start from (src/cli/input.c): the network, then the
   threshold (when given; else T = 0), the output (when select_output) and the
   domain (when dom is not NULL), read in this order so every command reports
   the same first error. */
typedef struct
{
    net_t net;
    poly_t domain;     /* R^n until a domain is built */
    char desc[256];    /* the domain's description */
    fmpq_t T;
    slong output;
}
cli_input_struct;
typedef cli_input_struct cli_input_t[1];

typedef struct
{
    const cli_domain_opts * dom;
    const char * threshold;
    const char * output;
    int select_output;
}
cli_input_args;

void cli_input_init(cli_input_t in);
void cli_input_clear(cli_input_t in);
int cli_input_read(cli_input_t in, const char * path, const cli_input_args * a, rc_error_t err);

/* cli_opts_parse for a command's first step: nonzero when the command is to
   return *rc now (0 after --help, the usage error's code otherwise). */
int cli_opts_stop(int * rc, const char * cmd, const char * help, int argc, char ** argv, const cli_opt * opts,
                  const char ** pos, int minpos, int maxpos, int * npos, const char * posname);

/* Every command prints its result with the library's writers through this:
   JSON (pretty, one object) when json, else text, on stdout; a failed write
   (full disk, closed stdout) is an error, never exit 0. */
typedef void (*cli_writer_json)(jout_t out, const void * result);
typedef void (*cli_writer_text)(FILE * fp, const void * result);
int cli_write_result(int json, cli_writer_json wj, cli_writer_text wt, const void * result, rc_error_t err);
/* The same with the JSON on one line (commands whose JSON was always compact). */
int cli_write_result_compact(int json, cli_writer_json wj, cli_writer_text wt, const void * result, rc_error_t err);
/* RELU_E_IO if anything written to stdout so far was lost. */
int cli_check_stdout(rc_error_t err);

/* Writes a certificate to path with write(fp, data, err); on failure no file
   is left behind (when path is a regular file). */
int cli_write_certificate(const char * path, rc_error_t err, int (*write)(FILE *, void *, rc_error_t), void * data);
/* The same for any output file; path "-" writes to standard output (checked
   like cli_write_result). */
int cli_write_file(const char * path, rc_error_t err, int (*write)(FILE *, void *, rc_error_t), void * data);

/* A comma-separated list of integers in [min, max], at most cap of them
   ("8,8"); on error one message naming what and returns CLI_EXIT_INPUT. */
int cli_parse_slong_list(slong * v, slong * n, slong cap, const char * cmd, const char * what, const char * s,
                         slong min, slong max);
/* "p/q ~ 3.1416" with digits after the point computed exactly (truncated). */
void cli_fmpq_approx(char * buf, size_t len, const fmpq_t q, int digits);

/* Signals (src/cli/signals.c): SIGINT, SIGTERM and SIGHUP end every command
   with exit 4. install is called once by main; set_json by the option layer
   (--json given: the handler prints {"partial": true, "stopped": ...});
   output_started by cli_write_result (from then on nothing more is printed on
   stdout by the handler). A command that stops cleanly by itself switches to
   cooperative mode and polls cli_signal_pending (the signal number, or 0);
   cooperative returns the previous mode, and leaving it with a signal pending
   handles that signal at once (cli_domain_build does, around a set-up that
   polls nothing). */
void cli_signals_install(const char * cmd);
/* FLINT's and GMP's allocations: exhausted memory is one line on stderr (naming
   the command given to cli_signals_install) and exit 3, never an abort. */
void cli_memory_install(void);
void cli_signals_set_json(int on);
void cli_signals_output_started(void);
int cli_signals_cooperative(int on);
int cli_signal_pending(void);
const char * cli_signal_name(int sig);

/* Progress on stderr: the stage, the count (of the total when known), elapsed
   time, the rate and, with a total, an ETA; redrawn at most twice a second once
   the run has taken a second. Shown when stderr is a terminal (unless --quiet)
   or when asked with --progress (then as lines, also into a file or a pipe). */
typedef struct
{
    int enabled, lines;
    double start, last, stage_start;
    const char * stage;
    int printed;
    rc_progress_struct listener;   /* hand &listener to the library */
}
cli_progress;

void cli_progress_start(cli_progress * p, int quiet, int force);
void cli_progress_update(cli_progress * p, const char * what, long count);
void cli_progress_end(cli_progress * p);
#define CLI_OPT_PROGRESS(p) { "progress", CLI_FLAG, (p), 0, 0, 0, 0 }
double cli_now(void);

#endif
