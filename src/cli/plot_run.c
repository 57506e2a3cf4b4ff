#include <string.h>
#include "cli/plot_run.h"
#include "wedge/wedge.h"

static int
_domain(poly_t P, const cli_plot_args * a, rc_error_t err)
{
    char desc[256];
    if ((a->box != NULL) + (a->rect != NULL) + (a->domain != NULL) != 1)
        return rc_error_set(err, RELU_E_INPUT, "give one of --box LO,HI, --rect X0,X1,Y0,Y1, --domain FILE");
    if (a->box)
        return poly_domain_set(P, desc, sizeof desc, "box", a->box, "--box LO,HI", err);
    if (a->domain)
        return poly_domain_set(P, desc, sizeof desc, "file", a->domain, NULL, err);
    if (P->n != 2)
        return rc_error_set(err, RELU_E_INPUT, "--rect is for networks with 2 inputs (use --box LO,HI)");
    fmpq * r = NULL;
    slong cnt;
    int status = num_parse_list(&r, &cnt, a->rect, 4, err);
    if (status != RELU_OK)
        rc_error_prefix(err, "--rect X0,X1,Y0,Y1");
    else
        status = plot_domain_rect(P, r, err);
    if (r) _fmpq_vec_clear(r, 4);
    return status ? err->code : RELU_OK;
}

/* panel captions: the file names without directory and .json */
static char **
_captions(const char * const * nets, int n)
{
    char ** c = flint_malloc(n * sizeof(char *));
    for (int i = 0; i < n; i++)
    {
        const char * b = strrchr(nets[i], '/');
        b = b ? b + 1 : nets[i];
        size_t len = strlen(b);
        if (len > 5 && !strcmp(b + len - 5, ".json"))
            len -= 5;
        c[i] = flint_malloc(len + 1);
        memcpy(c[i], b, len);
        c[i][len] = 0;
    }
    return c;
}

int
cli_plot_run(const char * const * paths, int n, const cli_plot_args * a, plot_options * o, rc_error_t err)
{
    net_struct * nets = flint_calloc(n, sizeof(net_struct));
    const net_struct ** np = flint_malloc(n * sizeof(net_struct *));
    char ** caps = n > 1 ? _captions(paths, n) : NULL;
    wedge_data_t D;
    poly_t dom;
    plot_figure_t F;
    int status = RELU_OK, loaded = 0;
    wedge_data_init(D);
    plot_figure_init(F);
    for (; loaded < n && status == RELU_OK; loaded++)
    {
        net_init(nets + loaded);
        np[loaded] = nets + loaded;
        status = net_read_file_flags(nets + loaded, NULL, paths[loaded], NET_READ_GROUPS, err);
    }
    poly_init(dom, n > 0 ? nets[0].input_dim : 2);
    if (status == RELU_OK && !plot_canvas_format_ok(a->out))
        status = rc_error_set(err, RELU_E_INPUT, "--out: the file name must end in .svg, .pdf, .png or .tex");
    if (status == RELU_OK)
        status = _domain(dom, a, err);
    if (status == RELU_OK && a->threshold)
        status = cli_parse_threshold(o->threshold, a->threshold, err);
    if (status == RELU_OK && a->data)
        status = wedge_data_read_file(D, a->data, err);
    if (a->data)
    {
        o->points = D->X;
        o->labels = D->y;
    }
    o->captions = (const char * const *) caps;
    if (status == RELU_OK)
        status = plot_figure_build(F, np, n, dom, o, err);
    if (status == RELU_OK)
        status = plot_figure_write(a->out, F, err);
    if (status == RELU_OK && a->json)
        status = cli_write_result(1, plot_figure_write_json, NULL, F, err);
    plot_figure_clear(F);
    poly_clear(dom);
    wedge_data_clear(D);
    for (int i = 0; i < loaded; i++)
        net_clear(nets + i);
    for (int i = 0; caps && i < n; i++)
        flint_free(caps[i]);
    flint_free(caps);
    flint_free(np);
    flint_free(nets);
    return status;
}
