/* Private to the deletion-restriction method (dr.c, dr_rows.c, dr_config.c):
   the central configuration it works on and its exact row arithmetic, in two
   back ends with the same contract: word-size integers with every product
   and difference checked for overflow (the fast path), and fmpz (any size).
   A row is kept primitive with a positive first nonzero entry, so two rows
   span the same line iff they are equal. */
#ifndef RELUCERT_ARRANGEMENT_DR_IMPL_H
#define RELUCERT_ARRANGEMENT_DR_IMPL_H

#include <flint/fmpz_mat.h>
#include "arrangement/dr.h"

#define DR_MAXR 32
#define DR_WORD_BITS 40   /* entries of the word-size path start below 2^40 */

typedef struct
{
    slong m, R;
    fmpz_mat_t Z;       /* m x R primitive rows (always) */
    slong * V;          /* the same rows in words, when !big */
    int big;            /* 1: all row arithmetic in fmpz */
    int uniform;        /* proved: every R of the rows are linearly independent */
}
dr_config;

/* C <- the central configuration of A (its normals if central, else its cone
   with the hyperplane at infinity (1, 0, ..., 0)), projected injectively onto
   its R pivot coordinates, rows in the opposite order if reverse; *N = its
   ambient dimension, *coned = whether it is the cone. big = 1 forces the fmpz
   path, which is also chosen when an entry has more than DR_WORD_BITS bits.
   C->uniform is set when dr_config_is_moment_curve proves general position
   (unless skip_uniform). RELU_E_UNSUPPORTED beyond rank DR_MAXR or 65000 rows. */
int dr_config_init(dr_config * C, slong * N, int * coned, const arrangement_t A, int reverse, int big,
                   int skip_uniform, rc_error_t err);
void dr_config_clear(dr_config * C);

/* 1 iff every row of V (m x R, R >= 2) is a nonzero multiple of a point of
   the rational normal curve, (1, s, s^2, ..., s^(R-1)) for a rational s or
   (0, ..., 0, 1) (s = infinity), with pairwise distinct s. Then any R rows
   form a (scaled) Vandermonde matrix with distinct nodes, or one with a row
   e_R whose cofactor is a Vandermonde matrix of the other R - 1 nodes: a
   nonzero determinant. So the configuration is in general position (its
   matroid is uniform): a proof, checked in O(m R) exact operations. */
int dr_config_is_moment_curve(const fmpz_mat_t V);

/* ---- word-size rows (overflow sets *overflow, the result is then void) -- */
slong dr_row_normalise(slong * v, slong R);
slong dr_row_reduce(slong * v, const slong * E, const slong * P, slong r, slong R, int * overflow);
int dr_row_cmp(const slong * x, const slong * y, slong R);

/* ---- fmpz rows -------------------------------------------------------- */
slong dr_zrow_normalise(fmpz * v, slong R);
/* v <- v modulo the echelon rows E (r rows, pivots P), primitive; returns its pivot or -1 if zero */
slong dr_zrow_reduce(fmpz * v, const fmpz * E, const slong * P, slong r, slong R);
int dr_zrow_cmp(const fmpz * x, const fmpz * y, slong R);

#endif
