/* Error reports for user-facing failures (bad input, impossible requests).
   Functions that can fail on legitimate input return 0 on success and a
   nonzero RELU_E_* code on failure, filling an rc_error_t with a one-line
   message that names the place and what was expected. Violated internal
   preconditions abort instead (GMP's convention). */
#ifndef RELUCERT_UTIL_ERROR_H
#define RELUCERT_UTIL_ERROR_H

#include <stddef.h>

enum {
    RELU_OK = 0,
    RELU_E_IO = 1,        /* file cannot be read or written */
    RELU_E_SYNTAX = 2,    /* malformed JSON or number text */
    RELU_E_INPUT = 3,     /* well-formed but wrong: shapes, keys, zero denominators, empty domain */
    RELU_E_UNSUPPORTED = 4, /* valid input the requested analysis does not handle */
    RELU_E_INTERNAL = 5,  /* two independent computations disagree: a bug, never a silent answer */
    RELU_E_LIMIT = 6      /* a user limit stopped the run (output is partial) */
};

typedef struct
{
    int code;
    char msg[2048];
}
rc_error_struct;

typedef rc_error_struct rc_error_t[1];

void rc_error_init(rc_error_t err);
/* Sets code and a printf-formatted message; returns code (for `return rc_error_set(...)`). */
int rc_error_set(rc_error_t err, int code, const char * fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prepends "prefix: " to the current message (e.g. the file name). */
void rc_error_prefix(rc_error_t err, const char * prefix);
/* "SIGINT", "SIGTERM", "SIGHUP", else "a signal": a constant string, so it is
   safe inside a signal handler. */
const char * rc_signal_name(int sig);

#endif
