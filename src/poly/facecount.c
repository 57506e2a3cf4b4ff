/* Face counts of a region without its face lattice (issue 19, "faces once").

   The complex counts each face once, in the region that owns it (the local
   rule of complex.h): the faces of P inside none of the zero sets Z_i of the
   neurons whose other side owns them. Those counts need no face sets.

   Every face F with a vertex has a lowest vertex v in some order, and when v
   is simple (on exactly n constraints) the faces at v are the subsets S of
   its constraints, dim F(S) = n - |S|. For a polytope, ordered by a generic
   linear functional, v is lowest on F(S) iff every edge of F(S) at v goes up
   (the h-vector argument), so v's faces are counted from its down edges
   alone. For an unbounded P, vertices in index order, the subsets are walked
   with the vertices of lower index left on each face. Faces whose lowest
   vertex is not simple go through the descent of faces.c, restricted to the
   faces holding such a vertex. */
#include <math.h>
#include <string.h>
#include <flint/fmpz_vec.h>
#include "poly/poly-impl.h"

#define FACES_SIMPLE_MAX_DIM 16

/* popcount of a word (bs_count's SWAR: no libgcc call) */
static inline slong
_popc64(bword w)
{
    return bs_count(&w, 1);
}

/* popcount of a subset of a vertex's constraints (below 2^16: n is at most
   FACES_SIMPLE_MAX_DIM), by bytes */
#define P2(k) k, k + 1, k + 1, k + 2
#define P4(k) P2(k), P2(k + 1), P2(k + 1), P2(k + 2)
#define P6(k) P4(k), P4(k + 1), P4(k + 1), P4(k + 2)
static const unsigned char _popc_byte[256] = { P6(0), P6(1), P6(1), P6(2) };
#undef P2
#undef P4
#undef P6

static inline slong
_popc(unsigned s)
{
    return _popc_byte[s & 255] + _popc_byte[(s >> 8) & 255];
}

/* The masks of the faces Z_i (generator sets, gw words each) that hold a
   vertex: a face F lies inside Z_i iff its tight mask contains Z_i's (faces
   are closed and cut out by their tight constraints). A Z_i of rays only holds
   no face of P and is left out. Returns how many masks were written. */
static slong
_faces_bad_masks(bword * M, const poly_t P, const bword * Z, slong nz)
{
    slong G = P->ngens, gw = BS_WORDS(G), cw = P->cw, nb = 0;
    for (slong i = 0; i < nz; i++)
    {
        int has_vertex = 0;
        bword * m = M + nb * cw;
        bs_fill(m, P->ncons);
        /* the generators of Z_i by their bits (a zero set holds few) */
        for (slong w = 0; w < gw; w++)
            for (bword y = Z[i * gw + w]; y != 0; y &= y - 1)
            {
                slong g = 64 * w + __builtin_ctzll(y);
                if (cw == 1)
                    m[0] &= P->inc[g];
                else
                    bs_and(m, m, poly_inc(P, g), cw);
                has_vertex |= poly_gen_is_vertex(P, g);
            }
        nb += has_vertex;
    }
    return nb;
}


/* An order of the vertices of a polytope that a generic linear functional
   gives: c.x for fixed integers c, ties broken lexicographically (the order of
   c + e (x_1 + e x_2 + ...) for e > 0 small enough, so no two vertices tie).
   Vertices are (t, x) with t > 0. key[g] = c.x / t in doubles and err[g] a
   bound on its error (each term within 2^-50 relative, so 1e-13 of the sum
   of their sizes bounds the whole); a gap wider than both errors decides,
   anything closer is decided exactly. */
typedef struct
{
    const poly_struct * P;
    const double * key, * err;
    fmpz_t a, b, cu, cv;
}
lex_ctx;

static ulong
_lex_coeff(slong i)
{
    /* odd numbers of unrelated sizes, so points of a lattice tie rarely */
    return 1 + 2 * ((UWORD(2654435761) * i) % 1000003);
}

static int
_lex_cmp_ratio(const fmpz * p, const fmpz * tp, const fmpz * q, const fmpz * tq, fmpz_t a, fmpz_t b)
{
    fmpz_mul(a, p, tq);
    fmpz_mul(b, q, tp);
    return fmpz_cmp(a, b);
}

static int
_lex_less(lex_ctx * x, slong u, slong v)
{
    double ku = x->key[u], kv = x->key[v];
    if (isfinite(ku) && isfinite(kv) && fabs(ku - kv) > x->err[u] + x->err[v])
        return ku < kv;
    const fmpz * p = poly_gen(x->P, u), * q = poly_gen(x->P, v);
    fmpz_zero(x->cu);
    fmpz_zero(x->cv);
    for (slong i = 1; i <= x->P->n; i++)
    {
        fmpz_addmul_ui(x->cu, p + i, _lex_coeff(i));
        fmpz_addmul_ui(x->cv, q + i, _lex_coeff(i));
    }
    int c = _lex_cmp_ratio(x->cu, p, x->cv, q, x->a, x->b);
    for (slong i = 1; c == 0 && i <= x->P->n; i++)
        c = _lex_cmp_ratio(p + i, p, q + i, q, x->a, x->b);
    return c != 0 ? c < 0 : u < v;
}

