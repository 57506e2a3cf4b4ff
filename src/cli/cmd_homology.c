#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char * homology_help =
"usage: relucert homology NET [--box LO,HI | --domain FILE | --whole] (--superlevel T | --sublevel T | --level T)\n"
"                         [--output i] [--json] [--certificate FILE]\n"
"\n"
"Integral homology of {x in domain : f(x) >= T} (superlevel), {f <= T} (sublevel) or\n"
"{f = T} (level), f the network's output i (default 0; required when there are several\n"
"outputs), T rational. The set is cut exactly from the region complex; its cellular\n"
"chain complex (cells = faces, identified across regions by sign vectors, oriented\n"
"canonically) is checked (d o d = 0, cell counts against an independent face count)\n"
"and reduced over Z (sparse unit pivots, then a dense Smith normal form).\n"
"Inside a box or polytope this is the homology of the (compact) set. Over R^n (the default,\n"
"or --whole) or an unbounded polyhedron the set X may be unbounded: then the reported\n"
"groups are the reduced homology of its one-point compactification X+ (equivalently the\n"
"Borel-Moore homology of X), computed from all cells, bounded and unbounded, relative to\n"
"the point at infinity; for a compact X they are the homology of X.\n"
"\n"
"JSON keys: betti [b_0..b_n], torsion (one list of torsion coefficients per dimension),\n"
"  euler (sum (-1)^k b_k, equal to the alternating count of cells), cells [c_0..c_n],\n"
"  empty (true when the set is empty: all Betti numbers 0), set, threshold, output, domain,\n"
"  compactified (true when the domain is unbounded: reduced homology of X+ as above).\n"
"\n"
"  --certificate FILE  write the cells (a relative-interior point each), the boundary\n"
"                      matrices d_k and, per d_k, unimodular U, V with their inverses and\n"
"                      U d_k V = the Smith form, for `relucert-check CERT NET`\n"
"                      (proofs/CHECKER.md). U, V are sparse (unit pivots eliminated in\n"
"                      Markowitz order); a block left without unit pivots may have at most\n"
"                      4000000 entries (else exit 3, no file written).\n";

typedef struct
{
    const net_struct * net;
    slong output;
    const fmpq * T;
    const char * set;
    const poly_struct * domain;
    const char * desc;
    const chain_complex_struct * K;
    fmpq * const * points;
    const homology_struct * H;
}
homology_cert_args;

static int
_write_cert(FILE * fp, void * data, rc_error_t err)
{
    homology_cert_args * a = data;
    return cert_homology_write(fp, a->net, a->output, a->T, a->set, a->domain, a->desc, a->K, a->points, a->H, err);
}

