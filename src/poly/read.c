/* Polyhedra from JSON files: {"A": [[...]], "b": [...]} meaning A x <= b. */
#include <string.h>
#include "poly/poly.h"
#include "num/num.h"

static int
_check_keys(const jnode * root, rc_error_t err)
{
    static const char * allowed[] = { "A", "b", "name", "meta" };
    for (size_t i = 0; i < root->nitems; i++)
    {
        int ok = 0;
        for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
            ok |= !strcmp(root->keys[i], allowed[k]);
        if (!ok)
            return rc_error_set(err, RELU_E_INPUT,
                "unknown key \"%s\" (a polyhedron file has \"A\" and \"b\", optionally \"name\" and \"meta\")",
                root->keys[i]);
    }
    return RELU_OK;
}

int
poly_read_halfspaces_jnode(fmpq_mat_t Mout, fmpq ** rhs_out, slong * m_out, const jnode * root, slong n, rc_error_t err)
{
    if (root->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "expected an object {\"A\": [[...]], \"b\": [...]}, got %s",
                            jnode_type_name(root));
    if (_check_keys(root, err))
        return err->code;
    const jnode * A = jnode_get(root, "A"), * b = jnode_get(root, "b");
    if (A == NULL || b == NULL)
        return rc_error_set(err, RELU_E_INPUT, "missing key \"%s\"", A == NULL ? "A" : "b");
    if (A->type != JNODE_ARRAY || b->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "\"%s\" must be an array, got %s",
                            A->type != JNODE_ARRAY ? "A" : "b",
                            jnode_type_name(A->type != JNODE_ARRAY ? A : b));
    slong m = A->nitems;
    if (m == 0)
        return rc_error_set(err, RELU_E_INPUT, "\"A\" has no rows (for all of R^n use --whole)");
    if ((slong) b->nitems != m)
        return rc_error_set(err, RELU_E_INPUT, "\"b\" has %ld entries but \"A\" has %ld rows",
                            (long) b->nitems, (long) m);
    fmpq_mat_t M;
    fmpq * rhs = _fmpq_vec_init(m);
    int status = RELU_OK;
    fmpq_mat_init(M, m, n);
    for (slong i = 0; i < m && status == RELU_OK; i++)
    {
        const jnode * row = A->items[i];
        if (row->type != JNODE_ARRAY)
            status = rc_error_set(err, RELU_E_INPUT, "A row %ld: expected an array of %ld numbers, got %s",
                                  (long) (i + 1), (long) n, jnode_type_name(row));
        else if ((slong) row->nitems != n)
            status = rc_error_set(err, RELU_E_INPUT,
                "A row %ld: expected %ld entries (the network's input dimension), got %ld",
                (long) (i + 1), (long) n, (long) row->nitems);
        for (slong k = 0; k < n && status == RELU_OK; k++)
            if (num_from_jnode(fmpq_mat_entry(M, i, k), row->items[k], err))
            {
                char where[64];
                snprintf(where, sizeof(where), "A row %ld, column %ld", (long) (i + 1), (long) (k + 1));
                rc_error_prefix(err, where);
                status = err->code;
            }
        if (status == RELU_OK && num_from_jnode(rhs + i, b->items[i], err))
        {
            char where[64];
            snprintf(where, sizeof(where), "b entry %ld", (long) (i + 1));
            rc_error_prefix(err, where);
            status = err->code;
        }
    }
    if (status == RELU_OK)
    {
        fmpq_mat_swap(Mout, M);
        *rhs_out = rhs;
        *m_out = m;
    }
    else
        _fmpq_vec_clear(rhs, m);
    fmpq_mat_clear(M);
    return status;
}

int
poly_read_jnode(poly_t P, const jnode * root, rc_error_t err)
{
    fmpq_mat_t M;
    fmpq * rhs = NULL;
    slong m = 0;
    fmpq_mat_init(M, 0, P->n);
    int status = poly_read_halfspaces_jnode(M, &rhs, &m, root, P->n, err);
    if (status == RELU_OK)
        status = poly_set_halfspaces(P, M, rhs, err);
    fmpq_mat_clear(M);
    if (rhs != NULL)
        _fmpq_vec_clear(rhs, m);
    return status;
}

int
poly_read_halfspaces_file(fmpq_mat_t M, fmpq ** rhs, slong * m, const char * path, slong n, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse_file(&root, path, err);
    if (status == RELU_OK)
    {
        status = poly_read_halfspaces_jnode(M, rhs, m, root, n, err);
        if (status)
            rc_error_prefix(err, path);
        jnode_free(root);
    }
    return status;
}

int
poly_read_file(poly_t P, const char * path, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse_file(&root, path, err);
    if (status == RELU_OK)
    {
        status = poly_read_jnode(P, root, err);
        if (status)
            rc_error_prefix(err, path);
        jnode_free(root);
    }
    return status;
}
