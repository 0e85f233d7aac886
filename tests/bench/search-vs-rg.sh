#!/usr/bin/env bash
# Whole-process search against ripgrep on the same files, best and median
# of N runs each (page cache warm):
#   yuedu --search P --format count DIR   walk, read, detect, decode to
#                                         UTF-16, fold tables, search, count
#   rg -c P DIR                           raw bytes, no decoding, no folding
#   rg -c 'P|Traditional P' DIR           what folding finds, spelled out
#
#   tests/bench/search-vs-rg.sh BUILD DIR [RUNS] [PATTERN] [ALTERNATION]
set -euo pipefail
build=$1 dir=$2 runs=${3:-21} pattern=${4:-阅读} alternation=${5:-阅读|閱讀}

# Best and median wall time in ms of "$@" over $runs runs (output
# discarded), as "BEST MEDIAN": the best shows the cost on an idle machine,
# the median how it fares beside whatever else runs.
timed() {
    local r s e times=()
    for ((r = 0; r < runs; r++)); do
        s=$(date +%s%N)
        "$@" >/dev/null || true
        e=$(date +%s%N)
        times+=($(((e - s) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f %.1f\n", t[1] / 1000, t[int((NR + 1) / 2)] / 1000 }'
}

hits=$("$build/yuedu" --search "$pattern" --format count "$dir")
rg_lines=$(rg -c "$pattern" "$dir" | awk -F: '{ s += $NF } END { print s + 0 }')
printf '%-44s %19s\n' "best of $runs runs, median, in ms" ""
read -r y ym < <(timed "$build/yuedu" --search "$pattern" --format count "$dir")
printf '%-44s %8s %8s  (%s hits, folded)\n' "yuedu --search $pattern --format count" "$y" "$ym" "$hits"
if command -v rg >/dev/null; then
    read -r r rm < <(timed rg -c "$pattern" "$dir")
    read -r a am < <(timed rg -c "$alternation" "$dir")
    printf '%-44s %8s %8s  (%s matching lines)\n' "rg -c $pattern" "$r" "$rm" "$rg_lines"
    printf '%-44s %8s %8s\n' "rg -c '$alternation'" "$a" "$am"
    awk -v y="$y" -v r="$r" -v a="$a" -v ym="$ym" -v rm="$rm" -v am="$am" \
        'BEGIN { printf "ratio yuedu / rg, best: %.1fx (against the alternation: %.1fx); median: %.1fx (%.1fx); target within 5x\n", y / r, y / a, ym / rm, ym / am }'
else
    echo "rg is not installed (make bench-deps): no comparison"
fi
# CPU time tells what the work costs when other processes share the CPUs.
cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", ($1 + $2) * 1000 }'; }
if [ -x /usr/bin/time ]; then
    printf 'CPU time (user + sys): yuedu %s ms, rg %s ms\n' \
        "$(cpu "$build/yuedu" --search "$pattern" --format count "$dir")" "$(cpu rg -c "$pattern" "$dir")"
fi
echo "CPUs: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
