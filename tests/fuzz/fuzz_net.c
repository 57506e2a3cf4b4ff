/* libFuzzer harness: network files. Any input must give a network or a
   one-line error, never a crash or a leak; accepted networks round-trip. */
#include <string.h>
#include "relucert.h"

int
LLVMFuzzerTestOneInput(const unsigned char * data, size_t size)
{
    jnode * root = NULL;
    rc_error_t err;
    rc_error_init(err);
    if (jnode_parse(&root, (const char *) data, size, err) == RELU_OK)
    {
        net_t net;
        net_init(net);
        if (net_read_jnode(net, root, err) == RELU_OK)
        {
            /* write, read back: equal */
            char * buf = NULL;
            size_t len = 0;
            FILE * fp = open_memstream(&buf, &len);
            jout_t out;
            jout_init(out, fp, 0, 0);
            net_write_jout(out, net);
            jout_clear(out);
            fclose(fp);
            jnode * again = NULL;
            net_t net2;
            net_init(net2);
            if (jnode_parse(&again, buf, len, err) != RELU_OK || net_read_jnode(net2, again, err) != RELU_OK
                || !net_equal(net, net2))
                __builtin_trap();
            jnode_free(again);
            net_clear(net2);
            free(buf);
        }
        else if (strchr(err->msg, '\n') != NULL)
            __builtin_trap();   /* error messages are one line */
        net_clear(net);
        jnode_free(root);
    }
    else if (strchr(err->msg, '\n') != NULL)
        __builtin_trap();
    flint_cleanup();
    return 0;
}
