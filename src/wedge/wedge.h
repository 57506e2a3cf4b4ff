/* Wedge-product features (Pilanci; research notes section 5).

   The generalised cross product of d-1 vectors x_1..x_{d-1} in R^d is the
   vector v with v_i = (-1)^i det(X without column i) (0-based), so that
   x . v = det([x; X]): the signed volume of the parallelotope spanned by x
   and the x_j. A wedge-product feature of a data set is relu(x . v) for v the
   cross product of d-1 samples (without bias), or relu([x,1] . v) for v the
   cross product of d augmented samples (with bias: a neuron through d
   samples). Everything is exact (FLINT determinants). */
#ifndef RELUCERT_WEDGE_H
#define RELUCERT_WEDGE_H

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "util/error.h"
#include "json/json.h"

typedef struct
{
    slong n, d;        /* samples, dimension */
    fmpq_mat_t X;      /* n x d */
    fmpq * y;          /* n labels / targets */
}
wedge_data_struct;

typedef wedge_data_struct wedge_data_t[1];

void wedge_data_init(wedge_data_t D);
void wedge_data_clear(wedge_data_t D);
/* {"X": [[...]], "y": [...]}: numbers exact; errors name the place: ragged rows,
   no samples, y of the wrong length, repeated samples (by index). */
int wedge_data_read_jnode(wedge_data_t D, const jnode * root, rc_error_t err);
int wedge_data_read_file(wedge_data_t D, const char * path, rc_error_t err);

/* The wedge x_1 ^ ... ^ x_k of the rows of X (k x d) in blade coordinates:
   coords[s] = the k x k minor of X on the s-th k-subset of columns, subsets in
   lexicographic order (C(d, k) entries). */
void wedge_blade(fmpq * coords, const fmpq_mat_t X);
slong wedge_binom(slong n, slong k);
/* Signed volume of the simplex with vertices the rows of P ((d+1) x d):
   det([p_1 - p_0; ...; p_d - p_0]) / d!. */
void wedge_simplex_volume(fmpq_t vol, const fmpq_mat_t P);

/* v = generalised cross product of the k = len-1 rows of X (k x len). */
void wedge_gcp(fmpq * v, const fmpq_mat_t X);

/* The dictionary: one column per (subset, sign) before merging; columns equal
   as vectors of feature values are merged (the first subset is kept, the
   others counted). */
typedef struct
{
    slong raw;              /* 2 C(n, d-1) without bias, 2 C(n, d) with it */
    slong num;              /* distinct nonzero columns */
    slong zero;             /* columns that vanish on every sample */
    slong k;                /* subset size */
    slong * subsets;        /* num x k sample indices (sorted) */
    int * sign;             /* +1 / -1 per column */
    slong * multiplicity;   /* how many (subset, sign) pairs gave this column */
    fmpq_mat_t F;           /* n x num feature values */
    fmpq_mat_t V;           /* num x (d or d+1) the neuron weights (with bias: last entry) */
}
wedge_dict_struct;

typedef wedge_dict_struct wedge_dict_t[1];

void wedge_dict_init(wedge_dict_t W);
void wedge_dict_clear(wedge_dict_t W);
void wedge_dict_build(wedge_dict_t W, const wedge_data_t D, int bias);

/* ---- `relucert wedge`: the dictionary of a data set (src/wedge/report.c) ---------- */
typedef struct
{
    const wedge_data_struct * D;   /* the data (not owned) */
    wedge_dict_t W;
    int bias;
    int list;                      /* the JSON lists the columns (compact output) */
    slong k;                       /* samples per feature: d - 1, or d with bias */
}
wedge_report_struct;

typedef wedge_report_struct wedge_report_t[1];

void wedge_report_init(wedge_report_t R);
void wedge_report_clear(wedge_report_t R);
/* The dictionary of D (kept by pointer), its raw count checked against 2 C(n, k). */
int wedge_report_compute(wedge_report_t R, const wedge_data_t D, int bias, int list, rc_error_t err);
/* The report as `relucert wedge --json` prints it (one object), and as text. */
void wedge_report_write_json(jout_t out, const wedge_report_t R);
void wedge_report_write_text(FILE * fp, const wedge_report_t R);

#endif
