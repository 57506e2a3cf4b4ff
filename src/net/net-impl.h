/* Private helpers of the net module (not installed). */
#ifndef RELUCERT_NET_IMPL_H
#define RELUCERT_NET_IMPL_H

#include "net/net.h"

/* Layer l's (1-based) "shortcuts" value v: keys, sources and shapes against
   widths[0..l] (widths[0] = input_dim, widths[i] = rows of layer i). Nothing
   is allocated. */
int _net_check_shortcuts(const jnode * v, slong l, const slong * widths, rc_error_t err);
/* Reads v, checked by _net_check_shortcuts, into layer l - 1 of net, sorted by source. */
int _net_read_shortcuts(net_t net, const jnode * v, slong l, rc_error_t err);

/* The layers' "max_groups" keys (net/read_groups.c) into net->group; a file
   with groups is refused (RELU_E_UNSUPPORTED) without NET_READ_GROUPS. */
int _net_read_groups(net_t net, const jnode * layers, int flags, rc_error_t err);

/* A sparse affine form (net/form.c): sum val[k] * coordinate idx[k]. */
typedef struct
{
    slong len, alloc;
    slong * idx;
    fmpq * val;
}
net_form_struct;

void _net_form_init(net_form_struct * f);
void _net_form_clear(net_form_struct * f);
void _net_form_append(net_form_struct * f, slong idx, const fmpq_t c);
/* f += c * src, unsorted until _net_form_normalize (sorted by idx, merged, no zeros). */
void _net_form_append_scaled(net_form_struct * f, const net_form_struct * src, const fmpq_t c);
void _net_form_normalize(net_form_struct * f);

#endif
