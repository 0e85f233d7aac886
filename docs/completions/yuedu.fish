# fish completion for yuedu (installed as share/fish/vendor_completions.d/yuedu.fish).

function __yuedu_themes
    set -l bin (command -s yuedu)
    set -l dirs $XDG_CONFIG_HOME/yuedu/themes $HOME/.config/yuedu/themes
    if test -n "$bin"
        set -p dirs (path dirname (path resolve $bin))/../share/yuedu/themes
    end
    for f in $dirs/*.yaml
        path change-extension '' (path basename $f)
    end
end

function __yuedu_formats
    set -l line (commandline -opc)
    if contains -- --list $line
        printf '%s\n' text tsv
    else if contains -- --outline $line
        printf '%s\n' text tsv yaml
    else if contains -- --refs $line
        printf '%s\n' text tsv json
    else if contains -- --search $line
        printf '%s\n' text tsv count
    else if contains -- --bookmarks $line
        printf '%s\n' text tsv yaml markdown
    else if contains -- --notes $line
        printf '%s\n' markdown org json tsv
    else
        printf '%s\n' text tsv yaml markdown org json count
    end
end

complete -c yuedu -l list -d 'one row per document: encoding, size, headings'
complete -c yuedu -l outline -d 'the outline of each document'
complete -c yuedu -l refs -d 'every cross-reference and where it leads'
complete -c yuedu -l search -x -d 'every hit of a pattern'
complete -c yuedu -l render -d 'the text laid out as the reader shows it'
complete -c yuedu -l bookmarks -d 'the saved bookmarks'
complete -c yuedu -l notes -d 'bookmarks and highlights by document and section'
complete -c yuedu -l import-notes -r -F -d 'read the JSON of --notes back'
complete -c yuedu -l check-config -d 'every problem in config.yaml and its theme'
complete -c yuedu -l doctor -d 'what a reader over SSH trips on, with fixes'
complete -c yuedu -l format -x -a '(__yuedu_formats)' -d 'output format'
complete -c yuedu -l explain -d 'with --outline: why each line is or is not a node'
complete -c yuedu -l regex -d 'the pattern is an ICU regular expression'
complete -c yuedu -l fold -x -a 'case smart-case width script numbers none default' -d 'what --search treats as equal'
complete -c yuedu -l under -x -d 'with --search: only under this heading (第二编, or 第二编 › 第三章)'
complete -c yuedu -l width -x -d 'width of --render in cells'
complete -c yuedu -l ambiwidth -x -a 'auto 1 2' -d 'cells of East Asian Ambiguous characters'
complete -c yuedu -l encoding -x -a 'UTF-8 UTF-16LE UTF-16BE GB18030 GBK Big5' -d 'read every file in this encoding'
complete -c yuedu -l config -r -F -d 'the configuration file'
complete -c yuedu -l theme -x -a '(__yuedu_themes)' -d 'colour theme'
complete -c yuedu -l no-color -d 'no colours'
complete -c yuedu -l color -x -a 'auto always never' -d 'colour --search rows'
complete -c yuedu -l start-at-beginning -d 'the first document at its start'
complete -c yuedu -l version -d 'print the version'
complete -c yuedu -l help -d 'print the usage'
