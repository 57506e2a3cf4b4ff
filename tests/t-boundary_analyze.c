/* The analyses behind `relucert boundary`, `layer` and `levelset` and their
   writers, against independent truths:
   - boundary_analyze on random networks (n = 2, 3, in a box and over R^n):
     every listed piece has f = T (exact evaluator) and a . x + c = 0 at its
     vertices, a . r = 0 on its rays and lineality; the summary with the list
     equals the one without (same JSON after the piece_list, same text after
     the piece lines, one text line per piece);
   - boundary_layer_analyze on random layers of full row rank (m <= n): at
     every listed sector's interior point p the pattern is the sign of
     W p + b computed here, and W (P p + q) + b = relu(W p + b) exactly; for
     square W there are 2^n sectors;
   - levelset_analyze: the hexagon (its type, 6 + 6 + 1 faces plus the empty
     one, the zonotope duality with 6 vertices), and on random networks the
     pieces by dimension add up, a bounded domain gives a bounded set, and a
     face lattice exists exactly for a nonempty convex set. */
#include "testutil.h"

/* the JSON of a writer as a string (compact), freed by the caller */
static char *
json_of(void (*w)(jout_t, const void *), const void * r)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    jout_t out;
    jout_init(out, fp, 0, 0);
    w(out, r);
    jout_clear(out);
    fclose(fp);
    return buf;
}

static char *
text_of(void (*w)(FILE *, const void *), const void * r)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    w(fp, r);
    fclose(fp);
    return buf;
}

static void
check_pieces(const boundary_analysis_t A, const net_t net, const fmpq_t T)
{
    slong n = A->n;
    fmpq * y = _fmpq_vec_init(net_num_outputs(net));
    fmpz_t d;
    fmpq_t v, t;
    fmpz_init(d);
    fmpq_init(v);
    fmpq_init(t);
    for (slong i = 0; i < A->num; i++)
    {
        const boundary_piece_record * r = A->piece + i;
        CHECK((slong) strlen(r->signs) == net_num_hidden(net), "piece %ld: %ld signs", (long) i,
              (long) strlen(r->signs));
        CHECK(r->nv >= 1, "piece %ld has no vertex", (long) i);
        for (slong a = 0; a < r->nv; a++)
        {
            const fmpq * x = r->vert + a * n;
            net_eval(y, NULL, net, x);
            CHECK(fmpq_equal(y + A->output, T), "piece %ld: f != T at a vertex", (long) i);
            fmpq_set_fmpz(v, r->hyperplane);
            for (slong k = 0; k < n; k++)
            {
                fmpq_set_fmpz(t, r->hyperplane + 1 + k);
                fmpq_addmul(v, t, x + k);
            }
            CHECK(fmpq_is_zero(v), "piece %ld: a vertex is off the hyperplane", (long) i);
        }
        for (slong a = 0; a < r->nr + r->nl; a++)
        {
            const fmpz * u = a < r->nr ? r->ray + a * n : r->lin + (a - r->nr) * n;
            _fmpz_vec_dot(d, r->hyperplane + 1, u, n);
            CHECK(fmpz_is_zero(d), "piece %ld: a direction leaves the hyperplane", (long) i);
        }
    }
    fmpq_clear(t);
    fmpq_clear(v);
    fmpz_clear(d);
    _fmpq_vec_clear(y, net_num_outputs(net));
}

