#!/bin/sh
# The command-line interface end to end: Sage fixtures through the CLI, exact
# evaluation, JSON keys, streaming, determinism, and bad input (every case must
# exit with the documented code and one line on stderr, never crash).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"



# --- fixtures through the CLI
for net in "$D"/sage/case*[0-9].json; do
    truth=${net%.json}.truth.json
    out=$("$BIN" regions "$net" --box -1,1 --json --quiet) || { fail "regions $net"; continue; }
    [ "$(echo "$out" | jq .regions)" = "$(jq .box_regions "$truth")" ] || fail "$net regions"
    [ "$(echo "$out" | jq -c .fvector)" = "$(jq -c .box_bounded_fvector "$truth")" ] || fail "$net fvector"
    if [ "$(jq 'has("R_regions")' "$truth")" = true ]; then
        a=$("$BIN" arrangement "$net" --json) || { fail "arrangement $net"; continue; }
        [ "$(echo "$a" | jq .regions)" = "$(jq .R_regions "$truth")" ] || fail "$net R_regions"
        [ "$(echo "$a" | jq .relatively_bounded_regions)" = "$(jq .R_bounded_regions "$truth")" ] || fail "$net R_bounded"
    fi
    pass
done

# --- exact evaluation on the INTERFACE example: at (1, 1/3) the output is -4/5
cat >"$TMP/ex.json" <<'JSON'
{"input_dim": 2,
 "layers": [{"weights": [[1, "-1/2"], ["0.25", 3]], "biases": [0, "1/3"]},
            {"weights": [[1, -1]], "biases": ["-1/20"]}]}
JSON
e=$("$BIN" eval "$TMP/ex.json" --at 1,1/3 --json)
[ "$(echo "$e" | jq -c .output)" = '["-4/5"]' ] && [ "$(echo "$e" | jq -r .pattern)" = 11 ] && pass || fail "eval: $e"
# on a boundary: x = (1/2, 1) makes the first pre-activation exactly 0
e=$("$BIN" eval "$TMP/ex.json" --at 0.5,1 --json)
[ "$(echo "$e" | jq .on_boundary)" = true ] && [ "$(echo "$e" | jq -c .zero_neurons)" = "[0]" ] && pass || fail "eval boundary: $e"

