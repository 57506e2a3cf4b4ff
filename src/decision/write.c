/* The decision regions as `relucert decision` prints them: one JSON object
   (decision_write_json) and text (decision_write_text). */
#include "decision/decision.h"
#include "regions/regions.h"

static void
_jout_slong_vec(jout_t out, const slong * v, slong len)
{
    jout_begin_array(out);
    for (slong i = 0; i < len; i++)
        jout_int(out, v[i]);
    jout_end_array(out);
}

static slong
_euler(const slong * f, slong len)
{
    slong e = 0;
    for (slong k = 0; k < len; k++)
        e += k % 2 ? -f[k] : f[k];
    return e;
}

static slong
_sum(const slong * f, slong len)
{
    slong e = 0;
    for (slong k = 0; k < len; k++)
        e += f[k];
    return e;
}

static void
_write_homology(jout_t out, const homology_struct * H)
{
    jout_key(out, "betti");
    _jout_slong_vec(out, H->betti, H->top + 1);
    jout_key(out, "torsion");
    jout_begin_array(out);
    for (slong k = 0; k <= H->top; k++)
        jout_fmpz_vec(out, H->torsion[k], H->ntorsion[k]);
    jout_end_array(out);
    jout_key(out, "euler"); jout_int(out, homology_euler(H));
    jout_key(out, "cells");
    _jout_slong_vec(out, H->cells, H->top + 1);
}

static void
_write_class(jout_t out, const decision_t D, slong c)
{
    const decision_class_struct * K = D->classes + c;
    jout_begin_object(out);
    jout_key(out, "class"); jout_int(out, c);
    if (D->labels != NULL)
    {
        jout_key(out, "label");
        jout_string(out, D->labels[c]);
    }
    jout_key(out, "pieces"); jout_int(out, K->pieces);
    jout_key(out, "components"); jout_int(out, K->components);
    jout_key(out, "bounded_components"); jout_int(out, K->bounded_components);
    jout_key(out, "bounded"); jout_bool(out, K->bounded);
    jout_key(out, "empty"); jout_bool(out, _sum(K->fvec, D->n + 1) == 0);
    jout_key(out, "closure");
    jout_begin_object(out);
    jout_key(out, "fvector");
    _jout_slong_vec(out, K->fvec, D->n + 1);
    jout_key(out, "lower_dimensional_cells"); jout_int(out, K->lower);
    if (K->has_homology)
        _write_homology(out, K->H);
    jout_end_object(out);
    jout_end_object(out);
}

static void
_write_piece(jout_t out, const decision_t D, slong p)
{
    const decision_piece_struct * piece = D->pieces + p;
    jout_begin_object(out);
    jout_key(out, "index"); jout_int(out, p);
    jout_key(out, "class"); jout_int(out, piece->cls);
    jout_key(out, "component"); jout_int(out, piece->component);
    jout_key(out, "region"); jout_int(out, piece->region);
    jout_key(out, "pattern"); jout_string(out, piece->pattern);
    jout_key(out, "interior_point"); jout_fmpq_vec(out, piece->point, D->n);
    region_write_polyhedron_json(out, piece->P, D->N);
    /* per inequality row: the piece on the other side of that facet */
    jout_key(out, "across");
    jout_begin_array(out);
    for (slong j = 0; j < poly_num_facets(piece->P); j++)
    {
        if (piece->across[j] < 0)
            jout_null(out);
        else
            jout_int(out, piece->across[j]);
    }
    jout_end_array(out);
    jout_key(out, "bounded"); jout_bool(out, piece->bounded);
    jout_end_object(out);
}

