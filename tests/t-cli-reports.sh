#!/bin/sh
# Issue 15 (commands eval, arrangement, persistence, dualgraph, label, float-count,
# plot, random, wedge, train-float, train-convex): every command accepts --json;
# plot --json reports what was drawn, checked against `regions` (an independent
# enumeration); seeds beyond 2^64 - 1 are refused, never clamped; every output
# file and stdout write error is a non-zero exit with one line.
. "${srcdir:-.}/tests/cli-lib.sh"
N2="$D/sage/case002.json"
full() { "$@" > /dev/full; }
N5="$D/sage/case005.json"

# plot --json: regions filled = regions counted by `regions`; format from the extension
for c in pattern value fiedler; do
    p=$("$BIN" plot "$N5" --box -1,1 --out "$TMP/m.svg" --color $c --json)
    r=$("$BIN" regions "$N5" --box -1,1 --json | jq .regions)
    check "plot $c regions" "$(echo "$p" | jq '.regions[0]')" "$r"
done
# the colour bar's ends are the exact extremes of f over the box (t-cli-plot.sh checks them further)
p=$("$BIN" plot "$N5" --box -1,1 --out "$TMP/m.png" --color value --size 32 --json)
lo=$(echo "$p" | jq -r '.value_min'); hi=$(echo "$p" | jq -r '.value_max')
"$BIN" label "$N5" --grid 5 --box -1,1 --json | jq -r '.labels[].output[0]' > "$TMP/vals"
check "value range holds the grid values" "$(python3 -c "
from fractions import Fraction as F
v=[F(l.strip()) for l in open('$TMP/vals')]
print(all(F('$lo') <= x <= F('$hi') for x in v))")" True
"$BIN" plot "$N5" --box -1,1 --out "$TMP/quiet.svg" > "$TMP/o" && [ ! -s "$TMP/o" ] && pass || fail "plot without --json prints nothing"
ln -s /dev/full "$TMP/full.pdf"; ln -s /dev/full "$TMP/full.svg"; ln -s /dev/full "$TMP/full.png"
for f in pdf svg png; do expect 2 "$BIN" plot "$N5" --box -1,1 --out "$TMP/full.$f"; done

# random: seeds are 64-bit, refused beyond; --json is the same JSON; --out is the same bytes
expect 0 "$BIN" random --dim 2 --widths 3 --kind int --seed 18446744073709551615
expect 2 "$BIN" random --dim 2 --widths 3 --kind int --seed 18446744073709551616
expect 2 "$BIN" random --dim 2 --widths 3 --kind int --seed -1
expect 2 "$BIN" random --dim 2 --widths 3 --kind int --seed 18446744073709551614 --count 3
expect 0 "$BIN" random --dim 2 --widths 3 --kind int --seed 18446744073709551614 --count 2
expect 2 "$BIN" random --dim 2 --widths 3 --kind int --seed 1 --seed 2
a=$("$BIN" random --dim 2 --widths 3,2 --kind rat --seed 9 --count 3)
check "random --json" "$("$BIN" random --dim 2 --widths 3,2 --kind rat --seed 9 --count 3 --json)" "$a"
"$BIN" random --dim 2 --widths 3,2 --kind rat --seed 9 --count 3 --out "$TMP/r.jsonl"
check "random --out" "$(cat "$TMP/r.jsonl")" "$a"
check "random JSON Lines" "$(echo "$a" | jq -s length)" 3
# the k-th network of --count is the one of seed S + k
check "random seed S+k" "$(echo "$a" | sed -n 3p)" "$("$BIN" random --dim 2 --widths 3,2 --kind rat --seed 11)"
expect 2 "$BIN" random --dim 2 --widths 3 --kind int --seed 1 --out /dev/full
expect 2 "$BIN" train-float --dataset xor --widths 3 --epochs 1 --seed 18446744073709551616 --out-prefix "$TMP/t"

# train-float --json: one record per distinct checkpoint, each file written and loadable
"$BIN" train-float --dataset xor --widths 3 --samples 20 --epochs 4 --checkpoints 0,2,2,4 --json \
    --out-prefix "$TMP/q\"x" > "$TMP/tf"
check "train-float records" "$(jq -s -c 'map(.epoch)' "$TMP/tf")" "[0,2,4]"
f=$(jq -s -r '.[2].file' "$TMP/tf")
check "train-float file" "$("$BIN" eval "$f" --at 0,0 --json | jq '.output | length')" 1

# label: the JSON Lines records are the --json labels; counts agree
"$BIN" label "$N2" --grid 4 --box -1,1 --jsonl "$TMP/l.jsonl" > /dev/null
j=$("$BIN" label "$N2" --grid 4 --box -1,1 --json)
check "label jsonl = json labels" "$(jq -s -c . "$TMP/l.jsonl")" "$(echo "$j" | jq -c .labels)"
check "label on_boundary" "$(echo "$j" | jq '[.labels[] | select(.on_boundary)] | length')" "$(echo "$j" | jq .on_boundary)"
expect 2 "$BIN" label "$N2" --grid 4 --box -1,1 --jsonl /dev/full

# dualgraph: the DOT and GraphML files describe the graph of the JSON
g=$("$BIN" dualgraph "$N2" --box -1,1 --json --dot "$TMP/g.dot" --graphml "$TMP/g.graphml")
check "dot nodes" "$(grep -c ' \[label=' "$TMP/g.dot")" "$(echo "$g" | jq .nodes)"
check "dot edges" "$(grep -c ' -- ' "$TMP/g.dot")" "$(echo "$g" | jq .edges)"
check "graphml edges" "$(grep -c '<edge ' "$TMP/g.graphml")" "$(echo "$g" | jq .edges)"
expect 2 "$BIN" dualgraph "$N2" --box -1,1 --dot /dev/full
expect 2 "$BIN" dualgraph "$N2" --box -1,1 --graphml /dev/full

# every command: --json accepted, stdout write errors are errors
for cmd in "eval $N2 --at 0,0" "arrangement $D/sage/case011.json" "persistence $N2 --box -1,1" \
           "dualgraph $N2 --box -1,1" "label $N2 --grid 3 --box -1,1" "float-count $N2 --box -1,1 --grid 4" \
           "plot $N5 --box -1,1 --out $TMP/x.svg" "random --dim 2 --widths 2 --kind int --seed 1" \
           "wedge ${top_srcdir:-.}/data/wedge/ramps1d.json" "train-convex ${top_srcdir:-.}/data/wedge/hat1d.json --lambda 1/10" \
           "train-float --dataset xor --widths 2 --samples 10 --epochs 1 --out-prefix $TMP/tt"; do
    # shellcheck disable=SC2086
    "$BIN" $cmd --json > "$TMP/j" 2> "$TMP/e" && jq -e . "$TMP/j" > /dev/null 2>&1 && pass || fail "--json: $cmd"
    # shellcheck disable=SC2086
    case $cmd in plot*) ;; *) expect 2 full "$BIN" $cmd;; esac   # plot prints nothing without --json
    # shellcheck disable=SC2086
    expect 2 full "$BIN" $cmd --json
done
echo "t-cli-reports: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
