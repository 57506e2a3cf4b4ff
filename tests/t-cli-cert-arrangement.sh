#!/bin/sh
# Arrangement certificates (relucert arrangement --certificate) verified by
# relucert-check --arrangement, and tampered ones rejected with one line.
set -u
BIN=${RELUCERT:-src/relucert}
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { ok=$((ok + 1)); }
command -v jq >/dev/null || { echo "FAIL: jq is needed (apt-get install jq)"; exit 1; }

# --- classical arrangements: the checker's chi and regions are the closed formulas
for spec in "braid 4 24" "shi 4 125" "catalan 3 30" "catalan 4 336" "semiorder 3 19" "linial 3 7" "coordinate 3 8"; do
    set -- $spec
    "$BIN" random --dim "$2" --kind "$1" --seed 1 > "$TMP/n.json" || { fail "random $1"; continue; }
    "$BIN" arrangement "$TMP/n.json" --certificate "$TMP/a.json" > /dev/null || { fail "arrangement $1 $2"; continue; }
    "$CHECK" --arrangement "$TMP/a.json" "$TMP/n.json" > "$TMP/out" 2> "$TMP/err" || { fail "check $1 $2: $(cat "$TMP/err")"; continue; }
    grep -q "|chi(-1)| = $3 " "$TMP/out" && pass || fail "$1 $2: checker does not report $3 regions"
done
# --- random and degenerate networks (zero, repeated, opposite neurons)
for kind in gauss int degenerate; do
    for d in 2 3 4; do
        for seed in 1 2; do
            "$BIN" random --dim $d --widths $((2 * d)) --kind $kind --seed $seed > "$TMP/n.json"
            "$BIN" arrangement "$TMP/n.json" --json --certificate "$TMP/a.json" > "$TMP/s.json" \
                && "$CHECK" --quiet --arrangement "$TMP/a.json" "$TMP/n.json" 2> "$TMP/err" \
                && [ "$(jq .regions "$TMP/a.json")" = "$(jq .regions "$TMP/s.json")" ] && pass \
                || fail "$kind d=$d seed=$seed: $(cat "$TMP/err")"
        done
    done
done
# --- the option changes nothing else; deeper networks are refused, no file left
"$BIN" random --dim 3 --kind catalan --seed 1 > "$TMP/c.json"
"$BIN" arrangement "$TMP/c.json" --json > "$TMP/x.json"
"$BIN" arrangement "$TMP/c.json" --json --certificate "$TMP/good.json" > "$TMP/y.json"
cmp -s "$TMP/x.json" "$TMP/y.json" && pass || fail "--certificate changes the output"
"$BIN" random --dim 2 --widths 3,2 --kind int --seed 1 > "$TMP/deep.json"
"$BIN" arrangement "$TMP/deep.json" --certificate "$TMP/deep-cert.json" > /dev/null 2> "$TMP/err"
[ $? -ne 0 ] && [ ! -e "$TMP/deep-cert.json" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && pass || fail "deep network"
"$BIN" arrangement "$TMP/c.json" --certificate "$TMP/no/dir/a.json" > /dev/null 2> "$TMP/err"
[ $? -ne 0 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && pass || fail "unwritable certificate"

# --- tampering: each must be rejected, one line on stderr, exit 1
tamper() {   # tamper NAME JQ-FILTER EXPECTED-TEXT
    jq "$2" "$TMP/good.json" > "$TMP/bad.json" || { fail "jq $1"; return; }
    "$CHECK" --arrangement "$TMP/bad.json" "$TMP/c.json" > /dev/null 2> "$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "$3" "$TMP/err" && pass \
        || fail "tampered ($1): exit $rc, $(cat "$TMP/err")"
}
tamper "flat removed" 'del(.flats[-1])' "not listed"
tamper "point moved" '.flats[3].point[0] = ((.flats[3].point[0] | tostring | tonumber) + 1)' "flat 3"
tamper "hyperplane dropped from a flat" '.flats[-1].hyperplanes |= .[1:]' "flat"
tamper "chi coefficient" '.characteristic_polynomial[1] += 1' "characteristic_polynomial"
tamper "regions" '.regions += 1' "regions"
tamper "hyperplane removed" 'del(.hyperplanes[0])' "hyperplane"
tamper "hyperplane repeated" '.hyperplanes += [.hyperplanes[0] | map(. * 2)]' "same hyperplane"
tamper "flat repeated" '.flats += [.flats[1]]' "same flat"
tamper "R^n missing" 'del(.flats[0])' "R^n"
tamper "network weight" '.network.layers[0].weights[0][0] = 7' "differs"
"$BIN" regions "$TMP/c.json" --whole --quiet --certificate "$TMP/r.json" > /dev/null
"$CHECK" --arrangement "$TMP/r.json" "$TMP/c.json" > /dev/null 2> "$TMP/err"
[ $? -eq 1 ] && grep -q "not an arrangement certificate" "$TMP/err" && pass || fail "regions certificate accepted as arrangement"
"$CHECK" --arrangement --whole "$TMP/good.json" "$TMP/c.json" > /dev/null 2>&1
[ $? -eq 2 ] && pass || fail "--arrangement --whole is a usage error"

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
