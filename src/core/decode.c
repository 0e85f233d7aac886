/* Conversion of bytes to UTF-16 with counted replacements. */
#include "yuedu/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

void yd_utf16_free(yd_utf16 *text)
{
    free(text->units);
    text->units = NULL;
    text->length = 0;
}

static yd_status decode_utf8(const unsigned char *p, size_t n, yd_utf16 *out, yd_error *err)
{
    /* UTF-8 never needs more UTF-16 units than bytes. */
    UChar *units = malloc((n + 1) * sizeof *units);
    if (!units)
        return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", n);
    int32_t length = 0, subs = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(units, (int32_t)n + 1, &length, (const char *)p, (int32_t)n, 0xFFFD, &subs, &status);
    if (U_FAILURE(status)) {
        free(units);
        return yd_error_set(err, YD_EIO, "UTF-8 decoding failed: %s", u_errorName(status));
    }
    out->units = units;
    out->length = length;
    out->replacements = (size_t)subs;
    return YD_OK;
}

static yd_status decode_utf16(const unsigned char *p, size_t n, int big_endian, yd_utf16 *out, yd_error *err)
{
    size_t units_in = n / 2;
    UChar *units = malloc((units_in + 2) * sizeof *units);
    if (!units)
        return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", n);
    size_t subs = 0;
    for (size_t k = 0; k < units_in; k++)
        units[k] = big_endian ? (UChar)(p[2 * k] << 8 | p[2 * k + 1]) : (UChar)(p[2 * k + 1] << 8 | p[2 * k]);
    /* Unpaired surrogates are ill-formed: replace them. */
    for (size_t k = 0; k < units_in; k++) {
        if (U16_IS_LEAD(units[k]) && k + 1 < units_in && U16_IS_TRAIL(units[k + 1])) {
            k++;
        } else if (U16_IS_SURROGATE(units[k])) {
            units[k] = 0xFFFD;
            subs++;
        }
    }
    size_t length = units_in;
    if (n & 1) { /* a dangling final byte */
        units[length++] = 0xFFFD;
        subs++;
    }
    units[length] = 0;
    out->units = units;
    out->length = (int32_t)length;
    out->replacements = subs;
    return YD_OK;
}

/* ICU calls this for every byte sequence it cannot convert; we substitute
 * U+FFFD ourselves (some converters' own substitute is U+001A) and count. */
static void count_and_substitute(const void *context, UConverterToUnicodeArgs *args, const char *bytes,
                                 int32_t length, UConverterCallbackReason reason, UErrorCode *status)
{
    (void)bytes;
    (void)length;
    if (reason > UCNV_IRREGULAR)
        return; /* reset, close, clone: nothing to substitute */
    size_t *count = (size_t *)context;
    (*count)++;
    *status = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, status);
}

static yd_status decode_icu(const unsigned char *p, size_t n, const char *converter, yd_utf16 *out, yd_error *err)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(converter, &status);
    if (U_FAILURE(status))
        return yd_error_set(err, YD_EENCODING, "unknown encoding '%s'", converter);
    size_t subs = 0;
    ucnv_setToUCallBack(conv, count_and_substitute, &subs, NULL, NULL, &status);
    /* Multi-byte encodings produce at most one unit per byte, but a
     * user-named converter may not: grow on overflow. */
    size_t cap = n + 16;
    UChar *units = malloc(cap * sizeof *units);
    if (!units || U_FAILURE(status)) {
        free(units);
        ucnv_close(conv);
        return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", n);
    }
    const char *src = (const char *)p, *src_end = (const char *)p + n;
    UChar *dst = units;
    for (;;) {
        status = U_ZERO_ERROR;
        ucnv_toUnicode(conv, &dst, units + cap - 1, &src, src_end, NULL, 1, &status);
        if (status != U_BUFFER_OVERFLOW_ERROR)
            break;
        size_t used = (size_t)(dst - units);
        if (cap > YD_DECODE_MAX_BYTES) {
            status = U_INDEX_OUTOFBOUNDS_ERROR;
            break;
        }
        UChar *bigger = realloc(units, cap * 2 * sizeof *units);
        if (!bigger) {
            free(units);
            ucnv_close(conv);
            return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", n);
        }
        units = bigger;
        cap *= 2;
        dst = units + used;
    }
    ucnv_close(conv);
    if (U_FAILURE(status)) {
        free(units);
        return yd_error_set(err, YD_EIO, "decoding as %s failed: %s", converter, u_errorName(status));
    }
    *dst = 0;
    out->units = units;
    out->length = (int32_t)(dst - units);
    out->replacements = subs;
    return YD_OK;
}

yd_status yd_decode(const unsigned char *bytes, size_t length, const yd_encoding *enc, yd_utf16 *out, yd_error *err)
{
    memset(out, 0, sizeof *out);
    if (length > YD_DECODE_MAX_BYTES)
        return yd_error_set(err, YD_ETOOBIG, "file too large (%zu bytes; the limit is %zu)", length,
                            (size_t)YD_DECODE_MAX_BYTES);
    size_t skip = enc->bom_length <= length ? enc->bom_length : length;
    const unsigned char *p = bytes + skip;
    size_t n = length - skip;
    switch (enc->kind) {
    case YD_ENC_UTF8:
    case YD_ENC_UTF8_BOM: return decode_utf8(p, n, out, err);
    case YD_ENC_UTF16LE: return decode_utf16(p, n, 0, out, err);
    case YD_ENC_UTF16BE: return decode_utf16(p, n, 1, out, err);
    /* GB18030 rather than GBK: GBK files with characters in the user-defined
     * area decode only with GB18030's table. */
    case YD_ENC_GB18030: return decode_icu(p, n, "gb18030", out, err);
    case YD_ENC_BIG5: return decode_icu(p, n, "windows-950-2000", out, err);
    case YD_ENC_NAMED: return decode_icu(p, n, enc->name, out, err);
    case YD_ENC_BINARY: break;
    }
    return yd_error_set(err, YD_EBINARY, "skipped: binary file");
}

yd_status yd_encoding_from_name(const char *name, yd_encoding *enc, yd_error *err)
{
    static const struct { const char *name; yd_encoding_kind kind; } known[] = {
        {"utf-8", YD_ENC_UTF8}, {"utf8", YD_ENC_UTF8}, {"utf-8-bom", YD_ENC_UTF8_BOM},
        {"utf-16le", YD_ENC_UTF16LE}, {"utf-16be", YD_ENC_UTF16BE},
        {"gb18030", YD_ENC_GB18030}, {"gbk", YD_ENC_GB18030}, {"gb2312", YD_ENC_GB18030}, {"cp936", YD_ENC_GB18030},
        {"big5", YD_ENC_BIG5}, {"cp950", YD_ENC_BIG5},
    };
    memset(enc, 0, sizeof *enc);
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        if (strcasecmp(name, known[k].name) == 0) {
            enc->kind = known[k].kind;
            snprintf(enc->name, sizeof enc->name, "%s", yd_encoding_kind_name(known[k].kind));
            return YD_OK;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(name, &status);
    if (U_FAILURE(status))
        return yd_error_set(err, YD_EENCODING, "unknown encoding '%s'", name);
    ucnv_close(conv);
    if (strlen(name) >= sizeof enc->name)
        return yd_error_set(err, YD_EENCODING, "encoding name too long: '%.40s...'", name);
    enc->kind = YD_ENC_NAMED;
    snprintf(enc->name, sizeof enc->name, "%s", name);
    return YD_OK;
}
