/* The analysis behind `relucert levelset`: the set, its checks, its face
   lattice, the zonotope duality; and its one JSON and one text writer. */
#include <string.h>
#include "levelset/levelset.h"

void
levelset_analysis_init(levelset_analysis_t A)
{
    memset(A, 0, sizeof(levelset_analysis_struct));
    fmpq_init(A->T);
    levelset_init(A->L);
    polytope_lattice_init(A->F);
    polytope_init(A->Z, 0);
}

void
levelset_analysis_clear(levelset_analysis_t A)
{
    flint_free(A->name);
    flint_free(A->bydim);
    flint_free(A->vmap);
    flint_free(A->fmap);
    polytope_clear(A->Z);
    polytope_lattice_clear(A->F);
    levelset_clear(A->L);
    fmpq_clear(A->T);
}

int
levelset_kind_of(const char * set)
{
    if (set != NULL && strcmp(set, "sublevel") == 0)
        return LEVELSET_SUB;
    if (set != NULL && strcmp(set, "superlevel") == 0)
        return LEVELSET_SUPER;
    if (set != NULL && strcmp(set, "level") == 0)
        return LEVELSET_LEVEL;
    return -1;
}

static const char *
_kind_name(int kind)
{
    return kind == LEVELSET_SUB ? "sublevel" : kind == LEVELSET_SUPER ? "superlevel" : "level";
}

int
levelset_analyze(levelset_analysis_t A, const net_t net, const char * name, slong output, const fmpq_t T,
                 int kind, const poly_t domain, const char * desc, int list, int zonotope, rc_error_t err)
{
    if (net_check_no_groups(net, "the level set analysis", err))
        return err->code;
    levelset_struct * L = A->L;
    size_t len = strlen(name) + 1;
    A->name = flint_malloc(len);
    memcpy(A->name, name, len);
    snprintf(A->domain, sizeof(A->domain), "%s", desc);
    A->output = output;
    fmpq_set(A->T, T);
    A->list = list;
    A->zonotope = zonotope;
    int status = levelset_compute(L, net, output, T, kind, domain, err);
    if (status == RELU_OK && L->convex && !L->empty)
        status = polytope_verify_cdd(L->hull, err);
    if (status == RELU_OK && zonotope)
        status = levelset_zonotope_duality(&A->applies, A->reason, sizeof(A->reason), A->Z, &A->vmap, &A->fmap,
                                           net, output, T, L, err);
    if (status == RELU_OK && A->applies)
        status = polytope_verify_cdd(A->Z, err);
    if (status)
        return status;
    A->bydim = flint_calloc(L->n + 1, sizeof(slong));
    for (slong i = 0; i < L->num; i++)
        A->bydim[L->pieces[i].dim]++;
    A->bounded = L->empty || polytope_is_bounded(L->hull);
    if (L->convex && !L->empty)
    {
        A->type = polytope_type_name(A->tbuf, sizeof(A->tbuf), L->hull);
        polytope_lattice_compute(A->F, L->hull);
        A->lattice = 1;
    }
    return RELU_OK;
}

int
levelset_analysis_json_compact(const levelset_analysis_t A)
{
    return A->list || (A->L->convex && !A->L->empty);
}

static void
_write_int_vec(jout_t out, const slong * v, slong len)
{
    jout_begin_array(out);
    for (slong k = 0; k < len; k++)
        jout_int(out, v[k]);
    jout_end_array(out);
}

static void
_write_zonotope_json(jout_t out, const levelset_analysis_t A)
{
    const polytope_struct * Z = A->Z;
    slong n = A->L->n;
    jout_key(out, "zonotope");
    jout_begin_object(out);
    jout_key(out, "applies");
    jout_bool(out, A->applies);
    if (!A->applies)
    {
        jout_key(out, "reason");
        jout_string(out, A->reason);
    }
    else
    {
        slong * zf = flint_malloc((Z->dim + 1) * sizeof(slong));
        polytope_fvector(zf, Z);
        jout_key(out, "vertices");
        jout_begin_array(out);
        for (slong i = 0; i < Z->nv; i++)
            jout_fmpq_vec(out, Z->vert + i * n, n);
        jout_end_array(out);
        jout_key(out, "fvector");
        _write_int_vec(out, zf, Z->dim + 1);
        jout_key(out, "vertex_to_facet");
        _write_int_vec(out, A->vmap, Z->nv);
        jout_key(out, "facet_to_vertex");
        _write_int_vec(out, A->fmap, Z->m);
        jout_key(out, "verified");
        jout_bool(out, 1);
        flint_free(zf);
    }
    jout_end_object(out);
}

static void
_write_pieces_json(jout_t out, const levelset_struct * L)
{
    jout_key(out, "piece_list");
    jout_begin_array(out);
    for (slong i = 0; i < L->num; i++)
    {
        jout_begin_object(out);
        jout_key(out, "dim");
        jout_int(out, L->pieces[i].dim);
        jout_key(out, "pattern");
        if (L->pattern[i])
            jout_string(out, L->pattern[i]);
        else
            jout_null(out);
        polytope_write_json(out, L->pieces + i);
        jout_end_object(out);
    }
    jout_end_array(out);
}

