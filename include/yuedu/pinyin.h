/* Titles matched by pinyin: typed Latin letters find Han characters by
 * their readings, full or by initials, mixed with Han characters
 * (xf finds 宪法, rmfy 人民法院, zhonghua 中华, 民fa 民法). docs/READER.md,
 * "Pinyin".
 *
 * A character's readings come from ICU's Han-Latin transliterator (one
 * reading, toneless, lower case), plus, for common polyphonic characters
 * whose other readings ICU's one-to-one rules cannot give (行 xing/hang,
 * 长 chang/zhang, 重 zhong/chong...), a table of ours; every reading of a
 * character is tried. The transliterator runs once per distinct character
 * (a cache of the Basic Multilingual Plane), never once per keystroke; a
 * title is prepared once (yd_pinyin_prepare) and matched against each
 * keystroke's text in microseconds. */
#ifndef YUEDU_PINYIN_H
#define YUEDU_PINYIN_H

#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/status.h"

typedef struct yd_pinyin yd_pinyin;

/* Open the transliterator; fails when ICU lacks its data (err says so). */
yd_status yd_pinyin_new(yd_pinyin **out, yd_error *err);
void yd_pinyin_free(yd_pinyin *pinyin);

/* A title ready for matching: its characters, and for each one the readings
 * (an offset into the yd_pinyin's pool, 0 when it has none). */
typedef struct yd_pinyin_title {
    UChar *chars;
    uint32_t *readings;
    int32_t length;
} yd_pinyin_title;

/* Prepare title[0..n). out is overwritten (free it first when reusing).
 * Fails only when out of memory. */
yd_status yd_pinyin_prepare(yd_pinyin *pinyin, const UChar *title, int32_t n, yd_pinyin_title *out, yd_error *err);
void yd_pinyin_title_free(yd_pinyin_title *title);

/* Does the title contain typed[0..n) somewhere, each Latin letter run of
 * typed read as the readings (or their beginnings) of consecutive Han
 * characters, other characters compared through fold (a yd_fold table,
 * NULL: as they are; ASCII letters are compared without case)? */
int yd_pinyin_match(const yd_pinyin *pinyin, const yd_pinyin_title *title, const UChar *typed, int32_t n,
                    const UChar *fold);

/* Does typed hold an ASCII letter (then pinyin matching can apply)? */
int yd_pinyin_wanted(const UChar *typed, int32_t n);

/* The readings of c as "xing hang" (for tests and messages): writes at
 * most size bytes, NUL-terminated; "" when c has none. */
const char *yd_pinyin_readings(yd_pinyin *pinyin, UChar c, char *buf, size_t size);

#endif
