/* The analysis behind `relucert boundary` and the Python facade: the boundary
   complex, its pieces, the class (one hidden layer of width n), the homology
   (bounded domains), the checks between them; and its one JSON and one text
   writer. */
#include <string.h>
#include <flint/fmpz_vec.h>
#include "boundary/boundary.h"
#include "util/version.h"

void
boundary_analysis_init(boundary_analysis_t A)
{
    memset(A, 0, sizeof(boundary_analysis_struct));
    fmpq_init(A->T);
    homology_init(A->H);
}

void
boundary_analysis_clear(boundary_analysis_t A)
{
    slong n = A->n;
    for (slong i = 0; i < A->num; i++)
    {
        boundary_piece_record * r = A->piece + i;
        flint_free(r->signs);
        _fmpz_vec_clear(r->hyperplane, n + 1);
        _fmpq_vec_clear(r->vert, FLINT_MAX(r->nv * n, 1));
        _fmpz_vec_clear(r->ray, FLINT_MAX(r->nr * n, 1));
        _fmpz_vec_clear(r->lin, FLINT_MAX(r->nl * n, 1));
    }
    flint_free(A->piece);
    if (A->ready)
    {
        boundary_class_clear(A->K);
        boundary_clear(A->B);
    }
    homology_clear(A->H);
    fmpq_clear(A->T);
    flint_free(A->name);
}

/* keeps a copy of one piece (its face's generators, the lineality of its cell) */
static int
_keep_piece(void * data, const boundary_piece_struct * p)
{
    boundary_analysis_struct * A = data;
    const poly_struct * P = p->P;
    slong n = A->n, nv = 0, nr = 0;
    if (A->num == A->alloc)
    {
        A->alloc = FLINT_MAX(8, 2 * A->alloc);
        A->piece = flint_realloc(A->piece, A->alloc * sizeof(boundary_piece_record));
    }
    boundary_piece_record * r = A->piece + A->num++;
    r->index = p->index;
    r->signs = flint_malloc(strlen(p->signs) + 1);
    strcpy(r->signs, p->signs);
    r->hyperplane = _fmpz_vec_init(n + 1);
    _fmpz_vec_set(r->hyperplane, p->hyperplane, n + 1);
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(p->face, g))
            *(poly_gen_is_vertex(P, g) ? &nv : &nr) += 1;
    r->nv = nv;
    r->nr = nr;
    r->nl = P->nlin;
    r->vert = _fmpq_vec_init(FLINT_MAX(nv * n, 1));
    r->ray = _fmpz_vec_init(FLINT_MAX(nr * n, 1));
    r->lin = _fmpz_vec_init(FLINT_MAX(r->nl * n, 1));
    nv = nr = 0;
    for (slong g = 0; g < P->ngens; g++)
        if (bs_test(p->face, g) && poly_gen_is_vertex(P, g))
            poly_gen_get_fmpq(r->vert + n * nv++, P, g);
        else if (bs_test(p->face, g))
            _fmpz_vec_set(r->ray + n * nr++, poly_gen(P, g) + 1, n);
    for (slong l = 0; l < P->nlin; l++)
        _fmpz_vec_set(r->lin + n * l, poly_lin(P, l) + 1, n);
    return 0;
}

/* the checks between the three computations */
static int
_boundary_agree(const boundary_analysis_t A, const poly_t domain, rc_error_t err)
{
    const boundary_struct * B = A->B;
    if (A->have_homology && homology_euler(A->H) != boundary_euler(B))
        return rc_error_set(err, RELU_E_INTERNAL,
            "internal error: Euler characteristic %ld from the homology of the boundary, %ld from its f-vector",
            (long) homology_euler(A->H), (long) boundary_euler(B));
    if (A->have_homology && A->H->betti[0] != B->components)
        return rc_error_set(err, RELU_E_INTERNAL,
            "internal error: b_0 of the boundary is %ld, but %ld connected components by union-find",
            (long) A->H->betti[0], (long) B->components);
    /* over R^n the two computations of the boundary complex must agree */
    if (A->classify && A->K->status == BOUNDARY_CLASSIFIED && poly_num_facets(domain) == 0)
        for (slong j = 0; j <= A->n; j++)
            if (B->fvec[j] != A->K->fvec[j])
                return rc_error_set(err, RELU_E_INTERNAL,
                    "internal error: boundary f_%ld is %ld, but %ld in the classification run",
                    (long) j, (long) B->fvec[j], (long) A->K->fvec[j]);
    return RELU_OK;
}

