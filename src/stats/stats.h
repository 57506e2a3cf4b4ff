/* Face statistics of the regions of families of networks (NOTES section 2).

   For each network of a reproducible random family (src/random: kind,
   dimension, widths, seed) the activation regions in a domain are enumerated
   exactly and the complex module counts each region's facets: the facet
   histogram and the mean number of facets per region, an exact rational.
   Over the family: the mean of the per-network means, their minimum and
   maximum (with the seeds), range and population variance, all exact, the
   summed histogram, and every network whose mean exceeds 2d.

   The published statement (Gaines & Bi, ICLR 2026, generalising Fan et al.
   2023): almost surely the mean number of facets of the d-regions over R^d is
   <= 2d, and for one hidden layer of n units in general position it is
   2 N_{d-1} / N_d with N_d = sum_{i<=d} C(n,i) regions and
   N_{d-1} = n sum_{i<=d-1} C(n-1,i) cells of dimension d-1 (each a facet of two
   regions). Integer or rationalised random weights need not be in general
   position; stats_general_position decides it exactly. In a bounded domain the
   domain's own facets count too, and the bound is not claimed there. */
#ifndef RELUCERT_STATS_H
#define RELUCERT_STATS_H

#include <stdio.h>
#include <flint/fmpq.h>
#include "json/json.h"
#include "net/net.h"
#include "poly/poly.h"
#include "util/error.h"

typedef struct
{
    ulong seed;
    slong regions;
    slong hist_len;          /* hist[f] = regions with f facets, f < hist_len */
    slong * hist;
    fmpq_t mean;             /* mean facets per region */
    int general_position;    /* one hidden layer: 1 or 0; deeper networks: -1 */
}
stats_network_struct;

typedef stats_network_struct stats_network_t[1];

void stats_network_init(stats_network_t s);
void stats_network_clear(stats_network_t s);
/* Regions of net inside domain, their facet histogram and mean facets (the
   complex's Euler characteristic is checked on the way). */
int stats_network_compute(stats_network_t s, const net_t net, const poly_t domain, rc_error_t err);

/* One hidden layer: 1 if its hyperplanes {w_i . x + b_i = 0} are in general
   position in R^d (any k <= d normals linearly independent, any d + 1
   hyperplanes without a common point), decided exactly; -1 for deeper networks. */
int stats_general_position(const net_t net);

/* n hyperplanes in general position in R^d: regions N_d and mean facets
   2 N_{d-1} / N_d (NOTES section 0). */
void stats_general_position_formula(fmpz_t regions, fmpq_t mean, slong d, slong n);

typedef struct
{
    slong dim;
    slong num, alloc;
    stats_network_struct * nets;   /* in seed order */
    slong nskipped;                /* seeds skipped for lack of general position */
    ulong * skipped;
    fmpq_t mean_of_means, min, max, range, variance;
    slong argmin, argmax;          /* index into nets */
    slong hist_len;
    slong * hist;                  /* summed over the family */
    slong regions;                 /* summed over the family */
    slong nviolations;             /* networks with mean > 2 dim */
    int named_by_line;             /* from a file: "seed" is the network's line number */
}
stats_family_struct;

typedef stats_family_struct stats_family_t[1];

void stats_family_init(stats_family_t F);
void stats_family_clear(stats_family_t F);
/* The family net_random(kind, dim, widths, seed), seed = seed0..seed1. With
   require_gp (one hidden layer only) networks not in general position are
   skipped (their seeds recorded) and seeds after seed1 are drawn until the
   family has seed1 - seed0 + 1 members (at most 1000 skips, else
   RELU_E_LIMIT). */
int stats_family_compute(stats_family_t F, const char * kind, slong dim, slong nwidths, const slong * widths,
                         ulong seed0, ulong seed1, const poly_t domain, int require_gp, rc_error_t err);

/* The family of the networks of L (JSON Lines, net_lines_read_file), all with
   the same input dimension; each member's seed is its line number. */
int stats_family_compute_nets(stats_family_t F, const net_lines_t L, const poly_t domain, rc_error_t err);

/* ---- the analysis behind `relucert stats` ---------------------------------------- */
/* The family of stats_family_compute plus what is reported about it: the
   pooled mean (all facets over all regions), the bound 2d, and for one hidden
   layer over R^d the general-position formula, which every network in
   general position must reproduce (RELU_E_INTERNAL otherwise), with the
   number of networks that match it. */
typedef struct
{
    stats_family_t F;
    const char * kind;             /* not owned */
    const char * file;             /* the networks' file (not owned), NULL for a random family */
    slong dim, nwidths;
    slong * widths;                /* a copy */
    ulong seed0, seed1;
    int require_gp;
    char desc[256];                /* the domain's description */
    int have_formula;              /* one hidden layer over R^d */
    fmpz_t formula_regions;
    fmpq_t formula_mean, pooled, bound;
    slong matches;
}
stats_report_struct;

typedef stats_report_struct stats_report_t[1];

void stats_report_init(stats_report_t S);
void stats_report_clear(stats_report_t S);
/* desc: the domain's description (at most 255 characters are kept). */
int stats_report_compute(stats_report_t S, const char * kind, slong dim, slong nwidths, const slong * widths,
                         ulong seed0, ulong seed1, const poly_t domain, const char * desc, int require_gp,
                         rc_error_t err);
/* The same over the networks of L read from path (kind "file"; seeds are line
   numbers): every network must have the widths of the first. */
int stats_report_compute_nets(stats_report_t S, const net_lines_t L, const char * path, const poly_t domain,
                              const char * desc, rc_error_t err);
void stats_report_write_json(jout_t out, const stats_report_t S);
void stats_report_write_text(FILE * fp, const stats_report_t S);

#endif
