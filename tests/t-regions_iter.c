/* The iterator (regions/iter.c) yields exactly the regions of the recursive
   enumeration, in the same order, with the same JSON record (pattern, facets,
   vertices, affine map), on random deep degenerate networks in boxes and
   over R^n; stopping an iteration early and clearing it leaks nothing. */
#include "testutil.h"

typedef struct
{
    const net_struct * net;
    slong num, alloc;
    char ** records;
}
record_list;

static char *
record_of(const net_t net, const region_struct * R)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    jout_t out;
    jout_init(out, fp, 0, 0);
    region_write_json(out, net, R, NULL);
    jout_clear(out);
    fclose(fp);
    return buf;
}

static int
collect(void * data, const region_struct * R)
{
    record_list * L = data;
    if (L->num == L->alloc)
    {
        L->alloc = FLINT_MAX(16, 2 * L->alloc);
        L->records = realloc(L->records, L->alloc * sizeof(char *));
    }
    L->records[L->num++] = record_of(L->net, R);
    return 0;
}

int
main(void)
{
    flint_rand_t st;
    flint_randinit(st);
    slong iters = test_iters(40), total = 0;
    for (slong t = 0; t < iters; t++)
    {
        slong n = 1 + n_randint(st, 3), L = 1 + n_randint(st, 3);
        slong widths[5];
        widths[0] = n;
        for (slong j = 1; j < L; j++)
            widths[j] = 1 + n_randint(st, 4);
        widths[L] = 1;
        net_t net;
        net_init(net);
        test_random_net(net, st, L, widths, 2);
        poly_t dom;
        poly_init(dom, n);
        if (n_randint(st, 2))
        {
            fmpq_t lo, hi;
            fmpq_init(lo);
            fmpq_init(hi);
            fmpq_set_si(lo, -1 - (slong) n_randint(st, 3), 1);
            fmpq_set_si(hi, 1 + n_randint(st, 3), 2);
            poly_set_box(dom, lo, hi);
            fmpq_clear(lo);
            fmpq_clear(hi);
        }
        record_list R = { net, 0, 0, NULL };
        regions_enumerate(net, dom, collect, &R);

        regions_iter_t it;
        regions_iter_init(it, net, dom);
        slong i = 0;
        const region_struct * reg;
        while ((reg = regions_iter_next(it)) != NULL)
        {
            CHECK(i < R.num, "iterator gives more regions than the enumeration (%ld)", (long) R.num);
            char * s = record_of(net, reg);
            CHECK(!strcmp(s, R.records[i]), "region %ld differs:\n%s\n%s", (long) i, s, R.records[i]);
            free(s);
            i++;
        }
        total += i;
        CHECK(i == R.num, "iterator gives %ld regions, the enumeration %ld", (long) i, (long) R.num);
        CHECK(regions_iter_next(it) == NULL, "exhausted iterator yields again");
        regions_iter_clear(it);

        /* stop after the first region: clearing frees the pending pieces */
        regions_iter_init(it, net, dom);
        regions_iter_next(it);
        regions_iter_clear(it);

        for (slong j = 0; j < R.num; j++)
            free(R.records[j]);
        free(R.records);
        poly_clear(dom);
        net_clear(net);
    }
    flint_randclear(st);
    poly_cdd_clear();
    flint_cleanup();
    printf("PASS (%ld networks, %ld regions in the same order)\n", (long) iters, (long) total);
    return 0;
}
