/* libFuzzer harness: the certificate reader of relucert-check (checker/json.c
   and the readers of every certificate kind). The input is the certificate;
   its own "network" is the network it is checked against (otherwise almost
   every input would stop at the network comparison). Any input must be
   verified or rejected with a one-line message (fail() longjmps here, see
   check.h), never crash, hang or leak. Built with checker/check.c's main
   renamed (tests/fuzz/run.sh). An input that is a graph (network format 2)
   goes through the checker's graph reader and evaluator instead. */
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

int
LLVMFuzzerTestOneInput(const uint8_t * data, size_t size)
{
    static int initialised;
    if (!initialised)
    {
        arena_init();
        initialised = 1;
    }
    jmp_buf jump;
    check_fail_jump = &jump;
    if (setjmp(jump) == 0)
    {
        yajl_val cert = json_read_buffer((const char *) data, size, "cert");
        if (graph_is_graph(cert))   /* a graph network (checker/graph.c): read, evaluated at 0 */
        {
            graph * G = graph_read(cert, "graph");
            mpq_t * x = qvec(graph_input_dim(G)), * y = qvec(graph_output_dim(G));
            graph_eval(y, G, x);
            arena_free_all();
            check_fail_jump = NULL;
            return 0;
        }
        yajl_val nv = json_member(cert, "network");
        network net;
        read_network(&net, nv != NULL ? nv : cert, "network");
        yajl_val kind = json_member(cert, "certificate");
        int arrangement = YAJL_IS_STRING(kind) && strcmp(kind->u.string, "arrangement") == 0;
        check_certificate(cert, "cert", "net", &net, NULL, 0, arrangement, 1);
        arena_free_all();
    }
    check_fail_jump = NULL;
    return 0;
}
