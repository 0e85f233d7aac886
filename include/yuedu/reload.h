/* Noticing that a document's file changed on disk since it was read, and
 * following the reading place into the new text (docs/READER.md, "Files
 * that change while open").
 *
 * Documents are read whole into memory (ARCHITECTURE.md), so what is shown
 * never changes under the reader by itself: the reader asks now and then
 * (yd_reload_check, one stat) whether the file is still the one it read,
 * by device, inode, size, modification and status-change time. A changed
 * file is read again into a fresh document and the place is carried over
 * with an anchor (anchor.h), the way bookmarks survive edits; a file that
 * is gone or cannot be read any more leaves the copy in memory as it is. */
#ifndef YUEDU_RELOAD_H
#define YUEDU_RELOAD_H

#include <stdint.h>

#include "yuedu/anchor.h"
#include "yuedu/document.h"
#include "yuedu/status.h"

typedef enum yd_reload_result {
    YD_RELOAD_NONE = 0, /* the file is the one read, or holds the same text
                           (touched, or rewritten with the same bytes) */
    YD_RELOAD_NEW_TEXT, /* *fresh holds the new text; *offset the place */
    YD_RELOAD_GONE,     /* deleted (or its folder): keep the copy in memory */
    YD_RELOAD_FAILED    /* there but not readable as a document any more
                           (permissions, binary, a folder now; err says
                           why): keep the copy in memory */
} yd_reload_result;

/* Compare doc's file with doc->stamp and, when it differs, read it again
 * with options (the ones it was first read with). For NEW_TEXT, *fresh is a
 * new document (the caller frees what borrows doc, then frees doc and puts
 * *fresh in its place), *offset is where the place at `offset` of doc went
 * and *match how it was found (EXACT never: the text differs). For the
 * other results *fresh is left empty. When the file is there but the same
 * text or unreadable, doc->stamp is updated so that the same state is not
 * read again at the next check; a GONE file keeps its stamp, so that one
 * put back is read again. YD_ENOMEM in err->code with FAILED: out of memory. */
yd_reload_result yd_reload_check(yd_document *doc, const yd_load_options *options, int32_t offset,
                                 yd_document *fresh, int32_t *new_offset, yd_anchor_match *match, yd_error *err);

/* Where the place at offset of old is in fresh: the anchor of old at offset
 * located in fresh (anchor.h); the old offset clamped when it is lost
 * (YD_ANCHOR_STALE) or when memory runs out. */
yd_anchor_match yd_reload_follow(const yd_document *old, int32_t offset, const yd_document *fresh,
                                 int32_t *new_offset);

#endif
