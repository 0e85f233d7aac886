#!/usr/bin/env bash
# valgrind memcheck over every batch mode (issue 9): --list, --outline in
# each format, --render, --search (literal and regex), --bookmarks in each
# format and --check-config, over tests/fixtures, docs/guide and
# ../shared/corpus when present; then a scripted reader session in tmux
# (tests/e2e/valgrind-reader.test). Fails on any memcheck error or definite
# leak; prints one line per run and a summary.
#
#   tests/valgrind.sh [YUEDU]        (default build/yuedu)
set -u
cd "$(dirname "$0")/.." || exit 2
yuedu=${1:-build/yuedu}
[ -x "$yuedu" ] || { echo "valgrind: $yuedu is missing; run make" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind: valgrind is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb
mkdir -p "$HOME" "$XDG_DATA_HOME/yuedu"
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

# A bookmarks file in the format of docs/BOOKMARKS.md, pointing into the guide.
cat >"$XDG_DATA_HOME/yuedu/bookmarks.yaml" <<YAML
version: 1
bookmarks:
- id: 3f9c0a6e1b2d4c58
  name: "入门 · 第一个书签"
  note: "two\nlines"
  path: "$PWD/docs/guide/01-入门.md"
  absolute: "$PWD/docs/guide/01-入门.md"
  fingerprint: fnv1a64:0000000000000000
  offset: 12
  line: 2
  before: "x"
  after: "y"
  created: 2026-11-22T06:25:12.263Z
  updated: 2026-11-22T06:25:12.263Z
- id: 77aa01c3d2e4f5b6
  name: "deleted"
  path: "gone.txt"
  offset: 0
  deleted: 2026-11-22T07:00:00.000Z
  updated: 2026-11-22T07:00:00.000Z
YAML

paths=(tests/fixtures docs/guide)
[ -d ../shared/corpus ] && paths+=(../shared/corpus)
mapfile -t files < <(find "${paths[@]}" -type f \( -name '*.txt' -o -name '*.md' \) | LC_ALL=C sort)

runs=0 bad=0
vg() { # NAME ARGS...: one yuedu run under memcheck
    local name=$1
    shift
    local log=$work/vg.log
    valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
        --errors-for-leak-kinds=definite --track-origins=yes --log-file="$log" \
        "$yuedu" "$@" >/dev/null 2>"$work/stderr" </dev/null
    local rc=$?
    runs=$((runs + 1))
    local summary
    summary=$(sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
    if [ "$rc" -eq 99 ] || [ "$rc" -gt 2 ] || [ "${summary:-1}" != 0 ] || grep -q 'definitely lost: [1-9]' "$log"; then
        bad=$((bad + 1))
        echo "FAIL $name (exit $rc)"
        grep -E '^==[0-9]+== ' "$log" | head -n 60
    else
        echo "ok   $name (exit $rc)"
    fi
}

vg list --list "${paths[@]}"
for f in text tsv yaml; do
    vg "outline --format $f" --outline --format "$f" "${paths[@]}"
done
for f in "${files[@]}"; do
    vg "render --width 37 $f" --render --width 37 "$f"
done
vg "render --ambiwidth 2 (guide)" --render --ambiwidth 2 --width 80 docs/guide/01-入门.md
vg "search literal" --search 中国 "${paths[@]}"
vg "search tsv" --search 第一 --format tsv "${paths[@]}"
vg "search regex count" --search '[一二三四五六七八九十]、' --regex --format count "${paths[@]}"
vg "search fold none" --search the --fold none "${paths[@]}"
vg "search bad regex" --search '(' --regex docs/guide
for f in text tsv yaml; do
    vg "bookmarks --format $f" --bookmarks --format "$f"
done
vg "check-config (none)" --check-config
vg "check-config example" --check-config --config docs/config.example.yaml
for t in themes/*.yaml; do
    vg "check-config theme $t" --check-config --config docs/config.example.yaml --theme "$t"
done

# The reader itself: a scripted session in tmux (tests/e2e/valgrind-reader.test).
runs=$((runs + 1))
if command -v tmux >/dev/null && YUEDU=$PWD/$yuedu bash tests/e2e/valgrind-reader.test >"$work/reader.log" 2>&1; then
    echo "ok   reader session in tmux ($(grep '^memcheck:' "$work/reader.log"))"
else
    bad=$((bad + 1))
    echo "FAIL reader session in tmux"
    tail -n 60 "$work/reader.log"
fi

echo "valgrind: $runs runs, $((runs - bad)) clean, $bad with errors or definite leaks"
[ "$bad" -eq 0 ]
