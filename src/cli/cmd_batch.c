/* relucert batch: options, then the library's batch run (src/batch) and its writers. */
#include <string.h>
#include "cli/cli.h"
#include "batch/batch.h"

static const char * batch_help =
"usage: relucert batch MANIFEST --out FILE.jsonl [--jobs N] [--csv FILE.csv] [--json] [--quiet | --progress]\n"
"\n"
"MANIFEST is JSON Lines, one job per line:\n"
"  {\"network\": PATH | \"net\": {a network} | \"networks\": FILE.jsonl,\n"
"   \"analyses\": [\"regions\", \"arrangement\", ...],\n"
"   \"box\": [LO, HI] | \"domain\": PATH | \"whole\": true, \"threshold\": T, \"output\": i}\n"
"\"networks\" names a JSON Lines file of networks (as `relucert random --count` writes): one\n"
"job per line, named FILE:LINE. analyses: regions, arrangement (counts of R^n: refused in a\n"
"job with a box or domain), homology (of {f >= T}, T default 0), persistence, dualgraph,\n"
"boundary (threshold T) and decision (the decision regions of all outputs; \"output\" is not\n"
"needed); every other analysis honours the job's domain. Paths are relative\n"
"to the current directory. Each analysis runs in the library, in a child process of its own\n"
"(a crash loses only that analysis: its record says so).\n"
"Each output line: {\"job\": k, \"network\": PATH, \"sha256\": ..., \"version\": ..., ANALYSIS: {...}}\n"
"with, per analysis, exactly what `relucert ANALYSIS ... --json` prints, or {\"error\": \"...\"}.\n"
"Resumable: records already in FILE for the same job, network contents (sha256) and request\n"
"(analyses, domain, threshold, output: job_sha256) are kept and skipped.\n"
"Output is in manifest order and identical for every N, written atomically at the end. A\n"
"summary table ends the run (--json: as one object). Exit status 1 when any analysis failed.\n"
"\n"
"  --csv FILE   the records as a flat table: columns job, network, sha256, then ANALYSIS.KEY for\n"
"               every scalar (nested objects as ANALYSIS.KEY.SUB, lists of numbers joined by\n"
"               spaces, lists of objects left out), ANALYSIS.error, and for every exact \"p/q\" a\n"
"               twin column KEY.decimal (17 significant digits; for a list holding one, the\n"
"               list of decimals); RFC 4180 quoting\n"
"\n"
"  --progress   jobs done of all, rate and ETA on stderr also when it is not a terminal\n"
"               (default: on a terminal only; --quiet: never)\n"
"\n"
"examples:\n"
"  relucert batch tests/data/batch-example.jsonl --out /tmp/relucert-batch.jsonl --jobs 2 --csv /tmp/relucert-batch.csv --quiet\n";

static int
_signal(void)
{
    return cli_signal_pending();
}

int
cmd_batch(int argc, char ** argv)
{
    batch_result_t R;
    const char * pos[1], * csv = NULL;
    int json = 0, progress = 0;
    memset(R, 0, sizeof(batch_result_struct));
    R->workers = 1;
    const cli_opt opts[] = { CLI_OPT_OUT(&R->out), CLI_OPT_JOBS(&R->workers), CLI_OPT_QUIET(&R->quiet),
                             CLI_OPT_JSON(&json), CLI_OPT_PROGRESS(&progress), { "csv", CLI_STR, &csv, 0, 0, 0, 0 }, CLI_OPT_END };
    int rc;
    if (cli_opts_stop(&rc, "batch", batch_help, argc, argv, opts, pos, 1, 1, NULL, "MANIFEST"))
        return rc;
    if (R->out == NULL)
        return cli_usage_error("batch", "expected MANIFEST and --out FILE.jsonl");
    R->manifest = pos[0];
    R->interrupted = _signal;
    cli_signals_cooperative(1);
    rc_error_t err;
    batch_manifest_t M;
    rc_error_init(err);
    batch_manifest_init(M);
    int status = batch_manifest_read(M, pos[0], err);
    cli_progress prog;
    cli_progress_start(&prog, R->quiet, progress);
    R->progress = &prog.listener;
    if (status == RELU_OK)
        status = batch_run(R, M, err);
    cli_progress_end(&prog);
    if (status == RELU_OK && csv != NULL)
        status = batch_write_csv(csv, R->out, err);
    if (status == RELU_OK)
        status = cli_write_result(json, (cli_writer_json) batch_result_write_json,
                                  (cli_writer_text) batch_result_write_text, R, err);
    else if (status == RELU_E_LIMIT && R->partial)
    {
        /* the summary of what finished, marked partial; then the error line */
        rc_error_t e2;
        rc_error_init(e2);
        if (cli_write_result(json, (cli_writer_json) batch_result_write_json,
                             (cli_writer_text) batch_result_write_text, R, e2))
            rc_error_set(err, e2->code, "%s", e2->msg);
    }
    batch_manifest_clear(M);
    if (status)
        return cli_fail("batch", err);
    if (R->failed_jobs > 0)   /* the run is done, its records say why each job failed */
        fprintf(stderr, "relucert batch: %ld of %ld jobs failed (their records in %s say why)\n",
                (long) R->failed_jobs, (long) R->njobs, R->out);
    return R->failed_jobs > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}
