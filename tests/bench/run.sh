#!/usr/bin/env bash
# make bench: generate the 100 MB corpus (once; tests/bench/corpus is not
# committed) and report decode + index throughput. Figures are recorded in
# docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
corpus=tests/bench/corpus
echo "bench: generating the corpus in $corpus (first run only)"
tests/bench/gen-corpus.sh "$corpus" "${BENCH_MB:-100}"

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
echo "== first screen in tmux, yuedu against less on the same files"
tests/bench/first-screen.sh "$build" "$corpus/utf8" 9

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
echo "== CPU per keystroke while scrolling a 50 MB document"
tests/bench/keys.sh "$build"

echo
echo "== search in process: fold tables, shadows, folded queries over every document"
"$build/bench/search_bench" "$corpus/utf8"
echo
echo "== search, whole process: yuedu --search --format count against rg -c; best and median of 21"
tests/bench/search-vs-rg.sh "$build" "$corpus/utf8" 21
echo
echo "== search result list (the & key): index, a screen of snippets, filter keystrokes; best of 5"
"$build/bench/results_bench" "$corpus/utf8" the search
echo
echo "== pinyin filter: 10 000 titles prepared once, every keystroke of rmfy, zhonghua, xf; best of 5"
"$build/bench/pinyin_bench"
echo
echo "== hit counts per outline node: 100 000 nodes, 300 000 hits in 100 MB; best of 5"
"$build/bench/outline_hits_bench"
