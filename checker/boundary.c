/* relucert-check for classification certificates (relucert boundary ...
   --certificate): f(x) = c . relu(W x + b) + c0 with W d x d. The certificate
   gives z = A x + a with A = diag(lambda) P W, a = diag(lambda) P b (lambda > 0,
   P the permutation), A^-1, the class k and the scale s. The checker verifies
   A A^-1 = I and, coefficient by coefficient,
       c_perm(p) = s eps_p lambda_p (eps_p = +1 for p < k, -1 otherwise),
       c0 - T = -s,
   which with relu(lambda t) = lambda relu(t) for lambda > 0 is the identity
   f(x) - T = s (g_k(A x + a) - 1) for every x; then it evaluates both sides at
   exact sample points. proofs/CHECKER.md ("Classification certificates"). */
#include <string.h>
#include "check.h"

static void
read_matrix(mpq_t * M, yajl_val v, long d, const char * what)
{
    char buf[300];
    if ((long) json_array_len(v) != d)
        fail("%s: expected %ld rows", what, d);
    for (long i = 0; i < d; i++)
    {
        snprintf(buf, sizeof(buf), "%s, row %ld", what, i);
        read_point(M + i * d, json_array_item(v, i), d, buf);
    }
}

/* g_k(y) = sum_{p<k} relu(y_p) - sum_{p>=k} relu(y_p) */
static void
g_k(mpq_t g, mpq_t * const y, long d, long k)
{
    mpq_set_ui(g, 0, 1);
    for (long p = 0; p < d; p++)
        if (mpq_sgn(y[p]) > 0)
        {
            if (p < k)
                mpq_add(g, g, y[p]);
            else
                mpq_sub(g, g, y[p]);
        }
}

/* printed only once everything is verified */
static void
print_header(const char * cpath, const char * npath, long d)
{
    printf("relucert-check: certificate %s verified\n"
           "network %s: one hidden layer of width %ld on R^%ld; equal, exactly, to the certificate's network\n",
           cpath, npath, d, d);
}

static void
check_degenerate(yajl_val cert, const network * net, long o, const mpq_t T, const char * cpath, const char * npath,
                 int quiet)
{
    long d = net->n;
    yajl_val why = json_member(cert, "degenerate");
    if (!YAJL_IS_STRING(why))
        fail("class null needs a reason \"degenerate\"");
    const char * r = why->u.string;
    mpq_t t, s;
    mpq_init(t);
    mpq_init(s);
    if (strcmp(r, "singular W") == 0)
    {
        mpq_t * v = qvec(d);
        read_point(v, json_member(cert, "kernel_vector"), d, "kernel_vector");
        int nonzero = 0;
        for (long j = 0; j < d; j++)
            nonzero |= mpq_sgn(v[j]) != 0;
        if (!nonzero)
            fail("kernel_vector is zero");
        for (long i = 0; i < d; i++)
        {
            mpq_set_ui(s, 0, 1);
            for (long j = 0; j < d; j++)
            {
                mpq_mul(t, net->W[0][i * d + j], v[j]);
                mpq_add(s, s, t);
            }
            if (mpq_sgn(s) != 0)
                fail("kernel_vector: W v is not zero (row %ld): the reason \"singular W\" is not shown", i);
        }
    }
    else if (strcmp(r, "zero output weight") == 0)
    {
        long i = json_get_index(json_member(cert, "neuron"));
        if (i < 0 || i >= d || mpq_sgn(net->W[1][o * d + i]) != 0)
            fail("neuron: expected a hidden neuron i with output weight c_i = 0");
    }
    else if (strcmp(r, "c0 = threshold") == 0)
    {
        if (!mpq_equal(net->b[1][o], T))
            fail("degenerate \"c0 = threshold\", but the output bias c0 differs from the threshold");
    }
    else
        fail("degenerate: unknown reason \"%.60s\"", r);
    mpq_clear(t);
    mpq_clear(s);
    if (quiet)
        return;
    print_header(cpath, npath, d);
    printf("proved: the classification does not apply to output %ld of %s: %s", o, npath, r);
    if (strcmp(r, "singular W") == 0)
        printf(" (W v = 0 for the certificate's v != 0)\n");
    else if (strcmp(r, "zero output weight") == 0)
        printf(" (c_%ld = 0)\n", json_get_index(json_member(cert, "neuron")));
    else
        printf(" (c0 = T)\n");
}