static void
_lex_sort(slong * idx, slong * tmp, slong len, lex_ctx * x)
{
    if (len < 2)
        return;
    slong h = len / 2, i = 0, j = h, k = 0;
    _lex_sort(idx, tmp, h, x);
    _lex_sort(idx + h, tmp, len - h, x);
    while (i < h && j < len)
        tmp[k++] = _lex_less(x, idx[j], idx[i]) ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < len)
        tmp[k++] = idx[j++];
    for (k = 0; k < len; k++)
        idx[k] = tmp[k];
}

/* idx sorted by key alone (doubles; a merge sort, small runs by insertion) */
static void
_key_sort(slong * idx, slong * tmp, slong len, const double * key)
{
    if (len <= 8)
    {
        for (slong i = 1; i < len; i++)
        {
            slong g = idx[i], j = i;
            for (; j > 0 && key[idx[j - 1]] > key[g]; j--)
                idx[j] = idx[j - 1];
            idx[j] = g;
        }
        return;
    }
    slong h = len / 2, i = 0, j = h, k = 0;
    _key_sort(idx, tmp, h, key);
    _key_sort(idx + h, tmp, len - h, key);
    while (i < h && j < len)
        tmp[k++] = key[idx[j]] < key[idx[i]] ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < len)
        tmp[k++] = idx[j++];
    for (k = 0; k < len; k++)
        idx[k] = tmp[k];
}

/* The order of _lex_less from the doubles: sorted by key, then every run
   whose intervals [key - err, key + err] are not separated from the rest
   (the largest upper end before a cut below the smallest lower end after it)
   is sorted exactly; outside such runs the doubles decide correctly. */
static void
_lex_order(slong * idx, slong * tmp, double * lo, slong G, lex_ctx * x)
{
    const double * key = x->key, * err = x->err;
    for (slong g = 0; g < G; g++)
        if (!isfinite(key[g]))
        {
            _lex_sort(idx, tmp, G, x);
            return;
        }
    _key_sort(idx, tmp, G, key);
    for (slong r = G - 1; r >= 0; r--)
    {
        double l = key[idx[r]] - err[idx[r]];
        lo[r] = (r == G - 1 || l < lo[r + 1]) ? l : lo[r + 1];
    }
    double hi = -INFINITY;
    for (slong a = 0, r = 0; r < G; r++)
    {
        hi = FLINT_MAX(hi, key[idx[r]] + err[idx[r]]);
        if (r + 1 < G && !(hi < lo[r + 1]))
            continue;
        for (slong i = a + 1; i <= r; i++)     /* the run a..r, exactly */
        {
            slong g = idx[i], j = i;
            for (; j > a && _lex_less(x, g, idx[j - 1]); j--)
                idx[j] = idx[j - 1];
            idx[j] = g;
        }
        a = r + 1;
    }
}

/* The keys of _lex_less (x's fmpz initialised here, cleared by the caller):
   from D's doubles when D is P's (poly_dgens_set: each entry converted as
   fmpz_get_d would, the same errors), else from the entries. */
static void
_faces_lex_keys(lex_ctx * x, double * key, double * err, const poly_t P, const poly_dgens_struct * D)
{
    slong G = P->ngens, n = P->n;
    const double * dg = (D != NULL && D->ngens == G) ? D->g : NULL;
    double coeff[FACES_SIMPLE_MAX_DIM + 1];
    x->P = P;
    x->key = key;
    x->err = err;
    fmpz_init(x->a);
    fmpz_init(x->b);
    fmpz_init(x->cu);
    fmpz_init(x->cv);
    for (slong i = 1; i <= n && i <= FACES_SIMPLE_MAX_DIM; i++)
        coeff[i] = (double) _lex_coeff(i);
    for (slong g = 0; g < G; g++)
    {
        const fmpz * p = poly_gen(P, g);
        const double * u = (dg != NULL) ? dg + g * (n + 1) : NULL;
        double t = u ? u[0] : fmpz_get_d(p), k = 0, e = 0;
        for (slong i = 1; i <= n; i++)
        {
            double c = (i <= FACES_SIMPLE_MAX_DIM) ? coeff[i] : (double) _lex_coeff(i);
            double term = c * (u ? u[i] : fmpz_get_d(p + i)) / t;
            k += term;
            e += fabs(term);
        }
        key[g] = k;
        err[g] = 1e-13 * e + 1e-300;
    }
}

