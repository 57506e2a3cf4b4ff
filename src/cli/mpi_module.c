/* The MPI module of `relucert regions` under mpirun (src/relucert-mpi.so, installed in
   $(pkglibdir)): loaded by src/cli/mpi.c only when the process was launched by an MPI
   launcher, so an ordinary run never loads Open MPI (its libraries cost about 4 million
   instructions of dynamic linking at every start, issue 19). It uses nothing of
   librelucert. Files move between ranks in chunks, so no rank holds more than one
   chunk in memory and the ranks need no shared file system. */
#include <stdlib.h>
#include <stdio.h>
#include <mpi.h>

int relucert_mpi_start(int * rank, int * size);
int relucert_mpi_bcast_int(int v);
void relucert_mpi_send_file(const char * path, int to);
int relucert_mpi_recv_file(const char * path, int from);
#include <mpi.h>

#define CLI_MPI_CHUNK (1 << 20)
#define CLI_MPI_TAG 9

static void
_finalize(void)
{
    int fin = 0;
    MPI_Finalized(&fin);
    if (!fin)
        MPI_Finalize();
}

int
relucert_mpi_start(int * rank, int * size)
{
    int init = 0;
    *rank = 0;
    *size = 1;
    MPI_Initialized(&init);
    if (!init)
    {
        if (MPI_Init(NULL, NULL) != MPI_SUCCESS)
            return 1;
        atexit(_finalize);
    }
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

int
relucert_mpi_bcast_int(int v)
{
    MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return v;
}

void
relucert_mpi_send_file(const char * path, int to)
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
relucert_mpi_recv_file(const char * path, int from)
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

