#define _GNU_SOURCE
/* relucert-check CERT NET: verifies a relucert certificate exactly, with GMP
   rationals only, and prints what it proved. proofs/CHECKER.md gives the
   argument behind every check. Shares no code with the relucert library. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static const char * help =
"usage: relucert-check [--quiet | --json] [--box LO,HI | --whole] CERT NET\n"
"       relucert-check --eval NET x1,...,xn\n"
"\n"
"Verifies the certificate CERT (written by `relucert regions|homology|dualgraph|arrangement|\n"
"boundary NET ... --certificate CERT`) against the network file NET, in exact rational\n"
"arithmetic (GMP), without the relucert library, and prints what it proved. The kind of\n"
"certificate is read from CERT itself (its key \"certificate\": regions, homology, dualgraph,\n"
"arrangement or boundary-class). Exit status 0 when verified; otherwise one line on stderr\n"
"saying which check failed and exit status 1 (2 for usage errors and for output that could\n"
"not be written). Files are read up to 1 GiB.\n"
"\n"
"With --json, one JSON object on stdout instead of the text: \"verified\" (true, or false with\n"
"\"error\", the message also printed on stderr), \"kind\", \"certificate\", \"network\", and for\n"
"regions certificates \"partial\", \"regions\", and (format 2) \"fvector\", \"euler\",\n"
"\"bounded_regions\", \"relatively_bounded_regions\", \"interior_regions\" as proved.\n"
"\n"
"Checks: the certificate's network equals NET (exact values); every region's interior\n"
"point has the stated activation pattern (exact forward pass) with every neuron that is not\n"
"identically zero on the region strictly signed; every stated inequality is, up to a positive\n"
"factor, the constraint of its source (a neuron's pre-activation on the region with the sign\n"
"of the pattern, or a domain row) and holds strictly at the interior point; every other\n"
"constraint is implied (Farkas multipliers); every facet's witness lies on its facet and\n"
"strictly inside all other inequalities; a domain facet's witness is on the domain boundary;\n"
"every other facet is paired with a facet of another region on the same hyperplane, opposite\n"
"side, whose closure contains the witness; patterns are pairwise distinct; the counts.\n"
"Format 2 certificates also list every face of every region (the face lattice of its\n"
"homogenised cone: tight rows, a relative-interior point, facets); the checker proves each\n"
"listed face genuine (exact signs, dimension by exact rank), the list complete (a flag, and\n"
"two listed faces in every interval of length 2: the diamond property), identifies faces\n"
"across regions by sign vector and verifies the f-vector and Euler characteristic, the\n"
"bounded, relatively bounded and interior region counts (from the face lattices) and every\n"
"region's affine output map W x + c (its own forward pass under the region's pattern).\n"
"See proofs/CHECKER.md for why this proves the list complete.\n"
"\n"
"NET may be a graph (network format version 2, doc/FORMAT.md) when the certificate's network is\n"
"its lowering (`relucert regions GRAPH ... --certificate CERT` writes it, with meta.lowered_from):\n"
"the checker reads the graph itself and, on every region, evaluates it on affine functions with\n"
"its own evaluator, each unit on the piece its neurons' bits in the pattern say, and requires every\n"
"neuron's pre-activation to be its unit's piece boundary and the outputs to be the lowered\n"
"network's: so a lowering that is not the graph is rejected (regions, homology and dual graph\n"
"certificates; proofs/CHECKER.md, \"Graph networks\").\n"
"\n"
"With --eval, prints the outputs of NET (a network or a graph) at x as a JSON list of exact\n"
"numbers, computed by the checker's own evaluator (tests compare it with other evaluators).\n"
"\n"
"With --arrangement, CERT is written by `relucert arrangement NET --certificate CERT` (one\n"
"hidden layer). Checks: the listed hyperplanes are the neurons' hyperplanes (zero rows\n"
"dropped, repeated and opposite ones merged); every flat's point lies on exactly its listed\n"
"hyperplanes; the flats are distinct, R^n comes first, and every nonempty intersection of a\n"
"flat with a hyperplane is listed (linear algebra over Q); the Moebius function of this\n"
"poset gives the stated characteristic polynomial chi, and regions = |chi(-1)|.\n"
"\n"
"With a homology certificate (`relucert homology NET ... --certificate CERT`, recognised by\n"
"its key \"certificate\": \"homology\"): every cell's point lies in the stated set and domain\n"
"(exact forward pass), cells of one dimension have distinct sign vectors, every nonzero\n"
"entry of d_k is +-1 and joins a cell to one of its faces (sign vectors); d_(k-1) d_k = 0;\n"
"for every d_k the given U, V are unimodular (U U^-1 = I, V V^-1 = I, by multiplication)\n"
"and U d_k V = diag(s_1..s_r, 0) with s_1 | s_2 | ...; the Betti numbers, torsion and\n"
"Euler characteristic derived from the ranks and invariant factors equal the stated ones.\n"
"The certificate's \"complex\" (a format 2 regions certificate, checked as above) gives every\n"
"face of the complex and the signs of f - T on it: the cells must be exactly the cells of the\n"
"set so derived. d_k must be nonzero on every facet pair of these cells (derived from the\n"
"face lattices), and an edge's two vertices (a slab's two facets) must have opposite signs:\n"
"then the chain complex is the set's cellular one (see proofs/CHECKER.md).\n"
"\n"
"With a dual graph certificate (`relucert dualgraph NET ... --certificate CERT`, key\n"
"\"certificate\": \"dualgraph\"): its \"complex\" (a regions certificate) is checked as above\n"
"and gives the dual graph; lambda_2 of its Laplacian is bounded above by the Rayleigh\n"
"quotient of an integer vector orthogonal to 1, below by inertia bounds (exactly checked\n"
"sparse factors) and Temple's inequality; the partition by the Davis-Kahan bound.\n"
"\n"
"With a classification certificate (`relucert boundary NET --certificate CERT`, one hidden\n"
"layer of width n): A A^-1 = I; A's rows and a are lambda_p > 0 times the permuted neurons'\n"
"rows and biases; the output weights are scale * (+-lambda_p) with + exactly for the first k\n"
"coordinates and c0 - T = -scale, which proves f - T = scale (g_k(A x + a) - 1) on R^n;\n"
"both sides agree at exact sample points. For class null: the degenerate reason is shown\n"
"(W v = 0 for v != 0, a zero output weight, or c0 = T).\n"
"\n"
"  --box LO,HI  also require the certificate's domain to be the box [LO,HI]^n\n"
"               (regions and homology certificates)\n"
"  --whole      also require the certificate's domain to be all of R^n (the same)\n"
"  --arrangement  require CERT to be an arrangement certificate (detected without it)\n"
"  --quiet      print nothing on success (exit status only)\n"
"  --json       the report as one JSON object on stdout (also when the check fails)\n"
"  --eval NET X the outputs of NET at the point X (\"x1,...,xn\", exact numbers)\n"
"  --help       this text\n"
"\n"
"examples:\n"
"  relucert regions data/default.json --box -1,1 --certificate r.cert && relucert-check r.cert data/default.json\n"
"  relucert homology data/default.json --box -1,1 --sublevel 0 --certificate h.cert && relucert-check --json h.cert data/default.json\n"
"  relucert arrangement tests/data/sage/case005.json --certificate a.cert && relucert-check a.cert tests/data/sage/case005.json\n"
"  relucert-check --eval data/default.json 1/3,-1/2\n";

/* ---- networks ------------------------------------------------------------- */
mpq_t *
qvec(long len)
{
    mpq_t * v = xmalloc((len > 0 ? len : 1) * sizeof(mpq_t));
    for (long i = 0; i < len; i++)
        mpq_init(v[i]);
    return v;
}

void
get_q(mpq_t q, yajl_val v, const char * what)
{
    if (v == NULL || json_get_q(q, v) != 0)
        fail("%s: expected an exact number (integer, \"p/q\" or decimal)", what);
}

/* One layer's "shortcuts" (l: 0-based layer): sources "input" or a hidden
   layer number <= l - 2, no source twice, one row per neuron, one column per
   entry of the source; stored sorted by source, as the network's canonical
   form is, so that two listings of the same shortcuts compare equal. */
