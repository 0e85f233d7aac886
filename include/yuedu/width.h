/* Cell widths and what a character looks like on screen.
 *
 * The rendering policy (docs/LAYOUT.md explains why):
 *
 *   - A code point is sent to the terminal ("drawable") only when Unicode
 *     data (ICU: East Asian Width, emoji presentation, general category) and
 *     glibc's wcwidth() agree on its width, or when it is East Asian
 *     Ambiguous, glibc says 1 and ambiwidth is 2 (the terminal was found to
 *     draw those wide; curses is made to agree through the wcwidth() override
 *     of src/cli/term_width.c). So ncursesw, tmux and the terminal all count
 *     the same cells as the layout.
 *   - Controls (C0, DEL, C1) and bidi controls become ASCII placeholders
 *     (^[, <85>, <202E>); what the terminal cannot size becomes ? or U+3013
 *     (〓); what has no width of its own is dropped (zero-width spaces,
 *     variation selectors, joiners, tags, soft hyphens).
 *
 * A width table is made once per ambiwidth and filled lazily, a block of
 * 256 code points at a time (thread-safe): share it freely between
 * threads. */
#ifndef YUEDU_WIDTH_H
#define YUEDU_WIDTH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/status.h"

typedef struct yd_width_table yd_width_table;

/* What the layout does with a code point (yd_width_info.kind). */
typedef enum yd_char_kind {
    YD_CHAR_DRAW = 0,      /* sent as is; width 0 (a combining mark), 1 or 2 */
    YD_CHAR_DROP,          /* not shown, no cells (ZWSP, VS, ZWJ, tags...) */
    YD_CHAR_CONTROL,       /* C0, DEL, C1, bidi: a ^X, <XX> or <XXXX> placeholder */
    YD_CHAR_TAB,           /* spaces to the next multiple of 4 cells */
    YD_CHAR_BREAK,         /* U+2028, U+2029: ends the row, no cells */
    YD_CHAR_PLACEHOLDER,   /* the terminal cannot size it: ? or 〓 by width */
    YD_CHAR_REGIONAL       /* a regional indicator: shown as its ASCII letter */
} yd_char_kind;

/* Line-breaking classes used by the Chinese rules (bit set). */
enum {
    YD_LB_NO_START = 1,    /* closing punctuation: never starts a row */
    YD_LB_NO_END = 2,      /* opening punctuation: never ends a row */
    YD_LB_INSEPARABLE = 4, /* …… —— ⋯⋯: never broken between two of them */
    YD_LB_CJK = 8,         /* wide or CJK punctuation: Chinese rules decide */
    YD_LB_SPACE = 16,      /* hangs at a row end: not drawn there, not counted */
    YD_LB_WORD = 32,       /* ASCII letter or digit: UAX #14 never breaks
                              between two of them (LB23, LB25, LB28) */
    YD_LB_ASCII_CLOSE = 64 /* , . ; : ! ? ) ] }: UAX #14 allows a break
                              between one of them and a CJK character */
};

typedef struct yd_width_info {
    uint8_t kind;          /* yd_char_kind */
    uint8_t width;         /* cells: drawn width, or the placeholder's width */
    uint8_t lb;            /* YD_LB_* bits */
    uint8_t plain;         /* grapheme-wise plain: a boundary surely lies
                              between two plain code points */
} yd_width_info;

/* Build the table for ambiwidth 1 or 2. */
yd_status yd_width_table_new(int ambiwidth, yd_width_table **out, yd_error *err);
void yd_width_table_free(yd_width_table *table);
int yd_width_ambiwidth(const yd_width_table *table);

/* Everything the layout needs to know about c (any value; out-of-range
 * values are placeholders). */
yd_width_info yd_width_info_of(const yd_width_table *table, UChar32 c);

/* The table itself, for hot loops: entries for code points below
 * YD_WIDTH_TABLE_LIMIT (ask yd_width_info_of for the others). */
#define YD_WIDTH_TABLE_LIMIT 0x40000
const yd_width_info *yd_width_table_data(const yd_width_table *table);
/* Entries are filled lazily, a block of 1 << YD_WIDTH_BLOCK_BITS code
 * points at a time: entry c of the data is valid once
 * ready[c >> YD_WIDTH_BLOCK_BITS] is set (read it with acquire order);
 * otherwise yd_width_info_of fills the block. */
#define YD_WIDTH_BLOCK_BITS 2
const atomic_uchar *yd_width_table_ready(const yd_width_table *table);

/* The character to show for c outside the layout (titles, file names,
 * search snippets), so that nothing reaches the terminal raw: c itself
 * when it is drawn as is with a width, a space for a tab or a line
 * separator, '?' for a control or what the terminal cannot size, 0 when
 * nothing is shown (zero-width characters, lone combining marks). *width
 * (may be NULL) gets its cells. */
UChar32 yd_width_safe_char(const yd_width_table *table, UChar32 c, int *width);

/* Width that curses and the terminal must count for c when it is sent:
 * 0, 1 or 2 for drawable code points, -1 for code points that the layout
 * never sends. This is what the wcwidth() override returns. */
int yd_width_terminal(const yd_width_table *table, UChar32 c);

/* glibc's own wcwidth() for c in the C.UTF-8 locale, whatever the
 * process locale and even when the executable overrides wcwidth(); -1
 * when that locale is missing or c is unprintable for glibc. */
int yd_width_glibc(UChar32 c);

/* One screen cell as handed to curses: a spacing character followed by up
 * to four combining ones (setcchar takes ch as is), 1 or 2 columns wide.
 * Placeholders are ASCII or 〓; tabs are blanks. */
#define YD_CELL_CHARS 5
enum {
    YD_CELL_PLACEHOLDER = 1, /* stands for something not shown as is: style it */
    YD_CELL_BLANK = 2        /* padding of a tab */
};
typedef struct yd_cell {
    int32_t start;           /* UTF-16 offset in the text of what it shows */
    int32_t length;          /* code units it stands for (a whole cluster) */
    uint8_t width;           /* 1 or 2 */
    uint8_t flags;           /* YD_CELL_* */
    wchar_t ch[YD_CELL_CHARS + 1]; /* NUL-terminated */
} yd_cell;

/* Most cells one grapheme cluster turns into; the rest of a longer one (a
 * chain of a dozen emoji joined by ZWJ) is dropped. */
#define YD_CLUSTER_MAX_CELLS 16

/* The cells of the grapheme cluster text[start, end) drawn at column col
 * (which only tabs look at). Writes at most YD_CLUSTER_MAX_CELLS cells to
 * out (which may be NULL) and returns how many; *width gets their columns. */
int yd_cluster_cells(const yd_width_table *table, const UChar *text, int32_t start, int32_t end, int col,
                     yd_cell *out, int *width);

/* Width in cells of UTF-16 text as the layout shows it on one row starting
 * at column 0 (tabs expand, placeholders count, breaks count 0). Grapheme
 * clusters are found with ICU. Returns -1 when ICU fails. */
int yd_width_of_text(const yd_width_table *table, const UChar *text, int32_t length);

#endif
