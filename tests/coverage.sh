#!/usr/bin/env bash
# Line coverage of the unit and end-to-end tests (make coverage): the tree
# in COV_BUILD (build/cov), built with --coverage at -O0, runs the whole
# suite once; lcov adds up the counters, and this prints the line coverage
# of src/core, src/tui and src/cli, then the files with the most lines
# never run. The HTML report goes to COV_BUILD/html.
#
#   tests/coverage.sh build/cov
set -u
cd "$(dirname "$0")/.." || exit 2
build=${1:-build/cov}
info=$build/coverage.info

find "$build" -name '*.gcda' -delete
# Some tests run the reader as nobody (tests/e2e/nobody.sh): its counters
# must be writable by nobody too, or they are lost (and the message about
# it lands in the output those tests compare).
chmod -R a+rwX "$build/obj"
umask 000
# Failures are reported but do not stop the count: coverage of a failing
# suite is still worth reading.
tests/run-tests.sh "$build" | tail -n 3

# (lcov 1.16 under a newer Perl warns about redefined subroutines: noise.)
lcov --quiet --capture --directory "$build/obj" --base-directory . --output-file "$info.all" 2>"$build/lcov.log" ||
    { cat "$build/lcov.log"; exit 1; }
lcov --quiet --extract "$info.all" "$PWD/src/*" --output-file "$info" 2>>"$build/lcov.log" ||
    { cat "$build/lcov.log"; exit 1; }
genhtml --quiet --output-directory "$build/html" "$info" >/dev/null 2>&1

# LF: lines found, LH: lines hit, per source file in the tracefile.
echo
awk -v root="$PWD/" '
    /^SF:/ { file = substr($0, 4); sub(root, "", file); split(file, p, "/"); dir = p[1] "/" p[2] }
    /^LF:/ { found[dir] += substr($0, 4); ffound[file] = substr($0, 4) }
    /^LH:/ { hit[dir] += substr($0, 4); fhit[file] = substr($0, 4) }
    END {
        for (d in found) printf "%-10s %6d of %6d lines  %5.1f%%\n", d, hit[d], found[d], 100 * hit[d] / found[d]
        print ""
        print "lines never run, by file (most first):"
        for (f in ffound) if (ffound[f] > fhit[f]) printf "%6d  %s (%.1f%%)\n", ffound[f] - fhit[f], f, 100 * fhit[f] / ffound[f] | "sort -rn | head -n 25"
    }' "$info"
echo "report: $build/html/index.html"
