/* Every bad graph file in tests/data/plnet fails in net_read_file with the
   code and a one-line message (starting with the path, naming node and field)
   given in tests/data/plnet/EXPECT, and every file there is listed. Then a
   valid graph cut at every byte and with bytes replaced never crashes the
   reader (run under valgrind/ASan) and whatever is accepted evaluates. */
#include <dirent.h>
#include "plnet_testutil.h"

#define MAX_FILES 200

static void
check_bad_files(void)
{
    char dir[1024], path[8192], line[4096], * name[MAX_FILES];
    int n = 0, seen[MAX_FILES];
    snprintf(dir, sizeof(dir), "%s/plnet", test_data_dir());
    snprintf(path, sizeof(path), "%s/EXPECT", dir);
    FILE * fp = fopen(path, "r");
    CHECK(fp != NULL, "cannot open %s", path);
    while (fgets(line, sizeof(line), fp) != NULL)
    {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char * t1 = strchr(line, '\t'), * t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        CHECK(t2 != NULL && n < MAX_FILES, "EXPECT: bad line %s", line);
        *t1 = *t2 = '\0';
        int code = atoi(t1 + 1);
        rc_error_t err;
        net_t net;
        rc_error_init(err);
        net_init(net);
        snprintf(path, sizeof(path), "%s/%s", dir, line);
        int status = net_read_file(net, path, err);
        CHECK(status == code && err->code == code, "%s: code %d, expected %d: %s", line, status, code, err->msg);
        CHECK(strncmp(err->msg, path, strlen(path)) == 0 && strncmp(err->msg + strlen(path), ": ", 2) == 0,
              "%s: message does not start with the path: %s", line, err->msg);
        CHECK(strstr(err->msg, t2 + 1) != NULL, "%s: message\n  %s\nlacks\n  %s", line, err->msg, t2 + 1);
        CHECK(strchr(err->msg, '\n') == NULL, "%s: message on several lines", line);
        CHECK(net->nlayers == 0, "%s: failed read left layers behind", line);
        net_clear(net);
        seen[n] = 0;
        name[n++] = strdup(line);
    }
    fclose(fp);
    CHECK(n >= 40, "only %d bad graph files", n);
    DIR * d = opendir(dir);
    struct dirent * e;
    CHECK(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL)
    {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "EXPECT") == 0)
            continue;
        int found = 0;
        for (int i = 0; i < n; i++)
            if (strcmp(name[i], e->d_name) == 0)
                found = seen[i] = 1;
        CHECK(found, "%s/%s is not listed in EXPECT", dir, e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++)
        free(name[i]);
    printf("t-plnet_bad: %d bad graph files refused as expected\n", n);
}

static const char * valid =
    "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"img\", \"shape\": [1, 3, 3]},"
    " \"nodes\": [{\"name\": \"c\", \"op\": \"conv\", \"inputs\": [\"img\"], \"weights\": [[[[1, -1], [\"1/2\", 2]]]], \"padding\": 1},"
    " {\"name\": \"r\", \"op\": \"leaky_relu\", \"inputs\": [\"c\"], \"slope\": \"0.1\"},"
    " {\"name\": \"p\", \"op\": \"max_pool\", \"inputs\": [\"r\"], \"kernel\": [1, 2]},"
    " {\"name\": \"b\", \"op\": \"batch_norm\", \"inputs\": [\"p\"], \"gamma\": [2], \"beta\": [1], \"mean\": [0], \"var\": [\"3/4\"], \"epsilon\": \"1/4\"},"
    " {\"name\": \"f\", \"op\": \"flatten\", \"inputs\": [\"b\"]},"
    " {\"name\": \"m\", \"op\": \"max\", \"inputs\": [\"f\"], \"groups\": [[0, 1], [2]]},"
    " {\"name\": \"k\", \"op\": \"clamp\", \"inputs\": [\"m\"], \"min\": 0, \"max\": 6}],"
    " \"outputs\": [\"k\", \"m\"], \"classes\": [\"a\", \"b\", \"c\", \"d\"]}";

/* Accepted texts must lower and evaluate without trouble. */
static int
try_text(const char * text, size_t len)
{
    jnode * root = NULL;
    rc_error_t err;
    rc_error_init(err);
    if (jnode_parse(&root, text, len, err))
        return 0;
    if (getenv("PLNET_TRACE"))
        fprintf(stderr, "%.*s\n", (int) len, text);
    net_t net;
    net_init(net);
    int status = net_read_jnode(net, root, err);
    CHECK(status != RELU_E_INTERNAL && strchr(err->msg, '\n') == NULL, "bad failure: %s", err->msg);
    if (status == RELU_OK)
    {
        fmpq * x = _fmpq_vec_init(net->input_dim), * y = _fmpq_vec_init(net_num_outputs(net));
        test_eval_shortcuts(y, net, x);
        _fmpq_vec_clear(x, net->input_dim);
        _fmpq_vec_clear(y, net_num_outputs(net));
    }
    net_clear(net);
    jnode_free(root);
    return status == RELU_OK;
}

int
main(void)
{
    check_bad_files();
    size_t len = strlen(valid);
    CHECK(try_text(valid, len), "the valid graph is refused");
    char * buf = malloc(len + 1);
    slong accepted = 0, tried = 0;
    static const char repl[] = { '0', '9', '-', '"', '[', ']', '{', '}', ',', 'x', ' ' };
    for (size_t cut = 0; cut < len; cut++, tried++)
        accepted += try_text(valid, cut);
    for (size_t i = 0; i < len; i++)
        for (size_t r = 0; r < sizeof(repl); r++)
        {
            memcpy(buf, valid, len + 1);
            buf[i] = repl[r];
            accepted += try_text(buf, len);
            tried++;
        }
    printf("t-plnet_bad: %ld mutated graphs, %ld accepted, no crash\n", (long) tried, (long) accepted);
    free(buf);
    flint_cleanup();
    return 0;
}
