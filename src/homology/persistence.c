/* Persistence of a filtered chain complex over a field (Z/p or Q): the
   standard column reduction (Edelsbrunner, Letscher, Zomorodian 2002;
   Zomorodian & Carlsson 2005). Coefficients are exact: residues mod p, or
   rationals for p = 0. */
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_vec.h>
#include "homology/homology.h"
#include "num/num.h"

void
persistence_init(persistence_t B)
{
    B->num = B->alloc = 0;
    B->bars = NULL;
}

void
persistence_clear(persistence_t B)
{
    for (slong i = 0; i < B->num; i++)
    {
        fmpq_clear(B->bars[i].birth);
        fmpq_clear(B->bars[i].death);
    }
    flint_free(B->bars);
}

/* a field element is an fmpq: a residue in [0, p) when p > 0 */
static void
_fnorm(fmpq_t a, ulong p)
{
    if (p > 0)
    {
        /* num / den mod p (den invertible: it divides an incidence product, here always 1) */
        fmpz_t pp, t;
        fmpz_init_set_ui(pp, p);
        fmpz_init(t);
        fmpz_invmod(t, fmpq_denref(a), pp);
        fmpz_mul(fmpq_numref(a), fmpq_numref(a), t);
        fmpz_mod(fmpq_numref(a), fmpq_numref(a), pp);
        fmpz_one(fmpq_denref(a));
        fmpz_clear(pp);
        fmpz_clear(t);
    }
}

/* a / b in the field */
static void
_fdiv(fmpq_t q, const fmpq_t a, const fmpq_t b, ulong p)
{
    if (p == 0)
        fmpq_div(q, a, b);
    else
    {
        fmpz_t pp, inv;
        fmpz_init_set_ui(pp, p);
        fmpz_init(inv);
        fmpz_invmod(inv, fmpq_numref(b), pp);
        fmpz_mul(fmpq_numref(q), fmpq_numref(a), inv);
        fmpz_mod(fmpq_numref(q), fmpq_numref(q), pp);
        fmpz_one(fmpq_denref(q));
        fmpz_clear(pp);
        fmpz_clear(inv);
    }
}

typedef struct { slong len, alloc; slong * r; fmpq * v; } pcol;   /* rows ascending */

static void
_pcol_push(pcol * c, slong r, const fmpq_t v)
{
    if (c->len == c->alloc)
    {
        slong a = FLINT_MAX(4, 2 * c->alloc);
        c->r = flint_realloc(c->r, a * sizeof(slong));
        c->v = flint_realloc(c->v, a * sizeof(fmpq));
        for (slong i = c->alloc; i < a; i++)
            fmpq_init(c->v + i);
        c->alloc = a;
    }
    c->r[c->len] = r;
    fmpq_set(c->v + c->len, v);
    c->len++;
}

static void
_pcol_clear(pcol * c)
{
    for (slong i = 0; i < c->alloc; i++)
        fmpq_clear(c->v + i);
    flint_free(c->r);
    flint_free(c->v);
}

/* c = c - q * d */
static void
_pcol_sub(pcol * c, const fmpq_t q, const pcol * d, ulong p)
{
    pcol out = { 0, 0, NULL, NULL };
    fmpq_t t;
    fmpq_init(t);
    slong i = 0, j = 0;
    while (i < c->len || j < d->len)
    {
        if (j == d->len || (i < c->len && c->r[i] < d->r[j]))
        {
            _pcol_push(&out, c->r[i], c->v + i);
            i++;
            continue;
        }
        fmpq_mul(t, q, d->v + j);
        if (i < c->len && c->r[i] == d->r[j])
            fmpq_sub(t, c->v + i++, t);
        else
            fmpq_neg(t, t);
        _fnorm(t, p);
        if (!fmpq_is_zero(t))
            _pcol_push(&out, d->r[j], t);
        j++;
    }
    _pcol_clear(c);
    *c = out;
    fmpq_clear(t);
}

typedef struct { slong k, i; const fmpq * v; } pcell;

