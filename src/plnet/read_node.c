/* Parameters and output shape of one node (the caller prefixes messages with
   the node's name and has checked its keys). */
#include <string.h>
#include <flint/flint.h>
#include "plnet/plnet-impl.h"
#include "num/num.h"

#define BIG (WORD(1) << 20)

const char * const *
_plnet_op_keys(plnet_op op)
{
    static const char * const none[] = { NULL }, * slope[] = { "slope", NULL },
        * clamp[] = { "min", "max", NULL }, * max[] = { "groups", NULL },
        * pool[] = { "kernel", "stride", "padding", NULL }, * dense[] = { "weights", "biases", NULL },
        * conv[] = { "weights", "biases", "stride", "padding", "dilation", "groups", NULL },
        * bn[] = { "scale", "shift", "gamma", "beta", "mean", "var", "epsilon", NULL },
        * add[] = { "coefficients", "constant", NULL }, * mul[] = { "factor", NULL },
        * concat[] = { "axis", NULL }, * reshape[] = { "shape", NULL };
    switch (op)
    {
        case PLNET_LEAKY_RELU: return slope;
        case PLNET_CLAMP: return clamp;
        case PLNET_MAX: return max;
        case PLNET_MAX_POOL: case PLNET_AVG_POOL: case PLNET_SUM_POOL: return pool;
        case PLNET_DENSE: return dense;
        case PLNET_CONV: return conv;
        case PLNET_BATCH_NORM: return bn;
        case PLNET_ADD: return add;
        case PLNET_MUL: return mul;
        case PLNET_CONCAT: return concat;
        case PLNET_RESHAPE: return reshape;
        default: return none;
    }
}

static const plnet_shape *
_in(const plnet_t g, const plnet_node_struct * v, slong i)
{
    return v->inputs[i] < 0 ? &g->input : &g->nodes[v->inputs[i]].shape;
}

/* An optional vector of n numbers (default zeros). */
static int
_vector(fmpq ** v, slong * len, const jnode * t, slong n, const char * field, rc_error_t err)
{
    slong dims[4];
    int nd;
    if (t == NULL)
    {
        *v = _fmpq_vec_init(n);
        *len = n;
        return RELU_OK;
    }
    if (_plnet_read_tensor(v, len, &nd, dims, t, 1, 0, field, err))
        return err->code;
    if (*len != n)
    {
        _fmpq_vec_clear(*v, *len);
        *v = NULL;
        return rc_error_set(err, RELU_E_INPUT, "%s: expected %ld entries, got %ld", field, (long) n, (long) *len);
    }
    return RELU_OK;
}

/* A scalar or a tensor of exactly the shape s; *v gets 1 or s->size entries. */
static int
_scalar_or_shape(fmpq ** v, slong * len, const jnode * t, const plnet_shape * s, const char * field, rc_error_t err)
{
    slong dims[4];
    int nd;
    if (_plnet_read_tensor(v, len, &nd, dims, t, 3, 1, field, err))
        return err->code;
    int ok = (nd == 0 || nd == s->ndims);
    for (int k = 0; ok && k < nd; k++)
        ok = (dims[k] == s->dims[k]);
    if (!ok)
    {
        char sh[64];
        _plnet_shape_str(sh, sizeof(sh), s);
        _fmpq_vec_clear(*v, *len);
        *v = NULL;
        return rc_error_set(err, RELU_E_INPUT, "%s: expected a number or a tensor of shape %s", field, sh);
    }
    return RELU_OK;
}

static int
_dense(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const jnode * W = jnode_get(o, "weights");
    slong dims[4], n = _in(g, v, 0)->size;
    int nd;
    if (W == NULL)
        return rc_error_set(err, RELU_E_INPUT, "weights: missing (rows = outputs, one column per input entry)");
    if (_plnet_read_tensor(&v->w, &v->wlen, &nd, dims, W, 2, 0, "weights", err))
        return err->code;
    if (nd != 2)
        return rc_error_set(err, RELU_E_INPUT, "weights: expected 2 axes [out, in], got %d", nd);
    if (dims[1] != n)
        return rc_error_set(err, RELU_E_INPUT, "weights: expected %ld columns (the input's entries), got %ld",
                            (long) n, (long) dims[1]);
    if (_plnet_shape_set(&v->shape, 1, dims, "weights", err))
        return err->code;
    return _vector(&v->b, &v->blen, jnode_get(o, "biases"), dims[0], "biases", err);
}

