#!/bin/sh
# polytope, faces, polar end to end: keys, formulas (f-vectors, Euler, flags),
# round trips through the printed H- and V-forms, polar(polar(P)) = P through
# files, combinatorial comparison, regions of a network, and bad input (exit
# code and exactly one line on stderr).
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
P="$D/polytopes"



# --- every polytope file: keys, Euler, facets = f_{dim-1}, determinism, round trips
for f in "$P"/*.json; do
    case $f in *exact-numbers.json) continue;; esac   # big integers do not survive jq
    out=$("$BIN" polytope "$f" --json) || { fail "polytope $f"; continue; }
    again=$("$BIN" polytope "$f" --json)
    check "$f deterministic" "$out" "$again"
    check "$f keys" "$(echo "$out" | jq -c '[has("dim"), has("fvector"), has("vertices"), has("rays"), has("inequalities"), has("type"), .verified]')" \
        '[true,true,true,true,true,true,true]'
    dim=$(echo "$out" | jq .dim)
    check "$f fvector length" "$(echo "$out" | jq '.fvector | length')" $((dim + 1))
    check "$f facets" "$(echo "$out" | jq '.fvector[.dim - 1]')" "$(echo "$out" | jq '.inequalities.A | length')"
    # Euler: 1 - (-1)^dim over the proper faces of a polytope; 0 with rays
    e=$(echo "$out" | jq '[.fvector[:-1] | to_entries[] | (if .key % 2 == 0 then .value else -.value end)] | add // 0')
    if [ "$(echo "$out" | jq '.rays | length')" -gt 0 ]; then want=$((0 - (dim % 2 == 0 ? 1 : -1))); else want=$((1 - (dim % 2 == 0 ? 1 : -1))); fi
    [ "$(echo "$out" | jq 'has("lineality")')" = true ] || check "$f Euler" "$e" "$want"
    if [ "$dim" -lt "$(echo "$out" | jq .ambient_dim)" ]; then
        check "$f equations" "$(echo "$out" | jq '.equations.A | length')" "$(( $(echo "$out" | jq .ambient_dim) - dim ))"
    fi
    # H round trip (equations as two inequalities each) and V round trip
    echo "$out" | jq -c '{A: (.inequalities.A + (.equations.A // []) + ((.equations.A // []) | map(map(-.)))),
                          b: (.inequalities.b + (.equations.b // []) + ((.equations.b // []) | map(-.)))}' >"$TMP/h.json"
    echo "$out" | jq -c '{vertices, rays} + (if has("lineality") then {lineality} else {} end)' >"$TMP/v.json"
    for rt in h v; do
        back=$("$BIN" polytope "$TMP/$rt.json" --json) || { fail "$f $rt round trip"; continue; }
        check "$f $rt round trip" "$(echo "$back" | jq -c '[.vertices, .rays, .inequalities, .equations]')" \
            "$(echo "$out" | jq -c '[.vertices, .rays, .inequalities, .equations]')"
    done
done

# --- known answers
check "cube type" "$("$BIN" polytope "$P/cube3.json" --json | jq -r .type)" cube
check "permutahedron" "$("$BIN" polytope "$P/permutahedron4.json" --json | jq -c '[.dim, .fvector, .equations]')" \
    '[3,[24,36,14,1],{"A":[[1,1,1,1]],"b":[10]}]'
check "redundant rows" "$("$BIN" polytope "$P/square-redundant.json" --json | jq -c '.inequalities')" \
    '{"A":[[-1,0],[0,-1],[0,1],[1,0]],"b":[1,1,1,1]}'
check "implicit equality" "$("$BIN" polytope "$P/segment-implicit.json" --json | jq -c '[.dim, .vertices, .equations]')" \
    '[1,[["-1/4","5/4"],["3/4","1/4"]],{"A":[[1,1]],"b":[1]}]'
check "repeated and interior points" "$("$BIN" polytope "$P/hexagon-v.json" --json | jq -c '[.fvector, .type]')" '[[6,6,1],"hexagon"]'
# (jq turns big integers into doubles: compare the raw text)
check "exact numbers" "$("$BIN" polytope "$P/exact-numbers.json" --json | tr -d ' \n' | grep -o '"vertices":[^}]*]],"rays"')" \
    '"vertices":[[0,"-1/1000"],["1/4","1/2"],[1267650600228229401496703205376,"2/3"]],"rays"'
check "lineality" "$("$BIN" polytope "$P/slab-lineality.json" --json | jq -c '[.lineality, .rays, .fvector]')" '[[[0,1,0]],[[1,0,0]],[0,2,3,1]]'
check "frustum ~ cube" "$("$BIN" polytope "$P/frustum.json" --compare "$P/cube3.json" --json | jq -c '[.equivalent, (.isomorphism.vertices | length)]')" '[true,8]'
check "cube !~ octahedron" "$("$BIN" polytope "$P/cube3.json" --compare "$P/octahedron-offset.json" --json | jq .equivalent)" false

# --- faces: counts, flags, Hasse diagram
out=$("$BIN" faces "$P/cube3.json" --json)
check "cube faces" "$(echo "$out" | jq '.faces | length')" 28
check "cube flags" "$(echo "$out" | jq .flags)" 48
check "cube hasse" "$(echo "$out" | jq .hasse)" $((8 + 24 + 24 + 6))
check "cube vertex facets" "$(echo "$out" | jq '[.faces[] | select(.dim == 0) | .facets | length] | unique')" "$(printf '[\n  3\n]' | jq .)"
check "cube covers" "$(echo "$out" | jq '[.faces[] | select(.dim == 2) | .covers | length] | unique | .[0]')" 4
check "cube flag f-vector" "$(echo "$out" | jq -c '[.flag_fvector[] | select(.dims == [0,2]) | .count]')" '[24]'
out=$("$BIN" faces "$P/wedge-unbounded.json" --json)
check "unbounded faces" "$(echo "$out" | jq -c '[.fvector, .euler, (.faces | length)]')" '[[2,3,1],0,7]'
check "unbounded rays" "$(echo "$out" | jq -c '[.faces[] | select(.dim == 1) | .rays]')" '[[],[0],[1]]'
out=$("$BIN" faces "$P/permutahedron4.json" --json)
check "permutahedron flags" "$(echo "$out" | jq .flags)" $((24 * 6))

# --- faces of a network region: the region's own vertices and facets
if [ -f data/default.json ] || [ -f "${top_srcdir:-.}/data/default.json" ]; then
    net=data/default.json
    [ -f "$net" ] || net="${top_srcdir}/data/default.json"
    reg=$("$BIN" regions "$net" --box -1,1 --list --json --quiet | jq -c '.region_list[2]')
    pat=$(echo "$reg" | jq -r .pattern)
    out=$("$BIN" faces "$net" --region "$pat" --box -1,1 --json) || fail "faces --region"
    check "region vertices" "$(echo "$out" | jq -c .vertices)" "$(echo "$reg" | jq -c .vertices)"
    check "region facets" "$(echo "$out" | jq '.inequalities.A | length')" "$(echo "$reg" | jq .facets)"
    check "region fvector" "$(echo "$out" | jq -c '.fvector')" "$(echo "$reg" | jq -c .fvector)"
    expect 2 "$BIN" faces "$net" --region 0101 --box -1,1
    expect 2 "$BIN" faces "$net" --region "$(echo "$pat" | tr 01 10)" --box -1,1
fi

# --- polar
out=$("$BIN" polar "$P/cube3.json" --json)
check "polar of cube" "$(echo "$out" | jq -c '[.dual_type, .fvector, .center, .center_source]')" \
    '["octahedron (3-cross-polytope)",[6,12,8,1],[0,0,0],"origin"]'
check "polar face map" "$(echo "$out" | jq '[.face_map[] | .dim + .dual_dim] | unique | .[0]')" 2
echo "$out" | jq -c '{vertices}' >"$TMP/dual.json"
check "polar of polar" "$("$BIN" polar "$TMP/dual.json" --json | jq -c .vertices)" "$("$BIN" polytope "$P/cube3.json" --json | jq -c .vertices)"
expect 2 "$BIN" polar "$P/octahedron-offset.json"
grep -q "origin is not an interior point" "$TMP/err" && pass || fail "polar message"
out=$("$BIN" polar "$P/octahedron-offset.json" --center auto --json)
check "polar auto centre" "$(echo "$out" | jq -c '[.center, .center_source, .dual_type]')" '[[2,0,0],"vertex centroid","cube"]'
check "polar given centre" "$("$BIN" polar "$P/octahedron-offset.json" --center 2,0,0 --json | jq -c '[.center_source, .vertices]')" \
    "$(echo "$out" | jq -c '["given", .vertices]')"
expect 2 "$BIN" polar "$P/octahedron-offset.json" --center 3,0,0
expect 2 "$BIN" polar "$P/octahedron-offset.json" --center 1,x,0
expect 3 "$BIN" polar "$P/wedge-unbounded.json"
expect 3 "$BIN" polar "$P/triangle-in-3d.json"

# --- level sets of networks
H="$P/nets/hexagon3.json"
out=$("$BIN" levelset "$H" --sublevel 1 --zonotope --json)
check "hexagon sublevel" "$(echo "$out" | jq -c '[.convex, .bounded, .pieces, .polytope.type, .polytope.fvector, .polytope.flags]')" \
    '[true,true,6,"hexagon",[6,6,1],12]'
check "hexagon = polar of the zonotope" "$(echo "$out" | jq -c '[.zonotope.applies, .zonotope.verified, .zonotope.fvector]')" '[true,true,[6,6,1]]'
# the polar of the set, taken by relucert polar, is the zonotope (scaled by 1/(T - c0) = 1)
echo "$out" | jq -c '{vertices: .polytope.vertices}' >"$TMP/set.json"
check "polar of the set" "$("$BIN" polar "$TMP/set.json" --json | jq -c .vertices)" "$(echo "$out" | jq -c .zonotope.vertices)"
out=$("$BIN" levelset "$H" --level 1 --json --list)
check "hexagon boundary" "$(echo "$out" | jq -c '[.convex, .pieces_by_dim, ([.piece_list[].pattern] | unique)]')" '[false,[0,6,0],[null]]'
check "witness" "$(echo "$out" | jq -c '.witness | length')" 2
check "point" "$("$BIN" levelset "$H" --sublevel 0 --json | jq -c '[.convex, .pieces_by_dim, .polytope.vertices, .polytope.type]')" \
    '[true,[1,0,0],[[0,0]],"point"]'
check "empty" "$("$BIN" levelset "$H" --sublevel -1/2 --json | jq -c '[.empty, .pieces]')" '[true,0]'
check "superlevel" "$("$BIN" levelset "$H" --superlevel 1 --json | jq -c '[.convex, .bounded]')" '[false,false]'
check "zonotope reason" "$("$BIN" levelset "$H" --superlevel 1 --zonotope --json | jq -r '.zonotope.reason')" \
    "the duality is about sublevel sets {N <= T}"
if [ -n "${net:-}" ]; then
    out=$("$BIN" levelset "$net" --sublevel 0 --box -1,1 --json --list)
    check "pieces are regions" "$(echo "$out" | jq '[.piece_list[] | select(.dim == 2)] | length')" "$(echo "$out" | jq .pieces_by_dim[2])"
    check "default net reason" "$("$BIN" levelset "$net" --sublevel 0 --box -1,1 --zonotope --json | jq -r .zonotope.reason)" \
        "the network does not have exactly one hidden layer"
fi
expect 2 "$BIN" levelset "$H"
expect 2 "$BIN" levelset "$H" --sublevel 1 --level 1
expect 2 "$BIN" levelset "$H" --sublevel x
expect 2 "$BIN" levelset "$H" --sublevel 1 --output 3
expect 2 "$BIN" levelset "$H" --sublevel 1 --output -1
expect 2 "$BIN" levelset "$P/cube3.json" --sublevel 1

# --- help and usage
for c in polytope faces polar levelset; do
    expect 0 "$BIN" $c --help
    grep -q "JSON keys" "$TMP/out" && pass || fail "$c --help documents no keys"
    expect 2 "$BIN" $c
    expect 2 "$BIN" $c "$P/cube3.json" --bogus
done
expect 2 "$BIN" faces "$P/cube3.json" --box -1,1

# --- bad polytope files
for f in "$P"/bad/*.json; do
    expect 2 "$BIN" polytope "$f"
done
expect 2 "$BIN" polytope "$TMP/does-not-exist.json"

# --- the empty polyhedron is an answer (as in cddlib and lrs), not an error
E="$P/empty/infeasible.json"
check "empty" "$("$BIN" polytope "$E" --json | jq -c '[.dim, .fvector, .vertices, .inequalities.A, .type, .verified]')" \
    '[-1,[],[],[],"empty set",true]'
check "empty compare" "$("$BIN" polytope "$E" --compare "$E" --json | jq -c '.equivalent')" 'true'
check "empty vs cube" "$("$BIN" polytope "$E" --compare "$P/cube3.json" --json | jq -c '.equivalent')" 'false'
expect 3 "$BIN" faces "$E"
expect 3 "$BIN" polar "$E"

echo "t-cli-polytope: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
