/* The reader's screen as panes over one model (app.h): two tiled panes,
 * outline | text, under a stack of overlays (the help and message pager,
 * the result list, the bookmark list, the question about unsaved
 * bookmarks, the prompts). Each pane is a table of operations, as tig's
 * view_ops or tmux's window_mode; which pane gets a key, a click and the
 * screen is decided in pane.c alone, always in one order: the top of the
 * stack, then the focused tiled pane, then the reader's global actions. */
#ifndef YUEDU_TUI_PANE_H
#define YUEDU_TUI_PANE_H

#include <curses.h>
#include <stddef.h>

#include "keymap.h"
#include "prompt.h"

struct app;

typedef struct pane_ops {
    const char *name;
    int covers;          /* draws over the whole area of the tiled panes */
    int line_editor;     /* edits on the message line: takes Alt keys, drawn last */
    key_context context; /* the key table its actions are read with */
    void (*draw)(struct app *a);
    /* A key as typed, before key sequences: 1 when taken. NULL or 0: the
     * key goes through the key table of `context` to act. */
    int (*key)(struct app *a, key k);
    /* An action: 1 when done; 0 passes it to the next in line. */
    int (*act)(struct app *a, action what);
    /* A mouse event over it; NULL: a click on it does nothing (an overlay
     * still keeps it from the panes it covers). */
    void (*mouse)(struct app *a, const MEVENT *ev);
    /* A prompt it opened (prompt_pane_open) was edited, accepted or
     * cancelled: live filters follow every edit. */
    void (*prompt_done)(struct app *a, prompt_result r);
    void (*document_changed)(struct app *a, size_t doc); /* its text was read again */
    void (*free)(struct app *a);
} pane_ops;

enum { OVERLAY_MAX = 8 };

/* The panes (each defined in its own file). */
extern const pane_ops text_pane, outline_pane;                 /* tiled */
extern const pane_ops pager_pane, results_pane, bookmark_list_pane, unsaved_pane,
    prompt_pane, search_pane, selection_pane, notes_pane, ref_hints_pane, cited_by_pane; /* overlays */
extern const pane_ops highlight_note_owner;                   /* a's note prompt: prompts only */
extern const pane_ops command_line_owner;                     /* `:` commands: prompts only */
extern const pane_ops global_actions;                         /* the last in line */

/* The stack of overlays. Opening one already open brings it to the top. */
void pane_open(struct app *a, const pane_ops *p);
void pane_close(struct app *a, const pane_ops *p);
int pane_is_open(const struct app *a, const pane_ops *p);
const pane_ops *pane_overlay(const struct app *a); /* the top overlay, or NULL */
const pane_ops *pane_focused(const struct app *a); /* the tiled pane with focus */
/* Esc typed alone (not the start of a sequence, not Alt) is the lists'
 * way out: 1 when k is that key. */
int pane_key_is_lone_esc(const struct app *a, key k);
/* A list's key hook for that key: it closes p, clearing the message line.
 * Returns 1 when it took the key. */
int pane_close_on_lone_esc(struct app *a, key k, const pane_ops *p);

/* Dispatch, in the one order. */
void panes_draw(struct app *a);                  /* everything above and on the last two lines */
int panes_key(struct app *a, key k);             /* 1: the top overlay took the key as typed */
int panes_take_alt(const struct app *a);         /* the top overlay edits text: Alt keys are its own */
key_context panes_context(const struct app *a);  /* the key table for the keys now */
void panes_act(struct app *a, action what);
void panes_mouse(struct app *a, const MEVENT *ev);
void panes_document_changed(struct app *a, size_t doc);
void panes_free(struct app *a);

/* The prompt overlay, opened for owner, whose prompt_done hears of each
 * edit and the end. label NULL: the leader alone; text NULL: empty. */
void prompt_pane_open(struct app *a, const pane_ops *owner, wchar_t leader, const wchar_t *label,
                      const wchar_t *text);

#endif
