/* relucert-check for homology certificates (relucert homology ... --certificate):
   the chain complex is checked (d_{k-1} d_k = 0), every Smith form is checked
   by multiplication (U U^-1 = I, V V^-1 = I, U d_k V = diag(s_1..s_r, 0)),
   and the Betti numbers and torsion are derived from the ranks and invariant
   factors and compared with the stated ones. The cells are tied to the
   network through their points (exact forward pass), their completeness to the
   embedded regions certificate (checker/faces.c), the incidences' support and
   signs to the face lattices (checker/incidence.c). proofs/CHECKER.md
   ("Homology certificates") gives the argument. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* An integer that fits a long (index), or -1. */
static long
index_of(yajl_val v, long below)
{
    long i = json_get_index(v);
    return i >= 0 && i < below ? i : -1;
}

static void
get_z(mpz_t z, yajl_val v, const char * what)
{
    mpq_t q;
    mpq_init(q);
    if (json_get_q(q, v) != 0 || mpz_cmp_ui(mpq_denref(q), 1) != 0)
        fail("%s: expected an integer", what);
    mpz_set(z, mpq_numref(q));
    mpq_clear(q);
}

static long * sort_perm_col;

static int
cmp_entry(const void * a, const void * b)
{
    long x = *(const long *) a, y = *(const long *) b;
    return (sort_perm_col[x] > sort_perm_col[y]) - (sort_perm_col[x] < sort_perm_col[y]);
}

/* {"size": [r, c], "entries": [[i, j, v], ...]} with the expected size, every
   v a nonzero integer, no position twice. */
static void
read_smat(smat * M, yajl_val v, long r, long c, const char * what)
{
    yajl_val size = json_member(v, "size"), ent = json_member(v, "entries");
    if (json_array_len(size) != 2 || json_get_index(json_array_item(size, 0)) != r
        || json_get_index(json_array_item(size, 1)) != c || !YAJL_IS_ARRAY(ent))
        fail("%s: expected {\"size\": [%ld, %ld], \"entries\": [[i, j, v], ...]}", what, r, c);
    M->r = r;
    M->c = c;
    M->nnz = (long) json_array_len(ent);
    M->start = xmalloc((r + 1) * sizeof(long));
    memset(M->start, 0, (r + 1) * sizeof(long));
    long * ei = xmalloc((M->nnz + 1) * sizeof(long)), * ej = xmalloc((M->nnz + 1) * sizeof(long));
    for (long e = 0; e < M->nnz; e++)
    {
        yajl_val E = json_array_item(ent, e);
        ei[e] = json_array_len(E) == 3 ? index_of(json_array_item(E, 0), r) : -1;
        ej[e] = json_array_len(E) == 3 ? index_of(json_array_item(E, 1), c) : -1;
        if (ei[e] < 0 || ej[e] < 0)
            fail("%s: entry %ld must be [i, j, v] with 0 <= i < %ld, 0 <= j < %ld", what, e, r, c);
        M->start[ei[e] + 1]++;
    }
    for (long i = 0; i < r; i++)
        M->start[i + 1] += M->start[i];
    long * fill = xmalloc((r + 1) * sizeof(long)), * slot = xmalloc((M->nnz + 1) * sizeof(long));
    memcpy(fill, M->start, (r + 1) * sizeof(long));
    for (long e = 0; e < M->nnz; e++)
        slot[fill[ei[e]]++] = e;
    /* sort each row by column; equal neighbours are a repeated position */
    sort_perm_col = ej;
    for (long i = 0; i < r; i++)
    {
        qsort(slot + M->start[i], M->start[i + 1] - M->start[i], sizeof(long), cmp_entry);
        for (long p = M->start[i] + 1; p < M->start[i + 1]; p++)
            if (ej[slot[p]] == ej[slot[p - 1]])
                fail("%s: entry (%ld, %ld) is given twice", what, i, ej[slot[p]]);
    }
    M->col = xmalloc((M->nnz + 1) * sizeof(long));
    M->val = xmalloc((M->nnz + 1) * sizeof(mpz_t));
    char buf[300];
    for (long p = 0; p < M->nnz; p++)
    {
        long e = slot[p];
        M->col[p] = ej[e];
        mpz_init(M->val[p]);
        snprintf(buf, sizeof(buf), "%s: entry %ld", what, e);
        get_z(M->val[p], json_array_item(json_array_item(ent, e), 2), buf);
        if (mpz_sgn(M->val[p]) == 0)
            fail("%s: entry %ld is zero (list nonzero entries only)", what, e);
    }
}

