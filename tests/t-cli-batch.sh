#!/bin/sh
# relucert batch (issues 15, 18, 21): analyses in-process, records identical for any --jobs, a
# record for every job (failures included) and exit 1 when one failed, resume, inline networks and
# JSON Lines of networks, the CSV table read back with Python's csv module, faults.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
S=${top_srcdir:-.}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN;; esac   # the paths below are the source tree's
cd "$S" || exit 1
M=tests/golden/manifest.jsonl
"$BIN" batch $M --out "$TMP/a.jsonl" --csv "$TMP/a.csv" --quiet >/dev/null 2>&1; check "exit 1 when a job failed" $? 1
check "a record per job" "$(wc -l < "$TMP/a.jsonl")" 4
check "the failed job's record" "$(sed -n 4p "$TMP/a.jsonl" | jq -r .regions.error | cut -c1-30)" "relucert regions: cannot read "
"$BIN" batch $M --out "$TMP/b.jsonl" --quiet --jobs 3 >/dev/null 2>&1
cmp -s "$TMP/a.jsonl" "$TMP/b.jsonl" && pass || fail "--jobs 3 differs from --jobs 1"
# the same as the commands print (compact)
"$BIN" homology tests/data/sage/case002.json --box -1,1 --superlevel 0 --json | jq -c . > "$TMP/h.json"
check "homology record = relucert homology --json" "$(sed -n 1p "$TMP/a.jsonl" | jq -c .homology)" "$(cat "$TMP/h.json")"
"$BIN" regions tests/data/sage/case005.json --whole --json --quiet | jq -c . > "$TMP/r.json"
check "regions record = relucert regions --json" "$(sed -n 2p "$TMP/a.jsonl" | jq -c .regions)" "$(cat "$TMP/r.json")"
# resume keeps the records
out=$("$BIN" batch $M --out "$TMP/a.jsonl" --quiet 2>/dev/null | head -1)
# (the job whose network is missing is tried again: its file may exist now)
check "resume" "$out" "batch $M: 4 jobs, 1 computed, 3 kept from an earlier run"
# CSV: flat columns, exact values with decimal twins
if command -v python3 >/dev/null; then
    python3 - "$TMP/a.csv" <<'PY' && pass || fail "CSV read back"
import csv, sys
from fractions import Fraction
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 4, rows
r = rows[0]
assert r["job"] == "0" and r["regions.regions"] == "14" and r["regions.fvector"] == "23 36 14"
twins = 0
for row in rows:
    for k, v in row.items():
        if k.endswith(".decimal") and v:    # a twin: each decimal reads back as the double nearest its exact value
            exact = [Fraction(x) for x in row[k[:-len(".decimal")]].split(" ")]
            dec = [float(x) for x in v.split(" ")]
            assert len(exact) == len(dec), (k, v)
            for e, d in zip(exact, dec):
                assert float(e) == d, (k, e, d)     # float(Fraction) rounds to nearest
            twins += 1
        elif not k.endswith(".decimal") and any("/" in x and x.replace("/", "").lstrip("-").isdigit()
                                                for x in v.split(" ")):
            assert row.get(k + ".decimal"), ("an exact p/q without its decimal twin", k, v)
assert twins >= 2 and rows[0]["persistence.critical_values.decimal"], twins
assert rows[3]["regions.error"].startswith("relucert regions: cannot read")
PY
else
    fail "python3 is needed to read the CSV back with the csv module"
fi
# inline networks and JSON Lines of networks
"$BIN" random --dim 2 --widths 3 --kind int --seed 4 --count 3 > "$TMP/nets.jsonl"
printf '{"networks": "%s", "analyses": ["regions"], "box": [-1, 1]}\n{"net": %s, "analyses": ["homology"], "box": [-1, 1]}\n' \
    "$TMP/nets.jsonl" "$(sed -n 1p "$TMP/nets.jsonl")" > "$TMP/m2.jsonl"
expect 0 "$BIN" batch "$TMP/m2.jsonl" --out "$TMP/c.jsonl" --quiet
check "networks from JSON Lines and inline" "$(wc -l < "$TMP/c.jsonl")" 4
check "FILE:LINE names" "$(sed -n 2p "$TMP/c.jsonl" | jq -r .network)" "$TMP/nets.jsonl:2"
sed -n 2p "$TMP/nets.jsonl" > "$TMP/n2.json"
check "a JSON Lines network = its file" "$(sed -n 2p "$TMP/c.jsonl" | jq -c .regions)" \
      "$("$BIN" regions "$TMP/n2.json" --box -1,1 --json --quiet | jq -c .)"