static void
test_boundary(flint_rand_t st)
{
    fmpq_t lo, hi, T;
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(T);
    fmpq_set_si(lo, -2, 1);
    fmpq_set_si(hi, 2, 1);
    slong iters = test_iters(30);
    for (slong it = 0; it < iters; it++)
    {
        slong n = 2 + (it % 4 == 3), w = n + n_randint(st, 3);
        slong shallow[3] = { n, w, 1 }, deep[4] = { n, 3, 2, 1 };
        int isdeep = it % 3 == 2;
        net_t net;
        net_init(net);
        test_random_net(net, st, isdeep ? 3 : 2, isdeep ? deep : shallow, 3);
        fmpq_set_si(T, (slong) n_randint(st, 5) - 2, 1 + n_randint(st, 2));
        poly_t D;
        poly_init(D, n);
        int whole = it % 2;
        if (whole)
            poly_set_whole(D);
        else
            poly_set_box(D, lo, hi);
        const char * desc = whole ? "R^n" : "box";
        boundary_analysis_t A0, A1;
        rc_error_t err;
        boundary_analysis_init(A0);
        boundary_analysis_init(A1);
        CHECK(boundary_analyze(A0, net, "net", 0, T, D, desc, 0, 0, err) == RELU_OK, "%s", err->msg);
        CHECK(boundary_analyze(A1, net, "net", 0, T, D, desc, 1, 1, err) == RELU_OK, "%s", err->msg);
        CHECK(A0->num == 0, "pieces kept without list");
        CHECK(A1->num == A1->B->pieces, "%ld pieces listed, %ld counted", (long) A1->num, (long) A1->B->pieces);
        check_pieces(A1, net, T);
        for (slong j = 0; j <= n; j++)
            CHECK(A0->B->fvec[j] == A1->B->fvec[j], "f_%ld differs with the list", (long) j);
        CHECK(A0->have_homology == !whole && A0->classify == (!isdeep && w == n), "homology / class flags");

        /* JSON: the same after the piece list (faces_checked differs: 0 vs 1) */
        A1->check_faces = 0;
        char * j0 = json_of((void (*)(jout_t, const void *)) boundary_analysis_write_json, A0);
        char * j1 = json_of((void (*)(jout_t, const void *)) boundary_analysis_write_json, A1);
        const char * s0 = strstr(j0, "\"input_dim\""), * s1 = strstr(j1, "\"input_dim\"");
        CHECK(s0 != NULL && s1 != NULL && strcmp(s0, s1) == 0, "JSON differs with the list:\n%s\n%s", j0, j1);
        CHECK(strncmp(j1, "{\"piece_list\":[", 15) == 0, "no piece_list first: %s", j1);
        /* text: one line per piece, then the same summary */
        char * t0 = text_of((void (*)(FILE *, const void *)) boundary_analysis_write_text, A0);
        char * t1 = text_of((void (*)(FILE *, const void *)) boundary_analysis_write_text, A1);
        const char * p = t1;
        for (slong i = 0; i < A1->num; i++)
        {
            CHECK(strncmp(p, "  piece ", 8) == 0, "text piece line %ld: %s", (long) i, p);
            p = strchr(p, '\n') + 1;
        }
        CHECK(strcmp(p, t0) == 0, "text differs with the list:\n%s\n%s", t0, p);
        free(j0);
        free(j1);
        free(t0);
        free(t1);
        boundary_analysis_clear(A0);
        boundary_analysis_clear(A1);
        poly_clear(D);
        net_clear(net);
    }
    fmpq_clear(T);
    fmpq_clear(hi);
    fmpq_clear(lo);
}

static void
test_layer(flint_rand_t st)
{
    slong iters = test_iters(30), done = 0;
    for (slong it = 0; it < iters; it++)
    {
        slong n = 2 + n_randint(st, 2), m = n - (it % 3 == 2);
        slong widths[3] = { n, m, 1 };
        net_t net;
        net_init(net);
        test_random_net(net, st, 2, widths, 3);
        fmpq_mat_t E;
        fmpq_mat_init(E, m, n);
        slong rank = fmpq_mat_rref(E, net->layers[0].W);
        fmpq_mat_clear(E);
        if (rank < m)
        {
            net_clear(net);
            continue;    /* full row rank only: that is where pi exists on every sector */
        }
        done++;
        boundary_layer_analysis_t A;
        rc_error_t err;
        boundary_layer_analysis_init(A);
        CHECK(boundary_layer_analyze(A, net, "net", 1, 1, err) == RELU_OK, "%s", err->msg);
        CHECK(A->num == A->L->sectors, "%ld sectors listed of %ld", (long) A->num, (long) A->L->sectors);
        if (m == n)
            CHECK(A->num == (WORD(1) << n), "%ld sectors for invertible W in R^%ld", (long) A->num, (long) n);
        const net_layer_struct * lay = net->layers;
        fmpq * px = _fmpq_vec_init(n);
        fmpq_t z, u;
        fmpq_init(z);
        fmpq_init(u);
        for (slong s = 0; s < A->num; s++)
        {
            const boundary_layer_sector_record * r = A->sector + s;
            CHECK(r->factorises && r->P != NULL, "sector %ld: full row rank but no projection", (long) s);
            for (slong k = 0; k < n; k++)
            {
                fmpq_set(px + k, r->q + k);
                for (slong l = 0; l < n; l++)
                    fmpq_addmul(px + k, r->P + k * n + l, r->point + l);
            }
            for (slong i = 0; i < m; i++)
            {
                fmpq_set(z, lay->b + i);
                fmpq_set(u, lay->b + i);
                for (slong k = 0; k < n; k++)
                {
                    fmpq_addmul(z, fmpq_mat_entry(lay->W, i, k), r->point + k);
                    fmpq_addmul(u, fmpq_mat_entry(lay->W, i, k), px + k);
                }
                CHECK(fmpq_sgn(z) != 0 && (r->pattern[i] == '1') == (fmpq_sgn(z) > 0),
                      "sector %ld: pattern %s at neuron %ld", (long) s, r->pattern, (long) i);
                if (fmpq_sgn(z) < 0)
                    fmpq_zero(z);
                CHECK(fmpq_equal(z, u), "sector %ld: W pi(p) + b != relu(W p + b) at neuron %ld", (long) s, (long) i);
            }
        }
        fmpq_clear(u);
        fmpq_clear(z);
        _fmpq_vec_clear(px, n);
        boundary_layer_analysis_clear(A);
        net_clear(net);
    }
    CHECK(done > iters / 4, "only %ld layers of full row rank", (long) done);
}

