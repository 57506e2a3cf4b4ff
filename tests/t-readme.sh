#!/bin/sh
# Documentation that is true (issue 21): the README's commands and every example in every
# `relucert CMD --help` (and `relucert-check --help`) run as written, in a scratch directory
# that looks like the source tree, and a command that fails (or exits other than the
# "# exit N" its line documents) fails this test:
#  - the README's first command ends in the main job: its part after the build runs;
#  - every indented README line that runs src/relucert, checker/relucert-check or
#    python/relucert-export, and every line of its ```sh blocks, in order;
#  - every ```python block, with Debian's python3 (only without python3-cffi/torch/onnx are
#    they not run, and then not counted: .ci/install-deps installs them);
#  - the README's C block is tests/c-api/example.c (tests/t-install.sh compiles and runs it);
#  - every line under "examples:" in a command's --help.
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
BIN="$B/src/relucert"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok=0 fails=0
# A scratch directory that looks like the source tree to the commands (they run there, so
# the files they write land there, not in the source tree): data/, tests/, bench/, python/
# and proofs/ are the source tree's, src/relucert and checker/relucert-check the built
# programs; on PATH also as relucert and relucert-check (the installed names), and python3 is
# Debian's (the README says so).
W=$TMP/work
mkdir -p "$W/src" "$W/checker" "$TMP/bin"
for d in data tests bench python proofs; do ln -s "$S/$d" "$W/$d"; done
ln -s "$BIN" "$W/src/relucert"
ln -s "$B/checker/relucert-check" "$W/checker/relucert-check"
ln -s "$BIN" "$TMP/bin/relucert"
ln -s "$B/checker/relucert-check" "$TMP/bin/relucert-check"
PY=/usr/bin/python3
[ -x $PY ] && ln -s $PY "$TMP/bin/python3"
PATH=$TMP/bin:$PATH
RELUCERT_LIB=$B/src/.libs/librelucert.so
PYTHONDONTWRITEBYTECODE=1
export PATH RELUCERT_LIB PYTHONDONTWRITEBYTECODE
have_torch=0 have_cffi=0
[ -z "${SAN_FLAGS:-}" ] && [ -x $PY ] && $PY -c "import cffi" 2>/dev/null && have_cffi=1
[ $have_cffi = 1 ] && $PY -c "import torch, onnx" 2>/dev/null && have_torch=1
# runline LINE: a README command line; "# exit N" after it is the exit status it documents
runline() {
    want=$(echo "$1" | sed -n 's/.*# *exit \([0-9]*\).*/\1/p')
    want=${want:-0}
    (cd "$W" && sh -c "$1") >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?
    if [ $rc -eq "$want" ]; then ok=$((ok + 1))
    else fails=$((fails + 1)); echo "FAIL: README (exit $rc, documented $want): $1"; head -5 "$TMP/err"; fi
}

# 1. the README's first command: its main job (after the build steps)
first=$(grep -m1 '^    bash .ci/install-deps' "$S/README.md")
main_job=${first##*&& }
case $main_job in src/relucert\ *) ;; *) echo "FAIL: README's first command does not end in src/relucert"; fails=$((fails + 1));; esac
runline "$main_job"

# 2. every indented README command line that runs a program of the tree (the build
#    steps, `make check`, `make install` and the C compile are tests/t-install.sh's and make's)
grep -E '^    (src/relucert|checker/relucert-check|PYTHONPATH=python python/relucert-export) ' "$S/README.md" \
    | sed 's/^    //' > "$TMP/cmds"
[ "$(wc -l < "$TMP/cmds")" -ge 15 ] || { fails=$((fails + 1)); echo "FAIL: only $(wc -l < "$TMP/cmds") README command lines found"; }
while IFS= read -r line; do
    case $line in
        *relucert-export\ *) [ $have_torch = 1 ] || { echo "note: not run (python3-torch/onnx/cffi missing): $line"; continue; };;
    esac
    runline "$line"
done < "$TMP/cmds"

