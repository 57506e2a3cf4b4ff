/* Deletion-restriction over an ordered list of hyperplanes, level by level,
   with nodes merged under linear symmetries (see dr.h for the recursion).

   Exactness: the linear algebra is fraction-free elimination on word-size
   integers with every product and difference checked for overflow (an
   overflow stops the run with RELU_E_UNSUPPORTED, never a rounded answer);
   rows are kept primitive with a positive first entry, so "H_l contains the
   flat of S + {k}" is the equality of two reduced rows. Multiplicities and
   Betti numbers are checked for overflow the same way.

   Symmetry merges are sound for any set of linear symmetries that map the
   prefix {0..k-1} to itself: nauty's generators of that stabiliser (each
   checked exactly in symmetry.c) and random products of them. The image of
   a node is reduced greedily towards a lexicographically small one ("pseudo
   minimal image", as in CountingChambers.jl): not canonical, so some
   equivalent nodes stay apart, which costs time, not correctness. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <flint/fmpz_vec.h>
#include "arrangement/dr.h"

#define DR_MAXR 32

typedef struct
{
    slong m, R;
    slong * V;          /* m x R primitive rows */
    int overflow;
}
dr_config;

/* ---- word-size exact rows -------------------------------------------- */

static int
row_normalise(slong * v, slong R)
{
    ulong g = 0;
    slong first = -1;
    for (slong j = 0; j < R; j++)
        if (v[j] != 0)
        {
            g = n_gcd(g, (ulong) FLINT_ABS(v[j]));
            if (first < 0)
                first = j;
        }
    if (first < 0)
        return -1;
    for (slong j = 0; j < R; j++)
        v[j] /= (slong) g;
    if (v[first] < 0)
        for (slong j = 0; j < R; j++)
            v[j] = -v[j];
    return first;
}

/* v <- v mod the echelon rows E (pivots P), primitive; returns the pivot or -1 */
static slong
row_reduce(slong * v, const slong * E, const slong * P, slong r, slong R, int * overflow)
{
    for (slong i = 0; i < r; i++)
    {
        const slong * e = E + i * R;
        slong p = P[i], g, s, t;
        if (v[p] == 0)
            continue;
        g = (slong) n_gcd((ulong) FLINT_ABS(e[p]), (ulong) FLINT_ABS(v[p]));
        s = e[p] / g;
        t = v[p] / g;
        for (slong j = 0; j < R; j++)
        {
            slong a, b;
            if (__builtin_mul_overflow(v[j], s, &a) || __builtin_mul_overflow(e[j], t, &b)
                || __builtin_sub_overflow(a, b, v + j))
            {
                *overflow = 1;
                v[j] = 0;
            }
        }
    }
    return row_normalise(v, R);
}

/* ---- a level: hash map from sorted index sets to multiplicities -------- */

typedef struct
{
    slong K, cap, num;
    unsigned short * keys;   /* cap x K: K - 1 indices (0xffff padded) and the size */
    ulong * mult;            /* 0: empty slot */
}
node_map;

static void
node_map_init(node_map * h, slong K)
{
    h->K = K;
    h->cap = 64;
    h->num = 0;
    h->keys = flint_malloc(h->cap * K * sizeof(unsigned short));
    h->mult = flint_calloc(h->cap, sizeof(ulong));
}

static void
node_map_clear(node_map * h)
{
    flint_free(h->keys);
    flint_free(h->mult);
}

static ulong
key_hash(const unsigned short * k, slong K)
{
    ulong h = UWORD(1469598103934665603);
    for (slong i = 0; i < K; i++)
        h = (h ^ k[i]) * UWORD(1099511628211);
    return h ^ (h >> 29);
}

static int node_map_add(node_map * h, const unsigned short * key, ulong add);

static void
node_map_grow(node_map * h)
{
    node_map old = *h;
    h->cap *= 2;
    h->num = 0;
    h->keys = flint_malloc(h->cap * h->K * sizeof(unsigned short));
    h->mult = flint_calloc(h->cap, sizeof(ulong));
    for (slong i = 0; i < old.cap; i++)
        if (old.mult[i])
            node_map_add(h, old.keys + i * old.K, old.mult[i]);
    node_map_clear(&old);
}

