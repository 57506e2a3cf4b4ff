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
     adjacency       [i, f, j, g]: facet f of region i and facet g of region j
                     are the same facet (every facet whose source is a neuron
                     appears exactly once)
     counts          {regions, facet_histogram, mean_facets}. */
#ifndef RELUCERT_CERT_H
#define RELUCERT_CERT_H

#include <stdio.h>
#include <flint/fmpq.h>
#include "net/net.h"
#include "poly/poly.h"
#include "regions/regions.h"
#include "json/json.h"
#include "util/bitset.h"
#include "util/error.h"

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
    slong * hist;
    bsset_t keys;            /* sign vectors of neuron facets seen once */
    slong * key_region, * key_facet, key_alloc;
    char * key_matched;
    slong * adj, nadj, adj_alloc;   /* (i, f, j, g) */
}
cert_regions_struct;

typedef cert_regions_struct cert_regions_t[1];

/* Starts a certificate on fp for the regions of net in domain (described by
   desc, e.g. "box [-1,1]^2"): writes the header, network and domain. */
void cert_regions_init(cert_regions_t W, FILE * fp, const net_t net, const poly_t domain, const char * desc);
/* Writes region R (call in enumeration order, from the enumeration callback).
   RELU_E_INTERNAL if a check of our own fails (a facet in three regions, a
   constraint that is not implied). */
int cert_regions_add(cert_regions_t W, const region_struct * R, rc_error_t err);
/* Writes adjacency and counts; RELU_E_INTERNAL if a neuron facet has no region
   on its other side. Does not close fp. */
int cert_regions_finish(cert_regions_t W, rc_error_t err);
void cert_regions_clear(cert_regions_t W);

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

#endif
