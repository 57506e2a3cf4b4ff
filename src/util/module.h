/* relucert's optional modules (shared objects loaded on demand with dlopen), so that a
   process maps a heavy dependency only when its command needs it: relucert-mpi.so (Open
   MPI, under mpirun) and relucert-cairo.so (cairo, for PNG and PDF figures). */
#ifndef RELUCERT_UTIL_MODULE_H
#define RELUCERT_UTIL_MODULE_H

#include "util/error.h"

/* Opens module NAME (e.g. "relucert-cairo.so"), looked up next to librelucert itself
   (the build tree's src/.libs/), in relucert/ below it (PREFIX/lib/relucert/, also in an
   installed tree that was moved) and in the configured $(pkglibdir). Returns the handle,
   or NULL with err set (code RELU_E_UNSUPPORTED: the places tried and dlerror()). */
void * util_module_open(const char * name, rc_error_t err);

/* The address of SYMBOL in module H, or NULL with err set (RELU_E_INTERNAL). */
void * util_module_symbol(void * h, const char * name, const char * symbol, rc_error_t err);

#endif
