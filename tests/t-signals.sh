#!/bin/sh
# Signals (issue 18): SIGINT, SIGTERM and SIGHUP during every long command, with and
# without --jobs, to the process alone and to its whole process group. Each run must
# exit 4 with one line on stderr, leave no process of its group behind, and what it
# printed must be valid: JSON on stdout that says "partial": true, streams and batch
# files made of complete records only.
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
BIN="$B/src/relucert"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=0 fails=0
pass() { ok=$((ok + 1)); }
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }
command -v jq >/dev/null || { echo "t-signals: jq is missing"; exit 1; }
command -v setsid >/dev/null || { echo "t-signals: setsid is missing"; exit 1; }
cd "$S" || exit 1

# networks that take far longer than the wait below (seconds, even unsanitized)
"$BIN" random --dim 4 --widths 40,40 --kind int --seed 2 >"$TMP/slow.json" || exit 1
printf '{"network": "%s", "analyses": ["regions", "homology"], "box": [-1, 1]}\n' \
    tests/data/sage/case002.json tests/data/sage/case003.json "$TMP/slow.json" "$TMP/slow.json" >"$TMP/manifest.jsonl"

WAIT=${RELUCERT_SIGNAL_WAIT:-0.7}
# waits (up to 20 s: a loaded machine starts slowly) until PID catches SIGHUP, SIGINT and
# SIGTERM (bits 0, 1, 14 of SigCgt), so the signal tests the command, not its start-up
handlers_installed() {
    i=0
    while [ $i -lt 200 ]; do
        mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
        [ -n "$mask" ] || return 0            # gone already, or no /proc: nothing to wait for
        low=${mask#????????}
        [ $((0x$low & 0x4003)) -eq $((0x4003)) ] && return 0
        sleep 0.1; i=$((i + 1))
    done
}
# run NAME SIGNAL TARGET(process|group) STREAMFILE -- ARGS...: the command in a group of its own
run() {
    name=$1 sig=$2 target=$3 stream=$4
    shift 5
    rm -f "$TMP/out" "$TMP/err" "$stream"
    setsid "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null &
    pid=$!
    handlers_installed "$pid"
    if [ -n "${READY:-}" ]; then
        # wait for the first record instead of a fixed time: a fast machine may finish early
        i=0; while [ ! -s "$READY" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
    else
        sleep "$WAIT"
    fi
    if [ "$target" = group ]; then kill -s "$sig" -- "-$pid" 2>/dev/null; else kill -s "$sig" "$pid" 2>/dev/null; fi
    wait "$pid"
    rc=$?
    what="$name, SIG$sig to the $target"
    [ "$rc" -eq 4 ] || { fail "$what: exit $rc (4 expected): $(head -c 300 "$TMP/err")"; return; }
    n=$(grep -c . "$TMP/err")
    [ "$n" -eq 1 ] || { fail "$what: stderr has $n lines: $(head -c 300 "$TMP/err")"; return; }
    grep -q "SIG$sig" "$TMP/err" || { fail "$what: stderr does not name SIG$sig: $(cat "$TMP/err")"; return; }
    case " $* " in *" --json "*)
        [ "$(jq -s 'length' "$TMP/out" 2>/dev/null)" = 1 ] || { fail "$what: stdout is not one JSON document: $(head -c 300 "$TMP/out")"; return; }
        [ "$(jq .partial "$TMP/out")" = true ] || { fail "$what: stdout does not say partial: $(head -c 300 "$TMP/out")"; return; }
        ;;
    esac
    if [ "$stream" != - ] && [ -e "$stream" ]; then
        if [ -s "$stream" ]; then
            [ "$(tail -c 1 "$stream" | od -An -c | tr -d ' ')" = '\n' ] || { fail "$what: $stream ends inside a record"; return; }
            jq -e . "$stream" >/dev/null 2>&1 || { fail "$what: $stream has a record that does not parse"; return; }
        fi
    fi
    sleep 0.3
    left=$(pgrep -g "$pid" 2>/dev/null | wc -l)
    [ "$left" -eq 0 ] || { fail "$what: $left processes of the group still running"; pkill -KILL -g "$pid"; return; }
    pass
}

# every long command, each signal to the process; the ones with workers also to the group
for sig in INT TERM HUP; do
    run regions $sig process - -- regions "$TMP/slow.json" --box -1,1 --json --quiet
    run "regions (text)" $sig process - -- regions "$TMP/slow.json" --box -1,1 --quiet
    run "regions --stream" $sig process "$TMP/s.jsonl" -- regions "$TMP/slow.json" --box -1,1 --json --quiet --stream "$TMP/s.jsonl"
    run homology $sig process - -- homology "$TMP/slow.json" --box -1,1 --sublevel 0 --json
    run persistence $sig process - -- persistence "$TMP/slow.json" --box -1,1 --json
    run dualgraph $sig process - -- dualgraph "$TMP/slow.json" --box -1,1 --json
    run boundary $sig process - -- boundary "$TMP/slow.json" --box -1,1 --json
    run levelset $sig process - -- levelset "$TMP/slow.json" --box -1,1 --sublevel 0 --json
    run stats $sig process - -- stats --dim 4 --widths 40,40 --kind int --seeds 1..5 --json
    run charpoly $sig process - -- charpoly --family resonance --dim 8 --json
    run batch $sig process "$TMP/b.jsonl" -- batch "$TMP/manifest.jsonl" --out "$TMP/b.jsonl" --json --quiet
    for target in process group; do
        run "regions --jobs 2" $sig $target - -- regions "$TMP/slow.json" --box -1,1 --json --quiet --jobs 2
        run "regions --jobs 2 --stream" $sig $target "$TMP/s.jsonl" -- regions "$TMP/slow.json" --box -1,1 --quiet --jobs 2 --stream "$TMP/s.jsonl"
        run "batch --jobs 2" $sig $target "$TMP/b.jsonl" -- batch "$TMP/manifest.jsonl" --out "$TMP/b.jsonl" --jobs 2 --quiet
    done
    run "homology (group)" $sig group - -- homology "$TMP/slow.json" --box -1,1 --sublevel 0 --json
done

# set-up that takes long and polls nothing: the double description of a domain with 300
# facets in R^12, and the LP engine's LPs over it; each signal still ends the run at once
"$BIN" random --dim 12 --widths 3 --kind int --seed 1 >"$TMP/d12.json" || exit 1
awk 'BEGIN { n = 12; printf "{\"A\": ["
    for (i = 0; i < 300; i++) { printf "%s[", i ? "," : ""; for (k = 0; k < n; k++) printf "%s%d", k ? "," : "", int(1000 * cos((i + 1) / 300 * 7 * (k + 1) + k)); printf "]" }
    printf "], \"b\": ["; for (i = 0; i < 300; i++) printf "%s1000", i ? "," : ""; print "]}" }' >"$TMP/dom12.json"
