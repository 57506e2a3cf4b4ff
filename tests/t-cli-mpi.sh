#!/bin/sh
# `mpirun -np N relucert regions ...` (issue 9): the ranks share the search
# like --jobs workers and rank 0 writes; the output must be byte-identical to
# --jobs 1 and --jobs 2 (summary JSON, --list JSON, --stream JSON Lines, the
# text list). Skipped (77) when mpirun is absent or relucert was built without MPI.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
if ! command -v mpirun >/dev/null; then echo "SKIP: mpirun not found (apt-get install openmpi-bin libopenmpi-dev)"; exit 77; fi
if ! grep -q '^#define HAVE_MPI 1' "${top_builddir:-.}/config.h" 2>/dev/null; then
    echo "SKIP: relucert was configured without MPI (--without-mpi, or no mpi.h/libmpi: apt-get install libopenmpi-dev)"; exit 77
fi
# containers often run the tests as root, and have fewer cores than ranks
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN="mpirun --oversubscribe"

for spec in "case029.json --box -1,1" "case020.json --whole" "case005.json --box -1,1" "case012.json --box -2,3"; do
    set -- $spec
    f="$D/sage/$1"; shift
    [ -f "$f" ] || continue
    "$BIN" regions "$f" "$@" --json --quiet >"$TMP/j1.json" && "$BIN" regions "$f" "$@" --json --jobs 2 >"$TMP/j2.json" \
        || fail "$f: --jobs run"
    "$BIN" regions "$f" "$@" --json --list --stream "$TMP/s1.jsonl" --quiet >"$TMP/l1.json" || fail "$f: --list run"
    "$BIN" regions "$f" "$@" --list >"$TMP/t1.txt" || fail "$f: text list run"
    for np in 1 2 3; do
        $MPIRUN -np $np "$BIN" regions "$f" "$@" --json >"$TMP/m.json" 2>"$TMP/m.err" || { fail "$f: mpirun -np $np"; cat "$TMP/m.err"; }
        cmp -s "$TMP/j1.json" "$TMP/m.json" && cmp -s "$TMP/j2.json" "$TMP/m.json" && pass || fail "$f: mpirun -np $np --json differs from --jobs 1/2"
        $MPIRUN -np $np "$BIN" regions "$f" "$@" --json --list --stream "$TMP/ms.jsonl" >"$TMP/ml.json" 2>"$TMP/m.err" \
            || { fail "$f: mpirun -np $np --list"; cat "$TMP/m.err"; }
        cmp -s "$TMP/l1.json" "$TMP/ml.json" && cmp -s "$TMP/s1.jsonl" "$TMP/ms.jsonl" && pass \
            || fail "$f: mpirun -np $np --list/--stream differ from --jobs 1"
        $MPIRUN -np $np "$BIN" regions "$f" "$@" --list >"$TMP/mt.txt" 2>/dev/null && cmp -s "$TMP/t1.txt" "$TMP/mt.txt" && pass \
            || fail "$f: mpirun -np $np text list differs"
    done
done
# --stream - (records on stdout) and the exit status of a usage error under mpirun
"$BIN" regions "$D/sage/case029.json" --box -1,1 --stream - --quiet >"$TMP/o1.txt"
$MPIRUN -np 2 "$BIN" regions "$D/sage/case029.json" --box -1,1 --stream - >"$TMP/o2.txt" 2>/dev/null && cmp -s "$TMP/o1.txt" "$TMP/o2.txt" \
    && pass || fail "mpirun --stream - differs"
$MPIRUN -np 2 "$BIN" regions "$D/sage/case029.json" --jobs 2 >/dev/null 2>&1
[ $? -ne 0 ] && pass || fail "mpirun with --jobs 2 must be refused"

# errors on every rank (bad input) or on rank 0 only (cannot write the stream): exit 2, no rank left waiting
timeout 120 $MPIRUN -np 2 "$BIN" regions "$D/sage/case029.json" --box 1,-1 >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "mpirun: bad --box must exit 2"
timeout 120 $MPIRUN -np 2 "$BIN" regions "$D/sage/case029.json" --stream "$TMP/no/such/dir/x.jsonl" >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "mpirun: unwritable --stream must exit 2 without hanging"

echo "t-cli-mpi: $ok passed, $fails failed"
[ "$fails" -eq 0 ]
