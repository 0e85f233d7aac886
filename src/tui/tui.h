/* The interactive reader. */
#ifndef YUEDU_TUI_H
#define YUEDU_TUI_H

#include "yuedu/loader.h"

/* Run the reader over documents arriving from loader until the user quits;
 * returns an exit code. Refuses TERM=dumb and terminals curses cannot
 * drive, with a message. */
int tui_run(yd_loader *loader);

#endif