for sig in INT TERM HUP; do
    run "regions --domain (set-up, dd)" $sig process - -- regions "$TMP/d12.json" --domain "$TMP/dom12.json" --engine dd --json --quiet
    run "regions --domain (set-up, lp)" $sig process "$TMP/s.jsonl" -- regions "$TMP/d12.json" --domain "$TMP/dom12.json" --json --quiet --stream "$TMP/s.jsonl"
    run "regions --domain --jobs 2 (set-up)" $sig group - -- regions "$TMP/d12.json" --domain "$TMP/dom12.json" --engine dd --jobs 2 --json --quiet
    run "homology --domain (set-up)" $sig process - -- homology "$TMP/d12.json" --domain "$TMP/dom12.json" --sublevel 0 --json
done

# each medium job takes about a second unsanitized, so the run is still busy when the first
# record appears and the signal is sent then
for seed in 3 4 5 6; do "$BIN" random --dim 3 --widths 40,40 --kind int --seed $seed >"$TMP/med$seed.json"; done
# an interrupted batch resumes to the same bytes as a run that was never interrupted
printf '{"network": "%s", "analyses": ["regions", "homology"], "box": [-1, 1]}\n' \
    tests/data/sage/case002.json tests/data/sage/case003.json "$TMP/med3.json" "$TMP/med4.json" "$TMP/med5.json" \
    "$TMP/med6.json" >"$TMP/m2.jsonl"
"$BIN" batch "$TMP/m2.jsonl" --out "$TMP/whole.jsonl" --quiet >/dev/null 2>&1
READY="$TMP/r.jsonl"
run "batch before resuming" INT process "$TMP/r.jsonl" -- batch "$TMP/m2.jsonl" --out "$TMP/r.jsonl" --quiet
READY=
kept=$(wc -l <"$TMP/r.jsonl")
"$BIN" batch "$TMP/m2.jsonl" --out "$TMP/r.jsonl" --quiet --json >"$TMP/resume.json" 2>/dev/null
[ $? -eq 0 ] && cmp -s "$TMP/r.jsonl" "$TMP/whole.jsonl" && [ "$(jq .kept "$TMP/resume.json")" = "$kept" ] && [ "$kept" -ge 1 ] \
    && pass || fail "batch resumed after SIGINT ($kept records kept) differs from an uninterrupted run"

# limits with workers: never more than --max-regions, marked partial, exit 4
for j in 1 2 3 8; do
    "$BIN" regions tests/data/sage/case029.json --box -1,1 --json --max-regions 7 --jobs $j --stream "$TMP/l.jsonl" >"$TMP/l.json" 2>"$TMP/err"
    [ $? -eq 4 ] && [ "$(jq -c '[.regions, .partial]' "$TMP/l.json")" = "[7,true]" ] && [ "$(wc -l <"$TMP/l.jsonl")" -eq 7 ] \
        && [ "$(grep -c . "$TMP/err")" -eq 1 ] && pass || fail "--max-regions 7 --jobs $j: $(head -c 200 "$TMP/l.json")"
done
"$BIN" regions "$TMP/slow.json" --box -1,1 --json --quiet --time-limit 0.3 --jobs 2 >"$TMP/t.json" 2>/dev/null
[ $? -eq 4 ] && [ "$(jq .partial "$TMP/t.json")" = true ] && pass || fail "--time-limit with --jobs 2"
echo "t-signals: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
