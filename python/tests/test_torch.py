"""PyTorch round trip: a trained 2-16-16-1 model exported exactly, evaluated exactly, regions counted.

Skipped (with the reason) only when torch is not installed."""
import copy
import json
import os
import subprocess
import sys
from fractions import Fraction

import pytest

import relucert

torch = pytest.importorskip("torch", reason="python3-torch is not installed: torch round trip not tested")

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORT = os.path.join(HERE, "..", "relucert-export")
BOX = 2


@pytest.fixture(scope="module")
def model():
    """Deterministic: seed 0, float64, CPU, 300 full-batch Adam steps on a ring classifier."""
    torch.manual_seed(0)
    torch.set_num_threads(1)
    m = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.ReLU(),
                            torch.nn.Linear(16, 1)).double()
    X = (torch.rand(256, 2, dtype=torch.float64) * 2 - 1) * BOX
    y = ((X.norm(dim=1) < 1.2).double() * 2 - 1).unsqueeze(1)
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    for _ in range(300):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(m(X), y)
        loss.backward()
        opt.step()
    m.final_loss = float(loss)
    return m


def fraction_forward(layers, x):
    """The network's exact value, recomputed independently in Fractions."""
    h = list(x)
    for i, L in enumerate(layers):
        z = [sum(w * v for w, v in zip(row, h)) + b for row, b in zip(L["weights"], L["biases"])]
        h = z if i == len(layers) - 1 else [max(v, 0) for v in z]
    return h


def test_exact_export(model):
    net, rep = relucert.from_torch(model, report=True)
    assert rep["exact"] and rep["max_error"] == 0
    assert net.input_dim == 2 and net.widths == [16, 16, 1]
    lin = [mod for mod in model if isinstance(mod, torch.nn.Linear)]
    for L, mod in zip(net.layers, lin):
        assert L["weights"] == [[Fraction(w) for w in row] for row in mod.weight.tolist()]
        assert L["biases"] == [Fraction(b) for b in mod.bias.tolist()]
        # every entry is dyadic
        assert all(w.denominator & (w.denominator - 1) == 0 for row in L["weights"] for w in row)
    # the state dict gives the same network
    assert relucert.from_torch(model.state_dict()).layers == net.layers


def test_float32_exact(model):
    m32 = copy.deepcopy(model).float()
    net = relucert.from_torch(m32)
    w32 = m32[0].weight.detach()
    assert net.layers[0]["weights"][3][1] == Fraction(float(w32[3, 1]))
    assert Fraction(float(w32[3, 1])).denominator <= 2 ** 149


def test_evaluation_agrees(model, capsys):
    net = relucert.from_torch(model)
    torch.manual_seed(1)
    pts = (torch.rand(200, 2, dtype=torch.float64) * 2 - 1) * BOX
    with torch.no_grad():
        out = model(pts)[:, 0].tolist()
    exact_eq = 0
    worst = Fraction(0)
    for x, yt in zip(pts.tolist(), out):
        xq = [Fraction(v) for v in x]            # the sample point, exactly
        y = net(xq)[0]                            # relucert, exact
        assert y == fraction_forward(net.layers, xq)[0]   # independent exact recomputation
        if Fraction(yt) == y:
            exact_eq += 1                         # torch's float64 computation happened to be exact
        else:
            worst = max(worst, abs(Fraction(yt) - y))
    with capsys.disabled():
        print("\n[torch round trip] 200 points: relucert == Fraction recomputation at all; torch float64 output "
              "exactly equal at %d, max |torch - exact| = %.3g elsewhere (final training loss %.4g)"
              % (exact_eq, float(worst), model.final_loss))
    assert float(worst) < 1e-12


