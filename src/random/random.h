/* Reproducible random network families (ground-truth data for float tools).

   Every network is a deterministic function of (kind, dimension, widths,
   seed): the generator is a xorshift64* stream seeded from the seed, no
   global state, and rational weights are built exactly, so the same
   arguments give the same bytes on every machine. ("gauss" and "he" draw
   normal deviates in double precision and rationalise them with bounded
   denominators; those depend on the C library's log/cos/sqrt, which agree
   across glibc builds on IEEE machines but are not guaranteed elsewhere.)

   Kinds:
     int         weights and biases uniform integers in [-4, 4]
     rat         small rationals p/q, |p| <= 9, 1 <= q <= 6
     wide        p/q with |p| <= 999, 1 <= q <= 99
     gauss       N(0, 1) weights, N(0, 1/4) biases, denominators <= 1000
     he          N(0, 2/fan_in) weights (He initialisation), zero biases, denominators <= 1000
     degenerate  weights in {-1, 0, 1}, biases in {-1, 0, 1}; each neuron after the first
                 repeats or negates an earlier one with probability 1/3
     ring        one hidden layer of outward ramps relu(w_i . x - 1/2) whose directions
                 positively span R^n, output sum - 1/20: {f >= 0} has a hole around
                 the origin (a ring in R^2, a shell in R^3); widths gives the neuron count
     braid, shi, catalan, semiorder, linial, coordinate
                 the classical arrangements as one hidden layer (x_i - x_j = 0; = 0, 1;
                 = -1, 0, 1; = -1, 1; = 1; x_i = 0), output weights 1; widths ignored
     resonance   sum_{i in S} x_i = 0 for every nonempty S (2^n - 1 hyperplanes)
     typeB, typeD  x_i = 0 (B only) and x_i +- x_j = 0 (n^2 and n(n-1) hyperplanes)
     threshold   v.(x_1..x_{n-1}) = x_n for v in {0,1}^(n-1) (2^(n-1) hyperplanes through 0;
                 one region per threshold function of n-1 variables, OEIS A000609)
     generic     widths[0] (default 2n) affine hyperplanes in general position:
                 s x_1 + s^2 x_2 + ... + s^n x_n + 1 = 0 for distinct s drawn from the seed */
#ifndef RELUCERT_RANDOM_H
#define RELUCERT_RANDOM_H

#include "net/net.h"

/* net (initialised) becomes the network; RELU_E_INPUT for an unknown kind or bad shape. */
int net_random(net_t net, const char * kind, slong dim, slong nwidths, const slong * widths, ulong seed,
               rc_error_t err);

#endif
