/* Numbers folded in search (see number_fold.h): the literal query becomes
 * a regular expression, each number in a numbering context an alternation
 * of the ways to write it. */
#include "yuedu/number_fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "yuedu/numeral.h"

/* A growing UTF-16 string. */
typedef struct ubuf {
    UChar *s;
    int32_t n, cap;
    int failed;
} ubuf;

static void put(ubuf *b, const UChar *s, int32_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        int32_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        UChar *t = realloc(b->s, (size_t)cap * sizeof *t);
        if (!t) {
            b->failed = 1;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, (size_t)n * sizeof *s);
    b->n += n;
    b->s[b->n] = 0;
}

static void puts16(ubuf *b, const char16_t *s)
{
    int32_t n = 0;
    while (s[n])
        n++;
    put(b, (const UChar *)s, n);
}

static void put_char(ubuf *b, UChar c) { put(b, &c, 1); }

/* Every character of a written number, for the bounds around one. */
static const char16_t NUMBER_CHARS[] = u"0-9０-９〇零一二三四五六七八九十百千万萬两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅卌弌";

/* The ways to write one digit (1-9) as a Chinese numeral; two: also 两 where
 * a unit follows. */
static const char16_t *const DIGITS[10] = {u"[零〇]",    u"[一壹弌]", u"[二贰貳]", u"[三叁參]", u"[四肆]",
                                          u"[五伍]",    u"[六陆陸]", u"[七柒]",   u"[八捌]",   u"[九玖]"};
static const char16_t *const UNITS[4] = {u"", u"[十拾]", u"[百佰]", u"[千仟]"};

/* 0-9999 with units (一千零二十, 两百, 一十二, 十二), after *started digits. */
static void chinese_below_10000(ubuf *b, int v, int *started)
{
    int place[4] = {v / 1000, v / 100 % 10, v / 10 % 10, v % 10};
    int pending_zero = 0;
    for (int p = 0; p < 4; p++) {
        int d = place[p], unit = 3 - p;
        if (d == 0) {
            pending_zero = *started;
            continue;
        }
        if (pending_zero)
            puts16(b, DIGITS[0]);
        pending_zero = 0;
        if (unit == 1 && d == 1)
            puts16(b, u"[一壹]?"); /* 十二 and 一十二, 一百十二 and 一百一十二 */
        else if (d == 2 && unit >= 2)
            puts16(b, u"[二贰貳两兩]");
        else
            puts16(b, DIGITS[d]);
        puts16(b, UNITS[unit]);
        *started = 1;
    }
}

static void chinese_with_units(ubuf *b, int32_t v)
{
    int started = 0;
    if (v >= 10000) {
        chinese_below_10000(b, v / 10000, &started);
        puts16(b, u"[万萬]");
        int low = v % 10000;
        if (low > 0) {
            if (low < 1000)
                puts16(b, DIGITS[0]);
            started = 0;
            chinese_below_10000(b, low, &started);
        }
    } else {
        chinese_below_10000(b, v, &started);
    }
}

/* The alternation for value v, bounded by characters that are no digits. */
static void number_regex(ubuf *b, int32_t v)
{
    puts16(b, u"(?<![");
    puts16(b, NUMBER_CHARS);
    puts16(b, u"])(?:");
    char digits[16];
    int nd = snprintf(digits, sizeof digits, "%ld", (long)v);
    for (int k = 0; k < nd; k++) { /* 12 and １２ */
        UChar cls[5] = {'[', (UChar)digits[k], (UChar)(0xFF10 + digits[k] - '0'), ']', 0};
        put(b, cls, 4);
    }
    put_char(b, '|');
    if (v == 0)
        puts16(b, DIGITS[0]);
    else
        chinese_with_units(b, v);
    if (v >= 10) { /* 一二: digit by digit */
        put_char(b, '|');
        for (int k = 0; k < nd; k++)
            puts16(b, digits[k] == '0' ? u"[〇零]" : DIGITS[digits[k] - '0']);
    }
    puts16(b, u")(?![");
    puts16(b, NUMBER_CHARS);
    puts16(b, u"])");
}

static int is_blank(UChar c) { return c == ' ' || c == 0x3000; }

/* Units that make a number a numbering: 条 款 项 章 节 编 篇 部 卷 回 讲 目. */
static int is_unit(UChar c)
{
    static const char16_t units[] = u"条條款项項章节節编編篇部卷回讲講目";
    for (int k = 0; units[k]; k++)
        if (units[k] == c)
            return 1;
    return 0;
}

/* A character of the query as a regex literal: ASCII punctuation escaped. */
static void literal(ubuf *b, UChar c)
{
    if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && c != ' ')
        put_char(b, '\\');
    put_char(b, c);
}

int yd_number_fold_pattern(const UChar *p, int32_t n, UChar **out, int32_t *out_length)
{
    ubuf b = {0};
    int rewrote = 0;
    for (int32_t i = 0; i < n;) {
        int32_t v = 0;
        int32_t e = yd_numeral_parse(p, i, n, YD_NUMERAL_ANY | YD_NUMERAL_SPACES, &v);
        if (e == i) {
            if (p[i] == 0x7B2C /* 第 */ && i + 1 < n && is_blank(p[i + 1])) {
                put_char(&b, p[i]); /* 第 12 條: the blanks are optional */
                i++;
                while (i < n && is_blank(p[i]))
                    i++;
                puts16(&b, u"[ \u3000]?");
                continue;
            }
            literal(&b, p[i++]);
            continue;
        }
        int32_t after = e;
        while (after < n && is_blank(p[after]))
            after++;
        int after_di = i > 0 && p[i - 1] == 0x7B2C;
        int blank_di = i > 1 && is_blank(p[i - 1]) && (p[i - 2] == 0x7B2C || is_blank(p[i - 2]));
        int before_unit = after < n && is_unit(p[after]);
        if (!after_di && !blank_di && !before_unit) {
            for (int32_t k = i; k < e; k++)
                literal(&b, p[k]);
            i = e;
            continue;
        }
        if (after_di)
            puts16(&b, u"[ \u3000]?"); /* 第12条 finds 第 12 條 */
        number_regex(&b, v);
        rewrote = 1;
        if (after > e)
            puts16(&b, u"[ \u3000]?");
        else if (before_unit)
            puts16(&b, u"[ \u3000]?"); /* 第12条 finds 第 12 條 */
        i = after;
    }
    if (b.failed) {
        free(b.s);
        return -1;
    }
    if (!rewrote) {
        free(b.s);
        return 0;
    }
    *out = b.s;
    *out_length = b.n;
    return 1;
}
