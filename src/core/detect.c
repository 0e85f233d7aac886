/* Encoding detection; see include/yuedu/detect.h for the reasoning. */
#include "yuedu/detect.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8_sequence.h"

/* Weights of the cost model: an invalid sequence is far less likely in real
 * text of an encoding than a rare character of it. */
enum { COST_ERROR = 4, COST_RARE = 2, COST_LEVEL2 = 1 };

const char *yd_encoding_kind_name(yd_encoding_kind kind)
{
    switch (kind) {
    case YD_ENC_UTF8: return "UTF-8";
    case YD_ENC_UTF8_BOM: return "UTF-8-BOM";
    case YD_ENC_UTF16LE: return "UTF-16LE";
    case YD_ENC_UTF16BE: return "UTF-16BE";
    case YD_ENC_GB18030: return "GB18030";
    case YD_ENC_BIG5: return "Big5";
    case YD_ENC_NAMED: return "named";
    case YD_ENC_BINARY: return "binary";
    }
    return "unknown";
}

unsigned long yd_detect_cost_utf8(const unsigned char *p, size_t n)
{
    unsigned long cost = 0;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case: skip eight bytes at a time. */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned c;
        if (yd_utf8_three(p + i, n - i, &c)) {
            i += 3;
            continue;
        }
        size_t bad = 0, len = yd_utf8_sequence(p + i, n - i, &bad);
        if (len == 0) {
            cost += COST_ERROR;
            len = bad;
        }
        i += len;
    }
    return cost;
}

unsigned long yd_detect_cost_gb18030(const unsigned char *p, size_t n)
{
    unsigned long cost = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) { i++; continue; }
        if (b == 0x80 || b == 0xFF || i + 1 >= n) { cost += COST_ERROR; i++; continue; }
        unsigned char t = p[i + 1];
        if (t >= 0x30 && t <= 0x39) {
            /* Four-byte form: rare characters outside GBK. */
            if (i + 3 < n && p[i + 2] >= 0x81 && p[i + 2] <= 0xFE && p[i + 3] >= 0x30 && p[i + 3] <= 0x39) {
                cost += COST_RARE;
                i += 4;
            } else {
                cost += COST_ERROR;
                i++;
            }
            continue;
        }
        if (t < 0x40 || t == 0x7F || t == 0xFF) { cost += COST_ERROR; i++; continue; }
        if (t >= 0xA1 && ((b >= 0xA1 && b <= 0xA3) || (b >= 0xB0 && b <= 0xD7)))
            ; /* punctuation, full-width forms and GB2312 level 1 */
        else if (t >= 0xA1 && ((b >= 0xA4 && b <= 0xA9) || (b >= 0xD8 && b <= 0xF7)))
            cost += COST_LEVEL2; /* kana, Greek, box drawing; level 2 */
        else
            cost += COST_RARE;
        i += 2;
    }
    return cost;
}

unsigned long yd_detect_cost_big5(const unsigned char *p, size_t n)
{
    unsigned long cost = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) { i++; continue; }
        if (b == 0x80 || b == 0xFF || i + 1 >= n) { cost += COST_ERROR; i++; continue; }
        unsigned char t = p[i + 1];
        if (!((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE))) { cost += COST_ERROR; i++; continue; }
        unsigned code = (unsigned)b << 8 | t;
        if ((code >= 0xA140 && code <= 0xA3BF) || (code >= 0xA440 && code <= 0xC67E))
            ; /* symbols and the frequent characters */
        else if (code >= 0xC940 && code <= 0xF9D5)
            cost += COST_LEVEL2;
        else
            cost += COST_RARE;
        i += 2;
    }
    return cost;
}

