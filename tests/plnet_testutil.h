/* Helpers of the graph tests: a JSON text builder, graphs from text, and an
   evaluator of version-1 networks with shortcuts written here from the
   definition (doc/FORMAT.md, "Shortcuts"), sharing no code with the library. */
#ifndef RELUCERT_PLNET_TESTUTIL_H
#define RELUCERT_PLNET_TESTUTIL_H

#include <stdarg.h>
#include "testutil.h"

typedef struct { char * s; size_t len, cap; } sbuf;

static inline void
test_vec_set(fmpq * y, const fmpq * x, slong n)
{
    for (slong k = 0; k < n; k++)
        fmpq_set(y + k, x + k);
}

static inline void
sb_printf(sbuf * b, const char * fmt, ...)
{
    va_list ap;
    for (;;)
    {
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int k = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
        va_end(ap);
        if ((size_t) k < room)
        {
            b->len += k;
            return;
        }
        b->cap = 2 * (b->cap + k + 64);
        b->s = realloc(b->s, b->cap);
    }
}

/* Reads a graph from text; aborts with the message on failure. */
static inline void
test_graph_from_text(plnet_t g, const char * text)
{
    jnode * root = NULL;
    rc_error_t err;
    rc_error_init(err);
    CHECK(jnode_parse(&root, text, strlen(text), err) == RELU_OK, "%s in %s", err->msg, text);
    CHECK(plnet_read_jnode(g, root, err) == RELU_OK, "%s in %s", err->msg, text);
    jnode_free(root);
}

/* y = the network at x: z_j = W_j h_{j-1} + b_j + sum_s S_s h_{from_s},
   h_{-1} = x, h_i = max(z_i, 0). */
static inline void
test_eval_shortcuts(fmpq * y, const net_t net, const fmpq * x)
{
    fmpq ** h = malloc((net->nlayers + 1) * sizeof(fmpq *));
    h[0] = _fmpq_vec_init(net->input_dim);
    test_vec_set(h[0], x, net->input_dim);
    for (slong j = 0; j < net->nlayers; j++)
    {
        const net_layer_struct * L = net->layers + j;
        h[j + 1] = _fmpq_vec_init(L->W->r);
        for (slong r = 0; r < L->W->r; r++)
        {
            fmpq * z = h[j + 1] + r;
            fmpq_set(z, L->b + r);
            for (slong k = 0; k < L->W->c; k++)
                fmpq_addmul(z, fmpq_mat_entry(L->W, r, k), h[j] + k);
            for (slong s = 0; s < L->nshortcuts; s++)
            {
                const net_shortcut_struct * S = L->shortcuts + s;
                CHECK(S->from >= -1 && S->from <= j - 2, "shortcut from %ld into layer %ld", (long) S->from, (long) j);
                for (slong k = 0; k < S->S->c; k++)
                    fmpq_addmul(z, fmpq_mat_entry(S->S, r, k), h[S->from + 1] + k);
            }
            if (j < net->nlayers - 1 && fmpq_sgn(z) < 0)
                fmpq_zero(z);
        }
    }
    test_vec_set(y, h[net->nlayers], net_num_outputs(net));
    _fmpq_vec_clear(h[0], net->input_dim);
    for (slong j = 0; j < net->nlayers; j++)
        _fmpq_vec_clear(h[j + 1], net->layers[j].W->r);
    free(h);
}

/* ---- random graphs on vectors (t-plnet_lower, t-plnet_regions) ---- */
static inline void
_num(sbuf * b, flint_rand_t st)
{
    slong p = (slong) n_randint(st, 7) - 3, q = 1 + n_randint(st, 3);
    if (q == 1)
        sb_printf(b, "%ld", (long) p);
    else
        sb_printf(b, "\"%ld/%ld\"", (long) p, (long) q);
}

static inline void
_matrix(sbuf * b, flint_rand_t st, slong r, slong c)
{
    sb_printf(b, "[");
    for (slong i = 0; i < r; i++)
    {
        sb_printf(b, i ? ", [" : "[");
        for (slong j = 0; j < c; j++)
        {
            if (j)
                sb_printf(b, ", ");
            _num(b, st);
        }
        sb_printf(b, "]");
    }
    sb_printf(b, "]");
}

static inline void
_vec(sbuf * b, flint_rand_t st, slong n)
{
    sb_printf(b, "[");
    for (slong j = 0; j < n; j++)
    {
        if (j)
            sb_printf(b, ", ");
        _num(b, st);
    }
    sb_printf(b, "]");
}

typedef struct { char name[24]; slong size; int used; } _tensor;

/* One of the pointwise units on tensor src (name given), as text. */
static inline void
_unit_node(sbuf * b, flint_rand_t st, const char * name, const char * src)
{
    int k = n_randint(st, 7);
    sb_printf(b, "{\"name\": \"%s\", \"inputs\": [\"%s\"], ", name, src);
    if (k == 0 || k == 1)
        sb_printf(b, "\"op\": \"relu\"}");
    else if (k == 2)
        sb_printf(b, "\"op\": \"leaky_relu\", \"slope\": \"%s\"}", n_randint(st, 2) ? "1/10" : "-2");
    else if (k == 3)
        sb_printf(b, "\"op\": \"abs\"}");
    else if (k == 4)
        sb_printf(b, "\"op\": \"clamp\", \"min\": -1, \"max\": \"3/2\"}");
    else if (k == 5)
        sb_printf(b, "\"op\": \"clamp\", \"min\": 0}");
    else
        sb_printf(b, "\"op\": \"clamp\", \"min\": null, \"max\": \"1/2\"}");
}