# --- keys of regions --json, and streaming / listing agree with the summary
out=$("$BIN" regions "$D/sage/case005.json" --whole --json --stream "$TMP/s.jsonl" --verify --check-faces)
for k in input_dim regions bounded_regions fvector facet_histogram mean_facets euler; do
    [ "$(echo "$out" | jq "has(\"$k\")")" = true ] || fail "regions --json lacks $k"
done
[ "$(wc -l <"$TMP/s.jsonl")" -eq "$(echo "$out" | jq .regions)" ] && pass || fail "stream lines"
[ "$(echo "$out" | jq .euler)" = 1 ] && pass || fail "euler over R^2"
jq -e 'has("pattern") and has("interior_point") and has("inequalities") and has("vertices") and has("rays") and has("affine")' \
    "$TMP/s.jsonl" >/dev/null && pass || fail "stream record keys"
l=$("$BIN" regions "$D/sage/case005.json" --whole --json --list)
[ "$(echo "$l" | jq '.region_list | length')" = "$(echo "$out" | jq .regions)" ] && pass || fail "--list length"

# --- same input, same bytes
"$BIN" regions "$D/sage/case029.json" --box -1,1 --json --list >"$TMP/a"
"$BIN" regions "$D/sage/case029.json" --box -1,1 --json --list >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b" && pass || fail "output is not deterministic"

# --- domains
expect 0 "$BIN" regions "$D/sage/case005.json" --domain "$D/domains/square.json" --json
[ "$(jq .regions "$TMP/out")" = 10 ] && pass || fail "square domain = box [-1,1]^2"
expect 0 "$BIN" regions "$D/sage/case005.json" --domain "$D/domains/triangle.json" --json
[ "$(jq .euler "$TMP/out")" = 1 ] && pass || fail "triangle euler"
for f in flat empty wrongdim badnum unknownkey infeasible; do
    expect 2 "$BIN" regions "$D/sage/case005.json" --domain "$D/domains/$f.json"
done
expect 2 "$BIN" regions "$D/sage/case005.json" --domain "$D/domains/missing.json"
expect 2 "$BIN" regions "$D/sage/case005.json" --box 1,1
expect 2 "$BIN" regions "$D/sage/case005.json" --box 2,-1
expect 2 "$BIN" regions "$D/sage/case005.json" --box 1
expect 2 "$BIN" regions "$D/sage/case005.json" --box a,b
expect 2 "$BIN" regions "$D/sage/case005.json" --box 1/0,1
expect 2 "$BIN" regions "$D/sage/case005.json" --box -1,1 --whole
expect 2 "$BIN" regions "$D/sage/case005.json" --bogus
expect 2 "$BIN" regions
expect 2 "$BIN" regions "$D/nonexistent.json"
expect 2 "$BIN" eval "$D/sage/case005.json" --at 1
expect 2 "$BIN" eval "$D/sage/case005.json" --at 1,2,3
expect 2 "$BIN" eval "$D/sage/case005.json"
expect 3 "$BIN" arrangement "$D/sage/case020.json"
expect 2 "$BIN" nosuchcommand
for c in eval regions arrangement; do expect 0 "$BIN" $c --help; done
expect 0 "$BIN" --help

# --- homology through the CLI: fixtures, closed answers, bad input
for net in "$D"/sage/case*[0-9].json; do
    truth=${net%.json}.truth.json
    [ "$(jq 'has("superlevel_betti")' "$truth")" = true ] || continue
    h=$("$BIN" homology "$net" --box -1,1 --superlevel 0 --json) || { fail "homology $net"; continue; }
    n=$(jq .input_dim "$net")
    [ "$(echo "$h" | jq -c ".betti[:$n]")" = "$(jq -c .superlevel_betti "$truth")" ] || fail "$net superlevel_betti"
    [ "$(echo "$h" | jq '[.torsion[] | length] | add')" = "$(jq .superlevel_torsion "$truth")" ] || fail "$net torsion"
    [ "$(echo "$h" | jq '.euler == ([.betti | to_entries[] | if .key % 2 == 0 then .value else -.value end] | add)')" = true ] \
        || fail "$net euler"
    pass
done
cat >"$TMP/l1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,0],[-1,0],[0,1],[0,-1]], "biases": [0,0,0,0]},
                            {"weights": [[1,1,1,1]], "biases": [0]}]}
JSON
h=$("$BIN" homology "$TMP/l1.json" --box -1,1 --level 0.5 --json)
[ "$(echo "$h" | jq -c .betti)" = "[1,1,0]" ] && pass || fail "level set circle: $h"
h=$("$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel 3 --json)
[ "$(echo "$h" | jq -c '[.empty, .betti]')" = "[true,[0,0,0]]" ] && pass || fail "empty set: $h"
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel x
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel 1/0
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel 0 --sublevel 0
# over R^2 (default domain): reduced homology of the one-point compactification
h=$("$BIN" homology "$TMP/l1.json" --level 1/2 --json)
[ "$(echo "$h" | jq -c '[.betti, .compactified]')" = "[[1,1,0],true]" ] && pass || fail "level set over R^2: $h"
h=$("$BIN" homology "$TMP/l1.json" --whole --superlevel 1/2 --json)
[ "$(echo "$h" | jq -c .betti)" = "[0,0,0]" ] && pass || fail "superlevel over R^2 (X+ is a disk): $h"
expect 2 "$BIN" homology "$TMP/l1.json" --whole --box -1,1 --superlevel 0
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel 0 --output 1
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --superlevel 0 --output x
cat >"$TMP/two.json" <<'JSON'
{"input_dim": 1, "layers": [{"weights": [[1]], "biases": [0]}, {"weights": [[1],[2]], "biases": [0,0]}]}
JSON
expect 2 "$BIN" homology "$TMP/two.json" --box -1,1 --superlevel 0
expect 0 "$BIN" homology "$TMP/two.json" --box -1,1 --superlevel 0 --output 1
expect 0 "$BIN" homology --help

# --- dual graph: a path of 5 regions has Fiedler value 2 - 2 cos(pi/5) = 0.3819660112501051517954...
cat >"$TMP/path.json" <<'JSON'
{"input_dim":1,"layers":[{"weights":[[1],[1],[1],[1]],"biases":[0,"-1/4","-1/2","-3/4"]},{"weights":[[1,1,1,1]],"biases":[0]}]}
JSON
g=$("$BIN" dualgraph "$TMP/path.json" --box -1,1 --json --dot "$TMP/g.dot" --graphml "$TMP/g.graphml")
[ "$(echo "$g" | jq -c '[.nodes, .edges, .degrees, .partition]')" = '[5,4,[1,2,2,2,1],["+","+","?","-","-"]]' ] && pass || fail "dualgraph path: $g"
lo=$(echo "$g" | jq -r '.fiedler_value[0]'); hi=$(echo "$g" | jq -r '.fiedler_value[1]')
case "$lo$hi" in 0.38196601125010515179*0.38196601125010515180*) pass ;; *) fail "fiedler enclosure $lo $hi" ;; esac
grep -q "r0 -- r1" "$TMP/g.dot" && grep -q "<edge source=\"r3\" target=\"r4\">" "$TMP/g.graphml" && pass || fail "dot/graphml"
g=$("$BIN" dualgraph "$D/sage/case005.json" --box -1,1 --threshold 0 --json)
[ "$(echo "$g" | jq '.agreement.compared + .agreement.crossed <= .nodes')" = true ] && pass || fail "agreement counts"
expect 2 "$BIN" dualgraph "$D/sage/case005.json" --threshold abc
expect 2 "$BIN" dualgraph "$D/sage/case005.json" --output 3 --threshold 0
expect 2 "$BIN" dualgraph "$TMP/two.json" --box -1,1 --threshold 0
expect 0 "$BIN" dualgraph --help

