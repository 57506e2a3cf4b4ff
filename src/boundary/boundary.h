/* Decision boundaries {f = T} of a network as polyhedral complexes, and the
   classification of one-hidden-layer networks of width d on R^d modulo
   affine maps (NOTES section 3; Vallin, Larsson & Larson 2023), and the
   anatomy of one ReLU layer (boundary_layer_*: its sectors and cone
   projection, the local picture behind the classification).

   What this module owns: the boundary as a complex (faces, flat pieces,
   components, homology: boundary.c), the classes (classify.c), the layer
   anatomy (layer.c), and the analyses behind `relucert boundary`
   (boundary_analyze, analyze.c) and `relucert layer` (boundary_layer_analyze,
   layer_analyze.c) with their writers. Sub-, super- and level sets as sets
   (pieces, convexity, one polytope) belong to src/levelset/.

   The level set. net_threshold_net turns output i into one more hidden
   neuron f - T; the regions of that network are the regions of the original
   one cut by {f = T}, and the new neuron's sign on a face says on which side
   of the level the face lies. The faces of the complex with sign 0 there
   form the boundary complex (complex_set_filter with COMPLEX_ZERO): its
   (n-1)-faces are the flat pieces of {f = T}. Regions on which f == T
   identically are full-dimensional pieces of the level set; they are
   counted (f_n), never hidden. Inside a bounded domain its integral homology
   comes from the homology module's cellular chain complex of the same faces.

   The classification (derived, proofs/one-layer/classification.md). Let
   f(x) = c . relu(W x + b) + c0 with W square (d x d) and invertible, all
   c_i != 0 and c0' = c0 - T != 0. With K = {i : sign c_i = -sign c0'},
   k = |K|, P the permutation putting K first (each part in increasing
   order) and A x + a = P diag(|c_i| / |c0'|)(W x + b):
       f(x) - T = -c0' (g_k(A x + a) - 1),
       g_k(z) = sum_{p < k} relu(z_p) - sum_{p >= k} relu(z_p).
   The boundary is empty for k = 0; for k >= 1 the boundary complex has
   f-vector given by
       sum_j f_j x^(j+1) = (1 + 2x)^d - (1 + x)^k (1 + 2x)^(d-k)
   (a face of the orthant fan with sign vector s meets {g_k = 1} iff s has
   a + in K, in a cell of one dimension less), so 2^d - 2^(d-k) flat
   pieces: the d classes k = 1..d are pairwise inequivalent. */
#ifndef RELUCERT_BOUNDARY_H
#define RELUCERT_BOUNDARY_H

#include <stdio.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "json/json.h"
#include "util/error.h"
#include "net/net.h"
#include "poly/poly.h"
#include "homology/homology.h"

/* ---- the level set {f = T} as a complex ----------------------------------- */
typedef struct
{
    slong n;
    slong * fvec;          /* n + 1 entries: faces of the complex inside {f = T} */
    slong pieces;          /* fvec[n - 1]: flat pieces (for n >= 1) */
    slong full_pieces;     /* fvec[n]: regions on which f == T identically */
    slong cells;           /* regions of the network cut by {f = T} */
    slong below, above;    /* of these, the ones in {f <= T} and in {f >= T} (not identically T) */
    slong components;      /* connected components of {f = T} in the domain */
}
boundary_struct;

typedef boundary_struct boundary_t[1];

void boundary_init(boundary_t B, slong n);
void boundary_clear(boundary_t B);
/* The boundary complex of {f_output = T} inside domain (dimension
   net->input_dim), and its connected components: inside one cell of the
   threshold network the level set is the zero set of a non-negative affine
   function on a convex polyhedron, i.e. one face with its subfaces, so the
   components are the classes of the faces (identified across cells by their
   sign vectors) under "lie in the level part of a common cell". check = 1 also counts its faces through the global table
   of sign vectors (complex.h); a disagreement is RELU_E_INTERNAL. Errors:
   RELU_E_INPUT for an output that does not exist. */
int boundary_compute(boundary_t B, const net_t net, slong output, const fmpq_t T,
                     const poly_t domain, int check, rc_error_t err);

