/* Every bad network file in tests/data/bad fails with a one-line message that
   names the file and contains the text given in tests/data/bad/EXPECT, and
   every file there is listed. Then fuzzing: a valid network cut at every
   byte, and with every byte deleted or replaced, never crashes the reader or
   leaks (run under valgrind), and whatever is accepted round-trips. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "net/net.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

#define MAX_FILES 500

static const char *
data_dir(void)
{
    const char * d = getenv("TESTDATA");
    return d ? d : "tests/data";
}

typedef struct
{
    char * name[MAX_FILES];
    char * expect[MAX_FILES];
    int seen[MAX_FILES];
    int n;
}
manifest;

static void
manifest_read(manifest * m, const char * path)
{
    FILE * fp = fopen(path, "r");
    char line[4096];
    CHECK(fp != NULL, "cannot open %s", path);
    m->n = 0;
    while (fgets(line, sizeof(line), fp) != NULL)
    {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char * tab = strchr(line, '\t');
        CHECK(tab != NULL && tab[1] != '\0', "%s: line without FILE<TAB>SUBSTRING: %s", path, line);
        CHECK(m->n < MAX_FILES, "too many files");
        *tab = '\0';
        for (int i = 0; i < m->n; i++)
            CHECK(strcmp(m->name[i], line) != 0, "%s listed twice", line);
        m->name[m->n] = strdup(line);
        m->expect[m->n] = strdup(tab + 1);
        m->seen[m->n] = 0;
        m->n++;
    }
    fclose(fp);
}

static void
manifest_clear(manifest * m)
{
    for (int i = 0; i < m->n; i++)
    {
        free(m->name[i]);
        free(m->expect[i]);
    }
}

static void
check_bad_files(void)
{
    char dir[1024], path[2048];
    manifest m;
    snprintf(dir, sizeof(dir), "%s/bad", data_dir());
    snprintf(path, sizeof(path), "%s/EXPECT", dir);
    manifest_read(&m, path);
    CHECK(m.n >= 25, "only %d bad files", m.n);

    for (int i = 0; i < m.n; i++)
    {
        rc_error_t err;
        net_t net;
        rc_error_init(err);
        net_init(net);
        snprintf(path, sizeof(path), "%s/%s", dir, m.name[i]);
        int code = net_read_file(net, path, err);
        CHECK(code != RELU_OK, "%s accepted", m.name[i]);
        CHECK(code == err->code && code != RELU_E_INTERNAL, "%s: code %d", m.name[i], code);
        CHECK(code != RELU_E_IO, "%s: cannot be read: %s", m.name[i], err->msg);
        CHECK(strncmp(err->msg, path, strlen(path)) == 0 && strncmp(err->msg + strlen(path), ": ", 2) == 0,
              "%s: message does not start with the path: %s", m.name[i], err->msg);
        CHECK(strstr(err->msg, m.expect[i]) != NULL, "%s: message\n  %s\nlacks\n  %s", m.name[i], err->msg,
              m.expect[i]);
        CHECK(strchr(err->msg, '\n') == NULL && strchr(err->msg, '\r') == NULL,
              "%s: message on several lines: %s", m.name[i], err->msg);
        CHECK(net->nlayers == 0 && net->layers == NULL, "%s: failed read left layers behind", m.name[i]);
        net_clear(net);
    }

    /* every file in the directory is in the manifest */
    DIR * d = opendir(dir);
    struct dirent * e;
    CHECK(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL)
    {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "EXPECT") == 0)
            continue;
        int found = 0;
        for (int i = 0; i < m.n; i++)
            if (strcmp(m.name[i], e->d_name) == 0)
                found = m.seen[i] = 1;
        CHECK(found, "%s/%s is not listed in EXPECT", dir, e->d_name);
    }
    closedir(d);
    for (int i = 0; i < m.n; i++)
        CHECK(m.seen[i], "%s is listed in EXPECT but missing", m.name[i]);
    manifest_clear(&m);
}

