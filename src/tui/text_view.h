/* The text pane: rows of the current document at the pane's width, and
 * which row is at the top. The reading position is kept as a text offset,
 * so it survives a resize or a change of document and back. */
#ifndef YUEDU_TUI_TEXT_VIEW_H
#define YUEDU_TUI_TEXT_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/document.h"

typedef struct text_row {
    int32_t start, end; /* text offsets */
} text_row;

typedef struct text_view {
    const yd_document *doc;
    text_row *rows;
    size_t count, capacity;
    int width;          /* the rows' width; 0: lay out again */
    size_t top;         /* first row shown */
} text_view;

/* Show doc at width, keeping the row that holds `offset` at the top.
 * Returns -1 when out of memory. */
int text_view_show(text_view *v, const yd_document *doc, int width, int32_t offset);

/* Text offset of the top row (the reading position). */
int32_t text_view_offset(const text_view *v);

/* Scroll by delta rows, clamped so that a full pane of `height` rows shows
 * where possible. */
void text_view_scroll(text_view *v, long delta, int height);

/* Put the row holding offset at the top (clamped like scrolling). */
void text_view_go_to_offset(text_view *v, int32_t offset, int height);

/* Percent of the document read when `height` rows show. */
unsigned text_view_percent(const text_view *v, int height);

/* Draw rows top.. into the pane at (y, x), height x width. */
void text_view_draw(const text_view *v, int y, int x, int height, int width);

void text_view_free(text_view *v);

#endif
