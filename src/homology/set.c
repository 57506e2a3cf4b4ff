/* The homology of a sub-, super- or level set of one output of a network:
   the whole analysis behind `relucert homology`, the Python facade and batch
   (threshold neuron, cells cut from the complex, Smith reduction), and its one
   JSON and one text writer. */
#include <string.h>
#include "homology/homology.h"
#include "complex/complex.h"

void
homology_set_init(homology_set_t S)
{
    memset(S, 0, sizeof(homology_set_struct));
    fmpq_init(S->T);
    chain_complex_init(S->K, 0);
    homology_init(S->H);
}

void
homology_set_clear(homology_set_t S)
{
    if (S->points != NULL)
    {
        for (slong k = 0; k <= S->n; k++)
            if (S->points[k] != NULL)
                _fmpq_vec_clear(S->points[k], FLINT_MAX(S->K->num[k], 1) * S->n);
        flint_free(S->points);
    }
    homology_clear(S->H);
    chain_complex_clear(S->K);
    fmpq_clear(S->T);
}

int
homology_set_mask(int * mask, const char * set, rc_error_t err)
{
    if (set != NULL && strcmp(set, "superlevel") == 0)
        *mask = COMPLEX_ZERO | COMPLEX_POS;
    else if (set != NULL && strcmp(set, "sublevel") == 0)
        *mask = COMPLEX_ZERO | COMPLEX_NEG;
    else if (set != NULL && strcmp(set, "level") == 0)
        *mask = COMPLEX_ZERO;
    else
        return rc_error_set(err, RELU_E_INPUT, "set: expected \"superlevel\", \"sublevel\" or \"level\", got \"%s\"",
                            set != NULL ? set : "(none)");
    return RELU_OK;
}

int
homology_set_compute(homology_set_t S, const net_t net, slong output, const char * set, const fmpq_t T,
                     const poly_t domain, const char * desc, int with_points, rc_error_t err)
{
    int mask, status = homology_set_mask(&mask, set, err);
    if (status)
        return status;
    if (output < 0 || output >= net_num_outputs(net))
        return rc_error_set(err, RELU_E_INPUT, "output %ld out of range (the network has %ld outputs)",
                            (long) output, (long) net_num_outputs(net));
    S->set = strcmp(set, "superlevel") == 0 ? "superlevel" : strcmp(set, "sublevel") == 0 ? "sublevel" : "level";
    S->output = output;
    fmpq_set(S->T, T);
    snprintf(S->domain, sizeof(S->domain), "%s", desc);
    S->compactified = !poly_is_bounded(domain);
    net_t tnet;
    net_init(tnet);
    status = net_threshold_net(tnet, net, output, T, err);
    if (status == RELU_OK && with_points)
    {
        S->n = net->input_dim;
        S->points = flint_calloc(S->n + 1, sizeof(fmpq *));
    }
    if (status == RELU_OK)
        status = homology_cells_progress(S->K, S->points, tnet, domain, net_num_hidden(tnet) - 1, mask,
                                         S->progress, err);
    if (status == RELU_OK)
        homology_compute(S->H, S->K);
    net_clear(tnet);
    return status;
}

static slong
_homology_set_cells(const homology_set_t S)
{
    slong cells = 0;
    for (slong k = 0; k <= S->H->top; k++)
        cells += S->H->cells[k];
    return cells;
}

void
homology_set_write_json(jout_t out, const homology_set_t S)
{
    const homology_struct * H = S->H;
    slong n = H->top;
    jout_begin_object(out);
    jout_key(out, "betti");
    jout_begin_array(out);
    for (slong k = 0; k <= n; k++)
        jout_int(out, H->betti[k]);
    jout_end_array(out);
    jout_key(out, "torsion");
    jout_begin_array(out);
    for (slong k = 0; k <= n; k++)
        jout_fmpz_vec(out, H->torsion[k], H->ntorsion[k]);
    jout_end_array(out);
    jout_key(out, "euler"); jout_int(out, homology_euler(H));
    jout_key(out, "cells");
    jout_begin_array(out);
    for (slong k = 0; k <= n; k++)
        jout_int(out, H->cells[k]);
    jout_end_array(out);
    jout_key(out, "empty"); jout_bool(out, _homology_set_cells(S) == 0);
    jout_key(out, "set"); jout_string(out, S->set);
    jout_key(out, "threshold"); jout_fmpq_str(out, S->T);
    jout_key(out, "output"); jout_int(out, S->output);
    jout_key(out, "domain"); jout_string(out, S->domain);
    jout_key(out, "compactified"); jout_bool(out, S->compactified);
    jout_end_object(out);
}

void
homology_set_write_text(FILE * fp, const homology_set_t S)
{
    const homology_struct * H = S->H;
    slong n = H->top, nt = 0;
    char * ts = fmpq_get_str(NULL, 10, S->T);
    fprintf(fp, "%s set of output %ld at %s in %s%s\n", S->set, (long) S->output, ts, S->domain,
            _homology_set_cells(S) == 0 ? ": empty (all Betti numbers 0)" : "");
    flint_free(ts);
    if (S->compactified)
        fprintf(fp, "(unbounded domain: reduced homology of the one-point compactification)\n");
    fprintf(fp, "cells:");
    for (slong k = 0; k <= n; k++)
        fprintf(fp, " %ld", (long) H->cells[k]);
    fprintf(fp, "\nBetti numbers:");
    for (slong k = 0; k <= n; k++)
        fprintf(fp, " %ld", (long) H->betti[k]);
    fprintf(fp, "\ntorsion:");
    for (slong k = 0; k <= n; k++)
        for (slong i = 0; i < H->ntorsion[k]; i++, nt++)
        {
            char * s = fmpz_get_str(NULL, 10, H->torsion[k] + i);
            fprintf(fp, " H_%ld: Z/%s", (long) k, s);
            flint_free(s);
        }
    fprintf(fp, "%s\nEuler characteristic: %ld\n", nt ? "" : " none", (long) homology_euler(H));
}
