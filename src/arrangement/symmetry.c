/* Linear symmetries of a vector configuration through nauty.

   For vectors v_1..v_m spanning R^R let Q = sum v v^T. A permutation of the
   configuration is induced by a linear map iff it preserves the values
   v_i^T Q^{-1} v_j (Bremner, Dutour Sikiric, Schuermann, "Polyhedral
   representation conversion up to symmetries", 2009): a linear map g
   permuting the vectors satisfies g Q g^T = Q. A hyperplane has two normals
   +v and -v, so the configuration here is the 2m signed vectors; a linear
   map permuting them permutes the hyperplanes. The Gram values with the
   common denominator det Q are integers v_i^T adj(Q) v_j, turned into edge
   colours of the complete graph on the 2m signed vectors; nauty takes the
   edge colours as bits of a layered graph (its manual, section "Vertex and
   edge colours"). Every generator nauty returns is then checked exactly: the
   map fixed on a basis must send every vector to its image, or the generator
   is dropped (a subgroup only merges fewer nodes). */
#include <stdlib.h>
#include <string.h>
#include <nauty.h>
#include <flint/fmpz_vec.h>
#include "arrangement/dr.h"

void
arr_perms_init(arr_perms_t G, slong m)
{
    G->m = m;
    G->num = G->alloc = 0;
    G->p = NULL;
}

void
arr_perms_clear(arr_perms_t G)
{
    flint_free(G->p);
}

void
arr_perms_push(arr_perms_t G, const unsigned short * p)
{
    if (G->num == G->alloc)
    {
        G->alloc = FLINT_MAX(2 * G->alloc, 8);
        G->p = flint_realloc(G->p, G->alloc * G->m * sizeof(unsigned short));
    }
    for (slong i = 0; i < G->m; i++)
        G->p[G->num * G->m + i] = p[i];
    G->num++;
}

struct arr_symmetry_struct
{
    slong m, R, ncol, layers, slayers;
    int * col;          /* m x m colour ids of |v_i^T adj(Q) v_j| */
    int * scol;         /* 2m x 2m colour ids of the values between signed vectors +-v_i */
    signed char * sgn;  /* m x m signs of v_i^T adj(Q) v_j */
    int * vcol;         /* m: colour id of v_i^T adj(Q) v_i */
    fmpz_mat_t V;
    slong * basis;      /* R independent rows */
    fmpz_mat_t X;       /* scratch */
};

static int
_symmetry_cmp_fmpz(const void * a, const void * b)
{
    return fmpz_cmp((const fmpz *) a, (const fmpz *) b);
}

