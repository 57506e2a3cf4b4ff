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
