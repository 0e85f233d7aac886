/* Private to the outline: what one line looks like on its own.
 *
 * yd_classify_line looks at a single line (numbering at its start, its
 * length, its punctuation) and says what it could be; outline.c then decides
 * with the help of the neighbouring lines and the levels seen so far. */
#ifndef YUEDU_HEADING_STYLE_H
#define YUEDU_HEADING_STYLE_H

#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/outline.h"

typedef enum yd_line_kind {
    YD_LINE_BLANK = 0,
    YD_LINE_BODY,    /* prose */
    YD_LINE_OTHER,   /* neither title nor prose: dates, bylines, bullets, label: value */
    YD_LINE_COLON,   /* a short line ending in a colon: salutation or lead-in */
    YD_LINE_TITLE,   /* short, unnumbered, no sentence punctuation */
    YD_LINE_ARTICLE, /* an article marker line */
    YD_LINE_HEADING, /* a numbered line or a Markdown heading */
    YD_LINE_CLAUSE,  /* a numbered line ending in ；: a clause of an enumeration */
    YD_LINE_ITEM     /* 一是, 第一，, 首先， ... */
} yd_line_kind;

enum {
    YD_LF_OPEN_END = 1,  /* ends without terminal punctuation: may go on next line */
    YD_LF_BARE = 2,      /* an article marker with no title after it */
    YD_LF_TRUNCATED = 4, /* the title was cut at the length limit */
    YD_LF_FULL_STOP = 8, /* ends in a full stop (。 or .) */
    YD_LF_PROVISION = 16, /* an article of a statute: 第N条, 第 N 條, 제N조 */
    YD_LF_DATE = 32,      /* a date line: 2024年3月5日, （2017年10月18日） */
    YD_LF_DIALOGUE = 64,  /* opens with a quotation mark: a line of dialogue */
    YD_LF_RUN_ON = 128    /* an article whose text follows its number with no blank (第一条为了…) */
};

typedef struct yd_line_class {
    int32_t title_start, title_end; /* the title as a range of the text */
    uint8_t kind;                   /* yd_line_kind */
    uint8_t style;                  /* yd_heading_style */
    uint8_t hashes;                 /* Markdown # count */
    uint8_t flags;                  /* YD_LF_* */
    uint8_t level;                  /* the level a user's rule gives, else 0 */
    uint8_t why;                    /* yd_outline_reason of a guard that made it prose, else 0 */
} yd_line_class;

/* Classify text[start, end) (one line, without its newline). markdown:
 * the document is a Markdown file, where "1. " starts a list entry. */
void yd_classify_line(const UChar *text, int32_t start, int32_t end, int markdown, yd_line_class *out);

/* Classify text[start, end), a heading of level 1-6 by its markup (a
 * rendered document's, without #): as yd_classify_line would a line with
 * that many #, so that numbering still decides its place (## 第一章). */
void yd_classify_heading(const UChar *text, int32_t start, int32_t end, int level, yd_line_class *out);

/* Is the line [start, end) a Markdown code fence (``` or ~~~)? */
int yd_line_is_fence(const UChar *text, int32_t start, int32_t end);

/* Is the line [start, end) a horizontal rule of ten or more - = — ─ * _? */
int yd_line_is_rule(const UChar *text, int32_t start, int32_t end);

/* White space as the outline sees it (ASCII blanks, U+3000, NBSP...). */
int yd_outline_is_space(UChar c);

/* Columns of [start, end) on a fixed-width screen, roughly: 2 for CJK and
 * full-width characters, 1 for the rest (enough to find a wrap width). */
int32_t yd_outline_columns(const UChar *text, int32_t start, int32_t end);

/* Does the line [start, end) open an attachment list (附件：1.…)? */
int yd_line_opens_attachments(const UChar *text, int32_t start, int32_t end);

/* Does the line [start, end), a document's title, name a rule or a
 * judicial interpretation (…条例, …规定, …的解释（一）, …的批复)? Then its
 * 1. paragraphs are provisions, not headings. */
int yd_line_names_rule(const UChar *text, int32_t start, int32_t end);

#endif
