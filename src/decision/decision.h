/* Decision regions of a classifier: the sets
       D_c = {x in domain : argmax_i f_i(x) = c},
   ties broken towards the lowest index (c wins at x when f_c(x) >= f_i(x)
   for every i and f_c(x) > f_i(x) for every i < c), as unions of exact
   polyhedra, their homology and the decision boundary.

   On an activation region P the outputs are affine, so D_c meets the
   interior of P in a convex set whose closure is the *piece*
       Q = P cap {f_c >= f_i for every i},
   kept when it is full-dimensional and f_c - f_i vanishes identically on P
   for no i < c (then c loses every tie there). Every point off the
   hyperplanes lies in exactly one piece, so the pieces cover the domain and
   overlap only on their boundaries. The closed pieces form a polyhedral
   complex (two of them meet in a face of each: the activation regions do,
   and on a common face of two regions the outputs agree). Its cells are
   identified across pieces as the complex identifies faces (neuron signs,
   domain facets) plus the set S of outputs attaining the maximum on the
   cell, which is constant on a cell's relative interior. Then:
   - two pieces are adjacent when they share an (n-1)-cell;
   - a component of class c is a class of pieces linked by shared cells;
   - the decision boundary (where the argmax is not unique, up to ties on
     open sets, which the rule breaks) is the union of the cells lying in
     pieces of two or more classes: the facets between pieces of different
     classes and their faces;
   - the closure of D_c is the union of the closures of the cells on which c
     wins (min S = c); it can exceed the union of c's pieces by cells of lower
     dimension (c wins on a point or a segment only), counted as "lower".
   The homology of the closure of D_c is computed by src/homology on the
   network with the hidden layer f_i - f_c (i != c) (net_combination_net),
   selecting the faces with f_i - f_c < 0 for i < c and <= 0 for i > c and
   closing the selection (homology_cells_select). Two computations are
   compared in every run (RELU_E_INTERNAL when they differ): the Euler
   characteristic of each closure from the piece complex and from the cells
   of the homology, and (when the closure is the union of the pieces) the
   number of components from the pieces against b_0. */
#ifndef RELUCERT_DECISION_H
#define RELUCERT_DECISION_H

#include <stdio.h>
#include <flint/fmpq_mat.h>
#include "util/error.h"
#include "util/progress.h"
#include "json/json.h"
#include "net/net.h"
#include "poly/poly.h"
#include "homology/homology.h"

/* ---- one activation region ------------------------------------------------------- */
/* The pieces of the activation region P (dimension n) on which the outputs
   are W x + c (W: m x n): for each class k in increasing order whose piece is
   kept, Q[j] (initialised with dimension n) gets the closed piece and cls[j]
   = k; returns the number j of pieces. The facet {f_k = f_i} of a piece gets
   the source tag N + i (N: the hidden neurons, so tags < N stay neurons). */
slong decision_split_region(poly_struct * Q, slong * cls, const poly_t P, const fmpq_mat_t W, const fmpq * c,
                            slong N);

/* ---- the analysis ---------------------------------------------------------------- */
typedef struct
{
    slong cls;               /* its class */
    slong region;            /* the activation region (index in enumeration order) */
    char * pattern;          /* that region's activation pattern */
    poly_t P;                /* the closed piece */
    fmpq * point;            /* an interior point (n entries) */
    int bounded;
    slong component;         /* its component among the components of its class */
    slong * across;          /* per facet j (constraint j + 1 of P): the piece sharing it, -1 on the
                                domain's boundary */
    slong * facet_cell;      /* scratch: the (n-1)-cell of each facet */
}
decision_piece_struct;

typedef struct
{
    slong pieces, components, bounded_components;
    int bounded;             /* its closure is bounded */
    slong * fvec;            /* cells of its closure in the piece complex (n + 1) */
    slong lower;             /* ... that lie in no piece of the class */
    slong euler;             /* sum (-1)^dim over those cells */
    int has_homology;
    homology_t H;            /* of the closure (reduced homology of X+ over an unbounded domain) */
}
decision_class_struct;

typedef struct
{
    slong n, m, N;           /* inputs, classes (outputs), hidden neurons */
    char domain[256];        /* the domain's description */
    int compactified;        /* unbounded domain */
    char ** labels;          /* m class labels (format 2 `classes`), or NULL */
    slong regions;           /* activation regions */
    slong num, alloc;
    decision_piece_struct * pieces;   /* by region, then class */
    decision_class_struct * classes;  /* m */
    slong * fvec;            /* the piece complex (n + 1) */
    slong * bfvec;           /* the decision boundary complex (n entries: dimensions 0 .. n-1) */
    slong adjacent_same, adjacent_different;   /* pairs of pieces sharing a facet */
    int list;                /* the writers list the pieces */
    const rc_progress_struct * progress;       /* in: set before computing to hear of regions, or NULL */
}
decision_struct;

typedef decision_struct decision_t[1];

void decision_init(decision_t D);
void decision_clear(decision_t D);
/* The pieces, their complex, adjacency, components and the boundary (no
   homology) of net's decision regions in the domain (desc: its description).
   RELU_E_INPUT for a network with one output. Checked: an (n-1)-cell lies in
   at most two pieces and in one only on the domain's boundary, and the
   complex's Euler characteristic is the domain's (RELU_E_INTERNAL). */
int decision_pieces_compute(decision_t D, const net_t net, const poly_t domain, const char * desc,
                            rc_error_t err);
/* The whole analysis behind `relucert decision`: the pieces and, per class,
   the homology of the closure, with the cross-checks above. list: the
   writers list every piece. */
int decision_analyze(decision_t D, const net_t net, const poly_t domain, const char * desc, int list,
                     rc_error_t err);
/* The result as `relucert decision --json` prints it (one object), and as text. */
void decision_write_json(jout_t out, const decision_t D);
void decision_write_text(FILE * fp, const decision_t D);

#endif
