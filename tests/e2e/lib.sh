# End-to-end test library: run the real yuedu in a real terminal (a private
# tmux server), send keys, and compare what the terminal shows with an
# expected screen, the way tig's test suite does. Sourced by tests/e2e/*.test;
# run through tests/run-tests.sh, which sets YUEDU to the binary under test.
#
#   . "$(dirname "$0")/lib.sh"
#   e2e_start 40x10 tests/fixtures/e2e/lines.txt   # COLSxROWS, then yuedu's arguments
#   e2e_keys j j Space                               # tmux send-keys syntax
#   e2e_expect <<'SCREEN'                            # the whole screen, trailing blanks ignored
#   ...
#   SCREEN
#   e2e_quit                                         # q, then the shell prompt shows "[exit 0]"
#   e2e_done                                         # exit status: 0 when every check passed
#
# A check polls the terminal until it shows the expected screen or the time
# runs out (E2E_TIMEOUT seconds; sanitizer builds start slowly), then prints
# a unified diff. Failures do not stop the script: every check reports.
set -u

: "${YUEDU:?YUEDU must name the yuedu binary under test}"
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURES=$E2E_ROOT/tests/fixtures
E2E_TIMEOUT=${E2E_TIMEOUT:-15}
E2E_WORK=$(mktemp -d /tmp/yuedu-e2e.XXXXXX)
E2E_NAME=$(basename "$0" .test)
e2e_failures=0
e2e_checks=0

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 77; }

e2e_tmux() { tmux -S "$E2E_WORK/tmux.sock" -f "$E2E_WORK/tmux.conf" "$@"; }

# An idle session keeps the private tmux server alive between readers: when
# its last session closes the server exits, and a session started at that
# moment fails ("server exited unexpectedly").
e2e_keep_server() {
    e2e_tmux has-session -t keep 2>/dev/null || e2e_tmux new-session -d -s keep -x 20 -y 5 "exec sleep 3600"
}

e2e_cleanup() {
    e2e_tmux kill-server >/dev/null 2>&1
    rm -rf "$E2E_WORK"
}
trap e2e_cleanup EXIT

cat >"$E2E_WORK/tmux.conf" <<'CONF'
set -g status off
set -g escape-time 0
set -g default-terminal tmux-256color
set -g history-limit 0
CONF

# The environment yuedu runs in: no user configuration, private XDG folders.
e2e_env() {
    printf '%s\n' "PATH=$PATH" "HOME=$E2E_WORK/home" "LANG=C.UTF-8" "LC_ALL=C.UTF-8" \
        "TERM=${E2E_TERM:-tmux-256color}" "XDG_CONFIG_HOME=$E2E_WORK/config" \
        "XDG_DATA_HOME=$E2E_WORK/data" "XDG_STATE_HOME=$E2E_WORK/state" \
        "ASAN_OPTIONS=${ASAN_OPTIONS:-}" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}" "LSAN_OPTIONS=${LSAN_OPTIONS:-}"
}

# e2e_start COLSxROWS [ARG...]: start yuedu ARG... in a terminal of that size.
# When yuedu exits, the pane stays and shows "[exit N]" on a cleared line.
e2e_start() {
    local size=$1
    shift
    e2e_start_command "$size" "$(e2e_command "$@")"
}

# The command line that runs yuedu ARG... in the test environment.
e2e_command() {
    printf 'cd %q && env -i' "$E2E_ROOT"
    while IFS= read -r kv; do printf ' %q' "$kv"; done < <(e2e_env)
    printf ' %q' "$YUEDU" "$@"
}

# e2e_start_command COLSxROWS COMMAND: run a shell command line in the
# terminal instead (e.g. yuedu through ssh); "[exit N]" follows it.
e2e_start_command() {
    local size=$1
    mkdir -p "$E2E_WORK/home"
    {
        echo '#!/bin/sh'
        printf 'exec 2>>%q\n' "$E2E_WORK/stderr"
        printf '%s\n' "$2"
        printf 'echo "[exit $?]"\nexec sleep 600\n'
    } >"$E2E_WORK/run.sh"
    chmod +x "$E2E_WORK/run.sh"
    e2e_keep_server
    e2e_tmux kill-session -t e2e >/dev/null 2>&1
    e2e_tmux new-session -d -s e2e -x "${size%x*}" -y "${size#*x}" "$E2E_WORK/run.sh"
}