static int
find_id(const fmpz * vals, slong n, const fmpz_t x)
{
    slong lo = 0, hi = n - 1;
    while (lo < hi)
    {
        slong mid = (lo + hi) / 2;
        if (fmpz_cmp(vals + mid, x) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int) lo;
}

/* G = V adj(Q) V^T as integers (Q^{-1} = adj / den) */
static void
gram_numerators(fmpz_mat_t G, const fmpz_mat_t V)
{
    slong m = V->r, R = V->c;
    fmpz_mat_t Vt, Q, Qi, T;
    fmpz_t den;
    fmpz_init(den);
    fmpz_mat_init(Vt, R, m);
    fmpz_mat_init(Q, R, R);
    fmpz_mat_init(Qi, R, R);
    fmpz_mat_init(T, m, R);
    fmpz_mat_transpose(Vt, V);
    fmpz_mat_mul(Q, Vt, V);
    fmpz_mat_inv(Qi, den, Q);
    fmpz_mat_mul(T, V, Qi);
    fmpz_mat_mul(G, T, Vt);
    fmpz_mat_clear(Vt);
    fmpz_mat_clear(Q);
    fmpz_mat_clear(Qi);
    fmpz_mat_clear(T);
    fmpz_clear(den);
}

arr_symmetry_struct *
arr_symmetry_new(const fmpz_mat_t V)
{
    arr_symmetry_struct * S = flint_malloc(sizeof(arr_symmetry_struct));
    slong m = V->r, R = V->c, nv = 0;
    fmpz_mat_t G;
    fmpz * vals = _fmpz_vec_init(FLINT_MAX(m * m + m, 1));
    fmpz_t x;

    S->m = m;
    S->R = R;
    fmpz_mat_init_set(S->V, V);
    fmpz_mat_init(S->X, R, R);
    fmpz_mat_init(G, m, m);
    fmpz_init(x);
    gram_numerators(G, V);
    /* colours: the values |G_ij|; the signs are kept apart */
    for (slong i = 0; i < m; i++)
        for (slong j = i; j < m; j++)
            fmpz_abs(vals + nv++, fmpz_mat_entry(G, i, j));
    qsort(vals, nv, sizeof(fmpz), _symmetry_cmp_fmpz);
    slong u = 0;
    for (slong i = 0; i < nv; i++)
        if (u == 0 || !fmpz_equal(vals + i, vals + u - 1))
            fmpz_set(vals + u++, vals + i);
    S->ncol = u;
    S->layers = 1;
    while ((WORD(1) << S->layers) < u)
        S->layers++;
    S->col = flint_malloc(FLINT_MAX(m * m, 1) * sizeof(int));
    S->sgn = flint_malloc(FLINT_MAX(m * m, 1));
    S->vcol = flint_malloc(FLINT_MAX(m, 1) * sizeof(int));
    for (slong a = 0; a < m; a++)
        for (slong b = 0; b < m; b++)
        {
            fmpz_abs(x, fmpz_mat_entry(G, a, b));
            S->col[a * m + b] = find_id(vals, u, x);
            S->sgn[a * m + b] = (signed char) fmpz_sgn(fmpz_mat_entry(G, a, b));
        }
    for (slong i = 0; i < m; i++)
        S->vcol[i] = S->col[i * m + i];
    /* signed colours: +-G_ij between the 2m signed vectors */
    nv = 0;
    for (slong i = 0; i < m; i++)
        for (slong j = i; j < m; j++)
        {
            fmpz_set(vals + nv++, fmpz_mat_entry(G, i, j));
            fmpz_neg(vals + nv++, fmpz_mat_entry(G, i, j));
        }
    qsort(vals, nv, sizeof(fmpz), _symmetry_cmp_fmpz);
    u = 0;
    for (slong i = 0; i < nv; i++)
        if (u == 0 || !fmpz_equal(vals + i, vals + u - 1))
            fmpz_set(vals + u++, vals + i);
    S->slayers = 1;
    while ((WORD(1) << S->slayers) < u)
        S->slayers++;
    S->scol = flint_malloc(FLINT_MAX(4 * m * m, 1) * sizeof(int));
    for (slong a = 0; a < 2 * m; a++)
        for (slong b = 0; b < 2 * m; b++)
        {
            fmpz_set(x, fmpz_mat_entry(G, a / 2, b / 2));
            if ((a ^ b) & 1)
                fmpz_neg(x, x);
            S->scol[a * 2 * m + b] = find_id(vals, u, x);
        }
    /* a basis among the rows: pivots of the echelon form of V^T */
    {
        fmpz_mat_t Vt;
        fmpz_t den;
        fmpz_init(den);
        fmpz_mat_init(Vt, R, m);
        fmpz_mat_transpose(Vt, V);
        fmpz_mat_rref(Vt, den, Vt);
        S->basis = flint_malloc(FLINT_MAX(R, 1) * sizeof(slong));
        for (slong r = 0, c = 0; r < R && c < m; c++)
            if (!fmpz_is_zero(fmpz_mat_entry(Vt, r, c)))
                S->basis[r++] = c;
        fmpz_mat_clear(Vt);
        fmpz_clear(den);
    }
    fmpz_clear(x);
    fmpz_mat_clear(G);
    _fmpz_vec_clear(vals, FLINT_MAX(m * m + m, 1));
    return S;
}

void
arr_symmetry_free(arr_symmetry_struct * S)
{
    fmpz_mat_clear(S->V);
    fmpz_mat_clear(S->X);
    flint_free(S->col);
    flint_free(S->sgn);
    flint_free(S->scol);
    flint_free(S->vcol);
    flint_free(S->basis);
    flint_free(S);
}

/* Is the signed permutation img (img[i] = 2 sigma(i) + sign bit) induced by a
   linear map? Solve Vb X = den Wb on the basis, then check every row. */
static int
arr_symmetry_is_linear(arr_symmetry_struct * S, const int * img)
{
    slong m = S->m, R = S->R;
    fmpz_mat_t Vb, Wb;
    fmpz_t den, s;
    fmpz * row = _fmpz_vec_init(R);
    int ok = 1;

    fmpz_mat_init(Vb, R, R);
    fmpz_mat_init(Wb, R, R);
    fmpz_init(den);
    fmpz_init(s);
    for (slong r = 0; r < R; r++)
    {
        slong b = S->basis[r], t = img[b] >> 1;
        for (slong c = 0; c < R; c++)
        {
            fmpz_set(fmpz_mat_entry(Vb, r, c), fmpz_mat_entry(S->V, b, c));
            fmpz_set(fmpz_mat_entry(Wb, r, c), fmpz_mat_entry(S->V, t, c));
            if (img[b] & 1)
                fmpz_neg(fmpz_mat_entry(Wb, r, c), fmpz_mat_entry(Wb, r, c));
        }
    }
    if (!fmpz_mat_solve(S->X, den, Vb, Wb))
        ok = 0;
    for (slong i = 0; ok && i < m; i++)
    {
        slong t = img[i] >> 1;
        for (slong c = 0; ok && c < R; c++)
        {
            fmpz_zero(row + c);
            for (slong k = 0; k < R; k++)
                fmpz_addmul(row + c, fmpz_mat_entry(S->V, i, k), fmpz_mat_entry(S->X, k, c));
            fmpz_mul(s, den, fmpz_mat_entry(S->V, t, c));
            if (img[i] & 1)
                fmpz_neg(s, s);
            ok = fmpz_equal(row + c, s);
        }
    }
    _fmpz_vec_clear(row, R);
    fmpz_mat_clear(Vb);
    fmpz_mat_clear(Wb);
    fmpz_clear(den);
    fmpz_clear(s);
    return ok;
}

/* nauty's userautomproc has no user pointer: the generators of the one call
   in progress are collected through this thread-local slot. */
typedef struct
{
    arr_symmetry_struct * S;
    arr_perms_struct * G;
    slong rejected;
    int * img, * queue;
    unsigned short * p;
    int is_signed;      /* the graph's vertices are the 2m signed vectors */
}
collect_ctx;

static _Thread_local collect_ctx * collect_current;

/* Signs for a permutation sigma preserving |G|: the map must satisfy
   G(sigma i, sigma j) = e_i e_j G(i, j); propagate e from one vector per
   component of the graph of nonzero G, then check every pair. */
static int
signs_for(int * img, const arr_symmetry_struct * S, const int * perm, int * queue)
{
    slong m = S->m;
    for (slong i = 0; i < m; i++)
        img[i] = -1;
    for (slong root = 0; root < m; root++)
    {
        slong head = 0, tail = 0;
        if (img[root] >= 0)
            continue;
        img[root] = 2 * perm[root];
        queue[tail++] = (int) root;
        while (head < tail)
        {
            slong i = queue[head++];
            int ei = img[i] & 1;
            for (slong j = 0; j < m; j++)
            {
                int g = S->sgn[i * m + j], h = S->sgn[perm[i] * m + perm[j]];
                if (g == 0 || img[j] >= 0)
                    continue;
                img[j] = 2 * perm[j] + (ei ^ (g != h));
                queue[tail++] = (int) j;
            }
        }
    }
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < m; j++)
        {
            int g = S->sgn[i * m + j], h = S->sgn[perm[i] * m + perm[j]];
            int e = (img[i] ^ img[j]) & 1;
            if (h != (e ? -g : g))
                return 0;
        }
    return 1;
}

