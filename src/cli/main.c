/* yuedu: command line parsing and dispatch to a batch mode or the reader. */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unistd.h>

#include "../tui/tui.h"
#include "cli.h"
#include "i18n.h"
#include "yuedu/decode.h"
#include "yuedu/fold.h"
#include "yuedu/theme.h"

typedef enum mode { MODE_READ, MODE_LIST, MODE_RENDER, MODE_OUTLINE, MODE_BOOKMARKS, MODE_SEARCH, MODE_CHECK_CONFIG,
                    MODE_DOCTOR, MODE_NOTES, MODE_IMPORT_NOTES, MODE_REFS } mode;

typedef struct options {
    mode mode;
    output_format format;
    const char *encoding;
    int width;     /* --width; 0: not given */
    int ambiwidth; /* --ambiwidth; 0: auto */
    cli_search_options search; /* --search, --regex, --fold */
    const char *config;        /* --config FILE; NULL: the default file */
    const char *theme;         /* --theme NAME|FILE; NULL: the configuration's */
    int no_color;              /* --no-color */
    int color;                 /* --color: -1 auto (the default), 0 never, 1 always */
    int start_at_beginning;    /* --start-at-beginning */
    int explain;               /* --explain (with --outline) */
    const char *format_name;   /* --format as given (NULL: none) */
    const char *import;        /* --import-notes FILE */
    int guide;                 /* no PATH: the bundled guide */
} options;

static void usage(FILE *out)
{
    fputs(_("Usage: yuedu [OPTION]... [PATH]...          read documents in the terminal\n"
          "       yuedu --outline [--format text|tsv|yaml] PATH...\n"
          "       yuedu --outline --explain PATH...\n"
          "       yuedu --list [--format text|tsv] PATH...\n"
          "       yuedu --refs [--format text|tsv|json] PATH...\n"
          "       yuedu --search PATTERN [--regex] [--fold LIST] [--under HEADING]\n"
          "              [--format text|tsv|count] PATH...\n"
          "       yuedu --render [--width N] [--ambiwidth auto|1|2] PATH...\n"
          "       yuedu --bookmarks [--format text|tsv|yaml|markdown] [PATH...]\n"
          "       yuedu --notes [--format markdown|org|json|tsv] [PATH...]\n"
          "       yuedu --import-notes FILE\n"
          "\n"
          "PATH is a file or a folder (searched recursively for *.txt, *.md, *.markdown,\n"
          "*.html, *.htm, *.xhtml, *.epub, *.docx, *.odt and extension-less files).\n"
          "Without PATH, yuedu reads its bundled guide.\n"
          "\n"
          "  --list             list documents: encoding, bytes, characters, lines,\n"
          "                     replacement characters, path\n"
          "  --outline          print the outline of each document (articles,\n"
          "                     headings, items)\n"
          "  --refs             print every cross-reference (第二十三条, 前款, 本章,\n"
          "                     《title》第N条) with its line, words and target\n"
          "                     (document and line) or unresolved; --format tsv or json\n"
          "  --explain          with --outline: for every numbered or title-like\n"
          "                     line, whether it became a node and which rule or\n"
          "                     guard decided it\n"
          "  --bookmarks        print the saved bookmarks; with PATH, where each one\n"
          "                     is in those documents now (moved, stale)\n"
          "  --notes            print the bookmarks and highlights (of PATH, else\n"
          "                     all) by document and section, each with its quote,\n"
          "                     note, citation and time\n"
          "  --import-notes FILE  read the JSON of --notes --format json back,\n"
          "                     merged with the notes here without duplicates\n"
          "  --format FORMAT    output format: text (default) or tsv; --outline\n"
          "                     also yaml; --bookmarks also yaml and markdown;\n"
          "                     --notes markdown (default), org, json or tsv\n"
          "  --search PATTERN   print every hit of PATTERN (literal; ICU regex with\n"
          "                     --regex) as PATH:LINE:COLUMN:CONTEXT; --format tsv\n"
          "                     adds the matched text; --format count the total\n"
          "  --regex            PATTERN is an ICU regular expression (only its\n"
          "                     literal characters are folded)\n"
          "  --fold LIST        what --search treats as equal: case, smart-case,\n"
          "                     width, script (Simplified/Traditional), none,\n"
          "                     numbers (第12条 finds 第十二条, 第１２条, 第 12 條);\n"
          "                     default smart-case,width,script,numbers\n"
          "  --under HEADING    --search only under that heading: the beginning of\n"
          "                     its title (第二编), or a path (第二编 › 第三章)\n"
          "  --render           print the text laid out as the reader shows it, one\n"
          "                     line per screen row, no colour\n"
          "  --width N          width of the text pane for --render (default: the\n"
          "                     terminal's, or 80)\n"
          "  --ambiwidth W      cells of East Asian Ambiguous characters (“ ” … —):\n"
          "                     1, 2 or auto (default; asks the terminal, 1 in --render)\n"
          "  --encoding NAME    read every file as NAME (UTF-8, UTF-16LE, UTF-16BE,\n"
          "                     GB18030, GBK, Big5 or any ICU converter name)\n"
          "                     instead of detecting it\n"
          "  --config FILE      read the configuration from FILE instead of\n"
          "                     $XDG_CONFIG_HOME/yuedu/config.yaml\n"
          "  --theme NAME|FILE  colour theme (default, light, high-contrast, mono,\n"
          "                     or your own); overrides the configuration\n"
          "  --no-color         no colours, only bold, underline and reverse (as\n"
          "                     NO_COLOR=1 does)\n"
          "  --color WHEN       colour --search's rows: auto (default: on a terminal,\n"
          "                     unless NO_COLOR or --no-color), always or never\n"
          "  --start-at-beginning  open the first document at its start, not the\n"
          "                     document and place where this corpus was left\n"
          "  --check-config     check the configuration and its theme: print every\n"
          "                     problem, exit 1 if there is one\n"
          "  --doctor           check what a reader over SSH trips on (locale, TERM,\n"
          "                     ambiwidth, tmux, configuration, writable folders),\n"
          "                     each with a fix; exit 1 if something would fail\n"
          "  --version          print the version and exit\n"
          "  --help             print this help and exit\n"
          "\n"
          "Exit status: 0 success, 1 nothing could be opened or (--search) nothing\n"
          "matched, 2 bad usage.\n"),
          out);
}

