/* One step of the double description method: cut a polyhedron by a hyperplane.

   Given C = lin(L) + cone(G) with incidence, and an affine g = (c, a):
   - if g is not constant on the lineality space, pick l in L with g(l) != 0;
     the new lineality is L cap ker g, every generator u is moved along l onto
     {g = 0}, and +-l becomes a new extreme ray of each side;
   - otherwise the generators split into G+, G0, G- by the sign of g, and each
     side gets G0 plus the point where g vanishes on every edge [u, v] with
     u in G+, v in G- (u, v adjacent: no third generator is tight on every
     constraint tight at both -- the combinatorial test, exact because
     constraint 0 makes the cone pointed modulo L).
   Redundant constraints are then removed from incidence alone: a constraint
   is a facet iff its set of tight generators is inclusion-maximal (ties go to
   the lower index; the far constraint 0 is always kept). */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "poly/poly.h"
#include "poly/poly-impl.h"

int
poly_side(const poly_t P, const fmpz * g)
{
    slong d = P->n + 1;
    int pos = 0, neg = 0;
    fmpz_t v;
    fmpz_init(v);
    if (_poly_cuts_lineality(P, g, v))
    {
        fmpz_clear(v);
        return POLY_CUT;
    }
    for (slong i = 0; i < P->ngens && !(pos && neg); i++)
    {
        poly_vec_dot(v, g, poly_gen(P, i), d);
        int s = poly_sgn(v);
        pos |= (s > 0);
        neg |= (s < 0);
    }
    fmpz_clear(v);
    if (pos && neg)
        return POLY_CUT;
    return pos ? 1 : (neg ? -1 : 0);
}

/* Swaps two vectors' entries (an fmpz is one word: no call per entry) */
static inline void
_poly_vec_swap(fmpz * a, fmpz * b, slong len)
{
    for (slong k = 0; k < len; k++)
    {
        fmpz t = a[k];
        a[k] = b[k];
        b[k] = t;
    }
}

/* Keeps the constraints j with newidx[j] >= 0 (kept of them, in order) and
   compacts the incidence rows in place (a row never moves up past the old
   rows still to be read: row i's new words end at (i + 1) ncw <= (i + 1) cw). */
static void
_poly_compact(poly_t P, const slong * newidx, slong kept)
{
    slong m = P->ncons, G = P->ngens, d = P->n + 1, cw = P->cw;
    if (kept == m)
        return;
    slong ncw = BS_WORDS(kept);
    if (cw == 1)
    {
        /* one word: the dropped bits deleted, highest first (each deletion
           moves only the bits above it) */
        slong del[64], nd = 0;
        bword all = (m == 64) ? ~(bword) 0 : (UWORD(1) << m) - 1;
        for (slong j = m - 1; j >= 0; j--)
            if (newidx[j] < 0)
                del[nd++] = j;
        for (slong i = 0; i < G; i++)
        {
            bword x = P->inc[i] & all;
            for (slong t = 0; t < nd; t++)
            {
                bword low = (UWORD(1) << del[t]) - 1;
                x = (x & low) | ((x >> 1) & ~low);
            }
            P->inc[i] = x;
        }
    }
    else
    {
        bword row[8], * old = cw <= 8 ? row : flint_malloc(cw * sizeof(bword));
        for (slong i = 0; i < G; i++)
        {
            bs_copy(old, P->inc + i * cw, cw);
            bword * o = P->inc + i * ncw;
            bs_zero(o, ncw);
            for (slong w = 0; w < cw; w++)
                for (bword x = old[w]; x != 0; x &= x - 1)
                {
                    slong j = 64 * w + __builtin_ctzll(x);
                    if (j < m && newidx[j] >= 0)
                        bs_set(o, newidx[j]);
                }
        }
        if (old != row)
            flint_free(old);
    }
    /* rows move up only, onto rows already moved or dropped: swaps, no copies */
    for (slong j = 0; j < m; j++)
        if (newidx[j] >= 0 && newidx[j] != j)
        {
            _poly_vec_swap(poly_con(P, newidx[j]), poly_con(P, j), d);
            P->src[newidx[j]] = P->src[j];
        }
    P->ncons = kept;
    P->cw = ncw;
}

/* Drops constraints whose tight sets are not inclusion-maximal and compacts
   the incidence rows. */
