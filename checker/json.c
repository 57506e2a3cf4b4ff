/* JSON for the checker: YAJL's tree API, exact numbers, a tracking arena. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "check.h"

/* ---- arena ---------------------------------------------------------------- */
typedef struct block
{
    struct block * prev, * next;
    size_t size;
    size_t pad;
}
block;

static block arena = { &arena, &arena, 0, 0 };

#define MAX_TREES 8
static yajl_val trees[MAX_TREES];
static int ntrees;

void *
xmalloc(size_t size)
{
    block * b = malloc(sizeof(block) + (size ? size : 1));
    if (b == NULL)
    {
        fputs("relucert-check: out of memory\n", stderr);
        exit(1);
    }
    b->size = size;
    b->next = arena.next;
    b->prev = &arena;
    arena.next->prev = b;
    arena.next = b;
    return b + 1;
}

void
xfree(void * p)
{
    if (p == NULL)
        return;
    block * b = (block *) p - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    free(b);
}

static void *
gmp_realloc(void * p, size_t old, size_t size)
{
    void * q = xmalloc(size);
    memcpy(q, p, old < size ? old : size);
    xfree(p);
    return q;
}

static void
gmp_free(void * p, size_t size)
{
    xfree(p);
}

void
arena_init(void)
{
    mp_set_memory_functions(xmalloc, gmp_realloc, gmp_free);
}

void
arena_free_all(void)
{
    for (int i = 0; i < ntrees; i++)
        yajl_tree_free(trees[i]);
    ntrees = 0;
    while (arena.next != &arena)
        xfree(arena.next + 1);
}

jmp_buf * check_fail_jump;
check_json_report * check_json;

void
json_print_string(FILE * fp, const char * s)
{
    fputc('"', fp);
    for (const unsigned char * p = (const unsigned char *) s; *p; p++)
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(fp, "\\u%04x", *p);
        else
            fputc(*p, fp);
    fputc('"', fp);
}

/* Messages quote the certificate (keys, strings), which may hold newlines or
   other control characters; the error stays one line by writing them as
   escapes, so a script reading stderr line by line sees one error. */
static void
_fold_controls(char * out, size_t outlen, const char * in)
{
    size_t k = 0;
    for (const unsigned char * p = (const unsigned char *) in; *p != '\0' && k + 5 < outlen; p++)
    {
        if (*p == '\n')
            k += (size_t) snprintf(out + k, outlen - k, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            k += (size_t) snprintf(out + k, outlen - k, "\\x%02x", *p);
        else
            out[k++] = (char) *p;
    }
    out[k] = '\0';
}

void
fail(const char * fmt, ...)
{
    char raw[2048], msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof(raw), fmt, ap);
    va_end(ap);
    _fold_controls(msg, sizeof(msg), raw);
    if (check_fail_jump != NULL)
    {
        /* the fuzz harness: messages must be one non-empty line; no exit */
        if (strchr(msg, '\n') != NULL || msg[0] == '\0')
            abort();
        arena_free_all();
        longjmp(*check_fail_jump, 1);
    }
    fprintf(stderr, "relucert-check: %s\n", msg);
    if (check_json != NULL)
    {
        printf("{\"verified\": false, \"kind\": ");
        if (check_json->kind != NULL)
            json_print_string(stdout, check_json->kind);
        else
            printf("null");
        printf(", \"certificate\": ");
        json_print_string(stdout, check_json->cpath);
        printf(", \"network\": ");
        json_print_string(stdout, check_json->npath);
        printf(", \"error\": ");
        json_print_string(stdout, msg);
        printf("}\n");
    }
    arena_free_all();
    exit(1);
}

/* ---- reading -------------------------------------------------------------- */
static void
check_unique_keys(yajl_val v, const char * path, int depth)
{
    if (depth > 1000)
        fail("%s: nested deeper than 1000 levels", path);
    if (YAJL_IS_OBJECT(v))
    {
        for (size_t i = 0; i < v->u.object.len; i++)
        {
            for (size_t j = 0; j < i; j++)
                if (strcmp(v->u.object.keys[i], v->u.object.keys[j]) == 0)
                    fail("%s: duplicate key \"%.60s\"", path, v->u.object.keys[i]);
            check_unique_keys(v->u.object.values[i], path, depth + 1);
        }
    }
    else if (YAJL_IS_ARRAY(v))
        for (size_t i = 0; i < v->u.array.len; i++)
            check_unique_keys(v->u.array.values[i], path, depth + 1);
}

/* Nesting depth of the raw text, outside strings. Checked before parsing:
   YAJL's tree functions (yajl_tree_free, also on a parse error) recurse on
   the C stack, so a deep document must never become a tree. */
static void
check_depth(const char * s, size_t len, const char * name)
{
    long depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++)
    {
        char c = s[i];
        if (in_string)
        {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        }
        else if (c == '"')
            in_string = 1;
        else if (c == '[' || c == '{')
        {
            if (++depth > 1000)
                fail("%s: nested deeper than 1000 levels", name);
        }
        else if (c == ']' || c == '}')
            depth--;
    }
}

