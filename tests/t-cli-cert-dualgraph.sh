#!/bin/sh
# Dual graph certificates (relucert dualgraph --certificate) verified by the
# independent checker relucert-check: the Fiedler value it proves is the one
# relucert prints (the sparse path's), tampered certificates are rejected with
# one line, and the checker's graph is the one of the JSON.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

# certify NET ARGS...: verified; nodes, edges, fiedler_value, partition as printed
certify() {
    net=$1; shift
    "$BIN" dualgraph "$net" "$@" --json --certificate "$TMP/c.json" >"$TMP/s.json" \
        || { fail "dualgraph $net $* --certificate"; return; }
    "$CHECK" "$TMP/c.json" "$net" >"$TMP/out" 2>"$TMP/err" || { fail "check $net $*: $(cat "$TMP/err")"; return; }
    lo=$(jq -r '.fiedler_value[0]' "$TMP/s.json"); hi=$(jq -r '.fiedler_value[1]' "$TMP/s.json")
    grep -q "lambda_2 of its Laplacian L = D - A in \[$lo, $hi\]" "$TMP/out" && pass \
        || fail "$net $*: checker does not prove [$lo, $hi]: $(cat "$TMP/out")"
    check "$net $* graph" "$(jq -c '[.nodes, .edges, .partition]' "$TMP/c.json")" \
        "$(jq -c '[.nodes, .edges, .partition]' "$TMP/s.json")"
}

cat >"$TMP/net.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,1],[1,-1],[2,1]], "biases": [0,"1/2",-1]}, {"weights": [[1,-1,1]], "biases": [0]}]}
JSON
certify "$TMP/net.json" --box -1,1
grep -q "lambda_2 is simple" "$TMP/out" && pass || fail "net: not proved simple"
certify "$D/sage/case005.json" --box -1,1
"$BIN" random --dim 2 --widths 12 --kind gauss --seed 7 --out "$TMP/g12.json"
certify "$TMP/g12.json" --whole
cp "$TMP/c.json" "$TMP/good.json"
# --box and --whole are required of the complex's domain
expect 1 "$CHECK" "$TMP/good.json" "$TMP/g12.json" --box -1,1
expect 0 "$CHECK" "$TMP/good.json" "$TMP/g12.json" --whole

# tamper: mutate FILTER, expect rejection naming WHAT
tamper() {
    what=$1; filter=$2
    jq -c "$filter" "$TMP/good.json" >"$TMP/bad.json"
    expect 1 "$CHECK" "$TMP/bad.json" "$TMP/g12.json"
    grep -q "$what" "$TMP/err" && pass || fail "tamper '$filter': $(cat "$TMP/err")"
}
tamper "fiedler_value must be" '.fiedler_value[0] = "0.00000000000000000001"'
tamper "fiedler_value must be" '.fiedler_value[1] = "9.00000000000000000000"'
# without sigma_hi only [sigma_lo, rho] is proved, and not simplicity: with the weaker bounds
# stated, the claims "simple" and the signs are rejected
tamper "fiedler_value must be" 'del(.inertia[1])'
weak=$(sed 's/.*must be \(\[[^]]*\]\).*/\1/' "$TMP/err")
tamper "fiedler_simple must be false" "del(.inertia[1]) | .fiedler_value = $weak"
tamper "partition\[" "del(.inertia[1]) | .fiedler_value = $weak | .fiedler_simple = false"
jq -c "del(.inertia[1]) | .fiedler_value = $weak | .fiedler_simple = false | .partition |= map(\"?\")" \
    "$TMP/good.json" >"$TMP/weak.json"
expect 0 "$CHECK" "$TMP/weak.json" "$TMP/g12.json"
grep -q "not proved: that lambda_2 is simple" "$TMP/out" && pass || fail "weak certificate: $(cat "$TMP/out")"
tamper "sum to 0" '.vector[0] = (.vector[0] | tonumber + 1 | tostring)'
tamper "not diagonally dominant" '.inertia[0].D[3] = -(.inertia[0].D[3])'
tamper "not diagonally dominant" '.inertia[1].sigma = "1"'
tamper "negative" '.inertia[0].negative = 0'
tamper "appears twice" '.order[1] = .order[0]'
tamper "nodes and edges" '.edges = .edges + 1'
tamper "partition\[" '.partition[0] = (if .partition[0] == "+" then "-" else "+" end)'
tamper "rows must increase" '.inertia[0].L |= map(if length >= 4 then .[2:4] + .[0:2] + .[4:] else . end)'
# a regions certificate of another network is not this graph's
"$BIN" random --dim 2 --widths 12 --kind gauss --seed 8 --out "$TMP/g12b.json"
expect 1 "$CHECK" "$TMP/good.json" "$TMP/g12b.json"
# the weighted Laplacian is not certified (exit 3, one line)
expect 3 "$BIN" dualgraph "$TMP/net.json" --box -1,1 --weighted --certificate "$TMP/w.json"
# two regions: the sparse path does not run, no certificate (exit 3)
cat >"$TMP/one.json" <<'JSON'
{"input_dim": 1, "layers": [{"weights": [[1]], "biases": [0]}, {"weights": [[1]], "biases": [0]}]}
JSON
expect 3 "$BIN" dualgraph "$TMP/one.json" --box -1,1 --certificate "$TMP/w.json"

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