static void
_poly_remove_redundant(poly_t P)
{
    slong m = P->ncons, G = P->ngens;
    slong gw = BS_WORDS(G), cw = P->cw;
    bword * T = flint_calloc(FLINT_MAX(m * gw, 1), sizeof(bword));
    slong * newidx = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    slong kept = 0;

    for (slong i = 0; i < G; i++)
        for (slong w = 0; w < cw; w++)
            for (bword x = poly_inc(P, i)[w]; x != 0; x &= x - 1)
                if (64 * w + __builtin_ctzll(x) < m)
                    bs_set(T + (64 * w + __builtin_ctzll(x)) * gw, i);

    /* the constraints k with T_j inside T_k are those tight at every generator of
       T_j: the AND of their incidence rows (all pairs (j, k) was quadratic in m);
       T_k = T_j exactly when, besides, their sizes agree */
    slong * size = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    bword * C = flint_malloc(FLINT_MAX(cw, 1) * sizeof(bword));
    for (slong j = 0; j < m; j++)
        size[j] = bs_count(T + j * gw, gw);
    for (slong j = 0; j < m; j++)
    {
        int keep = 1;
        if (j > 0)
        {
            for (slong w = 0; w < cw; w++)
                C[w] = ~(bword) 0;
            for (slong v = 0; v < gw; v++)
                for (bword x = T[j * gw + v]; x != 0; x &= x - 1)
                    for (slong w = 0, i = 64 * v + __builtin_ctzll(x); w < cw; w++)
                        C[w] &= poly_inc(P, i)[w];
            for (slong w = 0; w < cw && keep; w++)
                for (bword x = C[w]; x != 0 && keep; x &= x - 1)
                {
                    slong k = 64 * w + __builtin_ctzll(x);
                    if (k < m && k != j && (k < j || size[k] != size[j]))
                        keep = 0;
                }
        }
        newidx[j] = keep ? kept++ : -1;
    }
    flint_free(C);
    flint_free(size);
    _poly_compact(P, newidx, kept);
    flint_free(T);
    flint_free(newidx);
}

/* The facets of a side C of a proper cut of P by g (P's constraints 0..m-1
   facets besides the far one, g constant on the lineality space, generators
   of both signs), from the signs alone: a facet F_j of P's cone stays a facet
   of C = P cap {side g >= 0} iff a generator of F_j has side g > 0 (then F_j
   cap C has F_j's dimension; otherwise it lies in {g = 0}, of lower dimension,
   since g = 0 on all of F_j would make g's hyperplane F_j's, which g cutting P
   excludes). g's own constraint is a facet because g cuts. The same answer as
   _poly_remove_redundant (tests/t-poly_split compares them), without its
   tight-set intersections. */
static void
_poly_remove_cut_off(poly_t C, const poly_t P, const signed char * sg, int side)
{
    slong m = P->ncons, cw = P->cw, kept = 0, newidxb[256];
    bword Kb[8];
    bword * K = (cw <= 8) ? Kb : flint_malloc(cw * sizeof(bword));
    slong * newidx = (m < 256) ? newidxb : flint_malloc((m + 1) * sizeof(slong));
    bs_zero(K, cw);
    for (slong i = 0; i < P->ngens; i++)
        if (sg[i] * side > 0)
            for (slong w = 0; w < cw; w++)
                K[w] |= poly_inc(P, i)[w];
    for (slong j = 0; j < m; j++)
        newidx[j] = (j == 0 || bs_test(K, j)) ? kept++ : -1;
    newidx[m] = kept++;
    _poly_compact(C, newidx, kept);
    if (K != Kb)
        flint_free(K);
    if (newidx != newidxb)
        flint_free(newidx);
}

/* Writes the constraint list of a child: the parent's constraints, then
   sgn * g with tag src. */
static void
_poly_child_cons(poly_t C, poly_t P, const fmpz * g, int sgn, slong src, int take)
{
    slong d = P->n + 1, m = P->ncons;
    if (take)
    {
        /* P is dropped: its arrays change hands, then room for the new row */
        fmpz * cons = C->cons;
        slong alloc = C->alloc_cons, * tags = C->src;
        C->cons = P->cons;
        C->alloc_cons = P->alloc_cons;
        C->src = P->src;
        P->cons = cons;
        P->alloc_cons = alloc;
        P->src = tags;
        _poly_reshape(C, C->ngens, C->nlin, m + 1);
    }
    else
    {
        poly_vec_set(C->cons, P->cons, m * d);
        for (slong j = 0; j < m; j++)
            C->src[j] = P->src[j];
    }
    if (sgn > 0)
        poly_vec_set(poly_con(C, m), g, d);
    else
        _fmpz_vec_neg(poly_con(C, m), g, d);
    poly_vec_make_primitive(poly_con(C, m), d);
    C->src[m] = src;
}

