# Running yuedu as another user, for files that cannot be read: root reads
# anything, so when the tests run as root the reader drops to nobody
# (setpriv). Sourced after lib.sh:
#
#   . "$(dirname "$0")/nobody.sh"
#   e2e_nobody_setup                 # exits 77 (skipped) when it cannot be done
#   e2e_start_as_nobody 60x10 DIR    # like e2e_start
#   out=$(e2e_as_nobody "$YUEDU" --list DIR)   # a batch command
#
# Files the reader must read need to be readable by nobody: make them under
# "$E2E_SHARED" (a folder everyone may enter).

e2e_nobody_setup() {
    E2E_AS=()
    if [ "$(id -u)" -eq 0 ]; then
        command -v setpriv >/dev/null || e2e_skip "setpriv is not installed"
        id nobody >/dev/null 2>&1 || e2e_skip "there is no user nobody"
        E2E_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
        chmod 755 "$E2E_WORK" # mktemp made it 0700
        mkdir -p "$E2E_WORK/home" "$E2E_WORK/config" "$E2E_WORK/data" "$E2E_WORK/state"
        chown 65534:65534 "$E2E_WORK/home" "$E2E_WORK/config" "$E2E_WORK/data" "$E2E_WORK/state"
        "${E2E_AS[@]}" test -x "$E2E_ROOT" -a -x "$YUEDU" ||
            e2e_skip "nobody cannot run $YUEDU from $E2E_ROOT"
    fi
    E2E_SHARED=$E2E_WORK/shared
    mkdir -p "$E2E_SHARED"
    chmod 777 "$E2E_SHARED"
}

# A batch command as nobody (or as ourselves when not root), in the test
# environment.
e2e_as_nobody() {
    local env=()
    while IFS= read -r kv; do env+=("$kv"); done < <(e2e_env)
    (cd "$E2E_ROOT" && "${E2E_AS[@]}" env -i "${env[@]}" "$@")
}

e2e_start_as_nobody() {
    local size=$1 as='' cmd
    shift
    [ "${#E2E_AS[@]}" -gt 0 ] && as=$(printf ' %q' "${E2E_AS[@]}")
    cmd=$(e2e_command "$@")
    e2e_start_command "$size" "${cmd/ && env -i / \&\&$as env -i }"
}