void
check_boundary(yajl_val cert, const char * cpath, const char * npath, const network * net, int quiet)
{
    long d = net->n;
    if (json_member(cert, "class") == NULL)
        fail("%s: not a classification certificate (it needs \"class\")", cpath);
    if (net->nlayers != 2 || net->width[1] != d)
        fail("%s: a classification certificate needs one hidden layer of width input_dim (%ld)", npath, d);
    if (net->nsc[0] != 0 || net->nsc[1] != 0)
        fail("%s: a classification certificate needs a network without shortcuts", npath);
    if (json_get_index(json_member(cert, "input_dim")) != d)
        fail("%s: input_dim does not match the network", cpath);
    long o = json_get_index(json_member(cert, "output"));
    if (o < 0 || o >= net->width[2])
        fail("%s: output must be an output of the network (0..%ld)", cpath, net->width[2] - 1);
    mpq_t T, t, u, s;
    mpq_init(T);
    mpq_init(t);
    mpq_init(u);
    mpq_init(s);
    get_q(T, json_member(cert, "threshold"), "threshold");
    yajl_val cls = json_member(cert, "class");
    if (YAJL_IS_NULL(cls))
    {
        check_degenerate(cert, net, o, T, cpath, npath, quiet);
        return;
    }
    long k = json_get_index(cls);
    if (k < 0 || k > d)
        fail("class must be an integer 0..%ld or null", d);

    /* the map: A A^-1 = I */
    mpq_t * A = qvec(d * d), * Ai = qvec(d * d), * a = qvec(d), * lam = qvec(d);
    long * perm = xmalloc(d * sizeof(long));
    char * used = xmalloc(d + 1);
    memset(used, 0, d + 1);
    read_matrix(A, json_member(cert, "A"), d, "A");
    read_matrix(Ai, json_member(cert, "A_inv"), d, "A_inv");
    read_point(a, json_member(cert, "a"), d, "a");
    read_point(lam, json_member(cert, "lambda"), d, "lambda");
    get_q(s, json_member(cert, "scale"), "scale");
    yajl_val pv = json_member(cert, "permutation");
    if ((long) json_array_len(pv) != d)
        fail("permutation must list %ld neurons", d);
    for (long p = 0; p < d; p++)
    {
        perm[p] = json_get_index(json_array_item(pv, p));
        if (perm[p] < 0 || perm[p] >= d || used[perm[p]])
            fail("permutation: entry %ld is not a new neuron 0..%ld", p, d - 1);
        used[perm[p]] = 1;
    }
    for (long i = 0; i < d; i++)
        for (long j = 0; j < d; j++)
        {
            mpq_set_ui(u, 0, 1);
            for (long l = 0; l < d; l++)
            {
                mpq_mul(t, A[i * d + l], Ai[l * d + j]);
                mpq_add(u, u, t);
            }
            if (mpq_cmp_ui(u, i == j, 1) != 0)
                fail("A A_inv is not the identity at (%ld, %ld): A is not shown invertible", i, j);
        }

    /* the coefficient identity */
    if (mpq_sgn(s) == 0)
        fail("scale is zero");
    for (long p = 0; p < d; p++)
    {
        long i = perm[p];
        if (mpq_sgn(lam[p]) <= 0)
            fail("lambda[%ld] is not positive (positive homogeneity needs lambda > 0)", p);
        for (long j = 0; j < d; j++)
        {
            mpq_mul(t, lam[p], net->W[0][i * d + j]);
            if (!mpq_equal(t, A[p * d + j]))
                fail("A row %ld is not lambda_%ld times the weights of neuron %ld (column %ld)", p, p, i, j);
        }
        mpq_mul(t, lam[p], net->b[0][i]);
        if (!mpq_equal(t, a[p]))
            fail("a[%ld] is not lambda_%ld times the bias of neuron %ld", p, p, i);
        mpq_mul(t, s, lam[p]);
        if (p >= k)
            mpq_neg(t, t);
        if (!mpq_equal(t, net->W[1][o * d + i]))
            fail("output weight c_%ld is not %sscale * lambda_%ld: the identity f - T = scale (g_%ld(A x + a) - 1) "
                 "fails (sign flipped?)", i, p < k ? "" : "-", p, k);
    }
    mpq_sub(t, net->b[1][o], T);
    mpq_neg(u, s);
    if (!mpq_equal(t, u))
        fail("c0 - T is not -scale: the identity f - T = scale (g_%ld(A x + a) - 1) fails", k);

    /* exact samples: x = A^-1 (y - a) for y on a grid and on the boundary y = e_p (p < k) */
    mpq_t * y = qvec(d), * x = qvec(d), * z = qvec(d), * f = qvec(net->width[2]);
    mpq_t g;
    mpq_init(g);
    long samples = 0, on_boundary = 0;
    unsigned long state = 12345;
    long total = 200 + k;
    for (long q = 0; q < total; q++)
    {
        for (long p = 0; p < d; p++)
        {
            if (q >= 200)
                mpq_set_ui(y[p], p == q - 200, 1);
            else
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                mpq_set_si(y[p], (long) ((state >> 33) % 9) - 4, 1 + (state >> 20) % 3);
                mpq_canonicalize(y[p]);
            }
        }
        for (long i = 0; i < d; i++)
        {
            mpq_set_ui(x[i], 0, 1);
            for (long j = 0; j < d; j++)
            {
                mpq_sub(u, y[j], a[j]);
                mpq_mul(t, Ai[i * d + j], u);
                mpq_add(x[i], x[i], t);
            }
        }
        forward(z, f, net, x);
        mpq_sub(u, f[o], T);
        g_k(g, y, d, k);
        mpq_set_si(t, -1, 1);
        mpq_add(g, g, t);
        mpq_mul(g, g, s);
        if (!mpq_equal(u, g))
            fail("sample %ld: f(x) - T differs from scale (g_k(A x + a) - 1)", q);
        samples++;
        on_boundary += mpq_sgn(u) == 0;
    }
    if (quiet)
        return;
    print_header(cpath, npath, d);
    printf("proved, for output %ld at T = ", o);
    print_q(stdout, T);
    printf(":\n  - z = A x + a is an invertible affine map of R^%ld (A A^-1 = I)\n", d);
    printf("  - f(x) - T = s (g_%ld(A x + a) - 1) for every x in R^%ld, s = ", k, d);
    print_q(stdout, s);
    printf(", g_k(z) = sum_{p<k} relu(z_p) - sum_{p>=k} relu(z_p):\n"
           "    A's rows are positive multiples of the neurons' rows and the output weights and bias\n"
           "    match coefficient by coefficient (relu(lambda t) = lambda relu(t), lambda > 0);\n"
           "    both sides agree at %ld exact sample points (%ld on the boundary)\n", samples, on_boundary);
    printf("  - so {f = T} is the image of {z : g_%ld(z) = 1} under x = A^-1 (z - a), and {f > T} that of\n"
           "    {g_%ld %s 1}: ", k, k, mpq_sgn(s) > 0 ? ">" : "<");
    if (k == 0)
        printf("class 0, the boundary is empty (g_0 <= 0 < 1)\n");
    else
        printf("class %ld of the %ld classes of R^%ld; {g_%ld = 1} has 2^%ld - 2^%ld = %ld flat pieces, so\n"
               "    the classes are pairwise inequivalent (argument in proofs/CHECKER.md)\n",
               k, d, d, k, d, d - k, d < 63 ? (1L << d) - (1L << (d - k)) : -1L);
}
