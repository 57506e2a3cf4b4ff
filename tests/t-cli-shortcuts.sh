#!/bin/sh
# Shortcut networks (doc/FORMAT.md, "Shortcuts") end to end: certificates of their regions and
# homology verified by the independent checker (which reads and evaluates shortcuts itself);
# a tampered shortcut weight rejected, in the certificate alone (the networks differ) and in
# both files (the regions are no longer the network's); every single-field mutation of a
# shortcut certificate rejected or claim-preserving (tests/tamper.py); analyses whose theory
# needs plain networks refuse with exit 3 and one line; the residual block equals its plain
# twin that carries x through relu(x + 2) - 2 (same regions, f-vector, Betti numbers); a slice
# agrees with the network at the same points; the dual graph's double lambda_2 is reported
# with its exact multiplicity.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
S="$D/shortcuts"

for net in residual2d deep2d; do
    expect 0 "$BIN" regions "$S/$net.json" --box -1,1 --quiet --certificate "$TMP/$net-regions.json"
    expect 0 "$CHECK" --quiet --box -1,1 "$TMP/$net-regions.json" "$S/$net.json"
    expect 0 "$BIN" homology "$S/$net.json" --box -1,1 --superlevel 1/4 --certificate "$TMP/$net-homology.json"
    expect 0 "$CHECK" --quiet "$TMP/$net-homology.json" "$S/$net.json"
done
expect 0 "$BIN" regions "$S/deep2d.json" --whole --quiet --certificate "$TMP/deep2d-whole.json"
expect 0 "$CHECK" --quiet --whole "$TMP/deep2d-whole.json" "$S/deep2d.json"

# residual2d's dual graph has lambda_2 = (5 - sqrt 5)/2 twice (arb's clustered enclosure fails
# on it): the exact characteristic polynomial gives the multiplicity, so no node has a sign
# (exit 0, not exit 3); the sparse certificate proves the enclosure and claims no partition
expect 0 "$BIN" dualgraph "$S/residual2d.json" --box -1,1 --json --certificate "$TMP/dg-cert.json"
cp "$TMP/out" "$TMP/dg.json"
check "residual2d: lambda_2 double" "$(jq -c '[.fiedler_simple, .fiedler_multiplicity, (.partition | unique)]' "$TMP/dg.json")" \
    '[false,2,["?"]]'
lo=$(jq -r '.fiedler_value[0]' "$TMP/dg.json"); hi=$(jq -r '.fiedler_value[1]' "$TMP/dg.json")
check "residual2d: (5 - sqrt 5)/2 enclosed" "$(echo "$lo <= (5 - sqrt(5))/2 && (5 - sqrt(5))/2 <= $hi" | bc -l)" 1
expect 0 "$CHECK" --quiet "$TMP/dg-cert.json" "$S/residual2d.json"

# the checker's own reader refuses every bad shortcut file in one line
for f in "$D"/bad/shortcut_*.json; do
    expect 1 "$CHECK" --quiet "$TMP/deep2d-regions.json" "$f"
done

# the other ways to run the search see the same regions: worker processes, the LP engine, --near
r0=$("$BIN" regions "$S/deep2d.json" --box -1,1 --json --list | jq -c '[.region_list[].pattern]')
r1=$("$BIN" regions "$S/deep2d.json" --box -1,1 --json --list --jobs 2 | jq -c '[.region_list[].pattern]')
r2=$("$BIN" regions "$S/deep2d.json" --box -1,1 --json --list --engine lp | jq -c '[.region_list[].pattern]')
r3=$("$BIN" regions "$S/deep2d.json" --box -1,1 --json --list --near 1/10,1/7 | jq -c '[.region_list[].pattern] | sort')
check "deep2d: 15 regions" "$(echo "$r0" | jq length)" 15
check "deep2d --jobs 2" "$r1" "$r0"
check "deep2d --engine lp" "$r2" "$r0"
check "deep2d --near" "$r3" "$(echo "$r0" | jq -c sort)"