void
levelset_analysis_write_json(jout_t out, const levelset_analysis_t A)
{
    const levelset_struct * L = A->L;
    slong n = L->n;
    jout_begin_object(out);
    jout_key(out, "input_dim"); jout_int(out, n);
    jout_key(out, "domain"); jout_string(out, A->domain);
    jout_key(out, "set"); jout_string(out, _kind_name(L->kind));
    jout_key(out, "threshold"); jout_fmpq_str(out, A->T);
    jout_key(out, "output"); jout_int(out, A->output);
    jout_key(out, "regions"); jout_int(out, L->regions);
    jout_key(out, "pieces"); jout_int(out, L->num);
    jout_key(out, "pieces_by_dim"); _write_int_vec(out, A->bydim, n + 1);
    jout_key(out, "empty"); jout_bool(out, L->empty);
    jout_key(out, "convex"); jout_bool(out, L->convex);
    jout_key(out, "bounded"); jout_bool(out, A->bounded);
    jout_key(out, "fvector"); _write_int_vec(out, L->fvec, n + 1);
    jout_key(out, "hull_dim");
    if (L->empty)
        jout_null(out);
    else
        jout_int(out, L->hull->dim);
    if (L->witness)
    {
        jout_key(out, "witness");
        jout_fmpq_vec(out, L->witness, n);
    }
    if (A->lattice)
    {
        jout_key(out, "polytope");
        jout_begin_object(out);
        polytope_write_json(out, L->hull);
        jout_key(out, "type");
        if (A->type)
            jout_string(out, A->type);
        else
            jout_null(out);
        polytope_lattice_write_json(out, L->hull, A->F);
        jout_end_object(out);
    }
    if (A->zonotope)
        _write_zonotope_json(out, A);
    if (A->list)
        _write_pieces_json(out, L);
    jout_end_object(out);
}

static void
_write_vec_text(FILE * fp, const fmpq * v, slong n)
{
    for (slong k = 0; k < n; k++)
    {
        char * w = fmpq_get_str(NULL, 10, v + k);
        fprintf(fp, "%s%s", k ? ", " : "", w);
        flint_free(w);
    }
}

/* the set when it is not empty */
static void
_write_set_text(FILE * fp, const levelset_analysis_t A)
{
    const levelset_struct * L = A->L;
    slong n = L->n;
    fprintf(fp, "pieces: %ld (by dimension:", (long) L->num);
    for (slong k = 0; k <= n; k++)
        fprintf(fp, " %ld", (long) A->bydim[k]);
    fprintf(fp, ")\nconvex: %s; %s; convex hull of dimension %ld\n", L->convex ? "yes" : "no",
            A->bounded ? "bounded" : "unbounded", (long) L->hull->dim);
    if (L->witness)
    {
        fprintf(fp, "not convex: the convex hull contains (");
        _write_vec_text(fp, L->witness, n);
        fprintf(fp, "), where f is %s T (checked by exact evaluation)\n",
                L->kind == LEVELSET_SUB ? ">" : L->kind == LEVELSET_SUPER ? "<" : "!=");
    }
    fprintf(fp, "f-vector of the faces in the set:");
    for (slong k = 0; k <= n; k++)
        fprintf(fp, " %ld", (long) L->fvec[k]);
    fprintf(fp, "\n");
    if (L->convex)
    {
        slong * f = flint_malloc((L->hull->dim + 1) * sizeof(slong));
        polytope_fvector(f, L->hull);
        fprintf(fp, "the set is one polyhedron: dimension %ld, type %s, f-vector", (long) L->hull->dim,
                A->type ? A->type : "(not a named type)");
        for (slong k = 0; k <= L->hull->dim; k++)
            fprintf(fp, " %ld", (long) f[k]);
        fprintf(fp, ", %ld vertices, %ld rays, %ld facets (relucert levelset ... --json for all of it)\n",
                (long) L->hull->nv, (long) L->hull->nr, (long) L->hull->m);
        flint_free(f);
    }
    if (A->zonotope && A->applies)
        fprintf(fp, "zonotope duality verified: the set is the polar of Z = sum_i c_i/(T - c0) [0, w_i]\n"
                "  (%ld vertices, %ld facets); vertex i of Z <-> facet of the set, facet j <-> vertex,\n"
                "  computed independently (Z from its vertex sums) and equal exactly\n",
                (long) A->Z->nv, (long) A->Z->m);
    if (A->list)
        for (slong i = 0; i < L->num; i++)
            fprintf(fp, "  piece %ld: dim %ld, %s, %ld vertices, %ld rays, %ld facets\n", (long) i,
                    (long) L->pieces[i].dim, L->pattern[i] ? L->pattern[i] : "(a face with f = T)",
                    (long) L->pieces[i].nv, (long) L->pieces[i].nr, (long) L->pieces[i].m);
}

void
levelset_analysis_write_text(FILE * fp, const levelset_analysis_t A)
{
    const levelset_struct * L = A->L;
    char * ts = fmpq_get_str(NULL, 10, A->T);
    fprintf(fp, "network %s, output %ld: %s set {f %s %s} in %s\n", A->name, (long) A->output, _kind_name(L->kind),
            L->kind == LEVELSET_SUB ? "<=" : L->kind == LEVELSET_SUPER ? ">=" : "=", ts, A->domain);
    flint_free(ts);
    fprintf(fp, "regions of the network cut by {f = T}: %ld\n", (long) L->regions);
    if (L->empty)
        fprintf(fp, "the set is empty\n");
    else
        _write_set_text(fp, A);
    if (A->zonotope && !A->applies)
        fprintf(fp, "zonotope duality does not apply: %s\n", A->reason);
}
