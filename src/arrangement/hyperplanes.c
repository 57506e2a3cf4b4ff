/* Arrangements of hyperplanes {a.x + c = 0} in canonical form: each neuron
   (a, c) is scaled to the primitive integer row (c, a) whose first nonzero
   a_i is positive, and equal rows are merged. Two neurons define the same
   hyperplane exactly when their rows are rational multiples of each other,
   so after this normalisation "same hyperplane" is "same row", and repeated,
   opposite and rescaled neurons collapse without any tolerance. */
#include <stdlib.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_mat.h>
#include "arrangement/arrangement.h"

void
arrangement_init(arrangement_t A, slong n)
{
    A->n = n;
    fmpz_mat_init(A->H, 0, n + 1);
}

void
arrangement_clear(arrangement_t A)
{
    fmpz_mat_clear(A->H);
}

/* One normalised row waiting to be sorted; src is the input row it came from. */
typedef struct
{
    fmpz * row;
    slong len;
    slong src;
}
hyperplane_entry;

static int
hyperplane_entry_cmp(const void * x, const void * y)
{
    const hyperplane_entry * e = x;
    const hyperplane_entry * f = y;

    for (slong j = 0; j < e->len; j++)
    {
        int s = fmpz_cmp(e->row + j, f->row + j);
        if (s != 0)
            return s;
    }
    /* equal rows: keep input order so the sort is deterministic */
    return (e->src > f->src) - (e->src < f->src);
}

/* v (length n + 1) gets the primitive integer multiple of the rational row
   (c, a) with first nonzero a_i positive; returns 0 if a = 0 (no hyperplane:
   the neuron is constant, either empty or all of R^n). */
static int
hyperplane_normalise(fmpz * v, const fmpq * row, slong n)
{
    fmpz_t L, g;
    int nonzero = 0;

    for (slong j = 1; j <= n; j++)
        if (!fmpq_is_zero(row + j))
            nonzero = 1;
    if (!nonzero)
        return 0;

    fmpz_init_set_ui(L, 1);
    fmpz_init(g);
    for (slong j = 0; j <= n; j++)
        fmpz_lcm(L, L, fmpq_denref(row + j));
    for (slong j = 0; j <= n; j++)
    {
        fmpz_divexact(g, L, fmpq_denref(row + j));
        fmpz_mul(v + j, fmpq_numref(row + j), g);
    }
    _fmpz_vec_content(g, v, n + 1);
    _fmpz_vec_scalar_divexact_fmpz(v, v, n + 1, g);
    for (slong j = 1; j <= n; j++)
    {
        if (!fmpz_is_zero(v + j))
        {
            if (fmpz_sgn(v + j) < 0)
                _fmpz_vec_neg(v, v, n + 1);
            break;
        }
    }
    fmpz_clear(L);
    fmpz_clear(g);
    return 1;
}

/* The common core of arrangement_set_rows and arrangement_from_net. */
static void
_arrangement_set_rows_map(arrangement_t A, slong * map, const fmpq_mat_t rows)
{
    slong m = rows->r, n = rows->c - 1, len = n + 1, num = 0, out = 0;
    fmpz * v = _fmpz_vec_init(FLINT_MAX(m, 1) * len);
    hyperplane_entry * e = flint_malloc(FLINT_MAX(m, 1) * sizeof(hyperplane_entry));

    if (n < 0)
        flint_abort();   /* a row (c, a) has at least the constant column */

    for (slong i = 0; i < m; i++)
    {
        if (map != NULL)
            map[i] = -1;
        if (hyperplane_normalise(v + num * len, fmpq_mat_entry(rows, i, 0), n))
        {
            e[num].row = v + num * len;
            e[num].len = len;
            e[num].src = i;
            num++;
        }
    }
    qsort(e, num, sizeof(hyperplane_entry), hyperplane_entry_cmp);

    /* count distinct rows first so H is allocated once */
    for (slong k = 0; k < num; k++)
        if (k == 0 || !_fmpz_vec_equal(e[k].row, e[k - 1].row, len))
            out++;

    fmpz_mat_clear(A->H);
    fmpz_mat_init(A->H, out, len);
    A->n = n;
    out = -1;
    for (slong k = 0; k < num; k++)
    {
        if (k == 0 || !_fmpz_vec_equal(e[k].row, e[k - 1].row, len))
        {
            out++;
            _fmpz_vec_set(A->H->rows[out], e[k].row, len);
        }
        if (map != NULL)
            map[e[k].src] = out;
    }

    flint_free(e);
    _fmpz_vec_clear(v, FLINT_MAX(m, 1) * len);
}

/* The ambient dimension becomes rows->c - 1, whatever A was initialised with. */
void
arrangement_set_rows(arrangement_t A, const fmpq_mat_t rows)
{
    _arrangement_set_rows_map(A, NULL, rows);
}

int
arrangement_from_net(arrangement_t A, slong * map, const net_t net, rc_error_t err)
{
    if (net_check_no_groups(net, "the hyperplane arrangement", err))
        return err->code;
    const net_layer_struct * L;
    fmpq_mat_t rows;

    /* Deeper networks bend their later hyperplanes at earlier ones: the
       regions are no longer cut out by an arrangement. */
    if (net->nlayers != 2)
        return rc_error_set(err, RELU_E_UNSUPPORTED,
                            "arrangement needs a network with exactly one hidden layer; this one has %ld",
                            (long) (net->nlayers - 1));

    L = net->layers + 0;
    fmpq_mat_init(rows, L->W->r, L->W->c + 1);
    for (slong i = 0; i < L->W->r; i++)
    {
        fmpq_set(fmpq_mat_entry(rows, i, 0), L->b + i);
        for (slong j = 0; j < L->W->c; j++)
            fmpq_set(fmpq_mat_entry(rows, i, j + 1), fmpq_mat_entry(L->W, i, j));
    }
    _arrangement_set_rows_map(A, map, rows);
    fmpq_mat_clear(rows);
    return RELU_OK;
}

slong
arrangement_rank(const arrangement_t A)
{
    slong m = A->H->r, n = A->n, r;
    fmpz_mat_t N;

    if (m == 0 || n == 0)
        return 0;
    /* the normals are the columns after the constant one */
    fmpz_mat_init(N, m, n);
    for (slong i = 0; i < m; i++)
        _fmpz_vec_set(N->rows[i], A->H->rows[i] + 1, n);
    r = fmpz_mat_rank(N);
    fmpz_mat_clear(N);
    return r;
}
