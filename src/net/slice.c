/* Slices: the network restricted to an affine subspace x = o + D^T t.

   The first layer and the shortcuts from the input see it, so the
   restriction is again a ReLU network with k inputs: W0' = W0 D^T and
   b0' = b0 + W0 o, likewise S' = S D^T and b' = b + S o for a shortcut from
   the input into a later layer, the rest unchanged. The composition is exact, and the regions of the slice are the
   intersections of the original regions with the subspace (a region of the
   slice is where the activation pattern is constant, and the pattern at
   t is the original pattern at o + D^T t). */
#include "net/net.h"
#include <stdlib.h>
#include "num/num.h"

static slong
_rank(const fmpq_mat_t D)
{
    fmpq_mat_t R;
    fmpq_mat_init(R, D->r, D->c);
    slong r = fmpq_mat_rref(R, D);
    fmpq_mat_clear(R);
    return r;
}

/* {"slice": {"original_input_dim": n, "points": [t_0, ...]}}: the first
   npoints of t = 0, e_1, ..., e_k in slice coordinates, where `plot` marks them */
static jnode *
_slice_meta(slong n, slong k, slong npoints)
{
    size_t len = 96 + (size_t) npoints * (2 * (size_t) k + 3), pos = 0;
    char * buf = flint_malloc(len);
    pos += snprintf(buf + pos, len - pos, "{\"slice\": {\"original_input_dim\": %ld, \"points\": [", (long) n);
    for (slong p = 0; p < npoints; p++)
    {
        buf[pos++] = p ? ',' : ' ';
        buf[pos++] = '[';
        for (slong i = 0; i < k; i++)
        {
            if (i)
                buf[pos++] = ',';
            buf[pos++] = p == i + 1 ? '1' : '0';
        }
        buf[pos++] = ']';
    }
    pos += snprintf(buf + pos, len - pos, "]}}");
    jnode * meta = NULL;
    rc_error_t err;
    rc_error_init(err);
    if (jnode_parse(&meta, buf, pos, err) != RELU_OK)
        abort();        /* the text above is valid JSON by construction */
    flint_free(buf);
    return meta;
}

int
net_slice_affine(net_t out, const net_t net, const fmpq * origin, const fmpq_mat_t D, rc_error_t err)
{
    slong n = net->input_dim, k = D->r;
    if (D->c != n)
        return rc_error_set(err, RELU_E_INPUT, "the directions have %ld coordinates, the network %ld inputs",
                            (long) D->c, (long) n);
    if (k < 1)
        return rc_error_set(err, RELU_E_INPUT, "a slice needs at least one direction");
    slong r = _rank(D);
    if (r < k)
        return rc_error_set(err, RELU_E_INPUT,
                            "the %ld directions are linearly dependent (rank %ld): the slice would repeat points",
                            (long) k, (long) r);
    net_t S;
    net_init(S);
    net_set(S, net);
    net_layer_struct * L0 = S->layers, * N0 = net->layers;
    slong w = N0->W->r;
    fmpq_mat_t Dt, W;
    fmpq_t t;
    fmpq_init(t);
    fmpq_mat_init(Dt, n, k);
    fmpq_mat_init(W, w, k);
    fmpq_mat_transpose(Dt, D);
    fmpq_mat_mul(W, N0->W, Dt);
    fmpq_mat_swap(L0->W, W);
    for (slong i = 0; i < w; i++)
    {
        fmpq_set(L0->b + i, N0->b + i);
        for (slong j = 0; j < n; j++)
        {
            fmpq_mul(t, fmpq_mat_entry(N0->W, i, j), origin + j);
            fmpq_add(L0->b + i, L0->b + i, t);
        }
    }
    S->input_dim = k;
    /* the other readers of the input: x = o + D^T t in every shortcut from it */
    for (slong j = 1; j < S->nlayers; j++)
        if (S->layers[j].nshortcuts > 0 && S->layers[j].shortcuts[0].from < 0)
        {
            const fmpq_mat_struct * Sj = net->layers[j].shortcuts[0].S;
            fmpq_mat_t T;
            fmpq_mat_init(T, Sj->r, k);
            fmpq_mat_mul(T, Sj, Dt);
            fmpq_mat_swap(S->layers[j].shortcuts[0].S, T);
            fmpq_mat_clear(T);
            for (slong i = 0; i < Sj->r; i++)
                for (slong c = 0; c < n; c++)
                    fmpq_addmul(S->layers[j].b + i, fmpq_mat_entry(Sj, i, c), origin + c);
        }
    /* meta described the original inputs; it does not carry over. The slice's
       own: the origin t = 0 (net_slice_points adds the other points, t = e_i) */
    jnode_free(S->meta);
    S->meta = _slice_meta(n, k, 1);
    net_swap(out, S);
    net_clear(S);
    fmpq_mat_clear(W);
    fmpq_mat_clear(Dt);
    fmpq_clear(t);
    return RELU_OK;
}

