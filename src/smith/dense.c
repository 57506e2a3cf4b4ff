/* Dense Smith normal form by elementary operations, with optional transforms.
   (FLINT 2.9's fmpz_mat_snf can hang on singular non-square input, so we do
   not call it.) Every operation on A is applied to U and V and, inverted, to
   Ui = U^-1 and Vi = V^-1 when they are asked for. */
#include "smith/smith.h"

typedef struct
{
    fmpz_mat_struct * A, * U, * Ui, * V, * Vi;   /* U == NULL: no transforms */
}
smith_ctx;

static void
_swap_cols(fmpz_mat_t M, slong i, slong j)
{
    for (slong r = 0; r < M->r; r++)
        fmpz_swap(fmpz_mat_entry(M, r, i), fmpz_mat_entry(M, r, j));
}

/* row i += q row j (i != j): U' = E U, U'^-1 = U^-1 E^-1 (column j -= q column i) */
static void
_row_addmul(smith_ctx * S, slong i, slong j, const fmpz_t q)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->A, i, c), q, fmpz_mat_entry(S->A, j, c));
    if (S->U == NULL)
        return;
    for (slong c = 0; c < S->U->c; c++)
        fmpz_addmul(fmpz_mat_entry(S->U, i, c), q, fmpz_mat_entry(S->U, j, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_submul(fmpz_mat_entry(S->Ui, r, j), q, fmpz_mat_entry(S->Ui, r, i));
}

/* column j += q column i (i != j): V' = V F, V'^-1 = F^-1 V^-1 (row i -= q row j) */
static void
_col_addmul(smith_ctx * S, slong j, slong i, const fmpz_t q)
{
    for (slong r = 0; r < S->A->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->A, r, j), q, fmpz_mat_entry(S->A, r, i));
    if (S->U == NULL)
        return;
    for (slong r = 0; r < S->V->r; r++)
        fmpz_addmul(fmpz_mat_entry(S->V, r, j), q, fmpz_mat_entry(S->V, r, i));
    for (slong c = 0; c < S->Vi->c; c++)
        fmpz_submul(fmpz_mat_entry(S->Vi, i, c), q, fmpz_mat_entry(S->Vi, j, c));
}

static void
_row_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    fmpz_mat_swap_rows(S->A, NULL, i, j);
    if (S->U == NULL)
        return;
    fmpz_mat_swap_rows(S->U, NULL, i, j);
    _swap_cols(S->Ui, i, j);
}

static void
_col_swap(smith_ctx * S, slong i, slong j)
{
    if (i == j)
        return;
    _swap_cols(S->A, i, j);
    if (S->U == NULL)
        return;
    _swap_cols(S->V, i, j);
    fmpz_mat_swap_rows(S->Vi, NULL, i, j);
}

/* row i *= -1: its own inverse, on U's row and U^-1's column */
static void
_row_neg(smith_ctx * S, slong i)
{
    for (slong c = 0; c < S->A->c; c++)
        fmpz_neg(fmpz_mat_entry(S->A, i, c), fmpz_mat_entry(S->A, i, c));
    if (S->U == NULL)
        return;
    for (slong c = 0; c < S->U->c; c++)
        fmpz_neg(fmpz_mat_entry(S->U, i, c), fmpz_mat_entry(S->U, i, c));
    for (slong r = 0; r < S->Ui->r; r++)
        fmpz_neg(fmpz_mat_entry(S->Ui, r, i), fmpz_mat_entry(S->Ui, r, i));
}

/* The entry of least absolute value in the block from (t, t); a unit ends the search. */
static int
_pivot_find(slong * pi, slong * pj, const fmpz_mat_t A, slong t)
{
    *pi = -1;
    for (slong j = t; j < A->c; j++)
        for (slong i = t; i < A->r; i++)
            if (!fmpz_is_zero(fmpz_mat_entry(A, i, j)) &&
                (*pi < 0 || fmpz_cmpabs(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, *pi, *pj)) < 0))
            {
                *pi = i, *pj = j;
                if (fmpz_is_pm1(fmpz_mat_entry(A, i, j)))
                    return 1;
            }
    return *pi >= 0;
}

