/* relucert-check --arrangement CERT NET: verifies an arrangement certificate
   (relucert arrangement NET --certificate CERT) exactly, with GMP rationals.
   proofs/CHECKER.md ("Arrangement certificates") gives the argument. Memory
   comes from the arena (check.h) and is freed by arena_free_all. */
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Echelon rows of length len over Q: a row's pivot is its first nonzero entry. */
typedef struct
{
    long len, r;
    mpq_t * rows;      /* r rows */
    long * piv;
}
echelon;

static void
ech_init(echelon * E, long len, long cap)
{
    E->len = len;
    E->r = 0;
    E->rows = xmalloc((cap > 0 ? cap : 1) * len * sizeof(mpq_t));
    for (long i = 0; i < cap * len; i++)
        mpq_init(E->rows[i]);
    E->piv = xmalloc((cap > 0 ? cap : 1) * sizeof(long));
}

static void
ech_copy(echelon * D, const echelon * E, long cap)
{
    ech_init(D, E->len, cap);
    D->r = E->r;
    for (long i = 0; i < E->r * E->len; i++)
        mpq_set(D->rows[i], E->rows[i]);
    memcpy(D->piv, E->piv, E->r * sizeof(long));
}

/* v <- v minus its components along the rows (rows are reduced at each other's pivots). */
static void
ech_reduce(const echelon * E, mpq_t * v, mpq_t t)
{
    for (long i = 0; i < E->r; i++)
    {
        long p = E->piv[i];
        if (mpq_sgn(v[p]) == 0)
            continue;
        mpq_set(t, v[p]);        /* pivot entries are 1 */
        for (long j = 0; j < E->len; j++)
        {
            mpq_t * e = E->rows + i * E->len + j;
            if (mpq_sgn(*e) == 0)
                continue;
            mpq_t u;
            mpq_init(u);
            mpq_mul(u, t, *e);
            mpq_sub(v[j], v[j], u);
            mpq_clear(u);
        }
    }
}

/* First nonzero column of v in [0, upto), or -1. */
static long
first_nonzero(mpq_t * v, long upto)
{
    for (long j = 0; j < upto; j++)
        if (mpq_sgn(v[j]) != 0)
            return j;
    return -1;
}

/* Adds the reduced row v (pivot p) with pivot entry scaled to 1, and clears
   column p from the earlier rows (so rows stay reduced at every pivot). */
static void
ech_add(echelon * E, mpq_t * v, long p, mpq_t t)
{
    mpq_t * row = E->rows + E->r * E->len;
    mpq_inv(t, v[p]);
    for (long j = 0; j < E->len; j++)
        mpq_mul(row[j], v[j], t);
    for (long i = 0; i < E->r; i++)
    {
        mpq_t * e = E->rows + i * E->len;
        if (mpq_sgn(e[p]) == 0)
            continue;
        mpq_set(t, e[p]);
        for (long j = 0; j < E->len; j++)
        {
            mpq_t u;
            mpq_init(u);
            mpq_mul(u, t, row[j]);
            mpq_sub(e[j], e[j], u);
            mpq_clear(u);
        }
    }
    E->piv[E->r++] = p;
}

/* rows (a_1..a_n, c): the affine function a.x + c */
static int
proportional(mpq_t * u, mpq_t * v, long len, mpq_t t, mpq_t s)
{
    long p = first_nonzero(u, len);
    if (p < 0 || mpq_sgn(v[p]) == 0)
        return 0;
    mpq_div(t, v[p], u[p]);
    for (long j = 0; j < len; j++)
    {
        mpq_mul(s, t, u[j]);
        if (!mpq_equal(s, v[j]))
            return 0;
    }
    return 1;
}

typedef struct
{
    long * set, len, rank;
    echelon E;         /* echelon basis of the rows of its hyperplanes */
    mpz_t mu;
}
flat;