# --- persistence: -|x|_1 on the square: {f <= t} is the square minus a diamond for -1 < t < 0,
# so a loop is born at -1 (the corners' value is -2: components born there merge at -1) and
# dies at 0 when the centre fills in; one essential component.
cat >"$TMP/negl1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,0],[-1,0],[0,1],[0,-1]], "biases": [0,0,0,0]},
                            {"weights": [[-1,-1,-1,-1]], "biases": [0]}]}
JSON
for field in 2 3 Q; do
    b=$("$BIN" persistence "$TMP/negl1.json" --box -1,1 --field $field --json)
    [ "$(echo "$b" | jq -c '[.bars[] | select(.dim == 1) | [.birth, .death]]')" = '[["-1","0"]]' ] && pass || fail "persistence H1 ($field): $b"
    [ "$(echo "$b" | jq -c '[.bars[] | select(.death == null) | .dim]')" = '[0]' ] && pass || fail "essential bars ($field)"
done
expect 2 "$BIN" persistence "$TMP/negl1.json" --box -1,1 --field 4
expect 2 "$BIN" persistence "$TMP/negl1.json" --box -1,1 --field x
expect 2 "$BIN" persistence "$TMP/negl1.json" --whole
expect 2 "$BIN" persistence "$TMP/two.json" --box -1,1
expect 0 "$BIN" persistence "$TMP/two.json" --box -1,1 --output 1
expect 0 "$BIN" persistence --help

# --- random families: reproducible bytes, classical arrangements against their known region counts
a=$("$BIN" random --dim 3 --widths 5,4 --kind rat --seed 7); b=$("$BIN" random --dim 3 --widths 5,4 --kind rat --seed 7)
[ "$a" = "$b" ] && pass || fail "random is not reproducible"
"$BIN" random --dim 2 --widths 3 --kind int --seed 10 --count 3 >"$TMP/three.jsonl"
[ "$(wc -l <"$TMP/three.jsonl")" -eq 3 ] && [ "$(sed -n 2p "$TMP/three.jsonl")" = "$("$BIN" random --dim 2 --widths 3 --kind int --seed 11)" ] \
    && pass || fail "random --count"
for k in int rat wide gauss he degenerate; do
    "$BIN" random --dim 2 --widths 4,3 --kind $k --seed 1 >"$TMP/r.json" && "$BIN" regions "$TMP/r.json" --box -1,1 --check-faces --quiet >/dev/null \
        && pass || fail "random kind $k"
