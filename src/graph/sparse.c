/* Sparse Laplacians, a minimum degree ordering and a floating-point sparse
   LDL^T (up-looking, over the elimination tree: T. Davis's LDL). The float
   factor is only a proposal: src/graph/fiedler.c checks exactly what it
   proves (see graph.h). */
#include <stdlib.h>
#include <string.h>
#include "graph/graph.h"

void
splap_init(splap_t A)
{
    A->n = 0;
    A->rowp = A->col = A->val = NULL;
}

void
splap_clear(splap_t A)
{
    flint_free(A->rowp);
    flint_free(A->col);
    flint_free(A->val);
}

void
splap_from_graph(splap_t A, const dualgraph_t G, int weighted)
{
    slong n = G->nodes, m = G->nedges;
    splap_clear(A);
    A->n = n;
    A->rowp = flint_calloc(n + 1, sizeof(slong));
    A->col = flint_malloc((n + 2 * m + 1) * sizeof(slong));
    A->val = flint_malloc((n + 2 * m + 1) * sizeof(slong));
    slong * deg = flint_calloc(n + 1, sizeof(slong)), * fill = flint_malloc((n + 1) * sizeof(slong));
    for (slong e = 0; e < m; e++)
        A->rowp[G->edges[2 * e] + 1]++, A->rowp[G->edges[2 * e + 1] + 1]++;
    for (slong i = 0; i < n; i++)
        A->rowp[i + 1] += A->rowp[i] + 1;
    for (slong i = 0; i < n; i++)
        fill[i] = A->rowp[i];
    /* edges are sorted (i < j): row i gets its smaller neighbours first when
       scanned by j, then the diagonal, then the larger ones */
    for (slong e = 0; e < m; e++)
    {
        slong j = G->edges[2 * e + 1], i = G->edges[2 * e], w = weighted ? G->weight[e] : 1;
        A->col[fill[j]] = i, A->val[fill[j]++] = -w;
        deg[i] += w, deg[j] += w;
    }
    for (slong i = 0; i < n; i++)
        A->col[fill[i]] = i, A->val[fill[i]++] = 0;
    for (slong e = 0; e < m; e++)
    {
        slong i = G->edges[2 * e], j = G->edges[2 * e + 1], w = weighted ? G->weight[e] : 1;
        A->col[fill[i]] = j, A->val[fill[i]++] = -w;
    }
    for (slong i = 0; i < n; i++)
        for (slong p = A->rowp[i]; p < A->rowp[i + 1]; p++)
            if (A->col[p] == i)
                A->val[p] = deg[i];
    flint_free(deg);
    flint_free(fill);
}

/* binary heap of (degree, node), smallest first; stale entries are skipped */
static void
_heap_push(slong * h, slong * len, slong key, slong v)
{
    slong i = (*len)++;
    h[2 * i] = key, h[2 * i + 1] = v;
    while (i > 0)
    {
        slong p = (i - 1) / 2;
        if (h[2 * p] < h[2 * i] || (h[2 * p] == h[2 * i] && h[2 * p + 1] < h[2 * i + 1]))
            break;
        slong a = h[2 * p], b = h[2 * p + 1];
        h[2 * p] = h[2 * i], h[2 * p + 1] = h[2 * i + 1], h[2 * i] = a, h[2 * i + 1] = b;
        i = p;
    }
}

static void
_heap_pop(slong * h, slong * len, slong * key, slong * v)
{
    *key = h[0], *v = h[1];
    slong n = --(*len), i = 0;
    h[0] = h[2 * n], h[1] = h[2 * n + 1];
    for (;;)
    {
        slong l = 2 * i + 1, s = i;
        for (slong c = l; c <= l + 1 && c < n; c++)
            if (h[2 * c] < h[2 * s] || (h[2 * c] == h[2 * s] && h[2 * c + 1] < h[2 * s + 1]))
                s = c;
        if (s == i)
            break;
        slong a = h[2 * s], b = h[2 * s + 1];
        h[2 * s] = h[2 * i], h[2 * s + 1] = h[2 * i + 1], h[2 * i] = a, h[2 * i + 1] = b;
        i = s;
    }
}

/* Minimum degree on the explicit elimination graph (ties: smallest node), a
   fill-reducing order; deterministic. perm[k] = the k-th node eliminated. */