int
boundary_analyze(boundary_analysis_t A, const net_t net, const char * name, slong output, const fmpq_t T,
                 const poly_t domain, const char * desc, int check, int list, rc_error_t err)
{
    if (net_check_no_groups(net, "the decision boundary analysis", err))
        return err->code;
    slong n = net->input_dim;
    size_t len = strlen(name) + 1;
    A->name = flint_malloc(len);
    memcpy(A->name, name, len);
    snprintf(A->domain, sizeof(A->domain), "%s", desc);
    A->n = n;
    A->output = output;
    fmpq_set(A->T, T);
    A->check_faces = check;
    A->list = list;
    boundary_init(A->B, n);
    boundary_class_init(A->K, n);
    A->ready = 1;
    int status = boundary_compute_pieces(A->B, net, output, T, domain, check, list ? _keep_piece : NULL, A, err);
    /* the classification applies to one hidden layer of width n without
       shortcuts (its theory is about sums of ReLUs); other shapes get no class key */
    A->classify = status == RELU_OK && net->nlayers == 2 && net_layer_width(net, 0) == n && !net_has_shortcuts(net);
    if (A->classify)
        status = boundary_classify(A->K, net, output, T, err);
    if (A->classify && status == RELU_OK && A->K->status == BOUNDARY_CLASSIFIED)
        status = boundary_class_verify(A->K, net, output, T, err);
    if (status == RELU_OK && poly_is_bounded(domain))
    {
        status = boundary_homology(A->H, net, output, T, domain, err);
        A->have_homology = status == RELU_OK;
    }
    if (status == RELU_OK)
        status = _boundary_agree(A, domain, err);
    return status;
}

/* ---- JSON ---------------------------------------------------------------------------- */
static const char *
_degenerate_note(int status)
{
    switch (status)
    {
        case BOUNDARY_SINGULAR_W:
            return "the hyperplanes of the hidden neurons do not meet in exactly one point, so there "
                   "is no sector decomposition about an apex; the boundary complex above is all that is claimed";
        case BOUNDARY_ZERO_OUTPUT_WEIGHT:
            return "f does not depend on the neurons with c_i = 0; as W is invertible, f is constant along "
                   "the columns v_i of W^-1 for those i, so the boundary is a cylinder over the boundary "
                   "of a narrower network";
        case BOUNDARY_C0_IS_THRESHOLD:
            return "f - T = c . relu(W x + b) is positively homogeneous about the apex x* = -W^-1 b, so "
                   "the boundary is a union of rays from x* (a cone), not one of the classes";
        default:
            return NULL;
    }
}

static void
_write_piece_json(jout_t out, const boundary_piece_record * r, slong n)
{
    jout_begin_object(out);
    jout_key(out, "index"); jout_int(out, r->index);
    jout_key(out, "signs"); jout_string(out, r->signs);
    jout_key(out, "hyperplane");
    jout_begin_object(out);
    jout_key(out, "a"); jout_fmpz_vec(out, r->hyperplane + 1, n);
    jout_key(out, "c"); jout_fmpz(out, r->hyperplane);
    jout_end_object(out);
    jout_key(out, "vertices");
    jout_begin_array(out);
    for (slong i = 0; i < r->nv; i++)
        jout_fmpq_vec(out, r->vert + i * n, n);
    jout_end_array(out);
    jout_key(out, "rays");
    jout_begin_array(out);
    for (slong i = 0; i < r->nr; i++)
        jout_fmpz_vec(out, r->ray + i * n, n);
    jout_end_array(out);
    if (r->nl > 0)
    {
        jout_key(out, "lineality");
        jout_begin_array(out);
        for (slong i = 0; i < r->nl; i++)
            jout_fmpz_vec(out, r->lin + i * n, n);
        jout_end_array(out);
    }
    jout_end_object(out);
}

static void
_write_degenerate_json(jout_t out, const boundary_class_t K)
{
    jout_key(out, "class"); jout_null(out);
    jout_key(out, "degenerate"); jout_string(out, boundary_degenerate_str(K->status));
    jout_key(out, "degenerate_reasons");
    jout_begin_array(out);
    for (int r = 1; r <= BOUNDARY_C0_IS_THRESHOLD; r <<= 1)
        if (K->reasons & r)
            jout_string(out, boundary_degenerate_str(r));
    jout_end_array(out);
    jout_key(out, "degenerate_note"); jout_string(out, _degenerate_note(K->status));
    jout_key(out, "rank"); jout_int(out, K->rank);
    jout_key(out, "zero_output_weights"); jout_int(out, K->zero_weights);
}

