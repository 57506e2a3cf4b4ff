/* Combinatorial types: a canonical form of the vertex-facet incidence, and
   names of common types.

   The incidence is a bipartite graph (generators | facets). Two polytopes are
   combinatorially equivalent exactly when these graphs are isomorphic (the
   face lattice is determined by the vertex-facet incidence: a face is the set
   of vertices on a set of facets; Ziegler, Lectures on Polytopes, 2.2). The
   canonical form is found as in McKay's individualisation-refinement scheme,
   without automorphism pruning: the ordered partition (vertices, rays,
   facets) is refined to an equitable one (cells split by the numbers of
   neighbours in each cell, in a label-independent order), the first
   non-singleton cell is split by individualising each of its members in turn,
   and among all discrete leaves the lexicographically smallest incidence
   matrix is kept. Every choice depends only on the partition, never on the
   input labels, so the minimum is an invariant. The search tree has at least
   |Aut| leaves; a node limit keeps it bounded (NULL beyond it). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "polytope/polytope.h"

#define TYPE_NODE_LIMIT 400000

typedef struct
{
    slong ng, nv, nf, N;        /* N = ng + nf nodes: generators first */
    const unsigned char * inc;
    slong * adj_start, * adj;   /* adjacency lists */
    char * best;                /* best leaf matrix (ng * nf chars), or NULL */
    slong * best_lab;
    slong nodes;
    int aborted;
}
_canon_ctx;

/* A partition: lab[0..N) with cell starts marked by cellstart[i] = 1. */

/* Signature of a node: the sorted list of the cells of its neighbours (the same
   information as the number of neighbours in each cell, stored sparsely). */
typedef struct
{
    const slong * key;     /* laid out like adj */
    const slong * start;   /* adj_start */
}
_key_ctx;

