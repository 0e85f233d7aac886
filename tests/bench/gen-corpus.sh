#!/usr/bin/env bash
# Generate the benchmark corpus (never committed) from the project's own
# documents: the bundled guide and the fixtures, repeated with a running
# number so that no two files are identical.
#
#   tests/bench/gen-corpus.sh DIR [MEGABYTES]   (default 100)
#
# DIR/utf8/    ~MEGABYTES of UTF-8 in files of about 1 MB
# DIR/gb18030/ ~MEGABYTES/10 of the same text in GB18030
# DIR/big5/    ~MEGABYTES/10 of the Traditional text in Big5
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$1
mb=${2:-100}
if [ -f "$dir/.complete-$mb" ]; then
    exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/utf8" "$dir/gb18030" "$dir/big5"

seed=$(mktemp)
trap 'rm -f "$seed"' EXIT
cat docs/guide/*.txt docs/guide/*.md tests/fixtures/e2e/*.txt >"$seed"
seed_bytes=$(stat -c %s "$seed")
per_file=$((1024 * 1024))
copies=$(( (per_file + seed_bytes - 1) / seed_bytes ))
files=$mb
for ((f = 1; f <= files; f++)); do
    out="$dir/utf8/doc-$f.txt"
    for ((c = 1; c <= copies; c++)); do
        printf '第%d篇 第%d份\n' "$f" "$c"
        cat "$seed"
    done >"$out"
done
# Legacy encodings: the Simplified text in GB18030, the Traditional in Big5.
simp=$(mktemp)
trad=$(mktemp)
trap 'rm -f "$seed" "$simp" "$trad"' EXIT
cat docs/guide/01-*.md docs/guide/04-*.txt >"$simp"
cat docs/guide/02-*.txt >"$trad"
legacy_files=$(( mb / 10 > 0 ? mb / 10 : 1 ))
for ((f = 1; f <= legacy_files; f++)); do
    for ((c = 1; c <= per_file / $(stat -c %s "$simp") + 1; c++)); do cat "$simp"; done |
        iconv -f UTF-8 -t GB18030 >"$dir/gb18030/doc-$f.txt"
    for ((c = 1; c <= per_file / $(stat -c %s "$trad") + 1; c++)); do cat "$trad"; done |
        iconv -f UTF-8 -t BIG5 -c >"$dir/big5/doc-$f.txt"
done
touch "$dir/.complete-$mb"