# tampering with one shortcut weight: the residual block's [[1, "-1/2"]] becomes [[1, "-1/3"]]
sed 's|"weights":\[\[1,"-1/2"\]\]|"weights":[[1,"-1/3"]]|' "$TMP/residual2d-regions.json" >"$TMP/t.json"
check "the tamper edits the certificate" "$(cmp -s "$TMP/t.json" "$TMP/residual2d-regions.json"; echo $?)" 1
expect 1 "$CHECK" --quiet "$TMP/t.json" "$S/residual2d.json"
grep -q "network" "$TMP/err" || fail "a tampered shortcut: the networks should differ ($(cat "$TMP/err"))"
sed 's|"-1/2"\]\]}|"-1/3"]]}|' "$S/residual2d.json" >"$TMP/t-net.json"
check "the tamper edits the network" "$(cmp -s "$TMP/t-net.json" "$S/residual2d.json"; echo $?)" 1
"$CHECK" --quiet "$TMP/t.json" "$TMP/t-net.json" >/dev/null 2>"$TMP/err2"
# the regions are cut by the hidden neurons only, so a changed output shortcut leaves them
# right, but the certificate also claims each region's affine output map, which the checker
# recomputes from the network: it must reject (naming the map); a changed shortcut into a
# hidden layer must be rejected too
check "output shortcut changed in both files" $? 1
grep -q "affine" "$TMP/err2" && pass || fail "output shortcut changed: the affine map should be named ($(cat "$TMP/err2"))"
sed 's|"weights":\[\[1,-1\],\[0,"1/2"\]\]|"weights":[[1,-1],[0,"1/5"]]|' "$TMP/deep2d-regions.json" >"$TMP/t2.json"
sed 's|\[\[1, -1\], \[0, "1/2"\]\]|[[1, -1], [0, "1/5"]]|' "$S/deep2d.json" >"$TMP/t2-net.json"
check "the tamper edits deep2d" "$(cmp -s "$TMP/t2-net.json" "$S/deep2d.json"; echo $?)$(cmp -s "$TMP/t2.json" "$TMP/deep2d-regions.json"; echo $?)" 11
expect 1 "$CHECK" --quiet "$TMP/t2.json" "$TMP/t2-net.json"
expect 1 "$CHECK" --quiet "$TMP/t2.json" "$S/deep2d.json"

if command -v python3 >/dev/null; then
    python3 "${top_srcdir:-.}/tests/tamper.py" "$CHECK" "$TMP/deep2d-regions.json" "$S/deep2d.json" --max 300 \
        >"$TMP/row" 2>"$TMP/err" && pass || fail "tamper deep2d: $(cat "$TMP/row") $(head -3 "$TMP/err")"
fi

# a classification certificate is about sums of ReLUs: with a shortcut added to both the
# certificate's network and NET the checker must refuse it (the library refuses to write one)
cat >"$TMP/class.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,1],[1,-1]], "biases": [0,"1/2"]}, {"weights": [[1,-1]], "biases": ["1/3"]}]}
JSON
expect 0 "$BIN" boundary "$TMP/class.json" --certificate "$TMP/class-cert.json"
expect 0 "$CHECK" --quiet "$TMP/class-cert.json" "$TMP/class.json"
jq -c '.layers[1].shortcuts = [{"from": "input", "weights": [[1, 0]]}]' "$TMP/class.json" >"$TMP/class-sc.json"
jq -c '.network.layers[1].shortcuts = [{"from": "input", "weights": [[1, 0]]}]' "$TMP/class-cert.json" >"$TMP/class-sc-cert.json"
expect 1 "$CHECK" --quiet "$TMP/class-sc-cert.json" "$TMP/class-sc.json"
grep -q "without shortcuts" "$TMP/err" || fail "classification with shortcuts: $(cat "$TMP/err")"
expect 3 "$BIN" boundary "$TMP/class-sc.json" --certificate "$TMP/x.json"

# refusals: one line, exit 3
expect 3 "$BIN" layer "$S/deep2d.json" --layer 2
grep -q "layers with shortcuts are not supported yet" "$TMP/err" || fail "layer: $(cat "$TMP/err")"
expect 3 "$BIN" arrangement "$S/deep2d.json"
expect 0 "$BIN" layer "$S/deep2d.json" --layer 1

# the residual block and its plain twin: x passes through relu(x_i + 2) - 2 (off the box)
cat >"$TMP/plain.json" <<'JSON'
{"input_dim": 2,
 "layers": [{"weights": [[1, 1], [1, -1], [-1, 0], [1, 0], [0, 1]], "biases": ["-1/2", 0, "1/3", 2, 2]},
            {"weights": [[1, -2, 1, 1, "-1/2"]], "biases": [-1]}]}
JSON
for a in "regions --box -1,1 --json" "homology --box -1,1 --superlevel 1/4 --json" "homology --box -1,1 --sublevel 0 --json"; do
    set -- $a
    cmd=$1; shift
    r1=$("$BIN" $cmd "$S/residual2d.json" "$@" | jq -c '[.regions, .fvector, .facet_histogram, .betti, .cells]')
    r2=$("$BIN" $cmd "$TMP/plain.json" "$@" | jq -c '[.regions, .fvector, .facet_histogram, .betti, .cells]')
    check "residual = plain twin ($a)" "$r1" "$r2"
