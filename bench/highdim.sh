#!/bin/sh
# Issue 17: regions per second of the LP engine against the input dimension at
# fixed width (one hidden layer of 8 neurons, kind rat, seed 1, --box -1,1),
# and the two engines side by side where DD still runs. Each run stops at
# --time-limit 40 s (exit 4, partial counts) or earlier when complete.
# usage: bench/highdim.sh path/to/relucert
B=${1:-src/relucert}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%-6s %-6s %-8s %-8s %-9s %s\n' engine dim regions seconds reg/s complete
run() {
    eng=$1; dim=$2
    "$B" random --dim "$dim" --widths 8 --kind rat --seed 1 >"$T/n.json"
    s=$(date +%s.%N)
    "$B" regions "$T/n.json" --box -1,1 --json --quiet --engine "$eng" --time-limit 40 >"$T/o.json" 2>/dev/null
    e=$(date +%s.%N)
    r=$(jq .regions "$T/o.json"); p=$(jq .partial "$T/o.json")
    awk -v eng="$eng" -v d="$dim" -v r="$r" -v s="$s" -v e="$e" -v p="$p" \
        'BEGIN { t = e - s; printf "%-6s %-6s %-8s %-8.2f %-9.1f %s\n", eng, d, r, t, r / t, (p == "false") ? "yes" : "no" }'
}
for d in 4 6 8; do run dd $d; run lp $d; done
for d in 10 20 40; do run lp $d; done
# 100 inputs: relucert random stops at 64, so an LCG network of the same shape
# (integer weights in [-3,3], biases p/5) generated here
awk 'BEGIN { s = 4242; printf "{\"input_dim\":100,\"layers\":[{\"weights\":[";
  for (i = 0; i < 8; i++) { if (i) printf ","; printf "[";
    for (j = 0; j < 100; j++) { s = (s * 1103515245 + 12345) % 2147483648; if (j) printf ","; printf "%d", (s % 7) - 3 }
    printf "]" }
  printf "],\"biases\":["; for (i = 0; i < 8; i++) { s = (s * 1103515245 + 12345) % 2147483648; if (i) printf ","; printf "\"%d/5\"", (s % 11) - 5 }
  printf "]},{\"weights\":[[1,1,1,1,1,1,1,1]],\"biases\":[0]}]}\n" }' >"$T/n100.json"
s=$(date +%s.%N)
"$B" regions "$T/n100.json" --box -1,1 --json --quiet --time-limit 40 >"$T/o.json" 2>/dev/null
e=$(date +%s.%N)
r=$(jq .regions "$T/o.json"); p=$(jq .partial "$T/o.json")
awk -v r="$r" -v s="$s" -v e="$e" -v p="$p" \
    'BEGIN { t = e - s; printf "%-6s %-6s %-8s %-8.2f %-9.2f %s\n", "lp", "100*", r, t, r / t, (p == "false") ? "yes" : "no" }'
