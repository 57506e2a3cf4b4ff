/* Polyhedra in R^n, exact, in double description.

   A polyhedron P is kept as its homogenised cone
       C = { (t, x) : t >= 0,  c_j t + a_j . x >= 0 for every constraint j }
         = lin(L) + cone(G),
   with P = { x : (1, x) in C }. All vectors are primitive integer vectors
   (fmpz, content 1), so no rational arithmetic is needed: a generator with
   t > 0 is the vertex x / t, one with t = 0 is a ray. Constraint 0 is always
   t >= 0 (the "far" constraint); it is kept even when redundant because it
   makes C pointed modulo L and the combinatorial tests below exact.

   Every constraint besides 0 is irredundant (a facet of P), and every
   generator is extreme (modulo L). inc[i] is the set of constraints tight at
   generator i. Cutting by a hyperplane is one step of the double description
   method (Motzkin et al.; Fukuda & Prodon 1996): new generators are made on
   the edges that cross the hyperplane, edges are found by the combinatorial
   adjacency test, and redundancy is decided from incidence alone.

   This module is the one place that talks to cddlib (poly/cdd.c), which we
   use as an independent second implementation to verify ours. */
#ifndef RELUCERT_POLY_H
#define RELUCERT_POLY_H

#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "util/bitset.h"
#include "util/error.h"
#include "json/json.h"

/* Tags recording where a constraint came from. */
/* Polyhedra live in at most this many dimensions: R^n alone is n + 1 generators
   of n + 1 numbers, so readers and domain builders refuse more (RELU_E_UNSUPPORTED)
   before anything quadratic is allocated. */
#define POLY_MAX_DIM 4096

#define POLY_SRC_FAR (-1)                 /* t >= 0 */
#define POLY_SRC_DOMAIN(k) (-2 - (k))     /* row k of the domain */
#define POLY_SRC_IS_DOMAIN(s) ((s) <= -2)
#define POLY_SRC_DOMAIN_ROW(s) (-2 - (s))
/* tags >= 0 are hidden neuron indices (layer by layer) */

typedef struct
{
    slong n;                 /* ambient dimension; vectors have n + 1 entries (t, x) */
    slong ngens, alloc_gens;
    fmpz * gens;             /* ngens rows */
    slong nlin, alloc_lin;
    fmpz * lin;              /* nlin rows, basis of the lineality space (t = 0) */
    slong ncons, alloc_cons;
    fmpz * cons;             /* ncons rows (c, a); row 0 is (1, 0, ..., 0) */
    slong * src;             /* tag of each constraint */
    slong cw;                /* words per incidence row = BS_WORDS(ncons) */
    bword * inc;             /* ngens rows of cw words */
}
poly_struct;

typedef poly_struct poly_t[1];

/* ---- memory and set-up ------------------------------------------------ */
void poly_init(poly_t P, slong n);        /* R^n */
void poly_clear(poly_t P);
void poly_set(poly_t P, const poly_t Q);
void poly_swap(poly_t P, poly_t Q);
void poly_set_whole(poly_t P);             /* R^n (keeps n) */
/* The cube [lo, hi]^n; requires lo < hi. */
void poly_set_box(poly_t P, const fmpq_t lo, const fmpq_t hi);
/* { x : A x <= b }. Errors (RELU_E_INPUT): empty, or not full-dimensional. */
int poly_set_halfspaces(poly_t P, const fmpq_mat_t A, const fmpq * b, rc_error_t err);

/* Reads a polyhedron file {"A": [[...]], "b": [...]} meaning A x <= b (optional
   keys "name", "meta"), every number exact, into P (whose n must equal the
   number of columns). Errors name the file, the place and what was expected;
   an empty or lower-dimensional set is an error. */
int poly_read_file(poly_t P, const char * path, rc_error_t err);
int poly_read_jnode(poly_t P, const jnode * root, rc_error_t err);
/* The same file as inequalities only (no vertices: for high dimensions): M
   (initialised) becomes A, *rhs (_fmpq_vec_init'ed, *m entries) b. */