done
for a in "levelset --box -1,1 --sublevel 0 --json" "levelset --box -1,1 --superlevel 1/2 --json" "persistence --box -1,1 --json"; do
    set -- $a
    cmd=$1; shift
    r1=$("$BIN" $cmd "$S/residual2d.json" "$@" | jq -cS 'del(.network)')
    r2=$("$BIN" $cmd "$TMP/plain.json" "$@" | jq -cS 'del(.network)')
    check "residual = plain twin ($a)" "$r1" "$r2"
done
check "the twin comparison sees the regions" "$("$BIN" regions "$S/residual2d.json" --box -1,1 --json | jq .regions)" 7
check "the twin comparison sees the homology" \
    "$("$BIN" homology "$S/residual2d.json" --box -1,1 --superlevel 1/4 --json | jq -c '[(.betti | length > 0), (.cells | length > 0)]')" "[true,true]"
p1=$("$BIN" regions "$S/residual2d.json" --box -1,1 --json --list | jq -c '[.region_list[].pattern]')
p2=$("$BIN" regions "$TMP/plain.json" --box -1,1 --json --list | jq -c '[.region_list[].pattern | .[0:3]]')
check "patterns without the passthrough neurons" "$p1" "$p2"

# a level set of lower dimension (the convexity test restricts the network to its hull):
# f = x1 + 2 relu(-x1) + relu(1/2 - |x2|) has {f <= 0} = {0} x ([-1, -1/2] u [1/2, 1]) in the box
cat >"$TMP/two.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[-1, 0], [0, 1], [0, -1]], "biases": [0, 0, 0]},
 {"weights": [[0, -1, -1]], "biases": ["1/2"]},
 {"weights": [[1]], "biases": [0], "shortcuts": [{"from": 0, "weights": [[2, 0, 0]]}, {"from": "input", "weights": [[1, 0]]}]}]}
JSON
check "two segments" "$("$BIN" levelset "$TMP/two.json" --box -1,1 --sublevel 0 --json | jq -c '[.convex, .hull_dim, .pieces_by_dim, .fvector]')" \
    '[false,1,[0,2,0],[4,2,0]]'
w=$("$BIN" levelset "$TMP/two.json" --box -1,1 --sublevel 0 --json | jq -r '.witness | map(tostring) | join(",")')
check "the witness is on the line x1 = 0, between the segments" "$(echo "$w" | cut -d, -f1)" 0
check "f > 0 at the witness" "$("$BIN" eval "$TMP/two.json" --at "$w" --json | jq -r '.output[0] | tostring | startswith("-") or . == "0"')" false

# the dual graph the library certifies has the edges the checker counts from the certificate
e1=$("$BIN" dualgraph "$S/deep2d.json" --box -1,1 | head -1 | sed 's/.*regions, \([0-9]*\) edges.*/\1/')
e2=$("$CHECK" --box -1,1 "$TMP/deep2d-regions.json" "$S/deep2d.json" | tr -s ' \n' ' ' | sed 's/.*15 nodes, \([0-9]*\) edges.*/\1/')
check "dual graph edges (library = checker)" "$e1" "$e2"
check "dual graph edges" "$e1" 23
expect 0 "$BIN" plot "$S/deep2d.json" --box -1,1 --out "$TMP/deep2d.svg"

# float-count's double twin: dyadic weights on the grid of step 1/16 make every double exact,
# so it must label every point as the exact evaluator does (ignoring a shortcut mislabels 635)
cat >"$TMP/dyadic.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1], [1, 1]], "biases": [0, "1/4", "-1/2"]},
 {"weights": [[1, 1, -1], [-1, 2, 0]], "biases": ["-3/8", 0], "shortcuts": [{"from": "input", "weights": [[1, -1], [0, "1/2"]]}]},
 {"weights": [[1, -1]], "biases": [0], "shortcuts": [{"from": 0, "weights": [[1, 2, 0]]}, {"from": "input", "weights": [[1, 0]]}]}]}
JSON
check "float-count, dyadic" "$("$BIN" float-count "$TMP/dyadic.json" --box -1,1 --grid 33 --json | jq -c '[.regions, .points, .mislabelled]')" \
    "[15,1089,0]"

# a slice through two points: the sliced network at t is the network at p0 + t (p1 - p0)
echo '[[0, "1/2"], [1, -1]]' >"$TMP/pts.json"
expect 0 "$BIN" slice "$S/deep2d.json" --points "$TMP/pts.json" --out "$TMP/slice.json"
# p0 + t (p1 - p0) = (t, 1/2 - 3t/2)
for tx in "0 0,1/2" "1/3 1/3,0" "-2 -2,7/2" "5/7 5/7,-4/7"; do
    set -- $tx
    y1=$("$BIN" eval "$TMP/slice.json" --at "$1" --json | jq -c .output)
    y2=$("$BIN" eval "$S/deep2d.json" --at "$2" --json | jq -c .output)
    check "slice at t = $1" "$y1" "$y2"
done

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
