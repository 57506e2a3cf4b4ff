#ifndef TWIN_FMPQ_MAT_H
#define TWIN_FMPQ_MAT_H
#include "flint/fmpq.h"
typedef struct { fmpq * entries; slong r, c; fmpq ** rows; } fmpq_mat_struct;
typedef fmpq_mat_struct fmpq_mat_t[1];
#define fmpq_mat_entry(M, i, j) ((M)->rows[i] + (j))
#define fmpq_mat_nrows(M) ((M)->r)
#define fmpq_mat_ncols(M) ((M)->c)
static inline void fmpq_mat_init(fmpq_mat_t M, slong r, slong c)
{
    M->r = r; M->c = c;
    M->entries = _fmpq_vec_init(r * c);
    M->rows = flint_malloc(FLINT_MAX(r, 1) * sizeof(fmpq *));
    for (slong i = 0; i < r; i++) M->rows[i] = M->entries + i * c;
}
static inline void fmpq_mat_clear(fmpq_mat_t M) { flint_free(M->entries); flint_free(M->rows); }
/* C = A B (C does not alias A or B here) */
static inline void fmpq_mat_mul(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    for (slong i = 0; i < A->r; i++)
        for (slong j = 0; j < B->c; j++)
        {
            double s = 0;
            for (slong k = 0; k < A->c; k++) s += A->rows[i][k].num * B->rows[k][j].num;
            C->rows[i][j].num = s; C->rows[i][j].den = 1;
        }
}
static inline void fmpq_mat_set(fmpq_mat_t C, const fmpq_mat_t A)
{
    for (slong i = 0; i < A->r; i++)
        for (slong j = 0; j < A->c; j++) C->rows[i][j] = A->rows[i][j];
}
static inline void fmpq_mat_add(fmpq_mat_t C, const fmpq_mat_t A, const fmpq_mat_t B)
{
    for (slong i = 0; i < A->r; i++)
        for (slong j = 0; j < A->c; j++)
        {
            C->rows[i][j].num = A->rows[i][j].num + B->rows[i][j].num; C->rows[i][j].den = 1;
        }
}
#endif
