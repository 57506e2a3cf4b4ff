/* The CLI's one option layer: every command declares its options in a table
   and calls cli_opts_parse. Common options (--json, --box/--domain/--whole,
   --sublevel/--superlevel/--level, --output, --out, --certificate, --quiet,
   --jobs, limits) come from the macros below, so they are spelled, ranged and
   reported alike everywhere. --help is always accepted. A repeated option is
   an error (never "last wins"); numbers are range-checked with one message. */
#ifndef RELUCERT_CLI_OPTS_H
#define RELUCERT_CLI_OPTS_H

#include <stdint.h>
#include "flint/flint.h"

typedef enum
{
    CLI_FLAG,     /* no argument; dest is int *, set to 1 */
    CLI_STR,      /* dest is const char ** */
    CLI_SLONG,    /* dest is slong *, in [min, max] */
    CLI_U64,      /* dest is uint64_t *, any value in [0, 2^64 - 1] (no silent clamping) */
    CLI_DOUBLE,   /* dest is double *, in [min, max] (a float only for float-side options) */
    CLI_SET       /* --sublevel/--superlevel/--level T; dest is cli_set_opts * */
}
cli_opt_kind;

typedef struct
{
    const char * name;   /* long name without the dashes */
    cli_opt_kind kind;
    void * dest;
    double min, max;     /* CLI_SLONG, CLI_DOUBLE: accepted range (inclusive) */
    int group;           /* options sharing a nonzero group exclude each other */
    int short_name;      /* a one-letter alias ('o' for -o), 0 for none */
}
cli_opt;

#define CLI_OPT_END { NULL, CLI_FLAG, NULL, 0, 0, 0, 0 }

/* Groups of mutually exclusive options. */
#define CLI_GROUP_DOMAIN 1
#define CLI_GROUP_SET 2

/* The domain options (the domain is built by cli_domain_build). */
typedef struct
{
    const char * box;       /* "LO,HI" or NULL */
    const char * file;      /* polytope file or NULL */
    int whole;
}
cli_domain_opts;

/* One of --sublevel T, --superlevel T, --level T. */
typedef struct
{
    const char * name;      /* "sublevel", "superlevel", "level" or NULL when none given */
    const char * T;         /* the threshold as given */
}
cli_set_opts;

#define CLI_OPT_JSON(p) { "json", CLI_FLAG, (p), 0, 0, 0, 0 }
#define CLI_OPT_QUIET(p) { "quiet", CLI_FLAG, (p), 0, 0, 0, 0 }
#define CLI_OPT_LIST(p) { "list", CLI_FLAG, (p), 0, 0, 0, 0 }
#define CLI_OPT_OUTPUT(p) { "output", CLI_STR, (p), 0, 0, 0, 0 }
#define CLI_OPT_OUT(p) { "out", CLI_STR, (p), 0, 0, 0, 'o' }   /* every output file: --out or -o */
#define CLI_OPT_THRESHOLD(p) { "threshold", CLI_STR, (p), 0, 0, 0, 0 }
#define CLI_OPT_CERTIFICATE(p) { "certificate", CLI_STR, (p), 0, 0, 0, 0 }
#define CLI_OPT_JOBS(p) { "jobs", CLI_SLONG, (p), 1, 1024, 0, 0 }
#define CLI_OPT_MAX_REGIONS(p) { "max-regions", CLI_SLONG, (p), 1, 1e18, 0, 0 }
#define CLI_OPT_TIME_LIMIT(p) { "time-limit", CLI_DOUBLE, (p), 1e-3, 1e9, 0, 0 }
#define CLI_OPTS_DOMAIN(d) \
    { "box", CLI_STR, &(d)->box, 0, 0, CLI_GROUP_DOMAIN, 0 }, \
    { "domain", CLI_STR, &(d)->file, 0, 0, CLI_GROUP_DOMAIN, 0 }, \
    { "whole", CLI_FLAG, &(d)->whole, 0, 0, CLI_GROUP_DOMAIN, 0 }
#define CLI_OPTS_SET(s) \
    { "superlevel", CLI_SET, (s), 0, 0, CLI_GROUP_SET, 0 }, \
    { "sublevel", CLI_SET, (s), 0, 0, CLI_GROUP_SET, 0 }, \
    { "level", CLI_SET, (s), 0, 0, CLI_GROUP_SET, 0 }

/* Return values of cli_opts_parse besides an exit code (> 0). */
#define CLI_PARSED 0
#define CLI_HELP_SHOWN (-1)

/* Parses argv[1..argc-1] (argv[0] is the command name) against opts (ended by
   CLI_OPT_END). Positional arguments go to pos (capacity maxpos), their number
   to *npos; fewer than minpos or more than maxpos is a usage error whose text
   names what is missing (posname, e.g. "network file"). --help prints help and
   returns CLI_HELP_SHOWN. On error prints one line on stderr ("relucert CMD:
   ... (try relucert CMD --help)") and returns CLI_EXIT_INPUT. */
int cli_opts_parse(const char * cmd, const char * help, int argc, char ** argv, const cli_opt * opts,
                   const char ** pos, int minpos, int maxpos, int * npos, const char * posname);

/* Number parsers with the layer's messages (for arguments inside lists). */
int cli_parse_slong(slong * v, const char * cmd, const char * what, const char * s, slong min, slong max);
int cli_parse_u64(uint64_t * v, const char * cmd, const char * what, const char * s);
int cli_parse_double(double * v, const char * cmd, const char * what, const char * s, double min, double max);

#endif
