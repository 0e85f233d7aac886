/* The reader's key table: which key does what, in which pane. Help (`?`)
 * is generated from this table, so it lists exactly the keys bound. */
#ifndef YUEDU_TUI_KEYMAP_H
#define YUEDU_TUI_KEYMAP_H

#include <stddef.h>
#include <wchar.h>

typedef enum action {
    ACT_NONE = 0,
    /* moving; in the outline pane they move the selection */
    ACT_LINE_DOWN, ACT_LINE_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_HALF_DOWN, ACT_HALF_UP,
    ACT_TOP, ACT_BOTTOM,
    /* jumping */
    ACT_NEXT_HEADING, ACT_PREV_HEADING, ACT_NEXT_SECTION, ACT_PREV_SECTION,
    ACT_NEXT_DOC, ACT_PREV_DOC, ACT_JUMP_BACK, ACT_JUMP_FORWARD, ACT_COMMAND,
    /* panes */
    ACT_FOCUS, ACT_TOGGLE_OUTLINE, ACT_OUTLINE_NARROWER, ACT_OUTLINE_WIDER, ACT_OUTLINE_SIDE,
    ACT_TOGGLE_MOUSE,
    /* outline pane */
    ACT_OPEN, ACT_TOGGLE, ACT_EXPAND, ACT_COLLAPSE, ACT_EXPAND_ALL, ACT_COLLAPSE_ALL,
    ACT_LEVEL_1, ACT_LEVEL_2, ACT_LEVEL_3, ACT_LEVEL_4, ACT_LEVEL_5, ACT_LEVEL_6, ACT_LEVEL_7,
    ACT_LEVEL_8, ACT_LEVEL_9, ACT_FILTER,
    /* the rest */
    ACT_HELP, ACT_REDRAW, ACT_QUIT, ACT_SUSPEND,
    /* search (the order matches yd_action of include/yuedu/keys.h) */
    ACT_SEARCH, ACT_NEXT_HIT, ACT_PREV_HIT, ACT_SEARCH_RESULTS,
    ACT_BOOKMARK_ADD, ACT_BOOKMARK_LIST,
    ACT_COUNT
} action;

/* Where a binding applies. */
typedef enum key_context { CTX_ANY, CTX_TEXT, CTX_OUTLINE, CTX_HELP } key_context;

/* A key as the reader sees it: a character (is_key 0) or a curses KEY_*. */
typedef struct key {
    int is_key;
    wint_t code;
} key;

/* Use the configuration's key table (yuedu/keys.h bindings, the built-in
 * ones merged with the file's) instead of the built-in one. Returns how
 * many bindings were left out (sequences of several keys). */
#include "yuedu/keys.h"
size_t keymap_install(const yd_binding *bindings, size_t count);
void keymap_uninstall(void);

/* The action bound to k in context (falling back to CTX_ANY). */
action keymap_lookup(key_context context, key k);

/* Help: line n (0-based) of the generated key list, or NULL past the end. */
const char *keymap_help_line(size_t n, char *buf, size_t size);
size_t keymap_help_line_count(void);

#endif
