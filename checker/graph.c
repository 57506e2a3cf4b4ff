/* Graph networks (network format version 2, doc/FORMAT.md) in relucert-check:
   the checker's own reader and exact evaluator, written from the format's
   definition and sharing no code with the library (src/plnet, src/net/lower.c).

   A value is d rationals per tensor entry: d = 1 at a point, d = n + 1 for an
   affine function c + a.x of the input (component 0 is c). One evaluator does
   both: affine operations act on every component, their constants on
   component 0 only. A piecewise-linear unit is written through its piece
   boundaries B (relu, leaky_relu, abs: z; clamp: z - min, z - max; a max of
   two: a - b; a max of k >= 3: every member, a max group of the lowering,
   whose bits are 1 at the argmax) and the bits [B > 0]:
       relu z = [z > 0] z              leaky_relu z = [z > 0] z + (1 - [z > 0]) slope z
       abs z = [z > 0] z - (1 - [z > 0]) z
       clamp z = min + [z > min] (z - min) - [z > max] (z - max)   (one-sided: drop a term)
       max(a, b) = [a > b] a + (1 - [a > b]) b
   which are the definitions when the bits are the signs at a point. On a
   region of a certificate the bits are instead the lowered neurons' bits of
   the region's pattern (meta.lowered_from maps them), and every boundary B,
   an affine function, must equal the neuron's pre-activation on the region
   computed from the lowered network (proofs/CHECKER.md, "Graph networks"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define MAX_SIZE (1L << 24)     /* entries of one tensor (doc/FORMAT.md) */
#define MAX_PARAM (1L << 26)    /* numbers of one parameter tensor */
#define MAX_WORK (1L << 27)     /* rationals of all the values of one evaluation */

enum { OP_DENSE, OP_CONV, OP_AVG_POOL, OP_SUM_POOL, OP_GAP, OP_BN, OP_ADD, OP_MUL, OP_CONCAT, OP_FLATTEN,
       OP_RESHAPE, OP_IDENTITY, OP_RELU, OP_LEAKY, OP_ABS, OP_CLAMP, OP_MAX, OP_MAX_POOL, NOPS };

static const char * const op_name[NOPS] = {
    "dense", "conv", "avg_pool", "sum_pool", "global_avg_pool", "batch_norm", "add", "mul", "concat",
    "flatten", "reshape", "identity", "relu", "leaky_relu", "abs", "clamp", "max", "max_pool" };
/* the keys each op may have besides name, op, inputs */
static const char * const op_keys[NOPS] = {
    " weights biases ", " weights biases stride padding dilation groups ", " kernel stride padding ",
    " kernel stride padding ", " ", " scale shift gamma beta mean var epsilon ", " coefficients constant ",
    " factor ", " axis ", " ", " shape ", " ", " ", " slope ", " ", " min max ", " groups ",
    " kernel stride padding " };

typedef struct
{
    int nd;
    long d[3], size;
}
shape;

typedef struct
{
    const char * name;
    int op;
    long nin, * in;          /* node indices, -1: the input */
    shape sh;                /* of the output */
    mpq_t * w, * b;          /* dense/conv: weights, biases; batch_norm: scale, shift; add: coefficients,
                                constant; mul: factor (in w) */
    long nw, nb;
    long wd[4];              /* conv weights' axes */
    long k[2], s[2], p[2], dil[2], groups, axis;
    mpq_t slope, lo, hi;
    int has_lo, has_hi;
    long ngroups, * gstart, * gidx;
    long first, nneur;       /* lowered neurons (graph_match_lowering): first, count */
}
gnode;

struct graph_struct
{
    long nnodes, nout, n, m;     /* nodes, outputs, input entries, output entries */
    gnode * v;
    long * order;                /* a topological order */
    long * out;
    shape in;
    const char * in_name;
    strset names;
};