/* stride, padding, dilation, the output's spatial sizes; kernel in v->kernel. */
static int
_window(plnet_t g, plnet_node_struct * v, const jnode * o, slong cout, rc_error_t err)
{
    const plnet_shape * in = _in(g, v, 0);
    const jnode * t;
    slong nsp = in->ndims - 1, dims[3];
    v->stride[0] = v->stride[1] = 1;
    if (v->op != PLNET_CONV)
        v->stride[0] = v->kernel[0], v->stride[1] = v->kernel[1];
    v->padding[0] = v->padding[1] = 0;
    v->dilation[0] = v->dilation[1] = 1;
    if ((t = jnode_get(o, "stride")) && _plnet_read_ints(v->stride, nsp, t, 1, BIG, "stride", err))
        return err->code;
    if ((t = jnode_get(o, "padding")) && _plnet_read_ints(v->padding, nsp, t, 0, BIG, "padding", err))
        return err->code;
    if ((t = jnode_get(o, "dilation")) && _plnet_read_ints(v->dilation, nsp, t, 1, BIG, "dilation", err))
        return err->code;
    dims[0] = cout;
    for (slong a = 0; a < nsp; a++)
    {
        if (v->op != PLNET_CONV && 2 * v->padding[a] > v->kernel[a])
            return rc_error_set(err, RELU_E_INPUT, "padding: at most half the kernel (%ld), got %ld",
                                (long) v->kernel[a], (long) v->padding[a]);
        slong span = v->dilation[a] * (v->kernel[a] - 1) + 1, L = in->dims[a + 1] + 2 * v->padding[a];
        if (L < span)
            return rc_error_set(err, RELU_E_INPUT, "kernel: window %ld longer than the padded input axis %ld",
                                (long) span, (long) L);
        dims[a + 1] = (L - span) / v->stride[a] + 1;
    }
    return _plnet_shape_set(&v->shape, in->ndims, dims, "output", err);
}

static int
_spatial_input(plnet_t g, plnet_node_struct * v, rc_error_t err)
{
    if (_in(g, v, 0)->ndims < 2)
    {
        char sh[64];
        _plnet_shape_str(sh, sizeof(sh), _in(g, v, 0));
        return rc_error_set(err, RELU_E_INPUT, "inputs: %s expects [C, L] or [C, H, W], got %s",
                            plnet_op_name(v->op), sh);
    }
    return RELU_OK;
}

static int
_conv(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const plnet_shape * in = _in(g, v, 0);
    const jnode * W = jnode_get(o, "weights"), * t;
    slong dims[4];
    int nd;
    if (_spatial_input(g, v, err))
        return err->code;
    const char * axes = in->ndims == 2 ? "[out, in/groups, k]" : "[out, in/groups, kh, kw]";
    if (W == NULL)
        return rc_error_set(err, RELU_E_INPUT, "weights: missing (%d axes %s)", in->ndims + 1, axes);
    if (_plnet_read_tensor(&v->w, &v->wlen, &nd, dims, W, 4, 0, "weights", err))
        return err->code;
    if (nd != in->ndims + 1)
        return rc_error_set(err, RELU_E_INPUT, "weights: expected %d axes %s, got %d", in->ndims + 1, axes, nd);
    v->groups = 1;
    if ((t = jnode_get(o, "groups")) && _plnet_read_int(&v->groups, t, 1, BIG, "groups", err))
        return err->code;
    if (in->dims[0] % v->groups || dims[0] % v->groups)
        return rc_error_set(err, RELU_E_INPUT, "groups: %ld does not divide the input channels %ld and the output channels %ld",
                            (long) v->groups, (long) in->dims[0], (long) dims[0]);
    if (dims[1] != in->dims[0] / v->groups)
        return rc_error_set(err, RELU_E_INPUT, "weights: axis 1 has %ld entries, expected in/groups = %ld",
                            (long) dims[1], (long) (in->dims[0] / v->groups));
    v->kernel[0] = dims[2];
    v->kernel[1] = nd == 4 ? dims[3] : 1;
    if (_window(g, v, o, dims[0], err))
        return err->code;
    return _vector(&v->b, &v->blen, jnode_get(o, "biases"), dims[0], "biases", err);
}

