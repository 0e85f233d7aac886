/* The interactive reader. */
#ifndef YUEDU_TUI_H
#define YUEDU_TUI_H

#include "yuedu/corpus.h"

/* Run the reader over a loaded corpus until the user quits; returns an exit
 * code. Refuses TERM=dumb and terminals curses cannot drive, with a message. */
int tui_run(const yd_corpus *corpus);

#endif