static int
_cmp_pcell(const void * a, const void * b)
{
    const pcell * x = a, * y = b;
    int c = fmpq_cmp(x->v, y->v);
    if (c) return c;
    if (x->k != y->k) return x->k < y->k ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static int
_cmp_bar(const void * a, const void * b)
{
    const persistence_bar * x = a, * y = b;
    if (x->dim != y->dim) return x->dim < y->dim ? -1 : 1;
    int c = fmpq_cmp(x->birth, y->birth);
    if (c) return c;
    if (x->infinite != y->infinite) return x->infinite - y->infinite;
    return x->infinite ? 0 : fmpq_cmp(x->death, y->death);
}

static void
_push_bar(persistence_t B, slong dim, const fmpq_t birth, const fmpq_t death)
{
    if (B->num == B->alloc)
    {
        B->alloc = FLINT_MAX(16, 2 * B->alloc);
        B->bars = flint_realloc(B->bars, B->alloc * sizeof(persistence_bar));
    }
    persistence_bar * b = B->bars + B->num++;
    b->dim = dim;
    fmpq_init(b->birth);
    fmpq_init(b->death);
    fmpq_set(b->birth, birth);
    b->infinite = (death == NULL);
    if (death)
        fmpq_set(b->death, death);
}

void
persistence_compute(persistence_t B, const chain_complex_t K, fmpq * const * values, ulong p)
{
    slong total = 0, top = K->top;
    for (slong k = 0; k <= top; k++)
        total += K->num[k];
    pcell * order = flint_malloc(FLINT_MAX(total, 1) * sizeof(pcell));
    slong ** pos = flint_malloc((top + 1) * sizeof(slong *));
    for (slong k = 0, t = 0; k <= top; k++)
    {
        pos[k] = flint_malloc(FLINT_MAX(K->num[k], 1) * sizeof(slong));
        for (slong i = 0; i < K->num[k]; i++, t++)
        {
            order[t].k = k;
            order[t].i = i;
            order[t].v = values[k] + i;
        }
    }
    qsort(order, total, sizeof(pcell), _cmp_pcell);
    for (slong t = 0; t < total; t++)
        pos[order[t].k][order[t].i] = t;

    pcol * col = flint_calloc(FLINT_MAX(total, 1), sizeof(pcol));
    slong * pivot = flint_malloc(FLINT_MAX(total, 1) * sizeof(slong));
    char * paired = flint_calloc(FLINT_MAX(total, 1), 1);
    fmpq_t c, q;
    fmpq_init(c);
    fmpq_init(q);
    for (slong t = 0; t < total; t++)
        pivot[t] = -1;
    for (slong t = 0; t < total; t++)
    {
        slong k = order[t].k, i = order[t].i;
        pcol * C = col + t;
        /* boundary in filtration order */
        if (k > 0)
        {
            slong len = K->start[k][i + 1] - K->start[k][i];
            slong * rr = flint_malloc(FLINT_MAX(len, 1) * sizeof(slong));
            slong * cc = flint_malloc(FLINT_MAX(len, 1) * sizeof(slong));
            for (slong e = 0; e < len; e++)
            {
                rr[e] = pos[k - 1][K->row[k][K->start[k][i] + e]];
                cc[e] = K->coef[k][K->start[k][i] + e];
            }
            for (slong a = 1; a < len; a++)      /* insertion sort: boundaries are short */
                for (slong b = a; b > 0 && rr[b - 1] > rr[b]; b--)
                {
                    slong x = rr[b]; rr[b] = rr[b - 1]; rr[b - 1] = x;
                    x = cc[b]; cc[b] = cc[b - 1]; cc[b - 1] = x;
                }
            for (slong e = 0; e < len; e++)
            {
                fmpq_set_si(c, cc[e], 1);
                _fnorm(c, p);
                if (!fmpq_is_zero(c))
                    _pcol_push(C, rr[e], c);
            }
            flint_free(rr);
            flint_free(cc);
        }
        while (C->len > 0 && pivot[C->r[C->len - 1]] >= 0)
        {
            pcol * D = col + pivot[C->r[C->len - 1]];
            _fdiv(q, C->v + C->len - 1, D->v + D->len - 1, p);
            _pcol_sub(C, q, D, p);
        }
        if (C->len > 0)
        {
            slong low = C->r[C->len - 1];
            pivot[low] = t;
            paired[low] = paired[t] = 1;
            if (!fmpq_equal(order[low].v, order[t].v))
                _push_bar(B, order[low].k, order[low].v, order[t].v);
        }
    }
    for (slong t = 0; t < total; t++)
        if (!paired[t])
            _push_bar(B, order[t].k, order[t].v, NULL);
    if (B->num > 1)
        qsort(B->bars, B->num, sizeof(persistence_bar), _cmp_bar);

    for (slong t = 0; t < total; t++)
        _pcol_clear(col + t);
    for (slong k = 0; k <= top; k++)
        flint_free(pos[k]);
    flint_free(pos);
    flint_free(col);
    flint_free(pivot);
    flint_free(paired);
    flint_free(order);
    fmpq_clear(c);
    fmpq_clear(q);
}

/* ---- the report of `relucert persistence` ------------------------------------- */

void
persistence_report_init(persistence_report_t R)
{
    memset(R, 0, sizeof(persistence_report_struct));
    persistence_init(R->B);
}

void
persistence_report_clear(persistence_report_t R)
{
    persistence_clear(R->B);
    if (R->crit != NULL)
        _fmpq_vec_clear(R->crit, R->crit_alloc);
    R->crit = NULL;
}

/* The distinct values of all cells, sorted (few cells: quadratic is fine). */
static void
_critical_values(persistence_report_t R, const chain_complex_t K, fmpq * const * values)
{
    slong total = 0, nc = 0;
    for (slong k = 0; k <= K->top; k++)
        total += K->num[k];
    fmpq * crit = _fmpq_vec_init(FLINT_MAX(total, 1));
    for (slong k = 0; k <= K->top; k++)
        for (slong i = 0; i < K->num[k]; i++)
        {
            slong j = 0;
            while (j < nc && !fmpq_equal(crit + j, values[k] + i))
                j++;
            if (j == nc)
                fmpq_set(crit + nc++, values[k] + i);
        }
    for (slong a = 1; a < nc; a++)
        for (slong b = a; b > 0 && fmpq_cmp(crit + b - 1, crit + b) > 0; b--)
            fmpq_swap(crit + b - 1, crit + b);
    R->crit = crit;
    R->crit_alloc = FLINT_MAX(total, 1);
    R->ncrit = nc;
}

int
persistence_analyze(persistence_report_t R, const net_t net, slong output, const poly_t domain,
                    const char * desc, ulong p, rc_error_t err)
{
    R->p = p;
    R->output = output;
    snprintf(R->domain, sizeof(R->domain), "%s", desc);
    if (net->input_dim >= 63)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "persistence supports input dimension < 63");
    chain_complex_t K;
    fmpq * values[64] = { NULL };
    chain_complex_init(K, 0);
    int status = homology_cells_values(K, values, net, domain, output, err);
    if (status == RELU_OK)
    {
        persistence_compute(R->B, K, values, p);
        R->top = K->top;
        for (slong k = 0; k <= K->top; k++)
            R->cells[k] = K->num[k];
        _critical_values(R, K, values);
    }
    for (slong k = 0; k <= K->top && values[0] != NULL; k++)
        _fmpq_vec_clear(values[k], FLINT_MAX(K->num[k], 1));
    chain_complex_clear(K);
    return status;
}

