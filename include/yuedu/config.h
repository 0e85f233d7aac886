/* The user's configuration: $XDG_CONFIG_HOME/yuedu/config.yaml (or
 * ~/.config/yuedu/config.yaml, or the file given with --config), read with
 * libyaml and checked against the schema below (docs/CONFIG.md describes
 * it; docs/config.example.yaml shows every key).
 *
 * Reading never fails because of what the file says: each problem (unknown
 * key, wrong type, value out of range, unknown action or key name, a key
 * bound twice, invalid YAML) is added to a yd_problems list as
 * "FILE:LINE:COLUMN: message naming the key; using DEFAULT", the default is
 * kept for that setting, and the rest of the file is still read. Invalid
 * YAML gives one problem and all the defaults. A missing file at the
 * default location is not a problem. */
#ifndef YUEDU_CONFIG_H
#define YUEDU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "yuedu/keys.h"
#include "yuedu/outline_rules.h"
#include "yuedu/problems.h"
#include "yuedu/purify.h"
#include "yuedu/status.h"

typedef enum yd_script_display {
    YD_SCRIPT_ORIGINAL = 0, /* as the document is written */
    YD_SCRIPT_SIMPLIFIED,
    YD_SCRIPT_TRADITIONAL
} yd_script_display;

/* Limits of the numbers (inclusive). */
enum {
    YD_CONFIG_OUTLINE_WIDTH_MIN = 10,
    YD_CONFIG_OUTLINE_WIDTH_MAX = 200,
    YD_CONFIG_INDENT_MAX = 16,
    YD_CONFIG_MAX_WIDTH_MIN = 20, /* text.max-width: 0 (none) or 20..1000 */
    YD_CONFIG_MAX_WIDTH_MAX = 1000,
    /* 40 full-width characters a row: the measure of a printed Chinese
     * book page (docs/LAYOUT.md, "The measure"). */
    YD_CONFIG_MAX_WIDTH_DEFAULT = 80,
    YD_CONFIG_FOLD_LEVEL_MAX = 9,
    YD_CONFIG_KEYS_PER_ACTION_MAX = 16,
    YD_CONFIG_KEY_TIMEOUT_MIN = 100, /* key-timeout-ms: milliseconds */
    YD_CONFIG_KEY_TIMEOUT_MAX = 10000,
    YD_CONFIG_KEY_TIMEOUT_DEFAULT = 1000,
    YD_CONFIG_ESCAPE_DELAY_MIN = 1, /* escape-delay-ms: milliseconds */
    YD_CONFIG_ESCAPE_DELAY_MAX = 2000,
    YD_CONFIG_ESCAPE_DELAY_DEFAULT = 50,
    YD_CONFIG_SEARCH_HISTORY_DEFAULT = 200, /* search.history: searches kept */
    YD_CONFIG_SEARCH_HISTORY_MAX = 100000,
    YD_CONFIG_CLIPBOARD_LIMIT_MAX = 100000000, /* clipboard.limit */
    YD_CONFIG_READING_RATE_MIN = 50, /* reading.chars-per-minute */
    YD_CONFIG_READING_RATE_MAX = 5000
};

