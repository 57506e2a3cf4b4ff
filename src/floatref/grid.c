#include <stdlib.h>
#include <string.h>
#include "floatref/floatref.h"
#include "util/bitset.h"
#include "regions/regions.h"

/* double-precision forward pass; signs of the hidden pre-activations */
static void
_eval_double(signed char * sg, const net_t net, double ** W, double ** b, const double * x, double * buf, double * nxt)
{
    slong n = net->input_dim, at = 0, width = n;
    memcpy(buf, x, n * sizeof(double));
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        slong r = net->layers[j].W->r;
        for (slong i = 0; i < r; i++)
        {
            double s = b[j][i];
            for (slong k = 0; k < width; k++)
                s += W[j][i * width + k] * buf[k];
            sg[at++] = (s > 0) - (s < 0);
            nxt[i] = s > 0 ? s : 0;
        }
        memcpy(buf, nxt, r * sizeof(double));
        width = r;
    }
}

int
floatref_grid_count(floatref_report * r, const net_t net, const fmpq_t lo, const fmpq_t hi, slong n,
                    rc_error_t err)
{
    slong d = net->input_dim, N = net_num_hidden(net), maxw = d;
    double total = 1;
    for (slong k = 0; k < d; k++) total *= n;
    if (n < 2 || total > 1e6)
        return rc_error_set(err, RELU_E_INPUT, "grid: need 2 <= n and n^d <= 10^6");
    memset(r, 0, sizeof(*r));
    double ** W = flint_malloc(net->nlayers * sizeof(double *)), ** b = flint_malloc(net->nlayers * sizeof(double *));
    for (slong j = 0; j < net->nlayers; j++)
    {
        const net_layer_struct * L = net->layers + j;
        maxw = FLINT_MAX(maxw, L->W->r);
        W[j] = flint_malloc(L->W->r * L->W->c * sizeof(double) + 1);
        b[j] = flint_malloc(L->W->r * sizeof(double) + 1);
        for (slong i = 0; i < L->W->r; i++)
        {
            for (slong k = 0; k < L->W->c; k++)
                W[j][i * L->W->c + k] = fmpq_get_d(fmpq_mat_entry(L->W, i, k));
            b[j][i] = fmpq_get_d(L->b + i);
        }
    }
    slong pw = BS_WORDS(2 * N + 1);
    bsset_t fl, ex;
    bsset_init(fl, pw);
    bsset_init(ex, pw);
    bword * key = flint_calloc(pw, sizeof(bword));
    signed char * sf = flint_calloc(N + 1, 1), * se = flint_calloc(N + 1, 1);
    double * xd = flint_malloc(d * sizeof(double)), * buf = flint_malloc(maxw * sizeof(double)),
           * nxt = flint_malloc(maxw * sizeof(double));
    fmpq * x = _fmpq_vec_init(d), * y = _fmpq_vec_init(net_num_outputs(net));
    fmpq_t step;
    fmpz_t g;
    fmpq_init(step);
    fmpz_init_set_si(g, n - 1);
    fmpq_sub(step, hi, lo);
    fmpq_div_fmpz(step, step, g);
    for (slong p = 0; p < (slong) total; p++)
    {
        slong q = p;
        for (slong k = d - 1; k >= 0; k--, q /= n)
        {
            fmpq_mul_si(x + k, step, q % n);
            fmpq_add(x + k, x + k, lo);
            xd[k] = fmpq_get_d(x + k);
        }
        _eval_double(sf, net, W, b, xd, buf, nxt);
        net_eval(y, se, net, x);
        int zero = 0, differ = 0;
        for (slong k = 0; k < N; k++)
        {
            zero |= (se[k] == 0);
            differ |= (se[k] != sf[k]);
        }
        r->on_boundary += zero;
        r->mislabelled += differ;
        /* patterns as float tools report them: bit set when the pre-activation is > 0 */
        bs_zero(key, pw);
        for (slong k = 0; k < N; k++)
            if (sf[k] > 0) bs_set(key, k);
        bsset_insert(fl, key, NULL);
        if (!zero)
        {
            bs_zero(key, pw);
            for (slong k = 0; k < N; k++)
                if (se[k] > 0) bs_set(key, k);
            bsset_insert(ex, key, NULL);
        }
    }
    r->points = (slong) total;
    r->patterns = fl->num;
    r->exact_patterns = ex->num;
    for (slong j = 0; j < net->nlayers; j++) { flint_free(W[j]); flint_free(b[j]); }
    flint_free(W); flint_free(b);
    bsset_clear(fl); bsset_clear(ex);
    flint_free(key); flint_free(sf); flint_free(se); flint_free(xd); flint_free(buf); flint_free(nxt);
    _fmpq_vec_clear(x, d);
    _fmpq_vec_clear(y, net_num_outputs(net));
    fmpq_clear(step);
    fmpz_clear(g);
    return RELU_OK;
}

static int
_count_cb(void * data, const region_struct * R)
{
    (void) R;
    (*(slong *) data)++;
    return 0;
}

int
floatref_compare(floatref_comparison * c, const net_t net, const poly_t domain, const char * desc,
                 const fmpq_t lo, const fmpq_t hi, slong n, rc_error_t err)
{
    memset(c, 0, sizeof(floatref_comparison));
    snprintf(c->domain, sizeof(c->domain), "%s", desc);
    int status = floatref_grid_count(&c->fr, net, lo, hi, n, err);
    if (status == RELU_OK)
        status = regions_enumerate(net, domain, _count_cb, &c->regions);
    return status;
}

void
floatref_comparison_write_json(jout_t out, const floatref_comparison * c)
{
    jout_begin_object(out);
    jout_key(out, "regions"); jout_int(out, c->regions);
    jout_key(out, "float_patterns"); jout_int(out, c->fr.patterns);
    jout_key(out, "missed"); jout_int(out, c->regions - c->fr.patterns);
    jout_key(out, "exact_patterns_on_grid"); jout_int(out, c->fr.exact_patterns);
    jout_key(out, "points"); jout_int(out, c->fr.points);
    jout_key(out, "on_boundary"); jout_int(out, c->fr.on_boundary);
    jout_key(out, "mislabelled"); jout_int(out, c->fr.mislabelled);
    jout_end_object(out);
}

void
floatref_comparison_write_text(FILE * fp, const floatref_comparison * c)
{
    fprintf(fp, "exact regions in %s: %ld; float grid (%ld points): %ld patterns; %ld points on a bent "
            "hyperplane, %ld mislabelled in double precision\n", c->domain, (long) c->regions, (long) c->fr.points,
            (long) c->fr.patterns, (long) c->fr.on_boundary, (long) c->fr.mislabelled);
}
