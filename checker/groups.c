/* Max groups in relucert-check (doc/FORMAT.md, "Max groups"; proofs/CHECKER.md,
   "Max groups"). A group is k >= 2 consecutive neurons of one hidden layer; it
   outputs, through its lowest member of largest pre-activation (the argmax,
   pattern bit 1), that pre-activation, and 0 through the others (bit 0). So
   under a pattern a group computes like ReLUs switched by its bits, and only
   the constraints change: a member j that is not the argmax t must have
   z_j <= z_t. Every check is written with the boundary B_k of neuron k: z_k
   for a ReLU, z_j - z_t for a member j != t, and 0 (no constraint) for t. */
#include <string.h>
#include "check.h"

static void
read_layer_groups(network * net, yajl_val v, long l, long first, const char * where)
{
    long next = 0, width = net->width[l + 1];
    if (!YAJL_IS_ARRAY(v))
        fail("%s: layer %ld: max_groups must be an array of [start, size]", where, l);
    for (size_t i = 0; i < json_array_len(v); i++)
    {
        yajl_val p = json_array_item(v, i);
        long a = json_array_len(p) == 2 ? json_get_index(json_array_item(p, 0)) : -1;
        long s = json_array_len(p) == 2 ? json_get_index(json_array_item(p, 1)) : -1;
        if (a < 0 || s < 2)
            fail("%s: layer %ld, max group %zu: expected [start, size] with start >= 0, size >= 2", where, l, i);
        if (a < next || s > width - a)
            fail("%s: layer %ld, max group %zu: neurons %ld.. overlap an earlier group, come before it or leave the "
                 "layer's %ld neurons", where, l, i, a, width);
        for (long t = 0; t < s; t++)
            net->grp[first + a + t] = first + a;
        next = a + s;
    }
}

void
read_max_groups(network * net, yajl_val layers, const char * where)
{
    long first = 0;
    net->grp = NULL;
    for (long l = 0; l < net->nlayers; l++)
    {
        yajl_val v = json_member(json_array_item(layers, l), "max_groups");
        if (v != NULL && l + 1 == net->nlayers)
            fail("%s: layer %ld: max_groups in the output layer (it is affine)", where, l);
        if (v != NULL && net->grp == NULL)
        {
            net->grp = xmalloc((net->hidden + 1) * sizeof(long));
            for (long k = 0; k < net->hidden; k++)
                net->grp[k] = -1;
        }
        if (v != NULL)
            read_layer_groups(net, v, l, first, where);
        first += net->width[l + 1];
    }
}

int
groups_equal(const network * a, const network * b)
{
    for (long k = 0; k < a->hidden; k++)
        if ((a->grp ? a->grp[k] : -1) != (b->grp ? b->grp[k] : -1))
            return 0;
    return 1;
}

/* one past the last member of the group that starts at g */
static long
group_end(const network * net, long g)
{
    long e = g;
    while (e < net->hidden && net->grp[e] == g)
        e++;
    return e;
}

long
group_argmax(const network * net, mpq_t * const z, long g)
{
    long best = g, e = group_end(net, g);
    for (long j = g + 1; j < e; j++)
        if (mpq_cmp(z[j], z[best]) > 0)
            best = j;
    return best;
}

void
point_signs(char * s, const network * net, mpq_t * const z)
{
    for (long k = 0; k < net->hidden; k++)
        s[k] = "-0+"[mpq_sgn(z[k]) + 1];
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long t = group_argmax(net, z, g), e = group_end(net, g);
        for (long j = g; j < e; j++)
            s[j] = mpq_equal(z[j], z[t]) ? '0' : '-';
    }
    group_signs_alone(s, net);
}

void
pattern_of_signs(char * pat, const network * net, const char * s)
{
    for (long k = 0; k < net->hidden; k++)
        pat[k] = s[k] == '+' ? '1' : '0';
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long e = group_end(net, g), on = -1;
        for (long j = g; j < e && on < 0; j++)
            on = s[j] == '+' ? j : -1;
        for (long j = g; j < e && on < 0; j++)   /* tied at the maximum: the lowest member */
            on = s[j] == '0' ? j : -1;
        pat[on < 0 ? g : on] = '1';
    }
}

long
pattern_group_error(const network * net, const char * pat)
{
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long on = 0, e = group_end(net, g);
        for (long j = g; j < e; j++)
            on += pat[j] == '1';
        if (on != 1)
            return g;
    }
    return -1;
}

void
boundaries_of_pattern(mpq_t * Z, const network * net, const char * pat)
{
    long d = net->n + 1, bad = pattern_group_error(net, pat);
    if (bad >= 0)
        fail("the max group at neuron %ld has not exactly one member on in the pattern", bad);
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long e = group_end(net, g), t = g;
        while (pat[t] != '1')
            t++;
        for (long j = g; j < e; j++)
            if (j != t)
                for (long c = 0; c < d; c++)
                    mpq_sub(Z[j * d + c], Z[j * d + c], Z[t * d + c]);
        for (long c = 0; c < d; c++)
            mpq_set_ui(Z[t * d + c], 0, 1);
    }
}

void
point_boundaries(mpq_t * z, const network * net)
{
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long t = group_argmax(net, z, g), e = group_end(net, g);
        for (long j = g; j < e; j++)
            if (j != t)
                mpq_sub(z[j], z[j], z[t]);
        mpq_set_ui(z[t], 0, 1);
    }
}

void
group_signs_alone(char * s, const network * net)
{
    for (long g = 0; net->grp != NULL && g < net->hidden; g++)
    {
        if (net->grp[g] != g)
            continue;
        long e = group_end(net, g), tied = 0, at = g;
        for (long j = g; j < e; j++)
            if (s[j] == '0')
            {
                tied++;
                at = j;
            }
        if (tied == 1)
            s[at] = '+';
    }
}