int poly_read_halfspaces_jnode(fmpq_mat_t M, fmpq ** rhs, slong * m, const jnode * root, slong n, rc_error_t err);
int poly_read_halfspaces_file(fmpq_mat_t M, fmpq ** rhs, slong * m, const char * path, slong n, rc_error_t err);

/* The domain of an analysis (src/poly/domain.c), in P's dimension: kind "box"
   (arg "LO,HI", the cube [LO,HI]^n), "file" (arg a polytope file), "json" (arg
   the text of one), "whole" or NULL (R^n, arg ignored). desc (len bytes) gets
   the description every output uses ("box [-1,1]^2", "R^3", ...). label names
   the box argument in errors (NULL: "box LO,HI"; the CLI says "--box LO,HI"). */
int poly_domain_set(poly_t P, char * desc, size_t len, const char * kind, const char * arg,
                    const char * label, rc_error_t err);

/* ---- queries --------------------------------------------------------------- */
static inline fmpz * poly_gen(const poly_t P, slong i) { return P->gens + i * (P->n + 1); }
static inline fmpz * poly_con(const poly_t P, slong j) { return P->cons + j * (P->n + 1); }
static inline fmpz * poly_lin(const poly_t P, slong i) { return P->lin + i * (P->n + 1); }
static inline const bword * poly_inc(const poly_t P, slong i) { return P->inc + i * P->cw; }
static inline int poly_gen_is_vertex(const poly_t P, slong i) { return !fmpz_is_zero(poly_gen(P, i)); }
slong poly_num_vertices(const poly_t P);
slong poly_num_rays(const poly_t P);
/* Facets of P: constraints other than the far one. */
static inline slong poly_num_facets(const poly_t P) { return P->ncons - 1; }
int poly_is_bounded(const poly_t P);
/* Bounded modulo the lineality space (no rays). */
int poly_is_relatively_bounded(const poly_t P);
/* A point in the interior: mean of the vertices plus the sum of the rays. */
void poly_interior_point(fmpq * x, const poly_t P);
/* Homogeneous primitive form of the same point (t > 0). */
void poly_interior_point_homog(fmpz * v, const poly_t P);
/* Vertex i as rationals x / t. */
void poly_gen_get_fmpq(fmpq * x, const poly_t P, slong i);

/* ---- cutting ----------------------------------------------------------------- */
/* Position of P relative to the affine function g = (c, a) (value c + a.x):
   +1 if g >= 0 on P and not identically 0, -1 if g <= 0 and not identically 0,
   0 if g is identically 0 on P, POLY_CUT if g takes both signs on P
   (then both P cap {g >= 0} and P cap {g <= 0} are full-dimensional). */
#define POLY_CUT 2
int poly_side(const poly_t P, const fmpz * g);
/* P- = P cap {g <= 0}, P+ = P cap {g >= 0} for a cutting g (poly_side == POLY_CUT).
   Either output may be NULL. Outputs must be poly_init'ed with the same n and
   must not alias P. The new facet gets tag `src`. */
void poly_split(poly_t Pneg, poly_t Ppos, const poly_t P, const fmpz * g, slong src);
/* P = P cap {g >= 0} in place, where poly_side(P, g) is POLY_CUT. */
void poly_cut(poly_t P, const fmpz * g, slong src);

/* The ridges of a facet F of the polytope of the ng generators G (rows (t, x),
   t > 0): F's own facets, as sets of F's generators (BS_WORDS(ng) words
   each), proved complete, into *R (flint_malloc'ed, *nr of them). Returns 0,
   or 1 when they could not be found. */
typedef int (*poly_ridges_fn)(bword ** R, slong * nr, const fmpz * G, slong ng, const bword * F, void * arg);

/* P from both descriptions at once, without cuts (src/poly/dd.c): the cone of
   the ng primitive rows gens (t, x), none zero, and the nc primitive rows
   cons (c, a), claimed to be its facets (t >= 0 not among them), with tags
   src. Checked exactly: every constraint holds on every generator and is
   tight on a set of rank n (so a facet). *proved = 1 when moreover the
   facets are proved complete: the generators are points, the facets
   distinct, and every ridge of every facet lies on a second facet (a
   simplicial facet's ridges are its sets of n - 1 generators; another's come
   from ridges(..., arg), or, ridges being NULL, nothing is proved). Only
   then is P set, to those constraints (t >= 0 first) and the extreme
   generators, each once. Returns 1 when a check failed (P unchanged). */
