/* Optional modules, found from librelucert's own location (dladdr), not from the
   program's, so the CLI, the Python package (cffi) and a user's C program find the
   same module. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/module.h"
#include "util/pkglibdir.h"   /* RELUCERT_PKGLIBDIR, written by make from $(pkglibdir) */

/* Open MPI opens its own components, which need libmpi's symbols: RTLD_GLOBAL */
static void *
_try(char * path, size_t size, const char * dir, const char * sub, const char * name)
{
    snprintf(path, size, "%s%s/%s", dir, sub, name);
    return access(path, R_OK) == 0 ? dlopen(path, RTLD_NOW | RTLD_GLOBAL) : NULL;
}

void *
util_module_open(const char * name, rc_error_t err)
{
    char dir[PATH_MAX], path[PATH_MAX + 64];
    Dl_info info;
    void * h = NULL;
    dir[0] = '\0';
    if (dladdr((void *) util_module_open, &info) && info.dli_fname != NULL)
    {
        snprintf(dir, sizeof(dir), "%s", info.dli_fname);
        char * slash = strrchr(dir, '/');
        if (slash != NULL)
            *slash = '\0';
        else
            snprintf(dir, sizeof(dir), ".");
        h = _try(path, sizeof(path), dir, "", name);
        if (h == NULL)
            h = _try(path, sizeof(path), dir, "/relucert", name);
    }
#ifdef RELUCERT_PKGLIBDIR
    if (h == NULL)
        h = _try(path, sizeof(path), RELUCERT_PKGLIBDIR, "", name);
#endif
    if (h == NULL)
    {
        const char * why = dlerror();
        rc_error_set(err, RELU_E_UNSUPPORTED, "the module %s could not be loaded (looked in %s, %s/relucert%s%s)%s%s",
                     name, dir[0] ? dir : "(librelucert's directory unknown)", dir,
#ifdef RELUCERT_PKGLIBDIR
                     " and ", RELUCERT_PKGLIBDIR,
#else
                     "", "",
#endif
                     why ? ": " : "", why ? why : "");
    }
    return h;
}

void *
util_module_symbol(void * h, const char * name, const char * symbol, rc_error_t err)
{
    void * f = dlsym(h, symbol);
    if (f == NULL)
        rc_error_set(err, RELU_E_INTERNAL, "the module %s has no symbol %s (a module of another version?)", name,
                     symbol);
    return f;
}