/* ---- reading ---------------------------------------------------------------- */
static int
has_word(const char * list, const char * w)
{
    size_t n = strlen(w);
    if (n == 0 || strchr(w, ' ') != NULL)     /* the list is " word word ... " */
        return 0;
    for (const char * p = strstr(list, w); p != NULL; p = strstr(p + 1, w))
        if (p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}

/* An integer in [lo, hi] (what names it) */
static long
get_long(yajl_val v, long lo, long hi, const char * what)
{
    mpq_t q;
    mpq_init(q);
    if (v == NULL || json_get_q(q, v) != 0 || mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpz_cmp_si(mpq_numref(q), lo) < 0
        || mpz_cmp_si(mpq_numref(q), hi) > 0)
        fail("%s: expected an integer from %ld to %ld", what, lo, hi);
    long r = mpz_get_si(mpq_numref(q));
    mpq_clear(q);
    return r;
}

/* An integer or a list of nsp integers, each in [lo, hi] */
static void
get_ints(long * out, int nsp, yajl_val v, long lo, long hi, const char * what)
{
    if (YAJL_IS_ARRAY(v))
    {
        if ((long) json_array_len(v) != nsp)
            fail("%s: expected an integer or %d integers", what, nsp);
        for (int a = 0; a < nsp; a++)
            out[a] = get_long(json_array_item(v, a), lo, hi, what);
    }
    else
        for (int a = 0, x = (int) get_long(v, lo, hi, what); a < nsp; a++)
            out[a] = x;
}

static void
fill_tensor(mpq_t * t, long * at, yajl_val v, int depth, int nd, const long * dims, const char * what)
{
    if (depth == nd)
    {
        if (YAJL_IS_ARRAY(v))
            fail("%s: nested deeper than its first entry (ragged)", what);
        get_q(t[(*at)++], v, what);
        return;
    }
    if (!YAJL_IS_ARRAY(v) || (long) json_array_len(v) != dims[depth])
        fail("%s: ragged (axis %d should have %ld entries)", what, depth, dims[depth]);
    for (long i = 0; i < dims[depth]; i++)
        fill_tensor(t, at, json_array_item(v, i), depth + 1, nd, dims, what);
}

/* Nested lists of exact numbers with at most maxnd axes (a number: 0 axes),
   flattened in row-major order; *len entries, axes in dims. */
static mpq_t *
read_tensor(long * len, int * nd, long * dims, yajl_val v, int maxnd, const char * what)
{
    *nd = 0;
    *len = 1;
    for (yajl_val t = v; YAJL_IS_ARRAY(t); t = json_array_item(t, 0))
    {
        if (*nd == maxnd)
            fail("%s: expected at most %d axes", what, maxnd);
        dims[*nd] = (long) json_array_len(t);
        if (dims[*nd] == 0)
            fail("%s: an empty list", what);
        if (dims[*nd] > MAX_PARAM / *len)
            fail("%s: more than %ld numbers", what, MAX_PARAM);
        *len *= dims[(*nd)++];
    }
    mpq_t * t = qvec(*len);
    long at = 0;
    fill_tensor(t, &at, v, 0, *nd, dims, what);
    return t;
}

/* A vector of exactly len numbers (zeros when v is NULL) */
static mpq_t *
read_vector(yajl_val v, long len, const char * what)
{
    if (v == NULL)
        return qvec(len);
    long got, dims[1];
    int nd;
    mpq_t * t = read_tensor(&got, &nd, dims, v, 1, what);
    if (nd != 1 || got != len)
        fail("%s: expected a list of %ld numbers", what, len);
    return t;
}

/* A number or a tensor of exactly the shape s: 1 or s->size entries in *len */
static mpq_t *
read_scalar_or_shape(long * len, yajl_val v, const shape * s, const char * what)
{
    long dims[3];
    int nd;
    if (v == NULL)
        fail("%s: missing", what);
    mpq_t * t = read_tensor(len, &nd, dims, v, 3, what);
    int ok = nd == 0 || nd == s->nd;
    for (int a = 0; ok && a < nd; a++)
        ok = dims[a] == s->d[a];
    if (!ok)
        fail("%s: expected a number or a tensor of the input's shape", what);
    return t;
}

static void
set_shape(shape * s, int nd, const long * d, const char * what)
{
    s->nd = nd;
    s->size = 1;
    for (int a = 0; a < nd; a++)
    {
        if (d[a] < 1 || d[a] > MAX_SIZE / s->size)
            fail("%s: a shape with an empty axis or more than %ld entries", what, MAX_SIZE);
        s->d[a] = d[a];
        s->size *= d[a];
    }
}

static const shape *
in_shape(const graph * G, const gnode * v, long i)
{
    return v->in[i] < 0 ? &G->in : &G->v[v->in[i]].sh;
}

static int
same_shape(const shape * a, const shape * b)
{
    int ok = a->nd == b->nd;
    for (int k = 0; ok && k < a->nd; k++)
        ok = a->d[k] == b->d[k];
    return ok;
}

/* stride, padding, dilation and the output shape of a conv or pool */
static void
read_window(gnode * v, yajl_val o, const shape * in, long cout, const char * what)
{
    int nsp = in->nd - 1;
    long d[3] = { cout, 1, 1 };
    char w[400];
    for (int a = 0; a < 2; a++)
    {
        v->s[a] = v->op == OP_CONV ? 1 : v->k[a];
        v->p[a] = 0;
        v->dil[a] = 1;
    }
    snprintf(w, sizeof(w), "%s: stride", what);
    if (json_member(o, "stride") != NULL)
        get_ints(v->s, nsp, json_member(o, "stride"), 1, 1L << 20, w);
    snprintf(w, sizeof(w), "%s: padding", what);
    if (json_member(o, "padding") != NULL)
        get_ints(v->p, nsp, json_member(o, "padding"), 0, 1L << 20, w);
    snprintf(w, sizeof(w), "%s: dilation", what);
    if (json_member(o, "dilation") != NULL)
        get_ints(v->dil, nsp, json_member(o, "dilation"), 1, 1L << 20, w);
    for (int a = 0; a < nsp; a++)
    {
        if (v->op != OP_CONV && 2 * v->p[a] > v->k[a])
            fail("%s: padding more than half the kernel", what);
        long span = v->dil[a] * (v->k[a] - 1) + 1, L = in->d[a + 1] + 2 * v->p[a];
        if (L < span)
            fail("%s: the window is longer than the padded input", what);
        d[a + 1] = (L - span) / v->s[a] + 1;
    }
    set_shape(&v->sh, in->nd, d, what);
}

static void
read_conv(gnode * v, yajl_val o, const shape * in, const char * what)
{
    char w[400];
    long len;
    int nd;
    if (in->nd < 2)
        fail("%s: conv needs an input [C, L] or [C, H, W]", what);
    snprintf(w, sizeof(w), "%s: weights", what);
    if (json_member(o, "weights") == NULL)
        fail("%s: missing", w);
    v->w = read_tensor(&len, &nd, v->wd, json_member(o, "weights"), 4, w);
    v->nw = len;
    if (nd != in->nd + 1)
        fail("%s: expected %d axes [out, in/groups, kernel...]", w, in->nd + 1);
    snprintf(w, sizeof(w), "%s: groups", what);
    v->groups = json_member(o, "groups") == NULL ? 1 : get_long(json_member(o, "groups"), 1, 1L << 20, w);
    if (in->d[0] % v->groups != 0 || v->wd[0] % v->groups != 0 || v->wd[1] != in->d[0] / v->groups)
        fail("%s: weights: channels do not match the input and groups", what);
    v->k[0] = v->wd[2];
    v->k[1] = nd == 4 ? v->wd[3] : 1;
    read_window(v, o, in, v->wd[0], what);
    snprintf(w, sizeof(w), "%s: biases", what);
    v->b = read_vector(json_member(o, "biases"), v->wd[0], w);
    v->nb = v->wd[0];
}

static void
read_pool(gnode * v, yajl_val o, const shape * in, const char * what)
{
    char w[400];
    if (in->nd < 2)
        fail("%s: pooling needs an input [C, L] or [C, H, W]", what);
    snprintf(w, sizeof(w), "%s: kernel", what);
    if (json_member(o, "kernel") == NULL)
        fail("%s: missing", w);
    v->k[1] = 1;
    get_ints(v->k, in->nd - 1, json_member(o, "kernel"), 1, 1L << 20, w);
    read_window(v, o, in, in->d[0], what);
}

/* batch_norm: scale and shift, or gamma / sqrt(var + epsilon) and beta - scale mean
   when var + epsilon is the square of a rational */
static void
read_bn(gnode * v, yajl_val o, const shape * in, const char * what)
{
    static const char * const f[4] = { "gamma", "beta", "mean", "var" };
    char w[400];
    long C = in->d[0];
    v->sh = *in;
    v->nw = v->nb = C;
    int folded = json_member(o, "scale") != NULL || json_member(o, "shift") != NULL;
    for (int k = 0; k < 4; k++)
        if (folded == (json_member(o, f[k]) != NULL) || (folded && json_member(o, "epsilon") != NULL))
            fail("%s: give scale and shift, or gamma, beta, mean, var and epsilon", what);
    if (folded)
    {
        snprintf(w, sizeof(w), "%s: scale", what);
        v->w = read_vector(json_member(o, "scale"), C, w);
        snprintf(w, sizeof(w), "%s: shift", what);
        v->b = read_vector(json_member(o, "shift"), C, w);
        if (json_member(o, "scale") == NULL || json_member(o, "shift") == NULL)
            fail("%s: scale and shift go together", what);
        return;
    }
    mpq_t * p[4], e, r;
    for (int k = 0; k < 4; k++)
    {
        snprintf(w, sizeof(w), "%s: %s", what, f[k]);
        p[k] = read_vector(json_member(o, f[k]), C, w);
    }
    mpq_init(e);
    mpq_init(r);
    snprintf(w, sizeof(w), "%s: epsilon", what);
    get_q(e, json_member(o, "epsilon"), w);
    v->w = qvec(C);
    v->b = qvec(C);
    for (long c = 0; c < C; c++)
    {
        mpq_add(r, p[3][c], e);
        if (mpq_sgn(r) <= 0 || !mpz_perfect_square_p(mpq_numref(r)) || !mpz_perfect_square_p(mpq_denref(r)))
            fail("%s: var + epsilon of channel %ld is not the square of a positive rational", what, c);
        mpz_sqrt(mpq_numref(r), mpq_numref(r));
        mpz_sqrt(mpq_denref(r), mpq_denref(r));
        mpq_div(v->w[c], p[0][c], r);
        mpq_mul(r, v->w[c], p[2][c]);
        mpq_sub(v->b[c], p[1][c], r);
    }
    mpq_clear(e);
    mpq_clear(r);
}

static void
read_add(graph * G, gnode * v, yajl_val o, const char * what)
{
    char w[400];
    for (long i = 1; i < v->nin; i++)
        if (!same_shape(in_shape(G, v, i), in_shape(G, v, 0)))
            fail("%s: add: inputs of different shapes", what);
    v->sh = *in_shape(G, v, 0);
    snprintf(w, sizeof(w), "%s: coefficients", what);
    v->nw = v->nin;
    if (json_member(o, "coefficients") == NULL)
    {
        v->w = qvec(v->nin);
        for (long i = 0; i < v->nin; i++)
            mpq_set_ui(v->w[i], 1, 1);
    }
    else
        v->w = read_vector(json_member(o, "coefficients"), v->nin, w);
    snprintf(w, sizeof(w), "%s: constant", what);
    if (json_member(o, "constant") == NULL)
    {
        v->b = qvec(1);
        v->nb = 1;
    }
    else
        v->b = read_scalar_or_shape(&v->nb, json_member(o, "constant"), &v->sh, w);
}

static void
read_concat(graph * G, gnode * v, yajl_val o, const char * what)
{
    const shape * s = in_shape(G, v, 0);
    char w[400];
    snprintf(w, sizeof(w), "%s: axis", what);
    v->axis = json_member(o, "axis") == NULL ? 0 : get_long(json_member(o, "axis"), -s->nd, s->nd - 1, w);
    if (v->axis < 0)
        v->axis += s->nd;
    long d[3] = { s->d[0], s->d[1], s->d[2] };
    d[v->axis] = 0;
    for (long i = 0; i < v->nin; i++)
    {
        const shape * t = in_shape(G, v, i);
        int ok = t->nd == s->nd;
        for (int a = 0; ok && a < s->nd; a++)
            ok = a == v->axis || t->d[a] == s->d[a];
        if (!ok)
            fail("%s: concat: input %ld does not fit along axis %ld", what, i, v->axis);
        if (t->d[v->axis] > MAX_SIZE - d[v->axis])
            fail("%s: concat: too long", what);
        d[v->axis] += t->d[v->axis];
    }
    set_shape(&v->sh, s->nd, d, what);
}

static void
read_reshape(gnode * v, yajl_val o, const shape * in, const char * what)
{
    yajl_val t = json_member(o, "shape");
    long d[3], prod = 1, free_axis = -1, nd = (long) json_array_len(t);
    char w[400];
    snprintf(w, sizeof(w), "%s: shape", what);
    if (!YAJL_IS_ARRAY(t) || nd < 1 || nd > 3)
        fail("%s: expected a list of 1 to 3 lengths", w);
    for (long a = 0; a < nd; a++)
    {
        d[a] = get_long(json_array_item(t, a), -1, MAX_SIZE, w);
        if (d[a] == 0 || (d[a] == -1 && free_axis >= 0))
            fail("%s: lengths are positive, at most one is -1", w);
        if (d[a] == -1)
            free_axis = a;
        else if ((prod *= d[a]) > MAX_SIZE)
            fail("%s: too many entries", w);
    }
    if (free_axis >= 0 && in->size % prod == 0)
        d[free_axis] = in->size / prod, prod = in->size;
    if (prod != in->size)
        fail("%s: does not hold the input's %ld entries", w, in->size);
    set_shape(&v->sh, (int) nd, d, w);
}

static void
read_max(gnode * v, yajl_val o, const shape * in, const char * what)
{
    yajl_val G = json_member(o, "groups");
    long total = 0;
    char w[400];
    snprintf(w, sizeof(w), "%s: groups", what);
    v->ngroups = (long) json_array_len(G);
    if (!YAJL_IS_ARRAY(G) || v->ngroups == 0 || v->ngroups > MAX_SIZE)
        fail("%s: expected a nonempty list of nonempty lists of input indices", w);
    for (long e = 0; e < v->ngroups; e++)
    {
        long k = (long) json_array_len(json_array_item(G, e));
        if (!YAJL_IS_ARRAY(json_array_item(G, e)) || k == 0)
            fail("%s: expected a nonempty list of nonempty lists of input indices", w);
        total += k;
    }
    v->gstart = xmalloc((v->ngroups + 1) * sizeof(long));
    v->gidx = xmalloc(total * sizeof(long));
    v->gstart[0] = 0;
    for (long e = 0; e < v->ngroups; e++)
    {
        yajl_val l = json_array_item(G, e);
        v->gstart[e + 1] = v->gstart[e] + (long) json_array_len(l);
        for (long k = 0; k < (long) json_array_len(l); k++)
            v->gidx[v->gstart[e] + k] = get_long(json_array_item(l, k), 0, in->size - 1, w);
    }
    set_shape(&v->sh, 1, &v->ngroups, w);
}

static void
read_pointwise(gnode * v, yajl_val o, const shape * in, const char * what)
{
    char w[400];
    v->sh = *in;
    if (v->op == OP_LEAKY)
    {
        snprintf(w, sizeof(w), "%s: slope", what);
        get_q(v->slope, json_member(o, "slope"), w);
        if (mpq_cmp_ui(v->slope, 1, 1) == 0)
            fail("%s: 1 is not a leaky_relu slope", w);
    }
    else if (v->op == OP_CLAMP)
    {
        yajl_val lo = json_member(o, "min"), hi = json_member(o, "max");
        v->has_lo = lo != NULL && !YAJL_IS_NULL(lo);
        v->has_hi = hi != NULL && !YAJL_IS_NULL(hi);
        snprintf(w, sizeof(w), "%s: min", what);
        if (v->has_lo)
            get_q(v->lo, lo, w);
        snprintf(w, sizeof(w), "%s: max", what);
        if (v->has_hi)
            get_q(v->hi, hi, w);
        if (!v->has_lo && !v->has_hi)
            fail("%s: clamp needs min or max", what);
        if (v->has_lo && v->has_hi && mpq_cmp(v->lo, v->hi) >= 0)
            fail("%s: clamp needs min < max", what);
    }
    else if (v->op == OP_MUL)
    {
        snprintf(w, sizeof(w), "%s: factor", what);
        v->w = read_scalar_or_shape(&v->nw, json_member(o, "factor"), in, w);
    }
    else if (v->op == OP_FLATTEN)
        set_shape(&v->sh, 1, &in->size, what);
    else if (v->op == OP_GAP)
    {
        if (in->nd < 2)
            fail("%s: global_avg_pool needs an input [C, L] or [C, H, W]", what);
        set_shape(&v->sh, 1, in->d, what);
    }
}

/* Parameters and shape of node i (its inputs' shapes known) */
static void
read_params(graph * G, long i, yajl_val o)
{
    gnode * v = G->v + i;
    char what[200];
    snprintf(what, sizeof(what), "node \"%.80s\"", v->name);
    if (v->op != OP_ADD && v->op != OP_CONCAT && v->nin != 1)
        fail("%s: %s takes one input", what, op_name[v->op]);
    const shape * in = in_shape(G, v, 0);
    if (v->op == OP_DENSE)
    {
        long len, d[4];
        int nd;
        char w[300];
        snprintf(w, sizeof(w), "%s: weights", what);
        if (json_member(o, "weights") == NULL)
            fail("%s: missing", w);
        v->w = read_tensor(&len, &nd, d, json_member(o, "weights"), 2, w);
        if (nd != 2 || d[1] != in->size)
            fail("%s: expected [out, %ld]", w, in->size);
        v->nw = len;
        set_shape(&v->sh, 1, d, w);
        snprintf(w, sizeof(w), "%s: biases", what);
        v->b = read_vector(json_member(o, "biases"), d[0], w);
        v->nb = d[0];
    }
    else if (v->op == OP_CONV)
        read_conv(v, o, in, what);
    else if (v->op == OP_AVG_POOL || v->op == OP_SUM_POOL || v->op == OP_MAX_POOL)
        read_pool(v, o, in, what);
    else if (v->op == OP_BN)
        read_bn(v, o, in, what);
    else if (v->op == OP_ADD)
        read_add(G, v, o, what);
    else if (v->op == OP_CONCAT)
        read_concat(G, v, o, what);
    else if (v->op == OP_RESHAPE)
        read_reshape(v, o, in, what);
    else if (v->op == OP_MAX)
        read_max(v, o, in, what);
    else
        read_pointwise(v, o, in, what);
}

/* name, op, keys and inputs' names of node i */
static void
read_head(graph * G, long i, yajl_val o)
{
    gnode * v = G->v + i;
    yajl_val nm = json_member(o, "name"), op = json_member(o, "op"), in = json_member(o, "inputs");
    if (!YAJL_IS_OBJECT(o) || !YAJL_IS_STRING(nm) || nm->u.string[0] == '\0')
        fail("graph: nodes[%ld]: expected an object with a nonempty \"name\"", i);
    v->name = nm->u.string;
    if (!YAJL_IS_STRING(op))
        fail("node \"%.80s\": op: expected a string", v->name);
    v->op = 0;
    while (v->op < NOPS && strcmp(op->u.string, op_name[v->op]) != 0)
        v->op++;
    if (v->op == NOPS)
        fail("node \"%.80s\": op \"%.40s\" is not an operation of the format (or not piecewise linear)", v->name,
             op->u.string);
    for (size_t k = 0; k < o->u.object.len; k++)
    {
        const char * key = o->u.object.keys[k];
        if (strcmp(key, "name") != 0 && strcmp(key, "op") != 0 && strcmp(key, "inputs") != 0
            && !has_word(op_keys[v->op], key))
            fail("node \"%.80s\": unknown key \"%.40s\" for op %s", v->name, key, op_name[v->op]);
    }
    v->nin = (long) json_array_len(in);
    if (!YAJL_IS_ARRAY(in) || v->nin == 0)
        fail("node \"%.80s\": inputs: expected a nonempty list of names", v->name);
    v->in = xmalloc(v->nin * sizeof(long));
    mpq_init(v->slope);
    mpq_init(v->lo);
    mpq_init(v->hi);
    v->first = -1;
}

static long
lookup(const graph * G, yajl_val s, const char * what)
{
    if (!YAJL_IS_STRING(s))
        fail("%s: expected a name", what);
    if (strcmp(s->u.string, G->in_name) == 0)
        return -1;
    long i = strset_find(&G->names, s->u.string);
    if (i < 0)
        fail("%s: unknown name \"%.80s\"", what, s->u.string);
    return i;
}

/* Kahn's algorithm over the nodes; a node left over is on a cycle or after one */
static void
topological_order(graph * G)
{
    long N = G->nnodes, done = 0, * indeg = xmalloc((N + 1) * sizeof(long));
    long * ustart = xmalloc((N + 2) * sizeof(long)), * users, * fill = xmalloc((N + 1) * sizeof(long));
    memset(indeg, 0, (N + 1) * sizeof(long));
    memset(ustart, 0, (N + 2) * sizeof(long));
    for (long i = 0; i < N; i++)
        for (long j = 0; j < G->v[i].nin; j++)
            if (G->v[i].in[j] >= 0)
                indeg[i]++, ustart[G->v[i].in[j] + 1]++;
    for (long i = 0; i < N; i++)
        ustart[i + 1] += ustart[i];
    users = xmalloc((ustart[N] + 1) * sizeof(long));
    memcpy(fill, ustart, (N + 1) * sizeof(long));
    for (long i = 0; i < N; i++)
        for (long j = 0; j < G->v[i].nin; j++)
            if (G->v[i].in[j] >= 0)
                users[fill[G->v[i].in[j]]++] = i;
    G->order = xmalloc((N + 1) * sizeof(long));
    for (long i = 0; i < N; i++)
        if (indeg[i] == 0)
            G->order[done++] = i;
    for (long t = 0; t < done; t++)
        for (long u = ustart[G->order[t]]; u < ustart[G->order[t] + 1]; u++)
            if (--indeg[users[u]] == 0)
                G->order[done++] = users[u];
    for (long i = 0; i < N; i++)
        if (indeg[i] > 0)
            fail("node \"%.80s\": on a cycle or after one (the graph must be acyclic)", G->v[i].name);
    xfree(indeg);
    xfree(ustart);
    xfree(users);
    xfree(fill);
}

static void
check_used(const graph * G)
{
    char * used = xmalloc(G->nnodes + 1);
    memset(used, 0, G->nnodes + 1);
    for (long o = 0; o < G->nout; o++)
        used[G->out[o]] = 1;
    for (long t = G->nnodes - 1; t >= 0; t--)
        for (long j = 0; used[G->order[t]] && j < G->v[G->order[t]].nin; j++)
            if (G->v[G->order[t]].in[j] >= 0)
                used[G->v[G->order[t]].in[j]] = 1;
    for (long i = 0; i < G->nnodes; i++)
        if (!used[i])
            fail("node \"%.80s\": not used by any output", G->v[i].name);
    xfree(used);
}

int
graph_is_graph(yajl_val root)
{
    yajl_val f = json_member(root, "format");
    return YAJL_IS_OBJECT(root) && YAJL_IS_STRING(f) && strcmp(f->u.string, "relucert-graph") == 0;
}

static void
read_top(graph * G, yajl_val root, const char * where)
{
    static const char * const keys = " format version input nodes outputs name meta classes ";
    for (size_t k = 0; k < root->u.object.len; k++)
        if (!has_word(keys, root->u.object.keys[k]))
            fail("%s: unknown key \"%.40s\" in a graph", where, root->u.object.keys[k]);
    char w[300];
    snprintf(w, sizeof(w), "%s: version", where);
    if (get_long(json_member(root, "version"), 2, 2, w) != 2)
        fail("%s: version must be 2", where);
    yajl_val in = json_member(root, "input"), nm = json_member(in, "name"), sh = json_member(in, "shape");
    long d[3], nd = (long) json_array_len(sh);
    if (!YAJL_IS_OBJECT(in) || in->u.object.len != 2 || !YAJL_IS_STRING(nm) || !YAJL_IS_ARRAY(sh) || nd < 1 || nd > 3)
        fail("%s: input: expected {\"name\": ..., \"shape\": [n], [C, L] or [C, H, W]}", where);
    snprintf(w, sizeof(w), "%s: input: shape", where);
    for (long a = 0; a < nd; a++)
        d[a] = get_long(json_array_item(sh, a), 1, MAX_SIZE, w);
    set_shape(&G->in, (int) nd, d, w);
    G->in_name = nm->u.string;
    G->n = G->in.size;
}

graph *
graph_read(yajl_val root, const char * where)
{
    graph * G = xmalloc(sizeof(graph));
    memset(G, 0, sizeof(graph));
    if (!graph_is_graph(root))
        fail("%s: not a graph (\"format\": \"relucert-graph\")", where);
    read_top(G, root, where);
    yajl_val nodes = json_member(root, "nodes"), outs = json_member(root, "outputs");
    G->nnodes = (long) json_array_len(nodes);
    G->nout = (long) json_array_len(outs);
    if (!YAJL_IS_ARRAY(nodes) || G->nnodes == 0 || !YAJL_IS_ARRAY(outs) || G->nout == 0)
        fail("%s: a graph needs nonempty lists \"nodes\" and \"outputs\"", where);
    G->v = xmalloc(G->nnodes * sizeof(gnode));
    memset(G->v, 0, G->nnodes * sizeof(gnode));
    strset_init(&G->names);
    for (long i = 0; i < G->nnodes; i++)
    {
        int is_new;
        read_head(G, i, json_array_item(nodes, i));
        if (strcmp(G->v[i].name, G->in_name) == 0)
            fail("node \"%.80s\": the input's name", G->v[i].name);
        strset_insert(&G->names, (char *) G->v[i].name, i, &is_new);
        if (!is_new)
            fail("node \"%.80s\": two nodes have this name", G->v[i].name);
    }
    for (long i = 0; i < G->nnodes; i++)
    {
        char w[200];
        snprintf(w, sizeof(w), "node \"%.80s\": inputs", G->v[i].name);
        for (long j = 0; j < G->v[i].nin; j++)
            G->v[i].in[j] = lookup(G, json_array_item(json_member(json_array_item(nodes, i), "inputs"), j), w);
    }
    G->out = xmalloc(G->nout * sizeof(long));
    for (long o = 0; o < G->nout; o++)
        if ((G->out[o] = lookup(G, json_array_item(outs, o), "graph: outputs")) < 0)
            fail("%s: outputs: the input itself (add an identity node)", where);
    topological_order(G);
    check_used(G);
    for (long t = 0; t < G->nnodes; t++)
        read_params(G, G->order[t], json_array_item(nodes, G->order[t]));
    for (long o = 0; o < G->nout; o++)
        G->m += G->v[G->out[o]].sh.size;
    return G;
}

long
graph_input_dim(const graph * G)
{
    return G->n;
}

long
graph_output_dim(const graph * G)
{
    return G->m;
}

long
graph_num_nodes(const graph * G)
{
    return G->nnodes;
}

/* ---- evaluation ------------------------------------------------------------- */
/* Where a unit's piece comes from: the signs at a point (pat NULL), or the
   bits of a region's pattern, each boundary checked against the lowered
   neuron's affine function on the region (Z: hidden x d). */
typedef struct
{
    const char * pat;
    mpq_t * Z;
    long d, ri, k;           /* k: the next neuron of the current unit */
}
pieces;

/* y += a x (d components) */
static void
axpy(mpq_t * y, const mpq_t a, mpq_t * const x, long d, mpq_t t)
{
    for (long c = 0; c < d; c++)
    {
        mpq_mul(t, a, x[c]);
        mpq_add(y[c], y[c], t);
    }
}

static void
add_vec(mpq_t * y, mpq_t * const x, long d)
{
    for (long c = 0; c < d; c++)
        mpq_add(y[c], y[c], x[c]);
}

static void
copy_vec(mpq_t * y, mpq_t * const x, long d)
{
    for (long c = 0; c < d; c++)
        mpq_set(y[c], x[c]);
}

/* [B > 0] for the boundary B of entry e of unit v */
static int
piece_bit(pieces * P, const gnode * v, mpq_t * const B, long e)
{
    if (P->pat == NULL)
        return mpq_sgn(B[0]) > 0;
    long r = P->k++;
    if (r >= v->first + v->nneur)
        fail("node \"%.80s\": more piece boundaries than lowered neurons", v->name);
    for (long c = 0; c < P->d; c++)
        if (!mpq_equal(B[c], P->Z[r * P->d + c]))
            fail("region %ld: neuron %ld (node \"%.80s\", entry %ld) differs from the graph's piece boundary on the "
                 "region: the certificate's network is not the lowering of the graph", P->ri, r, v->name, e);
    return P->pat[r] == '1';
}

/* The members of output entry e of a max or max_pool (flat input indices),
   in the order of the group or of the window (padding left out) */
static long
max_members(long * idx, const graph * G, const gnode * v, long e)
{
    if (v->op == OP_MAX)
    {
        long k = v->gstart[e + 1] - v->gstart[e];
        memcpy(idx, v->gidx + v->gstart[e], k * sizeof(long));
        return k;
    }
    const shape * in = in_shape(G, v, 0);
    int two = in->nd == 3;
    long H = in->d[1], W = two ? in->d[2] : 1, OH = v->sh.d[1], OW = two ? v->sh.d[2] : 1;
    long c = e / (OH * OW), o0 = (e / OW) % OH, o1 = e % OW, k = 0;
    for (long a = 0; a < v->k[0]; a++)
        for (long b = 0; b < (two ? v->k[1] : 1); b++)
        {
            long i0 = o0 * v->s[0] - v->p[0] + a, i1 = two ? o1 * v->s[1] - v->p[1] + b : 0;
            if (i0 >= 0 && i0 < H && i1 >= 0 && i1 < W)
                idx[k++] = (c * H + i0) * W + i1;
        }
    return k;
}

static long
max_arity(const gnode * v)
{
    long a = 0;
    if (v->op == OP_MAX)
        for (long e = 0; e < v->ngroups; e++)
            a = v->gstart[e + 1] - v->gstart[e] > a ? v->gstart[e + 1] - v->gstart[e] : a;
    else
        a = v->k[0] * v->k[1];
    return a;
}

static void
eval_max(mpq_t * out, const graph * G, const gnode * v, mpq_t * const in, pieces * P, mpq_t * B)
{
    long d = P->d, * idx = xmalloc((max_arity(v) + 1) * sizeof(long));
    for (long e = 0; e < v->sh.size; e++)
    {
        long k = max_members(idx, G, v, e), best = idx[0];
        if (k == 0)
            fail("node \"%.80s\": output entry %ld has an empty window", v->name, e);
        if (k == 2)
        {
            for (long c = 0; c < d; c++)
                mpq_sub(B[c], in[idx[0] * d + c], in[idx[1] * d + c]);
            best = piece_bit(P, v, B, e) ? idx[0] : idx[1];
        }
        else if (k > 2 && P->pat != NULL)
        {
            /* a max group of k neurons (graph_match_lowering): every member is its neuron's
               pre-activation, and the member whose bit is 1 is the maximum on the region */
            best = -1;
            for (long j = 0; j < k; j++)
                if (piece_bit(P, v, in + idx[j] * d, e))
                    best = idx[j];
            if (best < 0)
                fail("node \"%.80s\": output entry %ld: no member of its max group is on", v->name, e);
        }
        else
            for (long j = 1; j < k; j++)
                if (mpq_cmp(in[idx[j] * d], in[best * d]) > 0)
                    best = idx[j];
        copy_vec(out + e * d, in + best * d, d);
    }
    xfree(idx);
}

/* relu, leaky_relu, abs, clamp through their boundaries (the identities at the top) */
static void
eval_unit(mpq_t * out, const gnode * v, mpq_t * const in, pieces * P, mpq_t * B)
{
    long d = P->d;
    for (long e = 0; e < v->sh.size; e++)
    {
        mpq_t * z = in + e * d, * o = out + e * d;
        if (v->op == OP_CLAMP)    /* o = min + [B1 > 0] B1 - [B2 > 0] B2, B1 = z - min, B2 = z - max */
        {
            copy_vec(o, z, d);
            if (v->has_lo)
            {
                copy_vec(B, z, d);
                mpq_sub(B[0], B[0], v->lo);
                if (!piece_bit(P, v, B, e))
                {
                    for (long c = 0; c < d; c++)
                        mpq_set_ui(o[c], 0, 1);
                    mpq_set(o[0], v->lo);
                }
            }
            if (v->has_hi)
            {
                copy_vec(B, z, d);
                mpq_sub(B[0], B[0], v->hi);
                if (piece_bit(P, v, B, e))
                    for (long c = 0; c < d; c++)
                        mpq_sub(o[c], o[c], B[c]);
            }
            continue;
        }
        int on = piece_bit(P, v, z, e);
        for (long c = 0; c < d; c++)
            if (on)
                mpq_set(o[c], z[c]);
            else if (v->op == OP_RELU)
                mpq_set_ui(o[c], 0, 1);
            else if (v->op == OP_LEAKY)
                mpq_mul(o[c], v->slope, z[c]);
            else
                mpq_neg(o[c], z[c]);
    }
}

static void
eval_dense(mpq_t * out, const gnode * v, mpq_t * const in, long d, mpq_t t)
{
    long cols = v->nw / v->sh.size;
    for (long i = 0; i < v->sh.size; i++)
    {
        mpq_set(out[i * d], v->b[i]);
        for (long j = 0; j < cols; j++)
            if (mpq_sgn(v->w[i * cols + j]) != 0)
                axpy(out + i * d, v->w[i * cols + j], in + j * d, d, t);
    }
}

/* cross-correlation with zero padding, as torch.nn.Conv1d/Conv2d */
static void
eval_conv(mpq_t * out, const graph * G, const gnode * v, mpq_t * const in, long d, mpq_t t)
{
    const shape * is = in_shape(G, v, 0);
    int two = is->nd == 3;
    long H = is->d[1], W = two ? is->d[2] : 1, OH = v->sh.d[1], OW = two ? v->sh.d[2] : 1;
    long cin = v->wd[1], per = v->wd[0] / v->groups, kh = v->k[0], kw = v->k[1];
    for (long o = 0; o < v->wd[0]; o++)
        for (long y = 0; y < OH; y++)
            for (long x = 0; x < OW; x++)
            {
                mpq_t * r = out + ((o * OH + y) * OW + x) * d;
                mpq_set(r[0], v->b[o]);
                for (long c = 0; c < cin; c++)
                    for (long a = 0; a < kh; a++)
                        for (long b = 0; b < kw; b++)
                        {
                            long i0 = y * v->s[0] - v->p[0] + a * v->dil[0];
                            long i1 = two ? x * v->s[1] - v->p[1] + b * v->dil[1] : 0;
                            long ci = (o / per) * cin + c;
                            if (i0 >= 0 && i0 < H && i1 >= 0 && i1 < W)
                                axpy(r, v->w[((o * cin + c) * kh + a) * kw + b], in + ((ci * H + i0) * W + i1) * d, d, t);
                        }
            }
}

/* sum or mean over each window (padding zeros count in the mean) */
static void
eval_pool(mpq_t * out, const graph * G, const gnode * v, mpq_t * const in, long d, mpq_t t)
{
    long * idx = xmalloc((v->k[0] * v->k[1] + 1) * sizeof(long));
    mpq_set_si(t, 1, (unsigned long) (v->k[0] * v->k[1]));
    for (long e = 0; e < v->sh.size; e++)
    {
        long k = max_members(idx, G, v, e);
        for (long j = 0; j < k; j++)
            add_vec(out + e * d, in + idx[j] * d, d);
        if (v->op == OP_AVG_POOL)
            for (long c = 0; c < d; c++)
                mpq_mul(out[e * d + c], out[e * d + c], t);
    }
    xfree(idx);
}

/* the affine operations other than dense, conv and the pools */
static void
eval_affine(mpq_t * out, const graph * G, const gnode * v, mpq_t * const * in, long d, mpq_t t)
{
    const shape * is = in_shape(G, v, 0);
    long size = v->sh.size, per = is->size / is->d[0];
    if (v->op == OP_GAP)
    {
        for (long e = 0; e < is->size; e++)
            add_vec(out + (e / per) * d, in[0] + e * d, d);
        mpq_set_si(t, 1, (unsigned long) per);
        for (long c = 0; c < size * d; c++)
            mpq_mul(out[c], out[c], t);
    }
    else if (v->op == OP_BN)
        for (long e = 0; e < size; e++)
        {
            axpy(out + e * d, v->w[e / per], in[0] + e * d, d, t);
            mpq_add(out[e * d], out[e * d], v->b[e / per]);
        }
    else if (v->op == OP_ADD)
        for (long e = 0; e < size; e++)
        {
            for (long i = 0; i < v->nin; i++)
                axpy(out + e * d, v->w[i], in[i] + e * d, d, t);
            mpq_add(out[e * d], out[e * d], v->b[v->nb == 1 ? 0 : e]);
        }
    else if (v->op == OP_MUL)
        for (long e = 0; e < size; e++)
            axpy(out + e * d, v->w[v->nw == 1 ? 0 : e], in[0] + e * d, d, t);
    else if (v->op == OP_CONCAT)
    {
        long outer = 1, at = 0;
        for (long a = 0; a < v->axis; a++)
            outer *= is->d[a];
        for (long o = 0; o < outer; o++)
            for (long i = 0; i < v->nin; i++)
            {
                long blk = in_shape(G, v, i)->size / outer;
                for (long j = 0; j < blk; j++, at++)
                    copy_vec(out + at * d, in[i] + (o * blk + j) * d, d);
            }
    }
    else    /* flatten, reshape, identity */
        for (long e = 0; e < size; e++)
            copy_vec(out + e * d, in[0] + e * d, d);
}

static void
eval_node(mpq_t * out, const graph * G, const gnode * v, mpq_t * const * in, pieces * P, mpq_t * B, mpq_t t)
{
    long d = P->d;
    switch (v->op)
    {
        case OP_DENSE: eval_dense(out, v, in[0], d, t); break;
        case OP_CONV: eval_conv(out, G, v, in[0], d, t); break;
        case OP_AVG_POOL: case OP_SUM_POOL: eval_pool(out, G, v, in[0], d, t); break;
        case OP_RELU: case OP_LEAKY: case OP_ABS: case OP_CLAMP: eval_unit(out, v, in[0], P, B); break;
        case OP_MAX: case OP_MAX_POOL: eval_max(out, G, v, in[0], P, B); break;
        default: eval_affine(out, G, v, in, d, t);
    }
}

/* Every node in topological order from the input's value x0 (n entries of d
   components); y gets the outputs, concatenated (m entries of d). */
static void
evaluate(mpq_t * y, const graph * G, mpq_t * const x0, pieces * P)
{
    long d = P->d, work = G->n;
    for (long i = 0; i < G->nnodes; i++)
        work += G->v[i].sh.size;
    if (work > MAX_WORK / d)
        fail("graph: its values would need more than %ld rationals: too large for the checker", MAX_WORK);
    mpq_t ** val = xmalloc(G->nnodes * sizeof(mpq_t *)), * B = qvec(d), t;
    mpq_init(t);
    for (long s = 0; s < G->nnodes; s++)
    {
        long i = G->order[s];
        const gnode * v = G->v + i;
        mpq_t ** in = xmalloc(v->nin * sizeof(mpq_t *));
        for (long j = 0; j < v->nin; j++)
            in[j] = v->in[j] < 0 ? x0 : val[v->in[j]];
        val[i] = qvec(v->sh.size * d);
        P->k = v->first;
        eval_node(val[i], G, v, in, P, B, t);
        if (P->pat != NULL && P->k != v->first + v->nneur)
            fail("node \"%.80s\": fewer piece boundaries than lowered neurons", v->name);
        xfree(in);
    }
    for (long o = 0, at = 0; o < G->nout; o++)
    {
        const gnode * v = G->v + G->out[o];
        copy_vec(y + at * d, val[G->out[o]], v->sh.size * d);
        at += v->sh.size;
    }
    for (long i = 0; i < G->nnodes; i++)
    {
        for (long c = 0; c < G->v[i].sh.size * d; c++)
            mpq_clear(val[i][c]);
        xfree(val[i]);
    }
    for (long c = 0; c < d; c++)
        mpq_clear(B[c]);
    xfree(B);
    xfree(val);
    mpq_clear(t);
}

void
graph_eval(mpq_t * y, const graph * G, mpq_t * const x)
{
    pieces P = { NULL, NULL, 1, -1, 0 };
    evaluate(y, G, x, &P);
}

static void
clear_vec(mpq_t * v, long len)
{
    for (long i = 0; i < len; i++)
        mpq_clear(v[i]);
    xfree(v);
}

void
graph_check_region(const graph * G, const network * net, const char * pat, long ri)
{
    long n = net->n, d = n + 1, N = net->hidden, m = G->m;
    mpq_t * x0 = qvec(n * d), * y = qvec(m * d), * Z = qvec(N * d), * Y = qvec(m * d);
    for (long i = 0; i < n; i++)
        mpq_set_ui(x0[i * d + 1 + i], 1, 1);    /* entry i of the input is x_i */
    affine_of_pattern_out(Z, Y, net, pat);
    pieces P = { pat, Z, d, ri, 0 };
    evaluate(y, G, x0, &P);
    for (long o = 0; o < m; o++)
        for (long c = 0; c < d; c++)
            if (!mpq_equal(y[o * d + c], Y[o * d + c]))
                fail("region %ld: output %ld of the graph differs from the certificate's network on the region: the "
                     "certificate's network is not the lowering of the graph", ri, o);
    clear_vec(x0, n * d);
    clear_vec(y, m * d);
    clear_vec(Z, N * d);
    clear_vec(Y, m * d);
}

/* Lowered neurons of one output entry of a max or max_pool with k members:
   none for one, a - b for two, a max group of k for three or more */
static long
entry_neurons(long k)
{
    return k == 2 ? 1 : k > 2 ? k : 0;
}

/* Lowered neurons of node v: one per boundary (relu, leaky_relu, abs: 1; clamp:
   1 per bound; a max of two: 1, of one: 0), and a max of k >= 3 members: a
   max group of k neurons, one per member */
static long
unit_neurons(const graph * G, const gnode * v)
{
    if (v->op == OP_RELU || v->op == OP_LEAKY || v->op == OP_ABS)
        return v->sh.size;
    if (v->op == OP_CLAMP)
        return v->sh.size * (v->has_lo + v->has_hi);
    if (v->op != OP_MAX && v->op != OP_MAX_POOL)
        return 0;
    long c = 0, * idx = xmalloc((max_arity(v) + 1) * sizeof(long));
    for (long e = 0; e < v->sh.size; e++)
    {
        long k = max_members(idx, G, v, e);
        c += entry_neurons(k);
    }
    xfree(idx);
    return c;
}

/* The max groups the units say (want[r]: first neuron of r's group, -1 for
   none): exactly the network's, or a ReLU of the network could stand for a
   member, or a group for a relu, and the identities would not hold. */
static void
match_groups(const graph * G, const network * net, const char * where)
{
    long N = net->hidden, * want = xmalloc((N + 1) * sizeof(long));
    for (long r = 0; r < N; r++)
        want[r] = -1;
    for (long i = 0; i < G->nnodes; i++)
    {
        const gnode * v = G->v + i;
        if ((v->op != OP_MAX && v->op != OP_MAX_POOL) || v->first < 0)
            continue;
        long r = v->first, * idx = xmalloc((max_arity(v) + 1) * sizeof(long));
        for (long e = 0; e < v->sh.size; e++)
        {
            long k = max_members(idx, G, v, e);
            for (long j = 0; j < k && k > 2; j++)
                want[r + j] = r;
            r += entry_neurons(k);
        }
        xfree(idx);
    }
    for (long r = 0; r < N; r++)
        if (want[r] != (net->grp != NULL ? net->grp[r] : -1))
            fail("%s: neuron %ld: the certificate's network's max groups are not the graph's maxes over more than two "
                 "entries (one group of k neurons per such max, in the order of its members)", where, r);
    xfree(want);
}

void
graph_match_lowering(graph * G, const network * net, yajl_val netroot, const char * where)
{
    long N = net->hidden;
    if (G->n != net->n || G->m != net->width[net->nlayers])
        fail("%s: the graph has %ld inputs and %ld outputs, the certificate's network %ld and %ld", where, G->n, G->m,
             net->n, net->width[net->nlayers]);
    yajl_val lf = json_member(json_member(netroot, "meta"), "lowered_from"), units = json_member(lf, "units");
    yajl_val fmt = json_member(lf, "format");
    if (!YAJL_IS_STRING(fmt) || strcmp(fmt->u.string, "relucert-graph") != 0 || !YAJL_IS_ARRAY(units))
        fail("%s: the certificate's network has no meta.lowered_from {\"format\": \"relucert-graph\", \"units\": [...]}: "
             "it is not the lowering of a graph", where);
    char * covered = xmalloc(N + 1);
    memset(covered, 0, N + 1);
    for (long i = 0; i < G->nnodes; i++)
        G->v[i].nneur = unit_neurons(G, G->v + i);
    for (long u = 0; u < (long) json_array_len(units); u++)
    {
        yajl_val U = json_array_item(units, u), nm = json_member(U, "node"), op = json_member(U, "op");
        long i = YAJL_IS_STRING(nm) ? strset_find(&G->names, nm->u.string) : -1;
        long first = json_get_index(json_member(U, "first_neuron")), k = json_get_index(json_member(U, "neurons"));
        if (!YAJL_IS_OBJECT(U) || i < 0 || !YAJL_IS_STRING(op) || first < 0 || k < 0)
            fail("%s: meta.lowered_from.units[%ld]: expected {\"node\": a node of the graph, \"op\", \"first_neuron\", "
                 "\"neurons\"}", where, u);
        gnode * v = G->v + i;
        if (strcmp(op->u.string, op_name[v->op]) != 0 || k != v->nneur || k == 0 || v->first >= 0)
            fail("%s: meta.lowered_from.units[%ld]: node \"%.80s\" (%s) has %ld piece boundaries, listed once", where, u,
                 v->name, op_name[v->op], v->nneur);
        if (first > N || k > N - first)
            fail("%s: meta.lowered_from.units[%ld]: neurons beyond the network's %ld", where, u, N);
        for (long r = first; r < first + k; r++)
            if (covered[r]++)
                fail("%s: meta.lowered_from: neuron %ld is in two units", where, r);
        v->first = first;
    }
    for (long i = 0; i < G->nnodes; i++)
        if (G->v[i].nneur > 0 && G->v[i].first < 0)
            fail("%s: meta.lowered_from: node \"%.80s\" has no neurons listed", where, G->v[i].name);
    for (long r = 0; r < N; r++)
        if (!covered[r])
            fail("%s: meta.lowered_from: neuron %ld belongs to no unit", where, r);
    xfree(covered);
    match_groups(G, net, where);
}
