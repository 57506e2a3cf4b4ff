#define _GNU_SOURCE
/* relucert-check: complete face lattices of the regions (format 2 regions
   certificates) and the sign vectors that identify faces across regions.

   The homogenised cone C = {(t, x) : t >= 0, b_r t - A_r.x >= 0} of a region
   (rows: its verified facets, and t >= 0) has a face lattice isomorphic to
   that of a polytope (C modulo its lineality space is pointed). Every listed
   face is checked to be a genuine face (its point satisfies exactly its tight
   rows with equality, all others strictly), its dimension is computed by
   exact rank, tight sets are distinct (distinct faces), and every listed facet
   relation is a genuine one. The lattice of a polytope is strongly
   flag-connected and every interval of length 2 has exactly two elements, so
   a listed flag plus "every listed length-2 interval has two listed middles"
   forces every flag, hence every face, to be listed (proofs/CHECKER.md). */
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* ---- strings with a value: open addressing, FNV-1a ------------------------- */
void
strset_init(strset * S)
{
    S->num = 0;
    S->size = 64;
    S->key = xmalloc(S->size * sizeof(char *));
    S->val = xmalloc(S->size * sizeof(long));
    memset(S->key, 0, S->size * sizeof(char *));
}

static unsigned long
str_hash(const char * s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char) *s) * 1099511628211UL;
    return h;
}

static long
strset_slot(const strset * S, const char * key)
{
    long p = (long) (str_hash(key) & (unsigned long) (S->size - 1));
    while (S->key[p] != NULL && strcmp(S->key[p], key) != 0)
        p = (p + 1) & (S->size - 1);
    return p;
}

long
strset_insert(strset * S, char * key, long val, int * is_new)
{
    if (2 * (S->num + 1) > S->size)
    {
        strset old = *S;
        S->size *= 2;
        S->num = 0;
        S->key = xmalloc(S->size * sizeof(char *));
        S->val = xmalloc(S->size * sizeof(long));
        memset(S->key, 0, S->size * sizeof(char *));
        for (long i = 0; i < old.size; i++)
            if (old.key[i] != NULL)
            {
                long p = strset_slot(S, old.key[i]);
                S->key[p] = old.key[i];
                S->val[p] = old.val[i];
                S->num++;
            }
        xfree(old.key);
        xfree(old.val);
    }
    long p = strset_slot(S, key);
    *is_new = S->key[p] == NULL;
    if (*is_new)
    {
        S->key[p] = key;
        S->val[p] = val;
        S->num++;
    }
    return S->val[p];
}

long
strset_find(const strset * S, const char * key)
{
    long p = strset_slot(S, key);
    return S->key[p] == NULL ? -1 : S->val[p];
}

/* ---- one region's lattice ---------------------------------------------------- */
/* sign of row r of C at the point p = (t, x) */
static int
row_sign(const region * Q, long r, mpq_t * const p, long n, mpq_t s, mpq_t u)
{
    if (r == Q->f)
        return mpq_sgn(p[0]);
    mpq_mul(s, Q->b[r], p[0]);
    for (long j = 0; j < n; j++)
    {
        mpq_mul(u, Q->A[r * n + j], p[1 + j]);
        mpq_sub(s, s, u);
    }
    return mpq_sgn(s);
}

static int
cmp_tight(const void * a, const void * b, void * ctx)
{
    const lattice * L = ctx;
    long i = *(const long *) a, j = *(const long *) b;
    long li = L->tstart[i + 1] - L->tstart[i], lj = L->tstart[j + 1] - L->tstart[j];
    for (long k = 0; k < li && k < lj; k++)
        if (L->tight[L->tstart[i] + k] != L->tight[L->tstart[j] + k])
            return L->tight[L->tstart[i] + k] < L->tight[L->tstart[j] + k] ? -1 : 1;
    return (li > lj) - (li < lj);
}

/* tight set of a strictly inside that of b (both increasing) */
static int
tight_proper_subset(const lattice * L, long a, long b)
{
    long p = L->tstart[a], q = L->tstart[b];
    if (L->tstart[a + 1] - p >= L->tstart[b + 1] - q)
        return 0;
    for (; p < L->tstart[a + 1]; p++)
    {
        while (q < L->tstart[b + 1] && L->tight[q] < L->tight[p])
            q++;
        if (q == L->tstart[b + 1] || L->tight[q] != L->tight[p])
            return 0;
    }
    return 1;
}

