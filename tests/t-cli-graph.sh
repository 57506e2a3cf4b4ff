#!/bin/sh
# Graphs (network format version 2, doc/FORMAT.md) end to end: the residual example equals the
# version-1 network with a shortcut written by hand (tests/data/graph/residual-hand.json: hidden
# W x + b, output (Wout V) h + Wout x + bout) in every region statistic; its output at (1, 2) is
# (8, -6, 15) by hand; a certificate of the graph's regions is verified by the independent checker
# against `relucert lower`'s file and against the graph itself (data/resnet-demo too), and rejected
# against the graph when one weight of the lowered network was changed; a max over three entries
# (a max group) is evaluated and labelled (max(1, 3, 2) = 3, ties to the lowest member), its regions,
# faces and certificate are the three cells of the cube by hand, the sublevel set's homology that of
# a cube, while boundary and arrangement refuse it naming the reason (exit 3); non-piecewise-linear
# and unknown ops fail with one line (exit 3, exit 2).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
G=${top_srcdir:-.}/data/graph-residual.json

expect 0 "$BIN" regions "$G" --box -2,2 --json
jq -S 'del(.version)' "$TMP/out" >"$TMP/graph.json"
expect 0 "$BIN" regions "$D/graph/residual-hand.json" --box -2,2 --json
jq -S 'del(.version)' "$TMP/out" >"$TMP/hand.json"
check "graph and hand-written network: same regions report" "$(cmp -s "$TMP/graph.json" "$TMP/hand.json"; echo $?)" 0
check "regions of the residual example" "$(jq .regions "$TMP/graph.json")" "$(jq .regions "$TMP/hand.json")"

expect 0 "$BIN" eval "$G" --at 1,2 --json
check "eval of the graph at (1, 2)" "$(jq -c .output "$TMP/out")" '[8,-6,15]'

expect 0 "$BIN" lower "$G" --out "$TMP/low.json"
check "lowered: one shortcut from the input" "$(jq -c '.layers[1].shortcuts[0].from' "$TMP/low.json")" '"input"'
check "lowered: the unit map" "$(jq -c '.meta.lowered_from.units' "$TMP/low.json")" '[{"node":"act1","op":"relu","first_neuron":0,"neurons":2}]'
expect 0 "$BIN" lower "$TMP/low.json" --out "$TMP/low2.json"
check "lower of a version-1 file is the same file" "$(cmp -s "$TMP/low.json" "$TMP/low2.json"; echo $?)" 0
expect 0 "$BIN" lower "$G" --out "$TMP/low3.json" --json
check "lower --json: the shape of the file it wrote" "$(jq -c '[.input_dim, .widths, .hidden_neurons, .outputs, .shortcuts]' "$TMP/out")" \
    "$(jq -c '[.input_dim, [.layers[:-1][] | .weights | length], ([.layers[:-1][] | .weights | length] | add), (.layers[-1].weights | length), ([.layers[] | has("shortcuts")] | any)]' "$TMP/low3.json")"
expect 2 "$BIN" lower "$G" --json
expect 0 "$BIN" regions "$G" --box -1,1 --quiet --certificate "$TMP/cert.json"
expect 0 "$CHECK" --quiet --box -1,1 "$TMP/cert.json" "$TMP/low.json"
# against the graph file itself: the checker's own graph evaluator proves the lowering region by region
expect 0 "$CHECK" --box -1,1 "$TMP/cert.json" "$G"
grep -q 'is a graph of 5 nodes; the network is its lowering' "$TMP/out" || fail "checked against the graph: $(head -3 "$TMP/out")"
R=${top_srcdir:-.}/data/resnet-demo/resnet.json
expect 0 "$BIN" regions "$R" --box -2,2 --quiet --certificate "$TMP/rcert.json"
expect 0 "$CHECK" --quiet --box -2,2 "$TMP/rcert.json" "$R"
# one weight of the lowered network changed (first layer, an output weight, a shortcut): its own
# certificate is genuine for the changed network and rejected against the graph
expect 0 "$BIN" lower "$R" --out "$TMP/rlow.json"
for path in '.layers[0].weights[0][0]' '.layers[2].weights[1][3]' '.layers[1].shortcuts[0].weights[1][1]'; do
    jq "$path = \"1/3\"" "$TMP/rlow.json" >"$TMP/rbad.json"
    expect 0 "$BIN" regions "$TMP/rbad.json" --box -2,2 --quiet --certificate "$TMP/rbadc.json"
    expect 0 "$CHECK" --quiet "$TMP/rbadc.json" "$TMP/rbad.json"
    expect 1 "$CHECK" --quiet "$TMP/rbadc.json" "$R"
    grep -q 'is not the lowering of the graph' "$TMP/err" || fail "tampered $path: $(cat "$TMP/err")"
