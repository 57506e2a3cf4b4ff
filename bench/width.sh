#!/bin/sh
# Cost per region across widths (issue 19 item 4): callgrind instruction counts of whole
# `relucert regions NET --box -1,1 --json` processes (the engine and the complex's f-vector, no
# records written) on one hidden layer in R^2 of width 100, 450 and 1000 (`relucert random
# --kind gauss --seed 1`), then instructions per region and the ratio max/min across widths;
# also the share of the search itself (regions_iter_next, inclusive). Optional arguments: more
# network files (e.g. bench/nets/4d-12x12-rat.json); MAXREG=N adds --max-regions N to every run.
# Run from a built source tree: sh bench/width.sh [BUILD_DIR [NET...]]
set -u
B=${1:-.}
[ $# -gt 0 ] && shift
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
R="$B/src/.libs/relucert"
lim=""
[ -n "${MAXREG:-}" ] && lim="--max-regions $MAXREG"
nets=""
for w in 100 450 1000; do
    LD_LIBRARY_PATH="$B/src/.libs" "$R" random --dim 2 --widths $w --kind gauss --seed 1 --out "$tmp/w$w.json"
    nets="$nets $tmp/w$w.json"
done
echo "network | regions | instructions | per region | search (regions_iter_next) per region"
min=0; max=0
for f in $nets "$@"; do
    # shellcheck disable=SC2086
    LD_LIBRARY_PATH="$B/src/.libs" valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
        "$R" regions "$f" --box -1,1 --json $lim >"$tmp/out.json" 2>"$tmp/log"
    ir=$(sed -n 's/.*I *refs: *//p' "$tmp/log" | tr -d ,)
    reg=$(sed -n 's/^  "regions": \([0-9]*\),/\1/p' "$tmp/out.json")
    it=$(callgrind_annotate --inclusive=yes "$tmp/cg" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*:regions_iter_next .*/\1/p' | head -1 | tr -d ,)
    per=$((ir / reg))
    echo "$(basename "$f") | $reg | $ir | $per | $((${it:-0} / reg))"
    case "$f" in "$tmp"/w*)
        [ $min -eq 0 ] || [ $per -lt $min ] && min=$per
        [ $per -gt $max ] && max=$per ;;
    esac
done
echo "ratio max/min per region over the three widths: $(awk "BEGIN { printf \"%.2f\", $max / $min }")"
