#!/bin/sh
# make install into a scratch DESTDIR, then compile the ten-line C example of
# the README against the *installed* pkg-config file and run it on a fixture.
set -u
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
B=${top_builddir:-.}
S=${top_srcdir:-.}
# issue 21: what was built records the configured install directories (a ./configure
# --prefix=NEW after an earlier build relinks and recompiles what records them, else libtool
# refuses to install the modules and the library looks for them in the old place)
pkglibdir=$(sed -n 's/^#define RELUCERT_PKGLIBDIR "\(.*\)"$/\1/p' "$B/src/util/pkglibdir.h")
[ -n "$pkglibdir" ] || { echo "FAIL: src/util/pkglibdir.h"; exit 1; }
grep -q "^libdir='$pkglibdir'\$" "$B/src/relucert-cairo.la" || { echo "FAIL: relucert-cairo.la was linked for another prefix than $pkglibdir"; exit 1; }
grep -q "^libdir='$(dirname "$pkglibdir")'\$" "$B/src/librelucert.la" || { echo "FAIL: librelucert.la was linked for another prefix"; exit 1; }
grep -q "$pkglibdir" "$B/src/.libs/librelucert.so" || { echo "FAIL: librelucert.so looks for modules elsewhere than $pkglibdir"; exit 1; }
grep -q "exec \"$pkglibdir/python/relucert-export\"" "$B/python/bin/relucert-export" || { echo "FAIL: bin/relucert-export is not for $pkglibdir"; exit 1; }
make -s -C "$B" install DESTDIR="$TMP" >"$TMP/install.log" 2>&1 || { echo "FAIL: make install"; tail "$TMP/install.log"; exit 1; }
pc=$(find "$TMP" -name relucert.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: relucert.pc not installed"; exit 1; }
[ "$(sed -n 's/^libdir=//p' "$pc" | sed "s#\${exec_prefix}#$(sed -n 's/^exec_prefix=//p' "$pc" | sed "s#\${prefix}#$(sed -n 's/^prefix=//p' "$pc")#")#")" = "$(dirname "$pkglibdir")" ] \
    || { echo "FAIL: relucert.pc's libdir is not $(dirname "$pkglibdir")"; exit 1; }
[ "$(dirname "$pc")" = "$TMP$(dirname "$pkglibdir")/pkgconfig" ] || { echo "FAIL: relucert.pc installed in $(dirname "$pc")"; exit 1; }
[ -f "$TMP$pkglibdir/relucert-cairo.so" ] || { echo "FAIL: relucert-cairo.so not in $pkglibdir"; exit 1; }
[ -f "$TMP$pkglibdir/relucert-arb.so" ] || { echo "FAIL: relucert-arb.so not in $pkglibdir"; exit 1; }
for f in relucert.h regions/regions.h; do
    [ -n "$(find "$TMP" -path "*include/relucert/$f")" ] || { echo "FAIL: header $f not installed"; exit 1; }
done
[ -n "$(find "$TMP" -name relucert.1)" ] || { echo "FAIL: man page not installed"; exit 1; }
[ -n "$(find "$TMP" -path '*bin/relucert-check')" ] || { echo "FAIL: checker not installed"; exit 1; }
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-prefix --cflags --libs relucert) || { echo "FAIL: pkg-config"; exit 1; }
# a sanitizer build's library needs the sanitizer runtime in the program too
cc ${SAN_FLAGS:-} "$S/tests/c-api/example.c" $flags -lflint -lgmp -o "$TMP/example" || { echo "FAIL: example does not compile"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
out=$(ASAN_OPTIONS=detect_leaks=0 LD_LIBRARY_PATH="$libdir" "$TMP/example" "$S/tests/data/sage/case005.json") || { echo "FAIL: example run"; exit 1; }
[ "$out" = "10 regions" ] || { echo "FAIL: example printed '$out'"; exit 1; }
# --- issue 19: the MPI module (built when configure found MPI) is installed in $(pkglibdir),
# and the installed relucert finds it from its own location under mpirun
if [ -f "$B/src/.libs/relucert-mpi.so" ]; then
    mod=$(find "$TMP" -path '*lib/relucert/relucert-mpi.so' | head -1)
    [ -n "$mod" ] || { echo "FAIL: relucert-mpi.so not installed in pkglibdir"; exit 1; }
    bin=$(find "$TMP" -path '*bin/relucert' | head -1)
    if command -v mpirun >/dev/null && [ -z "${SAN_FLAGS:-}" ]; then
        want=$("$B/src/relucert" regions "$S/tests/data/sage/case005.json" --box -1,1 --json) || { echo "FAIL: regions"; exit 1; }
        got=$(OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 LD_LIBRARY_PATH="$libdir" mpirun --oversubscribe -np 2 "$bin" regions "$S/tests/data/sage/case005.json" --box -1,1 --json 2>"$TMP/mpi.err") \
            || { echo "FAIL: installed relucert under mpirun -np 2"; cat "$TMP/mpi.err"; exit 1; }
        [ "$got" = "$want" ] || { echo "FAIL: installed relucert under mpirun differs from one process"; exit 1; }
    fi
fi
# --- issue 19: arb is the module relucert-arb.so: the installed relucert finds it from its own
# location for the dual graph's spectrum (the library does not link arb)
bin=$(find "$TMP" -path '*bin/relucert' | head -1)
want=$("$B/src/relucert" dualgraph "$S/data/default.json" --box -1,1 --json) || { echo "FAIL: dualgraph"; exit 1; }
got=$(ASAN_OPTIONS=detect_leaks=0 LD_LIBRARY_PATH="$libdir" "$bin" dualgraph "$S/data/default.json" --box -1,1 --json 2>"$TMP/dg.err") \
    || { echo "FAIL: installed relucert dualgraph"; cat "$TMP/dg.err"; exit 1; }
[ "$got" = "$want" ] || { echo "FAIL: installed relucert dualgraph differs from the build tree's"; exit 1; }
if command -v readelf >/dev/null && readelf -d "$B/src/.libs/librelucert.so" | grep -q 'arb'; then
    echo "FAIL: librelucert.so links arb"; exit 1
fi
# --- issue 10: the Python package lands in $(pkglibdir)/python and imports from there
pydir=$(dirname "$(find "$TMP" -path '*relucert/python/relucert/__init__.py' | head -1)")
[ -f "$pydir/_paths.py" ] && [ -x "$pydir/../relucert-export" ] || { echo "FAIL: python package not installed"; exit 1; }
# --- issue 16: relucert-export on PATH: bin/relucert-export execs the script next to the package
wrapper=$(find "$TMP" -path '*bin/relucert-export' | head -1)
[ -n "$wrapper" ] && [ -x "$wrapper" ] || { echo "FAIL: bin/relucert-export not installed"; exit 1; }
target=$(sed -n 's/^exec "\(.*\)" .*/\1/p' "$wrapper")
[ -x "$TMP$target" ] || { echo "FAIL: bin/relucert-export execs '$target', not installed"; exit 1; }
if [ -z "${SAN_FLAGS:-}" ] && /usr/bin/python3 -c 'import cffi' 2>/dev/null; then
    fixture=$(cd "$S" && pwd)/tests/data/sage/case005.json
    py=$(cd / && PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$(dirname "$pydir")" RELUCERT_LIB="$libdir/librelucert.so" \
         /usr/bin/python3 -c 'import relucert, sys; print(relucert.__file__.startswith(sys.argv[1]), relucert.load(sys.argv[2]).complex(box=(-1, 1))["regions"])' \
         "$pydir" "$fixture") || { echo "FAIL: installed python package"; exit 1; }
    [ "$py" = "True 10" ] || { echo "FAIL: installed python package printed '$py'"; exit 1; }
fi
echo "t-install: PASS ($out)"
