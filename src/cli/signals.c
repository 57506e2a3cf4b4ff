/* SIGINT, SIGTERM and SIGHUP in every command (issue 18). A command that can
   stop cleanly between two steps (regions: between two regions, streams at a
   complete record) asks for the cooperative mode and polls cli_signal_pending.
   Every other command computes first and prints at the end, so there is
   nothing partial to keep: the handler reports the interruption itself --
   one line on stderr and, with --json, a valid document {"partial": true,
   "stopped": "..."} -- and exits 4, after stopping the process group's
   workers. Only async-signal-safe calls (write, kill, _exit) are used. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gmp.h>
#include <flint/flint.h>
#include "cli/cli.h"

static volatile sig_atomic_t pending = 0;   /* the signal received in cooperative mode */
static int cooperative = 0, json = 0, output_started = 0;
static char cmdname[64];

static void
_put(int fd, const char * s)
{
    ssize_t r = write(fd, s, strlen(s));
    (void) r;
}

static void
_on_signal(int sig)
{
    if (cooperative)
    {
        pending = sig;
        return;
    }
    _put(2, "relucert ");
    _put(2, cmdname);
    _put(2, ": interrupted by ");
    _put(2, rc_signal_name(sig));
    _put(2, output_started ? "; the output is incomplete\n" : " before the result was complete; nothing is reported\n");
    if (json && !output_started)
    {
        _put(1, "{\n  \"partial\": true,\n  \"stopped\": \"interrupted by ");
        _put(1, rc_signal_name(sig));
        _put(1, "\"\n}\n");
    }
    _exit(CLI_EXIT_PARTIAL);
}

void
cli_signals_install(const char * cmd)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = _on_signal;
    sigemptyset(&sa.sa_mask);
    strncpy(cmdname, cmd, sizeof(cmdname) - 1);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

void
cli_signals_set_json(int on)
{
    json = on;
}

void
cli_signals_output_started(void)
{
    output_started = 1;
}

int
cli_signals_cooperative(int on)
{
    int was = cooperative;
    cooperative = on;
    if (!on && pending)   /* received while cooperative: handled now, the immediate way */
        _on_signal(pending);
    return was;
}

int
cli_signal_pending(void)
{
    return pending;
}

const char *
clirc_signal_name(int sig)
{
    return rc_signal_name(sig);
}

/* Exhausted memory (an input far beyond what the command can hold: a polyhedron
   in R^200000 has a 200000 x 200001 generator matrix) ends the command the same
   clean way: one line on stderr, exit 3 (limits), instead of FLINT's or GMP's
   message on stdout and an abort. Every FLINT and GMP allocation goes through
   these. */
static void
_out_of_memory(size_t size)
{
    char num[32];
    int k = sizeof(num) - 1;
    num[k] = '\0';
    do
        num[--k] = (char) ('0' + size % 10);
    while ((size /= 10) > 0 && k > 0);
    _put(2, "relucert ");
    _put(2, cmdname);
    _put(2, ": out of memory (");
    _put(2, num + k);
    _put(2, " bytes asked for): the input is too large for this command\n");
    _exit(CLI_EXIT_UNSUPPORTED);
}

static void *
_mem_alloc(size_t size)
{
    void * p = malloc(size);
    if (p == NULL && size > 0)
        _out_of_memory(size);
    return p;
}

static void *
_mem_calloc(size_t n, size_t size)
{
    void * p = calloc(n, size);
    if (p == NULL && n > 0 && size > 0)
        _out_of_memory(n > SIZE_MAX / size ? SIZE_MAX : n * size);
    return p;
}

static void *
_mem_realloc(void * q, size_t size)
{
    void * p = realloc(q, size);
    if (p == NULL && size > 0)
        _out_of_memory(size);
    return p;
}

static void *
_mem_gmp_realloc(void * q, size_t old, size_t size)
{
    (void) old;
    return _mem_realloc(q, size);
}

static void
_mem_gmp_free(void * p, size_t size)
{
    (void) size;
    free(p);
}

void
cli_memory_install(void)
{
    __flint_set_memory_functions(_mem_alloc, _mem_calloc, _mem_realloc, free);
    mp_set_memory_functions(_mem_alloc, _mem_gmp_realloc, _mem_gmp_free);
}