/* One flat piece ((n-1)-face of the boundary complex), reported once, in the
   order the enumeration meets it: the cell (a region of the network cut by
   {f = T}) it was met in and its generators there (face: a set over
   P's generators; the face also contains P's lineality space), the signs
   of the network's hidden neurons on it ('-', '0', '+'; NUL-terminated),
   and its hyperplane {x : a . x + c = 0} as the primitive integer row (c, a)
   with a lexicographically positive. On the piece f = T: it is the pre-image
   of the level under the network's affine map on the region holding it. */
typedef struct
{
    slong index;
    const poly_struct * P;
    const bword * face;
    const char * signs;
    const fmpz * hyperplane;    /* n + 1 entries (c, a) */
}
boundary_piece_struct;

typedef int (*boundary_piece_callback)(void * data, const boundary_piece_struct * piece);

/* boundary_compute, calling cb (if not NULL) once per piece; cb returns 0 to
   go on, anything else stops the run (RELU_E_LIMIT). */
int boundary_compute_pieces(boundary_t B, const net_t net, slong output, const fmpq_t T,
                            const poly_t domain, int check, boundary_piece_callback cb, void * data,
                            rc_error_t err);
/* Sum of (-1)^i f_i (the Euler characteristic with compact support of the level set). */
slong boundary_euler(const boundary_t B);
/* Integral homology of {f_output = T} inside a bounded domain (cellular, from
   the boundary complex, through the homology module). H initialised by the
   caller. RELU_E_UNSUPPORTED for unbounded domains. */
int boundary_homology(homology_t H, const net_t net, slong output, const fmpq_t T,
                      const poly_t domain, rc_error_t err);

/* ---- classification: one hidden layer of width d on R^d ------------------------ */
#define BOUNDARY_CLASSIFIED 0
#define BOUNDARY_SINGULAR_W 1            /* the d hyperplanes do not meet in one point */
#define BOUNDARY_ZERO_OUTPUT_WEIGHT 2    /* a neuron does not reach the output */
#define BOUNDARY_C0_IS_THRESHOLD 4       /* c0 = T: f - T is positively homogeneous about x* */

typedef struct
{
    slong d;
    int status;            /* BOUNDARY_CLASSIFIED, or the first degenerate reason */
    int reasons;           /* every degenerate reason that applies (bit mask) */
    slong rank;            /* rank of W */
    slong zero_weights;    /* number of i with c_i = 0 */
    fmpq_t c0p;            /* c0 - T */
    /* for status BOUNDARY_CLASSIFIED: */
    slong k;
    slong * perm;          /* d entries: perm[p] = neuron placed at coordinate p of z = A x + a */
    fmpq_mat_t A;          /* d x d: row p = (|c_i| / |c0'|) w_i with i = perm[p] */
    fmpq * a;              /* d entries: (|c_i| / |c0'|) b_i */
    fmpq_t scale;          /* -c0': f - T = scale (g_k(A x + a) - 1) */
    /* filled by boundary_class_verify: */
    slong regions_checked; /* regions of R^d cut by {f = T} on which the identity was checked */
    slong * fvec;          /* d + 1 entries: the computed boundary complex over R^d */
}
boundary_class_struct;

typedef boundary_class_struct boundary_class_t[1];

void boundary_class_init(boundary_class_t K, slong d);
void boundary_class_clear(boundary_class_t K);
/* "singular W", "zero output weight", "c0 = threshold" (NULL for BOUNDARY_CLASSIFIED). */
const char * boundary_degenerate_str(int status);
/* Classifies output `output` of net at threshold T (K initialised with
   d = net->input_dim). RELU_E_UNSUPPORTED unless the network has exactly one
   hidden layer of width input_dim; RELU_E_INPUT for a missing output.
   Degenerate networks are not an error: K->status says why. */
