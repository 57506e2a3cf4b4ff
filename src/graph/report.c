/* The analysis `relucert dualgraph` reports: the dual graph, its certified
   Fiedler partition, the agreement with a threshold's classes, and its
   writers (JSON, text, DOT, GraphML). */
#include <string.h>
#include "graph/graph.h"
#include "num/num.h"

void
dualgraph_report_init(dualgraph_report_t R)
{
    memset(R, 0, sizeof(dualgraph_report_struct));
    dualgraph_init(R->G);
    spectrum_init(R->S);
    fiedler_init(R->Fd);
    fmpq_init(R->fraction);
}

void
dualgraph_report_clear(dualgraph_report_t R)
{
    spectrum_clear(R->S);
    fiedler_clear(R->Fd);
    dualgraph_clear(R->G);
    fmpq_clear(R->fraction);
    flint_free(R->degrees);
    flint_free(R->lo);
    flint_free(R->hi);
}

/* Degrees, and the agreement of the partition with the classes (best over the
   global sign of the Fiedler vector). */
static void
_summarise(dualgraph_report_t R)
{
    const dualgraph_struct * G = R->G;
    const spectrum_struct * S = R->S;
    R->degrees = flint_calloc(FLINT_MAX(G->nodes, 1), sizeof(slong));
    for (slong e = 0; e < G->nedges; e++)
        R->degrees[G->edges[2 * e]]++, R->degrees[G->edges[2 * e + 1]]++;
    if (R->threshold)
        for (slong i = 0; i < G->nodes; i++)
        {
            if (G->cls[i] == 2)
            {
                R->crossed++;
                continue;
            }
            if (G->cls[i] == 0 || S->partition[i] == '?')
                continue;
            R->compared++;
            R->agree += (S->partition[i] == '+') == (G->cls[i] > 0);
        }
    if (R->compared > 0)
        fmpq_set_si(R->fraction, FLINT_MAX(R->agree, R->compared - R->agree), R->compared);
    if (R->dense)
        spectrum_decimal_bounds(&R->lo, &R->hi, S, 1, 20);
    else
        graph_decimal_bounds_fmpq(&R->lo, &R->hi, R->Fd->lo, R->Fd->hi, 20);
}

int
dualgraph_fiedler(spectrum_t S, fiedler_t Fd, int * dense, const dualgraph_t G, int weighted, FILE * progress,
                  rc_error_t err)
{
    slong n = G->nodes;
    int status = RELU_OK;
    *dense = n < 3;
    if (n >= 3)
    {
        splap_t A;
        splap_init(A);
        splap_from_graph(A, G, weighted);
        status = fiedler_compute(Fd, A, progress, err);
        splap_clear(A);
        *dense = (status != RELU_OK || !Fd->simple) && n <= DUALGRAPH_DENSE_MAX;
        if (status == RELU_OK && !*dense)
            return spectrum_set_fiedler(S, Fd, err);
        if (*dense)
            rc_error_init(err);
        if (progress && *dense)
            fprintf(progress, "dualgraph: lambda_2 not proved simple by the sparse path: dense path\n");
    }
    if (*dense)
    {
        fmpz_mat_t L;
        fmpz_mat_init(L, n, n);
        dualgraph_laplacian(L, G, weighted);
        status = spectrum_compute(S, L, err);
        fmpz_mat_clear(L);
    }
    return status;
}

int
dualgraph_analyze(dualgraph_report_t R, const net_t net, const poly_t domain, const char * desc, slong output,
                  const fmpq_t T, int weighted, int list_edges, rc_error_t err)
{
    R->weighted = weighted;
    R->list_edges = list_edges;
    R->threshold = T != NULL;
    R->output = output;
    snprintf(R->domain, sizeof(R->domain), "%s", desc);
    int status = dualgraph_build_progress(R->G, net, domain, output, T, R->region_progress, err);
    if (status == RELU_OK)
        status = dualgraph_fiedler(R->S, R->Fd, &R->dense, R->G, weighted, R->progress, err);
    if (status == RELU_OK)
        _summarise(R);
    return status;
}

static void
_write_lists(jout_t out, const dualgraph_report_t R)
{
    const dualgraph_struct * G = R->G;
    jout_key(out, "partition");
    jout_begin_array(out);
    for (slong i = 0; i < G->nodes; i++)
    {
        char s[2] = { R->S->partition[i], 0 };
        jout_string(out, s);
    }
    jout_end_array(out);
    jout_key(out, "uncertain");
    jout_begin_array(out);
    for (slong i = 0; i < G->nodes; i++)
        if (R->S->partition[i] == '?')
            jout_int(out, i);
    jout_end_array(out);
    jout_key(out, "degrees");
    jout_begin_array(out);
    for (slong i = 0; i < G->nodes; i++)
        jout_int(out, R->degrees[i]);
    jout_end_array(out);
    if (R->list_edges)
    {
        jout_key(out, "edge_list");
        jout_begin_array(out);
        for (slong e = 0; e < G->nedges; e++)
        {
            jout_begin_array(out);
            jout_int(out, G->edges[2 * e]);
            jout_int(out, G->edges[2 * e + 1]);
            jout_int(out, G->weight[e]);
            jout_end_array(out);
        }
        jout_end_array(out);
    }
}

