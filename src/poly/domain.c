/* The domains every analysis takes: a box [LO,HI]^n, a polyhedron from a file
   or a JSON text, or all of R^n. One implementation for the CLI, the Python
   facade and batch, so the same request gives the same polyhedron and the same
   description everywhere. */
#include <string.h>
#include "poly/poly.h"
#include "num/num.h"

static int
_domain_set_box(poly_t P, char * desc, size_t len, const char * arg, const char * label, rc_error_t err)
{
    fmpq * v = NULL;
    if (num_parse_list(&v, NULL, arg, 2, err))
    {
        rc_error_prefix(err, label);
        return err->code;
    }
    int ok = fmpq_cmp(v + 0, v + 1) < 0;
    if (ok)
    {
        char * lo = num_get_str(v + 0), * hi = num_get_str(v + 1);
        snprintf(desc, len, "box [%s,%s]^%ld", lo, hi, (long) P->n);
        flint_free(lo);
        flint_free(hi);
        poly_set_box(P, v + 0, v + 1);
    }
    _fmpq_vec_clear(v, 2);
    if (!ok)
        return rc_error_set(err, RELU_E_INPUT, "%s: need LO < HI, got \"%s\"", label, arg);
    return RELU_OK;
}

static int
_domain_set_json(poly_t P, char * desc, size_t len, const char * arg, rc_error_t err)
{
    jnode * root = NULL;
    int status = jnode_parse(&root, arg, strlen(arg), err);
    if (status == RELU_OK)
    {
        snprintf(desc, len, "polyhedron {x : A x <= b}");
        status = poly_read_jnode(P, root, err);
        if (status)
            rc_error_prefix(err, "domain");
        jnode_free(root);
    }
    return status;
}

int
poly_domain_set(poly_t P, char * desc, size_t len, const char * kind, const char * arg,
                const char * label, rc_error_t err)
{
    if (P->n > POLY_MAX_DIM)   /* P was left unallocated (poly_set_whole) */
        return rc_error_set(err, RELU_E_UNSUPPORTED, "input dimension %ld: polyhedra are handled in at most %d "
                            "dimensions", (long) P->n, POLY_MAX_DIM);
    if (kind == NULL || strcmp(kind, "whole") == 0)
    {
        snprintf(desc, len, "R^%ld", (long) P->n);
        poly_set_whole(P);
        return RELU_OK;
    }
    if (arg == NULL)
        return rc_error_set(err, RELU_E_INPUT, "the %s domain needs an argument", kind);
    if (strcmp(kind, "box") == 0)
        return _domain_set_box(P, desc, len, arg, label != NULL ? label : "box LO,HI", err);
    if (strcmp(kind, "file") == 0)
    {
        snprintf(desc, len, "polyhedron from %s", arg);
        return poly_read_file(P, arg, err);
    }
    if (strcmp(kind, "json") == 0)
        return _domain_set_json(P, desc, len, arg, err);
    return rc_error_set(err, RELU_E_INPUT, "unknown domain kind \"%s\" (box, file, json, whole)", kind);
}
