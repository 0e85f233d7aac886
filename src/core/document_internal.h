/* Shared by document.c and utf8_document.c: the growing array of line
 * starts that both ways of building a document's text fill. */
#ifndef YUEDU_DOCUMENT_INTERNAL_H
#define YUEDU_DOCUMENT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "yuedu/document.h"

/* doc->notice set to fmt (a message id, translated here) with its
 * arguments, replacing any; YD_ENOMEM when it cannot be kept. */
yd_status yd_document_set_notice(yd_document *doc, yd_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct yd_line_index {
    int32_t *starts;
    size_t count, cap;
} yd_line_index;

/* Room for about one line per 32 units of text: most documents never grow. */
static inline bool yd_line_index_init(yd_line_index *ix, size_t text_units)
{
    ix->count = 0;
    ix->cap = text_units / 32 + 16;
    ix->starts = malloc(ix->cap * sizeof *ix->starts);
    return ix->starts != NULL;
}

/* Append a line start; false when out of memory (the index is then freed). */
static inline bool yd_line_index_add(yd_line_index *ix, int32_t at)
{
    if (ix->count == ix->cap) {
        int32_t *bigger = realloc(ix->starts, ix->cap * 2 * sizeof *bigger);
        if (!bigger) {
            free(ix->starts);
            ix->starts = NULL;
            return false;
        }
        ix->starts = bigger;
        ix->cap *= 2;
    }
    ix->starts[ix->count++] = at;
    return true;
}

/* UTF-8 bytes (after any BOM) straight into doc's text, line index and
 * counts, in one pass: the same result as decoding with ICU and then
 * indexing, at about twice the speed (docs/PERFORMANCE.md). Fills text,
 * length, line_starts, line_count, chars, replacements and line_ends. */
yd_status yd_document_decode_utf8(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err);

/* The same in pieces, so that a large file is decoded as it is read and
 * never held whole beside its text: init (expected: the bytes to come, for
 * the first allocation), feed every piece in order (each but the last
 * ending just after a line feed), then finish into doc (or free). */
typedef struct yd_utf8_decoder {
    UChar *units, *w;
    size_t cap;
    yd_line_index ix;
    size_t chars, subs;
    unsigned eols;
    bool started, line_pending;
} yd_utf8_decoder;

yd_status yd_utf8_decoder_init(yd_utf8_decoder *d, size_t expected, yd_error *err);
yd_status yd_utf8_decoder_feed(yd_utf8_decoder *d, const unsigned char *bytes, size_t length, yd_error *err);
void yd_utf8_decoder_finish(yd_utf8_decoder *d, yd_document *doc);
void yd_utf8_decoder_free(yd_utf8_decoder *d);
/* Replace doc's text (Markdown source, decoded and indexed) by its
 * rendering and its markup (markdown.c). */
yd_status yd_markdown_render(yd_document *doc, yd_error *err);

/* The same for an HTML page (html.c). */
yd_status yd_html_render(yd_document *doc, yd_error *err);

/* Replace doc's (empty) text by the book, Word document or OpenDocument
 * text in bytes[0..length), a zip archive (epub.c, docx.c, odt.c). */
yd_status yd_epub_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err);
yd_status yd_docx_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err);
yd_status yd_odt_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err);

/* A document rendered from an archive has no source lines: each text
 * line is its own place (1-based), and there are as many as text lines. */
void yd_markup_lines_are_places(yd_document *doc);

/* The charset a page's <meta> declares in its first 4 KiB, to name, as
 * the page writes it; 0 when none. */
int yd_html_charset(const unsigned char *bytes, size_t length, char *name, size_t size);

#endif
