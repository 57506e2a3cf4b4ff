/* Private helpers of the graph reader (src/plnet/read*.c). */
#ifndef RELUCERT_PLNET_IMPL_H
#define RELUCERT_PLNET_IMPL_H

#include "plnet/plnet.h"

/* Tensors larger than this are refused: a few bytes of padding or shape in a
   file must not ask for gigabytes. */
#define PLNET_MAX_SIZE (WORD(1) << 24)

/* A tensor of numbers: nested arrays (at most maxaxes deep) or, when
   scalar_ok, one number (*ndims = 0). *v gets prod(dims) entries in row-major
   order (_fmpq_vec_init, at least one). Messages name the field and the index:
   "weights[2][1]: expected a number ...". */
int _plnet_read_tensor(fmpq ** v, slong * len, int * ndims, slong * dims, const jnode * t, int maxaxes,
                       int scalar_ok, const char * field, rc_error_t err);
/* A JSON integer token in [lo, hi]. */
int _plnet_read_int(slong * x, const jnode * t, slong lo, slong hi, const char * field, rc_error_t err);
/* An integer in [lo, hi] or an array of n of them (one per spatial axis). */
int _plnet_read_ints(slong * x, slong n, const jnode * t, slong lo, slong hi, const char * field,
                     rc_error_t err);
/* Sets shape from dims (1..3 axes, each >= 1, size <= PLNET_MAX_SIZE). */
int _plnet_shape_set(plnet_shape * s, int ndims, const slong * dims, const char * field, rc_error_t err);
/* "[2, 3]" */
void _plnet_shape_str(char * buf, size_t size, const plnet_shape * s);

/* Parameters and output shape of node i from its JSON object (inputs' shapes known). */
int _plnet_node_read(plnet_t g, slong i, const jnode * obj, rc_error_t err);
/* The keys node i may have besides name, op, inputs; NULL-terminated. */
const char * const * _plnet_op_keys(plnet_op op);

#endif
