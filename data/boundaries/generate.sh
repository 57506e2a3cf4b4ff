#!/bin/sh
# Observed decision-boundary classes of random one-hidden-layer networks
# (issue 6, NOTES section 3). Deterministic: the networks come from a
# Park-Miller generator (x <- 16807 x mod 2^31 - 1, exact in any awk), so
# the same relucert gives the same bytes. Usage (from the repository root):
#     make -C data/boundaries        (or: sh data/boundaries/generate.sh [RELUCERT])
# Writes data/boundaries/classes.tsv and data/boundaries/types.tsv.
set -eu
BIN=${1:-src/relucert}
OUT=$(dirname "$0")
SQUARE=${SQUARE:-300}     # square networks per dimension
WIDE=${WIDE:-60}          # networks per (d, m) with m = d+1..2d
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no relucert at $BIN (build first)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# an uninstalled libtool build: run a private copy, so that a rebuild during the
# run cannot swap the program or its library underneath
LIBS=$(dirname "$BIN")/.libs
if [ -x "$LIBS/relucert" ] && ls "$LIBS"/librelucert.so* >/dev/null 2>&1; then
    mkdir "$TMP/bin"
    cp "$LIBS/relucert" "$LIBS"/librelucert.so* "$TMP/bin/"
    LD_LIBRARY_PATH="$TMP/bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export LD_LIBRARY_PATH
    BIN=$TMP/bin/relucert
fi

# nets D M COUNT SEED: COUNT networks (one per line) with input_dim D, one hidden layer of
# width M, one output; entries p/q with p in [-5,5], q in 1..3; output weights nonzero;
# the output bias in [-5,5]/q (the threshold is 0).
nets() {
    awk -v d="$1" -v m="$2" -v count="$3" -v seed="$4" '
    function rnd(n) { x = (16807 * x) % 2147483647; return x % n }
    function num(nonzero,   p, q) {
        do p = rnd(11) - 5; while (nonzero && p == 0)
        q = 1 + rnd(3)
        return (q == 1) ? p : "\"" p "/" q "\""
    }
    BEGIN {
        x = seed
        for (t = 0; t < 10; t++) rnd(2)
        for (c = 0; c < count; c++) {
            s = "{\"input_dim\":" d ",\"layers\":[{\"weights\":["
            for (i = 0; i < m; i++) {
                s = s (i ? "," : "") "["
                for (j = 0; j < d; j++) s = s (j ? "," : "") num(0)
                s = s "]"
            }
            s = s "],\"biases\":["
            for (i = 0; i < m; i++) s = s (i ? "," : "") num(0)
            s = s "]},{\"weights\":[["
            for (i = 0; i < m; i++) s = s (i ? "," : "") num(1)
            s = s "]],\"biases\":[" num(0) "]}]}"
            print s
        }
    }'
}

# run one network per line through relucert boundary; one compact summary line each
run() {
    i=0
    while IFS= read -r net; do
        printf '%s\n' "$net" >"$TMP/net.json"
        "$BIN" boundary "$TMP/net.json" --json >"$TMP/out.json"
        jq -c '{class: .class, degenerate: .degenerate, fvector: .fvector, components: .components}' "$TMP/out.json"
        i=$((i + 1))
    done
}

{
    printf 'd\tnetworks\tclassified\tsingular_W\tzero_output_weight\tc0_threshold'
    for k in 0 1 2 3 4 5; do printf '\tk=%s' "$k"; done
    printf '\tpieces_k=1..d\n'
    for d in 2 3 4 5; do
        nets "$d" "$d" "$SQUARE" $((1000 + d)) | run >"$TMP/sq$d"
        jq -rs --argjson d "$d" '
            [ length,
              (map(select(.class != null)) | length),
              (map(select(.degenerate == "singular W")) | length),
              (map(select(.degenerate == "zero output weight")) | length),
              (map(select(.degenerate == "c0 = threshold")) | length) ]
            + [ range(0; 6) as $k | if $k <= $d then (map(select(.class == $k)) | length) else "-" end ]
            + [ [ range(1; $d + 1) as $k | (map(select(.class == $k) | .fvector[$d - 1]) | unique | map(tostring) | join("/") | if . == "" then "-" else . end) ] | join(",") ]
            | [$d] + . | map(tostring) | join("\t")' "$TMP/sq$d"
    done
} >"$OUT/classes.tsv"

{
    printf 'd\tm\tfvector\tcomponents\tnetworks\n'
    for d in 2 3 4 5; do
        m=$((d + 1))
        while [ "$m" -le $((2 * d)) ]; do
            nets "$d" "$m" "$WIDE" $((2000 + 10 * d + m)) | run >"$TMP/w"
            jq -rs --argjson d "$d" --argjson m "$m" '
                group_by([.fvector, .components]) | sort_by(-length, .[0].fvector, .[0].components)
                | .[] | [$d, $m, (.[0].fvector | map(tostring) | join(",")), .[0].components, length]
                | map(tostring) | join("\t")' "$TMP/w"
            m=$((m + 1))
        done
    done
} >"$OUT/types.tsv"
