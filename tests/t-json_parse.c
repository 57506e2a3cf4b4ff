/* The JSON layer keeps numbers as written, decodes strings, refuses what
   strict JSON refuses (duplicate keys, comments, trailing text, absurd
   nesting) with "line L, column C" pointing at the place, and the writer
   gives back what the parser read (also as JSON Lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <flint/fmpq.h>
#include "json/json.h"

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); fflush(stdout); abort(); } } while (0)

static jnode *
parse_ok(const char * text, size_t len)
{
    rc_error_t err;
    jnode * v;
    rc_error_init(err);
    CHECK(jnode_parse(&v, text, len, err) == RELU_OK, "\"%.200s\": %s", text, err->msg);
    CHECK(v != NULL, "NULL tree");
    return v;
}

static void
parse_bad(const char * text, size_t len, const char * part)
{
    rc_error_t err;
    jnode * v = (jnode *) 1;
    rc_error_init(err);
    CHECK(jnode_parse(&v, text, len, err) == RELU_E_SYNTAX, "\"%.200s\" accepted", text);
    CHECK(v == NULL, "*out not NULL on error");
    CHECK(strstr(err->msg, part) != NULL, "\"%.200s\": message \"%s\" lacks \"%s\"", text, err->msg, part);
    CHECK(strncmp(err->msg, "line ", 5) == 0, "no line in \"%s\"", err->msg);
    CHECK(strchr(err->msg, '\n') == NULL, "message has a newline: %s", err->msg);
}

/* Output of a writer into a string (freed by the caller). */
typedef struct { char * buf; size_t len; FILE * fp; } membuf;

static void
mem_open(membuf * m)
{
    m->buf = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->buf, &m->len);
    CHECK(m->fp != NULL, "open_memstream");
}

static void
mem_close(membuf * m)
{
    fclose(m->fp);
}

static void
check_structure(void)
{
    const char * doc = "{\"a\": [1, -2.50, {\"b\": null}, [], {}], \"c\": true, \"d\": false, "
                       "\"big\": 123456789012345678901234567890, \"tiny\": 1e-400, \"E\": -0.0E+07}";
    jnode * v = parse_ok(doc, strlen(doc));
    CHECK(v->type == JNODE_OBJECT && v->nitems == 6, "top");
    CHECK(strcmp(v->keys[0], "a") == 0 && strcmp(v->keys[5], "E") == 0, "key order");
    const jnode * a = jnode_get(v, "a");
    CHECK(a != NULL && a->type == JNODE_ARRAY && a->nitems == 5, "a");
    CHECK(a->items[0]->type == JNODE_NUMBER && strcmp(a->items[0]->text, "1") == 0, "1");
    CHECK(strcmp(a->items[1]->text, "-2.50") == 0 && a->items[1]->len == 5, "-2.50 kept as written");
    CHECK(jnode_get(a->items[2], "b")->type == JNODE_NULL, "null");
    CHECK(a->items[3]->type == JNODE_ARRAY && a->items[3]->nitems == 0, "[]");
    CHECK(a->items[4]->type == JNODE_OBJECT && a->items[4]->nitems == 0, "{}");
    CHECK(jnode_get(v, "c")->type == JNODE_TRUE && jnode_get(v, "d")->type == JNODE_FALSE, "booleans");
    CHECK(strcmp(jnode_get(v, "big")->text, "123456789012345678901234567890") == 0, "big integer text");
    CHECK(strcmp(jnode_get(v, "tiny")->text, "1e-400") == 0, "1e-400 text");
    CHECK(strcmp(jnode_get(v, "E")->text, "-0.0E+07") == 0, "exponent text");
    CHECK(jnode_get(v, "zzz") == NULL && jnode_get(a, "a") == NULL, "jnode_get of missing");
    CHECK(strcmp(jnode_type_name(jnode_get(v, "big")), "an integer") == 0, "type name integer");
    CHECK(strcmp(jnode_type_name(jnode_get(v, "tiny")), "a number") == 0, "type name number");
    CHECK(strcmp(jnode_type_name(a), "an array") == 0, "type name array");

    jnode * w = jnode_copy(v);
    CHECK(jnode_equal(v, w), "copy differs");
    jnode_free(w);
    jnode_free(v);

    /* top-level scalars */
    v = parse_ok(" 42 ", 4);
    CHECK(v->type == JNODE_NUMBER && strcmp(v->text, "42") == 0, "top-level number");
    jnode_free(v);
    v = parse_ok("\"x\"", 3);
    CHECK(v->type == JNODE_STRING && strcmp(v->text, "x") == 0, "top-level string");
    jnode_free(v);
    v = parse_ok("null", 4);
    CHECK(v->type == JNODE_NULL, "top-level null");
    jnode_free(v);
}