/* out (B->c entries, zero on entry) = row i of A times B */
static void
row_times(mpz_t * out, const smat * A, long i, const smat * B)
{
    for (long p = A->start[i]; p < A->start[i + 1]; p++)
    {
        long l = A->col[p];
        for (long q = B->start[l]; q < B->start[l + 1]; q++)
            mpz_addmul(out[B->col[q]], A->val[p], B->val[q]);
    }
}

/* out = in (dense, B->r entries) times B; out zero on entry */
static void
dense_times(mpz_t * out, mpz_t * const in, const smat * B)
{
    for (long l = 0; l < B->r; l++)
        if (mpz_sgn(in[l]) != 0)
            for (long q = B->start[l]; q < B->start[l + 1]; q++)
                mpz_addmul(out[B->col[q]], in[l], B->val[q]);
}

static mpz_t *
zvec(long len)
{
    mpz_t * v = xmalloc((len > 0 ? len : 1) * sizeof(mpz_t));
    for (long i = 0; i < len; i++)
        mpz_init(v[i]);
    return v;
}

static void
zero(mpz_t * v, long len)
{
    for (long i = 0; i < len; i++)
        mpz_set_ui(v[i], 0);
}

/* A B = I (A: s x s) */
static void
check_inverse(const smat * A, const smat * B, const char * what)
{
    mpz_t * out = zvec(A->r);
    for (long i = 0; i < A->r; i++)
    {
        zero(out, A->r);
        row_times(out, A, i, B);
        for (long j = 0; j < A->r; j++)
            if (mpz_cmp_ui(out[j], i == j) != 0)
                fail("%s: the product is not the identity (row %ld, column %ld): not unimodular", what, i, j);
    }
}

/* The sign vector of a point: per hidden neuron and for f - T one of - 0 +,
   per domain row 't' (tight) or '.'. Checks that the point is in the domain
   and in the set. */
static char *
sign_vector(const network * net, mpq_t * const x, long o, const mpq_t T, const char * set, mpq_t * const DA,
            mpq_t * const Db, long m, mpq_t * z, mpq_t * y, const char * what)
{
    long n = net->n, N = net->hidden;
    char * s = xmalloc(N + 1 + m + 1);
    forward(z, y, net, x);
    point_signs(s, net, z);
    mpq_t v, t;
    mpq_init(v);
    mpq_init(t);
    mpq_sub(v, y[o], T);
    int sg = mpq_sgn(v);
    s[N] = "-0+"[sg + 1];
    if ((strcmp(set, "superlevel") == 0 && sg < 0) || (strcmp(set, "sublevel") == 0 && sg > 0)
        || (strcmp(set, "level") == 0 && sg != 0))
        fail("%s: the point is not in the %s set", what, set);
    for (long r = 0; r < m; r++)
    {
        mpq_set(v, Db[r]);
        for (long j = 0; j < n; j++)
        {
            mpq_mul(t, DA[r * n + j], x[j]);
            mpq_sub(v, v, t);
        }
        if (mpq_sgn(v) < 0)
            fail("%s: the point is outside the domain (row %ld)", what, r);
        s[N + 1 + r] = mpq_sgn(v) == 0 ? 't' : '.';
    }
    s[N + 1 + m] = '\0';
    mpq_clear(v);
    mpq_clear(t);
    return s;
}

/* Rank over Q of the rows G[0..r) (length n); G is destroyed. */
long
rank_rows(mpq_t * G, long r, long n)
{
    mpq_t t, u;
    mpq_init(t);
    mpq_init(u);
    long rank = 0;
    for (long c = 0; c < n && rank < r; c++)
    {
        long p = rank;
        while (p < r && mpq_sgn(G[p * n + c]) == 0)
            p++;
        if (p == r)
            continue;
        for (long j = 0; j < n; j++)
            mpq_swap(G[p * n + j], G[rank * n + j]);
        for (long i = rank + 1; i < r; i++)
        {
            if (mpq_sgn(G[i * n + c]) == 0)
                continue;
            mpq_div(t, G[i * n + c], G[rank * n + c]);
            for (long j = c; j < n; j++)
            {
                mpq_mul(u, t, G[rank * n + j]);
                mpq_sub(G[i * n + j], G[i * n + j], u);
            }
        }
        rank++;
    }
    mpq_clear(t);
    mpq_clear(u);
    return rank;
}