/* reads face i: tight rows (increasing, each < rows), its point, its dimension */
static void
read_face(lattice * L, long i, yajl_val F, const region * Q, long n, long ri, long * tpos, mpq_t * G)
{
    long rows = Q->f + 1, d = n + 1;
    char what[200];
    snprintf(what, sizeof(what), "region %ld: face %ld", ri, i);
    yajl_val tj = json_member(F, "tight"), cj = json_member(F, "facets");
    if (!YAJL_IS_ARRAY(tj) || !YAJL_IS_ARRAY(cj))
        fail("%s: expected {\"tight\": [...], \"point\": [...], \"facets\": [...]}", what);
    L->tstart[i] = *tpos;
    char * is_tight = xmalloc(rows);
    memset(is_tight, 0, rows);
    for (size_t k = 0; k < json_array_len(tj); k++)
    {
        long r = json_get_index(json_array_item(tj, k));
        if (r < 0 || r >= rows || (k > 0 && r <= L->tight[*tpos - 1]))
            fail("%s: tight rows must increase, each in 0..%ld", what, rows - 1);
        L->tight[(*tpos)++] = r;
        is_tight[r] = 1;
    }
    yajl_val pj = json_member(F, "point");
    if ((long) json_array_len(pj) != d)
        fail("%s: point must be (t, x), %ld exact numbers", what, d);
    for (long j = 0; j < d; j++)
        get_q(L->pt[i * d + j], json_array_item(pj, j), what);
    mpq_t s, u;
    mpq_init(s);
    mpq_init(u);
    long r0 = 0;
    for (long r = 0; r < rows; r++)
    {
        int sg = row_sign(Q, r, L->pt + i * d, n, s, u);
        if (is_tight[r] ? sg != 0 : sg <= 0)
            fail("%s: its point %s row %ld", what, is_tight[r] ? "is not tight at" : "does not satisfy strictly", r);
        if (!is_tight[r])
            continue;
        /* the row as a linear form on (t, x) */
        if (r == Q->f)
        {
            mpq_set_ui(G[r0 * d], 1, 1);
            for (long j = 0; j < n; j++)
                mpq_set_ui(G[r0 * d + 1 + j], 0, 1);
        }
        else
        {
            mpq_set(G[r0 * d], Q->b[r]);
            for (long j = 0; j < n; j++)
                mpq_neg(G[r0 * d + 1 + j], Q->A[r * n + j]);
        }
        r0++;
    }
    L->dim[i] = d - rank_rows(G, r0, d);
    mpq_clear(s);
    mpq_clear(u);
    xfree(is_tight);
}

/* the facet lists: genuine facets, listed once each */
static void
read_covers(lattice * L, yajl_val faces, long ri)
{
    long nc = 0;
    for (long i = 0; i < L->num; i++)
        nc += (long) json_array_len(json_member(json_array_item(faces, i), "facets"));
    L->cov = xmalloc((nc + 1) * sizeof(long));
    long * stamp = xmalloc((L->num + 1) * sizeof(long));
    for (long i = 0; i < L->num; i++)
        stamp[i] = -1;
    nc = 0;
    for (long i = 0; i < L->num; i++)
    {
        yajl_val cj = json_member(json_array_item(faces, i), "facets");
        L->cstart[i] = nc;
        for (size_t k = 0; k < json_array_len(cj); k++)
        {
            long g = json_get_index(json_array_item(cj, k));
            if (g < 0 || g >= L->num)
                fail("region %ld: face %ld: facet %zu is not a listed face", ri, i, k);
            if (stamp[g] == i)
                fail("region %ld: face %ld lists facet %ld twice", ri, i, g);
            stamp[g] = i;
            if (!tight_proper_subset(L, i, g) || L->dim[g] != L->dim[i] - 1)
                fail("region %ld: face %ld is not a facet of face %ld (tight rows or dimension)", ri, g, i);
            L->cov[nc++] = g;
        }
    }
    L->cstart[L->num] = nc;
    xfree(stamp);
}

/* every listed interval [H, F] of length 2 reached through listed facets has
   exactly two listed middles (the diamond property forces both) */