/* returns 1 on overflow of the multiplicity */
static int
node_map_add(node_map * h, const unsigned short * key, ulong add)
{
    slong K = h->K, i;
    if (2 * (h->num + 1) > h->cap)
        node_map_grow(h);
    i = (slong) (key_hash(key, K) & (ulong) (h->cap - 1));
    while (h->mult[i] && memcmp(h->keys + i * K, key, K * sizeof(unsigned short)))
        i = (i + 1) & (h->cap - 1);
    if (!h->mult[i])
    {
        memcpy(h->keys + i * K, key, K * sizeof(unsigned short));
        h->num++;
    }
    return __builtin_add_overflow(h->mult[i], add, h->mult + i);
}

/* ---- symmetry pools ---------------------------------------------------- */

typedef struct
{
    ulong s;
}
dr_rng;

static ulong
dr_rng_next(dr_rng * r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * UWORD(2685821657736338717);
}

/* pool <- the generators of the stabiliser of {0..k} and random products */
static void
dr_pool_level(arr_perms_t pool, arrangement_dr_stats * st, arr_symmetry_struct * sym, slong k, slong m,
              slong R, dr_rng * rng)
{
    arr_perms_t gens;
    int * colour = flint_malloc(m * sizeof(int));
    unsigned short * p = flint_malloc(m * sizeof(unsigned short));
    unsigned short * q = flint_malloc(m * sizeof(unsigned short));

    for (slong i = 0; i < m; i++)
        colour[i] = (i <= k);
    arr_perms_init(gens, m);
    st->rejected_generators += arr_symmetry_generators(gens, sym, colour);
    st->generators += gens->num;
    pool->num = 0;
    for (slong g = 0; g < gens->num; g++)
        arr_perms_push(pool, gens->p + g * m);
    if (gens->num > 0)
    {
        st->group_levels++;
        for (slong w = 0; w < 2 * R + 8; w++)
        {
            slong len = 3 + (slong) (dr_rng_next(rng) % 6);
            for (slong i = 0; i < m; i++)
                p[i] = (unsigned short) i;
            for (slong l = 0; l < len; l++)
            {
                const unsigned short * g = gens->p + (dr_rng_next(rng) % gens->num) * m;
                for (slong i = 0; i < m; i++)
                    q[i] = g[p[i]];
                memcpy(p, q, m * sizeof(unsigned short));
            }
            arr_perms_push(pool, p);
        }
    }
    arr_perms_clear(gens);
    flint_free(colour);
    flint_free(p);
    flint_free(q);
}

static void
sort_small(unsigned short * a, slong n)
{
    for (slong i = 1; i < n; i++)
        for (slong j = i; j > 0 && a[j - 1] > a[j]; j--)
        {
            unsigned short t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
        }
}

/* key (sorted S, padded, size last) <- a small image of S under the pool */
static void
dr_image(unsigned short * key, const unsigned short * S, slong r, slong K, const arr_perms_t pool)
{
    unsigned short cur[DR_MAXR], img[DR_MAXR];
    int improved = 1;

    memcpy(cur, S, r * sizeof(unsigned short));
    sort_small(cur, r);
    while (improved)
    {
        improved = 0;
        for (slong g = 0; g < pool->num; g++)
        {
            const unsigned short * p = pool->p + g * pool->m;
            for (slong i = 0; i < r; i++)
                img[i] = p[cur[i]];
            sort_small(img, r);
            if (memcmp(img, cur, r * sizeof(unsigned short)) < 0)
            {
                /* memcmp on shorts is not numeric order, but it is a fixed total order */
                memcpy(cur, img, r * sizeof(unsigned short));
                improved = 1;
            }
        }
    }
    for (slong i = 0; i < K - 1; i++)
        key[i] = (i < r) ? cur[i] : 0xffff;
    key[K - 1] = (unsigned short) r;
}

/* ---- one node ---------------------------------------------------------- */

typedef struct
{
    const dr_config * C;
    slong K;
    ulong * betti;         /* R + 1 */
    int overflow;          /* arithmetic or count overflow */
    int broken;            /* the alive invariant failed: a bug */
    slong * E, * P, * red; /* scratch: echelon rows, pivots, m reduced rows */
    slong * order;
}
dr_work;

