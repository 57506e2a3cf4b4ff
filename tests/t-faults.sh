#!/bin/sh
# Faults (issue 18): nothing lost while the exit status says success.
#  - every golden case (tests/golden/cases.txt) whose normal run succeeds and prints something
#    is run with stdout on a full disk (/dev/full) and with stdout closed: the exit status must be
#    non-zero and stderr one line naming the failure;
#  - cases that write a file (@OUT) get /dev/full as that file: the same;
#  - endless, deep and unreadable inputs to every reader and to relucert-check: a clear
#    one-line error, no crash, no allocation abort; relucert-check's usage errors exit 2;
#  - batch with failing jobs: a record each, counted, exit 1; --out on a device or a pipe;
#  - two outputs on one file (also the file stdout goes to, and "-" next to --json): refused.
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
BIN="$B/src/relucert"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=0 fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }
one_line_error() {  # NAME RC: rc must be nonzero (and not a signal) and stderr one line
    if [ "$2" -eq 0 ] || [ "$2" -ge 128 ]; then fail "$1: exit $2"; return; fi
    n=$(grep -c . "$TMP/err")
    if [ "$n" -ne 1 ]; then fail "$1: stderr has $n lines"; sed 's/^/    /' "$TMP/err" | head -5; return; fi
    ok=$((ok + 1))
}
command -v jq >/dev/null || { echo "t-faults: jq is missing"; exit 1; }
cd "$S" || exit 1
while IFS='|' read -r name args; do
    case $name in \#*|'') continue;; esac
    name=$(echo $name)
    set --
    outfile=""
    for a in $args; do
        case $a in @OUT.*) outfile=$TMP/out.${a#@OUT.}; a=$outfile;;
                   @OUT*) a=$TMP/out${a#@OUT};; esac   # a prefix (--out-prefix): files in $TMP, not in the cwd
        set -- "$@" "$a"
    done
    "$BIN" "$@" >"$TMP/stdout" 2>"$TMP/err" </dev/null || continue     # only cases that succeed
    if [ -s "$TMP/stdout" ]; then
        "$BIN" "$@" >/dev/full 2>"$TMP/err" </dev/null; one_line_error "$name > /dev/full" $?
        "$BIN" "$@" >&- 2>"$TMP/err" </dev/null; one_line_error "$name with stdout closed" $?
    fi
    if [ -n "$outfile" ]; then
        set --
        for a in $args; do case $a in @OUT.*) a=/dev/full;; @OUT*) a=$TMP/out${a#@OUT};; esac; set -- "$@" "$a"; done
        "$BIN" "$@" >/dev/null 2>"$TMP/err" </dev/null; one_line_error "$name, output file /dev/full" $?
    fi
done < tests/golden/cases.txt

# endless and unreadable inputs
for args in "eval /dev/zero --at 0" "regions /dev/zero --box -1,1" "regions tests/data/sage/case002.json --domain /dev/zero" \
            "polytope /dev/zero" "eval /dev/urandom --at 0" "regions /tmp --box -1,1" "homology /nonexistent --sublevel 0"; do
    timeout 60 "$BIN" $args >/dev/null 2>"$TMP/err" </dev/null; one_line_error "relucert $args" $?
done
mkfifo "$TMP/fifo"
( sleep 0.2; yes '[' > "$TMP/fifo" 2>/dev/null ) &
timeout 60 "$BIN" eval "$TMP/fifo" --at 0 >/dev/null 2>"$TMP/err"; one_line_error "an endless pipe" $?
kill $! 2>/dev/null
# every reader of a file, given a deep (100000 levels), endless (/dev/zero, a pipe that never
# ends) or unreadable input: exit 2 and one line, no crash, no allocation abort
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "[" }' >"$TMP/deep.json"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{\"a\": " }' >"$TMP/deepo.json"
N=tests/data/sage/case002.json
for X in "$TMP/deep.json" "$TMP/deepo.json" /dev/zero fifo /tmp /nonexistent.json; do
    for args in "eval @ --at 0,0" "regions @ --box -1,1" "regions $N --domain @" "regions $N --domain @ --engine lp" \
                "homology @ --box -1,1 --sublevel 0" "polytope @" "faces @" "polar @" "lower @" "batch @ --out $TMP/bo.jsonl" \
                "wedge @" "train-convex @ --interpolate" "slice $N --points @" "stats --networks @ --box -1,1" "plot $N --box -1,1 --data @ --out $TMP/p.svg"; do
        f=$X
        if [ "$X" = fifo ]; then
            rm -f "$TMP/endless"; mkfifo "$TMP/endless"; f=$TMP/endless
            ( yes '[' > "$f" 2>/dev/null & echo $! > "$TMP/yes.pid"; wait ) &
        fi
        set --
        for a in $args; do [ "$a" = @ ] && a=$f; set -- "$@" "$a"; done
        timeout 120 "$BIN" "$@" >/dev/null 2>"$TMP/err" </dev/null; rc=$?
        [ "$X" = fifo ] && { sleep 0.1; kill "$(cat "$TMP/yes.pid")" 2>/dev/null; wait; }
        if [ $rc -ne 2 ]; then fail "relucert $args with $X: exit $rc (2 expected): $(head -c 200 "$TMP/err")"
        else one_line_error "relucert $args with $X" $rc; fi
    done