/* f_o = f[0] + f[1..n].x on the points whose pattern is pat. */
void
output_of_pattern(mpq_t * f, const network * net, const char * pat, long o)
{
    long n = net->n, N = net->hidden, d = n + 1, m = net->width[net->nlayers];
    mpq_t * Z = qvec(N * d), * Y = qvec(m * d);
    affine_of_pattern_out(Z, Y, net, pat);
    for (long e = 0; e < d; e++)
        mpq_set(f[e], Y[o * d + e]);
    for (long i = 0; i < N * d; i++)
        mpq_clear(Z[i]);
    for (long i = 0; i < m * d; i++)
        mpq_clear(Y[i]);
    xfree(Z);
    xfree(Y);
}

/* Dimension of the stratum of x (the points near x with its sign vector s).
   Near x, on that stratum, every neuron vanishing at x stays 0, so by
   induction over the layers all pre-activations (and f) are the affine
   functions of the pattern of x (zero neurons off): the stratum is, near x,
   the affine space where the vanishing neurons, f - T when it vanishes, and
   the tight domain rows are 0. Its dimension is n minus the rank of their
   gradients. */
long
local_dimension(const network * net, const char * s, long o, mpq_t * const DA, long m)
{
    long n = net->n, N = net->hidden, d = n + 1;
    char * pat = xmalloc(N + 1);
    pattern_of_signs(pat, net, s);
    pat[N] = '\0';
    mpq_t * Z = qvec(N * d), * G = qvec((N + 1 + m) * n), * f = qvec(d);
    affine_of_pattern(Z, net, pat);
    boundaries_of_pattern(Z, net, pat);
    long r = 0;
    for (long k = 0; k < N; k++)
        if (s[k] == '0')
        {
            for (long j = 0; j < n; j++)
                mpq_set(G[r * n + j], Z[k * d + 1 + j]);
            r++;
        }
    if (s[N] == '0')
    {
        output_of_pattern(f, net, pat, o);
        for (long j = 0; j < n; j++)
            mpq_set(G[r * n + j], f[1 + j]);
        r++;
    }
    for (long q = 0; q < m; q++)
        if (s[N + 1 + q] == 't')
        {
            for (long j = 0; j < n; j++)
                mpq_set(G[r * n + j], DA[q * n + j]);
            r++;
        }
    long dim = n - rank_rows(G, r, n);
    for (long i = 0; i < N * d; i++)
        mpq_clear(Z[i]);
    for (long i = 0; i < (N + 1 + m) * n; i++)
        mpq_clear(G[i]);
    for (long i = 0; i < d; i++)
        mpq_clear(f[i]);
    xfree(Z);
    xfree(G);
    xfree(f);
    xfree(pat);
    return dim;
}

static int
cmp_str(const void * a, const void * b)
{
    return strcmp(*(char * const *) a, *(char * const *) b);
}

/* g refines f: every sign of g is 0 or f's, every row tight on f is tight on g
   (proofs/CHECKER.md: for cells of the set, exactly when g lies in f's closure) */
int
sign_vector_refines(const char * g, const char * f)
{
    for (; *f; f++, g++)
    {
        if (*f == 't' && *g != 't')
            return 0;
        if ((*f == '+' || *f == '-') && *g != '0' && *g != *f)
            return 0;
        if (*f == '0' && *g != '0')
            return 0;
    }
    return 1;
}

