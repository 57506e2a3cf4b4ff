/* The command-line interface: parse arguments, call the library, print.
   No mathematics lives here. */
#ifndef RELUCERT_CLI_H
#define RELUCERT_CLI_H

#include <stdio.h>
#include "relucert.h"

/* exit codes */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAILED 1      /* the run completed but a check failed */
#define CLI_EXIT_INPUT 2       /* usage errors and bad input */
#define CLI_EXIT_UNSUPPORTED 3
#define CLI_EXIT_PARTIAL 4     /* stopped by a limit; output is marked partial */
#define CLI_EXIT_INTERNAL 70   /* two computations disagree: a bug */

int cmd_eval(int argc, char ** argv);
int cmd_regions(int argc, char ** argv);
int cmd_arrangement(int argc, char ** argv);
int cmd_polytope(int argc, char ** argv);   /* src/cli/cmd_polytope.c */
int cmd_faces(int argc, char ** argv);      /* src/cli/cmd_polytope.c */
int cmd_polar(int argc, char ** argv);      /* src/cli/cmd_polytope.c */
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
int cmd_layer(int argc, char ** argv);      /* src/cli/cmd_boundary.c */
int cmd_boundary(int argc, char ** argv);   /* src/cli/cmd_boundary.c */
int cmd_slice(int argc, char ** argv);      /* src/cli/cmd_slice.c (issue 17) */

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

/* Domain options shared by the commands. */
typedef struct
{
    const char * box;       /* "LO,HI" or NULL */
    const char * file;      /* polytope file or NULL */
    int whole;
}
cli_domain_opts;

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
}
cli_regions_h_opts;
int cli_regions_h(const char * path, const net_t net, const cli_domain_opts * dom, const cli_regions_h_opts * o);

/* Reads a polytope file {"A": [[...]], "b": [...]} (A x <= b). */
int cli_read_polytope(fmpq_mat_t A, fmpq ** b, slong * m, const char * path, slong n, rc_error_t err);

/* The output a command works on: --output i (0-based, in range) or, when
   not given, 0 if the network has one output and an error otherwise. */
int cli_select_output(slong * output, const net_t net, const char * ostr, rc_error_t err);

/* Writes a certificate to path with write(fp, data, err); on failure no file
   is left behind (when path is a regular file). */
int cli_write_certificate(const char * path, rc_error_t err, int (*write)(FILE *, void *, rc_error_t), void * data);

/* "p/q ~ 3.1416" with digits after the point computed exactly (truncated). */
void cli_fmpq_approx(char * buf, size_t len, const fmpq_t q, int digits);

/* Progress on stderr when it is a terminal and the run takes more than a second. */
typedef struct
{
    int enabled;
    double start, last;
    int printed;
}
cli_progress;

void cli_progress_start(cli_progress * p, int quiet);
void cli_progress_update(cli_progress * p, const char * what, long count);
void cli_progress_end(cli_progress * p);
double cli_now(void);

#endif
