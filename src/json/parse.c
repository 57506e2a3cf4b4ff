/* JSON text -> jnode tree, through YAJL's event API.

   YAJL's tree API (yajl_tree) would convert numbers to doubles and accept
   duplicate keys; the event API gives the raw text of every number (the
   yajl_number callback), so nothing is ever rounded, and lets us stop at the
   first duplicate key or at an absurd nesting depth. The tree is built with
   an explicit stack of open containers, so deep input cannot overflow the C
   stack while parsing; the depth limit also keeps the recursive jnode_free,
   jnode_copy and jout_node safe. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>
#include <flint/flint.h>
#include "json/json.h"

/* An open array or object while parsing: the node and its allocated room. */
typedef struct
{
    jnode * node;
    size_t alloc;
    size_t * hash;          /* OBJECT with many keys: open-addressing table of item index + 1 */
    size_t hash_size;       /* power of two, 0 while the linear scan is used */
}
jframe;

typedef struct
{
    jnode * root;
    jframe * stack;
    size_t depth, alloc;
    char * key;             /* OBJECT: the key waiting for its value */
    /* set by a callback that cancels the parse */
    char why[256];
    int back_to_token;      /* 1: report the position of the token just read, not after it */
    int back_to_string;     /* 1: the token was a string (a key): go back to its start */
}
jbuild;

/* Objects with fewer keys are checked for duplicates by a linear scan. */
#define JNODE_HASH_MIN 16

/* ------------------------------------------------------------------ nodes */

static jnode *
_jnode_new(jnode_type type)
{
    jnode * v = flint_malloc(sizeof(jnode));
    v->type = type;
    v->text = NULL;
    v->len = 0;
    v->nitems = 0;
    v->keys = NULL;
    v->items = NULL;
    return v;
}

static char *
_strndup(const char * s, size_t len)
{
    char * t = flint_malloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    return t;
}

void
jnode_free(jnode * v)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < v->nitems; i++)
    {
        if (v->keys != NULL)
            flint_free(v->keys[i]);
        jnode_free(v->items[i]);
    }
    flint_free(v->keys);
    flint_free(v->items);
    flint_free(v->text);
    flint_free(v);
}

jnode *
jnode_copy(const jnode * v)
{
    if (v == NULL)
        return NULL;
    jnode * w = _jnode_new(v->type);
    if (v->text != NULL)
    {
        w->text = _strndup(v->text, v->len);
        w->len = v->len;
    }
    if (v->nitems > 0)
    {
        w->nitems = v->nitems;
        w->items = flint_malloc(v->nitems * sizeof(jnode *));
        if (v->type == JNODE_OBJECT)
            w->keys = flint_malloc(v->nitems * sizeof(char *));
        for (size_t i = 0; i < v->nitems; i++)
        {
            w->items[i] = jnode_copy(v->items[i]);
            if (v->type == JNODE_OBJECT)
                w->keys[i] = _strndup(v->keys[i], strlen(v->keys[i]));
        }
    }
    return w;
}

int
jnode_equal(const jnode * a, const jnode * b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->type != b->type || a->len != b->len || a->nitems != b->nitems)
        return 0;
    if (a->len > 0 && memcmp(a->text, b->text, a->len) != 0)
        return 0;
    for (size_t i = 0; i < a->nitems; i++)
    {
        if (a->type == JNODE_OBJECT && strcmp(a->keys[i], b->keys[i]) != 0)
            return 0;
        if (!jnode_equal(a->items[i], b->items[i]))
            return 0;
    }
    return 1;
}