# a manifest's domain is honoured or refused
printf '{"network": "tests/data/sage/case005.json", "analyses": ["arrangement"], "box": [-1, 1]}\n' > "$TMP/m3.jsonl"
"$BIN" batch "$TMP/m3.jsonl" --out "$TMP/d.jsonl" --quiet >/dev/null 2>&1; check "arrangement with a box: exit 1" $? 1
check "arrangement with a box refused" "$(jq -r .arrangement.error "$TMP/d.jsonl" | cut -c1-40)" "relucert arrangement: the arrangement co"
# ... by every other analysis: a triangle's record is the command's with --domain (and not the
# box's), and R^n is refused by persistence, which needs a bounded domain
cat > "$TMP/tri.json" <<'JSON'
{"A": [[-1, 0], [0, -1], [1, 1]], "b": ["1/2", "1/3", 1]}
JSON
N5=tests/data/sage/case005.json
printf '{"network": "%s", "analyses": ["regions", "homology", "persistence", "dualgraph", "boundary"], "domain": "%s"}\n{"network": "%s", "analyses": ["regions", "homology", "persistence", "dualgraph", "boundary"], "box": [-1, 1]}\n{"network": "%s", "analyses": ["persistence", "regions"], "whole": true}\n' \
    $N5 "$TMP/tri.json" $N5 $N5 > "$TMP/m4.jsonl"
"$BIN" batch "$TMP/m4.jsonl" --out "$TMP/t.jsonl" --quiet >/dev/null 2>&1; check "domains: exit 1 (persistence over R^n)" $? 1
for a in regions "homology --superlevel 0" persistence dualgraph boundary; do
    k=${a%% *}
    check "$k honours the domain" "$(sed -n 1p "$TMP/t.jsonl" | jq -c ".$k")" \
        "$("$BIN" $a $N5 --domain "$TMP/tri.json" --json | jq -c .)"
    t1=$(sed -n 1p "$TMP/t.jsonl" | jq -c ".$k") t2=$(sed -n 2p "$TMP/t.jsonl" | jq -c ".$k")
    [ -n "$t1" ] && [ "$t1" != "$t2" ] && pass || fail "$k: the triangle's record is the box's"
done
check "persistence over R^n refused" "$(sed -n 3p "$TMP/t.jsonl" | jq -r .persistence.error)" \
    "relucert persistence: persistence needs a bounded domain (--box or --domain)"
check "regions over R^n" "$(sed -n 3p "$TMP/t.jsonl" | jq -c .regions)" "$("$BIN" regions $N5 --whole --json | jq -c .)"
# decision regions of a classifier (several outputs: no "output" needed, nor for regions)
printf '{"network": "data/resnet-demo/resnet.json", "analyses": ["decision", "regions"], "box": [-1, 1]}\n' > "$TMP/m6.jsonl"
expect 0 "$BIN" batch "$TMP/m6.jsonl" --out "$TMP/dec.jsonl" --quiet
check "decision record = relucert decision --json" "$(jq -c .decision "$TMP/dec.jsonl")" \
      "$("$BIN" decision data/resnet-demo/resnet.json --box -1,1 --json --quiet | jq -c .)"
check "regions of a 3-output network in batch" "$(jq -c .regions "$TMP/dec.jsonl")" \
      "$("$BIN" regions data/resnet-demo/resnet.json --box -1,1 --json --quiet | jq -c .)"
printf '{"network": "data/resnet-demo/resnet.json", "analyses": ["homology"], "box": [-1, 1]}\n' > "$TMP/m5.jsonl"
"$BIN" batch "$TMP/m5.jsonl" --out "$TMP/dec5.jsonl" --quiet >/dev/null 2>&1; check "homology of 3 outputs without output: exit 1" $? 1
check "homology needs an output" "$(jq -r .homology.error "$TMP/dec5.jsonl")" 'relucert homology: the network has 3 outputs: choose one with "output"'
# bad input and faults
printf '{"network": 3}\n' > "$TMP/bad.jsonl"
expect 2 "$BIN" batch "$TMP/bad.jsonl" --out "$TMP/e.jsonl"
expect 2 "$BIN" batch $M --out /dev/full --quiet
expect 2 "$BIN" batch /dev/zero --out "$TMP/f.jsonl"
expect 2 "$BIN" batch $M --out "$TMP/g.jsonl" --out "$TMP/h.jsonl"
echo "batch: $ok passed, $fails failed"
[ $fails -eq 0 ]