static void
_lex_ctx_clear(lex_ctx * x)
{
    fmpz_clear(x->a);
    fmpz_clear(x->b);
    fmpz_clear(x->cu);
    fmpz_clear(x->cv);
}

/* rank[g] = the place of vertex g in lexicographic order (P a polytope) */
static void
_faces_lex_rank(slong * rank, const poly_t P)
{
    slong G = FLINT_MAX(P->ngens, 1);
    slong * idx = flint_malloc(2 * G * sizeof(slong));
    double * key = flint_malloc(3 * G * sizeof(double)), * err = key + G, * lo = err + G;
    lex_ctx x;
    _faces_lex_keys(&x, key, err, P, NULL);
    for (slong g = 0; g < P->ngens; g++)
        idx[g] = g;
    _lex_order(idx, idx + P->ngens, lo, P->ngens, &x);
    for (slong r = 0; r < P->ngens; r++)
        rank[idx[r]] = r;
    _lex_ctx_clear(&x);
    flint_free(key);
    flint_free(idx);
}

/* v's constraints (n of them) into tight, and the bad masks inside them as
   subsets of those (bit a = tight[a]); returns how many. */
static slong
_faces_local(slong * tight, unsigned * lbad, const poly_t P, slong v, const bword * M, slong nb)
{
    const bword * inc = poly_inc(P, v);
    slong t = 0, nl = 0, cw = P->cw;
    for (slong w = 0; w < cw; w++)
        for (bword y = inc[w]; y != 0; y &= y - 1)
            tight[t++] = 64 * w + __builtin_ctzll(y);
    for (slong i = 0; i < nb; i++)
        if (bs_subset(M + i * cw, inc, cw))
        {
            unsigned l = 0;
            for (slong a = 0; a < t; a++)
                l |= bs_test(M + i * cw, tight[a]) ? (1u << a) : 0;
            lbad[nl++] = l;
        }
    return nl;
}

/* The set D of v's down edges: e_a (the generators on v's constraints but a,
   from prefix and suffix ANDs) ends at a vertex of lower rank. -1 when an
   edge does not have two vertices (P is then not as assumed). */
static slong
_faces_down_edges(const poly_t P, slong v, const slong * tight, const bword * T, const slong * rank, bword * scratch)
{
    slong n = P->n, G = P->ngens, gw = BS_WORDS(G);
    if (gw == 1)
    {
        /* one word per set (up to 64 generators, the usual region): the
           same steps in registers */
        bword ed[FACES_SIMPLE_MAX_DIM];
        _poly_edges_word(ed, T, tight, n, (G == 64) ? ~(bword) 0 : (UWORD(1) << G) - 1);
        slong down = 0;
        for (slong i = 0; i < n; i++)
        {
            bword e = ed[i], o = e & ~(UWORD(1) << v);
            /* e must be {v, w}: v in it, and exactly one other */
            if (o == e || o == 0 || (o & (o - 1)) != 0)
                return -1;
            if (rank[__builtin_ctzll(o)] < rank[v])
                down |= WORD(1) << i;
        }
        return down;
    }
    bword * pre = scratch, * suf = scratch + (n + 1) * gw, * e = scratch + 2 * (n + 1) * gw;
    bs_fill(pre, G);
    bs_fill(suf + n * gw, G);
    for (slong i = 0; i < n; i++)
        bs_and(pre + (i + 1) * gw, pre + i * gw, T + tight[i] * gw, gw);
    for (slong i = n - 1; i >= 0; i--)
        bs_and(suf + i * gw, suf + (i + 1) * gw, T + tight[i] * gw, gw);
    slong down = 0;
    for (slong i = 0; i < n; i++)
    {
        bs_and(e, pre + i * gw, suf + (i + 1) * gw, gw);
        if (bs_count_cap(e, gw, 3) != 2 || !bs_test(e, v))
            return -1;
        slong w0 = -1;
        for (slong w = 0; w < gw && w0 < 0; w++)
            for (bword y = e[w]; y != 0 && w0 < 0; y &= y - 1)
                if (64 * w + __builtin_ctzll(y) != v)
                    w0 = 64 * w + __builtin_ctzll(y);
        if (rank[w0] < rank[v])
            down |= WORD(1) << i;
    }
    return down;
}

#define FACES_DEGENERATE_MAX_UP 10

/* The faces whose lowest vertex is the degenerate vertex v (on more than n
   constraints) of a polytope, from v's edges: a face F at v is the closed set
   of its edges at v (an edge e lies in F iff e's tight mask holds F's, which
   is v's mask AND those of F's edges), and v is lowest on F iff all of them
   go up. So the closed sets of up edges are counted; the dimension of each is
   its rank among them (the face lattice is graded, and every face below an
   all-up face is all-up; a closed set's rank is 1 + the largest among its
   closed proper subsets, up to 3^FACES_DEGENERATE_MAX_UP steps). Returns 0 when v has more than
   FACES_DEGENERATE_MAX_UP up edges (then nothing is counted). */
