/* Smith normal forms of integer matrices, with or without transforms: the one
   implementation behind integral homology (src/homology: ranks and torsion)
   and homology certificates (src/cert: U, V and their inverses for the
   checker). May include only flint and util. */
#ifndef RELUCERT_SMITH_H
#define RELUCERT_SMITH_H

#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include "util/error.h"

/* ---- sparse integer vectors (indices increasing, no zero values) ---------------- */
typedef struct
{
    slong len, alloc;
    slong * idx;
    fmpz * val;
}
svec_struct;

typedef svec_struct svec_t[1];

void svec_init(svec_t x);
void svec_clear(svec_t x);
void svec_swap(svec_t x, svec_t y);
/* x = e_i */
void svec_set_unit(svec_t x, slong i);
void svec_neg(svec_t x);
/* The entry at index i, NULL if it is zero. */
fmpz * svec_find(const svec_t x, slong i);
/* x += q y. When occ is not NULL, each index new to x is appended to
   occ[index] (nocc, aocc: its length and capacity), tagged with self: the
   sparse elimination keeps, per row, the columns that hold it. */
void svec_axpy(svec_t x, const fmpz_t q, const svec_t y, slong ** occ, slong * nocc, slong * aocc, slong self);

/* ---- Smith forms --------------------------------------------------------------- */
/* Smith normal form of A in place: A becomes diag(s_1..s_r, 0, ...) with
   s_1 | s_2 | ... | s_r > 0; returns r. With U not NULL also the transforms:
   U A0 V = A, Ui = U^-1, Vi = V^-1 (U, Ui: r x r; V, Vi: c x c; all four given
   or U NULL). */
slong smith_dense(fmpz_mat_t A, fmpz_mat_t U, fmpz_mat_t Ui, fmpz_mat_t V, fmpz_mat_t Vi);

/* Smith normal form of the m x n matrix given by its columns A[0..n) (A is
   destroyed). diag (min(m, n) entries, initialised) gets s_1 | ... | s_rank > 0;
   returns the rank. Unit pivots are eliminated sparsely in Markowitz order;
   what is left goes to smith_dense unless it has more than max_dense entries
   (then RELU_E_UNSUPPORTED in err and -1).
   With U not NULL also sparse transforms: U (m rows), Ui (m columns), V (n
   columns), Vi (n rows), arrays of svec_init'ed vectors, such that
   U A V = diag(diag[0..rank), 0, ...), U Ui = I, V Vi = I. */
slong smith_sparse(fmpz * diag, svec_struct * U, svec_struct * Ui, svec_struct * V, svec_struct * Vi,
                   svec_struct * A, slong m, slong n, slong max_dense, rc_error_t err);

#endif
