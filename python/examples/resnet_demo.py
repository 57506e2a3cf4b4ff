#!/usr/bin/python3
"""A ResNet-style PyTorch classifier, trained in float, exported exactly, analysed exactly.

    PYTHONPATH=python python/examples/resnet_demo.py OUTDIR [--relucert src/relucert]

2 inputs, two residual blocks x + fc2(relu(bn(fc1(x)))) with BatchNorm1d on a 2-dimensional
residual stream, a final Linear with 3 outputs; trained for 300 full-batch Adam steps on a toy
3-class task in [-1, 1]^2 (the class is the 120-degree sector of the angle around (0.1, -0.2);
seed 0, CPU, one thread: the same weights on every run). It is exported with
relucert.from_torch (exact dyadic weights, batch norm folded in float64) to OUTDIR/resnet.json,
checked point by point against torch in float64 with the Fraction evaluator relucert.graph_ref,
and then, when the relucert CLI reads format 2, analysed: `relucert regions --box -1,1 --json`,
`relucert eval` at three points (equal to the Fraction evaluator exactly) and `relucert plot`
(OUTDIR/resnet.svg). Prints one JSON summary line; exit 1 if anything disagrees."""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

import relucert  # noqa: E402
from relucert import graph_ref  # noqa: E402

WIDTH = 6       # hidden width of each block
STEPS = 300


class Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.fc1, self.bn, self.fc2 = nn.Linear(d, h), nn.BatchNorm1d(h), nn.Linear(h, d)

    def forward(self, x):
        return x + self.fc2(torch.relu(self.bn(self.fc1(x))))


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1, self.block2 = Block(2, WIDTH), Block(2, WIDTH)
        self.head = nn.Linear(2, 3)

    def forward(self, x):
        return self.head(self.block2(self.block1(x)))


def data(n=300):
    g = torch.Generator().manual_seed(1)
    X = torch.rand(n, 2, generator=g) * 2 - 1
    ang = torch.atan2(X[:, 1] + 0.2, X[:, 0] - 0.1) + math.pi           # [0, 2 pi]
    y = torch.clamp((ang / (2 * math.pi / 3)).long(), max=2)
    return X, y


def train():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = ResNet()
    X, y = data()
    opt = torch.optim.Adam(model.parameters(), lr=0.03)
    for _ in range(STEPS):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = float((model(X).argmax(1) == y).float().mean())
    return model, X, y, float(loss), acc


def make_model():
    """For `relucert-export torch python/examples/resnet_demo.py:make_model`: the trained model and
    its input shape."""
    return train()[0], (2,)


def cli(relucert_bin, *args):
    p = subprocess.run([relucert_bin] + [str(a) for a in args], capture_output=True, text=True, timeout=600)
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--relucert", default=os.path.join(HERE, "..", "..", "src", "relucert"),
                    help="the relucert CLI (default: the build tree's)")
    a = ap.parse_args(argv)
    os.makedirs(a.outdir, exist_ok=True)
    t0 = time.time()
    model, X, y, loss, acc = train()
    t_train = time.time() - t0
    path = os.path.join(a.outdir, "resnet.json")
    net = relucert.from_torch(model, (2,), name="resnet-demo", path=path)
    ref = graph_ref.load(path)
    summary = {"train_steps": STEPS, "final_loss": round(loss, 6), "train_accuracy": round(acc, 4),
               "nodes": len(net["nodes"]), "batch_norm": net["meta"].get("batch_norm", "exact")[:28]}
    # the exported file against torch in float64, and the classes against the float model
    md = ResNet()
    md.load_state_dict(model.state_dict())
    md = md.double().eval()
    worst, agree = 0.0, 0
    for i in range(len(X)):
        x = X[i].double()
        with torch.no_grad():
            want = md(x[None]).reshape(-1).tolist()
            cls32 = int(model(X[i][None]).argmax())
        got = graph_ref.evaluate(ref, x.tolist())
        worst = max(worst, max(abs(float(g) - w) for g, w in zip(got, want)))
        agree += max(range(3), key=lambda k: got[k]) == cls32
    summary["max_abs_diff_vs_torch_float64"] = worst
    summary["argmax_agrees_with_float32_model"] = "%d/%d" % (agree, len(X))
    ok = worst <= 1e-9 and agree >= len(X) - 1   # float32 may flip a sample on a boundary
    # the exact analyses, when the CLI reads format 2
    probe = cli(a.relucert, "eval", path, "--at", "0,0", "--json") if os.path.exists(a.relucert) else None
    if probe is None or probe.returncode != 0:
        summary["cli"] = "skipped: %s" % ("no CLI at " + a.relucert if probe is None else probe.stderr.strip())
    else:
        r = cli(a.relucert, "regions", path, "--box", "-1,1", "--json")
        if r.returncode != 0:
            print("regions failed: " + r.stderr, file=sys.stderr)
            return 1
        reg = json.loads(r.stdout)
        summary["regions"] = reg.get("regions")
        for pt in (["0", "0"], ["1/3", "-1/2"], [str(Fraction(float(X[0, 0]))), str(Fraction(float(X[0, 1])))]):
            e = cli(a.relucert, "eval", path, "--at", ",".join(pt), "--json")
            got = [Fraction(v) for v in json.loads(e.stdout)["output"]] if e.returncode == 0 else None
            want = graph_ref.evaluate(ref, pt)
            if got != want:
                print("eval at %s: relucert %s, Fraction evaluator %s" % (pt, got, want), file=sys.stderr)
                ok = False
        summary["eval_equals_fraction_evaluator"] = ok
        dpath = os.path.join(a.outdir, "data.json")
        with open(dpath, "w") as f:
            json.dump({"X": [[str(Fraction(v)) for v in row] for row in X[:60].double().tolist()],
                       "y": y[:60].tolist()}, f)
        p = cli(a.relucert, "plot", path, "--box", "-1,1", "--out", os.path.join(a.outdir, "resnet.svg"),
                "--title", "ResNet demo (exact regions)", "--data", dpath, "--json")
        if p.returncode != 0:
            print("plot failed: " + p.stderr, file=sys.stderr)
            return 1
        summary["plot"] = os.path.join(a.outdir, "resnet.svg")
    summary["seconds"] = round(time.time() - t0, 1)
    summary["train_seconds"] = round(t_train, 1)
    print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
