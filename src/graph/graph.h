/* The dual graph of the region complex and its Laplacian spectrum.

   Nodes are the regions (in enumeration order, the order of regions --list),
   edges the pairs of regions that share a facet, found exactly from the
   complex: a facet is an (n-1)-face, identified across regions by its sign
   vector; interior facets lie in exactly two regions, facets on the domain's
   boundary in one. Weighted variant: the weight of an edge is the number of
   vertices of the shared facet (an exact integer; it grows with the facet's
   complexity, a combinatorial stand-in for its size, whose volume is
   irrational in general).

   Spectrum: certified enclosures of the Laplacian eigenvalues (arb:
   approximate QR eigenvalues certified by acb_mat_eig_multiple), and for a
   simple Fiedler value a Fiedler vector whose signs are certified by the
   residual bound sin(angle) <= |L v - mu v| / (gap |v|) (Davis-Kahan): an
   entry whose distance from 0 exceeds sqrt(2) times that bound has a certain
   sign, the others are reported as '?'. */
#ifndef RELUCERT_GRAPH_H
#define RELUCERT_GRAPH_H

#include <arb.h>
#include <flint/fmpz_mat.h>
#include "net/net.h"
#include "poly/poly.h"
#include "util/error.h"
#include "json/json.h"

typedef struct
{
    slong nodes, nedges, alloc;
    slong * edges;          /* 2 * nedges: i < j, sorted */
    slong * weight;         /* vertices of the shared facet */
    slong * facets;         /* per node: facets of the region */
    slong * boundary;       /* per node: facets on the domain's boundary */
    int * cls;              /* per node: sign of f - T at the interior point; 2 if f - T changes sign on the region */
}
dualgraph_struct;

typedef dualgraph_struct dualgraph_t[1];

void dualgraph_init(dualgraph_t G);
void dualgraph_clear(dualgraph_t G);
/* Builds the dual graph of net's regions inside domain. If T is not NULL, each
   node gets the class of output `output` against T. */
int dualgraph_build(dualgraph_t G, const net_t net, const poly_t domain, slong output, const fmpq_t T,
                    rc_error_t err);
/* Laplacian D - A (weighted: D_w - A_w). */
void dualgraph_laplacian(fmpz_mat_t L, const dualgraph_t G, int weighted);

typedef struct
{
    slong n;
    arb_ptr eig;            /* certified enclosures, sorted, with multiplicity */
    int fiedler_simple;     /* 1 if lambda_2 is certified simple */
    arb_ptr vec;            /* approximate unit Fiedler vector (midpoints) when simple */
    arb_t err;              /* certified bound on |vec_i - u_i| for the true unit eigenvector u (sign aligned) */
    char * partition;       /* '+', '-', '?' per node */
}
spectrum_struct;

typedef spectrum_struct spectrum_t[1];

void spectrum_init(spectrum_t S);
void spectrum_clear(spectrum_t S);
/* Eigenvalue enclosures and the certified Fiedler partition of a symmetric
   integer matrix (n >= 2). Returns RELU_E_INTERNAL if certification fails at
   every precision tried. */
int spectrum_compute(spectrum_t S, const fmpz_mat_t L, rc_error_t err);
/* Decimal strings lo <= x <= hi with `digits` digits after the point (directed rounding). */
void arb_get_decimal_bounds(char ** lo, char ** hi, const arb_t x, slong digits);

/* ---- the analysis of `relucert dualgraph` (src/graph/report.c) ------------------ */
typedef struct
{
    dualgraph_t G;
    spectrum_t S;
    int weighted;
    int list_edges;          /* the JSON includes edge_list */
    int threshold;           /* classes against a threshold were compared */
    slong output;
    slong * degrees;         /* per node */
    char * lo, * hi;         /* the Fiedler value's certified decimal bounds */
    slong agree, compared, crossed;
    fmpq_t fraction;         /* max(agree, compared - agree) / compared when compared > 0 */
    char domain[256];
}
dualgraph_report_struct;

typedef dualgraph_report_struct dualgraph_report_t[1];

void dualgraph_report_init(dualgraph_report_t R);
void dualgraph_report_clear(dualgraph_report_t R);
/* The dual graph of net's regions in domain (desc: its description), its
   (weighted) Laplacian's certified Fiedler value and partition, and, when T is
   not NULL, the partition's agreement with the classes sign(f_output - T). */
int dualgraph_analyze(dualgraph_report_t R, const net_t net, const poly_t domain, const char * desc, slong output,
                      const fmpq_t T, int weighted, int list_edges, rc_error_t err);
/* The report as `relucert dualgraph --json` prints it (one object), and as text. */
void dualgraph_report_write_json(jout_t out, const dualgraph_report_t R);
void dualgraph_report_write_text(FILE * fp, const dualgraph_report_t R);
/* The graph with its partition in Graphviz DOT and in GraphML. */
void dualgraph_report_write_dot(FILE * fp, const dualgraph_report_t R);
void dualgraph_report_write_graphml(FILE * fp, const dualgraph_report_t R);

#endif
