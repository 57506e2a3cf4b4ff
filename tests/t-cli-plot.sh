#!/bin/sh
# relucert plot end to end (issue 21): axes, labels and title present as text in the SVG
# (every text the figure reports), the colour bar's range equal to the exact range of the
# output (a closed formula; and a second computation from `regions --list` vertices and
# affine maps in Python Fractions), 1D breakpoints of a hand-made function, panels, rectangle
# and polygon domains with region counts equal to `regions`, data points, bad input, byte-
# identical reruns of every format, the PDF and TeX outputs compiled by pdflatex (that part
# only is skipped, exit 77 after all other checks pass, when pdflatex is missing), and every
# example of `relucert plot --help` run as written.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
S=${top_srcdir:-.}
PY=/usr/bin/python3

jqis() {
    got=$(jq -c "$1" "$TMP/out")
    [ "$got" = "$2" ] && pass || fail "$1 = $got, expected $2"
}

# f = relu(x) - relu(y) + 1/3 on [-1,1]^2: range [-2/3, 4/3] (x = 0 or less and y = 1; x = 1, y <= 0)
cat >"$TMP/f.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, -1]], "biases": ["1/3"]}]}
JSON
expect 0 "$BIN" plot "$TMP/f.json" --box -1,1 --color value --out "$TMP/f.svg" --json --title "T one" --xlabel "input a" --ylabel "input b"
cp "$TMP/out" "$TMP/f.out"
jqis .value_min '"-2/3"'
jqis .value_max '"4/3"'
jqis .regions '[4]'
jqis .view '[-1,1,-1,1]'
for t in "T one" "input a" "input b" "-2/3" "4/3" "-1.0" "0.0" "1.0" "-0.5" "f = 0"; do
    grep -q ">$t</text>" "$TMP/f.svg" && pass || fail "SVG has no <text> '$t'"
done
# every text the figure reports is a <text> element, and nothing else is
jq -r '.texts[]' "$TMP/f.out" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g' > "$TMP/t1"
sed -n 's/.*<text [^>]*>\(.*\)<\/text>/\1/p' "$TMP/f.svg" > "$TMP/t2"
cmp -s "$TMP/t1" "$TMP/t2" && pass || fail "SVG texts differ from the reported texts"
[ "$(wc -l < "$TMP/t2")" -ge 15 ] && pass || fail "SVG has $(wc -l < "$TMP/t2") texts"

# the TikZ file sets the same texts as nodes (minus signs in math mode), the colour bar's ends
# the exact range
expect 0 "$BIN" plot "$TMP/f.json" --box -1,1 --color value --out "$TMP/f.tex" --json --title "T one" --xlabel "input a" --ylabel "input b"
cmp -s "$TMP/out" "$TMP/f.out" && pass || fail "TeX figure reports other texts than the SVG one"
jq -r '.texts[]' "$TMP/f.out" > "$TMP/t1"
grep -o '{[^{}]*}; *$' "$TMP/f.tex" | sed 's/^{//; s/}; *$//; s/\$-\$/-/g' > "$TMP/t3"
cmp -s "$TMP/t1" "$TMP/t3" && pass || { fail "TeX node texts differ from the reported texts"; diff "$TMP/t1" "$TMP/t3" | head -5; }
grep -q '{4/3};' "$TMP/f.tex" && grep -q '{\$-\$2/3};' "$TMP/f.tex" && pass || fail "TeX colour bar ends are not 4/3 and -2/3"

# pattern legend (a map with at most 8 regions): exactly the patterns `regions --list` reports
expect 0 "$BIN" plot "$TMP/f.json" --box -1,1 --out "$TMP/pat.svg" --json
check "pattern legend" "$(jq -c '[.texts[] | select(test("^[01]+$"))]' "$TMP/out")" \
    "$("$BIN" regions "$TMP/f.json" --box -1,1 --list --json | jq -c '[.region_list[].pattern]')"
