/* JSON input and output that keep numbers exact.

   Parsing is done with YAJL's event API: YAJL hands over the raw text of
   every number, so no number ever passes through a double. We build our own
   small tree (jnode), reject duplicate keys, comments and trailing garbage,
   and report syntax errors as "line L, column C: what was expected".

   Output goes through yajl_gen; numbers are written from their exact text. */
#ifndef RELUCERT_JSON_H
#define RELUCERT_JSON_H

#include <stdio.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include "util/error.h"

typedef enum
{
    JNODE_NULL, JNODE_TRUE, JNODE_FALSE, JNODE_NUMBER, JNODE_STRING,
    JNODE_ARRAY, JNODE_OBJECT
}
jnode_type;

typedef struct jnode_s
{
    jnode_type type;
    char * text;              /* NUMBER: raw text as written; STRING: contents (NUL-terminated) */
    size_t len;               /* length of text in bytes (strings may contain NUL) */
    size_t nitems;            /* ARRAY, OBJECT: number of elements / members */
    char ** keys;             /* OBJECT: member names, in file order */
    struct jnode_s ** items;  /* ARRAY: elements; OBJECT: member values */
}
jnode;

/* Arrays and objects nested deeper than this are a syntax error (not a crash). */
#define JNODE_MAX_DEPTH 1000

/* Parse one JSON value from buf (exactly one value, optional surrounding white space).
   On error returns RELU_E_SYNTAX with "line L, column C: ..." in err and *out = NULL.
   Duplicate keys, comments, trailing text, NUL bytes outside strings and object
   keys containing \u0000 are errors. Lines and columns are 1-based; columns count
   characters (UTF-8 sequences count once). */
int jnode_parse(jnode ** out, const char * buf, size_t len, rc_error_t err);
/* Reads the file and parses it; messages are prefixed by the path. RELU_E_IO if unreadable. */
/* Files larger than JNODE_MAX_FILE bytes are refused (RELU_E_INPUT) after
   reading that much: a device or an endless pipe ends in a clear error. */
#define JNODE_MAX_FILE (1 << 28)
int jnode_parse_file(jnode ** out, const char * path, rc_error_t err);
void jnode_free(jnode * v);
jnode * jnode_copy(const jnode * v);
/* Same tree: same types, keys in the same order, same string and number text
   (numbers compare by their text: 1.0 and 1 differ). NULL equals only NULL. */
int jnode_equal(const jnode * a, const jnode * b);
/* Member of an object by name, or NULL. */
const jnode * jnode_get(const jnode * obj, const char * key);
/* For error messages: s[0..len) in double quotes on one line, with '"', '\\' and
   control bytes escaped, cut with "..." after max bytes or when out (size >= 16)
   is full. */
void jnode_quote(char * out, size_t size, const char * s, size_t len, size_t max);
/* "an integer", "a number" (non-integer token), "a string", "an array", "an object",
   "a boolean (true)", "null", ... for error messages. */
const char * jnode_type_name(const jnode * v);

/* ---- output -------------------------------------------------------------- */
typedef struct
{
    void * gen;    /* private writer state (a yajl_gen and bookkeeping, see write.c) */
    FILE * fp;
    int lines;     /* JSON Lines mode: one compact value per line */
}
jout_struct;

typedef jout_struct jout_t[1];

/* pretty = 1: indented; 0: compact. lines = 1: JSON Lines (compact, newline after each value).
   Every completed top-level value ends with a newline, so several values can be written
   one after the other. Strings that are not valid UTF-8 get '?' for the bad bytes.
   Misuse (a key outside an object, a value where a key is needed) aborts. */
void jout_init(jout_t out, FILE * fp, int pretty, int lines);
void jout_clear(jout_t out);          /* ends the current line/document with a newline, flushes */
void jout_begin_object(jout_t out);
void jout_end_object(jout_t out);     /* in lines mode, a completed top-level value ends its line */
void jout_begin_array(jout_t out);
void jout_end_array(jout_t out);
void jout_key(jout_t out, const char * key);
void jout_string(jout_t out, const char * s);
void jout_int(jout_t out, long v);
void jout_bool(jout_t out, int v);
void jout_null(jout_t out);
void jout_fmpz(jout_t out, const fmpz_t x);       /* JSON integer of any size */
void jout_fmpq(jout_t out, const fmpq_t x);       /* integer if the denominator is 1, else "p/q" */
void jout_fmpz_vec(jout_t out, const fmpz * x, slong len);  /* array of jout_fmpz */
void jout_fmpq_vec(jout_t out, const fmpq * x, slong len);  /* array of jout_fmpq */
void jout_fmpq_str(jout_t out, const fmpq_t x);   /* always a string: "p/q" or "n" */
void jout_node(jout_t out, const jnode * v);      /* re-emit a parsed tree, numbers verbatim */

#endif
