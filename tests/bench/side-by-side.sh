#!/usr/bin/env bash
# Time two commands alternately in one run, N runs each (output
# discarded, page cache warm after a first untimed run of each), and print
# min / median / max of each in ms and the ratio of the medians (and of the
# minima):
#   tests/bench/side-by-side.sh RUNS LABEL -- COMMAND... --vs COMMAND...
set -euo pipefail
runs=$1 label=$2
shift 2
[ "$1" = "--" ] && shift
a=() b=()
while [ $# -gt 0 ] && [ "$1" != "--vs" ]; do a+=("$1"); shift; done
shift
b=("$@")
"${a[@]}" >/dev/null 2>&1 || true
"${b[@]}" >/dev/null 2>&1 || true
ta=() tb=()
for ((r = 0; r < runs; r++)); do
    s=$EPOCHREALTIME; "${a[@]}" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
    ta+=("$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", (e - s) * 1000 }')")
    s=$EPOCHREALTIME; "${b[@]}" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
    tb+=("$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", (e - s) * 1000 }')")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f %.1f %.1f\n", t[1], t[int((NR + 1) / 2)], t[NR] }'; }
read -r amin amed amax < <(stats "${ta[@]}")
read -r bmin bmed bmax < <(stats "${tb[@]}")
awk -v l="$label" -v a1="$amin" -v a2="$amed" -v a3="$amax" -v b1="$bmin" -v b2="$bmed" -v b3="$bmax" -v n="$runs" \
    'BEGIN { printf "%-34s %7.1f %7.1f %7.1f | %7.1f %7.1f %7.1f | %5.2fx median %5.2fx min (%d runs)\n",
             l, a1, a2, a3, b1, b2, b3, a2 / b2, a1 / b1, n }'