static int
_faces_count_degenerate(slong * all, slong * outside, const poly_t P, slong v, const bword * T,
                        const slong * rank, const bword * M, slong nb)
{
    slong G = P->ngens, cw = P->cw, gw = BS_WORDS(G), nu = 0, ne = 0;
    const bword * incv = poly_inc(P, v);
    bword * em = flint_malloc(FLINT_MAX(G * cw, 1) * sizeof(bword));
    char * isup = flint_malloc(FLINT_MAX(G, 1));
    bword * on = flint_malloc(FLINT_MAX(gw, 1) * sizeof(bword));
    for (slong w = 0; w < G; w++)
    {
        if (w == v)
            continue;
        bword * C = em + ne * cw;
        bs_and(C, incv, poly_inc(P, w), cw);
        if (bs_count_cap(C, cw, P->n - 1) < P->n - 1)
            continue;
        /* {v, w} is an edge iff no third vertex is on all their common constraints */
        bs_fill(on, G);
        for (slong j = 0; j < cw; j++)
            for (bword y = C[j]; y != 0; y &= y - 1)
                bs_and(on, on, T + (64 * j + __builtin_ctzll(y)) * gw, gw);
        if (bs_count_cap(on, gw, 3) != 2)
            continue;
        isup[ne] = rank[w] > rank[v];
        nu += isup[ne];
        ne++;
    }
    int ok = (nu <= FACES_DEGENERATE_MAX_UP);
    if (ok)
    {
        /* up edges first, as bits 0 .. nu-1 of a subset */
        bword * up = flint_malloc(FLINT_MAX(nu * cw, 1) * sizeof(bword));
        bword * down = flint_malloc(FLINT_MAX((ne - nu) * cw, 1) * sizeof(bword));
        bword * mask = flint_malloc(cw * sizeof(bword));
        signed char * dim = flint_malloc(UWORD(1) << nu);
        for (slong e = 0, a = 0, b = 0; e < ne; e++)
            bs_copy(isup[e] ? up + (a++) * cw : down + (b++) * cw, em + e * cw, cw);
        /* subsets in increasing order: every proper subset comes first */
        for (unsigned s = 0; s < (1u << nu); s++)
        {
            bs_copy(mask, incv, cw);
            for (slong i = 0; i < nu; i++)
                if ((s >> i) & 1)
                    bs_and(mask, mask, up + i * cw, cw);
            unsigned c = 0;
            for (slong i = 0; i < nu; i++)
                c |= bs_subset(mask, up + i * cw, cw) ? (1u << i) : 0;
            int closed = (c == s);
            for (slong i = 0; closed && i < ne - nu; i++)
                closed = !bs_subset(mask, down + i * cw, cw);
            dim[s] = -1;
            if (!closed)
                continue;
            slong d = 0;
            for (unsigned t = (s - 1) & s; s != 0; t = (t - 1) & s)
            {
                if (dim[t] >= 0)
                    d = FLINT_MAX(d, dim[t] + 1);
                if (t == 0)
                    break;
            }
            dim[s] = (signed char) d;
            int inside = 0;
            for (slong i = 0; i < nb && !inside; i++)
                inside = bs_subset(M + i * cw, mask, cw);
            if (all != NULL)
                all[d]++;
            outside[d] += !inside;
        }
        flint_free(up);
        flint_free(down);
        flint_free(mask);
        flint_free(dim);
    }
    flint_free(em);
    flint_free(isup);
    flint_free(on);
    return ok;
}

/* binom[i][j] = C(i, j) for 0 <= j <= i <= n */
static void
_binom_table(slong (*binom)[FACES_SIMPLE_MAX_DIM + 1], slong n)
{
    for (slong i = 0; i <= n; i++)
        for (slong j = 0; j <= i; j++)
            binom[i][j] = (j == 0 || j == i) ? 1 : binom[i - 1][j - 1] + binom[i - 1][j];
}

static inline void _simple_vertex_count(slong * c, slong n, unsigned down, const unsigned * lbad, slong nl,
                                        slong (*binom)[FACES_SIMPLE_MAX_DIM + 1]);

/* The h-vector count of the faces whose lowest vertex (by rank) is simple:
   v counts C(n - |D|, r) faces of dimension n - |D| - r, the S holding D
   (_simple_vertex_count). Added into c (all: c[0..n], outside: c[n + 1 ..]);
   0 when an edge was not as assumed (then the counts are unusable). */
