#!/bin/sh
# Start-up cost (issue 19): callgrind instruction counts of a whole `relucert eval` process on
# the default network, next to the floors set by the libraries it must load: a program that
# only links Debian's FLINT (BIND_NOW: every one of its ~5,500 PLT slots is resolved at load),
# one that links every library librelucert needs (FLINT, cddlib, nauty, YAJL, MPFR, GMP; arb is
# the module relucert-arb.so since 2026-12-06) and the same with arb, as librelucert linked it
# before. Run from a built source tree: sh bench/startup.sh
set -u
B=${1:-.}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
count() { valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p'; }
printf 'int main(void) { return 0; }\n' >"$tmp/empty.c"
printf '#include <flint/fmpz.h>\nint main(void) { fmpz_t a; fmpz_init_set_ui(a, 3); fmpz_clear(a); return 0; }\n' >"$tmp/flint.c"
cc "$tmp/empty.c" -o "$tmp/empty"
cc "$tmp/flint.c" -o "$tmp/flint" -lflint -lgmp
cc "$tmp/empty.c" -o "$tmp/deps" -Wl,--no-as-needed -lflint -lcddgmp -lnauty -lyajl -lmpfr -lgmp
cc "$tmp/empty.c" -o "$tmp/arb" -Wl,--no-as-needed -lflint-arb -lflint -lcddgmp -lnauty -lyajl -lmpfr -lgmp
echo "program | instructions"
echo "an empty C program | $(count "$tmp/empty")"
echo "a program linking only libflint | $(count "$tmp/flint")"
echo "a program linking librelucert's libraries | $(count "$tmp/deps")"
echo "the same and arb | $(count "$tmp/arb")"
echo "relucert eval data/default.json --at 0,0 | $(LD_LIBRARY_PATH="$B/src/.libs" count "$B/src/.libs/relucert" eval "$B/data/default.json" --at 0,0)"
