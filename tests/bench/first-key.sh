#!/usr/bin/env bash
# The first key after the reader starts on a large folder, timed by its own
# trace (YUEDU_TEST_TRACE with YUEDU_TEST_TRACE_CLOCK, as reader.sh): a
# fresh reader each run; as soon as its preview is drawn (the trace says
# "preview"), j is sent, and the time runs from the clock taken before
# tmux is asked to send it to the screen drawn after it. Also from the
# preview to the walk's end ("walked"). min / median / max of the runs.
# Each run in a fresh home (nothing to resume), or with RESUME=1 in one
# home kept from run to run (the corpus opened again where it was left,
# after a first run that is not counted).
#
#   [RESUME=1] tests/bench/first-key.sh BUILD FOLDER [RUNS]
set -euo pipefail
build=$1 dir=$2 runs=${3:-11}
yuedu=$(cd "$build" && pwd)/yuedu
work=$(mktemp -d)
sock=$work/sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
printf 'set -g status off\n' >"$work/conf"
echo "first key on $dir ($(find "$dir" -type f | wc -l) files), 100x30, $runs runs," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$sock" "$work" "$yuedu" "$dir" "$runs" "${RESUME:-0}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
sock, work, yuedu, folder, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
resume = sys.argv[6] == "1"
trace = os.path.join(work, "trace")

def tmux(*args):
    subprocess.run(["tmux", "-S", sock] + list(args), check=True)

def stamps(event):
    try:
        with open(trace) as f:
            return [float(l.split(" ", 1)[0]) for l in f if l.rstrip("\n").split(" ", 1)[1].startswith(event)]
    except FileNotFoundError:
        return []

def wait_for(event, count=1, after=0.0):
    deadline = time.time() + 60
    while time.time() < deadline:
        got = [t for t in stamps(event) if t >= after]
        if len(got) >= count:
            return got[count - 1]
        time.sleep(0.001)
    sys.exit("first-key.sh: no '%s' in the trace" % event)

# An idle session keeps the server alive between readers: a server that
# ends with each reader may not start again at once.
tmux("-f", os.path.join(work, "conf"), "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "exec sleep 3600")
key_ms, walk_ms = [], []
for run in range(runs + resume):
    home = os.path.join(work, "home")
    if not resume or run == 0:
        shutil.rmtree(home, ignore_errors=True)
        os.makedirs(home)
    if os.path.exists(trace):
        os.remove(trace)
    env = ("env -i PATH=%s HOME=%s XDG_STATE_HOME=%s/state XDG_CONFIG_HOME=%s/config XDG_DATA_HOME=%s/data "
           "XDG_CACHE_HOME=%s/cache LANG=C.UTF-8 TERM=tmux-256color YUEDU_TEST_TRACE=%s YUEDU_TEST_TRACE_CLOCK=1"
           % (os.environ["PATH"], home, home, home, home, home, trace))
    tmux("new-session", "-d", "-s", "k", "-x", "100", "-y", "30", "%s %s %s" % (env, yuedu, folder))
    preview = wait_for("preview")
    sent = time.clock_gettime(time.CLOCK_MONOTONIC) * 1000
    tmux("send-keys", "-t", "k", "j")
    handled = wait_for("key", after=sent)
    drawn = wait_for("drawn", after=handled)
    walked = wait_for("walked")
    if not resume or run > 0:
        key_ms.append(drawn - sent)
        walk_ms.append(walked - preview)
    tmux("send-keys", "-t", "k", "q") # quit: the place saved, as a reader leaves it
    while subprocess.run(["tmux", "-S", sock, "has-session", "-t", "=k"], stderr=subprocess.DEVNULL).returncode == 0:
        time.sleep(0.01) # the reader gone, and its session, before the next starts

def show(what, xs):
    print("  %-40s min %7.1f  median %7.1f  max %7.1f ms" % (what, min(xs), statistics.median(xs), max(xs)))
show("j sent at the preview, to its screen", key_ms)
show("preview drawn, to the walk's end", walk_ms)
PY