/* getopt_long values of the long options. */
enum { OPT_LIST = 256, OPT_FORMAT, OPT_ENCODING, OPT_VERSION, OPT_HELP, OPT_RENDER, OPT_WIDTH, OPT_AMBIWIDTH, OPT_OUTLINE, OPT_BOOKMARKS,
      OPT_SEARCH, OPT_REGEX, OPT_FOLD, OPT_CONFIG, OPT_THEME, OPT_NO_COLOR, OPT_COLOR, OPT_CHECK_CONFIG,
           OPT_START_AT_BEGINNING, OPT_DOCTOR, OPT_EXPLAIN, OPT_NOTES, OPT_IMPORT_NOTES, OPT_REFS, OPT_UNDER };

/* The name and the missing argument of each option that takes one, for
 * "--width needs a number" (getopt alone would say "unknown option"). */
static const char *missing_argument(int val);

static int bad_usage(const char *what, const char *arg)
{
    fprintf(stderr, "yuedu: %s", what[0] ? _(what) : what);
    cli_put_sanitized(stderr, arg);
    fputs(_("\nTry 'yuedu --help' for more information.\n"), stderr);
    return EXIT_USAGE;
}

static const char *const mode_names[] = {
    [MODE_READ] = "", [MODE_LIST] = "--list", [MODE_RENDER] = "--render", [MODE_OUTLINE] = "--outline",
    [MODE_BOOKMARKS] = "--bookmarks", [MODE_SEARCH] = "--search", [MODE_CHECK_CONFIG] = "--check-config",
    [MODE_DOCTOR] = "--doctor", [MODE_NOTES] = "--notes", [MODE_IMPORT_NOTES] = "--import-notes",
    [MODE_REFS] = "--refs",
};

/* One mode per run: a second one is refused rather than silently winning. */
static int set_mode(options *opt, mode m)
{
    if (opt->mode != MODE_READ && opt->mode != m) {
        fprintf(stderr, _("yuedu: %s and %s are two modes; give one\n"), mode_names[opt->mode], mode_names[m]);
        fputs(_("Try 'yuedu --help' for more information.\n"), stderr);
        return EXIT_USAGE;
    }
    opt->mode = m;
    return -1;
}

