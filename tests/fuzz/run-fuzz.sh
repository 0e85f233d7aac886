#!/usr/bin/env bash
# Seed and run the libFuzzer targets of tests/fuzz (docs/TESTING.md).
#
#   tests/fuzz/run-fuzz.sh seed  FUZZ_BUILD              (re)make the seed corpora
#   tests/fuzz/run-fuzz.sh fuzz  FUZZ_BUILD SECONDS [TARGET...]
#       fuzz each target for SECONDS, two at a time; the corpora grow in
#       FUZZ_BUILD/corpus/TARGET, crashes are written to FUZZ_BUILD/crashes/TARGET
#   FUZZ_FLAGS="-len_control=0" ...    extra libFuzzer flags for fuzz
#   tests/fuzz/run-fuzz.sh check FUZZ_BUILD SECONDS TARGET
#       what `make test` runs: every regression input of TARGET, then
#       SECONDS of fuzzing from the seeds; exit 0 when nothing was found
#
# Seed corpora are made at run time from the project's fixtures
# (tests/fixtures, docs/guide, themes, docs/config.example.yaml, the books
# of tests/fixtures/formats/make-books.py); nothing
# generated here is committed. Inputs that once crashed a target live in
# tests/fuzz/regressions/TARGET/ and are replayed by `check`.
set -u
cd "$(dirname "$0")/../.." || exit 2

mode=${1:-}
build=${2:-build/fuzz}
seconds=${3:-60}
targets_all=(decode outline crossref layout search byte_search config theme bookmarks highlights state notes_import markdown html purify epub docx odt)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
unset LSAN_OPTIONS

# Largest input per target: documents get room for long lines, YAML less.
max_len() {
    case $1 in
    decode | outline | crossref | layout | search | byte_search | markdown | html | purify | epub | docx | odt) echo 65536 ;;
    *) echo 16384 ;;
    esac
}

text_files() {
    find tests/fixtures docs/guide -type f ! -name '*.tsv' ! -name '*.py' ! -name 'README.md' | LC_ALL=C sort
}

seed_one() { # NAME FILE...: copy files into the seed folder of target NAME
    local dir=$build/seeds/$1
    shift
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        cp "$f" "$dir/$(printf '%s' "$f" | tr '/' '_')"
    done
}

