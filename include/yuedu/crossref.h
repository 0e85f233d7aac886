/* Cross-references: the places where a document cites an article, a
 * paragraph, an item or a division of itself (第二十三条, 本法第二十三条第二款,
 * 前款, 前条, 本章, 第三章, 第 23 條) or of another document of the corpus
 * (《中华人民共和国民法典》第一千一百六十五条, 民事诉讼法第一百条), and where each
 * one leads.
 *
 * Recognition reads the text alone with the outline's numeral parser;
 * resolution looks the number up among the outline's nodes (an article is
 * the node whose line starts 第N条, a division the node 第N章...) and counts
 * paragraphs inside an article: a paragraph (款) is a non-blank line of the
 * article that is not an enumerated item （一）. Texts in Traditional script
 * that number their articles 條 follow the Taiwan order 條 > 項 > 款, so 項
 * is a paragraph there and 款 an item. docs/READER.md, "Cross-references". */
#ifndef YUEDU_CROSSREF_H
#define YUEDU_CROSSREF_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"
#include "yuedu/status.h"

typedef enum yd_ref_kind {
    YD_REF_ARTICLE,   /* 第N条 (with 本法, 本条例..., or a document's name) */
    YD_REF_PARAGRAPH, /* 第N条第M款, 本条第M款, 第M款 of the article read */
    YD_REF_ITEM,      /* ...第K项, 前款第K项 */
    YD_REF_DIVISION,  /* 第N编 分编 章 节 卷 回 */
    YD_REF_PREVIOUS,  /* 前条, 前款, 前两款: the ones just before */
    YD_REF_THIS       /* 本条, 本章, 本节, 本编: the one the text is in */
} yd_ref_kind;

typedef struct yd_ref {
    int32_t start, length; /* the words of the reference in the citing text */
    int32_t target_doc;    /* index in the corpus, -1 when unresolved */
    int32_t target_offset; /* where the target starts (a line start), -1 when unresolved */
    int32_t target_node;   /* the outline node holding the target, -1 when unresolved */
    uint8_t kind;          /* yd_ref_kind */
    uint8_t external;      /* names another document (by 《title》 or a law's name) */
} yd_ref;

typedef struct yd_refs {
    yd_ref *items; /* in text order, disjoint */
    size_t count, capacity;
} yd_refs;

/* What the references of one document are resolved against: the documents
 * of the corpus and their outlines (either may be NULL for a document not
 * read yet: references to it stay unresolved). The arrays are borrowed and
 * must outlive the corpus view; the numbering of each document is indexed
 * on first need. */
typedef struct yd_ref_index yd_ref_index;
typedef struct yd_ref_corpus {
    size_t count;
    const yd_document *const *docs;
    const yd_outline *const *outlines;
    yd_ref_index **indexes; /* [count], made on first need */
    UChar **names;          /* [count], each document's names for citations (made on init) */
} yd_ref_corpus;

yd_status yd_ref_corpus_init(yd_ref_corpus *corpus, size_t count, const yd_document *const *docs,
                             const yd_outline *const *outlines, yd_error *err);
void yd_ref_corpus_free(yd_ref_corpus *corpus);

/* Every reference in document doc of the corpus, resolved. out is
 * overwritten (free it first when reusing). Fails only when out of memory. */
yd_status yd_refs_find(yd_ref_corpus *corpus, size_t doc, yd_refs *out, yd_error *err);

void yd_refs_free(yd_refs *refs);

/* Where text, a reference on its own (第111条, 111条, 第三章, 第 12 條第二款,
 * 第二编第三章), leads in document doc: its offset, or -1 when text is no
 * such reference or the document has no such place. from: the reading
 * place, for a paragraph of the article read (第二款) and for the 第一章
 * of the 编 read. Fails only when out of memory. */
yd_status yd_ref_locate(yd_ref_corpus *corpus, size_t doc, const UChar *text, int32_t length, int32_t from,
                        int32_t *offset, yd_error *err);

/* Index of the first reference ending after offset, or refs->count. */
size_t yd_refs_after(const yd_refs *refs, int32_t offset);

/* The range of the text a node stands for when asking who cites it: from
 * its line to the next node's (its own paragraphs, not its children's). */
void yd_ref_node_span(const yd_document *doc, const yd_outline *outline, int32_t node, int32_t *lo, int32_t *hi);

/* "article", "paragraph", "item", "division", "previous", "this". */
const char *yd_ref_kind_name(yd_ref_kind kind);

#endif
