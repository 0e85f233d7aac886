#!/usr/bin/env bash
# The reader on a large folder, timed by its own trace (YUEDU_TEST_TRACE
# with YUEDU_TEST_TRACE_CLOCK: every key, every draw after a key and every
# step of a search is stamped with the monotonic clock inside the
# process; tmux only delivers the keys):
#   typing        from a character of the pattern sent (the monotonic
#                 clock of this script, the same clock, taken before tmux is
#                 asked to send it) to the screen drawn with it: the search
#                 of the pattern so far, still running, must not hold it
#   first hit     from the last character read to the first hit shown
#   count         from the last character read to every document searched
#   result list   from & read to the list drawn
# then the CPU time per key of scrolling and of ] (from /proc/PID/schedstat
# around bursts of keys, as keys.sh does), and the peak resident memory
# (VmHWM) once loaded and again at the end.
#
#   tests/bench/reader.sh BUILD FOLDER PATTERN [RUNS]
set -euo pipefail
build=$1 dir=$2 pattern=$3 runs=${4:-11}
yuedu=$(cd "$build" && pwd)/yuedu
work=$(mktemp -d)
sock=$work/sock
pid=
# The reader saves its place as it ends: wait for it before removing its home.
finish() {
    tmux -S "$sock" kill-server 2>/dev/null
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    rm -rf "$work"
}
trap finish EXIT
mkdir -p "$work/home"
printf 'set -g status off\n' >"$work/conf"
tmux -S "$sock" -f "$work/conf" new-session -d -s b -x 120 -y 40 \
    "env -i PATH=$PATH HOME=$work/home XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config \
     XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache LANG=C.UTF-8 TERM=tmux-256color \
     YUEDU_TEST_SYNC=$work/sync YUEDU_TEST_TRACE=$work/trace YUEDU_TEST_TRACE_CLOCK=1 $yuedu $dir"
# Setting up only (not timed): every document loaded.
status() { tmux -S "$sock" capture-pane -p -t b | tail -n 2; }
until status | grep -q '\[1/[0-9]*\] line 1/' && ! status | grep -q loading; do sleep 0.1; done
pid=$(pgrep -n -f -- "$yuedu $dir")
echo "reader on $dir ($(du -sh "$dir" | cut -f1)), 120x40, pattern $pattern, $runs runs," \
    "resident $(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status")" \
    "(peak $(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status"))"

python3 - "$sock" "$work/trace" "$pattern" "$runs" "$pid" <<'PY'
import statistics, subprocess, sys, time
sock, trace, pattern, runs, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]

def keys(*k, literal=False):
    subprocess.run(["tmux", "-S", sock, "send-keys", "-t", "b"] + (["-l"] if literal else []) + list(k), check=True)

def lines():
    with open(trace) as f:
        return [l.rstrip("\n").split(" ", 1) for l in f]

def wait_for(event, after, count=1):
    """The stamps of the first `count` lines `event` after line `after`."""
    deadline = time.time() + 120
    while time.time() < deadline:
        got = [(i, float(t)) for i, (t, e) in enumerate(lines()) if i >= after and e.startswith(event)]
        if len(got) >= count:
            return got[:count]
        time.sleep(0.005)
    sys.exit("reader.sh: no '%s' in the trace" % event)

typing, first, count, listing = [], [], [], []
for run in range(runs):
    mark = len(lines())
    keys("/")
    wait_for("drawn", mark)
    for ch in pattern:
        mark = len(lines())
        sent = time.clock_gettime(time.CLOCK_MONOTONIC) * 1000
        keys(ch, literal=True)
        (ki, kt), = wait_for("key", mark)
        (_, dt), = wait_for("drawn", ki)
        typing.append(dt - sent)
    (_, ft), = wait_for("search first hit", ki)
    (_, ct), = wait_for("search done", ki)
    first.append(ft - kt)
    count.append(ct - kt)
    mark = len(lines())
    keys("Enter")
    wait_for("drawn", mark)
    mark = len(lines())
    keys("&")
    (ki, kt), = wait_for("key", mark)
    (_, dt), = wait_for("drawn", ki)
    listing.append(dt - kt)
    mark = len(lines())
    keys("Escape")
    wait_for("drawn", mark)

def show(what, xs, goal):
    print("  %-44s min %8.1f  median %8.1f  max %8.1f ms   (first run %.1f; goal %s)"
          % (what, min(xs), statistics.median(xs), max(xs), xs[0], goal))
show("a character sent, to the screen with it", typing, "never waits")
show("first hit, from the last character", first, "<= 50 ms")
show("every document counted, from the last character", count, "<= 1 s")
show("& to the result list drawn", listing, "<= 200 ms")

def cpu():
    with open("/proc/%s/schedstat" % pid) as f:
        return int(f.read().split()[0])

def burst(key, n):
    mark = len(lines())
    before = cpu()
    keys("-N", str(n), key)
    wait_for("drawn", mark, 1)
    # every key handled: the sync file's count grows to the keys sent
    deadline = time.time() + 120
    while sum(1 for _, e in lines()[mark:] if e == "key") < n and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    return (cpu() - before) / n / 1e6

print("  CPU per key (goal: < 1 ms to scroll, < 5 ms for ]):")
keys("g")
for key, n, what in (("j", 2000, "line down"), ("Space", 1000, "page down"), ("b", 1000, "page up"),
                     ("k", 2000, "line up"), ("]", 1000, "next heading")):
    print("    %-14s %6d keys  %7.3f ms CPU per key" % (what, n, burst(key, n)))
PY
# The peak of the whole session: loading, the searches and their lists.
echo "  peak resident after the searches: $(awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status")," \
    "$(du -sb "$dir" | awk '{ printf "%.0f MiB", $1 / 1048576 }') of files"
