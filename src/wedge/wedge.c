#include <string.h>
#include <stdlib.h>
#include "wedge/wedge.h"
#include "num/num.h"
#include "util/bitset.h"

void
wedge_data_init(wedge_data_t D)
{
    D->n = D->d = 0;
    fmpq_mat_init(D->X, 0, 0);
    D->y = NULL;
}

void
wedge_data_clear(wedge_data_t D)
{
    fmpq_mat_clear(D->X);
    if (D->y)
        _fmpq_vec_clear(D->y, D->n);
    D->y = NULL;
}

int
wedge_data_read_jnode(wedge_data_t D, const jnode * root, rc_error_t err)
{
    if (root->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "expected an object {\"X\": [[...]], \"y\": [...]}, got %s",
                            jnode_type_name(root));
    for (size_t i = 0; i < root->nitems; i++)
        if (strcmp(root->keys[i], "X") && strcmp(root->keys[i], "y") && strcmp(root->keys[i], "name")
            && strcmp(root->keys[i], "meta"))
            return rc_error_set(err, RELU_E_INPUT, "unknown key \"%s\" (a data set has \"X\" and \"y\")", root->keys[i]);
    const jnode * X = jnode_get(root, "X"), * y = jnode_get(root, "y");
    if (X == NULL || y == NULL)
        return rc_error_set(err, RELU_E_INPUT, "missing key \"%s\"", X == NULL ? "X" : "y");
    if (X->type != JNODE_ARRAY || X->nitems == 0)
        return rc_error_set(err, RELU_E_INPUT, "\"X\" must be a non-empty array of samples");
    if (y->type != JNODE_ARRAY || y->nitems != X->nitems)
        return rc_error_set(err, RELU_E_INPUT, "\"y\" must have one entry per sample (%ld)", (long) X->nitems);
    slong n = X->nitems, d = (X->items[0]->type == JNODE_ARRAY) ? (slong) X->items[0]->nitems : 0;
    if (d == 0)
        return rc_error_set(err, RELU_E_INPUT, "X row 1: expected a non-empty array of numbers");
    wedge_data_t T;
    wedge_data_init(T);
    fmpq_mat_clear(T->X);
    fmpq_mat_init(T->X, n, d);
    T->n = n;
    T->d = d;
    T->y = _fmpq_vec_init(n);
    int status = RELU_OK;
    for (slong i = 0; i < n && status == RELU_OK; i++)
    {
        const jnode * r = X->items[i];
        if (r->type != JNODE_ARRAY || (slong) r->nitems != d)
            status = rc_error_set(err, RELU_E_INPUT, "X row %ld: expected %ld numbers (as row 1)", (long) i + 1, (long) d);
        for (slong k = 0; k < d && status == RELU_OK; k++)
            if (num_from_jnode(fmpq_mat_entry(T->X, i, k), r->items[k], err))
            {
                char where[64];
                snprintf(where, sizeof(where), "X row %ld, column %ld", (long) i + 1, (long) k + 1);
                rc_error_prefix(err, where);
                status = err->code;
            }
        if (status == RELU_OK && num_from_jnode(T->y + i, y->items[i], err))
        {
            char where[64];
            snprintf(where, sizeof(where), "y entry %ld", (long) i + 1);
            rc_error_prefix(err, where);
            status = err->code;
        }
    }
    for (slong i = 0; i < n && status == RELU_OK; i++)
        for (slong j = i + 1; j < n && status == RELU_OK; j++)
        {
            int same = 1;
            for (slong k = 0; k < d && same; k++)
                same = fmpq_equal(fmpq_mat_entry(T->X, i, k), fmpq_mat_entry(T->X, j, k));
            if (same)
                status = rc_error_set(err, RELU_E_INPUT, "samples %ld and %ld are the same point", (long) i + 1, (long) j + 1);
        }
    if (status == RELU_OK)
    {
        wedge_data_clear(D);
        *D = *T;
    }
    else
        wedge_data_clear(T);
    return status;
}

int
wedge_data_read_file(wedge_data_t D, const char * path, rc_error_t err)
{
    jnode * root;
    if (jnode_parse_file(&root, path, err))
        return err->code;
    int status = wedge_data_read_jnode(D, root, err);
    if (status)
        rc_error_prefix(err, path);
    jnode_free(root);
    return status;
}

