/* A float-based region counter, as float tools do it: evaluate the network in
   double precision on a grid and count the distinct activation patterns seen.
   It exists to be validated against the exact engine (ground-truth data,
   issue 11): it misses regions thinner than the grid spacing and mislabels
   grid points that lie exactly on a bent hyperplane, which a rational grid
   hits often. Nothing exact is decided here. */
#ifndef RELUCERT_FLOATREF_H
#define RELUCERT_FLOATREF_H

#include "net/net.h"
#include "poly/poly.h"
#include "json/json.h"

typedef struct
{
    slong points;           /* grid points evaluated */
    slong patterns;         /* distinct patterns seen in double precision */
    slong exact_patterns;   /* distinct patterns of points off every bent hyperplane, exactly */
    slong on_boundary;      /* points with an exactly zero pre-activation */
    slong mislabelled;      /* points whose float sign vector differs from the exact one */
}
floatref_report;

/* The grid of n points per axis on [lo, hi]^d (n^d <= 10^6). */
int floatref_grid_count(floatref_report * r, const net_t net, const fmpq_t lo, const fmpq_t hi, slong n,
                        rc_error_t err);

/* `relucert float-count`: the float grid counter against the exact region count. */
typedef struct
{
    floatref_report fr;
    slong regions;          /* exact regions in the domain */
    char domain[256];
}
floatref_comparison;

/* The grid of n points per axis on [lo, hi]^d against the exact regions of
   net in domain (the same box; desc: its description). */
int floatref_compare(floatref_comparison * c, const net_t net, const poly_t domain, const char * desc,
                     const fmpq_t lo, const fmpq_t hi, slong n, rc_error_t err);
/* The comparison as `relucert float-count --json` prints it (one object), and as text. */
void floatref_comparison_write_json(jout_t out, const floatref_comparison * c);
void floatref_comparison_write_text(FILE * fp, const floatref_comparison * c);

#endif
