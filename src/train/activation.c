/* Activations other than ReLU for the float networks (train.h): values,
   derivatives, the float forward pass. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "train/train.h"

static const char * const _names[TRAIN_NUM_ACTS] = {
    "relu", "leaky", "abs", "hardtanh", "sigmoid", "tanh", "softplus", "gelu" };

const char *
train_act_name(train_act a)
{
    return a >= 0 && a < TRAIN_NUM_ACTS ? _names[a] : "?";
}

int
train_act_from_name(train_act * a, const char * name, rc_error_t err)
{
    for (int k = 0; k < TRAIN_NUM_ACTS; k++)
        if (strcmp(name, _names[k]) == 0)
        {
            *a = (train_act) k;
            return RELU_OK;
        }
    return rc_error_set(err, RELU_E_INPUT, "unknown activation \"%.40s\" (expected relu, leaky, abs, hardtanh, "
                        "sigmoid, tanh, softplus or gelu)", name);
}

static double
_sigmoid(double z)
{
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

double
train_act_eval(train_act a, double slope, double z)
{
    switch (a)
    {
        case TRAIN_ACT_RELU: return z < 0 ? 0 : z;
        case TRAIN_ACT_LEAKY: return z < 0 ? slope * z : z;
        case TRAIN_ACT_ABS: return fabs(z);
        case TRAIN_ACT_HARDTANH: return z < -1 ? -1 : z > 1 ? 1 : z;
        case TRAIN_ACT_SIGMOID: return _sigmoid(z);
        case TRAIN_ACT_TANH: return tanh(z);
        case TRAIN_ACT_SOFTPLUS: return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
        default: return 0.5 * z * (1 + erf(z / sqrt(2.0)));       /* gelu */
    }
}

double
train_act_deriv(train_act a, double slope, double z)
{
    const double inv_sqrt_2pi = 0.39894228040143267794;
    switch (a)
    {
        case TRAIN_ACT_RELU: return z > 0;
        case TRAIN_ACT_LEAKY: return z > 0 ? 1 : slope;
        case TRAIN_ACT_ABS: return z > 0 ? 1 : z < 0 ? -1 : 0;
        case TRAIN_ACT_HARDTANH: return z > -1 && z < 1;
        case TRAIN_ACT_SIGMOID: return _sigmoid(z) * (1 - _sigmoid(z));
        case TRAIN_ACT_TANH: return 1 - tanh(z) * tanh(z);
        case TRAIN_ACT_SOFTPLUS: return _sigmoid(z);
        default: return 0.5 * (1 + erf(z / sqrt(2.0))) + z * inv_sqrt_2pi * exp(-0.5 * z * z);
    }
}

double
train_net_eval(const train_net_t T, const double * x)
{
    slong wmax = 1;
    for (slong j = 0; j <= T->nlayers; j++)
        wmax = FLINT_MAX(wmax, T->widths[j]);
    double * a = flint_malloc(wmax * sizeof(double)), * h = flint_malloc(wmax * sizeof(double));
    memcpy(a, x, T->widths[0] * sizeof(double));
    for (slong j = 0; j < T->nlayers; j++)
    {
        slong r = T->widths[j + 1], c = T->widths[j];
        for (slong i = 0; i < r; i++)
        {
            double s = T->b[j][i];
            for (slong k = 0; k < c; k++)
                s += T->W[j][i * c + k] * a[k];
            h[i] = j + 1 < T->nlayers ? train_act_eval(T->act, T->slope, s) : s;
        }
        memcpy(a, h, r * sizeof(double));
    }
    double y = a[0];
    flint_free(a);
    flint_free(h);
    return y;
}