static void
read_shortcuts(network * net, yajl_val sc, long l, const char * where)
{
    char what[256];
    long k = (long) json_array_len(sc), rows = net->width[l + 1];
    if (!YAJL_IS_ARRAY(sc))
        fail("%s: layer %ld: shortcuts must be an array", where, l);
    net->nsc[l] = k;
    net->from[l] = xmalloc((k + 1) * sizeof(long));
    net->S[l] = xmalloc((k + 1) * sizeof(mpq_t *));
    for (long s = 0; s < k; s++)
    {
        yajl_val e = json_array_item(sc, s), f = json_member(e, "from"), W = json_member(e, "weights");
        if (!YAJL_IS_OBJECT(e) || e->u.object.len != 2 || f == NULL || W == NULL)
            fail("%s: layer %ld, shortcut %ld must be {\"from\": ..., \"weights\": [[...]]}", where, l, s);
        int input = YAJL_IS_STRING(f) && strcmp(f->u.string, "input") == 0;
        long src = input ? -1 : YAJL_IS_STRING(f) ? -2 : json_get_index(f);
        if (l == 0)
            fail("%s: layer 0 (counting from 0) reads the input through its weights and can have no shortcut", where);
        if ((src < 0 && !input) || src > l - 2)
        {
            if (l == 1)
                fail("%s: layer 1, shortcut %ld: from must be \"input\" (layers counted from 0)", where, s);
            fail("%s: layer %ld, shortcut %ld: from must be \"input\" or a hidden layer 0..%ld (layers counted from 0)",
                 where, l, s, l - 2);
        }
        long cols = net->width[src + 1], at = s;
        while (at > 0 && net->from[l][at - 1] > src)    /* insertion: keep them sorted */
        {
            net->from[l][at] = net->from[l][at - 1];
            net->S[l][at] = net->S[l][at - 1];
            at--;
        }
        if (at > 0 && net->from[l][at - 1] == src)
            fail("%s: layer %ld, shortcut %ld: a second shortcut from the same source", where, l, s);
        net->from[l][at] = src;
        net->S[l][at] = qvec(rows * cols);
        if ((long) json_array_len(W) != rows)
            fail("%s: layer %ld, shortcut %ld: expected %ld rows", where, l, s, rows);
        for (long i = 0; i < rows; i++)
        {
            yajl_val row = json_array_item(W, i);
            if ((long) json_array_len(row) != cols)
                fail("%s: layer %ld, shortcut %ld, row %ld: expected %ld weights", where, l, s, i, cols);
            for (long j = 0; j < cols; j++)
            {
                snprintf(what, sizeof(what), "%s: layer %ld, shortcut %ld, row %ld, column %ld", where, l, s, i, j);
                get_q(net->S[l][at][i * cols + j], json_array_item(row, j), what);
            }
        }
    }
}

void
read_network(network * net, yajl_val root, const char * where)
{
    static const char * const allowed[] = { "input_dim", "layers", "name", "activation", "meta" };
    char what[256];
    if (!YAJL_IS_OBJECT(root))
        fail("%s: the network must be an object", where);
    for (size_t i = 0; i < root->u.object.len; i++)
    {
        int ok = 0;
        for (int k = 0; k < 5; k++)
            ok |= strcmp(root->u.object.keys[i], allowed[k]) == 0;
        if (!ok)
            fail("%s: unknown key \"%.60s\" in the network", where, root->u.object.keys[i]);
    }
    yajl_val act = json_member(root, "activation");
    if (act != NULL && !(YAJL_IS_STRING(act) && strcmp(act->u.string, "relu") == 0))
        fail("%s: only the activation \"relu\" is supported", where);
    net->n = json_get_index(json_member(root, "input_dim"));
    if (net->n < 1 || net->n > 1000000)
        fail("%s: input_dim must be a positive integer", where);
    yajl_val layers = json_member(root, "layers");
    net->nlayers = (long) json_array_len(layers);
    if (net->nlayers < 1)
        fail("%s: layers must be a nonempty array", where);
    net->width = xmalloc((net->nlayers + 1) * sizeof(long));
    net->W = xmalloc(net->nlayers * sizeof(mpq_t *));
    net->b = xmalloc(net->nlayers * sizeof(mpq_t *));
    net->nsc = xmalloc(net->nlayers * sizeof(long));
    net->from = xmalloc(net->nlayers * sizeof(long *));
    net->S = xmalloc(net->nlayers * sizeof(mpq_t **));
    net->graph = NULL;
    net->width[0] = net->n;
    net->hidden = 0;
    for (long l = 0; l < net->nlayers; l++)
    {
        yajl_val L = json_array_item(layers, l), sc = json_member(L, "shortcuts");
        int mg = json_member(L, "max_groups") != NULL;
        if (!YAJL_IS_OBJECT(L) || L->u.object.len != (size_t) (2 + (sc != NULL) + mg) || json_member(L, "weights") == NULL
            || json_member(L, "biases") == NULL)
            fail("%s: layer %ld must be {\"weights\": [[...]], \"biases\": [...]} (and optionally \"shortcuts\", "
                 "\"max_groups\")", where, l);
        yajl_val W = json_member(L, "weights"), b = json_member(L, "biases");
        long rows = (long) json_array_len(W), cols = net->width[l];
        if (rows < 1 || (long) json_array_len(b) != rows)
            fail("%s: layer %ld: weights and biases must be nonempty, one bias per row", where, l);
        net->width[l + 1] = rows;
        if (l + 1 < net->nlayers)
            net->hidden += rows;
        net->W[l] = qvec(rows * cols);
        net->b[l] = qvec(rows);
        for (long i = 0; i < rows; i++)
        {
            yajl_val row = json_array_item(W, i);
            if ((long) json_array_len(row) != cols)
                fail("%s: layer %ld, row %ld: expected %ld weights", where, l, i, cols);
            for (long j = 0; j < cols; j++)
            {
                snprintf(what, sizeof(what), "%s: layer %ld, row %ld, column %ld", where, l, i, j);
                get_q(net->W[l][i * cols + j], json_array_item(row, j), what);
            }
            snprintf(what, sizeof(what), "%s: layer %ld, bias %ld", where, l, i);
            get_q(net->b[l][i], json_array_item(b, i), what);
        }
        net->nsc[l] = 0;
        net->from[l] = NULL;
        net->S[l] = NULL;
        if (sc != NULL)
            read_shortcuts(net, sc, l, where);
    }
    read_max_groups(net, layers, where);
}

int
networks_equal(const network * a, const network * b)
{
    if (a->n != b->n || a->nlayers != b->nlayers || a->hidden != b->hidden || !groups_equal(a, b))
        return 0;
    for (long l = 0; l < a->nlayers; l++)
    {
        if (a->width[l + 1] != b->width[l + 1] || a->nsc[l] != b->nsc[l])
            return 0;
        for (long i = 0; i < a->width[l + 1] * a->width[l]; i++)
            if (!mpq_equal(a->W[l][i], b->W[l][i]))
                return 0;
        for (long i = 0; i < a->width[l + 1]; i++)
            if (!mpq_equal(a->b[l][i], b->b[l][i]))
                return 0;
        for (long s = 0; s < a->nsc[l]; s++)
        {
            if (a->from[l][s] != b->from[l][s])
                return 0;
            for (long i = 0; i < a->width[l + 1] * a->width[a->from[l][s] + 1]; i++)
                if (!mpq_equal(a->S[l][s][i], b->S[l][s][i]))
                    return 0;
        }
    }
    return 1;
}

/* Exact forward pass at x: z[k] = pre-activation of hidden neuron k; y (when
   not NULL) = the outputs. */
void
forward(mpq_t * z, mpq_t * y, const network * net, mpq_t * const x)
{
    forward_scaled(z, y, net, x, NULL);
}

/* v[off[l] ..] holds the input (l = 0) and then each hidden layer's output:
   a layer reads the one before it through W and any earlier one through a
   shortcut. */
