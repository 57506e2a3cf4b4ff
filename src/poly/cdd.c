#define _GNU_SOURCE
/* cddlib (GMP rational build) as an independent second implementation.
   This file is the only one that includes cdd.h. cddlib keeps global
   constants; they are set up once, here. cddlib is not thread-safe. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <gmp.h>
#define GMPRATIONAL
#if defined(HAVE_CDD_CDD_H)
#include <cdd/setoper.h>
#include <cdd/cdd.h>
#else
#include <cddlib/setoper.h>
#include <cddlib/cdd.h>
#endif
#include <flint/fmpz_vec.h>
#include "poly/poly.h"

static int cdd_ready = 0;

/* also used by poly/lp.c */
void
poly_cdd_init(void)
{
    if (!cdd_ready)
    {
        dd_set_global_constants();
        cdd_ready = 1;
    }
}

void
poly_cdd_clear(void)
{
    if (cdd_ready)
    {
        dd_free_global_constants();
        cdd_ready = 0;
    }
}

/* Primitive integer form of a cddlib row (rational entries). */
static void
_row_from_cdd(fmpz * v, mytype * row, slong d)
{
    fmpq * q = _fmpq_vec_init(d);
    for (slong k = 0; k < d; k++)
        fmpq_set_mpq(q + k, row[k]);
    poly_vec_from_fmpq(v, q, d);
    _fmpq_vec_clear(q, d);
}

static int
_cmp_rows(const void * a, const void * b, void * dptr)
{
    slong d = *(slong *) dptr;
    const fmpz * u = a, * v = b;
    for (slong k = 0; k < d; k++)
    {
        int c = fmpz_cmp(u + k, v + k);
        if (c) return c;
    }
    return 0;
}

static void
_sort_rows(fmpz * rows, slong num, slong d)
{
    /* fmpz is a single word (a small value or a pointer): rows can be
       permuted by moving the words. */
    qsort_r(rows, num, d * sizeof(fmpz), _cmp_rows, &d);
}

int
poly_verify_cdd(const poly_t P, rc_error_t err)
{
    slong d = P->n + 1, m = P->ncons - 1;
    dd_ErrorType e = dd_NoError;
    int status = RELU_OK;

    if (m == 0)
        return RELU_OK;   /* R^n: nothing to compare */
    poly_cdd_init();

    dd_MatrixPtr M = dd_CreateMatrix(m, d);
    M->representation = dd_Inequality;
    M->numbtype = dd_Rational;
    for (slong j = 0; j < m; j++)
        for (slong k = 0; k < d; k++)
            fmpz_get_mpz(mpq_numref(M->matrix[j][k]), poly_con(P, j + 1) + k),
            mpz_set_ui(mpq_denref(M->matrix[j][k]), 1);

    /* cddlib treats a system with all right-hand sides 0 as a cone and then
       omits the vertex at the origin: the redundant row 1 >= 0 prevents that. */
    dd_MatrixPtr MH = dd_CreateMatrix(m + 1, d);
    MH->representation = dd_Inequality;
    MH->numbtype = dd_Rational;
    for (slong j = 0; j < m; j++)
        for (slong k = 0; k < d; k++)
            mpq_set(MH->matrix[j][k], M->matrix[j][k]);
    mpq_set_ui(MH->matrix[m][0], 1, 1);
    dd_PolyhedraPtr poly = dd_DDMatrix2Poly(MH, &e);
    dd_FreeMatrix(MH);
    if (e != dd_NoError)
    {
        dd_FreeMatrix(M);
        return rc_error_set(err, RELU_E_INTERNAL, "cddlib failed on a region (error %d)", (int) e);
    }
    dd_MatrixPtr V = dd_CopyGenerators(poly);
    slong nlin = set_card(V->linset), ng = V->rowsize - nlin;

    if (nlin != P->nlin || ng != P->ngens)
        status = rc_error_set(err, RELU_E_INTERNAL,
            "cddlib finds %ld generators and lineality %ld, the engine %ld and %ld",
            (long) ng, (long) nlin, (long) P->ngens, (long) P->nlin);
    else if (nlin == 0)
    {
        /* Minimal generators of a pointed polyhedron are unique: compare as sets. */
        fmpz * a = _fmpz_vec_init(ng * d);
        fmpz * b = _fmpz_vec_init(ng * d);
        for (slong i = 0; i < ng; i++)
            _row_from_cdd(a + i * d, V->matrix[i], d);
        /* the search's vertices may be positive multiples (minors forms) */
        _fmpz_vec_set(b, P->gens, ng * d);
        for (slong i = 0; i < ng; i++)
            poly_vec_make_primitive(b + i * d, d);
        _sort_rows(a, ng, d);
        _sort_rows(b, ng, d);
        if (!_fmpz_vec_equal(a, b, ng * d))
            status = rc_error_set(err, RELU_E_INTERNAL, "cddlib and the engine disagree on the vertices/rays of a region");
        _fmpz_vec_clear(a, ng * d);
        _fmpz_vec_clear(b, ng * d);
    }

    if (status == RELU_OK)
    {
        /* Our facets must be irredundant and free of implicit equalities. */
        dd_rowset impl = NULL, red = NULL;
        dd_rowindex newpos = NULL;
        dd_MatrixPtr C = dd_CopyMatrix(M);
        if (!dd_MatrixCanonicalize(&C, &impl, &red, &newpos, &e) || e != dd_NoError)
            status = rc_error_set(err, RELU_E_INTERNAL, "cddlib could not canonicalize a region");
        else if (set_card(impl) != 0 || set_card(red) != 0)
            status = rc_error_set(err, RELU_E_INTERNAL,
                "cddlib finds %ld redundant and %ld implicit-equality rows among the engine's facets",
                (long) set_card(red), (long) set_card(impl));
        if (impl) set_free(impl);
        if (red) set_free(red);
        free(newpos);
        dd_FreeMatrix(C);
    }

    dd_FreeMatrix(V);
    dd_FreePolyhedra(poly);
    dd_FreeMatrix(M);
    return status;
}

