/* Families of networks in JSON Lines: one network (format 1 or 2) per nonempty
   line, as `relucert random --count` writes and `batch` reads with "networks". */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/net.h"
#include "util/file.h"

void
net_lines_init(net_lines_t L)
{
    L->num = 0;
    L->nets = NULL;
    L->lines = NULL;
}

void
net_lines_clear(net_lines_t L)
{
    for (slong i = 0; i < L->num; i++)
        net_clear(L->nets + i);
    flint_free(L->nets);
    flint_free(L->lines);
    net_lines_init(L);
}

/* one line into a new last network; errors get "PATH:LINE: " in front */
static int
_read_line(net_lines_t L, const char * text, size_t len, const char * path, slong lineno, rc_error_t err)
{
    jnode * root;
    int status = jnode_parse(&root, text, len, err);
    if (status == RELU_OK)
    {
        L->nets = flint_realloc(L->nets, (L->num + 1) * sizeof(net_struct));
        L->lines = flint_realloc(L->lines, (L->num + 1) * sizeof(slong));
        net_init(L->nets + L->num);
        status = net_read_jnode(L->nets + L->num, root, err);
        L->lines[L->num++] = lineno;
        jnode_free(root);
    }
    if (status != RELU_OK)
    {
        char where[4200];
        if (strncmp(err->msg, "line 1, ", 8) == 0)   /* the JSON parser's place within the line */
        {
            snprintf(where, sizeof where, "%s", err->msg + 8);
            rc_error_set(err, err->code, "%s:%ld: %s", path, (long) lineno, where);
        }
        else
        {
            snprintf(where, sizeof where, "%s:%ld", path, (long) lineno);
            rc_error_prefix(err, where);
        }
    }
    return status;
}

int
net_lines_read_file(net_lines_t L, const char * path, slong max, rc_error_t err)
{
    char * text;
    size_t len;
    net_lines_clear(L);
    /* read whole, with the JSON readers' limit: a device or an endless pipe is an error */
    if (util_file_read(&text, &len, path, JNODE_MAX_FILE, err))
        return err->code;
    slong lineno = 0;
    int status = RELU_OK;
    for (char * p = text; status == RELU_OK && p < text + len; )
    {
        char * nl = memchr(p, '\n', text + len - p);
        size_t n = nl ? (size_t) (nl - p) : (size_t) (text + len - p);
        lineno++;
        if (strspn(p, " \t\r") >= n)
            ;   /* an empty line */
        else if (L->num >= max)
            status = rc_error_set(err, RELU_E_LIMIT, "%s: more than %ld networks", path, (long) max);
        else
            status = _read_line(L, p, n, path, lineno, err);
        p += n + 1;
    }
    if (status == RELU_OK && L->num == 0)
        status = rc_error_set(err, RELU_E_INPUT, "%s: no network (expected one network per line)", path);
    free(text);
    return status;
}
