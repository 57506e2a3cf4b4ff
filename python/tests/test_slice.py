"""Network.slice against its definition: the sliced network at t equals the
original at p0 + sum t_i (p_i - p0) (or origin + sum t_i d_i), exactly, at
random rational t (fixed seed), with the CLI's `relucert slice` as a second
witness of the same network."""
import json
import random
import subprocess
from fractions import Fraction

import pytest

import relucert
from relucert.errors import RelucertError as Error


def random_net(rng, n, widths):
    layers, fan_in = [], n
    for w in widths + [2]:
        layers.append({"weights": [[Fraction(rng.randint(-5, 5), rng.randint(1, 4)) for _ in range(fan_in)]
                                   for _ in range(w)],
                       "biases": [Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(w)]})
        fan_in = w
    return relucert.Network.from_json({"input_dim": n, "layers": layers})


def rand_q(rng):
    return Fraction(rng.randint(-20, 20), rng.randint(1, 7))


@pytest.mark.parametrize("n,k", [(2, 1), (3, 2), (5, 2), (8, 3), (12, 2)])
def test_slice_points_eval(n, k):
    rng = random.Random(1700 + 10 * n + k)
    net = random_net(rng, n, [4, 3])
    pts = [[rand_q(rng) for _ in range(n)] for _ in range(k + 1)]
    s = net.slice(pts)
    assert s.input_dim == k
    for _ in range(12):
        t = [rand_q(rng) for _ in range(k)]
        x = [pts[0][j] + sum(t[i] * (pts[i + 1][j] - pts[0][j]) for i in range(k)) for j in range(n)]
        assert s(t) == net(x)


def test_slice_origin_directions_eval():
    rng = random.Random(17)
    net = random_net(rng, 6, [5])
    o = [rand_q(rng) for _ in range(6)]
    dirs = [[rand_q(rng) for _ in range(6)] for _ in range(2)]
    s = net.slice(origin=o, directions=dirs)
    for _ in range(12):
        t = [rand_q(rng) for _ in range(2)]
        x = [o[j] + t[0] * dirs[0][j] + t[1] * dirs[1][j] for j in range(6)]
        assert s(t) == net(x)


def test_slice_matches_cli(cli, tmp_path):
    rng = random.Random(5)
    net = random_net(rng, 4, [3])
    pts = [[rand_q(rng) for _ in range(4)] for _ in range(3)]
    net.save(tmp_path / "n.json")
    (tmp_path / "p.json").write_text(json.dumps([[str(v) for v in p] for p in pts]))
    subprocess.run([cli, "slice", str(tmp_path / "n.json"), "--points", str(tmp_path / "p.json"),
                    "--out", str(tmp_path / "s.json")], check=True, capture_output=True)
    assert relucert.load(tmp_path / "s.json").to_json() == net.slice(pts).to_json()


def test_slice_errors():
    rng = random.Random(3)
    net = random_net(rng, 3, [2])
    with pytest.raises(Error):
        net.slice([[0, 0, 0], [0, 0, 0]])          # not affinely independent
    with pytest.raises(Error):
        net.slice([[0, 0], [1, 1]])                # wrong dimension
    with pytest.raises(Error):
        net.slice(directions=[[1, 0, 0]])          # no origin
    with pytest.raises(Error):
        net.slice()