/* g is not constant on the lineality space. */
static void
_poly_split_lineality(poly_t Pneg, poly_t Ppos, const poly_t P, const fmpz * g,
                      const fmpz * gv, slong src)
{
    slong d = P->n + 1, m = P->ncons, G = P->ngens;
    slong l0 = -1;
    fmpz_t lam, v;
    fmpz_init(lam);
    fmpz_init(v);
    for (slong i = 0; i < P->nlin && l0 < 0; i++)
    {
        poly_vec_dot(lam, g, poly_lin(P, i), d);
        if (!fmpz_is_zero(lam))
            l0 = i;
    }
    int s = poly_sgn(lam);
    fmpz_abs(lam, lam);
    const fmpz * l = poly_lin(P, l0);

    for (int side = -1; side <= 1; side += 2)
    {
        poly_struct * C = (side < 0) ? Pneg : Ppos;
        if (C == NULL)
            continue;
        _poly_reshape(C, G + 1, P->nlin - 1, m + 1);
        /* lineality: l_k' = |lam| l_k - s g(l_k) l */
        for (slong i = 0, k = 0; i < P->nlin; i++)
        {
            if (i == l0)
                continue;
            fmpz * o = poly_lin(C, k++);
            poly_vec_dot(v, g, poly_lin(P, i), d);
            fmpz_mul_si(v, v, s);
            poly_vec_combine(o, poly_lin(P, i), lam, l, v, d);
            poly_vec_make_primitive(o, d);
        }
        /* generators: u' = |lam| u - s g(u) l, tight where u was, and on g */
        for (slong i = 0; i < G; i++)
        {
            fmpz * o = poly_gen(C, i);
            fmpz_mul_si(v, gv + i, s);
            poly_vec_combine(o, poly_gen(P, i), lam, l, v, d);
            poly_vec_make_primitive(o, d);
            bword * inc = C->inc + i * C->cw;
            bs_zero(inc, C->cw);
            bs_copy(inc, poly_inc(P, i), P->cw);
            bs_set(inc, m);
        }
        /* the new ray side * s * l: tight on every old constraint, not on g */
        fmpz * o = poly_gen(C, G);
        _fmpz_vec_scalar_mul_si(o, l, d, side * s);
        bword * inc = C->inc + G * C->cw;
        bs_zero(inc, C->cw);
        bs_fill(inc, m);
        _poly_child_cons(C, (poly_struct *) P, g, side, src, 0);
        _poly_remove_redundant(C);
    }
    fmpz_clear(lam);
    fmpz_clear(v);
}

/* Adjacent pairs (u in G+, w in G-, in increasing u, then w), 2 npairs
   entries. Two extreme rays of a pointed cone of dimension dp are adjacent
   only if at least dp - 2 constraints are tight at both: a cheap filter
   before the combinatorial test. A third generator tight on every
   constraint of Z is tight on each one, so it is looked for among the
   generators of the constraint of Z with the fewest (the lists T).

   A simple u (on exactly dp - 1 constraints, which then determine it) needs
   no pair tests: w is adjacent to u iff Z = inc(u) minus one constraint c
   (Z is not all of inc(u): no other generator is on all of it) and u, w are
   the only generators on Z; so u's neighbours are the w alone with u in
   E_c = the generators on inc(u) minus c, one per c. With one word per set
   (up to 64 generators) the E_c come from prefix and suffix ANDs. */
static slong
_poly_simple_neighbours(slong * nb, const poly_t P, slong u, const bword * TB, const signed char * sg)
{
    slong tight[64], t = 0, k = 0, cw = P->cw, m = P->ncons;
    for (slong w = 0; w < cw; w++)
        for (bword x = poly_inc(P, u)[w]; x != 0; x &= x - 1)
            if (64 * w + __builtin_ctzll(x) < m && t < 64)
                tight[t++] = 64 * w + __builtin_ctzll(x);
    bword e[64];
    _poly_edges_word(e, TB, tight, t, (P->ngens == 64) ? ~(bword) 0 : (UWORD(1) << P->ngens) - 1);
    for (slong i = 0; i < t; i++)
    {
        bword o = e[i] & ~(UWORD(1) << u);
        if (o != 0 && (o & (o - 1)) == 0 && sg[__builtin_ctzll(o)] < 0)
            nb[k++] = __builtin_ctzll(o);
    }
    /* increasing, as the pair loop makes them */
    for (slong i = 1; i < k; i++)
        for (slong j = i; j > 0 && nb[j - 1] > nb[j]; j--)
        {
            slong x = nb[j];
            nb[j] = nb[j - 1];
            nb[j - 1] = x;
        }
    return k;
}