static int
_faces_count_hvector(slong * c, const poly_t P, const bword * T, const bword * M, slong nb, char * nonsimple,
                     const slong * rank)
{
    slong n = P->n, G = P->ngens, gw = BS_WORDS(G);
    bword * scratch = flint_malloc((2 * (n + 1) + 1) * gw * sizeof(bword));
    unsigned * lbad = flint_malloc(FLINT_MAX(nb, 1) * sizeof(unsigned));
    slong tight[FACES_SIMPLE_MAX_DIM], binom[FACES_SIMPLE_MAX_DIM + 1][FACES_SIMPLE_MAX_DIM + 1];
    _binom_table(binom, n);
    int ok = 1;
    for (slong v = 0; v < G && ok; v++)
    {
        if (nonsimple[v])
        {
            /* counted here if it can be; left marked for the descent if not */
            if (_faces_count_degenerate(c, c + n + 1, P, v, T, rank, M, nb))
                nonsimple[v] = 0;
            continue;
        }
        slong nl = _faces_local(tight, lbad, P, v, M, nb);
        slong d = _faces_down_edges(P, v, tight, T, rank, scratch);
        if (d < 0)
        {
            ok = 0;
            break;
        }
        _simple_vertex_count(c, n, (unsigned) d, lbad, nl, binom);
    }
    flint_free(scratch);
    flint_free(lbad);
    return ok;
}

typedef struct
{
    slong n, gw, nb;
    const bword * T;          /* per constraint: the vertices on it (gw words) */
    const slong * tight;      /* v's n constraints */
    const unsigned * lbad;    /* the bad masks inside v's constraints, as subsets of them */
    bword * stack;            /* (n + 1) x gw: the lower vertices left at each depth */
    slong * all, * outside;
}
simple_ctx;

/* Subset s (of v's constraints, elements from a on still free) and its
   subtree; A = the vertices below v on the face of s, NULL once none is. */
static void
_simple_visit(simple_ctx * x, unsigned s, slong a, slong depth, const bword * A)
{
    if (A == NULL)
    {
        slong dim = x->n - depth;
        int inside = 0;
        for (slong i = 0; i < x->nb && !inside; i++)
            inside = (s & x->lbad[i]) == x->lbad[i];
        if (x->all != NULL)
            x->all[dim]++;
        x->outside[dim] += !inside;
    }
    for (slong b = a; b < x->n; b++)
    {
        const bword * B = NULL;
        if (A != NULL)
        {
            bword * N = x->stack + (depth + 1) * x->gw;
            bs_and(N, A, x->T + x->tight[b] * x->gw, x->gw);
            B = bs_is_zero(N, x->gw) ? NULL : N;
        }
        _simple_visit(x, s | (1u << b), b + 1, depth + 1, B);
    }
}

/* The faces whose lowest vertex by index is simple, walked at it (P may have
   rays), into all / outside (added). */
static void
_faces_count_walk(slong * all, slong * outside, const poly_t P, const bword * T, const bword * M, slong nb,
                  const char * nonsimple)
{
    slong n = P->n, G = P->ngens, gw = BS_WORDS(G);
    bword * below = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    slong tight[FACES_SIMPLE_MAX_DIM];
    unsigned * lbad = flint_malloc(FLINT_MAX(nb, 1) * sizeof(unsigned));
    simple_ctx x = { n, gw, 0, T, tight, lbad, flint_calloc((n + 1) * gw, sizeof(bword)), all, outside };
    for (slong v = 0; v < G; v++)
    {
        if (!poly_gen_is_vertex(P, v))
            continue;
        if (!nonsimple[v])
        {
            x.nb = _faces_local(tight, lbad, P, v, M, nb);
            bs_copy(x.stack, below, gw);
            _simple_visit(&x, 0, 0, 0, bs_is_zero(below, gw) ? NULL : x.stack);
        }
        bs_set(below, v);
    }
    flint_free(x.stack);
    flint_free(lbad);
    flint_free(below);
}

/* ---- the face iterator (constraints outnumber generators) ----------------------

   Kliem and Stump's face iterator ("A face iterator for polyhedra and more",
   2019; Sage's FaceIterator), counting only: a depth-first walk over the
   faces as generator sets that keeps no face once it is left, where the
   level-by-level descent keeps every face of a level in a hash set. The
   faces of a face F not seen yet are those inside one of its coatoms A_i
   but inside no face visited before (a face inside a visited face was
   counted there); the coatoms of A_i that matter are therefore the maximal
   sets A_i cap A_j, j > i, inside no visited face, and every face is
   counted exactly once, with dimension one less per level. A face inside a
   visited face v is inside v cap A_i: the walk into A_i carries only the
   maximal sets v cap A_i, usually the few facets of A_i, not every face
   visited on the way down. */
typedef struct
{
    slong gw, nz;
    const bword * verts, * Z;
    slong * all, * outside;
    bword ** buf;           /* per depth: the coatoms of the face below */
    slong * abuf;
    bword ** vis;           /* per depth: the visited faces inside the face of that depth */
    slong * avis;
}
faces_iter;

