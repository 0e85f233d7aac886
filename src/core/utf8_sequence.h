/* Well-formed UTF-8 sequences (Unicode table 3-7), shared by the detector,
 * which scores bytes, and the document loader, which decodes them. Both must
 * agree on where an ill-formed sequence ends, and both must agree with ICU:
 * each maximal ill-formed subpart is one error (one U+FFFD). */
#ifndef YUEDU_UTF8_SEQUENCE_H
#define YUEDU_UTF8_SEQUENCE_H

#include <stdbool.h>
#include <stddef.h>

/* The value of a three-byte shaped sequence is well-formed when it is
 * neither overlong nor a surrogate. */
static inline bool yd_utf8_three_value_ok(unsigned c)
{
    return c >= 0x800 && (c & 0xF800) != 0xD800;
}

/* The common case of Chinese text, without the general table: a
 * well-formed three-byte sequence at p, whose code point goes to *cp. */
static inline bool yd_utf8_three(const unsigned char *p, size_t avail, unsigned *cp)
{
    if (avail < 3 || (p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
        return false;
    *cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    return yd_utf8_three_value_ok(*cp);
}

/* Length of the well-formed sequence at p (avail >= 1 bytes there), or 0
 * with *bad set to the length of the maximal ill-formed subpart. */
static inline size_t yd_utf8_sequence(const unsigned char *p, size_t avail, size_t *bad)
{
    unsigned char b = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) need = 1;
    else if (b == 0xE0) { need = 2; lo = 0xA0; }
    else if (b >= 0xE1 && b <= 0xEC) need = 2;
    else if (b == 0xED) { need = 2; hi = 0x9F; }
    else if (b >= 0xEE && b <= 0xEF) need = 2;
    else if (b == 0xF0) { need = 3; lo = 0x90; }
    else if (b >= 0xF1 && b <= 0xF3) need = 3;
    else if (b == 0xF4) { need = 3; hi = 0x8F; }
    else { *bad = 1; return 0; }
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail || p[k] < lo || p[k] > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

#endif