/* Returns -1 to go on, or an exit code. */
static int parse_options(int argc, char **argv, options *opt)
{
    static const struct option longopts[] = {
        {"list", no_argument, NULL, OPT_LIST},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, OPT_HELP},
        {"render", no_argument, NULL, OPT_RENDER},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"ambiwidth", required_argument, NULL, OPT_AMBIWIDTH},
        {"outline", no_argument, NULL, OPT_OUTLINE},
        {"bookmarks", no_argument, NULL, OPT_BOOKMARKS},
        {"search", required_argument, NULL, OPT_SEARCH},
        {"regex", no_argument, NULL, OPT_REGEX},
        {"fold", required_argument, NULL, OPT_FOLD},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"theme", required_argument, NULL, OPT_THEME},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"color", required_argument, NULL, OPT_COLOR},
        {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
        {"doctor", no_argument, NULL, OPT_DOCTOR},
        {"start-at-beginning", no_argument, NULL, OPT_START_AT_BEGINNING},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"notes", no_argument, NULL, OPT_NOTES},
        {"import-notes", required_argument, NULL, OPT_IMPORT_NOTES},
        {"refs", no_argument, NULL, OPT_REFS},
        {"under", required_argument, NULL, OPT_UNDER},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c, code = -1;
    /* A leading ':' makes getopt tell a missing argument (':') from an
     * unknown option ('?'). */
    while (code < 0 && (c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LIST: code = set_mode(opt, MODE_LIST); break;
        case OPT_START_AT_BEGINNING: opt->start_at_beginning = 1; break;
        case OPT_RENDER: code = set_mode(opt, MODE_RENDER); break;
        case OPT_OUTLINE: code = set_mode(opt, MODE_OUTLINE); break;
        case OPT_BOOKMARKS: code = set_mode(opt, MODE_BOOKMARKS); break;
        case OPT_NOTES: code = set_mode(opt, MODE_NOTES); break;
        case OPT_IMPORT_NOTES:
            code = set_mode(opt, MODE_IMPORT_NOTES);
            opt->import = optarg;
            break;
        case OPT_SEARCH:
            code = set_mode(opt, MODE_SEARCH);
            opt->search.pattern = optarg;
            break;
        case OPT_REGEX: opt->search.regex = 1; break;
        case OPT_UNDER: opt->search.under = optarg; break;
        case OPT_CONFIG: opt->config = optarg; break;
        case OPT_THEME:
            if (*optarg == 0)
                return bad_usage("--theme: empty name", "");
            opt->theme = optarg;
            break;
        case OPT_NO_COLOR: opt->no_color = 1; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                opt->color = -1;
            else if (strcmp(optarg, "always") == 0)
                opt->color = 1;
            else if (strcmp(optarg, "never") == 0)
                opt->color = 0;
            else
                return bad_usage("--color: auto, always or never, not ", optarg);
            break;
        case OPT_CHECK_CONFIG: code = set_mode(opt, MODE_CHECK_CONFIG); break;
        case OPT_DOCTOR: code = set_mode(opt, MODE_DOCTOR); break;
        case OPT_EXPLAIN: opt->explain = 1; break;
        case OPT_REFS: code = set_mode(opt, MODE_REFS); break;
        case OPT_FOLD: {
            yd_error err = {0};
            if (yd_fold_parse(optarg, &opt->search.folds, &err) != YD_OK)
                return bad_usage("--fold: ", err.message);
            break;
        }
        case OPT_WIDTH: {
            char *end;
            long w = strtol(optarg, &end, 10);
            if (*optarg == 0 || *end != 0 || w < 2 || w > 10000)
                return bad_usage("--width: not a number from 2 to 10000: ", optarg);
            opt->width = (int)w;
            break;
        }
        case OPT_AMBIWIDTH:
            if (strcmp(optarg, "1") == 0 || strcmp(optarg, "2") == 0)
                opt->ambiwidth = optarg[0] - '0';
            else if (strcmp(optarg, "auto") == 0)
                opt->ambiwidth = 0;
            else
                return bad_usage("--ambiwidth: auto, 1 or 2, not ", optarg);
            break;
        case OPT_FORMAT:
            opt->format_name = optarg;
            if (strcmp(optarg, "org") == 0)
                opt->format = FORMAT_ORG;
            else if (strcmp(optarg, "json") == 0)
                opt->format = FORMAT_JSON;
            else if (strcmp(optarg, "text") == 0)
                opt->format = FORMAT_TEXT;
            else if (strcmp(optarg, "tsv") == 0)
                opt->format = FORMAT_TSV;
            else if (strcmp(optarg, "yaml") == 0)
                opt->format = FORMAT_YAML;
            else if (strcmp(optarg, "markdown") == 0)
                opt->format = FORMAT_MARKDOWN;
            else if (strcmp(optarg, "count") == 0)
                opt->format = FORMAT_COUNT;
            else
                return bad_usage("--format: unknown format (text, tsv, yaml, markdown, org, json or count): ", optarg);
            break;
        case OPT_ENCODING: {
            yd_encoding enc;
            yd_error err = {0};
            if (yd_encoding_from_name(optarg, &enc, &err) != YD_OK)
                return bad_usage("--encoding: ", err.message);
            opt->encoding = optarg;
            break;
        }
        case OPT_VERSION:
            printf("yuedu %s\n", YUEDU_VERSION);
            return EXIT_OK;
        case OPT_HELP:
            usage(stdout);
            return EXIT_OK;
        case ':':
            return bad_usage(missing_argument(optopt), "");
        default:
            return bad_usage("unknown option: ", argv[optind - 1]);
        }
    }
    if (code >= 0)
        return code;
    if (opt->format == FORMAT_COUNT && opt->mode != MODE_SEARCH)
        return bad_usage("--format count: only with --search", "");
    if ((opt->search.regex || opt->search.folds != YD_FOLD_DEFAULT) && opt->mode != MODE_SEARCH)
        return bad_usage("--regex and --fold: only with --search", "");
    if (opt->search.under && opt->mode != MODE_SEARCH)
        return bad_usage("--under: only with --search", "");
    if (opt->mode == MODE_SEARCH && opt->search.pattern[0] == 0)
        return bad_usage("--search: empty pattern", "");
    if (opt->color != -1 && opt->mode != MODE_SEARCH)
        return bad_usage("--color always|never: only with --search (the reader takes --no-color)", "");
    if (opt->mode == MODE_NOTES && opt->format != FORMAT_TEXT && opt->format != FORMAT_MARKDOWN &&
        opt->format != FORMAT_ORG && opt->format != FORMAT_JSON && opt->format != FORMAT_TSV)
        return bad_usage("--notes --format: markdown, org, json or tsv, not ", opt->format_name);
    if (opt->mode == MODE_NOTES && opt->format == FORMAT_TEXT && opt->format_name)
        return bad_usage("--notes --format: markdown, org, json or tsv, not ", opt->format_name);
    if (opt->mode == MODE_IMPORT_NOTES && opt->format_name)
        return bad_usage("--import-notes reads JSON: no --format ", opt->format_name);
    if (opt->format == FORMAT_ORG && opt->mode != MODE_NOTES)
        return bad_usage("--format org: only with --notes", "");
    if (opt->format == FORMAT_JSON && opt->mode != MODE_NOTES && opt->mode != MODE_REFS)
        return bad_usage("--format json: only with --notes or --refs", "");
    if (opt->format == FORMAT_MARKDOWN && opt->mode != MODE_BOOKMARKS && opt->mode != MODE_NOTES)
        return bad_usage("--format markdown: only with --bookmarks or --notes", "");
    if (opt->explain && (opt->mode != MODE_OUTLINE || opt->format != FORMAT_TEXT))
        return bad_usage("--explain: only with --outline (and the text format)", "");
    if (opt->mode == MODE_REFS && opt->format != FORMAT_TEXT && opt->format != FORMAT_TSV &&
        opt->format != FORMAT_JSON)
        return bad_usage("--refs: the format is text, tsv or json", "");
    if (opt->format == FORMAT_YAML && opt->mode != MODE_OUTLINE && opt->mode != MODE_BOOKMARKS)
        return bad_usage("--format yaml: only with --outline or --bookmarks", "");
    /* Options a mode does not read are refused, not silently dropped: the
     * user asked for something this run would not do. */
    if (opt->format_name && (opt->mode == MODE_READ || opt->mode == MODE_RENDER || opt->mode == MODE_DOCTOR ||
                             opt->mode == MODE_CHECK_CONFIG))
        return bad_usage("--format: only with --list, --outline, --refs, --search, --bookmarks or --notes, not ",
                         opt->format_name);
    if (opt->width && opt->mode != MODE_RENDER)
        return bad_usage("--width: only with --render (the reader takes the terminal's width)", "");
    return -1;
}

