/* Bookmarks: named places in documents that are never lost.
 *
 * The store lives in $XDG_DATA_HOME/yuedu/bookmarks.yaml (schema version
 * YD_BOOKMARKS_SCHEMA, written through libyaml's emitter; docs/BOOKMARKS.md
 * describes the format). Each bookmark is anchored (yuedu/anchor.h) so
 * that it re-anchors after its document was edited or moved.
 *
 * In memory the store holds every bookmark, deleted ones included as
 * tombstones (so that a deletion reaches other instances and is never
 * undone by them), with a dirty flag on those changed here. Saving is a
 * read-merge-write under the store's lock (yuedu/atomic_file.h): the file
 * on disk is read again, merged with the dirty bookmarks by id (the later
 * `updated` wins, a deletion being an update), written atomically, and
 * becomes the new memory. Two instances therefore never lose each other's
 * changes. When a save fails (full disk, read-only folder, lock held), the
 * file stays as it was, the change stays in memory and dirty, and the next
 * save tries again.
 *
 * A file that cannot be parsed, or that cannot be read as a regular file,
 * is moved aside to bookmarks.yaml.corrupt-TIMESTAMP (never overwritten)
 * and a notice says so; entries that parse are kept. A file written by a
 * newer schema is left alone and saving is refused with a message.
 *
 * Pointers into the store (yd_bookmark *) stay valid until the next call
 * that changes it (add, rename, set_note, delete, undelete, save, resolve).
 * Ids are stable: refer to bookmarks by id across such calls.
 *
 * Messages in yd_error and notices start with the file's path, ready to
 * follow "yuedu: ". */
#ifndef YUEDU_BOOKMARKS_H
#define YUEDU_BOOKMARKS_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/anchor.h"
#include "yuedu/corpus.h" /* yd_corpus_root, yd_absolute_path */
#include "yuedu/document.h"
#include "yuedu/status.h"

#define YD_BOOKMARKS_SCHEMA 1
#define YD_BOOKMARKS_FILE "bookmarks.yaml"
/* Highlights (passages, with a style and a note) live in a sibling store
 * of the same format and the same safety: a yuedu that knows only
 * bookmarks never reads it, so never drops what it does not know. */
#define YD_HIGHLIGHTS_FILE "highlights.yaml"
#define YD_HIGHLIGHT_STYLES 4
/* Tombstones older than this are dropped when the file is written. */
#define YD_TOMBSTONE_DAYS 90
#define YD_BOOKMARK_ID_SIZE 33
#define YD_NO_DOC ((size_t)-1)

typedef enum yd_bookmark_state {
    YD_BM_UNRESOLVED = 0, /* not resolved against the documents yet */
    YD_BM_EXACT,          /* its document is unchanged: same offset */
    YD_BM_REANCHORED,     /* its document was edited: found by its snippet */
    YD_BM_MOVED,          /* its document was found under another path */
    YD_BM_STALE,          /* its place was not found: kept, shown as stale */
    YD_BM_NOT_OPEN        /* its file is there but not among the documents: left alone */
} yd_bookmark_state;

typedef struct yd_bookmark {
    char id[YD_BOOKMARK_ID_SIZE]; /* random hex, unique across instances */
    char *name;                   /* never NULL */
    char *note;                   /* never NULL; "" when none */
    char *path;                   /* relative to the corpus root when under it, else absolute */
    char *abs_path;               /* absolute, symbolic links resolved */
    yd_anchor anchor;             /* fingerprint, offset, line, snippets */
    long long created, updated;   /* ms since the epoch, UTC */
    long long deleted;            /* 0, or when it was deleted (a tombstone) */
    /* A highlight (in highlights.yaml): the passage is `length` UTF-16
     * units from the place, name holds its text (to find it again and to
     * quote it), style is 0..YD_HIGHLIGHT_STYLES-1. 0 for a bookmark. */
    int32_t length;
    int style;

    /* Set by yd_bookmarks_resolve; not stored. */
    yd_bookmark_state state;
    size_t doc;                   /* index into the documents given, or YD_NO_DOC */
    int32_t offset;               /* where it is now in that document */

    int dirty;                    /* changed here since the last save */
} yd_bookmark;

