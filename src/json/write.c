/* JSON output through yajl_gen, numbers written from exact text.

   yajl_gen refuses a second top-level value until it is reset, so we count
   the nesting ourselves and, when a top-level value is complete, end the
   line and reset the generator: JSON Lines (and several pretty documents
   in a row) come out of the same code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include "json/json.h"

typedef struct
{
    yajl_gen g;
    FILE * fp;
    slong depth;       /* open arrays and objects */
    int wrote;         /* anything written yet */
    char last;         /* last byte written */
    /* Pretty mode: yajl writes an empty array as "[\n\n  ]". White space
       after an opening bracket is held back until we know whether the
       container is empty; if the closing bracket comes next it is dropped. */
    int pretty, arm, holding;
    char * held;
    size_t nheld, alloc_held;
}
jout_state;

static void
_emit(jout_state * st, const char * s, size_t len)
{
    if (len == 0)
        return;
    fwrite(s, 1, len, st->fp);
    st->wrote = 1;
    st->last = s[len - 1];
}

static int
_is_blank(const char * s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\n')
            return 0;
    return 1;
}

/* yajl's print callback. */
static void
_print(void * ctx, const char * s, size_t len)
{
    jout_state * st = ctx;
    if (st->arm && len == 1 && (s[0] == '[' || s[0] == '{'))
    {
        /* the bracket of jout_begin_*: hold the white space that follows */
        st->arm = 0;
        if (st->holding)
            _emit(st, st->held, st->nheld);     /* a container is not empty */
        st->nheld = 0;
        _emit(st, s, len);
        st->holding = 1;
        return;
    }
    if (st->holding)
    {
        if (_is_blank(s, len))
        {
            if (st->nheld + len > st->alloc_held)
            {
                st->alloc_held = 2 * (st->nheld + len);
                st->held = flint_realloc(st->held, st->alloc_held);
            }
            memcpy(st->held + st->nheld, s, len);
            st->nheld += len;
            return;
        }
        st->holding = 0;
        if (!(len == 1 && (s[0] == ']' || s[0] == '}')))
            _emit(st, st->held, st->nheld);
        st->nheld = 0;
    }
    _emit(st, s, len);
}

/* Around yajl's call that writes an opening bracket. */
static void
_opening(jout_state * st)
{
    st->arm = st->pretty;
}

static void
_opened(jout_state * st)
{
    st->arm = 0;
    st->depth++;
}

void
jout_init(jout_t out, FILE * fp, int pretty, int lines)
{
    jout_state * st = flint_malloc(sizeof(jout_state));
    st->fp = fp;
    st->depth = 0;
    st->wrote = 0;
    st->last = '\0';
    st->g = yajl_gen_alloc(NULL);
    if (st->g == NULL)
        abort();
    if (lines)
        pretty = 0;
    st->pretty = pretty != 0;
    st->arm = st->holding = 0;
    st->held = NULL;
    st->nheld = st->alloc_held = 0;
    yajl_gen_config(st->g, yajl_gen_beautify, pretty ? 1 : 0);
    yajl_gen_config(st->g, yajl_gen_indent_string, "  ");
    yajl_gen_config(st->g, yajl_gen_print_callback, _print, (void *) st);
    yajl_gen_config(st->g, yajl_gen_validate_utf8, 1);
    out->gen = st;
    out->fp = fp;
    out->lines = lines;
}

void
jout_clear(jout_t out)
{
    jout_state * st = out->gen;
    if (st->holding)
        _emit(st, st->held, st->nheld);     /* an unfinished document */
    if (st->wrote && st->last != '\n')
        _emit(st, "\n", 1);
    fflush(st->fp);
    flint_free(st->held);
    yajl_gen_free(st->g);
    flint_free(st);
    out->gen = NULL;
}

static const char *
_status_name(yajl_gen_status s)
{
    switch (s)
    {
        case yajl_gen_keys_must_be_strings: return "a key was expected (keys must be strings)";
        case yajl_max_depth_exceeded: return "maximum depth exceeded";
        case yajl_gen_in_error_state: return "generator in error state";
        case yajl_gen_generation_complete: return "top-level value already complete";
        case yajl_gen_invalid_number: return "invalid number";
        case yajl_gen_no_buf: return "no buffer";
        case yajl_gen_invalid_string: return "invalid UTF-8 string";
        default: return "unknown error";
    }
}

/* A failed generator call means the caller broke the nesting rules: a bug. */
static void
_check(yajl_gen_status s, const char * where)
{
    if (s != yajl_gen_status_ok)
    {
        flint_printf("Exception (%s): %s\n", where, _status_name(s));
        fflush(stdout);
        abort();
    }
}

/* After a value: if it completed a top-level value, end its line and reset. */
static void
_value_done(jout_state * st)
{
    if (st->depth != 0)
        return;
    if (st->last != '\n')
        _emit(st, "\n", 1);
    yajl_gen_reset(st->g, NULL);
}

void
jout_begin_object(jout_t out)
{
    jout_state * st = out->gen;
    _opening(st);
    _check(yajl_gen_map_open(st->g), "jout_begin_object");
    _opened(st);
}

