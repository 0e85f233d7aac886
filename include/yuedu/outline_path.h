/* What a citation says of a place: the outline path of an offset and the
 * document's title, as UTF-8, for the reader's copy, its notes list and
 * the notes export alike. */
#ifndef YUEDU_OUTLINE_PATH_H
#define YUEDU_OUTLINE_PATH_H

#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"
#include "yuedu/outline_hits.h"
#include "yuedu/status.h"

/* "第二编 › 第三章 › 第五十七条": the headings (not items) that hold
 * offset, outermost first; "" when none. malloc'ed; NULL when out of memory. */
char *yd_outline_path_utf8(const yd_document *doc, const yd_outline *outline, int32_t offset);

/* The document's own title line, cleaned, else its file name. malloc'ed. */
char *yd_document_title_utf8(const yd_document *doc, const yd_outline *outline);

/* The parts of the text under the headings a path names (--search
 * --under): "第二编", "第二编 › 第三章" (or > between the parts). Each
 * part is the beginning of a heading's title (items are not headings),
 * white space and the case of Latin letters ignored; a later part is a
 * heading anywhere below the one the part before it names. Characters are
 * compared through fold (a yd_fold table, so that 第二编 finds 第二編;
 * NULL: as they are) and then in lower case. A heading that
 * matches inside one already taken adds nothing. *ranges (malloc'ed, in
 * text order, not overlapping; NULL when none) and *count are filled;
 * YD_EINVAL when path has no part, YD_ENOMEM. */
yd_status yd_outline_under(const yd_document *doc, const yd_outline *outline, const char *path, const UChar *fold,
                           yd_text_range **ranges, size_t *count, yd_error *err);

#endif
