#!/bin/sh
# Format 2 regions certificates: every region's face lattice and the complex's
# f-vector, verified by relucert-check; forged lattices and counts rejected.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}

# --- the f-vector the checker proves is the engine's (fixtures, box and R^n; random deeper ones)
n=0 g=0
for net in "$D"/sage/case*[0-9].json; do
    for dom in box whole; do
        if [ "$dom" = box ]; then set -- --box -1,1; else set -- --whole; fi
        "$BIN" regions "$net" "$@" --json --quiet --certificate "$TMP/c.json" >"$TMP/s.json" \
            || { fail "regions $net $dom"; continue; }
        "$CHECK" "$TMP/c.json" "$net" >"$TMP/out" 2>"$TMP/err" || { fail "check $net $dom: $(cat "$TMP/err")"; continue; }
        want=$(jq -r '.fvector | map(tostring) | join(",")' "$TMP/s.json")
        grep -q "f-vector of the complex $want, Euler characteristic $(jq .euler "$TMP/s.json"), as stated" "$TMP/out" \
            && pass || fail "$net $dom: checker's f-vector is not $want: $(grep f-vector "$TMP/out")"
        # bounded / relatively bounded / interior: the checker counts them from the face
        # lattices; the engine's regions --json counts them from the V-descriptions
        want=$(jq -r '"\(.bounded_regions) bounded, \(.relatively_bounded_regions) relatively bounded, \(.interior_regions) interior"' "$TMP/s.json")
        grep -q "from the face lattices: $want regions" "$TMP/out" \
            && pass || fail "$net $dom: checker's counts are not $want: $(grep 'face lattices:' "$TMP/out")"
        # the dual graph the checker proves is relucert dualgraph's (nodes, edges); dualgraph
        # exits 70 where it cannot certify the Laplacian spectrum: those are not compared (counted below)
        n=$((n + 1))
        "$BIN" dualgraph "$net" "$@" --json >"$TMP/g.json" 2>/dev/null || continue
        g=$((g + 1))
        grep -q "dual graph (regions joined across a shared facet): $(jq .nodes "$TMP/g.json") nodes, $(jq .edges "$TMP/g.json") edges" \
            "$TMP/out" && pass || fail "$net $dom: dual graph $(grep -A1 'dual graph' "$TMP/out") vs $(jq -c '[.nodes, .edges]' "$TMP/g.json")"
    done
done
[ "$n" -ge 30 ] && pass || fail "only $n certificates"
[ "$g" -ge 20 ] && pass || fail "only $g dual graphs compared"
for seed in 1 2 3; do
    "$BIN" random --dim 3 --widths 5,4 --kind degenerate --seed "$seed" >"$TMP/r.json"
    for dom in "--box -1,1" "--whole"; do
        # shellcheck disable=SC2086
        "$BIN" regions "$TMP/r.json" $dom --json --quiet --certificate "$TMP/c.json" >"$TMP/s.json" \
            && "$CHECK" "$TMP/c.json" "$TMP/r.json" >"$TMP/out" 2>"$TMP/err" \
            && grep -q "f-vector of the complex $(jq -r '.fvector | map(tostring) | join(",")' "$TMP/s.json")," "$TMP/out" \
            && pass || fail "random degenerate $seed $dom: $(cat "$TMP/err")"
    done
done
# a lineality space (parallel hyperplanes over R^2): no vertices, f = (0, 2, 3)
cat >"$TMP/lin.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1,0],[2,0],[0,0]], "biases": [0,1,1]}, {"weights": [[1,1,1]], "biases": [0]}]}
JSON
"$BIN" regions "$TMP/lin.json" --whole --quiet --certificate "$TMP/c.json" >/dev/null
"$CHECK" "$TMP/c.json" "$TMP/lin.json" | grep -q "f-vector of the complex 0,2,3, Euler characteristic 1" && pass \
    || fail "lineality"

