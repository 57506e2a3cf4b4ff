/* Batch manifests: JSON Lines, one job per line. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "batch/batch.h"
#include "util/file.h"

const char * const batch_analysis_names[BATCH_NUM_ANALYSES] =
    { "regions", "arrangement", "homology", "persistence", "dualgraph", "boundary", "decision" };

#define BATCH_MAX_MANIFEST (1 << 28)

void
batch_manifest_init(batch_manifest_t M)
{
    M->jobs = NULL;
    M->njobs = 0;
}

static void
_job_clear(batch_job_struct * J)
{
    for (slong a = 0; a < J->nan; a++)
        free(J->analyses[a]);
    free(J->analyses);
    free(J->network); free(J->net_text); free(J->box); free(J->domain); free(J->threshold); free(J->output);
}

void
batch_manifest_clear(batch_manifest_t M)
{
    for (slong k = 0; k < M->njobs; k++)
        _job_clear(M->jobs + k);
    free(M->jobs);
    batch_manifest_init(M);
}

int
batch_read_file(char ** buf, size_t * len, const char * path, size_t max, rc_error_t err)
{
    return util_file_read(buf, len, path, max, err);
}

/* A JSON value as compact text. */
static char *
_node_json(const jnode * v)
{
    char * buf = NULL;
    size_t len = 0;
    FILE * fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return NULL;
    jout_t out;
    jout_init(out, fp, 0, 0);
    jout_node(out, v);
    jout_clear(out);
    fclose(fp);
    if (len > 0 && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return buf;
}

static char *
_node_text(const jnode * v)
{
    /* a number or a string as text (numbers verbatim) */
    if (v->type == JNODE_NUMBER || v->type == JNODE_STRING)
        return strdup(v->text);
    return NULL;
}

static int
_job_analyses(batch_job_struct * J, const jnode * v, rc_error_t err)
{
    J->analyses = calloc(v->nitems + 1, sizeof(char *));
    for (size_t a = 0; a < v->nitems; a++)
    {
        int ok = 0;
        for (int q = 0; q < BATCH_NUM_ANALYSES && v->items[a]->type == JNODE_STRING; q++)
            ok |= strcmp(v->items[a]->text, batch_analysis_names[q]) == 0;
        if (!ok)
            return rc_error_set(err, RELU_E_INPUT, "analysis %zu: expected one of regions, arrangement, "
                                "homology, persistence, dualgraph, boundary", a + 1);
        J->analyses[J->nan++] = strdup(v->items[a]->text);
    }
    return RELU_OK;
}

static int
_job_box(batch_job_struct * J, const jnode * v, rc_error_t err)
{
    char * lo = _node_text(v->items[0]), * hi = _node_text(v->items[1]);
    if (lo && hi && asprintf(&J->box, "%s,%s", lo, hi) < 0)
        J->box = NULL;
    free(lo);
    free(hi);
    if (J->box == NULL)
        return rc_error_set(err, RELU_E_INPUT, "\"box\": expected [LO, HI] with two numbers");
    return RELU_OK;
}

/* One key of a job; "networks" is handled by the caller (it expands). */
static int
_job_key(batch_job_struct * J, const char * k, const jnode * v, rc_error_t err)
{
    if (!strcmp(k, "network") && v->type == JNODE_STRING && J->network == NULL)
        J->network = strdup(v->text);
    else if (!strcmp(k, "net") && v->type == JNODE_OBJECT && J->network == NULL)
    {
        J->net_text = _node_json(v);
        J->network = strdup("(inline)");
    }
    else if (!strcmp(k, "networks") && v->type == JNODE_STRING)
        ;
    else if (!strcmp(k, "analyses") && v->type == JNODE_ARRAY && J->analyses == NULL)
        return _job_analyses(J, v, err);
    else if (!strcmp(k, "box") && v->type == JNODE_ARRAY && v->nitems == 2)
        return _job_box(J, v, err);
    else if (!strcmp(k, "domain") && v->type == JNODE_STRING)
        J->domain = strdup(v->text);
    else if (!strcmp(k, "whole") && (v->type == JNODE_TRUE || v->type == JNODE_FALSE))
        J->whole = v->type == JNODE_TRUE;
    else if (!strcmp(k, "threshold") && (J->threshold = _node_text(v)) != NULL)
        ;
    else if (!strcmp(k, "output") && v->type == JNODE_NUMBER)
        J->output = strdup(v->text);
    else
        return rc_error_set(err, RELU_E_INPUT, "key \"%s\": unknown, repeated or of the wrong type "
                            "(see relucert batch --help)", k);
    return RELU_OK;
}

static int
_job_parse(batch_job_struct * J, const jnode * o, rc_error_t err)
{
    memset(J, 0, sizeof(*J));
    if (o->type != JNODE_OBJECT)
        return rc_error_set(err, RELU_E_INPUT, "expected an object, got %s", jnode_type_name(o));
    for (size_t i = 0; i < o->nitems; i++)
        if (_job_key(J, o->keys[i], o->items[i], err))
            return err->code;
    if ((J->box != NULL) + (J->domain != NULL) + J->whole > 1)
        return rc_error_set(err, RELU_E_INPUT, "give at most one of \"box\", \"domain\", \"whole\"");
    if (J->analyses == NULL || (J->network == NULL) == (jnode_get(o, "networks") == NULL))
        return rc_error_set(err, RELU_E_INPUT, "needs \"analyses\" (a list) and one of \"network\" (a path), "
                            "\"net\" (a network) or \"networks\" (a JSON Lines file of networks)");
    return RELU_OK;
}

static batch_job_struct *
_manifest_push(batch_manifest_t M)
{
    M->jobs = realloc(M->jobs, (M->njobs + 1) * sizeof(batch_job_struct));
    memset(M->jobs + M->njobs, 0, sizeof(batch_job_struct));
    return M->jobs + M->njobs++;
}

static void
_job_copy_settings(batch_job_struct * J, const batch_job_struct * T)
{
    J->analyses = calloc(T->nan + 1, sizeof(char *));
    for (slong a = 0; a < T->nan; a++)
        J->analyses[a] = strdup(T->analyses[a]);
    J->nan = T->nan;
    J->box = T->box ? strdup(T->box) : NULL;
    J->domain = T->domain ? strdup(T->domain) : NULL;
    J->whole = T->whole;
    J->threshold = T->threshold ? strdup(T->threshold) : NULL;
    J->output = T->output ? strdup(T->output) : NULL;
}

/* "networks": FILE (as `relucert random --count` writes): one job per nonempty line. */
static int
_manifest_expand(batch_manifest_t M, const batch_job_struct * T, const char * path, rc_error_t err)
{
    char * text;
    size_t len;
    if (batch_read_file(&text, &len, path, BATCH_MAX_MANIFEST, err))
        return err->code;
    slong lineno = 0;
    for (char * p = text; p < text + len; )
    {
        char * nl = memchr(p, '\n', text + len - p);
        size_t l = nl ? (size_t) (nl - p) : (size_t) (text + len - p);
        lineno++;
        if (strspn(p, " \t\r") < l)
        {
            batch_job_struct * J = _manifest_push(M);
            _job_copy_settings(J, T);
            J->net_text = strndup(p, l);
            if (asprintf(&J->network, "%s:%ld", path, (long) lineno) < 0)
                J->network = NULL;
        }
        p += l + 1;
    }
    free(text);
    return RELU_OK;
}

static int
_manifest_line(batch_manifest_t M, const char * p, size_t l, rc_error_t err)
{
    jnode * v;
    batch_job_struct T;
    if (jnode_parse(&v, p, l, err))
        return err->code;
    int status = _job_parse(&T, v, err);
    const jnode * many = jnode_get(v, "networks");
    if (status == RELU_OK && many != NULL)
    {
        status = _manifest_expand(M, &T, many->text, err);
        _job_clear(&T);
    }
    else if (status == RELU_OK)
        *_manifest_push(M) = T;
    else
        _job_clear(&T);
    jnode_free(v);
    return status;
}

int
batch_manifest_read(batch_manifest_t M, const char * path, rc_error_t err)
{
    char * man;
    size_t mlen;
    if (batch_read_file(&man, &mlen, path, BATCH_MAX_MANIFEST, err))
        return err->code;
    slong lineno = 0;
    int status = RELU_OK;
    for (char * p = man; p < man + mlen && status == RELU_OK; )
    {
        char * nl = memchr(p, '\n', man + mlen - p);
        size_t l = nl ? (size_t) (nl - p) : (size_t) (man + mlen - p);
        lineno++;
        if (strspn(p, " \t\r") < l && (status = _manifest_line(M, p, l, err)) != RELU_OK)
        {
            char where[4200];
            if (strncmp(err->msg, "line 1, ", 8) == 0)   /* the JSON parser's place within the line */
            {
                snprintf(where, sizeof(where), "%s", err->msg + 8);
                rc_error_set(err, err->code, "%s: line %ld, %s", path, (long) lineno, where);
            }
            else
            {
                snprintf(where, sizeof(where), "%s: line %ld", path, (long) lineno);
                rc_error_prefix(err, where);
            }
        }
        p += l + 1;
    }
    free(man);
    return status;
}
