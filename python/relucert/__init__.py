"""relucert: exact activation-region geometry of ReLU networks (Python bindings).

    import relucert
    net = relucert.load("net.json")
    for region in net.regions(box=(-1, 1)):      # streams, lexicographic order
        print(region.pattern, region.vertices)   # exact Fractions
    net.complex(box=(-1, 1))["fvector"]
    net.arrangement(); net.homology(superlevel=0, box=(-1, 1)); net.boundary(threshold=0)
    net.decision(box=(-1, 1))                    # a classifier's decision regions, their homology
    relucert.Polytope.load("cube.json").polar()
    relucert.from_torch(model)                   # exact dyadic weights
    relucert.from_torch(model, (2,))             # any traceable module: a format-2 graph dict
    relucert.graph_from_onnx("model.onnx")       # ONNX: a format-2 graph dict

Errors are relucert.RelucertError subclasses carrying the library's message."""
from .errors import (RelucertError, FileError, ParseError, InputError, UnsupportedError, InternalError,
                     LimitError)
from .core import Network, Domain, Region, Regions, Polytope, load, version, number_text
from .torch_export import from_torch, rationalize, network_dict
from .exports import to_sage, to_polymake, to_off, to_sage_complex, to_polymake_complex
from .tables import regions_dataframe, read_batch
from .onnx_import import graph_from_onnx
from .fx_import import graph_from_torch
from . import graph_ref

__all__ = ["RelucertError", "FileError", "ParseError", "InputError", "UnsupportedError", "InternalError",
           "LimitError", "Network", "Domain", "Region", "Regions", "Polytope", "load", "version", "from_torch",
           "rationalize", "network_dict", "to_sage", "to_polymake", "to_off", "to_sage_complex", "to_polymake_complex",
           "regions_dataframe", "read_batch", "number_text", "graph_from_onnx", "graph_from_torch", "graph_ref"]
