/* The polyhedral complex formed by the regions: its f-vector, the facet
   histogram, and per-region face counts, accumulated one region at a time.

   Each face F of the complex is counted by exactly one region that contains
   it, without any global table: the region R entered from a relative-interior
   point p of F when moving towards a fixed interior point c of the domain
   (perturbed lexicographically). That is a local test: for every neuron k
   vanishing on F, with sign s_k on R and pre-activation z_k (on R's affine
   piece) = c_k + a_k.x, need s_k z_k(c) > 0, or z_k(c) = 0 and s_k a_k
   lexicographically positive. The move p -> p + eps (c - p + eta delta)
   leaves the domain's boundary into the interior and avoids every
   hyperplane, so exactly one region passes. Memory stays bounded, so
   streaming runs can report the f-vector too.

   With `check` set, faces are also collected globally by their sign vectors
   (neurons: -,0,+; domain facets: on/off), which identify faces across
   regions (Grigsby & Lindsey; Masden 2025); complex_finish then compares the
   two counts. */
#ifndef RELUCERT_COMPLEX_H
#define RELUCERT_COMPLEX_H

#include <stdio.h>
#include <flint/fmpq.h>
#include "poly/poly.h"
#include "regions/regions.h"
#include "util/bitset.h"

typedef struct
{
    slong n, N;
    fmpz * center;           /* homogeneous interior point of the domain */
    double * centerd;        /* the same as doubles, for the sign filter */
    slong ndom;              /* facets of the domain */
    fmpz * dom;              /* their rows (c, a) */
    double * domd;           /* the same as doubles (poly_vec_get_d), for the sign filter */
    slong domain_euler;      /* sum of (-1)^dim over the domain's own faces */
    slong * fvec;            /* n + 1 entries */
    slong regions, bounded, relatively_bounded, interior;
    slong hist_len;          /* facet histogram: hist[f] = regions with f facets */
    slong * hist;
    slong facet_sum;
    int check;
    bsset_t signs;           /* check mode: sign vectors of faces */
    slong * sign_dims;
    slong sign_alloc;
    poly_faces_t faces;      /* scratch */
    char * ws;               /* scratch of complex_add_region (ws_alloc bytes) */
    slong ws_alloc;
    slong filter;            /* -1, or the first hidden neuron of the filter (complex_set_filter_signs) */
    slong filter_len;        /* neurons filter .. filter + filter_len - 1 */
    int * filter_masks;      /* their masks: bit 0: sign -, bit 1: sign 0, bit 2: sign + */
}
complex_struct;

typedef complex_struct complex_t[1];

void complex_init(complex_t C, const poly_t domain, slong N, int check);
void complex_clear(complex_t C);
/* Restricts every count (f-vector, regions, histogram, region f-vectors) to
   the faces on which hidden neuron k has a sign in mask (COMPLEX_NEG |
   COMPLEX_ZERO | COMPLEX_POS). With the neuron f - T of net_threshold_net:
   COMPLEX_ZERO gives the level set {f = T}, COMPLEX_ZERO | COMPLEX_POS the
   superlevel set {f >= T}. Regions (n-faces) count when their sign is in mask.
   The Euler check of complex_finish is skipped under a filter. */
#define COMPLEX_NEG 1
#define COMPLEX_ZERO 2
#define COMPLEX_POS 4
void complex_set_filter(complex_t C, slong k, int mask);
/* The same for several neurons at once: a face counts when hidden neuron
   first + j has a sign in masks[j] for every j < len (an intersection of
   such sets, e.g. {f_c >= f_i for every i} with the neurons f_i - f_c of
   net_combination_net). */
void complex_set_filter_signs(complex_t C, slong first, slong len, const int * masks);
/* 1 if the face of R (a set of R->P's generators) passes the filter. */
int complex_filter_pass(const complex_t C, const region_struct * R, const bword * face);
/* Sign (-1, 0, +1) of hidden neuron k on face f of the last region added's
   face lattice C->faces, given that region. */
int complex_face_sign(const complex_t C, const region_struct * R, slong k, const bword * face);

/* In a face's key (2 bits per neuron: + at 2k + plus, - at the other bit,
   both clear for 0, set from the neuron rows of region R; the complex has
   plus = 0, certificates plus = 1), a max group's argmax w (sign +1, a
   constant row) becomes 0 on the faces where some other member is 0 (tied
   with it): a member's key is then a property of the face's points (+ the
   unique argmax, 0 tied at the max, - below), the same in every region
   containing the face, not + for whichever member wins the region at hand.
   Nothing to do when R->group is NULL. */
void complex_key_tie_groups(bword * key, slong N, const region_struct * R, int plus);
/* Words of a face's sign-vector key. */
static inline slong complex_key_words(const complex_t C) { return C->signs->w; }
/* Computes R's face lattice into C->faces and, for each face f, its sign
   vector (the global identity of the face across regions) at
   keys + f * complex_key_words(C) of the returned array, and (*selected)[f]
   (1 if the filter keeps it). Both arrays are flint_malloc'ed for the caller
   to flint_free. Counts nothing. */
bword * complex_region_face_keys(char ** selected, complex_t C, const region_struct * R);

/* Adds region R. If region_fvec is not NULL it receives R's own f-vector (n + 1 entries). */
void complex_add_region(complex_t C, slong * region_fvec, const region_struct * R);
/* The counters (f-vector, regions, bounded, relatively bounded, interior,
   facet histogram and sum) as one line of integers, and adding such a line
   to C: partial complexes of a parallel run (regions_enumerate_part) add up
   to the whole, because every face is counted by exactly one region. */
void complex_write_counts(FILE * fp, const complex_t C);
int complex_add_counts(complex_t C, FILE * fp);
/* Sum of (-1)^i f_i. */
slong complex_euler(const complex_t C);
/* Mean number of facets per region (0 when there are no regions). */
void complex_mean_facets(fmpq_t q, const complex_t C);
/* Checks the Euler characteristic against the domain's and, in check mode,
   the local face count against the global one. RELU_E_INTERNAL on a mismatch. */
int complex_finish(complex_t C, rc_error_t err);

#endif
