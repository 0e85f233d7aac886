/* The result list of a search (SPEC §7, docs/SEARCH.md): every hit of the
 * corpus grouped under its document and under the section (the innermost
 * heading, not item, of the outline) that holds it, with a context snippet
 * around each hit, narrowed by a filter.
 *
 * The list is an index, not text: yd_results_build cuts the hits into
 * groups, runs of hits in one document and section, by walking the
 * outline's stretches that hold hits (not the hits one by one), with no copy
 * of any text; the rows (a document header, a section header, hit rows) are
 * made from the groups one at a time, yd_results_row, so that opening the
 * list over 400 000 hits costs about what it costs over 4 000 in as many
 * sections. Text is made only for what is shown:
 * yd_result_snippet for one hit row, yd_result_section_title for one
 * section header. Filtering narrows the set it filtered last when the new
 * filter contains the old one (typing on), so a keystroke of the filter
 * costs the rows still shown.
 *
 * Typical use (the reader's & key):
 *
 *     yd_results r = {0};
 *     yd_results_build(&r, docs, outlines, hits, ndocs, &err);
 *     ...  draw rows yd_results_row(&r, k) for k in [top, top + height)
 *     yd_results_filter(&r, fold, filter, length, &err);   // each keystroke
 *     yd_results_free(&r);
 *
 * The results borrow docs, outlines and hits: they must not change while
 * the results are used (build again when more documents are searched). */
#ifndef YUEDU_SEARCH_RESULTS_H
#define YUEDU_SEARCH_RESULTS_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/fold.h"
#include "yuedu/outline.h"
#include "yuedu/search.h"
#include "yuedu/status.h"
#include "yuedu/width.h"

/* One hit and where it is. */
typedef struct yd_result_hit {
    uint32_t doc;     /* document index */
    uint32_t index;   /* index of the hit in per_doc[doc] */
    int32_t section;  /* outline node (never an item) holding it, -1 before the first heading */
    int32_t line;     /* 0-based line of the hit's start */
} yd_result_hit;

typedef enum yd_result_kind { YD_RESULT_DOCUMENT, YD_RESULT_SECTION, YD_RESULT_HIT } yd_result_kind;

/* One row of the list, as yd_results_row makes it. at: the hit of a hit
 * row, the first hit under a header. count: hits under a header (after the
 * filter), 1 for a hit row. */
typedef struct yd_result_row {
    yd_result_hit at;
    uint32_t count;
    uint8_t kind; /* yd_result_kind */
} yd_result_row;

/* A run of hits shown one after another in the same document and section:
 * the rows of the list are made from these, not stored one by one. first
 * and count are positions in the sequence of hits shown; row is the row of
 * its first row (its document's header when it is the document's first). */
typedef struct yd_result_group {
    size_t first, count;
    size_t row;
    uint32_t doc;
    int32_t section;
    uint32_t doc_count; /* a document's first group: hits shown in the document */
    uint8_t doc_header; /* a section header is there when section >= 0 */
} yd_result_group;

typedef struct yd_results {
    size_t hit_count;
    size_t shown_count;
    size_t row_count;
    size_t documents;     /* documents with a hit shown */
    size_t all_documents; /* documents with a hit */
    int32_t max_line;     /* largest 1-based line of any hit (for column widths) */
    UChar *filter;        /* the folded filter in force (filter_length 0: none) */
    int32_t filter_length;
    /* Private. Hits are numbered through the corpus: document d's hit k is
     * doc_first[d] + k. */
    size_t *doc_first;           /* ndocs + 1 */
    uint32_t *shown;             /* the hits shown, by number (NULL: every hit, unfiltered) */
    yd_result_group *all_groups; /* the groups of every hit */
    size_t all_group_count;
    yd_result_group *shown_groups; /* the groups of a filter (capacity all_group_count) */
    const yd_result_group *groups; /* those in force: all_groups or shown_groups */
    size_t group_count;
    /* Borrowed. */
    const yd_document *const *docs;
    const yd_outline *outlines;
    const yd_hits *per_doc;
    size_t ndocs;
} yd_results;