void
dualgraph_report_write_json(jout_t out, const dualgraph_report_t R)
{
    jout_begin_object(out);
    jout_key(out, "nodes"); jout_int(out, R->G->nodes);
    jout_key(out, "edges"); jout_int(out, R->G->nedges);
    jout_key(out, "laplacian"); jout_string(out, R->weighted ? "weighted" : "unweighted");
    jout_key(out, "fiedler_value");
    jout_begin_array(out);
    jout_string(out, R->lo);
    jout_string(out, R->hi);
    jout_end_array(out);
    jout_key(out, "fiedler_simple"); jout_bool(out, R->S->fiedler_simple);
    jout_key(out, "fiedler_multiplicity");
    if (R->S->fiedler_mult > 0)
        jout_int(out, R->S->fiedler_mult);
    else
        jout_null(out);
    _write_lists(out, R);
    if (R->threshold)
    {
        jout_key(out, "agreement");
        jout_begin_object(out);
        jout_key(out, "fraction");
        if (R->compared > 0)
            jout_fmpq_str(out, R->fraction);
        else
            jout_null(out);
        jout_key(out, "compared"); jout_int(out, R->compared);
        jout_key(out, "crossed"); jout_int(out, R->crossed);
        jout_end_object(out);
    }
    jout_key(out, "domain"); jout_string(out, R->domain);
    jout_end_object(out);
}

void
dualgraph_report_write_text(FILE * fp, const dualgraph_report_t R)
{
    fprintf(fp, "dual graph in %s: %ld regions, %ld edges (%s Laplacian)\n", R->domain, (long) R->G->nodes,
            (long) R->G->nedges, R->weighted ? "weighted" : "unweighted");
    if (R->S->fiedler_mult > 1)
        fprintf(fp, "Fiedler value in [%s, %s] (multiplicity %ld, exact: no Fiedler vector is unique up to "
                "sign, so no node has a certain sign)\n", R->lo, R->hi, (long) R->S->fiedler_mult);
    else
        fprintf(fp, "Fiedler value in [%s, %s]%s\n", R->lo, R->hi,
                R->S->fiedler_simple ? " (simple)" : " (not certified simple)");
    fprintf(fp, "partition: %s\n", R->S->partition);
    if (R->threshold && R->compared > 0)
    {
        char * fs = num_get_str(R->fraction);
        fprintf(fp, "agreement with sign(f - T): %s of %ld regions (%ld crossed by {f = T})\n", fs,
                (long) R->compared, (long) R->crossed);
        flint_free(fs);
    }
}

void
dualgraph_report_write_dot(FILE * fp, const dualgraph_report_t R)
{
    const dualgraph_struct * G = R->G;
    fprintf(fp, "graph dual {\n");
    for (slong i = 0; i < G->nodes; i++)
        fprintf(fp, "  r%ld [label=\"%ld\" partition=\"%c\"];\n", (long) i, (long) i, R->S->partition[i]);
    for (slong e = 0; e < G->nedges; e++)
        fprintf(fp, "  r%ld -- r%ld [weight=%ld];\n", (long) G->edges[2 * e], (long) G->edges[2 * e + 1],
                (long) (R->weighted ? G->weight[e] : 1));
    fprintf(fp, "}\n");
}

void
dualgraph_report_write_graphml(FILE * fp, const dualgraph_report_t R)
{
    const dualgraph_struct * G = R->G;
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                "  <key id=\"p\" for=\"node\" attr.name=\"partition\" attr.type=\"string\"/>\n"
                "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
                "  <graph id=\"dual\" edgedefault=\"undirected\">\n");
    for (slong i = 0; i < G->nodes; i++)
        fprintf(fp, "    <node id=\"r%ld\"><data key=\"p\">%c</data></node>\n", (long) i, R->S->partition[i]);
    for (slong e = 0; e < G->nedges; e++)
        fprintf(fp, "    <edge source=\"r%ld\" target=\"r%ld\"><data key=\"w\">%ld</data></edge>\n",
                (long) G->edges[2 * e], (long) G->edges[2 * e + 1], (long) (R->weighted ? G->weight[e] : 1));
    fprintf(fp, "  </graph>\n</graphml>\n");
}
