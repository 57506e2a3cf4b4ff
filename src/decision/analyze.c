/* decision_analyze: the pieces (pieces.c) and the homology of the closure of
   every decision region, cross-checked against the piece complex. */
#include "decision/decision.h"
#include "complex/complex.h"

/* The closure of D_c: the network with the hidden layer f_i - f_c (i != c),
   the faces where f_i - f_c < 0 for i < c and <= 0 for i > c, closed. */
static int
_class_homology(homology_t H, const net_t net, slong c, const poly_t domain, const rc_progress_struct * prog,
                rc_error_t err)
{
    slong m = net_num_outputs(net);
    fmpq_mat_t M;
    fmpq * b = _fmpq_vec_init(m - 1);
    int * masks = flint_malloc((m - 1) * sizeof(int));
    fmpq_mat_init(M, m - 1, m);
    for (slong i = 0, r = 0; i < m; i++)
        if (i != c)
        {
            fmpq_one(fmpq_mat_entry(M, r, i));
            fmpq_set_si(fmpq_mat_entry(M, r, c), -1, 1);
            masks[r++] = i < c ? COMPLEX_NEG : COMPLEX_NEG | COMPLEX_ZERO;
        }
    net_t cnet;
    chain_complex_t K;
    net_init(cnet);
    chain_complex_init(K, 0);
    int status = net_combination_net(cnet, net, M, b, err);
    if (status == RELU_OK)
    {
        homology_selection sel = { net_num_hidden(net), m - 1, masks, 1 };
        status = homology_cells_select(K, cnet, domain, &sel, prog, err);
    }
    if (status == RELU_OK)
        homology_compute(H, K);
    chain_complex_clear(K);
    net_clear(cnet);
    fmpq_mat_clear(M);
    flint_free(masks);
    _fmpq_vec_clear(b, m - 1);
    return status;
}

/* the two computations of one closure must agree */
static int
_check_class(const decision_struct * D, slong c, rc_error_t err)
{
    const decision_class_struct * K = D->classes + c;
    slong cells = 0;
    for (slong k = 0; k <= K->H->top; k++)
        cells += k % 2 ? -K->H->cells[k] : K->H->cells[k];
    if (cells != K->euler || homology_euler(K->H) != cells)
        return rc_error_set(err, RELU_E_INTERNAL,
            "internal error: class %ld: Euler characteristic %ld from the pieces, %ld from the cells, %ld from the Betti numbers",
            (long) c, (long) K->euler, (long) cells, (long) homology_euler(K->H));
    if (K->lower > 0)
        return RELU_OK;
    /* b_0 counts the components; over an unbounded domain (reduced homology of
       X+) the unbounded ones meet at infinity and count as none */
    slong unbounded = K->components - K->bounded_components;
    slong b0 = !D->compactified || unbounded == 0 ? K->components : K->bounded_components;
    if (K->H->betti[0] != b0)
        return rc_error_set(err, RELU_E_INTERNAL,
            "internal error: class %ld: %ld components from the pieces, b_0 = %ld", (long) c, (long) b0,
            (long) K->H->betti[0]);
    return RELU_OK;
}

int
decision_analyze(decision_t D, const net_t net, const poly_t domain, const char * desc, int list, rc_error_t err)
{
    if (net->input_dim >= 64)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "decision regions support input dimension < 64");
    int status = decision_pieces_compute(D, net, domain, desc, err);
    D->list = list;
    for (slong c = 0; c < D->m && status == RELU_OK; c++)
    {
        status = _class_homology(D->classes[c].H, net, c, domain, D->progress, err);
        if (status == RELU_OK)
        {
            D->classes[c].has_homology = 1;
            status = _check_class(D, c, err);
        }
    }
    return status;
}