typedef struct yd_bookmarks {
    char dir[4096];         /* the folder of bookmarks.yaml */
    yd_bookmark *items;     /* live and deleted, in creation order */
    size_t count, capacity;
    int needs_resolve;      /* a save brought in bookmarks not resolved yet */
    int rewrite;            /* the file must be written even with nothing dirty */
    int highlights;         /* the store is highlights.yaml (yd_highlights_open) */
    char notice[1024];      /* something the user should read (see take_notice) */
} yd_bookmarks;

/* Open the store in dir (NULL: $XDG_DATA_HOME/yuedu) and read it. A
 * corrupt or unreadable file is moved aside with a notice (and a fresh file
 * written), unless read_only is set: then it is left alone and YD_EIO says
 * what is wrong; read_only also takes no lock and creates nothing. A
 * missing file or folder is an empty store (nothing is created until the
 * first save). On failure (a folder that is a symbolic link, a file from a
 * newer schema, a corrupt file that cannot be moved aside, the lock held
 * too long...) err says why and bm is an empty but usable store: add to it,
 * and every save tries again. Always yd_bookmarks_free it. */
yd_status yd_bookmarks_open(yd_bookmarks *bm, const char *dir, int read_only, yd_error *err);
void yd_bookmarks_free(yd_bookmarks *bm);

/* The same for the highlight store, highlights.yaml in dir. */
yd_status yd_highlights_open(yd_bookmarks *store, const char *dir, int read_only, yd_error *err);

/* A highlight of doc's text [start, end) (whole grapheme clusters: the
 * caller's selection), in style 0..YD_HIGHLIGHT_STYLES-1, with a note
 * (NULL or "": none). The other arguments as yd_bookmarks_add. YD_EINVAL
 * for an empty or out-of-range passage or style. Not saved yet. */
yd_status yd_highlights_add(yd_bookmarks *store, const yd_document *doc, size_t doc_index, int32_t start,
                            int32_t end, const char *root, int style, const char *note,
                            char id_out[YD_BOOKMARK_ID_SIZE]);

/* yd_bookmarks_resolve for highlights, then each placed highlight is
 * checked against its text: where the passage no longer reads as it did,
 * it is looked for in its document (REANCHORED there when found) and is
 * otherwise STALE, kept and marked, never dropped. Returns the stale. */
size_t yd_highlights_resolve(yd_bookmarks *store, const yd_document *const *docs, size_t ndocs, const char *root,
                             int update);

/* Read-merge-write (see above). With nothing dirty it only refreshes
 * memory from disk (bringing other instances' changes; check
 * needs_resolve). On failure everything here stays as it was, dirty, and
 * the message says the change is kept and will be retried. The reader
 * calls it after each change and once more at exit (re-anchored bookmarks
 * are written then). One lock, one read, one fsync'ed write: a few ms. */
yd_status yd_bookmarks_save(yd_bookmarks *bm, yd_error *err);

/* Write every live bookmark to a new file at path, in the export format
 * (yd_bookmarks_export_yaml; a bookmarks.yaml minus deleted ones): the way
 * out when the store cannot be saved. An existing file is never
 * overwritten (YD_EIO, "exists"); err says why it failed. */
yd_status yd_bookmarks_write_copy(yd_bookmarks *bm, const char *path, yd_error *err);

/* The pending notice (a file moved aside, bookmarks re-anchored...), or
 * NULL; cleared by the call. The string lives until the next call. */
const char *yd_bookmarks_take_notice(yd_bookmarks *bm);

/* Add a bookmark at offset in doc (doc_index: its index in the documents
 * the store was resolved against, or YD_NO_DOC). root is the corpus root
 * (yd_corpus_root) for the relative path, or NULL. name NULL or "" gets
 * yd_bookmark_default_name with no breadcrumb. The new id goes to id_out
 * (may be NULL). Not saved yet: call yd_bookmarks_save. */
yd_status yd_bookmarks_add(yd_bookmarks *bm, const yd_document *doc, size_t doc_index, int32_t offset,
                           const char *root, const char *name, const char *note,
                           char id_out[YD_BOOKMARK_ID_SIZE]);

