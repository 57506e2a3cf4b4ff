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
}
region_struct;

/* Called once per region; a nonzero return stops the enumeration and is
   returned by regions_enumerate. */
typedef int (*region_callback)(void * data, const region_struct * R);

/* Every full-dimensional activation region of net inside domain (a full-
   dimensional polyhedron of dimension net->input_dim). */
int regions_enumerate(const net_t net, const poly_t domain, region_callback cb, void * data);
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
typedef struct
{
    const net_struct * net;
    slong n, N;
    slong * first;                /* first hidden neuron of each layer, first[L] = N */
    fmpq_mat_struct * Z, * H;     /* per layer: pre-activation rows, rows after ReLU */
    fmpz * zint;                  /* N rows (c, a), primitive integer */
    unsigned char * active;
    signed char * sign;
    poly_struct ** stack;         /* pending pieces (the active side of a split) */
    slong * stack_k;              /* the neuron each pending piece was split at (-1: the domain) */
    slong depth;
    poly_struct * current;        /* the region last returned */
    slong count;
    slong split, part, nparts, subtree;   /* regions_iter_set_part: the share of the work kept */
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

#endif
