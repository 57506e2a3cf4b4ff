#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan, the library compiled
# in with coverage) and runs each for FUZZ_SECONDS (default 60) from the seed
# corpus in tests/fuzz/corpus: net (network files), poly (polyhedron files and
# number lists), data (data sets of wedge/train-convex), cert (relucert-check's
# certificate readers, built from checker/ alone). usage: tests/fuzz/run.sh BUILDDIR   (make fuzz)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$src}" && pwd)
secs=${FUZZ_SECONDS:-60}
out=$build/fuzz-build
mkdir -p "$out"
CFLAGS="-O1 -g -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=undefined -I$src/src -I$build $(pkg-config --cflags cairo) $(pkg-config --cflags nauty 2>/dev/null || echo -I/usr/include/nauty)"
objs=()
for f in $(cd "$src" && ls src/*/*.c | grep -v '^src/cli/'); do
    o=$out/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
    if [ ! -f "$o" ] || [ "$src/$f" -nt "$o" ]; then
        clang $CFLAGS -fsanitize=fuzzer-no-link -c "$src/$f" -o "$o"
    fi
    objs+=("$o")
done
LIBS="-lcddgmp -lnauty -lyajl -lflint-arb -lflint -lmpfr -lgmp $(pkg-config --libs cairo) -lm"
# the checker (GMP and YAJL only, its own sources; main renamed away)
CHECKER_CFLAGS="-O1 -g -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=undefined -I$src/checker"
cobjs=()
for f in $(cd "$src/checker" && ls *.c | sed "s/\.c$//"); do   # every checker source
    o=$out/checker_$f.o
    if [ ! -f "$o" ] || [ "$src/checker/$f.c" -nt "$o" ] || [ "$src/checker/check.h" -nt "$o" ]; then
        clang $CHECKER_CFLAGS -fsanitize=fuzzer-no-link -Dmain=relucert_check_main -c "$src/checker/$f.c" -o "$o"
    fi
    cobjs+=("$o")
done
status=0
for h in net poly data cert; do
    if [ "$h" = cert ]; then
        clang $CHECKER_CFLAGS -fsanitize=fuzzer "$src/tests/fuzz/fuzz_cert.c" "${cobjs[@]}" -lyajl -lgmp -o "$out/fuzz_$h"
        maxlen=262144  # seeds are a few KB; room for deep nesting (3000 levels) and long lists
    else
        clang $CFLAGS -fsanitize=fuzzer "$src/tests/fuzz/fuzz_$h.c" "${objs[@]}" $LIBS -o "$out/fuzz_$h"
        maxlen=4096
    fi
    mkdir -p "$out/corpus-$h"
    echo "== fuzz_$h for $secs s"
    if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$src/tests/lsan.supp \
         "$out/fuzz_$h" -max_total_time="$secs" -max_len=$maxlen -rss_limit_mb=2048 -print_final_stats=1 \
         "$out/corpus-$h" "$src/tests/fuzz/corpus/$h" 2>"$out/fuzz_$h.log"; then
        echo "fuzz_$h FAILED:"; tail -40 "$out/fuzz_$h.log"; status=1
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss" "$out/fuzz_$h.log" || true
    fi
done
exit $status
