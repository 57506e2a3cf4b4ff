/* Dual graph certificates (see cert.h): the regions certificate of the
   complex (from which the checker derives the graph), an integer Fiedler
   vector and, per sigma, the factor whose exact check bounds the inertia of
   L - sigma I (graph.h, proofs/CHECKER.md "Dual graph certificates"). */
#include "cert/cert.h"
#include "util/version.h"

static int
_add_region(void * data, const region_struct * R)
{
    cert_regions_struct * W = ((void **) data)[0];
    rc_error_struct * err = ((void **) data)[1];
    return cert_regions_add(W, R, err) ? err->code : 0;
}

static void
_write_factor(jout_t out, const fiedler_struct * Fd, int s)
{
    slong n = Fd->n;
    jout_begin_object(out);
    jout_key(out, "sigma"); jout_fmpq_str(out, Fd->sigma[s]);
    jout_key(out, "negative"); jout_int(out, Fd->neg[s]);
    jout_key(out, "D");
    jout_begin_array(out);
    for (slong k = 0; k < n; k++)
        jout_int(out, Fd->dz[s][k]);
    jout_end_array(out);
    jout_key(out, "L");
    jout_begin_array(out);
    for (slong k = 0; k < n; k++)
    {
        jout_begin_array(out);
        for (slong p = Fd->colp[k]; p < Fd->colp[k + 1]; p++)
        {
            jout_int(out, Fd->row[p]);
            jout_int(out, Fd->lz[s][p]);
        }
        jout_end_array(out);
    }
    jout_end_array(out);
    jout_end_object(out);
}

int
cert_dualgraph_write(FILE * fp, const dualgraph_report_t R, const net_t net, const poly_t domain,
                     const char * desc, rc_error_t err)
{
    const fiedler_struct * Fd = R->Fd;
    slong n = R->G->nodes;
    if (Fd->v == NULL || !Fd->certified[0])
        return rc_error_set(err, RELU_E_UNSUPPORTED, "--certificate: the sparse path certifies graphs of at "
                            "least 3 regions (found %ld)", (long) n);
    jout_t out;
    jout_init(out, fp, 0, 0);
    jout_begin_object(out);
    jout_key(out, "certificate"); jout_string(out, "dualgraph");
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_key(out, "input_dim"); jout_int(out, net->input_dim);
    jout_key(out, "hidden_neurons"); jout_int(out, net_num_hidden(net));
    jout_key(out, "network"); net_write_jout(out, net);
    cert_regions_t W;
    jout_key(out, "complex");
    cert_regions_init_jout_format(W, out, net, domain, desc, 1);
    void * data[2] = { W, err };
    int status = regions_enumerate(net, domain, _add_region, data);
    if (status == RELU_OK)
        status = cert_regions_finish(W, err);
    else if (err->code == RELU_OK)
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: certificate: the regions enumeration failed");
    if (status == RELU_OK && W->regions != n)
        status = rc_error_set(err, RELU_E_INTERNAL, "internal error: certificate: %ld regions, the graph has %ld",
                              (long) W->regions, (long) n);
    cert_regions_clear(W);
    char * lo, * hi;
    graph_decimal_bounds_fmpq(&lo, &hi, Fd->lo, Fd->hi, 20);
    jout_key(out, "laplacian"); jout_string(out, "unweighted");
    jout_key(out, "nodes"); jout_int(out, n);
    jout_key(out, "edges"); jout_int(out, R->G->nedges);
    jout_key(out, "fiedler_value");
    jout_begin_array(out);
    jout_string(out, lo);
    jout_string(out, hi);
    jout_end_array(out);
    jout_key(out, "fiedler_simple"); jout_bool(out, Fd->simple);
    jout_key(out, "partition");
    jout_begin_array(out);
    for (slong i = 0; i < n; i++)
    {
        char s[2] = { Fd->partition[i], 0 };
        jout_string(out, s);
    }
    jout_end_array(out);
    jout_key(out, "vector");
    jout_begin_array(out);
    for (slong i = 0; i < n; i++)
        jout_fmpz(out, Fd->v + i);
    jout_end_array(out);
    jout_key(out, "order");
    jout_begin_array(out);
    for (slong k = 0; k < n; k++)
        jout_int(out, Fd->perm[k]);
    jout_end_array(out);
    jout_key(out, "scale"); jout_int(out, FIEDLER_SCALE);
    jout_key(out, "inertia");
    jout_begin_array(out);
    for (int s = 0; s < 2; s++)
        if (Fd->certified[s])
            _write_factor(out, Fd, s);
    jout_end_array(out);
    jout_end_object(out);
    jout_clear(out);
    flint_free(lo);
    flint_free(hi);
    return status;
}
