#!/usr/bin/env bash
# The benchmark of issue 20 (not part of make check): characteristic
# polynomials of large arrangements, in one run:
#  1. families (resonance, types B and D, threshold, generic): relucert charpoly
#     (deletion-restriction with nauty symmetries), its regions against the
#     closed form / published count, relucert arrangement (region enumeration
#     and the intersection poset) where it has at most ENUM_MAX regions, and
#     Sage's characteristic_polynomial() where sage is installed and the
#     arrangement has at most SAGE_MAX hyperplanes (default 64; stopped after
#     SAGE_TIMEOUT seconds, default 60; its time is measured inside Python);
#  2. the resonance arrangement of dimension 7: time (best of 3) and peak
#     memory of the count alone and with its default checks;
#  3. dimension 8 (255 hyperplanes), once;
#  4. the finite-field check alone (points over F_q at primes above the
#     Hadamard bound, up to rank-many primes) on the families where it is
#     cheap, with a larger budget (FF_MAX steps, default 10^10).
# usage: bench/charpoly.sh [--no-sage] [--no-8] [path/to/relucert]
# needs: jq, python3, GNU time (/usr/bin/time).
set -eu
cd "$(dirname "$0")/.."
BIN=src/relucert; SAGE=1; EIGHT=1; ENUM_MAX=${ENUM_MAX:-1000000}; SAGE_MAX=${SAGE_MAX:-64}; SAGE_TIMEOUT=${SAGE_TIMEOUT:-60}; FF_MAX=${FF_MAX:-10000000000}
while [ $# -gt 0 ]; do
    case "$1" in
        --no-sage) SAGE=0 ;;
        --no-8) EIGHT=0 ;;
        -*) echo "bench/charpoly.sh: unknown option $1" >&2; exit 2 ;;
        *) BIN=$1 ;;
    esac
    shift
done
[ -x "$(dirname "$BIN")/.libs/$(basename "$BIN")" ] && REAL="$(dirname "$BIN")/.libs/$(basename "$BIN")" || REAL=$BIN
export LD_LIBRARY_PATH="$(dirname "$BIN")/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if [ "$SAGE" = 1 ] && ! command -v sage >/dev/null; then
    echo "note: sage not found (apt-get install sagemath); no Sage column" >&2
    SAGE=0