static void
betti_add(dr_work * w, slong r, ulong x)
{
    if (__builtin_add_overflow(w->betti[r], x, w->betti + r))
        w->overflow = 1;
}

static const slong * cmp_rows_base;
static slong cmp_rows_R;

static int
cmp_rows(const void * a, const void * b)
{
    const slong * x = cmp_rows_base + *(const slong *) a * cmp_rows_R;
    const slong * y = cmp_rows_base + *(const slong *) b * cmp_rows_R;
    for (slong j = 0; j < cmp_rows_R; j++)
        if (x[j] != y[j])
            return x[j] < y[j] ? -1 : 1;
    return 0;
}

/* number of distinct rows among red[k..m-1] (qsort has no user pointer,
   hence the two file-level scratch variables; single-threaded use only) */
static slong
distinct_rows(dr_work * w, slong k)
{
    slong m = w->C->m, R = w->C->R, n = m - k, p = 0;
    for (slong i = 0; i < n; i++)
        w->order[i] = k + i;
    cmp_rows_base = w->red;
    cmp_rows_R = R;
    qsort(w->order, n, sizeof(slong), cmp_rows);
    for (slong i = 0; i < n; i++)
        if (i == 0 || cmp_rows(w->order + i - 1, w->order + i) != 0)
            p++;
    return p;
}

/* A node whose flat has dimension 3: the later hyperplanes are p distinct
   planes through the origin of R^3 (coordinates: the columns that are not
   pivots of S, where reduced rows live). With b2 = sum over the lines where
   q >= 2 of them meet of (q - 1), chi = t^3 - p t^2 + b2 t - (b2 - p + 1)
   (chi(1) = 0 for a central arrangement). */
static void
dr_node_rank3(dr_work * w, slong r, ulong c, slong k)
{
    slong m = w->C->m, R = w->C->R, n = m - k, p = 0, col[3], nc = 0, npairs = 0, b2 = 0;
    slong * pl, * ln;
    ulong x;

    for (slong j = 0; j < R && nc < 3; j++)
    {
        int piv = 0;
        for (slong i = 0; i < r; i++)
            piv |= (w->P[i] == j);
        if (!piv)
            col[nc++] = j;
    }
    distinct_rows(w, k);
    pl = flint_malloc(3 * n * sizeof(slong));
    for (slong i = 0; i < n; i++)
        if (i == 0 || cmp_rows(w->order + i - 1, w->order + i) != 0)
        {
            for (int d = 0; d < 3; d++)
                pl[3 * p + d] = w->red[w->order[i] * R + col[d]];
            p++;
        }
    /* every pair of planes meets in a line: its primitive direction */
    ln = flint_malloc(3 * FLINT_MAX(p * (p - 1) / 2, 1) * sizeof(slong));
    for (slong a = 0; a < p; a++)
        for (slong b = a + 1; b < p; b++)
        {
            const slong * u = pl + 3 * a, * v = pl + 3 * b;
            slong * z = ln + 3 * npairs++;
            for (int d = 0; d < 3; d++)
            {
                slong s1, s2;
                int e = (d + 1) % 3, f = (d + 2) % 3;
                if (__builtin_mul_overflow(u[e], v[f], &s1) || __builtin_mul_overflow(u[f], v[e], &s2)
                    || __builtin_sub_overflow(s1, s2, z + d))
                    w->overflow = 1;
            }
            if (row_normalise(z, 3) < 0)
                w->broken = 1;   /* distinct planes through 0 are not parallel */
        }
    /* a line where q planes meet appears C(q, 2) times: q - 1 = (1 + sqrt(1 + 8 C(q,2))) / 2 - 1 */
    cmp_rows_base = ln;
    cmp_rows_R = 3;
    {
        slong * idx = flint_malloc(FLINT_MAX(npairs, 1) * sizeof(slong));
        for (slong i = 0; i < npairs; i++)
            idx[i] = i;
        qsort(idx, npairs, sizeof(slong), cmp_rows);
        for (slong i = 0, run = 1; i < npairs; i++, run++)
            if (i + 1 == npairs || cmp_rows(idx + i, idx + i + 1) != 0)
            {
                slong q = 2;
                while (q * (q - 1) / 2 < run)
                    q++;
                if (q * (q - 1) / 2 != run)
                    w->broken = 1;
                b2 += q - 1;
                run = 0;
            }
        flint_free(idx);
    }
    betti_add(w, r, c);
    if (__builtin_mul_overflow(c, (ulong) p, &x))
        w->overflow = 1;
    betti_add(w, r + 1, x);
    if (__builtin_mul_overflow(c, (ulong) b2, &x))
        w->overflow = 1;
    betti_add(w, r + 2, x);
    if (__builtin_mul_overflow(c, (ulong) (b2 - p + 1), &x))
        w->overflow = 1;
    betti_add(w, r + 3, x);
    flint_free(pl);
    flint_free(ln);
}