int
poly_cdd_hrep(fmpz ** rows, slong * nrows, char ** is_eq, const fmpz * gens, slong ng,
              const fmpz * lins, slong nl, slong d, rc_error_t err)
{
    dd_ErrorType e = dd_NoError;
    int status = RELU_OK;
    *rows = NULL;
    *is_eq = NULL;
    *nrows = 0;
    poly_cdd_init();

    dd_MatrixPtr M = dd_CreateMatrix(ng + nl, d);
    M->representation = dd_Generator;
    M->numbtype = dd_Rational;
    for (slong i = 0; i < ng + nl; i++)
    {
        const fmpz * g = i < ng ? gens + i * d : lins + (i - ng) * d;
        for (slong k = 0; k < d; k++)
        {
            fmpz_get_mpz(mpq_numref(M->matrix[i][k]), g + k);
            mpz_set_ui(mpq_denref(M->matrix[i][k]), 1);
        }
        if (i >= ng)
            set_addelem(M->linset, i + 1);
    }
    dd_PolyhedraPtr poly = dd_DDMatrix2Poly(M, &e);
    dd_FreeMatrix(M);
    if (e != dd_NoError)
        return rc_error_set(err, RELU_E_INTERNAL, "cddlib failed on a generator list (error %d)", (int) e);
    dd_MatrixPtr H = dd_CopyInequalities(poly);
    dd_rowset impl = NULL, red = NULL;
    dd_rowindex newpos = NULL;
    if (!dd_MatrixCanonicalize(&H, &impl, &red, &newpos, &e) || e != dd_NoError)
        status = rc_error_set(err, RELU_E_INTERNAL, "cddlib could not canonicalize an H-representation");
    else
    {
        slong m = H->rowsize;
        *nrows = m;
        *rows = _fmpz_vec_init(FLINT_MAX(m, 1) * d);
        *is_eq = flint_calloc(FLINT_MAX(m, 1), 1);
        for (slong i = 0; i < m; i++)
        {
            _row_from_cdd(*rows + i * d, H->matrix[i], d);
            (*is_eq)[i] = set_member(i + 1, H->linset) ? 1 : 0;
        }
    }
    if (impl) set_free(impl);
    if (red) set_free(red);
    free(newpos);
    dd_FreeMatrix(H);
    dd_FreePolyhedra(poly);
    return status;
}
