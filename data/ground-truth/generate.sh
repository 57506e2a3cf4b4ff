#!/usr/bin/env bash
# Regenerates data/ground-truth/ bit for bit (make data-ground-truth):
#   nets/           the networks (relucert random: families x dimensions 1-6 x seeds)
#   manifest.jsonl  the batch manifest
#   records.jsonl   one record per network (relucert batch): regions and f-vectors in [-1,1]^n,
#                   arrangement counts and characteristic polynomials (one hidden layer),
#                   Betti numbers of {f >= 0} in [-1,1]^n (n <= 3)
#                   decision boundaries {f = 0} over R^n with their classes (one hidden layer)
#   validation.md   a float sampling counter (relucert float-count) against the exact counts
# The script checks the engine's cross-checks on every record (Euler characteristic 1 in the
# box, enumeration = Zaslavsky) and fails if one does not hold.
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../../src/relucert}
JOBS=${JOBS:-2}
rm -rf nets && mkdir nets
: > manifest.jsonl
widths_for() {   # small enough that every analysis is quick
    case $1 in 1) echo 6,6 ;; 2) echo 6,6 ;; 3) echo 5,4 ;; 4) echo 6 ;; 5) echo 5 ;; 6) echo 4 ;; esac
}
add() {  # name dim analyses...
    local name=$1 dim=$2; shift 2
    local an
    an=$(printf '"%s",' "$@"); an=${an%,}
    echo "{\"network\": \"nets/$name.json\", \"analyses\": [$an], \"box\": [-1, 1]}" >> manifest.jsonl
}
for kind in int rat wide gauss he degenerate; do
    for dim in 1 2 3 4 5 6; do
        w=$(widths_for $dim)
        for seed in 0 1 2 3 4 5; do
            name=$kind-d$dim-s$seed
            "$BIN" random --dim $dim --widths "$w" --kind $kind --seed $seed > nets/$name.json
            # dimensions 4-6 have one hidden layer: their arrangement too
            if [ $dim -le 3 ]; then add $name $dim regions homology; else add $name $dim regions arrangement boundary; fi
        done
    done
done
# square one-hidden-layer networks (width = dimension): boundary classes
for dim in 2 3 4 5; do
    for seed in 0 1 2 3 4 5; do
        name=square-d$dim-s$seed
        "$BIN" random --dim $dim --widths $dim --kind rat --seed $seed > nets/$name.json
        add $name $dim regions arrangement boundary
    done
done
for dim in 2 3; do
    for seed in 0 1 2 3 4 5; do
        name=ring-d$dim-s$seed
        "$BIN" random --dim $dim --widths $((2 * dim + 2)) --kind ring --seed $seed > nets/$name.json
        add $name $dim regions arrangement homology boundary
    done
done
for kind in braid shi catalan semiorder linial coordinate; do
    for dim in 2 3 4; do
        name=$kind-d$dim
        "$BIN" random --dim $dim --kind $kind --seed 0 > nets/$name.json
        if [ $dim -le 3 ]; then add $name $dim regions arrangement homology; else add $name $dim regions arrangement; fi
    done
done
rm -f records.jsonl
"$BIN" batch manifest.jsonl --out records.jsonl --jobs "$JOBS" --quiet > batch-summary.txt

# the engine's own cross-checks, on every record
bad=$(jq -c 'select((.regions.euler // 1) != 1 or (.regions.error != null) or (.arrangement.error != null)
                    or (.homology.error != null) or (.boundary.error != null)) | .network' records.jsonl | wc -l)
if [ "$bad" -ne 0 ]; then echo "ground truth: $bad records fail a cross-check" >&2; exit 1; fi

# validation of a float sampling counter on the 2D networks
{
    echo "# Validation: a float sampling counter against the exact counts"
    echo
    echo "\`relucert float-count NET --box -1,1 --grid 64\`: the network evaluated in double precision on a"
    echo "64 x 64 rational grid over [-1,1]^2, distinct activation patterns counted, as sampling tools"
    echo "do. regions - patterns: positive = regions the grid missed (thinner than the spacing);"
    echo "negative = phantom patterns, seen only at grid points on a bent hyperplane (e.g. where a neuron"
    echo "and its negation are both 0), which are not regions. on hyperplane = grid points with an exactly"
    echo "zero pre-activation; mislabelled = points whose float sign vector differs from the exact one."
    echo
    rows=""
    for f in nets/*-d2*.json; do
        r=$("$BIN" float-count "$f" --box -1,1 --grid 64 --json)
        rows="$rows$(basename "$f" .json) $(echo "$r" | jq -r '[.regions, .float_patterns, .missed, .on_boundary, .mislabelled] | @tsv')"$'\n'
    done
    echo "By family (sums over the family's 2D networks):"
    echo
    echo "| family | networks | exact regions | regions - patterns | networks with a miss | on hyperplane | mislabelled |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s' "$rows" | awk '{ split($1, a, "-"); f = a[1]; n[f]++; r[f] += $2; m[f] += $4; nm[f] += ($4 > 0);
        b[f] += $5; w[f] += $6; if (!(f in seen)) { seen[f] = 1; order[++k] = f } }
        END { for (i = 1; i <= k; i++) { f = order[i];
              printf "| %s | %d | %d | %d | %d | %d | %d |\n", f, n[f], r[f], m[f], nm[f], b[f], w[f] } }'
    echo
    echo "Per network:"
    echo
    echo "| network | exact regions | float patterns | regions - patterns | on hyperplane | mislabelled |"
    echo "|---|---|---|---|---|---|"
    printf '%s' "$rows" | awk '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
} > validation.md
echo "wrote data/ground-truth: $(wc -l < records.jsonl) records"
