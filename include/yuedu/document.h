/* A document: one decoded file, its text in UTF-16 with every line end
 * turned into U+000A, and an index of line starts.
 *
 * LF, CRLF and a lone CR each end exactly one line, so line k of the text
 * (0-based) is line k + 1 of the source file in any editor: outline rows,
 * search hits and bookmarks report source line numbers without keeping the
 * original line ends. Everything else refers to text by UTF-16 offset. */
#ifndef YUEDU_DOCUMENT_H
#define YUEDU_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/detect.h"
#include "yuedu/format.h"
#include "yuedu/status.h"

/* Which line ends a file used, for --list and for tests. */
enum { YD_EOL_LF = 1, YD_EOL_CRLF = 2, YD_EOL_CR = 4 };

/* What the file was when it was read (fstat of the descriptor read), so
 * that a change on disk can be noticed (reload.h). All zero for documents
 * made from bytes. */
typedef struct yd_file_stamp {
    uint64_t dev, ino;
    int64_t size;
    int64_t mtime_ns, ctime_ns; /* ctime: a chmod changes it too */
} yd_file_stamp;

typedef struct yd_document {
    char *path;             /* as given or found while walking */
    yd_encoding encoding;   /* detected or forced */
    size_t bytes;           /* size of the file */
    UChar *text;            /* NUL-terminated; line ends are U+000A */
    int32_t length;         /* code units */
    int32_t *line_starts;   /* offset of each line's first unit */
    int32_t line_count;     /* lines; a final line without a newline counts */
    size_t chars;           /* code points in text */
    size_t replacements;    /* invalid sequences replaced by U+FFFD */
    unsigned line_ends;     /* YD_EOL_* bits seen */
    yd_file_stamp stamp;    /* the file as read (yd_document_load) */
    yd_format format;       /* by its name (yuedu/format.h) */
    struct yd_markup *markup; /* a rendered document's blocks, spans and
                                 source lines (yuedu/markup.h); NULL for
                                 plain text and markup shown raw */
    uint8_t *hidden_lines;  /* one byte per line, 1 where a user's purify
                               rule hides it (yuedu/purify.h); NULL: none */
    char *notice;           /* what the user should know of a document that
                               was read only in part (malformed markup):
                               one line, translated, to show beside its
                               path; NULL: nothing to say */
} yd_document;

typedef struct yd_load_options {
    const char *encoding;   /* NULL: detect; else a name for yd_encoding_from_name */
    int markup_raw;         /* show markup (Markdown) as its source, not rendered */
    const struct yd_purify_rules *purify; /* the user's purify rules, applied
                                             once the text is read; NULL: none */
} yd_load_options;

/* Build a document from bytes in memory. path is copied. On failure doc is
 * left empty (safe to free). YD_EBINARY means the bytes are not text. */
yd_status yd_document_from_bytes(yd_document *doc, const char *path, const unsigned char *bytes, size_t length,
                                 const yd_load_options *options, yd_error *err);

/* Read and decode the file at path. */
yd_status yd_document_load(yd_document *doc, const char *path, const yd_load_options *options, yd_error *err);

void yd_document_free(yd_document *doc);

/* The stamp of a file from its stat. */
struct stat;
void yd_file_stamp_of(const struct stat *st, yd_file_stamp *stamp);

/* Are two stamps of the same file as it was (every field equal)? */
int yd_file_stamp_same(const yd_file_stamp *a, const yd_file_stamp *b);

/* 0-based line holding text offset (clamped to the text). */
int32_t yd_document_line_at(const yd_document *doc, int32_t offset);

/* Bounds of 0-based line: [*start, *end) excluding its newline. */
void yd_document_line_bounds(const yd_document *doc, int32_t line, int32_t *start, int32_t *end);

/* Where a text offset is for people: 1-based line (as in the source file)
 * and 1-based column counted in characters (code points) from the start of
 * the line. Costs O(log lines + column): for many hits on one long line,
 * count on from the previous hit instead (as search_cmd.c does). */
void yd_text_position(const yd_document *doc, int32_t offset, int32_t *line, int32_t *column);

#endif