static void
_iter_count(faces_iter * I, const bword * A, slong dim)
{
    int inside = 0;
    for (slong i = 0; i < I->nz && !inside; i++)
        inside = bs_subset(A, I->Z + i * I->gw, I->gw);
    if (I->all != NULL)
        I->all[dim]++;
    I->outside[dim] += !inside;
}

/* room for len sets in (*b)[depth] */
static bword *
_iter_fit(bword ** b, slong * alloc, slong depth, slong len, slong gw)
{
    if (alloc[depth] < len)
    {
        alloc[depth] = FLINT_MAX(len, 2 * alloc[depth]);
        b[depth] = flint_realloc(b[depth], alloc[depth] * gw * sizeof(bword));
    }
    return b[depth];
}

/* The sets c (nc) that are inside none of the nv sets v, kept in order. */
static slong
_iter_drop_inside(bword * c, slong nc, const bword * v, slong nv, slong gw)
{
    slong nn = 0;
    for (slong a = 0; a < nc; a++)
    {
        const bword * x = c + a * gw;
        int covered = 0;
        for (slong b = 0; b < nv && !covered; b++)
            covered = bs_subset(x, v + b * gw, gw);
        if (!covered)
        {
            if (nn != a)
                bs_copy(c + nn * gw, x, gw);
            nn++;
        }
    }
    return nn;
}

/* A cap each of the sets s (ns of them) into d, those that hold a vertex
   (the others are no faces of P, nor is anything below them); returns how many. */
static slong
_iter_meet(bword * d, const bword * A, const bword * s, slong ns, const faces_iter * I)
{
    slong gw = I->gw, nd = 0;
    for (slong j = 0; j < ns; j++)
    {
        bs_and(d + nd * gw, A, s + j * gw, gw);
        nd += bs_meets(d + nd * gw, I->verts, gw);
    }
    return nd;
}

/* Counts the faces inside the k coatoms coat of a face (each of dimension
   dim, none inside a visited face), given the nvis visited faces vis inside
   that face (room for nvis + k: the coatoms are appended once done). */
static void
_iter_walk(faces_iter * I, const bword * coat, slong k, bword * vis, slong nvis, slong dim, slong depth)
{
    slong gw = I->gw;
    for (slong i = 0; i < k; i++)
    {
        const bword * A = coat + i * gw;
        _iter_count(I, A, dim);
        if (dim > 0 && i + 1 < k)
        {
            bword * cv = _iter_fit(I->vis, I->avis, depth + 1, nvis + k - i - 1, gw);
            slong ncv = _poly_sets_maximal(cv, _iter_meet(cv, A, vis, nvis, I), gw);
            bword * c = _iter_fit(I->buf, I->abuf, depth, k - i - 1, gw);
            slong nc = _poly_sets_maximal(c, _iter_meet(c, A, coat + (i + 1) * gw, k - i - 1, I), gw);
            nc = _iter_drop_inside(c, nc, cv, ncv, gw);
            if (nc > 0)
                _iter_walk(I, c, nc, cv, ncv, dim - 1, depth + 1);
        }
        bs_copy(vis + (nvis++) * gw, A, gw);
    }
}

/* The counts by the face iterator, P's facets (tight sets of its
   constraints) as the first coatoms. */
static void
_faces_count_by_gens(slong * all, slong * outside, const poly_t P, const bword * Z, slong nz)
{
    slong G = P->ngens, m = P->ncons, n = P->n, gw = BS_WORDS(G);
    bword * verts = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    bword * top = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    bword * full = flint_calloc(FLINT_MAX(gw, 1), sizeof(bword));
    for (slong i = 0; i < G; i++)
    {
        if (poly_gen_is_vertex(P, i))
            bs_set(verts, i);
        for (slong w = 0; w < P->cw; w++)
            for (bword y = poly_inc(P, i)[w]; y != 0; y &= y - 1)
                bs_set(top + (64 * w + __builtin_ctzll(y)) * gw, i);
    }
    bs_fill(full, G);
    faces_iter I = { gw, nz, verts, Z, all, outside,
                     flint_calloc(n + 2, sizeof(bword *)), flint_calloc(n + 2, sizeof(slong)),
                     flint_calloc(n + 2, sizeof(bword *)), flint_calloc(n + 2, sizeof(slong)) };
    if (bs_meets(full, verts, gw))
    {
        _iter_count(&I, full, n);
        slong nc = 0;
        for (slong j = 0; j < m; j++)
            if (bs_meets(top + j * gw, verts, gw) && !bs_equal(top + j * gw, full, gw))
            {
                if (nc != j)
                    bs_copy(top + nc * gw, top + j * gw, gw);
                nc++;
            }
        nc = _poly_sets_maximal(top, nc, gw);
        if (n > 0 && nc > 0)
            _iter_walk(&I, top, nc, _iter_fit(I.vis, I.avis, 0, nc, gw), 0, n - 1, 0);
    }
    for (slong d = 0; d < n + 2; d++)
    {
        flint_free(I.buf[d]);
        flint_free(I.vis[d]);
    }
    flint_free(I.buf);
    flint_free(I.abuf);
    flint_free(I.vis);
    flint_free(I.avis);
    flint_free(full);
    flint_free(top);
    flint_free(verts);
}

