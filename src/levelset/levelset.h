/* Sub-, super- and level sets of a network output as sets: {f <= T}, {f >= T}
   and {f = T} as unions of exact polyhedra, their convexity (decided
   exactly), the set as one polytope when it is convex, and the zonotope
   duality of one-hidden-layer support functions.

   What this module owns, and what it does not: it treats a level set as a
   subset of the input space (pieces, convex hull, polytope, face lattice).
   The decision boundary {f = T} as a polyhedral complex (f-vector, flat
   pieces, components, homology) and its classification modulo affine maps
   belong to src/boundary/; the homology of sub- and superlevel sets to
   src/homology/. The polyhedra themselves come from src/polytope/, which
   knows nothing of networks: the step from a network to polytopes is here,
   also for one activation region (levelset_region_faces, behind `relucert
   faces --region`; a region is an intersection of sub- and superlevel sets of
   the pre-activations). Behind `relucert levelset`: levelset_analyze and its
   two writers. */
#ifndef RELUCERT_LEVELSET_H
#define RELUCERT_LEVELSET_H

#include <stdio.h>
#include <flint/fmpq.h>
#include "util/error.h"
#include "json/json.h"
#include "net/net.h"
#include "poly/poly.h"
#include "polytope/polytope.h"
#include "polytope/report.h"

/* The set S = {x in domain : f(x) <= T} (LEVELSET_SUB), {f >= T} (LEVELSET_SUPER)
   or {f = T} (LEVELSET_LEVEL), f = output `output` of the network, as a union of
   exact polyhedra ("pieces"): the activation regions of net_threshold_net (the
   network with f - T as one more hidden neuron) whose last sign is allowed,
   plus the inclusion-maximal faces with f = T that lie in no such region
   (lower-dimensional parts, e.g. a point where f touches T). Faces are
   identified across regions by their sign vectors and domain facets.
   Convexity is decided exactly: with H the convex hull of all pieces
   (computed V -> H) and the network restricted to the affine hull of H,
   S is convex iff every activation region of the restricted threshold
   network inside H has an allowed last sign (otherwise a region with the
   wrong sign meets the interior of H, Baire, so H \ S is nonempty; and if
   every region inside H is allowed, H is covered by S). */
#define LEVELSET_SUB 0
#define LEVELSET_SUPER 1
#define LEVELSET_LEVEL 2

typedef struct
{
    slong n, N;                 /* input dimension, hidden neurons of the network */
    int kind;
    slong num, alloc;           /* pieces */
    polytope_struct * pieces;
    char ** pattern;            /* full-dimensional pieces: activation pattern (N digits); else NULL */
    slong regions;              /* regions of the threshold network in the domain */
    int empty;
    int convex;                 /* 1 or 0 (1 when empty) */
    polytope_t hull;            /* convex hull of the set (when not empty) */
    slong * fvec;               /* f-vector of the subcomplex (faces of the complex in S), n + 1 entries */
    fmpq * witness;             /* not convex: a point of the hull outside S (n entries), else NULL */
}
levelset_struct;

typedef levelset_struct levelset_t[1];

void levelset_init(levelset_t L);
void levelset_clear(levelset_t L);
int levelset_compute(levelset_t L, const net_t net, slong output, const fmpq_t T, int kind,
                     const poly_t domain, rc_error_t err);

/* The zonotope duality for N(x) = sum_i c_i relu(w_i . x) + c0 (one hidden layer,
   zero hidden biases, all c_i > 0): N - c0 is the support function of
   Z = sum_i c_i [0, w_i], so {N <= T} = polar of Z / (T - c0) when T > c0, a
   polytope exactly when the w_i positively span R^d. When the hypotheses hold
   (*applies = 1), Z is computed from its vertex sums (V -> H), its polar is
   taken and must equal the sublevel set L (already computed): vertex i of Z
   <-> facet vmap[i] of the set, facet j of Z <-> vertex fmap[j] (vmap, fmap
   allocated here, freed by the caller). Otherwise *applies = 0 and reason says
   which hypothesis fails. RELU_E_INTERNAL if the two sides differ. */
int levelset_zonotope_duality(int * applies, char * reason, size_t size, polytope_t Z, slong ** vmap,
                              slong ** fmap, const net_t net, slong output, const fmpq_t T,
                              const levelset_t L, rc_error_t err);

/* ---- one activation region as a polytope ------------------------------------------ */
/* The face lattice of the activation region of net with this pattern (one
   '0'/'1' per hidden neuron) among the regions enumerated in domain (desc: its
   description, for the error message); source names the network in the text.
   RELU_E_INPUT for a malformed pattern or when no full-dimensional region has it. */
int levelset_region_faces(polytope_faces_t S, const net_t net, const char * pattern, const poly_t domain,
                          const char * desc, const char * source, rc_error_t err);

/* ---- the analysis behind `relucert levelset` -------------------------------------- */
/* The set, checked (the polytope of a convex set against cddlib), its face
   lattice when it is one polytope, and (zonotope = 1) the zonotope duality,
   Z checked against cddlib too. */
typedef struct
{
    char * name;                /* the network's name in the text output (a copy) */
    char domain[256];           /* the domain's description */
    slong output;
    fmpq_t T;
    levelset_t L;
    slong * bydim;              /* pieces by dimension, n + 1 entries */
    int bounded;                /* of the set (1 when empty) */
    char tbuf[128];
    const char * type;          /* the polytope's type name (convex, not empty), or NULL */
    int lattice;                /* F was computed (convex, not empty) */
    polytope_lattice_t F;
    int list;                   /* the writers list every piece */
    int zonotope;               /* the duality was asked for */
    int applies;                /* ... and applies */
    char reason[256];           /* ... or why not */
    polytope_t Z;
    slong * vmap, * fmap;
}
levelset_analysis_struct;

typedef levelset_analysis_struct levelset_analysis_t[1];

void levelset_analysis_init(levelset_analysis_t A);
void levelset_analysis_clear(levelset_analysis_t A);
/* kind: LEVELSET_SUB, LEVELSET_SUPER or LEVELSET_LEVEL; desc: the domain's
   description; name: the network's name for the text output; list: the
   writers list every piece. A freshly initialised. */
int levelset_analyze(levelset_analysis_t A, const net_t net, const char * name, slong output, const fmpq_t T,
                     int kind, const poly_t domain, const char * desc, int list, int zonotope, rc_error_t err);
/* "sublevel", "superlevel" or "level" -> LEVELSET_*; -1 for anything else. */
int levelset_kind_of(const char * set);
/* The result as `relucert levelset --json` prints it (one object), and as text.
   The CLI prints the JSON compact when it holds pieces or a polytope
   (levelset_analysis_json_compact). */
void levelset_analysis_write_json(jout_t out, const levelset_analysis_t A);
void levelset_analysis_write_text(FILE * fp, const levelset_analysis_t A);
int levelset_analysis_json_compact(const levelset_analysis_t A);

#endif
