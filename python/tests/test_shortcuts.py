"""Networks with shortcuts (doc/FORMAT.md, "Shortcuts") through the Python facade: loading,
exact evaluation against a direct evaluation written here, the canonical round trip, and the
region count of a 1D residual net against its breakpoints counted here."""
import random
from fractions import Fraction

import pytest

import relucert


def relu(v):
    return v if v > 0 else Fraction(0)


def direct_eval(d, x):
    """z_j = W_j h_{j-1} + b_j + sum S h_from, h_{-1} = x: the definition, nothing shared."""
    h = {-1: [Fraction(v) for v in x]}
    layers = d["layers"]
    for j, L in enumerate(layers):
        prev = h[j - 1]
        z = [Fraction(b) + sum(Fraction(w) * a for w, a in zip(row, prev)) for row, b in zip(L["weights"], L["biases"])]
        for s in L.get("shortcuts", []):
            src = h[-1 if s["from"] == "input" else s["from"]]
            z = [zi + sum(Fraction(w) * a for w, a in zip(row, src)) for zi, row in zip(z, s["weights"])]
        if j + 1 == len(layers):
            return z
        h[j] = [relu(v) for v in z]


def random_net(rng, n, widths):
    layers = []
    sizes = [n] + widths
    for j in range(1, len(sizes)):
        L = {"weights": [[rng.randint(-3, 3) for _ in range(sizes[j - 1])] for _ in range(sizes[j])],
             "biases": [str(Fraction(rng.randint(-4, 4), rng.randint(1, 3))) for _ in range(sizes[j])]}
        sources = ["input"] + list(range(j - 2))   # hidden layer i is sizes[i + 1] wide
        picked = [s for s in sources if j >= 2 and rng.random() < 0.6]
        rng.shuffle(picked)                          # any order in the file; the reader sorts
        if picked:
            L["shortcuts"] = [{"from": s, "weights": [[rng.randint(-2, 2) for _ in range(n if s == "input" else sizes[s + 1])]
                                                      for _ in range(sizes[j])]} for s in picked]
        layers.append(L)
    return {"input_dim": n, "layers": layers}


def test_eval_matches_direct_evaluation():
    rng = random.Random(16)
    for trial in range(40):
        n = rng.randint(1, 3)
        d = random_net(rng, n, [rng.randint(1, 3) for _ in range(rng.randint(1, 3))] + [rng.randint(1, 2)])
        net = relucert.Network.from_json(d)
        for _ in range(5):
            x = [Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(n)]
            assert net(x) == direct_eval(d, x), (d, x)


def test_roundtrip_sorted_and_stable():
    d = {"input_dim": 1, "layers": [
        {"weights": [[1]], "biases": [0]},
        {"weights": [[1]], "biases": [0]},
        {"weights": [[1]], "biases": ["1/2"],
         "shortcuts": [{"from": 0, "weights": [[2]]}, {"from": "input", "weights": [["-1/3"]]}]}]}
    net = relucert.Network.from_json(d)
    assert [s["from"] for s in net.layers[2]["shortcuts"]] == ["input", 0]
    assert net.layers[2]["shortcuts"][0]["weights"] == [[Fraction(-1, 3)]]
    assert "shortcuts" not in net.layers[0]
    again = relucert.Network.from_json(net.to_json())
    assert again.to_json() == net.to_json()
    assert relucert.Network.from_json({"input_dim": 1, "layers": net.layers}).to_json() == net.to_json()


def test_bad_shortcut_names_layer_and_shortcut():
    d = {"input_dim": 1, "layers": [{"weights": [[1]], "biases": [0]},
                                    {"weights": [[1]], "biases": [0], "shortcuts": [{"from": 0, "weights": [[1]]}]}]}
    with pytest.raises(relucert.InputError, match=r"layer 2, shortcut 1: \"from\": 0 is out of range"):
        relucert.Network.from_json(d)


def test_residual_1d_regions_are_breakpoints():
    # f(x) = x + sum_i v_i relu(w_i x + b_i): the regions in [-1, 1] are cut at the distinct
    # roots -b_i/w_i inside (-1, 1)
    rng = random.Random(7)
    for _ in range(10):
        k = rng.randint(1, 4)
        W = [rng.choice([-2, -1, 1, 2, 3]) for _ in range(k)]
        b = [Fraction(rng.randint(-5, 5), rng.randint(1, 4)) for _ in range(k)]
        d = {"input_dim": 1, "layers": [
            {"weights": [[w] for w in W], "biases": [str(v) for v in b]},
            {"weights": [[rng.randint(-2, 2) for _ in range(k)]], "biases": [0],
             "shortcuts": [{"from": "input", "weights": [[1]]}]}]}
        roots = {-bi / wi for wi, bi in zip(W, b) if -1 < -bi / wi < 1}
        net = relucert.Network.from_json(d)
        assert net.complex(box=(-1, 1))["regions"] == len(roots) + 1
