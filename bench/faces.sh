#!/bin/sh
# Faces once (issue 19 item 1): callgrind instruction counts of whole
# `relucert regions NET --box -1,1 --json` processes (the search and the complex's f-vector,
# facet histogram and counts; no records written) on the suite's 4D and 6D networks, for a
# base build and this build in the same run, with the ratio base/this and a check that both
# print the same JSON. Instruction counts do not depend on the machine's load.
# Run from a built source tree: sh bench/faces.sh BASE_BUILD_DIR [THIS_BUILD_DIR]
set -u
[ $# -ge 1 ] || { echo "usage: sh bench/faces.sh BASE_BUILD_DIR [THIS_BUILD_DIR]" >&2; exit 2; }
A=$1
B=${2:-.}
S=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# cg BUILD NET OUT: instructions of one run (its JSON in OUT)
cg() {
    LD_LIBRARY_PATH="$1/src/.libs" valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
        "$1/src/.libs/relucert" regions "$2" --box -1,1 --json --quiet >"$3" 2>"$tmp/log"
    sed -n 's/.*I *refs: *//p' "$tmp/log" | tr -d ,
}
echo "network | regions | base instructions | this build | base/this | same JSON"
for f in "$S"/bench/nets/4d-*.json "$S"/bench/nets/6d-*.json; do
    ia=$(cg "$A" "$f" "$tmp/a.json")
    ib=$(cg "$B" "$f" "$tmp/b.json")
    reg=$(sed -n 's/^  "regions": \([0-9]*\),/\1/p' "$tmp/b.json")
    same=no
    cmp -s "$tmp/a.json" "$tmp/b.json" && same=yes
    echo "$(basename "$f" .json) | $reg | $ia | $ib | $(awk "BEGIN { printf \"%.2f\", $ia / $ib }") | $same"
done
