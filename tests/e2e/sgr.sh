# Colours and attributes on the screen, for e2e tests: sourced after
# lib.sh. tmux capture-pane -e gives SGR changes; these turn them into the
# state of one character.

# sgr_state NTH TEXT [after-divider]: the SGR state (attributes, fg, bg) of
# the first character of the NTH occurrence of TEXT on the screen, counting
# only text right of the divider │ when the third argument is given; printed
# as e.g. "bold fg=124 bg=default" (24-bit colours as fg=#d7af5f).
sgr_state() {
    e2e_tmux capture-pane -p -e -t e2e | python3 -c '
import re, sys
nth, text, after = int(sys.argv[1]), sys.argv[2], len(sys.argv) > 3
names = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 7: "reverse"}
attrs, fg, bg, seen = set(), "default", "default", 0
for line in sys.stdin.read().split("\n"):
    plain, states = "", []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is not None:
            plain += m.group(2)
            states.append((frozenset(attrs), fg, bg))
            continue
        p = [int(x) if x else 0 for x in m.group(1).split(";")]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0: attrs, fg, bg = set(), "default", "default"
            elif c in names: attrs.add(names[c])
            elif c == 22: attrs -= {"bold", "dim"}
            elif c in (23, 24, 27): attrs.discard({23: "italic", 24: "underline", 27: "reverse"}[c])
            elif 30 <= c <= 37: fg = str(c - 30)
            elif 40 <= c <= 47: bg = str(c - 40)
            elif 90 <= c <= 97: fg = str(c - 82)
            elif 100 <= c <= 107: bg = str(c - 92)
            elif c == 39: fg = "default"
            elif c == 49: bg = "default"
            elif c in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
                if c == 38: fg = str(p[i + 2])
                else: bg = str(p[i + 2])
                i += 2
            elif c in (38, 48) and i + 4 < len(p) and p[i + 1] == 2:
                rgb = "#%02x%02x%02x" % (p[i + 2], p[i + 3], p[i + 4])
                if c == 38: fg = rgb
                else: bg = rgb
                i += 4
            i += 1
    start = plain.find("\u2502") + 1 if after else 0
    if after and start == 0:
        continue
    at = plain.find(text, start)
    while at >= 0:
        seen += 1
        if seen == nth:
            a, f, b = states[at]
            print(" ".join(sorted(a) + ["fg=" + f, "bg=" + b]))
            sys.exit(0)
        at = plain.find(text, at + 1)
print("(not found)")
' "$@"
}

# expect_sgr LABEL WANT NTH TEXT [after-divider]: wait until the state is WANT.
expect_sgr() {
    local label=$1 want=$2 got deadline
    shift 2
    e2e_checks=$((e2e_checks + 1))
    deadline=$((SECONDS + E2E_TIMEOUT))
    while :; do
        got=$(sgr_state "$@")
        [ "$got" = "$want" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.1
    done
    e2e_fail "$label: expected '$want', got '$got'"
    return 1
}
