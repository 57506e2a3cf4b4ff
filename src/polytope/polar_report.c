/* relucert polar: the one centre policy and the polar with its verified
   anti-isomorphism as one result with one JSON and one text writer (the CLI
   and the Python facade both print through these). */
#include <string.h>
#include "polytope/report.h"
#include "num/num.h"

int
polytope_polar_center(fmpq * x, const char ** source, const polytope_t Q, const char * spec, int fallback,
                      const char * opt, rc_error_t err)
{
    slong n = Q->n;
    /* only there is "interior" the question: the polar itself refuses the rest */
    int check = Q->dim == n && polytope_is_bounded(Q);
    for (slong k = 0; k < n; k++)
        fmpq_zero(x + k);
    *source = "origin";
    if (spec == NULL)
    {
        if (!check || polytope_contains_interior(Q, x))
            return RELU_OK;
        if (!fallback)
            return rc_error_set(err, RELU_E_INPUT, "the origin is not an interior point of the polytope: "
                                "give %s x1,...,xn or %s auto", opt, opt);
        spec = "auto";
    }
    if (!strcmp(spec, "auto"))
    {
        polytope_interior_point(x, Q);
        *source = "vertex centroid";
        return RELU_OK;
    }
    *source = "given";
    fmpq * v = NULL;
    if (num_parse_list(&v, NULL, spec, n, err))
    {
        rc_error_prefix(err, opt);
        return err->code;
    }
    for (slong k = 0; k < n; k++)
        fmpq_set(x + k, v + k);
    _fmpq_vec_clear(v, n);
    if (check && !polytope_contains_interior(Q, x))
        return rc_error_set(err, RELU_E_INPUT, "%s %s is not an interior point of the polytope", opt, spec);
    return RELU_OK;
}

void
polytope_polar_report_init(polytope_polar_report_t S)
{
    S->Q = NULL;
    S->n = 0;
    S->center = NULL;
    S->source = NULL;
    polytope_polarity_init(S->R);
}

void
polytope_polar_report_clear(polytope_polar_report_t S)
{
    if (S->center)
        _fmpq_vec_clear(S->center, S->n);
    polytope_polarity_clear(S->R);
}

int
polytope_polar_report_compute(polytope_polar_report_t S, const polytope_t Q, const char * spec, int fallback,
                              const char * opt, rc_error_t err)
{
    S->Q = Q;
    S->n = Q->n;
    S->center = _fmpq_vec_init(Q->n);
    int status = polytope_polar_center(S->center, &S->source, Q, spec, fallback, opt, err);
    if (status == RELU_OK)
        status = polytope_polarity_compute(S->R, Q, S->center, err);
    return status;
}

static void
_write_index_set(jout_t out, const bword * s, slong to)
{
    jout_begin_array(out);
    for (slong i = 0; i < to; i++)
        if (bs_test(s, i))
            jout_int(out, i);
    jout_end_array(out);
}

static void
_write_slongs(jout_t out, const slong * v, slong len)
{
    jout_begin_array(out);
    for (slong i = 0; i < len; i++)
        jout_int(out, v[i]);
    jout_end_array(out);
}

void
polytope_polar_report_write_json(jout_t out, const polytope_polar_report_t S)
{
    const polytope_struct * Q = S->Q, * D = S->R->dual;
    const polytope_lattice_struct * LP = S->R->primal_lattice, * LD = S->R->dual_lattice;
    slong n = S->n, * f = flint_malloc((n + 1) * sizeof(slong));
    polytope_fvector(f, Q);
    jout_begin_object(out);
    polytope_write_json(out, D);
    jout_key(out, "center");
    jout_fmpq_vec(out, S->center, n);
    jout_key(out, "center_source");
    jout_string(out, S->source);
    jout_key(out, "primal_fvector");
    _write_slongs(out, f, n + 1);
    jout_key(out, "vertex_to_facet");
    _write_slongs(out, S->R->vmap, Q->nv);
    jout_key(out, "facet_to_vertex");
    _write_slongs(out, S->R->fmap, Q->m);
    jout_key(out, "face_map");
    jout_begin_array(out);
    for (slong i = 0; i < LP->num; i++)
    {
        slong k = S->R->map[i];
        jout_begin_object(out);
        jout_key(out, "dim");
        jout_int(out, LP->dim[i]);
        jout_key(out, "vertices");
        _write_index_set(out, polytope_lattice_gens(LP, i), Q->nv);
        jout_key(out, "dual_dim");
        jout_int(out, LD->dim[k]);
        jout_key(out, "dual_vertices");
        _write_index_set(out, polytope_lattice_gens(LD, k), D->nv);
        jout_end_object(out);
    }
    jout_end_array(out);
    polytope_write_type_json(out, "type", Q);
    polytope_write_type_json(out, "dual_type", D);
    jout_key(out, "verified");
    jout_bool(out, 1);
    jout_end_object(out);
    flint_free(f);
}

void
polytope_polar_report_write_text(FILE * fp, const polytope_polar_report_t S)
{
    const polytope_struct * Q = S->Q, * D = S->R->dual;
    char b1[128], b2[128];
    const char * t1 = polytope_type_name(b1, sizeof(b1), Q), * t2 = polytope_type_name(b2, sizeof(b2), D);
    fprintf(fp, "polar about the %s (", S->source);
    for (slong k = 0; k < S->n; k++)
    {
        char * s = num_get_str(S->center + k);
        fprintf(fp, "%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    fprintf(fp, ")\npolytope: %s; polar: %s\n", t1 ? t1 : "(not a named type)", t2 ? t2 : "(not a named type)");
    fputs("the polar:\n", fp);
    polytope_write_text(fp, D);
    fputs("vertex i of the polytope -> facet of the polar:", fp);
    for (slong i = 0; i < Q->nv; i++)
        fprintf(fp, " %ld->%ld", (long) i, (long) S->R->vmap[i]);
    fputs("\nfacet j of the polytope -> vertex of the polar:", fp);
    for (slong j = 0; j < Q->m; j++)
        fprintf(fp, " %ld->%ld", (long) j, (long) S->R->fmap[j]);
    fprintf(fp, "\nverified: incidence reversed exactly; all %ld faces map bijectively, dimensions\n"
            "  d-1-k, covering relations reversed; cddlib agrees on the polar\n", (long) S->R->primal_lattice->num);
}
