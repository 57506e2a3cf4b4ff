#!/bin/sh
# Writes the man page relucert(1) from the program's own --help texts: one
# section per command, so the page cannot drift from the program.
# usage: mkman.sh path/to/relucert > relucert.1
set -e
BIN=$1
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; }
cat <<HEAD
.TH RELUCERT 1 "" "relucert $("$BIN" --version | cut -d' ' -f2)" "User Commands"
.SH NAME
relucert \- exact activation-region geometry of ReLU networks
.SH SYNOPSIS
.B relucert
.I COMMAND
[options]
.SH DESCRIPTION
.nf
HEAD
"$BIN" --help | esc
echo ".fi"
for cmd in $("$BIN" --help | sed '/^examples:$/,$d' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    echo ".SH \"relucert $cmd\""
    echo ".nf"
    "$BIN" "$cmd" --help | esc
    echo ".fi"
done
# every command's examples once more, together (each also in its command's section)
echo ".SH EXAMPLES"
echo ".nf"
for cmd in $("$BIN" --help | sed '/^examples:$/,$d' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    "$BIN" "$cmd" --help | awk 'tolower($0) ~ /^examples:?$/{p=1;next} p && /^[^ ]/{p=0} p' | esc
done
echo ".fi"
cat <<TAIL
.SH SEE ALSO
.BR relucert-check (1)
TAIL
