#!/bin/sh
# sphere-fit and stats end to end: determinism (same seed, same bytes), the
# zonotope picture for convex one-layer fits (a 2k-gon with k <= U, the dual a
# 2k-gon, the duality verified), the general-position formula through stats,
# keys, and bad input (exit code and one line on stderr).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"

expect() {
    code=$1; shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -ne "$code" ]; then fail "exit $rc (expected $code): $*"; head -3 "$TMP/err"; return; fi
    if [ "$code" -ne 0 ]; then
        n=$(wc -l <"$TMP/err")
        if [ "$n" -ne 1 ]; then fail "stderr is not one line: $*"; cat "$TMP/err"; return; fi
    fi
    pass
}

# --- sphere-fit: determinism, written network = reported network
a=$("$BIN" sphere-fit --dim 2 --units 4 --layers 1 --seed 3 --epochs 300 --convex --json --out "$TMP/n1.json")
b=$("$BIN" sphere-fit --dim 2 --units 4 --layers 1 --seed 3 --epochs 300 --convex --json --out "$TMP/n2.json")
check "sphere-fit same bytes" "$a" "$b"
cmp -s "$TMP/n1.json" "$TMP/n2.json" && pass || fail "sphere-fit network file differs between runs"
c=$("$BIN" sphere-fit --dim 2 --units 4 --layers 1 --seed 4 --epochs 300 --convex --json)
[ "$a" != "$c" ] && pass || fail "different seeds give the same fit"
check "network in the output" "$(echo "$a" | jq -c .network)" "$(jq -c . "$TMP/n1.json")"
check "keys" "$(echo "$a" | jq -c '[has("loss"), has("regions"), .convex, .bounded, (.polytope | has("fvector")), (.polar | .verified), has("zonotope")]')" \
    '[true,true,true,true,true,true,true]'
# first layer bias-free after rationalisation
check "bias-free first layer" "$(jq -c '[.layers[0].biases[] | tonumber] | map(select(. != 0)) | length' "$TMP/n1.json")" 0

# --- convex one-layer fits in R^2: {N <= 1} is the polar of a zonotope with k
# generator classes (k <= U nonzero, pairwise non-parallel directions): a 2k-gon,
# self-dual type; when the duality applies, k is what the recognition found
for u in 3 5; do
    out=$("$BIN" sphere-fit --dim 2 --units $u --layers 1 --seed 2 --epochs 400 --convex --json)
    v=$(echo "$out" | jq '.polytope.fvector[0]')
    check "U=$u polygon" "$(echo "$out" | jq -c '[.polytope.fvector[0] == .polytope.fvector[1], .polar.fvector == .polytope.fvector, .polytope.type == .polar.type]')" '[true,true,true]'
    [ $((v % 2)) -eq 0 ] && [ "$v" -le $((2 * u)) ] && [ "$v" -ge 4 ] && pass || fail "U=$u: $v vertices, expected an even number <= 2U"
    if [ "$(echo "$out" | jq .zonotope.applies)" = true ]; then
        check "U=$u zonotope" "$(echo "$out" | jq '.zonotope.generators * 2')" "$v"
    fi
done
# a set that is not convex is reported as such (no polytope), not mis-typed
out=$("$BIN" sphere-fit --dim 2 --units 3 --layers 1 --seed 1 --epochs 200 --json)
if [ "$(echo "$out" | jq .convex)" = false ]; then
    check "non-convex: no polytope" "$(echo "$out" | jq -c '[.polytope, .polar, (.note | length > 0)]')" '[null,null,true]'
else pass; fi

