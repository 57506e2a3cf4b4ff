/* MPI for `relucert regions` under mpirun: started only when the process was
   launched by an MPI launcher, so ordinary runs never initialise MPI. Without
   MPI at configure time these are stubs (one process, size 1). Files move
   between ranks in chunks, so no rank holds more than one chunk in memory and
   the ranks need no shared file system. */
#include <stdlib.h>
#include <stdio.h>
#include "cli/cli.h"
#include "config.h"

#ifdef HAVE_MPI
#include <mpi.h>

#define CLI_MPI_CHUNK (1 << 20)
#define CLI_MPI_TAG 9

static void
cli_mpi_finalize(void)
{
    int fin = 0;
    MPI_Finalized(&fin);
    if (!fin)
        MPI_Finalize();
}

int
cli_mpi_start(int * rank, int * size)
{
    int init = 0;
    *rank = 0;
    *size = 1;
    /* Open MPI sets OMPI_COMM_WORLD_SIZE; MPICH/Hydra and Slurm set PMI_SIZE or PMIX_RANK */
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK"))
        return 0;
    MPI_Initialized(&init);
    if (!init)
    {
        if (MPI_Init(NULL, NULL) != MPI_SUCCESS)
            return 1;
        atexit(cli_mpi_finalize);
    }
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

int
cli_mpi_bcast_int(int v)
{
    MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return v;
}

void
cli_mpi_send_file(const char * path, int to)
{
    char * buf = malloc(CLI_MPI_CHUNK);
    FILE * fp = fopen(path, "rb");
    size_t len;
    do
    {
        len = (fp != NULL && buf != NULL) ? fread(buf, 1, CLI_MPI_CHUNK, fp) : 0;
        MPI_Send(buf, (int) len, MPI_BYTE, to, CLI_MPI_TAG, MPI_COMM_WORLD);
    }
    while (len > 0);   /* an empty chunk ends the file */
    if (fp != NULL)
        fclose(fp);
    free(buf);
}

int
cli_mpi_recv_file(const char * path, int from)
{
    char * buf = malloc(CLI_MPI_CHUNK);
    FILE * fp = path != NULL ? fopen(path, "wb") : NULL;
    int bad = (fp == NULL || buf == NULL), len;
    MPI_Status st;
    do
    {
        MPI_Recv(buf, buf != NULL ? CLI_MPI_CHUNK : 0, MPI_BYTE, from, CLI_MPI_TAG, MPI_COMM_WORLD, &st);
        MPI_Get_count(&st, MPI_BYTE, &len);
        if (!bad && len > 0 && fwrite(buf, 1, len, fp) != (size_t) len)
            bad = 1;
    }
    while (len > 0);
    if (fp != NULL && fclose(fp) != 0)
        bad = 1;
    free(buf);
    return bad;
}

#else

/* Launched by mpirun with several processes, a build without MPI would run
   the whole job in each and write every output several times: refuse. */
int
cli_mpi_start(int * rank, int * size)
{
    const char * s = getenv("OMPI_COMM_WORLD_SIZE");
    if (s == NULL)
        s = getenv("PMI_SIZE");
    *rank = 0;
    *size = 1;
    return s != NULL && atoi(s) > 1;
}

int cli_mpi_bcast_int(int v) { return v; }
void cli_mpi_send_file(const char * path, int to) { (void) path; (void) to; }
int cli_mpi_recv_file(const char * path, int from) { (void) path; (void) from; return 1; }

#endif