static long *
layer_offsets(const network * net)
{
    long * off = xmalloc((net->nlayers + 1) * sizeof(long));
    off[0] = 0;
    for (long l = 0; l < net->nlayers; l++)
        off[l + 1] = off[l] + net->width[l];
    return off;
}

/* u = W_l a + sum_s S_s v[from_s] for row i of layer l (no bias), vectors of
   stride d (d = 1: values; d = n + 1: affine functions) */
static void
layer_row(mpq_t * u, const network * net, long l, long i, mpq_t * const v, const long * off, long d, mpq_t t)
{
    long cols = net->width[l];
    for (long j = 0; j < cols; j++)
        for (long e = 0; e < d; e++)
        {
            mpq_mul(t, net->W[l][i * cols + j], v[(off[l] + j) * d + e]);
            mpq_add(u[e], u[e], t);
        }
    for (long s = 0; s < net->nsc[l]; s++)
    {
        long src = net->from[l][s], c = net->width[src + 1];
        for (long j = 0; j < c; j++)
            for (long e = 0; e < d; e++)
            {
                mpq_mul(t, net->S[l][s][i * c + j], v[(off[src + 1] + j) * d + e]);
                mpq_add(u[e], u[e], t);
            }
    }
}

void
forward_scaled(mpq_t * z, mpq_t * y, const network * net, mpq_t * const x, const mpq_t * tp)
{
    long * off = layer_offsets(net), total = off[net->nlayers];
    mpq_t * v = qvec(total);
    mpq_t t, u;
    mpq_init(t);
    mpq_init(u);
    for (long i = 0; i < net->n; i++)
        mpq_set(v[i], x[i]);
    long k = 0;
    for (long l = 0; l < net->nlayers; l++)
    {
        int out = l + 1 == net->nlayers;
        for (long i = 0; i < net->width[l + 1]; i++)
        {
            if (out && y == NULL)
                break;
            mpq_set(u, net->b[l][i]);
            if (tp != NULL)
                mpq_mul(u, u, *tp);
            layer_row(&u, net, l, i, v, off, 1, t);
            if (out)
                mpq_set(y[i], u);
            else
            {
                mpq_set(z[k++], u);
                if (mpq_sgn(u) > 0 && (net->grp == NULL || net->grp[k - 1] < 0))
                    mpq_set(v[off[l + 1] + i], u);
            }
        }
        /* a max group passes its argmax's value on, whatever its sign */
        for (long i = 0, k0 = k - net->width[l + 1]; i < net->width[l + 1] && !out && net->grp != NULL; i++)
            if (net->grp[k0 + i] == k0 + i)
            {
                long t = group_argmax(net, z, k0 + i);
                mpq_set(v[off[l + 1] + t - k0], z[t]);
            }
    }
    mpq_clear(t);
    mpq_clear(u);
    for (long i = 0; i < total; i++)
        mpq_clear(v[i]);
    xfree(v);
    xfree(off);
}

/* Z (hidden x (n+1), row k = (c, a)): pre-activation c + a.x of every hidden
   neuron as an affine function on the set of points with pattern pat. */
void
affine_of_pattern(mpq_t * Z, const network * net, const char * pat)
{
    affine_of_pattern_out(Z, NULL, net, pat);
}

void
affine_of_pattern_out(mpq_t * Z, mpq_t * Y, const network * net, const char * pat)
{
    long n = net->n, d = n + 1, * off = layer_offsets(net), total = off[net->nlayers];
    mpq_t * h = qvec(total * d);    /* the input and every hidden layer's outputs as affine functions */
    mpq_t t;
    mpq_init(t);
    for (long i = 0; i < n; i++)
        mpq_set_ui(h[i * d + 1 + i], 1, 1);
    long k = 0;
    for (long l = 0; l < net->nlayers; l++)
    {
        int out = l + 1 == net->nlayers;
        if (out && Y == NULL)
            break;
        for (long i = 0; i < net->width[l + 1]; i++)
        {
            mpq_t * z = out ? Y + i * d : Z + (k + i) * d;
            mpq_set(z[0], net->b[l][i]);
            for (long e = 1; e < d; e++)
                mpq_set_ui(z[e], 0, 1);
            layer_row(z, net, l, i, h, off, d, t);
            if (!out && pat[k + i] == '1')
                for (long e = 0; e < d; e++)
                    mpq_set(h[(off[l + 1] + i) * d + e], z[e]);
        }
        k += out ? 0 : net->width[l + 1];
    }
    mpq_clear(t);
    for (long i = 0; i < total * d; i++)
        mpq_clear(h[i]);
    xfree(h);
    xfree(off);
}

/* ---- linear algebra helpers ----------------------------------------------- */
/* sign of b - a.x */
static int
slack_sign(mpq_t * const a, const mpq_t b, mpq_t * const x, long n)
{
    mpq_t s, t;
    mpq_init(s);
    mpq_init(t);
    mpq_set(s, b);
    for (long i = 0; i < n; i++)
    {
        mpq_mul(t, a[i], x[i]);
        mpq_sub(s, s, t);
    }
    int r = mpq_sgn(s);
    mpq_clear(s);
    mpq_clear(t);
    return r;
}

/* Is (u, e) = mu (v, f) for some mu with sign(mu) = sgn (sgn = +1 or -1)?
   (vectors of length len; (v, f) must not be zero) */
static int
proportional(mpq_t * const u, const mpq_t e, mpq_t * const v, const mpq_t f, long len, int sgn)
{
    mpq_t mu, t;
    mpq_init(mu);
    mpq_init(t);
    long piv = -1;
    for (long i = 0; i < len && piv < 0; i++)
        if (mpq_sgn(v[i]) != 0)
            piv = i;
    int ok;
    if (piv >= 0)
        mpq_div(mu, u[piv], v[piv]);
    else if (mpq_sgn(f) != 0)
        mpq_div(mu, e, f);
    ok = mpq_sgn(mu) == sgn && !(piv < 0 && mpq_sgn(f) == 0);
    for (long i = 0; i < len && ok; i++)
    {
        mpq_mul(t, mu, v[i]);
        ok = mpq_equal(t, u[i]);
    }
    if (ok)
    {
        mpq_mul(t, mu, f);
        ok = mpq_equal(t, e);
    }
    mpq_clear(mu);
    mpq_clear(t);
    return ok;
}

static int
is_zero_vec(mpq_t * const v, long len)
{
    for (long i = 0; i < len; i++)
        if (mpq_sgn(v[i]) != 0)
            return 0;
    return 1;
}

/* ---- certificate ---------------------------------------------------------- */

void
read_point(mpq_t * x, yajl_val v, long n, const char * what)
{
    char buf[300];
    if ((long) json_array_len(v) != n)
        fail("%s: expected %ld coordinates", what, n);
    for (long i = 0; i < n; i++)
    {
        snprintf(buf, sizeof(buf), "%s, coordinate %ld", what, i);
        get_q(x[i], json_array_item(v, i), buf);
    }
}