done
[ ! -e "$TMP/p.svg" ] && [ ! -e "$TMP/bo.jsonl" ] && ok=$((ok + 1)) || fail "a failed reader left an output file"

# relucert-check: deep, huge and endless inputs are a clean rejection (exit 1, one line) at any
# depth and size; usage errors exit 2; what it proved, lost on a full disk or a closed stdout, exit 2
CHK="$B/checker/relucert-check"
"$BIN" regions $N --box -1,1 --certificate "$TMP/cert.json" >/dev/null || fail "no certificate"
want() {  # NAME WANT RC
    if [ "$3" -ne "$2" ]; then fail "$1: exit $3 ($2 expected): $(head -c 200 "$TMP/err")"; else one_line_error "$1" "$3"; fi
}
for args in "$TMP/deep.json $N" "$TMP/deepo.json $N" "$TMP/cert.json $TMP/deep.json" "$TMP/cert.json $TMP/deepo.json" \
            "/dev/zero $N" "$TMP/cert.json /dev/zero" "/tmp $N" "--eval $TMP/deep.json 0,0" "--eval /dev/zero 0,0"; do
    timeout 120 "$CHK" $args >/dev/null 2>"$TMP/err"; want "relucert-check $args" 1 $?
done
rm -f "$TMP/endless"; mkfifo "$TMP/endless"
( yes '[' > "$TMP/endless" 2>/dev/null & echo $! > "$TMP/yes.pid"; wait ) &
timeout 120 "$CHK" "$TMP/endless" $N >/dev/null 2>"$TMP/err"; want "relucert-check on an endless pipe" 1 $?
sleep 0.1; kill "$(cat "$TMP/yes.pid")" 2>/dev/null; wait
grep -q "larger than 1024 MiB" "$TMP/err" && ok=$((ok + 1)) || fail "relucert-check on an endless pipe: $(cat "$TMP/err")"
for args in "" "--box" "--bogus $TMP/cert.json $N" "--quiet --quiet $TMP/cert.json $N" "--box -1,1 --box -1,1 $TMP/cert.json $N" \
            "--whole --box -1,1 $TMP/cert.json $N" "--arrangement --whole $TMP/cert.json $N" "--box 1,-1 $TMP/cert.json $N" \
            "--box x,1 $TMP/cert.json $N" "$TMP/cert.json $N $N" "--eval $N" "--eval $N 1,2,3" "--eval --whole $N 0,0"; do
    "$CHK" $args >/dev/null 2>"$TMP/err"; want "relucert-check $args (a usage error)" 2 $?
