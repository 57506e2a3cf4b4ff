#!/bin/sh
# Homology certificates (relucert homology --certificate) verified by the
# independent checker relucert-check, and tampered ones rejected with one line
# that says which check failed.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}

# certify NET ARGS...: certificate verified, the checker's homology line is the JSON's
certify() {
    net=$1; shift
    "$BIN" homology "$net" "$@" --json --certificate "$TMP/c.json" >"$TMP/s.json" \
        || { fail "homology $net $* --certificate"; return; }
    "$CHECK" "$TMP/c.json" "$net" >"$TMP/out" 2>"$TMP/err" || { fail "check $net $*: $(cat "$TMP/err")"; return; }
    want=$(jq -r '[.betti | to_entries[] | "H_\(.key) = Z^\(.value)"] | join(", ")' "$TMP/s.json")
    got=$(sed -n 's/^  - homology of this chain complex: \(.*\); Euler.*/\1/p' "$TMP/out" | sed 's/ + Z\/[0-9]*//g')
    [ "$got" = "$want" ] && [ "$(jq -c .betti "$TMP/c.json")" = "$(jq -c .betti "$TMP/s.json")" ] && pass \
        || fail "$net $*: checker says '$got', homology --json '$want'"
}

# --- every fixture with a known superlevel set, in the box; the sublevel set too
n=0
for net in "$D"/sage/case*[0-9].json; do
    certify "$net" --box -1,1 --superlevel 0
    certify "$net" --box -1,1 --sublevel 0
    n=$((n + 1))
done
[ "$n" -ge 10 ] && pass || fail "only $n fixtures"

# --- closed answers: the l1 ball's level set is a circle, superlevel sets over R^2
cat >"$TMP/l1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,0],[-1,0],[0,1],[0,-1]], "biases": [0,0,0,0]},
                            {"weights": [[1,1,1,1]], "biases": [0]}]}
JSON
certify "$TMP/l1.json" --box -1,1 --level 1/2
grep -q "H_0 = Z^1, H_1 = Z^1, H_2 = Z^0" "$TMP/out" && pass || fail "circle"
certify "$TMP/l1.json" --level 1/2
certify "$TMP/l1.json" --whole --superlevel 1/2
certify "$TMP/l1.json" --domain "$D/domains/triangle.json" --superlevel 1/3
certify "$TMP/l1.json" --box -1,1 --superlevel 3
grep -q "cells: 0,0,0 " "$TMP/out" && pass || fail "empty set"
# a deeper network, and a one-dimensional one
"$BIN" random --dim 2 --widths 4,3 --kind int --seed 2 >"$TMP/deep.json"
certify "$TMP/deep.json" --box -2,2 --superlevel 0
cat >"$TMP/one.json" <<'JSON'
{"input_dim": 1, "layers": [{"weights": [[1],[1],[1]], "biases": [1,0,-1]},
                            {"weights": [[1,-2,2]], "biases": [0]}]}
JSON
certify "$TMP/one.json" --box -3,3 --sublevel 1/2
# lower-dimensional sets and slabs, closed answers: four arcs (the l1 circle of radius 3/2 cut
# by the box: H_0 = Z^4); a superlevel set with a 2-dimensional part and a dangling segment,
# {|x_2| <= relu(x_1 - 1/2)}, contractible; over R^3 the l1 circle times R, X = S^1 x R, whose
# X+ is S^2 with two points identified (H~ = 0, Z, Z, 0), with 4 slabs (segment x R) on 4 lines;
# and the disk times R, X+ = the suspension of D^2 plus a point (H~ = 0, Z, 0, 0)
certify "$TMP/l1.json" --box -1,1 --level 3/2
grep -q "H_0 = Z^4, H_1 = Z^0, H_2 = Z^0" "$TMP/out" && pass || fail "four arcs"
cat >"$TMP/tail.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[0,1],[0,-1],[1,0]], "biases": [0,0,"-1/2"]},
                            {"weights": [[-1,-1,1]], "biases": [0]}]}
JSON
certify "$TMP/tail.json" --box -1,1 --superlevel 0
grep -q "H_0 = Z^1, H_1 = Z^0, H_2 = Z^0" "$TMP/out" && pass || fail "wedge with a segment"
jq -e '(.cells[1] | length) > ([.boundaries[1].matrix.entries[][0]] | unique | length)' "$TMP/c.json" >/dev/null \
    && pass || fail "no dangling edge (an edge that is a facet of no 2-cell)"
cat >"$TMP/l1z.json" <<'JSON'
{"input_dim": 3, "layers": [{"weights": [[1,0,0],[-1,0,0],[0,1,0],[0,-1,0]], "biases": [0,0,0,0]},
                            {"weights": [[1,1,1,1]], "biases": [0]}]}