# --- tampering (case002 in the box: 14 regions, f = 23, 36, 14)
net="$D/sage/case002.json"
"$BIN" regions "$net" --box -1,1 --quiet --certificate "$TMP/good.json" >/dev/null
"$CHECK" --quiet "$TMP/good.json" "$net" && pass || fail "good certificate"
tamper() {   # tamper NAME JQ-FILTER EXPECTED-TEXT
    jq "$2" "$TMP/good.json" >"$TMP/bad.json" || { fail "jq $1"; return; }
    "$CHECK" "$TMP/bad.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ ! -s "$TMP/out" ] && grep -q "$3" "$TMP/err" && pass \
        || fail "tampered ($1): exit $rc, $(cat "$TMP/err")"
}
tamper "f_0 + 1" '.counts.fvector[0] += 1' "fvector\[0\] is not 23"
tamper "f_1 - 1" '.counts.fvector[1] -= 1' "fvector\[1\] is not 36"
tamper "euler" '.counts.euler = 2' "euler is not 1"
tamper "fvector too short" '.counts.fvector |= .[:2]' "f_0..f_2"
tamper "no fvector" 'del(.counts.fvector)' "fvector"
tamper "bounded + 1" '.counts.bounded_regions += 1' "bounded_regions is not 14"
tamper "relatively bounded - 1" '.counts.relatively_bounded_regions -= 1' "relatively_bounded_regions is not 14"
tamper "interior + 1" '.counts.interior_regions += 1' "interior_regions is not"
tamper "no interior count" 'del(.counts.interior_regions)' "interior_regions is not"
# the output map: the checker's own forward pass under the pattern decides every entry
tamper "W entry" '.regions[2].affine.W[0][1] = "99/7"' "affine W\[0\]\[1\] is not"
tamper "c entry" '.regions[4].affine.c[0] = 12345' "affine c\[0\] is not"
tamper "maps of two regions swapped" '.regions[0].affine as $a | .regions[0].affine = .regions[1].affine | .regions[1].affine = $a' "region 0: affine"
tamper "no affine" 'del(.regions[3].affine)' "affine must be"
tamper "faces missing" 'del(.regions[3].faces)' "faces must be"
# drop a face and every reference to it, renumbering: the lattice is consistent but incomplete
for k in 1 6 9; do
    tamper "face $k removed" ".regions[0].faces |= (del(.[$k])
        | map(.facets |= map(select(. != $k) | if . > $k then . - 1 else . end)))" "face lattice is incomplete"
done
tamper "a vertex dropped as a facet" '.regions[0].faces[1].facets |= .[1:]' "face lattice is incomplete"
tamper "minimal face removed" '.regions[0].faces |= (del(.[-1]) | map(.facets = []))' "minimal face\|lists no facet"
tamper "face repeated" '.regions[0].faces += [.regions[0].faces[1]]' "same tight rows"
tamper "facet listed twice" '.regions[0].faces[0].facets += [.regions[0].faces[0].facets[0]]' "twice"
tamper "wrong facet" '.regions[0].faces[0].facets[0] = 6' "is not a facet of face"
tamper "tight row added" '.regions[0].faces[1].tight += [5]' "is not tight at\|increase"
tamper "tight row dropped" '.regions[0].faces[6].tight |= .[1:]' "does not satisfy strictly"
tamper "tight rows unordered" '.regions[0].faces[6].tight |= reverse' "must increase"
tamper "point moved" '.regions[0].faces[6].point[1] += 1' "is not tight\|strictly"
tamper "point at infinity" '.regions[0].faces[6].point[0] = 0' "is not tight\|strictly"
tamper "format 3" '.format = 3' "format must be"
# value-preserving rewrites are accepted: a face's point scaled by 2 (the same ray of the cone),
# written as fractions; the format 1 reading (no faces, no f-vector) still verifies the regions
jq '.regions[0].faces[0].point |= map(. * 2) | .regions[1].faces[2].point |= map("\(.)/1")' "$TMP/good.json" >"$TMP/ok.json"
"$CHECK" --quiet "$TMP/ok.json" "$net" && pass || fail "scaled point rejected"
jq 'del(.format) | del(.regions[].faces, .regions[].affine) | del(.counts.fvector, .counts.euler, .counts.bounded_regions,
    .counts.relatively_bounded_regions, .counts.interior_regions)' "$TMP/good.json" >"$TMP/old.json"
"$CHECK" "$TMP/old.json" "$net" >"$TMP/out" && grep -q "not proved: the f-vector" "$TMP/out" && pass || fail "format 1"

# --- usage errors exit 2; deep nesting is one clean line
expect 2 "$CHECK"
expect 2 "$CHECK" --box "$TMP/good.json" "$net"
expect 2 "$CHECK" --box 1 "$TMP/good.json" "$net"
expect 2 "$CHECK" --nope "$TMP/good.json" "$net"
expect 2 "$CHECK" --box -1,1 --whole "$TMP/good.json" "$net"
for depth in 1000 100000 2000000; do
    awk -v d="$depth" 'BEGIN { for (i = 0; i < d; i++) printf "["; for (i = 0; i < d; i++) printf "]" }' >"$TMP/deep.json"
    "$CHECK" "$TMP/deep.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && pass || fail "nesting $depth: exit $rc, $(head -c 200 "$TMP/err")"
    awk -v d="$depth" 'BEGIN { printf "{\"certificate\": \"regions\", \"x\": "; for (i = 0; i < d; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < d; i++) printf "}"; printf "}" }' >"$TMP/deep.json"
    "$CHECK" "$TMP/deep.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && pass || fail "object nesting $depth: exit $rc, $(head -c 200 "$TMP/err")"
done

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