/* Group the hits of per_doc[0..ndocs) (documents docs[k] with outlines
 * outlines[k]; outlines may be NULL: no sections) by document and section,
 * with no filter. Its cost grows with the stretches of the outline that
 * hold hits, not with the hits: a hit's line and its row are worked out
 * when yd_results_row asks for them. *r is overwritten: free it first when
 * reusing. Fails only when out of memory. */
yd_status yd_results_build(yd_results *r, const yd_document *const *docs, const yd_outline *outlines,
                           const yd_hits *per_doc, size_t ndocs, yd_error *err);

/* Show only the hits whose context (yd_hit_context with
 * YD_RESULT_CONTEXT_CHARS), document file name or section breadcrumb
 * contains filter[0..length), compared through fold's tables with the
 * search defaults (width and script always, case unless the filter has an
 * upper-case letter); fold NULL compares units exactly. Headers stay only
 * above the hits shown. length 0 shows everything. */
yd_status yd_results_filter(yd_results *r, const yd_fold *fold, const UChar *filter, int32_t length, yd_error *err);

/* Another way a filter may find a file name or a section title (the
 * reader's pinyin, so that dierbian finds the hits under 第二编): match says
 * whether words[0..n) holds the filter. It must hold every text a shorter
 * filter typed before it held, as containing does. */
typedef struct yd_results_words {
    int (*match)(void *context, const UChar *words, int32_t n);
    void *context;
} yd_results_words;

/* yd_results_filter, a file name or section title also shown when also
 * (NULL: none) matches it. */
yd_status yd_results_filter_also(yd_results *r, const yd_fold *fold, const UChar *filter, int32_t length,
                                 const yd_results_words *also, yd_error *err);

void yd_results_free(yd_results *r);

/* Row k (< row_count) of the list as shown: its kind, its count and where
 * its hit is (document, index, section, line). A binary search over the
 * groups and one over the document's lines. */
yd_result_row yd_results_row(const yd_results *r, size_t k);

/* The row of the hit shown first at or after hit (doc, index) of the corpus
 * (wrapping to the first when none is after), or 0 when no hit is shown. */
size_t yd_results_row_of(const yd_results *r, size_t doc, size_t index);

/* The hit of a hit row (for a header: its first hit). */
static inline const yd_hit *yd_results_hit(const yd_results *r, const yd_result_row *row)
{
    return &r->per_doc[row->at.doc].items[row->at.index];
}

/* Context characters either side of a hit that the filter (and the batch
 * --search output) looks at. */
#define YD_RESULT_CONTEXT_CHARS 30

/* The hit with up to chars characters (code points) either side, within
 * the lines the hit touches, white space at either end trimmed:
 * [*from, *to), and whether the line goes on before and after it. */
void yd_hit_context(const yd_document *doc, const yd_hit *hit, int chars, int32_t *from, int32_t *to,
                    int *cut_before, int *cut_after);

/* One cell of a snippet: a character as the screen may show it (see
 * yd_width_safe_char; a line end inside the hit is a space), its width,
 * its text offset (-1 for the … that marks a cut) and whether it is part
 * of the hit. */
typedef struct yd_snippet_cell {
    UChar32 ch;
    int32_t offset;
    uint8_t width;
    uint8_t in_hit;
} yd_snippet_cell;

/* A snippet of the hit's line that fits cells columns: the hit in view
 * (its start at least, when it is wider than that), context before it
 * taking about a third of the room left (more when the line ends soon
 * after the hit), the rest after it, a … where the line goes on; white
 * space at the line's ends is left out. Writes at most capacity cells and
 * returns how many; their widths add up to at most cells. */
int yd_result_snippet(const yd_document *doc, const yd_width_table *widths, const yd_hit *hit, int cells,
                      yd_snippet_cell *out, int capacity);

/* The breadcrumb of section node of outline o ("一、总体要求 › （二）基本原则",
 * the titles of its non-item ancestors and itself): writes at most capacity
 * units and returns how many (0 for node -1). Titles are as
 * yd_outline_node_title gives them; control characters are the caller's to
 * show safely. */
int32_t yd_result_section_title(const yd_document *doc, const yd_outline *o, int32_t node, UChar *buf,
                                int32_t capacity);

#endif
