#include <stdlib.h>
#include <string.h>
#include "floatref/floatref.h"
#include "util/bitset.h"
#include "regions/regions.h"

/* The network in doubles: per layer W, b and the shortcuts' matrices. */
typedef struct
{
    double ** W, ** b;
    double *** S;               /* S[j][s]: shortcut s of layer j, row-major */
    slong * off;                /* off[j + 1]: where h_j starts in the activation buffer; off[0] = 0 (x) */
}
floatref_dnet;

static double *
_mat_to_double(const fmpq_mat_t M)
{
    double * D = flint_malloc(M->r * M->c * sizeof(double) + 1);
    for (slong i = 0; i < M->r; i++)
        for (slong k = 0; k < M->c; k++)
            D[i * M->c + k] = fmpq_get_d(fmpq_mat_entry(M, i, k));
    return D;
}

static void
_dnet_init(floatref_dnet * F, const net_t net)
{
    slong L = net->nlayers;
    F->W = flint_malloc(L * sizeof(double *));
    F->b = flint_malloc(L * sizeof(double *));
    F->S = flint_malloc(L * sizeof(double **));
    F->off = flint_malloc((L + 1) * sizeof(slong));
    F->off[0] = 0;
    for (slong j = 0; j < L; j++)
    {
        const net_layer_struct * Ly = net->layers + j;
        F->off[j + 1] = F->off[j] + (j == 0 ? net->input_dim : net->layers[j - 1].W->r);
        F->W[j] = _mat_to_double(Ly->W);
        F->b[j] = flint_malloc(Ly->W->r * sizeof(double) + 1);
        for (slong i = 0; i < Ly->W->r; i++)
            F->b[j][i] = fmpq_get_d(Ly->b + i);
        F->S[j] = flint_malloc(Ly->nshortcuts * sizeof(double *) + 1);
        for (slong s = 0; s < Ly->nshortcuts; s++)
            F->S[j][s] = _mat_to_double(Ly->shortcuts[s].S);
    }
}

static void
_dnet_clear(floatref_dnet * F, const net_t net)
{
    for (slong j = 0; j < net->nlayers; j++)
    {
        for (slong s = 0; s < net->layers[j].nshortcuts; s++)
            flint_free(F->S[j][s]);
        flint_free(F->S[j]);
        flint_free(F->W[j]);
        flint_free(F->b[j]);
    }
    flint_free(F->W); flint_free(F->b); flint_free(F->S); flint_free(F->off);
}

/* A max group in doubles, as net_eval does it exactly: the argmax (the
   lowest among ties) keeps its value and gets +1, members tied with it 0,
   the others -1 and output 0. */
static void
_group_double(signed char * sg, double * z, slong len)
{
    slong w = 0;
    for (slong t = 1; t < len; t++)
        if (z[t] > z[w])
            w = t;
    for (slong t = 0; t < len; t++)
    {
        sg[t] = t == w ? 1 : (z[t] == z[w] ? 0 : -1);
        if (t != w)
            z[t] = 0;
    }
}

/* double-precision forward pass; signs of the hidden pre-activations. buf
   holds x and then every hidden layer's output (a shortcut may read any). */
static void
_eval_double(signed char * sg, const net_t net, const floatref_dnet * F, const double * x, double * buf)
{
    slong n = net->input_dim, at = 0;
    memcpy(buf, x, n * sizeof(double));
    for (slong j = 0; j + 1 < net->nlayers; j++)
    {
        const net_layer_struct * Ly = net->layers + j;
        slong r = Ly->W->r, width = Ly->W->c;
        const double * in = buf + F->off[j];
        double * out = buf + F->off[j + 1];
        for (slong i = 0; i < r; i++)
        {
            double s = F->b[j][i];
            for (slong k = 0; k < width; k++)
                s += F->W[j][i * width + k] * in[k];
            for (slong t = 0; t < Ly->nshortcuts; t++)
            {
                slong from = Ly->shortcuts[t].from, c = Ly->shortcuts[t].S->c;
                const double * src = buf + F->off[from + 1];
                for (slong k = 0; k < c; k++)
                    s += F->S[j][t][i * c + k] * src[k];
            }
            sg[at + i] = (s > 0) - (s < 0);
            out[i] = s;
        }
        for (slong i = 0; i < r; )
        {
            slong len = net_group_len(net, at + i);
            if (len > 1)
                _group_double(sg + at + i, out + i, len);
            else
                out[i] = out[i] > 0 ? out[i] : 0;
            i += len;
        }
        at += r;
    }
}

int
floatref_grid_count(floatref_report * r, const net_t net, const fmpq_t lo, const fmpq_t hi, slong n,
                    rc_error_t err)
{
    slong d = net->input_dim, N = net_num_hidden(net);
    double total = 1;
    for (slong k = 0; k < d; k++) total *= n;
    if (n < 2 || total > 1e6)
        return rc_error_set(err, RELU_E_INPUT, "grid: need 2 <= n and n^d <= 10^6");
    memset(r, 0, sizeof(*r));
    floatref_dnet F;
    _dnet_init(&F, net);
    slong pw = BS_WORDS(2 * N + 1);
    bsset_t fl, ex;
    bsset_init(fl, pw);
    bsset_init(ex, pw);
    bword * key = flint_calloc(pw, sizeof(bword));
    signed char * sf = flint_calloc(N + 1, 1), * se = flint_calloc(N + 1, 1);
    double * xd = flint_malloc(d * sizeof(double)), * buf = flint_malloc((d + N) * sizeof(double));
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
        _eval_double(sf, net, &F, xd, buf);
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
    _dnet_clear(&F, net);
    bsset_clear(fl); bsset_clear(ex);
    flint_free(key); flint_free(sf); flint_free(se); flint_free(xd); flint_free(buf);
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
