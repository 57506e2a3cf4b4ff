/* Deletion-restriction over an ordered list of hyperplanes, level by level,
   with nodes merged under linear symmetries or by combinatorial type (see
   dr.h for the recursion).

   Exactness: the linear algebra is fraction-free elimination on rows kept
   primitive with a positive first entry (dr_rows.c), so "H_l contains the
   flat of S + {k}" is the equality of two reduced rows. It runs on
   word-size integers with every product and difference checked for
   overflow; an overflow, or an entry beyond 2^40 at the start, sends the
   whole count to the fmpz path (the same tree, arbitrary-size rows).
   Multiplicities and Betti numbers are fmpz.

   Merges are sound when the two nodes stand for arrangements with the same
   intersection lattice, since a node's subtree computes its arrangement's
   characteristic polynomial whatever the order:
   - symmetry: a linear symmetry g mapping the prefix {0..k-1} to itself
     maps (S, k) to (gS, k), an isomorphic arrangement. nauty's generators of
     that stabiliser (each checked exactly in symmetry.c) and random products
     of them; the image is reduced greedily towards a lexicographically small
     one ("pseudo minimal image", as in CountingChambers.jl): not canonical,
     so some equivalent nodes stay apart, which costs time, not correctness;
   - general position: when every R of the m vectors are independent (proved
     at the root, dr_config_is_moment_curve), the restriction of the later
     hyperplanes to X_S is in general position too for every independent S,
     so node (S, k) stands for the uniform matroid of rank R - |S| on the
     m - k later hyperplanes: all nodes of one level and one size are merged
     into (S = {0..r-1}, k), whose restriction is then computed as usual. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <flint/fmpz_vec.h>
#include "arrangement/dr-impl.h"

/* ---- a level: hash map from sorted index sets to multiplicities -------- */

typedef struct
{
    slong K, cap, num;
    unsigned short * keys;   /* cap x K: K - 1 indices (0xffff padded) and the size */
    fmpz * mult;             /* 0: empty slot (a multiplicity is positive) */
}
node_map;

static void
node_map_init(node_map * h, slong K)
{
    h->K = K;
    h->cap = 64;
    h->num = 0;
    h->keys = flint_malloc(h->cap * K * sizeof(unsigned short));
    h->mult = flint_calloc(h->cap, sizeof(fmpz));   /* zero fmpz need no init */
}

/* frees the map; the multiplicities too unless they were moved out */
static void
node_map_clear(node_map * h, int moved)
{
    if (!moved)
        _fmpz_vec_clear(h->mult, h->cap);
    else
        flint_free(h->mult);
    flint_free(h->keys);
}

static ulong
key_hash(const unsigned short * k, slong K)
{
    ulong h = UWORD(1469598103934665603);
    for (slong i = 0; i < K; i++)
        h = (h ^ k[i]) * UWORD(1099511628211);
    return h ^ (h >> 29);
}

/* the slot of key (empty if absent) */
static slong
node_map_slot(const node_map * h, const unsigned short * key)
{
    slong K = h->K, i = (slong) (key_hash(key, K) & (ulong) (h->cap - 1));
    while (!fmpz_is_zero(h->mult + i) && memcmp(h->keys + i * K, key, K * sizeof(unsigned short)))
        i = (i + 1) & (h->cap - 1);
    return i;
}

static void
node_map_grow(node_map * h)
{
    node_map old = *h;
    h->cap *= 2;
    h->num = 0;
    h->keys = flint_malloc(h->cap * h->K * sizeof(unsigned short));
    h->mult = flint_calloc(h->cap, sizeof(fmpz));
    for (slong i = 0; i < old.cap; i++)
        if (!fmpz_is_zero(old.mult + i))
        {
            /* move the fmpz (a word, possibly a pointer to a big value) */
            slong j = node_map_slot(h, old.keys + i * old.K);
            memcpy(h->keys + j * h->K, old.keys + i * old.K, h->K * sizeof(unsigned short));
            h->mult[j] = old.mult[i];
            h->num++;
        }
    node_map_clear(&old, 1);
}

