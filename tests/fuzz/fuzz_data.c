/* libFuzzer harness: data sets {"X": [[...]], "y": [...]} of relucert wedge and
   train-convex (src/wedge). Any input must give a data set or a one-line
   error, never a crash or a leak; an accepted data set has n >= 1 samples of
   dimension d >= 1 and one label per sample. */
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
        wedge_data_t D;
        wedge_data_init(D);
        if (wedge_data_read_jnode(D, root, err) == RELU_OK)
        {
            if (D->n < 1 || D->d < 1 || D->X->r != D->n || D->X->c != D->d)
                __builtin_trap();
        }
        else if (strchr(err->msg, '\n') != NULL || err->msg[0] == '\0')
            __builtin_trap();
        wedge_data_clear(D);
        jnode_free(root);
    }
    else if (strchr(err->msg, '\n') != NULL)
        __builtin_trap();
    flint_cleanup();
    return 0;
}
