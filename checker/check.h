/* relucert-check: an independent checker for relucert certificates.
   Only GMP and YAJL; no code shared with the relucert library. */
#ifndef RELUCERT_CHECK_H
#define RELUCERT_CHECK_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
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
/* When set (the fuzz harness tests/fuzz/fuzz_cert.c only), fail() frees
   everything and longjmps here instead of printing and exiting; a message
   that is empty or not one line aborts. */
extern jmp_buf * check_fail_jump;
/* relucert-check --json (main sets it; NULL otherwise): fail() then also prints the
   report {"verified": false, ..., "error": MESSAGE} on stdout before exiting. */
typedef struct
{
    const char * cpath, * npath, * kind;   /* kind: the certificate's, once known */
}
check_json_report;
extern check_json_report * check_json;
/* s as a JSON string (quotes, escapes) */
void json_print_string(FILE * fp, const char * s);

/* Parse len bytes (name in messages); as json_read_file. */
yajl_val json_read_buffer(const char * data, size_t len, const char * name);
/* Parse a whole JSON file with YAJL's tree API (numbers keep their raw text).
   Duplicate object keys are rejected. The tree is freed by arena_free_all. */
yajl_val json_read_file(const char * path);
/* Files longer than this are rejected as they are read (a device, an endless
   pipe): certificates of a million regions stay well below it. */
#define CHECK_MAX_FILE (1 << 30)

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

/* ---- networks and domains (checker/check.c) --------------------------------- */
typedef struct graph_struct graph;   /* a graph network (checker/graph.c) */

typedef struct
{
    long n, nlayers;   /* input dimension; layers including the affine output */
    long * width;      /* width[0] = n, width[l + 1] = neurons of layer l */
    mpq_t ** W;        /* W[l]: width[l+1] x width[l], row major */
    mpq_t ** b;        /* b[l]: width[l+1] */
    long hidden;       /* neurons in layers 0..nlayers-2 */
    long * nsc;        /* nsc[l]: shortcuts into layer l (doc/FORMAT.md, "Shortcuts") */
    long ** from;      /* from[l][s]: -1 (the input) or a hidden layer <= l - 2, increasing */
    mpq_t *** S;       /* S[l][s]: width[l+1] x width[from + 1], row major */
    long * grp;        /* NULL, or per hidden neuron the first member of its max group, -1 if in none
                          (checker/groups.c) */
    graph * graph;     /* NULL, or the graph (format 2) this network is the lowering of: every
                          region checked is then also checked against it (graph_check_region) */
}
network;

/* ---- max groups (checker/groups.c; proofs/CHECKER.md, "Max groups") ---- */
/* The layers' "max_groups" keys into net->grp (NULL when there are none). */
void read_max_groups(network * net, yajl_val layers, const char * where);
int groups_equal(const network * a, const network * b);
/* The lowest member of largest z in the group that starts at neuron g. */
long group_argmax(const network * net, mpq_t * const z, long g);
/* Sign vector of the point with pre-activations z (N characters, no
   terminator): "-0+" of z_k for a ReLU; a group member is '-' below the
   group's maximum, '0' at it when two or more members are, '+' when alone. */
void point_signs(char * s, const network * net, mpq_t * const z);
/* The pattern of the points with sign vector s: '+' on; in a group the '+'
   member, or (tied) its lowest '0' member. */
void pattern_of_signs(char * pat, const network * net, const char * s);
/* First neuron of a group without exactly one '1' in pat, or -1. */
long pattern_group_error(const network * net, const char * pat);
/* Z (affine_of_pattern's rows) into the boundaries B_k: z_j - z_t for a
   member j != t of a group with argmax t (pat), 0 for t; ReLUs unchanged. */
void boundaries_of_pattern(mpq_t * Z, const network * net, const char * pat);
/* Signs of the boundaries (B_t = 0 at the argmax t, B_j <= 0) into
   point_signs's: a group's only '0' becomes '+'. */
void group_signs_alone(char * s, const network * net);
/* The same at a point: z (forward's) into the boundaries, argmax from z. */
void point_boundaries(mpq_t * z, const network * net);

/* len initialised rationals (arena memory). */
mpq_t * qvec(long len);
/* An exact number or fail("<what>: expected an exact number ..."). */
void get_q(mpq_t q, yajl_val v, const char * what);
/* n coordinates or fail. */
void read_point(mpq_t * x, yajl_val v, long n, const char * what);
/* A network file's tree (where names it in messages); fails on any defect. */
void read_network(network * net, yajl_val root, const char * where);
int networks_equal(const network * a, const network * b);
/* Exact forward pass at x: z = the hidden pre-activations (layer by layer),
   y = the outputs (y may be NULL). */