static void
node_map_add(node_map * h, const unsigned short * key, const fmpz_t add)
{
    slong i;
    if (2 * (h->num + 1) > h->cap)
        node_map_grow(h);
    i = node_map_slot(h, key);
    if (fmpz_is_zero(h->mult + i))
    {
        memcpy(h->keys + i * h->K, key, h->K * sizeof(unsigned short));
        h->num++;
    }
    fmpz_add(h->mult + i, h->mult + i, add);
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

/* key <- the representative of S's type when the configuration is in
   general position: {0..r-1} (a subset of the prefix, as r <= k) */
static void
dr_uniform_key(unsigned short * key, slong r, slong K)
{
    for (slong i = 0; i < K - 1; i++)
        key[i] = (i < r) ? (unsigned short) i : 0xffff;
    key[K - 1] = (unsigned short) r;
}

/* ---- one node ---------------------------------------------------------- */

typedef struct
{
    const dr_config * C;
    slong K;
    fmpz * betti;          /* R + 1 */
    int overflow;          /* a word-size row left the 64-bit range: rerun on the fmpz path */
    int broken;            /* the alive invariant failed: a bug */
    slong * E, * P, * red; /* scratch (word path): echelon rows, pivots, m reduced rows */
    fmpz * zE, * zred;     /* scratch (fmpz path) */
    slong * order;
}
dr_work;

static void
betti_add(dr_work * w, slong r, const fmpz_t c, slong x)
{
    fmpz_addmul_si(w->betti + r, c, x);
}

/* qsort has no user pointer, hence the file-level row base and width
   (single-threaded use only) */
static const slong * cmp_rows_base;
static const fmpz * cmp_zrows_base;
static slong cmp_rows_R;

static int
cmp_rows(const void * a, const void * b)
{
    return dr_row_cmp(cmp_rows_base + *(const slong *) a * cmp_rows_R,
                      cmp_rows_base + *(const slong *) b * cmp_rows_R, cmp_rows_R);
}

static int
cmp_zrows(const void * a, const void * b)
{
    return dr_zrow_cmp(cmp_zrows_base + *(const slong *) a * cmp_rows_R,
                       cmp_zrows_base + *(const slong *) b * cmp_rows_R, cmp_rows_R);
}

/* reduced rows a and b (indices into red or zred) are equal */
static int
dr_rows_equal(const dr_work * w, slong a, slong b)
{
    slong R = w->C->R;
    if (w->C->big)
        return dr_zrow_cmp(w->zred + a * R, w->zred + b * R, R) == 0;
    return !memcmp(w->red + a * R, w->red + b * R, R * sizeof(slong));
}

/* w->order[0..m-k-1] <- k..m-1 sorted by reduced row; returns the number of distinct rows */
static slong
distinct_rows(dr_work * w, slong k)
{
    slong m = w->C->m, n = m - k, p = 0;
    for (slong i = 0; i < n; i++)
        w->order[i] = k + i;
    cmp_rows_R = w->C->R;
    cmp_rows_base = w->red;
    cmp_zrows_base = w->zred;
    qsort(w->order, n, sizeof(slong), w->C->big ? cmp_zrows : cmp_rows);
    for (slong i = 0; i < n; i++)
        if (i == 0 || !dr_rows_equal(w, w->order[i - 1], w->order[i]))
            p++;
    return p;
}

/* the echelon rows of S and the later rows k..m-1 reduced modulo them */
static void
dr_node_reduce(dr_work * w, const unsigned short * S, slong r, slong k)
{
    const dr_config * C = w->C;
    slong m = C->m, R = C->R;
    for (slong i = 0; i < r; i++)
    {
        if (C->big)
        {
            _fmpz_vec_set(w->zE + i * R, C->Z->rows[S[i]], R);
            w->P[i] = dr_zrow_reduce(w->zE + i * R, w->zE, w->P, i, R);
        }
        else
        {
            memcpy(w->E + i * R, C->V + S[i] * R, R * sizeof(slong));
            w->P[i] = dr_row_reduce(w->E + i * R, w->E, w->P, i, R, &w->overflow);
        }
        if (w->P[i] < 0)
            w->broken = 1;
    }
    for (slong l = k; l < m; l++)
    {
        slong piv;
        if (C->big)
        {
            _fmpz_vec_set(w->zred + l * R, C->Z->rows[l], R);
            piv = dr_zrow_reduce(w->zred + l * R, w->zE, w->P, r, R);
        }
        else
        {
            memcpy(w->red + l * R, C->V + l * R, R * sizeof(slong));
            piv = dr_row_reduce(w->red + l * R, w->E, w->P, r, R, &w->overflow);
        }
        if (piv < 0)
            w->broken = 1;   /* H_l contains X_S: the node should not exist */
    }
}

/* A node whose flat has dimension 3 (word path): the later hyperplanes are p
   distinct planes through the origin of R^3 (coordinates: the columns that
   are not pivots of S, where reduced rows live). With b2 = sum over the
   lines where q >= 2 of them meet of (q - 1), chi = t^3 - p t^2 + b2 t -
   (b2 - p + 1) (chi(1) = 0 for a central arrangement). */
static void
dr_node_rank3(dr_work * w, slong r, const fmpz_t c, slong k)
{
    slong m = w->C->m, R = w->C->R, n = m - k, p = 0, col[3], nc = 0, npairs = 0, b2 = 0;
    slong * pl, * ln, * idx;

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
        if (i == 0 || !dr_rows_equal(w, w->order[i - 1], w->order[i]))
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
                {
                    w->overflow = 1;   /* the run is void; z stays defined */
                    z[d] = 0;
                }
            }
            if (dr_row_normalise(z, 3) < 0)
                w->broken = 1;   /* distinct planes through 0 are not parallel */
        }
    /* a line where q planes meet appears C(q, 2) times */
    cmp_rows_base = ln;
    cmp_rows_R = 3;
    idx = flint_malloc(FLINT_MAX(npairs, 1) * sizeof(slong));
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
    betti_add(w, r, c, 1);
    betti_add(w, r + 1, c, p);
    betti_add(w, r + 2, c, b2);
    betti_add(w, r + 3, c, b2 - p + 1);
    flint_free(idx);
    flint_free(pl);
    flint_free(ln);
}

