/* relucert-check: the incidences of a homology certificate. The boundary
   matrices d_k must be nonzero on exactly the facet pairs (G a facet of F) of
   the set's cells, and on every slab (a cell whose two facets have no facets
   of their own: a bounded edge, or over an unbounded domain a flat times a
   segment) the two entries must have opposite signs. With d o d = 0 (checked
   in checker/homology.c) this forces the certificate's chain complex to be
   the cellular one up to the signs of the basis (proofs/CHECKER.md,
   "Homology certificates", check 5).

   The facet pairs are derived, not compared pairwise: the cells of the set
   are the faces F of the complex cut by f = T, (F, s) for the signs s of
   f - T on relint F. A facet of (F, s) is a cell (G, s') with G = F, a facet
   of F or a facet of a facet (its dimension is dim F - 2 at least), all in
   the face lattice of any one region containing F, which the regions
   certificate lists completely with every facet relation. G lies in the
   closure of (F, s) iff its sign vector refines that of (F, s), and it is a
   facet iff moreover its dimension is one less. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* the certificate's cells by sign vector: value i * (top + 1) + k for cell i of dimension k */
static void
cells_by_sign_vector(strset * S, char *** sig, const long * num, long top)
{
    strset_init(S);
    for (long k = 0; k <= top; k++)
        for (long i = 0; i < num[k]; i++)
        {
            int is_new;
            strset_insert(S, sig[k][i], i * (top + 1) + k, &is_new);
            if (!is_new)
                fail("two cells have the sign vector %.60s", sig[k][i]);
        }
}

/* the cells (F, -), (F, 0), (F, +) of every face F of region lattice L that has
   a sign vector (t > 0), as values of S or -1: at[3 f + s] */
static long *
cells_on_faces(const lattice * L, const strset * S, long N, char * key)
{
    long * at = xmalloc((3 * L->num + 1) * sizeof(long));
    for (long f = 0; f < L->num; f++)
        for (long s = 0; s < 3; s++)
        {
            at[3 * f + s] = -1;
            if (L->sig[f] == NULL)
                continue;
            strcpy(key, L->sig[f]);
            key[N] = "-0+"[s];
            at[3 * f + s] = strset_find(S, key);
        }
    return at;
}

