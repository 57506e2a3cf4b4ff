#!/bin/sh
# Builds bench/twin/relucert-twin: the engine's sources compiled against the
# double shim (shim/ comes first on the include path, before FLINT's headers).
set -eu
cd "$(dirname "$0")/../.."
${CC:-gcc} -O2 -std=gnu11 -Wall -Wno-unused-parameter -Werror=implicit-function-declaration -I bench/twin/shim -I src -I . ${TWIN_CFLAGS:-} -o bench/twin/relucert-twin bench/twin/twin.c \
    src/poly/poly.c bench/twin/limbs.c bench/twin/minors.c src/poly/split.c src/poly/faces.c src/poly/facecount.c src/regions/enumerate.c src/regions/iter.c src/regions/piece.c src/poly/position.c src/poly/build.c src/net/shortcut.c src/net/rows.c src/complex/complex.c \
    src/util/bitset.c src/util/error.c -lm
