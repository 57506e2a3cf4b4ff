/* The neural-polytope experiment behind `relucert sphere-fit` (NOTES section 1):
   a small ReLU network fitted to the unit sphere in floating point, its weights
   rationalised, and everything reported about the rationalised network exact:
   the sublevel set {N <= T} (levelset_compute), its convexity, f-vector and
   combinatorial type, its polar dual with the verified anti-isomorphism of the
   face lattices (polytope_polar_report_compute, centre: the origin, else the
   vertex centroid), and for one hidden layer the zonotope duality
   {N <= T} = polar of Z/(T - c0). */
#ifndef RELUCERT_TRAIN_SPHEREFIT_H
#define RELUCERT_TRAIN_SPHEREFIT_H

#include <stdio.h>
#include "train/train.h"
#include "levelset/levelset.h"   /* the level sets (and, through it, polytopes) */
#include "polytope/report.h"

typedef struct
{
    slong dim, units, layers;     /* input dimension, units per hidden layer, hidden layers */
    ulong seed;
    slong samples, epochs, max_den;
    double lr;
    int convex;                   /* projected Adam: weights after the first layer >= 0 */
}
train_spherefit_params;

typedef struct
{
    train_spherefit_params p;
    double loss;                  /* float MSE after training (a diagnostic) */
    net_t net;                    /* the rationalised network */
    fmpq_t T;
    levelset_t L;                 /* {N <= T} over R^dim */
    int have_poly;                /* convex, bounded, full-dimensional */
    const char * note;            /* why there is no polytope, else NULL */
    int simple, simplicial, dual_simple, dual_simplicial;
    fmpq_t r2min, r2max;          /* |v|^2 over the vertices */
    polytope_polar_report_t polar;
    int applies;                  /* layers == 1: the zonotope duality applies */
    char reason[256];             /* when it does not */
    polytope_t Z;
    slong * zv, * zf;
    slong zk;                     /* generators of Z recognised (0: beyond 12) */
    fmpq * zgens;
}
train_spherefit_struct;

typedef train_spherefit_struct train_spherefit_t[1];

void train_spherefit_init(train_spherefit_t S);
void train_spherefit_clear(train_spherefit_t S);
/* The float part: samples, initialisation, Adam, rationalisation into S->net
   (deterministic given the parameters, the build and the C library). */
void train_spherefit_fit(train_spherefit_t S, const train_spherefit_params * p);
/* The exact part about S->net and the level T (after train_spherefit_fit). */
int train_spherefit_analyse(train_spherefit_t S, const fmpq_t T, rc_error_t err);
/* Both. */
int train_spherefit_compute(train_spherefit_t S, const train_spherefit_params * p, const fmpq_t T, rc_error_t err);
void train_spherefit_write_json(jout_t out, const train_spherefit_t S);
void train_spherefit_write_text(FILE * fp, const train_spherefit_t S);

#endif