slong
wedge_binom(slong n, slong k)
{
    if (k < 0 || k > n)
        return 0;
    slong c = 1;
    for (slong i = 0; i < k; i++)
        c = c * (n - i) / (i + 1);
    return c;
}

void
wedge_blade(fmpq * coords, const fmpq_mat_t X)
{
    slong k = X->r, d = X->c, s = 0;
    slong * cols = flint_malloc((k + 1) * sizeof(slong));
    fmpq_mat_t M;
    fmpq_mat_init(M, k, k);
    for (slong i = 0; i < k; i++)
        cols[i] = i;
    if (k > d)
        goto done;
    for (;;)
    {
        for (slong r = 0; r < k; r++)
            for (slong c = 0; c < k; c++)
                fmpq_set(fmpq_mat_entry(M, r, c), fmpq_mat_entry(X, r, cols[c]));
        if (k == 0)
            fmpq_one(coords + s);
        else
            fmpq_mat_det(coords + s, M);
        s++;
        slong i = k - 1;
        while (i >= 0 && cols[i] == d - k + i) i--;
        if (i < 0) break;
        cols[i]++;
        for (slong j = i + 1; j < k; j++) cols[j] = cols[j - 1] + 1;
    }
done:
    fmpq_mat_clear(M);
    flint_free(cols);
}

void
wedge_simplex_volume(fmpq_t vol, const fmpq_mat_t P)
{
    slong d = P->c;
    fmpq_mat_t M;
    fmpq_mat_init(M, d, d);
    for (slong r = 0; r < d; r++)
        for (slong c = 0; c < d; c++)
            fmpq_sub(fmpq_mat_entry(M, r, c), fmpq_mat_entry(P, r + 1, c), fmpq_mat_entry(P, 0, c));
    fmpq_mat_det(vol, M);
    fmpz_t f;
    fmpz_init(f);
    fmpz_fac_ui(f, d);
    fmpq_div_fmpz(vol, vol, f);
    fmpz_clear(f);
    fmpq_mat_clear(M);
}

void
wedge_gcp(fmpq * v, const fmpq_mat_t X)
{
    slong k = X->r, len = X->c;
    fmpq_mat_t M;
    fmpq_mat_init(M, k, k);
    for (slong i = 0; i < len; i++)
    {
        for (slong r = 0; r < k; r++)
            for (slong c = 0, cc = 0; c < len; c++)
                if (c != i)
                    fmpq_set(fmpq_mat_entry(M, r, cc++), fmpq_mat_entry(X, r, c));
        if (k == 0)
            fmpq_one(v + i);
        else
            fmpq_mat_det(v + i, M);
        if (i % 2)
            fmpq_neg(v + i, v + i);
    }
    fmpq_mat_clear(M);
}

static int
_vec_equal(const fmpq * a, const fmpq * b, slong n)
{
    for (slong i = 0; i < n; i++)
        if (!fmpq_equal(a + i, b + i))
            return 0;
    return 1;
}

void
wedge_dict_init(wedge_dict_t W)
{
    memset(W, 0, sizeof(wedge_dict_struct));
    fmpq_mat_init(W->F, 0, 0);
    fmpq_mat_init(W->V, 0, 0);
}

void
wedge_dict_clear(wedge_dict_t W)
{
    flint_free(W->subsets);
    flint_free(W->sign);
    flint_free(W->multiplicity);
    fmpq_mat_clear(W->F);
    fmpq_mat_clear(W->V);
}

