#!/usr/bin/env bash
# Mutation testing (make mutate): every mutant of tests/mutants.txt is
# planted, one at a time, in a copy of the tree under build/mutate/tree
# (the checkout itself is never edited), which is rebuilt and given the
# tests the mutant's line names. A mutant is killed when one of them fails
# in a way it does not fail without the mutant (each named test is run
# once on the unmutated tree first: a FAIL line that is there already
# proves nothing), survives when all pass, is undecided when its only
# failures are ones the unmutated tree has too, and is stillborn when it
# does not build (neither counted in the score). Prints one line per
# mutant, then the score.
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

# The baseline: every test the list names, run once without mutants.
declare -A baseline=()
while IFS=$'\t' read -r file tests _; do
    [[ -z $file || $file == \#* ]] && continue
    for t in $tests; do
        [ -n "${baseline[$t]+x}" ] && continue
        TESTS=$t timeout "${MUTANT_TIMEOUT:-120}" "$tree/tests/run-tests.sh" build >"$work/base.log" 2>&1
        baseline[$t]=$(grep '^FAIL' "$work/base.log" | sort -u)
        [ -n "${baseline[$t]}" ] && printf 'baseline: %s fails without mutants:\n%s\n' "$t" "${baseline[$t]}"
    done
done <"$work/list"

# The FAIL lines of a log that the baseline of test t does not have.
new_failures() { comm -13 <(printf '%s\n' "${baseline[$1]}" | sed '/^$/d') <(grep '^FAIL' "$2" | sort -u); }

n=0 killed=0 survived=0 stillborn=0 undecided=0
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
                if [ -n "$(new_failures "$t" "$work/m$n.log")" ]; then
                    result=killed by=$t
                    break
                fi
                result=undecided by="$t fails as it does without the mutant"
            fi
        done
    fi
    cp -p "$work/original" "$tree/$file"
    touch "$tree/$file" # rebuilt with the next mutant
    case $result in
    killed) killed=$((killed + 1)) ;;
    survived) survived=$((survived + 1)) survivors+=("m$n $file: $old => $new") ;;
    stillborn) stillborn=$((stillborn + 1)) ;;
    undecided) undecided=$((undecided + 1)) survivors+=("m$n $file: $old => $new (undecided)") ;;
    esac
    printf '%-9s m%-3d %s: %s => %s%s\n' "$result" "$n" "$file" "$old" "$new" "${by:+ (by $by)}"
done <"$work/list"

echo
for s in "${survivors[@]}"; do
    echo "survived: $s"
done
scored=$((killed + survived))
echo "mutants: $n, killed $killed, survived $survived, undecided $undecided, stillborn $stillborn; score $((scored ? 100 * killed / scored : 0))%"
