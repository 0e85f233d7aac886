/* The outline of a document: its articles, headings and items as a tree.
 *
 * The outline is inferred from the text alone, following the numbering
 * conventions of Chinese official and everyday writing (GB/T 9704 and common
 * practice) and Markdown `#` headings; docs/OUTLINE.md gives every rule with
 * an example. In short:
 *
 *   - article markers (第一篇, 篇一, 第一章, 第一节, 第一回, 一: alone on a
 *     line...) are the outer tier; a short unnumbered line just before an
 *     article marker names a group of articles and sits above them;
 *   - headings (一、 （一） 1. （1） 1) ..., Markdown #, short unnumbered
 *     title lines) nest inside the innermost article, their levels taken from
 *     the order in which each numbering style first appears;
 *   - front and back matter (前言, 目录, 后记, 附录...) alone on a line are
 *     top nodes wherever they stand;
 *   - items (一是, 一要, 第一，, 首先，, 第一条...) hang below the heading
 *     they follow and never change the levels.
 *
 * Nodes come in document order; a node's parent precedes it. Titles are
 * ranges of the document's text, so the outline holds no copy of it and
 * stays valid exactly as long as the document does. Building is one pass
 * over the text plus one over the lines, with one allocation per outline
 * (amortised growth), never one per line. */
#ifndef YUEDU_OUTLINE_H
#define YUEDU_OUTLINE_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/status.h"

typedef enum yd_node_kind {
    YD_NODE_ARTICLE, /* 第一篇, 第一章, 一: ...; or the title of a group of them */
    YD_NODE_HEADING, /* 一、 （一） 1. （1） #, unnumbered title lines */
    YD_NODE_ITEM     /* 一是, 第一，, 首先，, 第一条 ... */
} yd_node_kind;

/* Numbering styles. A style is what levels are inferred from; two lines of
 * the same style are siblings unless an outer style came between them. */
typedef enum yd_heading_style {
    YD_NUM_NONE = 0,
    /* article tier */
    YD_NUM_GROUP,      /* unnumbered title of a group of articles */
    YD_NUM_PIAN,       /* 第一篇, 篇一, ...篇一 at the end of a title */
    YD_NUM_BIAN,       /* 第一编, 제1편 */
    YD_NUM_FENBIAN,    /* 第一分编 */
    YD_NUM_BU,         /* 第一部, 第一部分 */
    YD_NUM_JUAN,       /* 第一卷, 卷一 */
    YD_NUM_ZHANG,      /* 第一章, 제1장 */
    YD_NUM_JIE,        /* 第一节, 제1절 */
    YD_NUM_KUAN,       /* 第一款 (a division below 节 in a statute) */
    YD_NUM_MU,         /* 第一目 (below 款) */
    YD_NUM_HUI,        /* 第一回 */
    YD_NUM_JIANG,      /* 第一讲 */
    YD_NUM_COLON,      /* 一: alone on a line */
    YD_NUM_AOZORA_L,   /* Aozora Bunko ［＃「…」は大見出し］ */
    YD_NUM_AOZORA_M,   /* 中見出し */
    YD_NUM_AOZORA_S,   /* 小見出し */
    YD_NUM_ANNEX,      /* 附则 附件一 附录 附表 부칙: the closing parts of a statute */
    YD_NUM_USER_ARTICLE, /* a division by the user's rule (outline.rules), at its level */
    /* heading tier */
    YD_NUM_CN,         /* 一、 (also 一. 一．) */
    YD_NUM_PAREN_CN,   /* （一） (一) */
    YD_NUM_CN_HALF,    /* 一） 一) */
    YD_NUM_AR,         /* 1、 1. 1． */
    YD_NUM_PAREN_AR,   /* （1） (1) */
    YD_NUM_AR_HALF,    /* 1） 1) */
    YD_NUM_DOTTED2,    /* 1.1 followed by a space */
    YD_NUM_DOTTED3,    /* 1.1.1 followed by a space */
    YD_NUM_CIRCLED,    /* ① ② ... */
    YD_NUM_MARKDOWN,   /* # heading without numbering (level from the # count) */
    YD_NUM_PLAIN,      /* short unnumbered title line */
    YD_NUM_FRONT,      /* 前言 序 引言 摘要 目录 楔子...: a top node that adopts nothing */
    YD_NUM_BACK,       /* 结语 后记 附录 参考文献 尾声...: a top node that ends the articles */
    YD_NUM_USER_HEADING, /* a heading by the user's rule, at its level among headings */
    YD_NUM_USER_ITEM,    /* an item by the user's rule */
    YD_NUM_USER_TEXT,    /* text by the user's rule */
    /* items */
    YD_NUM_ITEM,
    YD_NUM_COUNT
} yd_heading_style;