static const char *missing_argument(int val)
{
    static const struct {
        int val;
        const char *message;
    } needs[] = {
        {OPT_FORMAT, N_("--format needs a format (text, tsv, yaml, markdown, org, json or count)")},
        {OPT_IMPORT_NOTES, N_("--import-notes needs a file (the JSON of --notes --format json)")},
        {OPT_ENCODING, N_("--encoding needs an encoding name (UTF-8, GB18030, GBK, Big5, ...)")},
        {OPT_WIDTH, N_("--width needs a number (2 to 10000)")},
        {OPT_AMBIWIDTH, N_("--ambiwidth needs auto, 1 or 2")},
        {OPT_SEARCH, N_("--search needs a pattern")},
        {OPT_UNDER, N_("--under needs a heading path (第二编, or 第二编 › 第三章)")},
        {OPT_FOLD, N_("--fold needs a list (case, smart-case, width, script, numbers, none)")},
        {OPT_CONFIG, N_("--config needs a file")},
        {OPT_THEME, N_("--theme needs a name or a file")},
        {OPT_COLOR, N_("--color needs auto, always or never")},
    };
    for (size_t k = 0; k < sizeof needs / sizeof needs[0]; k++)
        if (needs[k].val == val)
            return needs[k].message;
    return N_("an option needs an argument");
}