static void
collect_automorphism(int count, int * perm, int * orbits, int numorbits, int stabvertex, int n)
{
    collect_ctx * c = collect_current;
    slong m = c->S->m;
    int ok = 1;

    (void) count; (void) orbits; (void) numorbits; (void) stabvertex; (void) n;
    if (c->is_signed)
    {
        for (slong i = 0; i < m; i++)
        {
            int a = perm[2 * i], b = perm[2 * i + 1];
            ok &= (a < 2 * m) && (b == (a ^ 1));
            c->img[i] = a;
            c->p[i] = (unsigned short) (a >> 1);
        }
    }
    else
    {
        for (slong i = 0; i < m; i++)
        {
            ok &= (perm[i] < m);
            c->p[i] = (unsigned short) perm[i];
        }
        ok = ok && signs_for(c->img, c->S, perm, c->queue);
    }
    if (ok && arr_symmetry_is_linear(c->S, c->img))
        arr_perms_push(c->G, c->p);
    else
        c->rejected++;
}

typedef struct { int key[3]; int v; } cell_entry;

static int
cell_entry_cmp(const void * x, const void * y)
{
    const cell_entry * a = x, * b = y;
    for (int k = 0; k < 3; k++)
        if (a->key[k] != b->key[k])
            return a->key[k] < b->key[k] ? -1 : 1;
    return (a->v > b->v) - (a->v < b->v);
}