typedef struct yd_outline_node {
    int32_t offset;       /* text offset of the line's first unit */
    int32_t line;         /* 0-based line (source line - 1) */
    int32_t title_start;  /* title as a range of the document's text */
    int32_t title_length;
    int32_t sub_start;    /* a bare marker's title from the next line (第一章 / 总则), */
    int32_t sub_length;   /*   or length 0 */
    int32_t parent;       /* index of the parent node, -1 for a top node */
    int32_t end;          /* index just past this node's subtree */
    uint16_t depth;       /* 1 for top nodes */
    uint8_t kind;         /* yd_node_kind */
    uint8_t style;        /* yd_heading_style */
    uint8_t hashes;       /* Markdown # count, 0 when none */
    uint8_t truncated;    /* the title was cut at the length limit */
} yd_outline_node;

typedef struct yd_outline {
    yd_outline_node *nodes;
    int32_t count, capacity;
    int32_t title_start;  /* the document's own title line, or -1 */
    int32_t title_length;
    int32_t title_line;   /* 0-based, or -1 */
    int32_t headings;     /* nodes that are not items */
    int32_t rule_timeouts; /* user rules dropped for running out of time on this document */
} yd_outline;

/* Why a line is, or is not, a node (yuedu --outline --explain). */
typedef enum yd_outline_reason {
    YD_WHY_PROSE = 0,       /* blank or prose: never a candidate */
    YD_WHY_NODE,            /* a node by the built-in conventions (see its style) */
    YD_WHY_RULE,            /* decided by the user's rule (a node, or text for kind: text) */
    YD_WHY_DOC_TITLE,       /* the document's own title */
    YD_WHY_MARKER_TITLE,    /* the title of the bare marker above it (第一章 / 总则) */
    YD_WHY_RESTATES,        /* restates the title of the marker above it */
    YD_WHY_RUN,             /* one of a run of short lines (links, a banner, a byline) */
    YD_WHY_SIGNATURE,       /* only dates and bylines follow it */
    YD_WHY_PARAGRAPH_TAIL,  /* the rest of a paragraph broken across lines */
    YD_WHY_BELOW_NUMBERS,   /* an unnumbered line may not sit below numbered headings */
    YD_WHY_IN_ARTICLE,      /* inside an article (or annex) of a statute */
    YD_WHY_BELOW_PROVISION, /* below the 1. provisions of a rule */
    YD_WHY_ATTACHMENTS,     /* in the list of attachments (附件：1.…) */
    YD_WHY_SPEAKER,         /* a speaker's name above the salutation */
    YD_WHY_MATTER_PLACE,    /* front or back matter at the end or inside a paragraph */
    YD_WHY_CLAUSE,          /* a clause of an enumeration (…；) */
    YD_WHY_OTHER,           /* a date, byline, tag, label: value, bullet or contents entry */
    YD_WHY_DIALOGUE,        /* a line of dialogue (「…, “…”) */
    YD_WHY_MENTION,         /* mentions a chapter or article in a sentence (第三章的内容, 第十条之规定) */
    YD_WHY_LISTED_NUMBERS,  /* numbers listed in a sentence (一、二两类, 二、三日) */
    YD_WHY_WRAPPED,         /* the first line of a hard-wrapped paragraph */
    YD_WHY_NOTICE,          /* inside the notice fenced by rules at the top */
    YD_WHY_INDENTED,        /* indented like a paragraph */
    YD_WHY_IN_CHAPTER,      /* inside a chapter of a novel (第X回): a poem, a letter */
    YD_WHY_NAMED_WORK,      /* a poem's or book's name in 《》 alone on a line */
    YD_WHY_SALUTATION,      /* a salutation or lead-in ending in a colon (同志们：) */
    YD_WHY_FURNITURE,       /* a web site's furniture: a URL, a notice, an ad (furniture.h) */
    YD_WHY_PURIFIED,        /* hidden by a user's purify rule (purify.h) */
    YD_WHY_COUNT
} yd_outline_reason;