void
decision_write_json(jout_t out, const decision_t D)
{
    jout_begin_object(out);
    jout_key(out, "classes"); jout_int(out, D->m);
    jout_key(out, "tie_rule"); jout_string(out, "lowest index");
    jout_key(out, "domain"); jout_string(out, D->domain);
    jout_key(out, "compactified"); jout_bool(out, D->compactified);
    jout_key(out, "regions"); jout_int(out, D->regions);
    jout_key(out, "pieces"); jout_int(out, D->num);
    jout_key(out, "fvector");
    _jout_slong_vec(out, D->fvec, D->n + 1);
    jout_key(out, "adjacent_pairs");
    jout_begin_object(out);
    jout_key(out, "same_class"); jout_int(out, D->adjacent_same);
    jout_key(out, "different_class"); jout_int(out, D->adjacent_different);
    jout_end_object(out);
    jout_key(out, "boundary");
    jout_begin_object(out);
    jout_key(out, "fvector");
    _jout_slong_vec(out, D->bfvec, D->n);
    jout_key(out, "euler"); jout_int(out, _euler(D->bfvec, D->n));
    jout_key(out, "empty"); jout_bool(out, _sum(D->bfvec, D->n) == 0);
    jout_end_object(out);
    jout_key(out, "per_class");
    jout_begin_array(out);
    for (slong c = 0; c < D->m; c++)
        _write_class(out, D, c);
    jout_end_array(out);
    if (D->list)
    {
        jout_key(out, "piece_list");
        jout_begin_array(out);
        for (slong p = 0; p < D->num; p++)
            _write_piece(out, D, p);
        jout_end_array(out);
    }
    jout_end_object(out);
}

static void
_fprint_vec(FILE * fp, const char * what, const slong * v, slong len)
{
    fprintf(fp, "%s", what);
    for (slong k = 0; k < len; k++)
        fprintf(fp, " %ld", (long) v[k]);
    fprintf(fp, "\n");
}

void
decision_write_text(FILE * fp, const decision_t D)
{
    fprintf(fp, "decision regions of %ld classes in %s (ties: lowest index)\n", (long) D->m, D->domain);
    if (D->compactified)
        fprintf(fp, "(unbounded domain: homology is the reduced homology of the one-point compactification)\n");
    fprintf(fp, "%ld activation regions, %ld pieces\n", (long) D->regions, (long) D->num);
    _fprint_vec(fp, "f-vector of the pieces' complex:", D->fvec, D->n + 1);
    fprintf(fp, "adjacent pairs of pieces: %ld same class, %ld different classes\n", (long) D->adjacent_same,
            (long) D->adjacent_different);
    _fprint_vec(fp, "decision boundary f-vector:", D->bfvec, D->n);
    for (slong c = 0; c < D->m; c++)
    {
        const decision_class_struct * K = D->classes + c;
        fprintf(fp, "class %ld%s%s%s: %ld pieces, %ld components (%ld bounded), %s", (long) c,
                D->labels ? " (" : "", D->labels ? D->labels[c] : "", D->labels ? ")" : "", (long) K->pieces,
                (long) K->components, (long) K->bounded_components, K->bounded ? "bounded" : "unbounded");
        if (K->lower > 0)
            fprintf(fp, ", closure has %ld lower-dimensional cells", (long) K->lower);
        if (K->has_homology)
        {
            fprintf(fp, "; closure Betti numbers");
            for (slong k = 0; k <= K->H->top; k++)
                fprintf(fp, " %ld", (long) K->H->betti[k]);
            for (slong k = 0; k <= K->H->top; k++)
                for (slong i = 0; i < K->H->ntorsion[k]; i++)
                {
                    char * s = fmpz_get_str(NULL, 10, K->H->torsion[k] + i);
                    fprintf(fp, ", H_%ld: Z/%s", (long) k, s);
                    flint_free(s);
                }
        }
        fprintf(fp, "\n");
    }
    for (slong p = 0; D->list && p < D->num; p++)
    {
        const decision_piece_struct * piece = D->pieces + p;
        fprintf(fp, "piece %ld: class %ld, region %ld (%s), %ld facets, %s, point", (long) p, (long) piece->cls,
                (long) piece->region, piece->pattern, (long) poly_num_facets(piece->P),
                piece->bounded ? "bounded" : "unbounded");
        for (slong j = 0; j < D->n; j++)
        {
            char * s = fmpq_get_str(NULL, 10, piece->point + j);
            fprintf(fp, " %s", s);
            flint_free(s);
        }
        fprintf(fp, "\n");
    }
}
