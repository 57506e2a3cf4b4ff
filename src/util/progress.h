/* Progress of a long computation, reported to whoever asked: the CLI draws it
   on stderr with the rate and, when the total is known, an ETA; NULL (or a
   NULL report) means nobody listens. Reports may come as often as every step:
   the listener throttles, so they must be cheap (no allocation, no I/O here). */
#ifndef RELUCERT_UTIL_PROGRESS_H
#define RELUCERT_UTIL_PROGRESS_H

#include <stddef.h>

typedef struct
{
    /* stage: a static string ("regions", "cells", "jobs"); total: -1 when unknown */
    void (*report)(void * data, const char * stage, long done, long total);
    void * data;
}
rc_progress_struct;

static inline void
rc_progress_report(const rc_progress_struct * p, const char * stage, long done, long total)
{
    if (p != NULL && p->report != NULL)
        p->report(p->data, stage, done, total);
}

#endif