yajl_val
json_read_buffer(const char * data, size_t len, const char * name)
{
    char * buf = xmalloc(len + 1);
    memcpy(buf, data, len);
    buf[len] = '\0';
    if (strlen(buf) != len)
        fail("%s: NUL byte in the file", name);
    check_depth(buf, len, name);
    char err[256];
    err[0] = '\0';
    if (ntrees == MAX_TREES)
        fail("too many JSON files");
    yajl_val v = yajl_tree_parse(buf, err, sizeof(err));
    xfree(buf);
    if (v == NULL)
    {
        for (char * p = err; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        fail("%s: not valid JSON (%.200s)", name, err);
    }
    trees[ntrees++] = v;
    check_unique_keys(v, name, 0);
    return v;
}

yajl_val
json_read_file(const char * path)
{
    FILE * fp = fopen(path, "rb");
    if (fp == NULL)
        fail("cannot read %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > CHECK_MAX_FILE)
    {
        fclose(fp);
        fail("%s: larger than %d MiB; relucert-check reads files up to that size", path, CHECK_MAX_FILE >> 20);
    }
    size_t len = 0, cap = 1 << 16;
    char * buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, fp)) > 0)
    {
        len += got;
        if (len > CHECK_MAX_FILE)   /* a device, a pipe without end or a huge file */
        {
            fclose(fp);
            fail("%s: larger than %d MiB (a device or an endless stream?); relucert-check reads files up to that size",
                 path, CHECK_MAX_FILE >> 20);
        }
        if (cap - len - 1 == 0)
        {
            char * nb = xmalloc(2 * cap);
            memcpy(nb, buf, len);
            xfree(buf);
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        fail("cannot read %s", path);
    yajl_val v = json_read_buffer(buf, len, path);
    xfree(buf);
    return v;
}

yajl_val
json_member(yajl_val obj, const char * key)
{
    if (!YAJL_IS_OBJECT(obj))
        return NULL;
    for (size_t i = 0; i < obj->u.object.len; i++)
        if (strcmp(obj->u.object.keys[i], key) == 0)
            return obj->u.object.values[i];
    return NULL;
}

size_t
json_array_len(yajl_val v)
{
    return YAJL_IS_ARRAY(v) ? v->u.array.len : 0;
}

yajl_val
json_array_item(yajl_val v, size_t i)
{
    return v->u.array.values[i];
}

/* ---- exact numbers -------------------------------------------------------- */
/* s[0..len) is [-]digits (sign allowed when neg_ok) */
static int
parse_int(mpz_t z, const char * s, size_t len, int neg_ok)
{
    size_t i = 0;
    if (len > 0 && s[0] == '-' && neg_ok)
        i = 1;
    if (i == len)
        return -1;
    for (size_t k = i; k < len; k++)
        if (!isdigit((unsigned char) s[k]))
            return -1;
    char * t = xmalloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    int r = mpz_set_str(z, t, 10);
    xfree(t);
    return r;
}

/* [-]digits[.digits][(e|E)[+-]digits], exponent at most 100000 in size */
static int
parse_decimal(mpq_t q, const char * s)
{
    size_t i = 0, len = strlen(s);
    int neg = 0;
    if (s[i] == '-')
    {
        neg = 1;
        i++;
    }
    size_t start = i;
    mpz_t num, den;
    mpz_init(num);
    mpz_init(den);
    char * digits = xmalloc(len + 1);
    size_t nd = 0, frac = 0;
    while (i < len && isdigit((unsigned char) s[i]))
        digits[nd++] = s[i++];
    if (i < len && s[i] == '.')
    {
        i++;
        while (i < len && isdigit((unsigned char) s[i]))
        {
            digits[nd++] = s[i++];
            frac++;
        }
        if (frac == 0)
            nd = 0;   /* "1." is not a number */
    }
    long ex = 0;
    int ok = nd > 0 && i > start;
    if (ok && i < len && (s[i] == 'e' || s[i] == 'E'))
    {
        i++;
        int eneg = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t es = i;
        while (i < len && isdigit((unsigned char) s[i]) && ex <= 100000)
            ex = 10 * ex + (s[i++] - '0');
        ok = i > es && ex <= 100000;
        if (eneg)
            ex = -ex;
    }
    ok = ok && i == len;
    if (ok)
    {
        digits[nd] = '\0';
        mpz_set_str(num, digits, 10);
        long e10 = ex - (long) frac;
        mpz_set_ui(den, 1);
        if (e10 >= 0)
        {
            mpz_ui_pow_ui(den, 10, (unsigned long) e10);
            mpz_mul(num, num, den);
            mpz_set_ui(den, 1);
        }
        else
            mpz_ui_pow_ui(den, 10, (unsigned long) -e10);
        if (neg)
            mpz_neg(num, num);
        mpq_set_num(q, num);
        mpq_set_den(q, den);
        mpq_canonicalize(q);
    }
    xfree(digits);
    mpz_clear(num);
    mpz_clear(den);
    return ok ? 0 : -1;
}

static int
parse_q(mpq_t q, const char * s)
{
    const char * slash = strchr(s, '/');
    if (slash == NULL)
        return parse_decimal(q, s);
    mpz_t p, d;
    mpz_init(p);
    mpz_init(d);
    int r = parse_int(p, s, (size_t) (slash - s), 1);
    if (r == 0)
        r = parse_int(d, slash + 1, strlen(slash + 1), 0);
    if (r == 0 && mpz_sgn(d) == 0)
        r = -1;
    if (r == 0)
    {
        mpq_set_num(q, p);
        mpq_set_den(q, d);
        mpq_canonicalize(q);
    }
    mpz_clear(p);
    mpz_clear(d);
    return r;
}

int
parse_exact(mpq_t q, const char * s)
{
    return parse_q(q, s);
}

int
json_get_q(mpq_t q, yajl_val v)
{
    if (YAJL_IS_NUMBER(v))
        return strchr(v->u.number.r, '/') ? -1 : parse_q(q, v->u.number.r);
    if (YAJL_IS_STRING(v))
        return parse_q(q, v->u.string);
    return -1;
}

long
json_get_index(yajl_val v)
{
    if (!YAJL_IS_NUMBER(v))
        return -1;
    const char * s = v->u.number.r;
    size_t len = strlen(s);
    if (len == 0 || len > 15)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char) s[i]))
            return -1;
    return strtol(s, NULL, 10);
}
