/* The intersection poset of an affine arrangement and its characteristic
   polynomial chi(t) = sum_X mu(R^n, X) t^dim X (Zaslavsky 1975; Stanley,
   "An introduction to hyperplane arrangements", Lecture 1).

   A flat X is represented by its closure: the set of hyperplanes containing
   it, a bitset over the m hyperplanes. Two flats are equal iff their
   closures are, and Y is contained in Z iff closure(Z) is a subset of
   closure(Y). Flats are generated codimension by codimension: every flat of
   codimension r + 1 is X cap H for a flat X of codimension r and a
   hyperplane H not containing X.

   Exactness: each flat keeps an echelon basis of its equation rows (c, a)
   over Z, pivots in the a-columns. Reducing a hyperplane's row h against it
   gives h mod span(X); since X is nonempty its equations are consistent, so
   h contains X iff the remainder is 0, and h misses X iff the remainder is a
   nonzero constant (0, ..., 0 in the a-part). For two hyperplanes h, h' not
   containing X, h' contains X cap h iff h' mod X is a multiple of h mod X;
   with remainders made primitive and sign-normalised that is equality. So
   the hyperplanes not containing X fall into classes of equal remainders,
   one class per flat covering X, and that class together with closure(X) is
   the new flat's closure: no further containment tests are needed.

   Moebius function: mu(R^n) = 1 and mu(Y) = - sum of mu(Z) over the flats
   Z strictly containing Y. Those Z are reached from Y through the cover
   relation recorded during generation, so the work per flat is the size of
   its upper interval, not the number of all flats of smaller codimension. */
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include "util/bitset.h"
#include "arrangement/arrangement.h"

/* The flats of one codimension r. */
typedef struct
{
    bsset_t closure;   /* member k = closure of flat k */
    fmpz * eq;         /* flat k: r echelon rows of length n + 1 at eq + k r (n + 1) */
    slong * piv;       /* flat k: their pivot columns at piv + k r */
    slong alloc;       /* capacity of eq and piv, in flats */
    slong * up_start;  /* covers of flat k in codimension r - 1: up[up_start[k] .. up_start[k + 1]) */
    slong * up;
    fmpz * mu;         /* mu(R^n, flat k) */
}
flat_level_struct;

typedef struct
{
    slong n, m, w;
    slong nlevels;     /* codimensions 0 .. nlevels - 1 are nonempty: nlevels = rank + 1 */
    flat_level_struct * level;
}
flat_poset_struct;

typedef flat_poset_struct flat_poset_t[1];

static void
flat_level_init(flat_level_struct * L, slong w)
{
    bsset_init(L->closure, w);
    L->eq = NULL;
    L->piv = NULL;
    L->alloc = 0;
    L->up_start = NULL;
    L->up = NULL;
    L->mu = NULL;
}

/* The echelon rows are only needed to generate the next codimension. */
static void
flat_level_clear_equations(flat_level_struct * L, slong r, slong len)
{
    if (L->eq != NULL)
        _fmpz_vec_clear(L->eq, L->alloc * r * len);
    flint_free(L->piv);
    L->eq = NULL;
    L->piv = NULL;
    L->alloc = 0;
}

static void
flat_level_clear(flat_level_struct * L, slong r, slong len)
{
    flat_level_clear_equations(L, r, len);
    if (L->mu != NULL)
        _fmpz_vec_clear(L->mu, L->closure->num);
    bsset_clear(L->closure);
    flint_free(L->up_start);
    flint_free(L->up);
}

static void
flat_level_fit(flat_level_struct * L, slong num, slong r, slong len)
{
    slong old = L->alloc, sz = r * len;

    if (num <= old)
        return;
    L->alloc = FLINT_MAX(2 * old, FLINT_MAX(num, 16));
    /* fmpz values are relocatable: realloc keeps any mpz they point to */
    L->eq = flint_realloc(L->eq, FLINT_MAX(L->alloc * sz, 1) * sizeof(fmpz));
    for (slong i = old * sz; i < L->alloc * sz; i++)
        fmpz_init(L->eq + i);
    L->piv = flint_realloc(L->piv, FLINT_MAX(L->alloc * r, 1) * sizeof(slong));
}