static int
_pool(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const jnode * k = jnode_get(o, "kernel");
    if (_spatial_input(g, v, err))
        return err->code;
    if (k == NULL)
        return rc_error_set(err, RELU_E_INPUT, "kernel: missing");
    v->kernel[1] = 1;
    if (_plnet_read_ints(v->kernel, _in(g, v, 0)->ndims - 1, k, 1, BIG, "kernel", err))
        return err->code;
    return _window(g, v, o, _in(g, v, 0)->dims[0], err);
}

/* scale = gamma / sqrt(var + epsilon) must be rational: var + epsilon a square. */
static int
_bn_fold(plnet_node_struct * v, const fmpq * gam, const fmpq * beta, const fmpq * mean, const fmpq * var,
         const fmpq_t eps, slong C, rc_error_t err)
{
    fmpq_t s;
    fmpz_t r;
    fmpq_init(s);
    fmpz_init(r);
    int status = RELU_OK;
    for (slong c = 0; c < C && status == RELU_OK; c++)
    {
        fmpq_add(s, var + c, eps);
        if (fmpq_sgn(s) <= 0)
            status = rc_error_set(err, RELU_E_INPUT, "var[%ld] + epsilon must be positive", (long) c);
        else if (!fmpz_is_square(fmpq_numref(s)) || !fmpz_is_square(fmpq_denref(s)))
            status = rc_error_set(err, RELU_E_UNSUPPORTED,
                                  "var[%ld] + epsilon is not the square of a rational (sqrt would be irrational): export with \"scale\"/\"shift\"",
                                  (long) c);
        else
        {
            fmpz_sqrt(r, fmpq_numref(s));
            fmpz_sqrt(fmpq_denref(s), fmpq_denref(s));
            fmpz_swap(r, fmpq_numref(s));          /* s = sqrt(var + eps) */
            fmpq_div(v->w + c, gam + c, s);
            fmpq_mul(s, v->w + c, mean + c);
            fmpq_sub(v->b + c, beta + c, s);
        }
    }
    fmpz_clear(r);
    fmpq_clear(s);
    return status;
}

static int
_batch_norm(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    static const char * const f[] = { "gamma", "beta", "mean", "var" };
    slong C = _in(g, v, 0)->dims[0], len;
    v->shape = *_in(g, v, 0);
    if (jnode_get(o, "scale") || jnode_get(o, "shift"))
    {
        for (int k = 0; k < 4; k++)
            if (jnode_get(o, f[k]) || jnode_get(o, "epsilon"))
                return rc_error_set(err, RELU_E_INPUT, "give either scale and shift or gamma, beta, mean, var and epsilon");
        if (!jnode_get(o, "scale") || !jnode_get(o, "shift"))
            return rc_error_set(err, RELU_E_INPUT, "%s: missing (one per channel)", jnode_get(o, "scale") ? "shift" : "scale");
        if (_vector(&v->w, &v->wlen, jnode_get(o, "scale"), C, "scale", err))
            return err->code;
        return _vector(&v->b, &v->blen, jnode_get(o, "shift"), C, "shift", err);
    }
    fmpq * p[4] = { NULL, NULL, NULL, NULL }, * e = NULL;
    slong elen = 0, dims[4];
    int nd, status = RELU_OK;
    for (int k = 0; k < 4 && status == RELU_OK; k++)
        if (!jnode_get(o, f[k]))
            status = rc_error_set(err, RELU_E_INPUT, "%s: missing (batch_norm needs scale and shift, or gamma, beta, mean, var and epsilon)", f[k]);
        else
            status = _vector(p + k, &len, jnode_get(o, f[k]), C, f[k], err);
    if (status == RELU_OK && !jnode_get(o, "epsilon"))
        status = rc_error_set(err, RELU_E_INPUT, "epsilon: missing (a number)");
    if (status == RELU_OK && _plnet_read_tensor(&e, &elen, &nd, dims, jnode_get(o, "epsilon"), 0, 1, "epsilon", err))
        status = err->code;
    if (status == RELU_OK)
    {
        v->w = _fmpq_vec_init(C);
        v->b = _fmpq_vec_init(C);
        v->wlen = v->blen = C;
        status = _bn_fold(v, p[0], p[1], p[2], p[3], e, C, err);
    }
    for (int k = 0; k < 4; k++)
        if (p[k] != NULL)
            _fmpq_vec_clear(p[k], C);
    if (e != NULL)
        _fmpq_vec_clear(e, elen);
    return status;
}

