/* Checks before curses takes the terminal (term_setup.c). */
#ifndef YUEDU_TUI_TERM_SETUP_H
#define YUEDU_TUI_TERM_SETUP_H

#include <stddef.h>

/* 1 when TERM names a terminal worth trying; 0 (TERM unset, empty or dumb)
 * after a one-line message on stderr. */
int tui_term_usable(void);

/* The one-line message for a TERM that curses does not know. */
void tui_term_unknown(void);

/* Make LC_CTYPE a UTF-8 locale: the user's when it is one, else the same
 * language in UTF-8, else C.UTF-8. Returns 0, with note set to a line for
 * the status line when it had to fall back ("" otherwise), or -1 after a
 * one-line message on stderr when no UTF-8 locale is installed. */
int tui_utf8_locale(char *note, size_t cap);

/* 1 when the reader has a terminal to draw on and to read keys from: keys
 * come from /dev/tty when the standard input is not a terminal (xargs,
 * a pipe), as less reads them; 0 after a one-line message on stderr when
 * the standard output is not a terminal or no terminal can be read. */
int tui_term_attached(void);

#endif
