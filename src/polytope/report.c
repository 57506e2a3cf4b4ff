/* relucert polytope: conversion, type and comparison as one result with one
   JSON and one text writer (report.h); the text form of a polytope used by
   faces and polar too. */
#include <string.h>
#include "polytope/report.h"
#include "num/num.h"

int
polytope_read_verified(polytope_t Q, const char * path, rc_error_t err)
{
    if (polytope_read_file(Q, path, err))
        return err->code;
    return polytope_verify(Q, err);
}

void
polytope_write_type_json(jout_t out, const char * key, const polytope_t Q)
{
    char buf[128];
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    jout_key(out, key);
    if (name)
        jout_string(out, name);
    else
        jout_null(out);
}

/* "(a, b, c)": a row of rationals or integers */
static void
_write_row(FILE * fp, const fmpq * q, const fmpz * z, slong n)
{
    fputc('(', fp);
    for (slong k = 0; k < n; k++)
    {
        char * s = q ? num_get_str(q + k) : fmpz_get_str(NULL, 10, z + k);
        fprintf(fp, "%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    fputs(")\n", fp);
}

/* "4 x1 + 18 x2 <= 9": one inequality or equation row */
static void
_write_linear(FILE * fp, const fmpz * a, const fmpz_t b, slong n, const char * rel)
{
    int first = 1;
    for (slong k = 0; k < n; k++)
    {
        if (fmpz_is_zero(a + k))
            continue;
        char * s = fmpz_get_str(NULL, 10, a + k);
        if (fmpz_is_one(a + k))
            fprintf(fp, "%sx%ld", first ? "" : " + ", (long) (k + 1));
        else if (fmpz_equal_si(a + k, -1))
            fprintf(fp, "%sx%ld", first ? "-" : " - ", (long) (k + 1));
        else if (fmpz_sgn(a + k) < 0 && !first)
            fprintf(fp, " - %s x%ld", s + 1, (long) (k + 1));
        else
            fprintf(fp, "%s%s x%ld", first ? "" : " + ", s, (long) (k + 1));
        flint_free(s);
        first = 0;
    }
    if (first)
        fputs("0", fp);
    char * s = fmpz_get_str(NULL, 10, b);
    fprintf(fp, " %s %s\n", rel, s);
    flint_free(s);
}

void
polytope_write_text(FILE * fp, const polytope_t Q)
{
    slong n = Q->n;
    slong * f = flint_malloc(FLINT_MAX(Q->dim + 1, 1) * sizeof(slong));
    char buf[128];
    polytope_fvector(f, Q);
    const char * name = polytope_type_name(buf, sizeof(buf), Q);
    fprintf(fp, "dimension %ld in R^%ld, %s\n", (long) Q->dim, (long) n, polytope_is_bounded(Q) ? "bounded" : "unbounded");
    fprintf(fp, "type: %s\nf-vector:", name ? name : "(not a named type)");
    for (slong k = 0; k <= Q->dim; k++)
        fprintf(fp, " %ld", (long) f[k]);
    fprintf(fp, "\nvertices (%ld):\n", (long) Q->nv);
    for (slong i = 0; i < Q->nv; i++)
    {
        fprintf(fp, "  %ld: ", (long) i);
        _write_row(fp, Q->vert + i * n, NULL, n);
    }
    if (Q->nr)
        fprintf(fp, "rays (%ld):\n", (long) Q->nr);
    for (slong i = 0; i < Q->nr; i++)
    {
        fprintf(fp, "  %ld: ", (long) i);
        _write_row(fp, NULL, Q->ray + i * n, n);
    }
    if (Q->nl)
        fprintf(fp, "lineality (%ld):\n", (long) Q->nl);
    for (slong i = 0; i < Q->nl; i++)
    {
        fputs("  ", fp);
        _write_row(fp, NULL, Q->lin + i * n, n);
    }
    fprintf(fp, "inequalities (%ld):\n", (long) Q->m);
    for (slong j = 0; j < Q->m; j++)
    {
        fprintf(fp, "  %ld: ", (long) j);
        _write_linear(fp, Q->A + j * n, Q->b + j, n, "<=");
    }
    if (Q->neq)
        fprintf(fp, "equations (%ld):\n", (long) Q->neq);
    for (slong j = 0; j < Q->neq; j++)
    {
        fprintf(fp, "  %ld: ", (long) j);
        _write_linear(fp, Q->eqA + j * n, Q->eqb + j, n, "=");
    }
    flint_free(f);
}

/* ---- polytope report ------------------------------------------------------------- */

void
polytope_report_init(polytope_report_t S)
{
    memset(S, 0, sizeof(polytope_report_struct));
}

void
polytope_report_clear(polytope_report_t S)
{
    flint_free(S->gmap);
    flint_free(S->fmap);
    flint_free(S->form);
    if (S->zgens)
        _fmpq_vec_clear(S->zgens, S->zk * S->Q->n);
    memset(S, 0, sizeof(polytope_report_struct));
}

int
polytope_report_compute(polytope_report_t S, const polytope_t Q, const polytope_t R, const char * other,
                        rc_error_t err)
{
    S->Q = Q;
    S->R = R;
    S->other = other;
    S->zk = polytope_zonotope_generators(&S->zgens, Q);
    if (S->zk == 0)
        S->zgens = NULL;
    S->form = polytope_canonical_form(NULL, NULL, Q);
    if (R == NULL)
        return RELU_OK;
    S->gmap = flint_malloc(FLINT_MAX(polytope_num_gens(Q), 1) * sizeof(slong));
    S->fmap = flint_malloc(FLINT_MAX(Q->m, 1) * sizeof(slong));
    if (Q->dim != R->dim || Q->nv != R->nv || Q->nr != R->nr || Q->m != R->m || Q->nl != R->nl)
        S->equivalent = 0;
    else
        S->equivalent = polytope_isomorphism(S->gmap, S->fmap, Q, R);
    if (S->equivalent == -2)
        return rc_error_set(err, RELU_E_INTERNAL, "the isomorphism from the canonical forms fails its check");
    return RELU_OK;
}

static void
_write_slong_array(jout_t out, const slong * v, slong from, slong to, slong shift)
{
    jout_begin_array(out);
    for (slong i = from; i < to; i++)
        jout_int(out, v[i] - shift);
    jout_end_array(out);
}

void
polytope_report_write_members(jout_t out, const polytope_report_t S)
{
    const polytope_struct * Q = S->Q;
    polytope_write_json(out, Q);
    polytope_write_type_json(out, "type", Q);
    jout_key(out, "zonotope_generators");
    if (S->zk == 0)
        jout_null(out);
    else
    {
        jout_begin_array(out);
        for (slong j = 0; j < S->zk; j++)
            jout_fmpq_vec(out, S->zgens + j * Q->n, Q->n);
        jout_end_array(out);
    }
    jout_key(out, "canonical_form");
    if (S->form)
        jout_string(out, S->form);
    else
        jout_null(out);
    jout_key(out, "verified");
    jout_bool(out, 1);
    if (S->R == NULL)
        return;
    jout_key(out, "equivalent");
    if (S->equivalent < 0)
        jout_null(out);
    else
        jout_bool(out, S->equivalent);
    if (S->equivalent != 1)
        return;
    jout_key(out, "isomorphism");
    jout_begin_object(out);
    jout_key(out, "vertices");
    _write_slong_array(out, S->gmap, 0, Q->nv, 0);
    jout_key(out, "rays");
    _write_slong_array(out, S->gmap, Q->nv, Q->nv + Q->nr, S->R->nv);
    jout_key(out, "facets");
    _write_slong_array(out, S->fmap, 0, Q->m, 0);
    jout_end_object(out);
}

void
polytope_report_write_json(jout_t out, const polytope_report_t S)
{
    jout_begin_object(out);
    polytope_report_write_members(out, S);
    jout_end_object(out);
}

void
polytope_report_write_text(FILE * fp, const polytope_report_t S)
{
    polytope_write_text(fp, S->Q);
    if (S->Q->dim < 0)
        fputs("verified: empty (cddlib's exact LP finds the inequalities infeasible)\n", fp);
    else
        fprintf(fp, "verified: every facet, vertex and ray checked exactly%s\n",
                polytope_is_bounded(S->Q) && S->Q->dim >= 1 ? ", Euler's relation holds" : "");
    if (S->R)
        fprintf(fp, "combinatorially equivalent to %s: %s\n", S->other,
                S->equivalent < 0 ? "unknown (search limit)" :
                S->equivalent ? "yes (isomorphism of the incidences checked)" : "no");
}

/* ---- incidence queries used by the reports ------------------------------------------- */

void
polytope_incidence_flags(int * simple, int * simplicial, const polytope_t Q)
{
    *simple = *simplicial = 1;
    for (slong i = 0; i < Q->nv; i++)
    {
        slong c = 0;
        for (slong j = 0; j < Q->m; j++)
            c += polytope_incident(Q, i, j);
        *simple &= (c == Q->dim);
    }
    for (slong j = 0; j < Q->m; j++)
    {
        slong c = 0;
        for (slong i = 0; i < Q->nv; i++)
            c += polytope_incident(Q, i, j);
        *simplicial &= (c == Q->dim);
    }
}

void
polytope_radius2_range(fmpq_t lo, fmpq_t hi, const polytope_t Q)
{
    fmpq_t r, t;
    fmpq_init(r);
    fmpq_init(t);
    for (slong i = 0; i < Q->nv; i++)
    {
        fmpq_zero(r);
        for (slong k = 0; k < Q->n; k++)
        {
            fmpq_mul(t, Q->vert + i * Q->n + k, Q->vert + i * Q->n + k);
            fmpq_add(r, r, t);
        }
        if (i == 0 || fmpq_cmp(r, lo) < 0)
            fmpq_set(lo, r);
        if (i == 0 || fmpq_cmp(r, hi) > 0)
            fmpq_set(hi, r);
    }
    fmpq_clear(r);
    fmpq_clear(t);
}
