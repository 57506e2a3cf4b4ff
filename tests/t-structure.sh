#!/bin/sh
# The structure rules of issue 15 (tests/structure.py): command files, function lengths,
# include cycles, symbol-use cycles between the library's objects, no umbrella header inside.
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }
command -v nm >/dev/null || { echo "FAIL: nm (binutils) is needed"; exit 1; }
exec python3 "${top_srcdir:-.}/tests/structure.py" "${top_srcdir:-.}/src" --objects "${top_builddir:-.}/src"