/* Clears row and column t with the pivot (t, t); 1 if both are clear. */
static int
_pivot_clear(smith_ctx * S, slong t, fmpz_t q)
{
    fmpz_mat_struct * A = S->A;
    int clean = 1;
    for (slong i = t + 1; i < A->r; i++)
        if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)))
        {
            fmpz_fdiv_q(q, fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, t, t));
            fmpz_neg(q, q);
            _row_addmul(S, i, t, q);
            clean &= fmpz_is_zero(fmpz_mat_entry(A, i, t));
        }
    for (slong j = t + 1; j < A->c; j++)
        if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)))
        {
            fmpz_fdiv_q(q, fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, t, t));
            fmpz_neg(q, q);
            _col_addmul(S, j, t, q);
            clean &= fmpz_is_zero(fmpz_mat_entry(A, t, j));
        }
    return clean;
}

/* A row below t holding an entry the pivot does not divide, or -1. */
static slong
_pivot_nondivisible_row(const fmpz_mat_t A, slong t)
{
    for (slong i = t + 1; i < A->r; i++)
        for (slong j = t + 1; j < A->c; j++)
            if (!fmpz_divisible(fmpz_mat_entry(A, i, j), fmpz_mat_entry(A, t, t)))
                return i;
    return -1;
}

/* A remainder is left in row or column t: the smallest one becomes the pivot. */
static void
_pivot_move_remainder(smith_ctx * S, slong t)
{
    fmpz_mat_struct * A = S->A;
    slong bi = t, bj = t;
    for (slong i = t + 1; i < A->r; i++)
        if (!fmpz_is_zero(fmpz_mat_entry(A, i, t)) && fmpz_cmpabs(fmpz_mat_entry(A, i, t), fmpz_mat_entry(A, bi, bj)) < 0)
            bi = i, bj = t;
    for (slong j = t + 1; j < A->c; j++)
        if (!fmpz_is_zero(fmpz_mat_entry(A, t, j)) && fmpz_cmpabs(fmpz_mat_entry(A, t, j), fmpz_mat_entry(A, bi, bj)) < 0)
            bi = t, bj = j;
    _row_swap(S, t, bi);
    _col_swap(S, t, bj);
}

/* The pivot is the entry of least absolute value; a pivot that does not divide
   the rest of the block takes in the row that holds the remainder, so its
   absolute value decreases and the loop ends. */
slong
smith_dense(fmpz_mat_t A, fmpz_mat_t U, fmpz_mat_t Ui, fmpz_mat_t V, fmpz_mat_t Vi)
{
    smith_ctx S = { A, U, Ui, V, Vi };
    slong t, pi, pj;
    fmpz_t q;
    fmpz_init(q);
    if (U != NULL)
    {
        fmpz_mat_one(U);
        fmpz_mat_one(Ui);
        fmpz_mat_one(V);
        fmpz_mat_one(Vi);
    }
    for (t = 0; t < FLINT_MIN(A->r, A->c) && _pivot_find(&pi, &pj, A, t); t++)
    {
        _row_swap(&S, t, pi);
        _col_swap(&S, t, pj);
        for (;;)
        {
            if (!_pivot_clear(&S, t, q))
            {
                _pivot_move_remainder(&S, t);
                continue;
            }
            slong bad = _pivot_nondivisible_row(A, t);
            if (bad < 0)
                break;
            fmpz_one(q);
            _row_addmul(&S, t, bad, q);
        }
        if (fmpz_sgn(fmpz_mat_entry(A, t, t)) < 0)
            _row_neg(&S, t);
    }
    fmpz_clear(q);
    return t;
}