check "pattern swatches: distinct colours" "$(grep '<polygon' "$TMP/pat.svg" | sed -n '1,4s/.*fill="\([^"]*\)".*/\1/p' | sort -u | wc -l)" 4

# the value range of a trained network, recomputed from the regions' vertices and affine maps
N=$S/data/default.json
expect 0 "$BIN" plot "$N" --rect -1,1,-1/2,1/2 --color value --out "$TMP/v.svg" --json
cp "$TMP/out" "$TMP/v.out"
expect 0 "$BIN" regions "$N" --domain /dev/stdin --list --json <<'JSON'
{"A": [[-1, 0], [1, 0], [0, -1], [0, 1]], "b": [1, 1, "1/2", "1/2"]}
JSON
$PY - "$TMP/out" "$TMP/v.out" "$TMP/v.svg" <<'PYEOF' && pass || fail "value range differs from the regions' vertices"
import json, sys
from fractions import Fraction as Q
R = json.load(open(sys.argv[1])); P = json.load(open(sys.argv[2])); svg = open(sys.argv[3]).read()
vals = [sum(Q(w) * Q(x) for w, x in zip(r["affine"]["W"][0], v)) + Q(r["affine"]["c"][0])
        for r in R["region_list"] for v in r["vertices"]]
lo, hi = min(vals), max(vals)
assert Q(P["value_min"]) == lo and Q(P["value_max"]) == hi, (lo, hi, P)
assert len(R["region_list"]) == P["regions"][0]
def label(q):
    s = str(q)
    return s if len(s) <= 9 else "\u2248%.4g" % float(q)
for q in (lo, hi):
    assert (">%s</text>" % label(q)) in svg, label(q)
# the colour bar's marks between its exact ends: nice values strictly inside the range
T = P["texts"]
marks = []
for t in T[T.index(label(lo)) + 1:]:
    try:
        marks.append(Q(t))
    except ValueError:
        break
assert len(marks) >= 2 and all(lo < m < hi for m in marks) and marks == sorted(marks), marks
PYEOF

# 1D: g = relu(x) - 2 relu(x - 1) on [-1, 3]: breakpoints 0 and 1, range [-1, 1]
cat >"$TMP/g.json" <<'JSON'
{"input_dim": 1, "layers": [{"weights": [[1], [1]], "biases": [0, -1]}, {"weights": [[1, -2]], "biases": [0]}]}
JSON
expect 0 "$BIN" plot "$TMP/g.json" --box -1,3 --out "$TMP/g.svg" --no-axes --json
jqis .value_min -1
jqis .value_max 1
jqis .regions '[3]'
check "1D breakpoints marked" "$(grep -c '<circle' "$TMP/g.svg")" 2
check "1D graph through the breakpoints" "$(sed -n 's/.*<polyline points="\([^"]*\)".*stroke="#1a3399".*/\1/p' "$TMP/g.svg" | wc -w)" 4
expect 0 "$BIN" plot "$TMP/g.json" --box -1,3 --out "$TMP/g2.svg" --title "graph" --json
for t in "x" "f(x)" "breakpoint" "graph"; do
    grep -q ">$t</text>" "$TMP/g2.svg" && pass || fail "1D SVG has no <text> '$t'"
done

# panels: regions per panel equal to `regions`
A=$S/data/topology/nets/xor-epoch0.json B=$S/data/topology/nets/xor-epoch2000.json
expect 0 "$BIN" plot "$A" "$B" --box -2,2 --out "$TMP/p.svg" --size 200 --json
cp "$TMP/out" "$TMP/p.out"
ra=$("$BIN" regions "$A" --box -2,2 --json | jq .regions)
rb=$("$BIN" regions "$B" --box -2,2 --json | jq .regions)
got=$(jq -c .regions "$TMP/p.out")
check "panel regions" "$got" "[$ra,$rb]"
for t in xor-epoch0 xor-epoch2000; do grep -q ">$t</text>" "$TMP/p.svg" && pass || fail "no caption $t"; done

# polygon domain (a triangle): regions as `regions --domain`, view its bounding box
cat >"$TMP/tri.json" <<'JSON'
{"A": [[-1, 0], [0, -1], [1, 1]], "b": ["1/2", "1/3", 1]}
JSON
expect 0 "$BIN" plot "$N" --domain "$TMP/tri.json" --out "$TMP/t.png" --json
jqis .view '["-1/2","4/3","-1/3","3/2"]'  # vertices (-1/2,-1/3), (4/3,-1/3), (-1/2,3/2)
got=$(jq -c .regions "$TMP/out")
check "triangle regions" "$got" "[$("$BIN" regions "$N" --domain "$TMP/tri.json" --json | jq .regions)]"
# the PNG's size is the reported one (IHDR)
wh=$($PY -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); assert d[:8]==b'\x89PNG\r\n\x1a\n'; print('%d %d' % struct.unpack('>II', d[16:24]))" "$TMP/t.png")
check "PNG size" "$wh" "$(jq -r '"\(.width) \(.height)"' "$TMP/out")"

# data points, coloured by label: one dot per sample inside the view, classes in the legend
cat >"$TMP/d.json" <<'JSON'
{"X": [[0, 0], ["1/2", "1/2"], [-1, 1], [5, 5]], "y": [1, -1, 1, 0]}
JSON
expect 0 "$BIN" plot "$TMP/f.json" --box -1,1 --data "$TMP/d.json" --out "$TMP/d.svg" --no-axes
check "data dots" "$(grep -c '<circle' "$TMP/d.svg")" 3
check "data colours" "$(grep '<circle' "$TMP/d.svg" | sed 's/.*fill="\([^"]*\)".*/\1/' | sort -u | wc -l)" 2
expect 0 "$BIN" plot "$TMP/f.json" --box -1,1 --data "$TMP/d.json" --out "$TMP/d2.svg"
for t in "y = -1" "y = 0" "y = 1"; do grep -q ">$t</text>" "$TMP/d2.svg" && pass || fail "legend has no '$t'"; done
check "legend: one entry per class" "$(grep -c '>y = ' "$TMP/d2.svg")" 3

# the points of a slice (issue 17): `slice` records t = 0, e_1, e_2 in the sliced net's meta and
# the figure marks them (a ring of radius 5.5) where they are: the frame's corners are the view
# (`--json`), the positions their affine image (2D); in 1D each mark lies on the drawn graph,
# at the x of t and on the polyline through the exact breakpoints
cat >"$TMP/n4.json" <<'JSON'
{"input_dim": 4, "layers": [{"weights": [[1, -1, 0, 2], [0, 1, 1, -1], [1, 1, -1, 0]], "biases": [0, "1/2", -1]},
                            {"weights": [[1, -2, 1]], "biases": ["1/4"]}]}
JSON
echo '{"X": [[0, 0, 0, 0], [1, 0, 1, 0], ["1/2", 1, 0, "-1/3"]], "y": [0, 1, 2]}' >"$TMP/p4.json"
expect 0 "$BIN" slice "$TMP/n4.json" --points "$TMP/p4.json" -o "$TMP/s4.json"
check "slice meta" "$(jq -c .meta "$TMP/s4.json")" '{"slice":{"original_input_dim":4,"points":[[0,0],[1,0],[0,1]]}}'
expect 0 "$BIN" plot "$TMP/s4.json" --rect -1/2,2,-1,3/2 --out "$TMP/s4.svg" --json
cp "$TMP/out" "$TMP/s4.out"
jq -c '{X: .X[0:2]}' "$TMP/p4.json" >"$TMP/p4l.json"
expect 0 "$BIN" slice "$TMP/n4.json" --points "$TMP/p4l.json" -o "$TMP/l4.json"
expect 0 "$BIN" plot "$TMP/l4.json" --box -1,2 --out "$TMP/l4.svg"
$PY - "$TMP/s4.svg" "$TMP/s4.out" "$TMP/l4.svg" <<'PYEOF' && pass || fail "slice points not marked at their positions"
import json, re, sys
from fractions import Fraction as Q
svg, rep, svg1 = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
def frame(s):   # the axes' rectangle: the unfilled black polygons with 4 corners (the domain's outline too)
    def box(p):
        xy = [tuple(map(float, c.split(","))) for c in p.split()]
        return min(x for x, _ in xy), min(y for _, y in xy), max(x for x, _ in xy), max(y for _, y in xy)
    fr = {box(p) for p in re.findall(r'<polygon points="([^"]*)" fill="none" stroke="#000000"', s) if p.count(",") == 4}
    assert len(fr) == 1, fr
    return fr.pop()
def rings(s):
    return [(float(a), float(b)) for a, b in re.findall(r'<circle cx="([^"]*)" cy="([^"]*)" r="5.50"', s)]
X0, Y0, X1, Y1 = frame(svg)
v = [float(Q(t)) for t in rep["view"]]
want = [(X0 + (t1 - v[0]) / (v[1] - v[0]) * (X1 - X0), Y1 - (t2 - v[2]) / (v[3] - v[2]) * (Y1 - Y0))
        for t1, t2 in [(0, 0), (1, 0), (0, 1)]]
got = rings(svg)
assert len(got) == 3 and all(abs(a - c) <= 0.006 and abs(b - d) <= 0.006 for (a, b), (c, d) in zip(got, want)), (got, want)
assert [t for t in rep["texts"] if re.fullmatch("p[0-9]", t)] == ["p0", "p1", "p2"], rep["texts"]
# 1D: on the graph (the polyline), at the x of t = 0 and t = 1 on [-1, 2]
X0, Y0, X1, Y1 = frame(svg1)
line = [p for p in re.findall(r'<polyline points="([^"]*)"', svg1)]
pts = [tuple(map(float, c.split(","))) for c in max(line, key=len).split()]
got = rings(svg1)
assert len(got) == 2, got
for (x, y), t in zip(got, [0, 1]):
    assert abs(x - (X0 + (t + 1) / 3 * (X1 - X0))) <= 0.006, (x, t)
    seg = [(a, b) for a, b in zip(pts, pts[1:]) if a[0] <= x <= b[0]][0]
    yl = seg[0][1] + (x - seg[0][0]) / (seg[1][0] - seg[0][0]) * (seg[1][1] - seg[0][1])
    assert abs(y - yl) <= 0.02, (x, y, yl)
PYEOF
# a meta.slice.points that is not a list of points is refused, naming it
jq -c '.meta.slice.points = [[0, 1, 2]]' "$TMP/s4.json" >"$TMP/bad4.json"
expect 2 "$BIN" plot "$TMP/bad4.json" --box -1,1 --out "$TMP/x.svg"
grep -q "meta.slice.points: point 0" "$TMP/err" && pass || fail "bad meta.slice.points: $(cat "$TMP/err")"

# bad input: one line on stderr, documented codes
cat >"$TMP/n3.json" <<'JSON'
{"input_dim": 3, "layers": [{"weights": [[1, 0, 0]], "biases": [0]}, {"weights": [[1]], "biases": [0]}]}
JSON
expect 3 "$BIN" plot "$TMP/n3.json" --box -1,1 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$N" --box -1,1 --out "$TMP/x.jpg"
expect 2 "$BIN" plot "$N" --box -1,1 --rect 0,1,0,1 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$N" --rect 1,0,0,1 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$N" --rect 0,1,0 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$N" "$TMP/g.json" --box -1,1 --out "$TMP/x.svg"
expect 2 "$BIN" plot "$TMP/g.json" --box -1,1 --data "$TMP/d.json" --out "$TMP/x.svg"
expect 2 "$BIN" plot "$N" --box -1,1 --out "$TMP/x.svg" --data "$TMP/missing.json"
expect 2 "$BIN" plot "$N" --box -1,1
expect 2 "$BIN" plot "$N" --domain /dev/stdin --out "$TMP/x.svg" <<'JSON'
{"A": [[-1, 0]], "b": [0]}
JSON

# the text font is DejaVu Sans or nothing: where fontconfig would substitute another font (here
# a configuration without fonts), PNG and PDF with text are refused (exit 3, one line) and
# written neither; SVG (a font name only) and a figure without text are not affected
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc</cachedir></fontconfig>\n' "$TMP" > "$TMP/nofonts.conf"
for ext in png pdf; do
    FONTCONFIG_FILE=$TMP/nofonts.conf expect 3 "$BIN" plot "$N" --box -1,1 --out "$TMP/nf.$ext"
    grep -q "DejaVu Sans is not installed (Debian: apt-get install fonts-dejavu-core)" "$TMP/err" && [ ! -e "$TMP/nf.$ext" ] \
        && pass || fail "no DejaVu Sans, $ext: $(cat "$TMP/err")"
done
FONTCONFIG_FILE=$TMP/nofonts.conf expect 0 "$BIN" plot "$N" --box -1,1 --no-axes --out "$TMP/nf.png"
FONTCONFIG_FILE=$TMP/nofonts.conf expect 0 "$BIN" plot "$N" --box -1,1 --out "$TMP/nf.svg"

# byte-identical reruns, every format
for ext in svg pdf png tex; do
    "$BIN" plot "$N" "$N" --box -1,1 --color value --title "run" --data "$TMP/d.json" --out "$TMP/r1.$ext" --size 240 \
        && "$BIN" plot "$N" "$N" --box -1,1 --color value --title "run" --data "$TMP/d.json" --out "$TMP/r2.$ext" --size 240 \
        && cmp -s "$TMP/r1.$ext" "$TMP/r2.$ext" && pass || fail "rerun differs ($ext)"
done

# every example of --help, run as written from a directory that sees data/ and tests/
mkdir -p "$TMP/work" && ln -s "$(cd "$S" && pwd)/data" "$TMP/work/data" && ln -s "$(cd "$S" && pwd)/tests" "$TMP/work/tests"
BINABS=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
"$BIN" plot --help | sed -n 's/^  \(relucert plot .*\)$/\1/p' > "$TMP/ex"
check "help examples" "$(wc -l < "$TMP/ex" | tr -d ' ')" 5
while IFS= read -r line; do
    (cd "$TMP/work" && eval "$(echo "$line" | sed "s#^relucert#$BINABS#")") >/dev/null 2>"$TMP/err" && pass || fail "example: $line: $(head -1 "$TMP/err")"
done < "$TMP/ex"

# pdflatex: the cairo PDF included in a document, the TikZ file alone and \input in a document
skip=0
if command -v pdflatex >/dev/null; then
    cd "$TMP"
    cat > inc.tex <<'TEX'
\documentclass{article}\usepackage{graphicx}\usepackage{tikz}
\begin{document}\includegraphics[width=\linewidth]{r1.pdf}\par\resizebox{\linewidth}{!}{\input{r1.tex}}\end{document}
TEX
    pdflatex -interaction=nonstopmode -halt-on-error inc.tex >inc.out 2>&1 && [ -s inc.pdf ] && pass || { fail "pdflatex inc.tex"; tail -5 inc.out; }
    pdflatex -interaction=nonstopmode -halt-on-error r1.tex >alone.out 2>&1 && [ -s r1.pdf ] && pass || { fail "pdflatex r1.tex"; tail -5 alone.out; }
    cd - >/dev/null
else
    skip=1
fi

# the Fiedler legend names "undecided" exactly when the dual graph leaves some sign uncertified:
# default.json (every sign certified) and residual2d (a double lambda_2: every sign "?")
for n in "$D/../../data/default.json" "$D/shortcuts/residual2d.json"; do
    q=$("$BIN" dualgraph "$n" --box -1,1 --json | jq -r '.partition' | tr -cd '?' | wc -c)
    "$BIN" plot "$n" --box -1,1 --color fiedler --out "$TMP/fl.svg" --json > "$TMP/fl.json" || fail "plot fiedler $n"
    u=$(jq '[.texts[] | select(. == "undecided")] | length' "$TMP/fl.json")
    [ "$q" -gt 0 ] && want=1 || want=0
    [ "$u" = "$want" ] && pass || fail "fiedler legend of $n: 'undecided' $u times, $q uncertified signs"
done

echo "plot: $ok passed, $fails failed"
[ "$fails" -eq 0 ] || exit 1
if [ "$skip" -eq 1 ]; then echo "SKIP: pdflatex not found (apt-get install texlive-latex-base texlive-pictures): PDF/TeX compile checks not run"; exit 77; fi
exit 0
