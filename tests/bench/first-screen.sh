#!/usr/bin/env bash
# Time to first screen, yuedu against less, both in tmux in the same run:
# start the program in a fresh tmux window and poll the pane until the first
# line of the first document is on screen. Polling and tmux's own start are
# the same for both, so the ratio is fair; the median of N runs is reported.
#
#   tests/bench/first-screen.sh BUILD CORPUS_DIR [RUNS]
set -euo pipefail
build=$1
dir=$2
runs=${3:-9}
files=("$dir"/*)
# less gets the same files in yuedu's (natural) order.
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -V)
marker=$(head -n 1 "${files[0]}" | cut -c1-6)
work=$(mktemp -d)
sock=$work/sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
printf 'set -g status off\nset -g escape-time 0\n' >"$work/conf"
tmux -S "$sock" -f "$work/conf" new-session -d -s idle -x 80 -y 24

now_ns() { date +%s%N; }

# time_one NAME COMMAND...: milliseconds until the marker shows.
time_one() {
    local name=$1 start end
    shift
    start=$(now_ns)
    tmux -S "$sock" new-window -d -t idle -n "$name" "env LANG=C.UTF-8 TERM=tmux-256color $*"
    # A short pause between polls, so that polling does not take the CPU
    # the program under test needs (we have two cores).
    local deadline=$((SECONDS + 20))
    until tmux -S "$sock" capture-pane -p -t "idle:$name" 2>/dev/null | grep -qF -- "$marker"; do
        [ "$SECONDS" -lt "$deadline" ] || { echo "first-screen: $name never showed its first screen" >&2; exit 1; }
        sleep 0.002
    done
    end=$(now_ns)
    tmux -S "$sock" kill-window -t "idle:$name"
    echo $(((end - start) / 1000))
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -a ys ls
for ((r = 0; r < runs; r++)); do
    ys+=("$(time_one y "$build/yuedu" "$dir")")
    ls+=("$(time_one l less "${files[@]}")")
done
y=$(printf '%s\n' "${ys[@]}" | median)
l=$(printf '%s\n' "${ls[@]}" | median)
bytes=$(cat "${files[@]}" | wc -c)
awk -v y="$y" -v l="$l" -v b="$bytes" -v n="${#files[@]}" 'BEGIN {
    printf "first screen, %d files, %.0f MB, median of runs (includes tmux start and polling):\n", n, b / 1e6
    printf "  yuedu %6.1f ms\n  less  %6.1f ms\n  ratio %.2f (target <= 1.5)\n", y / 1000, l / 1000, y / l
}'