static void
check_diamonds(const lattice * L, long ri)
{
    long * stamp = xmalloc((L->num + 1) * sizeof(long)), * cnt = xmalloc((L->num + 1) * sizeof(long));
    long * touched = xmalloc((L->num + 1) * sizeof(long));
    for (long i = 0; i < L->num; i++)
        stamp[i] = -1;
    for (long F = 0; F < L->num; F++)
    {
        long nt = 0;
        for (long a = L->cstart[F]; a < L->cstart[F + 1]; a++)
        {
            long G = L->cov[a];
            for (long b = L->cstart[G]; b < L->cstart[G + 1]; b++)
            {
                long H = L->cov[b];
                if (stamp[H] != F)
                {
                    stamp[H] = F;
                    cnt[H] = 0;
                    touched[nt++] = H;
                }
                cnt[H]++;
            }
        }
        for (long t = 0; t < nt; t++)
            if (cnt[touched[t]] != 2)
                fail("region %ld: faces %ld and %ld (dimensions %ld, %ld of the cone) have %ld listed faces between "
                     "them, not 2: the face lattice is incomplete", ri, F, touched[t], L->dim[F], L->dim[touched[t]],
                     cnt[touched[t]]);
    }
    xfree(stamp);
    xfree(cnt);
    xfree(touched);
}

void
check_region_faces(lattice * L, const region * Q, long n, yajl_val faces, long ri)
{
    long d = n + 1, rows = Q->f + 1;
    if (!YAJL_IS_ARRAY(faces) || json_array_len(faces) == 0)
        fail("region %ld: faces must be a nonempty list", ri);
    L->num = (long) json_array_len(faces);
    long tt = 0;
    for (long i = 0; i < L->num; i++)
    {
        yajl_val tj = json_member(json_array_item(faces, i), "tight");
        if ((long) json_array_len(tj) > rows)
            fail("region %ld: face %ld: more tight rows than the region has (%ld)", ri, i, rows);
        tt += (long) json_array_len(tj);
    }
    L->tstart = xmalloc((L->num + 1) * sizeof(long));
    L->tight = xmalloc((tt + 1) * sizeof(long));
    L->pt = qvec(L->num * d);
    L->dim = xmalloc(L->num * sizeof(long));
    L->cstart = xmalloc((L->num + 1) * sizeof(long));
    mpq_t * G = qvec(rows * d);
    long tpos = 0;
    for (long i = 0; i < L->num; i++)
        read_face(L, i, json_array_item(faces, i), Q, n, ri, &tpos, G);
    L->tstart[L->num] = tpos;
    for (long i = 0; i < rows * d; i++)
        mpq_clear(G[i]);
    xfree(G);

    /* distinct tight sets: distinct faces */
    long * order = xmalloc(L->num * sizeof(long));
    for (long i = 0; i < L->num; i++)
        order[i] = i;
    qsort_r(order, L->num, sizeof(long), cmp_tight, L);
    for (long i = 0; i + 1 < L->num; i++)
        if (cmp_tight(order + i, order + i + 1, L) == 0)
            fail("region %ld: faces %ld and %ld have the same tight rows (the same face)", ri, order[i], order[i + 1]);
    xfree(order);

    /* C itself and the minimal face are listed; every other face has a facet */
    long top = -1;
    L->bottom = -1;
    for (long i = 0; i < L->num; i++)
    {
        long len = L->tstart[i + 1] - L->tstart[i];
        if (len == 0)
            top = i;
        if (len == rows)
            L->bottom = i;
    }
    if (top < 0 || L->bottom < 0)
        fail("region %ld: the faces must include the region itself (no tight row) and the minimal face (all rows)",
             ri);
    read_covers(L, faces, ri);
    for (long i = 0; i < L->num; i++)
        if (i != L->bottom && L->cstart[i + 1] == L->cstart[i])
            fail("region %ld: face %ld lists no facet (only the minimal face may)", ri, i);
    check_diamonds(L, ri);
}

