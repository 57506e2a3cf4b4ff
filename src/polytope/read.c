/* Polytope files: {"A": [[...]], "b": [...]} (A x <= b) or
   {"vertices": [[...]], "rays": [[...]], "lineality": [[...]]}, numbers exact. */
#include <string.h>
#include "polytope/polytope.h"
#include "num/num.h"

static int
_check_keys(const jnode * root, int vform, rc_error_t err)
{
    static const char * hkeys[] = { "A", "b", "name", "meta" };
    static const char * vkeys[] = { "vertices", "rays", "lineality", "name", "meta" };
    const char ** allowed = vform ? vkeys : hkeys;
    size_t na = vform ? 5 : 4;
    for (size_t i = 0; i < root->nitems; i++)
    {
        int ok = 0;
        for (size_t k = 0; k < na; k++)
            ok |= !strcmp(root->keys[i], allowed[k]);
        if (!ok)
            return rc_error_set(err, RELU_E_INPUT,
                vform ? "unknown key \"%s\" (a polytope in V-form has \"vertices\", optionally \"rays\", "
                        "\"lineality\", \"name\" and \"meta\")"
                      : "unknown key \"%s\" (a polytope in H-form has \"A\" and \"b\", optionally \"name\" and \"meta\")",
                root->keys[i]);
    }
    return RELU_OK;
}

/* Reads an array of rows of numbers into M (re-initialised as rows x n). *n < 0:
   take n from the first row. */
static int
_read_matrix(fmpq_mat_t M, slong * n, const jnode * v, const char * key, rc_error_t err)
{
    if (v->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "\"%s\" must be an array of rows, got %s", key,
                            jnode_type_name(v));
    slong m = v->nitems;
    for (slong i = 0; i < m; i++)
    {
        const jnode * row = v->items[i];
        if (row->type != JNODE_ARRAY)
            return rc_error_set(err, RELU_E_INPUT, "%s row %ld: expected an array of numbers, got %s", key,
                                (long) (i + 1), jnode_type_name(row));
        if (*n < 0)
        {
            if (row->nitems == 0)
                return rc_error_set(err, RELU_E_INPUT, "%s row 1: expected at least one number, got an empty array", key);
            *n = row->nitems;
            if (*n > POLY_MAX_DIM)
                return rc_error_set(err, RELU_E_UNSUPPORTED, "%s: dimension %ld; polyhedra are handled in at most %d "
                                    "dimensions", key, (long) *n, POLY_MAX_DIM);
        }
        if ((slong) row->nitems != *n)
            return rc_error_set(err, RELU_E_INPUT, "%s row %ld: expected %ld entries (the dimension), got %ld",
                                key, (long) (i + 1), (long) *n, (long) row->nitems);
    }
    fmpq_mat_clear(M);
    fmpq_mat_init(M, m, *n < 0 ? 0 : *n);
    for (slong i = 0; i < m; i++)
        for (slong k = 0; k < *n; k++)
            if (num_from_jnode(fmpq_mat_entry(M, i, k), v->items[i]->items[k], err))
            {
                char where[96];
                snprintf(where, sizeof(where), "%s row %ld, column %ld", key, (long) (i + 1), (long) (k + 1));
                rc_error_prefix(err, where);
                return err->code;
            }
    return RELU_OK;
}

int
polytope_read_jnode(polytope_t Q, const jnode * root, rc_error_t err)
{
    if (root->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT,
            "expected an object {\"A\": [[...]], \"b\": [...]} or {\"vertices\": [[...]]}, got %s",
            jnode_type_name(root));
    const jnode * A = jnode_get(root, "A"), * b = jnode_get(root, "b"), * V = jnode_get(root, "vertices");
    if (V != NULL && (A != NULL || b != NULL))
        return rc_error_set(err, RELU_E_INPUT, "give either \"A\" and \"b\" (H-form) or \"vertices\" (V-form), not both");
    if (V == NULL && A == NULL && b == NULL)
        return rc_error_set(err, RELU_E_INPUT, "missing key: expected \"A\" and \"b\" (H-form) or \"vertices\" (V-form)");
    int vform = V != NULL;
    if (_check_keys(root, vform, err))
        return err->code;
    slong n = -1;
    int status = RELU_OK;
    fmpq_mat_t M, R, L;
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(R, 0, 0);
    fmpq_mat_init(L, 0, 0);
    if (vform)
    {
        const jnode * rays = jnode_get(root, "rays"), * lin = jnode_get(root, "lineality");
        if (V->type == JNODE_ARRAY && V->nitems == 0)
            status = rc_error_set(err, RELU_E_INPUT, "\"vertices\" is empty: a polyhedron needs at least one point");
        if (status == RELU_OK)
            status = _read_matrix(M, &n, V, "vertices", err);
        if (status == RELU_OK && rays != NULL)
            status = _read_matrix(R, &n, rays, "rays", err);
        if (status == RELU_OK && lin != NULL)
            status = _read_matrix(L, &n, lin, "lineality", err);
        if (status == RELU_OK)
        {
            if (R->r == 0) { fmpq_mat_clear(R); fmpq_mat_init(R, 0, n); }
            if (L->r == 0) { fmpq_mat_clear(L); fmpq_mat_init(L, 0, n); }
            polytope_clear(Q);
            polytope_init(Q, n);
            status = polytope_set_vrep(Q, M, R, L, err);
        }
    }
    else
    {
        if (A == NULL || b == NULL)
            status = rc_error_set(err, RELU_E_INPUT, "missing key \"%s\"", A == NULL ? "A" : "b");
        else if (A->type != JNODE_ARRAY || b->type != JNODE_ARRAY)
            status = rc_error_set(err, RELU_E_INPUT, "\"%s\" must be an array, got %s",
                                  A->type != JNODE_ARRAY ? "A" : "b",
                                  jnode_type_name(A->type != JNODE_ARRAY ? A : b));
        else if (A->nitems == 0)
            status = rc_error_set(err, RELU_E_INPUT, "\"A\" has no rows (the dimension cannot be known)");
        else if (b->nitems != A->nitems)
            status = rc_error_set(err, RELU_E_INPUT, "\"b\" has %ld entries but \"A\" has %ld rows",
                                  (long) b->nitems, (long) A->nitems);
        if (status == RELU_OK)
            status = _read_matrix(M, &n, A, "A", err);
        fmpq * rhs = _fmpq_vec_init(b != NULL ? b->nitems : 0);
        for (slong i = 0; status == RELU_OK && i < (slong) b->nitems; i++)
            if (num_from_jnode(rhs + i, b->items[i], err))
            {
                char where[64];
                snprintf(where, sizeof(where), "b entry %ld", (long) (i + 1));
                rc_error_prefix(err, where);
                status = err->code;
            }
        if (status == RELU_OK)
        {
            polytope_clear(Q);
            polytope_init(Q, n);
            status = polytope_set_hrep(Q, M, rhs, err);
        }
        _fmpq_vec_clear(rhs, b != NULL ? b->nitems : 0);
    }
    fmpq_mat_clear(M);
    fmpq_mat_clear(R);
    fmpq_mat_clear(L);
    return status;
}

int
polytope_read_file(polytope_t Q, const char * path, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse_file(&root, path, err);
    if (status == RELU_OK)
    {
        status = polytope_read_jnode(Q, root, err);
        if (status)
            rc_error_prefix(err, path);
        jnode_free(root);
    }
    return status;
}
