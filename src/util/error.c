#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/error.h"

void
rc_error_init(rc_error_t err)
{
    err->code = RELU_OK;
    err->msg[0] = '\0';
}

int
rc_error_set(rc_error_t err, int code, const char * fmt, ...)
{
    va_list ap;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    /* every message is one line, whatever text of the input it quotes */
    for (char * c = err->msg; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    va_end(ap);
    return code;
}

void
rc_error_prefix(rc_error_t err, const char * prefix)
{
    /* "prefix: msg", truncated to the buffer: move msg right, copy the prefix in front */
    size_t cap = sizeof(err->msg) - 1;
    size_t p = strlen(prefix), m = strlen(err->msg);
    size_t head = p + 2 < cap ? p + 2 : cap;
    size_t keep = m < cap - head ? m : cap - head;
    memmove(err->msg + head, err->msg, keep);
    err->msg[head + keep] = '\0';
    memcpy(err->msg, prefix, head < p ? head : p);
    if (head == p + 2)
    {
        err->msg[p] = ':';
        err->msg[p + 1] = ' ';
    }
}

const char *
rc_signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "a signal";
}
