/* The reader's key table: which key does what, in which pane. Help (`?`)
 * is generated from this table, so it lists exactly the keys bound. */
#ifndef YUEDU_TUI_KEYMAP_H
#define YUEDU_TUI_KEYMAP_H

#include <stddef.h>
#include <wchar.h>

#include "yuedu/key_sequence.h"
#include "yuedu/keys.h"

/* What a key does: the configuration's actions (yuedu/keys.h), one enum
 * for both. */
typedef yd_action action;

/* Where a binding applies. */
typedef enum key_context { CTX_ANY, CTX_TEXT, CTX_OUTLINE, CTX_LIST, CTX_HELP } key_context;

/* A key as the reader sees it: a character (is_key 0) or a curses KEY_*.
 * alt: the character came right after an ESC (Alt-b, Meta-b), which the
 * prompts take as an editing key and everything else as Esc, then b. */
typedef struct key {
    int is_key;
    wint_t code;
    int alt;
    int pasted; /* inside a bracketed paste: text for a prompt, never a command */
} key;

/* The key tables of the panes, made from the configuration's bindings
 * (yuedu/keys.h: the built-in ones merged with the file's), matched key by
 * key with yuedu/key_sequence.h so that sequences such as "g g" work. */
typedef struct keymap {
    yd_key_table tables[CTX_HELP + 1]; /* [CTX_TEXT], [CTX_OUTLINE], [CTX_LIST], [CTX_HELP] */
    const yd_binding *bindings;        /* the configuration's, for the help */
    size_t nbindings;
} keymap;

/* Build the tables; bindings must outlive the keymap. Returns 0, or -1
 * when out of memory (then the keymap is empty). */
int keymap_init(keymap *m, const yd_binding *bindings, size_t count);
void keymap_free(keymap *m);

/* A key from curses as the configuration names keys (Enter for CR, LF and
 * the keypad's Enter; Backspace for DEL, Ctrl-H and the key code). A key
 * with no name comes out as a special key bound to nothing. */
yd_key keymap_key(key k);

/* The table of a pane: its own bindings, then those of every pane; the
 * help's are its own keys (q ? Esc close it) and the moving keys; a
 * list's are its own, then the moving keys, help, quit and the keys that
 * open the lists (which close them). */
const yd_key_table *keymap_table(const keymap *m, key_context context);

/* The action bound to the single key k in context, or YD_ACT_NONE (for
 * lists that take single keys, such as the bookmark list). */
action keymap_lookup(const keymap *m, key_context context, key k);

/* The first keys bound to action in context as the help names them ("q",
 * "c w"), for the hints of a list's header; "" when none is. */
const char *keymap_key_name(const keymap *m, key_context context, action what, char *buf, size_t size);

/* Help: line n (0-based) of the generated key list, or NULL past the end. */
const char *keymap_help_line(const keymap *m, size_t n, char *buf, size_t size);
size_t keymap_help_line_count(void);

#endif