/* The pairs found, 2 n entries in p (room for alloc pairs); p starts as the
   caller's buffer buf and moves to the heap when that is full. */
typedef struct
{
    slong * p, * buf;
    slong n, alloc;
}
pairs_list;

static void
_pairs_push(pairs_list * L, slong i, slong j)
{
    if (L->n == L->alloc)
    {
        slong * q = flint_malloc(4 * L->alloc * sizeof(slong));
        memcpy(q, L->p, 2 * L->n * sizeof(slong));
        if (L->p != L->buf)
            flint_free(L->p);
        L->p = q;
        L->alloc *= 2;
    }
    L->p[2 * L->n] = i;
    L->p[2 * L->n + 1] = j;
    L->n++;
}

/* T: the generators on each constraint, as lists (toff[c] .. toff[c + 1] in
   T, written here, both on the heap: the general pair test's case) */
static void
_poly_con_lists(slong ** toff_out, slong ** T_out, const poly_t P)
{
    slong m = P->ncons, G = P->ngens, cw = P->cw;
    slong * toff = flint_calloc(m + 1, sizeof(slong));
    for (slong i = 0; i < G; i++)
        for (slong w = 0; w < cw; w++)
            for (bword x = poly_inc(P, i)[w]; x != 0; x &= x - 1)
                if (64 * w + __builtin_ctzll(x) < m)
                    toff[64 * w + __builtin_ctzll(x) + 1]++;
    for (slong c = 0; c < m; c++)
        toff[c + 1] += toff[c];
    slong * T = flint_malloc(FLINT_MAX(toff[m], 1) * sizeof(slong));
    slong * fill = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    for (slong c = 0; c < m; c++)
        fill[c] = toff[c];
    for (slong i = 0; i < G; i++)
        for (slong w = 0; w < cw; w++)
            for (bword x = poly_inc(P, i)[w]; x != 0; x &= x - 1)
                if (64 * w + __builtin_ctzll(x) < m)
                    T[fill[64 * w + __builtin_ctzll(x)]++] = i;
    flint_free(fill);
    *toff_out = toff;
    *T_out = T;
}

/* Is {i, j} an edge? (the combinatorial test: at least dp - 2 common tight
   constraints, and no third generator on all of them, looked for among those
   of the common constraint with the fewest; Z is scratch of cw words) */
static int
_poly_pair_adjacent(const poly_t P, slong i, slong j, slong dp, const slong * toff, const slong * T, bword * Z)
{
    slong cw = P->cw, G = P->ngens, best = -1;
    bs_and(Z, poly_inc(P, i), poly_inc(P, j), cw);
    if (bs_count_cap(Z, cw, dp - 2) < dp - 2)
        return 0;
    for (slong w = 0; w < cw; w++)
        for (bword x = Z[w]; x != 0; x &= x - 1)
        {
            slong c = 64 * w + __builtin_ctzll(x);
            if (best < 0 || toff[c + 1] - toff[c] < toff[best + 1] - toff[best])
                best = c;
        }
    slong lo = best < 0 ? 0 : toff[best], hi = best < 0 ? G : toff[best + 1];
    for (slong t = lo; t < hi; t++)
    {
        slong k = best < 0 ? t : T[t];
        if (k != i && k != j && bs_subset(Z, poly_inc(P, k), cw))
            return 0;
    }
    return 1;
}

/* Without allocation in the usual case (up to 64 generators, 128
   constraints, every generator of g > 0 simple): the words TB straight from
   the incidence; the lists of the general test only when a pair needs it. */