char *
face_sign_vector(const lattice * L, long i, mpq_t * const Z, long N, mpq_t * const DA, mpq_t * const Db, long m,
                 long n)
{
    long d = n + 1;
    char * s = xmalloc(N + 1 + m + 1);
    mpq_t v, t;
    mpq_init(v);
    mpq_init(t);
    /* on the closed region every pre-activation is its affine function under
       the region's pattern (continuity from the interior): signs of Z_k.(t, x) */
    for (long k = 0; k < N; k++)
    {
        mpq_set_ui(v, 0, 1);
        for (long j = 0; j < d; j++)
        {
            mpq_mul(t, Z[k * d + j], L->pt[i * d + j]);
            mpq_add(v, v, t);
        }
        s[k] = "-0+"[mpq_sgn(v) + 1];
    }
    s[N] = '.';
    for (long r = 0; r < m; r++)
    {
        mpq_mul(v, Db[r], L->pt[i * d]);
        for (long j = 0; j < n; j++)
        {
            mpq_mul(t, DA[r * n + j], L->pt[i * d + 1 + j]);
            mpq_sub(v, v, t);
        }
        s[N + 1 + r] = mpq_sgn(v) == 0 ? 't' : '.';
    }
    s[N + 1 + m] = '\0';
    mpq_clear(v);
    mpq_clear(t);
    return s;
}

void
check_face_stratum(const char * s, long dim, mpq_t * const Z, long N, mpq_t * const DA, long m, long n)
{
    long d = n + 1, r = 0;
    mpq_t * G = qvec((N + m + 1) * n);
    for (long k = 0; k < N; k++)
        if (s[k] == '0')
        {
            for (long j = 0; j < n; j++)
                mpq_set(G[r * n + j], Z[k * d + 1 + j]);
            r++;
        }
    for (long q = 0; q < m; q++)
        if (s[N + 1 + q] == 't')
        {
            for (long j = 0; j < n; j++)
                mpq_set(G[r * n + j], DA[q * n + j]);
            r++;
        }
    long got = n - rank_rows(G, r, n);
    for (long i = 0; i < (N + m + 1) * n; i++)
        mpq_clear(G[i]);
    xfree(G);
    if (got != dim)
        fail("a face of dimension %ld has a point whose stratum (points with its sign vector) is %ld-dimensional",
             dim, got);
}

/* From a proved complete face lattice of C = cone over Q (row f: t >= 0):
   C ∩ {t = 0} is the face {0} x rec(Q), and the faces with t = 0 are its
   faces. So rec(Q) is the lineality space (Q relatively bounded) iff the
   minimal face is the only face with t = 0 at its point, and Q is bounded iff
   moreover that face has dimension 0. A vertex of Q is a face of C of
   dimension 1 with t > 0; the region counts as interior when no vertex lies
   on a domain row's hyperplane (as relucert regions --json counts it). */
static void
region_kind(int * bounded, int * relb, int * interior, const lattice * L, mpq_t * const DA, mpq_t * const Db, long m,
            long n)
{
    long d = n + 1;
    mpq_t v, t;
    mpq_init(v);
    mpq_init(t);
    *relb = 1;
    *interior = 1;
    for (long f = 0; f < L->num; f++)
    {
        int s = mpq_sgn(L->pt[f * d]);
        if (s == 0 && f != L->bottom)
            *relb = 0;
        if (s <= 0 || L->dim[f] != 1)
            continue;
        for (long r = 0; r < m && *interior; r++)
        {
            mpq_mul(v, Db[r], L->pt[f * d]);
            for (long j = 0; j < n; j++)
            {
                mpq_mul(t, DA[r * n + j], L->pt[f * d + 1 + j]);
                mpq_sub(v, v, t);
            }
            if (mpq_sgn(v) == 0)
                *interior = 0;
        }
    }
    *bounded = *relb && L->dim[L->bottom] == 0;
    mpq_clear(v);
    mpq_clear(t);
}

static void
check_count(yajl_val counts, const char * key, long want)
{
    yajl_val j = json_member(counts, key);
    if (j == NULL || json_get_index(j) != want)
        fail("counts: %s is not %ld (counted from the face lattices)", key, want);
}

