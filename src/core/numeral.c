/* Parsing the numbers of headings and articles (see numeral.h).
 *
 * A Chinese number is read in one pass over its characters, keeping the
 * value of the part below 万 apart, so that 一百一十一, 十一, 二百零三 and the
 * elided 一百二 (= 120) all come out right; a run of digits without any unit
 * (一零二, 一〇三) is read digit by digit. Every check is local: no
 * allocation, no look-back past the number. */
#include "yuedu/numeral.h"

#include <stddef.h>

/* Longest number considered, in characters: longer runs are not numbering. */
enum { RUN_MAX = 20 };

static int is_blank(UChar c) { return c == 0x20 || c == 0x3000 || c == 0xA0; }

/* 0-9 for a Chinese digit (plain or financial, 〇 零 两 兩), else -1. */
static int cn_digit(UChar c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;                       /* 〇 零 */
    case 0x4E00: case 0x58F9: case 0x5F0C: return 1;          /* 一 壹 弌 */
    case 0x4E8C: case 0x8D30: case 0x8CB3: case 0x4E24: case 0x5169: return 2; /* 二 贰 貳 两 兩 */
    case 0x4E09: case 0x53C1: case 0x53C3: return 3;          /* 三 叁 參 */
    case 0x56DB: case 0x8086: return 4;                       /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;                       /* 五 伍 */
    case 0x516D: case 0x9646: case 0x9678: return 6;          /* 六 陆 陸 */
    case 0x4E03: case 0x67D2: return 7;                       /* 七 柒 */
    case 0x516B: case 0x634C: return 8;                       /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;                       /* 九 玖 */
    default: return -1;
    }
}

/* 10, 100, 1000, 10000 for a unit, else 0. */
static int32_t cn_unit(UChar c)
{
    switch (c) {
    case 0x5341: case 0x62FE: return 10;    /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;   /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;  /* 千 仟 */
    case 0x4E07: case 0x842C: return 10000; /* 万 萬 */
    default: return 0;
    }
}

/* 20, 30, 40 for 廿 卅 卌, else 0. */
static int32_t cn_tens(UChar c) { return c == 0x5EFF ? 20 : c == 0x5345 ? 30 : c == 0x534C ? 40 : 0; }

int yd_numeral_is_chinese(UChar c) { return cn_digit(c) >= 0 || cn_unit(c) > 0 || cn_tens(c) > 0; }

int yd_numeral_is_arabic(UChar c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

static int ar_digit(UChar c) { return c <= '9' ? c - '0' : c - 0xFF10; }

/* The characters of one number from i: collects at most RUN_MAX of them
 * into run (skipping single blanks between two of them when allowed) and
 * returns the index past the last one. */
static int32_t collect(const UChar *t, int32_t i, int32_t end, int (*is_part)(UChar), int spaces, UChar *run,
                       int *len)
{
    int32_t j = i, past = i;
    *len = 0;
    while (j < end && is_part(t[j])) {
        if (*len == RUN_MAX) {
            *len = RUN_MAX + 1; /* too long: not a number */
            return i;
        }
        run[(*len)++] = t[j++];
        past = j;
        if (spaces && j + 1 < end && is_blank(t[j]) && is_part(t[j + 1]))
            j++;
    }
    return past;
}

/* Value of a Chinese number with units, or -1 when it is malformed. */
static int32_t chinese_value(const UChar *run, int len)
{
    int64_t total = 0, section = 0;
    int cur = -1, zero = 0, seen_wan = 0;
    int32_t last_unit = 0; /* the last unit within the section: units must descend */
    int32_t last_mag = 0;  /* the last unit of any kind, for the elided 一百二 */
    for (int k = 0; k < len; k++) {
        UChar c = run[k];
        int d = cn_digit(c);
        int32_t u = cn_unit(c), tens = cn_tens(c);
        if (d == 0) {
            if (cur >= 0)
                return -1; /* 三零: digits run together */
            zero = 1;
        } else if (d > 0) {
            if (cur >= 0)
                return -1; /* 一二十 */
            cur = d;
        } else if (tens) {
            if (cur >= 0 || section % 100 != 0 || (last_unit && last_unit <= 10))
                return -1;
            section += tens;
            last_unit = last_mag = 10;
            zero = 0;
        } else if (u == 10000) {
            if (seen_wan || (section == 0 && cur < 0))
                return -1;
            total = (section + (cur > 0 ? cur : 0)) * 10000;
            section = 0;
            cur = -1;
            seen_wan = 1;
            last_unit = 0;
            last_mag = u;
            zero = 0;
        } else {
            if (last_unit && u >= last_unit)
                return -1; /* 十百 */
            if (cur < 0 && !(u == 10 && section == 0 && !zero) && !(u == 10 && zero))
                return -1; /* 百 with no digit before it; 十 alone means 一十 */
            section += (int64_t)(cur > 0 ? cur : 1) * u;
            cur = -1;
            last_unit = last_mag = u;
            zero = 0;
        }
    }
    if (cur > 0)
        section += !zero && last_mag >= 100 ? (int64_t)cur * (last_mag / 10) : cur; /* 一百二 = 120 */
    int64_t v = total + section;
    return v > YD_NUMERAL_MAX ? -1 : (int32_t)v;
}

int32_t yd_numeral_parse(const UChar *t, int32_t i, int32_t end, unsigned flags, int32_t *value)
{
    if (i >= end)
        return i;
    UChar run[RUN_MAX + 1];
    int len = 0, spaces = (flags & YD_NUMERAL_SPACES) != 0;
    if ((flags & YD_NUMERAL_ARABIC) && yd_numeral_is_arabic(t[i])) {
        int32_t past = collect(t, i, end, yd_numeral_is_arabic, spaces, run, &len);
        if (len == 0 || len > 8)
            return i;
        int32_t v = 0;
        for (int k = 0; k < len; k++)
            v = v * 10 + ar_digit(run[k]);
        *value = v;
        return past;
    }
    if (!(flags & YD_NUMERAL_CHINESE) || !yd_numeral_is_chinese(t[i]))
        return i;
    int32_t past = collect(t, i, end, yd_numeral_is_chinese, spaces, run, &len);
    if (len == 0 || len > RUN_MAX)
        return i;
    int units = 0;
    for (int k = 0; k < len; k++)
        units += cn_unit(run[k]) > 0 || cn_tens(run[k]) > 0;
    int32_t v;
    if (units == 0) {
        if (len > 8)
            return i;
        v = 0;
        for (int k = 0; k < len; k++)
            v = v * 10 + cn_digit(run[k]); /* 一零二: digit by digit */
    } else {
        v = chinese_value(run, len);
        if (v < 0)
            return i;
    }
    *value = v;
    return past;
}

int32_t yd_numeral_insert(const UChar *t, int32_t i, int32_t end, int32_t *sub)
{
    if (i + 1 >= end)
        return i;
    int32_t e;
    if (t[i] == 0x4E4B /* 之 */) {
        e = yd_numeral_parse(t, i + 1, end, YD_NUMERAL_CHINESE, sub);
        return e > i + 1 ? e : i;
    }
    if (t[i] == '-' || t[i] == 0xFF0D || t[i] == 0x2010 || t[i] == 0x2011) {
        e = yd_numeral_parse(t, i + 1, end, YD_NUMERAL_ARABIC, sub);
        return e > i + 1 ? e : i;
    }
    if (t[i] == 0xC758 /* 의 */) {
        e = yd_numeral_parse(t, i + 1, end, YD_NUMERAL_ARABIC, sub);
        return e > i + 1 ? e : i;
    }
    return i;
}
