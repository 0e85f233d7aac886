/* What a citation says of a place: the outline path of an offset and the
 * document's title, as UTF-8, for the reader's copy, its notes list and
 * the notes export alike. */
#ifndef YUEDU_OUTLINE_PATH_H
#define YUEDU_OUTLINE_PATH_H

#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"

/* "第二编 › 第三章 › 第五十七条": the headings (not items) that hold
 * offset, outermost first; "" when none. malloc'ed; NULL when out of memory. */
char *yd_outline_path_utf8(const yd_document *doc, const yd_outline *outline, int32_t offset);

/* The document's own title line, cleaned, else its file name. malloc'ed. */
char *yd_document_title_utf8(const yd_document *doc, const yd_outline *outline);

#endif