void
jout_end_object(jout_t out)
{
    jout_state * st = out->gen;
    _check(yajl_gen_map_close(st->g), "jout_end_object");
    st->depth--;
    _value_done(st);
}

void
jout_begin_array(jout_t out)
{
    jout_state * st = out->gen;
    _opening(st);
    _check(yajl_gen_array_open(st->g), "jout_begin_array");
    _opened(st);
}

void
jout_end_array(jout_t out)
{
    jout_state * st = out->gen;
    _check(yajl_gen_array_close(st->g), "jout_end_array");
    st->depth--;
    _value_done(st);
}

/* Writes a string; bytes that are not valid UTF-8 become '?' rather than
   aborting, since file names and user text may come from anywhere. */
static void
_gen_string(jout_state * st, const char * s, size_t len, const char * where)
{
    yajl_gen_status r = yajl_gen_string(st->g, (const unsigned char *) s, len);
    if (r == yajl_gen_invalid_string)
    {
        char * t = flint_malloc(len + 1);
        size_t i = 0;
        while (i < len)
        {
            unsigned char c = (unsigned char) s[i];
            size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4 : 0;
            size_t k = 1;
            while (n > 1 && k < n && i + k < len && ((unsigned char) s[i + k] & 0xC0) == 0x80)
                k++;
            if (n == 0 || k < n || (n == 2 && c < 0xC2))
            {
                t[i] = '?';
                i++;
                continue;
            }
            memcpy(t + i, s + i, n);
            i += n;
        }
        r = yajl_gen_string(st->g, (const unsigned char *) t, len);
        if (r == yajl_gen_invalid_string)
        {
            /* overlong or surrogate sequences yajl still refuses: keep ASCII only */
            for (i = 0; i < len; i++)
                if ((unsigned char) t[i] >= 0x80)
                    t[i] = '?';
            r = yajl_gen_string(st->g, (const unsigned char *) t, len);
        }
        flint_free(t);
    }
    _check(r, where);
}

void
jout_key(jout_t out, const char * key)
{
    jout_state * st = out->gen;
    _gen_string(st, key, strlen(key), "jout_key");
}

void
jout_string(jout_t out, const char * s)
{
    jout_state * st = out->gen;
    _gen_string(st, s, strlen(s), "jout_string");
    _value_done(st);
}

void
jout_int(jout_t out, long v)
{
    jout_state * st = out->gen;
    _check(yajl_gen_integer(st->g, v), "jout_int");
    _value_done(st);
}

void
jout_bool(jout_t out, int v)
{
    jout_state * st = out->gen;
    _check(yajl_gen_bool(st->g, v != 0), "jout_bool");
    _value_done(st);
}

void
jout_null(jout_t out)
{
    jout_state * st = out->gen;
    _check(yajl_gen_null(st->g), "jout_null");
    _value_done(st);
}

static void
_gen_number(jout_state * st, const char * s, size_t len, const char * where)
{
    _check(yajl_gen_number(st->g, s, len), where);
    _value_done(st);
}

void
jout_fmpz(jout_t out, const fmpz_t x)
{
    char * s = fmpz_get_str(NULL, 10, x);
    _gen_number(out->gen, s, strlen(s), "jout_fmpz");
    flint_free(s);
}

void
jout_fmpq(jout_t out, const fmpq_t x)
{
    if (fmpz_is_one(fmpq_denref(x)))
        jout_fmpz(out, fmpq_numref(x));
    else
        jout_fmpq_str(out, x);
}

void
jout_fmpq_str(jout_t out, const fmpq_t x)
{
    char * s = fmpq_get_str(NULL, 10, x);
    jout_string(out, s);
    flint_free(s);
}

void
jout_node(jout_t out, const jnode * v)
{
    jout_state * st = out->gen;
    switch (v->type)
    {
        case JNODE_NULL:
            jout_null(out);
            break;
        case JNODE_TRUE:
        case JNODE_FALSE:
            jout_bool(out, v->type == JNODE_TRUE);
            break;
        case JNODE_NUMBER:
            _gen_number(st, v->text, v->len, "jout_node");
            break;
        case JNODE_STRING:
            _gen_string(st, v->text, v->len, "jout_node");
            _value_done(st);
            break;
        case JNODE_ARRAY:
            jout_begin_array(out);
            for (size_t i = 0; i < v->nitems; i++)
                jout_node(out, v->items[i]);
            jout_end_array(out);
            break;
        case JNODE_OBJECT:
            jout_begin_object(out);
            for (size_t i = 0; i < v->nitems; i++)
            {
                jout_key(out, v->keys[i]);
                jout_node(out, v->items[i]);
            }
            jout_end_object(out);
            break;
    }
}

void
jout_fmpz_vec(jout_t out, const fmpz * x, slong len)
{
    jout_begin_array(out);
    for (slong k = 0; k < len; k++)
        jout_fmpz(out, x + k);
    jout_end_array(out);
}

void
jout_fmpq_vec(jout_t out, const fmpq * x, slong len)
{
    jout_begin_array(out);
    for (slong k = 0; k < len; k++)
        jout_fmpq(out, x + k);
    jout_end_array(out);
}