int poly_set_dd(poly_t P, int * proved, const fmpz * gens, slong ng, const fmpz * cons, slong nc,
                const slong * src, poly_ridges_fn ridges, void * arg);

/* ---- the same position through a floating-point filter (poly/position.c) ------
   Double copies of P's generators, for poly_position: each sign of g.u is
   taken from doubles when a rigorous rounding margin proves it and computed
   exactly otherwise, so the answers are poly_side's in every case. */
typedef struct
{
    slong ngens, alloc;
    double * g;        /* ngens rows of n + 1 doubles (NaN for entries of more than 1000 bits) */
    int box;           /* 1: lo, hi bound every vertex coordinate (no rays; poly_dgens_box) */
    slong n, box_alloc;
    double * lo, * hi; /* n entries each */
    /* mf[i] = 1: generator i is a vertex on exactly n constraints and equals
       +- the vector of maximal minors of their rows (its "minors form"; see
       poly_split_take). 0: not known. */
    unsigned char * mf;
    slong mf_alloc;
}
poly_dgens_struct;

typedef poly_dgens_struct poly_dgens_t[1];

void poly_dgens_init(poly_dgens_t D);
void poly_dgens_clear(poly_dgens_t D);
void poly_dgens_set(poly_dgens_t D, const poly_t P);
/* Room for rows rows of d doubles and flags, D->ngens = rows (contents the caller's). */
void poly_dgens_fit(poly_dgens_t D, slong rows, slong d);
/* Sets the flags mf of D (poly_dgens_set for P, which clears them) by
   computing each simple vertex's minors: one determinant of order n per
   coordinate (for a search's domain, once). */
void poly_dgens_mark_minors(poly_dgens_t D, const poly_t P);
/* The bounding box of P's vertices from D's rows (set for P): a first, O(n)
   test of poly_position (only when P has no rays). poly_dgens_set calls it;
   call it after filling D's rows by hand. */
void poly_dgens_box(poly_dgens_t D, const poly_t P);
/* The sign of the affine row g (gd: its doubles) on D's box when the doubles
   prove it strict everywhere on it (D->box set): +1 or -1; 0 when not proved. */
int poly_dgens_box_sgn(const poly_dgens_t D, const double * gd);
/* r[i] = v[i] as a double (NaN beyond 1000 bits; inline entries |x| < 2^62
   rounded to nearest, relative error <= 2^-53; inline: the search converts
   every new vertex). */
void _poly_vec_get_d_big(double * r, const fmpz_t x);
static inline void
poly_vec_get_d(double * r, const fmpz * v, slong len)
{
    for (slong i = 0; i < len; i++)
    {
        if (!COEFF_IS_MPZ(v[i]))
            r[i] = (double) v[i];
        else
            _poly_vec_get_d_big(r + i, v + i);
    }
}
/* poly_side(P, g), with *strict = 1 when moreover g vanishes at no vertex
   (generator with t > 0): then g > 0, resp. < 0, at every point of the closed
   polyhedron, so g vanishes on no face of P nor of any polyhedron inside P
   (a ray r with a.r = 0 is allowed: a polyhedron inside P may have such rays,
   e.g. from P's lineality space, but no face is made of rays alone). D (poly_dgens_set from this P) and gd
   (g as doubles, poly_vec_get_d) may be NULL: then every sign is exact.
   nexact (may be NULL) is incremented per dot product the filter left to
   exact arithmetic. */
int poly_position(int * strict, const poly_t P, const poly_dgens_t D, const fmpz * g, const double * gd,
                  slong * nexact);
/* The sign of g.u for generator i of P, through the same filter (D and gd as
   for poly_position, either may be NULL; v is scratch). */
