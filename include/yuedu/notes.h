/* Notes: the bookmarks and highlights of documents written out for use
 * elsewhere (Markdown, Org, JSON, TSV), and the JSON read back.
 *
 * The caller places the store entries in the documents (resolve), works
 * out what only the documents know (title, outline path, line now,
 * citation) and hands the notes over in reading order: document, then
 * place. The writers group them by document and outline path.
 *
 * The JSON is documented in docs/ANNOTATIONS.md and stable: keys are only
 * ever added. Each note carries the keys of the store files (id, path,
 * absolute, name, note, fingerprint, offset, line, before, after, created,
 * updated, length, style), so that reading it back (yd_notes_import) is
 * reading a store entry, plus what the export adds for people and tools:
 * kind, document, section, quote, citation, state. */
#ifndef YUEDU_NOTES_H
#define YUEDU_NOTES_H

#include <stddef.h>

#include "yuedu/bookmarks.h"
#include "yuedu/status.h"

#define YD_NOTES_SCHEMA 1

typedef enum yd_notes_format { YD_NOTES_MARKDOWN, YD_NOTES_ORG, YD_NOTES_JSON, YD_NOTES_TSV } yd_notes_format;

/* "markdown", "org", "json", "tsv": 0 and *out, or -1. */
int yd_notes_format_from_name(const char *name, yd_notes_format *out);

typedef struct yd_note {
    const yd_bookmark *item; /* the store's entry: id, note, times, anchor, style, length, state */
    int highlight;           /* a passage (1) or a bookmark, a place (0) */
    const char *file;        /* the document as the store names it (relative to the corpus) */
    const char *document;    /* its title, else its file name */
    const char *section;     /* the outline path of the place, "" when none */
    const char *quote;       /* a highlight's passage; a bookmark's name */
    const char *citation;    /* "" when none */
    long line;               /* the source line, from 1 */
    int32_t offset;          /* where it is now (UTF-16 units) */
} yd_note;

/* The order of the notes list and of the export, for qsort-style use:
 * document order, then offset, a bookmark before a highlight at the same
 * place; entries not placed in a document last, by path, then line. */
int yd_notes_place_order(const yd_bookmark *p, int p_highlight, const yd_bookmark *q, int q_highlight);

/* Whether Markdown needs a backslash before the ASCII character c to keep
 * it a character: its punctuation anywhere, an entity's &, and at the
 * start of a line (line_start) what would start a list or a thematic break
 * or underline a heading (-, +, =), or the . or ) after the digits that
 * start a line (after_leading_digits: 1. and 1) start a list). For every
 * export that writes Markdown, so that a note reads as it was typed. */
int yd_markdown_escaped(UChar32 c, int line_start, int after_leading_digits);

/* The notes in format, in a new string (*length bytes). */
yd_status yd_notes_write(const yd_note *notes, size_t count, yd_notes_format format, char **out, size_t *length);

/* What an import did. */
typedef struct yd_notes_imported {
    size_t added;    /* new here */
    size_t updated;  /* here already, older: replaced by the newer */
    size_t same;     /* here already, as new or newer: left alone */
    size_t skipped;  /* not notes (no path, unknown kind): left out */
} yd_notes_imported;

/* Read the JSON of yd_notes_write (data[0, length)) into the stores:
 * bookmarks into bookmarks, highlights into highlights, merged by id (a
 * note already there is never doubled; the later `updated` wins), marked
 * to be saved. Nothing is changed when the text cannot be read (YD_EINVAL,
 * err says where) or is of a newer schema. */
yd_status yd_notes_import(const char *data, size_t length, yd_bookmarks *bookmarks, yd_bookmarks *highlights,
                          yd_notes_imported *result, yd_error *err);

#endif
