/* The prompt line: a one-line editor for `:` commands, `/` searches and
 * the lists' filters, with history (Up/Down) and Tab completion supplied by
 * the caller. Input is wide characters, so Chinese names can be typed.
 *
 * It takes the editing keys of readline and less, which people type without
 * thinking (docs/READER.md, "Prompts"): Left/Right, Ctrl-B/F by character,
 * Home/End, Ctrl-A/E, Alt-B/F by word (ICU's word breaks, so that a run of
 * Chinese splits into its words), Backspace, Delete, Ctrl-D, Ctrl-W (back to
 * white space), Alt-Backspace and Alt-D (a word), Ctrl-U and Ctrl-K (to the
 * start, to the end), Ctrl-Y (what the last of these removed), Enter; Esc,
 * Ctrl-C and Ctrl-G cancel. */
#ifndef YUEDU_TUI_PROMPT_H
#define YUEDU_TUI_PROMPT_H

#include <stddef.h>
#include <wchar.h>

#include "keymap.h"

/* PROMPT_MAX - 1 characters fit: room for a long pasted pattern; a key
 * that would go past it is refused and said so (refused), never cut
 * silently. */
enum { PROMPT_MAX = 1024, PROMPT_HISTORY = 50 };

typedef enum prompt_result { PROMPT_EDITING, PROMPT_ACCEPT, PROMPT_CANCEL } prompt_result;

/* Replace text (NUL-terminated, at most PROMPT_MAX-1 characters) with a
 * completion; return 1 when it changed. */
typedef int (*prompt_complete_fn)(void *context, wchar_t *text);

typedef struct prompt {
    int active;
    wchar_t leader;              /* ':' */
    const wchar_t *label;        /* shown instead of the leader when set */
    wchar_t label_text[64];      /* a label in the user's language (prompt_translated_label) */
    wchar_t text[PROMPT_MAX];
    size_t length, cursor;
    size_t refused;              /* characters the last key could not add: the text is full */
    wchar_t killed[PROMPT_MAX]; /* the text the last kill removed, for Ctrl-Y */
    wchar_t history[PROMPT_HISTORY][PROMPT_MAX];
    wchar_t edited[PROMPT_MAX];  /* the line being typed, while Up shows history */
    size_t history_count, history_at;
    prompt_complete_fn complete;
    void *context;
} prompt;

void prompt_open(prompt *p, wchar_t leader);

/* label (English, ASCII, a msgid) in the user's language, kept in p;
 * label itself when it has no translation or does not fit. */
const wchar_t *prompt_translated_label(prompt *p, const wchar_t *label);
prompt_result prompt_key(prompt *p, key k);
/* The accepted text as UTF-8 (for commands). */
void prompt_text_utf8(const prompt *p, char *buf, size_t size);
/* Draw on row y, width columns; places the cursor. */
void prompt_draw(const prompt *p, int y, int width);

#endif
