/* Batch records as a flat table (CSV, RFC 4180 quoting). Columns: job,
   network, sha256, then ANALYSIS.KEY for every scalar of every analysis's JSON
   (nested objects as ANALYSIS.KEY.SUB, lists of numbers or strings joined by
   spaces, lists of objects left out), ANALYSIS.error when an analysis failed,
   and for every exact rational "p/q" (alone or in a list) a twin column KEY.decimal
   (17 significant digits, for spreadsheets; the exact column stays the reference). Columns
   are in order of first appearance over the records. */
#define _GNU_SOURCE
#include <gmp.h>
#include <mpfr.h>
#include <stdlib.h>
#include <string.h>
#include "batch/batch.h"
#include "util/file.h"

typedef struct
{
    char ** cols;
    slong ncols;
    char *** cells;     /* cells[record][column], NULL when absent */
    slong nrec;
}
batch_table;

static slong
_col(batch_table * T, const char * name)
{
    for (slong c = 0; c < T->ncols; c++)
        if (!strcmp(T->cols[c], name))
            return c;
    T->cols = realloc(T->cols, (T->ncols + 1) * sizeof(char *));
    T->cols[T->ncols] = strdup(name);
    for (slong r = 0; r < T->nrec; r++)
    {
        T->cells[r] = realloc(T->cells[r], (T->ncols + 1) * sizeof(char *));
        T->cells[r][T->ncols] = NULL;
    }
    return T->ncols++;
}

static void
_set(batch_table * T, const char * name, const char * value)
{
    slong c = _col(T, name);
    free(T->cells[T->nrec - 1][c]);
    T->cells[T->nrec - 1][c] = strdup(value);
}

/* "p/q" or an integer: its decimal twin in buf, 1; otherwise 0. */
static int
_decimal_twin(char * buf, size_t len, const char * s)
{
    if (strchr(s, '/') == NULL || strspn(s, "-0123456789/") != strlen(s))
        return 0;
    mpq_t q;
    mpq_init(q);
    int ok = mpq_set_str(q, s, 10) == 0 && mpz_sgn(mpq_denref(q)) != 0;
    if (ok)
    {
        /* the double nearest to p/q (mpq_get_d truncates towards zero: one unit in the last
           place off for about half of all values), printed so that it reads back exactly */
        mpq_canonicalize(q);
        mpfr_t x;
        mpfr_init2(x, 53);
        mpfr_set_q(x, q, MPFR_RNDN);
        snprintf(buf, len, "%.17g", mpfr_get_d(x, MPFR_RNDN));
        mpfr_clear(x);
    }
    mpq_clear(q);
    return ok;
}

static void
_flatten(batch_table * T, const char * prefix, const jnode * v)
{
    char name[512], twin[64];
    if (v->type == JNODE_OBJECT)
    {
        for (size_t i = 0; i < v->nitems; i++)
        {
            snprintf(name, sizeof name, "%s.%s", prefix, v->keys[i]);
            _flatten(T, name, v->items[i]);
        }
        return;
    }
    if (v->type == JNODE_ARRAY)
    {
        /* the list joined by spaces; when it holds a "p/q", its twin list too (each
           rational as its decimal, the other entries as they are) */
        char * joined = NULL, * twins = NULL;
        size_t len = 0, tlen = 0;
        int rational = 0;
        FILE * fp = open_memstream(&joined, &len), * tp = open_memstream(&twins, &tlen);
        for (size_t i = 0; fp && tp && i < v->nitems; i++)
        {
            const jnode * x = v->items[i];
            if (x->type != JNODE_NUMBER && x->type != JNODE_STRING)
            {
                fclose(fp);
                fclose(tp);
                free(joined);
                free(twins);
                return;    /* lists of objects or of lists: not a column */
            }
            fprintf(fp, "%s%s", i ? " " : "", x->text);
            int q = x->type == JNODE_STRING && _decimal_twin(twin, sizeof twin, x->text);
            rational |= q;
            fprintf(tp, "%s%s", i ? " " : "", q ? twin : x->text);
        }
        if (fp != NULL)
            fclose(fp);
        if (tp != NULL)
            fclose(tp);
        if (fp != NULL && tp != NULL)
        {
            _set(T, prefix, joined);
            if (rational)
            {
                snprintf(name, sizeof name, "%s.decimal", prefix);
                _set(T, name, twins);
            }
        }
        free(joined);
        free(twins);
        return;
    }
    const char * text = v->type == JNODE_TRUE ? "true" : v->type == JNODE_FALSE ? "false"
                      : v->type == JNODE_NULL ? "" : v->text;
    _set(T, prefix, text);
    if (v->type == JNODE_STRING && _decimal_twin(twin, sizeof twin, text))
    {
        snprintf(name, sizeof name, "%s.decimal", prefix);
        _set(T, name, twin);
    }
}

static void
_table_add(batch_table * T, const jnode * rec)
{
    T->cells = realloc(T->cells, (T->nrec + 1) * sizeof(char **));
    T->cells[T->nrec] = calloc(T->ncols + 1, sizeof(char *));
    T->nrec++;
    for (size_t i = 0; i < rec->nitems; i++)
    {
        const jnode * v = rec->items[i];
        if (v->type == JNODE_OBJECT)
            _flatten(T, rec->keys[i], v);
        else
            _set(T, rec->keys[i], v->type == JNODE_NULL ? "" : v->type == JNODE_NUMBER || v->type == JNODE_STRING
                                                               ? v->text : "");
    }
}

static void
_csv_field(FILE * fp, const char * s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\n\r") == NULL)
    {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++)
    {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static int
_table_write(FILE * fp, void * data, rc_error_t err)
{
    batch_table * T = data;
    for (slong c = 0; c < T->ncols; c++)
    {
        if (c) fputc(',', fp);
        _csv_field(fp, T->cols[c]);
    }
    fputs("\r\n", fp);
    for (slong r = 0; r < T->nrec; r++)
    {
        for (slong c = 0; c < T->ncols; c++)
        {
            if (c) fputc(',', fp);
            _csv_field(fp, T->cells[r][c]);
        }
        fputs("\r\n", fp);
    }
    return RELU_OK;
}

int
batch_write_csv(const char * csv, const char * in, rc_error_t err)
{
    char * text;
    size_t len;
    if (batch_read_file(&text, &len, in, (size_t) 1 << 30, err))
        return err->code;
    batch_table T = { NULL, 0, NULL, 0 };
    int status = RELU_OK;
    for (char * p = text; p < text + len && status == RELU_OK; )
    {
        char * nl = memchr(p, '\n', text + len - p);
        size_t l = nl ? (size_t) (nl - p) : (size_t) (text + len - p);
        jnode * v;
        if (l > 0 && (status = jnode_parse(&v, p, l, err)) == RELU_OK)
        {
            if (v->type == JNODE_OBJECT)
                _table_add(&T, v);
            jnode_free(v);
        }
        p += l + 1;
    }
    if (status == RELU_OK)
        status = util_file_write(csv, _table_write, &T, err);
    for (slong r = 0; r < T.nrec; r++)
    {
        for (slong c = 0; c < T.ncols; c++)
            free(T.cells[r][c]);
        free(T.cells[r]);
    }
    for (slong c = 0; c < T.ncols; c++)
        free(T.cols[c]);
    free(T.cols);
    free(T.cells);
    free(text);
    return status;
}
