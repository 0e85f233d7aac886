/* Search hits per outline node: how many hits a node's subtree holds, for
 * the counts the outline shows while a search is active (READER.md). Two
 * binary searches a node, over hits in text order. */
#ifndef YUEDU_OUTLINE_HITS_H
#define YUEDU_OUTLINE_HITS_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/outline.h"
#include "yuedu/search.h"

/* The text range of node's subtree: from its line to the next node outside
 * it (or length, the document's). */
void yd_outline_subtree_span(const yd_outline *outline, int32_t length, int32_t node, int32_t *lo, int32_t *hi);

/* Hits starting in [lo, hi). */
size_t yd_hits_between(const yd_hits *hits, int32_t lo, int32_t hi);

/* Hits in node's subtree (node -1: the whole document). */
size_t yd_outline_node_hits(const yd_outline *outline, int32_t length, int32_t node, const yd_hits *hits);

/* A part of the text, [lo, hi): a subtree a search is kept to. */
typedef struct yd_text_range {
    int32_t lo, hi;
} yd_text_range;

/* Keep only the hits that start inside one of ranges[0..n) (in text order,
 * not overlapping); hits in text order, as a search leaves them. The
 * outline pane's scope and --search --under alike. */
void yd_hits_keep_within(yd_hits *hits, const yd_text_range *ranges, size_t n);

#endif
