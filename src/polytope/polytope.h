/* Polyhedra as first-class objects: read in either form, converted exactly,
   possibly lower-dimensional, with their face lattices and polar duals.

   A polytope_t Q is a nonempty polyhedron in R^n of dimension dim <= n.
   Its affine hull is { x : E x = e }; in reduced row echelon form the n - dim
   pivot coordinates are affine functions of the other dim coordinates
   ("free" coordinates y = x_S), and the projection x -> x_S maps the hull
   isomorphically onto R^dim. In those coordinates Q is a full-dimensional
   polyhedron, kept as a poly_t (the double-description engine of poly/),
   so face lattices come from its incidence.

   Conversions:
   - H -> V: the inequalities are cut one by one with poly_cut; an inequality
     whose half-space contains none of the current piece's interior is an
     implicit equality (the piece lies on its closed negative side, so the
     final set lies on its hyperplane): it joins the equations and the cuts
     restart inside the smaller affine hull (at most n restarts).
   - V -> H: by cone duality. The facets of C = cone(G) + lin(L) (the
     homogenised generators, in free coordinates) are the extreme rays of the
     dual cone C* = { z : z.g >= 0 for g in G, z.l = 0 for l in L }, which is
     built by the same cuts inside L^perp. A generator g with C* on the side
     z.g <= 0 has -g in C** = C, so g is in the lineality space: it joins L
     and the construction restarts. The facets are then cut again (H -> V) and
     the resulting extreme generators must be among the given ones.
   polytope_verify checks the result exactly without LPs; cddlib recomputes
   both directions independently in polytope_verify_cdd.

   Output order is canonical: vertices by their rational coordinates
   (lexicographic), then rays (primitive integer, lexicographic); facets
   A_j x <= b_j as primitive integer rows with zeros at the pivot coordinates,
   sorted lexicographically by (A_j, b_j); equations in reduced echelon form
   scaled to primitive integers. Generator i of the poly_t is output generator i
   (vertices first), constraint j + 1 is facet j. */
#ifndef RELUCERT_POLYTOPE_H
#define RELUCERT_POLYTOPE_H

#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "poly/poly.h"
#include "json/json.h"
#include "util/bitset.h"
#include "util/error.h"

typedef struct
{
    slong n;             /* ambient dimension */
    slong dim;           /* dimension of the polyhedron */
    slong neq;           /* n - dim equations */
    fmpz * eqA;          /* neq rows of n entries: eqA x = eqb, primitive, echelon form */
    fmpz * eqb;
    slong * pivot;       /* neq pivot coordinates (one per equation) */
    slong * freec;       /* dim free coordinates, increasing */
    fmpq_mat_t lift;     /* n x (dim + 1): x = lift (1, y) with y = x_free */
    poly_t P;            /* the polyhedron in free coordinates (R^dim), canonical order */
    slong nv, nr, nl;    /* vertices, rays, lineality basis vectors */
    fmpq * vert;         /* nv rows of n: vertices in R^n */
    fmpz * ray;          /* nr rows of n: primitive ray directions in R^n */
    fmpz * lin;          /* nl rows of n: lineality basis in R^n */
    slong m;             /* facets */
    fmpz * A;            /* m rows of n: A x <= b on the affine hull */
    fmpz * b;
    slong * fcache;      /* n + 2 entries: [0] 1 when [1..dim + 1] hold the f-vector
                            (polytope_fvector computes it once: 17 million faces of ccp6
                            cost seconds, and verification and writers ask for it) */
}
polytope_struct;

typedef polytope_struct polytope_t[1];

/* ---- memory and construction ---------------------------------------------- */
void polytope_init(polytope_t Q, slong n);
void polytope_clear(polytope_t Q);
void polytope_swap(polytope_t Q, polytope_t R);
/* { x : A x <= b } (A has Q->n columns; any number of rows, redundant rows and
   implicit equalities allowed). RELU_E_INPUT when the set is empty. */
int polytope_set_hrep(polytope_t Q, const fmpq_mat_t A, const fmpq * b, rc_error_t err);
/* conv(V) + cone(R) + lin(L) from the rows of V (at least one), R, L (any of
   R, L may have zero rows); each has Q->n columns. Repeated or non-extreme
   generators are dropped. */
int polytope_set_vrep(polytope_t Q, const fmpq_mat_t V, const fmpq_mat_t R, const fmpq_mat_t L,
                      rc_error_t err);
/* Q = { x : A x <= b } of a full-dimensional poly_t (a copy in canonical order). */
void polytope_set_poly(polytope_t Q, const poly_t P);

/* Reads {"A": [[...]], "b": [...]} or {"vertices": [[...]], "rays": [[...]],
   "lineality": [[...]]} (rays and lineality optional; "name" and "meta" allowed
   in both), every number exact; the dimension n comes from the file. Errors name
   the file, the place ("vertices row 2, column 3") and what was expected.
   Q is re-initialised with the file's n. */
