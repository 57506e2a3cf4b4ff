#!/bin/sh
# Certificate size and checker time against region count (issue 22): for every
# bench network in [-1,1]^n, a format 2 regions certificate (faces, f-vector)
# is written and verified; the same certificate without its faces (format 1) is
# verified too, for the cost of the faces. Times: CPU seconds (user + system). Needs python3 (to strip the faces
# exactly: jq rounds big integers). Usage: bench/cert-bench.sh [NET...]
set -u
B=${RELUCERT:-src/relucert}
C=${RELUCERT_CHECK:-checker/relucert-check}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
[ $# -gt 0 ] || set -- bench/nets/*.json
# CPU seconds (user + system) of one command, on stderr of /usr/bin/time
cpu() { /usr/bin/time -f '%U %S' -o "$T/time" "$@" >/dev/null && awk '{ printf "%.2f", $1 + $2 }' "$T/time"; }
printf '%-20s %8s %10s %9s %9s %9s %9s %9s\n' network regions faces write_s cert_MB check_s fmt1_MB fmt1_chk_s
for net in "$@"; do
    w=$(cpu timeout 600 "$B" regions "$net" --box -1,1 --quiet --certificate "$T/c.json") || { echo "$net: regions failed"; continue; }
    c2=$(cpu timeout 1200 "$C" --quiet "$T/c.json" "$net") || { echo "$net: check failed"; continue; }
    python3 - "$T/c.json" "$T/c1.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for r in c["regions"]:
    r.pop("faces", None); r.pop("affine", None)
c.pop("format", None); c["counts"].pop("fvector", None); c["counts"].pop("euler", None)
for k in ("bounded_regions", "relatively_bounded_regions", "interior_regions"): c["counts"].pop(k, None)
json.dump(c, open(sys.argv[2], "w"), separators=(",", ":"))
PY
    c1=$(cpu "$C" --quiet "$T/c1.json" "$net") || echo "$net: format 1 check failed"
    r=$(python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(c['counts']['regions'], sum(len(x['faces']) for x in c['regions']))" "$T/c.json")
    printf '%-20s %8s %10s %9s %9.1f %9s %9.1f %9s\n' "$(basename "$net" .json)" $r "$w" \
        "$(echo "$(wc -c <"$T/c.json") / 1000000" | bc -l)" "$c2" "$(echo "$(wc -c <"$T/c1.json") / 1000000" | bc -l)" "$c1"
done