void
check_complex_faces(regions_result * res, yajl_val cert, const network * net, mpq_t * DA, mpq_t * Db, long m)
{
    long n = net->n, N = net->hidden;
    mpq_t * Z = qvec((N > 0 ? N : 1) * (n + 1));
    yajl_val regs = json_member(cert, "regions");
    res->L = xmalloc(res->nr * sizeof(lattice));
    res->fvec = xmalloc((n + 1) * sizeof(long));
    memset(res->fvec, 0, (n + 1) * sizeof(long));
    res->bounded = res->relb = res->interior = 0;
    strset S;
    strset_init(&S);
    for (long i = 0; i < res->nr; i++)
    {
        lattice * L = res->L + i;
        check_region_faces(L, res->R + i, n, json_member(json_array_item(regs, i), "faces"), i);
        L->sig = xmalloc(L->num * sizeof(char *));
        memset(L->sig, 0, L->num * sizeof(char *));
        affine_of_pattern(Z, net, res->R[i].pattern);
        boundaries_of_pattern(Z, net, res->R[i].pattern);
        for (long f = 0; f < L->num; f++)
        {
            if (mpq_sgn(L->pt[f * (n + 1)]) <= 0)
                continue;   /* at infinity, or the minimal face of a cone over a polytope */
            char * s = face_sign_vector(L, f, Z, N, DA, Db, m, n);
            group_signs_alone(s, net);
            int is_new;
            long dim = strset_insert(&S, s, L->dim[f] - 1, &is_new);
            if (is_new)
            {
                /* once per face of the complex: the stratum has its dimension */
                check_face_stratum(s, dim, Z, N, DA, m, n);
                res->fvec[dim]++;
            }
            else if (dim != L->dim[f] - 1)
                fail("region %ld: face %ld has the sign vector of a face of dimension %ld, but dimension %ld", i, f,
                     dim, L->dim[f] - 1);
            L->sig[f] = s;
        }
        int b, rb, in;
        region_kind(&b, &rb, &in, L, DA, Db, m, n);
        res->bounded += b;
        res->relb += rb;
        res->interior += in;
    }
    res->euler = 0;
    for (long k = 0; k <= n; k++)
        res->euler += k % 2 ? -res->fvec[k] : res->fvec[k];
    yajl_val counts = json_member(cert, "counts"), fj = json_member(counts, "fvector");
    check_count(counts, "bounded_regions", res->bounded);
    check_count(counts, "relatively_bounded_regions", res->relb);
    check_count(counts, "interior_regions", res->interior);
    if ((long) json_array_len(fj) != n + 1)
        fail("counts: fvector must list f_0..f_%ld", n);
    for (long k = 0; k <= n; k++)
        if (json_get_index(json_array_item(fj, k)) != res->fvec[k])
            fail("counts: fvector[%ld] is not %ld, the number of distinct %ld-faces of the regions", k, res->fvec[k], k);
    yajl_val ej = json_member(counts, "euler");
    mpq_t e;
    mpq_init(e);
    if (ej == NULL || json_get_q(e, ej) != 0 || mpz_cmp_ui(mpq_denref(e), 1) != 0
        || mpz_cmp_si(mpq_numref(e), res->euler) != 0)
        fail("counts: euler is not %ld", res->euler);
    mpq_clear(e);
    xfree(S.key);
    for (long k = 0; k < (N > 0 ? N : 1) * (n + 1); k++)
        mpq_clear(Z[k]);
    xfree(Z);
    xfree(S.val);
}

/* ---- the cells of a sub-, super- or level set ---------------------------------- */
/* Sign of h = (F0 - T) t + F'.x on the relative interior of every face of
   region Q's cone, as a mask (1: -, 2: 0, 4: +) of the signs h takes on the
   closed face: the sign at its point and the masks of its facets; the minimal
   face (the lineality space) has {0}, or {-, 0, +} when h is not constant
   there (h not in the row space of all rows). h >= 0 on a face iff - is not
   in its mask (the face is its lineality space plus the cone over its
   atoms), and then h is + or 0 on all its relative interior. */