typedef struct yd_config {
    char *theme;   /* theme: name or path of a .yaml file; "default" */
    char *path;    /* the file read; NULL when there was none */
    unsigned long theme_line, theme_column; /* where theme: was given (0: not) */
    int ambiwidth; /* ambiwidth: 0 auto (the default), 1 or 2 */
    bool mouse;    /* mouse: true */
    int key_timeout_ms; /* key-timeout-ms: how long a key bound alone waits
                           when it also starts a sequence (g, g g), 1000 */
    int escape_delay_ms; /* escape-delay-ms: how long Esc waits to be told
                            from Alt-x and the keys whose codes start with
                            ESC (arrows), 50 */
    struct {
        int width;       /* outline.width: cells, 30 */
        bool right;      /* outline.position: left (false) or right */
        bool hidden;     /* outline.hidden: false */
        int fold_level;  /* outline.fold-level: 0 "all" (every heading level
                            shown), or 1..9: levels shown up to N */
        bool show_items; /* outline.show-items: false (items folded) */
        yd_outline_rules rules; /* outline.rules and outline.builtin: the user's own
                                   heading rules, none by default */
    } outline;
    struct {
        int indent;               /* text.indent: first-line indent in cells, 4 */
        bool blank_line;          /* text.blank-line: blank row between paragraphs, false */
        int max_width;            /* text.max-width: 0 none, else a centred column; 80 */
        yd_script_display script; /* text.script: original */
        int heading_indent;       /* text.heading-indent: yd_heading_indent
                                     (yuedu/outline.h), auto */
    } text;
    struct {
        unsigned folds; /* search.case/width/script: YD_FOLD_* bits (yuedu/fold.h),
                           YD_FOLD_DEFAULT */
        bool regex;     /* search.regex: false */
        int history;    /* search.history: searches kept across runs, 200 */
    } search;
    struct {
        int chars_per_minute; /* reading.chars-per-minute: the reading time's
                                 rate, YD_READING_RATE (outline_length.h) */
        bool lengths;         /* reading.lengths: the outline shows each node's
                                 length and reading time, false */
    } reading;
    struct {
        char *command;  /* clipboard.command: a program given the copied text
                           on its standard input (wl-copy, xclip -selection
                           clipboard), run with sh -c; NULL: none */
        char *citation; /* clipboard.citation: the template after a copied
                           passage (yuedu/clipboard.h); "" none */
        int limit;      /* clipboard.limit: most bytes of OSC 52 payload,
                           YD_CLIPBOARD_LIMIT_DEFAULT; 0: no OSC 52 */
        bool osc52;     /* clipboard.osc52: send OSC 52, true */
    } clipboard;
    bool markup_raw; /* markup: raw (show Markdown and HTML as their source)
                        or rendered (false, the default), as :set markup */
    yd_purify_settings purify; /* purify: hide, dim, rules (purify.h) */
    /* The key table in effect: the built-in bindings (yd_default_bindings)
     * with those the file changes. An action named in the file loses its
     * built-in keys (in that pane; under keys: directly, in every pane), and
     * a key the file binds is taken from whatever it did by default. */
    yd_binding *bindings;
    size_t nbindings;
} yd_config;

/* The built-in configuration. YD_ENOMEM is the only failure. */
yd_status yd_config_init(yd_config *config, yd_error *err);
void yd_config_free(yd_config *config);

/* The default file: $XDG_CONFIG_HOME/yuedu/config.yaml when that variable
 * is an absolute path, else $HOME/.config/yuedu/config.yaml. Returns 0, or
 * -1 when neither variable helps (then there is no user configuration). */
int yd_config_default_path(char *buf, size_t size);

/* The user's theme folder: .../yuedu/themes beside config.yaml. */
int yd_config_themes_dir(char *buf, size_t size);

/* Read the configuration. path NULL: the default file, where a missing
 * file means the built-in configuration and no problem; a path given
 * (--config) must exist. config is set up by this call (no init needed)
 * and must be freed even after a failure. Problems are appended to
 * problems. Returns YD_OK, or YD_ENOMEM. */
yd_status yd_config_load(yd_config *config, const char *path, yd_problems *problems, yd_error *err);

/* The same from text in memory; name is the file name for messages. */
yd_status yd_config_parse(yd_config *config, const char *name, const char *data, size_t length, yd_problems *problems,
                          yd_error *err);

/* The keys bound to action in context (exactly that context), in the
 * order of the table; returns how many were stored (at most max) and sets
 * *total (may be NULL) to how many there are. For help screens. */
size_t yd_config_keys_of(const yd_config *config, yd_key_context context, yd_action action, yd_key_seq *out,
                         size_t max, size_t *total);

#endif