void
check_homology(yajl_val cert, const char * cpath, const char * npath, const network * net, const char * box, int whole,
               int quiet)
{
    long n = net->n, N = net->hidden, top = n;
    char what[300];
    if (json_member(cert, "cells") == NULL || json_member(cert, "boundaries") == NULL
        || json_member(cert, "smith") == NULL)
        fail("%s: not a homology certificate (it needs \"cells\", \"boundaries\" and \"smith\")", cpath);
    if (json_get_index(json_member(cert, "input_dim")) != n
        || json_get_index(json_member(cert, "hidden_neurons")) != N)
        fail("%s: input_dim or hidden_neurons do not match the network", cpath);
    long o = index_of(json_member(cert, "output"), net->width[net->nlayers]);
    if (o < 0)
        fail("%s: output must be an output of the network (0..%ld)", cpath, net->width[net->nlayers] - 1);
    yajl_val sv = json_member(cert, "set");
    if (!YAJL_IS_STRING(sv) || (strcmp(sv->u.string, "superlevel") != 0 && strcmp(sv->u.string, "sublevel") != 0
                                && strcmp(sv->u.string, "level") != 0))
        fail("%s: set must be \"superlevel\", \"sublevel\" or \"level\"", cpath);
    const char * set = sv->u.string;
    mpq_t T;
    mpq_init(T);
    get_q(T, json_member(cert, "threshold"), "threshold");
    long m;
    mpq_t * DA, * Db;
    read_domain(&DA, &Db, &m, cert, n, cpath);
    require_domain(DA, Db, m, n, box, whole);

    /* 1. cells: points in the set, distinct sign vectors per dimension */
    yajl_val cells = json_member(cert, "cells");
    if ((long) json_array_len(cells) != top + 1)
        fail("%s: cells must hold one list per dimension 0..%ld", cpath, top);
    long * num = xmalloc((top + 2) * sizeof(long));
    char *** sig = xmalloc((top + 1) * sizeof(char **));
    mpq_t * x = qvec(n), * z = qvec(N), * y = qvec(net->width[net->nlayers]);
    for (long k = 0; k <= top; k++)
    {
        yajl_val C = json_array_item(cells, k);
        if (!YAJL_IS_ARRAY(C))
            fail("%s: cells[%ld] must be a list of points", cpath, k);
        num[k] = (long) json_array_len(C);
        sig[k] = xmalloc((num[k] + 1) * sizeof(char *));
        for (long i = 0; i < num[k]; i++)
        {
            snprintf(what, sizeof(what), "cell %ld of dimension %ld", i, k);
            read_point(x, json_array_item(C, i), n, what);
            sig[k][i] = sign_vector(net, x, o, T, set, DA, Db, m, z, y, what);
            long dim = local_dimension(net, sig[k][i], o, DA, m);
            if (dim != k)
                fail("%s: the point's stratum (points with its sign vector) is %ld-dimensional, not %ld", what, dim,
                     k);
        }
        char ** sorted = xmalloc((num[k] + 1) * sizeof(char *));
        memcpy(sorted, sig[k], num[k] * sizeof(char *));
        qsort(sorted, num[k], sizeof(char *), cmp_str);
        for (long i = 0; i + 1 < num[k]; i++)
            if (strcmp(sorted[i], sorted[i + 1]) == 0)
                fail("two cells of dimension %ld have the same sign vector %.80s (the same face)", k, sorted[i]);
        xfree(sorted);
    }
    num[top + 1] = 0;

    /* 1b. these are all the cells: derived from the complete regions and faces */
    yajl_val cx = json_member(cert, "complex");
    if (cx == NULL)
        fail("%s: no \"complex\" (a homology certificate written before format 2 cannot prove that its cells are "
             "complete; write it again with relucert homology --certificate)", cpath);
    regions_result res;
    check_cells_complete(&res, cx, net, o, T, set, DA, Db, m, sig, num, top);

    /* 2. boundary matrices: sizes, incidences between faces, d_{k-1} d_k = 0 */
    yajl_val bd = json_member(cert, "boundaries"), sm = json_member(cert, "smith");
    if ((long) json_array_len(bd) != top || (long) json_array_len(sm) != top)
        fail("%s: boundaries and smith must hold one entry per k = 1..%ld", cpath, top);
    smat * d = xmalloc((top + 1) * sizeof(smat));
    for (long k = 1; k <= top; k++)
    {
        yajl_val B = json_array_item(bd, k - 1);
        if (json_get_index(json_member(B, "dim")) != k)
            fail("boundaries[%ld]: dim must be %ld", k - 1, k);
        snprintf(what, sizeof(what), "boundary matrix d_%ld", k);
        read_smat(d + k, json_member(B, "matrix"), num[k - 1], num[k], what);
        for (long i = 0; i < d[k].r; i++)
            for (long p = d[k].start[i]; p < d[k].start[i + 1]; p++)
                if (mpz_cmpabs_ui(d[k].val[p], 1) != 0)
                    fail("d_%ld: entry (%ld, %ld) is not +1 or -1 (incidences of a polyhedral complex are)", k, i,
                         d[k].col[p]);
                else if (!sign_vector_refines(sig[k - 1][i], sig[k][d[k].col[p]]))
                    fail("d_%ld: entry (%ld, %ld) is nonzero, but cell %ld of dimension %ld is not a face of cell "
                         "%ld of dimension %ld (sign vectors)", k, i, d[k].col[p], i, k - 1, d[k].col[p], k);
    }
    long maxc = 1;
    for (long k = 0; k <= top; k++)
        if (num[k] > maxc)
            maxc = num[k];
    mpz_t * out = zvec(maxc), * out2 = zvec(maxc);
    for (long k = 2; k <= top; k++)
        for (long i = 0; i < d[k - 1].r; i++)
        {
            zero(out, num[k]);
            row_times(out, d + k - 1, i, d + k);
            for (long j = 0; j < num[k]; j++)
                if (mpz_sgn(out[j]) != 0)
                    fail("d_%ld d_%ld is not zero (row %ld, column %ld): not a chain complex", k - 1, k, i, j);
        }

    /* 3. Smith forms by multiplication */
    long * rank = xmalloc((top + 2) * sizeof(long));
    mpz_t ** diag = xmalloc((top + 2) * sizeof(mpz_t *));
    rank[0] = rank[top + 1] = 0;
    for (long k = 1; k <= top; k++)
    {
        yajl_val S = json_array_item(sm, k - 1);
        long r = num[k - 1], c = num[k];
        if (json_get_index(json_member(S, "dim")) != k)
            fail("smith[%ld]: dim must be %ld", k - 1, k);
        yajl_val dg = json_member(S, "diagonal");
        rank[k] = (long) json_array_len(dg);
        if (!YAJL_IS_ARRAY(dg) || rank[k] > (r < c ? r : c))
            fail("smith of d_%ld: diagonal must be a list of at most %ld integers", k, r < c ? r : c);
        diag[k] = zvec(rank[k]);
        for (long i = 0; i < rank[k]; i++)
        {
            snprintf(what, sizeof(what), "smith of d_%ld: diagonal entry %ld", k, i);
            get_z(diag[k][i], json_array_item(dg, i), what);
            if (mpz_sgn(diag[k][i]) <= 0)
                fail("%s: must be positive", what);
            if (i > 0 && !mpz_divisible_p(diag[k][i], diag[k][i - 1]))
                fail("smith of d_%ld: diagonal entry %ld is not divisible by entry %ld (no divisibility chain)", k,
                     i, i - 1);
        }
        smat U, Ui, V, Vi;
        snprintf(what, sizeof(what), "smith of d_%ld: U", k);
        read_smat(&U, json_member(S, "U"), r, r, what);
        snprintf(what, sizeof(what), "smith of d_%ld: U_inv", k);
        read_smat(&Ui, json_member(S, "U_inv"), r, r, what);
        snprintf(what, sizeof(what), "smith of d_%ld: V", k);
        read_smat(&V, json_member(S, "V"), c, c, what);
        snprintf(what, sizeof(what), "smith of d_%ld: V_inv", k);
        read_smat(&Vi, json_member(S, "V_inv"), c, c, what);
        snprintf(what, sizeof(what), "smith of d_%ld: U U_inv", k);
        check_inverse(&U, &Ui, what);
        snprintf(what, sizeof(what), "smith of d_%ld: V V_inv", k);
        check_inverse(&V, &Vi, what);
        for (long i = 0; i < r; i++)
        {
            zero(out, c);
            zero(out2, c);
            row_times(out, &U, i, d + k);
            dense_times(out2, out, &V);
            for (long j = 0; j < c; j++)
                if (i == j && i < rank[k] ? mpz_cmp(out2[j], diag[k][i]) != 0 : mpz_sgn(out2[j]) != 0)
                    fail("smith of d_%ld: U d_%ld V differs from the stated diagonal form at (%ld, %ld)", k, k, i, j);
        }
    }

    /* 4. homology: b_k = c_k - rank d_k - rank d_{k+1}; torsion of H_k = s_i > 1 of d_{k+1} */
    yajl_val bj = json_member(cert, "betti"), tj = json_member(cert, "torsion");
    if ((long) json_array_len(bj) != top + 1 || (long) json_array_len(tj) != top + 1)
        fail("%s: betti and torsion must have %ld entries", cpath, top + 1);
    long euler = 0, cells_euler = 0;
    mpz_t t;
    mpz_init(t);
    for (long k = 0; k <= top; k++)
    {
        long b = num[k] - rank[k] - rank[k + 1];
        euler += k % 2 ? -b : b;
        cells_euler += k % 2 ? -num[k] : num[k];
        if (json_get_index(json_array_item(bj, k)) != b)
            fail("betti[%ld] is not %ld = %ld cells - rank d_%ld (%ld) - rank d_%ld (%ld)", k, b, num[k], k, rank[k],
                 k + 1, rank[k + 1]);
        yajl_val tk = json_array_item(tj, k);
        long nt = 0;
        for (long i = 0; k < top && i < rank[k + 1]; i++)
            if (mpz_cmp_ui(diag[k + 1][i], 1) > 0)
            {
                snprintf(what, sizeof(what), "torsion[%ld]", k);
                if (nt >= (long) json_array_len(tk))
                    fail("%s misses the invariant factor of d_%ld at %ld", what, k + 1, i);
                get_z(t, json_array_item(tk, nt), what);
                if (mpz_cmp(t, diag[k + 1][i]) != 0)
                    fail("%s: entry %ld is not the invariant factor of d_%ld", what, nt, k + 1);
                nt++;
            }
        if (!YAJL_IS_ARRAY(tk) || nt != (long) json_array_len(tk))
            fail("torsion[%ld] lists more than the invariant factors > 1 of d_%ld", k, k + 1);
    }
    mpz_clear(t);
    if (euler != cells_euler || json_member(cert, "euler") == NULL
        || !YAJL_IS_NUMBER(json_member(cert, "euler"))
        || strtol(json_member(cert, "euler")->u.number.r, NULL, 10) != euler)
        fail("euler is not %ld", euler);

    /* 5. incidences: d_k is nonzero on every facet pair; slabs have v - w (last: a certificate rejected
       here passed every check before) */
    check_incidences(&res, N, sig, num, top, d);

    if (quiet)
        return;
    printf("relucert-check: certificate %s verified\n", cpath);
    printf("network %s: input dimension %ld, %ld hidden neurons; equal, exactly, to the certificate's network\n",
           npath, n, N);
    printf("set: %s set of output %ld at T = ", set, o);
    print_q(stdout, T);
    printf(" in the domain ");
    print_domain(stdout, DA, Db, m, n);
    printf("\nproved:\n");
    printf("  - the certificate's cells: ");
    for (long k = 0; k <= top; k++)
        printf("%s%ld", k ? "," : "", num[k]);
    printf(" (dimensions 0..%ld); each cell's point lies in the set and the domain (exact forward pass),\n"
           "    on a stratum (points with its sign vector) of the cell's dimension; cells of one dimension\n"
           "    have pairwise distinct sign vectors (distinct faces of the network's complex)\n",
           top);
    printf("  - d_(k-1) d_k = 0 for every k: a chain complex of free Z-modules\n");
    printf("  - Smith forms U d_k V = diag(s), U and V unimodular (U U^-1 = I, V V^-1 = I), s_1 | s_2 | ...;\n"
           "    ranks of d_1..d_%ld:", top);
    for (long k = 1; k <= top; k++)
        printf(" %ld", rank[k]);
    printf("\n  - homology of this chain complex: ");
    for (long k = 0; k <= top; k++)
    {
        printf("%sH_%ld = Z^%ld", k ? ", " : "", k, num[k] - rank[k] - rank[k + 1]);
        for (long i = 0; k < top && i < rank[k + 1]; i++)
            if (mpz_cmp_ui(diag[k + 1][i], 1) > 0)
            {
                printf(" + Z/");
                mpz_out_str(stdout, 10, diag[k + 1][i]);
            }
    }
    printf("; Euler characteristic %ld; betti and torsion as stated\n", euler);
    printf("  - these are all the cells of the set: the certificate's \"complex\" (a regions certificate\n"
           "    with every face, verified as such) gives every face F of the complex and the signs of f - T\n"
           "    on its relative interior, hence every cell (F, sign); the listed cells are exactly these\n");
    printf("  - the incidences: d_k is +-1 on exactly the facet pairs (G a facet of F) of these cells (derived\n"
           "    from the complex's face lattices, sign vectors and dimensions), and the two facets of every slab\n"
           "    (an edge with two vertices; over an unbounded domain also a flat times a segment) have opposite\n"
           "    signs: with d o d = 0, up to the signs of its basis this is the cellular chain complex of the set,\n"
           "    so the groups above are %s\n",
           res.bounded == res.nr ? "the homology of the set"
                                 : "the reduced homology of the set's one-point compactification X+\n"
                                   "    (the homology of the pair (X, X minus a large open cube))");
}
