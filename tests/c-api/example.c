/* Using librelucert from C: count the regions of a network in [-1,1]^n.
   cc example.c $(pkg-config --cflags --libs relucert) -lflint -lgmp */
#include <stdio.h>
#include <relucert.h>

static int count(void * n, const region_struct * R) { (void) R; ++*(long *) n; return 0; }

int main(int argc, char ** argv)
{
    net_t net; rc_error_t err; poly_t box; fmpq_t lo, hi; long n = 0;
    rc_error_init(err); net_init(net);
    if (argc < 2 || net_read_file(net, argv[1], err)) { fprintf(stderr, "%s\n", err->msg); return 1; }
    fmpq_init(lo); fmpq_init(hi); fmpq_set_si(lo, -1, 1); fmpq_set_si(hi, 1, 1);
    poly_init(box, net->input_dim); poly_set_box(box, lo, hi);
    regions_enumerate(net, box, count, &n);
    printf("%ld regions\n", n);
    poly_clear(box); fmpq_clear(lo); fmpq_clear(hi); net_clear(net);
    return 0;
}
