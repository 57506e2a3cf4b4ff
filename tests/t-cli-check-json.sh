#!/bin/sh
# relucert-check --json and the certificate's kind read from the certificate (issue 21):
# every kind the library writes (regions, a partial --near exploration, homology, dual graph,
# arrangement, boundary class) is verified without a kind option; the JSON report is one
# object, its counts are the ones `relucert regions --json` states (the checker proves them
# from the certificate, so a disagreement is a bug in one of them), a tampered certificate
# gives "verified": false with the error that stderr shows, exit 1.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
N=$D/sage/case005.json

# verify KIND CERT NET: detected, verified, one JSON object; the text report says the same
verify() {
    "$CHECK" --json "$2" "$3" >"$TMP/j.json" 2>"$TMP/err" || { fail "$1: --json exit $?: $(cat "$TMP/err")"; return; }
    [ -s "$TMP/err" ] && fail "$1: --json wrote on stderr: $(cat "$TMP/err")"
    check "$1: one JSON object" "$(jq -s 'length' "$TMP/j.json")" 1
    check "$1: verified" "$(jq -c '[.verified, .kind]' "$TMP/j.json")" "[true,\"$1\"]"
    check "$1: paths" "$(jq -r '.certificate + " " + .network' "$TMP/j.json")" "$2 $3"
    "$CHECK" "$2" "$3" >"$TMP/text" 2>"$TMP/err" && grep -q "verified" "$TMP/text" && pass \
        || fail "$1: text report without a kind option: $(cat "$TMP/err")"
}

"$BIN" regions "$N" --box -1,1 --json --certificate "$TMP/r.cert" >"$TMP/r.json" || fail "regions --certificate"
verify regions "$TMP/r.cert" "$N"
check "regions: counts as stated" \
    "$(jq -c '[.partial, .regions, .fvector, .euler, .bounded_regions, .relatively_bounded_regions, .interior_regions]' "$TMP/j.json")" \
    "$(jq -c '[false, .regions, .fvector, .euler, .bounded_regions, .relatively_bounded_regions, .interior_regions]' "$TMP/r.json")"
"$BIN" regions "$N" --whole --certificate "$TMP/w.cert" >/dev/null || fail "regions --whole --certificate"
verify regions "$TMP/w.cert" "$N"
check "regions over R^n" "$(jq .euler "$TMP/j.json")" 1
"$BIN" regions "$D/sage/case002.json" --box -1,1 --near 1/7,1/5 --max-regions 3 --certificate "$TMP/n.cert" >/dev/null 2>&1
check "near: exit 4" $? 4
verify regions "$TMP/n.cert" "$D/sage/case002.json"
check "near: partial, 3 regions" "$(jq -c '[.partial, .regions]' "$TMP/j.json")" "[true,3]"

"$BIN" homology "$N" --box -1,1 --sublevel 0 --certificate "$TMP/h.cert" >/dev/null || fail "homology --certificate"
verify homology "$TMP/h.cert" "$N"
"$BIN" dualgraph "$N" --box -1,1 --certificate "$TMP/g.cert" >/dev/null || fail "dualgraph --certificate"
verify dualgraph "$TMP/g.cert" "$N"
"$BIN" arrangement "$N" --certificate "$TMP/a.cert" >/dev/null || fail "arrangement --certificate"
verify arrangement "$TMP/a.cert" "$N"
expect 0 "$CHECK" --quiet --arrangement "$TMP/a.cert" "$N"         # the option still insists
expect 1 "$CHECK" --arrangement "$TMP/r.cert" "$N"                 # ... and refuses another kind
cat >"$TMP/k1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, -1]], "biases": [-1]}]}
JSON
"$BIN" boundary "$TMP/k1.json" --certificate "$TMP/b.cert" >/dev/null || fail "boundary --certificate"
verify boundary-class "$TMP/b.cert" "$TMP/k1.json"

# failures: the JSON says so, with stderr's message; exit 1
jq -c '.counts.regions += 1' "$TMP/r.cert" >"$TMP/bad.cert"
"$CHECK" --json "$TMP/bad.cert" "$N" >"$TMP/j.json" 2>"$TMP/err"; check "tampered: exit 1" $? 1
check "tampered: not verified" "$(jq -c '[.verified, .kind]' "$TMP/j.json")" '[false,"regions"]'
check "tampered: the error is stderr's" "relucert-check: $(jq -r .error "$TMP/j.json")" "$(cat "$TMP/err")"
"$CHECK" --json "$TMP/a.cert" "$D/sage/case002.json" >"$TMP/j.json" 2>/dev/null; check "other network: exit 1" $? 1
check "other network: not verified" "$(jq -c '[.verified, .kind]' "$TMP/j.json")" '[false,"arrangement"]'
printf '{"certificate": "regions"' >"$TMP/trunc.cert"
"$CHECK" --json "$TMP/trunc.cert" "$N" >"$TMP/j.json" 2>/dev/null; check "unreadable: exit 1" $? 1
check "unreadable: kind unknown" "$(jq -c '[.verified, .kind]' "$TMP/j.json")" '[false,null]'
expect 2 "$CHECK" --json --eval "$N" 1,2
# the man page carries the examples
"$CHECK" --help | grep -q '^examples:$' && pass || fail "relucert-check --help has no examples:"
echo "check-json: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
