#!/bin/sh
# Every command's output (stdout, exit status, stderr, written files) byte for byte against
# golden files made before the architecture change of issue 15 (tests/golden/).
B=$(cd "${top_builddir:-.}" && pwd)/src/relucert
cd "${top_srcdir:-.}" || exit 1
exec sh tests/golden/run.sh "$B"
