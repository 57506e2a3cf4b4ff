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

#endif
