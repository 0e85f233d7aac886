/* The interactive reader. */
#ifndef YUEDU_TUI_H
#define YUEDU_TUI_H

#include "yuedu/corpus.h"

/* Read the documents of files (taken over and freed) until the user quits;
 * they load in the background while the first one shows. Returns an exit
 * code. Refuses TERM=dumb and terminals curses cannot drive, with a
 * message. */
int tui_run(yd_path_list *files, const yd_load_options *load);

#endif
