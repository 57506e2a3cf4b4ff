#!/usr/bin/env bash
# The benchmark of issue 9 (not part of make check), in one run:
#  1. the suite bench/nets/*.json inside [-1,1]^n: relucert (exact), its
#     double-precision twin (bench/twin: the engine's sources compiled with
#     doubles), and SageMath's layer-by-layer Polyhedron decomposition over QQ
#     (bench/sage/sage_regions.py); regions, f-vectors compared, time ratios,
#     regions per second, peak memory, where the twin's answer differs;
#  2. the large networks bench/nets/large/*.json over R^n: --jobs 1 and 2
#     interleaved, the twin, peak memory; `mpirun -np 2` against --jobs 1;
#  3. a >= 10^6-region run in --stream mode with its peak memory.
# (NETS="a.json b.json" bench/run.sh ... restricts the suite)
# usage: bench/run.sh [--install-sage] [--no-sage] [--no-large] [--sage-max R] [path/to/relucert]
#   --install-sage  apt-get install sagemath first (Debian; needs root), if `sage` is missing
#   --sage-max R    run Sage only on networks with at most R regions (default 20000;
#                   it needs ~5 ms per region)
# needs: jq, python3, gcc, GNU time (/usr/bin/time; apt-get install time).
set -eu
cd "$(dirname "$0")/.."
SAGE=1; LARGE=1; INSTALL_SAGE=0; SAGE_MAX=20000; BIN=src/relucert
while [ $# -gt 0 ]; do
    case "$1" in
        --install-sage) INSTALL_SAGE=1 ;;
        --no-sage) SAGE=0 ;;
        --no-large) LARGE=0 ;;
        --sage-max) SAGE_MAX=$2; shift ;;
        -*) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
        *) BIN=$1 ;;
    esac
    shift
done
if [ "$INSTALL_SAGE" = 1 ] && ! command -v sage >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y sagemath
    else sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y sagemath; fi
fi
if [ "$SAGE" = 1 ] && ! command -v sage >/dev/null; then
    echo "note: sage not found (bench/run.sh --install-sage installs Debian's sagemath); no Sage column" >&2
    SAGE=0
fi
# An uninstalled relucert is a libtool wrapper script (about 10 ms of shell per
# run): time the real binary beside it instead.
MPIBIN=$BIN
if [ -x "$(dirname "$BIN")/.libs/$(basename "$BIN")" ] && head -c 2 "$BIN" | grep -q '#!'; then
    export LD_LIBRARY_PATH="$(cd "$(dirname "$BIN")/.libs" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    BIN="$(dirname "$BIN")/.libs/$(basename "$BIN")"
fi
[ -x /usr/bin/time ] || { echo "bench/run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
bench/twin/build.sh
TWIN=bench/twin/relucert-twin
# the in-process timing needs the Python package (python3-cffi) and the library beside BIN
IPLIB=$(cd "$(dirname "$BIN")" && pwd)/librelucert.so
[ -f "$IPLIB" ] || IPLIB=$(cd "$(dirname "$BIN")" && pwd)/.libs/librelucert.so
if [ ! -f "$IPLIB" ] || ! python3 -c 'import cffi' 2>/dev/null; then
    echo "note: no in-process column (needs python3-cffi and librelucert.so beside $BIN)" >&2; IPLIB=""
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }
# timed OUT CMD...: stdout to OUT; sets secs (wall) and kb (peak RSS)
timed() {
    local out=$1; shift
    local a b
    a=$(now)
    /usr/bin/time -o "$T/time" -f "%M" "$@" >"$out"
    b=$(now)
    secs=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b - a }')
    kb=$(tail -1 "$T/time")
}
minf() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "== suite: bench/nets/*.json inside [-1,1]^n; times are wall clock, best of 3 (Sage: one run)"
echo "   sage(s): Sage's layer-by-layer decomposition alone; +faces(s): with its f-vector (what relucert's time includes)"
echo "   in-proc(s): relucert's library call timed inside one process (bench/inproc.py), as Sage's script"
echo "   times itself (process start and file reading left out on both sides); ip: the ratios against it"
printf "%-20s %8s %9s %10s %7s | %9s %6s %-14s | %8s %9s %7s %7s %-5s | %10s %7s %7s\n" network regions "exact(s)" "regions/s" \
    "peak MB" "twin(s)" "ex/tw" "twin answer" "sage(s)" "+faces(s)" "ratio" "ratio+f" "sage" "in-proc(s)" "ip" "ip+f"
