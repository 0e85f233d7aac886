/* Make ncursesw count cells the way the layout does. */
#ifndef YUEDU_TERM_WIDTH_H
#define YUEDU_TERM_WIDTH_H

#include <stddef.h>
#include <wchar.h>

#include "yuedu/width.h"

/* From now on, wcwidth() (which ncursesw calls for every character it
 * places) answers from table for every character the layout sends, and
 * glibc's answer for the rest. NULL goes back to glibc for everything.
 * Call it before drawing and again when ambiwidth changes; table must stay
 * alive while it is in use. */
void term_width_use(const yd_width_table *table);

/* The cells s[0..n) takes on screen (characters of no width count 0). */
int term_cells(const wchar_t *s, size_t n);

/* Where the row of text[start..n) that fits in width cells ends: after the
 * last character that fits (Chinese breaks between any two), or at the
 * last space that fits when that would cut a word (English); at least one
 * character, even one wider than the row. The next row starts there, its
 * spaces skipped by the caller. */
size_t term_wrap_end(const wchar_t *text, size_t n, size_t start, int width);

#endif
