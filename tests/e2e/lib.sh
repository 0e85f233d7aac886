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
#
# Keys are synchronised: the reader runs with YUEDU_TEST_SYNC (test_sync.h)
# and reports how many keys it has handled and drawn; e2e_keys returns only
# when it has handled the keys sent. The first check after e2e_keys must
# expect something the screen did not show before the keys (else it could
# pass without them: a mistake in the test, reported as a failure);
# e2e_unchanged says on purpose that a key changes nothing.
set -u
# Screens are compared and characters counted in one locale, whatever the
# caller's.
export LC_ALL=C.UTF-8
# ... and in English: a test of the translations sets E2E_LANGUAGE.
unset LANGUAGE LC_MESSAGES

: "${YUEDU:?YUEDU must name the yuedu binary under test}"
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURES=$E2E_ROOT/tests/fixtures
E2E_TIMEOUT=${E2E_TIMEOUT:-15}
# The sweep mode (tests/e2e/untranslated-sweep.test): E2E_SCREENS names a
# folder, E2E_LANGUAGE a language. Every screen the test captures is saved
# there (once per content), with the words of what the reader was given to
# show (documents, configuration, the keys typed), and a check whose English
# screen never comes gives up once the screen has stopped changing instead
# of waiting E2E_TIMEOUT: the test's verdict means nothing in this mode,
# only its screens count.
if [ -n "${E2E_SCREENS:-}" ]; then
    E2E_TIMEOUT=3
    E2E_SWEEP_SETTLE_US=300000
fi
E2E_WORK=$(mktemp -d /tmp/yuedu-e2e.XXXXXX)
E2E_NAME=$(basename "$0" .test)
E2E_SYNC=$E2E_WORK/sync
e2e_failures=0
e2e_checks=0

# e2e_skip REASON: something the script needs is missing (tmux, python3,
# ../shared, valgrind): exit 77, counted as skipped, on a developer's
# partial machine; under CI=true a failure, since CI must run everything.
e2e_skip() {
    if [ "${CI:-}" = true ]; then
        echo "FAIL [$E2E_NAME] $*; CI=true, so this cannot be skipped"
        exit 1
    fi
    echo "$*: skipped"
    exit 77
}

# e2e_not_applicable REASON: the script cannot apply to this build (valgrind
# cannot run a sanitizer build): exit 78, counted apart, never a failure.
e2e_not_applicable() {
    echo "$*"
    exit 78
}

# e2e_drop REASON: one case of the script cannot run on this machine (a
# locale's sources missing): a DROP line that run-tests.sh counts; under
# CI=true a failure.
e2e_drop() {
    if [ "${CI:-}" = true ]; then
        e2e_fail "$*; CI=true, so this case cannot be dropped"
        return
    fi
    echo "DROP [$E2E_NAME] $*"
}

command -v tmux >/dev/null || e2e_skip "tmux is not installed"

e2e_tmux() {
    if [ -n "${E2E_SCREENS:-}" ]; then
        case ${1:-} in
        capture-pane | kill-server) e2e_sweep_save ;;
        send-keys) e2e_sweep_typed "${@:2}" ;;
        kill-session | new-session) [[ " $* " == *" -t e2e "* || " $* " == *" -s e2e "* ]] && e2e_sweep_save ;;
        esac
    fi
    tmux -S "$E2E_WORK/tmux.sock" -f "$E2E_WORK/tmux.conf" "$@"
}

# e2e_sweep_save: in the sweep mode, keep the screen in E2E_SCREENS as
# NAME.CHECKSUM.screen (a file per content: captures made in a subshell,
# $(e2e_screen), keep no count).
e2e_sweep_save() { e2e_screen >/dev/null 2>&1; }
e2e_sweep_keep() {
    local sum
    [[ $1 == *[![:space:]]* ]] || return 0
    sum=$(printf '%s\n' "$1" | cksum)
    sum=${sum%% *}
    [ -e "$E2E_SCREENS/$E2E_NAME.$sum.screen" ] || printf '%s\n' "$1" >"$E2E_SCREENS/$E2E_NAME.$sum.screen"
}

# The English words of the text on stdin, one a line, as the screen shows
# them: a flag's regional indicators (🇨🇳) as the letters tmux shows (CN),
# a letter's combining accents left out (a pane may drop them), and the \n
# and \t of printf formats apart from the word they precede.
e2e_sweep_grep_words() {
    perl -pe 's/\xF0\x9F\x87([\xA6-\xBF])/chr(ord($1) - 0xA6 + 65)/ge; s/\xCC[\x80-\xBF]|\xCD[\x80-\xAF]//g; s/\\[nt]/ /g' |
        grep -oaE '[A-Za-z]+' | LC_ALL=C sort -u
}