seed() {
    rm -rf "$build/seeds"
    mapfile -t texts < <(text_files)
    seed_one decode "${texts[@]}"
    seed_one outline "${texts[@]}"
    seed_one crossref "${texts[@]}" tests/fixtures/refs/*
    seed_one markdown "${texts[@]}"
    seed_one html "${texts[@]}"
    # layout: a width byte, then the document
    mkdir -p "$build/seeds/layout"
    local k=0 f
    for f in "${texts[@]}"; do
        for w in 10 38 78 130; do # widths 12, 40, 80, 4 with various option bits
            { printf "\\$(printf %03o $(((w + k) % 256)))"; cat "$f"; } >"$build/seeds/layout/$k-$w"
        done
        k=$((k + 1))
    done
    # search: an option byte, the pattern, NUL, the text
    mkdir -p "$build/seeds/search"
    local patterns=('中国' '黨' 'ａｂｃ' '第.章' '[一二三四五]、' '(a*)*b' '^\s*#+' '\p{Han}{2,}' 'the' '……')
    k=0
    for f in tests/fixtures/search/* tests/fixtures/outline/* docs/guide/*; do
        for p in "${patterns[@]}"; do
            local opt=$(((k % 2) * 16 + (k % 7)))
            { printf "\\$(printf %03o $opt)%s\\0" "$p"; head -c 8192 "$f"; } >"$build/seeds/search/$k"
            k=$((k + 1))
        done
    done
    # byte_search: the same form (an option byte, the pattern, NUL, the text)
    rm -rf "$build/seeds/byte_search"
    cp -r "$build/seeds/search" "$build/seeds/byte_search"
    # purify: rules in YAML, NUL, a format byte (0 text, 1 Markdown, 2 HTML), the document
    mkdir -p "$build/seeds/purify"
    local rules=(
        $'purify:\n  rules:\n    - match: \'^本章完\'\n    - match: \'（求(月票|收藏)）\'\n      replace: \'\'\n'
        $'purify:\n  rules:\n    - match: \'(\\p{Han})\\s+\'\n      replace: \'$1\'\n    - match: \'http\\S+\'\n      replace: "<\\n>"\n'
        $'purify:\n  hide: on\n  rules:\n    - {match: \'^\', replace: \'　\', files: \'*.md\'}\n    - {match: \'[一二三]\', action: hide}\n'
        $'purify:\n  rules:\n    - match: \'(a+)+$\'\n    - match: \'.\'\n      replace: \'$0$0\'\n'
    )
    k=0
    for f in tests/fixtures/formats/*.txt tests/fixtures/formats/*.md tests/fixtures/formats/*.html tests/fixtures/outline/*; do
        [ -f "$f" ] || continue
        for r in "${rules[@]}"; do
            { printf '%s\0' "$r"; printf "\\$(printf %03o $((k % 3)))"; head -c 16384 "$f"; } >"$build/seeds/purify/$k"
            k=$((k + 1))
        done
    done
    # epub, docx, odt: books written by the fixtures' script, as parts and whole
    python3 tests/fixtures/formats/make-books.py --seeds "$build/seeds"
    seed_one config docs/config.example.yaml themes/*.yaml
    seed_one theme themes/*.yaml docs/config.example.yaml
    mkdir -p "$build/seeds/bookmarks" "$build/seeds/state"
    # The formats of docs/BOOKMARKS.md, written here (no copy is kept).
    cat >"$build/seeds/bookmarks/valid.yaml" <<'YAML'
version: 1
bookmarks:
- id: 3f9c0a6e1b2d4c58
  name: "第一章 总则 · 目的"
  note: "two\nlines"
  path: "a.txt"
  absolute: "/nonexistent-yuedu-root/a.txt"
  fingerprint: fnv1a64:0ac3239381e6dece
  offset: 7
  line: 2
  before: "第一章 总则\n"
  after: "一、目的"
  created: 2026-11-22T06:25:12.263Z
  updated: 2026-11-22T06:25:12.263Z
- id: 77aa01c3d2e4f5b6
  name: "deleted"
  path: "b.txt"
  offset: 0
  deleted: 2026-11-22T07:00:00.000Z
  updated: 2026-11-22T07:00:00.000Z
YAML
    printf 'version: 2\nbookmarks: []\n' >"$build/seeds/bookmarks/newer.yaml"
    printf 'bookmarks:\n- {id: x, offset: -5, line: 99999999999999999999}\n' >"$build/seeds/bookmarks/odd.yaml"
    mkdir -p "$build/seeds/highlights"
    cat >"$build/seeds/highlights/valid.yaml" <<'YAML'
version: 1
bookmarks:
- id: 5d1e0a6e1b2d4c59
  name: "测试标注"
  note: "one\nnote"
  path: "a.txt"
  absolute: "/nonexistent-yuedu-root/a.txt"
  fingerprint: none
  offset: 14
  line: 3
  length: 4
  style: 3
  before: "为了"
  after: "测试标注。"
  created: 2026-11-22T06:25:12.263Z
  updated: 2026-11-22T06:25:12.263Z
YAML
    printf 'bookmarks:\n- {id: y, path: a.txt, name: gone, offset: 3, length: 99999999999, style: -2}\n' \
        >"$build/seeds/highlights/odd.yaml"
    cat >"$build/seeds/state/valid.yaml" <<'YAML'
version: 1
corpora:
- root: "/tmp"
  document: "/tmp/a.txt"
  index: 3
  updated: 2026-11-22T06:25:12.263Z
- {root: "/nonexistent", document: 5, index: -1}
positions:
- path: "/tmp/a.txt"
  fingerprint: fnv1a64:0ac3239381e6dece
  offset: 5
  line: 2
  before: "一、目的\n"
  after: "读到这里"
  updated: 2026-11-22T06:25:12.263Z
search_history:
- pattern: "目的"
  time: 2026-11-22T06:25:12.263Z
- pattern: "党建"
  time: 2026-11-22T06:26:12.263Z
YAML
    printf 'version: 1\npositions: [1, {path: 3}]\nsearch_history: {}\n' >"$build/seeds/state/odd.yaml"
    # The JSON of yuedu --notes --format json (docs/ANNOTATIONS.md), written here.
    mkdir -p "$build/seeds/notes_import"
    cat >"$build/seeds/notes_import/valid.json" <<'JSON'
{
  "yuedu-notes": 1,
  "notes": [
    {
      "kind": "highlight",
      "id": "5d1e0a6e1b2d4c59",
      "document": "测试",
      "path": "a.txt",
      "absolute": "/nonexistent-yuedu-root/a.txt",
      "section": "第一章 总则",
      "line": 3,
      "offset": 14,
      "length": 4,
      "style": 2,
      "quote": "测试标注",
      "name": "测试标注",
      "note": "one\nnote \"quoted\" \u001B\u202E",
      "citation": "——《测试》第一章 总则（a.txt:3）",
      "created": "2026-11-22T06:25:12.263Z",
      "updated": "2026-11-22T06:25:12.263Z",
      "state": "exact",
      "fingerprint": "fnv1a64:0ac3239381e6dece",
      "before": "为了",
      "after": "测试标注。"
    },
    {
      "kind": "bookmark",
      "id": "3f9c0a6e1b2d4c58",
      "path": "b.txt",
      "name": "第二章",
      "note": "",
      "line": 1,
      "offset": 0,
      "created": "2026-11-22T06:25:12.263Z",
      "updated": "2026-11-22T06:25:12.263Z"
    }
  ]
}
JSON
    printf '{"yuedu-notes": 1, "notes": [{"kind": "highlight", "id": "a", "path": "x", "length": -1}, 5, []]}\n' \
        >"$build/seeds/notes_import/odd.json"
}

run_target() { # TARGET SECONDS: fuzz from the grown corpus and the seeds
    local t=$1 secs=$2
    local bin=$build/fuzz_$t corpus=$build/corpus/$t crashes=$build/crashes/$t
    mkdir -p "$corpus" "$crashes"
    "$bin" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 ${FUZZ_FLAGS:-} \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$build/seeds/$t" \
        >"$build/logs/$t.log" 2>&1
}

case $mode in
seed)
    seed
    ;;
fuzz)
    shift 3
    targets=("${@:-${targets_all[@]}}")
    [ $# -eq 0 ] && targets=("${targets_all[@]}")
    seed
    mkdir -p "$build/logs"
    status=0
    running=0
    for t in "${targets[@]}"; do
        (
            if run_target "$t" "$seconds"; then
                echo "fuzz_$t: ${seconds}s, $(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/logs/$t.log" | awk '{print $2}') runs, nothing found"
            else
                echo "fuzz_$t: FOUND something; see $build/logs/$t.log and $build/crashes/$t/"
                exit 1
            fi
        ) &
        running=$((running + 1))
        if [ "$running" -ge "${FUZZ_JOBS:-2}" ]; then
            wait -n || status=1
            running=$((running - 1))
        fi
    done
    while [ "$running" -gt 0 ]; do
        wait -n || status=1
        running=$((running - 1))
    done
    exit $status
    ;;
check)
    t=${4:?target}
    bin=$build/fuzz_$t
    [ -x "$bin" ] || { echo "run-fuzz: $bin is missing; run make fuzz-build" >&2; exit 2; }
    [ -d "$build/seeds/$t" ] || seed
    regress=tests/fuzz/regressions/$t
    mapfile -t inputs < <(find "$regress" -type f ! -name 'README*' 2>/dev/null | LC_ALL=C sort)
    if [ "${#inputs[@]}" -gt 0 ]; then
        "$bin" "${inputs[@]}" || { echo "fuzz_$t: a regression input fails again"; exit 1; }
    fi
    # Brief fuzzing into a scratch corpus, so that test runs stay alike.
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    "$bin" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/" "$scratch" "$build/seeds/$t" || {
        echo "fuzz_$t: crash input kept in $build/crashes/$t/"
        mkdir -p "$build/crashes/$t"
        cp "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-* "$build/crashes/$t/" 2>/dev/null
        exit 1
    }
    echo "fuzz_$t: ${#inputs[@]} regression inputs, ${seconds}s of fuzzing: nothing found"
    ;;
*)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