void forward(mpq_t * z, mpq_t * y, const network * net, mpq_t * const x);
/* The same with every bias times *t (t > 0): at (t, x) it gives t z(x / t)
   and t y(x / t), since relu is positively homogeneous (no division). */
void forward_scaled(mpq_t * z, mpq_t * y, const network * net, mpq_t * const x, const mpq_t * t);
/* Z (hidden x (n+1), row k = (c, a)): pre-activation c + a.x of every hidden
   neuron as an affine function on the points with pattern pat ('0'/'1' per
   hidden neuron: off/on). */
void affine_of_pattern(mpq_t * Z, const network * net, const char * pat);
/* The same, and Y (m x (n+1), when not NULL): the outputs' affine functions. */
void affine_of_pattern_out(mpq_t * Z, mpq_t * Y, const network * net, const char * pat);
/* The certificate's "domain" {A, b} (A x <= b, m rows). */
void read_domain(mpq_t ** DA, mpq_t ** Db, long * m, yajl_val cert, long n, const char * cpath);
/* With --box LO,HI or --whole: fails unless the domain is exactly that. */
void require_domain(mpq_t * const DA, mpq_t * const Db, long m, long n, const char * box, int whole);
void print_domain(FILE * fp, mpq_t * const DA, mpq_t * const Db, long m, long n);
void print_q(FILE * fp, const mpq_t q);

/* A region of a regions certificate, as read and checked. */
typedef struct
{
    char * pattern;
    mpq_t * x;        /* interior point */
    long f;           /* facets */
    mpq_t * A, * b;   /* f x n, f */
    long * src;       /* neuron k >= 0, or -1 - r for domain row r */
    mpq_t * w;        /* f witnesses, f x n */
    long * nb;        /* neighbour region per facet (-1: domain / not yet), nb_facet */
    long * nbf;
}
region;

/* The face lattice of a region's homogenised cone C = {(t, x) : t >= 0,
   b_r t - A_r x >= 0}: rows 0..f-1 are the region's, row f is t >= 0. */
typedef struct
{
    long num;
    long * tstart, * tight;   /* rows tight on face i: tight[tstart[i] .. tstart[i + 1]) */
    mpq_t * pt;               /* num x (n + 1): (t, x) in the relative interior */
    long * dim;               /* dimension of the face of C (a face of the region: one less) */
    long * cstart, * cov;     /* facets of face i: cov[cstart[i] .. cstart[i + 1]) */
    long bottom;              /* the minimal face (every row tight) */
    char ** sig;              /* sign vector of each face with t > 0 (NULL otherwise) */
}
lattice;

/* checker/faces.c: verifies that faces (the region's "faces") is the whole
   face lattice of region Q's cone (i names the region in messages). */
void check_region_faces(lattice * L, const region * Q, long n, yajl_val faces, long i);
/* Sign vector of the point (t, x) of face i of L (t > 0) as in homology
   certificates, with '.' for f - T; Z: the region's affine_of_pattern. */
char * face_sign_vector(const lattice * L, long i, mpq_t * const Z, long N, mpq_t * const DA, mpq_t * const Db, long m,
                        long n);
/* Fails unless n - rank(gradients of the vanishing Z_k and the tight domain
   rows) is dim: the stratum of s has the face's dimension. */
void check_face_stratum(const char * s, long dim, mpq_t * const Z, long N, mpq_t * const DA, long m, long n);
/* A set of strings with a number each (the checker's own hash table). */
typedef struct
{
    long num, size;
    char ** key;
    long * val;
}
strset;
void strset_init(strset * S);
/* Inserts key with value val, or returns the value already stored (then key is kept by the caller). */
long strset_insert(strset * S, char * key, long val, int * is_new);
long strset_find(const strset * S, const char * key);   /* value or -1 */

/* What check_regions proved: the regions (R), the facet histogram, and with
   format 2 every region's face lattice (L) and the complex's f-vector. */
typedef struct
{
    long nr, max_f;
    region * R;
    long * hist;
    mpq_t mean;
    lattice * L;        /* NULL for format 1 */
    long * fvec, euler; /* fvec[0..n] */
    int partial;        /* "partial": true (a --near exploration): completeness not checked */
    long bounded, relb, interior;   /* format 2: counted from the face lattices */
}
regions_result;

/* Verifies the regions part of a regions certificate cert (network already
   compared, domain read); fails on any error. */
void check_regions(regions_result * res, yajl_val cert, const char * cpath, const network * net, mpq_t * DA,
                   mpq_t * Db, long m);
/* checker/faces.c: every region's face lattice, the f-vector of the complex
   (faces identified by sign vector) compared with counts.fvector and
   counts.euler. */
void check_complex_faces(regions_result * res, yajl_val cert, const network * net, mpq_t * DA, mpq_t * Db, long m);

