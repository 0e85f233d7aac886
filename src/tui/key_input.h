/* Reading one key from curses: a key, a click, or nothing before the
 * timeout; Esc and a key after it as the prompts' Alt keys; SGR mouse
 * reports curses does not decode itself (sgr_mouse.h). */
#ifndef YUEDU_TUI_KEY_INPUT_H
#define YUEDU_TUI_KEY_INPUT_H

#include "keymap.h"

/* The next key (is_key and KEY_* for curses' keys, alt for Esc-then-key),
 * or code WEOF when none came before curses' timeout. */
key read_key(void);

#endif