/* the key of node T (size r) at the next level */
static void
dr_key(unsigned short * key, const dr_work * w, const unsigned short * T, slong r, const arr_perms_t pool)
{
    if (w->C->uniform)
        dr_uniform_key(key, r, w->K);
    else
        dr_image(key, T, r, w->K, pool);
}

/* Expands node S (size r, multiplicity c) at level k into next (level k + 1). */
static void
dr_node(dr_work * w, node_map * next, const arr_perms_t pool, const unsigned short * S, slong r, const fmpz_t c,
        slong k)
{
    slong m = w->C->m, R = w->C->R;
    unsigned short T[DR_MAXR], key[DR_MAXR + 1];

    dr_node_reduce(w, S, r, k);
    if (r == R - 1)   /* a line: the later hyperplanes all cut it at the origin */
    {
        betti_add(w, r, c, 1);
        betti_add(w, r + 1, c, 1);
        return;
    }
    if (r == R - 2)   /* a plane with p distinct lines: t^2 - p t + p - 1 */
    {
        slong p = distinct_rows(w, k);
        betti_add(w, r, c, 1);
        betti_add(w, r + 1, c, p);
        betti_add(w, r + 2, c, p - 1);
        return;
    }
    if (r == R - 3 && !w->C->big)
    {
        dr_node_rank3(w, r, c, k);
        return;
    }
    /* delete H_k */
    if (k + 1 == m)
        betti_add(w, r, c, 1);
    else
    {
        dr_key(key, w, S, r, pool);
        node_map_add(next, key, c);
    }
    /* restrict to H_k: alive iff no later H_l contains X_S cap H_k */
    for (slong l = k + 1; l < m; l++)
        if (dr_rows_equal(w, l, k))
            return;
    if (k + 1 == m)
    {
        betti_add(w, r + 1, c, 1);
        return;
    }
    memcpy(T, S, r * sizeof(unsigned short));
    T[r] = (unsigned short) k;
    dr_key(key, w, T, r + 1, pool);
    node_map_add(next, key, c);
}

/* chi <- the polynomial of the Betti numbers of the configuration, lifted to
   the ambient dimension N and un-coned. */
static int
dr_finish(fmpz_poly_t chi, const fmpz * betti, slong R, slong N, int coned, rc_error_t err)
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
        fmpz_set(x, betti + r);
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

/* the levels 0..m of the tree; returns the status (RELU_OK with w->overflow
   set when a word-size row overflowed: the caller reruns on the fmpz path) */
static int
dr_levels(dr_work * w, arrangement_dr_stats * st, arr_symmetry_struct * sym, const arrangement_dr_params * par,
          rc_error_t err)
{
    slong m = w->C->m, R = w->C->R, K = w->K;
    node_map cur, next;
    arr_perms_t pool;
    dr_rng rng = { UWORD(0x9E3779B97F4A7C15) };
    unsigned short root[DR_MAXR + 1];
    fmpz_t one;
    int status = RELU_OK;
    double t0 = dr_now();

    fmpz_init_set_ui(one, 1);
    node_map_init(&cur, K);
    for (slong i = 0; i < K - 1; i++)
        root[i] = 0xffff;
    root[K - 1] = 0;
    node_map_add(&cur, root, one);
    arr_perms_init(pool, m);
    for (slong k = 0; k < m && status == RELU_OK && !w->overflow; k++)
    {
        double ts = dr_now();
        if (sym != NULL && k + 1 < m)
            dr_pool_level(pool, st, sym, k, m, R, &rng);
        st->seconds_symmetry += dr_now() - ts;
        node_map_init(&next, K);
        for (slong i = 0; i < cur.cap; i++)
            if (!fmpz_is_zero(cur.mult + i))
                dr_node(w, &next, pool, cur.keys + i * K, cur.keys[i * K + K - 1], cur.mult + i, k);
        st->nodes_total += cur.num;
        st->nodes_max_level = FLINT_MAX(st->nodes_max_level, cur.num);
        if (par->progress != NULL)
            fprintf(par->progress, "charpoly: deletion-restriction, hyperplane %ld/%ld, %ld nodes, "
                    "%ld next, %.1f s\n", (long) k + 1, (long) m, (long) cur.num, (long) next.num, dr_now() - t0);
        node_map_clear(&cur, 0);
        cur = next;
        if (w->overflow)
            break;   /* the rows are void (a word overflowed): rerun on the fmpz path */
        if (w->broken)
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: deletion-restriction reached a node "
                                  "whose flat lies in a later hyperplane");
        else if (par->max_nodes > 0 && st->nodes_total > par->max_nodes)
            status = rc_error_set(err, RELU_E_LIMIT, "more than %ld nodes in the deletion-restriction tree",
                                  (long) par->max_nodes);
    }
    /* what is left are leaves: no-broken-circuit sets using every hyperplane */
    for (slong i = 0; i < cur.cap && status == RELU_OK && !w->overflow; i++)
        if (!fmpz_is_zero(cur.mult + i))
            betti_add(w, cur.keys[i * K + K - 1], cur.mult + i, 1);
    node_map_clear(&cur, 0);
    arr_perms_clear(pool);
    fmpz_clear(one);
    return status;
}

