#!/bin/sh
# Issue 17 end to end: relucert slice (a 784-input network through three
# points, evaluated against the original at plane points through `relucert
# eval`; regions/plot/homology/dualgraph on the slice), the LP engine
# (identical output to DD with --engine lp in low dimension, byte for byte
# apart from the "engine" key; a 14-input network with --box that DD cannot
# afford), --near (with no limit it visits exactly the regions of the full
# enumeration; --radius and --max-regions), and bad input.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"

# --- a 784-input network, two hidden layers (5 and 3), weights from a fixed LCG
awk 'BEGIN { s = 12345; printf "{\"input_dim\":784,\"layers\":[";
  w[0]=5; w[1]=3; w[2]=1; prev = 784;
  for (l = 0; l < 3; l++) { if (l) printf ","; printf "{\"weights\":[";
    for (i = 0; i < w[l]; i++) { if (i) printf ","; printf "[";
      for (j = 0; j < prev; j++) { s = (s * 1103515245 + 12345) % 2147483648; if (j) printf ","; printf "%d", (s % 7) - 3 }
      printf "]" }
    printf "],\"biases\":["; for (i = 0; i < w[l]; i++) { s = (s * 1103515245 + 12345) % 2147483648; if (i) printf ","; printf "\"%d/5\"", (s % 11) - 5 }
    printf "]}"; prev = w[l] }
  printf "]}\n" }' >"$TMP/big.json"
awk 'BEGIN { s = 777; printf "{\"X\":["; for (p = 0; p < 3; p++) { if (p) printf ","; printf "[";
  for (j = 0; j < 784; j++) { s = (s * 1103515245 + 12345) % 2147483648; if (j) printf ","; printf "\"%d/%d\"", (s % 9) - 4, 1 + (s % 5) }
  printf "]" } printf "],\"y\":[0,1,2]}\n" }' >"$TMP/pts.json"
