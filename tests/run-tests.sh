#!/usr/bin/env bash
# Run the unit tests and the end-to-end tests over each build tree given
# (e.g. build build/asan) and print a counted summary; exit 1 on any failure.
#
#   tests/run-tests.sh BUILD...
#   TESTS=corpus tests/run-tests.sh build     only tests whose name matches
#   FUZZ_BUILD=build/fuzz tests/run-tests.sh build   also each libFuzzer target
#       briefly (FUZZ_TEST_SECONDS, 10) after replaying its regression inputs
#   CI=true tests/run-tests.sh build    nothing may be skipped or dropped
#
# Counted: passed, failed, skipped (a tool, locale, fixture or ../shared
# missing: exit 77, cmocka's skip), dropped (a case inside a script that
# could not run here: its DROP lines) and not applicable (exit 78: a script
# that cannot apply to the tree, valgrind on a sanitizer build). Under
# CI=true a skip or a drop is a failure.
set -u
cd "$(dirname "$0")/.." || exit 2

# The comparisons (sed, grep, sort, character counts) in one locale,
# whatever the caller's.
export LC_ALL=C.UTF-8
# ... and messages in English, whatever the caller's LANGUAGE (i18n-*.test set it).
unset LANGUAGE LC_MESSAGES

passed=0 failed=0 skipped=0 dropped=0 not_applicable=0
failures=()
ci=0
[ "${CI:-}" = true ] && ci=1

# Sanitizer builds: stop at the first error, report leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}

# The fold tables' cache (fold_cache.h) goes to a folder of this run, not
# to the caller's home.
XDG_CACHE_HOME=$(mktemp -d /tmp/yuedu-tests-cache.XXXXXX) || exit 2
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT

count() { # FILE PATTERN: sum of the numbers cmocka prints after PATTERN
    sed -n "s/^\[  $2 *\] \([0-9]*\) test.*/\1/p" "$1" | awk '{s += $1} END {print s + 0}'
}

for build in "$@"; do
    if [ ! -x "$build/yuedu" ]; then
        echo "run-tests: $build/yuedu is missing; build it first" >&2
        exit 2
    fi
    echo "=== unit tests ($build)"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        name=${t##*/}
        [[ -n "${TESTS:-}" && "$name" != *${TESTS}* ]] && continue
        log=$(mktemp)
        "$t" >"$log" 2>&1
        rc=$?
        p=$(count "$log" PASSED) f=$(count "$log" FAILED) s=$(count "$log" SKIPPED)
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1 # crashed or a sanitizer stopped it
        fi
        if [ "$ci" -eq 1 ] && [ "$s" -gt 0 ]; then
            f=$((f + s)) s=0 # test_util.h's skip_missing fails under CI; a bare skip() too
        fi
        if [ "$f" -gt 0 ]; then
            cat "$log"
            failures+=("$build: $name")
            echo "FAIL $name: $p passed, $f failed"
        else
            echo "ok   $name: $p passed${s:+, $s skipped}"
        fi
        passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
        rm -f "$log"
    done

    echo "=== end-to-end tests ($build)"
    for t in tests/e2e/*.test; do
        [ -f "$t" ] || continue
        name=${t##*/}
        name=${name%.test}
        [[ -n "${TESTS:-}" && "$name" != *${TESTS}* ]] && continue
        log=$(mktemp)
        YUEDU="$PWD/$build/yuedu" bash "$t" >"$log" 2>&1
        rc=$?
        drops=$(grep -c '^DROP \[' "$log")
        dropped=$((dropped + drops))
        grep '^DROP \[' "$log" | sed 's/^DROP /drop /'
        if [ "$rc" -eq 77 ] && [ "$ci" -eq 1 ]; then
            echo "CI=true: e2e/$name may not be skipped: $(tail -n 1 "$log")" >>"$log"
            rc=1
        fi
        if [ "$rc" -eq 0 ]; then
            echo "ok   e2e/$name"
            passed=$((passed + 1))
        elif [ "$rc" -eq 77 ]; then
            echo "skip e2e/$name: $(tail -n 1 "$log")"
            skipped=$((skipped + 1))
        elif [ "$rc" -eq 78 ]; then
            echo "n/a  e2e/$name: $(tail -n 1 "$log")"
            not_applicable=$((not_applicable + 1))
        else
            cat "$log"
            echo "FAIL e2e/$name"
            failures+=("$build: e2e/$name")
            failed=$((failed + 1))
        fi
        rm -f "$log"
    done
done

# The libFuzzer targets (tests/fuzz): one counted test each.
if [ -n "${FUZZ_BUILD:-}" ]; then
    echo "=== fuzz targets ($FUZZ_BUILD, ${FUZZ_TEST_SECONDS:-10}s each)"
    for bin in "$FUZZ_BUILD"/fuzz_*; do
        [ -x "$bin" ] && [ -f "$bin" ] || continue
        case $bin in *.d) continue ;; esac
        name=${bin##*/}
        [[ -n "${TESTS:-}" && "$name" != *${TESTS}* ]] && continue
        log=$(mktemp)
        if tests/fuzz/run-fuzz.sh check "$FUZZ_BUILD" "${FUZZ_TEST_SECONDS:-10}" "${name#fuzz_}" >"$log" 2>&1; then
            echo "ok   $(tail -n 1 "$log")"
            passed=$((passed + 1))
        else
            tail -n 60 "$log"
            echo "FAIL $name"
            failures+=("$FUZZ_BUILD: $name")
            failed=$((failed + 1))
        fi
        rm -f "$log"
    done
fi

echo
for f in "${failures[@]}"; do
    echo "failed: $f"
done
echo "total: $passed passed, $failed failed, $skipped skipped, $dropped dropped, $not_applicable not applicable"
[ "$failed" -eq 0 ]