JSON
certify "$TMP/l1z.json" --whole --level 1/2
grep -q "cells: 0,4,4,0 " "$TMP/out" && grep -q "H_0 = Z^0, H_1 = Z^1, H_2 = Z^1, H_3 = Z^0" "$TMP/out" \
    && grep -q "reduced homology of the set's one-point compactification" "$TMP/out" && pass || fail "circle x R"
cp "$TMP/c.json" "$TMP/slabs.json"
certify "$TMP/l1z.json" --whole --sublevel 1/2
grep -q "H_0 = Z^0, H_1 = Z^1, H_2 = Z^0, H_3 = Z^0" "$TMP/out" && pass || fail "disk x R"
# the option changes nothing else
"$BIN" homology "$TMP/l1.json" --box -1,1 --level 1/2 --json >"$TMP/x.json"
"$BIN" homology "$TMP/l1.json" --box -1,1 --level 1/2 --json --certificate "$TMP/c.json" >"$TMP/y.json"
cmp -s "$TMP/x.json" "$TMP/y.json" && pass || fail "--certificate changes the output"
# a larger complex (877, 2374, 2143, 645 cells): the sparse transforms stay small (~11 MB), and
# the complex (the regions certificate with every face, from which the checker derives the
# cells) adds ~14 MB
"$BIN" random --dim 3 --widths 12,6 --kind gauss --seed 3 >"$TMP/big.json"
certify "$TMP/big.json" --box -1,1 --superlevel 0
[ "$(wc -c <"$TMP/c.json")" -lt 30000000 ] && pass || fail "the larger certificate has $(wc -c <"$TMP/c.json") bytes"
expect 2 "$BIN" homology "$TMP/l1.json" --box -1,1 --level 1/2 --certificate "$TMP/no/dir/c.json"

# --- tampering: case005 superlevel set in the box (an annulus: b = 1, 1, 0)
net="$D/sage/case005.json"
"$BIN" homology "$net" --box -1,1 --superlevel 0 --certificate "$TMP/good.json" >/dev/null
"$CHECK" --quiet "$TMP/good.json" "$net" && pass || fail "good certificate"
tamper() {   # tamper NAME JQ-FILTER EXPECTED-TEXT
    jq "$2" "$TMP/good.json" >"$TMP/bad.json" || { fail "jq $1"; return; }
    "$CHECK" "$TMP/bad.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ ! -s "$TMP/out" ] && grep -q "$3" "$TMP/err" && pass \
        || fail "tampered ($1): exit $rc, $(cat "$TMP/err")"
}
tamper "matrix entry sign flipped" '.boundaries[1].matrix.entries[0][2] *= -1' "not a chain complex"
tamper "matrix entry changed" '.boundaries[0].matrix.entries[0][2] = 2' "is not +1 or -1"
tamper "matrix entry removed" 'del(.boundaries[0].matrix.entries[0])' "not a chain complex"
tamper "V unimodular but not reducing" '.smith[0].V.entries |= map(if .[1] == 0 then .[2] *= -1 else . end)
    | .smith[0].V_inv.entries |= map(if .[0] == 0 then .[2] *= -1 else . end)' "differs from the stated diagonal form"
tamper "matrix entry repeated" '.boundaries[0].matrix.entries += [.boundaries[0].matrix.entries[0]]' "given twice"
tamper "U not unimodular" '.smith[0].U.entries[0][2] += 2' "U U_inv: the product is not the identity"
tamper "V not unimodular" '.smith[1].V.entries[-1][2] *= 2' "V V_inv: the product is not the identity"
tamper "U and U_inv both scaled" '.smith[0].U.entries |= map(.[2] *= 2)' "not unimodular"
tamper "invariant factor changed" '.smith[1].diagonal[-1] = 2' "differs from the stated diagonal form"
tamper "rank changed" '.smith[1].diagonal |= .[1:]' "differs from the stated diagonal form"
tamper "divisibility chain" '.smith[0].diagonal[0] = 2' "no divisibility chain"
tamper "Betti number changed" '.betti[1] = 0' "betti\[1\] is not 1"
tamper "torsion added" '.torsion[1] = [2]' "torsion\[1\] lists more"
tamper "euler changed" '.euler = 1' "euler is not 0"
# a dropped cell is caught by completeness (before the matrices): the cells are derived from the complex
tamper "cell removed" 'del(.cells[2][0])' "cells are missing"
tamper "cell removed with its column" '(.cells[2] | length - 1) as $c | del(.cells[2][-1])
    | .boundaries[1].matrix.entries |= map(select(.[1] != $c)) | .boundaries[1].matrix.size[1] -= 1' "cells are missing"
tamper "vertex removed with its row" '(.cells[0] | length - 1) as $r | del(.cells[0][-1])
    | .boundaries[0].matrix.entries |= map(select(.[0] != $r)) | .boundaries[0].matrix.size[0] -= 1' "cells are missing"
tamper "cell added (a point of another cell's stratum)" '.cells[2] += [.cells[2][0] | map(.)] | .cells[2][-1] = .cells[2][0]' \
    "same sign vector"
