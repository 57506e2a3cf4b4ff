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
    va_end(ap);
    return code;
}

void
rc_error_prefix(rc_error_t err, const char * prefix)
{
    char tmp[sizeof(err->msg)];
    snprintf(tmp, sizeof(tmp), "%s: %s", prefix, err->msg);
    memcpy(err->msg, tmp, sizeof(tmp));
}
