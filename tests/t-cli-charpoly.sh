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
# --- generic: 60 hyperplanes in R^8 on the moment curve (entries s^8 up to 180^8: the fmpz
# path), general position proved, so the recursion merges by type; against the closed form
# chi = sum_{k<=8} (-1)^k C(60,k) t^(8-k), bounded regions C(59,8) (Zaslavsky; Stanley, Lecture 2)
cp --family generic --dim 8 --widths 60 --seed 1
want=$(/usr/bin/python3 -c 'from math import comb; print("[" + ",".join(str((-1)**k * comb(60, k)) for k in range(9)) + "]", sum(comb(60, k) for k in range(9)), comb(59, 8))')
check "generic 60/8" "$(jq -r '"\(.characteristic_polynomial | tostring) \(.regions) \(.bounded_regions)"' "$TMP/c.json")" "$want"
check "generic 60/8 method" "$(jq -c '[.merges, .arithmetic, .certifiable, (.checks | index("closed-form") != null), .max_level_nodes <= 9]' "$TMP/c.json")" \
    '["general-position","fmpz",false,true,true]'
"$BIN" charpoly --family generic --dim 8 --widths 60 > "$TMP/t.txt"
grep -q "^merges: general position (moment curve); cross-checked, not certified$" "$TMP/t.txt" && pass || fail "generic text: $(tail -1 "$TMP/t.txt")"
# --- the finite-field check: B_5 point counts against (q-1)(q-3)(q-5)(q-7)(q-9) at each prime,
# every prime above the Hadamard bound, five primes (rank 5) determine chi
cp --family typeB --dim 5
check "B5 finite field" "$(jq -c '.finite_field as $f | [($f.primes | length), $f.determines_chi,
    ([range($f.primes | length) | $f.primes[.] as $q | ($q - 1) * ($q - 3) * ($q - 5) * ($q - 7) * ($q - 9) == $f.counts[.]] | all),
    ([$f.primes[] | . * . > $f.hadamard_bound_squared] | all), (.checks | index("finite-field") != null)]' "$TMP/c.json")" \
    '[5,true,true,true,true]'
cp --family resonance --dim 4 --finite-field-max 0
check "finite field off" "$(jq -c '[.finite_field, (.checks | index("finite-field"))]' "$TMP/c.json")" '[null,null]'
# braid arrangement in R^4 (not essential): chi = t (t-1) (t-2) (t-3) at every prime
cp --family braid --dim 4
check "braid finite field" "$(jq -c '.finite_field as $f | [$f.determines_chi, ([range($f.primes | length) | $f.primes[.] as $q
    | $q * ($q - 1) * ($q - 2) * ($q - 3) == $f.counts[.]] | all)]' "$TMP/c.json")" '[true,true]'
# --- entries beyond 2^40 in an arbitrary network: the fmpz path, against the poset and the enumeration
cat > "$TMP/big.json" <<'NET'
{"input_dim":3,"layers":[{"weights":[[1125899906842624,3,-5],[7,-1125899906842623,2],[1,1,1],
[281474976710656,281474976710657,-1],[-9,4,1099511627777],[2,-3,5]],
"biases":[0,1,-2,3,1125899906842625,-1]},{"weights":[[1,1,1,1,1,1]],"biases":[0]}]}
NET
cp "$TMP/big.json"
"$BIN" arrangement "$TMP/big.json" --json > "$TMP/a.json" || fail "arrangement big"
check "big entries arithmetic" "$(jq -r .arithmetic "$TMP/c.json")" fmpz
for k in regions bounded_regions characteristic_polynomial; do
    check "big entries $k" "$(jq -c .$k "$TMP/c.json")" "$(jq -c .$k "$TMP/a.json")"
done
# --- small cases run every check; all of them agree with relucert arrangement
# (catalan in R^3 is not essential: chi = t (t - 4)(t - 5), 9 planes meeting in 13 lines)
"$BIN" random --kind catalan --dim 3 --seed 1 > "$TMP/n.json"
cp "$TMP/n.json"
"$BIN" arrangement "$TMP/n.json" --json > "$TMP/a.json"
check "catalan checks" "$(jq -c .checks "$TMP/c.json")" '["identities","plain","reversed","finite-field","flats","enumeration"]'
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
