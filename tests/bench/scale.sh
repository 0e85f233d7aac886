#!/usr/bin/env bash
# The ratios of scale, each side measured in the same run, alternately:
#   first screen        yuedu against less given the first file, timed by
#                       ../shared/tools/first-frame (a pseudo-terminal, no
#                       polling), 100x30
#   --search count      yuedu --search P --format count against rg -c P
#   peak memory         ru_maxrss of every batch mode against the bytes read,
#                       and the text's UTF-16 size (what a loaded document holds)
#   the walk           of the 100 000 small files alone, beside their bare
#                      listing (walk_bench), and
#                      the first key typed at the reader's preview of
#                      them (first-key.sh)
#   the reader         on the 1 GB folder: incremental search, count, the
#                      result list and CPU per key (reader.sh)
# on four shapes made by gen-scale.sh from SOURCE: one file of MB megabytes,
# 100 files, 100 000 small files, a folder of 10 files (1 GB).
#
#   tests/bench/scale.sh BUILD NAME SOURCE [RUNS]
# BENCH_QUICK=1: 20 MB, a 200 MB folder, 10 000 small files (for trying
# things out in minutes; the figures of the docs are not quick).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$1 name=$2 src=$3 runs=${4:-11}
yuedu=$PWD/$build/yuedu
first_frame=../shared/tools/first-frame
if [ "${BENCH_QUICK:-}" = 1 ]; then
    mb=20 folder_mb=200 small=10000
else
    mb=100 folder_mb=1000 small=100000
fi
dest=tests/bench/scale/$name
echo "scale ($name): making the shapes in $dest from $src (first run only)"
tests/bench/gen-scale.sh "$src" "$dest" "$mb" "$folder_mb" "$small"
size() { du -sb "$1" | cut -f1; }
printf 'shapes: one file %s MB, 100 files %s MB, %s small files, folder %s MB\n' \
    $(($(size "$dest/one") / 1000000)) $(($(size "$dest/hundred") / 1000000)) \
    "$(find "$dest/small" -type f | wc -l)" $(($(size "$dest/gb") / 1000000))
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The first four characters of the first line with text of a file: what
# its first screen must show.
first_text() {
    python3 -c 'import sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    t = line.strip().lstrip("#").strip().lstrip("\ufeff")
    if t:
        print(t[:4]); break' "$1"
}

echo
echo "== first screen, yuedu against less (given the first file); min / median / max of $runs in ms"
if [ ! -x "$first_frame" ]; then
    echo "../shared/tools/first-frame is missing: skipped"
else
    state=$(mktemp -d)
    for shape in one hundred small gb; do
        first=$(find "$dest/$shape" -type f -name '*.txt' | sort | sed -n 1p)
        # A fresh home each time: no place to resume, no state to read.
        HOME=$state XDG_STATE_HOME=$state/state XDG_DATA_HOME=$state/data XDG_CONFIG_HOME=$state/config \
            XDG_CACHE_HOME=$state/cache "$first_frame" -n "$runs" --size 100x30 --expect "$(first_text "$first")" \
            -- "$yuedu" "$dest/$shape" --vs less "$first" 2>&1 | sed "s|^|$shape: |"
    done
    rm -rf "$state"
fi

echo
echo "== the folder of $small small files: the bare listing (readdir, the floor under its first screen) and"
echo "   the walk alone (listing, kinds, natural order), alternately; then the"
echo "   first key typed at the preview, to its screen (the reader waits for the walk's end and the first document)"
"$build/bench/walk_bench" --runs "$runs" "$dest/small"
tests/bench/first-key.sh "$build" "$dest/small" "$runs"

echo
echo "== --search P --format count against rg -c P; min / median / max of $runs in ms"
echo "   (yuedu counts hits with Simplified/Traditional, width and case folded; rg counts matching lines)"
# BENCH_PATTERN, else the first of these with hits in the one file (人民
# in statutes and reports, 阅读 in the generated text).
pattern=${BENCH_PATTERN:-}
if [ -z "$pattern" ]; then
    for p in 人民 阅读 的; do
        pattern=$p
        [ "$("$yuedu" --search "$p" --format count "$dest/one" || true)" != 0 ] && break
    done
fi
printf '%-34s %23s | %23s |\n' "" "yuedu" "rg -c"
for shape in one hundred gb; do
    hits=$("$yuedu" --search "$pattern" --format count "$dest/$shape" || true)
    tests/bench/side-by-side.sh "$runs" "$shape ($hits hits of $pattern)" \
        -- "$yuedu" --search "$pattern" --format count "$dest/$shape" --vs rg -c "$pattern" "$dest/$shape"
done
# A regex is searched on the decoded text (SEARCH.md): one file is enough
# to show what that costs.
tests/bench/side-by-side.sh "$runs" "one, a regex ($pattern.)" \
    -- "$yuedu" --search "$pattern." --regex --format count "$dest/one" --vs rg -c "$pattern." "$dest/one"

echo
echo "== peak memory (ru_maxrss) of each batch mode against the bytes of the input"
# What a loaded document holds at the least: its text in UTF-16 (every
# shape repeats the same text, so the one file stands for all).
python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
print("the text alone in UTF-16: %.2fx its UTF-8 bytes" % (len(b.decode("utf-8", "replace").encode("utf-16-le")) / max(len(b), 1)))' \
    "$(find "$dest/one" -type f | sed -n 1p)"
peak() { # peak resident KiB of a command, output discarded
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
for shape in one hundred gb; do
    bytes=$(size "$dest/$shape")
    regex="--search $pattern. --regex --format count"
    [ "$shape" = gb ] && regex= # 20 s a run: see the one file
    for mode in "--list" "--outline --format tsv" "--render --width 80" "--search $pattern --format count" \
        "--search $pattern" ${regex:+"$regex"}; do
        # shellcheck disable=SC2086
        kib=$(peak "$yuedu" $mode "$dest/$shape")
        awk -v s="$shape" -v m="$mode" -v k="$kib" -v b="$bytes" \
            'BEGIN { printf "%-8s %-40s %8.1f MiB  %.2fx the input\n", s, m, k / 1024, k * 1024 / b }'
    done
done

echo
echo "== the reader on the folder of $folder_mb MB: incremental search, result list, CPU per key"
tests/bench/reader.sh "$build" "$dest/gb" "$pattern" "$runs"
