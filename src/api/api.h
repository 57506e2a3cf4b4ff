/* A plain-C facade over the library for language bindings (python/relucert
   loads it with cffi in ABI mode). Opaque handles, C strings in and out:
   numbers go in as text ("p/q", integers, decimals: read exactly) and results
   come back as JSON text whose rationals are integers or "p/q" strings (never
   floats). Every returned string is malloc'ed: release it with
   api_string_free. Functions that can fail take an rc_error_t (util/error.h)
   and return NULL (or a negative value) with err->code and err->msg set;
   every argument a binding can get wrong (dimensions, output indices, number
   text, NULL) is checked here, so bad input is an error, never an abort.
   The mathematics stays in the modules: this file only sequences calls. */
#ifndef RELUCERT_API_H
#define RELUCERT_API_H

#include "util/error.h"
#include "net/net.h"
#include "plnet/plnet.h"
#include "poly/poly.h"
#include "polytope/polytope.h"

typedef struct api_domain_struct api_domain;     /* a domain polyhedron and its description */
typedef struct api_regions_struct api_regions;   /* a streaming region enumeration */

const char * api_version(void);
void api_string_free(char * s);

/* ---- networks ------------------------------------------------------------ */
net_struct * api_net_read_file(const char * path, rc_error_t err);
net_struct * api_net_read_string(const char * text, size_t len, rc_error_t err);
void api_net_free(net_struct * net);
/* As api_net_read_file / api_net_read_string (net_read_jnode_graph), and a
   graph whose lowering is refused (RELU_E_UNSUPPORTED: a max over more than
   two entries) is kept in *graph (NULL otherwise) with err still set: it has
   no analyses but can be evaluated (api_graph_eval), as `relucert eval` does.
   Free with api_graph_free. */
net_struct * api_net_read_file_graph(const char * path, plnet_struct ** graph, rc_error_t err);
net_struct * api_net_read_string_graph(const char * text, size_t len, plnet_struct ** graph, rc_error_t err);
void api_graph_free(plnet_struct * g);
slong api_graph_input_dim(const plnet_struct * g);
/* The graph's outputs at "x1,...,xn" (plnet_eval through net_eval_report_graph):
   `relucert eval --json`'s object for such a graph, {"input", "output"}. */
char * api_graph_eval(const plnet_struct * g, const char * point, rc_error_t err);
/* Canonical network JSON (as net_write_file). */
char * api_net_json(const net_struct * net);
/* Exact evaluation at the point "x1,...,xn": {"output": [...], "pattern": "0110",
   "signs": [-1, 0, 1, ...], "affine": {"W", "c"}} (affine: the map of the pattern). */
char * api_net_eval(const net_struct * net, const char * point, rc_error_t err);

/* The network on the affine hull of points (origin NULL; rows "p0;p1;...",
   each "x1,...,xn": net_slice_points) or on origin + span(directions) (rows
   the directions: net_slice_affine). Free with api_net_free. */
net_struct * api_net_slice(const net_struct * net, const char * rows, const char * origin, rc_error_t err);

/* The largest domain dimension (a larger one is refused, not allocated): that of
   every polyhedron (POLY_MAX_DIM in src/poly/poly.h). */
#define API_MAX_DIM 4096L

/* ---- domains ------------------------------------------------------------- */
/* kind "box" (arg "LO,HI"), "file" (arg a polytope file), "json" (arg the text
   {"A": .., "b": ..}, A x <= b), "whole" (arg ignored); n the dimension. */
api_domain * api_domain_new(slong n, const char * kind, const char * arg, rc_error_t err);
void api_domain_free(api_domain * D);

/* ---- regions: a streaming iterator (regions_iter) and the complex ---------- */
/* Copies net and domain. */
api_regions * api_regions_new(const net_struct * net, const api_domain * D, rc_error_t err);
/* 1 and *record = the next region as JSON (keys of region_write_json, with its
   fvector), or 0 at the end (*record = NULL). */
int api_regions_next(api_regions * it, char ** record, rc_error_t err);
/* The complex of the regions returned so far, with the keys of relucert regions
   --json and "partial" (true before the end). At the end the Euler
   characteristic is checked (RELU_E_INTERNAL on a mismatch). */
char * api_regions_summary(api_regions * it, rc_error_t err);
void api_regions_free(api_regions * it);

/* ---- analyses: the JSON of the corresponding relucert command ------------- */
/* The regions analysis in one call (complex_summary_compute): jobs worker
   processes (1: this one), max_regions and time_limit as limits (0: none);
   a limit gives the summary marked "partial", not an error. The JSON is
   `relucert regions NET --json` byte for byte. */
char * api_complex_json(const net_struct * net, const api_domain * D, slong jobs, slong max_regions,
                        double time_limit, rc_error_t err);
char * api_arrangement_json(const net_struct * net, rc_error_t err);
/* set: "superlevel", "sublevel" or "level"; T rational text; output >= 0. */
char * api_homology_json(const net_struct * net, const api_domain * D, const char * set, const char * T,
                         slong output, rc_error_t err);
/* The boundary {f = T}: pieces, fvector, euler, components, and for one hidden
   layer of width n the class (verified) or the degenerate reason. */
char * api_boundary_json(const net_struct * net, const api_domain * D, const char * T, slong output,
                         rc_error_t err);
/* The decision regions of a classifier (relucert decision --json; list: with --list). */
char * api_decision_json(const net_struct * net, const api_domain * D, int list, rc_error_t err);

/* ---- polytopes ----------------------------------------------------------- */
/* kind "file" (arg a path) or "json" (arg the text): H or V description, checked with cddlib. */
polytope_struct * api_polytope_new(const char * kind, const char * arg, rc_error_t err);
void api_polytope_free(polytope_struct * Q);
/* dim, fvector, vertices, rays, inequalities, equations, type ... (relucert polytope --json). */
char * api_polytope_json(const polytope_struct * Q);
/* The polar about center ("x1,...,xn", "auto" for the vertex centroid, NULL for
   the origin), its correspondence verified as in relucert polar. */
char * api_polar_json(const polytope_struct * Q, const char * center, rc_error_t err);

#endif
