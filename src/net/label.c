/* Exact labels at many points (relucert label): the output, the activation
   pattern and whether the point lies on a bent hyperplane, streamed record by
   record so that 10^7 grid points need no memory beyond one point. */
#include <flint/fmpq_vec.h>
#include "net/net.h"
#include "num/num.h"

int
net_points_read_file(fmpq ** pts, slong * num, const char * path, slong n, rc_error_t err)
{
    jnode * root;
    *pts = NULL;
    *num = 0;
    if (jnode_parse_file(&root, path, err))
        return err->code;
    if (root->type != JNODE_ARRAY)
    {
        int status = rc_error_set(err, RELU_E_INPUT, "%s: expected an array of points, got %s", path,
                                  jnode_type_name(root));
        jnode_free(root);
        return status;
    }
    int status = RELU_OK;
    *num = root->nitems;
    *pts = _fmpq_vec_init(FLINT_MAX(*num * n, 1));
    for (slong i = 0; i < *num && status == RELU_OK; i++)
    {
        const jnode * p = root->items[i];
        if (p->type != JNODE_ARRAY || (slong) p->nitems != n)
            status = rc_error_set(err, RELU_E_INPUT, "%s: point %ld: expected an array of %ld numbers",
                                  path, (long) i + 1, (long) n);
        for (slong k = 0; k < n && status == RELU_OK; k++)
            if (num_from_jnode(*pts + i * n + k, p->items[k], err))
            {
                char where[128];
                snprintf(where, sizeof(where), "%s: point %ld, coordinate %ld", path, (long) i + 1, (long) k + 1);
                rc_error_prefix(err, where);
                status = err->code;
            }
    }
    if (status)
    {
        _fmpq_vec_clear(*pts, FLINT_MAX(*num * n, 1));
        *pts = NULL;
    }
    jnode_free(root);
    return status;
}

static void
_write_label(jout_t out, slong n, slong m, slong N, int patterns, const fmpq * x, const fmpq * y, const signed char * sg)
{
    char * pat = flint_malloc(N + 1);
    int zero = 0;
    for (slong k = 0; k < N; k++)
    {
        pat[k] = sg[k] > 0 ? '1' : '0';
        zero |= (sg[k] == 0);
    }
    pat[N] = '\0';
    jout_begin_object(out);
    jout_key(out, "point"); jout_fmpq_vec(out, x, n);
    jout_key(out, "output"); jout_fmpq_vec(out, y, m);
    if (!patterns)
    {
        jout_end_object(out);
        flint_free(pat);
        return;
    }
    jout_key(out, "pattern"); jout_string(out, pat);
    jout_key(out, "on_boundary"); jout_bool(out, zero);
    jout_key(out, "zero_neurons");
    jout_begin_array(out);
    for (slong k = 0; k < N; k++)
        if (sg[k] == 0)
            jout_int(out, k);
    jout_end_array(out);
    jout_end_object(out);
    flint_free(pat);
}

static void
_write_text(FILE * fp, const fmpq * x, slong n, const fmpq * y, slong m, int zero)
{
    char * s;
    fputc('(', fp);
    for (slong k = 0; k < n; k++)
    {
        s = num_get_str(x + k);
        fprintf(fp, "%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    fputs(") -> ", fp);
    for (slong k = 0; k < m; k++)
    {
        s = num_get_str(y + k);
        fprintf(fp, "%s%s", k ? ", " : "", s);
        flint_free(s);
    }
    fprintf(fp, "%s\n", zero ? "   on a bent hyperplane" : "");
}

/* x = point i of P (the grid in row-major order, the last coordinate fastest) */
static void
_point(fmpq * x, const net_points_struct * P, const fmpq_t step, slong i, slong n)
{
    if (P->pts != NULL)
    {
        for (slong k = 0; k < n; k++)
            fmpq_set(x + k, P->pts + i * n + k);
        return;
    }
    slong r = i;
    for (slong k = n - 1; k >= 0; k--, r /= P->grid)
    {
        fmpq_mul_si(x + k, step, r % P->grid);
        fmpq_add(x + k, x + k, P->lohi);
    }
}

static slong
_num_points(const net_points_struct * P, slong n)
{
    if (P->pts != NULL)
        return P->num;
    slong total = 1;
    for (slong k = 0; k < n; k++)
        total *= P->grid;
    return total;
}

/* net, or (net NULL) the graph g evaluated directly: records without patterns. */
static void
_label_points(net_label_summary * s, const net_struct * net, const plnet_struct * g, const net_points_struct * P,
              jout_struct * json, jout_struct * lines, FILE * text)
{
    slong n = net ? net->input_dim : plnet_input_dim(g), m = net ? net_num_outputs(net) : plnet_output_dim(g);
    slong N = net ? net_num_hidden(net) : 0, num = _num_points(P, n);
    fmpq * x = _fmpq_vec_init(FLINT_MAX(n, 1)), * y = _fmpq_vec_init(m);
    signed char * sg = flint_calloc(N + 1, 1);
    fmpq_t step;
    fmpq_init(step);
    if (P->pts == NULL)
    {
        fmpq_sub(step, P->lohi + 1, P->lohi);
        fmpz_t g;
        fmpz_init_set_si(g, P->grid - 1);
        fmpq_div_fmpz(step, step, g);
        fmpz_clear(g);
    }
    s->points = num;
    s->on_boundary = 0;
    if (json != NULL)
    {
        jout_begin_object(json);
        jout_key(json, "labels");
        jout_begin_array(json);
    }
    for (slong i = 0; i < num; i++)
    {
        _point(x, P, step, i, n);
        if (net != NULL)
            net_eval(y, sg, net, x);
        else
            plnet_eval(y, g, x);
        int zero = 0;
        for (slong k = 0; k < N; k++)
            zero |= (sg[k] == 0);
        s->on_boundary += zero;
        if (json != NULL)
            _write_label(json, n, m, N, net != NULL, x, y, sg);
        if (lines != NULL)
            _write_label(lines, n, m, N, net != NULL, x, y, sg);
        if (text != NULL)
            _write_text(text, x, n, y, m, zero);
    }
    if (json != NULL)
    {
        jout_end_array(json);
        jout_key(json, "points"); jout_int(json, num);
        if (net != NULL)
        {
            jout_key(json, "on_boundary"); jout_int(json, s->on_boundary);
        }
        jout_end_object(json);
    }
    if (text != NULL && net != NULL)
        fprintf(text, "%ld points, %ld on a bent hyperplane\n", (long) num, (long) s->on_boundary);
    else if (text != NULL)
        fprintf(text, "%ld points (the graph evaluated directly: it has no ReLU lowering, so no activation patterns)\n", (long) num);
    fmpq_clear(step);
    _fmpq_vec_clear(x, FLINT_MAX(n, 1));
    _fmpq_vec_clear(y, m);
    flint_free(sg);
}

void
net_label_points(net_label_summary * s, const net_t net, const net_points_struct * P, jout_struct * json,
                 jout_struct * lines, FILE * text)
{
    _label_points(s, net, NULL, P, json, lines, text);
}

void
net_label_points_graph(net_label_summary * s, const plnet_t g, const net_points_struct * P, jout_struct * json,
                       jout_struct * lines, FILE * text)
{
    _label_points(s, NULL, g, P, json, lines, text);
}