done
"$CHK" "$TMP/cert.json" $N >/dev/full 2>"$TMP/err"; want "relucert-check > /dev/full" 2 $?
"$CHK" "$TMP/cert.json" $N >&- 2>"$TMP/err"; want "relucert-check with stdout closed" 2 $?
"$CHK" --eval $N 0,0 >/dev/full 2>"$TMP/err"; want "relucert-check --eval > /dev/full" 2 $?
"$CHK" --help >&- 2>"$TMP/err"; want "relucert-check --help with stdout closed" 2 $?
"$CHK" --quiet "$TMP/cert.json" $N >&- 2>"$TMP/err" && ok=$((ok + 1)) || fail "relucert-check --quiet with stdout closed"

# batch: every job ends with a record (an unreadable, endless or deep network, a deep domain),
# the summary counts the failures, exit 1 with one line; a device as --out gets the records once
printf '{"network": "%s", "analyses": ["regions"], "box": [-1, 1]}\n' $N /nonexistent.json /dev/zero /tmp "$TMP/deep.json" >"$TMP/m.jsonl"
printf '{"network": "%s", "analyses": ["regions"], "domain": "%s"}\n' $N "$TMP/deepo.json" $N /dev/zero >>"$TMP/m.jsonl"
rm -f "$TMP/bo.jsonl"
"$BIN" batch "$TMP/m.jsonl" --out "$TMP/bo.jsonl" --json >"$TMP/sum.json" 2>"$TMP/err"; want "batch with failing jobs" 1 $?
[ "$(jq -c '[.jobs, .failed_jobs, .analyses.regions.errors]' "$TMP/sum.json")" = "[7,6,6]" ] \
    && [ "$(jq -s -c '[length, map(.job), (map(select(.regions.error != null)) | length)]' "$TMP/bo.jsonl")" = "[7,[0,1,2,3,4,5,6],6]" ] \
    && [ "$(jq -s -c 'map(.sha256 == null) | .[1:4]' "$TMP/bo.jsonl")" = "[true,true,true]" ] \
    && ok=$((ok + 1)) || fail "batch with failing jobs: $(cat "$TMP/sum.json") $(jq -c .regions "$TMP/bo.jsonl")"
n=$("$BIN" batch tests/data/batch-example.jsonl --out /dev/stdout --quiet 2>/dev/null | grep -c '^{"job"')
[ "$n" -eq 2 ] && ok=$((ok + 1)) || fail "batch --out /dev/stdout: $n records (2 expected)"
rm -f "$TMP/endless"; mkfifo "$TMP/endless"; ( cat "$TMP/endless" >"$TMP/fromfifo" ) &
timeout 120 "$BIN" batch tests/data/batch-example.jsonl --out "$TMP/endless" --quiet >/dev/null 2>"$TMP/err"; rc=$?
wait
[ $rc -eq 0 ] && [ "$(grep -c '^{"job"' "$TMP/fromfifo")" -eq 2 ] && ok=$((ok + 1)) || fail "batch --out FIFO: exit $rc, $(head -c 200 "$TMP/err")"

# small ones: seeds beyond 2^64 and repeated options are usage errors (exit 2, one line), never
# clamped or silently the last value
for args in "random --dim 2 --widths 3 --kind int --seed 18446744073709551616" \
            "stats --dim 2 --widths 3 --kind int --seeds 1..18446744073709551616" \
            "sphere-fit --dim 2 --units 4 --layers 1 --seed 99999999999999999999" \
            "train-float --dataset xor --widths 3 --out-prefix $TMP/tf --seed 18446744073709551616" \
            "random --dim 2 --widths 3 --kind int --seed 1 --seed 2" \
            "regions $N --box -1,1 --box -2,2" "regions $N --box -1,1 --json --json" \
            "homology $N --box -1,1 --sublevel 0 --sublevel 1" "batch tests/data/batch-example.jsonl --out $TMP/b1 --out $TMP/b2"; do
    "$BIN" $args >/dev/null 2>"$TMP/err" </dev/null; want "relucert $args" 2 $?
done

