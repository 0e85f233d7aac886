/* Actions and keys as the configuration names them, with no curses in
 * sight: the TUI maps yd_key to curses codes and yd_action to what it does.
 *
 * Actions: the list of things a key can do, the reader's too (its
 * `action` is this enum); names are the ones the configuration file uses
 * ("line-down").
 *
 * Keys: "j", "G", "。" (any one character), "Ctrl-F", "Space", "Enter",
 * "Tab", "Esc", "Backspace", "Up" "Down" "Left" "Right", "PgUp" "PgDn",
 * "Home" "End", "F1".."F12", and sequences of them separated by spaces
 * ("g g", up to YD_KEY_SEQ_MAX keys). Named keys are matched without regard
 * to case ("pgdn", "ctrl-f"); a single character is taken as it is ("G" is
 * not "g"). */
#ifndef YUEDU_KEYS_H
#define YUEDU_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum yd_action {
    YD_ACT_NONE = 0,
    /* moving; in the outline pane they move the selection */
    YD_ACT_LINE_DOWN, YD_ACT_LINE_UP, YD_ACT_PAGE_DOWN, YD_ACT_PAGE_UP, YD_ACT_HALF_DOWN, YD_ACT_HALF_UP,
    YD_ACT_TOP, YD_ACT_BOTTOM,
    /* jumping */
    YD_ACT_NEXT_HEADING, YD_ACT_PREV_HEADING, YD_ACT_NEXT_SECTION, YD_ACT_PREV_SECTION,
    YD_ACT_NEXT_DOC, YD_ACT_PREV_DOC, YD_ACT_JUMP_BACK, YD_ACT_JUMP_FORWARD, YD_ACT_COMMAND,
    /* panes */
    YD_ACT_FOCUS, YD_ACT_TOGGLE_OUTLINE, YD_ACT_OUTLINE_NARROWER, YD_ACT_OUTLINE_WIDER, YD_ACT_OUTLINE_SIDE,
    YD_ACT_TOGGLE_MOUSE,
    /* outline pane */
    YD_ACT_OPEN, YD_ACT_TOGGLE, YD_ACT_EXPAND, YD_ACT_COLLAPSE, YD_ACT_EXPAND_ALL, YD_ACT_COLLAPSE_ALL,
    YD_ACT_LEVEL_1, YD_ACT_LEVEL_2, YD_ACT_LEVEL_3, YD_ACT_LEVEL_4, YD_ACT_LEVEL_5, YD_ACT_LEVEL_6,
    YD_ACT_LEVEL_7, YD_ACT_LEVEL_8, YD_ACT_LEVEL_9, YD_ACT_FILTER,
    /* the rest */
    YD_ACT_HELP, YD_ACT_REDRAW, YD_ACT_QUIT, YD_ACT_SUSPEND,
    /* search and bookmarks (SPEC §6-§8) */
    YD_ACT_SEARCH, YD_ACT_NEXT_HIT, YD_ACT_PREV_HIT, YD_ACT_SEARCH_RESULTS, YD_ACT_BOOKMARK_ADD,
    YD_ACT_BOOKMARK_LIST,
    /* the selection (text pane) */
    YD_ACT_SELECT, YD_ACT_COPY,
    /* highlights and the notes list (bookmarks and highlights) */
    YD_ACT_HIGHLIGHT, YD_ACT_NOTES_LIST,
    /* cross-references: follow one by its hint, list what cites the section read */
    YD_ACT_FOLLOW_REFERENCE, YD_ACT_CITED_BY,
    /* the outline pane: search the selected node's subtree only */
    YD_ACT_SEARCH_HERE,
    /* lists (the result list, the bookmark list): open, filter and the
     * moving keys act on the selected row too */
    YD_ACT_CLOSE, YD_ACT_RENAME, YD_ACT_EDIT_NOTE, YD_ACT_DELETE, YD_ACT_UNDO, YD_ACT_ORDER,
    YD_ACT_EDIT_NOTE_EDITOR,
    YD_ACT_COUNT
} yd_action;

/* "line-down" for YD_ACT_LINE_DOWN; NULL for YD_ACT_NONE or out of range. */
const char *yd_action_name(yd_action action);

/* The action named name, or YD_ACT_NONE. */
yd_action yd_action_from_name(const char *name);

/* Keys that are not characters. */
typedef enum yd_special_key {
    YD_KEY_ENTER = 1, /* CR, LF or the keypad's Enter */
    YD_KEY_BACKSPACE, /* DEL, Ctrl-H or the terminal's backspace key */
    YD_KEY_UP, YD_KEY_DOWN, YD_KEY_LEFT, YD_KEY_RIGHT,
    YD_KEY_PGUP, YD_KEY_PGDN, YD_KEY_HOME, YD_KEY_END,
    YD_KEY_F1, /* F1..F12: YD_KEY_F1 + n - 1 */
    YD_KEY_F12 = YD_KEY_F1 + 11
} yd_special_key;

/* One key: a character (special 0; code is the Unicode code point, control
 * characters for Ctrl-X, Tab 0x09, Esc 0x1B, Space 0x20) or a special key
 * (special 1; code is a yd_special_key). */
typedef struct yd_key {
    uint8_t special;
    uint32_t code;
} yd_key;

#define YD_KEY_SEQ_MAX 4

/* One or more keys pressed in turn. */
typedef struct yd_key_seq {
    uint8_t length;
    yd_key keys[YD_KEY_SEQ_MAX];
} yd_key_seq;

/* Parse a key or a sequence ("g g"). Returns 0, or -1 with why (e.g.
 * "unknown key name 'Ctlr-F'") in why. */
int yd_key_seq_parse(const char *text, yd_key_seq *out, char *why, size_t size);

/* The canonical name ("Ctrl-F", "g g", "PgDn"), as the help shows it. */
char *yd_key_seq_format(const yd_key_seq *seq, char *buf, size_t size);

bool yd_key_seq_equal(const yd_key_seq *a, const yd_key_seq *b);

/* Is a a proper prefix of b ("g" of "g g")? */
bool yd_key_seq_is_prefix(const yd_key_seq *a, const yd_key_seq *b);

/* Where a binding applies. The numbers are those of the reader's
 * key_context (CTX_ANY, CTX_TEXT, CTX_OUTLINE, CTX_LIST); the help
 * screen's own keys (q, ?, Esc close it) and Esc in a list are not
 * configurable. A list's own keys come before those of every pane, of
 * which it takes the moving keys, help, quit and the keys that open it. */
typedef enum yd_key_context { YD_CTX_ANY = 0, YD_CTX_TEXT = 1, YD_CTX_OUTLINE = 2, YD_CTX_LIST = 3 } yd_key_context;

typedef struct yd_binding {
    yd_key_context context;
    yd_action action;
    yd_key_seq keys;
} yd_binding;

/* The built-in bindings (less and vim habits, SPEC §6): the reader's table
 * written with key names, in the order the help lists them. */
const yd_binding *yd_default_bindings(size_t *count);

#endif