static int utf16_unit_is_textlike(unsigned u)
{
    return u == 0x09 || u == 0x0A || u == 0x0D || (u >= 0x20 && u <= 0x7E) ||
           (u >= 0xA0 && u <= 0x24F) || (u >= 0x2000 && u <= 0x206F) ||
           (u >= 0x2100 && u <= 0x2BFF) || (u >= 0x3000 && u <= 0x30FF) ||
           (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
           (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFE30 && u <= 0xFE4F) ||
           (u >= 0xFF00 && u <= 0xFFEF) || u == 0xFEFF;
}

unsigned yd_detect_utf16_plausibility(const unsigned char *p, size_t n, int big_endian)
{
    size_t units = n / 2, good = 0;
    if (units == 0)
        return 0;
    for (size_t k = 0; k < units; k++) {
        unsigned u = big_endian ? (unsigned)p[2 * k] << 8 | p[2 * k + 1]
                                : (unsigned)p[2 * k + 1] << 8 | p[2 * k];
        if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units) {
            unsigned v = big_endian ? (unsigned)p[2 * k + 2] << 8 | p[2 * k + 3]
                                    : (unsigned)p[2 * k + 3] << 8 | p[2 * k + 2];
            if (v >= 0xDC00 && v <= 0xDFFF) {
                good += 2;
                k++;
            }
            continue;
        }
        good += utf16_unit_is_textlike(u);
    }
    return (unsigned)(good * 1000 / units);
}

/* Zero bytes of p that belong to text-like code units in that byte order:
 * the high byte of ASCII, and the low byte of a character such as 一
 * (U+4E00), the commonest character of Chinese text. */
static size_t utf16_zeros_in_text(const unsigned char *p, size_t n, int big_endian)
{
    size_t zeros = 0;
    for (size_t k = 0; k + 1 < n; k += 2) {
        unsigned u = big_endian ? (unsigned)p[k] << 8 | p[k + 1] : (unsigned)p[k + 1] << 8 | p[k];
        if (u != 0 && ((u & 0xFF00) == 0 || (u & 0xFF) == 0) && utf16_unit_is_textlike(u))
            zeros++;
    }
    return zeros;
}

static int has_binary_signature(const unsigned char *p, size_t n)
{
    static const struct { const char *magic; size_t len; } sigs[] = {
        {"\x89PNG\r\n\x1a\n", 8}, {"%PDF-", 5}, {"PK\x03\x04", 4}, {"\x7f" "ELF", 4},
        {"\x1f\x8b", 2}, {"GIF8", 4}, {"\xff\xd8\xff", 3}, {"BZh", 3},
        {"\xfd" "7zXZ", 5}, {"7z\xbc\xaf", 4}, {"\xd0\xcf\x11\xe0", 4}, {"Rar!", 4},
    };
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        if (n >= sigs[k].len && memcmp(p, sigs[k].magic, sigs[k].len) == 0)
            return 1;
    return 0;
}

/* Cut the sample back to a line end so a character split by the cut is not
 * counted as an error. */
static size_t trim_sample(const unsigned char *p, size_t n, size_t total)
{
    if (n >= total)
        return n;
    for (size_t k = n; k > 0 && n - k < 256; k--)
        if (p[k - 1] == '\n')
            return k;
    for (size_t k = n; k > 0 && n - k < 8; k--)
        if (p[k - 1] < 0x80)
            return k;
    return n;
}

#define ONES 0x0101010101010101ull

/* Whether any byte of w is below limit (limit <= 0x80): the borrow of the
 * subtraction reaches a byte's top bit only where that byte is small. */
static inline bool has_byte_below(uint64_t w, unsigned limit)
{
    return ((w - ONES * limit) & ~w & (ONES * 0x80)) != 0;
}

static void set(yd_encoding *out, yd_encoding_kind kind, size_t bom)
{
    out->kind = kind;
    out->bom_length = bom;
    snprintf(out->name, sizeof out->name, "%s", yd_encoding_kind_name(kind));
}