done
# the unit map is read, not trusted: two units swapped, a neuron left out
jq '.network.meta.lowered_from.units |= reverse' "$TMP/rcert.json" >"$TMP/rswap.json"
expect 1 "$CHECK" --quiet "$TMP/rswap.json" "$R"
jq '.network.meta.lowered_from.units[1].neurons = 5' "$TMP/rcert.json" >"$TMP/rshort.json"
expect 1 "$CHECK" --quiet "$TMP/rshort.json" "$R"
grep -q 'piece boundaries, listed once' "$TMP/err" || fail "short unit: $(cat "$TMP/err")"
# homology and dual graph certificates of a graph, against the graph; an arrangement certificate cannot be
expect 0 "$BIN" homology "$G" --box -1,1 --sublevel 0 --output 1 --certificate "$TMP/hcert.json"
expect 0 "$CHECK" --quiet "$TMP/hcert.json" "$G"
expect 0 "$BIN" arrangement "$G" --certificate "$TMP/acert.json"
expect 1 "$CHECK" --arrangement "$TMP/acert.json" "$G"
grep -q 'cannot be checked against the graph' "$TMP/err" || fail "arrangement vs graph: $(cat "$TMP/err")"
check "the checker's evaluator at (1, 2)" "$("$CHECK" --eval "$G" 1,2)" '["8", "-6", "15"]'

M="$D/plnet/max3_region.json"
expect 0 "$BIN" eval "$M" --at 1,3,2 --json
check "max(1, 3, 2) evaluated directly" "$(jq -c .output "$TMP/out")" '[3]'
check "the pattern of max(1, 3, 2): the argmax, one-hot" "$(jq -c .pattern "$TMP/out")" '"010"'
expect 0 "$BIN" eval "$M" --at 3,3,2 --json
check "a tie: the lowest member holds the piece, the tied one is 0" "$(jq -c '[.pattern, .signs, .on_boundary]' "$TMP/out")" '["100","+0-",true]'
expect 0 "$BIN" label "$M" --grid 2 --box 0,1 --json
check "labels of the max graph" "$(jq -c '[.labels[].output[0]] | add' "$TMP/out")" '7'
# max(x1, x2, x3) on the cube: three cells {x_i >= x_j}, walls the triangles x_i = x_j >= x_k; every
# vertex a cube vertex, new edges the main diagonal and three face diagonals, three faces cut in two
expect 0 "$BIN" regions "$M" --box -1,1 --check-faces --json
check "regions of a max of three (by hand)" "$(jq -c '[.regions, .fvector, .euler, .faces_checked]' "$TMP/out")" '[3,[8,16,12,3],1,true]'
# its certificate: the three cells and their faces proved by the checker against the graph
expect 0 "$BIN" regions "$M" --box -1,1 --certificate "$TMP/c.json"
expect 0 "$CHECK" --json --box -1,1 "$TMP/c.json" "$M"
check "certificate of a max of three" "$(jq -c '[.verified, .regions, .fvector]' "$TMP/out")" '[true,3,[8,16,12,3]]'
# a graph with maxes of 3 and 4 entries: its lowered file's certificate under every single-field
# mutation (tests/tamper.py: every claim mutation rejected, evidence only with the same report)
G3="$D/graph/maxgroups2d.json"
expect 0 "$BIN" lower "$G3" --out "$TMP/g3low.json"
expect 0 "$BIN" regions "$TMP/g3low.json" --box -2,2 --quiet --certificate "$TMP/g3cert.json"
expect 0 "$CHECK" --quiet "$TMP/g3cert.json" "$G3"
if command -v python3 >/dev/null; then
    python3 "${top_srcdir:-.}/tests/tamper.py" "$CHECK" "$TMP/g3cert.json" "$TMP/g3low.json" --max 300 \
        >"$TMP/row" 2>"$TMP/err" && pass || fail "tamper max groups: $(cat "$TMP/row") $(head -3 "$TMP/err")"
fi
# {max <= 0} is the corner [-1, 0]^3, cut like the cube (a cone from (-1,-1,-1)): the same cells
expect 0 "$BIN" homology "$M" --box -1,1 --sublevel 0 --json
check "homology of {max <= 0} (a cube)" "$(jq -c '[.betti, .cells]' "$TMP/out")" '[[1,0,0,0],[8,16,12,3]]'
expect 3 "$BIN" boundary "$M" --box -1,1 --threshold 0
grep -q 'does not handle a max over more than two entries yet' "$TMP/err" || fail "boundary of a max of three: $(cat "$TMP/err")"
expect 3 "$BIN" arrangement "$M"
grep -q 'node "m": max over 3 entries' "$TMP/err" || fail "arrangement of a max of three: $(cat "$TMP/err")"
expect 3 "$BIN" eval "$D/plnet/softmax.json" --at 1,1
grep -q 'op "softmax" is not piecewise linear' "$TMP/err" || fail "softmax: $(cat "$TMP/err")"
expect 2 "$BIN" eval "$D/plnet/unknown_op.json" --at 1,1
expect 2 "$BIN" regions "$D/plnet/cycle.json" --box -1,1

echo "t-cli-graph: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
