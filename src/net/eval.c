/* Exact forward pass, and the affine map of a network on one activation
   pattern: on the region where the pattern holds, the network is
   x -> W_L D_{L-1} W_{L-1} ... D_1 W_1 x + (bias terms), with D_i = diag(active),
   plus the shortcuts' terms. */
#include <flint/flint.h>
#include <string.h>
#include <flint/fmpq_vec.h>
#include "net/net.h"
#include "num/num.h"

/* z = W a + b + sum_s S_s h[from_s], h[-1] = x */
static void
_layer_apply(fmpq * z, const net_layer_struct * L, const fmpq * a, fmpq * const * h, const fmpq * x)
{
    for (slong i = 0; i < L->W->r; i++)
    {
        fmpq_set(z + i, L->b + i);
        for (slong j = 0; j < L->W->c; j++)
            fmpq_addmul(z + i, fmpq_mat_entry(L->W, i, j), a + j);
        for (slong s = 0; s < L->nshortcuts; s++)
        {
            const fmpq_mat_struct * S = L->shortcuts[s].S;
            const fmpq * src = L->shortcuts[s].from < 0 ? x : h[L->shortcuts[s].from];
            for (slong j = 0; j < S->c; j++)
                fmpq_addmul(z + i, fmpq_mat_entry(S, i, j), src + j);
        }
    }
}

/* A max group's outputs from its pre-activations z (len entries): the argmax
   w (the lowest index among ties) keeps its value, the others become 0;
   signs (when not NULL): w +1, members tied with it 0, the others -1. */
static void
_group_apply(signed char * signs, fmpq * z, slong len)
{
    slong w = 0;
    for (slong t = 1; t < len; t++)
        if (fmpq_cmp(z + t, z + w) > 0)
            w = t;
    for (slong t = 0; t < len; t++)
    {
        if (signs != NULL)
            signs[t] = t == w ? 1 : (fmpq_equal(z + t, z + w) ? 0 : -1);
        if (t != w)
            fmpq_zero(z + t);
    }
}

/* Every hidden layer's output is kept (h[l]), since a later layer may read
   it through a shortcut. */
void
net_eval(fmpq * y, signed char * signs, const net_t net, const fmpq * x)
{
    slong L = net->nlayers, n = net->input_dim, m = net_num_outputs(net), k = 0;
    fmpq * x0 = _fmpq_vec_init(n);
    fmpq ** h = flint_malloc(FLINT_MAX(L - 1, 1) * sizeof(fmpq *));
    fmpq * z = _fmpq_vec_init(m);
    for (slong j = 0; j < n; j++)
        fmpq_set(x0 + j, x + j);
    for (slong l = 0; l < L; l++)
    {
        const net_layer_struct * Ly = net->layers + l;
        const fmpq * a = l == 0 ? x0 : h[l - 1];
        if (l + 1 == L)
        {
            _layer_apply(z, Ly, a, h, x0);
            break;
        }
        h[l] = _fmpq_vec_init(Ly->W->r);
        _layer_apply(h[l], Ly, a, h, x0);
        for (slong i = 0; i < Ly->W->r; )
        {
            slong len = net_group_len(net, k);
            if (len > 1)
                _group_apply(signs == NULL ? NULL : signs + k, h[l] + i, len);
            else
            {
                int sg = fmpq_sgn(h[l] + i);
                if (signs != NULL)
                    signs[k] = (signed char) sg;
                if (sg <= 0)
                    fmpq_zero(h[l] + i);
            }
            i += len;
            k += len;
        }
    }
    for (slong i = 0; i < m; i++)
        fmpq_set(y + i, z + i);
    for (slong l = 0; l + 1 < L; l++)
        _fmpq_vec_clear(h[l], net->layers[l].W->r);
    flint_free(h);
    _fmpq_vec_clear(z, m);
    _fmpq_vec_clear(x0, n);
}

/* The rows of every layer on the pattern (net_layer_rows), hidden rows
   multiplied by diag(active). */
void
net_affine_of_pattern(fmpq_mat_t M, fmpq * c, const net_t net, const unsigned char * active)
{
    slong n = net->input_dim, m = net_num_outputs(net), L = net->nlayers, k = 0;
    if (M->r != m || M->c != n)
    {
        flint_printf("Exception (net_affine_of_pattern): M is %wd x %wd, expected %wd x %wd\n",
                     M->r, M->c, m, n);
        fflush(stdout);
        abort();
    }
    fmpq_mat_struct * H = flint_malloc(L * sizeof(fmpq_mat_struct));
    for (slong l = 0; l < L; l++)
    {
        fmpq_mat_init(H + l, net->layers[l].W->r, n + 1);
        net_layer_rows(H + l, net, l, H);
        if (l + 1 < L)
            for (slong i = 0; i < H[l].r; i++, k++)
                if (!active[k])
                    for (slong j = 0; j <= n; j++)
                        fmpq_zero(fmpq_mat_entry(H + l, i, j));
    }
    for (slong i = 0; i < m; i++)
    {
        fmpq_set(c + i, fmpq_mat_entry(H + L - 1, i, 0));
        for (slong j = 0; j < n; j++)
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(H + L - 1, i, j + 1));
    }
    for (slong l = 0; l < L; l++)
        fmpq_mat_clear(H + l);
    flint_free(H);
}

