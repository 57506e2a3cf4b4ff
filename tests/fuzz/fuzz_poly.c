/* libFuzzer harness: polyhedron files (H or V form) and --box style number lists. */
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
        for (slong n = 1; n <= 3; n++)
        {
            polytope_t Q;
            polytope_init(Q, n);
            if (polytope_read_jnode(Q, root, err) != RELU_OK && strchr(err->msg, '\n') != NULL)
                __builtin_trap();
            polytope_clear(Q);
        }
        jnode_free(root);
    }
    /* the same bytes as a list "a,b,c" of exact numbers */
    char * text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    fmpq * v = NULL;
    slong cnt;
    if (strlen(text) == size && num_parse_list(&v, &cnt, text, -1, err) == RELU_OK)
        _fmpq_vec_clear(v, cnt);
    free(text);
    flint_cleanup();
    return 0;
}
