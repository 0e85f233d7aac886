/* The reference that the document loader's UTF-8 fast path
 * (src/core/utf8_document.c) must agree with, unit for unit: ICU's
 * u_strFromUTF8WithSub, then line ends made LF, a leading U+FEFF dropped
 * and lines indexed the plain way. Shared by tests/unit/test_document.c
 * (random inputs) and tests/fuzz/fuzz_decode.c (coverage-guided ones).
 * Returns 0 when doc matches, or a short reason. */
#ifndef YUEDU_UTF8_REFERENCE_H
#define YUEDU_UTF8_REFERENCE_H

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "yuedu/document.h"

static const char *utf8_reference_mismatch(const unsigned char *bytes, size_t n, const yd_document *doc)
{
    UChar *u = malloc((n + 1) * sizeof *u);
    int32_t *starts = malloc((n + 1) * sizeof *starts);
    const char *why = NULL;
    if (!u || !starts) {
        why = "out of memory";
        goto done;
    }
    int32_t len = 0, subs = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, (int32_t)n + 1, &len, (const char *)bytes, (int32_t)n, 0xFFFD, &subs, &status);
    if (U_FAILURE(status)) {
        why = "ICU failed";
        goto done;
    }
    int32_t r = len > 0 && u[0] == 0xFEFF ? 1 : 0, w = 0, lines = 0;
    size_t chars = 0;
    unsigned eols = 0;
    while (r < len) {
        if (w == 0 || u[w - 1] == '\n')
            starts[lines++] = w;
        UChar c = u[r++];
        if (c == '\r') {
            if (r < len && u[r] == '\n') {
                r++;
                eols |= YD_EOL_CRLF;
            } else {
                eols |= YD_EOL_CR;
            }
            c = '\n';
        } else if (c == '\n') {
            eols |= YD_EOL_LF;
        }
        chars += !U16_IS_TRAIL(c);
        u[w++] = c;
    }
    if (doc->length != w)
        why = "length differs";
    else if (memcmp(doc->text, u, (size_t)w * sizeof *u) != 0 || doc->text[w] != 0)
        why = "text differs";
    else if (doc->replacements != (size_t)subs)
        why = "replacement count differs";
    else if (doc->chars != chars)
        why = "character count differs";
    else if (doc->line_count != lines || memcmp(doc->line_starts, starts, (size_t)lines * sizeof *starts) != 0)
        why = "line index differs";
    else if (doc->line_ends != eols)
        why = "line ends differ";
done:
    free(u);
    free(starts);
    return why;
}

#endif
