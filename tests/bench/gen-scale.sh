#!/usr/bin/env bash
# The shapes of input of the scale benchmark, made once from a source
# folder (../shared/corpus-real, or the generated corpus) by repeating its
# files end to end; never committed (tests/bench/scale-* is ignored):
#   DEST/one/corpus.txt   one file of MB megabytes
#   DEST/hundred/         100 files of MB/100 megabytes
#   DEST/gb/              10 files of FOLDER_MB/10 megabytes (1 GB by default)
#   DEST/small/           SMALL files of two lines (100 000)
#
#   tests/bench/gen-scale.sh SOURCE DEST [MB] [FOLDER_MB] [SMALL]
set -euo pipefail
src=$1 dest=$2 mb=${3:-100} folder_mb=${4:-1000} small=${5:-100000}
mkdir -p "$dest"
stamp="$dest/.made-utf8-$mb-$folder_mb-$small"
[ -e "$stamp" ] && exit 0
rm -rf "$dest/one" "$dest/hundred" "$dest/gb" "$dest/small"
mkdir -p "$dest/one" "$dest/hundred" "$dest/gb" "$dest/small"
# One pass of the source, its text files in name order.
seed=$(mktemp)
trap 'rm -f "$seed"' EXIT
rm -f "$dest"/.made-*
# Every file in UTF-8 without a byte order mark (corpus-real has GB18030
# novels: bytes of two encodings in one file would be a hostile corpus,
# not a large one).
find "$src" -maxdepth 2 -type f \( -name '*.txt' -o -name '*.md' \) -print0 | sort -z |
    while IFS= read -r -d '' f; do
        if iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
            sed '1s/^\xEF\xBB\xBF//' "$f"
        else
            iconv -f GB18030 -t UTF-8 "$f"
        fi
    done >"$seed"
[ -s "$seed" ] || { echo "gen-scale: no .txt or .md under $src" >&2; exit 1; }
# repeat BYTES FILE: the seed end to end until BYTES, cut at a line end.
repeat() {
    local want=$1 out=$2
    : >"$out"
    while [ "$(stat -c %s "$out")" -lt "$want" ]; do cat "$seed" >>"$out"; done
    head -c "$want" "$out" | sed '$d' >"$out.cut" # no line cut in the middle
    mv "$out.cut" "$out"
}
repeat $((mb * 1000000)) "$dest/one/corpus.txt"
repeat $((mb * 10000)) "$dest/hundred/001.txt"
for k in $(seq -w 2 100); do cp "$dest/hundred/001.txt" "$dest/hundred/$k.txt"; done
repeat $((folder_mb * 100000)) "$dest/gb/01.txt"
for k in $(seq -w 2 10); do cp "$dest/gb/01.txt" "$dest/gb/$k.txt"; done
# Small files, all in one folder: the seed's first two lines each.
two=$(head -n 2 "$seed")
for k in $(seq -f %06g 1 "$small"); do printf '%s\n' "$two" >"$dest/small/$k.txt"; done
touch "$stamp"
