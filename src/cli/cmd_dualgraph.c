#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * dualgraph_help =
"usage: relucert dualgraph NET [--box LO,HI | --domain FILE | --whole] [options]\n"
"\n"
"The dual graph of the activation regions (nodes: regions in the order of regions --list;\n"
"edges: pairs of regions sharing a facet, found exactly from the complex), its Laplacian\n"
"L = D - A, a certified enclosure of the second-smallest eigenvalue (Fiedler value) and the\n"
"certified sign partition of a Fiedler vector (arb ball arithmetic; see --help of the\n"
"library header graph/graph.h for the argument). Default domain: R^n.\n"
"\n"
"options:\n"
"  --weighted        weight each edge by the number of vertices of the shared facet\n"
"  --threshold T     compare the partition with the classes sign(f - T) of the regions\n"
"  --output i        the output used with --threshold (default 0)\n"
"  --dot FILE        write the graph in Graphviz DOT ('-' for stdout)\n"
"  --graphml FILE    write the graph in GraphML\n"
"  --list-edges      include the edge list in the JSON output\n"
"  --json, --quiet, --help\n"
"\n"
"JSON keys: nodes, edges, laplacian (\"unweighted\" | \"weighted\"), fiedler_value [lo, hi]\n"
"  (decimal strings, certified), fiedler_simple (whether lambda_2 is certified simple; if not,\n"
"  the partition is all \"?\"), partition (\"+\", \"-\" or \"?\" per region), uncertain (indices of\n"
"  \"?\" regions), degrees (per region), edge_list [[i, j, weight], ...] with --list-edges;\n"
"  with --threshold: agreement {fraction (exact, best over the global sign of the vector),\n"
"  compared (regions with a certain sign and a class), crossed (regions f - T changes sign on)}.\n";

static void
write_dot(FILE * fp, const dualgraph_t G, const spectrum_t S, int weighted)
{
    fprintf(fp, "graph dual {\n");
    for (slong i = 0; i < G->nodes; i++)
        fprintf(fp, "  r%ld [label=\"%ld\" partition=\"%c\"];\n", (long) i, (long) i, S->partition[i]);
    for (slong e = 0; e < G->nedges; e++)
        fprintf(fp, "  r%ld -- r%ld [weight=%ld];\n", (long) G->edges[2 * e], (long) G->edges[2 * e + 1],
                (long) (weighted ? G->weight[e] : 1));
    fprintf(fp, "}\n");
}

static void
write_graphml(FILE * fp, const dualgraph_t G, const spectrum_t S, int weighted)
{
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                "  <key id=\"p\" for=\"node\" attr.name=\"partition\" attr.type=\"string\"/>\n"
                "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
                "  <graph id=\"dual\" edgedefault=\"undirected\">\n");
    for (slong i = 0; i < G->nodes; i++)
        fprintf(fp, "    <node id=\"r%ld\"><data key=\"p\">%c</data></node>\n", (long) i, S->partition[i]);
    for (slong e = 0; e < G->nedges; e++)
        fprintf(fp, "    <edge source=\"r%ld\" target=\"r%ld\"><data key=\"w\">%ld</data></edge>\n",
                (long) G->edges[2 * e], (long) G->edges[2 * e + 1], (long) (weighted ? G->weight[e] : 1));
    fprintf(fp, "  </graph>\n</graphml>\n");
}

static int
write_file(const char * path, void (*fn)(FILE *, const dualgraph_t, const spectrum_t, int),
           const dualgraph_t G, const spectrum_t S, int weighted, rc_error_t err)
{
    FILE * fp = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (fp == NULL)
        return rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    fn(fp, G, S, weighted);
    if (fp != stdout)
        fclose(fp);
    return RELU_OK;
}

