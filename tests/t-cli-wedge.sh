#!/bin/sh
# relucert train-convex end to end (issue 7): the 1D data set whose optimal
# network is known by hand (the single ramp (x - 1)+), the written network
# evaluated back through `relucert eval` at every sample, the lasso's
# certificate and file check, the float reference, determinism, and bad input
# (ragged X, n < d, duplicate points, lambda <= 0, y outside the span): each
# exits with the documented code and one line on stderr, never a crash.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"

jqis() {
    got=$(jq -c "$1" "$TMP/out")
    [ "$got" = "$2" ] && pass || fail "$1 = $got, expected $2 ($(head -c 200 "$TMP/out"))"
}

echo '{"X": [[0],[1],[2],[3]], "y": [0,0,1,2]}' >"$TMP/ramp.json"
expect 0 "$BIN" train-convex "$TMP/ramp.json" --bias --interpolate --json --out "$TMP/net.json"
for k in objective support network certified dual file_check neurons; do jqis "has(\"$k\")" true; done
jqis .objective 1
jqis .loss 0
jqis '.support | length' 1
jqis '.neurons[0].subset' '[1]'
jqis '.neurons[0].sign' 1
jqis '.neurons[0].coefficient' 1
jqis .certified true
jqis .file_check.agrees true
jqis .network.layers '[{"weights":[[1]],"biases":[-1]},{"weights":[[1]],"biases":[0]}]'
# the written file, evaluated independently at the samples, interpolates y
i=0
for x in 0 1 2 3; do
    y=$(jq -c ".y[$i]" "$TMP/ramp.json")
    got=$("$BIN" eval "$TMP/net.json" --at "$x" --json | jq -c '.output[0]')
    check "f($x)" "$got" "$y"
    i=$((i + 1))
done

# lasso: certified, the file check agrees, the path starts at lambda_max = ||A^T y||_inf
expect 0 "$BIN" train-convex "$TMP/ramp.json" --bias --lambda 1/10 --json --out "$TMP/lnet.json" --float-reference
jqis .mode '"lasso"'
jqis .certified true
jqis .file_check.agrees true
jqis '.file_check.objective == .objective' true
jqis '.path.points[0].lambda == .lambda_max' true
jqis '.float_reference | has("gap")' true
jqis '.float_reference.gap | tostring | startswith("-")' false
cp "$TMP/out" "$TMP/run1"
"$BIN" train-convex "$TMP/ramp.json" --bias --lambda 1/10 --json --out "$TMP/lnet.json" --float-reference >"$TMP/run2"
cmp -s "$TMP/run1" "$TMP/run2" && pass || fail "two runs differ"
# lambda above lambda_max: the zero network (affine f = 0)
expect 0 "$BIN" train-convex "$TMP/ramp.json" --bias --lambda 1000 --json
jqis .support '[]'
jqis '.network.layers | length' 1
# the full path to 0 ends at the minimum-l1 interpolant
expect 0 "$BIN" train-convex "$TMP/ramp.json" --bias --lambda 1/1000 --full-path --json
jqis '.path.points[-1].lambda' 0
jqis .path.complete true
expect 0 "$BIN" train-convex "$TMP/ramp.json" --bias --lambda 1/1000

# y = (x-1)+ - 2(x-3)+ + (x-5)+ at x = 0..6: minimum l1 norm 4, three ramps at samples 1, 3, 5
# with coefficients 1, -2, 1 (either orientation of the ramps is optimal)
cat >"$TMP/ramps.json" <<'JSON'
{"X": [[0],[1],[2],[3],[4],[5],[6]], "y": [0,0,1,2,1,0,0]}
JSON
expect 0 "$BIN" train-convex "$TMP/ramps.json" --bias --interpolate --json
jqis .objective 4
jqis '[.neurons[].subset[0]]' '[1,3,5]'
jqis '[.neurons[].coefficient]' '[1,-2,1]'
# lasso on it: the uniqueness flag is honest (the ramp dictionary has dependent columns)
expect 0 "$BIN" train-convex "$TMP/ramps.json" --bias --lambda 1/100 --json
jqis .certified true
jqis 'has("unique")' true

# a step limit below the requested lambda: exit 4 (partial), one line
expect 4 "$BIN" train-convex "$TMP/ramps.json" --bias --lambda 1/100 --max-steps 2
grep -q "max-steps" "$TMP/err" && pass || fail "limit: $(cat "$TMP/err")"

# bad input
echo '{"X": [[0,1],[1]], "y": [0,1]}' >"$TMP/ragged.json"
expect 2 "$BIN" train-convex "$TMP/ragged.json" --interpolate
grep -q "row 2" "$TMP/err" && pass || fail "ragged: $(cat "$TMP/err")"
echo '{"X": [[0,1,2],[1,0,2]], "y": [0,1]}' >"$TMP/few.json"
expect 2 "$BIN" train-convex "$TMP/few.json" --bias --lambda 1
grep -q "n >= d" "$TMP/err" && pass || fail "n < d: $(cat "$TMP/err")"
echo '{"X": [[0],[1],[0]], "y": [0,1,2]}' >"$TMP/dup.json"
expect 2 "$BIN" train-convex "$TMP/dup.json" --bias --interpolate
grep -q "same point" "$TMP/err" && pass || fail "duplicates: $(cat "$TMP/err")"
expect 2 "$BIN" train-convex "$TMP/ramp.json" --lambda 0
expect 2 "$BIN" train-convex "$TMP/ramp.json" --lambda -1/2
expect 2 "$BIN" train-convex "$TMP/ramp.json" --lambda abc
expect 2 "$BIN" train-convex "$TMP/ramp.json" --lambda 1 --interpolate
expect 2 "$BIN" train-convex "$TMP/ramp.json"
expect 2 "$BIN" train-convex "$TMP/ramp.json" --interpolate --float-reference
expect 2 "$BIN" train-convex "$TMP/missing.json" --interpolate
expect 2 "$BIN" train-convex "$TMP/ramp.json" --lambda 1 --max-steps 0
# without bias in 1D the dictionary is relu(x), relu(-x): y is outside its span
expect 2 "$BIN" train-convex "$TMP/ramp.json" --interpolate
grep -q "not in the span" "$TMP/err" && pass || fail "infeasible: $(cat "$TMP/err")"
echo '{"X": [[0],[1]], "y": [0, "1/0"]}' >"$TMP/zden.json"
expect 2 "$BIN" train-convex "$TMP/zden.json" --interpolate
expect 0 "$BIN" train-convex --help

echo "t-cli-wedge: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
