/* Search: literal or ICU regex queries over documents, with folding (see
 * fold.h), reporting hits at offsets in the original text.
 *
 * How it works: each document gets a folded shadow, a copy of its text with
 * every code unit put through the fold table. The shadow has the length of
 * the text, so a hit found in the shadow is at the same offset and of the
 * same length in the original. Shadows are built on first use, one per
 * combination of folds, and kept in a yd_shadow the caller owns (one per
 * document). A query is compiled once (per keystroke in the reader): its
 * pattern is folded with the same table; for a regex only its literal
 * characters are folded, never its syntax.
 *
 * Typical use (the reader, on each keystroke of `/`):
 *
 *     yd_query *q;
 *     if (yd_query_compile_utf8(&q, fold, text, &opts, &err) != YD_OK)
 *         show err.message, keep the previous hits;
 *     for each document k:
 *         yd_search_document(q, &docs[k], &shadows[k], &hits[k], &err);
 *     n/N: yd_hits_next(&hits[k], offset) / yd_hits_prev(...), then the next
 *          or previous document with hits[k].count > 0.
 *
 * Threads: a yd_fold may be shared; a yd_query and a yd_shadow are used by
 * one thread at a time (a regex query keeps matcher state). */
#ifndef YUEDU_SEARCH_H
#define YUEDU_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/fold.h"
#include "yuedu/status.h"

/* One hit: [offset, offset + length) in the document's UTF-16 text. */
typedef struct yd_hit {
    int32_t offset;
    int32_t length;
} yd_hit;

/* Hits of one document in text order, never overlapping, never empty. */
typedef struct yd_hits {
    yd_hit *items;
    size_t count, capacity;
} yd_hits;

typedef struct yd_query_options {
    unsigned folds; /* YD_FOLD_* bits, e.g. YD_FOLD_DEFAULT */
    int regex;      /* 0: literal; 1: ICU regular expression */
    int32_t time_limit; /* regex only: ICU match-engine time limit per search
                         * step (roughly milliseconds; 0: none). Past it a
                         * search fails with "regular expression too slow"
                         * instead of hanging the reader on (a*)*b. */
} yd_query_options;

typedef struct yd_query yd_query;

/* Compile a query. An empty pattern is YD_EINVAL ("empty pattern"); a bad
 * regex is YD_EINVAL with a message such as
 * "bad regular expression: missing closing ) at character 4". */
yd_status yd_query_compile(yd_query **out, const yd_fold *fold, const UChar *pattern, int32_t length,
                           const yd_query_options *options, yd_error *err);
yd_status yd_query_compile_utf8(yd_query **out, const yd_fold *fold, const char *pattern,
                                const yd_query_options *options, yd_error *err);
void yd_query_free(yd_query *query);

/* Let a search with this query stop early: cancelled(context) is asked
 * now and then (every few thousand hits of a literal, periodically inside
 * a regular expression's matching) and, when it returns nonzero, the
 * search ends with YD_ECANCELED and the hits found so far. The reader
 * uses it so that a key typed during a long search is answered at once.
 * NULL: never. Not copied by yd_query_clone. */
typedef int (*yd_search_cancel_fn)(void *context);
yd_status yd_query_set_cancel(yd_query *query, yd_search_cancel_fn cancelled, void *context, yd_error *err);

/* A copy of query for another thread (a regex keeps matcher state, so
 * threads cannot share one). */
yd_status yd_query_clone(yd_query **out, const yd_query *query, yd_error *err);

/* The folds the query really uses: smart case resolved (YD_FOLD_CASE,
 * YD_FOLD_WIDTH, YD_FOLD_SCRIPT bits). */
unsigned yd_query_folds(const yd_query *query);

/* A literal query's folded pattern (*length units) and the fold table it
 * was folded with, for matchers that search other representations of the
 * text (byte_search.h); NULL for a regex. */
const UChar *yd_query_literal(const yd_query *query, int32_t *length);
const UChar *yd_query_table(const yd_query *query);

/* The folded shadows of one document. Zero-initialise it ({0}); free it
 * with yd_shadow_free, and when the document's text changes. */
typedef struct yd_shadow {
    UChar *folded[YD_FOLD_TABLES];
} yd_shadow;

/* The shadow of doc for folds (CASE/WIDTH/SCRIPT bits), built now if
 * missing. NULL only when out of memory (err filled). */
const UChar *yd_shadow_get(yd_shadow *shadow, const yd_fold *fold, const yd_document *doc, unsigned folds,
                           yd_error *err);
/* Drop every shadow except the one for folds (pass ~0u to drop all): the
 * reader can bound memory when smart case flips. */
void yd_shadow_trim(yd_shadow *shadow, unsigned keep_folds);
void yd_shadow_free(yd_shadow *shadow);

/* Every hit of query in doc, replacing what hits held. */
yd_status yd_search_document(yd_query *query, const yd_document *doc, yd_shadow *shadow, yd_hits *hits,
                             yd_error *err);

/* The first hit at or after offset in doc, from the shadow alone (for a
 * quick "next" without collecting every hit). *found is 0 when none. */
yd_status yd_search_from(yd_query *query, const yd_document *doc, yd_shadow *shadow, int32_t offset, yd_hit *hit,
                         int *found, yd_error *err);

/* Index of the first hit starting at or after offset, or -1. */
ssize_t yd_hits_next(const yd_hits *hits, int32_t offset);
/* Index of the last hit starting before offset, or -1. */
ssize_t yd_hits_prev(const yd_hits *hits, int32_t offset);
void yd_hits_free(yd_hits *hits);

/* n / N across a corpus: from position (*doc, offset), the first hit that
 * starts after offset (forward) or the last that starts before it
 * (backward), in this document or the next/previous one with hits, wrapping
 * around the corpus (*wrapped set to 1 when it did). per_doc[k] holds the
 * hits of document k. On success *doc and *index name the hit and 1 is
 * returned; 0 when the corpus has no hit. To include a hit exactly at
 * offset going forward, pass offset - 1. */
int yd_hits_step(const yd_hits *per_doc, size_t ndocs, int forward, size_t *doc, int32_t offset, size_t *index,
                 int *wrapped);

/* For "hit 3 of 17 (in 2 documents)": the 1-based rank of hit index of
 * document doc among all hits, and (optional) the totals. */
size_t yd_hits_rank(const yd_hits *per_doc, size_t ndocs, size_t doc, size_t index, size_t *total,
                    size_t *documents);

#endif
