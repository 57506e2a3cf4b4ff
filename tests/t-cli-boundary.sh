#!/bin/sh
# relucert boundary and relucert layer end to end: the INTERFACE keys, classes
# and layer anatomies worked out by hand, degenerate networks, the default
# domain, determinism, and bad input (every case must exit with the documented
# code and one line on stderr, never crash).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"



# jqis FILTER VALUE: the last output's FILTER (compact) is VALUE
jqis() {
    got=$(jq -c "$1" "$TMP/out")
    [ "$got" = "$2" ] && pass || fail "$1 = $got, expected $2 ($(head -c 200 "$TMP/out"))"
}

# f = relu(x) - relu(y) - 1: boundary x = 1 (y <= 0) and x - y = 1 (y > 0), class 1
cat >"$TMP/k1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, -1]], "biases": [-1]}]}
JSON
expect 0 "$BIN" boundary "$TMP/k1.json" --json
for k in pieces fvector class certificate full_dimensional_pieces; do jqis "has(\"$k\")" true; done
jqis .pieces 2
jqis .fvector '[1,2,0]'
jqis .class 1
jqis .class_pieces 2
jqis .domain '"R^2"'
jqis .certificate.scale 1
jqis 'has("degenerate")' false
# explicit --whole is the default
"$BIN" boundary "$TMP/k1.json" --json --whole >"$TMP/w"
cmp -s "$TMP/out" "$TMP/w" && pass || fail "--whole differs from the default domain"
# same input, same bytes
"$BIN" boundary "$TMP/k1.json" --json >"$TMP/w"
cmp -s "$TMP/out" "$TMP/w" && pass || fail "output is not deterministic"
# --list: the two pieces x = 1 (y <= 0) and x - y = 1 (y >= 0), both from the vertex (1,0)
expect 0 "$BIN" boundary "$TMP/k1.json" --json --list
jqis '.piece_list | length' 2
jqis '.piece_list[0]' '{"index":0,"signs":"+-","hyperplane":{"a":[1,0],"c":-1},"vertices":[[1,0]],"rays":[[0,-1]]}'
jqis '.piece_list[1].hyperplane' '{"a":[1,-1],"c":-1}'
jqis '.pieces' 2
expect 0 "$BIN" boundary "$TMP/k1.json" --list
[ "$(grep -c '^  piece ' "$TMP/out")" = 2 ] && pass || fail "text --list"
# at T = 3/2 (a decimal, read exactly) the sign of c0' stays negative: class 1 again
expect 0 "$BIN" boundary "$TMP/k1.json" --json --threshold 1.5
jqis .threshold '"3/2"'
jqis .class 1
jqis .certificate.scale '"5/2"'
# at T = -2: c0' = 1, only c_1 = -1 is opposite: class 1; in [-3,3]^2 a path of 2 edges
expect 0 "$BIN" boundary "$TMP/k1.json" --json --threshold -2 --box -3,3 --check-faces
jqis .fvector '[3,2,0]'
jqis .class 1
jqis .faces_checked true

# f = relu(x) + relu(y) + 1 at T = 0: k = 0, empty boundary
cat >"$TMP/k0.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, 1]], "biases": [1]}]}
JSON
expect 0 "$BIN" boundary "$TMP/k0.json" --json
jqis .class 0
jqis .pieces 0
jqis .fvector '[0,0,0]'
# at T = 2 the same network is class 2: relu(x) + relu(y) = 1
expect 0 "$BIN" boundary "$TMP/k0.json" --json --threshold 2
jqis .class 2
jqis .pieces 3
jqis .fvector '[2,3,0]'

# c0 = T: f - T = relu(x) - relu(y); the quadrant x, y <= 0 is a full-dimensional piece
cat >"$TMP/c0.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, -1]], "biases": ["1/2"]}]}
JSON
expect 0 "$BIN" boundary "$TMP/c0.json" --json --threshold 1/2
jqis .class null
jqis .degenerate '"c0 = threshold"'
jqis .full_dimensional_pieces 1
jqis .fvector '[1,3,1]'
# singular W
cat >"$TMP/sing.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 2], [2, 4]], "biases": [0, 1]},
                            {"weights": [[1, 1]], "biases": [-1]}]}
JSON
expect 0 "$BIN" boundary "$TMP/sing.json" --json
jqis .class null
jqis .degenerate '"singular W"'
jqis .rank 1
# zero output weight (and c0 = T as well: the first reason is reported, all are listed)
cat >"$TMP/zero.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, 0]], "biases": [0]}]}
JSON
expect 0 "$BIN" boundary "$TMP/zero.json" --json
jqis .degenerate '"zero output weight"'
jqis .degenerate_reasons '["zero output weight","c0 = threshold"]'
# text output names the class and the degenerate reason
expect 0 "$BIN" boundary "$TMP/k1.json"
grep -q "class: k = 1 (classes 0..2 in R^2" "$TMP/out" && pass || fail "text output lacks the class"
expect 0 "$BIN" boundary "$TMP/sing.json"
grep -q "degenerate (singular W" "$TMP/out" && pass || fail "text output lacks the degenerate reason"

