/* Anchors: a place in a document that survives edits and moves.
 *
 * An anchor records the document's content fingerprint, the UTF-16 offset,
 * the 1-based source line and up to YD_ANCHOR_SNIPPET code units of text on
 * each side of the offset. Locating it again in a document:
 *   - same fingerprint: the same offset (the text is identical);
 *   - otherwise the occurrence of before+after nearest to the old offset,
 *     then of `after` alone, then of `before` alone, then of the half of
 *     `after` and of `before` next to the place (each at least
 *     YD_ANCHOR_MIN_MATCH units, so that a lone comma never matches);
 *   - otherwise stale: the old offset, clamped to the text. */
#ifndef YUEDU_ANCHOR_H
#define YUEDU_ANCHOR_H

#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/status.h"

#define YD_ANCHOR_SNIPPET 32
#define YD_ANCHOR_MIN_MATCH 6
#define YD_FINGERPRINT_SIZE 32

typedef struct yd_anchor {
    char fingerprint[YD_FINGERPRINT_SIZE]; /* "fnv1a64:" and 16 hex digits */
    int32_t offset;                        /* UTF-16 code units from the start */
    int32_t line;                          /* 1-based source line of offset */
    char *before, *after;                  /* UTF-8 context; never NULL once captured */
} yd_anchor;

typedef enum yd_anchor_match {
    YD_ANCHOR_STALE = 0,   /* not found: old offset clamped */
    YD_ANCHOR_EXACT,       /* same content: same offset */
    YD_ANCHOR_REANCHORED   /* content changed: found by its snippet */
} yd_anchor_match;

/* Content fingerprint of the document's text (FNV-1a, 64 bits, over the
 * UTF-16 code units after line-end normalisation, and the length). */
void yd_fingerprint(const yd_document *doc, char out[YD_FINGERPRINT_SIZE]);

/* Record the place at offset (clamped, never inside a surrogate pair).
 * fingerprint may be NULL to compute it. */
yd_status yd_anchor_capture(yd_anchor *a, const yd_document *doc, int32_t offset, const char *fingerprint);

/* Find a in doc; *offset gets the place. doc_fingerprint may be NULL. */
yd_anchor_match yd_anchor_locate(const yd_anchor *a, const yd_document *doc, const char *doc_fingerprint,
                                 int32_t *offset);

/* Does doc hold a's whole context (before+after), or else the half of
 * `after` or of `before` next to the place (at least YD_ANCHOR_MIN_MATCH
 * units)? At most three scans of the text. */
int yd_anchor_snippet_occurs(const yd_anchor *a, const yd_document *doc);

yd_status yd_anchor_copy(yd_anchor *dst, const yd_anchor *src);
void yd_anchor_free(yd_anchor *a);

#endif
