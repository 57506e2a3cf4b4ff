/* Certificates: evidence for a result that a much smaller, independent
   program (checker/relucert-check, GMP and YAJL only) verifies without
   redoing the search. proofs/CHECKER.md explains what each part proves.

   A regions certificate is one JSON object:
     certificate     "regions"
     version         relucert version that wrote it
     input_dim, hidden_neurons
     network         the network, inline, every number exact
     domain          {"description": "...", "A": [[...]], "b": [...]}: the domain
                     {x : A x <= b} (primitive integer rows; none for R^n)
     regions         one object per region, in enumeration order:
                       index, pattern (0/1 per hidden neuron),
                       interior_point,
                       inequalities {A, b, sources}: the facets, A x <= b,
                         primitive integer rows; a source is the hidden
                         neuron (from 0) or "domain r" (row r of domain),
                       witnesses: per inequality row, a point of the relative
                         interior of that facet (mean of its vertices plus the
                         sum of its rays),
                       redundant: for every other constraint of the region
                         (hidden neuron not identically zero on it, domain row)
                         {"source": ..., "multipliers": [[row, lambda], ...]},
                         lambda >= 0 with sum lambda_r A_r a positive multiple
                         of the constraint's normal (Farkas: it is implied);
                       faces: the face lattice of the region's homogenised
                         cone (cert_faces_write; format 2),
     adjacency       [i, f, j, g]: facet f of region i and facet g of region j
                     are the same facet (every facet whose source is a neuron
                     appears exactly once)
     counts          {regions, facet_histogram, mean_facets, fvector, euler}:
                     fvector [f_0..f_n] counts the faces of the complex
                     (faces of regions, identified by sign vector).
     format          2 (format 1: no faces, no fvector). */
#ifndef RELUCERT_CERT_H
#define RELUCERT_CERT_H

#include <stdio.h>
#include <flint/fmpq.h>
#include <flint/fmpz_mat.h>
#include "net/net.h"
#include "poly/poly.h"
#include "regions/regions.h"
#include "json/json.h"
#include "util/bitset.h"
#include "util/error.h"
#include "homology/homology.h"
#include "smith/smith.h"
#include "boundary/boundary.h"
#include "graph/graph.h"

/* ---- cones ---------------------------------------------------------------- */
/* Finds lambda >= 0 (m rationals) with sum_i lambda_i gens_i = target, where
   gens holds m integer vectors of length len. Exact phase-one simplex with
   Bland's rule (terminates on degenerate input). Returns 1 if found, 0 if
   target is not in the cone (then lambda is undefined). */
int cert_cone_combination(fmpq * lambda, const fmpz * gens, slong m, slong len, const fmpz * target);

/* ---- regions certificates ------------------------------------------------- */
typedef struct
{
    jout_struct out[1];
    const net_struct * net;
    slong n, N;
    slong ndom;              /* domain rows (c, a): c + a.x >= 0 */
    fmpz * dom;
    slong * dom_tag;         /* engine's domain row number of each certificate row */
    slong regions, facet_sum, hist_len;
    slong bounded, relatively_bounded, interior;   /* as relucert regions --json counts them */
    slong * hist;
    bsset_t keys;            /* sign vectors of neuron facets seen once */
    slong * key_region, * key_facet, key_alloc;
    char * key_matched;
    slong * adj, nadj, adj_alloc;   /* (i, f, j, g) */
    bsset_t fkeys;           /* sign keys of the faces of the complex seen so far */
    slong * fkey_dim, fkey_alloc;
    int borrowed;            /* out belongs to an enclosing certificate */
    int partial;             /* a --near exploration: no faces, unpaired facets allowed */
    int format;              /* 2: with the faces (default); 1: without */
}
cert_regions_struct;

typedef cert_regions_struct cert_regions_t[1];

/* Starts a certificate on fp for the regions of net in domain (described by
   desc, e.g. "box [-1,1]^2"): writes the header, network and domain. */
void cert_regions_init(cert_regions_t W, FILE * fp, const net_t net, const poly_t domain, const char * desc);
/* The same, written as the next value of out's document (a certificate
   inside another, e.g. the key "complex" of a homology certificate). */
void cert_regions_init_jout(cert_regions_t W, jout_t out, const net_t net, const poly_t domain, const char * desc);
/* issue 17b: a certificate for some regions only (relucert regions --near
   --max-regions/--radius): format 1 with "partial": true and "exploration"
   {"near": point, "max_regions": K or null, "radius": R or null}. The regions,
   facets, witnesses and Farkas entries are as above; "adjacency" lists the
   shared facets among the listed regions, and a neuron facet may have no
   listed region on its other side; no faces, no fvector. */
void cert_regions_init_partial(cert_regions_t W, FILE * fp, const net_t net, const poly_t domain, const char * desc,
                               const fmpq * near, slong max_regions, slong radius);
/* The same in a given format: 1 leaves out the faces and the f-vector (the
   dual graph certificate needs only the regions and their adjacency). */
void cert_regions_init_jout_format(cert_regions_t W, jout_t out, const net_t net, const poly_t domain,
                                   const char * desc, int format);
/* Writes region R (call in enumeration order, from the enumeration callback).
   RELU_E_INTERNAL if a check of our own fails (a facet in three regions, a
   constraint that is not implied). */
