/* Enumeration of the activation regions of a network inside a domain.

   Layer by layer and neuron by neuron, every current piece is cut by the
   neuron's pre-activation, which is affine on the piece (its coefficients
   depend on the activation pattern of the earlier layers). A neuron whose
   pre-activation takes both signs on a piece splits it into two
   full-dimensional pieces; otherwise its sign on the piece is recorded
   (0 when it vanishes identically, e.g. a zero row). Lower-dimensional
   pieces never arise, so nothing has to be dropped.

   The traversal is depth first with the inactive side first, so regions come
   out in lexicographic order of their patterns, and memory is bounded by the
   depth (one pending piece per neuron). */
#ifndef RELUCERT_REGIONS_H
#define RELUCERT_REGIONS_H

#include "util/progress.h"
#include "net/net.h"
#include "poly/poly.h"
#include "json/json.h"

typedef struct
{
    const poly_struct * P;         /* the region: facets, vertices, rays, lineality */
    slong index;                   /* 0, 1, 2, ... in enumeration order (of this part) */
    slong subtree;                 /* with regions_enumerate_part: the subtree's number, else -1 */
    slong N;                       /* number of hidden neurons */
    const unsigned char * active;  /* per hidden neuron: 1 if its pre-activation is > 0 on the region */
    const signed char * sign;      /* per hidden neuron: -1, 0 (identically zero), +1 */
    const fmpz * zrows;            /* N rows (c, a) of length n + 1: a positive multiple of
                                      neuron k's pre-activation c + a.x on the region */
    const slong * near;            /* nnear neurons, increasing, among them every neuron whose
                                      hyperplane meets the closed region; every other neuron's
                                      pre-activation has a strict sign on the closed region:
                                      it vanishes at no vertex, so on no face (poly_zero_set
                                      may still list rays r with a.r = 0). NULL: not known */
    slong nnear;
    const slong * group;           /* the network's max groups (net.h), NULL when none: for a
                                      member j of the argmax w's group, zrows[j] is a_j - a_w
                                      (sign -1, its hyperplane the boundary with j's cell) and
                                      zrows[w] the constant 1 (src/regions/group.c) */
    const double * zd;             /* zrows as doubles (poly_vec_get_d), NULL: not kept */
    const poly_dgens_struct * D;   /* P's generators as doubles (poly_dgens_set), NULL: not
                                      kept; with zd, a filter for signs (poly_gen_sgn) */
}
region_struct;

/* Called once per region; a nonzero return stops the enumeration and is
   returned by regions_enumerate. */
typedef int (*region_callback)(void * data, const region_struct * R);

/* Every full-dimensional activation region of net inside domain (a full-
   dimensional polyhedron of dimension net->input_dim). */
int regions_enumerate(const net_t net, const poly_t domain, region_callback cb, void * data);
/* The same, reporting the count of regions found ("regions", of total: -1 when
   not known in advance) to prog. */
int regions_enumerate_progress(const net_t net, const poly_t domain, region_callback cb, void * data,
                               const rc_progress_struct * prog, long total);
/* Part `part` of nparts of the same enumeration, for parallel runs in separate
   processes (cddlib and our scratch state are not thread-safe): the pieces
   that reach neuron `split` (numbered 0, 1, ... in traversal order, the
   subtrees) are dealt out round-robin, and only the subtrees numbered
   part mod nparts are explored. Concatenating the parts' regions in subtree
   order gives exactly the regions of regions_enumerate, in the same order. */
int regions_enumerate_part(const net_t net, const poly_t domain, slong split, slong part, slong nparts,
                           region_callback cb, void * data);

/* The region as one JSON object: index, pattern, interior_point, inequalities
   {"A","b"} (irredundant, A x <= b, primitive integer rows) with the source
   of each row ("sources": neuron index, or "domain k"), vertices (sorted),
   rays (sorted), lineality (a basis, when not zero), bounded, affine {"W","c"}
   (the network's output map on the region), facets, fvector (when fvec is not NULL). */
void region_write_json(jout_t out, const net_t net, const region_struct * R, const slong * fvec);
/* Pattern as a string of 0/1 per hidden neuron; buf has N + 1 bytes. */
void region_pattern_str(char * buf, const region_struct * R);

/* ---- the search as an iterator (regions/iter.c): the one DFS ---------------
   regions_iter_next returns the next region (lexicographic order of the
   patterns) or NULL when there are no more; the region and its arrays stay
   valid until the next call or regions_iter_clear. net and domain must
   outlive the iterator (the domain is copied at init). regions_enumerate and
   regions_enumerate_part are loops over this iterator. */
