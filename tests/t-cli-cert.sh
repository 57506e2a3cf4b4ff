#!/bin/sh
# Certificates of `relucert regions` verified by the independent checker
# relucert-check, and tampered certificates rejected with a clear message.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}


# --- every fixture: box [-1,1]^n, and R^n for one hidden layer
n=0
for net in "$D"/sage/case*[0-9].json; do
    doms="box"
    [ "$(jq '.layers | length' "$net")" = 2 ] && doms="box whole"
    for dom in $doms; do
        if [ "$dom" = box ]; then set -- --box -1,1; else set -- --whole; fi
        "$BIN" regions "$net" "$@" --json --quiet --certificate "$TMP/c.json" >"$TMP/s.json" \
            || { fail "regions $net $dom --certificate"; continue; }
        "$CHECK" "$@" "$TMP/c.json" "$net" >"$TMP/out" 2>"$TMP/err" || { fail "check $net $dom: $(cat "$TMP/err")"; continue; }
        r=$(jq .regions "$TMP/s.json")
        grep -q "^  - $r regions;" "$TMP/out" || fail "$net $dom: checker does not report $r regions"
        [ "$(jq .counts.mean_facets "$TMP/c.json")" = "$(jq .mean_facets "$TMP/s.json")" ] || fail "$net $dom mean_facets"
        [ "$(jq -c .counts.facet_histogram "$TMP/c.json")" = "$(jq -c .facet_histogram "$TMP/s.json")" ] \
            || fail "$net $dom facet_histogram"
        n=$((n + 1))
        pass
    done
done
[ "$n" -ge 30 ] && pass || fail "only $n certificates checked"

# --- random and degenerate networks (coinciding hyperplanes, zero rows): deeper, in the box and in R^n
for kind in int degenerate ring; do
    for seed in 1 2; do
        "$BIN" random --dim 3 --widths 5,4,3 --kind "$kind" --seed "$seed" >"$TMP/r.json" 2>/dev/null \
            || "$BIN" random --dim 3 --widths 5 --kind "$kind" --seed "$seed" >"$TMP/r.json" \
            || { fail "random $kind $seed"; continue; }
        for dom in box whole; do
            if [ "$dom" = box ]; then set -- --box -1,1; else set -- --whole; fi
            "$BIN" regions "$TMP/r.json" "$@" --quiet --certificate "$TMP/c.json" >/dev/null \
                && "$CHECK" --quiet "$TMP/c.json" "$TMP/r.json" 2>"$TMP/err" && pass \
                || fail "random $kind $seed $dom: $(cat "$TMP/err")"
        done
    done
done