/* v <- v mod the r echelon rows E (pivots P), made primitive with its first
   nonzero a-entry positive. Rows are used in the order they were added, each
   having zeros at the earlier pivots, so one pass clears every pivot. */
static void
reduce_row(fmpz * v, const fmpz * E, const slong * P, slong r, slong len)
{
    fmpz_t g, s, t;

    fmpz_init(g);
    fmpz_init(s);
    fmpz_init(t);
    for (slong i = 0; i < r; i++)
    {
        const fmpz * e = E + i * len;
        slong p = P[i];

        if (fmpz_is_zero(v + p))
            continue;
        /* v <- (e_p / g) v - (v_p / g) e */
        fmpz_gcd(g, e + p, v + p);
        fmpz_divexact(s, e + p, g);
        fmpz_divexact(t, v + p, g);
        _fmpz_vec_scalar_mul_fmpz(v, v, len, s);
        _fmpz_vec_scalar_submul_fmpz(v, e, len, t);
    }
    _fmpz_vec_content(g, v, len);
    if (!fmpz_is_zero(g) && !fmpz_is_one(g))
        _fmpz_vec_scalar_divexact_fmpz(v, v, len, g);
    for (slong j = 1; j < len; j++)
    {
        if (!fmpz_is_zero(v + j))
        {
            if (fmpz_sgn(v + j) < 0)
                _fmpz_vec_neg(v, v, len);
            break;
        }
    }
    fmpz_clear(g);
    fmpz_clear(s);
    fmpz_clear(t);
}

/* First nonzero a-column of v, or -1 if v is constant (0 or a contradiction). */
static slong
row_pivot(const fmpz * v, slong len)
{
    for (slong j = 1; j < len; j++)
        if (!fmpz_is_zero(v + j))
            return j;
    return -1;
}

/* Remainders are primitive and sign-normalised, so equal classes have equal
   rows and hence equal hashes. */
typedef struct
{
    ulong hash;
    slong h;
}
remainder_entry;

static int
remainder_entry_cmp(const void * x, const void * y)
{
    const remainder_entry * e = x;
    const remainder_entry * f = y;
    if (e->hash != f->hash)
        return (e->hash > f->hash) ? 1 : -1;
    return (e->h > f->h) - (e->h < f->h);
}

static ulong
row_hash(const fmpz * v, slong len)
{
    ulong h = UWORD(1469598103934665603);
    for (slong j = 0; j < len; j++)
    {
        ulong x = COEFF_IS_MPZ(v[j]) ? fmpz_fdiv_ui(v + j, UWORD(1000000007)) : (ulong) v[j];
        h = (h ^ x) * UWORD(1099511628211);
        h ^= h >> 31;
    }
    return h;
}