/* A piece of the search: the polyhedron and its generators as doubles (the filter's). */
typedef struct
{
    poly_t P;
    poly_dgens_t D;
}
regions_piece_struct;

typedef struct
{
    const net_struct * net;
    slong n, N, L;
    const slong * first;          /* first hidden neuron of each layer, first[L] = N (rows->first) */
    net_rows_t rows;              /* the network's rows in integers (net.h) */
    fmpz * zraw;                  /* N rows z_m: the pre-activation is z_m / D_m (net_rows_layer) */
    fmpz * zint;                  /* N rows (c, a), primitive integer */
    double * zd;                  /* the same rows as doubles (poly_vec_get_d), for the filter */
    unsigned char * active;
    signed char * sign;
    regions_piece_struct ** stack;  /* pending pieces (the active side of a split) */
    slong * stack_k;              /* the neuron each pending piece was split at (-1: the domain) */
    slong * stack_off, * stack_len;  /* its list of neurons near its parent: pool[off, off + len) */
    slong * stack_cand;           /* a max group's piece waiting for its next cell: the member to
                                     try next (the piece is uncut); -1: the side of a split */
    const slong * group;          /* net->group */
    slong * pool;                 /* the lists of neurons near each piece, a stack (see iter.c) */
    slong pool_alloc;
    slong depth;
    regions_piece_struct * current;  /* the region last returned */
    regions_piece_struct ** spare;   /* pieces done with, kept for reuse (their storage stays allocated) */
    slong nspare, aspare;
    slong count;
    slong split, part, nparts, subtree;   /* regions_iter_set_part: the share of the work kept */
    int filter;                   /* regions_iter_set_filter */
    slong tests, exact;           /* positions decided; dot products the filter left to exact arithmetic */
    slong * stamp, serial;        /* per neuron: the serial of the piece it was last tested on */
    region_struct R[1];
}
regions_iter_struct;

typedef regions_iter_struct regions_iter_t[1];

void regions_iter_init(regions_iter_t it, const net_t net, const poly_t domain);
void regions_iter_clear(regions_iter_t it);
const region_struct * regions_iter_next(regions_iter_t it);
/* Keeps only part `part` of nparts of the search (see regions_enumerate_part);
   call before the first regions_iter_next. */
void regions_iter_set_part(regions_iter_t it, slong split, slong part, slong nparts);
/* filter 1 (the default): signs of pre-activations on a piece are read from
   doubles where a rounding margin proves them (poly_position); 0: every sign
   computed exactly. The regions and records are the same either way; this
   only changes the cost (and it->exact). Call before the first regions_iter_next. */
void regions_iter_set_filter(regions_iter_t it, int filter);

/* ---- the H-representation engine (regions/lp.c) ------------------------------
   For input dimensions where vertices blow up (a box in R^n has 2^n): pieces
   are kept as inequalities c + a.x >= 0 (primitive integer rows, the domain's
   first) with an exact interior point; whether a neuron splits a piece is
   decided by an exact LP (cddlib, GMP rational build), the LP's optimal point
   re-checked in exact arithmetic; the irredundant facets of each region come
   from exact ray shooting from the interior point (proves facets) and an
   exact LP for each row not yet proved. The traversal is the depth-first one
   of regions_enumerate, so regions come in the same order with the same
   patterns and facets (in the same order and with the same sources).
   Nothing here is exponential in n. */
#define REGIONS_DD_MAX_DIM 10      /* regions picks the DD engine up to this input dimension */

typedef struct
{
    slong n, m;            /* dimension, rows */
    fmpz * rows;           /* m rows (c, a): c + a.x >= 0 */
    slong * src;           /* POLY_SRC_DOMAIN(k) tags */
    fmpq * point;          /* an interior point */
    int bounded;
}
regions_hdomain_struct;

typedef regions_hdomain_struct regions_hdomain_t[1];

void regions_hdomain_init(regions_hdomain_t D, slong n);    /* R^n */
void regions_hdomain_clear(regions_hdomain_t D);
/* [lo, hi]^n with the rows (and sources) of poly_set_box: 2n rows, no vertices. */
void regions_hdomain_set_box(regions_hdomain_t D, const fmpq_t lo, const fmpq_t hi);
/* { x : A x <= b }: RELU_E_INPUT when empty or not full-dimensional (decided by an exact LP). */
int regions_hdomain_set_halfspaces(regions_hdomain_t D, const fmpq_mat_t A, const fmpq * b, rc_error_t err);
/* The facets of a DD polyhedron (low dimension: the same rows as the DD engine's domain). */
void regions_hdomain_set_poly(regions_hdomain_t D, const poly_t P);

