#!/bin/sh
# relucert polytope against cddlib (scdd_gmp) and lrs on cddlib's own example
# files (bench/cdd-examples/src, from github.com/cddlib/cddlib), all three on
# the same exact rational data in one run: per-file wall times, relucert/lrs,
# and whether vertices/rays/lineality (H input) or facets/equations (V input)
# agree. usage: bench/polytope.sh [RELUCERT]   (TIMEOUT=s per relucert run)
set -e
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../src/relucert}
out=$here/cdd-examples/out
# a libtool wrapper script costs ~0.1 s per start: time the real binary
if [ -x "$(dirname "$bin")/.libs/relucert" ]; then
    LD_LIBRARY_PATH=$(cd "$(dirname "$bin")/.libs" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
    bin=$(dirname "$bin")/.libs/relucert
fi
command -v lrs >/dev/null || { echo "lrs not found (apt-get install lrslib)"; exit 3; }
command -v scdd_gmp >/dev/null || { echo "scdd_gmp not found (apt-get install libcdd-tools)"; exit 3; }
python3 "$here/cdd-examples/convert.py" "$out"
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u +%Y-%m-%d)"
echo "$(lrs 2>&1 </dev/null | grep -m1 lrslib | sed 's/^\*//'); $(scdd_gmp </dev/null 2>/dev/null | grep -m1 Version | sed 's/^\* //')"
python3 "$here/cdd-examples/run.py" "$bin" "$out"