static int
_cmp_by_key(const void * a, const void * b, void * vk)
{
    const _key_ctx * k = vk;
    slong u = *(const slong *) a, v = *(const slong *) b;
    slong lu = k->start[u + 1] - k->start[u], lv = k->start[v + 1] - k->start[v];
    if (lu != lv)
        return lu < lv ? -1 : 1;
    const slong * x = k->key + k->start[u], * y = k->key + k->start[v];
    for (slong i = 0; i < lu; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int
_cmp_slong(const void * a, const void * b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

/* Refines (lab, cs) to an equitable partition. */
static void
_refine(_canon_ctx * c, slong * lab, char * cs)
{
    slong N = c->N;
    slong * cellof = flint_malloc(N * sizeof(slong));
    slong * key = flint_malloc(FLINT_MAX(c->adj_start[N], 1) * sizeof(slong));
    for (;;)
    {
        slong ncells = 0;
        for (slong i = 0; i < N; i++)
        {
            if (cs[i])
                ncells++;
            cellof[lab[i]] = ncells - 1;
        }
        if (ncells == N)
            break;
        for (slong v = 0; v < N; v++)
        {
            for (slong p = c->adj_start[v]; p < c->adj_start[v + 1]; p++)
                key[p] = cellof[c->adj[p]];
            qsort(key + c->adj_start[v], c->adj_start[v + 1] - c->adj_start[v], sizeof(slong), _cmp_slong);
        }
        _key_ctx kc = { key, c->adj_start };
        slong split = 0;
        for (slong s = 0; s < N; )
        {
            slong e = s + 1;
            while (e < N && !cs[e])
                e++;
            if (e - s > 1)
            {
                qsort_r(lab + s, e - s, sizeof(slong), _cmp_by_key, &kc);
                for (slong i = s + 1; i < e; i++)
                    if (_cmp_by_key(lab + i - 1, lab + i, &kc) != 0)
                    {
                        cs[i] = 1;
                        split = 1;
                    }
            }
            s = e;
        }
        if (!split)
            break;
    }
    flint_free(key);
    flint_free(cellof);
}

static void
_search(_canon_ctx * c, slong * lab, char * cs)
{
    slong N = c->N;
    if (c->aborted)
        return;
    if (++c->nodes > TYPE_NODE_LIMIT)
    {
        c->aborted = 1;
        return;
    }
    _refine(c, lab, cs);
    slong s = 0;
    while (s < N)
    {
        slong e = s + 1;
        while (e < N && !cs[e])
            e++;
        if (e - s > 1)
            break;
        s = e;
    }
    if (s == N)
    {
        /* discrete: generators occupy positions 0..ng-1 (their cells come first) */
        char * mat = flint_malloc(c->ng * c->nf);
        for (slong i = 0; i < c->ng; i++)
            for (slong j = 0; j < c->nf; j++)
                mat[i * c->nf + j] = c->inc[lab[i] * c->nf + (lab[c->ng + j] - c->ng)] ? '1' : '0';
        if (c->best == NULL || memcmp(mat, c->best, c->ng * c->nf) < 0)
        {
            flint_free(c->best);
            c->best = mat;
            memcpy(c->best_lab, lab, N * sizeof(slong));
        }
        else
            flint_free(mat);
        return;
    }
    slong e = s + 1;
    while (e < N && !cs[e])
        e++;
    slong * lab2 = flint_malloc(N * sizeof(slong));
    char * cs2 = flint_malloc(N);
    for (slong i = s; i < e && !c->aborted; i++)
    {
        memcpy(lab2, lab, N * sizeof(slong));
        memcpy(cs2, cs, N);
        /* individualise lab[i]: it becomes the cell {lab[i]} before the rest */
        slong v = lab2[i];
        memmove(lab2 + s + 1, lab2 + s, (i - s) * sizeof(slong));
        lab2[s] = v;
        cs2[s + 1] = 1;
        _search(c, lab2, cs2);
    }
    flint_free(lab2);
    flint_free(cs2);
}

char *
polytope_canonical_incidence_search(slong ** perm_g, slong ** perm_f, const unsigned char * inc,
                             slong ng, slong nv, slong nf)
{
    _canon_ctx c;
    slong N = ng + nf;
    c.ng = ng;
    c.nv = nv;
    c.nf = nf;
    c.N = N;
    c.inc = inc;
    c.best = NULL;
    c.best_lab = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
    c.nodes = 0;
    c.aborted = 0;
    c.adj_start = flint_calloc(N + 1, sizeof(slong));
    slong E = 0;
    for (slong i = 0; i < ng; i++)
        for (slong j = 0; j < nf; j++)
            if (inc[i * nf + j])
            {
                c.adj_start[i + 1]++;
                c.adj_start[ng + j + 1]++;
                E++;
            }
    for (slong v = 0; v < N; v++)
        c.adj_start[v + 1] += c.adj_start[v];
    c.adj = flint_malloc(FLINT_MAX(2 * E, 1) * sizeof(slong));
    slong * fill = flint_calloc(FLINT_MAX(N, 1), sizeof(slong));
    for (slong i = 0; i < ng; i++)
        for (slong j = 0; j < nf; j++)
            if (inc[i * nf + j])
            {
                c.adj[c.adj_start[i] + fill[i]++] = ng + j;
                c.adj[c.adj_start[ng + j] + fill[ng + j]++] = i;
            }
    flint_free(fill);

    slong * lab = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
    char * cs = flint_calloc(FLINT_MAX(N, 1) + 1, 1);
    for (slong v = 0; v < N; v++)
        lab[v] = v;
    /* cells: vertices, rays, facets */
    if (nv > 0) cs[0] = 1;
    if (ng > nv) cs[nv] = 1;
    if (nf > 0) cs[ng] = 1;
    char * res = NULL;
    if (N == 0 || ng == 0 || nf == 0)
    {
        c.best = flint_calloc(1, 1);
        for (slong v = 0; v < N; v++)
            c.best_lab[v] = v;
    }
    else
        _search(&c, lab, cs);
    if (!c.aborted)
    {
        size_t len = ng * nf + 64;
        res = flint_malloc(len);
        int h = snprintf(res, len, "%ld,%ld,%ld:", (long) nv, (long) (ng - nv), (long) nf);
        if (ng * nf > 0)
            memcpy(res + h, c.best, ng * nf);
        res[h + ng * nf] = '\0';
        if (perm_g)
        {
            *perm_g = flint_malloc(FLINT_MAX(ng, 1) * sizeof(slong));
            for (slong i = 0; i < ng; i++)
                (*perm_g)[i] = c.best_lab[i];
        }
        if (perm_f)
        {
            *perm_f = flint_malloc(FLINT_MAX(nf, 1) * sizeof(slong));
            for (slong j = 0; j < nf; j++)
                (*perm_f)[j] = c.best_lab[ng + j] - ng;
        }
    }
    flint_free(c.best);
    flint_free(c.best_lab);
    flint_free(c.adj_start);
    flint_free(c.adj);
    flint_free(lab);
    flint_free(cs);
    return res;
}

char *
polytope_canonical_form(slong ** perm_g, slong ** perm_f, const polytope_t Q)
{
    slong ng = polytope_num_gens(Q), nf = Q->m;
    unsigned char * inc = flint_calloc(FLINT_MAX(ng * nf, 1), 1);
    for (slong i = 0; i < ng; i++)
        for (slong j = 0; j < nf; j++)
            inc[i * nf + j] = polytope_incident(Q, i, j);
    char * r = polytope_canonical_incidence(perm_g, perm_f, inc, ng, Q->nv, nf);
    flint_free(inc);
    return r;
}

/* ---- reference incidences ----------------------------------------------------------- */

/* d-cube: vertices = subsets of {0..d-1} (bit k: x_k = 1), facets x_k = 0 (2k), x_k = 1 (2k+1) */
static unsigned char *
_cube(slong d, slong * nv, slong * nf)
{
    *nv = WORD(1) << d;
    *nf = 2 * d;
    unsigned char * inc = flint_calloc(*nv * *nf, 1);
    for (slong v = 0; v < *nv; v++)
        for (slong k = 0; k < d; k++)
            inc[v * *nf + 2 * k + ((v >> k) & 1)] = 1;
    return inc;
}

/* transpose: the dual type */
static unsigned char *
_transpose(unsigned char * inc, slong * nv, slong * nf)
{
    unsigned char * t = flint_malloc(*nv * *nf);
    for (slong i = 0; i < *nv; i++)
        for (slong j = 0; j < *nf; j++)
            t[j * *nv + i] = inc[i * *nf + j];
    flint_free(inc);
    slong s = *nv;
    *nv = *nf;
    *nf = s;
    return t;
}

/* prism over a k-gon: vertices (i, level), facets: k sides, bottom, top */
static unsigned char *
_prism(slong k, slong * nv, slong * nf)
{
    *nv = 2 * k;
    *nf = k + 2;
    unsigned char * inc = flint_calloc(*nv * *nf, 1);
    for (slong i = 0; i < k; i++)
        for (slong l = 0; l < 2; l++)
        {
            slong v = 2 * i + l;
            inc[v * *nf + i] = 1;                 /* side i: vertices i and i+1 */
            inc[v * *nf + (i + k - 1) % k] = 1;   /* side i-1 */
            inc[v * *nf + k + l] = 1;
        }
    return inc;
}

/* pyramid over a k-gon: apex k, sides i (base edge i, i+1 and apex), base */
static unsigned char *
_pyramid(slong k, slong * nv, slong * nf)
{
    *nv = k + 1;
    *nf = k + 1;
    unsigned char * inc = flint_calloc(*nv * *nf, 1);
    for (slong i = 0; i < k; i++)
    {
        inc[i * *nf + i] = 1;
        inc[((i + 1) % k) * *nf + i] = 1;
        inc[k * *nf + i] = 1;
        inc[i * *nf + k] = 1;
    }
    return inc;
}

/* bipyramid over a k-gon: apexes k, k+1; facets (i, apex) */
static unsigned char *
_bipyramid(slong k, slong * nv, slong * nf)
{
    *nv = k + 2;
    *nf = 2 * k;
    unsigned char * inc = flint_calloc(*nv * *nf, 1);
    for (slong a = 0; a < 2; a++)
        for (slong i = 0; i < k; i++)
        {
            slong f = a * k + i;
            inc[i * *nf + f] = 1;
            inc[((i + 1) % k) * *nf + f] = 1;
            inc[(k + a) * *nf + f] = 1;
        }
    return inc;
}

/* icosahedron: top 0, upper ring 1..5, lower ring 6..10, bottom 11 */
static unsigned char *
_icosahedron(slong * nv, slong * nf)
{
    *nv = 12;
    *nf = 20;
    unsigned char * inc = flint_calloc(12 * 20, 1);
    slong f = 0;
    for (slong k = 0; k < 5; k++)
    {
        slong u0 = 1 + k, u1 = 1 + (k + 1) % 5, l0 = 6 + k, l1 = 6 + (k + 1) % 5;
        slong tri[4][3] = { { 0, u0, u1 }, { u0, u1, l0 }, { u1, l0, l1 }, { 11, l0, l1 } };
        for (slong t = 0; t < 4; t++, f++)
            for (slong s = 0; s < 3; s++)
                inc[tri[t][s] * 20 + f] = 1;
    }
    return inc;
}

/* permutahedron of order r: vertices = permutations of {0..r-1} (as position
   -> value), facets = nonempty proper subsets S of positions; vertex p lies on
   facet S when p maps S onto {0..|S|-1} */
static unsigned char *
_permutahedron(slong r, slong * nv, slong * nf)
{
    slong fact = 1;
    for (slong i = 2; i <= r; i++)
        fact *= i;
    *nv = fact;
    *nf = (WORD(1) << r) - 2;
    unsigned char * inc = flint_calloc(*nv * *nf, 1);
    slong * p = flint_malloc(r * sizeof(slong));
    for (slong v = 0; v < fact; v++)
    {
        /* v-th permutation by the factorial number system */
        slong x = v;
        char used[16] = { 0 };
        for (slong i = 0; i < r; i++)
        {
            slong f = 1;
            for (slong k = 2; k <= r - 1 - i; k++)
                f *= k;
            slong q = x / f;
            x %= f;
            for (slong s = 0; s < r; s++)
                if (!used[s])
                {
                    if (q == 0)
                    {
                        p[i] = s;
                        used[s] = 1;
                        break;
                    }
                    q--;
                }
        }
        for (slong S = 1; S < (WORD(1) << r) - 1; S++)
        {
            slong size = 0, ok = 1;
            for (slong i = 0; i < r; i++)
                size += (S >> i) & 1;
            for (slong i = 0; i < r; i++)
                if (((S >> i) & 1) && p[i] >= size)
                    ok = 0;
            inc[v * *nf + S - 1] = ok;
        }
    }
    flint_free(p);
    return inc;
}

/* The number of facets of C(V, d) (Ziegler, 0.7 and 8.4): for d = 2k,
   V/(V-k) binom(V-k, k); for d = 2k+1, 2 binom(V-k-1, k). */
static slong
_cyclic_facets(slong V, slong d)
{
    slong k = d / 2, r;
    fmpz_t c;
    fmpz_init(c);
    if (d % 2 == 0)
    {
        fmpz_bin_uiui(c, V - k, k);
        fmpz_mul_ui(c, c, V);
        fmpz_divexact_ui(c, c, V - k);
    }
    else
    {
        fmpz_bin_uiui(c, V - k - 1, k);
        fmpz_mul_2exp(c, c, 1);
    }
    r = fmpz_fits_si(c) ? fmpz_get_si(c) : -1;
    fmpz_clear(c);
    return r;
}

/* cyclic polytope C(V, d): its facets are the d-subsets S of {0..V-1}
   satisfying Gale's evenness condition (between two elements not in S lie an
   even number of elements of S; Ziegler, Lectures on Polytopes, 0.7). NULL
   when the number of facets is not F (the caller's cheap filter) or the
   enumeration would be large. */
static unsigned char *
_cyclic(slong V, slong d, slong F, slong * nv, slong * nf)
{
    slong * c = flint_malloc(d * sizeof(slong)), cnt = 0, cap = FLINT_MAX(F, 1);
    unsigned char * inc = flint_calloc(V * cap, 1);
    for (slong k = 0; k < d; k++)
        c[k] = k;
    for (slong guard = 0; guard < 4000000; guard++)
    {
        /* Gale: every maximal run of S not touching 0 or V-1 has even length */
        int ok = 1;
        for (slong a = 0; a < d && ok; )
        {
            slong b = a;
            while (b + 1 < d && c[b + 1] == c[b] + 1)
                b++;
            if (c[a] > 0 && c[b] < V - 1 && (b - a + 1) % 2)
                ok = 0;
            a = b + 1;
        }
        if (ok)
        {
            if (cnt == cap)
            {
                cnt = -1;
                break;
            }
            for (slong k = 0; k < d; k++)
                inc[c[k] * cap + cnt] = 1;
            cnt++;
        }
        slong k = d - 1;
        while (k >= 0 && c[k] == V - d + k)
            k--;
        if (k < 0)
            break;
        c[k]++;
        for (slong t = k + 1; t < d; t++)
            c[t] = c[t - 1] + 1;
    }
    flint_free(c);
    if (cnt != F)
    {
        flint_free(inc);
        return NULL;
    }
    *nv = V;
    *nf = F;
    return inc;
}

/* The reference incidence (freed here) has the canonical form `form`. */
static int
_same_type(const char * form, unsigned char * inc, const slong * nv, const slong * nf)
{
    char * r = polytope_canonical_incidence(NULL, NULL, inc, *nv, *nv, *nf);
    int same = r != NULL && form != NULL && !strcmp(r, form);
    flint_free(r);
    flint_free(inc);
    return same;
}

static const char * _polygon_names[] = { NULL, NULL, NULL, "triangle", "quadrilateral", "pentagon", "hexagon",
                                        "heptagon", "octagon", "nonagon", "decagon" };

static void
_polygon(char * buf, size_t size, slong k)
{
    if (k <= 10)
        snprintf(buf, size, "%s", _polygon_names[k]);
    else
        snprintf(buf, size, "%ld-gon", (long) k);
}
/* The d-cube or the d-cross-polytope, named, when form is its canonical form. */
static const char *
_cube_or_cross(char * buf, size_t size, const char * form, slong d, slong V, slong F)
{
    const char * res = NULL;
    unsigned char * inc;
    slong nv, nf;
    if (d <= 12 && V == (WORD(1) << d) && F == 2 * d)
    {
        inc = _cube(d, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            if (d == 3)
                snprintf(buf, size, "cube");
            else
                snprintf(buf, size, "%ld-cube%s", (long) d, d == 4 ? " (tesseract)" : "");
            res = buf;
        }
    }
    if (res == NULL && d <= 12 && V == 2 * d && F == (WORD(1) << d))
    {
        inc = _cube(d, &nv, &nf);
        inc = _transpose(inc, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            if (d == 3)
                snprintf(buf, size, "octahedron (3-cross-polytope)");
            else
                snprintf(buf, size, "%ld-cross-polytope", (long) d);
            res = buf;
        }
    }
    return res;
}


const char *
polytope_type_name(char * buf, size_t size, const polytope_t Q)
{
    slong d = Q->dim, V = Q->nv, F = Q->m, nv, nf;
    if (!polytope_is_bounded(Q))
        return NULL;
    if (d < 0)
        return snprintf(buf, size, "empty set"), buf;
    if (d == 0)
        return snprintf(buf, size, "point"), buf;
    if (d == 1)
        return snprintf(buf, size, "segment"), buf;
    if (d == 2)
        return _polygon(buf, size, V), buf;
    if (V == d + 1)
    {
        if (d == 3)
            snprintf(buf, size, "tetrahedron (3-simplex)");
        else
            snprintf(buf, size, "%ld-simplex", (long) d);
        return buf;
    }
    char * form = polytope_canonical_form(NULL, NULL, Q);
    const char * res = NULL;
    if (form == NULL)
        return NULL;
    unsigned char * inc;
    char poly[32];
    res = _cube_or_cross(buf, size, form, d, V, F);
    if (res == NULL && d == 3 && V % 2 == 0 && F == V / 2 + 2)
    {
        inc = _prism(V / 2, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            _polygon(poly, sizeof(poly), V / 2);
            snprintf(buf, size, "prism over a %s", poly);
            res = buf;
        }
    }
    if (res == NULL && d == 3 && V == F)
    {
        inc = _pyramid(V - 1, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            _polygon(poly, sizeof(poly), V - 1);
            snprintf(buf, size, "pyramid over a %s", poly);
            res = buf;
        }
    }
    if (res == NULL && d == 3 && V >= 5 && F == 2 * (V - 2))
    {
        inc = _bipyramid(V - 2, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            _polygon(poly, sizeof(poly), V - 2);
            snprintf(buf, size, "bipyramid over a %s", poly);
            res = buf;
        }
    }
    if (res == NULL && d == 3 && V == 12 && F == 20)
    {
        inc = _icosahedron(&nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            snprintf(buf, size, "icosahedron");
            res = buf;
        }
    }
    if (res == NULL && d == 3 && V == 20 && F == 12)
    {
        inc = _icosahedron(&nv, &nf);
        inc = _transpose(inc, &nv, &nf);
        if (_same_type(form, inc, &nv, &nf))
        {
            snprintf(buf, size, "dodecahedron");
            res = buf;
        }
    }
    if (res == NULL && d >= 3 && d <= 6)
    {
        slong fact = 1;
        for (slong i = 2; i <= d + 1; i++)
            fact *= i;
        if (V == fact && F == (WORD(1) << (d + 1)) - 2)
        {
            inc = _permutahedron(d + 1, &nv, &nf);
            if (_same_type(form, inc, &nv, &nf))
            {
                snprintf(buf, size, "permutahedron of order %ld%s", (long) (d + 1),
                         d == 3 ? " (truncated octahedron)" : "");
                res = buf;
            }
        }
    }
    slong ninc = 0;
    for (slong i = 0; i < V; i++)
        for (slong j = 0; j < F; j++)
            ninc += polytope_incident(Q, i, j);
    if (res == NULL && d >= 3 && V > d + 1 && V <= 40 && ninc == d * F && _cyclic_facets(V, d) == F)
    {
        inc = _cyclic(V, d, F, &nv, &nf);
        if (inc != NULL && _same_type(form, inc, &nv, &nf))
        {
            snprintf(buf, size, "cyclic polytope C(%ld,%ld)", (long) V, (long) d);
            res = buf;
        }
    }
    if (res == NULL)
    {
        fmpq * g;
        slong k = polytope_zonotope_generators(&g, Q);
        if (k > 0)
        {
            snprintf(buf, size, "zonotope with %ld generators", (long) k);
            _fmpq_vec_clear(g, k * Q->n);
            res = buf;
        }
    }
    flint_free(form);
    return res;
}

int
polytope_isomorphism(slong * gmap, slong * fmap, const polytope_t Q, const polytope_t R)
{
    slong * pg1, * pf1, * pg2, * pf2;
    char * c1 = polytope_canonical_form(&pg1, &pf1, Q);
    char * c2 = c1 ? polytope_canonical_form(&pg2, &pf2, R) : NULL;
    int res;
    if (c1 == NULL || c2 == NULL)
        res = -1;
    else if (strcmp(c1, c2) != 0)
        res = 0;
    else
    {
        slong ng = polytope_num_gens(Q), nf = Q->m;
        for (slong p = 0; p < ng; p++)
            gmap[pg1[p]] = pg2[p];
        for (slong p = 0; p < nf; p++)
            fmap[pf1[p]] = pf2[p];
        /* the certificate: incidence is preserved (equal canonical forms always
           give an isomorphism; a failure here is a bug) */
        res = 1;
        for (slong i = 0; i < ng; i++)
            for (slong j = 0; j < nf; j++)
                if (polytope_incident(Q, i, j) != polytope_incident(R, gmap[i], fmap[j]))
                    res = -2;
    }
    if (c1)
    {
        flint_free(pg1);
        flint_free(pf1);
    }
    if (c2)
    {
        flint_free(pg2);
        flint_free(pf2);
    }
    flint_free(c1);
    flint_free(c2);
    return res;
}

/* ---- zonotopes ----------------------------------------------------------------------- */

static int
_zq_equal(const fmpq * a, const fmpq * b, slong n)
{
    for (slong i = 0; i < n; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

static void
_zq_set(fmpq * a, const fmpq * b, slong n)
{
    for (slong i = 0; i < n; i++)
        fmpq_set(a + i, b + i);
}

static void
_zq_add(fmpq * a, const fmpq * b, const fmpq * c, slong n)
{
    for (slong i = 0; i < n; i++)
        fmpq_add(a + i, b + i, c + i);
}

/* The edges of a polytope from its vertex-facet incidence: vertices a < b
   are adjacent iff no third vertex lies on every facet the two share (the
   combinatorial adjacency test, exact for polytopes). Calls edge(a, b, data)
   in increasing (a, b) until it returns 0; returns 0 then, 1 otherwise. */
static int
_polytope_edges(const polytope_t Q, int (* edge)(slong, slong, void *), void * data)
{
    slong nv = Q->nv, m = Q->m, fw = BS_WORDS(m), vw = BS_WORDS(nv);
    bword * F = flint_calloc(FLINT_MAX(nv * fw, 1), sizeof(bword));
    bword * V = flint_calloc(FLINT_MAX(m * vw, 1), sizeof(bword));
    bword * C = flint_malloc(FLINT_MAX(fw, 1) * sizeof(bword));
    bword * on = flint_malloc(FLINT_MAX(vw, 1) * sizeof(bword));
    for (slong i = 0; i < nv; i++)
        for (slong j = 0; j < m; j++)
            if (polytope_incident(Q, i, j))
            {
                bs_set(F + i * fw, j);
                bs_set(V + j * vw, i);
            }
    int go = 1;
    for (slong a = 0; a < nv && go; a++)
        for (slong b = a + 1; b < nv && go; b++)
        {
            bs_and(C, F + a * fw, F + b * fw, fw);
            if (bs_count(C, fw) < Q->dim - 1)
                continue;    /* an edge lies on at least dim - 1 facets */
            bs_fill(on, nv);
            for (slong w = 0; w < fw; w++)
                for (bword y = C[w]; y != 0; y &= y - 1)
                    bs_and(on, on, V + (64 * w + __builtin_ctzll(y)) * vw, vw);
            if (bs_count(on, vw) == 2)
                go = edge(a, b, data);
        }
    flint_free(F);
    flint_free(V);
    flint_free(C);
    flint_free(on);
    return go;
}

/* The parallel classes of edges: one vector per class (oriented
   lexicographically positive), every edge of a class the same vector. */
typedef struct
{
    const polytope_struct * Q;
    slong k, alloc;
    fmpz * cls;              /* k primitive directions */
    fmpq * g;                /* k edge vectors */
    fmpz * dir;
    fmpq * e;
}
zono_ctx;

static int
_zono_edge(slong a, slong b, void * data)
{
    zono_ctx * x = data;
    slong n = x->Q->n;
    for (slong t = 0; t < n; t++)
        fmpq_sub(x->e + t, x->Q->vert + b * n + t, x->Q->vert + a * n + t);
    poly_vec_from_fmpq(x->dir, x->e, n);
    if (poly_vec_lex_sign(x->dir, n) < 0)
    {
        _fmpz_vec_neg(x->dir, x->dir, n);
        for (slong t = 0; t < n; t++)
            fmpq_neg(x->e + t, x->e + t);
    }
    slong c = 0;
    while (c < x->k && !_fmpz_vec_equal(x->cls + c * n, x->dir, n))
        c++;
    if (c < x->k)
        return _zq_equal(x->g + c * n, x->e, n);
    if (x->k == 12)
        return 0;    /* more generators than the check below affords */
    if (x->k == x->alloc)
    {
        slong na = FLINT_MAX(8, 2 * x->alloc);
        x->cls = flint_realloc(x->cls, na * n * sizeof(fmpz));
        x->g = flint_realloc(x->g, na * n * sizeof(fmpq));
        for (slong t = x->alloc * n; t < na * n; t++)
        {
            fmpz_init(x->cls + t);
            fmpq_init(x->g + t);
        }
        x->alloc = na;
    }
    _fmpz_vec_set(x->cls + x->k * n, x->dir, n);
    _zq_set(x->g + x->k * n, x->e, n);
    x->k++;
    return 1;
}

/* a.x for a facet row a (integers) and rational x */
static void
_zono_dot(fmpq_t r, const fmpz * a, const fmpq * x, slong n, fmpq_t t)
{
    fmpq_zero(r);
    for (slong i = 0; i < n; i++)
    {
        fmpq_mul_fmpz(t, x + i, a + i);
        fmpq_add(r, r, t);
    }
}

/* Is Q = Z = base + sum_j [0, g_j]? Z inside Q: on every facet (a, b) the
   maximum of a over Z, a.base + sum max(0, a.g_j), is at most b. Q inside Z:
   every vertex v of Q is the maximiser over Z of a_v, the sum of the normals
   of v's facets (inside v's normal cone, so if Z = Q its face there is {v}):
   no a_v.g_j is 0 and v = base + sum over a_v.g_j > 0 of g_j. */
static int
_zono_equal(const polytope_t Q, const fmpq * base, const fmpq * g, slong k)
{
    slong n = Q->n;
    fmpq_t s, t, u;
    fmpq_init(s);
    fmpq_init(t);
    fmpq_init(u);
    fmpz * av = _fmpz_vec_init(n);
    fmpq * y = _fmpq_vec_init(n);
    int ok = 1;
    for (slong j = 0; j < Q->m && ok; j++)
    {
        _zono_dot(s, Q->A + j * n, base, n, t);
        for (slong i = 0; i < k; i++)
        {
            _zono_dot(u, Q->A + j * n, g + i * n, n, t);
            if (fmpq_sgn(u) > 0)
                fmpq_add(s, s, u);
        }
        fmpq_set_fmpz(t, Q->b + j);
        ok = fmpq_cmp(s, t) <= 0;
    }
    for (slong v = 0; v < Q->nv && ok; v++)
    {
        _fmpz_vec_zero(av, n);
        for (slong j = 0; j < Q->m; j++)
            if (polytope_incident(Q, v, j))
                _fmpz_vec_add(av, av, Q->A + j * n, n);
        _zq_set(y, base, n);
        for (slong i = 0; i < k && ok; i++)
        {
            _zono_dot(u, av, g + i * n, n, t);
            ok = !fmpq_is_zero(u);
            if (fmpq_sgn(u) > 0)
                _zq_add(y, y, g + i * n, n);
        }
        ok = ok && _zq_equal(y, Q->vert + v * n, n);
    }
    _fmpz_vec_clear(av, n);
    _fmpq_vec_clear(y, n);
    fmpq_clear(s);
    fmpq_clear(t);
    fmpq_clear(u);
    return ok;
}

/* Edges of a zonotope fall into classes of translates of its generators
   (McMullen; Ziegler, Lectures on Polytopes, 7.3): take one edge vector per
   parallel class and check that every edge of the class is the same vector,
   then check exactly that c + sum_j [-g_j/2, g_j/2] (c the vertex centroid,
   the centre of symmetry) is Q (_zono_equal). Edges come from the incidence
   alone, no face lattice. */
slong
polytope_zonotope_generators(fmpq ** gens, const polytope_t Q)
{
    slong n = Q->n, k;
    zono_ctx x;
    x.Q = Q;
    x.k = x.alloc = 0;
    x.cls = NULL;
    x.g = NULL;
    x.dir = _fmpz_vec_init(n);
    x.e = _fmpq_vec_init(n);
    /* a d-dimensional zonotope has at least 2^d vertices (as many as the
       d-cube, the sum of d segments): skip the edges otherwise */
    int ok = polytope_is_bounded(Q) && Q->dim >= 1 && (Q->dim >= 40 || Q->nv >= (WORD(1) << Q->dim));
    *gens = NULL;
    if (ok)
        ok = _polytope_edges(Q, _zono_edge, &x);
    k = x.k;
    fmpq * g = x.g;
    if (ok)
    {
        fmpq_t t;
        fmpq_init(t);
        fmpq * base = _fmpq_vec_init(n);
        polytope_interior_point(base, Q);
        for (slong j = 0; j < k; j++)
            for (slong s = 0; s < n; s++)
            {
                fmpq_div_2exp(t, g + j * n + s, 1);
                fmpq_sub(base + s, base + s, t);
            }
        ok = _zono_equal(Q, base, g, k);
        _fmpq_vec_clear(base, n);
        fmpq_clear(t);
    }
    if (ok)
    {
        *gens = _fmpq_vec_init(k * n);
        _zq_set(*gens, g, k * n);
    }
    for (slong t = 0; t < x.alloc * n; t++)
    {
        fmpz_clear(x.cls + t);
        fmpq_clear(x.g + t);
    }
    flint_free(x.cls);
    flint_free(x.g);
    _fmpz_vec_clear(x.dir, n);
    _fmpq_vec_clear(x.e, n);
    return ok ? k : 0;
}