: >"$T/rows"
for f in ${NETS:-bench/nets/*.json}; do
    name=$(basename "$f" .json)
    bench/twin/net2txt.py "$f" >"$T/net.txt"
    te=999; tt=999
    for rep in 1 2 3; do
        timed "$T/ex.json" "$BIN" regions "$f" --box -1,1 --json --quiet; te=$(minf "$te" "$secs"); ekb=$kb
        timed "$T/tw.json" "$TWIN" "$T/net.txt" --box -1,1; tt=$(minf "$tt" "$secs")
    done
    regions=$(jq .regions "$T/ex.json"); fv=$(jq -c .fvector "$T/ex.json")
    twr=$(jq .regions "$T/tw.json"); twf=$(jq -c .fvector "$T/tw.json")
    if [ "$twr $twf" = "$regions $fv" ] && jq -e .euler_ok "$T/tw.json" >/dev/null; then twin="same"
    else twin="DIFF $twr"; jq -e .euler_ok "$T/tw.json" >/dev/null || twin="$twin euler!"
        echo "   twin differs on $name: exact $regions $fv, twin $twr $twf" >>"$T/diffs"; fi
    ss="-"; sr="-"; sa="-"; sf="-"; srf="-"; ip="-"; sri="-"; srfi="-"
    if [ -n "$IPLIB" ]; then
        RELUCERT_LIB=$IPLIB PYTHONPATH=python python3 bench/inproc.py "$f" -1 1 >"$T/ip.json"
        ip=$(jq .seconds "$T/ip.json")
        [ "$(jq -c '[.regions, .fvector]' "$T/ip.json")" = "[$regions,$fv]" ] || echo "   in-process answer differs on $name" >>"$T/diffs"
    fi
    if [ "$SAGE" = 1 ] && [ "$regions" -le "$SAGE_MAX" ]; then
        sage -python bench/sage/sage_regions.py "$f" -1 1 >"$T/sage.json"
        ss=$(jq .seconds "$T/sage.json")
        sf=$(jq '.seconds + .seconds_faces' "$T/sage.json")
        sr=$(awk -v s="$ss" -v e="$te" 'BEGIN { printf "%.0fx", s / e }')
        srf=$(awk -v s="$sf" -v e="$te" 'BEGIN { printf "%.0fx", s / e }')
        if [ "$ip" != "-" ]; then
            sri=$(awk -v s="$ss" -v e="$ip" 'BEGIN { printf "%.0fx", s / e }')
            srfi=$(awk -v s="$sf" -v e="$ip" 'BEGIN { printf "%.0fx", s / e }')
            awk -v e="$ip" -v s="$ss" -v f="$sf" 'BEGIN { print s / e, f / e }' >>"$T/r.sagei"
        fi
        if [ "$(jq -c '[.regions, .fvector]' "$T/sage.json")" = "[$regions,$fv]" ]; then sa="same"; else sa="DIFF"
            echo "   sage differs on $name: exact $regions $fv, sage $(jq -c '[.regions, .fvector]' "$T/sage.json")" >>"$T/diffs"; fi
    fi
    line=$(awk -v n="$name" -v r="$regions" -v te="$te" -v kb="$ekb" -v tt="$tt" -v tw="$twin" -v ss="$ss" -v sr="$sr" -v sa="$sa" -v sf="$sf" -v srf="$srf" -v ip="$ip" -v sri="$sri" -v srfi="$srfi" 'BEGIN {
        if (ss != "-") { ss = sprintf("%.2f", ss); sf = sprintf("%.2f", sf) }
        if (ip != "-") ip = sprintf("%.4f", ip)
        printf "%-20s %8d %9.3f %10.0f %7.1f | %9.3f %5.2fx %-14s | %8s %9s %7s %7s %-5s | %10s %7s %7s", n, r, te, r / te, kb / 1024, tt, te / tt, tw, ss, sf, sr, srf, sa, ip, sri, srfi }')
    echo "$line"
    echo "$regions $line" >>"$T/rows"
    awk -v te="$te" -v tt="$tt" 'BEGIN { print te / tt }' >>"$T/r.twin"
    [ "$ss" = "-" ] || awk -v te="$te" -v s="$ss" -v f="$sf" 'BEGIN { print s / te, f / te }' >>"$T/r.sage"
done
[ -f "$T/diffs" ] && cat "$T/diffs"
n=$(wc -l <"$T/rows")
med=$(sort -n "$T/rows" | sed -n "$(( (n + 1) / 2 ))p" | cut -d' ' -f2-)
echo "median network (by regions, $n networks):"
echo "$med"
medof() { sort -g | awk '{ a[NR] = $1 } END { if (NR) printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "median over the networks of exact/twin: $(medof <"$T/r.twin")x" \
     "$([ -f "$T/r.sage" ] && echo "; of sage/exact: $(cut -d' ' -f1 "$T/r.sage" | medof)x, with faces $(cut -d' ' -f2 "$T/r.sage" | medof)x ($(wc -l <"$T/r.sage") networks)")"
[ -f "$T/r.sagei" ] && echo "median over the networks of sage/exact in-process (like for like): $(cut -d' ' -f1 "$T/r.sagei" | medof)x," \
    "with faces $(cut -d' ' -f2 "$T/r.sagei" | medof)x ($(wc -l <"$T/r.sagei") networks)"
if command -v valgrind >/dev/null; then
    # instruction counts do not depend on the load of the machine
    mf=bench/nets/$(echo "$med" | cut -d' ' -f1).json
    bench/twin/net2txt.py "$mf" >"$T/net.txt"
    valgrind --tool=callgrind --callgrind-out-file="$T/cg.ex" "$BIN" regions "$mf" --box -1,1 --json --quiet >/dev/null 2>&1
    valgrind --tool=callgrind --callgrind-out-file="$T/cg.tw" "$TWIN" "$T/net.txt" --box -1,1 >/dev/null 2>&1
    ie=$(awk '/^(summary|totals):/ { print $2; exit }' "$T/cg.ex"); it=$(awk '/^(summary|totals):/ { print $2; exit }' "$T/cg.tw")
    awk -v a="$ie" -v b="$it" 'BEGIN { printf "callgrind on the median network: exact %.0f instructions, twin %.0f, ratio %.2fx\n", a, b, a / b }'
fi

if [ "$LARGE" = 1 ]; then
    echo
    echo "== large networks over R^n: --jobs 1 and --jobs 2 interleaved (counts and f-vector, --json)"
    printf "%-22s %9s %10s %10s %7s %10s %8s | %9s %-6s\n" network regions "jobs1(s)" "jobs2(s)" ratio "regions/s" "peak MB" "twin(s)" twin
    for f in bench/nets/large/*.json; do
        name=$(basename "$f" .json)
        reps=3; case "$name" in *182*) reps=1 ;; esac
        t1=99999; t2=99999
        for rep in $(seq $reps); do
            timed "$T/j1.json" "$BIN" regions "$f" --whole --json --quiet --jobs 1; t1=$(minf "$t1" "$secs"); kb1=$kb
            timed "$T/j2.json" "$BIN" regions "$f" --whole --json --quiet --jobs 2; t2=$(minf "$t2" "$secs")
        done
        cmp -s "$T/j1.json" "$T/j2.json" || echo "   --jobs 2 output differs on $name!"
        bench/twin/net2txt.py "$f" >"$T/net.txt"
        timed "$T/tw.json" "$TWIN" "$T/net.txt" --whole; tt=$secs
        regions=$(jq .regions "$T/j1.json")
        [ "$(jq -c '[.regions, .fvector]' "$T/tw.json")" = "$(jq -c '[.regions, .fvector]' "$T/j1.json")" ] && tw=same || tw="DIFF $(jq .regions "$T/tw.json")"
        awk -v n="$name" -v r="$regions" -v a="$t1" -v b="$t2" -v kb="$kb1" -v tt="$tt" -v tw="$tw" 'BEGIN {
            printf "%-22s %9d %10.2f %10.2f %6.2fx %10.0f %8.1f | %9.2f %-6s\n", n, r, a, b, a / b, r / a, kb / 1024, tt, tw }'
    done
    if command -v mpirun >/dev/null && grep -q '^#define HAVE_MPI 1' config.h 2>/dev/null; then
        export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
        f=bench/nets/large/2d-w450-wide.json
        "$BIN" regions "$f" --whole --json --quiet --jobs 1 >"$T/j1.json"
        timed "$T/m.json" mpirun --oversubscribe -np 2 "$MPIBIN" regions "$f" --whole --json
        cmp -s "$T/j1.json" "$T/m.json" && same=identical || same=DIFFERENT
        echo "mpirun -np 2 on $(basename "$f"): $secs s, output $same to --jobs 1 (byte for byte)"
        "$BIN" regions bench/nets/3d-w60-rat.json --box -1,1 --json --list --stream "$T/s1.jsonl" --quiet >"$T/l1.json"
        mpirun --oversubscribe -np 2 "$MPIBIN" regions bench/nets/3d-w60-rat.json --box -1,1 --json --list --stream "$T/s2.jsonl" >"$T/l2.json"
        cmp -s "$T/l1.json" "$T/l2.json" && cmp -s "$T/s1.jsonl" "$T/s2.jsonl" && same=identical || same=DIFFERENT
        echo "mpirun -np 2 on 3d-w60-rat --json --list --stream: $(wc -c <"$T/s1.jsonl") bytes of records, $same to --jobs 1"
    fi
    echo
    echo "== streaming: every region as a JSON Lines record, written to a file in $T"
    f=bench/nets/large/3d-w182-wide.json
    timed "$T/st.json" "$BIN" regions "$f" --whole --json --quiet --stream "$T/st.jsonl"
    echo "$(basename "$f") --stream: $(jq .regions "$T/st.json") regions, $(wc -l <"$T/st.jsonl") records," \
        "$(du -m "$T/st.jsonl" | cut -f1) MB of records, $secs s, peak RSS $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }') MB"
    rm -f "$T/st.jsonl"
fi
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ { print $2 }') GiB," \
     "load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
