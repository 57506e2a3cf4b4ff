#!/bin/sh
# The Python package (python/relucert, cffi over librelucert) under pytest with
# Debian's /usr/bin/python3: every binding, the torch round trip (skipped
# inside pytest when torch is missing) and the exports (Sage run when `sage`
# is on PATH). Exit 77 (SKIP) only when python3, cffi or pytest is missing.
set -u
S=${top_srcdir:-.}
B=${top_builddir:-.}
PY=${RELUCERT_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || { echo "SKIP: $PY not found (install python3)"; exit 77; }
for m in cffi pytest; do
    "$PY" -c "import $m" 2>/dev/null || { echo "SKIP: $PY has no module $m (Debian: apt-get install python3-$m)"; exit 77; }
done
lib="$B/src/.libs/librelucert.so"
[ -f "$lib" ] || { echo "FAIL: $lib not built"; exit 1; }
RELUCERT_LIB=$(cd "$(dirname "$lib")" && pwd)/librelucert.so
PYTHONPATH="$S/python${PYTHONPATH:+:$PYTHONPATH}"
PYTHONDONTWRITEBYTECODE=1
export RELUCERT_LIB PYTHONPATH PYTHONDONTWRITEBYTECODE
if [ -n "${SAN_FLAGS:-}" ]; then
    # An ASan-instrumented library inside an uninstrumented interpreter: the ASan
    # runtime must come first, so preload it. Python's own allocations at exit are
    # not ours: leak detection off here (the C tests keep it on).
    asan=$(${CC:-cc} -print-file-name=libasan.so)
    case "$asan" in
        /*) ;;
        *) echo "SKIP: sanitizer build, but libasan.so was not found to preload into python"; exit 77 ;;
    esac
    # libstdc++ too, loaded with it: ASan resolves its __cxa_throw interceptor at start-up, and
    # python does not link libstdc++; torch's C++ exceptions (torch.onnx.export) then hit a null
    # real __cxa_throw and abort ("CHECK failed: asan_interceptors.cpp ... real___cxa_throw").
    cxx=$(${CC:-cc} -print-file-name=libstdc++.so)
    case "$cxx" in /*) cxx=" $(readlink -f "$cxx")" ;; *) cxx= ;; esac
    LD_PRELOAD="$asan$cxx${LD_PRELOAD:+ $LD_PRELOAD}"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # last wins: CI sets detect_leaks=1
    export LD_PRELOAD ASAN_OPTIONS
    echo "t-python: sanitizer build, LD_PRELOAD=$asan"
fi
# A skipped test is not a passed one: pytest's skips other than Sage's (not in Debian) make
# this test SKIP (exit 77) with the reasons, not PASS; .ci/install-deps installs the rest
# (torch, onnx, pandas, matplotlib, polymake), so in CI every one of them runs.
log=$(mktemp)
trap 'rm -f "$log" "$log.rc"' EXIT
{ "$PY" -m pytest -q -p no:cacheprovider -rs "$S/python/tests"; echo $? > "$log.rc"; } 2>&1 | tee "$log"
rc=$(cat "$log.rc")
[ "$rc" -eq 0 ] || exit 1
other=$(grep '^SKIPPED' "$log" | grep -v 'sage is not on PATH')
if [ -n "$other" ]; then
    echo "SKIP: pytest skipped tests whose dependencies .ci/install-deps installs:"
    echo "$other"
    exit 77
fi
exit 0