/* position of entry (i, j) of M, or -1 (columns increase in a row) */
static long
entry_at(const smat * M, long i, long j)
{
    long lo = M->start[i], hi = M->start[i + 1];
    while (lo < hi)
    {
        long mid = lo + (hi - lo) / 2;
        if (M->col[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < M->start[i + 1] && M->col[lo] == j ? lo : -1;
}

/* every pair (cell on g, cell on f) that is a facet pair must be an entry of d; hits marked */
static void
mark_pairs(const long * at, long f, long g, long top, char *** sig, const smat * d, char ** hit)
{
    for (long a = 0; a < 3; a++)
        for (long b = 0; b < 3; b++)
        {
            long vf = at[3 * f + a], vg = at[3 * g + b];
            if (vf < 0 || vg < 0)
                continue;
            long k = vf % (top + 1), i = vf / (top + 1), kg = vg % (top + 1), ig = vg / (top + 1);
            if (kg != k - 1 || !sign_vector_refines(sig[kg][ig], sig[k][i]))
                continue;
            long p = entry_at(d + k, ig, i);
            if (p < 0)
                fail("d_%ld: cell %ld of dimension %ld is a facet of cell %ld of dimension %ld, but entry (%ld, %ld) "
                     "is 0: d_%ld must be nonzero on every facet pair", k, ig, kg, i, k, ig, i, k);
            hit[k][p] = 1;
        }
}

/* Slabs: a k-cell with exactly two facets, neither of which has a facet. Its
   two entries must have opposite signs (for an edge: d_1 e = v - w). */
static void
check_slabs(const smat * d, const long * num, long top)
{
    long ** cnt = xmalloc((top + 1) * sizeof(long *));
    for (long k = 1; k <= top; k++)
    {
        cnt[k] = xmalloc((num[k] + 1) * sizeof(long));
        memset(cnt[k], 0, (num[k] + 1) * sizeof(long));
        for (long p = 0; p < d[k].nnz; p++)
            cnt[k][d[k].col[p]]++;
    }
    for (long k = 1; k <= top; k++)
    {
        /* the two entries of each column with two */
        long * row = xmalloc((2 * num[k] + 1) * sizeof(long)), * seen = xmalloc((num[k] + 1) * sizeof(long));
        int * sg = xmalloc((2 * num[k] + 1) * sizeof(int));
        memset(seen, 0, (num[k] + 1) * sizeof(long));
        for (long i = 0; i < d[k].r; i++)
            for (long p = d[k].start[i]; p < d[k].start[i + 1]; p++)
            {
                long j = d[k].col[p];
                if (cnt[k][j] != 2)
                    continue;
                row[2 * j + seen[j]] = i;
                sg[2 * j + seen[j]++] = mpz_sgn(d[k].val[p]);
            }
        for (long j = 0; j < num[k]; j++)
        {
            if (cnt[k][j] != 2 || (k > 1 && (cnt[k - 1][row[2 * j]] != 0 || cnt[k - 1][row[2 * j + 1]] != 0)))
                continue;
            if (sg[2 * j] + sg[2 * j + 1] == 0)
                continue;
            if (k == 1)
                fail("d_1: edge %ld has the vertices %ld and %ld with entries %+d, %+d: the boundary of an edge must "
                     "be the difference of its two vertices", j, row[2 * j], row[2 * j + 1], sg[2 * j], sg[2 * j + 1]);
            fail("d_%ld: cell %ld of dimension %ld is a slab (its two facets %ld and %ld have no facets: a flat times "
                 "a segment) with entries %+d, %+d: they must have opposite signs", k, j, k, row[2 * j],
                 row[2 * j + 1], sg[2 * j], sg[2 * j + 1]);
        }
        xfree(row);
        xfree(seen);
        xfree(sg);
    }
    for (long k = 1; k <= top; k++)
        xfree(cnt[k]);
    xfree(cnt);
}

void
check_incidences(const regions_result * res, long N, char *** sig, const long * num, long top, const smat * d)
{
    strset S;
    cells_by_sign_vector(&S, sig, num, top);
    char ** hit = xmalloc((top + 1) * sizeof(char *));
    for (long k = 1; k <= top; k++)
    {
        hit[k] = xmalloc(d[k].nnz + 1);
        memset(hit[k], 0, d[k].nnz + 1);
    }
    long keylen = 0;
    for (long k = 0; k <= top && keylen == 0; k++)
        if (num[k] > 0)
            keylen = (long) strlen(sig[k][0]);
    char * key = xmalloc(keylen + 1);
    for (long r = 0; r < res->nr && keylen > 0; r++)
    {
        const lattice * L = res->L + r;
        long * at = cells_on_faces(L, &S, N, key);
        /* candidates for the facets of the cells on F: the cells on F, on its facets and on theirs */
        for (long f = 0; f < L->num; f++)
        {
            if (L->sig[f] == NULL)
                continue;
            mark_pairs(at, f, f, top, sig, d, hit);
            for (long a = L->cstart[f]; a < L->cstart[f + 1]; a++)
            {
                long g = L->cov[a];
                if (L->sig[g] == NULL)
                    continue;   /* a face at infinity: so are its faces */
                mark_pairs(at, f, g, top, sig, d, hit);
                for (long b = L->cstart[g]; b < L->cstart[g + 1]; b++)
                    if (L->sig[L->cov[b]] != NULL)
                        mark_pairs(at, f, L->cov[b], top, sig, d, hit);
            }
        }
        xfree(at);
    }
    /* every entry joins a facet pair (check 2 proved it refines, so this is the derivation's own consistency) */
    for (long k = 1; k <= top; k++)
        for (long i = 0; i < d[k].r; i++)
            for (long p = d[k].start[i]; p < d[k].start[i + 1]; p++)
                if (!hit[k][p])
                    fail("d_%ld: entry (%ld, %ld) joins cells that are not a facet pair of the complex", k, i,
                         d[k].col[p]);
    check_slabs(d, num, top);
    for (long k = 1; k <= top; k++)
        xfree(hit[k]);
    xfree(hit);
    xfree(key);
    xfree(S.key);
    xfree(S.val);
}
