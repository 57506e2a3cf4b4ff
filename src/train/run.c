/* `relucert train-float`: float training with rationalised checkpoints, and
   the writers of a checkpoint record. */
#include <math.h>
#include <string.h>
#include "train/train.h"

static int
_checkpoint(const train_float_opts * o, const train_net_t T, const train_data_t D, slong e,
            int (*report)(void *, const train_checkpoint *), void * data, rc_error_t err)
{
    train_checkpoint c;
    c.epoch = e;
    snprintf(c.path, sizeof(c.path), "%s-epoch%ld.json", o->prefix, (long) e);
    net_t net;
    net_init(net);
    train_net_rationalise(net, T, o->max_den);
    int status = net_write_file(c.path, net, err);
    net_clear(net);
    if (status == RELU_OK)
    {
        c.loss = train_net_loss(T, D);
        c.accuracy = train_net_accuracy(T, D);
        status = report(data, &c);
    }
    return status;
}

int
train_float_run(const train_float_opts * o, int (*report)(void *, const train_checkpoint *), void * data,
                rc_error_t err)
{
    train_data_t D;
    if (train_data_make(D, o->dataset, o->samples, o->seed, err))
        return err->code;
    train_net_t T;
    train_net_init(T, o->nwidths, o->widths, o->seed);
    int status = RELU_OK;
    for (slong e = 0; e <= o->epochs && status == RELU_OK; e++)
    {
        for (slong i = 0; i < o->ncheckpoints && status == RELU_OK; i++)
            if (o->checkpoints[i] == e && !(i > 0 && o->checkpoints[i - 1] == e))
                status = _checkpoint(o, T, D, e, report, data, err);
        if (e < o->epochs)
            train_net_step(T, D, o->lr);
    }
    train_net_clear(T);
    train_data_clear(D);
    return status;
}

/* a JSON number written as printf writes it (a float diagnostic, not an exact value) */
static void
_number(jout_t out, const char * fmt, double v)
{
    char buf[64];
    if (!isfinite(v))
    {
        jout_null(out);     /* a diverged training: no JSON number for it */
        return;
    }
    snprintf(buf, sizeof(buf), fmt, v);
    jnode n = { JNODE_NUMBER, buf, strlen(buf), 0, NULL, NULL };
    jout_node(out, &n);
}

void
train_checkpoint_write_json(jout_t out, const train_checkpoint * c)
{
    jout_begin_object(out);
    jout_key(out, "epoch"); jout_int(out, c->epoch);
    jout_key(out, "loss"); _number(out, "%.6f", c->loss);
    jout_key(out, "accuracy"); _number(out, "%.4f", c->accuracy);
    jout_key(out, "file"); jout_string(out, c->path);
    jout_end_object(out);
}

void
train_checkpoint_write_text(FILE * fp, const train_checkpoint * c)
{
    fprintf(fp, "epoch %ld: loss %.6f, accuracy %.4f -> %s\n", (long) c->epoch, c->loss, c->accuracy, c->path);
}
