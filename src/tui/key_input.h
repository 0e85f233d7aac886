/* Reading one key from curses: a key, a click, or nothing before the
 * timeout; Esc and a key after it as the prompts' Alt keys; SGR mouse
 * reports curses does not decode itself (sgr_mouse.h); the marks around
 * a bracketed paste. */
#ifndef YUEDU_TUI_KEY_INPUT_H
#define YUEDU_TUI_KEY_INPUT_H

#include "keymap.h"

/* The next key (is_key and KEY_* for curses' keys, alt for Esc-then-key),
 * or code WEOF when none came before curses' timeout. */
key read_key(void);

/* Ask the terminal to bracket what is pasted (DECSET 2004), or stop. A
 * paste is then text for the prompt that is open: its line ends and other
 * controls are left out, and outside a prompt nothing of it runs. */
void bracketed_paste(int on);

#endif
