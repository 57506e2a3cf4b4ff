/* relucert-check: an independent checker for relucert certificates.
   Only GMP and YAJL; no code shared with the relucert library. */
#ifndef RELUCERT_CHECK_H
#define RELUCERT_CHECK_H

#include <stddef.h>
#include <gmp.h>
#include <yajl/yajl_tree.h>

/* Every allocation (ours and GMP's) is tracked, so a failure can free
   everything before exiting. */
void * xmalloc(size_t size);
void xfree(void * p);
void arena_init(void);        /* routes GMP's allocations through the arena */
void arena_free_all(void);

/* Prints "relucert-check: <message>" on stderr (one line), frees everything
   and exits with status 1. */
void fail(const char * fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Parse a whole JSON file with YAJL's tree API (numbers keep their raw text).
   Duplicate object keys are rejected. The tree is freed by arena_free_all. */
yajl_val json_read_file(const char * path);

/* Exact number from a JSON number (its raw text) or string: an integer,
   "p/q" (q > 0) or a decimal with optional exponent ("0.125", "-1e-3").
   Returns 0 on success, -1 if v is not such a number. */
int json_get_q(mpq_t q, yajl_val v);
/* The same for a C string. */
int parse_exact(mpq_t q, const char * s);
/* Member of an object, or NULL. */
yajl_val json_member(yajl_val obj, const char * key);
/* Nonnegative integer that fits in a long (-1 otherwise). */
long json_get_index(yajl_val v);
/* Array elements (NULL if not an array). */
size_t json_array_len(yajl_val v);
yajl_val json_array_item(yajl_val v, size_t i);

/* relucert-check --arrangement (checker/arrangement.c): verifies the
   arrangement certificate cert against the first layer of the network (n
   inputs, nlayers layers, N hidden neurons, weights W0 row-major N x n, biases
   b0) and prints what it proved unless quiet. Fails (exits) on any error. */
int check_arrangement(yajl_val cert, const char * cpath, const char * npath, long n, long nlayers, long N, mpq_t * W0, mpq_t * b0, int quiet);

#endif
