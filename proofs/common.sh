# Shared by proofs/*/generate.sh (sourced, not run). Sets BIN, CHECK, TMP and
# defines keep/fail. Usage in a script: . ../common.sh "$@"
#   $1  relucert (default ../../src/relucert, the libtool wrapper)
#   $2  relucert-check (default ../../checker/relucert-check)
# Environment: UPDATE=1 rewrites committed files that differ instead of failing.
BIN=${1:-../../src/relucert}
CHECK=${2:-../../checker/relucert-check}
command -v jq >/dev/null || { echo "$0: jq is needed (apt-get install jq)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "$0: no relucert at $BIN" >&2; exit 1; }
[ -x "$CHECK" ] || { echo "$0: no relucert-check at $CHECK" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# an uninstalled libtool build: run private copies, so that a concurrent rebuild
# cannot swap the programs or the library underneath
LIBS=$(dirname "$BIN")/.libs
if [ -x "$LIBS/relucert" ] && ls "$LIBS"/librelucert.so* >/dev/null 2>&1; then
    mkdir "$TMP/bin"
    cp "$LIBS/relucert" "$LIBS"/librelucert.so* "$TMP/bin/"
    LD_LIBRARY_PATH="$TMP/bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export LD_LIBRARY_PATH
    BIN=$TMP/bin/relucert
fi
CLIBS=$(dirname "$CHECK")/.libs
if [ -x "$CLIBS/relucert-check" ]; then cp "$CLIBS/relucert-check" "$TMP/relucert-check"; else cp "$CHECK" "$TMP/relucert-check"; fi
CHECK=$TMP/relucert-check
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
# keep NEW DEST: DEST is a committed file; the regenerated NEW must equal it
# byte for byte (cmp). A missing DEST (or UPDATE=1) is written.
keep() {
    if [ -f "$2" ] && [ "${UPDATE:-0}" != 1 ]; then
        cmp -s "$1" "$2" || fail "$2 differs from its regenerated version (UPDATE=1 to rewrite)"
    else
        mkdir -p "$(dirname "$2")" && cp "$1" "$2"
    fi
}
# le_frac P/Q K: exit 0 iff P/Q <= K, exactly (integers of at most 17 digits, shell arithmetic).
le_frac() {
    p=${1%/*}; q=${1#*/}; [ "$q" = "$1" ] && q=1
    case "$p$q$2" in *[!0-9-]*) return 2 ;; esac
    [ ${#p} -le 17 ] && [ ${#q} -le 17 ] || return 2
    [ $((p)) -le $(($2 * q)) ]
}
