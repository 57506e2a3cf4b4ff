/* Numbers, integers, tensors and shapes from JSON for the graph reader. */
#include <limits.h>
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet-impl.h"
#include "num/num.h"

#define NUM_WORD "a number (integer, \"p/q\" or decimal)"

int
_plnet_read_int(slong * x, const jnode * t, slong lo, slong hi, const char * field, rc_error_t err)
{
    int ok = (t->type == JNODE_NUMBER && t->len > 0 && t->len < 19);
    for (size_t k = (t->text[0] == '-'); ok && k < t->len; k++)
        ok = (t->text[k] >= '0' && t->text[k] <= '9');
    if (ok && t->text[0] == '-' && t->len == 1)
        ok = 0;
    if (!ok)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an integer, got %s", field,
                            t->type == JNODE_NUMBER ? "a non-integer or huge number" : jnode_type_name(t));
    slong v = strtol(t->text, NULL, 10);
    if (v < lo || v > hi)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an integer in [%ld, %ld], got %ld", field,
                            (long) lo, (long) hi, (long) v);
    *x = v;
    return RELU_OK;
}

int
_plnet_read_ints(slong * x, slong n, const jnode * t, slong lo, slong hi, const char * field, rc_error_t err)
{
    if (t->type != JNODE_ARRAY)
    {
        if (_plnet_read_int(x, t, lo, hi, field, err))
            return err->code;
        for (slong k = 1; k < n; k++)
            x[k] = x[0];
        return RELU_OK;
    }
    if ((slong) t->nitems != n)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an integer or %ld integers (one per spatial axis), got %ld",
                            field, (long) n, (long) t->nitems);
    for (slong k = 0; k < n; k++)
        if (_plnet_read_int(x + k, t->items[k], lo, hi, field, err))
            return err->code;
    return RELU_OK;
}

/* Checks that t is a rectangular nesting of depth ndims with sizes dims. */
static int
_check_nest(const jnode * t, int depth, int ndims, const slong * dims, char * where, size_t wlen,
            rc_error_t err)
{
    size_t at = strlen(where);
    if (depth == ndims)
    {
        if (t->type == JNODE_ARRAY || t->type == JNODE_OBJECT)
            return rc_error_set(err, RELU_E_INPUT, "%s: expected " NUM_WORD ", got %s (%d axes expected)",
                                where, jnode_type_name(t), ndims);
        return RELU_OK;
    }
    if (t->type != JNODE_ARRAY)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an array of %ld entries, got %s", where,
                            (long) dims[depth], jnode_type_name(t));
    if ((slong) t->nitems != dims[depth])
        return rc_error_set(err, RELU_E_INPUT, "%s: expected %ld entries, got %ld (not rectangular)",
                            where, (long) dims[depth], (long) t->nitems);
    for (size_t i = 0; i < t->nitems; i++)
    {
        snprintf(where + at, wlen - at, "[%ld]", (long) i);
        if (_check_nest(t->items[i], depth + 1, ndims, dims, where, wlen, err))
            return err->code;
    }
    where[at] = '\0';
    return RELU_OK;
}

static int
_read_leaves(fmpq * v, slong * k, const jnode * t, int depth, int ndims, char * where, size_t wlen,
             rc_error_t err)
{
    if (depth == ndims)
    {
        if (num_from_jnode(v + (*k)++, t, err))
        {
            rc_error_prefix(err, where);
            return err->code;
        }
        return RELU_OK;
    }
    size_t at = strlen(where);
    for (size_t i = 0; i < t->nitems; i++)
    {
        snprintf(where + at, wlen - at, "[%ld]", (long) i);
        if (_read_leaves(v, k, t->items[i], depth + 1, ndims, where, wlen, err))
            return err->code;
    }
    where[at] = '\0';
    return RELU_OK;
}

int
_plnet_read_tensor(fmpq ** v, slong * len, int * ndims, slong * dims, const jnode * t, int maxaxes,
                   int scalar_ok, const char * field, rc_error_t err)
{
    int nd = 0;
    slong size = 1;
    for (const jnode * u = t; u->type == JNODE_ARRAY; u = u->items[0])
    {
        if (nd == maxaxes)
            return rc_error_set(err, RELU_E_INPUT, "%s: more than %d nested axes", field, maxaxes);
        if (u->nitems == 0)
            return rc_error_set(err, RELU_E_INPUT, "%s: empty array", field);
        dims[nd++] = (slong) u->nitems;
        size *= (slong) u->nitems;   /* bounded by the file's size */
    }
    if (nd == 0 && !scalar_ok)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected an array, got %s", field, jnode_type_name(t));
    char where[256];
    snprintf(where, sizeof(where), "%s", field);
    if (_check_nest(t, 0, nd, dims, where, sizeof(where), err))
        return err->code;
    fmpq * w = _fmpq_vec_init(size);
    slong k = 0;
    if (_read_leaves(w, &k, t, 0, nd, where, sizeof(where), err))
    {
        _fmpq_vec_clear(w, size);
        return err->code;
    }
    *v = w;
    *len = size;
    *ndims = nd;
    return RELU_OK;
}

int
_plnet_shape_set(plnet_shape * s, int ndims, const slong * dims, const char * field, rc_error_t err)
{
    if (ndims < 1 || ndims > PLNET_MAX_AXES)
        return rc_error_set(err, RELU_E_INPUT, "%s: a tensor has 1 to 3 axes ([n], [C, L] or [C, H, W]), got %d",
                            field, ndims);
    slong size = 1;
    for (int k = 0; k < ndims; k++)
    {
        if (dims[k] < 1)
            return rc_error_set(err, RELU_E_INPUT, "%s: axis %d has length %ld (at least 1 expected)", field, k,
                                (long) dims[k]);
        if (dims[k] > PLNET_MAX_SIZE || size * dims[k] > PLNET_MAX_SIZE)
            return rc_error_set(err, RELU_E_INPUT, "%s: more than %ld entries", field, (long) PLNET_MAX_SIZE);
        size *= dims[k];
        s->dims[k] = dims[k];
    }
    s->ndims = ndims;
    s->size = size;
    return RELU_OK;
}

void
_plnet_shape_str(char * buf, size_t size, const plnet_shape * s)
{
    size_t at = 0;
    at += snprintf(buf + at, size - at, "[");
    for (int k = 0; k < s->ndims && at < size; k++)
        at += snprintf(buf + at, size - at, k ? ", %ld" : "%ld", (long) s->dims[k]);
    if (at < size)
        snprintf(buf + at, size - at, "]");
}