static void
_field_name(char * field, size_t len, ulong p)
{
    if (p)
        snprintf(field, len, "%lu", p);
    else
        snprintf(field, len, "Q");
}

void
persistence_report_write_json(jout_t out, const persistence_report_t R)
{
    char field[32];
    _field_name(field, sizeof(field), R->p);
    jout_begin_object(out);
    jout_key(out, "field"); jout_string(out, field);
    jout_key(out, "bars");
    jout_begin_array(out);
    for (slong i = 0; i < R->B->num; i++)
    {
        const persistence_bar * b = R->B->bars + i;
        jout_begin_object(out);
        jout_key(out, "dim"); jout_int(out, b->dim);
        jout_key(out, "birth"); jout_fmpq_str(out, b->birth);
        jout_key(out, "death");
        if (b->infinite)
            jout_null(out);
        else
            jout_fmpq_str(out, b->death);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_key(out, "critical_values");
    jout_begin_array(out);
    for (slong j = 0; j < R->ncrit; j++)
        jout_fmpq_str(out, R->crit + j);
    jout_end_array(out);
    jout_key(out, "cells");
    jout_begin_array(out);
    for (slong k = 0; k <= R->top; k++)
        jout_int(out, R->cells[k]);
    jout_end_array(out);
    jout_key(out, "output"); jout_int(out, R->output);
    jout_key(out, "domain"); jout_string(out, R->domain);
    jout_end_object(out);
}

void
persistence_report_write_text(FILE * fp, const persistence_report_t R)
{
    /* a text barcode; positions are drawn from doubles, the values printed are exact */
    slong nc = R->ncrit;
    double lo = nc ? fmpq_get_d(R->crit) : 0, hi = nc ? fmpq_get_d(R->crit + nc - 1) : 1;
    char field[32];
    _field_name(field, sizeof(field), R->p);
    if (hi <= lo)
        hi = lo + 1;
    fprintf(fp, "sublevel persistence of output %ld in %s over %s%s: %ld bars\n", (long) R->output, R->domain,
            R->p ? "Z/" : "", field, (long) R->B->num);
    for (slong i = 0; i < R->B->num; i++)
    {
        const persistence_bar * bar = R->B->bars + i;
        char * b = num_get_str(bar->birth);
        char * d = bar->infinite ? NULL : num_get_str(bar->death);
        int x0 = (int) (40 * (fmpq_get_d(bar->birth) - lo) / (hi - lo));
        int x1 = bar->infinite ? 41 : (int) (40 * (fmpq_get_d(bar->death) - lo) / (hi - lo));
        fprintf(fp, "H%ld %*s%.*s%s  [%s, %s)\n", (long) bar->dim, x0, "",
                FLINT_MAX(x1 - x0, 1), "########################################################",
                bar->infinite ? ">" : "", b, d ? d : "inf");
        flint_free(b);
        flint_free(d);
    }
}
