/* Layout: a document's paragraphs turned into screen rows for a text pane
 * of a given width, lazily and paragraph by paragraph.
 *
 * A paragraph is one source line (docs/LAYOUT.md says why): paragraph k is
 * line k of the document, so outline, search and bookmarks, which speak in
 * lines and offsets, map to rows without a second index.
 *
 * Rows are found with ICU's line break iterator (locale zh) corrected by
 * the Chinese rules (no row starts with closing punctuation, none ends
 * with opening punctuation, …… and —— are never split), filled greedily by
 * grapheme cluster width. When a row holds no allowed break, it is broken
 * at the last grapheme boundary that keeps the rules, and only when there
 * is none at the last grapheme boundary (YD_ROW_FORCED).
 *
 * Every row keeps its source offsets. The rows of a paragraph tile the
 * line [start of line, end of line) without gaps or overlap; what is drawn
 * of a row is [draw_start, draw_end) (leading white space of a paragraph is
 * replaced by the indent, white space where a row is broken hangs in the
 * margin and is not drawn).
 *
 * A rendered document (yuedu/markup.h) says more: where each paragraph's
 * first row starts and where the rows after it hang (list items), and
 * which lines are verbatim (code, tables): one row each, leading spaces
 * kept, never broken, cut at the pane's edge (YD_ROW_CLIPPED; the rest of
 * the line is not drawn).
 *
 * A layout borrows its document and width table: both must outlive it. It
 * is not thread-safe (it caches). */
#ifndef YUEDU_LAYOUT_H
#define YUEDU_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/status.h"
#include "yuedu/width.h"

#define YD_LAYOUT_MAX_WIDTH 30000

typedef struct yd_layout_options {
    int width;           /* cells of the text pane, 2 to YD_LAYOUT_MAX_WIDTH */
    int max_text_width;  /* 0: none; else the text column is at most this
                            wide and centred in the pane */
    int indent;          /* first-row indent in cells (default 4: two
                            full-width characters); leading spaces, tabs and
                            U+3000 of a paragraph are replaced by it */
    bool blank_between;  /* one blank row between paragraphs; runs of blank
                            source lines then show as one blank row */
    /* First-row indent of paragraph para, or -1 for the default (a reader
     * returns 0 for headings, which the outline knows). The default, and
     * what happens when this is NULL: 0 for Markdown headings ("# ..."),
     * `indent` for everything else. */
    int (*paragraph_indent)(void *context, int32_t para);
    void *context;
    /* Paragraphs not shown (one byte per paragraph, non-zero: no rows),
     * e.g. a web site's furniture under :set purify on; NULL: all shown.
     * Borrowed: it must outlive the layout. */
    const uint8_t *hidden;
} yd_layout_options;

/* width 80, no maximum, indent 4, no blank rows added, Markdown headings
 * not indented. */
void yd_layout_options_default(yd_layout_options *options);

enum {
    YD_ROW_FIRST = 1,     /* first row of its paragraph */
    YD_ROW_LAST = 2,      /* last text row of its paragraph */
    YD_ROW_GAP = 4,       /* the blank row added by blank_between */
    YD_ROW_BLANK = 8,     /* a blank source line */
    YD_ROW_FORCED = 16,   /* broken where the Chinese rules forbid it: no
                             allowed boundary in the whole row */
    YD_ROW_CLIPPED = 32,  /* one grapheme cluster wider than the pane: the
                             cells past the edge are not drawn */
    YD_ROW_HARD = 64      /* ended by U+2028 or U+2029 */
};

typedef struct yd_row {
    int32_t start, end;           /* source units [start, end) of the row */
    int32_t draw_start, draw_end; /* what of it is drawn */
    int16_t indent;               /* blank cells before the text */
    int16_t width;                /* cells drawn after the indent */
    uint16_t flags;               /* YD_ROW_* */
} yd_row;

typedef struct yd_layout yd_layout;

yd_status yd_layout_new(const yd_document *doc, const yd_width_table *widths, const yd_layout_options *options,
                        yd_layout **out, yd_error *err);
void yd_layout_free(yd_layout *layout);

/* Change the pane width. Rows laid out for the last few widths are kept,
 * so going back and forth (a resize, the outline pane shown and hidden)
 * costs nothing. */
yd_status yd_layout_set_width(yd_layout *layout, int width, yd_error *err);

/* New options (indent, blank rows, maximum width, the indent callback,
 * the width): every cached row is dropped. */
yd_status yd_layout_set_options(yd_layout *layout, const yd_layout_options *options, yd_error *err);

/* Drop every cached row, for when what paragraph_indent answers has changed
 * (the outline finished). Row pointers handed out before become invalid. */
yd_status yd_layout_invalidate(yd_layout *layout, yd_error *err);

/* Width of the text column (options.width capped by max_text_width) and
 * the blank cells to its left that centre it in the pane. */
int yd_layout_text_width(const yd_layout *layout);
int yd_layout_margin(const yd_layout *layout);

/* The document laid out. */
const yd_document *yd_layout_document(const yd_layout *layout);

/* Paragraphs: one per source line. */
int32_t yd_layout_paragraph_count(const yd_layout *layout);

/* The rows of paragraph para (laid out now if needed). *rows stays valid
 * until the layout is freed or this width falls out of the cache (after
 * four other widths). A paragraph may have no rows: a blank line folded
 * into the one before it under blank_between. */
yd_status yd_layout_paragraph(yd_layout *layout, int32_t para, const yd_row **rows, int32_t *count, yd_error *err);

/* The cells of a row of this layout, left to right, starting after
 * margin + indent. cap must be at least the text width; returns the count. */
int yd_layout_row_cells(yd_layout *layout, const yd_row *row, yd_cell *cells, int cap);

/* A place in the row sequence of the whole document. */
typedef struct yd_layout_pos {
    int32_t para; /* paragraph */
    int32_t row;  /* row within it */
} yd_layout_pos;

/* The row showing source offset (the row of its paragraph whose range holds
 * it; the paragraph's first row when it has none). */
yd_status yd_layout_pos_of_offset(yd_layout *layout, int32_t offset, yd_layout_pos *pos, yd_error *err);

/* Move pos by delta rows (negative: up), laying out only the paragraphs
 * crossed. *moved (may be NULL) gets the rows actually moved, less than
 * |delta| at either end of the document. */
yd_status yd_layout_pos_move(yd_layout *layout, yd_layout_pos *pos, int32_t delta, int32_t *moved, yd_error *err);

/* What was done so far, for tests and benchmarks. */
typedef struct yd_layout_stats {
    int64_t paragraphs_laid_out; /* over all widths */
    int64_t rows_made;
} yd_layout_stats;
yd_layout_stats yd_layout_get_stats(const yd_layout *layout);

#endif