int boundary_classify(boundary_class_t K, const net_t net, slong output, const fmpq_t T, rc_error_t err);
/* For a classified K: enumerates the regions of R^d cut by {f = T} and
   checks exactly (1) on every region, that each coordinate of A x + a keeps
   one sign on the region (tested on its generators) and that f - T and
   scale (g_k(A x + a) - 1) are the same affine function there, and (2) that
   the boundary complex has the f-vector above, in particular 2^d - 2^(d-k)
   pieces and no full-dimensional piece. RELU_E_INTERNAL on any difference. */
int boundary_class_verify(boundary_class_t K, const net_t net, slong output, const fmpq_t T, rc_error_t err);
/* The predicted f-vector of the boundary complex of class k in R^d (d + 1 entries). */
void boundary_class_fvector(slong * fvec, slong d, slong k);
/* 2^d - 2^(d-k); requires 0 <= k <= d < 63. */
slong boundary_class_pieces(slong d, slong k);

/* ---- anatomy of one ReLU layer x -> relu(W x + b) (W: m x n) -------------------
   Sectors: the full-dimensional regions of R^n cut by the m hyperplanes
   w_i . x + b_i = 0, each with its active set J (D_J = diag(1 if i in J)).
   On a sector relu(W x + b) = D_J (W x + b). The cone C = {W x + b >= 0}.
   - W of full row rank (m <= n; proofs/one-layer/layer.md): with the right
     inverse W+ = W^T (W W^T)^-1, pi(x) = x + W+ relu(-(W x + b)) is the
     projection onto C in the inner product (W u).(W v) + (Q u).(Q v), Q the
     orthogonal projector onto ker W, and relu(W x + b) = W pi(x) + b. On
     S_J, pi(x) = P_J x + q_J with P_J = I - W+ (I - D_J) W,
     q_J = -W+ (I - D_J) b.
   - W square and invertible (the notes' case): W+ = W^-1, all hyperplanes
     meet in the apex x* = -W^-1 b, the rows w_i and the columns v_j of W^-1
     are dual bases, there are 2^n sectors, and
     pi(x) = x* + sum_{j in J} (w_j . (x - x*)) v_j on S_J.
   - Any W: on S_J an affine pi_J with relu(W x + b) = W pi_J(x) + b exists
     iff the columns of D_J W and (D_J - I) b lie in the column space of W
     (S_J is full-dimensional, so affine maps agreeing on it are equal). */
typedef struct
{
    slong m, n;
    slong rank;
    int full_row_rank, square_invertible;
    fmpq_mat_t Wplus;      /* n x m right inverse (full row rank only) */
    fmpq_mat_t Winv;       /* n x n inverse (square invertible only): columns v_j */
    fmpq * apex;           /* n entries (square invertible only): x* = -W^-1 b */
    slong sectors;         /* full-dimensional sectors */
    slong factorising;     /* sectors with an affine pi_J (the criterion above) */
    slong verified;        /* sectors where W pi(x) + b = relu(W x + b) was checked exactly */
}
boundary_layer_struct;

typedef boundary_layer_struct boundary_layer_t[1];

/* One sector as reported to a callback: pattern J (0/1 per neuron), the
   sector polyhedron, whether it factorises, and (full row rank) pi on it. */
typedef struct
{
    const poly_struct * P;
    slong index;
    const unsigned char * active;
    int factorises;
    const fmpq_mat_struct * Pj;    /* n x n, or NULL */
    const fmpq * qj;               /* n, or NULL */
}
boundary_layer_sector_struct;

typedef int (*boundary_layer_sector_callback)(void * data, const boundary_layer_sector_struct * S);

void boundary_layer_init(boundary_layer_t L, slong m, slong n);
void boundary_layer_clear(boundary_layer_t L);
/* Anatomy of layer `layer` (1-based hidden layer) of net, on the layer's own
   input space R^n (n = width of the previous layer, or input_dim). Every
   sector is computed with the region engine; for full row rank W the
   identity W pi(x) + b = relu(W x + b) is checked exactly on each sector
   (W P_J = D_J W, W q_J + b = D_J b), and for square invertible W also the
   dual bases (W W^-1 = I), the count of 2^n sectors and the notes' formula
   for pi. cb (may be NULL) sees every sector. RELU_E_INPUT for a layer that
   does not exist, RELU_E_INTERNAL when a check fails. */