int polytope_read_jnode(polytope_t Q, const jnode * root, rc_error_t err);
int polytope_read_file(polytope_t Q, const char * path, rc_error_t err);

/* ---- queries ---------------------------------------------------------------- */
static inline int polytope_is_bounded(const polytope_t Q) { return Q->nr == 0 && Q->nl == 0; }
static inline slong polytope_num_gens(const polytope_t Q) { return Q->nv + Q->nr; }
/* Generator i (0 <= i < nv + nr) lies on facet j. */
static inline int polytope_incident(const polytope_t Q, slong i, slong j)
{ return bs_test(poly_inc(Q->P, i), j + 1); }
/* f_0 .. f_dim (f_dim = 1); f has dim + 1 entries. */
void polytope_fvector(slong * f, const polytope_t Q);
/* Same set: same affine hull, same facets, same generators (canonical forms). */
int polytope_equal(const polytope_t Q, const polytope_t R);
/* The point x is in the interior of Q relative to R^n (Q full-dimensional
   and x strictly inside every facet). */
int polytope_contains_interior(const polytope_t Q, const fmpq * x);
/* Vertex centroid plus the sum of the rays: a relative-interior point. */
void polytope_interior_point(fmpq * x, const polytope_t Q);

/* cddlib recomputes the facets (and equations) from the generators and the
   generators from the facets; both must agree with Q. RELU_E_INTERNAL otherwise. */
int polytope_verify_cdd(const polytope_t Q, rc_error_t err);
/* The cheap exact check (verify.c, no LP): every generator satisfies every
   row, each facet is tight on generators spanning a facet, each vertex/ray
   is extreme in the inequalities, the incidence is the one stored, and the
   face lattice of a polytope has the right f_0, f_{dim-1} and Euler
   characteristic. RELU_E_INTERNAL with the failing row otherwise. */
int polytope_verify(const polytope_t Q, rc_error_t err);

/* Keys: ambient_dim, dim, bounded, fvector, vertices, rays, lineality (when
   not zero), inequalities {A, b}, equations {A, b} (when dim < n). */
void polytope_write_json(jout_t out, const polytope_t Q);

/* ---- face lattices ----------------------------------------------------------- */
/* Every face of Q, the empty face included (index 0, dim -1) and Q itself
   last, ordered by dimension and then by vertex set. Faces are sets of
   generators (output indices: vertices 0..nv-1, rays nv..); an unbounded
   face holds its rays. up/down: the Hasse diagram, as lists of the faces
   covering face i and covered by face i. */
typedef struct
{
    slong num;           /* number of faces (empty face included) */
    slong ng, nf;        /* generators, facets of Q */
    slong gw, fw;        /* words per generator set, per facet set */
    bword * gens;        /* num rows of gw words */
    bword * facets;      /* num rows of fw words: facets containing the face */
    slong * dim;         /* -1 for the empty face */
    slong * down_start;  /* num + 1 offsets into down */
    slong * down;        /* faces covered by face i (one dimension lower) */
    slong * up_start;
    slong * up;
    slong maxdim;
}
polytope_lattice_struct;

typedef polytope_lattice_struct polytope_lattice_t[1];

void polytope_lattice_init(polytope_lattice_t F);
void polytope_lattice_clear(polytope_lattice_t F);
void polytope_lattice_compute(polytope_lattice_t F, const polytope_t Q);
static inline const bword * polytope_lattice_gens(const polytope_lattice_t F, slong i)
{ return F->gens + i * F->gw; }
static inline const bword * polytope_lattice_facets(const polytope_lattice_t F, slong i)
{ return F->facets + i * F->fw; }
/* Index of the face with exactly this generator set, or -1. */
slong polytope_lattice_find(const polytope_lattice_t F, const bword * gens);
/* Number of maximal chains (complete flags) from the empty face to Q, as an
   fmpz (it grows fast). */
void polytope_lattice_flags(fmpz_t r, const polytope_lattice_t F);
/* Flag f-vector: r[S] for every subset S of {0..maxdim-1} (bit k of S = dim k),
   counts the chains of faces with exactly those dimensions; r has 2^maxdim
   entries (maxdim <= 20). */
void polytope_lattice_flag_fvector(fmpz * r, const polytope_lattice_t F);

/* ---- polar duality ------------------------------------------------------------- */
/* The polar of a full-dimensional polytope Q about c (interior):
   D = { y : (x - c).y <= 1 for all x in Q }. Its vertices are a_j / (b_j - a_j.c)
   for facet j of Q, and vertex i of Q gives the facet (v_i - c).y <= 1 of D.
   D is in its own canonical order: vmap[i] = index in D's facets of the facet
   from Q's vertex i, fmap[j] = index in D's vertices of the vertex from Q's
   facet j. D is computed from its own inequalities by the engine; both
   statements are then checked exactly, and that incidence is reversed (the
   face lattices themselves: polytope_lattice_antiisomorphism).
   RELU_E_UNSUPPORTED if Q is unbounded or lower-dimensional, RELU_E_INPUT if c
   is not interior, RELU_E_INTERNAL if a check fails. */
