#!/usr/bin/env bash
# Whole-process search against ripgrep on the same files, best of N runs
# each (page cache warm):
#   yuedu --search P --format count DIR   walk, read, detect, decode to
#                                         UTF-16, fold tables, search, count
#   rg -c P DIR                           raw bytes, no decoding, no folding
#   rg -c 'P|Traditional P' DIR           what folding finds, spelled out
#
#   tests/bench/search-vs-rg.sh BUILD DIR [RUNS] [PATTERN] [ALTERNATION]
set -euo pipefail
build=$1 dir=$2 runs=${3:-5} pattern=${4:-阅读} alternation=${5:-阅读|閱讀}

best() { # best wall time in ms of "$@" over $runs runs; output discarded
    local b=
    for ((r = 0; r < runs; r++)); do
        local s e
        s=$(date +%s%N)
        "$@" >/dev/null || true
        e=$(date +%s%N)
        local t=$(((e - s) / 1000))
        [[ -z $b || $t -lt $b ]] && b=$t
    done
    awk -v us="$b" 'BEGIN { printf "%.1f", us / 1000 }'
}

hits=$("$build/yuedu" --search "$pattern" --format count "$dir")
rg_lines=$(rg -c "$pattern" "$dir" | awk -F: '{ s += $NF } END { print s + 0 }')
y=$(best "$build/yuedu" --search "$pattern" --format count "$dir")
printf '%-44s %8s ms  (%s hits, folded)\n' "yuedu --search $pattern --format count" "$y" "$hits"
if command -v rg >/dev/null; then
    r=$(best rg -c "$pattern" "$dir")
    a=$(best rg -c "$alternation" "$dir")
    printf '%-44s %8s ms  (%s matching lines)\n' "rg -c $pattern" "$r" "$rg_lines"
    printf '%-44s %8s ms\n' "rg -c '$alternation'" "$a"
    awk -v y="$y" -v r="$r" -v a="$a" \
        'BEGIN { printf "ratio yuedu / rg: %.1fx (against the alternation: %.1fx); target within 5x\n", y / r, y / a }'
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