/* one run over the configuration C (word or fmpz path as C->big says) */
static int
dr_run(fmpz_poly_t chi, arrangement_dr_stats * st, const dr_config * C, slong N, int coned,
       const arrangement_dr_params * par, int * overflow, rc_error_t err)
{
    dr_work w;
    arr_symmetry_struct * sym = NULL;
    slong m = C->m, R = C->R;
    double ts = dr_now();
    int status;

    w.C = C;
    w.K = R + 1;
    w.betti = _fmpz_vec_init(R + 1);
    w.overflow = w.broken = 0;
    w.P = flint_malloc(R * sizeof(slong));
    w.order = flint_malloc(m * sizeof(slong));
    w.E = w.red = NULL;
    w.zE = w.zred = NULL;
    if (C->big)
    {
        w.zE = _fmpz_vec_init(R * R);
        w.zred = _fmpz_vec_init(m * R);
    }
    else
    {
        w.E = flint_malloc(R * R * sizeof(slong));
        w.red = flint_malloc(m * R * sizeof(slong));
    }
    if (par->use_symmetry && !C->uniform && R >= 2)
        sym = arr_symmetry_new(C->Z);
    st->seconds_symmetry = dr_now() - ts;
    if (par->progress != NULL)
        fprintf(par->progress, "charpoly: %ld hyperplanes of rank %ld%s, %s arithmetic, merges: %s\n", (long) m,
                (long) R, coned ? " (cone)" : "", C->big ? "fmpz" : "64-bit", C->uniform ? "general position "
                "(moment curve)" : sym ? "symmetry (nauty)" : "none");
    status = dr_levels(&w, st, sym, par, err);
    *overflow = w.overflow;
    if (status == RELU_OK && !w.overflow)
        status = dr_finish(chi, w.betti, R, N, coned, err);
    if (sym != NULL)
        arr_symmetry_free(sym);
    _fmpz_vec_clear(w.betti, R + 1);
    if (C->big)
    {
        _fmpz_vec_clear(w.zE, R * R);
        _fmpz_vec_clear(w.zred, m * R);
    }
    flint_free(w.E);
    flint_free(w.red);
    flint_free(w.P);
    flint_free(w.order);
    return status;
}

int
arrangement_charpoly_dr(fmpz_poly_t chi, arrangement_dr_stats * st, const arrangement_t A,
                        const arrangement_dr_params * par, rc_error_t err)
{
    int big = par->fmpz_only, overflow = 1, coned, status = RELU_OK;

    memset(st, 0, sizeof(*st));
    /* the word path first; a row that overflows reruns it all on the fmpz path */
    while (overflow && status == RELU_OK)
    {
        dr_config C;
        slong N;
        overflow = 0;
        memset(st, 0, sizeof(*st));
        status = dr_config_init(&C, &N, &coned, A, par->reverse, big, !par->use_symmetry, err);
        st->big = C.big;
        st->general_position = C.uniform;
        st->rank = C.R;
        st->coned = coned;
        if (status == RELU_OK && C.m == 0)
        {
            fmpz_poly_zero(chi);
            fmpz_poly_set_coeff_si(chi, A->n, 1);
        }
        else if (status == RELU_OK)
            status = dr_run(chi, st, &C, N, coned, par, &overflow, err);
        dr_config_clear(&C);
        if (overflow && big)
            status = rc_error_set(err, RELU_E_INTERNAL, "internal error: the fmpz path overflowed");
        big = 1;
    }
    return status;
}