int polytope_polar(polytope_t D, slong * vmap, slong * fmap, const polytope_t Q, const fmpq * c,
                   rc_error_t err);
/* Verifies that face F of P maps to the face of D whose generators are the
   D-vertices of F's facets (through fmap), bijectively and reversing
   inclusion, with dim D-face = dim - 1 - dim F. map[i] gets the D-lattice index
   of P-lattice face i. RELU_E_INTERNAL on any failure. */
int polytope_lattice_antiisomorphism(slong * map, const polytope_lattice_t LP, const polytope_lattice_t LD,
                                     const slong * vmap, const slong * fmap, slong dim, rc_error_t err);

/* The polar of Q with the whole verification: D from polytope_polar, D checked
   against cddlib, both face lattices built and the inclusion-reversing
   bijection map (P-lattice face i -> D-lattice face map[i]) verified. The CLI
   and the binding facade both report from this one computation. */
typedef struct
{
    polytope_t dual;
    slong * vmap, * fmap, * map;
    polytope_lattice_t primal_lattice, dual_lattice;
} polytope_polarity_struct;
typedef polytope_polarity_struct polytope_polarity_t[1];

void polytope_polarity_init(polytope_polarity_t R);
void polytope_polarity_clear(polytope_polarity_t R);
/* R freshly initialised. */
int polytope_polarity_compute(polytope_polarity_t R, const polytope_t Q, const fmpq * c, rc_error_t err);

/* ---- combinatorial type ------------------------------------------------------------ */
/* Canonical form of the vertex-facet incidence of a polytope (rows = vertices,
   then rays with a different colour, columns = facets), computed by nauty
   (canon.c): a string "nv,nr,nf:" followed by the '0'/'1' rows, equal for
   two polyhedra exactly when their incidences are isomorphic (for polytopes:
   combinatorially equivalent). *perm_g and *perm_f (if not NULL) get the
   canonical order (canonical position -> original index, freed by the caller
   with flint_free). Never NULL. */
char * polytope_canonical_form(slong ** perm_g, slong ** perm_f, const polytope_t Q);
/* Canonical form from a raw incidence (ng rows, of which the first nv are
   vertices, nf columns; inc[i * nf + j] != 0). */
char * polytope_canonical_incidence(slong ** perm_g, slong ** perm_f, const unsigned char * inc,
                                    slong ng, slong nv, slong nf);
/* The same kind of invariant by a plain individualisation-refinement search
   without automorphism pruning (type.c; no nauty): kept as the independent
   cross-check of the tests, for small incidences. Its strings differ from
   nauty's, but equality of two of them decides isomorphism just as well.
   NULL when the search exceeds its node limit. */
char * polytope_canonical_incidence_search(slong ** perm_g, slong ** perm_f, const unsigned char * inc,
                                           slong ng, slong nv, slong nf);
/* Combinatorial equivalence: 1 when the incidences are isomorphic, with
   gmap (generators of Q -> generators of R, vertices to vertices, rays to
   rays) and fmap (facets) an isomorphism, checked entry by entry; 0 when they
   are not; -1 when the search limit was reached; -2 if the isomorphism read
   off the canonical forms fails its check (a bug). */
int polytope_isomorphism(slong * gmap, slong * fmap, const polytope_t Q, const polytope_t R);
/* Zonotope recognition: when Q (bounded) is c + sum_j [-g_j/2, g_j/2], returns
   the number k of generators and *gens (k rows of n rationals, the edge vector
   of each parallel class of edges, oriented lexicographically positive; freed
   with _fmpq_vec_clear(*gens, k * n)), checked by rebuilding the sum from its
   2^k vertex sums and comparing exactly; 0 otherwise (also for k > 12). */
slong polytope_zonotope_generators(fmpq ** gens, const polytope_t Q);
/* Name of the combinatorial type ("hexagon", "cube", "octahedron", "3-simplex",
   "prism over a pentagon", "dodecahedron", "permutahedron of order 4", ...,
   "zonotope with k generators" for other zonotopes) or NULL when it is not one
   of the known families. The name is written to buf. */
const char * polytope_type_name(char * buf, size_t size, const polytope_t Q);

/* ---- more queries -------------------------------------------------------------------- */
/* F is a subset of G (same ambient dimension): every vertex of F satisfies G's
   inequalities and equations, every ray and lineality vector of F their
   homogeneous parts (lineality vectors with equality). */
int polytope_contains(const polytope_t G, const polytope_t F);
/* The face lattice as JSON keys: faces (index, dim, vertices, rays, facets,
   covers, covered_by), hasse, flags, flag_fvector (dim <= 10), euler. */
void polytope_lattice_write_json(jout_t out, const polytope_t Q, const polytope_lattice_t F);

#endif
