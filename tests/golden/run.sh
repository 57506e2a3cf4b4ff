#!/bin/sh
# Runs every case of tests/golden/cases.txt and compares stdout, the exit status and stderr
# with tests/golden/NAME.out. An argument @OUT.ext is replaced by a temporary file whose
# contents are compared too. --update rewrites the golden files (only with a binary you trust).
# usage: tests/golden/run.sh [--update] [RELUCERT]   (run from the source root)
update=0
[ "$1" = "--update" ] && { update=1; shift; }
R=${1:-src/relucert}
dir=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
while IFS='|' read -r name args; do
    case $name in \#*|'') continue;; esac
    name=$(echo $name)
    outfile=""
    set --
    for a in $args; do
        case $a in @OUT.*) outfile="$tmp/out.${a#@OUT.}"; a=$outfile;;
                   @OUT*) a="$tmp/out${a#@OUT}";; esac   # a prefix (--out-prefix): files in $tmp, not in the cwd
        set -- "$@" "$a"
    done
    rm -f "$tmp"/out*
    $R "$@" > "$tmp/stdout" 2> "$tmp/stderr" < /dev/null
    rc=$?
    { cat "$tmp/stdout"; echo "--rc $rc"; cat "$tmp/stderr"
      [ -n "$outfile" ] && { echo "--file"; cat "$outfile" 2>/dev/null; }; } | sed "s#$tmp/out#@OUT#g" > "$tmp/got"
    if [ $update = 1 ]; then cp "$tmp/got" "$dir/$name.out"; pass=$((pass+1)); continue; fi
    if cmp -s "$tmp/got" "$dir/$name.out"; then pass=$((pass+1))
    else fail=$((fail+1)); echo "FAIL golden $name: relucert $args"; diff "$dir/$name.out" "$tmp/got" | head -10; fi
done < "$dir/cases.txt"
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