# set-up that would blow up: polyhedra in R^200000 (a network's input, a polytope's points)
# are refused before anything quadratic is allocated, and any exhausted memory is one line,
# exit 3, never an abort with FLINT's message on stdout
awk 'BEGIN { n = 200000; printf "{\"input_dim\": %d, \"layers\": [{\"weights\": [[", n
    for (i = 1; i < n; i++) printf "0,"; print "1]], \"biases\": [0]}, {\"weights\": [[1]], \"biases\": [0]}]}" }' >"$TMP/wide.json"
awk 'BEGIN { n = 200000; printf "{\"vertices\": [["; for (i = 1; i < n; i++) printf "0,"; print "0]]}" }' >"$TMP/widev.json"
for args in "regions $TMP/wide.json --whole" "regions $TMP/wide.json --whole --json" "homology $TMP/wide.json --whole --sublevel 0" \
            "arrangement $TMP/wide.json" "boundary $TMP/wide.json" "dualgraph $TMP/wide.json --whole" "decision $TMP/wide.json --whole" \
            "layer $TMP/wide.json --layer 1" "polytope $TMP/widev.json" "faces $TMP/widev.json" "polar $TMP/widev.json"; do
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1 "$BIN" $args >"$TMP/stdout" 2>"$TMP/err" </dev/null; rc=$?
    if [ $rc -ne 2 ] && [ $rc -ne 3 ]; then fail "relucert $args: exit $rc (2 or 3 expected): $(head -c 200 "$TMP/err")"
    elif grep -q FLINT "$TMP/stdout" "$TMP/err"; then fail "relucert $args: FLINT's message"
    else one_line_error "relucert $args" $rc; fi
done

# two outputs on one file, however spelled: refused before anything is written
mkdir -p "$TMP/d"
for args in "regions data/default.json --box -1,1 --stream $TMP/d/x --certificate $TMP/d/../d/x" \
            "regions data/default.json --box -1,1 --stream $TMP/d/./x --certificate $TMP//d/x" \
            "dualgraph data/default.json --box -1,1 --dot $TMP/d/g --graphml $TMP/d/../d/g" \
            "batch tests/data/batch-example.jsonl --out $TMP/d/b --csv $TMP/d/./b" \
            "regions data/default.json --box -1,1 --stream - --json" \
            "regions data/default.json --box -1,1 --stream /dev/stdout --json" \
            "label data/default.json --grid 3 --box -1,1 --jsonl - --json" \
            "batch tests/data/batch-example.jsonl --out /dev/stdout --json"; do
    rm -f "$TMP"/d/*
    "$BIN" $args >/dev/null 2>"$TMP/err" </dev/null; rc=$?
    if [ $rc -ne 2 ]; then fail "relucert $args: exit $rc (2 expected)"
    elif [ -n "$(ls "$TMP/d")" ]; then fail "relucert $args: wrote $(ls "$TMP/d")"
    else one_line_error "relucert $args" $rc; fi
done
# a side output on the file that standard output is redirected to (one would overwrite the other)
for args in "regions data/default.json --box -1,1 --stream @" "dualgraph data/default.json --box -1,1 --dot @" \
            "label data/default.json --grid 3 --box -1,1 --jsonl @" "batch tests/data/batch-example.jsonl --out @"; do
    echo old >"$TMP/same"
    set --
    for a in $args; do [ "$a" = @ ] && a=$TMP/same; set -- "$@" "$a"; done
    "$BIN" "$@" >>"$TMP/same" 2>"$TMP/err" </dev/null; rc=$?
    if [ $rc -ne 2 ] || [ "$(cat "$TMP/same")" != old ]; then fail "relucert $args > the same file: exit $rc"
    else one_line_error "relucert $args > the same file" $rc; fi
done
ln -s "$TMP/d" "$TMP/link"
"$BIN" regions data/default.json --box -1,1 --stream "$TMP/link/x" --certificate "$TMP/d/x" >/dev/null 2>"$TMP/err"
one_line_error "the same file through a symbolic link" $?
echo "faults: $ok passed, $fails failed"
[ $fails -eq 0 ]
