"""Tables as DataFrames: the regions of a network, and batch --csv read back exactly."""
import json
import subprocess
from fractions import Fraction

import pytest

import relucert
from conftest import TESTDATA

pd = pytest.importorskip("pandas", reason="python3-pandas is not installed")

NET = {"input_dim": 2, "layers": [
    {"weights": [[1, "1/3"], [-1, 2], ["1/2", -1]], "biases": ["1/7", 0, "-1/5"]},
    {"weights": [[1, 1, -1]], "biases": [0]}]}


def test_regions_dataframe_counts():
    net = relucert.Network.from_json(NET)
    df = relucert.regions_dataframe(net.regions(box=(-1, 1)))
    s = net.complex(box=(-1, 1))
    assert len(df) == s["regions"]
    hist = {int(k): v for k, v in s["facet_histogram"].items()}
    assert df["facets"].value_counts().to_dict() == hist
    assert all(isinstance(x, Fraction) for p in df["interior_point"] for x in p)
    assert list(df["index"]) == list(range(len(df)))


def test_read_batch_exact(cli, tmp_path):
    man = tmp_path / "m.jsonl"
    nets = ["%s/sage/case%03d.json" % (TESTDATA, k) for k in (2, 3)] + ["%s/../../data/default.json" % TESTDATA]
    man.write_text("".join(json.dumps({"network": n, "analyses": ["regions"], "box": [-1, 1]}) + "\n" for n in nets))
    out, csvf = tmp_path / "b.jsonl", tmp_path / "b.csv"
    subprocess.run([cli, "batch", str(man), "--out", str(out), "--csv", str(csvf), "--quiet"], check=True,
                   capture_output=True)
    df = relucert.read_batch(str(csvf))
    recs = [json.loads(l) for l in out.read_text().splitlines()]
    assert len(df) == len(recs)
    assert any(isinstance(x, Fraction) and x.denominator > 1 for x in df["regions.mean_facets"])   # 255/64
    for (_, row), rec in zip(df.iterrows(), recs):
        assert row["regions.regions"] == rec["regions"]["regions"]
        assert row["regions.mean_facets"] == Fraction(rec["regions"]["mean_facets"])
        twin = row["regions.mean_facets.decimal"]      # only "p/q" values have a decimal twin
        if not pd.isna(twin):
            assert abs(twin - float(Fraction(rec["regions"]["mean_facets"]))) < 1e-12
    assert df["regions.mean_facets.decimal"].notna().sum() >= 1


def test_read_batch_errors(tmp_path):
    with pytest.raises(relucert.FileError):
        relucert.read_batch(str(tmp_path / "missing.csv"))
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(relucert.InputError):
        relucert.read_batch(str(tmp_path / "e.csv"))


def test_read_batch_lists_exact(cli, tmp_path):
    """A list of exact values (persistence's critical values) reads back as a tuple of Fractions,
    its twin as the tuple of their floats; both equal the JSON record's list."""
    man = tmp_path / "m.jsonl"
    man.write_text(json.dumps({"network": "%s/sage/case002.json" % TESTDATA, "analyses": ["persistence"],
                               "box": [-1, 1]}) + "\n")
    out, csvf = tmp_path / "b.jsonl", tmp_path / "b.csv"
    subprocess.run([cli, "batch", str(man), "--out", str(out), "--csv", str(csvf), "--quiet"], check=True,
                   capture_output=True)
    df = relucert.read_batch(str(csvf))
    want = [Fraction(x) for x in json.loads(out.read_text())["persistence"]["critical_values"]]
    got = df["persistence.critical_values"][0]
    assert isinstance(got, tuple) and list(got) == want and any(x.denominator > 1 for x in got)
    assert df["persistence.critical_values.decimal"][0] == tuple(float(x) for x in want)
