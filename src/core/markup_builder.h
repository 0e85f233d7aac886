/* Private to the converters of markup (markdown.c): a rendered document
 * written line by line, with the line table, spans and links of
 * yuedu/markup.h kept as it grows. Every converter writes through this, so
 * that each gives the same kind of document and none indexes lines itself.
 *
 * Errors are sticky: after an allocation fails every call does nothing and
 * yd_mb_finish reports it, so converters need not check each call. */
#ifndef YUEDU_MARKUP_BUILDER_H
#define YUEDU_MARKUP_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/markup.h"

#define YD_MB_MAX_OPEN 32 /* spans open at once; deeper nesting is unstyled */

typedef struct yd_markup_builder {
    UChar *text;
    int32_t length, cap;
    int32_t *starts;       /* start of each line ended so far */
    yd_line_info *info;    /* and what it is */
    int32_t lines, lines_cap;
    yd_line_info current;  /* what the line being written is */
    int32_t line_start;
    yd_span *spans;
    size_t span_count, span_cap;
    uint8_t open[YD_MB_MAX_OPEN]; /* styles of the open spans, outermost first */
    size_t open_at[YD_MB_MAX_OPEN]; /* their index in spans */
    int open_count, open_ignored;
    yd_link *links;
    size_t link_count, link_cap;
    size_t trails;         /* trail surrogates written: chars = length - trails */
    bool oom, too_big;
} yd_markup_builder;

void yd_mb_init(yd_markup_builder *b);
void yd_mb_free(yd_markup_builder *b);

/* Say what the line being written is (kept until the line ends). */
void yd_mb_set_line(yd_markup_builder *b, yd_line_info info);

/* Append UTF-8 (ill-formed sequences become U+FFFD) or UTF-16 text to the
 * line being written; a newline in it is written as a space. */
void yd_mb_put8(yd_markup_builder *b, const char *s, size_t n);
void yd_mb_put16(yd_markup_builder *b, const UChar *s, int32_t n);
void yd_mb_put_cstr(yd_markup_builder *b, const char *s);

/* Units written on the line so far, and its last unit (0 when none). */
int32_t yd_mb_column(const yd_markup_builder *b);
UChar yd_mb_last(const yd_markup_builder *b);

/* End the line being written (an empty one too); the next line starts
 * with the same info as this one had, spans still open continue on it. */
void yd_mb_end_line(yd_markup_builder *b);

/* End the line when something is on it. */
void yd_mb_flush_line(yd_markup_builder *b);

/* A blank line between blocks, unless at the start or after one. */
void yd_mb_separate(yd_markup_builder *b, int32_t source_line);

/* Take back what was written since offset at (taken where no line was
 * being written): the text and the lines ended since, such as the blank
 * line before a paragraph that turned out to hold nothing. Spans opened
 * since are left empty, and yd_mb_finish drops those. */
void yd_mb_take_back(yd_markup_builder *b, int32_t at);

/* Spans: open one at the current position; close the innermost. */
void yd_mb_open(yd_markup_builder *b, yd_span_style style);
void yd_mb_close(yd_markup_builder *b);

/* An image's stand-in: [图], or [图：alt] when alt says something (UTF-8,
 * may be NULL), in the image style. */
void yd_mb_image(yd_markup_builder *b, const char *alt);

/* A line break inside a block: the line ends and the next goes on as this
 * one hangs (a list item's next line under its text, not its marker). */
void yd_mb_line_break(yd_markup_builder *b);

/* A link over text [start, end) of the text written, to target (UTF-8). */
void yd_mb_link(yd_markup_builder *b, int32_t start, int32_t end, const char *target, size_t target_len);

/* Current offset in the text. */
static inline int32_t yd_mb_offset(const yd_markup_builder *b) { return b->length; }

/* ---- nesting: what a container (quote, list, item) gives the blocks
 * inside it, kept the same way by every converter ---- */

#define YD_MB_NEST_MAX 64 /* containers tracked; deeper ones indent no further */

typedef struct yd_mb_level {
    int kind;     /* the converter's own kind of container */
    int base;     /* indent of the blocks inside, cells */
    int quote;    /* quote depth */
    int tight;    /* a tight list: no blank lines between its items */
    int ordered;  /* a list of numbers */
    int number;   /* an ordered list's next number */
    int lists;    /* lists around it, itself included */
} yd_mb_level;

typedef struct yd_mb_nest {
    yd_mb_level stack[YD_MB_NEST_MAX];
    int depth, ignored; /* ignored: containers past the maximum */
} yd_mb_nest;

static inline yd_mb_level *yd_mb_top(yd_mb_nest *n) { return n->depth > 0 ? &n->stack[n->depth - 1] : NULL; }
void yd_mb_push(yd_mb_nest *n, yd_mb_level level);
void yd_mb_pop(yd_mb_nest *n);
/* A container of this kind inside the current one: what it gives starts
 * as what the one around it gives. */
yd_mb_level yd_mb_inside(yd_mb_nest *n, int kind);

/* doc's text as UTF-8 for a parser: *out (to free), *length its bytes. */
yd_status yd_mb_source_utf8(const yd_document *doc, char **out, int32_t *length, yd_error *err);

/* The links' targets listed at the end of the text, one line each,
 * numbered in order, as footnotes are (docs/FORMATS.md). */
void yd_mb_link_list(yd_markup_builder *b);

/* ---- tables (markup_table.c), drawn the same for every format ---- */

/* Cells of a code point without the reader's width table (which may count
 * ambiguous ones as two): wide and full-width two, marks none, else one. */
int yd_mb_cells_of(UChar32 c);
int yd_mb_utf8_cells(const char *s);

typedef struct yd_mb_table {
    int rows, cols;
    UChar **text;        /* [rows * cols], NULL: an empty cell */
    int32_t *length;     /* of each */
    int32_t *row_lines;  /* source line of each row */
    uint8_t *align;      /* per column: 'l', 'c', 'r' or 0 */
} yd_mb_table;

/* 0, or -1 when out of memory (nothing to free then). */
int yd_mb_table_init(yd_mb_table *t, int rows, int cols);
/* Set a cell from UTF-8 (control characters become spaces). */
int yd_mb_table_cell(yd_mb_table *t, int row, int col, const char *utf8, size_t n);
void yd_mb_table_free(yd_mb_table *t);
/* Draw t in ASCII with the current line info (kind YD_BLOCK_TABLE): a
 * border, the header rows and a rule under them, the rows, a border; each
 * column as wide as its widest cell up to a cap, a longer cell going on in
 * the lines under it. Each row's lines have its source line. */
void yd_mb_draw_table(yd_markup_builder *b, const yd_mb_table *t, int header_rows);

/* Hand the text, its line index and the markup over to doc (replacing its
 * text, line index and counts; its path, encoding and stamp are kept). The
 * builder is empty afterwards. */
yd_status yd_mb_finish(yd_markup_builder *b, yd_document *doc, yd_error *err);

#endif
