/* MPI for `relucert regions` under mpirun. Only a process launched by an MPI
   launcher loads the MPI module (src/cli/mpi_module.c, built as relucert-mpi.so
   when configure found MPI); every other run stays one process of size 1 and
   never maps Open MPI (util_module_open says where the module is looked up). */
#include <dlfcn.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "util/module.h"

typedef struct
{
    int (*start)(int *, int *);
    int (*bcast_int)(int);
    void (*send_file)(const char *, int);
    int (*recv_file)(const char *, int);
}
cli_mpi_module;

static cli_mpi_module cli_mpi_fn;   /* set once, by cli_mpi_start, before any rank talks */

/* Open MPI sets OMPI_COMM_WORLD_SIZE; MPICH/Hydra and Slurm set PMI_SIZE or PMIX_RANK. */
static int
_launched(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

int
cli_mpi_start(int * rank, int * size)
{
    const char * s = getenv("OMPI_COMM_WORLD_SIZE");
    *rank = 0;
    *size = 1;
    if (!_launched())
        return 0;
    rc_error_t err;
    rc_error_init(err);
    void * h = util_module_open("relucert-mpi.so", err);
    if (h == NULL)
    {
        /* launched with several processes, running alone would do the whole job in
           each and write every output several times: refuse */
        if (s == NULL)
            s = getenv("PMI_SIZE");
        return s != NULL && atoi(s) > 1;
    }
    *(void **) &cli_mpi_fn.start = dlsym(h, "relucert_mpi_start");
    *(void **) &cli_mpi_fn.bcast_int = dlsym(h, "relucert_mpi_bcast_int");
    *(void **) &cli_mpi_fn.send_file = dlsym(h, "relucert_mpi_send_file");
    *(void **) &cli_mpi_fn.recv_file = dlsym(h, "relucert_mpi_recv_file");
    if (!cli_mpi_fn.start || !cli_mpi_fn.bcast_int || !cli_mpi_fn.send_file || !cli_mpi_fn.recv_file)
        return 1;
    return cli_mpi_fn.start(rank, size);
}

int
cli_mpi_bcast_int(int v)
{
    return cli_mpi_fn.bcast_int ? cli_mpi_fn.bcast_int(v) : v;
}

void
cli_mpi_send_file(const char * path, int to)
{
    if (cli_mpi_fn.send_file)
        cli_mpi_fn.send_file(path, to);
}

int
cli_mpi_recv_file(const char * path, int from)
{
    return cli_mpi_fn.recv_file ? cli_mpi_fn.recv_file(path, from) : 1;
}
