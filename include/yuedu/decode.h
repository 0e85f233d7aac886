/* Decoding: bytes in a known encoding to UTF-16, the in-memory form of every
 * document (ICU's native form: its break iterators and regex run fastest on
 * it, and Chinese text takes two thirds of the space of UTF-8). */
#ifndef YUEDU_DECODE_H
#define YUEDU_DECODE_H

#include <stddef.h>
#include <unicode/utypes.h>

#include "yuedu/detect.h"
#include "yuedu/status.h"

typedef struct yd_utf16 {
    UChar *units;        /* malloc'ed, NUL-terminated for ICU's convenience */
    int32_t length;      /* code units, not counting the terminator */
    size_t replacements; /* invalid sequences turned into U+FFFD */
} yd_utf16;

/* Largest input accepted: offsets are int32_t, as ICU's are. */
#define YD_DECODE_MAX_BYTES ((size_t)1 << 30)

/* Decode bytes[0..length) (BOM included; enc->bom_length bytes are skipped)
 * into out. Every invalid sequence becomes one U+FFFD and is counted. */
yd_status yd_decode(const unsigned char *bytes, size_t length, const yd_encoding *enc,
                    yd_utf16 *out, yd_error *err);

/* Resolve a user-supplied encoding name (--encoding) into enc. Known names
 * map to the detector's kinds; anything else must be an ICU converter name.
 * Returns YD_EENCODING for names ICU does not know. */
yd_status yd_encoding_from_name(const char *name, yd_encoding *enc, yd_error *err);

void yd_utf16_free(yd_utf16 *text);

#endif
