#!/bin/sh
# relucert decision and plot --color class end to end: closed answers for hand-made
# classifiers (three cones; diamond rings |x|_1 < 1/2 < ... < 3/4: a disk, an annulus and
# the square minus a diamond), labels from format 2 `classes`, the piece count against
# the plot's, the boundary edges drawn against the boundary f-vector, determinism, and bad
# input (the documented exit code and one line on stderr).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
S=${top_srcdir:-.}
DD="$D/decision"

jqis() {
    got=$(jq -c "$1" "$TMP/out")
    [ "$got" = "$2" ] && pass || fail "$1 = $got, expected $2"
}

# diamond rings in the square: b(inner) = 1 0 0, b(ring) = b(outer) = 1 1 0
expect 0 "$BIN" decision "$DD/rings.json" --box -1,1 --json
jqis '[.per_class[].label]' '["inner","ring","outer"]'
jqis '[.per_class[].closure.betti]' '[[1,0,0],[1,1,0],[1,1,0]]'
jqis '[.per_class[].components]' '[1,1,1]'
jqis '.boundary' '{"fvector":[8,8],"euler":0,"empty":false}'
jqis '.tie_rule' '"lowest index"'
jqis '.regions' 4
jqis '.pieces' 12
cp "$TMP/out" "$TMP/rings.json"
# over R^2 (the default): reduced homology of X+; the outer class compactifies to a disk
expect 0 "$BIN" decision "$DD/rings.json" --json
jqis '[.per_class[].closure.betti]' '[[1,0,0],[1,1,0],[0,0,0]]'
jqis '[.per_class[].bounded]' '[true,true,false]'
jqis '.compactified' true
# f = (x, y, -x-y): three convex cones, the boundary a vertex and three rays
expect 0 "$BIN" decision "$DD/cones.json" --whole --json
jqis '.boundary.fvector' '[1,3]'
jqis '[.per_class[] | [.pieces, .components, .bounded_components]]' '[[1,1,0],[1,1,0],[1,1,0]]'
jqis '.adjacent_pairs' '{"same_class":0,"different_class":3}'
# --list: every piece with its inequalities, vertices, interior point and neighbours
expect 0 "$BIN" decision "$DD/cones.json" --box -1,1 --json --list
jqis '.piece_list | length' 3
jqis '[.piece_list[] | .across | map(select(. != null)) | length]' '[2,2,2]'
jqis '.piece_list[0].inequalities.sources' '["domain 1","domain 2","class 1","class 2"]'
expect 0 "$BIN" decision "$DD/classifier.json" --box -1,1 --list
[ "$(grep -c '^piece ' "$TMP/out")" = "$("$BIN" decision "$DD/classifier.json" --box -1,1 --json | jq .pieces)" ] \
    && pass || fail "text --list: one line per piece"
grep -q '^class 0 (cat): ' "$TMP/out" && pass || fail "text: class labels"
# same input, same bytes
"$BIN" decision "$DD/rings.json" --box -1,1 --json >"$TMP/again"
cmp -s "$TMP/rings.json" "$TMP/again" && pass || fail "decision is not deterministic"

# plot --color class: the same pieces, one black line per boundary edge (plus the legend's)
expect 0 "$BIN" plot "$DD/rings.json" --box -1,1 --color class --out "$TMP/r.svg" --json
jqis '.pieces' '[12]'
jqis '.regions' '[4]'
jqis '[.texts[] | select(. == "inner" or . == "ring" or . == "outer" or . == "decision boundary")]' \
     '["inner","ring","outer","decision boundary"]'
check "boundary edges drawn" "$(grep -c 'stroke="#000000" stroke-width="2.50"' "$TMP/r.svg")" 9
expect 0 "$BIN" plot "$DD/classifier.json" --box -1,1 --color class --out "$TMP/c.svg" --json
check "plot pieces = decision pieces" "$(jq -c .pieces "$TMP/out")" "[$("$BIN" decision "$DD/classifier.json" --box -1,1 --json | jq .pieces)]"
edges=$("$BIN" decision "$DD/classifier.json" --box -1,1 --json | jq '.boundary.fvector[1]')
check "classifier boundary edges drawn" "$(grep -c 'stroke="#000000" stroke-width="2.50"' "$TMP/c.svg")" $((edges + 1))
expect 0 "$BIN" plot "$DD/cones.json" --box -1,1 --color class --no-boundary --out "$TMP/n.svg" --json
jqis '[.texts[] | select(. == "decision boundary")] | length' 0
jqis '[.texts[] | select(startswith("class "))]' '["class 0","class 1","class 2"]'
for ext in svg pdf png tex; do
    "$BIN" plot "$DD/classifier.json" "$DD/rings.json" --box -1,1 --color class --out "$TMP/p1.$ext" --size 200 \
        && "$BIN" plot "$DD/classifier.json" "$DD/rings.json" --box -1,1 --color class --out "$TMP/p2.$ext" --size 200 \
        && cmp -s "$TMP/p1.$ext" "$TMP/p2.$ext" && pass || fail "class plot rerun differs ($ext)"
done

# bad input
expect 2 "$BIN" decision "$S/data/default.json" --box -1,1
expect 2 "$BIN" decision "$TMP/missing.json"
expect 2 "$BIN" decision "$DD/rings.json" --box 1,-1
expect 2 "$BIN" decision "$DD/rings.json" --box -1,1 --whole
expect 2 "$BIN" decision "$DD/rings.json" --frobnicate
expect 2 "$BIN" decision "$D/plnet/max3_region.json" --box -1,1
grep -q 'at least 2 outputs' "$TMP/err" || fail "decision of one output: $(cat "$TMP/err")"
expect 2 "$BIN" plot "$S/data/default.json" --box -1,1 --color class --out "$TMP/x.svg"
expect 2 "$BIN" plot "$DD/rings.json" --box -1,1 --color classes --out "$TMP/x.svg"
expect 0 "$BIN" decision --help
grep -q '^examples:' "$TMP/out" && pass || fail "decision --help has examples"

echo "decision: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