int
net_slice_points(net_t out, const net_t net, const fmpq_mat_t P, rc_error_t err)
{
    slong n = net->input_dim, m = P->r;
    if (P->c != n)
        return rc_error_set(err, RELU_E_INPUT, "the points have %ld coordinates, the network %ld inputs",
                            (long) P->c, (long) n);
    if (m < 2)
        return rc_error_set(err, RELU_E_INPUT, "a slice needs at least two points (got %ld)", (long) m);
    fmpq_mat_t D;
    fmpq_mat_init(D, m - 1, n);
    for (slong i = 1; i < m; i++)
        for (slong j = 0; j < n; j++)
            fmpq_sub(fmpq_mat_entry(D, i - 1, j), fmpq_mat_entry(P, i, j), fmpq_mat_entry(P, 0, j));
    int st = net_slice_affine(out, net, P->rows[0], D, err);
    if (st == RELU_OK)
    {
        jnode_free(out->meta);
        out->meta = _slice_meta(n, m - 1, m);
    }
    if (st == RELU_E_INPUT && _rank(D) < m - 1)
        st = rc_error_set(err, RELU_E_INPUT, "the %ld points are affinely dependent: they span a plane of dimension %ld, not %ld",
                          (long) m, (long) _rank(D), (long) (m - 1));
    fmpq_mat_clear(D);
    return st;
}

/* rows of a JSON array of arrays of numbers */
static int
_read_rows(fmpq_mat_t P, const jnode * a, const char * path, slong n, rc_error_t err)
{
    if (a == NULL || a->type != JNODE_ARRAY || a->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "%s: expected a nonempty array of points (or {\"X\": [...]})", path);
    for (size_t i = 0; i < a->nitems; i++)
        if (a->items[i]->type != JNODE_ARRAY || (slong) a->items[i]->nitems != n)
            return rc_error_set(err, RELU_E_INPUT, "%s: point %zu: expected an array of %ld numbers", path, i, (long) n);
    fmpq_mat_clear(P);
    fmpq_mat_init(P, a->nitems, n);
    for (size_t i = 0; i < a->nitems; i++)
        for (slong j = 0; j < n; j++)
            if (num_from_jnode(fmpq_mat_entry(P, i, j), a->items[i]->items[j], err))
            {
                char msg[2048];
                snprintf(msg, sizeof(msg), "%s", err->msg);
                return rc_error_set(err, err->code, "%s: point %zu, coordinate %ld: %s", path, i, (long) j, msg);
            }
    return RELU_OK;
}

int
net_read_points_file(fmpq_mat_t P, const char * path, slong n, rc_error_t err)
{
    jnode * root;
    if (jnode_parse_file(&root, path, err))
        return err->code;
    const jnode * a = root;
    if (root->type == JNODE_OBJECT)
    {
        a = jnode_get(root, "X");
        if (a == NULL)
            a = jnode_get(root, "points");
    }
    int st = _read_rows(P, a, path, n, err);
    jnode_free(root);
    return st;
}
