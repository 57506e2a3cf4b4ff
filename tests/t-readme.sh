#!/bin/sh
# Documentation that is true (issue 21): the README's commands and every example in every
# `relucert CMD --help` run as written.
#  - the README's first command ends in the main job: its part after the build runs here;
#  - every indented README line that starts with `src/relucert ` runs from the source root;
#  - the README's Python block runs with Debian's python3 (skipped without python3-cffi/torch,
#    reported as a failure of this test only if those are installed);
#  - every line under "examples:" in a command's --help that starts with `relucert ` runs in a
#    scratch directory that sees the source tree's data/ and tests/ (output files land there).
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
BIN="$B/src/relucert"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=0 fails=0
run() {  # run DESCRIPTION DIR CMD...
    what=$1 dir=$2; shift 2
    if (cd "$dir" && "$@") >"$TMP/out" 2>"$TMP/err" </dev/null; then ok=$((ok + 1))
    else fails=$((fails + 1)); echo "FAIL: $what: $*"; head -5 "$TMP/err"; fi
}

# 1. the README's first command: its main job (after the build steps)
first=$(grep -m1 '^    bash .ci/install-deps' "$S/README.md")
main_job=${first##*&& }
case $main_job in src/relucert\ *) ;; *) echo "FAIL: README's first command does not end in src/relucert"; fails=$((fails + 1));; esac
run "README main job" "$S" sh -c "$(echo "$main_job" | sed "s#^src/relucert#$BIN#")"

# 2. every indented README command line that runs the program
grep '^    src/relucert ' "$S/README.md" | sed 's/^    //' | while IFS= read -r line; do
    echo "$line"
done > "$TMP/cmds"
while IFS= read -r line; do
    run "README: $line" "$S" sh -c "$(echo "$line" | sed "s#^src/relucert#$BIN#")"
done < "$TMP/cmds"

# 3. the Python block
PY=/usr/bin/python3
awk '/^```python$/{p=1;next} /^```$/{p=0} p' "$S/README.md" > "$TMP/readme.py"
if [ -n "${SAN_FLAGS:-}" ]; then
    echo "note: README Python block not run in a sanitizer build (tests/t-python.sh runs the bindings there); not counted"
elif [ -s "$TMP/readme.py" ] && [ -x $PY ] && $PY -c "import cffi, torch" 2>/dev/null; then
    run "README Python block" "$S" env RELUCERT_LIB="$B/src/.libs/librelucert.so" PYTHONPATH="$S/python" \
        PYTHONDONTWRITEBYTECODE=1 $PY "$TMP/readme.py"
elif [ -s "$TMP/readme.py" ]; then
    echo "note: README Python block not run (python3-cffi or python3-torch missing); not counted"
fi

# 4. every --help example of every command
mkdir -p "$TMP/work"
ln -s "$S/data" "$TMP/work/data"
ln -s "$S/tests" "$TMP/work/tests"
ln -s "$S/bench" "$TMP/work/bench"
cmds=$("$BIN" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
nex=0
for c in $cmds; do
    "$BIN" "$c" --help > "$TMP/help" 2>/dev/null || { fails=$((fails + 1)); echo "FAIL: relucert $c --help"; continue; }
    awk 'tolower($0) ~ /^examples:?$/{p=1;next} p && /^[^ ]/{p=0} p' "$TMP/help" \
        | sed -n 's/^ *\(relucert .*\)$/\1/p' | sed 's/  *#.*$//' > "$TMP/ex"
    [ -s "$TMP/ex" ] || { fails=$((fails + 1)); echo "FAIL: relucert $c --help has no examples: section"; }
    while IFS= read -r line; do
        nex=$((nex + 1))
        run "relucert $c --help example: $line" "$TMP/work" sh -c "$(echo "$line" | sed "s#^relucert #$BIN #; s#\([|&;]\) *relucert #\1 $BIN #g")"
    done < "$TMP/ex"
done
echo "readme: $nex --help examples run"
echo "readme: $ok passed, $fails failed"
[ $fails -eq 0 ]