# e2e_sweep_words FILE...: in the sweep mode, add the English words of
# FILE... (documents, folders of them, configuration) to this test's
# NAME.words: text the reader shows as it is, not its own.
# With no document among them, the reader opens the bundled guide.
e2e_sweep_words() {
    local f given=0 paths=()
    [ -n "${E2E_SCREENS:-}" ] || return 0
    for f; do
        [ -e "$f" ] || f=$E2E_ROOT/$f
        [[ -e $f && $f != /dev/* && $f != /proc/* && $f != */ ]] || continue
        [[ $f == "$YUEDU" || -x $f && -f $f ]] && continue
        given=1
        [[ $f == "$E2E_WORK"/* ]] || paths+=("$f") # else e2e_sweep_work_words reads it
    done
    [ "$given" -eq 0 ] && paths=("$E2E_ROOT/docs/guide")
    [ "${#paths[@]}" -gt 0 ] || return 0
    {
        find "${paths[@]}" -type f -exec cat {} +
        find "${paths[@]}" # file names, in the status line and lists
    } 2>/dev/null | e2e_sweep_grep_words >>"$E2E_SCREENS/$E2E_NAME.words"
}

# e2e_sweep_typed KEY...: in the sweep mode, add the characters of keys
# sent (a search, a file name typed at a prompt, or keys a shell echoes) to
# NAME.typed, one stream of them between key names: any piece of it may
# show, as edited at a prompt.
e2e_sweep_typed() {
    local a text=
    [ -n "${E2E_SCREENS:-}" ] || return 0
    for a; do
        case $a in
        -l | -t | e2e) ;;
        ?) text+=$a ;;
        M-? | C-? | M-BSpace | C-Space | Enter | Escape | Space | Tab | BTab | BSpace | Up | Down | Left | Right | Home | End | \
            PageUp | PageDown | PgUp | PgDn | PPage | NPage | DC | IC | F[0-9] | F1[0-2]) text+=$'\n' ;;
        *) text+=$a ;;
        esac
    done
    printf '%s' "$text" >>"$E2E_SCREENS/$E2E_NAME.typed"
}

# e2e_sweep_settled SCREEN: in the sweep mode, true once the screen has
# been SCREEN for E2E_SWEEP_SETTLE_US microseconds (a check polls it).
e2e_sweep_settled() {
    local now
    [ -n "${E2E_SCREENS:-}" ] && [[ $1 == *[![:space:]]* ]] || return 1
    now=${EPOCHREALTIME/./}
    if [ "${E2E_SWEEP_LAST-}" != "$1" ]; then
        E2E_SWEEP_LAST=$1 E2E_SWEEP_SINCE=$now
        return 1
    fi
    [ $((now - E2E_SWEEP_SINCE)) -ge "$E2E_SWEEP_SETTLE_US" ]
}

# An idle session keeps the private tmux server alive between readers: when
# its last session closes the server exits, and a session started at that
# moment fails ("server exited unexpectedly").
e2e_keep_server() {
    e2e_tmux has-session -t keep 2>/dev/null || e2e_tmux new-session -d -s keep -x 20 -y 5 "exec sleep 3600"
}

# The files the test wrote (documents, configuration) are text the reader
# shows as it is, and so is the command line e2e_start_in_shell types; not
# the harness's files nor the reader's own state and cache (the fold
# tables' cache, binary, holds every short run of letters: IN, it, of).
# Read at each start and at the end: a test may write a file again between
# readers.
e2e_sweep_work_words() {
    local stamp=$E2E_SCREENS/$E2E_NAME.stamp newer=()
    [ -e "$stamp" ] && newer=(-newer "$stamp") # read once, again when written again
    touch "$stamp.next"
    {
        echo "$E2E_WORK/yd"
        # links too: a link's name shows as a file's does (a walk's notice)
        find "$E2E_WORK" \( -path "$E2E_WORK/state" -o -path "$E2E_WORK/data" -o -path "$E2E_WORK/home/.cache" \) -prune -o \( -type f -o -type l \) "${newer[@]}" \
            ! -name 'tmux.*' ! -name run.sh ! -name yd ! -name stderr ! -name sync ! -name trace \
            -print -exec cat {} + 2>/dev/null
    } | e2e_sweep_grep_words >>"$E2E_SCREENS/$E2E_NAME.words"
    mv "$stamp.next" "$stamp"
}

e2e_cleanup() {
    [ -n "${E2E_SCREENS:-}" ] && e2e_sweep_work_words
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
    printf '%s\n' "PATH=$PATH" "HOME=$E2E_WORK/home" "LANG=C.UTF-8" "LC_ALL=C.UTF-8" "LANGUAGE=${E2E_LANGUAGE:-}" \
        "TERM=${E2E_TERM:-tmux-256color}" "XDG_CONFIG_HOME=$E2E_WORK/config" \
        "XDG_DATA_HOME=$E2E_WORK/data" "XDG_STATE_HOME=$E2E_WORK/state" \
        "YUEDU_TEST_SYNC=$E2E_SYNC" "YUEDU_TEST_TRACE=$E2E_WORK/trace" "YUEDU_TEST_HOLD=$E2E_WORK/hold" "ASAN_OPTIONS=${ASAN_OPTIONS:-}" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}" "LSAN_OPTIONS=${LSAN_OPTIONS:-}"
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
    e2e_sweep_words "$@"
    printf 'cd %q && env -i' "$E2E_ROOT"
    while IFS= read -r kv; do printf ' %q' "$kv"; done < <(e2e_env)
    printf ' %q' "$YUEDU" "$@"
}

# e2e_start_command COLSxROWS COMMAND: run a shell command line in the
# terminal instead (e.g. yuedu through ssh); "[exit N]" follows it.
e2e_start_command() {
    local size=$1
    mkdir -p "$E2E_WORK/home"
    e2e_sync_reset
    {
        echo '#!/bin/sh'
        printf 'exec 2>>%q\n' "$E2E_WORK/stderr"
        printf '%s\n' "$2"
        printf 'echo "[exit $?]"\nexec sleep 600\n'
    } >"$E2E_WORK/run.sh"
    chmod +x "$E2E_WORK/run.sh"
    e2e_keep_server
    [ -n "${E2E_SCREENS:-}" ] && e2e_sweep_work_words
    e2e_tmux kill-session -t e2e >/dev/null 2>&1
    e2e_tmux new-session -d -s e2e -x "${size%x*}" -y "${size#*x}" "$E2E_WORK/run.sh"
}

# e2e_start_in_shell COLSxROWS [ARG...]: the same, typed into an interactive
# bash with job control, so that Ctrl-Z and fg work as they do for a user.
e2e_start_in_shell() {
    local size=$1
    shift
    mkdir -p "$E2E_WORK/home"
    e2e_sync_reset
    # A script, so that the whole job stops and "[exit N]" comes after fg.
    {
        echo '#!/bin/sh'
        printf 'cd %q || exit 1\n' "$E2E_ROOT"
        e2e_sweep_words "$@"
        printf 'env -i'
        while IFS= read -r kv; do printf ' %q' "$kv"; done < <(e2e_env)
        printf ' %q' "$YUEDU" "$@"
        printf ' 2>>%q\necho "[exit $?]"\n' "$E2E_WORK/stderr"
    } >"$E2E_WORK/yd"
    chmod +x "$E2E_WORK/yd"
    e2e_keep_server
    [ -n "${E2E_SCREENS:-}" ] && e2e_sweep_work_words
    e2e_tmux kill-session -t e2e >/dev/null 2>&1
    e2e_tmux new-session -d -s e2e -x "${size%x*}" -y "${size#*x}" \
        "env -i PATH=$PATH TERM=tmux-256color PS1='$ ' bash --norc --noprofile -i"
    e2e_tmux send-keys -t e2e -l "$E2E_WORK/yd"
    e2e_tmux send-keys -t e2e Enter
}

# The sync file, empty for each new reader; writable by a reader running
# as nobody.
e2e_sync_reset() {
    : >"$E2E_SYNC"
    : >"$E2E_WORK/trace"
    chmod 666 "$E2E_SYNC" "$E2E_WORK/trace"
    E2E_SYNC_FIRST=1
}

# The reader's trace (YUEDU_TEST_TRACE, test_sync.h): events the screen
# does not show, one per line, such as "search 12" (a search of a
# 12-character pattern began) and "search cancelled".
e2e_trace() { cat "$E2E_WORK/trace"; }

# e2e_trace_wait LINE: wait until the trace has LINE (a key sent raw, not
# through e2e_keys, has started something the test must catch in flight).
e2e_trace_wait() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    until grep -qxF -- "$1" "$E2E_WORK/trace"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            e2e_fail "the trace never showed '$1'"
            return 1
        fi
        sleep 0.01
    done
}

# Before the first keys to a new reader: its first report comes after its
# first frame (a preview may come before it), so wait for it, once; a
# command that is no reader (a shell, a refusal) never reports.
e2e_sync_first() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    [ "${E2E_SYNC_FIRST:-0}" -eq 1 ] || return 0
    E2E_SYNC_FIRST=0
    while [ ! -s "$E2E_SYNC" ] && [ "$SECONDS" -lt "$deadline" ]; do
        e2e_tmux capture-pane -p -t e2e | grep -q '^\[exit [0-9]*\]' && return 0
        sleep 0.02
    done
}

# "PID N": the reader's last report (N keys handled), when that reader is
# running and not stopped; nothing (status 1) otherwise.
e2e_sync_state() {
    local line state
    [ -s "$E2E_SYNC" ] || return 1
    line=$(tail -n 1 "$E2E_SYNC")
    state=$(sed -e 's/.*) //' -e 's/ .*//' "/proc/${line%% *}/stat" 2>/dev/null) || return 1
    [[ $state == [RSDI] ]] || return 1 # stopped (Ctrl-Z), a zombie, gone
    echo "$line"
}

# How many keys curses reads for tmux send-keys ARG...: a key name is one,
# M-x is two (Esc, x), any other word one per character. E2E_KEY_COUNT
# overrides (a mouse report sent with -l is one key).
e2e_key_count() {
    local n=0 literal=0 a
    for a; do
        if [ "$a" = -l ]; then
            literal=1
        elif [ "$literal" -eq 1 ] || [ "${#a}" -eq 1 ]; then
            n=$((n + ${#a}))
        else
            case $a in
            M-?|M-BSpace) n=$((n + 2)) ;;
            C-?|C-Space|Enter|Escape|Space|Tab|BTab|BSpace|Up|Down|Left|Right|Home|End|PageUp|PageDown|PgUp|PgDn|PPage|NPage|DC|IC|F[0-9]|F1[0-2])
                n=$((n + 1)) ;;
            *) n=$((n + ${#a})) ;;
            esac
        fi
    done
    echo "${E2E_KEY_COUNT:-$n}"
}

# e2e_keys KEY...: send keys (tmux send-keys syntax) and, when the reader is
# synchronised, return once it has handled them all and drawn the result
# (or stopped, or exited). The screen before them is kept for the check
# that follows.
e2e_keys() {
    local state pid n0 want deadline
    E2E_BEFORE=$(e2e_screen)
    E2E_SWEEP_LAST=
    E2E_GUARD=1
    E2E_SYNCED=0
    e2e_sync_first
    if ! state=$(e2e_sync_state); then
        e2e_tmux send-keys -t e2e "$@"
        return
    fi
    pid=${state%% *} n0=${state#* }
    want=$((n0 + $(e2e_key_count "$@")))
    e2e_tmux send-keys -t e2e "$@"
    deadline=$((SECONDS + E2E_TIMEOUT))
    while state=$(e2e_sync_state) && [ "${state%% *}" = "$pid" ]; do
        if [ "${state#* }" -ge "$want" ]; then
            E2E_SYNCED=1
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            e2e_fail "keys '$*': the reader handled $((${state#* } - n0)) of $((want - n0)) keys in ${E2E_TIMEOUT}s"
            return 1
        fi
        sleep 0.01
    done
}

# The first check after e2e_keys: fails when its expectation held already
# before the keys (ALREADY is 1), since it could then pass without them.
e2e_guard() {
    local label=$1 already=$2
    [ "${E2E_GUARD:-0}" -eq 1 ] || return 1
    E2E_GUARD=0
    [ "$already" -eq 1 ] || return 1
    e2e_checks=$((e2e_checks + 1))
    e2e_fail "$label: mistake in the test: the screen showed this before the keys, so the check cannot fail (expect what the keys change, or use e2e_unchanged)"
    return 0
}

# e2e_unchanged [LABEL]: the keys just sent, handled (synchronised), left
# the screen exactly as it was.
e2e_unchanged() {
    local label=${1:-screen $((e2e_checks + 1))} got
    E2E_GUARD=0
    e2e_checks=$((e2e_checks + 1))
    if [ "${E2E_SYNCED:-0}" -ne 1 ]; then
        e2e_fail "$label: mistake in the test: e2e_unchanged needs keys the reader reported handled"
        return 1
    fi
    # Once more a moment later: tmux may still be reading the last frame.
    got=$(e2e_screen)
    [ "$got" = "$E2E_BEFORE" ] && sleep 0.1 && got=$(e2e_screen)
    [ "$got" = "$E2E_BEFORE" ] && return 0
    e2e_fail "$label: the keys changed the screen (- before, + after)"
    diff -u <(printf '%s\n' "$E2E_BEFORE") <(printf '%s\n' "$got") | tail -n +3
    return 1
}

# e2e_mouse BUTTON COL ROW [BUTTON COL ROW...]: xterm (X10-encoded) mouse
# reports (button code, 0-based column and row), one key each, the next
# check compared with the screen before the first (E2E_MOUSE_KEYS=0: with
# the mouse off, curses drops them); e2e_click COL ROW: press and release.
e2e_mouse() {
    local before=
    while [ $# -ge 3 ]; do
        E2E_KEY_COUNT=${E2E_MOUSE_KEYS:-1} e2e_keys -l "$(printf '\033[M%b%b%b' "\\$(printf '%03o' $((32 + $1)))" \
            "\\$(printf '%03o' $((33 + $2)))" "\\$(printf '%03o' $((33 + $3)))")"
        before=${before:-$E2E_BEFORE}
        shift 3
    done
    E2E_BEFORE=$before
}
e2e_click() { e2e_mouse 0 "$1" "$2" 3 "$1" "$2"; }

# The next check follows something other than keys (a signal, a file
# changed on disk): no guard.
e2e_guard_off() { E2E_GUARD=0; }

# e2e_still CHECK [ARG...]: the first check after e2e_keys expects, on
# purpose, what the screen showed before them (the keys must not change it).
# Only with synchronised keys: otherwise it could run before them.
e2e_still() {
    E2E_GUARD=0
    if [ "${E2E_SYNCED:-0}" -ne 1 ]; then
        e2e_checks=$((e2e_checks + 1))
        e2e_fail "$*: mistake in the test: e2e_still needs keys the reader reported handled"
        return 1
    fi
    "$@"
}

# The screen as text, trailing spaces and blank lines removed (not U+3000,
# an ideographic space, which is text).
e2e_screen() {
    local text
    text=$(tmux -S "$E2E_WORK/tmux.sock" capture-pane -p -t e2e | sed -e 's/ *$//' | sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}')
    [ -n "${E2E_SCREENS:-}" ] && e2e_sweep_keep "$text"
    printf '%s\n' "$text"
}

e2e_fail() {
    echo "FAIL [$E2E_NAME] $*"
    e2e_failures=$((e2e_failures + 1))
}

# e2e_expect [LABEL] < SCREEN: wait until the screen equals SCREEN.
e2e_expect() {
    local label=${1:-screen $((e2e_checks + 1))} want got deadline
    want=$(sed -e 's/ *$//' | sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}')
    e2e_guard "$label" "$([ "$want" = "${E2E_BEFORE:-}" ] && echo 1 || echo 0)" && return 1
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(e2e_screen)
        [ "$got" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        e2e_sweep_settled "$got" && break
        sleep 0.05
    done
    e2e_fail "$label: the screen differs (- expected, + actual)"
    diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") | tail -n +3
    return 1
}

# e2e_expect_line N TEXT: wait until screen line N (1-based) equals TEXT.
e2e_expect_line() {
    local n=$1 want=$2 got deadline
    e2e_guard "line $n '$want'" "$([ "$(printf '%s\n' "${E2E_BEFORE:-}" | sed -n "${n}p")" = "$want" ] && echo 1 || echo 0)" && return 1
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(e2e_screen | sed -n "${n}p")
        [ "$got" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        e2e_sweep_settled "$(e2e_screen)" && break
        sleep 0.05
    done
    e2e_fail "line $n: expected '$want', got '$got'"
    return 1
}

# e2e_expect_contains TEXT: wait until TEXT appears somewhere on the screen.
e2e_expect_contains() {
    local want=$1 deadline got
    e2e_guard "'$want'" "$(printf '%s\n' "${E2E_BEFORE:-}" | grep -qF -- "$want" && echo 1 || echo 0)" && return 1
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(e2e_screen)
        [[ $got == *"$want"* ]] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        e2e_sweep_settled "$got" && break
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