# other activations (issue 16): leaky/abs units bias-free in one layer: N = a W x + relu terms, U lines
# through 0 cut R^2 into 2U sectors, so the polytope has an even number <= 2U of vertices; the written
# graph read again gives the same set; a smooth activation is floating point only
out=$("$BIN" sphere-fit --dim 2 --units 6 --layers 1 --seed 2 --epochs 400 --activation leaky --slope 1/4 --convex --json --out "$TMP/lk.json")
v=$(echo "$out" | jq '.polytope.fvector[0]')
[ $((v % 2)) -eq 0 ] && [ "$v" -le 12 ] && [ "$v" -ge 4 ] && pass || fail "leaky: $v vertices, expected an even number <= 12"
check "leaky: a graph with the exact slope" "$(jq -c '[.format, .nodes[1].op, .nodes[1].slope]' "$TMP/lk.json")" '["relucert-graph","leaky_relu","1/4"]'
check "leaky: the written graph's level set" "$("$BIN" levelset "$TMP/lk.json" --sublevel 1 --json | jq -c .polytope.fvector)" "$(echo "$out" | jq -c .polytope.fvector)"
out=$("$BIN" sphere-fit --dim 2 --units 4 --layers 1 --seed 1 --epochs 100 --activation sigmoid --json --plot "$TMP/s.svg")
check "smooth: floating point only" "$(echo "$out" | jq -c '[.exact, .network, .float_levelset.floating_point, has("polytope")]')" '[false,null,true,false]'
grep -q 'floating point (smooth analogue)' "$TMP/s.svg" && pass || fail "smooth: the figure does not say floating point"
expect 2 "$BIN" sphere-fit --dim 2 --units 3 --layers 1 --seed 1 --activation hardtanh --convex
expect 2 "$BIN" sphere-fit --dim 3 --units 3 --layers 1 --seed 1 --activation tanh

# --- stats: one hidden layer in general position reproduces N_d and 2 N_{d-1}/N_d
# d = 3, n = 5: N_3 = 1+5+10+10 = 26, N_2 = 5 (1+4+6) = 55, mean 110/26 = 55/13
s=$("$BIN" stats --dim 3 --widths 5 --kind gauss --seeds 0..3 --general-position --json)
check "stats formula" "$(echo "$s" | jq -c '[.formula.regions, .formula.mean_facets, .formula.matches, .family.mean_of_means, .family.range, .family.variance, (.networks | map(.regions) | unique)]')" \
    '[26,"55/13",4,"55/13","0","0",[26]]'
check "stats bound" "$(echo "$s" | jq -c '[.bound, .violations, (.networks | map(.within_bound) | all)]')" '[6,[],true]'
s2=$("$BIN" stats --dim 3 --widths 5 --kind gauss --seeds 0..3 --general-position --json)
check "stats deterministic" "$s" "$s2"
# d = 2, n = 2..4 lines in general position: regions 1 + n + C(n,2)
for n in 2 3 4; do
    s=$("$BIN" stats --dim 2 --widths $n --kind int --seeds 5..6 --general-position --json)
    check "lines n=$n" "$(echo "$s" | jq '.networks | map(.regions) | unique | .[0]')" $((1 + n + n * (n - 1) / 2))
done
# a deeper family: mean of means between min and max, histogram sums
s=$("$BIN" stats --dim 2 --widths 3,3 --kind rat --seeds 1..4 --box -1,1 --json)
check "deep family" "$(echo "$s" | jq -c '[(.family.facet_histogram | to_entries | map(.value) | add) == .family.regions, (.networks | length), has("formula")]')" '[true,4,false]'

# --- stats --networks FILE.jsonl (issue 16 item 5): the family of `random --count` read back is
# the family of --seeds (the same networks, line k = seed S + k - 1 renumbered from 1)
"$BIN" random --dim 2 --widths 3,3 --kind rat --seed 7 --count 4 --out "$TMP/fam.jsonl"
a=$("$BIN" stats --networks "$TMP/fam.jsonl" --box -1,1 --json | jq -c '[.family | del(.min_seed, .max_seed)], [.networks[] | del(.seed)], .seeds')
b=$("$BIN" stats --dim 2 --widths 3,3 --kind rat --seeds 7..10 --box -1,1 --json | jq -c '[.family | del(.min_seed, .max_seed)], [.networks[] | del(.seed)]')
check "stats --networks = --seeds" "$a" "$(printf '%s\n[1,4]' "$b")"
# residual blocks x -> c.x + v.relu(W x + b) over R^3 (one hidden layer, a shortcut from the input
# into the output; also as a format-2 graph with an add node): the regions are those of the
# n = 5 hyperplanes, so in general position N_3 = 26 regions, mean facets 55/13 (closed formula)
"$BIN" random --dim 3 --widths 5 --kind gauss --seed 0 --count 3 \
    | jq -c '.layers[1].shortcuts = [{"from": "input", "weights": [[1, "-1/2", 2]]}]' >"$TMP/res.jsonl"
