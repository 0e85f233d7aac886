/* The interactive reader. */
#ifndef YUEDU_TUI_H
#define YUEDU_TUI_H

#include "yuedu/config.h"
#include "yuedu/corpus.h"
#include "yuedu/theme.h"

/* What the reader is told by the command line and the configuration. */
typedef struct tui_settings {
    const yd_config *config;  /* checked, defaults where the file is silent */
    const yd_theme *theme;    /* the theme chosen (mono under NO_COLOR) */
    int ambiwidth;            /* --ambiwidth 1 or 2; 0: the configuration's */
    int no_color;             /* --no-color or NO_COLOR */
    const char *themes_dir;   /* the bundled themes (for :theme); may be NULL */
    /* Problems in config.yaml and the theme (also on stderr): the first is
     * said when the reader starts, all are in :messages. May be NULL. */
    const struct yd_problems *config_problems;
    /* --start-at-beginning: the first document at its start, not where
     * this corpus was left. */
    int start_at_beginning;
    /* The document opened first when the corpus has no place to resume
     * (the bundled guide's part in the user's language), chosen among the
     * paths walked; NULL: the first. */
    size_t (*first_document_of)(const char *const *paths, size_t count);
} tui_settings;

/* Read the documents named by args (files and folders, walked as
 * yd_corpus_collect does) until the user quits; the walk and the loading
 * happen in the background while the first document shows. What the walk
 * leaves out is on the message line, and on stderr once the screen is
 * given back. Returns an exit code. Refuses TERM=dumb and terminals curses
 * cannot drive, with a message. */
int tui_run(const char *const *args, size_t nargs, const yd_load_options *load, const tui_settings *settings);

#endif