static void
face_masks(char * mask, const lattice * L, const region * Q, long n, mpq_t * const h)
{
    long d = n + 1, rows = Q->f + 1, maxdim = 0;
    mpq_t * G = qvec((rows + 1) * d);
    for (long r = 0; r < Q->f; r++)
    {
        mpq_set(G[r * d], Q->b[r]);
        for (long j = 0; j < n; j++)
            mpq_neg(G[r * d + 1 + j], Q->A[r * n + j]);
    }
    mpq_set_ui(G[Q->f * d], 1, 1);
    long r1 = rank_rows(G, rows, d);
    for (long r = 0; r < Q->f; r++)
    {
        mpq_set(G[r * d], Q->b[r]);
        for (long j = 0; j < n; j++)
            mpq_neg(G[r * d + 1 + j], Q->A[r * n + j]);
    }
    for (long j = 0; j < d; j++)
        mpq_set_ui(G[Q->f * d + j], j == 0, 1);
    for (long j = 0; j < d; j++)
        mpq_set(G[rows * d + j], h[j]);
    long r2 = rank_rows(G, rows + 1, d);
    mpq_t s, u;
    mpq_init(s);
    mpq_init(u);
    for (long i = 0; i < L->num; i++)
        if (L->dim[i] > maxdim)
            maxdim = L->dim[i];
    /* by increasing dimension: facets first */
    for (long dim = 0; dim <= maxdim; dim++)
        for (long i = 0; i < L->num; i++)
        {
            if (L->dim[i] != dim)
                continue;
            mpq_set_ui(s, 0, 1);
            for (long j = 0; j < d; j++)
            {
                mpq_mul(u, h[j], L->pt[i * d + j]);
                mpq_add(s, s, u);
            }
            mask[i] = (char) (1 << (mpq_sgn(s) + 1));
            if (i == L->bottom && r2 > r1)
                mask[i] |= 1 | 4;
            for (long c = L->cstart[i]; c < L->cstart[i + 1]; c++)
                mask[i] |= mask[L->cov[c]];
        }
    mpq_clear(s);
    mpq_clear(u);
    for (long i = 0; i < (rows + 1) * d; i++)
        mpq_clear(G[i]);
    xfree(G);
}

/* The cells of the set in the complex refined by f = T: for every face F of
   the complex and every sign s that f - T takes on relint F (one sign, or all
   three when it takes both - and +), the cell (F, s), of dimension dim F, or
   dim F - 1 for s = 0 on a split face. Keys: F's sign vector with s at
   position N. */
static void
expected_cells(strset * E, const regions_result * res, const network * net, long o, const mpq_t T, const char * set,
               mpq_t * const DA, mpq_t * const Db, long m)
{
    long n = net->n, N = net->hidden, d = n + 1;
    const char * allowed = strcmp(set, "superlevel") == 0 ? "0+" : strcmp(set, "sublevel") == 0 ? "-0" : "0";
    mpq_t * h = qvec(d);
    for (long i = 0; i < res->nr; i++)
    {
        const lattice * L = res->L + i;
        output_of_pattern(h, net, res->R[i].pattern, o);
        mpq_sub(h[0], h[0], T);
        char * mask = xmalloc(L->num + 1);
        face_masks(mask, L, res->R + i, n, h);
        for (long f = 0; f < L->num; f++)
        {
            if (mpq_sgn(L->pt[f * d]) <= 0)
                continue;
            int split = (mask[f] & 1) && (mask[f] & 4);
            const char * sv = L->sig[f];
            for (const char * a = allowed; *a; a++)
            {
                int sg = *a == '-' ? 1 : *a == '0' ? 2 : 4;
                if (!split)
                {
                    /* the one sign of f - T on relint F: that at the face's point */
                    mpq_t s, u;
                    mpq_init(s);
                    mpq_init(u);
                    for (long j = 0; j < d; j++)
                    {
                        mpq_mul(u, h[j], L->pt[f * d + j]);
                        mpq_add(s, s, u);
                    }
                    int here = 1 << (mpq_sgn(s) + 1);
                    mpq_clear(s);
                    mpq_clear(u);
                    if (here != sg)
                        continue;
                }
                char * key = xmalloc(N + 1 + m + 1);
                strcpy(key, sv);
                key[N] = *a;
                long dim = L->dim[f] - 1 - (split && *a == '0');
                int is_new;
                long old = strset_insert(E, key, dim, &is_new);
                if (!is_new)
                {
                    if (old != dim)
                        fail("internal: cell %.60s has two dimensions", key);
                    xfree(key);
                }
            }
        }
        xfree(mask);
    }
    for (long j = 0; j < d; j++)
        mpq_clear(h[j]);
    xfree(h);
}