def test_region_count_vs_sampling(model, capsys):
    net = relucert.from_torch(model)
    s = net.complex(box=(-BOX, BOX))
    regions = {r.pattern for r in net.regions(box=(-BOX, BOX))}
    assert len(regions) == s["regions"]
    # dense grid of dyadic points: patterns with no zero pre-activation lie in open full-dimensional regions
    g = 64
    seen_exact, seen_float = set(), set()
    hidden = [mod for mod in model][:4]
    pts = []
    for i in range(g + 1):
        for j in range(g + 1):
            pts.append([Fraction(-BOX) + Fraction(2 * BOX * i, g), Fraction(-BOX) + Fraction(2 * BOX * j, g)])
    for x in pts:
        e = net.eval(x)
        if 0 not in e["signs"]:
            seen_exact.add(e["pattern"])
    with torch.no_grad():
        X = torch.tensor([[float(v) for v in x] for x in pts], dtype=torch.float64)
        z1 = hidden[0](X)
        z2 = hidden[2](torch.relu(z1))
        pats = torch.cat([z1 > 0, z2 > 0], dim=1).int().tolist()
    seen_float = {"".join(map(str, p)) for p in pats}
    assert seen_exact <= regions
    assert len(seen_exact) <= s["regions"]
    with capsys.disabled():
        print("\n[torch round trip] regions in [-%d,%d]^2: %d exactly (f-vector %s); a %dx%d grid sees %d "
              "(exact patterns), %d (torch float patterns)" % (BOX, BOX, s["regions"], s["fvector"], g + 1, g + 1,
                                                             len(seen_exact), len(seen_float)))


def test_max_denominator(model):
    Q = 1000
    net, rep = relucert.from_torch(model, max_denominator=Q, report=True)
    assert not rep["exact"]
    assert all(w.denominator <= Q for L in net.layers for row in L["weights"] for w in row)
    lin = [mod for mod in model if isinstance(mod, torch.nn.Linear)]
    worst = Fraction(0)
    for L, E, mod in zip(net.layers, rep["errors"], lin):
        for row, erow, trow in zip(L["weights"], E["weights"], mod.weight.tolist()):
            for w, e, t in zip(row, erow, trow):
                assert e == abs(Fraction(t) - w)      # the reported error is exact
                assert e <= Fraction(1, 2 * Q)        # k/Q is within 1/(2Q); the best approximation is closer
                worst = max(worst, e)
    assert worst <= rep["max_error"]
    assert json.loads(net.to_json())["meta"]["max_rounding_error"] == relucert.number_text(rep["max_error"])


def test_bad_models_raise():
    with pytest.raises(relucert.InputError, match="expected nn.Linear"):
        relucert.from_torch(torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Linear(2, 1)))
    with pytest.raises(relucert.InputError, match="ends with ReLU"):
        relucert.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU()))
    with pytest.raises(relucert.InputError, match="expected nn.ReLU"):
        relucert.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1)))
    with pytest.raises(relucert.InputError, match="columns"):
        relucert.from_torch({"0.weight": torch.zeros(3, 2), "0.bias": torch.zeros(3),
                             "2.weight": torch.zeros(1, 4), "2.bias": torch.zeros(1)})
    m = torch.nn.Sequential(torch.nn.Linear(2, 1))
    with torch.no_grad():
        m[0].weight[0, 0] = float("nan")
    with pytest.raises(relucert.InputError, match="not finite"):
        relucert.from_torch(m)
    with pytest.raises(relucert.InputError):
        relucert.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 1)), max_denominator=0)


def test_export_script(model, tmp_path):
    full = tmp_path / "model.pt"
    sd = tmp_path / "state.pt"
    torch.save(model, str(full))
    torch.save(model.state_dict(), str(sd))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(HERE, "..") + os.pathsep + env.get("PYTHONPATH", "")
    ref = relucert.from_torch(model).layers
    for src in (full, sd):
        out = tmp_path / (src.stem + ".json")
        p = subprocess.run([sys.executable, EXPORT, "torch", str(src), "-o", str(out)], capture_output=True,
                           text=True, env=env)
        assert p.returncode == 0, p.stderr
        assert relucert.load(str(out)).layers == ref
    p = subprocess.run([sys.executable, EXPORT, "torch", str(sd), "--max-denominator", "100", "-o",
                        str(tmp_path / "r.json"), "--report", str(tmp_path / "rep.json")],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert "max |w - w_Q|" in p.stderr
    rep = json.load(open(tmp_path / "rep.json"))
    assert Fraction(rep["max_error"]) <= Fraction(1, 200)
    p = subprocess.run([sys.executable, EXPORT, "torch", str(tmp_path / "missing.pt")], capture_output=True,
                       text=True, env=env)
    assert p.returncode == 2 and "relucert-export" in p.stderr
    p = subprocess.run([sys.executable, EXPORT, "--help"], capture_output=True, text=True, env=env)
    assert p.returncode == 0 and "max-denominator" in p.stdout


def test_numpy_state_dict(model):
    np = pytest.importorskip("numpy", reason="numpy is not installed")
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    net = relucert.from_torch(sd)
    assert net.layers[1]["weights"][2][5] == Fraction(float(sd["2.weight"][2, 5]))
