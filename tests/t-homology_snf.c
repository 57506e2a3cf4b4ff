/* Integral homology of simplicial complexes with known answers (spheres, torus,
   real projective plane, Klein bottle), and on random simplicial complexes the
   ranks of the sparse Smith reduction agree with FLINT's dense fmpz_mat_rank. */
#include "testutil.h"
#include <flint/fmpz_mat.h>

/* A simplicial complex on <= 16 vertices given by its maximal simplices
   (bitmasks); builds all faces and the chain complex (boundary with signs). */
typedef struct { slong num; ulong * faces; slong * dim; } simplicial;

static int
cmp_face(const void * a, const void * b)
{
    ulong x = *(const ulong *) a, y = *(const ulong *) b;
    int dx = __builtin_popcountl(x), dy = __builtin_popcountl(y);
    if (dx != dy) return dx - dy;
    return (x > y) - (x < y);
}

static void
build(chain_complex_t K, const ulong * maximal, slong nmax, slong top)
{
    slong cap = 1 << 16, num = 0;
    ulong * faces = flint_malloc(cap * sizeof(ulong));
    char * seen = flint_calloc(1 << 16, 1);
    for (slong m = 0; m < nmax; m++)
        for (ulong s = maximal[m]; ; s = (s - 1) & maximal[m])
        {
            if (s && !seen[s]) { seen[s] = 1; faces[num++] = s; }
            if (s == 0) break;
        }
    qsort(faces, num, sizeof(ulong), cmp_face);
    slong * local = flint_calloc(1 << 16, sizeof(slong));
    slong * count = flint_calloc(top + 2, sizeof(slong));
    chain_complex_clear(K);
    chain_complex_init(K, top);
    for (slong i = 0; i < num; i++)
    {
        ulong s = faces[i];
        slong k = __builtin_popcountl(s) - 1, len = 0, rows[17], coef[17];
        slong pos = 0;
        for (slong v = 0; v < 16; v++)
            if (s >> v & 1)
            {
                if (k > 0)
                {
                    rows[len] = local[s & ~(1UL << v)];
                    coef[len] = (pos % 2) ? -1 : 1;
                    len++;
                }
                pos++;
            }
        local[s] = count[k]++;
        chain_complex_add_cell(K, k, len, rows, coef);
    }
    flint_free(faces);
    flint_free(seen);
    flint_free(local);
    flint_free(count);
}

static void
expect(const char * name, const ulong * maximal, slong nmax, slong top, const slong * betti,
       const slong * tors /* one torsion coefficient per dim, 0: none */)
{
    chain_complex_t K;
    homology_t H;
    chain_complex_init(K, 0);
    homology_init(H);
    build(K, maximal, nmax, top);
    CHECK(chain_complex_is_complex(K), "%s: d o d != 0", name);
    homology_compute(H, K);
    for (slong k = 0; k <= top; k++)
    {
        CHECK(H->betti[k] == betti[k], "%s: b_%ld = %ld, expected %ld", name, (long) k,
              (long) H->betti[k], (long) betti[k]);
        CHECK(H->ntorsion[k] == (tors[k] != 0), "%s: torsion count in H_%ld", name, (long) k);
        if (tors[k])
            CHECK(fmpz_equal_si(H->torsion[k], tors[k]), "%s: torsion of H_%ld", name, (long) k);
    }
    homology_clear(H);
    chain_complex_clear(K);
}