void
check_cells_complete(regions_result * res, yajl_val cx, const network * net, long o, const mpq_t T, const char * set,
                     mpq_t * const DA, mpq_t * const Db, long m, char *** sig, const long * num, long top)
{
    long n = net->n;
    yajl_val kind = json_member(cx, "certificate"), cn = json_member(cx, "network");
    if (!YAJL_IS_STRING(kind) || strcmp(kind->u.string, "regions") != 0 || cn == NULL)
        fail("complex: must be a regions certificate (with \"certificate\": \"regions\" and its network)");
    network cnet;
    read_network(&cnet, cn, "complex network");
    if (!networks_equal(net, &cnet))
        fail("complex: its network differs from the homology certificate's");
    long m2;
    mpq_t * DA2, * Db2;
    read_domain(&DA2, &Db2, &m2, cx, n, "complex");
    int same = m2 == m;
    for (long r = 0; r < m && same; r++)
    {
        same = mpq_equal(Db[r], Db2[r]);
        for (long j = 0; j < n && same; j++)
            same = mpq_equal(DA[r * n + j], DA2[r * n + j]);
    }
    if (!same)
        fail("complex: its domain differs from the homology certificate's");
    if (json_get_index(json_member(cx, "input_dim")) != n
        || json_get_index(json_member(cx, "hidden_neurons")) != net->hidden)
        fail("complex: input_dim or hidden_neurons do not match the network");
    if (json_get_index(json_member(cx, "format")) != 2)
        fail("complex: must be a format 2 regions certificate (with the faces)");
    check_regions(res, cx, "complex", net, DA, Db, m);
    strset E;
    strset_init(&E);
    expected_cells(&E, res, net, o, T, set, DA, Db, m);
    long listed = 0;
    for (long k = 0; k <= top; k++)
        for (long i = 0; i < num[k]; i++)
        {
            long dim = strset_find(&E, sig[k][i]);
            if (dim != k)
                fail("cell %ld of dimension %ld (sign vector %.60s) is not a cell of the set in the complex", i, k,
                     sig[k][i]);
            listed++;
        }
    if (listed != E.num)
        fail("the certificate lists %ld cells, but the complex has %ld cells in the set: cells are missing", listed,
             E.num);
}

void
check_region_affine(yajl_val aff, const network * net, const char * pat, long ri)
{
    long n = net->n, d = n + 1, N = net->hidden, m = net->width[net->nlayers];
    yajl_val W = json_member(aff, "W"), c = json_member(aff, "c");
    if (!YAJL_IS_OBJECT(aff) || aff->u.object.len != 2 || (long) json_array_len(W) != m
        || (long) json_array_len(c) != m)
        fail("region %ld: affine must be {\"W\": %ld rows, \"c\": %ld entries}", ri, m, m);
    /* the checker's own forward pass with the pattern's switches: on the region
       (by F1, from its interior) the network is x -> Y[o][1..n].x + Y[o][0] */
    mpq_t * Z = qvec((N > 0 ? N : 1) * d), * Y = qvec(m * d), q;
    mpq_init(q);
    affine_of_pattern_out(Z, Y, net, pat);
    char what[96];
    for (long o = 0; o < m; o++)
    {
        yajl_val row = json_array_item(W, o);
        if ((long) json_array_len(row) != n)
            fail("region %ld: affine W row %ld must have %ld entries", ri, o, n);
        for (long j = 0; j <= n; j++)
        {
            snprintf(what, sizeof(what), "region %ld: affine %s[%ld]", ri, j ? "W" : "c", o);
            get_q(q, j ? json_array_item(row, j - 1) : json_array_item(c, o), what);
            if (!mpq_equal(q, Y[o * d + j]))
            {
                if (j)
                    fail("region %ld: affine W[%ld][%ld] is not the network's on the pattern", ri, o, j - 1);
                fail("region %ld: affine c[%ld] is not the network's on the pattern", ri, o);
            }
        }
    }
    mpq_clear(q);
    for (long k = 0; k < (N > 0 ? N : 1) * d; k++)
        mpq_clear(Z[k]);
    for (long k = 0; k < m * d; k++)
        mpq_clear(Y[k]);
    xfree(Z);
    xfree(Y);
}