/* "domain r" -> r, or -1 */
static long
domain_source(yajl_val v)
{
    if (!YAJL_IS_STRING(v) || strncmp(v->u.string, "domain ", 7) != 0)
        return -1;
    const char * s = v->u.string + 7;
    if (*s < '0' || *s > '9' || strlen(s) > 15)
        return -1;
    for (const char * p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    return strtol(s, NULL, 10);
}

static long
read_source(yajl_val v, long N, long m, const char * what)
{
    long k = json_get_index(v);
    if (k >= 0 && k < N)
        return k;
    long r = domain_source(v);
    if (r >= 0 && r < m)
        return -1 - r;
    fail("%s: expected a hidden neuron index (0..%ld) or \"domain r\" (r < %ld)", what, N - 1, m);
}

void
print_q(FILE * fp, const mpq_t q)
{
    char * s = mpq_get_str(NULL, 10, q);
    fputs(s, fp);
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    freefunc(s, strlen(s) + 1);
}

/* 1 if {x : A x <= b} is written as the box [L,H]^n (L < H): one lower and
   one upper bound per coordinate, all lower bounds L, all upper bounds H. */
int
domain_box(mpq_t L, mpq_t H, mpq_t * const DA, mpq_t * const Db, long m, long n)
{
    int box = m == 2 * n, have_lo = 0, have_hi = 0;
    long * lo = xmalloc(n * sizeof(long)), * hi = xmalloc(n * sizeof(long));
    for (long i = 0; i < n; i++)
        lo[i] = hi[i] = -1;
    mpq_t t;
    mpq_init(t);
    for (long r = 0; r < m && box; r++)
    {
        long nz = -1, cnt = 0;
        for (long i = 0; i < n; i++)
            if (mpq_sgn(DA[r * n + i]) != 0)
            {
                nz = i;
                cnt++;
            }
        if (cnt != 1)
        {
            box = 0;
            break;
        }
        /* a x_i <= b: an upper bound b/a when a > 0, a lower bound when a < 0 */
        mpq_div(t, Db[r], DA[r * n + nz]);
        int upper = mpq_sgn(DA[r * n + nz]) > 0;
        long * side = upper ? hi : lo;
        mpq_ptr ref = upper ? H : L;
        int * have = upper ? &have_hi : &have_lo;
        if (side[nz] >= 0)
            box = 0;   /* two bounds of one kind on one coordinate */
        side[nz] = r;
        if (!*have)
            mpq_set(ref, t);
        else if (!mpq_equal(ref, t))
            box = 0;   /* all lower bounds equal, all upper bounds equal */
        *have = 1;
    }
    mpq_clear(t);
    xfree(lo);
    xfree(hi);
    return box && mpq_cmp(L, H) < 0;
}

void
print_domain(FILE * fp, mpq_t * const DA, mpq_t * const Db, long m, long n)
{
    mpq_t L, H;
    mpq_init(L);
    mpq_init(H);
    if (m == 0)
        fprintf(fp, "R^%ld (no inequalities)", n);
    else if (domain_box(L, H, DA, Db, m, n))
    {
        fputs("box [", fp);
        print_q(fp, L);
        fputc(',', fp);
        print_q(fp, H);
        fprintf(fp, "]^%ld, %ld inequalities", n, m);
    }
    else
        fprintf(fp, "polyhedron {x : A x <= b} with %ld inequalities", m);
    mpq_clear(L);
    mpq_clear(H);
}

void
require_domain(mpq_t * const DA, mpq_t * const Db, long m, long n, const char * box, int whole)
{
    if (whole && m != 0)
        fail("the certificate's domain is not R^n: it has %ld inequalities", m);
    if (box != NULL)
    {
        mpq_t lo, hi, L, H;
        mpq_init(lo);
        mpq_init(hi);
        mpq_init(L);
        mpq_init(H);
        const char * comma = strchr(box, ',');
        char * los = xmalloc(strlen(box) + 1);
        strcpy(los, box);
        if (comma != NULL)
            los[comma - box] = '\0';
        if (comma == NULL || parse_exact(lo, los) != 0 || parse_exact(hi, comma + 1) != 0)
            fail("--box: expected LO,HI (exact numbers), got '%.60s'", box);
        if (!domain_box(L, H, DA, Db, m, n) || !mpq_equal(L, lo) || !mpq_equal(H, hi))
            fail("the certificate's domain is not the box [%.60s]^%ld", box, n);
        xfree(los);
    }
}

void
read_domain(mpq_t ** DA, mpq_t ** Db, long * m, yajl_val cert, long n, const char * cpath)
{
    yajl_val dom = json_member(cert, "domain");
    yajl_val dA = json_member(dom, "A"), db = json_member(dom, "b");
    if (!YAJL_IS_ARRAY(dA) || !YAJL_IS_ARRAY(db) || json_array_len(dA) != json_array_len(db))
        fail("%s: domain must be {\"A\": [[...]], \"b\": [...]} with one b per row", cpath);
    *m = (long) json_array_len(dA);
    *DA = qvec(*m * n);
    *Db = qvec(*m);
    char what[300];
    for (long r = 0; r < *m; r++)
    {
        snprintf(what, sizeof(what), "domain row %ld", r);
        read_point(*DA + r * n, json_array_item(dA, r), n, what);
        get_q((*Db)[r], json_array_item(db, r), what);
    }
}

/* Neuron k's constraint on a region as h.x <= e: s z_k >= 0 with s the sign of the
   pattern (z_k = Z[k d] + Z[k d + 1 ..] . x), i.e. (-s a).x <= s c. */
static void
neuron_row(mpq_t * h, mpq_t e, mpq_t * const Z, long d, long k, char bit, long n)
{
    int s = bit == '1' ? 1 : -1;
    for (long j = 0; j < n; j++)
    {
        mpq_set(h[j], Z[k * d + 1 + j]);
        if (s > 0)
            mpq_neg(h[j], h[j]);
    }
    mpq_set(e, Z[k * d]);
    if (s < 0)
        mpq_neg(e, e);
}

static int
cmp_pattern(const void * a, const void * b, void * ctx)
{
    region * R = ctx;
    return strcmp(R[*(const long *) a].pattern, R[*(const long *) b].pattern);
}

/* Checks that w satisfies row f of region Q with equality and all other rows strictly. */
static const char *
witness_position(const region * Q, long f, mpq_t * const w, long n)
{
    for (long s = 0; s < Q->f; s++)
    {
        int sg = slack_sign(Q->A + s * n, Q->b[s], w, n);
        if (s == f && sg != 0)
            return "is not on the facet";
        if (s != f && sg <= 0)
            return "is not strictly inside another inequality";
    }
    return NULL;
}

void
check_regions(regions_result * res, yajl_val cert, const char * cpath, const network * netp, mpq_t * DA, mpq_t * Db,
              long m)
{
    network net = *netp;
    long n = net.n, d = n + 1, N = net.hidden;
    char what[300];
    /* 3. every region on its own */
    yajl_val fj = json_member(cert, "format");
    long format = fj == NULL ? 1 : json_get_index(fj);
    if (format != 1 && format != 2)
        fail("%s: format must be 1 or 2 (absent: 1)", cpath);
    yajl_val regs = json_member(cert, "regions");
    long nr = (long) json_array_len(regs);
    /* no silent downgrade: a certificate with faces is read as format 2 or not at all */
    for (long i = 0; format == 1 && i < nr; i++)
        if (json_member(json_array_item(regs, i), "faces") != NULL)
            fail("%s: region %ld lists faces, but the certificate does not say format 2", cpath, i);
    if (format == 1 && json_member(json_member(cert, "counts"), "fvector") != NULL)
        fail("%s: counts has an fvector, but the certificate does not say format 2", cpath);
    /* a partial exploration: the same checks except that a neuron facet may have no listed
       region beyond it, so nothing is claimed about the other regions (no faces either) */
    yajl_val pj = json_member(cert, "partial");
    int partial = YAJL_IS_TRUE(pj);
    if (pj != NULL && !partial)
        fail("%s: partial, when present, must be true", cpath);
    if (partial && (fj == NULL || format != 1))
        fail("%s: a partial certificate must say format 1 (its faces would not form a complex)", cpath);
    yajl_val ej = json_member(cert, "exploration");
    if (ej != NULL && !partial)
        fail("%s: an exploration certificate must say \"partial\": true", cpath);
    if (partial && (!YAJL_IS_OBJECT(ej) || json_array_len(json_member(ej, "near")) != (size_t) n))
        fail("%s: a partial certificate needs \"exploration\": {\"near\": a point of dimension %ld}", cpath, n);
    static const char * const f2keys[] = {"bounded_regions", "relatively_bounded_regions", "interior_regions"};
    for (int k = 0; format == 1 && k < 3; k++)
        if (json_member(json_member(cert, "counts"), f2keys[k]) != NULL)
            fail("%s: counts has %s, but the certificate does not say format 2", cpath, f2keys[k]);
    if (!YAJL_IS_ARRAY(regs) || nr == 0)
        fail("%s: no regions (a full-dimensional domain has at least one)", cpath);
    region * R = xmalloc(nr * sizeof(region));
    mpq_t * Z = qvec(N * d), * z = qvec(N), * v = qvec(n), * h = qvec(n);
    mpq_t e, w, mu, t;
    mpq_init(e);
    mpq_init(w);
    mpq_init(mu);
    mpq_init(t);
    char * seen = xmalloc(N + m + 1), * sig = xmalloc(N + 1), * pt = xmalloc(N + 1);
    long facet_sum = 0, max_f = 0;
    for (long i = 0; i < nr; i++)
    {
        yajl_val G = json_array_item(regs, i);
        region * Q = R + i;
        if (json_get_index(json_member(G, "index")) != i)
            fail("region %ld: index must be %ld", i, i);
        yajl_val pat = json_member(G, "pattern");
        if (!YAJL_IS_STRING(pat) || (long) strlen(pat->u.string) != N
            || strspn(pat->u.string, "01") != (size_t) N)
            fail("region %ld: pattern must be a string of %ld characters 0/1", i, N);
        Q->pattern = pat->u.string;
        Q->x = qvec(n);
        snprintf(what, sizeof(what), "region %ld: interior_point", i);
        read_point(Q->x, json_member(G, "interior_point"), n, what);
        yajl_val ineq = json_member(G, "inequalities");
        yajl_val IA = json_member(ineq, "A"), Ib = json_member(ineq, "b"), Is = json_member(ineq, "sources");
        Q->f = (long) json_array_len(IA);
        if (!YAJL_IS_ARRAY(IA) || (long) json_array_len(Ib) != Q->f || (long) json_array_len(Is) != Q->f)
            fail("region %ld: inequalities must be {\"A\", \"b\", \"sources\"} of equal lengths", i);
        Q->A = qvec(Q->f * n);
        Q->b = qvec(Q->f);
        Q->src = xmalloc((Q->f + 1) * sizeof(long));
        Q->w = qvec(Q->f * n);
        Q->nb = xmalloc((Q->f + 1) * sizeof(long));
        Q->nbf = xmalloc((Q->f + 1) * sizeof(long));
        memset(seen, 0, N + m + 1);
        for (long r = 0; r < Q->f; r++)
        {
            snprintf(what, sizeof(what), "region %ld: inequality %ld", i, r);
            read_point(Q->A + r * n, json_array_item(IA, r), n, what);
            get_q(Q->b[r], json_array_item(Ib, r), what);
            Q->src[r] = read_source(json_array_item(Is, r), N, m, what);
            long slot = Q->src[r] >= 0 ? Q->src[r] : N + (-1 - Q->src[r]);
            if (seen[slot])
                fail("region %ld: inequality %ld repeats a source", i, r);
            seen[slot] = 1;
            Q->nb[r] = -1;
        }
        facet_sum += Q->f;
        if (Q->f > max_f)
            max_f = Q->f;

        /* 3a. the interior point has the pattern; nonzero neurons strictly signed */
        long bad = pattern_group_error(&net, Q->pattern);
        if (bad >= 0)
            fail("region %ld: the max group at neuron %ld must have exactly one member on (1) in the pattern", i, bad);
        affine_of_pattern(Z, &net, Q->pattern);
        boundaries_of_pattern(Z, &net, Q->pattern);   /* from here on: the constraints' functions */
        forward(z, NULL, &net, Q->x);
        point_signs(sig, &net, z);
        pattern_of_signs(pt, &net, sig);
        point_boundaries(z, &net);
        for (long k = 0; k < N; k++)
        {
            if (pt[k] != Q->pattern[k])
                fail("region %ld: the interior point's pattern differs from the stated one at neuron %ld", i, k);
            if (mpq_sgn(z[k]) == 0 && !is_zero_vec(Z + k * d, d))
                fail("region %ld: neuron %ld vanishes at the interior point but not identically on the region", i, k);
        }

        /* a graph network: on the region the lowered network is the graph (graph_check_region) */
        if (net.graph != NULL)
            graph_check_region(net.graph, &net, Q->pattern, i);

        /* format 2: the output map on the region is the pattern's */
        if (format == 2)
            check_region_affine(json_member(G, "affine"), &net, Q->pattern, i);
        else if (json_member(G, "affine") != NULL)
            fail("region %ld: affine is listed, but the certificate does not say format 2", i);

        /* 3b. each inequality is its source's constraint; strict at the interior point */
        for (long r = 0; r < Q->f; r++)
        {
            if (is_zero_vec(Q->A + r * n, n))
                fail("region %ld: inequality %ld has a zero row", i, r);
            if (Q->src[r] >= 0)
            {
                long k = Q->src[r];
                neuron_row(h, e, Z, d, k, Q->pattern[k], n);
                if (!proportional(Q->A + r * n, Q->b[r], h, e, n, 1))
                    fail("region %ld: inequality %ld is not the constraint of its source, neuron %ld", i, r, k);
            }
            else
            {
                long dr = -1 - Q->src[r];
                if (!proportional(Q->A + r * n, Q->b[r], DA + dr * n, Db[dr], n, 1))
                    fail("region %ld: inequality %ld is not domain row %ld", i, r, dr);
            }
            if (slack_sign(Q->A + r * n, Q->b[r], Q->x, n) <= 0)
                fail("region %ld: the interior point does not satisfy inequality %ld strictly", i, r);
        }

        /* 3c. every other constraint is implied by the stated ones (Farkas) */
        yajl_val red = json_member(G, "redundant");
        if (!YAJL_IS_ARRAY(red))
            fail("region %ld: redundant must be an array", i);
        for (size_t q = 0; q < json_array_len(red); q++)
        {
            yajl_val E = json_array_item(red, q);
            snprintf(what, sizeof(what), "region %ld: redundant entry %zu", i, q);
            long src = read_source(json_member(E, "source"), N, m, what);
            long slot = src >= 0 ? src : N + (-1 - src);
            if (seen[slot])
                fail("%s: its source is already a stated inequality or entry", what);
            seen[slot] = 1;
            if (src >= 0)
            {
                if (is_zero_vec(Z + src * d, d))
                    fail("%s: neuron %ld is identically zero on the region", what, src);
                neuron_row(h, e, Z, d, src, Q->pattern[src], n);
            }
            else
            {
                for (long j = 0; j < n; j++)
                    mpq_set(h[j], DA[(-1 - src) * n + j]);
                mpq_set(e, Db[-1 - src]);
            }
            /* h.x <= e is implied when sum lambda_r A_r = mu h, sum lambda_r b_r <= mu e, mu > 0 */
            for (long j = 0; j < n; j++)
                mpq_set_ui(v[j], 0, 1);
            mpq_set_ui(w, 0, 1);
            yajl_val mult = json_member(E, "multipliers");
            if (!YAJL_IS_ARRAY(mult))
                fail("%s: multipliers must be an array of [row, lambda]", what);
            for (size_t p = 0; p < json_array_len(mult); p++)
            {
                yajl_val M = json_array_item(mult, p);
                long r = json_array_len(M) == 2 ? json_get_index(json_array_item(M, 0)) : -1;
                if (r < 0 || r >= Q->f)
                    fail("%s: multiplier %zu must be [row, lambda] with a row of the region", what, p);
                get_q(mu, json_array_item(M, 1), what);
                if (mpq_sgn(mu) < 0)
                    fail("%s: negative multiplier", what);
                for (long j = 0; j < n; j++)
                {
                    mpq_mul(t, mu, Q->A[r * n + j]);
                    mpq_add(v[j], v[j], t);
                }
                mpq_mul(t, mu, Q->b[r]);
                mpq_add(w, w, t);
            }
            int ok;
            if (is_zero_vec(h, n))
                ok = mpq_sgn(e) >= 0;   /* a constant constraint 0 <= e */
            else
            {
                long piv = 0;
                while (mpq_sgn(h[piv]) == 0)
                    piv++;
                mpq_div(mu, v[piv], h[piv]);
                ok = mpq_sgn(mu) > 0;
                for (long j = 0; j < n && ok; j++)
                {
                    mpq_mul(t, mu, h[j]);
                    ok = mpq_equal(t, v[j]);
                }
                mpq_mul(t, mu, e);
                ok = ok && mpq_cmp(w, t) <= 0;
            }
            if (!ok)
                fail("%s: the multipliers do not prove the constraint of %s %ld implied", what,
                     src >= 0 ? "neuron" : "domain row", src >= 0 ? src : -1 - src);
        }
        for (long k = 0; k < N; k++)
            if (!seen[k] && !is_zero_vec(Z + k * d, d))
                fail("region %ld: the constraint of neuron %ld is neither stated nor shown implied", i, k);
        for (long r = 0; r < m; r++)
            if (!seen[N + r])
                fail("region %ld: domain row %ld is neither stated nor shown implied", i, r);

        /* 3d. facet witnesses: on their facet, strictly inside the others */
        yajl_val W = json_member(G, "witnesses");
        if ((long) json_array_len(W) != Q->f)
            fail("region %ld: expected one witness per inequality (%ld)", i, Q->f);
        for (long r = 0; r < Q->f; r++)
        {
            snprintf(what, sizeof(what), "region %ld: witness %ld", i, r);
            read_point(Q->w + r * n, json_array_item(W, r), n, what);
            const char * why = witness_position(Q, r, Q->w + r * n, n);
            if (why != NULL)
                fail("region %ld: the witness of facet %ld %s", i, r, why);
        }
    }

    /* 4. patterns pairwise distinct */
    long * order = xmalloc(nr * sizeof(long));
    for (long i = 0; i < nr; i++)
        order[i] = i;
    qsort_r(order, nr, sizeof(long), cmp_pattern, R);
    for (long i = 0; i + 1 < nr; i++)
        if (strcmp(R[order[i]].pattern, R[order[i + 1]].pattern) == 0)
            fail("regions %ld and %ld have the same pattern", order[i], order[i + 1]);

    /* 5. crossing every facet: neuron facets pair up with a neighbour's facet */
    yajl_val adj = json_member(cert, "adjacency");
    if (!YAJL_IS_ARRAY(adj))
        fail("%s: adjacency must be an array of [i, f, j, g]", cpath);
    for (size_t a = 0; a < json_array_len(adj); a++)
    {
        yajl_val E = json_array_item(adj, a);
        long q[4];
        for (int c = 0; c < 4; c++)
            q[c] = json_array_len(E) == 4 ? json_get_index(json_array_item(E, c)) : -1;
        if (q[0] < 0 || q[0] >= nr || q[2] < 0 || q[2] >= nr || q[0] == q[2] || q[1] < 0
            || q[1] >= R[q[0]].f || q[3] < 0 || q[3] >= R[q[2]].f)
            fail("adjacency entry %zu: expected [i, f, j, g] with regions i != j and facets f, g", a);
        for (int side = 0; side < 2; side++)
        {
            long i = q[2 * side], f = q[2 * side + 1], j = q[2 - 2 * side], g = q[3 - 2 * side];
            region * P = R + i, * Q = R + j;
            if (P->src[f] < 0)
                fail("adjacency entry %zu: facet %ld of region %ld is a domain facet", a, f, i);
            if (P->nb[f] >= 0)
                fail("facet %ld of region %ld is paired twice", f, i);
            P->nb[f] = j;
            P->nbf[f] = g;
            /* same hyperplane, opposite sides: A^Q_g = -nu A^P_f, b^Q_g = -nu b^P_f, nu > 0 */
            if (!proportional(Q->A + g * n, Q->b[g], P->A + f * n, P->b[f], n, -1))
                fail("facet %ld of region %ld and facet %ld of region %ld are not the same hyperplane from "
                     "opposite sides", f, i, g, j);
            const char * why = witness_position(Q, g, P->w + f * n, n);
            if (why != NULL)
                fail("the witness of facet %ld of region %ld, for the neighbour region %ld: %s", f, i, j,
                     strcmp(why, "is not on the facet") == 0 ? "is not on its facet"
                                                              : "is not strictly inside its other inequalities");
            /* consistency: the two patterns agree on every neuron not vanishing at the witness */
            forward(z, NULL, &net, P->w + f * n);
            point_boundaries(z, &net);
            for (long k = 0; k < N; k++)
                if (mpq_sgn(z[k]) != 0 && P->pattern[k] != Q->pattern[k])
                    fail("regions %ld and %ld differ at neuron %ld, which does not vanish on their common facet",
                         i, j, k);
        }
    }
    for (long i = 0; i < nr; i++)
        for (long f = 0; f < R[i].f; f++)
        {
            if (R[i].src[f] >= 0 && R[i].nb[f] < 0 && partial)
            {
                /* partial: an unpaired facet must have no listed region beyond it, so that the
                   adjacency is exactly the facets shared among the listed regions */
                for (long j = 0; j < nr; j++)
                    for (long g = 0; g < R[j].f && j != i; g++)
                        if (proportional(R[j].A + g * n, R[j].b[g], R[i].A + f * n, R[i].b[f], n, -1)
                            && witness_position(R + j, g, R[i].w + f * n, n) == NULL)
                            fail("facet %ld of region %ld is shared with listed region %ld but not in adjacency",
                                 f, i, j);
            }
            else if (R[i].src[f] >= 0 && R[i].nb[f] < 0)
                fail("facet %ld of region %ld (neuron %ld) has no region on its other side", f, i, R[i].src[f]);
        }

    /* 6. the counts */
    yajl_val counts = json_member(cert, "counts");
    if (json_get_index(json_member(counts, "regions")) != nr)
        fail("counts: regions is not the number of regions listed (%ld)", nr);
    long * hist = xmalloc((max_f + 1) * sizeof(long));
    memset(hist, 0, (max_f + 1) * sizeof(long));
    for (long i = 0; i < nr; i++)
        hist[R[i].f]++;
    yajl_val hj = json_member(counts, "facet_histogram");
    if (!YAJL_IS_OBJECT(hj))
        fail("counts: facet_histogram must be an object");
    long listed = 0;
    for (size_t k = 0; k < hj->u.object.len; k++)
    {
        const char * key = hj->u.object.keys[k];
        char * end;
        long f = strtol(key, &end, 10);
        if (*key < '0' || *key > '9' || *end != '\0' || f > max_f || hist[f] == 0
            || json_get_index(hj->u.object.values[k]) != hist[f])
            fail("counts: facet_histogram entry \"%.20s\" is wrong", key);
        listed++;
    }
    long nonzero = 0;
    for (long f = 0; f <= max_f; f++)
        nonzero += hist[f] != 0;
    if (listed != nonzero)
        fail("counts: facet_histogram misses an entry");
    mpq_set_si(mu, facet_sum, nr);
    mpq_canonicalize(mu);
    yajl_val mf = json_member(counts, "mean_facets");
    if (mf == NULL || json_get_q(t, mf) != 0 || !mpq_equal(t, mu))
        fail("counts: mean_facets is not %ld/%ld", facet_sum, nr);

    res->nr = nr;
    res->partial = partial;
    res->R = R;
    res->max_f = max_f;
    res->hist = hist;
    mpq_init(res->mean);
    mpq_set(res->mean, mu);
    res->L = NULL;
    res->fvec = NULL;
    if (format == 2)
        check_complex_faces(res, cert, &net, DA, Db, m);
}

static long
uf_find(long * parent, long i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static int
cmp_long2(const void * a, const void * b)
{
    const long * x = a, * y = b;
    return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* The dual graph of the checked regions: its edges are the pairs of regions
   with a facet paired by the adjacency (check 5), counted once per pair.
   Returns the number of connected components (union-find). */
static long
dual_graph(long * nedges, const region * R, long nr)
{
    long np = 0, cap = 1;
    for (long i = 0; i < nr; i++)
        cap += R[i].f;
    long * pairs = xmalloc(2 * cap * sizeof(long)), * parent = xmalloc((nr + 1) * sizeof(long));
    for (long i = 0; i < nr; i++)
        parent[i] = i;
    for (long i = 0; i < nr; i++)
        for (long f = 0; f < R[i].f; f++)
            if (R[i].src[f] >= 0 && R[i].nb[f] > i)
            {
                pairs[2 * np] = i;
                pairs[2 * np++ + 1] = R[i].nb[f];
                parent[uf_find(parent, i)] = uf_find(parent, R[i].nb[f]);
            }
    qsort(pairs, np, 2 * sizeof(long), cmp_long2);
    *nedges = 0;
    for (long e = 0; e < np; e++)
        *nedges += e == 0 || cmp_long2(pairs + 2 * e, pairs + 2 * e - 2) != 0;
    long comps = 0;
    for (long i = 0; i < nr; i++)
        comps += uf_find(parent, i) == i;
    xfree(pairs);
    xfree(parent);
    return comps;
}

/* --json: the report of a verified certificate on stdout, one object (the counts of
   a regions certificate: what the checker proved them to be) */
static void
print_json_verified(const regions_result * res, long n)
{
    if (check_json == NULL)
        return;
    printf("{\"verified\": true, \"kind\": ");
    json_print_string(stdout, check_json->kind);
    printf(", \"certificate\": ");
    json_print_string(stdout, check_json->cpath);
    printf(", \"network\": ");
    json_print_string(stdout, check_json->npath);
    if (res != NULL)
    {
        printf(", \"partial\": %s, \"regions\": %ld", res->partial ? "true" : "false", res->nr);
        if (res->L != NULL)
        {
            printf(", \"fvector\": [");
            for (long k = 0; k <= n; k++)
                printf("%s%ld", k ? ", " : "", res->fvec[k]);
            printf("], \"euler\": %ld, \"bounded_regions\": %ld, \"relatively_bounded_regions\": %ld, "
                   "\"interior_regions\": %ld", res->euler, res->bounded, res->relb, res->interior);
        }
    }
    printf("}\n");
}

/* Check 1: the certificate's own network is net (NET's), exactly. */
static void
same_network(yajl_val cert, const char * cpath, const network * net, const char * npath)
{
    network cnet;
    yajl_val cn = json_member(cert, "network");
    if (cn == NULL)
        fail("%s: no network", cpath);
    read_network(&cnet, cn, "certificate network");
    if (!networks_equal(net, &cnet))
        fail("the certificate's network differs from %s", npath);
}

void
check_certificate(yajl_val cert, const char * cpath, const char * npath, const network * netp, const char * box,
                  int whole, int arrangement, int quiet)
{
    /* 1. the network */
    network net = *netp;
    yajl_val kind = json_member(cert, "certificate");
    /* the kind is the certificate's own key: --arrangement only insists on one */
    if (YAJL_IS_STRING(kind) && strcmp(kind->u.string, "arrangement") == 0)
        arrangement = 1;
    if (check_json != NULL && YAJL_IS_STRING(kind))
        check_json->kind = kind->u.string;
    if (net.graph != NULL && (arrangement || (YAJL_IS_STRING(kind) && strcmp(kind->u.string, "boundary-class") == 0)))
        fail("%s: an %s certificate lists no regions, so it cannot be checked against the graph %s (the lowering is "
             "proved region by region): check it against `relucert lower %s`'s file", cpath,
             arrangement ? "arrangement" : "classification", npath, npath);
    if (net.grp != NULL && (arrangement || (YAJL_IS_STRING(kind) && strcmp(kind->u.string, "boundary-class") == 0)))
        fail("%s: an %s certificate is about ReLU neurons; %s has max groups", cpath,
             arrangement ? "arrangement" : "classification", npath);
    if (arrangement)
    {
        if (!YAJL_IS_STRING(kind) || strcmp(kind->u.string, "arrangement") != 0)
            fail("%s: not an arrangement certificate (key \"certificate\" must be \"arrangement\")", cpath);
        same_network(cert, cpath, &net, npath);
        check_arrangement(cert, cpath, npath, net.n, net.nlayers, net.hidden, net.W[0], net.b[0], quiet);
        print_json_verified(NULL, 0);
        return;
    }
    if (YAJL_IS_STRING(kind) && strcmp(kind->u.string, "dualgraph") == 0)
    {
        same_network(cert, cpath, &net, npath);
        if (json_get_index(json_member(cert, "input_dim")) != net.n
            || json_get_index(json_member(cert, "hidden_neurons")) != net.hidden)
            fail("%s: input_dim or hidden_neurons do not match the network", cpath);
        check_dualgraph(cert, cpath, npath, &net, box, whole, quiet);
        if (!quiet && net.graph != NULL)
            print_graph_lowering(npath, &net);
        print_json_verified(NULL, 0);
        return;
    }
    if (YAJL_IS_STRING(kind) && (strcmp(kind->u.string, "homology") == 0
                                 || strcmp(kind->u.string, "boundary-class") == 0))
    {
        if ((box != NULL || whole) && strcmp(kind->u.string, "homology") != 0)
            fail("--box and --whole apply to regions and homology certificates; %s is a %s certificate", cpath,
                 kind->u.string);
        same_network(cert, cpath, &net, npath);
        if (strcmp(kind->u.string, "homology") == 0)
        {
            check_homology(cert, cpath, npath, &net, box, whole, quiet);
            if (!quiet && net.graph != NULL)     /* the complex's regions were checked against it */
                print_graph_lowering(npath, &net);
        }
        else
            check_boundary(cert, cpath, npath, &net, quiet);
        print_json_verified(NULL, 0);
        return;
    }
    if (!YAJL_IS_STRING(kind) || strcmp(kind->u.string, "regions") != 0)
        fail("%s: not a regions certificate (key \"certificate\" must be \"regions\")", cpath);
    same_network(cert, cpath, &net, npath);
    long n = net.n, N = net.hidden;
    if (json_get_index(json_member(cert, "input_dim")) != n
        || json_get_index(json_member(cert, "hidden_neurons")) != N)
        fail("%s: input_dim or hidden_neurons do not match the network", cpath);

    /* 2. the domain {x : DA x <= Db} */
    long m;
    mpq_t * DA, * Db;
    read_domain(&DA, &Db, &m, cert, n, cpath);

    require_domain(DA, Db, m, n, box, whole);

    regions_result res;
    check_regions(&res, cert, cpath, &net, DA, Db, m);
    long nr = res.nr, max_f = res.max_f, * hist = res.hist;
    yajl_val adj = json_member(cert, "adjacency");
    mpq_t mu;
    mpq_init(mu);
    mpq_set(mu, res.mean);
    print_json_verified(&res, n);

    if (!quiet)
    {
        printf("relucert-check: certificate %s verified\n", cpath);
        printf("network %s: input dimension %ld, hidden widths", npath, n);
        for (long l = 0; l + 1 < net.nlayers; l++)
            printf("%s%ld", l ? "," : " ", net.width[l + 1]);
        if (net.nlayers == 1)
            printf(" (none)");
        printf(", %ld output%s; %s\n", net.width[net.nlayers], net.width[net.nlayers] == 1 ? "" : "s",
               net.graph != NULL ? "those of the certificate's network, the graph's lowering"
                                 : "equal, exactly, to the certificate's network");
        if (net.graph != NULL)
            print_graph_lowering(npath, &net);
        printf("domain: ");
        print_domain(stdout, DA, Db, m, n);
        printf("; convex, hence connected\n");
        printf("proved:\n");
        printf("  - %ld regions; each is the closure of the set of points of the domain with its activation\n"
               "    pattern, full-dimensional, and its listed inequalities are exactly its facets\n"
               "    (each is a constraint of the region, every other constraint is implied, each is\n"
               "    irredundant: its witness is tight on it alone)\n", nr);
        printf("  - the patterns are pairwise distinct\n");
        if (res.partial)
            printf("  - the listed adjacencies: each is a facet shared by the two listed regions\n"
                   "partial exploration: %ld regions verified, completeness not claimed (a facet may have\n"
                   "  no listed region beyond it; the exploration started near the point of \"exploration\")\n",
                   nr);
        else
            printf("  - every facet lies on the domain boundary or is shared with the listed region on its\n"
                   "    other side: the set of regions is closed under crossing facets, so, the domain being\n"
                   "    connected, these are all the full-dimensional activation regions in the domain\n");
        printf("  - facet histogram");
        for (long f = 0; f <= max_f; f++)
            if (hist[f])
                printf(" %ld:%ld", f, hist[f]);
        printf(", mean facets ");
        print_q(stdout, mu);
        printf(" (%ld adjacent pairs), as stated\n", (long) json_array_len(adj));
        long edges, comps = dual_graph(&edges, res.R, nr);
        printf("  - dual graph (regions joined across a shared facet): %ld nodes, %ld edges, %ld connected\n"
               "    component%s\n", nr, edges, comps, comps == 1 ? "" : "s");
        if (res.L != NULL)
        {
            printf("  - every face of every region is listed (face lattices of the regions' cones: genuine\n"
                   "    faces, exact ranks, a flag, two faces in every interval of length 2); faces are\n"
                   "    identified across regions by sign vector; f-vector of the complex");
            for (long k = 0; k <= n; k++)
                printf("%s%ld", k ? "," : " ", res.fvec[k]);
            printf(", Euler characteristic %ld, as stated\n", res.euler);
            printf("  - the affine output map W x + c of every region (from its pattern), as stated\n");
            printf("  - from the face lattices: %ld bounded, %ld relatively bounded, %ld interior regions\n"
                   "    (no vertex on the domain's boundary), as stated\n", res.bounded, res.relb, res.interior);
        }
        else
            printf("not proved: the f-vector and the bounded, relatively bounded and interior counts\n"
                   "    (a format 1 certificate lists no faces)\n");
    }
}

/* What checking against a graph file proved (the line after the network's) */
void
print_graph_lowering(const char * npath, const network * net)
{
    printf("  (%s is a graph of %ld nodes; the network is its lowering, proved on every region by the\n"
           "  checker's own graph evaluator: each neuron's pre-activation is its unit's piece boundary and\n"
           "  the outputs are the graph's, so what is proved about the network holds for the graph)\n",
           npath, graph_num_nodes(net->graph));
}

/* --box LO,HI: two exact numbers (a usage error otherwise, exit 2) */
static int
box_arg_ok(const char * box)
{
    const char * comma = strchr(box, ',');
    if (comma == NULL)
        return 0;
    char * los = xmalloc(strlen(box) + 1);
    strcpy(los, box);
    los[comma - box] = '\0';
    mpq_t q;
    mpq_init(q);
    mpq_t h;
    mpq_init(h);
    int ok = parse_exact(q, los) == 0 && parse_exact(h, comma + 1) == 0 && mpq_cmp(q, h) < 0;
    mpq_clear(q);
    mpq_clear(h);
    xfree(los);
    return ok;
}

/* relucert-check --eval NET x1,...,xn: the network's outputs at x by the
   checker's own evaluator (graph_eval for a graph, forward otherwise), one
   JSON list of exact numbers; tests compare it with other evaluators. */
static int
eval_main(const char * npath, const char * at)
{
    yajl_val root = json_read_file(npath);
    network net;
    graph * G = NULL;
    long n, m;
    if (graph_is_graph(root))
    {
        G = graph_read(root, npath);
        n = graph_input_dim(G), m = graph_output_dim(G);
    }
    else
    {
        read_network(&net, root, npath);
        n = net.n, m = net.width[net.nlayers];
    }
    mpq_t * x = qvec(n), * y = qvec(m), * z = qvec(G != NULL ? 1 : net.hidden);
    char * buf = xmalloc(strlen(at) + 1), * tok, * save = NULL;
    strcpy(buf, at);
    long k = 0;
    for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save), k++)
        if (k >= n || parse_exact(x[k], tok) != 0)
            break;
    long commas = 0;
    for (const char * c = at; *c; c++)
        commas += *c == ',';
    if (k != n || tok != NULL || commas != n - 1)
    {
        fprintf(stderr, "relucert-check: --eval: expected %ld exact numbers separated by commas\n", n);
        arena_free_all();
        return 2;
    }
    if (G != NULL)
        graph_eval(y, G, x);
    else
        forward(z, y, &net, x);
    putchar('[');
    for (long i = 0; i < m; i++)
    {
        printf(i ? ", \"" : "\"");
        mpq_out_str(stdout, 10, y[i]);
        putchar('"');
    }
    printf("]\n");
    arena_free_all();
    return 0;
}

/* A usage error: one line, exit status 2. */
static int
usage_error(const char * what, const char * arg)
{
    fprintf(stderr, "relucert-check: %s%s%s (see --help)\n", what, arg != NULL ? " " : "", arg != NULL ? arg : "");
    return 2;
}

/* The output must reach stdout: a full disk or a closed stdout is exit 2,
   never a silent 0 (what was proved would be lost). */
static int
finish_stdout(int status, int closed, int wrote)
{
    if (closed && wrote)
    {
        fprintf(stderr, "relucert-check: standard output is closed: the output is lost\n");
        return 2;
    }
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "relucert-check: cannot write to standard output\n");
        return 2;
    }
    return status;
}

