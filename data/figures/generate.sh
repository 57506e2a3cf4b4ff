#!/usr/bin/env bash
# Regenerates every figure in data/figures/ (make figures); identical bytes on every run.
# Region maps, graphs and the Fiedler figure: relucert plot (cairo; DejaVu Sans from
# fonts-dejavu-core). Histograms, barcodes and polytopes: gallery.py (Debian's python3-matplotlib)
# from relucert's exact JSON.
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../../src/relucert}
PY=${PYTHON:-/usr/bin/python3}
NETS=../topology/nets
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the boundary classes k = 0, 1, 2 of width-2 networks in the plane
for k in 0 1 2; do
    "$BIN" plot class-k$k.json --box -2,2 --out class-k$k.svg --size 300 --title "boundary class k = $k"
    "$BIN" plot class-k$k.json --box -2,2 --out class-k$k.png --size 300 --title "boundary class k = $k"
done
"$BIN" plot ../default.json --box -1,1 --out default-pattern.png --title "regions and decision boundary"
"$BIN" plot ../default.json --box -1,1 --out default-value.png --color value --title "output value (exact range)"
"$BIN" plot ../default.json --box -1,1 --out default.tex --color value --size 300 --title "output value"
"$BIN" plot ../../tests/data/sage/case005.json --box -1,1 --out ring-fiedler.png --color fiedler --title "Fiedler partition"
"$BIN" plot ../../tests/data/sage/case005.json --box -1,1 --out ring-fiedler.pdf --color fiedler --title "Fiedler partition"
# region maps through training: the checkpoints of each toy classifier side by side
for n in xor moons circles spirals; do
    "$BIN" plot $NETS/$n-epoch0.json $NETS/$n-epoch100.json $NETS/$n-epoch500.json $NETS/$n-epoch2000.json \
        --box -2,2 --size 240 --out training-$n.png --title "$n: regions through training (epochs 0, 100, 500, 2000)"
done
"$BIN" plot $NETS/moons-epoch0.json $NETS/moons-epoch100.json $NETS/moons-epoch500.json $NETS/moons-epoch2000.json \
    --box -2,2 --size 240 --out training-moons.pdf --title "moons: regions through training (epochs 0, 100, 500, 2000)"
# Fiedler partition of the dual graph against the decision boundary of a trained classifier
"$BIN" plot $NETS/moons-epoch2000.json --box -2,2 --color fiedler --out fiedler-moons.png --size 400 \
    --title "moons, epoch 2000: Fiedler partition and decision boundary"
# a 1D network: the lasso fit of the hat data set, exact breakpoints, with its data
"$BIN" plot ../wedge/nets/hat1d-lambda10.json --box 0,9 --data ../wedge/hat1d.json --out hat1d.png --size 400 \
    --title "exact lasso fit (lambda = 10) of the hat data"
"$BIN" plot ../wedge/nets/scatter2d-interpolate.json --box -2,2 --data ../wedge/scatter2d.json --color value \
    --out scatter2d.png --size 400 --title "minimum-l1 interpolation of scatter2d"
# face histograms (relucert stats --json)
"$BIN" stats --dim 2 --widths 8,8 --kind gauss --seeds 1..20 --json > "$TMP/stats2.json"
"$PY" gallery.py hist "$TMP/stats2.json" "facets per region: 20 networks 2-8-8-1 over R^2" faces-d2.svg faces-d2.png
"$BIN" stats --dim 3 --widths 8,8 --kind gauss --seeds 1..5 --json > "$TMP/stats3.json"
"$PY" gallery.py hist "$TMP/stats3.json" "facets per region: 5 networks 3-8-8-1 over R^3" faces-d3.svg faces-d3.png
# persistence barcode of a trained classifier's output (relucert persistence --json)
"$BIN" persistence $NETS/circles-epoch2000.json --box -2,2 --json > "$TMP/pers.json"
"$PY" gallery.py barcode "$TMP/pers.json" "circles, epoch 2000: sublevel persistence on [-2,2]^2" barcode-circles.svg barcode-circles.png
# a neural polytope {N <= 1} (sphere-fit, convex training) and its polar dual
"$BIN" sphere-fit --dim 2 --units 8 --layers 1 --seed 1 --convex --out "$TMP/sphere.json" > /dev/null
"$BIN" levelset "$TMP/sphere.json" --sublevel 1 --json | jq -c '{vertices: .polytope.vertices}' > "$TMP/P.json"
"$BIN" polar "$TMP/P.json" --json | jq -c '{vertices}' > "$TMP/Q.json"
"$PY" gallery.py polar "$TMP/P.json" "$TMP/Q.json" "neural polytope (sphere-fit D=2, 8 units, convex) and its polar" \
    polytope-d2.svg polytope-d2.png
"$BIN" plot "$TMP/sphere.json" --box -3/2,3/2 --color value --threshold 1 --out polytope-d2-net.png --size 400 \
    --title "the network N: regions, value, and {N = 1}"
echo "wrote data/figures"
