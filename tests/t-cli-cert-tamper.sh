#!/bin/sh
# The tamper generator (tests/tamper.py) on a genuine certificate of each kind:
# every single-field mutation is rejected or leaves the checker's report (its
# claim) unchanged, and every value-preserving rewrite is accepted.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
TAMPER="python3 ${top_srcdir:-.}/tests/tamper.py"
# mutations per kind: all of the small ones; an even spread of the larger (at least 600; RELUCERT_TEST_MULTIPLIER raises it)
MAX=$(awk -v m="${RELUCERT_TEST_MULTIPLIER:-1}" 'BEGIN { v = int(600 * m); print (v < 600 ? 600 : v) }')

cat >"$TMP/net.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,1],[1,-1],[2,1]], "biases": [0,"1/2",-1]}, {"weights": [[1,-1,1]], "biases": [0]}]}
JSON
cat >"$TMP/net2.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,1],[1,-1]], "biases": [0,"1/2"]}, {"weights": [[1,-1]], "biases": ["1/3"]}]}
JSON
"$BIN" regions "$TMP/net.json" --box -1,1 --quiet --certificate "$TMP/regions.json" >/dev/null || fail regions
"$BIN" regions "$TMP/net.json" --whole --quiet --certificate "$TMP/regions-whole.json" >/dev/null || fail regions
"$BIN" homology "$TMP/net.json" --box -1,1 --superlevel 0 --certificate "$TMP/homology.json" >/dev/null || fail homology
"$BIN" arrangement "$TMP/net.json" --certificate "$TMP/arrangement.json" >/dev/null || fail arrangement
"$BIN" boundary "$TMP/net2.json" --certificate "$TMP/boundary.json" >/dev/null || fail boundary
# issue 17b: a --near regions certificate ("partial": true). Its regions here are all of them,
# so that every domain row is some region's facet: in a truly partial one a domain row that no
# listed region touches may be moved (the regions are then regions of that domain too, a true
# claim, so the checker accepts it and prints the domain it verified)
"$BIN" regions "$TMP/net.json" --box -1,1 --quiet --near 1/7,1/5 --certificate "$TMP/partial.json" >/dev/null \
    && [ -s "$TMP/partial.json" ] && pass || fail "partial certificate"
"$BIN" dualgraph "$TMP/net.json" --box -1,1 --quiet --certificate "$TMP/dualgraph.json" >/dev/null || fail dualgraph

tamper() {   # tamper CERT NET [flags]: no mutation changes the claim, every rewrite accepted
    c=$1; net=$2; shift 2
    $TAMPER "$CHECK" "$c" "$net" --max "$MAX" "$@" >"$TMP/row" 2>"$TMP/err" && pass \
        || fail "tamper $(basename "$c"): $(cat "$TMP/row") $(head -5 "$TMP/err")"
    cat "$TMP/row"
    # the table row: tried = rejected + claim-preserving, and most are rejected
    awk -F"|" '{ if ($3 != $4 || $5 != $6 + $7 || $8 != $9 || $3 < 100) exit 1 }' "$TMP/row" \
        && pass || fail "tamper $(basename "$c"): row $(cat "$TMP/row")"
}
tamper "$TMP/regions.json" "$TMP/net.json"
tamper "$TMP/regions-whole.json" "$TMP/net.json"
tamper "$TMP/homology.json" "$TMP/net.json"
tamper "$TMP/arrangement.json" "$TMP/net.json" --arrangement
tamper "$TMP/boundary.json" "$TMP/net2.json"
tamper "$TMP/partial.json" "$TMP/net.json" --kind "regions (partial, --near)"
tamper "$TMP/dualgraph.json" "$TMP/net.json"

# the generator itself can fail: a "checker" that accepts everything with the genuine report
"$CHECK" "$TMP/regions.json" "$TMP/net.json" >"$TMP/report"
cat >"$TMP/yes.sh" <<EOF2
#!/bin/sh
sed "s|$TMP/regions.json|\$1|" "$TMP/report"
EOF2
chmod +x "$TMP/yes.sh"
sed "s|$TMP/regions.json|X|" "$TMP/report" >/dev/null
$TAMPER "$TMP/yes.sh" "$TMP/regions.json" "$TMP/net.json" --max 50 >"$TMP/row" 2>/dev/null
[ $? -eq 0 ] && fail "an accept-all checker passes the tamper test" || pass

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