/* Expands node S (size r, multiplicity c) at level k into next (level k + 1). */
static void
dr_node(dr_work * w, node_map * next, const arr_perms_t pool, const unsigned short * S, slong r, ulong c,
        slong k)
{
    const dr_config * C = w->C;
    slong m = C->m, R = C->R;
    unsigned short T[DR_MAXR], key[DR_MAXR + 1];
    ulong x;

    for (slong i = 0; i < r; i++)
    {
        slong * e = w->E + i * R;
        memcpy(e, C->V + S[i] * R, R * sizeof(slong));
        w->P[i] = row_reduce(e, w->E, w->P, i, R, &w->overflow);
        if (w->P[i] < 0)
            w->broken = 1;
    }
    for (slong l = k; l < m; l++)
    {
        memcpy(w->red + l * R, C->V + l * R, R * sizeof(slong));
        if (row_reduce(w->red + l * R, w->E, w->P, r, R, &w->overflow) < 0)
            w->broken = 1;   /* H_l contains X_S: the node should not exist */
    }
    if (r == R - 1)   /* a line: the later hyperplanes all cut it at the origin */
    {
        betti_add(w, r, c);
        betti_add(w, r + 1, c);
        return;
    }
    if (r == R - 2)   /* a plane with p distinct lines: t^2 - p t + p - 1 */
    {
        slong p = (slong) distinct_rows(w, k);
        betti_add(w, r, c);
        if (__builtin_mul_overflow(c, (ulong) p, &x))
            w->overflow = 1;
        betti_add(w, r + 1, x);
        if (__builtin_mul_overflow(c, (ulong) (p - 1), &x))
            w->overflow = 1;
        betti_add(w, r + 2, x);
        return;
    }
    if (r == R - 3)
    {
        dr_node_rank3(w, r, c, k);
        return;
    }
    /* delete H_k */
    if (k + 1 == m)
        betti_add(w, r, c);
    else
    {
        dr_image(key, S, r, w->K, pool);
        w->overflow |= node_map_add(next, key, c);
    }
    /* restrict to H_k: alive iff no later H_l contains X_S cap H_k */
    for (slong l = k + 1; l < m; l++)
        if (!memcmp(w->red + l * R, w->red + k * R, R * sizeof(slong)))
            return;
    if (k + 1 == m)
    {
        betti_add(w, r + 1, c);
        return;
    }
    memcpy(T, S, r * sizeof(unsigned short));
    T[r] = (unsigned short) k;
    dr_image(key, T, r + 1, w->K, pool);
    w->overflow |= node_map_add(next, key, c);
}

/* ---- the configuration: cone, essentialise, word-size rows ------------ */

/* V <- the central configuration of A (its normals if central, else its cone
   with the hyperplane at infinity), projected injectively onto R coordinates;
   *N = its ambient dimension. */
