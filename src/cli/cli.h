/* Shared pieces of the command-line front end (not part of the core). */
#ifndef YUEDU_CLI_H
#define YUEDU_CLI_H

#include <stdio.h>
#include <unicode/umachine.h>

#include "yuedu/config.h"
#include "yuedu/corpus.h"

#define YUEDU_VERSION "0.1.0"

/* Exit codes of SPEC §2. */
enum { EXIT_OK = 0, EXIT_NOTHING = 1, EXIT_USAGE = 2 };

typedef enum output_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_YAML, FORMAT_MARKDOWN, FORMAT_COUNT, FORMAT_ORG,
                             FORMAT_JSON } output_format;

/* Characters that must not reach a terminal raw: C0, DEL, C1, bidi
 * controls (ALM, LRM, RLM, embeddings, overrides, isolates), line and
 * paragraph separators. */
int cli_unsafe_char(UChar32 c);

/* Write UTF-8 s with those characters escaped (\xHH below U+0080, else
 * \uHHHH) and bytes that are not UTF-8 as \xHH, so that no file name or
 * message sends raw control sequences or bidi controls to the terminal. */
void cli_put_sanitized(FILE *out, const char *s);

/* Print "yuedu: PATH: message" on stderr; a yd_diag_fn. */
void cli_diag(void *context, const char *path, const char *message);

/* Find the bundled guide: beside the executable in the source tree
 * (build/../docs/guide), in an installed tree (bin/../share/yuedu/guide),
 * or in the compiled-in data directory. Returns 0 and fills buf. */
int cli_find_guide(char *buf, size_t size);

/* The folder of the running binary (/proc/self/exe), from which the
 * bundled data and the message catalogs are found; -1 when unknown. */
int cli_binary_dir(char *buf, size_t size);

/* The index in files (the bundled guide's, in reading order) of its part
 * in the user's language, as gettext picks it (LANGUAGE, then
 * LC_MESSAGES): Traditional Chinese, Simplified Chinese or English; 0
 * (the first part) for any other language and the C locale. */
size_t cli_guide_first_part(const char *const *files, size_t count);

/* Find the bundled themes folder the same way (themes/ in the source tree,
 * share/yuedu/themes when installed). Returns 0 and fills buf. */
int cli_find_themes(char *buf, size_t size);

/* Configuration and theme (config_cmd.c). */
struct yd_config;
struct yd_theme;
struct yd_problems;

/* Read the configuration (config_path, or the default file when NULL) and
 * the theme (theme_option when not NULL, else the configuration's; "mono"
 * when no_color or NO_COLOR), collecting problems. Both structures must be
 * freed afterwards. Returns 0, or -1 when out of memory. */
int cli_load_settings(const char *config_path, const char *theme_option, int no_color, struct yd_config *config,
                      struct yd_theme *theme, struct yd_problems *problems);

/* The same, printing each problem on stderr as "yuedu: FILE:LINE:COLUMN:
 * message" (the defaults are used); for the reader before it starts, which
 * shows them too (problems, initialised here, freed by the caller), since
 * its screen hides stderr. */
int cli_read_settings(const char *config_path, const char *theme_option, int no_color, struct yd_config *config,
                      struct yd_theme *theme, struct yd_problems *problems);

/* --doctor: what a reader over SSH trips on, each with a fix (doctor_cmd.c).
 * Returns 0, or 1 when something would stop the reader. */
int cli_doctor(const char *config_path);

/* --check-config: print every problem of the configuration and the theme
 * it chooses on stdout. Returns 0 when there is none, 1 otherwise. */
int cli_check_config(const char *config_path, const char *theme_option, int no_color);

/* The documents of a batch mode, loaded one at a time in reading order
 * (document_stream.c). Open collects the paths (the walk's problems on
 * stderr; -1 when out of memory); next frees the previous document and
 * loads the next one that loads (saying on stderr why others do not),
 * NULL at the end; more says whether another document follows (loading
 * it ahead). out_of_memory is set when a load ran out of memory (the
 * stream then ends). */
typedef struct cli_documents {
    yd_path_list paths;
    const yd_load_options *load;
    size_t next;  /* next path to load */
    size_t index; /* 0-based index of the current document */
    size_t seen;  /* documents handed out so far */
    yd_document current, ahead;
    int have_current, have_ahead;
    int out_of_memory;
} cli_documents;

int cli_documents_open(cli_documents *d, const char *const *paths, size_t npaths, const yd_load_options *load);
const yd_document *cli_documents_next(cli_documents *d);
int cli_documents_more(cli_documents *d);
void cli_documents_close(cli_documents *d);

/* --list: one row per document. Returns an exit code. */
int cli_list(cli_documents *docs, output_format format);

/* --outline: each document's outline as text, tsv or yaml, with the
 * outline rules of the configuration (config_path, NULL: the default
 * file); explain: instead, why each candidate line is or is not a node.
 * Returns an exit code. */
int cli_outline(cli_documents *docs, output_format format, int explain, const char *config_path);

/* --refs: every cross-reference of each document, as text, tsv or json,
 * with the outline rules of the configuration. Returns an exit code: 0
 * when references were found, 1 when none (refs_cmd.c). */
int cli_refs(const yd_corpus *corpus, output_format format, const char *config_path);

/* Read the configuration alone (no theme), printing its problems on
 * stderr. Returns 0, or -1 when out of memory. */
int cli_read_config(const char *config_path, yd_config *config);

/* --render: the text pane's rows for each document, width cells wide,
 * ambiwidth 1 or 2, laid out as the reader lays it out with the text
 * settings of config (indent, blank lines, max-width; headings flush left).
 * Returns an exit code. */
int cli_render(cli_documents *docs, int width, int ambiwidth, const struct yd_config *config);

/* Width of --render without --width: the terminal's when stdout is one,
 * else 80. */
int cli_render_default_width(void);

/* --bookmarks: the saved bookmarks as text, tsv, yaml or markdown, read
 * only; with PATHs, resolved against those documents. Returns an exit
 * code (bookmarks_cmd.c). */
int cli_bookmarks(output_format format, const char *const *paths, size_t npaths, const yd_load_options *load);

/* --search (search_cmd.c). */
typedef struct cli_search_options {
    const char *pattern;  /* UTF-8, as given */
    int regex;            /* --regex */
    unsigned folds;       /* YD_FOLD_* bits (--fold) */
    output_format format; /* text, tsv or count */
    int color;            /* text rows: path, position and match coloured */
    const char *under;    /* --under: a heading path the hits must be under, or NULL */
    const char *config;   /* --config (the outline rules --under builds with), or NULL */
} cli_search_options;

/* --search: every hit in the documents named by paths (with under: in the
 * subtrees of the headings it names only). Returns an exit code: 0 hits
 * found, 1 none (or nothing opened, or no heading matches under), 2 bad
 * pattern or heading path. */
int cli_search(const char *const *paths, size_t npaths, const yd_load_options *load, const cli_search_options *opt);

/* --notes: the bookmarks and highlights of those documents (all when
 * npaths is 0) in format_name (markdown when NULL, org, json, tsv), with
 * citations from the configuration's template. Returns an exit code. */
int cli_notes(const char *format_name, const char *const *paths, size_t npaths, const yd_load_options *load,
              const char *config_path);

/* --import-notes FILE ("-": standard input): the JSON of --notes read back
 * into the stores, merged without duplicates. Returns an exit code. */
int cli_import_notes(const char *path);

#endif