int
cmd_dualgraph(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "weighted", no_argument, 0, 'W' },
        { "threshold", required_argument, 0, 't' }, { "output", required_argument, 0, 'o' },
        { "dot", required_argument, 0, 'D' }, { "graphml", required_argument, 0, 'G' },
        { "list-edges", no_argument, 0, 'e' }, { "json", no_argument, 0, 'j' },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * tstr = NULL, * ostr = NULL, * dot = NULL, * gml = NULL;
    int json = 0, weighted = 0, list_edges = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'W': weighted = 1; break;
            case 't': tstr = optarg; break;
            case 'o': ostr = optarg; break;
            case 'D': dot = optarg; break;
            case 'G': gml = optarg; break;
            case 'e': list_edges = 1; break;
            case 'j': json = 1; break;
            case 'q': break;
            case 'h': fputs(dualgraph_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("dualgraph", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("dualgraph", optind >= argc ? "missing network file" : "expected one network file");

    rc_error_t err;
    net_t net;
    fmpq * T = NULL;
    slong cnt, output = 0;
    rc_error_init(err);
    net_init(net);
    int status = net_read_file(net, argv[optind], err);
    if (status == RELU_OK && tstr != NULL && num_parse_list(&T, &cnt, tstr, 1, err))
    {
        rc_error_prefix(err, "--threshold");
        status = err->code;
    }
    /* the output matters only for the classes against --threshold */
    if (status == RELU_OK && (T != NULL || ostr != NULL))
        status = cli_select_output(&output, net, ostr, err);
    poly_t domain;
    char desc[256];
    poly_init(domain, net->input_dim);
    if (status == RELU_OK)
        status = cli_domain_build(domain, desc, &dom, net->input_dim, err);
    dualgraph_t G;
    spectrum_t S;
    dualgraph_init(G);
    spectrum_init(S);
    if (status == RELU_OK)
        status = dualgraph_build(G, net, domain, output, T, err);
    if (status == RELU_OK)
    {
        fmpz_mat_t L;
        fmpz_mat_init(L, G->nodes, G->nodes);
        dualgraph_laplacian(L, G, weighted);
        status = spectrum_compute(S, L, err);
        fmpz_mat_clear(L);
    }
    if (status == RELU_OK && dot)
        status = write_file(dot, write_dot, G, S, weighted, err);
    if (status == RELU_OK && gml)
        status = write_file(gml, write_graphml, G, S, weighted, err);
    if (status == RELU_OK)
    {
        char * lo, * hi;
        slong agree = 0, compared = 0, crossed = 0;
        arb_get_decimal_bounds(&lo, &hi, S->eig + 1, 20);
        slong * deg = flint_calloc(G->nodes, sizeof(slong));
        for (slong e = 0; e < G->nedges; e++)
            deg[G->edges[2 * e]]++, deg[G->edges[2 * e + 1]]++;
        if (T != NULL)
            for (slong i = 0; i < G->nodes; i++)
            {
                if (G->cls[i] == 2) { crossed++; continue; }
                if (G->cls[i] == 0 || S->partition[i] == '?') continue;
                compared++;
                agree += (S->partition[i] == '+') == (G->cls[i] > 0);
            }
        fmpq_t frac;
        fmpq_init(frac);
        if (compared > 0)
            fmpq_set_si(frac, FLINT_MAX(agree, compared - agree), compared);
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, !list_edges, 0);
            jout_begin_object(out);
            jout_key(out, "nodes"); jout_int(out, G->nodes);
            jout_key(out, "edges"); jout_int(out, G->nedges);
            jout_key(out, "laplacian"); jout_string(out, weighted ? "weighted" : "unweighted");
            jout_key(out, "fiedler_value");
            jout_begin_array(out); jout_string(out, lo); jout_string(out, hi); jout_end_array(out);
            jout_key(out, "fiedler_simple"); jout_bool(out, S->fiedler_simple);
            jout_key(out, "partition");
            jout_begin_array(out);
            for (slong i = 0; i < G->nodes; i++)
            {
                char s[2] = { S->partition[i], 0 };
                jout_string(out, s);
            }
            jout_end_array(out);
            jout_key(out, "uncertain");
            jout_begin_array(out);
            for (slong i = 0; i < G->nodes; i++)
                if (S->partition[i] == '?') jout_int(out, i);
            jout_end_array(out);
            jout_key(out, "degrees");
            jout_begin_array(out);
            for (slong i = 0; i < G->nodes; i++) jout_int(out, deg[i]);
            jout_end_array(out);
            if (list_edges)
            {
                jout_key(out, "edge_list");
                jout_begin_array(out);
                for (slong e = 0; e < G->nedges; e++)
                {
                    jout_begin_array(out);
                    jout_int(out, G->edges[2 * e]); jout_int(out, G->edges[2 * e + 1]); jout_int(out, G->weight[e]);
                    jout_end_array(out);
                }
                jout_end_array(out);
            }
            if (T != NULL)
            {
                jout_key(out, "agreement");
                jout_begin_object(out);
                jout_key(out, "fraction");
                if (compared > 0) jout_fmpq_str(out, frac); else jout_null(out);
                jout_key(out, "compared"); jout_int(out, compared);
                jout_key(out, "crossed"); jout_int(out, crossed);
                jout_end_object(out);
            }
            jout_key(out, "domain"); jout_string(out, desc);
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            printf("dual graph in %s: %ld regions, %ld edges (%s Laplacian)\n", desc, (long) G->nodes,
                   (long) G->nedges, weighted ? "weighted" : "unweighted");
            printf("Fiedler value in [%s, %s]%s\n", lo, hi, S->fiedler_simple ? " (simple)" : " (not certified simple)");
            printf("partition: %s\n", S->partition);
            if (T != NULL && compared > 0)
            {
                char * fs = num_get_str(frac);
                printf("agreement with sign(f - T): %s of %ld regions (%ld crossed by {f = T})\n", fs,
                       (long) compared, (long) crossed);
                flint_free(fs);
            }
        }
        fmpq_clear(frac);
        flint_free(deg);
        flint_free(lo);
        flint_free(hi);
    }
    int rc = status ? cli_fail("dualgraph", err) : CLI_EXIT_OK;
    spectrum_clear(S);
    dualgraph_clear(G);
    poly_clear(domain);
    if (T != NULL)
        _fmpq_vec_clear(T, 1);
    net_clear(net);
    return rc;
}