static int
_add(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const plnet_shape * s = _in(g, v, 0);
    for (slong i = 1; i < v->ninputs; i++)
    {
        const plnet_shape * t = _in(g, v, i);
        int same = (t->ndims == s->ndims);
        for (int k = 0; same && k < s->ndims; k++)
            same = (t->dims[k] == s->dims[k]);
        if (!same)
        {
            char a[64], b[64];
            _plnet_shape_str(a, sizeof(a), s);
            _plnet_shape_str(b, sizeof(b), t);
            return rc_error_set(err, RELU_E_INPUT, "inputs: input %ld has shape %s, input 1 has %s", (long) (i + 1), b, a);
        }
    }
    v->shape = *s;
    const jnode * c = jnode_get(o, "coefficients"), * k = jnode_get(o, "constant");
    if (c == NULL)
    {
        v->w = _fmpq_vec_init(v->ninputs);
        v->wlen = v->ninputs;
        for (slong i = 0; i < v->ninputs; i++)
            fmpq_one(v->w + i);
    }
    else if (_vector(&v->w, &v->wlen, c, v->ninputs, "coefficients", err))
        return err->code;
    if (k == NULL)
    {
        v->b = _fmpq_vec_init(1);
        v->blen = 1;
        return RELU_OK;
    }
    return _scalar_or_shape(&v->b, &v->blen, k, s, "constant", err);
}

static int
_concat(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const plnet_shape * s = _in(g, v, 0);
    const jnode * a = jnode_get(o, "axis");
    v->axis = 0;
    if (a != NULL && _plnet_read_int(&v->axis, a, -s->ndims, s->ndims - 1, "axis", err))
        return err->code;
    if (v->axis < 0)
        v->axis += s->ndims;
    slong dims[3] = { s->dims[0], s->ndims > 1 ? s->dims[1] : 0, s->ndims > 2 ? s->dims[2] : 0 };
    dims[v->axis] = 0;
    for (slong i = 0; i < v->ninputs; i++)
    {
        const plnet_shape * t = _in(g, v, i);
        int ok = (t->ndims == s->ndims);
        for (int k = 0; ok && k < s->ndims; k++)
            ok = (k == v->axis || t->dims[k] == s->dims[k]);
        if (!ok)
        {
            char x[64], y[64];
            _plnet_shape_str(x, sizeof(x), s);
            _plnet_shape_str(y, sizeof(y), t);
            return rc_error_set(err, RELU_E_INPUT, "inputs: input %ld has shape %s, not concatenable with %s along axis %ld",
                                (long) (i + 1), y, x, (long) v->axis);
        }
        dims[v->axis] += t->dims[v->axis];
    }
    return _plnet_shape_set(&v->shape, s->ndims, dims, "output", err);
}

static int
_reshape(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const jnode * s = jnode_get(o, "shape");
    slong n = _in(g, v, 0)->size, dims[3], prod = 1, free_axis = -1;
    if (s == NULL)
        return rc_error_set(err, RELU_E_INPUT, "shape: missing (a list of 1 to 3 lengths, one may be -1)");
    if (s->type != JNODE_ARRAY || s->nitems < 1 || s->nitems > 3)
        return rc_error_set(err, RELU_E_INPUT, "shape: expected a list of 1 to 3 lengths");
    for (size_t k = 0; k < s->nitems; k++)
    {
        if (_plnet_read_int(dims + k, s->items[k], -1, PLNET_MAX_SIZE, "shape", err))
            return err->code;
        if (dims[k] == 0 || (dims[k] == -1 && free_axis >= 0))
            return rc_error_set(err, RELU_E_INPUT, "shape: lengths are positive, at most one is -1");
        if (dims[k] == -1)
            free_axis = k;
        else
            prod *= dims[k];
    }
    if (free_axis >= 0 && n % prod == 0)
        dims[free_axis] = n / prod, prod = n;
    if (prod != n)
        return rc_error_set(err, RELU_E_INPUT, "shape: does not hold the input's %ld entries", (long) n);
    return _plnet_shape_set(&v->shape, (int) s->nitems, dims, "shape", err);
}