/* The reader: the walk happens on its loader thread (its messages come on
 * the message line, and on stderr when the reader quits), the documents
 * load in the background while the first screen shows. */
static int read_interactively(const char *const *paths, size_t npaths, const yd_load_options *load,
                              const options *opt)
{
    /* Problems with the configuration are printed before the screen is taken. */
    yd_config config;
    yd_theme theme;
    yd_problems problems;
    if (cli_read_settings(opt->config, opt->theme, opt->no_color, &config, &theme, &problems) != 0) {
        yd_problems_free(&problems);
        return EXIT_NOTHING;
    }
    char themes[PATH_MAX];
    tui_settings settings = {&config, &theme, opt->ambiwidth, yd_no_color(opt->no_color),
                             cli_find_themes(themes, sizeof themes) == 0 ? themes : NULL, &problems, 0, NULL};
    settings.start_at_beginning = opt->start_at_beginning;
    if (opt->guide) /* its part in the user's language first */
        settings.first_document_of = cli_guide_first_part;
    /* The configuration's markup and purify rules for every document read. */
    yd_load_options configured = *load;
    configured.markup_raw = config.markup_raw;
    configured.purify = &config.purify.rules;
    int code = tui_run(paths, npaths, &configured, &settings);
    yd_problems_free(&problems);
    yd_config_free(&config);
    yd_theme_free(&theme);
    return code;
}

/* --render with the reader's text settings (and its ambiwidth unless
 * --ambiwidth says; auto is 1 here, with no terminal to ask). */
static int render(cli_documents *docs, const options *opt)
{
    yd_config config = {0};
    yd_theme theme = {0};
    yd_problems problems;
    int code = EXIT_NOTHING;
    if (cli_read_settings(opt->config, NULL, 1, &config, &theme, &problems) == 0) {
        int ambiwidth = opt->ambiwidth ? opt->ambiwidth : config.ambiwidth ? config.ambiwidth : 1;
        code = cli_render(docs, opt->width ? opt->width : cli_render_default_width(), ambiwidth, &config);
    }
    yd_problems_free(&problems);
    yd_config_free(&config);
    yd_theme_free(&theme);
    return code;
}