const jnode *
jnode_get(const jnode * obj, const char * key)
{
    if (obj == NULL || obj->type != JNODE_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->nitems; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

/* An integer token is "-?[0-9]+"; anything with '.', 'e' or 'E' is another number. */
static int
_is_integer_text(const char * s, size_t len)
{
    size_t i = (len > 0 && s[0] == '-');
    if (i == len)
        return 0;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

const char *
jnode_type_name(const jnode * v)
{
    if (v == NULL)
        return "nothing";
    switch (v->type)
    {
        case JNODE_NULL: return "null";
        case JNODE_TRUE: return "a boolean (true)";
        case JNODE_FALSE: return "a boolean (false)";
        case JNODE_NUMBER: return _is_integer_text(v->text, v->len) ? "an integer" : "a number";
        case JNODE_STRING: return "a string";
        case JNODE_ARRAY: return "an array";
        case JNODE_OBJECT: return "an object";
    }
    return "an unknown value";
}

/* -------------------------------------------------------- duplicate keys */

static size_t
_hash_key(const char * s)
{
    /* FNV-1a: simple and good enough against accidental collisions. */
    size_t h = (size_t) 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char) *s) * (size_t) 1099511628211ULL;
    return h;
}

static void
_hash_insert(jframe * f, size_t index)
{
    size_t mask = f->hash_size - 1;
    size_t h = _hash_key(f->node->keys[index]) & mask;
    while (f->hash[h] != 0)
        h = (h + 1) & mask;
    f->hash[h] = index + 1;
}

static void
_hash_rebuild(jframe * f, size_t size)
{
    flint_free(f->hash);
    f->hash_size = size;
    f->hash = flint_calloc(size, sizeof(size_t));
    for (size_t i = 0; i < f->node->nitems; i++)
        _hash_insert(f, i);
}

/* Whether key is already a member of the object being built. */
static int
_has_key(jframe * f, const char * key)
{
    jnode * obj = f->node;
    if (f->hash_size == 0)
    {
        for (size_t i = 0; i < obj->nitems; i++)
            if (strcmp(obj->keys[i], key) == 0)
                return 1;
        return 0;
    }
    size_t mask = f->hash_size - 1;
    for (size_t h = _hash_key(key) & mask; f->hash[h] != 0; h = (h + 1) & mask)
        if (strcmp(obj->keys[f->hash[h] - 1], key) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------- building */

static void
_append(jframe * f, jnode * v, char * key)
{
    jnode * c = f->node;
    if (c->nitems == f->alloc)
    {
        f->alloc = f->alloc ? 2 * f->alloc : 4;
        c->items = flint_realloc(c->items, f->alloc * sizeof(jnode *));
        if (c->type == JNODE_OBJECT)
            c->keys = flint_realloc(c->keys, f->alloc * sizeof(char *));
    }
    c->items[c->nitems] = v;
    if (c->type == JNODE_OBJECT)
        c->keys[c->nitems] = key;
    c->nitems++;
    if (c->type == JNODE_OBJECT)
    {
        /* keep the table at most half full */
        if (f->hash_size == 0 && c->nitems >= JNODE_HASH_MIN)
            _hash_rebuild(f, 4 * JNODE_HASH_MIN);
        else if (f->hash_size != 0 && 2 * c->nitems > f->hash_size)
            _hash_rebuild(f, 2 * f->hash_size);
        else if (f->hash_size != 0)
            _hash_insert(f, c->nitems - 1);
    }
}

/* Attaches a finished value to the open container (or makes it the root). */
static void
_add_value(jbuild * b, jnode * v)
{
    if (b->depth == 0)
        b->root = v;    /* YAJL allows one top-level value only */
    else
    {
        _append(&b->stack[b->depth - 1], v, b->key);
        b->key = NULL;
    }
}

static int
_on_null(void * ctx)
{
    _add_value(ctx, _jnode_new(JNODE_NULL));
    return 1;
}

static int
_on_boolean(void * ctx, int val)
{
    _add_value(ctx, _jnode_new(val ? JNODE_TRUE : JNODE_FALSE));
    return 1;
}

static int
_on_number(void * ctx, const char * s, size_t len)
{
    jnode * v = _jnode_new(JNODE_NUMBER);
    v->text = _strndup(s, len);
    v->len = len;
    _add_value(ctx, v);
    return 1;
}

static int
_on_string(void * ctx, const unsigned char * s, size_t len)
{
    jnode * v = _jnode_new(JNODE_STRING);
    v->text = _strndup((const char *) s, len);
    v->len = len;
    _add_value(ctx, v);
    return 1;
}

static int
_open(jbuild * b, jnode_type type)
{
    if (b->depth >= JNODE_MAX_DEPTH)
    {
        snprintf(b->why, sizeof(b->why), "nesting deeper than %d levels", JNODE_MAX_DEPTH);
        b->back_to_token = 1;
        return 0;
    }
    jnode * v = _jnode_new(type);
    _add_value(b, v);
    if (b->depth == b->alloc)
    {
        b->alloc = b->alloc ? 2 * b->alloc : 16;
        b->stack = flint_realloc(b->stack, b->alloc * sizeof(jframe));
    }
    jframe * f = &b->stack[b->depth++];
    f->node = v;
    f->alloc = 0;
    f->hash = NULL;
    f->hash_size = 0;
    return 1;
}

static int
_close(jbuild * b)
{
    jframe * f = &b->stack[--b->depth];
    flint_free(f->hash);
    f->hash = NULL;
    return 1;
}

static int
_on_start_map(void * ctx)
{
    return _open(ctx, JNODE_OBJECT);
}

static int
_on_start_array(void * ctx)
{
    return _open(ctx, JNODE_ARRAY);
}

static int
_on_end(void * ctx)
{
    return _close(ctx);
}

void
jnode_quote(char * out, size_t size, const char * s, size_t len, size_t max)
{
    size_t k = 0, i;
    out[k++] = '"';
    for (i = 0; i < len && i < max && k + 12 < size; i++)
    {
        unsigned char c = (unsigned char) s[i];
        if (c == '"' || c == '\\')
        {
            out[k++] = '\\';
            out[k++] = (char) c;
        }
        else if (c < 0x20 || c == 0x7f)
            k += (size_t) snprintf(out + k, size - k, "\\u%04x", c);
        else
            out[k++] = (char) c;
    }
    if (i < len)
    {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k++] = '"';
    out[k] = '\0';
}

static int
_on_map_key(void * ctx, const unsigned char * key, size_t len)
{
    jbuild * b = ctx;
    char q[128];
    /* Keys are stored NUL-terminated without a length; a key with an embedded
       NUL could not be told apart from its prefix. */
    if (memchr(key, '\0', len) != NULL)
    {
        jnode_quote(q, sizeof(q), (const char *) key, len, 60);
        snprintf(b->why, sizeof(b->why), "object key %s contains a NUL character (\\u0000)", q);
        b->back_to_string = 1;
        return 0;
    }
    char * k = _strndup((const char *) key, len);
    if (_has_key(&b->stack[b->depth - 1], k))
    {
        jnode_quote(q, sizeof(q), k, len, 60);
        snprintf(b->why, sizeof(b->why), "duplicate key %s in an object", q);
        b->back_to_string = 1;
        flint_free(k);
        return 0;
    }
    b->key = k;
    return 1;
}

static const yajl_callbacks _callbacks = {
    _on_null, _on_boolean, NULL, NULL, _on_number, _on_string,
    _on_start_map, _on_map_key, _on_end, _on_start_array, _on_end
};

static void
_jbuild_init(jbuild * b)
{
    b->root = NULL;
    b->stack = NULL;
    b->depth = b->alloc = 0;
    b->key = NULL;
    b->why[0] = '\0';
    b->back_to_token = b->back_to_string = 0;
}

/* Frees the partial tree of a failed parse (the open containers hang under root). */
static void
_jbuild_clear(jbuild * b)
{
    for (size_t i = 0; i < b->depth; i++)
        flint_free(b->stack[i].hash);
    flint_free(b->stack);
    flint_free(b->key);
}

/* -------------------------------------------------------------- errors */

/* 1-based line and column of byte offset pos; columns count characters, not
   UTF-8 continuation bytes. */
static void
_line_column(size_t * line, size_t * col, const char * buf, size_t pos)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < pos; i++)
    {
        unsigned char c = (unsigned char) buf[i];
        if (c == '\n')
        {
            (*line)++;
            *col = 1;
        }
        else if ((c & 0xC0) != 0x80)
            (*col)++;
    }
}

static int
_is_word_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || c == '.' || c == '+' || c == '-';
}