/* Edit by id; YD_EINVAL when no live bookmark has that id. */
yd_status yd_bookmarks_rename(yd_bookmarks *bm, const char *id, const char *name);
yd_status yd_bookmarks_set_note(yd_bookmarks *bm, const char *id, const char *note);
/* Delete leaves a tombstone holding every field, so undelete (undo) can
 * bring the bookmark back, even after a save. */
yd_status yd_bookmarks_delete(yd_bookmarks *bm, const char *id);
yd_status yd_bookmarks_undelete(yd_bookmarks *bm, const char *id);

/* A live bookmark by id, or NULL. */
yd_bookmark *yd_bookmarks_find(yd_bookmarks *bm, const char *id);

/* Live bookmarks. */
size_t yd_bookmarks_live_count(const yd_bookmarks *bm);

/* Bookmarks changed here and not saved yet (added, edited, deleted,
 * re-anchored): 0 after a successful save. */
size_t yd_bookmarks_unsaved(const yd_bookmarks *bm);

typedef enum yd_bookmark_order {
    YD_ORDER_DOCUMENT, /* by document (as resolved), then offset; unresolved last by path */
    YD_ORDER_RECENT    /* most recently created or changed first */
} yd_bookmark_order;

/* Live bookmarks in order, keeping those whose name, note or path contains
 * filter (ASCII letters without regard to case; NULL or "" keeps all).
 * *out is a malloc'ed array the caller frees (NULL when *count is 0). */
yd_status yd_bookmarks_list(yd_bookmarks *bm, yd_bookmark_order order, const char *filter, yd_bookmark ***out,
                            size_t *count);

/* Place every live bookmark in the documents: docs[k] is document k (the
 * reader's order), root the corpus root or NULL. A bookmark belongs to the
 * file it was made in. When that file is among the documents, it is EXACT,
 * REANCHORED or STALE there. When the file still exists but is not among
 * them, it is NOT_OPEN: not stale, not placed in a copy, never rewritten.
 * Only when its path is gone does it follow the file: to the document at
 * the same path relative to root (the corpus moved as a whole), else to
 * one with the same fingerprint (or, failing that, exactly one document
 * holding its snippet) as MOVED; else STALE with doc YD_NO_DOC. Stale
 * bookmarks are never dropped. With update set, re-anchored and moved
 * bookmarks get their new path and anchor, to be written by the next save
 * (their `updated` time does not change). While documents are still
 * loading, pass update 0: a bookmark whose document is not loaded yet would
 * look stale, or moved to another document holding its snippet; call again
 * with update 1 once loading has finished. Cost: a realpath per document,
 * a stat per bookmark not in them, a fingerprint per document holding
 * bookmarks (all of them when some bookmark's path is gone) and up to three
 * scans of the corpus per bookmark whose file is gone. Returns how many are
 * stale (NOT_OPEN ones are not). */
size_t yd_bookmarks_resolve(yd_bookmarks *bm, const yd_document *const *docs, size_t ndocs, const char *root,
                            int update);

/* Offsets of the live bookmarks resolved into document doc_index, sorted
 * (for marks in the margin). *out malloc'ed, NULL when *count is 0. */
yd_status yd_bookmarks_offsets(const yd_bookmarks *bm, size_t doc_index, int32_t **out, size_t *count);

/* Bookmarks as YAML in the file's format (schema version, same keys), with
 * a `state` key (exact, reanchored, moved, stale) once resolved: the
 * export of `yuedu --bookmarks --format yaml`. *out malloc'ed. */
yd_status yd_bookmarks_export_yaml(yd_bookmark *const *list, size_t count, char **out, size_t *length);

/* "exact", "reanchored", "moved", "stale", "not-open" or "unresolved". */
const char *yd_bookmark_state_name(yd_bookmark_state state);

/* The default name: "BREADCRUMB · SNIPPET…" where SNIPPET is the first
 * characters of text from offset on the same line, whitespace collapsed
 * (breadcrumb may be NULL or ""). malloc'ed; NULL when out of memory. */
char *yd_bookmark_default_name(const char *breadcrumb, const yd_document *doc, int32_t offset);

#endif