static void
_min_degree(slong * perm, const splap_t A)
{
    slong n = A->n, hlen = 0, hcap = 4 * n + 4 * (A->rowp[n] + 1);
    slong ** adj = flint_malloc(n * sizeof(slong *)), * len = flint_malloc(n * sizeof(slong));
    slong * cap = flint_malloc(n * sizeof(slong)), * mark = flint_calloc(n, sizeof(slong));
    slong * h = flint_malloc(2 * hcap * sizeof(slong));
    char * done = flint_calloc(n, 1);
    for (slong i = 0; i < n; i++)
    {
        cap[i] = A->rowp[i + 1] - A->rowp[i] + 4;
        adj[i] = flint_malloc(cap[i] * sizeof(slong));
        len[i] = 0;
        for (slong p = A->rowp[i]; p < A->rowp[i + 1]; p++)
            if (A->col[p] != i)
                adj[i][len[i]++] = A->col[p];
        _heap_push(h, &hlen, len[i], i);
    }
    slong stamp = 0;
    for (slong k = 0; k < n; k++)
    {
        slong key, v;
        do
            _heap_pop(h, &hlen, &key, &v);
        while (done[v] || key != len[v]);
        perm[k] = v;
        done[v] = 1;
        for (slong a = 0; a < len[v]; a++)
        {
            slong u = adj[v][a], q = 0;
            stamp++;
            for (slong b = 0; b < len[u]; b++)   /* drop v, mark the rest */
                if (adj[u][b] != v)
                    mark[adj[u][q++] = adj[u][b]] = stamp;
            len[u] = q;
            for (slong b = 0; b < len[v]; b++)
            {
                slong w = adj[v][b];
                if (w == u || mark[w] == stamp)
                    continue;
                if (len[u] == cap[u])
                    adj[u] = flint_realloc(adj[u], (cap[u] *= 2) * sizeof(slong));
                adj[u][len[u]++] = w;
            }
            if (hlen == hcap)
                h = flint_realloc(h, 2 * (hcap *= 2) * sizeof(slong));
            _heap_push(h, &hlen, len[u], u);
        }
    }
    for (slong i = 0; i < n; i++)
        flint_free(adj[i]);
    flint_free(adj); flint_free(len); flint_free(cap); flint_free(mark); flint_free(h); flint_free(done);
}

void
ldl_init(ldl_t F, const splap_t A)
{
    slong n = A->n;
    F->n = n;
    F->perm = flint_malloc((n + 1) * sizeof(slong));
    F->iperm = flint_malloc((n + 1) * sizeof(slong));
    _min_degree(F->perm, A);
    for (slong k = 0; k < n; k++)
        F->iperm[F->perm[k]] = k;
    /* symbolic: elimination tree and column counts of the permuted matrix */
    F->parent = flint_malloc((n + 1) * sizeof(slong));
    F->colp = flint_calloc(n + 1, sizeof(slong));
    slong * flag = flint_malloc((n + 1) * sizeof(slong)), * cnt = flint_calloc(n + 1, sizeof(slong));
    for (slong k = 0; k < n; k++)
    {
        F->parent[k] = -1, flag[k] = k;
        slong r = F->perm[k];
        for (slong p = A->rowp[r]; p < A->rowp[r + 1]; p++)
            for (slong i = F->iperm[A->col[p]]; i < k && flag[i] != k; i = F->parent[i])
            {
                if (F->parent[i] == -1)
                    F->parent[i] = k;
                cnt[i]++;
                flag[i] = k;
            }
    }
    for (slong k = 0; k < n; k++)
        F->colp[k + 1] = F->colp[k] + cnt[k];
    F->row = flint_malloc((F->colp[n] + 1) * sizeof(slong));
    F->lx = flint_malloc((F->colp[n] + 1) * sizeof(double));
    F->d = flint_malloc((n + 1) * sizeof(double));
    flint_free(flag);
    flint_free(cnt);
}

void
ldl_clear(ldl_t F)
{
    flint_free(F->perm); flint_free(F->iperm); flint_free(F->parent); flint_free(F->colp);
    flint_free(F->row); flint_free(F->lx); flint_free(F->d);
}

slong
ldl_factor(ldl_t F, const splap_t A, double shift)
{
    slong n = F->n, neg = 0;
    double * y = flint_calloc(n + 1, sizeof(double));
    slong * flag = flint_malloc((n + 1) * sizeof(slong)), * pat = flint_malloc((n + 1) * sizeof(slong));
    slong * lnz = flint_calloc(n + 1, sizeof(slong));
    for (slong k = 0; k < n && neg >= 0; k++)
    {
        slong top = n, r = F->perm[k];
        flag[k] = k;
        for (slong p = A->rowp[r]; p < A->rowp[r + 1]; p++)
        {
            slong i = F->iperm[A->col[p]], len = 0;
            if (i > k)
                continue;
            y[i] += (double) A->val[p] - (i == k ? shift : 0.0);
            for (; flag[i] != k; i = F->parent[i])
                pat[len++] = i, flag[i] = k;
            while (len > 0)
                pat[--top] = pat[--len];
        }
        F->d[k] = y[k];
        y[k] = 0;
        for (; top < n; top++)
        {
            slong i = pat[top], p2 = F->colp[i] + lnz[i];
            double yi = y[i];
            y[i] = 0;
            for (slong p = F->colp[i]; p < p2; p++)
                y[F->row[p]] -= F->lx[p] * yi;
            double l = yi / F->d[i];
            F->d[k] -= l * yi;
            F->row[p2] = k;
            F->lx[p2] = l;
            lnz[i]++;
        }
        if (F->d[k] == 0.0)
            neg = -1;
        else if (F->d[k] < 0)
            neg++;
    }
    flint_free(y); flint_free(flag); flint_free(pat); flint_free(lnz);
    return neg;
}

void
ldl_solve(const ldl_t F, double * x, double * work)
{
    slong n = F->n;
    for (slong k = 0; k < n; k++)
        work[k] = x[F->perm[k]];
    for (slong j = 0; j < n; j++)
        for (slong p = F->colp[j]; p < F->colp[j + 1]; p++)
            work[F->row[p]] -= F->lx[p] * work[j];
    for (slong j = 0; j < n; j++)
        work[j] /= F->d[j];
    for (slong j = n - 1; j >= 0; j--)
        for (slong p = F->colp[j]; p < F->colp[j + 1]; p++)
            work[j] -= F->lx[p] * work[F->row[p]];
    for (slong k = 0; k < n; k++)
        x[F->perm[k]] = work[k];
}
