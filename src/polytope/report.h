/* The analyses behind `relucert polytope`, `faces` and `polar` (and their
   Python twins in api.c): one compute call per analysis filling a result
   struct, one JSON writer and one text writer per result, so every front end
   prints the same bytes. The polytopes themselves live in polytope.h. */
#ifndef RELUCERT_POLYTOPE_REPORT_H
#define RELUCERT_POLYTOPE_REPORT_H

#include <stdio.h>
#include "polytope/polytope.h"

/* ---- shared pieces ------------------------------------------------------------ */
/* Reads a polytope file and checks the conversion exactly (polytope_verify). */
int polytope_read_verified(polytope_t Q, const char * path, rc_error_t err);
/* key: the type name of Q (polytope_type_name) or null. */
void polytope_write_type_json(jout_t out, const char * key, const polytope_t Q);
/* Both forms as text: dimension, type, f-vector, vertices, rays, lineality,
   inequalities and equations. */
void polytope_write_text(FILE * fp, const polytope_t Q);

/* ---- polytope: conversion, type, comparison --------------------------------------- */
typedef struct
{
    const polytope_struct * Q;   /* the polyhedron (not owned) */
    const polytope_struct * R;   /* the one compared with, or NULL (not owned) */
    const char * other;          /* R's name in the text output */
    int equivalent;              /* with R: 1, 0, -1 (search limit) */
    slong * gmap, * fmap;        /* equivalent == 1: the isomorphism Q -> R */
    char * form;                 /* canonical form, NULL at the search limit */
    slong zk;                    /* zonotope generators (0: not a zonotope) */
    fmpq * zgens;                /* zk rows of Q->n */
}
polytope_report_struct;
typedef polytope_report_struct polytope_report_t[1];

void polytope_report_init(polytope_report_t S);
void polytope_report_clear(polytope_report_t S);
/* Type, canonical form, zonotope generators of Q and, when R != NULL, the
   combinatorial equivalence with R. Q and R must outlive S. RELU_E_INTERNAL if
   the isomorphism read off the canonical forms fails its check. */
int polytope_report_compute(polytope_report_t S, const polytope_t Q, const polytope_t R, const char * other,
                            rc_error_t err);
/* The members of one JSON object (the caller opens and closes it). */
void polytope_report_write_members(jout_t out, const polytope_report_t S);
void polytope_report_write_json(jout_t out, const polytope_report_t S);
void polytope_report_write_text(FILE * fp, const polytope_report_t S);

/* ---- faces: the face lattice of a polyhedron or of a region ------------------------- */
typedef struct
{
    polytope_t Q;
    polytope_lattice_t F;
    const char * pattern;        /* region: its activation pattern (not owned), else NULL */
    const char * source;         /* region: the network's name (not owned) */
    slong region;                /* region: its index in the enumeration, else -1 */
}
polytope_faces_struct;
typedef polytope_faces_struct polytope_faces_t[1];

void polytope_faces_init(polytope_faces_t S);
void polytope_faces_clear(polytope_faces_t S);
/* The face lattice of Q, which is moved into S->Q (swapped: Q is left empty). */
void polytope_faces_compute(polytope_faces_t S, polytope_t Q);
/* The face lattice of one activation region: levelset_region_faces (levelset.h). */
void polytope_faces_write_json(jout_t out, const polytope_faces_t S);
void polytope_faces_write_text(FILE * fp, const polytope_faces_t S);

/* ---- polar with its verified anti-isomorphism ----------------------------------------- */
/* The one centre policy. spec NULL: the origin, which must be interior unless
   fallback (then the vertex centroid when it is not); "auto": the vertex
   centroid; else n rationals "x1,...,xn", which must be interior. x has Q->n
   entries; *source gets "origin", "vertex centroid" or "given". opt names the
   option in messages ("--center" for the CLI, "center" for Python). Interior
   is only demanded of full-dimensional bounded Q (the polar itself reports the
   others as unsupported). */
int polytope_polar_center(fmpq * x, const char ** source, const polytope_t Q, const char * spec, int fallback,
                          const char * opt, rc_error_t err);

typedef struct
{
    const polytope_struct * Q;   /* the primal polytope (not owned) */
    slong n;
    fmpq * center;               /* n entries */
    const char * source;         /* see polytope_polar_center */
    polytope_polarity_t R;       /* the dual, the maps, both lattices, verified */
}
polytope_polar_report_struct;
typedef polytope_polar_report_struct polytope_polar_report_t[1];

void polytope_polar_report_init(polytope_polar_report_t S);
void polytope_polar_report_clear(polytope_polar_report_t S);
/* The centre by polytope_polar_center, then polytope_polarity_compute. */
int polytope_polar_report_compute(polytope_polar_report_t S, const polytope_t Q, const char * spec, int fallback,
                                  const char * opt, rc_error_t err);
void polytope_polar_report_write_json(jout_t out, const polytope_polar_report_t S);
void polytope_polar_report_write_text(FILE * fp, const polytope_polar_report_t S);

/* Every vertex on exactly dim facets (simple), every facet with exactly dim
   vertices (simplicial); Q bounded. */
void polytope_incidence_flags(int * simple, int * simplicial, const polytope_t Q);
/* lo, hi: the exact minimum and maximum of |v|^2 over the vertices of Q. */
void polytope_radius2_range(fmpq_t lo, fmpq_t hi, const polytope_t Q);

#endif
