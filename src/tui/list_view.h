/* One list view for the reader's lists (the result list, the bookmark
 * list, the pager): rows, a selection and the first row on screen, moved
 * by the moving actions whatever keys they are bound to; and the one
 * painter of their text, cut before a character that would cross the
 * edge (a Chinese character is never split in half). */
#ifndef YUEDU_TUI_LIST_VIEW_H
#define YUEDU_TUI_LIST_VIEW_H

#include <curses.h>
#include <stddef.h>
#include <wchar.h>

#include "keymap.h"
#include "yuedu/pinyin.h"

typedef struct list_view {
    size_t count;    /* rows */
    size_t selected; /* the selected row (lists that select) */
    size_t top;      /* the first row on screen */
} list_view;

/* A moving action moves the selection: a row, a page of page rows, half of
 * one, to either end. Returns 1 when what is a moving action. */
int list_view_move(list_view *v, action what, size_t page);
/* The same for a list that only scrolls (the pager): the top row moves,
 * at most to where the last page shows page rows. */
int list_view_scroll(list_view *v, action what, size_t page);
/* The selection back on screen, shown rows showing. */
void list_view_reveal(list_view *v, size_t shown);
/* The selection kept within the rows after they changed. */
void list_view_clamp(list_view *v);

/* A list's header says what its keys do: " KEY what, KEY what" appended
 * to buf[0..at) for each action bound in the list's key context. */
typedef struct list_hint {
    action what;
    const char *says;
} list_hint;
void list_hints_append(const keymap *m, char *buf, size_t at, size_t size, const list_hint *hints, size_t n);

/* ---- The filter of every list: one predicate ----
 *
 * A row matches when one of its words (a name, a note, a title, a file
 * name) contains what was typed: literally, through a fold table as search
 * folds; or, when the typed text has a Latin letter, by pinyin (xf finds
 * 宪法, yuedu/pinyin.h). Each distinct text is prepared for pinyin once and
 * kept in a list_words cache, keyed by the text itself, so a keystroke
 * only matches prepared texts, whichever list the text is in and however
 * often the list is made again. */
typedef struct list_words_entry list_words_entry;
typedef struct list_words {
    list_words_entry *slots; /* open addressing, cap a power of two */
    size_t cap, used;
} list_words;

/* What a filter matches with: the typed text, the fold table of its
 * literal match (NULL: Latin letters without case only), and for pinyin
 * the transliterator (NULL: none) and the table its other characters are
 * compared through. */
typedef struct list_filter {
    const wchar_t *typed;
    const UChar *fold;
    yd_pinyin *pinyin;
    const UChar *pinyin_fold;
} list_filter;

/* Does words contain what f says? Pinyin prepared in cache (NULL: prepared
 * for this call alone). -1 when out of memory (then: no match). */
int list_filter_match(const list_filter *f, list_words *cache, const wchar_t *words);
/* Has typed a Latin letter, so that it may be pinyin (then a filter needs
 * the transliterator)? */
int list_filter_wants_pinyin(const wchar_t *typed);
/* s as UTF-16 of the Basic Multilingual Plane (as the fold tables and the
 * pinyin readings have it), at most cap units; returns their count. */
int32_t list_text_units(const wchar_t *s, UChar *out, int32_t cap);
void list_words_free(list_words *cache);

/* Draw w[0..n) from (y, x) in attr, stopping before a character that would
 * cross column limit; characters of no width are left out. Returns the
 * column reached. */
int list_put(int y, int x, int limit, const wchar_t *w, size_t n, attr_t attr);

#endif