# e2e_start_in_shell COLSxROWS [ARG...]: the same, typed into an interactive
# bash with job control, so that Ctrl-Z and fg work as they do for a user.
e2e_start_in_shell() {
    local size=$1
    shift
    mkdir -p "$E2E_WORK/home"
    # A script, so that the whole job stops and "[exit N]" comes after fg.
    {
        echo '#!/bin/sh'
        printf 'cd %q || exit 1\n' "$E2E_ROOT"
        printf 'env -i'
        while IFS= read -r kv; do printf ' %q' "$kv"; done < <(e2e_env)
        printf ' %q' "$YUEDU" "$@"
        printf ' 2>>%q\necho "[exit $?]"\n' "$E2E_WORK/stderr"
    } >"$E2E_WORK/yd"
    chmod +x "$E2E_WORK/yd"
    e2e_keep_server
    e2e_tmux kill-session -t e2e >/dev/null 2>&1
    e2e_tmux new-session -d -s e2e -x "${size%x*}" -y "${size#*x}" \
        "env -i PATH=$PATH TERM=tmux-256color PS1='$ ' bash --norc --noprofile -i"
    e2e_tmux send-keys -t e2e -l "$E2E_WORK/yd"
    e2e_tmux send-keys -t e2e Enter
}

e2e_keys() { e2e_tmux send-keys -t e2e "$@"; }

# The screen as text, trailing blanks and blank lines removed.
e2e_screen() {
    e2e_tmux capture-pane -p -t e2e | sed -e 's/[[:space:]]*$//' | sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}'
}

e2e_fail() {
    echo "FAIL [$E2E_NAME] $*"
    e2e_failures=$((e2e_failures + 1))
}

# e2e_expect [LABEL] < SCREEN: wait until the screen equals SCREEN.
e2e_expect() {
    local label=${1:-screen $((e2e_checks + 1))} want got deadline
    want=$(sed -e 's/[[:space:]]*$//' | sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}')
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(e2e_screen)
        [ "$got" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.05
    done
    e2e_fail "$label: the screen differs (- expected, + actual)"
    diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") | tail -n +3
    return 1
}

# e2e_expect_line N TEXT: wait until screen line N (1-based) equals TEXT.
e2e_expect_line() {
    local n=$1 want=$2 got deadline
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(e2e_screen | sed -n "${n}p")
        [ "$got" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.05
    done
    e2e_fail "line $n: expected '$want', got '$got'"
    return 1
}

# e2e_expect_contains TEXT: wait until TEXT appears somewhere on the screen.
e2e_expect_contains() {
    local want=$1 deadline
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        e2e_screen | grep -qF -- "$want" && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.05
    done
    e2e_fail "'$want' never appeared; the screen was:"
    e2e_screen
    return 1
}

# The pid of yuedu inside this test's terminal (for signal tests): the
# child of the pane's shell, so that tests running side by side never
# signal each other's reader.
e2e_pid() { pgrep -n -P "$(e2e_tmux display-message -p -t e2e '#{pane_pid}')"; }

# e2e_quit [KEY] [STATUS]: press KEY (q) and expect yuedu to exit with STATUS
# (0), leaving a restored terminal with the shell's "[exit N]" line.
e2e_quit() {
    local key=${1:-q} status=${2:-0}
    e2e_keys "$key"
    e2e_expect_contains "[exit $status]"
}

# Sanitizer reports and unexpected messages land in the captured stderr.
e2e_stderr() { cat "$E2E_WORK/stderr" 2>/dev/null; }

e2e_done() {
    if grep -qE 'Sanitizer|runtime error:' "$E2E_WORK/stderr" 2>/dev/null; then
        e2e_fail "sanitizer report on stderr:"
        cat "$E2E_WORK/stderr"
    fi
    echo "[$E2E_NAME] $e2e_checks checks, $e2e_failures failed"
    [ "$e2e_failures" -eq 0 ]
    exit
}

# e2e_same LABEL ACTUAL < EXPECTED: compare a batch command's output.
e2e_same() {
    local label=$1 got=$2 want
    want=$(cat)
    e2e_checks=$((e2e_checks + 1))
    [ "$got" = "$want" ] && return 0
    e2e_fail "$label differs (- expected, + actual)"
    diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") | tail -n +3
    return 1
}

# e2e_status LABEL WANT GOT: compare exit statuses.
e2e_status() {
    e2e_checks=$((e2e_checks + 1))
    [ "$2" = "$3" ] && return 0
    e2e_fail "$1: exit status $3, expected $2"
    return 1
}

# e2e_divider_at COL: on every pane row of the screen (all but the status
# and prompt lines) the divider │ stands at display column COL (0-based):
# wide characters never push it out of place.
e2e_divider_at() {
    local col=$1 deadline problem
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        problem=$(e2e_divider_problem "$col")
        [ -z "$problem" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.05
    done
    e2e_fail "the divider is not at column $col: $problem"
    return 1
}

e2e_divider_problem() {
    local col=$1 rows n=0 line before
    rows=$(($(e2e_tmux display-message -p -t e2e '#{pane_height}') - 2))
    while IFS= read -r line; do
        n=$((n + 1))
        [ "$n" -gt "$rows" ] && break
        before=${line%%│*}
        if [ "$before" = "$line" ] || [ "$(printf '%s' "$before" | LC_ALL=C.UTF-8 wc -L)" -ne "$col" ]; then
            echo "row $n: '$line'"
            return
        fi
    done < <(e2e_tmux capture-pane -p -t e2e)
}
