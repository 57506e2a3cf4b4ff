#!/bin/sh
# Faults (issue 18): nothing lost while the exit status says success.
#  - every golden case (tests/golden/cases.txt) whose normal run succeeds and prints something
#    is run with stdout on a full disk (/dev/full) and with stdout closed: the exit status must be
#    non-zero and stderr one line naming the failure;
#  - cases that write a file (@OUT) get /dev/full as that file: the same;
#  - endless and unreadable inputs: a clear one-line error, no crash, no allocation abort.
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
# two outputs on one file, however spelled: refused before anything is written
mkdir -p "$TMP/d"
for args in "regions data/default.json --box -1,1 --stream $TMP/d/x --certificate $TMP/d/../d/x" \
            "regions data/default.json --box -1,1 --stream $TMP/d/./x --certificate $TMP//d/x" \
            "dualgraph data/default.json --box -1,1 --dot $TMP/d/g --graphml $TMP/d/../d/g" \
            "batch tests/data/batch-example.jsonl --out $TMP/d/b --csv $TMP/d/./b" \
            "regions data/default.json --box -1,1 --stream - --json"; do
    rm -f "$TMP"/d/*
    "$BIN" $args >/dev/null 2>"$TMP/err" </dev/null; rc=$?
    if [ $rc -ne 2 ]; then fail "relucert $args: exit $rc (2 expected)"
    elif [ -n "$(ls "$TMP/d")" ]; then fail "relucert $args: wrote $(ls "$TMP/d")"
    else one_line_error "relucert $args" $rc; fi
done
ln -s "$TMP/d" "$TMP/link"
"$BIN" regions data/default.json --box -1,1 --stream "$TMP/link/x" --certificate "$TMP/d/x" >/dev/null 2>"$TMP/err"
one_line_error "the same file through a symbolic link" $?
echo "faults: $ok passed, $fails failed"
[ $fails -eq 0 ]