static int
_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The token holding byte end - 1: [*start, *stop) (a string, a number or
   literal, or one structural character). If that byte is white space,
   *start = *stop = end. *stop > len for a string without its closing quote.
   yajl's offset after an unexpected string can fall inside it, so tokens are
   found by scanning from the start: errors are rare, the cost is linear. */
static void
_token_span(size_t * start, size_t * stop, const char * buf, size_t len, size_t end)
{
    size_t i = 0;
    *start = *stop = end;
    while (i < end)
    {
        size_t s = i;
        if (buf[i] == '"')
        {
            for (i++; i < len && buf[i] != '"'; i++)
                if (buf[i] == '\\')
                    i++;
            i++;
        }
        else if (_is_space(buf[i]))
        {
            i++;
            continue;
        }
        else if (_is_word_char(buf[i]))
            while (i < len && _is_word_char(buf[i]))
                i++;
        else
            i++;
        if (i >= end)
        {
            *start = s;
            *stop = i;
            return;
        }
    }
}

static size_t
_token_start(const char * buf, size_t len, size_t end)
{
    size_t start, stop;
    _token_span(&start, &stop, buf, len, end);
    return start;
}

/* Where a syntax error reported by yajl at offset pos (0 < pos <= len) starts.
   yajl stops just after the offending byte for most lexical errors (at it for bad
   characters inside strings and comments), and after or inside the offending
   token for parse errors. */