void
net_eval_report_init(net_eval_report_t r)
{
    memset(r, 0, sizeof(net_eval_report_struct));
    fmpq_mat_init(r->W, 0, 0);
}

void
net_eval_report_clear(net_eval_report_t r)
{
    _fmpq_vec_clear(r->x, r->n);
    _fmpq_vec_clear(r->y, r->m);
    _fmpq_vec_clear(r->c, r->m);
    flint_free(r->pattern);
    flint_free(r->signs);
    fmpq_mat_clear(r->W);
}

void
net_eval_report(net_eval_report_t r, const net_t net, const fmpq * x)
{
    net_eval_report_clear(r);
    net_eval_report_init(r);
    slong n = net->input_dim, m = net_num_outputs(net), N = net_num_hidden(net);
    r->n = n;
    r->m = m;
    r->N = N;
    r->x = _fmpq_vec_init(n);
    for (slong j = 0; j < n; j++)
        fmpq_set(r->x + j, x + j);
    r->y = _fmpq_vec_init(m);
    r->c = _fmpq_vec_init(m);
    r->pattern = flint_calloc(N + 1, 1);
    r->signs = flint_calloc(N + 1, 1);
    signed char * sg = flint_calloc(FLINT_MAX(N, 1), 1);
    unsigned char * act = flint_calloc(FLINT_MAX(N, 1), 1);
    net_eval(r->y, sg, net, x);
    for (slong k = 0; k < N; k++)
    {
        act[k] = sg[k] > 0;
        r->pattern[k] = act[k] ? '1' : '0';
        r->signs[k] = sg[k] > 0 ? '+' : (sg[k] < 0 ? '-' : '0');
        r->zeros += (sg[k] == 0);
    }
    fmpq_mat_clear(r->W);
    fmpq_mat_init(r->W, m, n);
    net_affine_of_pattern(r->W, r->c, net, act);
    flint_free(sg);
    flint_free(act);
}

void
net_eval_report_graph(net_eval_report_t r, const plnet_t g, const fmpq * x)
{
    net_eval_report_clear(r);
    net_eval_report_init(r);
    r->n = plnet_input_dim(g);
    r->m = plnet_output_dim(g);
    r->graph = 1;
    r->x = _fmpq_vec_init(r->n);
    for (slong j = 0; j < r->n; j++)
        fmpq_set(r->x + j, x + j);
    r->y = _fmpq_vec_init(r->m);
    r->c = _fmpq_vec_init(r->m);
    r->pattern = flint_calloc(1, 1);
    r->signs = flint_calloc(1, 1);
    plnet_eval(r->y, g, x);
}

void
net_eval_report_write_json(jout_t out, const net_eval_report_t r)
{
    jout_begin_object(out);
    jout_key(out, "input"); jout_fmpq_vec(out, r->x, r->n);
    jout_key(out, "output"); jout_fmpq_vec(out, r->y, r->m);
    if (r->graph)
    {
        jout_end_object(out);
        return;
    }
    jout_key(out, "pattern"); jout_string(out, r->pattern);
    jout_key(out, "signs"); jout_string(out, r->signs);
    jout_key(out, "on_boundary"); jout_bool(out, r->zeros > 0);
    jout_key(out, "zero_neurons");
    jout_begin_array(out);
    for (slong k = 0; k < r->N; k++)
        if (r->signs[k] == '0')
            jout_int(out, k);
    jout_end_array(out);
    jout_key(out, "affine");
    jout_begin_object(out);
    jout_key(out, "W");
    jout_begin_array(out);
    for (slong i = 0; i < r->m; i++)
        jout_fmpq_vec(out, r->W->rows[i], r->n);
    jout_end_array(out);
    jout_key(out, "c"); jout_fmpq_vec(out, r->c, r->m);
    jout_end_object(out);
    jout_end_object(out);
}

static void
_print_row(FILE * fp, const char * label, const fmpq * x, slong n)
{
    fputs(label, fp);
    for (slong k = 0; k < n; k++)
    {
        char * s = num_get_str(x + k);
        fprintf(fp, "%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    fputc('\n', fp);
}

void
net_eval_report_write_text(FILE * fp, const net_eval_report_t r)
{
    _print_row(fp, "input:   ", r->x, r->n);
    _print_row(fp, "output:  ", r->y, r->m);
    if (r->graph)
    {
        fputs("(the graph evaluated directly: it has no ReLU lowering, so no pattern or affine map)\n", fp);
        return;
    }
    fprintf(fp, "pattern: %s\nsigns:   %s%s\n", r->pattern, r->signs,
            r->zeros ? "  (on a boundary: some pre-activation is exactly 0)" : "");
    for (slong i = 0; i < r->m; i++)
    {
        char label[64];
        snprintf(label, sizeof(label), "affine map, output %ld: W = ", (long) i);
        _print_row(fp, label, r->W->rows[i], r->n);
        _print_row(fp, "                         c = ", r->c + i, 1);
    }
}