static int
_max(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const jnode * G = jnode_get(o, "groups");
    slong n = _in(g, v, 0)->size, total = 0;
    if (G == NULL)
        return rc_error_set(err, RELU_E_INPUT, "groups: missing (lists of flat input indices)");
    if (G->type != JNODE_ARRAY || G->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "groups: expected a nonempty list of lists of input indices");
    for (size_t e = 0; e < G->nitems; e++)
    {
        if (G->items[e]->type != JNODE_ARRAY || G->items[e]->nitems == 0)
            return rc_error_set(err, RELU_E_INPUT, "groups[%ld]: expected a nonempty list of input indices", (long) e);
        total += G->items[e]->nitems;
    }
    v->ngroups = G->nitems;
    v->group_start = flint_malloc((v->ngroups + 1) * sizeof(slong));
    v->group_index = flint_malloc(total * sizeof(slong));
    v->group_start[0] = 0;
    char field[64];
    for (slong e = 0; e < v->ngroups; e++)
    {
        const jnode * l = G->items[e];
        snprintf(field, sizeof(field), "groups[%ld]", (long) e);
        for (size_t k = 0; k < l->nitems; k++)
            if (_plnet_read_int(v->group_index + v->group_start[e] + k, l->items[k], 0, n - 1, field, err))
                return err->code;
        v->group_start[e + 1] = v->group_start[e] + l->nitems;
    }
    return _plnet_shape_set(&v->shape, 1, &v->ngroups, "groups", err);
}

static int
_pointwise(plnet_t g, plnet_node_struct * v, const jnode * o, rc_error_t err)
{
    const jnode * t;
    v->shape = *_in(g, v, 0);
    if (v->op == PLNET_LEAKY_RELU)
    {
        if ((t = jnode_get(o, "slope")) == NULL)
            return rc_error_set(err, RELU_E_INPUT, "slope: missing (a rational, not 1)");
        if (num_from_jnode(v->slope, t, err))
            return rc_error_prefix(err, "slope"), err->code;
        if (fmpq_is_one(v->slope))
            return rc_error_set(err, RELU_E_INPUT, "slope: 1 makes leaky_relu the identity (use identity)");
    }
    else if (v->op == PLNET_CLAMP)
    {
        if ((t = jnode_get(o, "min")) != NULL && t->type != JNODE_NULL)
        {
            if (num_from_jnode(v->lo, t, err))
                return rc_error_prefix(err, "min"), err->code;
            v->has_lo = 1;
        }
        if ((t = jnode_get(o, "max")) != NULL && t->type != JNODE_NULL)
        {
            if (num_from_jnode(v->hi, t, err))
                return rc_error_prefix(err, "max"), err->code;
            v->has_hi = 1;
        }
        if (!v->has_lo && !v->has_hi)
            return rc_error_set(err, RELU_E_INPUT, "min, max: at least one bound is needed");
        if (v->has_lo && v->has_hi && fmpq_cmp(v->lo, v->hi) >= 0)
            return rc_error_set(err, RELU_E_INPUT, "min must be less than max");
    }
    else if (v->op == PLNET_MUL)
    {
        if ((t = jnode_get(o, "factor")) == NULL)
            return rc_error_set(err, RELU_E_INPUT, "factor: missing (a number or a tensor of the input's shape)");
        return _scalar_or_shape(&v->w, &v->wlen, t, &v->shape, "factor", err);
    }
    else if (v->op == PLNET_FLATTEN)
        return _plnet_shape_set(&v->shape, 1, &v->shape.size, "output", err);
    else if (v->op == PLNET_GLOBAL_AVG_POOL)
    {
        if (_spatial_input(g, v, err))
            return err->code;
        return _plnet_shape_set(&v->shape, 1, v->shape.dims, "output", err);
    }
    return RELU_OK;
}

int
_plnet_node_read(plnet_t g, slong i, const jnode * obj, rc_error_t err)
{
    plnet_node_struct * v = g->nodes + i;
    int many = (v->op == PLNET_ADD || v->op == PLNET_CONCAT);
    if (!many && v->ninputs != 1)
        return rc_error_set(err, RELU_E_INPUT, "inputs: %s takes one input, got %ld", plnet_op_name(v->op),
                            (long) v->ninputs);
    switch (v->op)
    {
        case PLNET_DENSE: return _dense(g, v, obj, err);
        case PLNET_CONV: return _conv(g, v, obj, err);
        case PLNET_MAX_POOL: case PLNET_AVG_POOL: case PLNET_SUM_POOL: return _pool(g, v, obj, err);
        case PLNET_BATCH_NORM: return _batch_norm(g, v, obj, err);
        case PLNET_ADD: return _add(g, v, obj, err);
        case PLNET_CONCAT: return _concat(g, v, obj, err);
        case PLNET_RESHAPE: return _reshape(g, v, obj, err);
        case PLNET_MAX: return _max(g, v, obj, err);
        default: return _pointwise(g, v, obj, err);
    }
}
