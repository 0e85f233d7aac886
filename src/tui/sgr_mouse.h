/* SGR (1006) mouse reports on terminals whose terminfo entry describes the
 * X10 form (sgr_mouse.c). */
#ifndef YUEDU_TUI_SGR_MOUSE_H
#define YUEDU_TUI_SGR_MOUSE_H

/* Ask the terminal for SGR reports (on) or stop (off), unless curses
 * already asks for them. */
void sgr_mouse_enable(int on);

/* After ESC [ < from the input: read the rest of one SGR report and queue
 * it for curses (ungetmouse). Returns 1 when a KEY_MOUSE is now waiting. */
int sgr_mouse_read(void);

#endif
