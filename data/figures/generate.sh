#!/usr/bin/env bash
# Regenerates every figure in data/figures/ (make figures); identical bytes on every run.
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../../src/relucert}
for k in 0 1 2; do
    "$BIN" plot class-k$k.json --box -2,2 --out class-k$k.svg --size 300
    "$BIN" plot class-k$k.json --box -2,2 --out class-k$k.png --size 300
done
"$BIN" plot ../default.json --box -1,1 --out default-pattern.png
"$BIN" plot ../default.json --box -1,1 --out default-value.png --color value
"$BIN" plot ../../tests/data/sage/case005.json --box -1,1 --out ring-fiedler.png --color fiedler
"$BIN" plot ../../tests/data/sage/case005.json --box -1,1 --out ring-fiedler.pdf --color fiedler
echo "wrote data/figures"
