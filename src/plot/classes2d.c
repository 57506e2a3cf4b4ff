/* A 2D panel coloured by class: the decision pieces of src/decision (every
   activation region split where the argmax changes, exactly), filled with the
   class's colour, the activation regions' edges in grey and the decision
   boundary (the facets between pieces of different classes) in black. */
#include "plot/panel.h"
#include "regions/regions.h"
#include "decision/decision.h"

static const double GREY[3] = { 0.45, 0.45, 0.45 }, BLACK[3] = { 0, 0, 0 };

void
plot_class_fill_rgb(double * rgb, slong k)
{
    plot_class_rgb(rgb, k);
    for (int i = 0; i < 3; i++)
        rgb[i] = 0.55 + 0.45 * rgb[i];
}

/* facet j (constraint j + 1) of a bounded 2D piece: its two vertices on screen */
static void
_facet_line(const plot_frame * f, const poly_struct * P, slong j)
{
    double sx[2], sy[2];
    slong k = 0;
    fmpq x[2];
    fmpq_init(x); fmpq_init(x + 1);
    for (slong g = 0; g < P->ngens && k < 2; g++)
        if (poly_gen_is_vertex(P, g) && bs_test(poly_inc(P, g), j + 1))
        {
            poly_gen_get_fmpq(x, P, g);
            plot_frame_map(sx + k, sy + k, f, fmpq_get_d(x), fmpq_get_d(x + 1));
            k++;
        }
    if (k == 2)
        plot_canvas_line(f->C, sx[0], sy[0], sx[1], sy[1], BLACK, 2.5);
    fmpq_clear(x); fmpq_clear(x + 1);
}

static int
_region_edges(void * data, const region_struct * R)
{
    const plot_frame * f = data;
    double * xy = flint_malloc(2 * FLINT_MAX(R->P->ngens, 1) * sizeof(double));
    slong nv = plot_polygon(xy, R->P, f);
    plot_canvas_path(f->C, xy, nv, 1, NULL, GREY, 0.6);
    flint_free(xy);
    return 0;
}

int
plot_panel_classes(slong * nregions, slong * npieces, const plot_frame * f, const net_t net, const poly_t domain,
                   const plot_options * o, rc_error_t err)
{
    decision_t D;
    decision_init(D);
    int status = decision_pieces_compute(D, net, domain, "", err);
    for (slong p = 0; p < D->num && status == RELU_OK; p++)
    {
        const poly_struct * P = D->pieces[p].P;
        double * xy = flint_malloc(2 * FLINT_MAX(P->ngens, 1) * sizeof(double)), rgb[3];
        slong nv = plot_polygon(xy, P, f);
        plot_class_fill_rgb(rgb, D->pieces[p].cls);
        /* the outline in the fill's colour closes the hairline gaps of antialiasing */
        plot_canvas_path(f->C, xy, nv, 1, rgb, rgb, 0.5);
        flint_free(xy);
    }
    if (status == RELU_OK)
        status = regions_enumerate(net, domain, _region_edges, (void *) f);
    for (slong p = 0; p < D->num && status == RELU_OK && o->boundary; p++)
    {
        const decision_piece_struct * piece = D->pieces + p;
        for (slong j = 0; j < poly_num_facets(piece->P); j++)
        {
            slong q = piece->across[j];
            if (q > p && D->pieces[q].cls != piece->cls)
                _facet_line(f, piece->P, j);
        }
    }
    *nregions = D->regions;
    *npieces = D->num;
    decision_clear(D);
    return status;
}