tamper "no complex" 'del(.complex)' "no \"complex\""
tamper "complex: a region removed" 'del(.complex.regions[-1])' "complex\|region\|adjacency"
tamper "complex: a face removed" '.complex.regions[0].faces |= (del(.[1])
    | map(.facets |= map(select(. != 1) | if . > 1 then . - 1 else . end)))' "face lattice is incomplete"
tamper "complex: other network" '.complex.network.layers[0].biases[0] = 5' "network differs"
tamper "complex: other domain" '.complex.domain.b[0] = 2' "domain differs"
tamper "complex: format 1" 'del(.complex.format)' "format 2"
tamper "cell repeated" '.cells[1][1] = .cells[1][0]' "same sign vector"
tamper "cells swapped" '.cells[1][0] as $a | .cells[1][0] = .cells[1][1] | .cells[1][1] = $a' "is not a face"
tamper "edge point moved into a face" '.cells[1][0] = .cells[2][0]' "is 2-dimensional, not 1"
tamper "vertex point moved along an edge" '.cells[0][0] = .cells[1][0]' "is 1-dimensional, not 0"
tamper "point moved out of the domain" '.cells[0][0][0] = 3' "outside the domain"
tamper "other set" '.set = "sublevel"' "not in the sublevel set"
tamper "threshold" '.threshold = "1"' "not in the superlevel set"
tamper "network weight" '.network.layers[0].weights[0][0] = 7' "differs"
tamper "output" '.output = 1' "output must be"
# --- consistent forgeries of the incidences (tests/forge_homology.py): one entry of d_k changed where
# d o d = 0 survives, every Smith form with its transforms, the Betti numbers, torsion and Euler
# characteristic recomputed for the forged complex. The incidence check (checker/incidence.c) runs
# last, after every other check: a certificate rejected by it passed checks 1-4, the whole checker
# before it (which accepted these forgeries: H_0 = Z/2 for a circle, H_1 = Z/2 for the circle x R).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || { PY=false; fail "python3 is needed for the forgeries"; }
FORGE="$PY ${top_srcdir:-.}/tests/forge_homology.py"
forge() {   # forge NAME CERT NET FORGERY EXPECTED-CLAIM EXPECTED-TEXT
    $FORGE "$2" "$TMP/forged.json" "$4" >"$TMP/claim" || { fail "forge $1"; return; }
    check "forged claim ($1)" "$(cat "$TMP/claim")" "$5"
    "$CHECK" "$TMP/forged.json" "$3" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ ! -s "$TMP/out" ] && grep -q "$6" "$TMP/err" && pass \
        || fail "forged ($1): exit $rc, $(cat "$TMP/err")"
}
"$BIN" homology "$TMP/l1.json" --box -1,1 --level 3/2 --certificate "$TMP/arcs.json" >/dev/null
"$BIN" homology "$TMP/l1.json" --box -1,1 --level 1/2 --certificate "$TMP/circle.json" >/dev/null
# an arc's edge without one of its vertices: the same groups (a tree stays of full rank), other transforms
forge "arc: an edge's vertex dropped" "$TMP/arcs.json" "$TMP/l1.json" drop-edge-entry \
    "betti [4, 0, 0] torsion [[], [], []]" "must be nonzero on every facet pair"
forge "circle: an edge's vertex dropped" "$TMP/circle.json" "$TMP/l1.json" drop-edge-entry \
    "betti [0, 0, 0] torsion [[], [], []]" "cell 0 of dimension 0 is a facet of cell 0 of dimension 1, but entry (0, 0) is 0"
forge "circle: d_1 e = v + w" "$TMP/circle.json" "$TMP/l1.json" flip-edge-sign \
    "betti [0, 0, 0] torsion [[2], [], []]" "d_1: edge 0 has the vertices 0 and 1 with entries -1, -1: the boundary of an edge"
forge "circle x R: a slab's sign flipped" "$TMP/slabs.json" "$TMP/l1z.json" flip-slab-sign \
    "betti [0, 0, 0, 0] torsion [[], [2], [], []]" "d_2: cell 0 of dimension 2 is a slab .* they must have opposite signs"

"$BIN" regions "$net" --box -1,1 --quiet --certificate "$TMP/r.json" >/dev/null
expect 1 "$CHECK" "$TMP/good.json" "$TMP/l1.json"
expect 2 "$CHECK" --box -1,1 "$TMP/good.json"
# the domain asserted on the command line must be the certificate's
"$CHECK" --quiet --box -1,1 "$TMP/good.json" "$net" && pass || fail "--box -1,1 rejected"
"$CHECK" --box -2,2 "$TMP/good.json" "$net" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "not the box \[-2,2\]^2" "$TMP/err" && pass || fail "--box -2,2 accepted: $(cat "$TMP/err")"
"$CHECK" --whole "$TMP/good.json" "$net" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "not R^n" "$TMP/err" && pass || fail "--whole accepted for a box"

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