/* checker/faces.c: aff (a region's "affine") is {W, c} of the network's
   output map under pattern pat, exactly. */
void check_region_affine(yajl_val aff, const network * net, const char * pat, long ri);

/* checker/faces.c: the homology certificate's cells (sig[k][i], num[k] per
   dimension 0..top) are exactly the cells of the set (output o, threshold T)
   in the complex of the regions certificate cx (its key "complex"); res gets
   the verified regions and face lattices of cx. */
void check_cells_complete(regions_result * res, yajl_val cx, const network * net, long o, const mpq_t T,
                          const char * set, mpq_t * const DA, mpq_t * const Db, long m, char *** sig, const long * num,
                          long top);

/* A sparse integer matrix, rows compressed, columns increasing in each row
   (checker/homology.c reads it). */
typedef struct
{
    long r, c, nnz;
    long * start;      /* r + 1 */
    long * col;
    mpz_t * val;
}
smat;

/* Sign vectors of cells (checker/homology.c): g refines f (each sign of g is
   0 or f's, each domain row tight on f is tight on g). */
int sign_vector_refines(const char * g, const char * f);

/* checker/incidence.c: d[1..top] (d_k: rows the (k-1)-cells, columns the
   k-cells, entries +-1, each joining a cell to one whose sign vector it
   refines) is nonzero on every facet pair of the cells sig (derived from the
   face lattices of res, N hidden neurons), and on every slab (a cell with two
   facets that have no facets: a bounded edge, or a flat times a segment) its
   two entries have opposite signs. */
void check_incidences(const regions_result * res, long N, char *** sig, const long * num, long top, const smat * d);

/* Homology (checker/homology.c): rank of r rows of length n (G destroyed);
   stratum dimension of a sign vector; f_o = F[0] + F[1..n].x on the points of
   pattern pat (F: n + 1 entries). */
long rank_rows(mpq_t * G, long r, long n);
long local_dimension(const network * net, const char * s, long o, mpq_t * const DA, long m);
void output_of_pattern(mpq_t * F, const network * net, const char * pat, long o);

/* Verifies cert against the network net (read from npath) as relucert-check
   does after reading both files: the kind is the certificate's "certificate"
   key (arrangement only with `arrangement`; box/whole: regions only). */
void check_certificate(yajl_val cert, const char * cpath, const char * npath, const network * net, const char * box,
                       int whole, int arrangement, int quiet);

/* relucert-check --arrangement (checker/arrangement.c): verifies the
   arrangement certificate cert against the first layer of the network (n
   inputs, nlayers layers, N hidden neurons, weights W0 row-major N x n, biases
   b0) and prints what it proved unless quiet. Fails (exits) on any error. */
int check_arrangement(yajl_val cert, const char * cpath, const char * npath, long n, long nlayers, long N, mpq_t * W0, mpq_t * b0, int quiet);

/* Homology certificates (checker/homology.c) and classification certificates
   (checker/boundary.c), net already compared with the certificate's network.
   Print what they proved unless quiet; fail (exit) on any error. */
void check_homology(yajl_val cert, const char * cpath, const char * npath, const network * net, const char * box,
                    int whole, int quiet);
void check_boundary(yajl_val cert, const char * cpath, const char * npath, const network * net, int quiet);
/* checker/dualgraph.c: a dual graph certificate (Fiedler value, partition). */
void check_dualgraph(yajl_val cert, const char * cpath, const char * npath, const network * net, const char * box,
                     int whole, int quiet);

/* ---- graph networks (checker/graph.c; proofs/CHECKER.md, "Graph networks") ---- */
int graph_is_graph(yajl_val root);          /* "format": "relucert-graph" */
/* The graph of a version 2 network file (where names it); fails on any defect. */
graph * graph_read(yajl_val root, const char * where);
long graph_input_dim(const graph * G);
long graph_output_dim(const graph * G);
long graph_num_nodes(const graph * G);
/* Exact outputs y (graph_output_dim entries) at x (graph_input_dim entries). */
void graph_eval(mpq_t * y, const graph * G, mpq_t * const x);
/* The certificate's network net (netroot: its JSON) against the graph: the
   same inputs and outputs, and meta.lowered_from.units maps the neurons, each
   once, to the graph's units, as many as each unit has piece boundaries. */
void graph_match_lowering(graph * G, const network * net, yajl_val netroot, const char * where);
/* Region ri with pattern pat: the graph evaluated on affine functions, each
   unit on the piece the pattern's bits of its neurons say, gives every neuron's
   pre-activation (as net computes it under pat) as the unit's piece boundary
   and the outputs as net's; fails otherwise. */
void graph_check_region(const graph * G, const network * net, const char * pat, long ri);
/* The report's line about a network checked against a graph file (npath). */
void print_graph_lowering(const char * npath, const network * net);

#endif