/* A network using every feature of the format. */
static const char * valid =
    "{\"input_dim\": 2, \"name\": \"n\\u00e9t\", \"activation\": \"relu\",\n"
    " \"layers\": [{\"weights\": [[1, \"-1/2\"], [\"0.25\", 3e0]], \"biases\": [0, \"1/3\"]},\n"
    "            {\"weights\": [[1, -1], [0.5, 123456789012345678901234567890]], \"biases\": [-1.5E-2, 7]},\n"
    "            {\"weights\": [[1, -1]], \"biases\": [\"-1/20\"],\n"
    "             \"shortcuts\": [{\"from\": 0, \"weights\": [[2, \"1/3\"]]}, {\"weights\": [[-1, 0.5]], \"from\": \"input\"}]}],\n"
    " \"meta\": {\"a\": [1, {\"b\": null}], \"c\": true}}";

/* Reads text; returns the status. If accepted, checks write -> read gives the same network. */
static int
try_read(const char * text, size_t len)
{
    rc_error_t err;
    jnode * root;
    net_t net;
    rc_error_init(err);
    net_init(net);
    int status = jnode_parse(&root, text, len, err);
    if (status == RELU_OK)
    {
        status = net_read_jnode(net, root, err);
        jnode_free(root);
    }
    if (status != RELU_OK)
    {
        CHECK(err->code == status && err->msg[0] != '\0', "error without message");
        CHECK(strchr(err->msg, '\n') == NULL, "message on several lines: %s", err->msg);
    }
    else
    {
        char * buf = NULL;
        size_t blen = 0;
        FILE * fp = open_memstream(&buf, &blen);
        jout_t out;
        net_t again;
        jout_init(out, fp, 0, 0);
        net_write_jout(out, net);
        jout_clear(out);
        fclose(fp);
        net_init(again);
        CHECK(jnode_parse(&root, buf, blen, err) == RELU_OK, "written network does not parse: %s", err->msg);
        CHECK(net_read_jnode(again, root, err) == RELU_OK, "written network does not read: %s", err->msg);
        CHECK(net_equal(net, again), "mutated network does not round-trip");
        jnode_free(root);
        net_clear(again);
        free(buf);
    }
    net_clear(net);
    return status;
}

static void
check_fuzz(void)
{
    size_t len = strlen(valid);
    char * buf = flint_malloc(len + 1);
    static const char repl[] = "0\",]}[{/-e.: \0\xff" "a1";

    CHECK(try_read(valid, len) == RELU_OK, "the valid network is refused");
    /* every proper prefix is incomplete JSON */
    for (size_t cut = 0; cut < len; cut++)
        CHECK(try_read(valid, cut) != RELU_OK, "prefix of length %zu accepted", cut);
    /* deletions and replacements: only no crash, no leak, and round trip if accepted */
    for (size_t i = 0; i < len; i++)
    {
        memcpy(buf, valid, i);
        memcpy(buf + i, valid + i + 1, len - i - 1);
        try_read(buf, len - 1);
        for (size_t r = 0; r < sizeof(repl) - 1; r++)
        {
            memcpy(buf, valid, len);
            buf[i] = repl[r];
            try_read(buf, len);
        }
    }
    flint_free(buf);
}

/* The same through files: a truncated file names its path. */
static void
check_truncated_files(void)
{
    char path[] = "/tmp/t-net_bad-XXXXXX";
    int fd = mkstemp(path);
    size_t len = strlen(valid);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    for (size_t cut = 0; cut < len; cut += 7)
    {
        rc_error_t err;
        net_t net;
        FILE * fp = fopen(path, "wb");
        fwrite(valid, 1, cut, fp);
        fclose(fp);
        rc_error_init(err);
        net_init(net);
        CHECK(net_read_file(net, path, err) == RELU_E_SYNTAX, "truncated file at %zu: %s", cut, err->msg);
        CHECK(strncmp(err->msg, path, strlen(path)) == 0, "%s", err->msg);
        CHECK(strstr(err->msg, cut == 0 ? "empty input" : "unexpected end of input") != NULL, "%s", err->msg);
        net_clear(net);
    }
    unlink(path);
}

int
main(void)
{
    printf("net_bad....");
    fflush(stdout);

    check_bad_files();
    check_fuzz();
    check_truncated_files();

    flint_cleanup();
    printf("PASS\n");
    return 0;
}