/* A max group of up to maxk (>= 3) distinct members of an input of `size` entries. */
static inline void
_max_group(sbuf * b, flint_rand_t st, slong size, slong maxk)
{
    slong k = 1 + n_randint(st, FLINT_MIN(maxk, size)), m[8];
    for (slong t = 0; t < k; t++)
    {
        int fresh;
        do
        {
            m[t] = n_randint(st, size);
            fresh = 1;
            for (slong u = 0; u < t; u++)
                fresh &= (m[u] != m[t]);
        }
        while (!fresh);
        sb_printf(b, t ? ", %ld" : "[%ld", (long) m[t]);
    }
    sb_printf(b, "]");
}

/* A graph on vectors: dense, units, max (groups of 1 and 2; of 1 to maxk
   distinct members when maxk > 2, at most 8), add, mul, concat, batch_norm,
   reshape, flatten, identity; leaves become two outputs. */
static inline void
_vector_graph_k(sbuf * b, flint_rand_t st, slong n, slong maxk)
{
    _tensor t[40];
    slong nt = 1, steps = 3 + n_randint(st, 8);
    strcpy(t[0].name, "x");
    t[0].size = n;
    t[0].used = 0;
    sb_printf(b, "{\"format\": \"relucert-graph\", \"version\": 2, \"input\": {\"name\": \"x\", \"shape\": [%ld]}, \"nodes\": [", (long) n);
    for (slong s = 0; s < steps; s++)
    {
        _tensor * a = t + n_randint(st, nt), * c = t + nt;
        snprintf(c->name, sizeof(c->name), "n%ld", (long) s);
        c->used = 0;
        c->size = a->size;
        a->used = 1;
        if (s)
            sb_printf(b, ", ");
        int op = n_randint(st, 10);
        if (op == 0)
        {
            c->size = 1 + n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"dense\", \"inputs\": [\"%s\"], \"weights\": ", c->name, a->name);
            _matrix(b, st, c->size, a->size);
            sb_printf(b, ", \"biases\": ");
            _vec(b, st, c->size);
            sb_printf(b, "}");
        }
        else if (op <= 3)
            _unit_node(b, st, c->name, a->name);
        else if (op == 4)
        {
            c->size = 1 + n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"max\", \"inputs\": [\"%s\"], \"groups\": [", c->name, a->name);
            for (slong e = 0; e < c->size && maxk > 2; e++)
            {
                if (e)
                    sb_printf(b, ", ");
                _max_group(b, st, a->size, maxk);
            }
            for (slong e = 0; e < c->size && maxk <= 2; e++)
            {
                slong i = n_randint(st, a->size), j = n_randint(st, a->size);
                if (n_randint(st, 4) == 0 || i == j)
                    sb_printf(b, e ? ", [%ld]" : "[%ld]", (long) i);
                else
                    sb_printf(b, e ? ", [%ld, %ld]" : "[%ld, %ld]", (long) i, (long) j);
            }
            sb_printf(b, "]}");
        }
        else if (op == 5)
        {
            _tensor * d = t + n_randint(st, nt);
            if (d->size != a->size)
                d = a;
            d->used = 1;
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"add\", \"inputs\": [\"%s\", \"%s\"], \"coefficients\": [1, \"-1/2\"], \"constant\": ",
                      c->name, a->name, d->name);
            _num(b, st);
            sb_printf(b, "}");
        }
        else if (op == 6)
        {
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"mul\", \"inputs\": [\"%s\"], \"factor\": ", c->name, a->name);
            if (n_randint(st, 2))
                _vec(b, st, a->size);
            else
                _num(b, st);
            sb_printf(b, "}");
        }
        else if (op == 7)
        {
            _tensor * d = t + n_randint(st, nt);
            d->used = 1;
            c->size = a->size + d->size;
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"concat\", \"inputs\": [\"%s\", \"%s\"]}", c->name, a->name, d->name);
        }
        else if (op == 8)
        {
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"batch_norm\", \"inputs\": [\"%s\"], \"scale\": ", c->name, a->name);
            _vec(b, st, a->size);
            sb_printf(b, ", \"shift\": ");
            _vec(b, st, a->size);
            sb_printf(b, "}");
        }
        else
        {
            static const char * const ops[] = { "identity", "flatten", "reshape" };
            int k = n_randint(st, 3);
            sb_printf(b, "{\"name\": \"%s\", \"op\": \"%s\", \"inputs\": [\"%s\"]%s}", c->name, ops[k], a->name,
                      k == 2 ? ", \"shape\": [-1]" : "");
        }
        nt++;
    }
    /* leaves: the first is output 1, the others concatenated output 2 */
    slong first = -1, rest = 0;
    for (slong i = 1; i < nt; i++)
        if (!t[i].used)
            first < 0 ? (void) (first = i) : (void) rest++;
    if (rest > 0)
    {
        sb_printf(b, ", {\"name\": \"cat\", \"op\": \"concat\", \"inputs\": [");
        for (slong i = 1, k = 0; i < nt; i++)
            if (!t[i].used && i != first)
                sb_printf(b, k++ ? ", \"%s\"" : "\"%s\"", t[i].name);
        sb_printf(b, "]}], \"outputs\": [\"%s\", \"cat\"]}", t[first].name);
    }
    else
        sb_printf(b, "], \"outputs\": [\"%s\"]}", t[first].name);
}

static inline void
_vector_graph(sbuf * b, flint_rand_t st, slong n)
{
    _vector_graph_k(b, st, n, 2);
}

#endif
