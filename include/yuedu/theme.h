/* Themes: named styles with colours for 8-colour, 256-colour and
 * truecolour terminals, and attributes (docs/CONFIG.md, "Themes").
 *
 * A theme is a YAML file, themes/NAME.yaml. Bundled themes are installed in
 * PREFIX/share/yuedu/themes (the caller finds that folder: the core does
 * not know where the program is); a user's own theme of the same name in
 * $XDG_CONFIG_HOME/yuedu/themes/NAME.yaml takes precedence. "default" and
 * "mono" are also compiled in, so the reader has colours even when no
 * theme file can be found.
 *
 * The core resolves a style to colours for one colour depth, which the
 * caller chooses (yd_color_depth_detect helps: terminfo's colour count);
 * the TUI turns the result into curses pairs (yd_color_direct_value for
 * direct-colour terminals). NO_COLOR or
 * --no-color select the "mono" theme at depth YD_DEPTH_MONO. */
#ifndef YUEDU_THEME_H
#define YUEDU_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yuedu/problems.h"
#include "yuedu/status.h"

typedef enum yd_style {
    YD_STYLE_TEXT,            /* text: the text pane's body text */
    YD_STYLE_HEADING1,        /* heading1..heading6: headings by outline depth; */
    YD_STYLE_HEADING2,        /*   a level a theme leaves out looks like the one above */
    YD_STYLE_HEADING3,
    YD_STYLE_HEADING4,
    YD_STYLE_HEADING5,
    YD_STYLE_HEADING6,
    YD_STYLE_ITEM,            /* item: 第一，一是… markers in the text */
    YD_STYLE_OUTLINE,         /* outline: outline pane entries */
    YD_STYLE_OUTLINE_CURRENT, /* outline-current: the selected entry (the cursor) */
    YD_STYLE_OUTLINE_SECTION, /* outline-section: the section being read */
    YD_STYLE_OUTLINE_MARKER,  /* outline-marker: ▸ ▾ fold markers */
    YD_STYLE_DIVIDER,         /* divider: the line between the panes */
    YD_STYLE_SEARCH_HIT,      /* search-hit: every hit */
    YD_STYLE_SEARCH_CURRENT,  /* search-current: the current hit */
    YD_STYLE_STATUS,          /* status: the status line */
    YD_STYLE_MESSAGE,         /* message: messages and errors on the prompt line */
    YD_STYLE_PLACEHOLDER,     /* placeholder: visible stand-ins for control characters */
    YD_STYLE_BOOKMARK,        /* bookmark: the bookmark mark */
    YD_STYLE_SELECTION,       /* selection: the passage selected with v */
    YD_STYLE_CURSOR,          /* cursor: the selection's moving end */
    YD_STYLE_HIGHLIGHT1,      /* highlight1..highlight4: the four highlight styles */
    YD_STYLE_HIGHLIGHT2,      /*   of passages marked with a (in this order) */
    YD_STYLE_HIGHLIGHT3,
    YD_STYLE_HIGHLIGHT4,
    YD_STYLE_REFERENCE,       /* reference: a cross-reference in the text (第二十三条, 前款) */
    YD_STYLE_HINT,            /* hint: the labels r puts on the references on screen */
    YD_STYLE_EMPHASIS,        /* emphasis: *text* of rendered markup */
    YD_STYLE_STRONG,          /* strong: **text** */
    YD_STYLE_CODE,            /* code: `code`, code blocks and tables */
    YD_STYLE_LINK,            /* link: a link's text, an image's [图] */
    YD_STYLE_QUOTE,           /* quote: block quotes */
    YD_STYLE_COUNT
} yd_style;

/* "search-hit" for YD_STYLE_SEARCH_HIT; NULL out of range. */
const char *yd_style_name(yd_style style);
/* The style named name, or -1. */
int yd_style_from_name(const char *name);

typedef enum yd_color_depth {
    YD_DEPTH_MONO = 0, /* no colours: attributes only */
    YD_DEPTH_8 = 1,
    YD_DEPTH_256 = 2,
    YD_DEPTH_TRUE = 3  /* 24-bit */
} yd_color_depth;

/* Terminfo entries with direct colour (xterm-direct, tmux-direct...) have
 * at least this many colours: a colour number is 0xRRGGBB. */
#define YD_DIRECT_COLORS (1 << 24)

/* The depth to use: colors is terminfo's max_colors (curses COLORS; <= 0 or
 * 2: none; YD_DIRECT_COLORS or more: 24-bit), no_color true for --no-color
 * or NO_COLOR. 24-bit colour comes only from the terminfo entry, which says
 * how to ask for it: COLORTERM=truecolor with a 256-colour entry stays at
 * 256 colours (docs/CONFIG.md, "Truecolour"). */