int
cmd_homology(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "box", required_argument, 0, 'b' }, { "domain", required_argument, 0, 'd' },
        { "whole", no_argument, 0, 'w' }, { "superlevel", required_argument, 0, 'S' },
        { "sublevel", required_argument, 0, 's' }, { "level", required_argument, 0, 'l' },
        { "output", required_argument, 0, 'o' }, { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' }, { "certificate", required_argument, 0, 'C' }, { 0, 0, 0, 0 } };
    cli_domain_opts dom = { NULL, NULL, 0 };
    const char * tstr = NULL, * ostr = NULL, * setname = NULL, * cert_path = NULL;
    int json = 0, mask = 0, c, nsets = 0;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'b': dom.box = optarg; break;
            case 'd': dom.file = optarg; break;
            case 'w': dom.whole = 1; break;
            case 'S': tstr = optarg; setname = "superlevel"; mask = COMPLEX_ZERO | COMPLEX_POS; nsets++; break;
            case 's': tstr = optarg; setname = "sublevel"; mask = COMPLEX_ZERO | COMPLEX_NEG; nsets++; break;
            case 'l': tstr = optarg; setname = "level"; mask = COMPLEX_ZERO; nsets++; break;
            case 'o': ostr = optarg; break;
            case 'C': cert_path = optarg; break;
            case 'j': json = 1; break;
            case 'h': fputs(homology_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("homology", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("homology", optind >= argc ? "missing network file" : "expected one network file");
    if (nsets != 1)
        return cli_usage_error("homology", "give exactly one of --superlevel T, --sublevel T, --level T");

    rc_error_t err;
    net_t net, tnet;
    fmpq * T = NULL;
    slong cnt, output = 0;
    rc_error_init(err);
    net_init(net);
    net_init(tnet);
    int status = net_read_file(net, argv[optind], err);
    if (status == RELU_OK && num_parse_list(&T, &cnt, tstr, 1, err))
    {
        rc_error_prefix(err, "threshold");
        status = err->code;
    }
    if (status == RELU_OK)
        status = cli_select_output(&output, net, ostr, err);
    if (status == RELU_OK)
        status = net_threshold_net(tnet, net, output, T, err);
    poly_t domain;
    char desc[256];
    poly_init(domain, net->input_dim);
    if (status == RELU_OK)
        status = cli_domain_build(domain, desc, &dom, net->input_dim, err);

    chain_complex_t K;
    homology_t H;
    chain_complex_init(K, 0);
    homology_init(H);
    fmpq ** points = NULL;
    if (status == RELU_OK && cert_path != NULL)
    {
        points = flint_calloc(net->input_dim + 1, sizeof(fmpq *));
        status = homology_cells_points(K, points, tnet, domain, net_num_hidden(tnet) - 1, mask, err);
    }
    else if (status == RELU_OK)
        status = homology_cells(K, tnet, domain, net_num_hidden(tnet) - 1, mask, err);
    if (status == RELU_OK)
        homology_compute(H, K);
    if (status == RELU_OK && cert_path != NULL)
        status = cli_write_certificate(cert_path, err, _write_cert,
                                       &(homology_cert_args){ net, output, T, setname, domain, desc, K, points, H });
    if (status == RELU_OK)
    {
        slong n = H->top, cells = 0;
        for (slong k = 0; k <= n; k++)
            cells += H->cells[k];
        char * ts = num_get_str(T);
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, 1, 0);
            jout_begin_object(out);
            jout_key(out, "betti");
            jout_begin_array(out);
            for (slong k = 0; k <= n; k++) jout_int(out, H->betti[k]);
            jout_end_array(out);
            jout_key(out, "torsion");
            jout_begin_array(out);
            for (slong k = 0; k <= n; k++) jout_fmpz_vec(out, H->torsion[k], H->ntorsion[k]);
            jout_end_array(out);
            jout_key(out, "euler"); jout_int(out, homology_euler(H));
            jout_key(out, "cells");
            jout_begin_array(out);
            for (slong k = 0; k <= n; k++) jout_int(out, H->cells[k]);
            jout_end_array(out);
            jout_key(out, "empty"); jout_bool(out, cells == 0);
            jout_key(out, "set"); jout_string(out, setname);
            jout_key(out, "threshold"); jout_fmpq_str(out, T);
            jout_key(out, "output"); jout_int(out, output);
            jout_key(out, "domain"); jout_string(out, desc);
            jout_key(out, "compactified"); jout_bool(out, !poly_is_bounded(domain));
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            printf("%s set of output %ld at %s in %s%s\n", setname, (long) output, ts, desc,
                   cells == 0 ? ": empty (all Betti numbers 0)" : "");
            if (!poly_is_bounded(domain))
                printf("(unbounded domain: reduced homology of the one-point compactification)\n");
            printf("cells:");
            for (slong k = 0; k <= n; k++) printf(" %ld", (long) H->cells[k]);
            printf("\nBetti numbers:");
            for (slong k = 0; k <= n; k++) printf(" %ld", (long) H->betti[k]);
            printf("\ntorsion:");
            slong nt = 0;
            for (slong k = 0; k <= n; k++)
                for (slong i = 0; i < H->ntorsion[k]; i++, nt++)
                {
                    char * s = fmpz_get_str(NULL, 10, H->torsion[k] + i);
                    printf(" H_%ld: Z/%s", (long) k, s);
                    flint_free(s);
                }
            printf("%s\nEuler characteristic: %ld\n", nt ? "" : " none", (long) homology_euler(H));
        }
        flint_free(ts);
    }
    int rc = status ? cli_fail("homology", err) : CLI_EXIT_OK;
    if (points != NULL)
    {
        for (slong k = 0; k <= net->input_dim; k++)
            if (points[k] != NULL)
                _fmpq_vec_clear(points[k], FLINT_MAX(K->num[k], 1) * net->input_dim);
        flint_free(points);
    }
    homology_clear(H);
    chain_complex_clear(K);
    poly_clear(domain);
    if (T != NULL)
        _fmpq_vec_clear(T, 1);
    net_clear(tnet);
    net_clear(net);
    return rc;
}