static void
_poly_adjacent_pairs(pairs_list * L, const poly_t P, const signed char * sg)
{
    enum { GMAX = 64, MMAX = 128 };
    slong d = P->n + 1, m = P->ncons, G = P->ngens, cw = P->cw, dp = d - P->nlin;
    slong npos = 0, nneg = 0, posb[GMAX], negb[GMAX];
    bword TBb[MMAX], Zb[8];
    slong * pos = (G <= GMAX) ? posb : flint_malloc(FLINT_MAX(G, 1) * sizeof(slong));
    slong * neg = (G <= GMAX) ? negb : flint_malloc(FLINT_MAX(G, 1) * sizeof(slong));
    bword * TB = NULL, * Z = (cw <= 8) ? Zb : flint_malloc(cw * sizeof(bword));
    slong * toff = NULL, * T = NULL;
    if (G <= 64)
        TB = (m <= MMAX) ? TBb : flint_malloc(FLINT_MAX(m, 1) * sizeof(bword));
    for (slong c = 0; TB != NULL && c < m; c++)
        TB[c] = 0;
    for (slong i = 0; i < G; i++)
    {
        if (sg[i] > 0)
            pos[npos++] = i;
        else if (sg[i] < 0)
            neg[nneg++] = i;
        for (slong w = 0; TB != NULL && w < cw; w++)
            for (bword x = poly_inc(P, i)[w]; x != 0; x &= x - 1)
                if (64 * w + __builtin_ctzll(x) < m)
                    TB[64 * w + __builtin_ctzll(x)] |= UWORD(1) << i;
    }
    for (slong a = 0; a < npos; a++)
    {
        if (TB != NULL && bs_count_cap(poly_inc(P, pos[a]), cw, dp) == dp - 1 && dp - 1 <= 64)
        {
            slong nb[64], k = _poly_simple_neighbours(nb, P, pos[a], TB, sg);
            for (slong b = 0; b < k; b++)
                _pairs_push(L, pos[a], nb[b]);
            continue;
        }
        if (toff == NULL)
            _poly_con_lists(&toff, &T, P);
        for (slong b = 0; b < nneg; b++)
            if (_poly_pair_adjacent(P, pos[a], neg[b], dp, toff, T, Z))
                _pairs_push(L, pos[a], neg[b]);
    }
    if (TB != TBb)
        flint_free(TB);
    if (pos != posb)
    {
        flint_free(pos);
        flint_free(neg);
    }
    if (Z != Zb)
        flint_free(Z);
    flint_free(toff);
    flint_free(T);
}

/* The divisor of the new generator on the edge [i, j] (poly_split_take):
   both simple (n constraints each, n - 1 common), no lineality, one of them
   (a) in minors form: q = h.b for a's other constraint h and the other end
   b. Returns 0 when the pair is not such. */
static int
_poly_pair_divisor(fmpz_t q, const poly_t P, const poly_dgens_struct * D, slong i, slong j)
{
    slong n = P->n, cw = P->cw;
    if (P->nlin != 0 || cw > 8 || (!D->mf[i] && !D->mf[j]))
        return 0;
    bword Z[8];
    bs_and(Z, poly_inc(P, i), poly_inc(P, j), cw);
    if (bs_count_cap(poly_inc(P, i), cw, n + 1) != n || bs_count_cap(poly_inc(P, j), cw, n + 1) != n
        || bs_count_cap(Z, cw, n) != n - 1)
        return 0;
    slong a = D->mf[j] ? j : i, b = (a == j) ? i : j, h = -1;
    for (slong w = 0; w < cw && h < 0; w++)
    {
        bword x = poly_inc(P, a)[w] & ~Z[w];
        if (x != 0)
            h = 64 * w + __builtin_ctzll(x);
    }
    if (h < 0)
        return 0;
    poly_vec_dot(q, poly_con(P, h), poly_gen(P, b), P->n + 1);
    return !fmpz_is_zero(q);
}

/* The cut's scratch: signs, the exact values of g at the pair members, the
   crossing pairs and their new generators with their flags (poly_dgens mf),
   on the stack for the usual sizes. */
enum { SPLIT_GMAX = 64, SPLIT_PMAX = 256, SPLIT_WMAX = 128 };

typedef struct
{
    fmpz gvb[SPLIT_GMAX], Wb[SPLIT_WMAX];
    signed char sgb[SPLIT_GMAX];
    slong pairsb[2 * SPLIT_PMAX];
    unsigned char mfb[SPLIT_PMAX];
    fmpz * gv, * W;
    signed char * sg;
    slong G, npos, nneg, npairs, nw, * pairs;
    unsigned char * mfw;
}
split_ctx;