# 3. the ```sh blocks, line by line in order (later lines use earlier lines' files)
awk '/^```sh$/{p=1;next} /^```$/{p=0} p' "$S/README.md" > "$TMP/sh"
[ "$(wc -l < "$TMP/sh")" -ge 8 ] || { fails=$((fails + 1)); echo "FAIL: README sh blocks: $(wc -l < "$TMP/sh") lines"; }
while IFS= read -r line; do
    case $line in
        *python3*) [ $have_cffi = 1 ] || { echo "note: not run (python3-cffi missing): $line"; continue; };;
    esac
    runline "$line"
done < "$TMP/sh"

# 4. the Python blocks, each a program, with Debian's python3
awk '/^```python$/{n++; f=sprintf("'"$TMP"'/readme%d.py", n); next} /^```$/{f=""} f{print > f}' "$S/README.md"
[ -s "$TMP/readme1.py" ] || { fails=$((fails + 1)); echo "FAIL: README has no python block"; }
for f in "$TMP"/readme*.py; do
    if [ -n "${SAN_FLAGS:-}" ]; then
        echo "note: README Python blocks not run in a sanitizer build (tests/t-python.sh runs the bindings there); not counted"
        break
    elif [ $have_torch = 1 ]; then
        runline "PYTHONPATH=python python3 $f"
    else
        echo "note: README Python block $f not run (python3-cffi, python3-torch or python3-onnx missing); not counted"
    fi
done

# 5. the C example is tests/c-api/example.c (which tests/t-install.sh compiles against the
#    installed library), up to comments and blank lines
awk '/^```c$/{p=1;next} /^```$/{p=0} p' "$S/README.md" | grep -v '^ *$' > "$TMP/c1"
sed '/^\/\*/,/\*\//d' "$S/tests/c-api/example.c" | grep -v '^ *$' > "$TMP/c2"
if cmp -s "$TMP/c1" "$TMP/c2"; then ok=$((ok + 1)); else fails=$((fails + 1)); echo "FAIL: README's C block is not tests/c-api/example.c"; diff "$TMP/c1" "$TMP/c2" | head -5; fi

# 6. every --help example of every command, and of relucert-check, in the scratch directory
cmds=$("$BIN" --help | sed '/^examples:$/,$d' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
nex=0
for c in $cmds; do
    "$BIN" "$c" --help > "$TMP/help" 2>/dev/null || { fails=$((fails + 1)); echo "FAIL: relucert $c --help"; continue; }
    awk 'tolower($0) ~ /^examples:?$/{p=1;next} p && /^[^ ]/{p=0} p' "$TMP/help" \
        | sed -n 's/^ *\(relucert .*\)$/\1/p' > "$TMP/ex"
    [ -s "$TMP/ex" ] || { fails=$((fails + 1)); echo "FAIL: relucert $c --help has no examples: section"; }
    while IFS= read -r line; do
        nex=$((nex + 1))
        runline "$line"
    done < "$TMP/ex"
done
"$BIN" --help | awk 'tolower($0) ~ /^examples:?$/{p=1;next} p && /^[^ ]/{p=0} p' \
    | sed -n 's/^ *\(relucert .*\)$/\1/p' > "$TMP/ex"
[ -s "$TMP/ex" ] || { fails=$((fails + 1)); echo "FAIL: relucert --help has no examples: section"; }
while IFS= read -r line; do nex=$((nex + 1)); runline "$line"; done < "$TMP/ex"
# the man page has an EXAMPLES section with every command's examples
if [ -f "$B/relucert.1" ]; then
    man_ex=$(sed -n '/^\.SH EXAMPLES$/,/^\.SH /p' "$B/relucert.1" | grep -c '^ *relucert ')
    [ "$man_ex" -ge 26 ] && ok=$((ok + 1)) || { fails=$((fails + 1)); echo "FAIL: relucert.1 EXAMPLES has $man_ex examples"; }
fi
"$B/checker/relucert-check" --help | awk 'tolower($0) ~ /^examples:?$/{p=1;next} p && /^[^ ]/{p=0} p' \
    | sed -n 's/^ *\(relucert.*\)$/\1/p' > "$TMP/ex"
[ -s "$TMP/ex" ] || { fails=$((fails + 1)); echo "FAIL: relucert-check --help has no examples: section"; }
while IFS= read -r line; do nex=$((nex + 1)); runline "$line"; done < "$TMP/ex"
echo "readme: $nex --help examples run"
echo "readme: $ok passed, $fails failed"
[ $fails -eq 0 ]
