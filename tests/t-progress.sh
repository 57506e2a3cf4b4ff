#!/bin/sh
# Progress (issue 21): with --progress long commands report on stderr, as lines when
# stderr is not a terminal: stage, count (of the total when known), elapsed time, rate,
# and an ETA when the total is known; --quiet and the default off a terminal print none; on
# a terminal it is on by default.
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
BIN="$B/src/relucert"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=0 fails=0
pass() { ok=$((ok + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }
cd "$S" || exit 1
"$BIN" random --dim 4 --widths 40,40 --kind int --seed 2 >"$TMP/slow.json"
"$BIN" random --dim 3 --widths 90 --kind int --seed 1 >"$TMP/wide.json"
count() { grep -cE "$1" "$TMP/err"; }

"$BIN" regions "$TMP/slow.json" --box -1,1 --progress --time-limit 2 >/dev/null 2>"$TMP/err"
[ "$(count '^regions: [0-9]+, [0-9.]+ s, [0-9.]+/s$')" -ge 1 ] && pass || fail "regions --progress: $(head -3 "$TMP/err")"
"$BIN" regions "$TMP/slow.json" --box -1,1 --time-limit 2 >/dev/null 2>"$TMP/err"
[ "$(count '^regions:')" -eq 0 ] && pass || fail "regions: progress off a terminal without --progress"
"$BIN" regions "$TMP/slow.json" --box -1,1 --progress --quiet --time-limit 1.5 >/dev/null 2>"$TMP/err"
[ "$(count '^regions:')" -eq 0 ] && pass || fail "regions --quiet wins over --progress"
"$BIN" regions "$TMP/slow.json" --box -1,1 --engine lp --progress --time-limit 2 >/dev/null 2>"$TMP/err"
[ "$(count '^regions: [0-9]+, ')" -ge 1 ] && pass || fail "regions --engine lp --progress: $(head -3 "$TMP/err")"

# the arrangement knows its total (Zaslavsky) before enumerating: percentages and an ETA
total=$("$BIN" arrangement "$TMP/wide.json" --json --progress 2>"$TMP/err" | jq .regions)
[ "$(count "^regions: [0-9]+ of $total \\([0-9]+%\\), [0-9.]+ s, [0-9.]+/s, ETA [0-9]+ s$")" -ge 1 ] && pass \
    || fail "arrangement --progress: $(head -3 "$TMP/err")"

"$BIN" homology "$TMP/slow.json" --box -1,1 --sublevel 0 --progress >/dev/null 2>"$TMP/err" &
pid=$!; sleep 2.5; kill -INT $pid; wait $pid
[ "$(count '^regions: [0-9]+, ')" -ge 1 ] && pass || fail "homology --progress: $(head -3 "$TMP/err")"

"$BIN" dualgraph "$TMP/slow.json" --box -1,1 --progress --json >/dev/null 2>"$TMP/err" &
pid=$!; sleep 2.5; kill -INT $pid; wait $pid
[ "$(count '^regions: [0-9]+, ')" -ge 1 ] && pass || fail "dualgraph --progress: $(head -3 "$TMP/err")"

for s in 3 4 5; do "$BIN" random --dim 3 --widths 20,20 --kind int --seed $s >"$TMP/m$s.json"; done
printf '{"network": "%s", "analyses": ["regions", "homology"], "box": [-1, 1]}\n' "$TMP/m3.json" "$TMP/m4.json" "$TMP/m5.json" >"$TMP/man.jsonl"
"$BIN" batch "$TMP/man.jsonl" --out "$TMP/b.jsonl" --progress >/dev/null 2>"$TMP/err"
[ "$(count '^jobs: [0-9] of 3 \([0-9]+%\), [0-9.]+ s, [0-9.]+/s, ETA [0-9]+ s$')" -ge 1 ] && pass || fail "batch --progress: $(head -3 "$TMP/err")"
# on a terminal progress is on by default (a pseudo-terminal from script(1), util-linux), one
# line rewritten in place; --quiet turns it off there too
if command -v script >/dev/null; then
    script -qec "'$BIN' regions '$TMP/slow.json' --box -1,1 --time-limit 2 >/dev/null" /dev/null </dev/null | tr '\r' '\n' >"$TMP/err"
    [ "$(count '^regions: [0-9]+, [0-9.]+ s, [0-9.]+/s *$')" -ge 1 ] && pass || fail "regions on a terminal: $(head -3 "$TMP/err")"
    script -qec "'$BIN' regions '$TMP/slow.json' --box -1,1 --time-limit 1.5 --quiet >/dev/null" /dev/null </dev/null | tr '\r' '\n' >"$TMP/err"
    [ "$(count '^regions: [0-9]+, ')" -eq 0 ] && pass || fail "regions --quiet on a terminal: $(head -3 "$TMP/err")"
else
    fail "script(1) (util-linux) is needed to run a command on a terminal"
fi
echo "t-progress: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