# --- the certificate option changes nothing else
net="$D/sage/case003.json"
"$BIN" regions "$net" --box -1,1 --json --list --quiet >"$TMP/a.json"
"$BIN" regions "$net" --box -1,1 --json --list --quiet --certificate "$TMP/c.json" >"$TMP/b.json"
cmp -s "$TMP/a.json" "$TMP/b.json" && pass || fail "--certificate changes the output of regions"
[ "$(jq .counts.regions "$TMP/c.json")" = "$(jq .regions "$TMP/a.json")" ] && pass || fail "certificate region count"
# an unwritable certificate is an input/output error, one line, and leaves nothing behind
"$BIN" regions "$net" --box -1,1 --quiet --certificate "$TMP/no/such/dir/c.json" >/dev/null 2>"$TMP/err"
rc=$?
[ "$rc" -ne 0 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && pass || fail "unwritable certificate: exit $rc"

# a full device: the write error is reported, and the device is left alone (not unlinked)
if [ -c /dev/full ]; then
    "$BIN" regions "$net" --box -1,1 --quiet --certificate /dev/full >/dev/null 2>"$TMP/err"
    rc=$?
    [ "$rc" -ne 0 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ -c /dev/full ] && pass || fail "certificate on /dev/full: exit $rc"
fi

# --- exact numbers: decimals, exponents, p/q and a big integer survive the round trip
cat >"$TMP/exact.json" <<'JSON'
{"input_dim": 2,
 "layers": [{"weights": [[1, "-1/2"], [0.25, 3], ["1e-3", 123456789012345678901234567890]], "biases": [0, "1/3", "-0.5"]},
            {"weights": [[1, -1, 2]], "biases": ["-1/20"]}]}
JSON
"$BIN" regions "$TMP/exact.json" --box -1,1 --quiet --certificate "$TMP/e.json" >/dev/null \
    && "$CHECK" --quiet "$TMP/e.json" "$TMP/exact.json" && pass || fail "exact-number network"
# the same network with 0.25 replaced by 0.2500001 is a different network
sed 's/0\.25/0.2500001/' "$TMP/exact.json" >"$TMP/other.json"
"$CHECK" "$TMP/e.json" "$TMP/other.json" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "network differs" "$TMP/err" && pass || fail "a different NET accepted: $(cat "$TMP/err")"

# --- tampered certificates: exit 1, one line on stderr naming the failed check
net="$D/sage/case000.json"      # 3 inputs, 4 neurons, 15 regions in the box
"$BIN" regions "$net" --box -1,1 --quiet --certificate "$TMP/c.json" >/dev/null
# reject NAME EXPECTED-TEXT JQ-PROGRAM
reject() {
    name=$1; want=$2; shift 2
    jq "$@" "$TMP/c.json" >"$TMP/t.json" || { fail "$name: jq"; return; }
    cmp -s "$TMP/c.json" "$TMP/t.json" && { fail "$name: the tampering changed nothing"; return; }
    "$CHECK" "$TMP/t.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -ne 1 ]; then fail "$name: exit $rc (expected 1)"; return; fi
    if [ "$(wc -l <"$TMP/err")" -ne 1 ] || [ -s "$TMP/out" ]; then fail "$name: not one line on stderr"; return; fi
    [ -n "${CERT_TEST_VERBOSE:-}" ] && echo "  $name: $(cat "$TMP/err")"
    grep -q "$want" "$TMP/err" && pass || fail "$name: message '$(cat "$TMP/err")' lacks '$want'"
}
"$CHECK" "$TMP/c.json" "$net" >/dev/null && pass || fail "untampered certificate"

# a region removed, with its adjacencies, and the counts adjusted: its neighbours' facets are uncovered
reject "region removed" "has no region on its other side" \
    '(.regions | length - 1) as $k | .regions |= .[:-1] | .adjacency |= map(select(.[0] != $k and .[2] != $k))
     | .counts.regions -= 1'
# a region removed naively
reject "region removed (naive)" "adjacency entry" 'del(.regions[-1])'
# a witness moved off its facet (a neuron facet of region 0)
reject "witness moved" "witness of facet 4" '.regions[0].witnesses[4][0] = "1/7"'
# a witness moved along its hyperplane out of the facet: still on the hyperplane, outside another facet
reject "witness moved outside" "witness of facet 0" '.regions[0].witnesses[0] = [-1, 5, 5]'
# a sign flipped in a pattern
reject "pattern sign flipped" "pattern differs" '.regions[2].pattern |= (if .[0:1] == "0" then "1" else "0" end) + .[1:]'
# a matrix entry changed: an inequality, a domain row, a network weight
reject "inequality entry changed" "inequality 4 is not the constraint of its source" '.regions[0].inequalities.A[4][0] += 1'
reject "domain entry changed" "is not domain row" '.domain.A[0][0] = -2'
reject "network weight changed" "network differs" '.network.layers[0].weights[0][0] = 6'
reject "interior point moved" "interior point" '.regions[0].interior_point = [1, 1, 1]'
# an inequality dropped (row 5, neuron 1's facet of region 0: row, witness, adjacency; later facet
# numbers renumbered in the adjacency and the multipliers)
drop='.regions[0] |= (.inequalities.A |= del(.[5]) | .inequalities.b |= del(.[5])
                    | .inequalities.sources |= del(.[5]) | .witnesses |= del(.[5])
                    | .redundant |= map(.multipliers |= map(if .[0] > 5 then .[0] -= 1 else . end)))
    | .adjacency |= map(select((.[0] == 0 and .[1] == 5) or (.[2] == 0 and .[3] == 5) | not)
                        | if .[0] == 0 and .[1] > 5 then .[1] -= 1 else . end
                        | if .[2] == 0 and .[3] > 5 then .[3] -= 1 else . end)'
[ "$(jq -c '.regions[0].inequalities.sources[5], [.regions[0].redundant[].multipliers[][0] | select(. == 5)]' "$TMP/c.json" | tr -d '\n')" = '1[]' ] \
    && pass || fail "the fixture changed: row 5 of region 0 is not neuron 1's, or is used by a multiplier"
