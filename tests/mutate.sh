#!/usr/bin/env bash
# Mutation testing (make mutate): every mutant of tests/mutants.txt is
# planted, one at a time, in a copy of the tree under build/mutate/tree
# (the checkout itself is never edited), which is rebuilt and given the
# tests the mutant's line names. A mutant is killed when one of them fails,
# survives when all pass, and is stillborn when it does not build (not
# counted in the score). Prints one line per mutant, then the score.
#
#   tests/mutate.sh                 every mutant
#   MUTANTS=FILE tests/mutate.sh    another list
#   MUTANT_TIMEOUT=120              seconds for one test run (a hang kills)
set -u
cd "$(dirname "$0")/.." || exit 2
work=build/mutate
tree=$work/tree
# A failing end-to-end check waits E2E_TIMEOUT for the screen; a mutant
# needs only one to fail.
export E2E_TIMEOUT=${E2E_TIMEOUT:-5}
list=${MUTANTS:-tests/mutants.txt}

rm -rf "$tree"
mkdir -p "$tree"
# Read from a copy: the list edited during a run would shift under the read.
cp "$list" "$work/list"
cp -a src include tests docs themes Makefile "$tree"/
# Tests that read ../shared find it from the copy too.
[ -d ../shared ] && ln -sfn "$PWD/../shared" "$work/shared"
if ! make -C "$tree" --no-print-directory -j2 unit-build >"$work/build.log" 2>&1; then
    echo "mutate: the tree does not build without mutants; see $work/build.log" >&2
    exit 1
fi

n=0 killed=0 survived=0 stillborn=0
survivors=()
while IFS=$'\t' read -r file tests old new; do
    [[ -z $file || $file == \#* ]] && continue
    n=$((n + 1))
    cp -p "$tree/$file" "$work/original"
    if ! python3 - "$tree/$file" "$old" "$new" <<'PY'; then
import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
if old not in text:
    sys.exit(1)
open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
PY
        echo "MISSING   m$n $file: the text to change is not there (the code moved on?)"
        stillborn=$((stillborn + 1))
        continue
    fi
    touch "$tree/$file"
    result=survived by=
    if ! make -C "$tree" --no-print-directory -j2 unit-build >"$work/build.log" 2>&1; then
        result=stillborn
    else
        for t in $tests; do
            # A mutant that makes a test loop for ever is caught too: make
            # test would never end.
            TESTS=$t timeout "${MUTANT_TIMEOUT:-120}" "$tree/tests/run-tests.sh" build >"$work/m$n.log" 2>&1
            rc=$?
            if [ "$rc" -eq 124 ]; then
                result=killed by="$t, timed out"
                break
            elif [ "$rc" -ne 0 ]; then
                result=killed by=$t
                break
            fi
        done
    fi
    cp -p "$work/original" "$tree/$file"
    touch "$tree/$file" # rebuilt with the next mutant
    case $result in
    killed) killed=$((killed + 1)) ;;
    survived) survived=$((survived + 1)) survivors+=("m$n $file: $old => $new") ;;
    stillborn) stillborn=$((stillborn + 1)) ;;
    esac
    printf '%-9s m%-3d %s: %s => %s%s\n' "$result" "$n" "$file" "$old" "$new" "${by:+ (by $by)}"
done <"$work/list"

echo
for s in "${survivors[@]}"; do
    echo "survived: $s"
done
scored=$((killed + survived))
echo "mutants: $n, killed $killed, survived $survived, stillborn $stillborn; score $((scored ? 100 * killed / scored : 0))%"
