#!/bin/sh
# The gallery (issue 21): data/figures/generate.sh (what `make figures` runs), run on a copy
# of data/figures, reproduces every committed figure byte for byte (SHA-256 compared), and
# writes no file that is not committed. It needs Debian's python3-matplotlib for gallery.py
# (installed by .ci/install-deps); without it the test is skipped (exit 77), not passed.
set -u
S=$(cd "${top_srcdir:-.}" && pwd)
B=$(cd "${top_builddir:-.}" && pwd)
PY=/usr/bin/python3
if [ -n "${SAN_FLAGS:-}" ]; then echo "SKIP: sanitizer build (figures are checked in the plain build)"; exit 77; fi
[ -x $PY ] && $PY -c "import matplotlib" 2>/dev/null \
    || { echo "SKIP: $PY has no matplotlib (apt-get install python3-matplotlib): gallery not regenerated"; exit 77; }
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the tree generate.sh sees: its own directory copied, everything it reads linked
mkdir -p "$TMP/tree/data" "$TMP/tree/tests"
cp -R "$S/data/figures" "$TMP/tree/data/figures"
for d in topology wedge default.json; do ln -s "$S/data/$d" "$TMP/tree/data/$d"; done
ln -s "$S/tests/data" "$TMP/tree/tests/data"
ln -s "$S/python" "$TMP/tree/python"
(cd "$S/data/figures" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$TMP/before"
if ! bash "$TMP/tree/data/figures/generate.sh" "$B/src/relucert" >"$TMP/log" 2>&1; then
    echo "FAIL: generate.sh"; tail -5 "$TMP/log"; exit 1
fi
(cd "$TMP/tree/data/figures" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$TMP/after"
n=$(wc -l < "$TMP/before")
if cmp -s "$TMP/before" "$TMP/after"; then
    echo "t-figures: $n files reproduced byte for byte"
    exit 0
fi
echo "FAIL: make figures does not reproduce data/figures:"
diff "$TMP/before" "$TMP/after" | sed -n 's/^[<>] [0-9a-f]*  //p' | LC_ALL=C sort -u
exit 1