fi
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# closed forms and published counts (OEIS A034997 resonance, A000609 threshold functions)
expected() {
    python3 - "$@" <<'PY'
import sys, math
k, n = sys.argv[1], int(sys.argv[2]); m = int(sys.argv[3]) if len(sys.argv) > 3 else 0
res = {1: 2, 2: 6, 3: 32, 4: 370, 5: 11292, 6: 1066044, 7: 347326352, 8: 419172756930}
thr = {1: 4, 2: 14, 3: 104, 4: 1882, 5: 94572, 6: 15028134, 7: 8378070864}
print({"resonance": lambda: res.get(n, "?"), "threshold": lambda: thr.get(n - 1, "?"),
       "typeB": lambda: 2**n * math.factorial(n), "typeD": lambda: 2**(n - 1) * math.factorial(n),
       "generic": lambda: sum(math.comb(m, j) for j in range(n + 1))}[k]())
PY
}
# timed RUN...: stdout to $TMP/o, "seconds peak_MB" to $TMP/t
timed() { /usr/bin/time -f "%e %M" -o "$TMP/tm" "$@" > "$TMP/o" 2> "$TMP/e" || { echo "FAILED: $* $(tail -1 "$TMP/e")" >&2; return 1; }
          awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$TMP/tm" > "$TMP/t"; }

echo "## families: relucert charpoly vs closed forms, enumeration and Sage"
echo
echo "| family | dim | hyperplanes | regions (charpoly) | expected | charpoly s | MB | checks | arrangement (enum) s | agrees | sage s | agrees |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
FAMS="resonance:3 resonance:4 resonance:5 resonance:6 resonance:7 typeB:4 typeB:6 typeB:8 typeB:10 typeD:4 typeD:6 typeD:8 typeD:10 threshold:4 threshold:5 threshold:6 threshold:7 generic:3:12 generic:4:30 generic:4:60 generic:5:24 generic:8:60"
for f in $FAMS; do
    IFS=: read -r kind dim w <<< "$f"
    wopt=""; [ -n "${w:-}" ] && wopt="--widths $w"
    "$BIN" random --kind "$kind" --dim "$dim" $wopt --seed 1 > "$TMP/n.json"
    timed "$REAL" charpoly "$TMP/n.json" --json || continue
    read -r cs cm < "$TMP/t"
    cp "$TMP/o" "$TMP/c.json"
    reg=$(jq .regions "$TMP/c.json"); hyp=$(jq .hyperplanes "$TMP/c.json"); chk=$(jq -r '.checks | join(",")' "$TMP/c.json")
    exp=$(expected "$kind" "$dim" ${w:-})
    es="-"; ea="-"
    if [ "$reg" -le "$ENUM_MAX" ] && timed "$REAL" arrangement "$TMP/n.json" --json; then
        read -r es em < "$TMP/t"
        [ "$(jq -c .characteristic_polynomial "$TMP/o")" = "$(jq -c .characteristic_polynomial "$TMP/c.json")" ] && ea=yes || ea=NO
    fi
    ss="-"; sa="-"
    if [ "$SAGE" = 1 ] && [ "$hyp" -le "$SAGE_MAX" ]; then
        if timed timeout "$SAGE_TIMEOUT" sage -python bench/sage/sage_charpoly.py "$TMP/n.json" 2> /dev/null; then
            ss=$(jq .seconds "$TMP/o")
            [ "$(jq -c .characteristic_polynomial "$TMP/o")" = "$(jq -c .characteristic_polynomial "$TMP/c.json")" ] && sa=yes || sa=NO
        else
            ss=">$SAGE_TIMEOUT"
        fi
    fi
    ok=$([ "$reg" = "$exp" ] && echo "$exp" || echo "$exp (DIFFERS)")
    echo "| $kind | $dim | $hyp | $reg | $ok | $cs | $cm | $chk | $es | $ea | $ss | $sa |"
done
echo
echo "## resonance arrangement, dimension 7 (127 hyperplanes), best of 3"
echo
for mode in "count alone:--no-reversed --plain-max-nodes 0 --enumerate-max 0 --flats-max 0" "default checks:"; do
    IFS=: read -r name opts <<< "$mode"
    best=""
    for i in 1 2 3; do
        timed "$REAL" charpoly --family resonance --dim 7 --json $opts
        read -r s mb < "$TMP/t"
        if [ -z "$best" ] || awk "BEGIN { exit !($s < $best) }"; then best=$s; bmb=$mb; fi
    done
    echo "- $name: $best s, peak $bmb MB, regions $(jq .regions "$TMP/o"), checks $(jq -c .checks "$TMP/o")"
done
if [ "$EIGHT" = 1 ]; then
    echo
    echo "## resonance arrangement, dimension 8 (255 hyperplanes), once"
    echo
    timed "$REAL" charpoly --family resonance --dim 8 --json --no-reversed --plain-max-nodes 0 --enumerate-max 0 --flats-max 0
    read -r s mb < "$TMP/t"
    echo "- count alone: $s s, peak $mb MB, regions $(jq .regions "$TMP/o") (expected $(expected resonance 8)), chi $(jq -c .characteristic_polynomial "$TMP/o")"
fi
echo
echo "## the finite-field check alone (budget $FF_MAX steps)"
echo
echo "| family | dim | hyperplanes | rank (cone) | primes | determines chi | steps | ff s | total s | MB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for f in resonance:3 resonance:4 resonance:5 resonance:6 typeB:4 typeB:5 typeB:6 typeB:7 typeD:5 typeD:6 typeD:7 typeB:8 threshold:4 threshold:5 braid:6 braid:7; do
    IFS=: read -r kind dim <<< "$f"
    timed "$REAL" charpoly --family "$kind" --dim "$dim" --json --no-reversed --plain-max-nodes 0 --flats-max 0 \
        --enumerate-max 0 --finite-field-max "$FF_MAX" || continue
    read -r s mb < "$TMP/t"
    jq -r --arg k "$kind" --arg d "$dim" --arg s "$s" --arg mb "$mb" '"| \($k) | \($d) | \(.hyperplanes) | \(.finite_field.rank // "-") | " +
        (if .finite_field then "\(.finite_field.primes | map(tostring) | join(",")) | \(.finite_field.determines_chi) | \(.finite_field.steps) | \(.finite_field.seconds)"
         else "- | - | - | -" end) + " | \($s) | \($mb) |"' "$TMP/o"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
