/* The neural-polytope experiment behind `relucert sphere-fit` (NOTES section 1):
   a small ReLU network fitted to the unit sphere in floating point, its weights
   rationalised, and everything reported about the rationalised network exact:
   the sublevel set {N <= T} (levelset_compute), its convexity, f-vector and
   combinatorial type, its polar dual with the verified anti-isomorphism of the
   face lattices (polytope_polar_report_compute, centre: the origin, else the
   vertex centroid), and for one hidden layer the zonotope duality
   {N <= T} = polar of Z/(T - c0). Other activations (issue 16): leaky, abs and
   hardtanh networks are graphs, analysed exactly the same way through their
   lowering; for smooth ones (sigmoid, tanh, softplus, gelu) {N <= T} is only
   sampled in floating point (the "smooth analogue", train_float_levelset). */
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
    train_act act;                /* of the hidden units (0: relu) */
}
train_spherefit_params;

/* {N <= level} of a float network with 2 inputs sampled on grid x grid points
   of [-box, box]^2 (float_levelset.c): a drawing and float statistics only. */
typedef struct
{
    slong grid, inside;           /* samples per axis; samples with N <= level */
    double box, level, area;      /* area: inside times a cell's area */
    double rmin, rmax;            /* |p| over the contour's points */
    int touches;                  /* a sample on the grid's border is inside */
    slong nseg;
    double * seg;                 /* contour segments (x0, y0, x1, y1) */
}
train_float_levelset;

void train_float_levelset_init(train_float_levelset * F);
void train_float_levelset_clear(train_float_levelset * F);
void train_float_levelset_compute(train_float_levelset * F, const train_net_t T, double level, slong grid,
                                  double box);
void train_float_levelset_write_json(jout_t out, const train_float_levelset * F);

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
    fmpq_t slope;                 /* leaky's (exact; the training used its double) */
    jnode * graph;                /* the rationalised network as a graph (not relu; else NULL) */
    train_net_t F;                /* the float network (kept for a smooth activation) */
    int have_float;
    train_float_levelset FL;      /* smooth activation, 2 inputs: {N <= T} in floating point */
}
train_spherefit_struct;

typedef train_spherefit_struct train_spherefit_t[1];

void train_spherefit_init(train_spherefit_t S);
void train_spherefit_clear(train_spherefit_t S);
/* The float part: samples, initialisation, Adam with the activation p->act
   (leaky: slope, its double in training), rationalisation into S->net
   (deterministic given the parameters, the build and the C library). A
   piecewise-linear activation other than relu is rationalised as a graph
   (S->graph, network format 2) and S->net is its lowering; a smooth one keeps
   the float network only (S->F). RELU_E_INPUT: --convex with an activation
   that does not keep N convex (allowed: relu, leaky with slope in [0, 1],
   softplus, abs with one hidden layer), or a smooth activation with dim != 2. */
int train_spherefit_fit(train_spherefit_t S, const train_spherefit_params * p, const fmpq_t slope, rc_error_t err);
/* After train_spherefit_fit: the exact part about S->net and the level T; for a
   smooth activation the float level set S->FL instead (nothing exact). */
int train_spherefit_analyse(train_spherefit_t S, const fmpq_t T, rc_error_t err);
/* Both. */
int train_spherefit_compute(train_spherefit_t S, const train_spherefit_params * p, const fmpq_t slope,
                            const fmpq_t T, rc_error_t err);
void train_spherefit_write_json(jout_t out, const train_spherefit_t S);
/* The rationalised network to path: the graph (leaky, abs, hardtanh) or the
   version-1 network (relu); RELU_E_INPUT for a smooth activation (none). */
int train_spherefit_write_network(const char * path, const train_spherefit_t S, rc_error_t err);
void train_spherefit_write_text(FILE * fp, const train_spherefit_t S);

#endif