expect 0 "$BIN" slice "$TMP/big.json" --points "$TMP/pts.json" -o "$TMP/plane.json" --json
check "slice input_dim" "$(jq .input_dim "$TMP/out")" 2
check "slice original" "$(jq .original_input_dim "$TMP/out")" 784
# the slice at t equals the original at p0 + t1 (p1 - p0) + t2 (p2 - p0), exactly
for t in "0,0" "1,0" "0,1" "1/3,-2/7" "5/2,3/11"; do
    t1=${t%,*}; t2=${t#*,}
    x=$(jq -r --arg a "$t1" --arg b "$t2" '
        def q: if type == "number" then {n: ., d: 1} else (split("/") | {n: (.[0] | tonumber), d: (.[1] | tonumber)}) end;
        def frac(s): s | split("/") | {n: (.[0] | tonumber), d: ((.[1] // "1") | tonumber)};
        (frac($a)) as $A | (frac($b)) as $B |
        [range(0; 784) as $j | (.X[0][$j] | q) as $p0 | (.X[1][$j] | q) as $p1 | (.X[2][$j] | q) as $p2 |
          # p0 + A (p1 - p0) + B (p2 - p0) as one fraction (small numbers: exact in doubles)
          ($p0.d * $p1.d * $p2.d * $A.d * $B.d) as $den |
          ($p0.n * $p1.d * $p2.d * $A.d * $B.d + $A.n * $B.d * ($p1.n * $p0.d - $p0.n * $p1.d) * $p2.d
           + $B.n * $A.d * ($p2.n * $p0.d - $p0.n * $p2.d) * $p1.d) as $num |
          "\($num)/\($den)"] | join(",")' "$TMP/pts.json")
    "$BIN" eval "$TMP/big.json" --at "$x" --json | jq -c '[.output, .pattern]' >"$TMP/e1"
    "$BIN" eval "$TMP/plane.json" --at "$t" --json | jq -c '[.output, .pattern]' >"$TMP/e2"
    if cmp -s "$TMP/e1" "$TMP/e2" && [ -s "$TMP/e1" ]; then pass; else fail "slice at $t: $(cat "$TMP/e1") vs $(cat "$TMP/e2")"; fi
done
expect 0 "$BIN" regions "$TMP/plane.json" --box -2,3 --json
check "slice regions > 1" "$(jq '.regions > 1' "$TMP/out")" true
expect 0 "$BIN" dualgraph "$TMP/plane.json" --box -2,3 --json
expect 0 "$BIN" homology "$TMP/plane.json" --box -2,3 --superlevel 0 --json
expect 0 "$BIN" plot "$TMP/plane.json" --box -2,3 --out "$TMP/plane.svg"
# a line (k = 1), --origin/--directions, and refusals
jq -c '{X: .X[0:2]}' "$TMP/pts.json" >"$TMP/two.json"
expect 0 "$BIN" slice "$TMP/big.json" --points "$TMP/two.json" --out "$TMP/line.json"
check "line input_dim" "$(jq .input_dim "$TMP/line.json")" 1
expect 0 "$BIN" regions "$TMP/line.json" --box -2,3 --json
jq -c '{X: [.X[0], .X[0], .X[1]]}' "$TMP/pts.json" >"$TMP/dep.json"
expect 2 "$BIN" slice "$TMP/big.json" --points "$TMP/dep.json" --out "$TMP/x.json"
echo '[[1,2],[3,4]]' >"$TMP/short.json"
expect 2 "$BIN" slice "$TMP/big.json" --points "$TMP/short.json"
echo '[[1,0],[0,1]]' >"$TMP/dirs.json"
expect 0 "$BIN" slice "$D/sage/case002.json" --origin 1/2,0 --directions "$TMP/dirs.json"
expect 2 "$BIN" slice "$D/sage/case002.json" --points "$TMP/short.json" --origin 0,0
expect 2 "$BIN" slice "$D/sage/case002.json"

# --- the LP engine in low dimension: the DD output plus "engine"
for c in case002 case004 case001; do
    for dom in "--box -1,1" "--whole"; do
        "$BIN" regions "$D/sage/$c.json" $dom --json --list >"$TMP/dd.json" 2>/dev/null
        "$BIN" regions "$D/sage/$c.json" $dom --json --list --engine lp >"$TMP/lp.json" 2>/dev/null
        if [ "$(jq -c 'del(.engine)' "$TMP/lp.json")" = "$(jq -c . "$TMP/dd.json")" ] && [ "$(jq -r .engine "$TMP/lp.json")" = lp ]; then pass
        else fail "$c $dom: --engine lp differs from DD"; fi
    done
done
# random networks in dimensions 2-8 (fixed seeds; degenerate integer weights too): the same bytes
for n in 2 3 4 5 6 7 8; do
    for kind in rat int; do
        "$BIN" random --dim $n --widths $((9 - n / 2)),2 --kind $kind --seed $((170 + n)) >"$TMP/rn.json"
        "$BIN" regions "$TMP/rn.json" --box -1,1 --json --list >"$TMP/dd.json" 2>/dev/null
        "$BIN" regions "$TMP/rn.json" --box -1,1 --json --list --engine lp >"$TMP/lp.json" 2>/dev/null
        if [ -s "$TMP/dd.json" ] && [ "$(jq -c 'del(.engine)' "$TMP/lp.json")" = "$(jq -c . "$TMP/dd.json")" ]; then pass
        else fail "random $kind net, $n inputs: --engine lp differs from DD"; fi
    done
done
# 9 and 10 inputs (issue 17: the 10-input network of bench/highdim.sh, whose
# regions have thousands of vertices): the first regions' records and the
# partial summary, the same bytes (both stop at --max-regions, exit 4)
for n in 9 10; do
    "$BIN" random --dim $n --widths 8 --kind rat --seed 1 >"$TMP/rn.json"
    "$BIN" regions "$TMP/rn.json" --box -1,1 --json --list --max-regions 12 >"$TMP/dd.json" 2>/dev/null
    "$BIN" regions "$TMP/rn.json" --box -1,1 --json --list --max-regions 12 --engine lp >"$TMP/lp.json" 2>/dev/null
    if [ "$(jq '.region_list | length' "$TMP/dd.json")" = 12 ] && [ "$(jq -c 'del(.engine)' "$TMP/lp.json")" = "$(jq -c . "$TMP/dd.json")" ]; then pass
    else fail "bench net, $n inputs: --engine lp differs from DD"; fi
done
# default JSON (DD): no engine key
"$BIN" regions "$D/sage/case002.json" --box -1,1 --json >"$TMP/out"
check "no engine key by default" "$(jq 'has("engine")' "$TMP/out")" false

# --- 14 inputs with a box: the LP engine by default
"$BIN" random --dim 14 --widths 4,3 --kind int --seed 5 >"$TMP/n14.json"
expect 0 "$BIN" regions "$TMP/n14.json" --box -1,1 --json --quiet
check "14D engine" "$(jq -r .engine "$TMP/out")" lp
check "14D fvector omitted" "$(jq 'has("fvector")' "$TMP/out")" false
r14=$(jq .regions "$TMP/out")
check "14D regions = histogram sum" "$(jq '[.facet_histogram[]] | add' "$TMP/out")" "$r14"
# --near with no limit visits the same number of regions as the full enumeration
expect 0 "$BIN" regions "$TMP/n14.json" --box -1,1 --json --quiet --near 1/3,1/5,1/7,1/11,1/13,1/17,1/19,1/23,1/29,1/31,1/37,1/41,1/43,1/47
check "14D --near = all regions" "$(jq .regions "$TMP/out")" "$r14"
check "14D --near complete" "$(jq .near.complete "$TMP/out")" true
expect 3 "$BIN" regions "$TMP/n14.json" --box -1,1 --json --verify
# a domain file that is the same cube: the same counts (read as inequalities, no vertices)
jq -nc '{A: (([range(14)] | map(. as $i | [range(14)] | map(if . == $i then 1 else 0 end)))
           + ([range(14)] | map(. as $i | [range(14)] | map(if . == $i then -1 else 0 end)))), b: ([range(28)] | map(1))}' >"$TMP/cube14.json"
"$BIN" regions "$TMP/n14.json" --box -1,1 --json --quiet | jq -c '[.regions, .facet_histogram, .interior_regions, .bounded_regions]' >"$TMP/c1"
"$BIN" regions "$TMP/n14.json" --domain "$TMP/cube14.json" --json --quiet | jq -c '[.regions, .facet_histogram, .interior_regions, .bounded_regions]' >"$TMP/c2"
if cmp -s "$TMP/c1" "$TMP/c2" && [ -s "$TMP/c1" ]; then pass; else fail "14D --domain cube differs from --box"; fi
"$BIN" random --dim 20 --widths 3 --kind int --seed 1 >"$TMP/n20.json"
expect 3 "$BIN" homology "$TMP/n20.json" --box -1,1 --superlevel 0

# --- --near in 2D: the same patterns as the full enumeration; radius; max-regions
"$BIN" regions "$D/sage/case002.json" --box -1,1 --json --list | jq -c '[.region_list[].pattern] | sort' >"$TMP/all"
"$BIN" regions "$D/sage/case002.json" --box -1,1 --json --list --near 1/7,1/5 | jq -c '[.region_list[].pattern] | sort' >"$TMP/near"
if cmp -s "$TMP/all" "$TMP/near"; then pass; else fail "--near patterns differ from the enumeration"; fi
expect 0 "$BIN" regions "$D/sage/case002.json" --box -1,1 --json --list --near 1/7,1/5 --radius 1
check "radius 1: distances" "$(jq -c '[.region_list[].distance] | unique' "$TMP/out")" "[0,1]"
check "radius 1: first region" "$(jq -c '.region_list[0].interior_point' "$TMP/out")" '["1/7","1/5"]'
expect 4 "$BIN" regions "$D/sage/case002.json" --box -1,1 --json --near 1/7,1/5 --max-regions 2
check "max-regions partial" "$(jq .partial "$TMP/out")" true
check "max-regions count" "$(jq .regions "$TMP/out")" 2
# --near certificates (issue 17b): relucert-check verifies the K listed regions, their facets and
# adjacencies, and says completeness is not claimed; a partial certificate cannot pass as complete
CHECK=${RELUCERT_CHECK:-checker/relucert-check}
expect 4 "$BIN" regions "$D/sage/case002.json" --box -1,1 --json --near 1/7,1/5 --max-regions 3 --certificate "$TMP/near.cert"
if "$CHECK" "$TMP/near.cert" "$D/sage/case002.json" >"$TMP/rep" 2>&1 \
    && grep -q "partial exploration: 3 regions verified, completeness not claimed" "$TMP/rep"; then pass
else fail "--near certificate: $(head -3 "$TMP/rep")"; fi
check "near cert: partial" "$(jq -c '[.partial, .exploration.max_regions, (.regions | length), .format]' "$TMP/near.cert")" '[true,3,3,1]'
jq -c 'del(.partial)' "$TMP/near.cert" >"$TMP/bad.cert"
"$CHECK" "$TMP/bad.cert" "$D/sage/case002.json" >/dev/null 2>&1; check "near cert without partial rejected" $? 1
jq -c 'del(.partial) | del(.exploration)' "$TMP/near.cert" >"$TMP/bad.cert"
"$CHECK" "$TMP/bad.cert" "$D/sage/case002.json" 2>"$TMP/err" >/dev/null; check "near cert as complete rejected" $? 1
grep -q "no region on its other side" "$TMP/err" && pass || fail "near cert as complete: $(cat "$TMP/err")"
jq -c '.adjacency |= .[1:]' "$TMP/near.cert" >"$TMP/bad.cert"
"$CHECK" "$TMP/bad.cert" "$D/sage/case002.json" 2>"$TMP/err" >/dev/null; check "near cert, adjacency dropped" $? 1
for n in 4 6; do
    "$BIN" random --dim $n --widths 6,3 --kind rat --seed $((40 + n)) >"$TMP/rn.json"
    p=$(awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "%s1/%d", (i > 1 ? "," : ""), 2 * i + 5 }')
    "$BIN" regions "$TMP/rn.json" --box -1,1 --quiet --near "$p" --max-regions 10 --certificate "$TMP/rn.cert" >/dev/null 2>&1
    if "$CHECK" "$TMP/rn.cert" "$TMP/rn.json" >"$TMP/rep" 2>&1 && grep -q "partial exploration: 10 regions verified" "$TMP/rep"
    then pass; else fail "--near certificate, $n inputs: $(head -3 "$TMP/rep")"; fi
done
"$BIN" random --dim 11 --widths 3 --kind int --seed 1 >"$TMP/n11.json"
expect 3 "$BIN" regions "$TMP/n11.json" --box -1,1 --near 1/3,1/5,1/7,1/11,1/13,1/17,1/19,1/23,1/29,1/31,1/37 --certificate "$TMP/x.cert"
expect 2 "$BIN" regions "$D/sage/case002.json" --box -1,1 --near 0
expect 2 "$BIN" regions "$D/sage/case002.json" --box -1,1 --near 5,5
expect 2 "$BIN" regions "$D/sage/case002.json" --box -1,1 --radius 2
expect 2 "$BIN" regions "$D/sage/case002.json" --engine xx

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
