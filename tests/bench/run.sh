#!/usr/bin/env bash
# make bench: generate the 100 MB corpus (once; tests/bench/corpus is not
# committed) and report decode + index throughput, then every ratio of
# scale (first screen against less, --search against rg -c, peak memory)
# on the generated text and on ../shared/corpus-real, each repeated into
# one 100 MB file, 100 files, 100 000 small files and a 1 GB folder
# (tests/bench/scale/, not committed). Figures are recorded in
# docs/PERFORMANCE.md.
#   BENCH_RUNS=N   runs of each side of a ratio (11)
#   BENCH_QUICK=1  small shapes and 3 runs: minutes instead of half an hour
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
corpus=tests/bench/corpus
echo "bench: generating the corpus in $corpus (first run only)"
tests/bench/gen-corpus.sh "$corpus" "${BENCH_MB:-100}"
runs=${BENCH_RUNS:-11}
[ "${BENCH_QUICK:-}" = 1 ] && runs=${BENCH_RUNS:-3}

echo
echo "== scale: the generated text"
tests/bench/scale.sh "$build" generated "$corpus/utf8" "$runs"
echo
echo "== scale: ../shared/corpus-real"
if [ -d ../shared/corpus-real ]; then
    tests/bench/scale.sh "$build" real ../shared/corpus-real "$runs"
else
    echo "../shared/corpus-real is missing: skipped"
fi

echo
echo "== decode + index (walk, read, detect, decode to UTF-16, index lines); best of 5"
"$build/bench/decode_bench" "$corpus/utf8" "$corpus/gb18030" "$corpus/big5"

# For scale: how fast the same bytes can merely be read from the page cache.
bytes=$(cat "$corpus"/utf8/* | wc -c)
start=$(date +%s%N)
cat "$corpus"/utf8/* >/dev/null
end=$(date +%s%N)
awk -v b="$bytes" -v ns=$((end - start)) \
    'BEGIN { printf "reference: cat of the UTF-8 part: %.1f ms, %.0f MB/s\n", ns / 1e6, b / 1e6 / (ns / 1e9) }'


echo
echo "== layout (paragraphs to rows to cells, width 80, as --render does); best of 5"
"$build/bench/layout_bench" "$corpus/utf8"
# --render end to end: decode, layout, print.
bytes=$(cat "$corpus"/utf8/* | wc -c)
start=$(date +%s%N)
"$build/yuedu" --render --width 80 "$corpus/utf8" >/dev/null
end=$(date +%s%N)
awk -v b="$bytes" -v ns=$((end - start)) \
    'BEGIN { printf "--render --width 80 of the UTF-8 part: %.1f ms, %.0f MB/s\n", ns / 1e6, b / 1e6 / (ns / 1e9) }'

echo
echo "== outline (classify every line, build every tree) beyond loading; best of 5"
"$build/bench/outline_bench" "$corpus/utf8"

echo
echo "== purify rules: reading with the user's rules against reading without; best of 5"
"$build/bench/purify_bench" "$corpus/utf8"

echo
echo "== CPU per keystroke while scrolling a 50 MB document"
tests/bench/keys.sh "$build"

echo
echo "== search in process: fold tables, shadows, folded queries over every document"
"$build/bench/search_bench" "$corpus/utf8"
echo
echo "== search result list (the & key): index, a screen of snippets, filter keystrokes; best of 5"
"$build/bench/results_bench" "$corpus/utf8" the search
echo
echo "== pinyin filter: 10 000 titles prepared once, every keystroke of rmfy, zhonghua, xf; best of 5"
"$build/bench/pinyin_bench"
echo
echo "== the lists' filter by pinyin (list_view.c): 10 000 rows through its cache, every keystroke; best of 5"
"$build/bench/list_filter_bench"
echo
echo "== hit counts per outline node: 100 000 nodes, 300 000 hits in 100 MB; best of 5"
"$build/bench/outline_hits_bench"