static void
check_strings(void)
{
    const char * doc = "[\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\", \"\\u00e9\\u20ac\\ud83d\\ude00\", \"x\\u0000y\", "
                       "\"\xc3\xa9\", \"\"]";
    jnode * v = parse_ok(doc, strlen(doc));
    CHECK(v->nitems == 5, "count");
    CHECK(strcmp(v->items[0]->text, "a\"b\\c/d\n\t\b\f\r") == 0, "escapes: %s", v->items[0]->text);
    CHECK(strcmp(v->items[1]->text, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == 0, "unicode escapes");
    CHECK(v->items[2]->len == 3 && memcmp(v->items[2]->text, "x\0y", 4) == 0, "embedded NUL");
    CHECK(strcmp(v->items[3]->text, "\xc3\xa9") == 0, "raw UTF-8");
    CHECK(v->items[4]->len == 0 && v->items[4]->text[0] == '\0', "empty string");

    /* written back and read again: the same strings, NUL included */
    membuf m;
    jout_t out;
    mem_open(&m);
    jout_init(out, m.fp, 0, 0);
    jout_node(out, v);
    jout_clear(out);
    mem_close(&m);
    jnode * w = parse_ok(m.buf, m.len);
    CHECK(jnode_equal(v, w), "strings changed by writing: %s", m.buf);
    CHECK(strstr(m.buf, "c/d") != NULL, "solidus escaped: %s", m.buf);
    jnode_free(w);
    jnode_free(v);
    free(m.buf);

    parse_bad("[\"\xff\"]", 5, "UTF8");
    parse_bad("[\"a\nb\"]", 7, "line 1, column 4: lexical error: invalid character inside string");
    parse_bad("[\"\\x41\"]", 8, "line 1");
    parse_bad("[\"\\u12\"]", 8, "line 1");
    parse_bad("{\"a\\u0000b\": 1}", 15, "NUL");
}

static void
check_errors(void)
{
    parse_bad("", 0, "line 1, column 1: empty input, expected a JSON value");
    parse_bad(" \n\t\r ", 5, "line 1, column 1: empty input");
    parse_bad("{\"a\": 1, \"a\": 2}", 16, "line 1, column 10: duplicate key \"a\"");
    parse_bad("{\"a\": {\"x\": 1, \"y\": 2, \"x\": 3}}", 31, "duplicate key \"x\"");
    parse_bad("/* c */ 1", 9, "comment");
    parse_bad("[1] // c", 8, "line 1, column 5: parse error: trailing garbage");
    parse_bad("[1, # c\n 2]", 11, "line 1, column 5");
    parse_bad("[1] x", 5, "trailing garbage");
    parse_bad("{} {}", 5, "line 1, column 4: parse error: trailing garbage");
    parse_bad("1 2", 3, "trailing garbage");
    parse_bad("[1, 2,]", 7, "line 1, column 7");
    parse_bad("{\"a\" 1}", 7, "line 1, column 6");
    parse_bad("{\"a\": 1", 7, "line 1, column 8: unexpected end of input");
    parse_bad("[tru]", 5, "line 1, column 2");
    parse_bad("[01]", 4, "line 1");
    parse_bad("[1.]", 4, "line 1, column 2");
    parse_bad("[NaN]", 5, "line 1, column 2");
    parse_bad("[Infinity]", 10, "line 1, column 2");
    parse_bad("[+1]", 4, "line 1, column 2");
    parse_bad("[.5]", 4, "line 1, column 2");
    parse_bad("{'a': 1}", 8, "line 1, column 2");
    parse_bad("{a: 1}", 6, "line 1, column 2");
    parse_bad("[1,\0]", 5, "line 1, column 4");
    parse_bad("[1]\0", 4, "line 1, column 4");
    parse_bad("\0", 1, "line 1, column 1");

    /* line and column on a multi-line text; columns count characters */
    const char * doc = "{\n  \"w\": [[1, 2],\n         [3, \"\xc3\xa9\", @]]\n}";
    parse_bad(doc, strlen(doc), "line 3, column 19: lexical error");
    const char * doc2 = "{\n  \"a\": 1,\n\n    \"a\": 2\n}";
    parse_bad(doc2, strlen(doc2), "line 4, column 5: duplicate key \"a\"");
    const char * doc3 = "[\n1,\n2,\n]";
    parse_bad(doc3, strlen(doc3), "line 4, column 1");
}

/* Many keys (the duplicate check switches to a hash table past a few). */
static void
check_many_keys(void)
{
    char * buf = flint_malloc(200000);
    size_t k = 0;
    buf[k++] = '{';
    for (int i = 0; i < 5000; i++)
        k += (size_t) sprintf(buf + k, "%s\"k%d\": %d", i ? ", " : "", i, i);
    size_t mid = k;
    buf[k++] = '}';
    jnode * v = parse_ok(buf, k);
    CHECK(v->nitems == 5000 && strcmp(jnode_get(v, "k4321")->text, "4321") == 0, "5000 keys");
    jnode_free(v);
    k = mid + (size_t) sprintf(buf + mid, ", \"k2999\": 0}");
    parse_bad(buf, k, "duplicate key \"k2999\"");
    flint_free(buf);
}

static void
check_depth(void)
{
    size_t n = 200000;
    char * buf = flint_malloc(2 * n + 2);
    for (size_t d = JNODE_MAX_DEPTH - 1; d <= JNODE_MAX_DEPTH + 1; d++)
    {
        for (size_t i = 0; i < d; i++)
        {
            buf[i] = '[';
            buf[2 * d - 1 - i] = ']';
        }
        if (d <= JNODE_MAX_DEPTH)
        {
            jnode * v = parse_ok(buf, 2 * d);
            jnode * w = jnode_copy(v);
            CHECK(jnode_equal(v, w), "deep copy");
            jnode_free(w);
            jnode_free(v);
        }
        else
            parse_bad(buf, 2 * d, "nesting deeper than 1000 levels");
    }
    /* very deep, unclosed, and objects */
    memset(buf, '[', n);
    parse_bad(buf, n, "line 1, column 1001: nesting deeper than 1000 levels");
    for (size_t i = 0; i < n / 6; i++)
        memcpy(buf + 6 * i, "{\"a\": ", 6);
    parse_bad(buf, 6 * (n / 6), "nesting deeper");
    flint_free(buf);
}

/* parse -> write (pretty, compact) -> parse gives the same tree, and
   writing that tree again gives the same bytes. */
static void
check_round_trip(const char * doc)
{
    jnode * v = parse_ok(doc, strlen(doc));
    for (int pretty = 0; pretty <= 1; pretty++)
    {
        membuf m1, m2;
        jout_t out;
        mem_open(&m1);
        jout_init(out, m1.fp, pretty, 0);
        jout_node(out, v);
        jout_clear(out);
        mem_close(&m1);
        CHECK(m1.len > 0 && m1.buf[m1.len - 1] == '\n', "output does not end with a newline");
        CHECK(pretty || memchr(m1.buf, '\n', m1.len) == m1.buf + m1.len - 1, "compact output on several lines");
        jnode * w = parse_ok(m1.buf, m1.len);
        CHECK(jnode_equal(v, w), "round trip changed %s into %s", doc, m1.buf);
        mem_open(&m2);
        jout_init(out, m2.fp, pretty, 0);
        jout_node(out, w);
        jout_clear(out);
        mem_close(&m2);
        CHECK(m1.len == m2.len && memcmp(m1.buf, m2.buf, m1.len) == 0, "second write differs");
        jnode_free(w);
        free(m1.buf);
        free(m2.buf);
    }
    jnode_free(v);
}

/* A random tree written with jout_*, with exact numbers of all sizes. */
static void
random_value(jout_t out, flint_rand_t state, int depth)
{
    int kind = (int) n_randint(state, depth > 4 ? 6 : 8);
    fmpq_t x;
    char key[32];
    switch (kind)
    {
        case 0: jout_null(out); break;
        case 1: jout_bool(out, (int) n_randint(state, 2)); break;
        case 2: jout_int(out, (long) n_randtest(state)); break;
        case 3:
        case 4:
            fmpq_init(x);
            fmpq_randtest(x, state, 1 + n_randint(state, 300));
            if (kind == 3)
                jout_fmpq(out, x);
            else
                jout_fmpq_str(out, x);
            fmpq_clear(x);
            break;
        case 5:
            snprintf(key, sizeof(key), "s\"\\%lu\xc3\xa9", (unsigned long) n_randint(state, 1000));
            jout_string(out, key);
            break;
        case 6:
        {
            slong n = (slong) n_randint(state, 5);
            jout_begin_array(out);
            for (slong i = 0; i < n; i++)
                random_value(out, state, depth + 1);
            jout_end_array(out);
            break;
        }
        default:
        {
            slong n = (slong) n_randint(state, 5);
            jout_begin_object(out);
            for (slong i = 0; i < n; i++)
            {
                snprintf(key, sizeof(key), "k%ld", (long) i);
                jout_key(out, key);
                random_value(out, state, depth + 1);
            }
            jout_end_object(out);
        }
    }
}

static void
check_random_trees(flint_rand_t state)
{
    for (int iter = 0; iter < 300; iter++)
    {
        membuf m;
        jout_t out;
        mem_open(&m);
        jout_init(out, m.fp, (int) n_randint(state, 2), 0);
        random_value(out, state, 0);
        jout_clear(out);
        mem_close(&m);
        check_round_trip(m.buf);
        free(m.buf);
    }
}

static void
check_numbers_out(void)
{
    membuf m;
    jout_t out;
    fmpz_t z;
    fmpq_t q;
    fmpz_init(z);
    fmpq_init(q);
    mem_open(&m);
    jout_init(out, m.fp, 0, 0);
    jout_begin_array(out);
    fmpz_set_str(z, "-123456789012345678901234567890123", 10);
    jout_fmpz(out, z);
    fmpq_set_si(q, -3, 4);
    jout_fmpq(out, q);
    fmpq_set_si(q, 7, 1);
    jout_fmpq(out, q);
    jout_fmpq_str(out, q);
    jout_int(out, -5);
    jout_string(out, "bad\xff\xfe utf8");
    jout_end_array(out);
    jout_clear(out);
    mem_close(&m);
    const char * expect = "[-123456789012345678901234567890123,\"-3/4\",7,\"7\",-5,\"bad?? utf8\"]\n";
    CHECK(strcmp(m.buf, expect) == 0, "got %s", m.buf);
    free(m.buf);
    fmpz_clear(z);
    fmpq_clear(q);
}

static void
check_lines(void)
{
    membuf m;
    jout_t out;
    mem_open(&m);
    jout_init(out, m.fp, 1, 1);    /* lines mode wins over pretty */
    for (int i = 0; i < 3; i++)
    {
        jout_begin_object(out);
        jout_key(out, "i");
        jout_int(out, i);
        jout_key(out, "v");
        jout_begin_array(out);
        jout_int(out, i * i);
        jout_end_array(out);
        jout_end_object(out);
    }
    jout_int(out, 7);
    jout_clear(out);
    mem_close(&m);
    const char * expect = "{\"i\":0,\"v\":[0]}\n{\"i\":1,\"v\":[1]}\n{\"i\":2,\"v\":[4]}\n7\n";
    CHECK(strcmp(m.buf, expect) == 0, "JSON Lines output:\n%s", m.buf);
    free(m.buf);

    /* pretty documents one after the other, and nothing written: no output */
    mem_open(&m);
    jout_init(out, m.fp, 1, 0);
    jout_begin_object(out);
    jout_key(out, "a");
    jout_int(out, 1);
    jout_end_object(out);
    jout_null(out);
    jout_clear(out);
    mem_close(&m);
    CHECK(strcmp(m.buf, "{\n  \"a\": 1\n}\nnull\n") == 0, "pretty output:\n%s", m.buf);
    free(m.buf);
    mem_open(&m);
    jout_init(out, m.fp, 0, 0);
    jout_clear(out);
    mem_close(&m);
    CHECK(m.len == 0, "empty writer wrote %zu bytes", m.len);
    free(m.buf);

    /* empty containers stay on one line when pretty (yajl alone writes "[\n\n  ]") */
    const char * doc = "{\"a\": [], \"b\": {}, \"c\": [[], {}, [1], \"[\", {\"d\": []}]}";
    jnode * v = parse_ok(doc, strlen(doc));
    mem_open(&m);
    jout_init(out, m.fp, 1, 0);
    jout_node(out, v);
    jout_begin_array(out);
    jout_end_array(out);
    jout_clear(out);
    mem_close(&m);
    CHECK(strcmp(m.buf, "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    [],\n    {},\n    [\n      1\n    ],\n"
                        "    \"[\",\n    {\n      \"d\": []\n    }\n  ]\n}\n[]\n") == 0, "pretty output:\n%s", m.buf);
    free(m.buf);
    jnode_free(v);
}

static void
check_files(void)
{
    rc_error_t err;
    jnode * v;
    char path[] = "/tmp/t-json_parse-XXXXXX";
    rc_error_init(err);
    CHECK(jnode_parse_file(&v, "/nonexistent/dir/x.json", err) == RELU_E_IO, "missing file");
    CHECK(strstr(err->msg, "cannot read /nonexistent/dir/x.json: ") != NULL, "%s", err->msg);
    CHECK(v == NULL, "out not NULL");
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    FILE * fp = fdopen(fd, "w");
    fputs("{\"a\": [1,\n 2,, 3]}", fp);
    fclose(fp);
    CHECK(jnode_parse_file(&v, path, err) == RELU_E_SYNTAX, "bad file accepted");
    char expect[128];
    snprintf(expect, sizeof(expect), "%s: line 2, column 4: ", path);
    CHECK(strncmp(err->msg, expect, strlen(expect)) == 0, "%s", err->msg);
    fp = fopen(path, "w");
    fputs("{\"a\": [1e-400, 2]}\n", fp);
    fclose(fp);
    CHECK(jnode_parse_file(&v, path, err) == RELU_OK, "%s", err->msg);
    CHECK(strcmp(jnode_get(v, "a")->items[0]->text, "1e-400") == 0, "file number text");
    jnode_free(v);
    unlink(path);
    CHECK(jnode_parse_file(&v, "/tmp", err) == RELU_E_IO, "directory read");
}

int
main(void)
{
    flint_rand_t state;
    printf("json_parse....");
    fflush(stdout);
    flint_randinit(state);

    check_structure();
    check_strings();
    check_errors();
    check_many_keys();
    check_depth();
    check_numbers_out();
    check_lines();
    check_round_trip("{\"input_dim\": 2, \"x\": [1e-400, -0.0, 123456789012345678901234567890, \"1/3\"], "
                     "\"m\": {\"deep\": [[[{}]]], \"t\": true, \"n\": null, \"s\": \"\\u0001\\\"\"}}");
    check_round_trip("[]");
    check_round_trip("\"\"");
    check_random_trees(state);
    check_files();

    flint_randclear(state);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
