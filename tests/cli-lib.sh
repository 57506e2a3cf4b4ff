# Shared by the tests/t-cli*.sh scripts (sourced): paths, a scratch directory,
# counters, and the checks they all use.
BIN=${RELUCERT:-src/relucert}
D=${TESTDATA:-tests/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { ok=$((ok + 1)); }
# check NAME GOT EXPECTED
check() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', expected '$3'"; fi; }

command -v jq >/dev/null || { echo "FAIL: jq is needed (apt-get install jq)"; exit 1; }

# expect CODE CMD...: exit status CODE, and on failure exactly one nonempty stderr line
expect() {
    code=$1; shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -ne "$code" ]; then fail "exit $rc (expected $code): $*"; head -3 "$TMP/err"; return; fi
    if [ "$code" -ne 0 ]; then
        n=$(wc -l <"$TMP/err")
        if [ "$n" -ne 1 ] || [ ! -s "$TMP/err" ]; then fail "stderr is not one line: $*"; cat "$TMP/err"; return; fi
    fi
    pass
}