# not one hidden layer of width n: pieces and f-vector, no class key
expect 0 "$BIN" boundary "$D/sage/case020.json" --json --box -1,1
jqis 'has("class")' false
jqis 'has("pieces") and has("fvector")' true
# homology in a box: relu(x) + relu(y) + relu(-x-y) = 1 is a hexagon (a circle)
cat >"$TMP/hex.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1], [-1, -1]], "biases": [0, 0, 0]},
                            {"weights": [[1, 1, 1]], "biases": [-1]}]}
JSON
expect 0 "$BIN" boundary "$TMP/hex.json" --json --box -2,2
jqis .betti '[1,1,0]'
jqis .components 1
jqis .fvector '[6,6,0]'
expect 0 "$BIN" boundary "$TMP/hex.json" --json
jqis 'has("betti")' false
# --output selects the output; the second output of this network is -relu(x) - relu(y) + 1
cat >"$TMP/two.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[5, 7], [-1, -1]], "biases": [0, 1]}]}
JSON
expect 0 "$BIN" boundary "$TMP/two.json" --json --output 1
jqis .class 2
jqis .output 1
# output 0 is 5 relu(x) + 7 relu(y) >= 0: empty at T = -1 (class 0), c0 = T at T = 0
expect 0 "$BIN" boundary "$TMP/two.json" --json --output 0 --threshold -1
jqis .class 0
expect 0 "$BIN" boundary "$TMP/two.json" --json --output 0
jqis .degenerate '"c0 = threshold"'

# --- bad input: exit 2, one line on stderr
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold abc
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold 1/0
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold ''
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold 1,2
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold inf
expect 2 "$BIN" boundary "$TMP/k1.json" --threshold
expect 2 "$BIN" boundary "$TMP/k1.json" --output 1
grep -q "output 1 does not exist" "$TMP/err" && pass || fail "--output 1 message: $(cat "$TMP/err")"
expect 2 "$BIN" boundary "$TMP/two.json" --output 2
expect 2 "$BIN" boundary "$TMP/k1.json" --output -1
expect 2 "$BIN" boundary "$TMP/k1.json" --output x
expect 2 "$BIN" boundary "$TMP/k1.json" --output 1.0
expect 2 "$BIN" boundary "$TMP/k1.json" --output 99999999999999999999999
expect 2 "$BIN" boundary "$TMP/k1.json" --box 1,-1
expect 2 "$BIN" boundary "$TMP/k1.json" --box -1,1 --whole
expect 2 "$BIN" boundary "$TMP/k1.json" --bogus
expect 2 "$BIN" boundary "$TMP/k1.json" "$TMP/k1.json"
expect 2 "$BIN" boundary
expect 2 "$BIN" boundary "$D/nonexistent.json"
for f in "$D"/bad/*.json; do
    [ -e "$f" ] || continue
    code=2
    case $f in *activation_tanh*) code=3 ;; esac
    expect $code "$BIN" boundary "$f"
done
expect 0 "$BIN" boundary --help
grep -q "degenerate" "$TMP/out" && grep -q "pieces" "$TMP/out" && pass || fail "--help lacks the keys"

# --- relucert layer
expect 0 "$BIN" layer "$TMP/k1.json" --json
jqis .sectors 4
jqis .square_invertible true
jqis .verified_sectors 4
jqis .apex '[0,0]'
# W = [[2,1],[1,1]], b = (1,-1): apex -W^-1 b = (-2, 3), dual columns of W^-1 = [[1,-1],[-1,2]]
cat >"$TMP/l2.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[2, 1], [1, 1]], "biases": [1, -1]},
                            {"weights": [[1, 1]], "biases": [0]}]}
JSON
expect 0 "$BIN" layer "$TMP/l2.json" --json --list
jqis .apex '[-2,3]'
jqis .dual_bases.columns '[[1,-1],[-1,2]]'
jqis '.sector_list | length' 4
jqis '[.sector_list[] | .factorises] | all' true
# the sector with both neurons active: pi is the identity
jqis '.sector_list[] | select(.pattern == "11") | .projection' '{"P":[[1,0],[0,1]],"q":[0,0]}'
# opposite rows in R^1: two sectors, neither factorises, no right inverse
cat >"$TMP/opp.json" <<'JSON'
{"input_dim": 1, "layers": [{"weights": [[1], [-1]], "biases": [0, 0]}, {"weights": [[1, 1]], "biases": [0]}]}
JSON
expect 0 "$BIN" layer "$TMP/opp.json" --json
jqis .factorising_sectors 0
jqis 'has("right_inverse")' false
expect 0 "$BIN" layer "$TMP/opp.json"
expect 2 "$BIN" layer "$TMP/k1.json" --layer 2
expect 2 "$BIN" layer "$TMP/k1.json" --layer 0
expect 2 "$BIN" layer "$TMP/k1.json" --layer x
expect 2 "$BIN" layer "$TMP/k1.json" --bogus
expect 2 "$BIN" layer
expect 0 "$BIN" layer --help

echo "t-cli-boundary: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
