#!/usr/bin/env python3
"""Network JSON -> the text input of relucert-twin: "n L", then per layer its
width, the weights row by row and the biases, every rational rounded to the
nearest double (Python's float(Fraction) is correctly rounded)."""
import json, sys
from fractions import Fraction

def val(v):
    return float(Fraction(v) if not isinstance(v, float) else v)

doc = json.load(open(sys.argv[1]))
layers = doc["layers"]
out = [f"{doc['input_dim']} {len(layers)}"]
for L in layers:
    out.append(str(len(L["weights"])))
    for row in L["weights"]:
        out.append(" ".join(repr(val(v)) for v in row))
    out.append(" ".join(repr(val(v)) for v in L["biases"]))
print("\n".join(out))
