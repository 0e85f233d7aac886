/* Literal folded search straight on UTF-8 bytes, without decoding.
 *
 * A whole-corpus count spends most of its time turning UTF-8 into UTF-16
 * (search.h searches the decoded text). For a literal query the fold can be
 * expanded into the pattern instead: each character of the pattern becomes
 * the class of characters that fold to it (黨 and 党, Ａ, A and a), and the
 * bytes are scanned for the UTF-8 forms of one class, the "anchor"; only
 * around a candidate are characters decoded and folded to check the rest.
 *
 * The hits are exactly those yd_search_document finds in the document
 * loaded from the same bytes: same places, same greedy left-to-right choice
 * when hits could overlap. That holds because a well-formed UTF-8 sequence
 * decodes to the same character wherever it stands (a lead byte is never
 * part of an ill-formed subpart before it), and because queries whose
 * classes hold a character the loader rewrites (CR, LF, which it turns into
 * line ends, and U+FFFD, which it writes for ill-formed bytes) are refused:
 * yd_byte_query_new gives NULL and the caller searches the decoded text.
 * The caller skips a leading byte order mark as the loader does
 * (yd_utf8_text_start).
 *
 * A yd_byte_query is immutable once made and may be shared by threads. */
#ifndef YUEDU_BYTE_SEARCH_H
#define YUEDU_BYTE_SEARCH_H

#include <stddef.h>

#include "yuedu/search.h"
#include "yuedu/status.h"

typedef struct yd_byte_query yd_byte_query;

/* The byte matcher for a compiled query; *out is NULL (and YD_OK returned)
 * when the query cannot be searched on bytes: a regex, a lone surrogate,
 * a class holding CR, LF or U+FFFD, or a class too large to scan for. */
yd_status yd_byte_query_new(yd_byte_query **out, const yd_query *query, yd_error *err);
void yd_byte_query_free(yd_byte_query *q);

/* 1 when two hits of the query can never overlap (no part of the pattern
 * folds like its beginning): then hits starting in disjoint ranges of a
 * text can be counted separately, e.g. by two threads. */
int yd_byte_query_disjoint(const yd_byte_query *q);

/* The first hit starting at or after byte `from` in text[0..n): returns 1
 * and sets [*start, *end), or 0 when none. Bytes before `from` are read to
 * decide where characters begin, never matched. */
int yd_byte_find(const yd_byte_query *q, const unsigned char *text, size_t n, size_t from, size_t *start,
                 size_t *end);

/* The hits found by calling yd_byte_find from `from`, then from each hit's
 * end, that start before `to`. */
size_t yd_byte_count(const yd_byte_query *q, const unsigned char *text, size_t n, size_t from, size_t to);

/* Where the loader's text begins in UTF-8 bytes: after the byte order mark
 * detection found (bom_length) and one more U+FEFF, which the loader drops. */
size_t yd_utf8_text_start(const unsigned char *bytes, size_t length, size_t bom_length);

#endif