static int
dr_config_init(dr_config * C, fmpz_mat_t V, slong * N, int * coned, const arrangement_t A, int reverse,
               rc_error_t err)
{
    slong m = A->H->r, n = A->n, mm, len, R;
    fmpz_mat_t W, E;
    fmpz_t den;
    slong * piv;

    *coned = 0;
    for (slong i = 0; i < m; i++)
        *coned |= !fmpz_is_zero(fmpz_mat_entry(A->H, i, 0));
    mm = *coned ? m + 1 : m;
    len = *coned ? n + 1 : n;
    *N = len;
    fmpz_mat_init(W, mm, len);
    for (slong i = 0; i < m; i++)
        for (slong j = 0; j < len; j++)
            fmpz_set(fmpz_mat_entry(W, i, j), fmpz_mat_entry(A->H, i, j + (*coned ? 0 : 1)));
    if (*coned)
        fmpz_one(fmpz_mat_entry(W, m, 0));
    fmpz_mat_init_set(E, W);
    fmpz_init(den);
    R = (mm > 0 && len > 0) ? fmpz_mat_rref(E, den, E) : 0;
    piv = flint_malloc((R + 1) * sizeof(slong));
    for (slong r = 0, c = 0; r < R && c < len; c++)
        if (!fmpz_is_zero(fmpz_mat_entry(E, r, c)))
            piv[r++] = c;
    fmpz_mat_init(V, mm, R);
    C->m = mm;
    C->R = R;
    C->overflow = 0;
    C->V = flint_malloc(FLINT_MAX(mm * R, 1) * sizeof(slong));
    for (slong i = 0; i < mm; i++)
    {
        for (slong r = 0; r < R; r++)
        {
            const fmpz * x = fmpz_mat_entry(W, reverse ? mm - 1 - i : i, piv[r]);
            if (fmpz_bits(x) > 40)
                C->overflow = 1;
            C->V[i * R + r] = C->overflow ? 0 : fmpz_get_si(x);
        }
        if (row_normalise(C->V + i * R, R) < 0 && !C->overflow)
            flint_abort();   /* an injective projection of a nonzero row is nonzero */
        for (slong r = 0; r < R; r++)
            fmpz_set_si(fmpz_mat_entry(V, i, r), C->V[i * R + r]);
    }
    flint_free(piv);
    fmpz_clear(den);
    fmpz_mat_clear(E);
    fmpz_mat_clear(W);
    if (C->overflow)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "coefficients beyond 2^40 are not supported "
                            "by the deletion-restriction method");
    if (R > DR_MAXR || mm > 65000)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "deletion-restriction handles at most rank %d "
                            "and 65000 hyperplanes", DR_MAXR);
    return RELU_OK;
}

static void
dr_config_clear(dr_config * C)
{
    flint_free(C->V);
}

/* chi <- the polynomial of the Betti numbers of the configuration, lifted to
   the ambient dimension N and un-coned. */
static int
dr_finish(fmpz_poly_t chi, const ulong * betti, slong R, slong N, int coned, rc_error_t err)
{
    fmpz_poly_t c, q, rem;
    fmpz_t x;
    int status = RELU_OK;

    fmpz_poly_init(c);
    fmpz_poly_init(q);
    fmpz_poly_init(rem);
    fmpz_init(x);
    for (slong r = 0; r <= R; r++)
    {
        fmpz_set_ui(x, betti[r]);
        if (r % 2)
            fmpz_neg(x, x);
        fmpz_poly_set_coeff_fmpz(c, N - r, x);
    }
    if (coned)
    {
        /* chi(cone A) = (t - 1) chi(A) */
        fmpz_poly_set_coeff_si(q, 1, 1);
        fmpz_poly_set_coeff_si(q, 0, -1);
        fmpz_poly_divrem(chi, rem, c, q);
        if (!fmpz_poly_is_zero(rem))
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: the cone's characteristic polynomial "
                                  "is not divisible by t - 1");
    }
    else
        fmpz_poly_set(chi, c);
    fmpz_clear(x);
    fmpz_poly_clear(c);
    fmpz_poly_clear(q);
    fmpz_poly_clear(rem);
    return status;
}