done
for spec in "braid 4 24" "shi 3 16" "catalan 3 30" "coordinate 3 8" "linial 3 7" "semiorder 3 19"; do
    set -- $spec
    "$BIN" random --dim $2 --kind $1 --seed 0 >"$TMP/arr.json"
    [ "$("$BIN" arrangement "$TMP/arr.json" --json | jq .regions)" = "$3" ] && pass || fail "$1 arrangement in R^$2: expected $3 regions"
done
"$BIN" random --dim 2 --widths 5 --kind ring --seed 3 >"$TMP/ring.json"
[ "$("$BIN" homology "$TMP/ring.json" --box -3,3 --superlevel 0 --json | jq -c .betti)" = "[1,1,0]" ] && pass || fail "ring has a hole"
"$BIN" random --dim 3 --widths 6 --kind ring --seed 3 >"$TMP/shell.json"
[ "$("$BIN" homology "$TMP/shell.json" --box -3,3 --superlevel 0 --json | jq -c .betti)" = "[1,0,1,0]" ] && pass || fail "shell has a cavity"
expect 2 "$BIN" random --dim 2 --kind nosuch --seed 1
expect 2 "$BIN" random --dim 2 --kind int
expect 2 "$BIN" random --dim 0 --kind int --seed 1 --widths 2
expect 2 "$BIN" random --dim 1 --kind braid --seed 1
expect 0 "$BIN" random --help

# --- exact labels: the braid line x1 = x2 passes through 3 of the 9 grid points
"$BIN" random --dim 2 --kind braid --seed 0 >"$TMP/b2.json"
l=$("$BIN" label "$TMP/b2.json" --grid 3 --box -1,1 --json)
[ "$(echo "$l" | jq -c '[.points, .on_boundary]')" = "[9,3]" ] && pass || fail "label grid: $l"
echo '[[0,0],["1/3","1/3"],[0.5,-1]]' >"$TMP/pts.json"
l=$("$BIN" label "$TMP/b2.json" "$TMP/pts.json" --json)
[ "$(echo "$l" | jq -c '[.labels[].on_boundary]')" = "[true,true,false]" ] && pass || fail "label points: $l"
"$BIN" label "$TMP/b2.json" --grid 4 --box 0,1 --jsonl "$TMP/l.jsonl"
[ "$(wc -l <"$TMP/l.jsonl")" -eq 16 ] && pass || fail "label --jsonl"
echo '[[0]]' >"$TMP/badpts.json"
expect 2 "$BIN" label "$TMP/b2.json" "$TMP/badpts.json"
expect 2 "$BIN" label "$TMP/b2.json" --grid 3
expect 2 "$BIN" label "$TMP/b2.json" --grid 1 --box -1,1
expect 2 "$BIN" label "$TMP/b2.json" --grid 3 --box 1,-1
expect 0 "$BIN" label --help

# --- batch: one record per job, identical for any --jobs, resumable, errors recorded per analysis
: >"$TMP/m.jsonl"
for i in 000 005 020; do
    echo "{\"network\": \"$D/sage/case$i.json\", \"analyses\": [\"regions\", \"arrangement\", \"homology\"], \"box\": [-1, 1]}" >>"$TMP/m.jsonl"
done
echo '{"network": "'"$TMP"'/nonexistent.json", "analyses": ["regions"], "whole": true}' >>"$TMP/m.jsonl"
# (exit 1: a job failed; the arrangement of R^n is refused in jobs with a box)
"$BIN" batch "$TMP/m.jsonl" --out "$TMP/b1.jsonl" --jobs 1 --quiet >/dev/null; r1=$?
"$BIN" batch "$TMP/m.jsonl" --out "$TMP/b2.jsonl" --jobs 3 --quiet >/dev/null; r2=$?
[ $r1 = 1 ] && [ $r2 = 1 ] && cmp -s "$TMP/b1.jsonl" "$TMP/b2.jsonl" && pass || fail "batch output depends on --jobs"
[ "$(jq -c '[.job, .regions.regions, .arrangement.regions, .homology.betti]' "$TMP/b1.jsonl" | head -3 | tr -d '\n')" = \
  '[0,15,null,[1,0,0,0]][1,10,null,[1,1,0]][2,11,null,[1,0,0]]' ] && pass || fail "batch records"
