"""data/mnist-toy (issue 17): a tiny run of its pipeline (train.py with a few steps: the exported
784-input network against torch in float64, the slice against the original at plane points by
check_slice.py, whose plane points are computed in Python Fractions) and the committed files
against a fresh `relucert slice` of the committed network (the same bytes)."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "..", "data", "mnist-toy")


def test_committed_slice_is_the_slice_of_the_committed_network(cli, tmp_path):
    for net, sl in (("net.json", "slice-trained.json"), ("net-init.json", "slice-init.json")):
        out = tmp_path / sl
        subprocess.run([cli, "slice", os.path.join(DIR, net), "--points", os.path.join(DIR, "points.json"),
                        "-o", str(out)], check=True, capture_output=True)
        assert out.read_bytes() == open(os.path.join(DIR, sl), "rb").read(), sl
        meta = json.loads(out.read_text())["meta"]["slice"]
        assert meta == {"original_input_dim": 784, "points": [[0, 0], [1, 0], [0, 1]]}


def test_tiny_pipeline(cli, tmp_path):
    pytest.importorskip("torch", reason="python3-torch is not installed: the training step not run")
    p = subprocess.run([sys.executable, os.path.join(DIR, "train.py"), str(tmp_path), "--steps", "5",
                        "--per-class", "10", "--no-figure"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert s["max_abs_exact_minus_torch_float64"] <= 1e-9 and s["train_images"] == 30
    net = json.load(open(tmp_path / "net.json"))
    assert net["input_dim"] == 784 and [len(L["biases"]) for L in net["layers"]] == [16, 16, 3]
    subprocess.run([cli, "slice", str(tmp_path / "net.json"), "--points", str(tmp_path / "points.json"),
                    "-o", str(tmp_path / "s.json")], check=True, capture_output=True)
    c = subprocess.run([sys.executable, os.path.join(DIR, "check_slice.py"), cli, str(tmp_path / "net.json"),
                        str(tmp_path / "points.json"), str(tmp_path / "s.json"), "--count", "3"],
                       capture_output=True, text=True)
    assert c.returncode == 0 and json.loads(c.stdout)["equal"] == 6, c.stdout + c.stderr
    # the checker itself tells a different network apart (its comparison can fail)
    subprocess.run([cli, "slice", str(tmp_path / "net-init.json"), "--points", str(tmp_path / "points.json"),
                    "-o", str(tmp_path / "s0.json")], check=True, capture_output=True)
    c = subprocess.run([sys.executable, os.path.join(DIR, "check_slice.py"), cli, str(tmp_path / "net.json"),
                        str(tmp_path / "points.json"), str(tmp_path / "s0.json"), "--count", "1"],
                       capture_output=True, text=True)
    assert c.returncode == 1
