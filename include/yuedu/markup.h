/* What a document rendered from markup (Markdown today) keeps beside its
 * text: for every text line, what block it belongs to and where it came
 * from in the source file; styled spans of the text; the targets of links.
 *
 * A rendered document is a plain-text document like any other (its text is
 * paragraphs, one per line), so search, folding, bookmarks, positions, the
 * outline and the layout work on it unchanged; this side table only adds
 * what plain text cannot say: a heading's level, a code block kept verbatim,
 * a list item's hanging indent, a span in italics. docs/FORMATS.md. */
#ifndef YUEDU_MARKUP_H
#define YUEDU_MARKUP_H

#include <stddef.h>
#include <stdint.h>

/* What block a text line belongs to. */
typedef enum yd_block_kind {
    YD_BLOCK_TEXT = 0, /* a paragraph */
    YD_BLOCK_BLANK,    /* a blank line between blocks */
    YD_BLOCK_HEADING,  /* a heading; level 1-6 */
    YD_BLOCK_ITEM,     /* a list item's first line (its marker starts it) */
    YD_BLOCK_QUOTE,    /* a paragraph in a block quote */
    YD_BLOCK_CODE,     /* a line of a code block: verbatim */
    YD_BLOCK_TABLE,    /* a line of a table drawn with box characters: verbatim */
    YD_BLOCK_RULE      /* a thematic break */
} yd_block_kind;

/* Indent a line leaves to the layout's configured paragraph indent. */
#define YD_INDENT_DEFAULT (-1)

typedef struct yd_line_info {
    int32_t source_line; /* 1-based line of the source file the line comes from */
    int16_t indent;      /* first-row indent in cells, or YD_INDENT_DEFAULT */
    int16_t hang;        /* indent of the rows after the first, in cells
                            (under a list item's text, past its marker) */
    uint8_t kind;        /* yd_block_kind */
    uint8_t level;       /* heading level 1-6; quote depth for the rest */
} yd_line_info;

/* Is a line of this kind laid out verbatim: one row, never reflowed or
 * broken by the Chinese rules, cut at the pane's edge? */
static inline int yd_block_is_verbatim(int kind) { return kind == YD_BLOCK_CODE || kind == YD_BLOCK_TABLE; }

typedef enum yd_span_style {
    YD_SPAN_EMPHASIS = 1, /* *x*, <em> */
    YD_SPAN_STRONG,       /* **x**, <strong> */
    YD_SPAN_CODE,         /* `x` */
    YD_SPAN_LINK,         /* a link's text */
    YD_SPAN_STRIKE,       /* ~~x~~ */
    YD_SPAN_IMAGE         /* the [图] stand-in for an image */
} yd_span_style;

/* A styled range of the text, in UTF-16 units. */
typedef struct yd_span {
    int32_t start, end;
    uint8_t style; /* yd_span_style */
} yd_span;

/* A link: its text in the document and where it points (UTF-8, as written). */
typedef struct yd_link {
    int32_t start, end;
    char *target;
} yd_link;

typedef struct yd_markup {
    yd_line_info *lines; /* one per line of the document's text */
    int32_t line_count;
    yd_span *spans;      /* sorted by start; nested spans overlap, none crosses a line end */
    size_t span_count;
    yd_link *links;      /* in text order */
    size_t link_count;
    int32_t source_line_count; /* lines of the source file */
} yd_markup;

void yd_markup_free(yd_markup *markup);

/* The style of the innermost span holding text offset at, which is on the
 * line starting at line_start (spans never cross a line end); 0 when none.
 * O(log spans + spans of the line). */
int yd_markup_style_at(const yd_markup *markup, int32_t at, int32_t line_start);

/* The 1-based source line of 0-based text line k of doc's text: k + 1 for
 * plain text, where the line came from for a rendered document. */
struct yd_document;
int32_t yd_source_line(const struct yd_document *doc, int32_t k);

/* Lines of the source file (of the text, for plain text): the status
 * line's "line N/TOTAL" counts the lines :N goes to. */
int32_t yd_source_line_count(const struct yd_document *doc);

/* The other way: the 0-based text line that shows 1-based source line
 * line (or the first line after it, when the source line made none, as a
 * comment or a fence does), so that :N goes where the status line will say
 * "line N"; the last line when past the end. */
int32_t yd_text_line_of_source(const struct yd_document *doc, int32_t line);

#endif