[ "$(sed -n 1p "$TMP/b1.jsonl" | jq -c .regions)" = "$("$BIN" regions "$D/sage/case000.json" --box -1,1 --json --quiet | jq -c .)" ] \
    && pass || fail "batch record differs from the command's own output"
[ "$(sed -n 4p "$TMP/b1.jsonl" | jq -r '.regions.error' | grep -c nonexistent)" = 1 ] && pass || fail "batch error record"
head -2 "$TMP/b1.jsonl" >"$TMP/b3.jsonl"; sed -n 3p "$TMP/b1.jsonl" | head -c 40 >>"$TMP/b3.jsonl"   # killed mid-write
"$BIN" batch "$TMP/m.jsonl" --out "$TMP/b3.jsonl" --jobs 2 --quiet | grep -q "2 computed, 2 kept" && cmp -s "$TMP/b3.jsonl" "$TMP/b1.jsonl" \
    && pass || fail "batch resume"
echo '{"network": 3}' >"$TMP/badm.jsonl"
expect 2 "$BIN" batch "$TMP/badm.jsonl" --out "$TMP/x.jsonl"
expect 2 "$BIN" batch "$TMP/m.jsonl"
expect 0 "$BIN" batch --help

# --- float sampling counter: the braid line x1 = x2 meets the 9-point grid in 3 points, where the
# float and exact signs are both 0 (no mislabel); the default network loses regions on a coarse grid
f=$("$BIN" float-count "$TMP/b2.json" --box -1,1 --grid 3 --json)
[ "$(echo "$f" | jq -c '[.regions, .float_patterns, .on_boundary, .mislabelled, .points]')" = "[2,2,3,0,9]" ] && pass || fail "float-count: $f"
f=$("$BIN" float-count "$D/../../data/default.json" --box -1,1 --grid 5 --json)
[ "$(echo "$f" | jq '.missed > 0 and .regions == 64')" = true ] && pass || fail "float-count misses regions on a coarse grid: $f"
expect 2 "$BIN" float-count "$TMP/b2.json" --box -1,1
expect 0 "$BIN" float-count --help

# --- figures: deterministic bytes, errors for what cannot be drawn
"$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/a.svg" && "$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/b.svg" \
    && cmp -s "$TMP/a.svg" "$TMP/b.svg" && grep -q "<svg" "$TMP/a.svg" && pass || fail "plot svg is not deterministic"
"$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/a.pdf" --color fiedler && "$BIN" plot "$D/sage/case005.json" --box -1,1 \
    --out "$TMP/b.pdf" --color fiedler && cmp -s "$TMP/a.pdf" "$TMP/b.pdf" && pass || fail "plot pdf is not deterministic"
"$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/a.png" --color value && head -c 8 "$TMP/a.png" | grep -q PNG && pass || fail "plot png"
expect 3 "$BIN" plot "$D/sage/case000.json" --box -1,1 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/x.gif"
expect 2 "$BIN" plot "$D/sage/case005.json" --box -1,1 --out "$TMP/x.svg" --color rainbow
expect 0 "$BIN" plot --help
# -o is --out on every command that writes a file (one spelling)
"$BIN" plot "$D/sage/case005.json" --box -1,1 -o "$TMP/c.svg" && cmp -s "$TMP/a.svg" "$TMP/c.svg" && pass || fail "plot -o differs from --out"
"$BIN" random --dim 2 --widths 3 --kind rat --seed 1 -o "$TMP/r1.json" && "$BIN" random --dim 2 --widths 3 --kind rat --seed 1 \
    --out "$TMP/r2.json" && cmp -s "$TMP/r1.json" "$TMP/r2.json" && pass || fail "random -o differs from --out"
expect 2 "$BIN" random --dim 2 --widths 3 --kind rat --seed 1 -o "$TMP/r1.json" --out "$TMP/r2.json"

# --- --jobs: the same bytes for every number of worker processes
for j in 1 2 3; do
    "$BIN" regions "$D/sage/case029.json" --box -1,1 --json --list --stream "$TMP/s$j.jsonl" --jobs $j >"$TMP/j$j.json" || fail "--jobs $j"
done
cmp -s "$TMP/j1.json" "$TMP/j2.json" && cmp -s "$TMP/j1.json" "$TMP/j3.json" && cmp -s "$TMP/s1.jsonl" "$TMP/s3.jsonl" \
    && pass || fail "--jobs changes the output"