void
wedge_dict_build(wedge_dict_t W, const wedge_data_t D, int bias)
{
    slong n = D->n, d = D->d, len = d + (bias ? 1 : 0), k = len - 1;
    slong cap = 16, num = 0;
    fmpq * cols = _fmpq_vec_init(cap * n);
    fmpq * vs = _fmpq_vec_init(cap * len);
    slong * subs = flint_malloc(cap * FLINT_MAX(k, 1) * sizeof(slong));
    int * sg = flint_malloc(cap * sizeof(int));
    slong * mult = flint_malloc(cap * sizeof(slong));
    fmpq * v = _fmpq_vec_init(len), * col = _fmpq_vec_init(n);
    fmpq_t t;
    fmpq_init(t);
    fmpq_mat_t S;
    fmpq_mat_init(S, k, len);
    slong * idx = flint_malloc((k + 1) * sizeof(slong));
    W->raw = 0;
    W->zero = 0;
    W->k = k;
    if (k <= n)
    {
        for (slong i = 0; i < k; i++) idx[i] = i;
        for (;;)
        {
            for (slong r = 0; r < k; r++)
            {
                for (slong c = 0; c < d; c++)
                    fmpq_set(fmpq_mat_entry(S, r, c), fmpq_mat_entry(D->X, idx[r], c));
                if (bias)
                    fmpq_one(fmpq_mat_entry(S, r, d));
            }
            wedge_gcp(v, S);
            for (int s = 1; s >= -1; s -= 2)
            {
                W->raw++;
                int nonzero = 0;
                for (slong j = 0; j < n; j++)
                {
                    fmpq_zero(t);
                    for (slong c = 0; c < d; c++)
                        fmpq_addmul(t, fmpq_mat_entry(D->X, j, c), v + c);
                    if (bias)
                        fmpq_add(t, t, v + d);
                    if (s < 0) fmpq_neg(t, t);
                    if (fmpq_sgn(t) > 0) fmpq_set(col + j, t); else fmpq_zero(col + j);
                    nonzero |= !fmpq_is_zero(col + j);
                }
                if (!nonzero)
                {
                    W->zero++;
                    continue;
                }
                slong found = -1;
                for (slong q = 0; q < num && found < 0; q++)
                    if (_vec_equal(cols + q * n, col, n))
                        found = q;
                if (found >= 0)
                {
                    mult[found]++;
                    continue;
                }
                if (num == cap)
                {
                    slong nc = 2 * cap;
                    fmpq * c2 = _fmpq_vec_init(nc * n), * v2 = _fmpq_vec_init(nc * len);
                    for (slong q = 0; q < num * n; q++) fmpq_swap(c2 + q, cols + q);
                    for (slong q = 0; q < num * len; q++) fmpq_swap(v2 + q, vs + q);
                    _fmpq_vec_clear(cols, cap * n);
                    _fmpq_vec_clear(vs, cap * len);
                    cols = c2; vs = v2;
                    subs = flint_realloc(subs, nc * FLINT_MAX(k, 1) * sizeof(slong));
                    sg = flint_realloc(sg, nc * sizeof(int));
                    mult = flint_realloc(mult, nc * sizeof(slong));
                    cap = nc;
                }
                for (slong j = 0; j < n; j++) fmpq_set(cols + num * n + j, col + j);
                for (slong c = 0; c < len; c++)
                {
                    fmpq_set(vs + num * len + c, v + c);
                    if (s < 0) fmpq_neg(vs + num * len + c, vs + num * len + c);
                }
                for (slong r = 0; r < k; r++) subs[num * k + r] = idx[r];
                sg[num] = s;
                mult[num] = 1;
                num++;
            }
            slong i = k - 1;
            while (i >= 0 && idx[i] == n - k + i) i--;
            if (i < 0) break;
            idx[i]++;
            for (slong j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
    }
    wedge_dict_clear(W);
    W->num = num;
    fmpq_mat_init(W->F, n, num);
    fmpq_mat_init(W->V, num, len);
    for (slong q = 0; q < num; q++)
    {
        for (slong j = 0; j < n; j++) fmpq_set(fmpq_mat_entry(W->F, j, q), cols + q * n + j);
        for (slong c = 0; c < len; c++) fmpq_set(fmpq_mat_entry(W->V, q, c), vs + q * len + c);
    }
    W->subsets = subs;
    W->sign = sg;
    W->multiplicity = mult;
    _fmpq_vec_clear(cols, cap * n);
    _fmpq_vec_clear(vs, cap * len);
    _fmpq_vec_clear(v, len);
    _fmpq_vec_clear(col, n);
    fmpq_clear(t);
    fmpq_mat_clear(S);
    flint_free(idx);
}