static size_t
_error_start(const char * buf, size_t len, size_t pos, const char * why)
{
    if (pos == 0 || strstr(why, "inside string") || strstr(why, "inside a string")
        || strstr(why, "comment"))
        return pos;
    if (strncmp(why, "lexical", 7) != 0)
        return _token_start(buf, len, pos);
    pos--;
    while (pos > 0 && _is_word_char(buf[pos]) && _is_word_char(buf[pos - 1]))
        pos--;      /* back to the start of a bad literal or number */
    return pos;
}

/* YAJL's own message, e.g. "lexical error: invalid char in json text.", on one line. */
static void
_yajl_reason(char * out, size_t size, yajl_handle h)
{
    unsigned char * s = yajl_get_error(h, 0, NULL, 0);
    size_t k = 0;
    if (s != NULL)
    {
        for (size_t i = 0; s[i] != '\0' && k + 1 < size; i++)
            if (s[i] != '\n' && s[i] != '\r')
                out[k++] = (char) s[i];
        yajl_free_error(h, s);
    }
    while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '.'))
        k--;
    out[k] = '\0';
    if (k == 0)
        snprintf(out, size, "syntax error");
}

/* Message and position for an error found by yajl itself. pos is yajl's
   offset, or len when the error came from yajl_complete_parse. */
static void
_explain_yajl_error(size_t * pos, char * why, size_t size, yajl_handle h,
                    const char * buf, size_t len, int in_finish)
{
    size_t start, stop;
    _yajl_reason(why, size, h);
    if (!in_finish)
    {
        *pos = _error_start(buf, len, *pos, why);
        return;
    }
    /* When finishing, yajl appends a blank to the text: a string cut inside
       an escape or a UTF-8 sequence, or a number cut after "1." or "1e",
       then looks malformed; the truth is that the text ends too early. */
    _token_span(&start, &stop, buf, len, len);
    if (start < len && buf[start] == '"' && stop > len)
        snprintf(why, size, "unexpected end of input inside a string");
    else if (strncmp(why, "lexical error: ", 15) == 0)
    {
        char tmp[512];
        snprintf(tmp, sizeof(tmp), "unexpected end of input (%.400s)", why + 15);
        snprintf(why, size, "%s", tmp);
    }
    else if (strstr(why, "premature EOF") != NULL)
        snprintf(why, size, "unexpected end of input (the JSON value is incomplete)");
}