static int
set_cmp(const long * a, long la, const long * b, long lb)
{
    if (la != lb)
        return la < lb ? -1 : 1;
    for (long i = 0; i < la; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* a strictly contained in b (sorted) */
static int
proper_subset(const long * a, long la, const long * b, long lb)
{
    if (la >= lb)
        return 0;
    long j = 0;
    for (long i = 0; i < la; i++)
    {
        while (j < lb && b[j] < a[i])
            j++;
        if (j == lb || b[j] != a[i])
            return 0;
        j++;
    }
    return 1;
}

int
check_arrangement(yajl_val cert, const char * cpath, const char * npath, long n, long nlayers, long N, mpq_t * W0, mpq_t * b0, int quiet)
{
    char what[300];
    long len = n + 1;
    mpq_t t, s;
    mpq_init(t);
    mpq_init(s);
    if (nlayers != 2)
        fail("the network must have exactly one hidden layer for an arrangement (it has %ld)", nlayers - 1);
    if (json_get_index(json_member(cert, "input_dim")) != n || json_get_index(json_member(cert, "hidden_neurons")) != N)
        fail("%s: input_dim or hidden_neurons do not match the network", cpath);

    /* 1. hyperplanes: the neurons' rows, zero rows dropped, proportional ones merged */
    yajl_val hv = json_member(cert, "hyperplanes");
    if (!YAJL_IS_ARRAY(hv))
        fail("%s: hyperplanes must be an array of rows [c, a_1, ..., a_n]", cpath);
    long m = (long) json_array_len(hv);
    mpq_t * H = xmalloc((m > 0 ? m : 1) * len * sizeof(mpq_t));   /* stored as (a, c) */
    for (long i = 0; i < m; i++)
    {
        yajl_val row = json_array_item(hv, i);
        if ((long) json_array_len(row) != len)
            fail("hyperplane %ld: expected %ld numbers (c, a_1..a_n)", i, len);
        for (long j = 0; j < len; j++)
            mpq_init(H[i * len + j]);
        for (long j = 0; j < len; j++)
        {
            if (json_get_q(H[i * len + (j == 0 ? n : j - 1)], json_array_item(row, j)) != 0)
                fail("hyperplane %ld, entry %ld: expected an exact number", i, j);
        }
        if (first_nonzero(H + i * len, n) < 0)
            fail("hyperplane %ld has zero normal", i);
        for (long k = 0; k < i; k++)
            if (proportional(H + k * len, H + i * len, len, t, s))
                fail("hyperplanes %ld and %ld are the same hyperplane", k, i);
    }
    mpq_t * nrow = xmalloc(len * sizeof(mpq_t));
    for (long j = 0; j < len; j++)
        mpq_init(nrow[j]);
    char * used = xmalloc(m > 0 ? m : 1);
    memset(used, 0, m > 0 ? m : 1);
    long zero = 0;
    for (long k = 0; k < N; k++)
    {
        for (long j = 0; j < n; j++)
            mpq_set(nrow[j], W0[k * n + j]);
        mpq_set(nrow[n], b0[k]);
        if (first_nonzero(nrow, n) < 0)
        {
            zero++;
            continue;          /* a constant neuron cuts nothing */
        }
        long i;
        for (i = 0; i < m; i++)
            if (proportional(H + i * len, nrow, len, t, s))
                break;
        if (i == m)
            fail("neuron %ld: its hyperplane is not listed", k);
        used[i] = 1;
    }
    for (long i = 0; i < m; i++)
        if (!used[i])
            fail("hyperplane %ld is not the hyperplane of any neuron", i);

    /* 2. flats: a point on exactly the listed hyperplanes; distinct; R^n first */
    yajl_val fv = json_member(cert, "flats");
    long nf = (long) json_array_len(fv);
    if (nf < 1)
        fail("%s: flats must be a nonempty array, R^n first", cpath);
    flat * F = xmalloc(nf * sizeof(flat));
    mpq_t * x = xmalloc(n * sizeof(mpq_t)), * v = xmalloc(len * sizeof(mpq_t));
    for (long j = 0; j < n; j++)
        mpq_init(x[j]);
    for (long j = 0; j < len; j++)
        mpq_init(v[j]);
    for (long f = 0; f < nf; f++)
    {
        yajl_val o = json_array_item(fv, f), sv = json_member(o, "hyperplanes"), pv = json_member(o, "point");
        if (!YAJL_IS_ARRAY(sv) || (long) json_array_len(pv) != n)
            fail("flat %ld: expected {\"hyperplanes\": [...], \"point\": [n numbers]}", f);
        F[f].len = (long) json_array_len(sv);
        F[f].set = xmalloc((F[f].len > 0 ? F[f].len : 1) * sizeof(long));
        for (long i = 0; i < F[f].len; i++)
        {
            F[f].set[i] = json_get_index(json_array_item(sv, i));
            if (F[f].set[i] < 0 || F[f].set[i] >= m || (i > 0 && F[f].set[i] <= F[f].set[i - 1]))
                fail("flat %ld: hyperplane indices must be increasing, in 0..%ld", f, m - 1);
        }
        if (f == 0 && F[f].len != 0)
            fail("flat 0 must be R^n (no hyperplanes)");
        for (long j = 0; j < n; j++)
        {
            snprintf(what, sizeof(what), "flat %ld, point coordinate %ld", f, j);
            if (json_get_q(x[j], json_array_item(pv, j)) != 0)
                fail("%s: expected an exact number", what);
        }
        long k = 0;
        for (long g = 0; g < m; g++)
        {
            mpq_set(t, H[g * len + n]);
            for (long j = 0; j < n; j++)
            {
                mpq_mul(s, H[g * len + j], x[j]);
                mpq_add(t, t, s);
            }
            int on = mpq_sgn(t) == 0, listed = k < F[f].len && F[f].set[k] == g;
            if (on != listed)
                fail("flat %ld: its point %s hyperplane %ld", f, on ? "lies on the unlisted" : "is not on the listed", g);
            k += listed;
        }
        /* echelon basis of its rows, pivots in the a-columns (the point shows they are consistent) */
        ech_init(&F[f].E, len, F[f].len);
        for (long i = 0; i < F[f].len; i++)
        {
            for (long j = 0; j < len; j++)
                mpq_set(v[j], H[F[f].set[i] * len + j]);
            ech_reduce(&F[f].E, v, t);
            long p = first_nonzero(v, n);
            if (p >= 0)
                ech_add(&F[f].E, v, p, t);
        }
        F[f].rank = F[f].E.r;
        for (long e = 0; e < f; e++)
            if (set_cmp(F[e].set, F[e].len, F[f].set, F[f].len) == 0)
                fail("flats %ld and %ld are the same flat", e, f);
    }

    /* 3. closed under intersection with a hyperplane */
    long * cl = xmalloc((m > 0 ? m : 1) * sizeof(long));
    long pairs = 0;
    for (long f = 0; f < nf; f++)
    {
        long k = 0;
        for (long h = 0; h < m; h++)
        {
            if (k < F[f].len && F[f].set[k] == h)
            {
                k++;
                continue;
            }
            echelon D;
            ech_copy(&D, &F[f].E, F[f].E.r + 1);
            for (long j = 0; j < len; j++)
                mpq_set(v[j], H[h * len + j]);
            ech_reduce(&D, v, t);
            long p = first_nonzero(v, n);
            if (p < 0)
                continue;      /* h is constant, and not 0 (the point), on the flat: no intersection */
            ech_add(&D, v, p, t);
            long c = 0;
            for (long g = 0; g < m; g++)
            {
                for (long j = 0; j < len; j++)
                    mpq_set(v[j], H[g * len + j]);
                ech_reduce(&D, v, t);
                if (first_nonzero(v, len) < 0)
                    cl[c++] = g;
            }
            long e;
            for (e = 0; e < nf; e++)
                if (set_cmp(F[e].set, F[e].len, cl, c) == 0)
                    break;
            if (e == nf)
                fail("flat %ld meets hyperplane %ld in a flat (on %ld hyperplanes) that is not listed", f, h, c);
            if (F[e].rank != F[f].rank + 1)
                fail("flat %ld cut by hyperplane %ld: codimension %ld, expected %ld", f, h, F[e].rank, F[f].rank + 1);
            pairs++;
        }
    }

    /* 4. Moebius function and chi(t) = sum mu(X) t^(n - codim X) */
    long maxr = 0;
    for (long f = 0; f < nf; f++)
        if (F[f].rank > maxr)
            maxr = F[f].rank;
    mpz_t * chi = xmalloc(len * sizeof(mpz_t));
    for (long j = 0; j < len; j++)
        mpz_init(chi[j]);       /* chi[j]: coefficient of t^j */
    for (long r = 0; r <= maxr; r++)
        for (long f = 0; f < nf; f++)
        {
            if (F[f].rank != r)
                continue;
            mpz_init(F[f].mu);
            if (f == 0)
                mpz_set_ui(F[f].mu, 1);
            for (long e = 0; e < nf; e++)
                if (F[e].rank < r && proper_subset(F[e].set, F[e].len, F[f].set, F[f].len))
                    mpz_sub(F[f].mu, F[f].mu, F[e].mu);
            mpz_add(chi[n - r], chi[n - r], F[f].mu);
        }
    yajl_val cp = json_member(cert, "characteristic_polynomial");
    if ((long) json_array_len(cp) != len)
        fail("%s: characteristic_polynomial must have %ld coefficients", cpath, len);
    for (long i = 0; i < len; i++)
    {
        if (json_get_q(t, json_array_item(cp, i)) != 0 || mpz_cmp_ui(mpq_denref(t), 1) != 0
            || mpz_cmp(mpq_numref(t), chi[n - i]) != 0)
            fail("characteristic_polynomial: the coefficient of t^%ld is not %s", n - i, mpz_get_str(NULL, 10, chi[n - i]));
    }
    mpz_t reg;
    mpz_init(reg);
    for (long j = 0; j < len; j++)
    {
        if (j % 2)
            mpz_sub(reg, reg, chi[j]);
        else
            mpz_add(reg, reg, chi[j]);
    }
    mpz_abs(reg, reg);
    if (json_get_q(t, json_member(cert, "regions")) != 0 || mpz_cmp_ui(mpq_denref(t), 1) != 0
        || mpz_cmp(mpq_numref(t), reg) != 0)
        fail("regions: |chi(-1)| is %s", mpz_get_str(NULL, 10, reg));
    if (!quiet)
    {
        printf("relucert-check: arrangement certificate %s verified\n", cpath);
        printf("network %s: input dimension %ld, one hidden layer; equal, exactly, to the certificate's network\n", npath, n);
        printf("proved:\n");
        printf("  - the arrangement of the network's %ld neurons (%ld constant) has exactly the %ld listed\n"
               "    distinct hyperplanes\n", N, zero, m);
        printf("  - its intersection poset has exactly the %ld listed flats (each is nonempty, on exactly\n"
               "    its listed hyperplanes; the list contains R^n and is closed under cutting by a\n"
               "    hyperplane: %ld cuts checked), of rank %ld\n", nf, pairs, maxr);
        printf("  - characteristic polynomial");
        int first = 1;
        for (long j = n; j >= 0; j--)
        {
            if (mpz_sgn(chi[j]) == 0)
                continue;
            char * str = mpz_get_str(NULL, 10, chi[j]);
            printf(" %s%s%s", first ? "" : (mpz_sgn(chi[j]) > 0 ? "+" : ""), str, j == 0 ? "" : (j == 1 ? "*t" : "*t^"));
            if (j > 1)
                printf("%ld", j);
            first = 0;
        }
        printf(" (Moebius function of the poset)\n");
        char * str = mpz_get_str(NULL, 10, reg);
        printf("  - regions of R^%ld cut by the arrangement: |chi(-1)| = %s (Zaslavsky), as stated\n", n, str);
    }
    return 0;
}
