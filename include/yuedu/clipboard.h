/* What a copy sends: the OSC 52 sequence that asks the terminal the user
 * sits at (over SSH, through tmux and screen) to put text on its
 * clipboard, and the citation that follows a copied passage.
 *
 * The text is only ever sent base64-encoded: no byte of a document reaches
 * the terminal inside an escape sequence as it is. */
#ifndef YUEDU_CLIPBOARD_H
#define YUEDU_CLIPBOARD_H

#include <stddef.h>

#include "yuedu/status.h"

/* The default limit on the base64 payload of one OSC 52 sequence: xterm's
 * and tmux's own buffers are around 100 kB; a larger one is dropped or cut
 * by some terminal on the way, so it is refused before it is sent. */
#define YD_CLIPBOARD_LIMIT_DEFAULT 100000

/* The default citation: a Chinese reference, 《title》, the outline path,
 * and where the passage starts. */
#define YD_CITATION_DEFAULT "——《{title}》{path}（{file}:{line}）"

/* Base64 (RFC 4648, padded) of bytes[0, length) in a new NUL-terminated
 * string. */
yd_status yd_base64_encode(const unsigned char *bytes, size_t length, char **out, size_t *out_length, yd_error *err);

/* "ESC ] 52 ; c ; BASE64 BEL" for text[0, length) in a new string.
 * YD_ETOOBIG when the payload would be longer than limit bytes (nothing is
 * made: a copy is refused, never cut). */
yd_status yd_osc52_sequence(const char *text, size_t length, size_t limit, char **out, size_t *out_length,
                            yd_error *err);

/* What a citation may say. Every field is UTF-8; NULL reads as "". */
typedef struct yd_citation_fields {
    const char *title; /* the document's title, or its file name */
    const char *path;  /* the outline path of the passage: 第二编 › 第三章 */
    const char *file;  /* the file name */
    long line;         /* the source line the passage starts on, from 1 */
} yd_citation_fields;

/* The template with {title}, {path}, {file} and {line} replaced; {{ and }}
 * stand for { and }; any other {…} stays as written. A new string. */
yd_status yd_citation_format(const char *templ, const yd_citation_fields *fields, char **out, yd_error *err);

#endif
