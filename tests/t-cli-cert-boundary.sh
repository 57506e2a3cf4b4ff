#!/bin/sh
# Classification certificates (relucert boundary --certificate) verified by
# the independent checker relucert-check, and tampered ones rejected with one
# line that says which check failed.
set -u
. "${top_srcdir:-.}/tests/cli-lib.sh"
CHECK=${RELUCERT_CHECK:-checker/relucert-check}

# certify NET ARGS...: verified, and the checker's class is the JSON's
certify() {
    net=$1; shift
    "$BIN" boundary "$net" "$@" --json --certificate "$TMP/c.json" >"$TMP/s.json" \
        || { fail "boundary $net $* --certificate"; return; }
    "$CHECK" "$TMP/c.json" "$net" >"$TMP/out" 2>"$TMP/err" || { fail "check $net $*: $(cat "$TMP/err")"; return; }
    k=$(jq .class "$TMP/s.json")
    if [ "$k" = null ]; then
        r=$(jq -r .degenerate "$TMP/s.json")
        grep -q "does not apply to output .*: $r (" "$TMP/out" && pass || fail "$net $*: checker does not prove '$r'"
    else
        grep -q "class $k[ ,]" "$TMP/out" && [ "$(jq .class "$TMP/c.json")" = "$k" ] && pass \
            || fail "$net $*: checker does not prove class $k ($(cat "$TMP/out"))"
    fi
}

# --- hand-made classes: relu(x) - relu(y) - 1 (class 1), relu(x) + relu(y) - 2 (class 2), empty (class 0)
cat >"$TMP/k1.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, -1]], "biases": [-1]}]}
JSON
certify "$TMP/k1.json"
grep -q "class 1 of the 2 classes of R^2; {g_1 = 1} has 2^2 - 2^1 = 2 flat pieces" "$TMP/out" && pass || fail "k1 text"
certify "$TMP/k1.json" --threshold 1.5
certify "$TMP/k1.json" --threshold -2
cat >"$TMP/k2.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, 1]], "biases": [0]}]}
JSON
certify "$TMP/k2.json" --threshold 2
grep -q "class 2 of the 2 classes" "$TMP/out" && pass || fail "k2 class"
certify "$TMP/k2.json" --threshold -1
grep -q "class 0, the boundary is empty" "$TMP/out" && pass || fail "k0 empty"
# --- random networks of every class, d = 2..4, both outputs of a two-output net
for d in 2 3 4; do
    for kind in gauss int rat; do
        for seed in 1 2 3; do
            "$BIN" random --dim $d --widths $d --kind $kind --seed $seed >"$TMP/r.json" || { fail "random"; continue; }
            certify "$TMP/r.json" --threshold 1/3
        done
    done
done
cat >"$TMP/two.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[2, 1], [-1, 3]], "biases": ["1/2", -1]},
                            {"weights": [[5, 7], ["-3/4", 2]], "biases": [0, "1/5"]}]}
JSON
certify "$TMP/two.json" --output 1
certify "$TMP/two.json" --output 0 --threshold -1
# --- degenerate networks: the reason is proved instead
cat >"$TMP/sing.json" <<'JSON'
{"input_dim": 3, "layers": [{"weights": [[1, 2, 3], [2, 4, 6], [0, 1, -1]], "biases": [0, 1, 2]},
                            {"weights": [[1, -1, 1]], "biases": [-1]}]}
JSON
certify "$TMP/sing.json"
cat >"$TMP/zero.json" <<'JSON'
{"input_dim": 2, "layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0]},
                            {"weights": [[1, 0]], "biases": [0]}]}
JSON
certify "$TMP/zero.json"
certify "$TMP/k1.json" --threshold -1
grep -q "c0 = threshold" "$TMP/out" && pass || fail "c0 = threshold"
# --- the option changes nothing else; other shapes are refused, no file left
"$BIN" boundary "$TMP/k1.json" --json >"$TMP/x.json"
"$BIN" boundary "$TMP/k1.json" --json --certificate "$TMP/c.json" >"$TMP/y.json"
cmp -s "$TMP/x.json" "$TMP/y.json" && pass || fail "--certificate changes the output"
"$BIN" random --dim 2 --widths 3,2 --kind int --seed 1 >"$TMP/deep.json"
expect 3 "$BIN" boundary "$TMP/deep.json" --json --certificate "$TMP/deep-cert.json"
[ ! -s "$TMP/out" ] && pass || fail "output before the error: $(head -c 100 "$TMP/out")"
[ ! -e "$TMP/deep-cert.json" ] && grep -q "one hidden layer of width" "$TMP/err" && pass || fail "deep network"

# --- tampering: a class-2 network in R^3 with rational weights
"$BIN" random --dim 3 --widths 3 --kind rat --seed 6 >"$TMP/n.json"
net="$TMP/n.json"
found=0
for T in 1/3 -1/3 1 -1 2 -2; do
    "$BIN" boundary "$net" --threshold "$T" --json --certificate "$TMP/good.json" >"$TMP/s.json"
    [ "$(jq .class "$TMP/s.json")" = 2 ] && { found=1; break; }
done
[ $found = 1 ] && pass || fail "no class-2 threshold for the tampering network"
"$CHECK" --quiet "$TMP/good.json" "$net" && pass || fail "good certificate"
tamper() {   # tamper NAME JQ-FILTER EXPECTED-TEXT
    jq "$2" "$TMP/good.json" >"$TMP/bad.json" || { fail "jq $1"; return; }
    "$CHECK" "$TMP/bad.json" "$net" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ ! -s "$TMP/out" ] && grep -q "$3" "$TMP/err" && pass \
        || fail "tampered ($1): exit $rc, $(cat "$TMP/err")"
}
tamper "affine map entry changed" '.A[0][0] = "12345/7"' "A A_inv is not the identity"
tamper "inverse entry changed" '.A_inv[1][2] = "1/12345"' "A A_inv is not the identity"
tamper "lambda changed" '.lambda[0] = "12345"' "A row 0 is not lambda_0"
tamper "translation changed" '.a[1] = "12345"' "a\[1\] is not lambda_1"
tamper "class changed (sign flipped)" '.class = 1' "sign flipped"
tamper "lambda sign flipped" '.lambda[0] = "-1"' "lambda\[0\] is not positive"
tamper "permutation swapped" '.permutation |= [.[1], .[0], .[2]]' "is not lambda"
tamper "permutation repeated" '.permutation[1] = .permutation[0]' "not a new neuron"
tamper "scale changed" '.scale = "12345"' "sign flipped\|c0 - T"
tamper "threshold changed" '.threshold = "12345"' "c0 - T is not -scale"
tamper "network weight" '.network.layers[1].weights[0][0] = 7' "differs"
tamper "degenerate claimed" '.class = null | .degenerate = "c0 = threshold"' "differs from the threshold"
tamper "class out of range" '.class = 4' "class must be"
# degenerate evidence tampered
net="$TMP/sing.json"
"$BIN" boundary "$net" --certificate "$TMP/good.json" >/dev/null
tamper "kernel vector changed" '.kernel_vector[0] += 1' "W v is not zero"
tamper "kernel vector zero" '.kernel_vector |= map(0)' "kernel_vector is zero"
net="$TMP/zero.json"
"$BIN" boundary "$net" --certificate "$TMP/good.json" >/dev/null
tamper "zero weight neuron" '.neuron = 0' "output weight c_i = 0"
"$CHECK" "$TMP/good.json" "$TMP/k1.json" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "differs" "$TMP/err" && pass || fail "certificate for another network"

echo "$ok passed, $fails failed"
[ "$fails" -eq 0 ]