static void
test_levelset(flint_rand_t st)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/polytopes/nets/hexagon3.json", test_data_dir());
    net_t net;
    rc_error_t err;
    fmpq_t T, lo, hi;
    fmpq_init(T);
    fmpq_init(lo);
    fmpq_init(hi);
    net_init(net);
    CHECK(net_read_file(net, path, err) == RELU_OK, "%s", err->msg);
    poly_t D;
    poly_init(D, 2);
    poly_set_whole(D);
    fmpq_one(T);
    levelset_analysis_t A;
    levelset_analysis_init(A);
    CHECK(levelset_analyze(A, net, "hexagon", 0, T, LEVELSET_SUB, D, "R^2", 0, 1, err) == RELU_OK, "%s", err->msg);
    CHECK(A->type != NULL && strcmp(A->type, "hexagon") == 0, "type %s", A->type ? A->type : "(none)");
    CHECK(A->lattice && A->F->num == 14, "hexagon lattice with %ld faces", (long) A->F->num);
    CHECK(A->applies && A->Z->nv == 6 && A->Z->m == 6, "zonotope duality");
    CHECK(levelset_analysis_json_compact(A), "a polytope prints compact");
    levelset_analysis_clear(A);
    poly_clear(D);

    fmpq_set_si(lo, -1, 1);
    fmpq_set_si(hi, 1, 1);
    slong iters = test_iters(20);
    for (slong it = 0; it < iters; it++)
    {
        slong widths[3] = { 2, 2 + n_randint(st, 4), 1 };
        test_random_net(net, st, 2, widths, 3);
        fmpq_set_si(T, (slong) n_randint(st, 5) - 2, 1 + n_randint(st, 2));
        poly_init(D, 2);
        poly_set_box(D, lo, hi);
        int kind = it % 3 == 0 ? LEVELSET_SUB : it % 3 == 1 ? LEVELSET_SUPER : LEVELSET_LEVEL;
        levelset_analysis_init(A);
        CHECK(levelset_analyze(A, net, "net", 0, T, kind, D, "box", it % 2, 0, err) == RELU_OK, "%s", err->msg);
        slong sum = 0;
        for (slong k = 0; k <= 2; k++)
            sum += A->bydim[k];
        CHECK(sum == A->L->num, "pieces by dimension add up to %ld, not %ld", (long) sum, (long) A->L->num);
        CHECK(A->bounded, "a set in a box is bounded");
        CHECK(A->lattice == (A->L->convex && !A->L->empty), "face lattice flag");
        CHECK(levelset_analysis_json_compact(A) == (it % 2 || A->lattice), "compact flag");
        levelset_analysis_clear(A);
        poly_clear(D);
    }
    net_clear(net);
    fmpq_clear(hi);
    fmpq_clear(lo);
    fmpq_clear(T);
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    printf("boundary_analyze....");
    fflush(stdout);
    test_boundary(st);
    test_layer(st);
    test_levelset(st);
    flint_randclear(st);
    flint_cleanup();
    printf("PASS\n");
    return 0;
}
