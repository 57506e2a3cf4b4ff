#!/bin/sh
# relucert charpoly: deletion-restriction with symmetry against the closed
# forms and published counts, the checks it reports, its options and errors.
set -u
. "${srcdir:-.}/tests/cli-lib.sh"

cp() { "$BIN" charpoly "$@" --json > "$TMP/c.json" 2> "$TMP/err" || { fail "charpoly $*: $(cat "$TMP/err")"; echo '{}' > "$TMP/c.json"; }; }
# --- resonance n = 3..6 (OEIS A034997); n = 6 also its whole polynomial from the poset
for spec in "3 32" "4 370" "5 11292" "6 1066044"; do
    set -- $spec
    cp --family resonance --dim "$1"
    check "resonance $1 regions" "$(jq .regions "$TMP/c.json")" "$2"
done
check "resonance 6 chi" "$(jq -c .characteristic_polynomial "$TMP/c.json")" "[1,-63,1652,-22435,159460,-510524,371909]"
check "resonance 6 checks" "$(jq -c .checks "$TMP/c.json")" '["identities","plain","reversed"]'
# --- types B and D (2^n n! and 2^(n-1) n! regions), threshold (OEIS A000609), generic
for spec in "typeB 6 46080" "typeD 6 23040" "typeB 8 10321920" "typeD 8 5160960" "threshold 5 1882" "threshold 6 94572"; do
    set -- $spec
    cp --family "$1" --dim "$2"
    check "$1 $2 regions" "$(jq .regions "$TMP/c.json")" "$3"
done
# generic: 30 hyperplanes in R^4, sum_{k<=4} C(30,k) regions, C(29,4) bounded
cp --family generic --dim 4 --widths 30 --seed 3
check "generic regions" "$(jq .regions "$TMP/c.json")" 31931
check "generic bounded" "$(jq .bounded_regions "$TMP/c.json")" 23751
# --- small cases run every check; all of them agree with relucert arrangement
# (catalan in R^3 is not essential: chi = t (t - 4)(t - 5), 9 planes meeting in 13 lines)
"$BIN" random --kind catalan --dim 3 --seed 1 > "$TMP/n.json"
cp "$TMP/n.json"
"$BIN" arrangement "$TMP/n.json" --json > "$TMP/a.json"
check "catalan checks" "$(jq -c .checks "$TMP/c.json")" '["identities","plain","reversed","flats","enumeration"]'
for k in regions bounded_regions relatively_bounded_regions characteristic_polynomial; do
    check "catalan $k" "$(jq -c .$k "$TMP/c.json")" "$(jq -c .$k "$TMP/a.json")"
done
check "catalan betti" "$(jq -c .betti_numbers "$TMP/c.json")" "[1,9,20,0]"
check "catalan whitney 2nd kind" "$(jq -c .whitney_second_kind "$TMP/c.json")" "[1,9,13,0]"
for seed in 1 2 3; do
    "$BIN" random --kind degenerate --dim 3 --widths 7 --seed $seed > "$TMP/n.json"
    cp "$TMP/n.json"
    "$BIN" arrangement "$TMP/n.json" --json > "$TMP/a.json"
    check "degenerate $seed chi" "$(jq -c .characteristic_polynomial "$TMP/c.json")" \
        "$(jq -c .characteristic_polynomial "$TMP/a.json")"
done
# --- without symmetry the same answer; progress names the stage
cp --family typeD --dim 5 --no-symmetry
check "no symmetry" "$(jq -c '[.regions, .symmetry]' "$TMP/c.json")" "[1920,false]"
"$BIN" charpoly --family resonance --dim 4 --progress > /dev/null 2> "$TMP/err"
grep -q "charpoly: deletion-restriction, hyperplane 15/15" "$TMP/err" && pass || fail "progress: $(head -2 "$TMP/err")"
"$BIN" charpoly --family resonance --dim 4 > "$TMP/t.txt"
grep -q "^regions: 370$" "$TMP/t.txt" && pass || fail "text output"
# --- relucert arrangement beyond 10^6 regions: counted by deletion-restriction, not enumerated
"$BIN" random --kind resonance --dim 6 --seed 0 > "$TMP/r6.json"
"$BIN" arrangement "$TMP/r6.json" --json > "$TMP/a.json" || fail "arrangement resonance 6"
check "arrangement large" "$(jq -c '[.regions, .counted_by, .methods_agree, .checks[0], (.checks | index("reversed") != null)]' "$TMP/a.json")" \
    '[1066044,"deletion-restriction",true,"identities",true]'
check "arrangement large chi" "$(jq -c .characteristic_polynomial "$TMP/a.json")" "[1,-63,1652,-22435,159460,-510524,371909]"
expect 3 "$BIN" arrangement "$TMP/r6.json" --certificate "$TMP/cert.json"
[ ! -e "$TMP/cert.json" ] && pass || fail "a refused certificate left a file"
# --- errors: one line, exit 2 for bad input, 3 for deeper networks
expect 2 "$BIN" charpoly
expect 2 "$BIN" charpoly --family resonance
expect 2 "$BIN" charpoly --family resonance --dim 3 "$TMP/n.json"
expect 2 "$BIN" charpoly --family nosuch --dim 3
expect 2 "$BIN" charpoly --family resonance --dim x
expect 2 "$BIN" charpoly --family resonance --dim 3 --enumerate-max -1
expect 2 "$BIN" charpoly --bogus
"$BIN" random --dim 2 --widths 3,2 --kind int --seed 1 > "$TMP/deep.json"
expect 3 "$BIN" charpoly "$TMP/deep.json"
expect 0 "$BIN" charpoly --help

echo "t-cli-charpoly: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