static int run(int argc, char **argv)
{
    options opt = {.mode = MODE_READ, .format = FORMAT_TEXT, .color = -1, .search = {.folds = YD_FOLD_DEFAULT}};
    int code = parse_options(argc, argv, &opt);
    if (code >= 0)
        return code;

    const char *const *paths = (const char *const *)argv + optind;
    size_t npaths = (size_t)(argc - optind);
    if (opt.mode == MODE_CHECK_CONFIG)
        return npaths ? bad_usage("--check-config takes no PATH: ", paths[0])
                      : cli_check_config(opt.config, opt.theme, opt.no_color);
    if (opt.mode == MODE_DOCTOR)
        return npaths ? bad_usage("--doctor takes no PATH: ", paths[0]) : cli_doctor(opt.config);
    char guide[PATH_MAX];
    const char *guide_paths[1];
    yd_load_options bm_load = {.encoding = opt.encoding};
    if (opt.mode == MODE_BOOKMARKS) /* PATHs optional: resolve against them */
        return cli_bookmarks(opt.format, paths, npaths, &bm_load);
    if (opt.mode == MODE_NOTES) /* PATHs optional: the notes of those documents */
        return cli_notes(opt.format == FORMAT_TEXT ? NULL : opt.format_name, paths, npaths, &bm_load, opt.config);
    if (opt.mode == MODE_IMPORT_NOTES)
        return npaths ? bad_usage("--import-notes takes no PATH: ", paths[0]) : cli_import_notes(opt.import);
    if (npaths == 0) { /* every mode: the bundled guide */
        if (cli_find_guide(guide, sizeof guide) != 0) {
            fputs(_("yuedu: cannot find the bundled guide; give a PATH to read\n"), stderr);
            return EXIT_NOTHING;
        }
        guide_paths[0] = guide;
        opt.guide = 1;
        paths = guide_paths;
        npaths = 1;
    }

    yd_load_options load = {.encoding = opt.encoding};
    if (opt.mode == MODE_READ)
        return read_interactively(paths, npaths, &load, &opt);
    if (opt.mode == MODE_SEARCH) {
        opt.search.format = opt.format;
        opt.search.config = opt.config;
        /* Like grep --color=auto: only on a terminal, and never when the
         * user said no colour (--no-color, NO_COLOR). */
        opt.search.color = opt.color >= 0 ? opt.color : !yd_no_color(opt.no_color) && isatty(STDOUT_FILENO);
        return cli_search(paths, npaths, &load, &opt.search);
    }
    if (opt.mode == MODE_REFS) { /* references cross documents: the corpus is held whole */
        yd_corpus corpus;
        if (yd_corpus_load(&corpus, paths, npaths, &load, cli_diag, NULL) != YD_OK) {
            fputs(_("yuedu: out of memory\n"), stderr);
            return EXIT_NOTHING;
        }
        code = cli_refs(&corpus, opt.format, opt.config);
        yd_corpus_free(&corpus);
        return code;
    }
    /* One document at a time: a 1 GB folder is never held whole. */
    cli_documents docs;
    if (cli_documents_open(&docs, paths, npaths, &load) != 0) {
        fputs(_("yuedu: out of memory\n"), stderr);
        return EXIT_NOTHING;
    }
    if (opt.mode == MODE_OUTLINE)
        code = cli_outline(&docs, opt.format, opt.explain, opt.config);
    else if (opt.mode == MODE_RENDER)
        code = render(&docs, &opt);
    else
        code = cli_list(&docs, opt.format);
    if (docs.out_of_memory) {
        fputs(_("yuedu: out of memory\n"), stderr);
        code = EXIT_NOTHING;
    }
    cli_documents_close(&docs);
    return code;
}

int main(int argc, char **argv)
{
    i18n_init();
    int code = run(argc, argv);
    /* Output that never arrived (a full disk, a closed stdout) is a failure,
     * said once: the modes that check their own output have said so and
     * returned non-zero already. */
    if (code == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
        fputs(_("yuedu: cannot write the output\n"), stderr);
        code = EXIT_NOTHING;
    }
    u_cleanup(); /* release ICU's caches so leak checkers see a clean exit */
    return code;
}
