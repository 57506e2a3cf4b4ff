#!/usr/bin/env bash
# Regions per second of `relucert regions` on the networks in bench/nets,
# inside [-1,1]^n. Baseline, measured in the same run on the same regions:
# the cost of one cddlib (GMP) double-description conversion per region,
# i.e. the naive design (time of --verify minus time without it; --verify
# recomputes every region with cddlib). Prints the ratio of the two.
# usage: bench/run.sh [path/to/relucert]
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-src/relucert}
now() { date +%s.%N; }
printf "%-20s %8s %10s %12s %14s %10s\n" network regions "time (s)" "regions/s" "cddlib/region" "speedup"
for f in bench/nets/*.json; do
    name=$(basename "$f" .json)
    t0=$(now)
    out=$("$BIN" regions "$f" --box -1,1 --json --quiet)
    t1=$(now)
    "$BIN" regions "$f" --box -1,1 --json --quiet --verify >/dev/null
    t2=$(now)
    regions=$(echo "$out" | sed -n 's/^ *"regions": *\([0-9]*\).*/\1/p')
    awk -v n="$name" -v r="$regions" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
        te = b - a; tv = (c - b) - te; if (tv < 1e-9) tv = 1e-9;
        printf "%-20s %8d %10.3f %12.0f %12.1f us %9.2fx\n", n, r, te, r / te, 1e6 * tv / r, tv / te }'
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
