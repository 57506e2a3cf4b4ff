/* Files produced whole are written atomically: to a temporary name in the same
   directory, checked (every write and the close), then renamed, so a reader
   never sees half a file and a failed run leaves no file behind. Paths that are
   not regular files (devices such as /dev/stdout or /dev/full, pipes) and "-"
   (standard output) are written directly, with the same checks. */
#ifndef RELUCERT_UTIL_FILE_H
#define RELUCERT_UTIL_FILE_H

#include <stdio.h>
#include "util/error.h"

/* write(fp, data, err) produces the contents; its error (or a failed write,
   flush or close: RELU_E_IO "cannot write PATH: reason") is returned and the
   target is left as it was. */
int util_file_write(const char * path, int (*write)(FILE * fp, void * data, rc_error_t err), void * data,
                    rc_error_t err);

/* The same for a file written piece by piece: open gives the stream (a
   temporary file for a regular path, NULL and err on failure); close checks
   every write and the close and, when status is RELU_OK, renames the file into
   place; otherwise removes it. Returns the final status. */
typedef struct
{
    const char * path;
    char * tmp;
    FILE * fp;
}
util_file;

FILE * util_file_open(util_file * F, const char * path, rc_error_t err);

/* Nonzero when the paths a and b name the same file: equal after resolving
   the directory (symbolic links, "..", "./"), or the same inode when both
   exist. "-" (standard output) is the same only as "-". */
int util_file_same(const char * a, const char * b);
int util_file_close(util_file * F, int status, rc_error_t err);

/* The whole file path (NUL-terminated, malloc'd; free() it) when it has at
   most max bytes. A longer one -- a device, a pipe without end -- is refused
   once max bytes are read (RELU_E_INPUT "PATH: larger than N MiB ..."), an
   unreadable one is RELU_E_IO; *buf is NULL then. */
int util_file_read(char ** buf, size_t * len, const char * path, size_t max, rc_error_t err);

#endif