static void
_write_class_json(jout_t out, const boundary_class_t K)
{
    slong d = K->d;
    if (K->status != BOUNDARY_CLASSIFIED)
    {
        _write_degenerate_json(out, K);
        return;
    }
    slong * fv = flint_malloc((d + 1) * sizeof(slong));
    boundary_class_fvector(fv, d, K->k);
    jout_key(out, "class"); jout_int(out, K->k);
    jout_key(out, "class_pieces"); jout_int(out, boundary_class_pieces(d, K->k));
    jout_key(out, "class_fvector");
    jout_begin_array(out);
    for (slong j = 0; j <= d; j++)
        jout_int(out, fv[j]);
    jout_end_array(out);
    jout_key(out, "certificate");
    jout_begin_object(out);
    jout_key(out, "permutation");
    jout_begin_array(out);
    for (slong p = 0; p < d; p++)
        jout_int(out, K->perm[p]);
    jout_end_array(out);
    jout_key(out, "A");
    jout_begin_array(out);
    for (slong p = 0; p < d; p++)
        jout_fmpq_vec(out, K->A->rows[p], d);
    jout_end_array(out);
    jout_key(out, "a"); jout_fmpq_vec(out, K->a, d);
    jout_key(out, "scale"); jout_fmpq(out, K->scale);
    jout_key(out, "regions_checked"); jout_int(out, K->regions_checked);
    jout_end_object(out);
    flint_free(fv);
}

static void
_write_homology_json(jout_t out, const homology_t H, slong n)
{
    jout_key(out, "betti");
    jout_begin_array(out);
    for (slong j = 0; j <= n; j++)
        jout_int(out, j <= H->top ? H->betti[j] : 0);
    jout_end_array(out);
    jout_key(out, "torsion");
    jout_begin_array(out);
    for (slong j = 0; j <= n; j++)
    {
        jout_begin_array(out);
        for (slong t = 0; j <= H->top && t < H->ntorsion[j]; t++)
            jout_fmpz(out, H->torsion[j] + t);
        jout_end_array(out);
    }
    jout_end_array(out);
}

void
boundary_analysis_write_json(jout_t out, const boundary_analysis_t A)
{
    const boundary_struct * B = A->B;
    slong n = A->n;
    jout_begin_object(out);
    if (A->list)
    {
        jout_key(out, "piece_list");
        jout_begin_array(out);
        for (slong i = 0; i < A->num; i++)
            _write_piece_json(out, A->piece + i, n);
        jout_end_array(out);
    }
    jout_key(out, "input_dim"); jout_int(out, n);
    jout_key(out, "domain"); jout_string(out, A->domain);
    jout_key(out, "output"); jout_int(out, A->output);
    jout_key(out, "threshold"); jout_fmpq_str(out, A->T);
    jout_key(out, "pieces"); jout_int(out, B->pieces);
    jout_key(out, "fvector");
    jout_begin_array(out);
    for (slong j = 0; j <= n; j++)
        jout_int(out, B->fvec[j]);
    jout_end_array(out);
    jout_key(out, "full_dimensional_pieces"); jout_int(out, B->full_pieces);
    jout_key(out, "euler"); jout_int(out, boundary_euler(B));
    jout_key(out, "cells"); jout_int(out, B->cells);
    jout_key(out, "cells_below"); jout_int(out, B->below);
    jout_key(out, "cells_above"); jout_int(out, B->above);
    jout_key(out, "components"); jout_int(out, B->components);
    if (A->have_homology)
        _write_homology_json(out, A->H, n);
    if (A->classify)
        _write_class_json(out, A->K);
    jout_key(out, "faces_checked"); jout_bool(out, A->check_faces);
    jout_key(out, "version"); jout_string(out, RELUCERT_VERSION);
    jout_end_object(out);
}

/* ---- text ---------------------------------------------------------------------------- */
static void
_write_piece_text(FILE * fp, const boundary_piece_record * r, slong n)
{
    fprintf(fp, "  piece %ld  signs %s  on (", (long) r->index, r->signs[0] ? r->signs : "(none)");
    for (slong j = 0; j < n; j++)
    {
        char * c = fmpz_get_str(NULL, 10, r->hyperplane + 1 + j);
        fprintf(fp, "%s%s", j ? ", " : "", c);
        flint_free(c);
    }
    fmpz_t mc;
    fmpz_init(mc);
    fmpz_neg(mc, r->hyperplane);
    char * c = fmpz_get_str(NULL, 10, mc);
    fprintf(fp, ") . x = %s\n", c);
    flint_free(c);
    fmpz_clear(mc);
}