int cert_regions_add(cert_regions_t W, const region_struct * R, rc_error_t err);
/* Writes adjacency and counts; RELU_E_INTERNAL if a neuron facet has no region
   on its other side. Does not close fp. */
int cert_regions_finish(cert_regions_t W, rc_error_t err);
void cert_regions_clear(cert_regions_t W);
/* Writes the key "faces" of region R: every face of its homogenised cone
   {"tight": rows, "point": [t, x...] (sum of its generators), "facets":
   indices}, C itself first; row nf (the number of facets) is t >= 0. Counts
   the faces of the complex (t > 0) in W->fkeys by sign vector. */
void cert_faces_write(cert_regions_struct * W, const region_struct * R);

/* ---- arrangement certificates -------------------------------------------- */
/* For a network with one hidden layer, writes to fp:
     certificate "arrangement", version, input_dim, hidden_neurons, network,
     hyperplanes  the distinct hyperplanes as primitive integer rows (c, a)
                  (a.x + c = 0; zero rows dropped, repeated/opposite merged),
     flats        every flat of the intersection poset, R^n first, by
                  codimension: {"hyperplanes": [indices of all hyperplanes
                  containing it, increasing], "point": a point of the flat},
     characteristic_polynomial  integer coefficients, highest degree first,
     regions      |chi(-1)|.
   RELU_E_UNSUPPORTED for other depths; RELU_E_INTERNAL if the flats found here
   disagree with the intersection poset of src/arrangement. */
int cert_arrangement_write(FILE * fp, const net_t net, rc_error_t err);

/* ---- homology certificates ------------------------------------------------ */
/* For the chain complex K of a sub-, super- or level set (set = "sublevel",
   "superlevel", "level" of output `output` at T; cells with the points of
   homology_cells_points) and its homology H, writes to fp:
     certificate "homology", version, input_dim, hidden_neurons, network,
     output, set, threshold ("p/q"), domain {description, A, b} (as in regions
                  certificates; no rows for R^n),
     cells        cells[k][i]: a relative-interior point of k-cell i,
     boundaries   [{dim: k, matrix}] for k = 1..n: d_k, rows = (k-1)-cells,
                  columns = k-cells,
     smith        [{dim: k, diagonal [s_1..s_r], U, U_inv, V, V_inv}]: integer
                  matrices with U d_k V = diag(s_1..s_r, 0, ...), s_i > 0,
                  s_i | s_(i+1), U U_inv = I, V V_inv = I,
     betti, torsion, euler  as `relucert homology --json`,
     complex      a regions certificate (format 2) of net in domain: the
                  complete regions and faces from which relucert-check
                  derives every cell of the set.
   A matrix is {"size": [rows, cols], "entries": [[i, j, v], ...]} (nonzero
   entries only). U, V come from smith_sparse (src/smith). RELU_E_UNSUPPORTED when
   the block left without unit pivots has more than CERT_HOMOLOGY_MAX_DENSE
   entries; RELU_E_INTERNAL if the Smith form found here disagrees with H's
   torsion. */
#define CERT_HOMOLOGY_MAX_DENSE 4000000
int cert_homology_write(FILE * fp, const net_t net, slong output, const fmpq_t T, const char * set,
                        const poly_t domain, const char * desc, const chain_complex_t K, fmpq * const * points,
                        const homology_t H, rc_error_t err);
/* ---- classification certificates ------------------------------------------ */
/* For K from boundary_classify (one hidden layer of width d on R^d), writes:
     certificate "boundary-class", version, input_dim, network, output,
     threshold ("p/q"), and either
     class k, permutation (neuron at each coordinate of z = A x + a), lambda
                  (> 0: A_p = lambda_p w_perm(p), a_p = lambda_p b_perm(p)),
                  A, a, A_inv, scale (-c0': f - T = scale (g_k(A x + a) - 1)),
     or class null, degenerate (the reason), with kernel_vector (W v = 0,
                  v != 0) for "singular W", neuron (c_i = 0) for "zero output
                  weight". */
int cert_boundary_write(FILE * fp, const net_t net, slong output, const fmpq_t T, const boundary_class_t K,
                        rc_error_t err);

/* ---- dual graph certificates --------------------------------------------- */
/* For the report R of `relucert dualgraph` (unweighted, sparse path run),
   writes to fp:
     certificate "dualgraph", version, input_dim, hidden_neurons, network,
     complex      a format 1 regions certificate of net in domain (its
                  regions are the nodes, in order; its adjacency the edges),
     laplacian "unweighted", nodes, edges,
     fiedler_value [lo, hi] decimal strings: lambda_2 in [lo, hi],
     fiedler_simple, partition ("+", "-", "?" per node),
     vector       integers v with sum 0 (the Rayleigh quotient's vector),
     order        the elimination order (node eliminated k-th),
     scale        s: factor entries are integers / 2^s,
     inertia      [{sigma "p/q", negative k, D [n integers], L [per column k
                  of the unit lower triangular factor in the order: row,
                  value, row, value, ...; rows > k increasing]}]: sigma_lo
                  (k = 1) and, when lambda_2 is proved simple, sigma_hi (k = 2).
   RELU_E_UNSUPPORTED if the sparse path did not run or proved nothing. */
int cert_dualgraph_write(FILE * fp, const dualgraph_report_t R, const net_t net, const poly_t domain,
                         const char * desc, rc_error_t err);

#endif