/* Codimension r + 1 from codimension r, recording covers. */
static void
flat_poset_next_level(flat_poset_t F, slong r, const fmpz_mat_t H)
{
    slong n = F->n, m = F->m, w = F->w, len = n + 1;
    flat_level_struct * X = F->level + r;
    flat_level_struct * Y = F->level + r + 1;
    fmpz * red = _fmpz_vec_init(FLINT_MAX(m, 1) * len);
    slong * piv = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    slong * cls = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    remainder_entry * cand = flint_malloc(FLINT_MAX(m, 1) * sizeof(remainder_entry));
    bword * c = flint_malloc(FLINT_MAX(w, 1) * sizeof(bword));
    slong nc;
    slong * edge = NULL;   /* pairs (new flat, covered flat of codimension r) */
    slong nedges = 0, edge_alloc = 0;

    flat_level_init(Y, w);
    for (slong k = 0; k < X->closure->num; k++)
    {
        const bword * B = bsset_get(X->closure, k);
        const fmpz * E = X->eq + k * r * len;
        const slong * P = X->piv + k * r;

        for (slong h = 0; h < m; h++)
        {
            cls[h] = -1;
            if (bs_test(B, h))
                continue;
            _fmpz_vec_set(red + h * len, H->rows[h], len);
            reduce_row(red + h * len, E, P, r, len);
            piv[h] = row_pivot(red + h * len, len);
            /* a hyperplane outside the closure cannot reduce to zero */
            if (piv[h] < 0 && fmpz_is_zero(red + h * len))
            {
                flint_printf("arrangement_charpoly: hyperplane %wd reduces to 0 outside a closure\n", h);
                flint_abort();
            }
        }
        /* classes of equal remainders: sort by hash, compare within runs */
        nc = 0;
        for (slong h = 0; h < m; h++)
        {
            /* parallel to X (piv < 0): X cap h is empty, no flat */
            if (bs_test(B, h) || piv[h] < 0)
                continue;
            cand[nc].hash = row_hash(red + h * len, len);
            cand[nc].h = h;
            nc++;
        }
        qsort(cand, nc, sizeof(remainder_entry), remainder_entry_cmp);
        for (slong i = 0; i < nc; i++)
        {
            slong h = cand[i].h, y;
            int is_new;

            if (cls[h] >= 0)
                continue;
            bs_copy(c, B, w);
            bs_set(c, h);
            cls[h] = h;
            for (slong j = i + 1; j < nc && cand[j].hash == cand[i].hash; j++)
            {
                slong g = cand[j].h;
                if (cls[g] < 0 && _fmpz_vec_equal(red + g * len, red + h * len, len))
                {
                    bs_set(c, g);
                    cls[g] = h;
                }
            }
            y = bsset_insert(Y->closure, c, &is_new);
            /* points (codimension n) are never cut further: no equations */
            if (is_new && r + 1 < n)
            {
                fmpz * Ey;
                flat_level_fit(Y, y + 1, r + 1, len);
                Ey = Y->eq + y * (r + 1) * len;
                _fmpz_vec_set(Ey, E, r * len);
                _fmpz_vec_set(Ey + r * len, red + h * len, len);
                for (slong l = 0; l < r; l++)
                    Y->piv[y * (r + 1) + l] = P[l];
                Y->piv[y * (r + 1) + r] = piv[h];
            }
            if (nedges == edge_alloc)
            {
                edge_alloc = FLINT_MAX(2 * edge_alloc, 64);
                edge = flint_realloc(edge, 2 * edge_alloc * sizeof(slong));
            }
            edge[2 * nedges] = y;
            edge[2 * nedges + 1] = k;
            nedges++;
        }
    }

    /* covers in compressed rows, by counting sort on the new flat */
    {
        slong num = Y->closure->num;
        Y->up_start = flint_calloc(num + 1, sizeof(slong));
        Y->up = flint_malloc(FLINT_MAX(nedges, 1) * sizeof(slong));
        for (slong e = 0; e < nedges; e++)
            Y->up_start[edge[2 * e] + 1]++;
        for (slong y = 0; y < num; y++)
            Y->up_start[y + 1] += Y->up_start[y];
        for (slong e = 0; e < nedges; e++)
            Y->up[Y->up_start[edge[2 * e]]++] = edge[2 * e + 1];
        /* the fill moved every start one list forward; shift back */
        for (slong y = num; y > 0; y--)
            Y->up_start[y] = Y->up_start[y - 1];
        Y->up_start[0] = 0;
    }

    flint_free(edge);
    flint_free(cand);
    flint_free(c);
    flint_free(cls);
    flint_free(piv);
    _fmpz_vec_clear(red, FLINT_MAX(m, 1) * len);
}

static void
flat_poset_init(flat_poset_t F, const arrangement_t A)
{
    slong n = A->n, m = A->H->r, len = n + 1;
    bword * zero;
    int is_new;

    F->n = n;
    F->m = m;
    F->w = BS_WORDS(m);
    F->level = flint_malloc((n + 2) * sizeof(flat_level_struct));

    /* codimension 0: R^n itself, contained in no hyperplane, no equations */
    flat_level_init(F->level + 0, F->w);
    zero = flint_calloc(FLINT_MAX(F->w, 1), sizeof(bword));
    bsset_insert(F->level[0].closure, zero, &is_new);
    flint_free(zero);
    flat_level_fit(F->level + 0, 1, 0, len);
    F->level[0].up_start = flint_calloc(2, sizeof(slong));
    F->level[0].up = flint_malloc(sizeof(slong));
    F->nlevels = 1;

    /* a flat of codimension n is a point: nothing below it */
    for (slong r = 0; r < n; r++)
    {
        flat_poset_next_level(F, r, A->H);
        flat_level_clear_equations(F->level + r, r, len);
        if (F->level[r + 1].closure->num == 0)
        {
            flat_level_clear(F->level + r + 1, r + 1, len);
            break;
        }
        F->nlevels = r + 2;
    }
    flat_level_clear_equations(F->level + F->nlevels - 1, F->nlevels - 1, len);
}