void yd_detect_encoding(const unsigned char *bytes, size_t length, yd_encoding *out)
{
    if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        return set(out, YD_ENC_UTF8_BOM, 3);
    if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        return set(out, YD_ENC_UTF16LE, 2);
    if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        return set(out, YD_ENC_UTF16BE, 2);

    size_t n = length < YD_DETECT_SAMPLE ? length : YD_DETECT_SAMPLE;
    n = trim_sample(bytes, n, length);
    if (has_binary_signature(bytes, n))
        return set(out, YD_ENC_BINARY, 0);

    size_t zeros = 0, suspicious = 0, high = 0;
    for (size_t k = 0; k < n; k++) {
        /* Eight bytes at a time while none is a control or DEL: only the
         * high bytes need counting then. */
        if ((k & 7) == 0 && k + 8 <= n) {
            uint64_t w;
            memcpy(&w, bytes + k, 8);
            if (!has_byte_below(w, 0x20) && !has_byte_below(w ^ (ONES * 0x7F), 1)) {
                high += (size_t)(((w >> 7 & ONES) * ONES) >> 56); /* sum of the top bits */
                k += 7;
                continue;
            }
        }
        unsigned char b = bytes[k];
        if (b == 0)
            zeros++;
        if (b < 0x20 ? !(b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x1B) : b == 0x7F)
            suspicious++;
        high += b >= 0x80;
    }
    size_t even_n = length & 1 ? 0 : (n & ~(size_t)1);

    /* Valid UTF-8 with at most a few stray NULs is UTF-8: UTF-16 with ASCII
     * in it has far more zero bytes, and UTF-16 without is not valid UTF-8.
     * A NUL or two is stray in a short file too, not a density. */
    unsigned long cost_utf8 = yd_detect_cost_utf8(bytes, n);
    if (cost_utf8 == 0 && (zeros <= 2 || zeros * 50 <= n) && suspicious * 10 <= n)
        return set(out, YD_ENC_UTF8, 0);
    /* Only now is UTF-16 a candidate: the common case never pays for this. */
    unsigned le = even_n ? yd_detect_utf16_plausibility(bytes, even_n, 0) : 0;
    unsigned be = even_n ? yd_detect_utf16_plausibility(bytes, even_n, 1) : 0;
    /* Zero bytes where text in one byte order puts them (the high byte of
     * ASCII, the low byte of 一) are the fingerprint of UTF-16 with ASCII.
     * Not their parity alone: in Chinese text 一 can outnumber the ASCII. */
    if (zeros > 1 && even_n) {
        int le_ok = le >= 800 && utf16_zeros_in_text(bytes, even_n, 0) * 10 >= zeros * 9;
        int be_ok = be >= 800 && utf16_zeros_in_text(bytes, even_n, 1) * 10 >= zeros * 9;
        if (le_ok || be_ok)
            return set(out, be_ok && (!le_ok || be > le) ? YD_ENC_UTF16BE : YD_ENC_UTF16LE, 0);
    }
    if (zeros * 50 > n || suspicious * 10 > n)
        return set(out, YD_ENC_BINARY, 0);

    /* Invalid UTF-8 that reads as CJK UTF-16 throughout: BOM-less UTF-16 with
     * no ASCII in it at all. */
    if (even_n >= 4 && (le >= 950 || be >= 950))
        return set(out, be > le ? YD_ENC_UTF16BE : YD_ENC_UTF16LE, 0);

    unsigned long cost_gb = yd_detect_cost_gb18030(bytes, n);
    unsigned long cost_big5 = yd_detect_cost_big5(bytes, n);
    unsigned long best = cost_utf8;
    yd_encoding_kind kind = YD_ENC_UTF8;
    if (cost_gb < best) { best = cost_gb; kind = YD_ENC_GB18030; }
    if (cost_big5 < best) { best = cost_big5; kind = YD_ENC_BIG5; }
    /* Control bytes plus no encoding making sense of the high bytes: noise. */
    if (suspicious * 100 > n && best >= high)
        return set(out, YD_ENC_BINARY, 0);
    set(out, kind, 0);
}