int
main(int argc, char ** argv)
{
    int quiet = 0, whole = 0, arrangement = 0, eval = 0, json = 0;
    const char * args[2], * box = NULL;
    int nargs = 0;
    /* a closed stdout would let the next fopen take descriptor 1 */
    int closed = fcntl(1, F_GETFD) == -1 && open("/dev/null", O_WRONLY) == 1;
    for (int i = 1; i < argc; i++)
    {
        int * flag = strcmp(argv[i], "--quiet") == 0 ? &quiet : strcmp(argv[i], "--whole") == 0 ? &whole
                   : strcmp(argv[i], "--arrangement") == 0 ? &arrangement : strcmp(argv[i], "--eval") == 0 ? &eval
                   : strcmp(argv[i], "--json") == 0 ? &json : NULL;
        if (strcmp(argv[i], "--help") == 0)
        {
            fputs(help, stdout);
            return finish_stdout(0, closed, 1);
        }
        else if (flag != NULL || strcmp(argv[i], "--box") == 0)
        {
            if ((flag != NULL && *flag) || (flag == NULL && box != NULL))
                return usage_error(argv[i], "given more than once");
            if (flag != NULL)
                *flag = 1;
            else if (i + 1 < argc)
                box = argv[++i];
            else
                return usage_error("--box needs LO,HI", NULL);
        }
        else if (argv[i][0] == '-' && argv[i][1] != '\0' && !(eval && nargs == 1))   /* --eval NET -1,2 */
        {
            fprintf(stderr, "relucert-check: unknown option '%s' (see --help)\n", argv[i]);
            return 2;
        }
        else if (nargs < 2)
            args[nargs++] = argv[i];
        else
            return usage_error(eval ? "expected NET and a point x1,...,xn" : "expected two files, CERT and NET", NULL);
    }
    if ((box != NULL && whole) || ((arrangement || eval) && (box != NULL || whole)) || (eval && (arrangement || json)))
        return usage_error(eval ? "--eval takes no other option" : "--box, --whole and --arrangement exclude each other", NULL);
    if (nargs != 2)
        return usage_error(eval ? "expected NET and a point x1,...,xn" : "expected two files, CERT and NET", NULL);
    arena_init();
    if (box != NULL && !box_arg_ok(box))
    {
        fprintf(stderr, "relucert-check: --box: expected LO,HI (exact numbers, LO < HI), got '%.60s' (see --help)\n", box);
        arena_free_all();
        return 2;
    }
    if (eval)
        return finish_stdout(eval_main(args[0], args[1]), closed, 1);
    const char * cpath = args[0], * npath = args[1];
    check_json_report report = { cpath, npath, NULL };
    if (json)
    {
        check_json = &report;   /* the text report is replaced by one JSON object */
        quiet = 1;
    }
    yajl_val cert = json_read_file(cpath);
    yajl_val nroot = json_read_file(npath);

    network net;
    if (graph_is_graph(nroot))
    {
        /* a graph: the certificate is about its lowering, the certificate's network, which
           every region's check then proves equal to the graph there (graph_check_region) */
        graph * G = graph_read(nroot, npath);
        yajl_val cn = json_member(cert, "network");
        if (cn == NULL)
            fail("%s: no network", cpath);
        read_network(&net, cn, "certificate network");
        graph_match_lowering(G, &net, cn, cpath);
        net.graph = G;
    }
    else
        read_network(&net, nroot, npath);
    check_certificate(cert, cpath, npath, &net, box, whole, arrangement, quiet);
    arena_free_all();
    return finish_stdout(0, closed, !quiet);
}
