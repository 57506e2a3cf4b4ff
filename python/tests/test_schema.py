"""doc/network.schema.json (JSON Schema 2020-12, validated with Debian's python3-jsonschema)
against the reader: every network file the repository ships and the reader accepts validates,
so do the files relucert writes (`relucert lower`: shortcuts, max groups, meta; `to_json`) and
random graphs with every op; the structurally bad files of tests/data/plnet (unknown op, key or
top-level key, missing field, wrong type, non-piecewise-linear op, q = 0, ...) are rejected by
the schema as by the reader; the schema's ops are the reader's (doc/FORMAT.md's tables)."""
import glob
import json
import os
import random
import re
import subprocess

import jsonschema
import pytest

from conftest import CLI

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SCHEMA = json.load(open(os.path.join(ROOT, "doc", "network.schema.json")))
V = jsonschema.Draft202012Validator(SCHEMA)


def is_network(doc):
    return isinstance(doc, dict) and ("input_dim" in doc or doc.get("format") == "relucert-graph")


def shipped():
    for pat in ("data/*.json", "data/*/*.json", "data/*/*/*.json", "tests/data/*/*.json", "bench/nets/*.json",
                "proofs/*/nets/*.json"):
        for p in sorted(glob.glob(os.path.join(ROOT, pat))):
            if "/plnet/" in p or "/bad/" in p:
                continue
            try:
                doc = json.load(open(p))
            except ValueError:
                continue
            if is_network(doc):
                yield p, doc


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_shipped_network_the_reader_accepts_validates():
    import relucert
    n = 0
    for p, doc in shipped():
        # the reader's verdict (the library's, through the Python package: every kind, groups included)
        try:
            relucert.load(p)
            why = None
        except relucert.RelucertError as e:
            why = str(e)
        errors = list(V.iter_errors(doc))
        if why is None:
            assert not errors, (p, errors[0].message if errors else None)
            n += 1
        elif "unknown key" in why:      # e.g. the Sage fixtures' truth files: not networks
            assert errors, p
    assert n >= 40, n


def test_written_networks_validate(tmp_path):
    if not os.path.exists(CLI):
        pytest.skip("relucert not built")
    for p in ("data/graph-residual.json", "tests/data/graph/maxgroups2d.json", "data/resnet-demo/resnet.json",
              "tests/data/plnet/max3_region.json"):
        low = json.loads(subprocess.run([CLI, "lower", os.path.join(ROOT, p)], capture_output=True, text=True,
                                        timeout=120, check=True).stdout)
        V.validate(low)
    assert any("max_groups" in L for L in low["layers"])


def test_random_graphs_with_every_op_validate():
    from test_checker_graph import op_graphs
    ops = set()
    for name, g in op_graphs(random.Random(3)):
        V.validate(g)
        ops |= {nd["op"] for nd in g["nodes"]}
    assert ops == set(schema_ops())


BAD = ["bad_number", "bn_mixed", "bn_no_epsilon", "clamp_none", "gelu", "input_shape", "leaky_no_slope",
       "max_empty_group", "missing_weights", "no_outputs", "node_no_name", "node_not_object", "pool_no_kernel",
       "relu_two_inputs", "sigmoid", "softmax", "tanh", "unknown_key", "unknown_op", "unknown_top_key", "version",
       "zero_den", "dense_axes"]


def test_structurally_bad_files_rejected():
    d = os.path.join(ROOT, "tests", "data", "plnet")
    for f in BAD:
        doc = json.load(open(os.path.join(d, f + ".json")))
        assert not V.is_valid(doc), f
    # and the good ones of that directory (refused by a reader without max groups only) validate
    for f in ("max3_region", "maxpool3_region"):
        V.validate(json.load(open(os.path.join(d, f + ".json"))))


def test_version1_keys_and_numbers():
    good = {"input_dim": 2, "name": "n", "activation": "relu", "meta": {"a": 1},
            "layers": [{"weights": [[1, "-1/2"], ["0.25", "1e-3"]], "biases": [0, 0.5], "max_groups": [[0, 2]]},
                       {"weights": [[1, 1]], "biases": [0], "shortcuts": [{"from": "input", "weights": [[1, 2]]}]}]}
    V.validate(good)
    for bad in ({"input_dim": 0}, {"layers": []}, {"activation": "tanh"}, {"extra": 1}):
        assert not V.is_valid({**good, **bad}), bad
    for w in ("1/0", "abc", "1/-2", [1], None, True):
        doc = json.loads(json.dumps(good))
        doc["layers"][0]["weights"][0][0] = w
        assert not V.is_valid(doc), w
    doc = json.loads(json.dumps(good))
    doc["layers"][0]["max_groups"] = [[0, 1]]      # a group of one
    assert not V.is_valid(doc)


def schema_ops():
    return [n["properties"]["op"]["const"] for n in SCHEMA["$defs"]["node"]["oneOf"]]


def test_schema_ops_are_the_documented_ops():
    text = open(os.path.join(ROOT, "doc", "FORMAT.md")).read()
    start = text.index("### Operations")
    table_ops = set(re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \|", text[start:], re.M))
    documented = {o for pair in table_ops for o in pair if o}
    assert documented == set(schema_ops()), documented ^ set(schema_ops())