static void
_split_ctx_init(split_ctx * x, slong G)
{
    x->G = G;
    x->gv = (G <= SPLIT_GMAX) ? x->gvb : _fmpz_vec_init(G);
    x->sg = (G <= SPLIT_GMAX) ? x->sgb : flint_malloc(G);
    if (G <= SPLIT_GMAX)
        memset(x->gvb, 0, G * sizeof(fmpz));
    x->W = NULL;
    x->pairs = NULL;
    x->mfw = NULL;
    x->nw = x->npairs = x->npos = x->nneg = 0;
}

static void
_split_ctx_clear(split_ctx * x)
{
    for (slong k = 0; k < x->nw; k++)
        fmpz_clear(x->W + k);
    if (x->W != x->Wb)
        flint_free(x->W);
    if (x->pairs != x->pairsb)
        flint_free(x->pairs);
    if (x->mfw != x->mfb)
        flint_free(x->mfw);
    for (slong i = 0; i < x->G; i++)
        fmpz_clear(x->gv + i);
    if (x->gv != x->gvb)
        flint_free(x->gv);
    if (x->sg != x->sgb)
        flint_free(x->sg);
}

/* The generators on the crossing edges, once for both sides: w = g(u) v -
   g(v) u with g(u) > 0 > g(v), a positive combination with g(w) = 0; by exact
   division where a minors form allows (poly_split_take), else primitive. The
   exact values g(u) only for the pairs' members. */
static void
_split_new_gens(split_ctx * x, const poly_t P, const poly_dgens_struct * Dv, const fmpz * g)
{
    slong d = P->n + 1, G = P->ngens, npairs = x->npairs;
    char haveb[SPLIT_GMAX], * have = (G <= SPLIT_GMAX) ? haveb : flint_malloc(G);
    memset(have, 0, G);
    for (slong p = 0; p < 2 * npairs; p++)
        if (!have[x->pairs[p]])
        {
            poly_vec_dot(x->gv + x->pairs[p], g, poly_gen(P, x->pairs[p]), d);
            have[x->pairs[p]] = 1;
        }
    if (have != haveb)
        flint_free(have);
    x->nw = npairs * d;
    x->W = (x->nw <= SPLIT_WMAX) ? x->Wb : _fmpz_vec_init(x->nw);
    if (x->nw <= SPLIT_WMAX)
        memset(x->Wb, 0, x->nw * sizeof(fmpz));
    x->mfw = (npairs <= SPLIT_PMAX) ? x->mfb : flint_malloc(npairs);
    fmpz_t q;
    fmpz_init(q);
    for (slong p = 0; p < npairs; p++)
    {
        slong i = x->pairs[2 * p], j = x->pairs[2 * p + 1];
        fmpz * w = x->W + p * d;
        if (Dv != NULL && _poly_pair_divisor(q, P, Dv, i, j))
            x->mfw[p] = (unsigned char) poly_vec_combine_divexact(w, poly_gen(P, j), x->gv + i, poly_gen(P, i),
                                                                  x->gv + j, q, d);
        else
        {
            poly_vec_combine_primitive(w, poly_gen(P, j), x->gv + i, poly_gen(P, i), x->gv + j, d);
            x->mfw[p] = 0;
        }
    }
    fmpz_clear(q);
}

/* Writes side `side` of the cut into C (DC: its doubles, may be NULL): P's
   generators of that side or on g, then the new ones, their incidence, the
   constraints and the facets. last: C takes W's entries (and P's with steal)
   instead of copies. */
