/* Canonical form of a vertex-facet incidence through nauty.

   The incidence is the bipartite graph (vertices | rays | facets), the three
   sides as colour cells in this order. nauty's canonical labelling keeps the
   cells in place, so the canonical incidence matrix is the incidence read in
   the canonical order of generators and of facets; two incidences have equal
   matrices exactly when they are isomorphic (a canonical labelling is a
   function of the isomorphism class). nauty prunes the search with the
   automorphisms it finds, so the d-cube (2^d d! automorphisms) costs no more
   than a rigid polytope. The isomorphism read off two equal forms is checked
   entry by entry by the callers (polytope_isomorphism), and the tests compare
   the verdicts with the plain individualisation-refinement search of type.c
   (polytope_canonical_incidence_search), which shares no code with nauty. */
#include <stdlib.h>
#include <string.h>
#include <nauty.h>
#include <nausparse.h>
#include "polytope/polytope.h"

char *
polytope_canonical_incidence(slong ** perm_g, slong ** perm_f, const unsigned char * inc,
                             slong ng, slong nv, slong nf)
{
    slong N = ng + nf, E = 0;
    for (slong t = 0; t < ng * nf; t++)
        E += inc[t] != 0;
    int * lab = flint_malloc(FLINT_MAX(N, 1) * sizeof(int));
    for (slong v = 0; v < N; v++)
        lab[v] = (int) v;
    if (N > 0 && ng > 0 && nf > 0)
    {
        sparsegraph g, cg;
        SG_INIT(g);
        SG_INIT(cg);
        g.nv = (int) N;
        g.nde = (size_t) (2 * E);
        g.v = flint_malloc(N * sizeof(size_t));
        g.d = flint_calloc(N, sizeof(int));
        g.e = flint_malloc(FLINT_MAX(2 * E, 1) * sizeof(int));
        g.vlen = g.dlen = (size_t) N;
        g.elen = (size_t) FLINT_MAX(2 * E, 1);
        for (slong i = 0; i < ng; i++)
            for (slong j = 0; j < nf; j++)
                if (inc[i * nf + j])
                {
                    g.d[i]++;
                    g.d[ng + j]++;
                }
        size_t pos = 0;
        for (slong v = 0; v < N; v++)
        {
            g.v[v] = pos;
            pos += g.d[v];
            g.d[v] = 0;
        }
        for (slong i = 0; i < ng; i++)
            for (slong j = 0; j < nf; j++)
                if (inc[i * nf + j])
                {
                    g.e[g.v[i] + g.d[i]++] = (int) (ng + j);
                    g.e[g.v[ng + j] + g.d[ng + j]++] = (int) i;
                }
        int * ptn = flint_malloc(N * sizeof(int));
        int * orb = flint_malloc(N * sizeof(int));
        for (slong v = 0; v < N; v++)
            ptn[v] = (v + 1 == nv || v + 1 == ng || v + 1 == N) ? 0 : 1;
        DEFAULTOPTIONS_SPARSEGRAPH(options);
        statsblk stats;
        options.getcanon = TRUE;
        options.defaultptn = FALSE;
        nauty_check(WORDSIZE, SETWORDSNEEDED(N), (int) N, NAUTYVERSIONID);
        sparsenauty(&g, lab, ptn, orb, &options, &stats, &cg);
        SG_FREE(cg);
        flint_free(g.v);
        flint_free(g.d);
        flint_free(g.e);
        flint_free(ptn);
        flint_free(orb);
    }
    size_t len = ng * nf + 64;
    char * res = flint_malloc(len);
    int h = snprintf(res, len, "%ld,%ld,%ld:", (long) nv, (long) (ng - nv), (long) nf);
    for (slong i = 0; i < ng; i++)
        for (slong j = 0; j < nf; j++)
            res[h + i * nf + j] = inc[lab[i] * nf + (lab[ng + j] - ng)] ? '1' : '0';
    res[h + ng * nf] = '\0';
    if (perm_g)
    {
        *perm_g = flint_malloc(FLINT_MAX(ng, 1) * sizeof(slong));
        for (slong i = 0; i < ng; i++)
            (*perm_g)[i] = lab[i];
    }
    if (perm_f)
    {
        *perm_f = flint_malloc(FLINT_MAX(nf, 1) * sizeof(slong));
        for (slong j = 0; j < nf; j++)
            (*perm_f)[j] = lab[ng + j] - ng;
    }
    flint_free(lab);
    return res;
}