int poly_gen_sgn(const poly_t P, const poly_dgens_t D, slong i, const fmpz * g, const double * gd, fmpz_t v);
/* sg[i] = poly_gen_sgn of every generator (one loop), and how many are
   positive and negative. */
void poly_gen_sgns(signed char * sg, slong * npos, slong * nneg, const poly_t P, const poly_dgens_t D, const fmpz * g,
                   const double * gd);
/* The sign of g.u for any two integer vectors of length d through the same
   filter (gd, ud: their doubles by poly_vec_get_d, either may be NULL; v is
   scratch). */
int poly_vec_dot_sgn(const fmpz * g, const double * gd, const fmpz * u, const double * ud, slong d, fmpz_t v);
/* poly_zero_set through the filter: the same set and answer; a generator off
   the hyperplane by more than the rounding margin costs no exact product. */
int poly_zero_set_filtered(bword * set, const poly_t P, const poly_dgens_t D, const fmpz * z, const double * zd);
/* poly_split for a search that drops P afterwards and keeps doubles of the
   generators (poly_dgens): Dneg, Dpos (NULL: not wanted) get the outputs'
   doubles, copied from D (P's, or NULL) where a generator is kept; the signs
   of g on P go through the filter of poly_position (gd: g as doubles, may be
   NULL). With take, P's entries may be moved into the outputs: P is then only
   fit for poly_clear or to be overwritten as an output.
   With D, a new vertex on an edge [u, v] of two simple vertices on n - 1
   common constraints, v in minors form (D->mf), is w = (g(u) v - g(v) u) /
   |h.u| for v's other constraint h: by the three-term Grassmann-Pluecker
   relation that is +- the minors of w's constraints (the common ones and g)
   when g is primitive (the search's rows are), no gcd needed; the same with
   u and v exchanged. The division is checked: where it is not exact the
   primitive form is taken (and w is not marked), so every output is a
   positive multiple of the vertex in any case. */
void poly_split_take(poly_t Pneg, poly_dgens_t Dneg, poly_t Ppos, poly_dgens_t Dpos, poly_t P,
                     const poly_dgens_t D, const fmpz * g, const double * gd, slong src, int take);

/* ---- faces ------------------------------------------------------------------- */
/* All nonempty faces of P (those containing a vertex), each as the set of
   generators it contains, by decreasing dimension (P itself first). */
typedef struct
{
    slong num, alloc;  /* faces, and room for dims */
    slong words;       /* room for sets, in words */
    slong gw;          /* words per set = BS_WORDS(ngens) */
    bword * sets;      /* num rows of gw words */
    slong * dim;       /* dimension of each face */
}
poly_faces_struct;

typedef poly_faces_struct poly_faces_t[1];

void poly_faces_init(poly_faces_t F);
void poly_faces_clear(poly_faces_t F);
void poly_faces_compute(poly_faces_t F, const poly_t P);
/* Faces of P counted by dimension (n + 1 entries each): all of them (all may
   be NULL) and those inside none of the nz faces Z (generator sets, as
   poly_zero_set writes them); the faces of poly_faces_compute, no sets kept. */
void poly_faces_count(slong * all, slong * outside, const poly_t P, const bword * Z, slong nz);
/* The same counts; D (may be NULL) the doubles of P's generators
   (poly_dgens_set), used to order the vertices. */
void poly_faces_count_d(slong * all, slong * outside, const poly_t P, const poly_dgens_t D, const bword * Z, slong nz);
static inline const bword * poly_faces_set(const poly_faces_t F, slong i) { return F->sets + i * F->gw; }
/* The generators of P on which the affine row z = (c, a) vanishes, into set
   (BS_WORDS(ngens) words); returns 0 (set untouched) when z is not constant
   on the lineality space: then it vanishes on no face of P. */
int poly_zero_set(bword * set, const poly_t P, const fmpz * z);
/* Euler characteristic of P with compact support: sum over faces of (-1)^dim. */
slong poly_euler_char(const poly_t P);

