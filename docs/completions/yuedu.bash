# bash completion for yuedu (installed as share/bash-completion/completions/yuedu).
# Options, the --format values of the mode on the line, theme names (bundled
# beside the binary, and the user's), --encoding names, --fold lists, files.

_yuedu_themes() {
    local bin dir f
    bin=$(command -v yuedu 2>/dev/null) && bin=$(readlink -f "$bin")
    for dir in ${bin:+"${bin%/*}/../share/yuedu/themes"} "${XDG_CONFIG_HOME:-$HOME/.config}/yuedu/themes"; do
        for f in "$dir"/*.yaml; do
            [ -e "$f" ] || continue
            f=${f##*/}
            printf '%s\n' "${f%.yaml}"
        done
    done
}

_yuedu() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} mode="" w
    for w in "${COMP_WORDS[@]}"; do
        case $w in --list | --outline | --refs | --search | --render | --bookmarks | --notes | --check-config | --doctor) mode=$w ;; esac
    done
    case $prev in
    --format)
        case $mode in
        --list) w="text tsv" ;;
        --outline) w="text tsv yaml" ;;
        --refs) w="text tsv json" ;;
        --search) w="text tsv count" ;;
        --bookmarks) w="text tsv yaml markdown" ;;
        --notes) w="markdown org json tsv" ;;
        *) w="text tsv yaml markdown org json count" ;;
        esac
        mapfile -t COMPREPLY < <(compgen -W "$w" -- "$cur")
        return ;;
    --encoding)
        mapfile -t COMPREPLY < <(compgen -W "UTF-8 UTF-16LE UTF-16BE GB18030 GBK Big5" -- "$cur")
        return ;;
    --ambiwidth)
        mapfile -t COMPREPLY < <(compgen -W "auto 1 2" -- "$cur")
        return ;;
    --color)
        mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
        return ;;
    --fold)
        # A comma-separated list: complete the word after the last comma.
        local head=${cur%,*} last=${cur##*,}
        [ "$head" = "$cur" ] && head="" || head="$head,"
        mapfile -t COMPREPLY < <(compgen -P "$head" -W "case smart-case width script numbers none default" -- "$last")
        return ;;
    --theme)
        mapfile -t COMPREPLY < <(compgen -W "$(_yuedu_themes)" -- "$cur")
        mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -X '!*.yaml' -- "$cur")
        return ;;
    --config | --import-notes)
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return ;;
    --search | --width | --under)
        return ;; # a pattern, a number, a heading: nothing to offer
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "--list --outline --refs --search --render --bookmarks --notes --import-notes --check-config --doctor
            --format --explain --regex --fold --under --width --ambiwidth --encoding --config --theme --no-color --color
            --start-at-beginning --version --help" -- "$cur")
        return
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
}
complete -F _yuedu yuedu