yd_color_depth yd_color_depth_detect(int colors, bool no_color);

/* --no-color given, or NO_COLOR set to a non-empty value (no-color.org). */
bool yd_no_color(bool flag);

/* The theme to load: "mono" when no_color, else configured (the --theme
 * option, else the configuration's theme:, "default" when NULL or empty). */
const char *yd_theme_choose(const char *configured, bool no_color);

enum { YD_ATTR_BOLD = 1, YD_ATTR_DIM = 2, YD_ATTR_UNDERLINE = 4, YD_ATTR_REVERSE = 8, YD_ATTR_ITALIC = 16 };

typedef enum yd_color_kind {
    YD_COLOR_UNSET = 0, /* in a theme: not given */
    YD_COLOR_DEFAULT,   /* the terminal's own foreground or background (curses -1) */
    YD_COLOR_INDEX,     /* palette index 0..255 (0..7 at depth 8) */
    YD_COLOR_RGB        /* 0xRRGGBB (depth TRUE only) */
} yd_color_kind;

typedef struct yd_color {
    yd_color_kind kind;
    uint32_t value;
} yd_color;

/* A style as the terminal shows it: fg and bg are DEFAULT, INDEX or RGB. */
typedef struct yd_resolved_style {
    yd_color fg, bg;
    unsigned attrs; /* YD_ATTR_* */
} yd_resolved_style;

typedef struct yd_theme_style {
    bool defined;        /* the theme names this style */
    yd_color fg[3], bg[3]; /* [0] 8-colour, [1] 256-colour, [2] truecolour */
    unsigned attrs;
} yd_theme_style;

typedef struct yd_theme {
    char *name;        /* the theme's name: the name: key, else the file's */
    char *path;        /* the file it came from; NULL when built in */
    char *description; /* may be NULL */
    yd_theme_style styles[YD_STYLE_COUNT];
} yd_theme;

/* A compiled-in theme: "default" or "mono". YD_EINVAL for other names. */
yd_status yd_theme_builtin(yd_theme *theme, const char *name, yd_error *err);

/* Parse a theme from text; name names it in messages. Problems (unknown
 * style, colour or attribute, wrong type, invalid YAML) go to problems; what
 * could be read is kept, the rest stays unset. YD_ENOMEM is the only
 * failure. */
yd_status yd_theme_parse(yd_theme *theme, const char *name, const char *data, size_t length, yd_problems *problems,
                         yd_error *err);

/* Where theme name_or_path is: a value holding '/' or ending in ".yaml" is
 * a file; a name is looked up as NAME.yaml in user_dir, then in data_dir
 * (either may be NULL). Returns 0 and fills buf, or -1. */
int yd_theme_find(const char *name_or_path, const char *user_dir, const char *data_dir, char *buf, size_t size);

/* Find and read a theme; user themes are in yd_config_themes_dir(),
 * bundled ones in data_dir (may be NULL). When it cannot be found or read,
 * a problem says so (at origin, where the name was written, when not NULL:
 * the configuration's theme: key) and the theme is the built-in one of that
 * name if there is one, else the built-in default. theme must be freed even
 * after a failure. YD_ENOMEM is the only failure. */
yd_status yd_theme_load(yd_theme *theme, const char *name_or_path, const char *data_dir, const yd_origin *origin,
                        yd_problems *problems, yd_error *err);

void yd_theme_free(yd_theme *theme);

/* A resolved colour as a colour number of a direct-colour terminfo entry
 * (at YD_DEPTH_TRUE): -1 for the terminal's own colour, 0-7 for the eight
 * ANSI colours (palette indexes 0-7: the terminal's own), else 0xRRGGBB
 * (palette indexes 8-255 as xterm's palette; #000000-#000007, which such
 * entries send as the ANSI colours 0-7, as #010000-#010007). */
int yd_color_direct_value(yd_color color);

/* The colours and attributes of style at depth. Colours a style leaves out
 * come from text (and a missing heading level from the level above); at a
 * depth the theme does not give, the nearest form it does give is
 * converted (truecolour → 256 → 8 colours); at YD_DEPTH_MONO, colours are
 * the terminal's and only attributes remain. */
void yd_theme_resolve(const yd_theme *theme, yd_style style, yd_color_depth depth, yd_resolved_style *out);

/* The names of the themes in user_dir and data_dir (either may be NULL),
 * sorted, without duplicates, plus the built-in ones; for completion and
 * listings. *names is malloc'ed, each name too; free with
 * yd_theme_names_free. */
yd_status yd_theme_names(const char *user_dir, const char *data_dir, char ***names, size_t *count, yd_error *err);
void yd_theme_names_free(char **names, size_t count);

#endif