/* The counts at the vertices (a pointed P with a vertex, n small), into
   all / outside (zero on entry). */
static void
_faces_count_at_vertices(slong * all, slong * outside, const poly_t P, const bword * M, slong nb)
{
    slong n = P->n, G = P->ngens, m = P->ncons, cw = P->cw, gw = BS_WORDS(G);
    char * nonsimple = flint_malloc(FLINT_MAX(G, 1));
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    int rays = 0, rest = 0;
    for (slong g = 0; g < G; g++)
    {
        int isv = poly_gen_is_vertex(P, g);
        nonsimple[g] = isv && bs_count_cap(poly_inc(P, g), cw, n + 1) != n;
        rays |= !isv;
        rest |= nonsimple[g];
        for (slong w = 0; isv && w < cw; w++)
            for (bword y = poly_inc(P, g)[w]; y != 0; y &= y - 1)
                bs_set(T + (64 * w + __builtin_ctzll(y)) * gw, g);
    }
    slong * rank = NULL;
    if (!rays)
    {
        slong * c = flint_calloc(2 * (n + 1), sizeof(slong));
        rank = flint_malloc(G * sizeof(slong));
        _faces_lex_rank(rank, P);
        /* left: the degenerate vertices the h-vector pass could not take */
        char * left = flint_malloc(FLINT_MAX(G, 1));
        memcpy(left, nonsimple, G);
        if (_faces_count_hvector(c, P, T, M, nb, left, rank))
        {
            for (slong k = 0; k <= n; k++)
            {
                if (all != NULL)
                    all[k] += c[k];
                outside[k] += c[n + 1 + k];
            }
            memcpy(nonsimple, left, G);
        }
        else
        {
            flint_free(rank);
            rank = NULL;
        }
        flint_free(left);
        flint_free(c);
    }
    if (rank == NULL)
        _faces_count_walk(all, outside, P, T, M, nb, nonsimple);
    rest = 0;
    for (slong g = 0; g < G; g++)
        rest |= nonsimple[g];
    /* the faces whose lowest vertex is not simple: the descent through the
       faces that hold such a vertex (an up-set, like the owned faces) */
    if (rest)
        _poly_faces_count_descent(all, outside, P, M, nb, nonsimple, rank);
    flint_free(rank);
    flint_free(T);
    flint_free(nonsimple);
}

/* Adds the faces whose lowest vertex is a simple vertex with down edges
   `down` (bits of its n constraints) to c (all: c[0..n], outside the zero
   sets: c[n + 1 ..]): the faces S = down + r of the free constraints, C(free,
   r) of them; inside the one zero set at v (S holding lbad[0], whose free bits
   are b of them): C(free - b, r - b); with more zero sets, listed. */
static inline void
_simple_vertex_count(slong * c, slong n, unsigned down, const unsigned * lbad, slong nl,
                     slong (*binom)[FACES_SIMPLE_MAX_DIM + 1])
{
    unsigned up = ((1u << n) - 1) & ~down;
    slong free = _popc(up), base = n - _popc(down);
    slong b = (nl == 1) ? _popc(lbad[0] & up) : 0;
    for (slong r = 0; nl <= 1 && r <= free; r++)
    {
        c[base - r] += binom[free][r];
        c[n + 1 + base - r] += binom[free][r] - (nl == 1 && r >= b ? binom[free - b][r - b] : 0);
    }
    for (unsigned sub = up; nl > 1; sub = (sub - 1) & up)
    {
        unsigned S = down | sub;
        slong dim = n - _popc(S);
        int inside = 0;
        for (slong i = 0; i < nl && !inside; i++)
            inside = (S & lbad[i]) == lbad[i];
        c[dim]++;
        c[n + 1 + dim] += !inside;
        if (sub == 0)
            break;
    }
}

/* The h-vector count of _faces_count_hvector for the usual region, without
   allocation: a polytope of at most 64 generators and 64 constraints (one
   word per set), every vertex simple, at most 64 zero sets. Returns 0 (and
   counts nothing) when P is not such, or an edge is not as assumed. */
