"""Loading librelucert with cffi in ABI mode (no compiler needed).

The shared library is looked up in this order:
  1. $RELUCERT_LIB (a path to librelucert.so*),
  2. the build tree this package sits in (python/../src/.libs/librelucert.so),
  3. the libdir recorded at `make install` (_paths.py),
  4. the dynamic loader's search path (librelucert.so.0).
"""
import os
import threading

import cffi

CDEF = """
typedef long slong;
typedef struct { int code; char msg[2048]; } rc_error_struct;

const char * api_version(void);
void api_string_free(char * s);

void * api_net_read_file(const char * path, rc_error_struct * err);
void * api_net_read_string(const char * text, size_t len, rc_error_struct * err);
void api_net_free(void * net);
void * api_net_read_file_graph(const char * path, void ** graph, rc_error_struct * err);
void * api_net_read_string_graph(const char * text, size_t len, void ** graph, rc_error_struct * err);
void api_graph_free(void * g);
slong api_graph_input_dim(const void * g);
char * api_graph_eval(const void * g, const char * point, rc_error_struct * err);
char * api_net_json(const void * net);
char * api_net_eval(const void * net, const char * point, rc_error_struct * err);
void * api_net_slice(const void * net, const char * rows, const char * origin, rc_error_struct * err);

void * api_domain_new(slong n, const char * kind, const char * arg, rc_error_struct * err);
void api_domain_free(void * D);

void * api_regions_new(const void * net, const void * D, rc_error_struct * err);
int api_regions_next(void * it, char ** record, rc_error_struct * err);
char * api_regions_summary(void * it, rc_error_struct * err);
void api_regions_free(void * it);

char * api_complex_json(const void * net, const void * D, slong jobs, slong max_regions, double time_limit,
                       rc_error_struct * err);
char * api_arrangement_json(const void * net, rc_error_struct * err);
char * api_homology_json(const void * net, const void * D, const char * set, const char * T,
                         slong output, rc_error_struct * err);
char * api_boundary_json(const void * net, const void * D, const char * T, slong output,
                         rc_error_struct * err);
char * api_decision_json(const void * net, const void * D, int list, rc_error_struct * err);

void * api_polytope_new(const char * kind, const char * arg, rc_error_struct * err);
void api_polytope_free(void * Q);
char * api_polytope_json(const void * Q);
char * api_polar_json(const void * Q, const char * center, rc_error_struct * err);
"""

ffi = cffi.FFI()
ffi.cdef(CDEF)

# cddlib and the library's scratch state are not thread-safe: one call at a time.
lock = threading.RLock()


def _candidates():
    env = os.environ.get("RELUCERT_LIB")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "..", "..", "src", ".libs", "librelucert.so")
    try:
        from . import _paths  # written by make install
        yield os.path.join(_paths.LIBDIR, "librelucert.so")
    except ImportError:
        pass
    yield "librelucert.so.0"


def _load():
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(path + ": no such file")
            continue
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            errors.append(str(e))
    raise ImportError("relucert: cannot load librelucert (set RELUCERT_LIB to its path): " + "; ".join(errors))


lib, lib_path = _load()
