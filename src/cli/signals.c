/* SIGINT, SIGTERM and SIGHUP in every command (issue 18). A command that can
   stop cleanly between two steps (regions: between two regions, streams at a
   complete record) asks for the cooperative mode and polls cli_signal_pending.
   Every other command computes first and prints at the end, so there is
   nothing partial to keep: the handler reports the interruption itself --
   one line on stderr and, with --json, a valid document {"partial": true,
   "stopped": "..."} -- and exits 4, after stopping the process group's
   workers. Only async-signal-safe calls (write, kill, _exit) are used. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
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
