#!/usr/bin/env bash
# CPU per keystroke when scrolling a 50 MB document: the reader runs in
# tmux, keys are sent in bursts, and the CPU time yuedu used is read from
# /proc/PID/schedstat (nanoseconds) before and after each burst.
#
#   tests/bench/keys.sh BUILD
set -euo pipefail
build=$1
work=$(mktemp -d)
sock=$work/sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
cat docs/guide/*.txt docs/guide/*.md >"$work/seed"
doc=$work/big.txt
: >"$doc"
while [ "$(stat -c %s "$doc")" -lt 50000000 ]; do cat "$work/seed" "$work/seed" "$work/seed" "$work/seed" >>"$doc"; done
printf 'set -g status off\n' >"$work/conf"
tmux -S "$sock" -f "$work/conf" new-session -d -s b -x 120 -y 40 \
    "env LANG=C.UTF-8 TERM=tmux-256color $build/yuedu $doc"
until tmux -S "$sock" capture-pane -p -t b | grep -q 'line 1/'; do sleep 0.05; done
pid=$(pgrep -n -f -- "$build/yuedu $doc")
sleep 0.5 # indexing done
cpu() { cut -d' ' -f1 "/proc/$pid/schedstat"; }
settle() { # until the status line stops changing
    local a b
    a=$(tmux -S "$sock" capture-pane -p -t b | tail -n 2)
    while sleep 0.2; b=$(tmux -S "$sock" capture-pane -p -t b | tail -n 2); [ "$a" != "$b" ]; do a=$b; done
}
size=$(stat -c %s "$doc")
printf 'CPU per keystroke, one %.0f MB document, 120x40 terminal:\n' "$(echo "$size / 1000000" | bc -l)"
for spec in "j 2000 line down" "Space 1000 page down" "b 1000 page up" "k 2000 line up" "] 1000 next heading"; do
    set -- $spec
    key=$1 n=$2
    shift 2
    before=$(cpu)
    tmux -S "$sock" send-keys -t b -N "$n" "$key"
    settle
    after=$(cpu)
    awk -v d=$((after - before)) -v n="$n" -v what="$*" \
        'BEGIN { printf "  %-14s %6d keys  %7.3f ms CPU per key\n", what, n, d / n / 1e6 }'
done