static void
flat_poset_clear(flat_poset_t F)
{
    for (slong r = 0; r < F->nlevels; r++)
        flat_level_clear(F->level + r, r, F->n + 1);
    flint_free(F->level);
}

/* mu(R^n, Y) for every flat, walking up each flat's interval through covers. */
static void
flat_poset_moebius(flat_poset_t F)
{
    slong nl = F->nlevels;
    slong ** seen = flint_malloc(nl * sizeof(slong *));   /* id of the last walk that visited */
    slong ** list = flint_malloc(nl * sizeof(slong *));   /* flats of the current walk per level */
    slong * cnt = flint_malloc(nl * sizeof(slong));
    slong walk = 0;
    fmpz_t s;

    fmpz_init(s);
    for (slong r = 0; r < nl; r++)
    {
        slong num = F->level[r].closure->num;
        F->level[r].mu = _fmpz_vec_init(num);
        seen[r] = flint_malloc(num * sizeof(slong));
        list[r] = flint_malloc(num * sizeof(slong));
        for (slong k = 0; k < num; k++)
            seen[r][k] = -1;
    }
    fmpz_one(F->level[0].mu + 0);

    for (slong r = 1; r < nl; r++)
    {
        flat_level_struct * L = F->level + r;
        for (slong y = 0; y < L->closure->num; y++, walk++)
        {
            fmpz_zero(s);
            cnt[r - 1] = 0;
            for (slong e = L->up_start[y]; e < L->up_start[y + 1]; e++)
            {
                slong z = L->up[e];
                seen[r - 1][z] = walk;
                list[r - 1][cnt[r - 1]++] = z;
            }
            for (slong q = r - 1; q >= 0; q--)
            {
                flat_level_struct * Q = F->level + q;
                if (q > 0)
                    cnt[q - 1] = 0;
                for (slong i = 0; i < cnt[q]; i++)
                {
                    slong z = list[q][i];
                    fmpz_add(s, s, Q->mu + z);
                    if (q == 0)
                        continue;
                    for (slong e = Q->up_start[z]; e < Q->up_start[z + 1]; e++)
                    {
                        slong x = Q->up[e];
                        if (seen[q - 1][x] != walk)
                        {
                            seen[q - 1][x] = walk;
                            list[q - 1][cnt[q - 1]++] = x;
                        }
                    }
                }
            }
            fmpz_neg(L->mu + y, s);
        }
    }

    fmpz_clear(s);
    for (slong r = 0; r < nl; r++)
    {
        flint_free(seen[r]);
        flint_free(list[r]);
    }
    flint_free(seen);
    flint_free(list);
    flint_free(cnt);
}

void
arrangement_charpoly(fmpz_poly_t chi, const arrangement_t A)
{
    flat_poset_t F;
    fmpz_t c;

    flat_poset_init(F, A);
    flat_poset_moebius(F);
    fmpz_init(c);
    fmpz_poly_zero(chi);
    for (slong r = 0; r < F->nlevels; r++)
    {
        fmpz_zero(c);
        for (slong k = 0; k < F->level[r].closure->num; k++)
            fmpz_add(c, c, F->level[r].mu + k);
        fmpz_poly_set_coeff_fmpz(chi, A->n - r, c);
    }
    fmpz_clear(c);
    flat_poset_clear(F);
}

void
arrangement_flat_counts(slong * counts, const arrangement_t A)
{
    flat_poset_t F;

    flat_poset_init(F, A);
    for (slong k = 0; k <= A->n; k++)
        counts[k] = (k < F->nlevels) ? F->level[k].closure->num : 0;
    flat_poset_clear(F);
}

void
arrangement_write_charpoly(jout_t out, const fmpz_poly_t chi, slong n)
{
    fmpz_t co;
    fmpz_init(co);
    jout_key(out, "characteristic_polynomial");
    jout_begin_array(out);
    for (slong i = n; i >= 0; i--)
    {
        fmpz_poly_get_coeff_fmpz(co, chi, i);
        jout_fmpz(out, co);
    }
    jout_end_array(out);
    fmpz_clear(co);
}