#define V(a) (1UL << (a))
#define T3(a, b, c) (V(a) | V(b) | V(c))

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("homology_snf....");
    fflush(stdout);

    /* boundary of the tetrahedron: S^2 */
    ulong s2[] = { T3(1, 2, 3), T3(0, 2, 3), T3(0, 1, 3), T3(0, 1, 2) };
    expect("S^2", s2, 4, 2, (slong[]) { 1, 0, 1 }, (slong[]) { 0, 0, 0 });
    /* boundary of the triangle: S^1; two disjoint triangles: 2 components, 2 loops */
    ulong s1[] = { V(0) | V(1), V(1) | V(2), V(0) | V(2) };
    expect("S^1", s1, 3, 1, (slong[]) { 1, 1 }, (slong[]) { 0, 0 });
    ulong two[] = { V(0) | V(1), V(1) | V(2), V(0) | V(2), V(3) | V(4), V(4) | V(5), V(3) | V(5) };
    expect("S^1 + S^1", two, 6, 1, (slong[]) { 2, 2 }, (slong[]) { 0, 0 });
    /* real projective plane, 6 vertices (the hemi-icosahedron): H_1 = Z/2 */
    ulong rp2[] = { T3(0, 1, 2), T3(0, 2, 3), T3(0, 3, 4), T3(0, 4, 5), T3(0, 5, 1),
                    T3(1, 2, 4), T3(2, 3, 5), T3(3, 4, 1), T3(4, 5, 2), T3(5, 1, 3) };
    expect("RP^2", rp2, 10, 2, (slong[]) { 1, 0, 0 }, (slong[]) { 0, 2, 0 });
    /* torus and Klein bottle from the 3x3 grid: squares (i,j) with identifications */
    ulong torus[18], klein[18];
    slong nt = 0, nk = 0;
    for (slong i = 0; i < 3; i++)
        for (slong j = 0; j < 3; j++)
        {
            slong a = 3 * i + j, b = 3 * i + (j + 1) % 3, c = 3 * ((i + 1) % 3) + j, d = 3 * ((i + 1) % 3) + (j + 1) % 3;
            torus[nt++] = T3(a, b, d);
            torus[nt++] = T3(a, c, d);
            /* Klein: crossing the top edge flips j -> 2 - j */
            slong c2 = (i == 2) ? 3 * 0 + (2 - j) : c;
            slong d2 = (i == 2) ? 3 * 0 + (2 - (j + 1) % 3) : d;
            klein[nk++] = T3(a, b, d2);
            klein[nk++] = T3(a, c2, d2);
        }
    expect("torus", torus, 18, 2, (slong[]) { 1, 2, 1 }, (slong[]) { 0, 0, 0 });
    expect("Klein bottle", klein, 18, 2, (slong[]) { 1, 1, 0 }, (slong[]) { 0, 2, 0 });

    /* random complexes: ranks against dense FLINT */
    for (slong it = 0; it < test_iters(200); it++)
    {
        slong nv = 4 + n_randint(st, 5), nmax = 1 + n_randint(st, 12);
        ulong mx[16];
        for (slong m = 0; m < nmax; m++)
        {
            ulong s = 0;
            while (__builtin_popcountl(s) < 1 + (slong) n_randint(st, 3))
                s |= V(n_randint(st, nv));
            mx[m] = s;
        }
        chain_complex_t K;
        homology_t H;
        chain_complex_init(K, 0);
        homology_init(H);
        build(K, mx, nmax, 2);
        CHECK(chain_complex_is_complex(K), "random: d o d != 0");
        homology_compute(H, K);
        slong chi = 0;
        for (slong k = 0; k <= 2; k++)
        {
            chi += (k % 2 ? -1 : 1) * K->num[k];
            /* b_k = c_k - rank d_k - rank d_{k+1}, ranks from dense matrices */
            slong r[2];
            for (slong t = 0; t < 2; t++)
            {
                slong kk = k + t;
                r[t] = 0;
                if (kk < 1 || kk > 2 || K->num[kk] == 0 || K->num[kk - 1] == 0)
                    continue;
                fmpz_mat_t D;
                fmpz_mat_init(D, K->num[kk - 1], K->num[kk]);
                for (slong i = 0; i < K->num[kk]; i++)
                    for (slong e = K->start[kk][i]; e < K->start[kk][i + 1]; e++)
                        fmpz_set_si(fmpz_mat_entry(D, K->row[kk][e], i), K->coef[kk][e]);
                r[t] = fmpz_mat_rank(D);
                fmpz_mat_clear(D);
            }
            CHECK(H->betti[k] == K->num[k] - r[0] - r[1], "random: b_%ld", (long) k);
        }
        CHECK(homology_euler(H) == chi, "random: Euler characteristic");
        homology_clear(H);
        chain_complex_clear(K);
    }
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