static int
_faces_count_simple1(slong * all, slong * outside, const poly_t P, const poly_dgens_struct * D,
                     const bword * Z, slong nz)
{
    slong n = P->n, G = P->ngens, m = P->ncons, nb = 0;
    if (P->nlin != 0 || n < 1 || n > FACES_SIMPLE_MAX_DIM || G < 1 || G > 64 || m > 64 || P->cw != 1
        || nz > 64)
        return 0;
    bword T[64], M[64], allg = (G == 64) ? ~(bword) 0 : (UWORD(1) << G) - 1;
    for (slong c = 0; c < m; c++)
        T[c] = 0;
    for (slong g = 0; g < G; g++)
    {
        bword inc = P->inc[g];
        if (!poly_gen_is_vertex(P, g) || _popc64(inc) != n)
            return 0;
        for (bword y = inc; y != 0; y &= y - 1)
            T[__builtin_ctzll(y)] |= UWORD(1) << g;
    }
    nb = _faces_bad_masks(M, P, Z, nz);
    /* the order: an edge goes down when its other end comes first (_lex_less,
       compared per edge: no sort) */
    slong binom[FACES_SIMPLE_MAX_DIM + 1][FACES_SIMPLE_MAX_DIM + 1], c[2 * (FACES_SIMPLE_MAX_DIM + 1)];
    double key[64], err[64], klo[64], khi[64];
    lex_ctx x;
    _faces_lex_keys(&x, key, err, P, D);
    for (slong g = 0; g < G; g++)
    {
        /* the intervals of _lex_less (rounding their ends is far inside the
           slack of err); an infinite key gets NaN ends, which fail every
           comparison and leave the pair to _lex_less */
        klo[g] = isfinite(key[g]) ? key[g] - err[g] : NAN;
        khi[g] = isfinite(key[g]) ? key[g] + err[g] : NAN;
    }
    int ok = 1;
    _binom_table(binom, n);
    for (slong k = 0; k < 2 * (n + 1); k++)
        c[k] = 0;
    for (slong v = 0; v < G; v++)
    {
        bword inc = P->inc[v], ed[FACES_SIMPLE_MAX_DIM];
        slong t = 0, nl = 0, tight[FACES_SIMPLE_MAX_DIM];
        unsigned char pos[64];
        unsigned lbad[64], down = 0;
        for (bword y = inc; y != 0; y &= y - 1)
        {
            pos[__builtin_ctzll(y)] = (unsigned char) t;
            tight[t++] = __builtin_ctzll(y);
        }
        /* the zero sets at v, as subsets of its constraints */
        for (slong i = 0; i < nb; i++)
            if ((M[i] & ~inc) == 0)
            {
                unsigned l = 0;
                for (bword y = M[i]; y != 0; y &= y - 1)
                    l |= 1u << pos[__builtin_ctzll(y)];
                lbad[nl++] = l;
            }
        /* the edges at v: e_a = the generators on v's constraints but a */
        _poly_edges_word(ed, T, tight, n, allg);
        for (slong i = 0; i < n; i++)
        {
            bword e = ed[i], o = e & ~(UWORD(1) << v);
            if (o == e || o == 0 || (o & (o - 1)) != 0)
                ok = 0;
            else
            {
                slong w = __builtin_ctzll(o);
                if (khi[w] < klo[v] || (!(khi[v] < klo[w]) && _lex_less(&x, w, v)))
                    down |= 1u << i;
            }
        }
        if (!ok)
            break;
        _simple_vertex_count(c, n, down, lbad, nl, binom);
    }
    _lex_ctx_clear(&x);
    if (!ok)
        return 0;
    for (slong k = 0; k <= n; k++)
    {
        if (all != NULL)
            all[k] = c[k];
        outside[k] = c[n + 1 + k];
    }
    return 1;
}

static void
_faces_count_general(slong * all, slong * outside, const poly_t P, const bword * Z, slong nz)
{
    slong cw = P->cw, G = P->ngens, n = P->n;
    for (slong k = 0; k <= n; k++)
    {
        outside[k] = 0;
        if (all != NULL)
            all[k] = 0;
    }
    int any = 0;
    for (slong g = 0; g < G && !any; g++)
        any = poly_gen_is_vertex(P, g);
    bword * M = flint_malloc(FLINT_MAX(nz * cw, 1) * sizeof(bword));
    slong nb = _faces_bad_masks(M, P, Z, nz);
    /* constraints outnumbering generators (a cross-polytope: its vertices lie
       on 2^(n-1) facets each) are the plain descent's case */
    if (P->nlin == 0 && any && n >= 1 && n <= FACES_SIMPLE_MAX_DIM && P->ncons <= G)
        _faces_count_at_vertices(all, outside, P, M, nb);
    else if (P->ncons > G)
        _faces_count_by_gens(all, outside, P, Z, nz);
    else
        _poly_faces_count_descent(all, outside, P, M, nb, NULL, NULL);
    flint_free(M);
}

void
poly_faces_count_d(slong * all, slong * outside, const poly_t P, const poly_dgens_t D, const bword * Z, slong nz)
{
    if (!_faces_count_simple1(all, outside, P, D, Z, nz))
        _faces_count_general(all, outside, P, Z, nz);
}

void
poly_faces_count(slong * all, slong * outside, const poly_t P, const bword * Z, slong nz)
{
    poly_faces_count_d(all, outside, P, NULL, Z, nz);
}