"$BIN" regions "$D/sage/case020.json" --whole --list --jobs 2 >"$TMP/t2.txt" && "$BIN" regions "$D/sage/case020.json" --whole --list >"$TMP/t1.txt" \
    && cmp -s "$TMP/t1.txt" "$TMP/t2.txt" && pass || fail "--jobs text list"
expect 2 "$BIN" regions "$D/sage/case029.json" --jobs 2 --check-faces
expect 2 "$BIN" regions "$D/sage/case029.json" --jobs 0

# --- limits and SIGINT: partial output stays valid and says so, exit status 4
"$BIN" regions "$D/sage/case029.json" --box -1,1 --json --max-regions 7 --stream "$TMP/lim.jsonl" >"$TMP/lim.json" 2>/dev/null
[ $? -eq 4 ] && [ "$(jq -c '[.regions, .partial]' "$TMP/lim.json")" = "[7,true]" ] && [ "$(wc -l <"$TMP/lim.jsonl")" -eq 7 ] \
    && jq -e . "$TMP/lim.jsonl" >/dev/null && pass || fail "--max-regions partial output"
[ "$("$BIN" regions "$D/sage/case029.json" --box -1,1 --json | jq .partial)" = false ] && pass || fail "complete run says partial: false"
"$BIN" random --dim 6 --widths 30 --kind int --seed 2 >"$TMP/slow.json"    # takes far more than a second
"$BIN" regions "$TMP/slow.json" --whole --json --list --quiet >"$TMP/int.json" 2>/dev/null &
bgpid=$!
sleep 1
kill -INT $bgpid
wait $bgpid
rc=$?
[ $rc -eq 4 ] && [ "$(jq -c '[.partial, .regions == (.region_list | length)]' "$TMP/int.json")" = "[true,true]" ] \
    && pass || fail "SIGINT: exit $rc, output $(head -c 200 "$TMP/int.json")"
"$BIN" regions "$TMP/slow.json" --whole --time-limit 0.3 --quiet >/dev/null 2>&1
[ $? -eq 4 ] && pass || fail "--time-limit"
expect 2 "$BIN" regions "$D/sage/case029.json" --max-regions 0
expect 2 "$BIN" regions "$D/sage/case029.json" --time-limit -1

# --- wedge dictionaries and their bad input
echo '{"X": [[1,0,0],[0,1,0],[1,2,3],[2,1,1]], "y": [1,2,3,4]}' >"$TMP/d3.json"
w=$("$BIN" wedge "$TMP/d3.json" --json --list)
[ "$(echo "$w" | jq -c '[.raw_features, .columns[0].weights, .columns[0].values[2]]')" = "[12,[0,0,1],3]" ] && pass || fail "wedge: $w"
[ "$("$BIN" wedge "$TMP/d3.json" --bias --json | jq .raw_features)" = 8 ] && pass || fail "wedge --bias: 2 C(4,3)"
echo '{"X": [[1,2],[3]], "y": [1,2]}' >"$TMP/w1.json"; expect 2 "$BIN" wedge "$TMP/w1.json"
echo '{"X": [[1,2],[1,2]], "y": [1,2]}' >"$TMP/w2.json"; expect 2 "$BIN" wedge "$TMP/w2.json"
echo '{"X": [[1,2,3]], "y": [1]}' >"$TMP/w3.json"; expect 2 "$BIN" wedge "$TMP/w3.json"
echo '{"X": [[1,2]], "y": [1, 2]}' >"$TMP/w4.json"; expect 2 "$BIN" wedge "$TMP/w4.json"
echo '{"X": [[1,"1/0"]], "y": [1]}' >"$TMP/w5.json"; expect 2 "$BIN" wedge "$TMP/w5.json"
expect 0 "$BIN" wedge --help

# --- every bad network file: exit 2, one line, never a crash
for f in "$D"/bad/*.json; do
    [ -e "$f" ] || continue
    code=2
    case $f in *activation_tanh*) code=3 ;; esac   # valid file, unsupported activation
    expect $code "$BIN" regions "$f" --box -1,1
    expect $code "$BIN" eval "$f" --at 0
done

echo "t-cli: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
