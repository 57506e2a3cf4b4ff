#!/usr/bin/env bash
# Regenerates data/face-stats-resnet/ (issue 16 item 5): plain vs residual ReLU networks of the
# same widths and depth (8 x 3 hidden units), at initialisation (5 seeds) and after training on
# a toy task (3 seeds), in d = 2, 3, 4: region counts, facet histograms and exact mean facets in
# the box [-1,1]^d and over R^d (relucert stats --networks), against the bound 2d; figures.
# usage: data/face-stats-resnet/generate.sh [path/to/relucert]   (make data-face-stats-resnet;
# about 1 minute of CPU). SHA256SUMS lists every generated file: a rerun gives the same bytes (same torch
# build and CPU), `sha256sum -c SHA256SUMS` checks it.
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../../src/relucert}
PY=/usr/bin/python3
# the Python package next to the CLI (a build tree: src/.libs; else the installed library)
lib="$(cd "$(dirname "$BIN")" && pwd)/.libs/librelucert.so"
[ -f "$lib" ] && export RELUCERT_LIB="$lib"
export PYTHONDONTWRITEBYTECODE=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. networks: trained in torch, imported exactly (study.py: nets/*.jsonl, train.json)
rm -rf nets
"$PY" study.py nets . > train.json

# 2. face statistics of every family in both domains, one labelled line each
: > results.jsonl
for d in 2 3 4; do
    for arch in plain residual; do
        for state in init trained; do
            for dom in box whole; do
                if [ $dom = box ]; then opt="--box -1,1"; where="box [-1,1]^d"; else opt="--whole"; where="R^d"; fi
                "$BIN" stats --networks "nets/d$d-$arch-$state.jsonl" $opt --json | jq -c --argjson d $d \
                    --arg a $arch --arg s $state --arg w "$where" \
                    '{dim: $d, architecture: $a, state: $s, where: $w} + (. | del(.dim))' >> results.jsonl
            done
        done
    done
done

# 3. at initialisation, which hidden neurons cut the box: those with both signs among the patterns
#    of the regions there (the records carry every vertex: ~100 MB of JSON for 4000 regions in 4D,
#    so the trained networks are left out)
: > cutting.jsonl
for f in nets/*-init.jsonl; do
    fam=$(basename "$f" .jsonl) seed=0
    while IFS= read -r line; do
        seed=$((seed + 1))
        printf '%s\n' "$line" > "$tmp/net.json"
        "$BIN" regions "$tmp/net.json" --box -1,1 --list --json | jq -c --arg f "$fam" --argjson s $seed \
            '{family: $f, seed: $s, regions, cutting: ([.region_list[].pattern | split("")] | transpose | map(unique | length > 1))}' >> cutting.jsonl
    done < "$f"
done

# 4. table.csv, table.json, table.md, facets.svg
"$PY" study.py report .

# 5. region maps in 2D, seed 1: plain | residual at initialisation and trained (the panels' captions
#    are the file names)
for v in "plain init" "residual init" "plain trained" "residual trained"; do
    set -- $v
    sed -n 1p "nets/d2-$1-$2.jsonl" > "$tmp/$1, $2.json"
done
for ext in svg png; do
    "$BIN" plot "$tmp/plain, init.json" "$tmp/residual, init.json" "$tmp/plain, trained.json" "$tmp/residual, trained.json" \
        --box -1,1 --size 300 --out "maps-2d.$ext" \
        --title "d = 2, seed 1, 8 x 3 hidden units: regions in [-1,1]^2 and the decision boundary f = 0"
done

sha256sum nets/*.jsonl train.json results.jsonl cutting.jsonl table.csv table.json table.md facets.svg maps-2d.svg maps-2d.png > SHA256SUMS
echo "wrote data/face-stats-resnet/ (table.md, table.csv, table.json, facets.svg, maps-2d.svg)"
