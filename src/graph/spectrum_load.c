/* The library's entry points to the certified spectrum, which lives in the
   module relucert-arb.so (src/graph/spectrum.c): librelucert does not link
   arb, so `regions`, `eval` and every command but the spectra's start without
   loading it. Each call finds the module (util_module_open: dlopen returns the
   loaded copy after the first); a spectrum remembers the table that filled it,
   which frees it. */
#include <string.h>
#include "graph/graph.h"
#include "util/module.h"

static const graph_arb_ops *
_graph_arb(rc_error_t err)
{
    void * h = util_module_open("relucert-arb.so", err);
    if (h == NULL)
        return NULL;
    const graph_arb_ops * (*ops)(void);
    *(void **) &ops = util_module_symbol(h, "relucert-arb.so", "relucert_graph_arb_ops", err);
    return ops == NULL ? NULL : ops();
}

void
spectrum_init(spectrum_t S)
{
    S->n = S->neig = 0;
    S->eig = NULL;
    S->vec = NULL;
    S->fiedler_simple = 0;
    S->fiedler_mult = 0;
    arb_init(S->err);          /* inline: zero words, no call into arb */
    S->partition = NULL;
    S->ops = NULL;
}

void
spectrum_clear(spectrum_t S)
{
    if (S->ops != NULL)
        ((const graph_arb_ops *) S->ops)->clear(S);
    else
        flint_free(S->partition);
}

int
spectrum_compute(spectrum_t S, const fmpz_mat_t L, rc_error_t err)
{
    const graph_arb_ops * o = _graph_arb(err);
    if (o == NULL)
        return err->code;
    S->ops = o;
    return o->compute(S, L, err);
}

int
spectrum_enclose_charpoly(arb_ptr ev, const fmpz_mat_t L, slong prec)
{
    rc_error_t err;
    rc_error_init(err);
    const graph_arb_ops * o = _graph_arb(err);
    return o != NULL && o->enclose_charpoly(ev, L, prec);
}

int
spectrum_set_fiedler(spectrum_t S, const fiedler_t Fd, rc_error_t err)
{
    const graph_arb_ops * o = _graph_arb(err);
    if (o == NULL)
        return err->code;
    S->ops = o;
    o->set_fiedler(S, Fd);
    return RELU_OK;
}

void
spectrum_decimal_bounds(char ** lo, char ** hi, const spectrum_t S, slong i, slong digits)
{
    /* S->eig exists only when a table filled S */
    ((const graph_arb_ops *) S->ops)->decimal_bounds(lo, hi, S->eig + i, digits);
}

char *
graph_fixed_str(const fmpz_t z, slong digits)
{
    char * s = fmpz_get_str(NULL, 10, z);
    int neg = (s[0] == '-');
    char * d = s + neg;
    size_t len = strlen(d), width = FLINT_MAX(len, (size_t) digits + 1);
    char * out = flint_malloc(width + 3);
    char * p = out;
    if (neg) *p++ = '-';
    size_t pad = width - len;
    for (size_t i = 0; i < width; i++)
    {
        if (i == width - digits && digits > 0)
            *p++ = '.';
        *p++ = (i < pad) ? '0' : d[i - pad];
    }
    *p = '\0';
    flint_free(s);
    return out;
}

void
graph_decimal_bounds_fmpq(char ** lo, char ** hi, const fmpq_t a, const fmpq_t b, slong digits)
{
    fmpz_t z, p;
    fmpz_init(z);
    fmpz_init(p);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, digits);
    fmpz_mul(z, fmpq_numref(a), p);
    fmpz_fdiv_q(z, z, fmpq_denref(a));
    *lo = graph_fixed_str(z, digits);
    fmpz_mul(z, fmpq_numref(b), p);
    fmpz_cdiv_q(z, z, fmpq_denref(b));
    *hi = graph_fixed_str(z, digits);
    fmpz_clear(z);
    fmpz_clear(p);
}