head -1 "$TMP/res.jsonl" | jq -c '{format: "relucert-graph", version: 2, input: {name: "x", shape: [3]},
    nodes: [{name: "fc1", op: "dense", inputs: ["x"], weights: .layers[0].weights, biases: .layers[0].biases},
            {name: "r", op: "relu", inputs: ["fc1"]},
            {name: "fc2", op: "dense", inputs: ["r"], weights: [.layers[1].weights[0], .layers[1].weights[0], .layers[1].weights[0]], biases: [0, 0, 0]},
            {name: "res", op: "add", inputs: ["x", "fc2"]},
            {name: "out", op: "dense", inputs: ["res"], weights: [[1, 1, 1]], biases: [0]}],
    outputs: ["out"]}' >>"$TMP/res.jsonl"
s=$("$BIN" stats --networks "$TMP/res.jsonl" --json)
check "residual family formula" "$(echo "$s" | jq -c '[.kind, .formula.regions, .formula.mean_facets, .formula.matches, (.networks | map(.regions) | unique), .seeds]')" \
    '["file",26,"55/13",4,[26],[1,4]]'
# refused: other widths on line 2, a bad line (named), no network, options of the random family
"$BIN" random --dim 2 --widths 3 --kind rat --seed 1 >"$TMP/mix.jsonl"
"$BIN" random --dim 2 --widths 4 --kind rat --seed 1 >>"$TMP/mix.jsonl"
expect 2 "$BIN" stats --networks "$TMP/mix.jsonl"
grep -q "mix.jsonl:2: the hidden widths differ" "$TMP/err" && pass || fail "widths: $(cat "$TMP/err")"
{ head -1 "$TMP/mix.jsonl"; echo; echo '{"input_dim": 2, "layers": []}'; } >"$TMP/bad.jsonl"
expect 2 "$BIN" stats --networks "$TMP/bad.jsonl"
grep -q "bad.jsonl:3" "$TMP/err" && pass || fail "bad line not named: $(cat "$TMP/err")"
printf '\n\n' >"$TMP/empty.jsonl"
expect 2 "$BIN" stats --networks "$TMP/empty.jsonl"
expect 2 "$BIN" stats --networks "$TMP/mix.jsonl" --dim 2
expect 2 "$BIN" stats --networks "$TMP/missing.jsonl"

# --- bad input
expect 2 "$BIN" sphere-fit --dim 2 --units 3 --layers 1
expect 2 "$BIN" sphere-fit --dim 0 --units 3 --layers 1 --seed 1
expect 2 "$BIN" sphere-fit --dim 2 --units 3 --layers 1 --seed 1 --threshold x
expect 2 "$BIN" stats --dim 2 --widths 3 --kind int --seeds 4..2
expect 2 "$BIN" stats --dim 2 --widths 3,0 --kind int --seeds 1
expect 2 "$BIN" stats --dim 2 --widths 3 --kind nope --seeds 1
expect 2 "$BIN" stats --dim 2 --widths 3,3 --kind int --seeds 1 --general-position
expect 2 "$BIN" stats --dim 2 --widths 3 --kind int --seeds 1 --box 1,0
expect 0 "$BIN" stats --help
expect 0 "$BIN" sphere-fit --help

echo "t-cli-experiments: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