typedef struct
{
    slong n, N;
    slong index;                   /* 0, 1, ... in enumeration order */
    slong distance;                /* regions_explore_near: distance in the dual graph from the start; else -1 */
    slong m;                       /* irredundant facets */
    const fmpz * rows;             /* m rows (c, a), c + a.x >= 0, primitive, in the DD engine's order */
    const slong * src;             /* their sources (POLY_SRC_DOMAIN(k) or a neuron index) */
    const fmpq * point;            /* an exact interior point */
    const unsigned char * active;
    const signed char * sign;
    const fmpz * zrows;            /* as in region_struct */
    int bounded, relatively_bounded;
    int interior;                  /* its closure does not meet the domain's boundary */
}
region_h_struct;

typedef int (*region_h_callback)(void * data, const region_h_struct * R);

/* Every region of net in D, in the order of regions_enumerate. A callback's
   nonzero return stops the run and is returned; RELU_E_INTERNAL (err set)
   when an LP answer fails its exact re-check. */
int regions_enumerate_h(const net_t net, const regions_hdomain_t D, region_h_callback cb, void * data, rc_error_t err);
/* The same enumeration with full region records: each region's polyhedron is
   rebuilt from its irredundant facets by the double description method (for
   dimensions where vertices are affordable). Same regions, order and records
   as regions_enumerate. */
int regions_enumerate_lp(const net_t net, const poly_t domain, region_callback cb, void * data, rc_error_t err);
/* The polyhedron of an H record (P initialised, dimension H->n): its facets
   cut from R^n in order, each cut checked proper and the result checked
   irredundant (RELU_E_INTERNAL otherwise). Exponential in n: for n <=
   REGIONS_DD_MAX_DIM (the DD records of --engine lp, --near certificates). */
int regions_h_rebuild(poly_t P, const region_h_struct * H, rc_error_t err);
/* Local exploration: the region containing x (which must not lie on any
   region boundary or on the domain's boundary: RELU_E_INPUT), then breadth
   first across facets (each crossing computed exactly), in the order of
   distance in the dual graph. Stops after max_regions regions (0: no limit)
   and does not go beyond distance radius (-1: no limit). *complete is set to
   1 when no region within the radius was left out. Several neurons may vanish
   on one facet (degenerate networks): all of them are re-signed exactly. */
int regions_explore_near(int * complete, const net_t net, const regions_hdomain_t D, const fmpq * x,
                         slong max_regions, slong radius, region_h_callback cb, void * data, rc_error_t err);

/* The key "affine": {"W", "c"}, the network's output map x -> W x + c
   with the hidden neurons switched as active says. */
void region_write_affine_json(jout_t out, const net_t net, const unsigned char * active);
/* The "sources" array of m inequality rows (neuron index, or "domain k"). */
void region_write_sources_json(jout_t out, const slong * src, slong m);
/* The keys "inequalities" {A, b, sources} (A x <= b, the facets in P's
   order), "vertices" (sorted), "rays" (sorted) and, when not zero,
   "lineality" of a polyhedron, as in a region record. Source tags >= N are
   written "class i" with i = tag - N (the facet {f_c = f_i} of a decision
   piece, src/decision); N < 0: every tag >= 0 is a neuron. */
void region_write_polyhedron_json(jout_t out, const poly_t P, slong N);

/* A region record without vertices: index, (distance,) pattern, interior_point,
   inequalities {A, b, sources}, bounded, affine {W, c}, facets. */
void region_h_write_json(jout_t out, const net_t net, const region_h_struct * R);

/* Counts of an H-engine run (no f-vector: it needs every region's face lattice). */
typedef struct
{
    slong regions, bounded, relatively_bounded, interior, facet_sum, hist_len;
    slong * hist;
}
regions_hstats_struct;

typedef regions_hstats_struct regions_hstats_t[1];

void regions_hstats_init(regions_hstats_t S, slong N, slong ndomain);
void regions_hstats_clear(regions_hstats_t S);
void regions_hstats_add(regions_hstats_t S, const region_h_struct * R);

#endif