reject "inequality dropped" "constraint of neuron 1 is neither stated nor shown implied" "$drop"
# ... and claimed implied with made-up multipliers
reject "inequality dropped, claimed implied" "multipliers do not prove the constraint of neuron 1" \
    "$drop | .regions[0].redundant += [{\"source\": 1, \"multipliers\": [[0, 1]]}]"
# the whole box claimed to be one region (only the domain's facets, no neuron constraint):
# geometrically consistent, so only the missing proof of the neuron constraints can catch it
reject "one-region box" "constraint of neuron [0-9]* is neither stated nor shown implied" '
    .regions = [.regions[0] | .inequalities = {"A": [[-1,0,0],[1,0,0],[0,-1,0],[0,1,0],[0,0,-1],[0,0,1]],
                                               "b": [1,1,1,1,1,1],
                                               "sources": ["domain 0","domain 1","domain 2","domain 3","domain 4","domain 5"]}
                | .witnesses = [[-1,0,0],[1,0,0],[0,-1,0],[0,1,0],[0,0,-1],[0,0,1]] | .redundant = []]
    | .adjacency = [] | .counts = {"regions": 1, "facet_histogram": {"6": 1}, "mean_facets": "6"}'
reject "multiplier changed" "multipliers do not prove" '.regions[0].redundant[0].multipliers[0][1] = "1/1000"'
reject "negative multiplier" "negative multiplier" '.regions[0].redundant[0].multipliers[0][1] = -1'
reject "source changed" "not the constraint of its source" '.regions[0].inequalities.sources[4] = 1 | .regions[0].inequalities.sources[5] = 0'
# the region across a facet replaced by another (valid) region and facet
reject "neighbour changed" "not the same hyperplane\|witness of facet" \
    '.adjacency[0] as $a | (.adjacency | map(select(.[2] != $a[0] and .[2] != $a[2])) | .[0]) as $o
     | .adjacency[0] = $a[0:2] + $o[2:4]'
reject "adjacency removed" "has no region on its other side" 'del(.adjacency[0])'
reject "adjacency duplicated" "paired twice" '.adjacency += [.adjacency[0]]'
reject "duplicate region" "regions 0 and 15 have the same pattern" '.regions += [.regions[0] | .index = 15]'
reject "count changed" "counts: regions" '.counts.regions = 16'
reject "histogram changed" "facet_histogram" '.counts.facet_histogram["4"] = 4'
reject "mean changed" "mean_facets" '.counts.mean_facets = "6"'
reject "not a regions certificate" "not a regions certificate" '.certificate = "zonotope"'
reject "relabelled homology" "not a homology certificate" '.certificate = "homology"'
reject "relabelled classification" "not a classification certificate" '.certificate = "boundary-class"'
reject "bad number" "exact number" '.regions[0].interior_point[0] = "1/0"'

# the domain asserted on the checker's command line must be the certificate's
"$CHECK" --box -1,1 "$TMP/c.json" "$net" >/dev/null && pass || fail "--box -1,1 rejected"
"$CHECK" --box -1/1,1.0 "$TMP/c.json" "$net" >/dev/null && pass || fail "--box -1/1,1.0 rejected"
for o in "--box -1,2" "--box -1/2,1" "--whole"; do
    "$CHECK" $o "$TMP/c.json" "$net" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] && grep -q "certificate's domain is not" "$TMP/err" && pass || fail "checker $o accepted a [-1,1] certificate"
done

# --- usage
"$CHECK" --help | grep -q "usage: relucert-check" && pass || fail "checker --help"
"$BIN" regions --help | grep -q -- "--certificate" && pass || fail "regions --help lacks --certificate"
"$CHECK" "$TMP/c.json" >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && pass || fail "checker with one argument"
"$CHECK" "$TMP/nonexistent.json" "$net" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && pass || fail "checker with a missing file"
printf '{"a": 1, "a": 2}' >"$TMP/dup.json"
"$CHECK" "$TMP/dup.json" "$net" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "duplicate key" "$TMP/err" && pass || fail "duplicate keys accepted"

# --- the checker shares no source with the library and uses neither FLINT nor cddlib
top=${top_srcdir:-.}
if grep -l -E '#include *"(\.\./)?src/|flint|cdd' "$top"/checker/*.c "$top"/checker/*.h >/dev/null 2>&1; then
    fail "checker includes library, FLINT or cddlib headers"
else
    pass
fi

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
