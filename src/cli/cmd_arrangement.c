#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cert/cert.h"

static const char * arrangement_help =
"usage: relucert arrangement NET [--json] [--certificate FILE]\n"
"\n"
"The hyperplane arrangement of a network with exactly one hidden layer: one hyperplane\n"
"{w.x + b = 0} per neuron, after dropping zero rows and merging repeated, opposite and\n"
"rescaled neurons. Regions are counted twice, independently: by enumerating them over\n"
"R^n, and by Zaslavsky's theorem from the characteristic polynomial of the intersection\n"
"poset. A disagreement is reported as an internal error (exit 70), never as an answer.\n"
"\n"
"  --certificate FILE  write the hyperplanes, every flat (its hyperplanes and a point in\n"
"                      it) and the characteristic polynomial to FILE, for\n"
"                      relucert-check --arrangement FILE NET\n"
"\n"
"JSON keys: hyperplanes, regions, bounded_regions (bounded sets; 0 when the normals do not\n"
"  span R^n), relatively_bounded_regions (bounded modulo the lineality space, |chi(1)|),\n"
"  characteristic_polynomial (integer coefficients, highest degree first, degree n), rank,\n"
"  input_dim, methods_agree (true; otherwise the command fails).\n"
"Beyond 10^6 regions (counted first by deletion-restriction, see relucert charpoly) the\n"
"  regions are not enumerated: then counted_by is \"deletion-restriction\", checks lists\n"
"  the checks that ran (identities; plain: the run without symmetry, when it stays under its\n"
"  node limit; reversed: the run over the opposite hyperplane order), methods_agree is\n"
"  whether a second run agreed, and --certificate is refused (exit 3).\n";

int
cmd_arrangement(int argc, char ** argv)
{
    static const struct option opts[] = {
        { "json", no_argument, 0, 'j' }, { "help", no_argument, 0, 'h' },
        { "certificate", required_argument, 0, 'C' }, { 0, 0, 0, 0 } };
    int json = 0, c;
    const char * cert_path = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'j': json = 1; break;
            case 'C': cert_path = optarg; break;
            case 'h': fputs(arrangement_help, stdout); return CLI_EXIT_OK;
            default: return cli_usage_error("arrangement", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("arrangement", optind >= argc ? "missing network file" : "expected one network file");

    rc_error_t err;
    net_t net;
    arrangement_report_t r;
    rc_error_init(err);
    net_init(net);
    if (net_read_file(net, argv[optind], err))
    {
        net_clear(net);
        return cli_fail("arrangement", err);
    }
    arrangement_report_init(r);
    int status = arrangement_analyze(r, net, err);
    if (status == RELU_OK && cert_path != NULL && r->counted_by_dr)
        status = rc_error_set(err, RELU_E_UNSUPPORTED, "certificates list every flat and are written up to %d "
                              "regions; this count is cross-checked, not certified", ARRANGEMENT_ENUMERATE_MAX);
    if (status == RELU_OK && cert_path != NULL)
    {
        FILE * cfp = fopen(cert_path, "w");
        if (cfp == NULL)
            status = rc_error_set(err, RELU_E_IO, "cannot write %s", cert_path);
        else
        {
            struct stat cst;
            int regular = fstat(fileno(cfp), &cst) == 0 && S_ISREG(cst.st_mode);
            status = cert_arrangement_write(cfp, net, err);
            int bad = ferror(cfp);
            if ((fclose(cfp) != 0 || bad) && status == RELU_OK)
                status = rc_error_set(err, RELU_E_IO, "cannot write %s", cert_path);
            if (status != RELU_OK && regular)
                unlink(cert_path);   /* never leave a partial certificate behind */
        }
    }
    if (status == RELU_OK)
    {
        slong n = r->n;
        fmpz_t co;
        fmpz_init(co);
        if (json)
        {
            jout_t out;
            jout_init(out, stdout, 1, 0);
            jout_begin_object(out);
            jout_key(out, "input_dim"); jout_int(out, n);
            jout_key(out, "hyperplanes"); jout_int(out, r->hyperplanes);
            jout_key(out, "regions"); jout_int(out, r->regions);
            jout_key(out, "bounded_regions"); jout_int(out, r->bounded);
            jout_key(out, "relatively_bounded_regions"); jout_int(out, r->relatively_bounded);
            jout_key(out, "characteristic_polynomial");
            jout_begin_array(out);
            for (slong i = n; i >= 0; i--)
            {
                fmpz_poly_get_coeff_fmpz(co, r->chi, i);
                jout_fmpz(out, co);
            }
            jout_end_array(out);
            jout_key(out, "rank"); jout_int(out, r->rank);
            jout_key(out, "methods_agree"); jout_bool(out, !r->counted_by_dr || r->checked_plain || r->checked_reversed);
            if (r->counted_by_dr)
            {
                jout_key(out, "counted_by"); jout_string(out, "deletion-restriction");
                jout_key(out, "checks");
                jout_begin_array(out);
                jout_string(out, "identities");
                if (r->checked_plain)
                    jout_string(out, "plain");
                if (r->checked_reversed)
                    jout_string(out, "reversed");
                jout_end_array(out);
            }
            jout_end_object(out);
            jout_clear(out);
        }
        else
        {
            printf("hyperplanes: %ld in R^%ld, rank %ld\n", (long) r->hyperplanes, (long) n, (long) r->rank);
            printf("characteristic polynomial: ");
            fmpz_poly_print_pretty(r->chi, "t");
            if (r->counted_by_dr)
                printf("\nregions: %ld (deletion-restriction%s%s; not enumerated)\n", (long) r->regions,
                       r->checked_plain ? ", the run without symmetry agrees" : "",
                       r->checked_reversed ? ", the run in the opposite order agrees" : "");
            else
                printf("\nregions: %ld (enumeration and Zaslavsky agree)\n", (long) r->regions);
            printf("bounded regions: %ld; relatively bounded (modulo lineality): %ld\n",
                   (long) r->bounded, (long) r->relatively_bounded);
        }
        fmpz_clear(co);
    }
    int rc = status ? cli_fail("arrangement", err) : CLI_EXIT_OK;
    arrangement_report_clear(r);
    net_clear(net);
    return rc;
}