/* ---- helpers on integer vectors ------------------------------------------------- */
/* r = u.v in fmpz (poly_vec_dot's slow path) */
void _poly_vec_dot_big(fmpz_t r, const fmpz * u, const fmpz * v, slong len);
/* r = u.v for vectors of length len. Fast path, still exact (inline: the search's hot loops): while
   both entries are small (|x| < 2^62, stored inline) the products fit in 124
   bits and are summed in a 128-bit integer with an overflow check; otherwise
   (or on overflow) fmpz. */
static inline void
poly_vec_dot(fmpz_t r, const fmpz * u, const fmpz * v, slong len)
{
    __int128 s = 0, p;
    slong k;
    for (k = 0; k < len; k++)
    {
        if (COEFF_IS_MPZ(u[k]) || COEFF_IS_MPZ(v[k]))
            break;
        p = (__int128) u[k] * (__int128) v[k];
        if (__builtin_add_overflow(s, p, &s))
            break;
    }
    if (k < len)
        _poly_vec_dot_big(r, u, v, len);
    else if (s >= COEFF_MIN && s <= COEFF_MAX)
    {
        _fmpz_demote(r);
        *r = (slong) s;
    }
    else
        fmpz_set_signed_uiui(r, (ulong) ((unsigned __int128) s >> 64), (ulong) s);
}
/* Divides by the content (gcd of entries); zero vectors unchanged. */
void poly_vec_make_primitive(fmpz * v, slong len);
/* fmpz_sgn without the library call for inline values */
static inline int
poly_sgn(const fmpz_t x)
{
    return COEFF_IS_MPZ(*x) ? fmpz_sgn(x) : (*x > 0) - (*x < 0);
}

/* d = s, entries that are inline on both sides copied as words */
static inline void
poly_vec_set(fmpz * d, const fmpz * s, slong len)
{
    for (slong k = 0; k < len; k++)
        if (!COEFF_IS_MPZ(s[k]) && !COEFF_IS_MPZ(d[k]))
            d[k] = s[k];
        else
            fmpz_set(d + k, s + k);
}
/* o = x a - y b (o shares no entry with a or b) */
void poly_vec_combine(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y, slong len);
/* o = the primitive form of x a - y b (the same as poly_vec_combine, then
   poly_vec_make_primitive; o shares no entry with a or b) */
void poly_vec_combine_primitive(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y, slong len);
/* o = (x a - y b) / |D| when every entry divides exactly: returns 1; else o =
   the primitive form of x a - y b (poly_vec_combine_primitive), returns 0.
   Each division's remainder is checked (on limbs: no temporary integers). */
int poly_vec_combine_divexact(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y,
                              const fmpz_t D, slong len);
/* v = primitive positive multiple of the rational vector q. */
void poly_vec_from_fmpq(fmpz * v, const fmpq * q, slong len);
/* Sign of the first nonzero entry (0 for the zero vector). */
int poly_vec_lex_sign(const fmpz * v, slong len);

/* ---- cddlib (GMP) as an independent check -------------------------------------- */
/* Recomputes the generators and the irredundant inequalities of P from its
   facets with cddlib (GMP rational mode) and compares with ours. Returns
   RELU_OK or RELU_E_INTERNAL with a description of the first difference. */
int poly_verify_cdd(const poly_t P, rc_error_t err);
/* Frees cddlib's global constants (set up on first use); call once at exit. */
void poly_cdd_clear(void);
/* cddlib's H-representation of conv/cone of generators: the rows gens (ng rows
   (t, x) of length d, t > 0 for points, t = 0 for directions) and the
   lineality rows lins (nl rows) generate a cone; *rows gets its canonical
   (irredundant) inequalities and equations z (z.(t, x) >= 0 resp. = 0) as
   primitive integer rows, (*is_eq)[i] = 1 for equations. The caller frees
   *rows with _fmpz_vec_clear(*rows, max(*nrows, 1) * d) and *is_eq with
   flint_free. RELU_E_INTERNAL if cddlib fails. */
int poly_cdd_hrep(fmpz ** rows, slong * nrows, char ** is_eq, const fmpz * gens, slong ng,
                  const fmpz * lins, slong nl, slong d, rc_error_t err);

#endif