/* one nauty run: on the m hyperplanes coloured by |G| (is_signed = 0) or on
   the 2m signed vectors coloured by G */
static slong
arr_symmetry_run(arr_perms_t G, arr_symmetry_struct * S, const int * colour, int is_signed)
{
    slong m = S->m, L = is_signed ? S->slayers : S->layers, s2 = is_signed ? 2 * m : m;
    const int * col = is_signed ? S->scol : S->col;
    int nv = (int) (s2 * L), M = SETWORDSNEEDED(nv);
    graph * g = flint_calloc((size_t) nv * M, sizeof(graph));
    int * lab = flint_malloc(nv * sizeof(int));
    int * ptn = flint_malloc(nv * sizeof(int));
    int * orb = flint_malloc(nv * sizeof(int));
    cell_entry * ce = flint_malloc(nv * sizeof(cell_entry));
    collect_ctx ctx;
    DEFAULTOPTIONS_GRAPH(options);
    statsblk stats;

    nauty_check(WORDSIZE, M, nv, NAUTYVERSIONID);
    for (slong l = 0; l < L; l++)
    {
        for (slong a = 0; a < s2; a++)
        {
            if (l + 1 < L)
                ADDONEEDGE(g, (int) (l * s2 + a), (int) ((l + 1) * s2 + a), M);
            for (slong b = a + 1; b < s2; b++)
                if ((col[a * s2 + b] >> l) & 1)
                    ADDONEEDGE(g, (int) (l * s2 + a), (int) (l * s2 + b), M);
        }
    }
    for (int v = 0; v < nv; v++)
    {
        slong a = (v % s2) / (is_signed ? 2 : 1);
        ce[v].key[0] = v / (int) s2;
        ce[v].key[1] = S->vcol[a];
        ce[v].key[2] = colour ? colour[a] : 0;
        ce[v].v = v;
    }
    qsort(ce, nv, sizeof(cell_entry), cell_entry_cmp);
    for (int i = 0; i < nv; i++)
    {
        lab[i] = ce[i].v;
        ptn[i] = (i + 1 < nv && !memcmp(ce[i].key, ce[i + 1].key, sizeof(ce[i].key))) ? 1 : 0;
    }
    ctx.S = S;
    ctx.G = G;
    ctx.rejected = 0;
    ctx.is_signed = is_signed;
    ctx.img = flint_malloc(FLINT_MAX(m, 1) * sizeof(int));
    ctx.queue = flint_malloc(FLINT_MAX(m, 1) * sizeof(int));
    ctx.p = flint_malloc(FLINT_MAX(m, 1) * sizeof(unsigned short));
    collect_current = &ctx;
    options.defaultptn = FALSE;
    options.userautomproc = collect_automorphism;
    densenauty(g, lab, ptn, orb, &options, &stats, M, nv, NULL);
    collect_current = NULL;
    flint_free(ctx.img);
    flint_free(ctx.queue);
    flint_free(ctx.p);
    flint_free(g);
    flint_free(lab);
    flint_free(ptn);
    flint_free(orb);
    flint_free(ce);
    return ctx.rejected;
}

/* The |G| graph is half the size but can have automorphisms that no linear
   map induces (B_n: swapping x_1 + x_2 and x_1 - x_2 alone); when one is
   found, the level is redone on the signed graph, whose automorphisms are
   all linear. */
slong
arr_symmetry_generators(arr_perms_t G, arr_symmetry_struct * S, const int * colour)
{
    slong n0 = G->num, rej = arr_symmetry_run(G, S, colour, 0);
    if (rej == 0)
        return 0;
    G->num = n0;
    return arr_symmetry_run(G, S, colour, 1);
}