typedef struct yd_outline_why {
    int32_t node;    /* the node this line became, or -1 */
    int16_t rule;    /* the index of the user's rule that matched it, or -1 */
    uint8_t reason;  /* yd_outline_reason */
    uint8_t candidate; /* the line looked numbered or title-like, or a rule matched it */
} yd_outline_why;

typedef struct yd_outline_options {
    const struct yd_outline_rules *rules; /* the user's rules; NULL: the built-in conventions only */
    yd_outline_why *why; /* NULL, or doc->line_count records to fill (explain) */
} yd_outline_options;

/* Build the outline of doc. *outline is overwritten (free it first when
 * reusing). Fails only when out of memory; then *outline is empty. */
yd_status yd_outline_build(yd_outline *outline, const yd_document *doc, yd_error *err);

/* The same with the user's rules and, when options->why is given, the
 * reason for every line. options may be NULL. */
yd_status yd_outline_build_with(yd_outline *outline, const yd_document *doc, const yd_outline_options *options,
                                yd_error *err);

/* One line saying what a reason means ("inside an article of a statute"). */
const char *yd_outline_reason_text(yd_outline_reason reason);

/* What a style is, for explanations ("division 章", "numbered heading 一、"). */
const char *yd_outline_style_text(yd_heading_style style);

void yd_outline_free(yd_outline *outline);

/* The title of a node for display: the title range (and the subtitle of a
 * bare marker, after one space) with every run of white space, tabs and line
 * ends collapsed into one U+0020 and the ends trimmed, followed by U+2026
 * when truncated. Writes at most capacity units (not NUL-terminated) and
 * returns the full length, like ICU's preflighting. Other characters,
 * control characters included, are copied as they are: the caller decides
 * how to show them. */
int32_t yd_outline_node_title(const yd_document *doc, const yd_outline_node *node, UChar *buf, int32_t capacity);

/* Same for any range of the text (the document title, for instance). */
int32_t yd_outline_clean_title(const UChar *text, int32_t start, int32_t length, UChar *buf, int32_t capacity);

/* Index of the innermost node whose section holds text offset, i.e. the
 * last node starting at or before offset, or -1 before the first node. */
int32_t yd_outline_node_at(const yd_outline *outline, int32_t offset);

/* "article", "heading" or "item". */
const char *yd_node_kind_name(yd_node_kind kind);

/* The heading (not item) that starts on line (0-based), or NULL. */
const yd_outline_node *yd_outline_heading_node(const yd_outline *outline, int32_t line);

/* Depth of the heading (not item) that starts on line (0-based), or 0
 * when none does (outline_layout.c). */
int yd_outline_heading_depth(const yd_outline *outline, int32_t line);

/* How headings are indented (text.heading-indent): as the document does
 * (auto: flush left unless its own heading line starts with white space,
 * as GB/T 9704 official documents indent 一、（一）1. like paragraphs),
 * always flush left, or always like body paragraphs. The title line is
 * always flush left. */
typedef enum yd_heading_indent { YD_HEADINGS_AUTO = 0, YD_HEADINGS_FLUSH, YD_HEADINGS_BODY } yd_heading_indent;

/* What yd_outline_paragraph_indent needs of a document. */
typedef struct yd_outline_indent {
    const yd_outline *outline;
    const yd_document *doc;
    yd_heading_indent mode;
} yd_outline_indent;

/* A yd_layout_options.paragraph_indent whose context is a yd_outline_indent:
 * the title line flush left (0), a heading flush left or the configured
 * indent (-1) by the mode, other paragraphs the configured indent (-1).
 * Paragraphs are lines. */
int yd_outline_paragraph_indent(void *context, int32_t para);

#endif