int boundary_layer_compute(boundary_layer_t L, const net_t net, slong layer,
                          boundary_layer_sector_callback cb, void * data, rc_error_t err);

/* ---- the analysis behind `relucert layer` ---------------------------------------------- */
/* One sector as listed: pattern ('0'/'1' per neuron), an interior point, and
   (full row rank) pi = P x + q on it. */
typedef struct
{
    slong index;
    char * pattern;
    fmpq * point;              /* n entries */
    int factorises;
    fmpq * P, * q;             /* n x n (row by row) and n entries, or NULL */
}
boundary_layer_sector_record;

typedef struct
{
    char * name;               /* the network's name in the text output (a copy) */
    slong layer, m, n;
    int ready;                 /* L, W, b initialised */
    boundary_layer_t L;
    fmpq_mat_t W;              /* the layer's weights (m x n) and biases */
    fmpq * b;
    int list;
    slong num, alloc;          /* sectors listed (list = 1) */
    boundary_layer_sector_record * sector;
}
boundary_layer_analysis_struct;

typedef boundary_layer_analysis_struct boundary_layer_analysis_t[1];

void boundary_layer_analysis_init(boundary_layer_analysis_t A);
void boundary_layer_analysis_clear(boundary_layer_analysis_t A);
/* boundary_layer_compute on hidden layer `layer` (1-based) of net, keeping
   every sector when list = 1; name is the network's name for the text.
   A freshly initialised. */
int boundary_layer_analyze(boundary_layer_analysis_t A, const net_t net, const char * name, slong layer, int list,
                           rc_error_t err);
/* The result as `relucert layer --json` prints it (one object; the CLI prints
   it compact with --list), and as text. */
void boundary_layer_analysis_write_json(jout_t out, const boundary_layer_analysis_t A);
void boundary_layer_analysis_write_text(FILE * fp, const boundary_layer_analysis_t A);

/* ---- the analysis behind `relucert boundary` ---------------------------------------------- */
/* One flat piece as listed (a copy of what boundary_piece_struct shows). */
typedef struct
{
    slong index;
    char * signs;
    fmpz * hyperplane;         /* n + 1 entries (c, a) */
    slong nv, nr, nl;
    fmpq * vert;               /* nv rows of n */
    fmpz * ray;                /* nr rows of n */
    fmpz * lin;                /* nl rows of n */
}
boundary_piece_record;

typedef struct
{
    char * name;               /* the network's name in the text output (a copy) */
    char domain[256];          /* the domain's description */
    slong n, output;
    fmpq_t T;
    int ready;                 /* B, K initialised */
    int check_faces, list;
    boundary_t B;
    int classify;              /* one hidden layer of width n: K holds the class */
    boundary_class_t K;
    int have_homology;         /* bounded domain: H holds the homology of the boundary */
    homology_t H;
    slong num, alloc;          /* pieces listed (list = 1) */
    boundary_piece_record * piece;
}
boundary_analysis_struct;

typedef boundary_analysis_struct boundary_analysis_t[1];

void boundary_analysis_init(boundary_analysis_t A);
void boundary_analysis_clear(boundary_analysis_t A);
/* The boundary complex of {f_output = T} in domain (desc: its description;
   check: count the faces a second way too), every flat piece kept when
   list = 1; the class (checked) for one hidden layer of width n; the homology
   for a bounded domain. The computations must agree: the homology's Euler
   characteristic with the f-vector's, b_0 with the components, and over R^n
   the f-vector with the classification run's (else RELU_E_INTERNAL).
   A freshly initialised; name is the network's name for the text. */
int boundary_analyze(boundary_analysis_t A, const net_t net, const char * name, slong output, const fmpq_t T,
                     const poly_t domain, const char * desc, int check, int list, rc_error_t err);
/* The result as `relucert boundary --json` prints it (one object; the CLI
   prints it compact with --list), and as text. */
void boundary_analysis_write_json(jout_t out, const boundary_analysis_t A);
void boundary_analysis_write_text(FILE * fp, const boundary_analysis_t A);

#endif