static void
_write_class_text(FILE * fp, const boundary_class_t K)
{
    slong d = K->d;
    if (K->status != BOUNDARY_CLASSIFIED)
    {
        fprintf(fp, "class: none, degenerate (%s", boundary_degenerate_str(K->status));
        for (int r = K->status << 1; r <= BOUNDARY_C0_IS_THRESHOLD; r <<= 1)
            if (K->reasons & r)
                fprintf(fp, "; also %s", boundary_degenerate_str(r));
        fprintf(fp, "); rank of W %ld, zero output weights %ld\n  %s\n", (long) K->rank, (long) K->zero_weights,
                _degenerate_note(K->status));
        return;
    }
    slong pc = boundary_class_pieces(d, K->k);
    fprintf(fp, "class: k = %ld (classes 0..%ld in R^%ld; boundary %s, %ld piece%s over R^%ld)\n", (long) K->k,
            (long) d, (long) d, K->k == 0 ? "empty" : "non-empty", (long) pc, pc == 1 ? "" : "s", (long) d);
    char * s = fmpq_get_str(NULL, 10, K->scale);
    fprintf(fp, "certificate: f(x) - T = %s (g_%ld(A x + a) - 1), z = A x + a with\n", s, (long) K->k);
    flint_free(s);
    for (slong p = 0; p < d; p++)
    {
        fprintf(fp, "  z_%ld = (", (long) p);
        for (slong j = 0; j < d; j++)
        {
            s = fmpq_get_str(NULL, 10, fmpq_mat_entry(K->A, p, j));
            fprintf(fp, "%s%s", j ? ", " : "", s);
            flint_free(s);
        }
        s = fmpq_get_str(NULL, 10, K->a + p);
        fprintf(fp, ") . x + %s   (neuron %ld, %s)\n", s, (long) K->perm[p], p < K->k ? "+" : "-");
        flint_free(s);
    }
    fprintf(fp, "verified exactly on %ld regions of R^%ld cut by {f = T}; boundary f-vector over R^%ld:",
            (long) K->regions_checked, (long) d, (long) d);
    for (slong j = 0; j <= d; j++)
        fprintf(fp, " %ld", (long) K->fvec[j]);
    fprintf(fp, " (as the class predicts)\n");
}

/* the pieces come first: the old CLI printed them as the enumeration met them */
void
boundary_analysis_write_text(FILE * fp, const boundary_analysis_t A)
{
    const boundary_struct * B = A->B;
    const homology_struct * H = A->H;
    slong n = A->n;
    for (slong i = 0; i < A->num; i++)
        _write_piece_text(fp, A->piece + i, n);
    char * ts = fmpq_get_str(NULL, 10, A->T);
    fprintf(fp, "network %s: decision boundary {f_%ld = %s} in %s\n", A->name, (long) A->output, ts, A->domain);
    flint_free(ts);
    fprintf(fp, "pieces (faces of dimension %ld): %ld; full-dimensional pieces (f = T on a region): %ld\n",
            (long) (n - 1), (long) B->pieces, (long) B->full_pieces);
    fprintf(fp, "f-vector of the boundary complex:");
    for (slong j = 0; j <= n; j++)
        fprintf(fp, " %ld", (long) B->fvec[j]);
    fprintf(fp, "\nconnected components: %ld\n", (long) B->components);
    fprintf(fp, "regions cut by the level: %ld (%ld below, %ld above)\n", (long) B->cells, (long) B->below,
            (long) B->above);
    if (A->have_homology)
    {
        fprintf(fp, "homology of the boundary: Betti numbers");
        for (slong j = 0; j <= n; j++)
            fprintf(fp, " %ld", (long) (j <= H->top ? H->betti[j] : 0));
        for (slong j = 0; j <= n && j <= H->top; j++)
            if (H->ntorsion[j] > 0)
                fprintf(fp, " (torsion in H_%ld)", (long) j);
        fprintf(fp, "\n");
    }
    if (A->classify)
        _write_class_text(fp, A->K);
    if (A->check_faces)
        fprintf(fp, "faces checked: counted again through a global table of sign vectors\n");
}
