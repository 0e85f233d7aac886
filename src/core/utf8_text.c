/* UTF-8 strings that the stores can always write (yuedu/utf8_text.h). */
#include "yuedu/utf8_text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "utf8_sequence.h"

bool yd_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s), bad;
    while (left > 0) {
        size_t n = yd_utf8_sequence(p, left, &bad);
        if (n == 0)
            return false;
        p += n;
        left -= n;
    }
    return true;
}

char *yd_utf8_repair(const char *s)
{
    size_t length = strlen(s);
    /* Each bad byte becomes at most three bytes. */
    char *out = malloc(length * 3 + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t left = length, w = 0, bad;
    while (left > 0) {
        size_t n = yd_utf8_sequence(p, left, &bad);
        if (n > 0) {
            memcpy(out + w, p, n);
            w += n;
        } else {
            memcpy(out + w, "\xEF\xBF\xBD", 3);
            w += 3;
            n = bad;
        }
        p += n;
        left -= n;
    }
    out[w] = 0;
    return out;
}

char *yd_utf8_of_utf16(const UChar *text, int32_t n, size_t *bytes)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8WithSub(NULL, 0, &need, text, n, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NULL;
    st = U_ZERO_ERROR;
    char *out = malloc((size_t)need + 1);
    if (!out)
        return NULL;
    u_strToUTF8WithSub(out, need + 1, NULL, text, n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        free(out);
        return NULL;
    }
    out[need] = 0;
    if (bytes)
        *bytes = (size_t)need;
    return out;
}
