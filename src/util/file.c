#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "util/file.h"

static int
_file_finish(FILE * fp, const char * path, int status, rc_error_t err)
{
    /* every write, the flush and the close are checked: a full disk is an error */
    int bad = fflush(fp) != 0 || ferror(fp);
    int saved = errno;
    if (fp != stdout && fclose(fp) != 0 && !bad)
        bad = 1, saved = errno;
    if (bad && status == RELU_OK)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(saved ? saved : EIO));
    return status;
}

static int
_file_write_direct(const char * path, int (*write)(FILE *, void *, rc_error_t), void * data, rc_error_t err)
{
    FILE * fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(errno));
    return _file_finish(fp, path, write(fp, data, err), err);
}

int
util_file_write(const char * path, int (*write)(FILE *, void *, rc_error_t), void * data, rc_error_t err)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || (stat(path, &st) == 0 && !S_ISREG(st.st_mode)))
        return _file_write_direct(path, write, data, err);
    size_t len = strlen(path);
    char * tmp = malloc(len + 16);
    if (tmp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s: out of memory", path);
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0)
    {
        int status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return status;
    }
    /* mkstemp creates 0600: give the file the usual permissions */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE * fp = fdopen(fd, "w");
    int status = fp == NULL ? rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(errno))
                            : _file_finish(fp, path, write(fp, data, err), err);
    if (fp == NULL)
        close(fd);
    if (status == RELU_OK && rename(tmp, path) != 0)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(errno));
    if (status != RELU_OK)
        unlink(tmp);
    free(tmp);
    return status;
}

FILE *
util_file_open(util_file * F, const char * path, rc_error_t err)
{
    struct stat st;
    F->path = path;
    F->tmp = NULL;
    if (strcmp(path, "-") == 0)
        return F->fp = stdout;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        F->fp = fopen(path, "w");
    else
    {
        size_t len = strlen(path);
        int fd = -1;
        if ((F->tmp = malloc(len + 16)) != NULL)
        {
            memcpy(F->tmp, path, len);
            memcpy(F->tmp + len, ".tmp.XXXXXX", 12);
            fd = mkstemp(F->tmp);
        }
        if (fd >= 0)
        {
            mode_t mask = umask(0);
            umask(mask);
            fchmod(fd, 0666 & ~mask);
        }
        F->fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    }
    if (F->fp == NULL)
    {
        rc_error_set(err, RELU_E_IO, "cannot write %s: %s", path, strerror(errno));
        free(F->tmp);
        F->tmp = NULL;
    }
    return F->fp;
}

int
util_file_close(util_file * F, int status, rc_error_t err)
{
    if (F->fp == NULL)
        return status;
    status = _file_finish(F->fp, F->path, status, err);
    if (F->tmp != NULL)
    {
        if (status == RELU_OK && rename(F->tmp, F->path) != 0)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s: %s", F->path, strerror(errno));
        if (status != RELU_OK)
            unlink(F->tmp);
        free(F->tmp);
    }
    F->fp = NULL;
    F->tmp = NULL;
    return status;
}

/* realpath of the directory part, then the last component (which need not exist yet). */
static char *
_file_resolve(const char * p)
{
    const char * slash = strrchr(p, '/');
    char * dir = slash == NULL ? strdup(".") : slash == p ? strdup("/") : strndup(p, slash - p);
    const char * base = slash == NULL ? p : slash + 1;
    char * rdir = dir != NULL ? realpath(dir, NULL) : NULL, * out = NULL;
    if (rdir != NULL && asprintf(&out, "%s/%s", rdir, base) < 0)
        out = NULL;
    free(dir);
    free(rdir);
    return out;
}

int
util_file_same(const char * a, const char * b)
{
    if (strcmp(a, b) == 0)
        return 1;
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char * ra = _file_resolve(a), * rb = _file_resolve(b);
    int same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

int
util_file_read(char ** buf, size_t * len, const char * path, size_t max, rc_error_t err)
{
    FILE * fp = fopen(path, "rb");
    *buf = NULL;
    *len = 0;
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot read %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0, r;
    char * b = malloc(cap);
    while (b != NULL && (r = fread(b + n, 1, cap - 1 - n, fp)) > 0)
    {
        n += r;
        if (n > max)
            break;
        if (n == cap - 1)
        {
            cap = 2 * cap < max + 2 ? 2 * cap : max + 2;   /* never more than the limit and a byte */
            char * nb = realloc(b, cap);
            if (nb == NULL)
                free(b);
            b = nb;
        }
    }
    int failed = ferror(fp), saved = errno;
    fclose(fp);
    if (b == NULL || failed || n > max)
    {
        free(b);
        if (n > max)
            return rc_error_set(err, RELU_E_INPUT, "%s: larger than %zu MiB (a device or an endless stream?)",
                                path, max >> 20);
        return rc_error_set(err, RELU_E_IO, "cannot read %s%s%s", path, failed ? ": " : "", failed ? strerror(saved) : "");
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return RELU_OK;
}