static int
_only_white_space(const char * buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!_is_space(buf[i]))
            return 0;
    return 1;
}

static int
_syntax_error(rc_error_t err, const char * buf, size_t pos, const char * why)
{
    size_t line, col;
    _line_column(&line, &col, buf, pos);
    return rc_error_set(err, RELU_E_SYNTAX, "line %zu, column %zu: %s", line, col, why);
}

/* --------------------------------------------------------------- parse */

int
jnode_parse(jnode ** out, const char * buf, size_t len, rc_error_t err)
{
    *out = NULL;
    if (_only_white_space(buf, len))
        return rc_error_set(err, RELU_E_SYNTAX, "line 1, column 1: empty input, expected a JSON value");

    jbuild b;
    _jbuild_init(&b);
    /* All of yajl's options default to off: no comments, no trailing
       garbage, no multiple values, strings validated as UTF-8. */
    yajl_handle h = yajl_alloc(&_callbacks, NULL, &b);
    if (h == NULL)
        abort();

    int status = RELU_OK;
    yajl_status st = yajl_parse(h, (const unsigned char *) buf, len);
    int in_finish = 0;
    if (st == yajl_status_ok)
    {
        st = yajl_complete_parse(h);
        in_finish = 1;
    }
    if (st != yajl_status_ok)
    {
        /* While finishing, yajl's offset refers to its own internal buffer:
           the error is at the end of our input. */
        size_t pos = in_finish ? len : yajl_get_bytes_consumed(h);
        char why[512];
        if (pos > len)
            pos = len;
        if (st == yajl_status_client_canceled)
        {
            if (b.back_to_string)
                pos = _token_start(buf, len, pos);
            else if (b.back_to_token && pos > 0)
                pos--;
            snprintf(why, sizeof(why), "%s", b.why);
        }
        else
            _explain_yajl_error(&pos, why, sizeof(why), h, buf, len, in_finish);
        status = _syntax_error(err, buf, pos, why);
    }
    yajl_free(h);
    _jbuild_clear(&b);
    if (status != RELU_OK)
        jnode_free(b.root);
    else
        *out = b.root;
    return status;
}

int
jnode_parse_file(jnode ** out, const char * path, rc_error_t err)
{
    *out = NULL;
    FILE * fp = fopen(path, "rb");
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot read %s: %s", path, strerror(errno));

    /* A device, a pipe or a huge file must not be read without end: stop at
       the limit with a clear error instead of an allocation abort. */
    size_t len = 0, alloc = 1 << 16;
    char * buf = flint_malloc(alloc);
    for (;;)
    {
        size_t n = fread(buf + len, 1, alloc - len, fp);
        len += n;
        if (len < alloc)
            break;
        if (len >= JNODE_MAX_FILE)
        {
            fclose(fp);
            flint_free(buf);
            return rc_error_set(err, RELU_E_INPUT, "%s: input larger than %d MiB (a device or an endless "
                                "stream?); relucert reads JSON files up to that size", path, JNODE_MAX_FILE >> 20);
        }
        alloc = FLINT_MIN(2 * alloc, (size_t) JNODE_MAX_FILE + 1);
        buf = flint_realloc(buf, alloc);
    }
    int failed = ferror(fp);
    int saved = errno;
    fclose(fp);
    if (failed)
    {
        flint_free(buf);
        return rc_error_set(err, RELU_E_IO, "cannot read %s: %s", path, strerror(saved));
    }
    int status = jnode_parse(out, buf, len, err);
    if (status)
        rc_error_prefix(err, path);
    flint_free(buf);
    return status;
}