static void
_split_write_side(poly_t C, poly_dgens_struct * DC, poly_t P, const poly_dgens_struct * Dv, split_ctx * x,
                  const fmpz * g, int side, slong src, int last, int steal)
{
    slong d = P->n + 1, m = P->ncons, G = P->ngens, cw = P->cw, cnt = 0, k = 0;
    const signed char * sg = x->sg;
    for (slong i = 0; i < G; i++)
        cnt += (sg[i] * side >= 0);
    _poly_reshape(C, cnt + x->npairs, P->nlin, m + 1);
    if (DC != NULL)
        poly_dgens_fit(DC, cnt + x->npairs, d);
    poly_vec_set(C->lin, P->lin, P->nlin * d);
    for (slong i = 0; i < G; i++)
    {
        int s = sg[i];
        if (s * side < 0)
            continue;
        if (steal)
            _poly_vec_swap(poly_gen(C, k), poly_gen(P, i), d);
        else
            poly_vec_set(poly_gen(C, k), poly_gen(P, i), d);
        if (DC != NULL && Dv != NULL)
        {
            memcpy(DC->g + k * d, Dv->g + i * d, d * sizeof(double));
            DC->mf[k] = (s == 0) ? 0 : Dv->mf[i];   /* on g: n + 1 constraints now */
        }
        else if (DC != NULL)
        {
            poly_vec_get_d(DC->g + k * d, poly_gen(C, k), d);
            DC->mf[k] = 0;
        }
        bword * inc = C->inc + k * C->cw;
        bs_zero(inc, C->cw);
        bs_copy(inc, poly_inc(P, i), cw);
        if (s == 0)
            bs_set(inc, m);
        k++;
    }
    for (slong p = 0; p < x->npairs; p++)
    {
        slong i = x->pairs[2 * p], j = x->pairs[2 * p + 1];
        if (last)
            _poly_vec_swap(poly_gen(C, k), x->W + p * d, d);
        else
            poly_vec_set(poly_gen(C, k), x->W + p * d, d);
        if (DC != NULL)
        {
            poly_vec_get_d(DC->g + k * d, poly_gen(C, k), d);
            DC->mf[k] = x->mfw[p];
        }
        bword * inc = C->inc + k * C->cw;
        bs_zero(inc, C->cw);
        bs_and(inc, poly_inc(P, i), poly_inc(P, j), cw);
        bs_set(inc, m);
        k++;
    }
    if (DC != NULL)
        poly_dgens_box(DC, C);
    _poly_child_cons(C, P, g, side, src, steal);
    if (x->npos > 0 && x->nneg > 0)
        _poly_remove_cut_off(C, P, sg, side);
    else
        _poly_remove_redundant(C);   /* not a proper cut: the general rule */
}

void
poly_split_take(poly_t Pneg, poly_dgens_t Dneg, poly_t Ppos, poly_dgens_t Dpos, poly_t P,
                const poly_dgens_t D, const fmpz * g, const double * gd, slong src, int take)
{
    slong d = P->n + 1, G = P->ngens;
    split_ctx x;
    fmpz_t v;
    fmpz_init(v);
    _split_ctx_init(&x, G);
    const poly_dgens_struct * Dv = (D != NULL && D->ngens == G) ? D : NULL;

    if (_poly_cuts_lineality(P, g, v))
    {
        for (slong i = 0; i < G; i++)
            poly_vec_dot(x.gv + i, g, poly_gen(P, i), d);
        _poly_split_lineality(Pneg, Ppos, P, g, x.gv, src);
        if (Pneg != NULL && Dneg != NULL)
            poly_dgens_set(Dneg, Pneg);
        if (Ppos != NULL && Dpos != NULL)
            poly_dgens_set(Dpos, Ppos);
        _split_ctx_clear(&x);
        fmpz_clear(v);
        return;
    }
    /* signs through the filter; exact values only where new generators need them */
    poly_gen_sgns(x.sg, &x.npos, &x.nneg, P, Dv, g, gd);
    pairs_list L;
    L.p = L.buf = x.pairsb;
    L.n = 0;
    L.alloc = SPLIT_PMAX;
    _poly_adjacent_pairs(&L, P, x.sg);
    x.npairs = L.n;
    x.pairs = L.p;
    _split_new_gens(&x, P, Dv, g);
    for (int side = -1; side <= 1; side += 2)
    {
        poly_struct * C = (side < 0) ? Pneg : Ppos;
        if (C == NULL)
            continue;
        /* the last side written takes W's entries (and P's with take), the first a copy */
        int last = (side > 0 || Ppos == NULL);
        _split_write_side(C, (side < 0) ? Dneg : Dpos, P, Dv, &x, g, side, src, last, last && take);
    }
    _split_ctx_clear(&x);
    fmpz_clear(v);
}

void
poly_split(poly_t Pneg, poly_t Ppos, const poly_t P, const fmpz * g, slong src)
{
    poly_split_take(Pneg, NULL, Ppos, NULL, (poly_struct *) P, NULL, g, NULL, src, 0);
}

void
poly_cut(poly_t P, const fmpz * g, slong src)
{
    poly_t Q;
    poly_init(Q, P->n);
    poly_split(NULL, Q, P, g, src);
    poly_swap(P, Q);
    poly_clear(Q);
}