static double
dr_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* the levels 0..m of the tree; returns the status */
static int
dr_levels(dr_work * w, arrangement_dr_stats * st, arr_symmetry_struct * sym, const arrangement_dr_params * par,
          rc_error_t err)
{
    slong m = w->C->m, R = w->C->R, K = w->K;
    node_map cur, next;
    arr_perms_t pool;
    dr_rng rng = { UWORD(0x9E3779B97F4A7C15) };
    unsigned short root[DR_MAXR + 1];
    int status = RELU_OK;
    double t0 = dr_now();

    node_map_init(&cur, K);
    for (slong i = 0; i < K - 1; i++)
        root[i] = 0xffff;
    root[K - 1] = 0;
    node_map_add(&cur, root, 1);
    arr_perms_init(pool, m);
    for (slong k = 0; k < m && status == RELU_OK; k++)
    {
        double ts = dr_now();
        if (sym != NULL && k + 1 < m)
            dr_pool_level(pool, st, sym, k, m, R, &rng);
        st->seconds_symmetry += dr_now() - ts;
        node_map_init(&next, K);
        for (slong i = 0; i < cur.cap; i++)
            if (cur.mult[i])
                dr_node(w, &next, pool, cur.keys + i * K, cur.keys[i * K + K - 1], cur.mult[i], k);
        st->nodes_total += cur.num;
        st->nodes_max_level = FLINT_MAX(st->nodes_max_level, cur.num);
        if (par->progress != NULL)
            fprintf(par->progress, "charpoly: deletion-restriction, hyperplane %ld/%ld, %ld nodes, "
                    "%ld next, %.1f s\n", (long) k + 1, (long) m, (long) cur.num, (long) next.num, dr_now() - t0);
        node_map_clear(&cur);
        cur = next;
        if (w->overflow)
            status = rc_error_set(err, RELU_E_UNSUPPORTED, "an integer left the 64-bit range "
                                  "(coefficients or counts too large for the deletion-restriction method)");
        else if (w->broken)
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: deletion-restriction reached a node "
                                  "whose flat lies in a later hyperplane");
        else if (par->max_nodes > 0 && st->nodes_total > par->max_nodes)
            status = rc_error_set(err, RELU_E_LIMIT, "more than %ld nodes in the deletion-restriction tree",
                                  (long) par->max_nodes);
    }
    /* what is left are leaves: no-broken-circuit sets using every hyperplane */
    for (slong i = 0; i < cur.cap && status == RELU_OK; i++)
        if (cur.mult[i])
            betti_add(w, cur.keys[i * K + K - 1], cur.mult[i]);
    node_map_clear(&cur);
    arr_perms_clear(pool);
    return status;
}

int
arrangement_charpoly_dr(fmpz_poly_t chi, arrangement_dr_stats * st, const arrangement_t A,
                        const arrangement_dr_params * par, rc_error_t err)
{
    dr_config C;
    dr_work w;
    fmpz_mat_t V;
    slong N;
    int coned, status;
    arr_symmetry_struct * sym = NULL;

    memset(st, 0, sizeof(*st));
    status = dr_config_init(&C, V, &N, &coned, A, par->reverse, err);
    if (status == RELU_OK && C.m == 0)
    {
        fmpz_poly_zero(chi);
        fmpz_poly_set_coeff_si(chi, A->n, 1);
    }
    else if (status == RELU_OK)
    {
        double ts = dr_now();
        w.C = &C;
        w.K = C.R + 1;
        w.betti = flint_calloc(C.R + 1, sizeof(ulong));
        w.overflow = w.broken = 0;
        w.E = flint_malloc(C.R * C.R * sizeof(slong));
        w.P = flint_malloc(C.R * sizeof(slong));
        w.red = flint_malloc(C.m * C.R * sizeof(slong));
        w.order = flint_malloc(C.m * sizeof(slong));
        if (par->use_symmetry && C.R >= 2)
            sym = arr_symmetry_new(V);
        st->seconds_symmetry = dr_now() - ts;
        if (par->progress != NULL)
            fprintf(par->progress, "charpoly: %ld hyperplanes of rank %ld%s, symmetry %s\n", (long) C.m,
                    (long) C.R, coned ? " (cone)" : "", sym ? "on (nauty)" : "off");
        status = dr_levels(&w, st, sym, par, err);
        if (status == RELU_OK)
            status = dr_finish(chi, w.betti, C.R, N, coned, err);
        if (sym != NULL)
            arr_symmetry_free(sym);
        flint_free(w.betti);
        flint_free(w.E);
        flint_free(w.P);
        flint_free(w.red);
        flint_free(w.order);
    }
    fmpz_mat_clear(V);
    dr_config_clear(&C);
    return status;
}
