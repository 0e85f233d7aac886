#include "yuedu/natural_order.h"

#include <stdint.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int yd_natural_compare(const char *a, const char *b)
{
    const char *p = a, *q = b;
    while (*p && *q) {
        if (is_digit(*p) && is_digit(*q)) {
            while (*p == '0') p++;
            while (*q == '0') q++;
            const char *ps = p, *qs = q;
            while (is_digit(*p)) p++;
            while (is_digit(*q)) q++;
            size_t lp = (size_t)(p - ps), lq = (size_t)(q - qs);
            if (lp != lq)
                return lp < lq ? -1 : 1; /* more significant digits: larger */
            int c = memcmp(ps, qs, lp);
            if (c != 0)
                return c;
            continue;
        }
        if (*p != *q)
            return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
        p++;
        q++;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    return strcmp(a, b);
}

/* Counts of significant digits up to this one fit in the byte that starts
 * a number; longer ones write the count in full after it. */
enum { SHORT_DIGITS = 8 };

/* Why the key orders as yd_natural_compare: that comparison reads both
 * names as runs of digits and single other bytes, and compares run with
 * run by the count of significant digits and then the digits, a run with
 * another byte by the run's first digit. Every byte that starts a run here
 * is a digit character ('0' + a count), so a run still compares with any
 * other byte as its first digit would; between two runs the count comes
 * first, then the digits; and runs of equal value ("007", "7") give equal
 * bytes, so that what follows them decides, as it does there. */
size_t yd_natural_key(const char *name, size_t length, unsigned char *key)
{
    size_t k = 0, out = 0;
    while (k < length) {
        if (!is_digit(name[k])) {
            key[out++] = (unsigned char)name[k++];
            continue;
        }
        while (k < length && name[k] == '0')
            k++;
        size_t start = k;
        while (k < length && is_digit(name[k]))
            k++;
        size_t digits = k - start;
        if (digits <= SHORT_DIGITS) {
            key[out++] = (unsigned char)('0' + digits);
        } else {
            key[out++] = (unsigned char)('0' + SHORT_DIGITS + 1);
            for (int shift = 56; shift >= 0; shift -= 8) /* big-endian: compares by value */
                key[out++] = (unsigned char)((uint64_t)digits >> shift);
        }
        memcpy(key + out, name + start, digits);
        out += digits;
    }
    return out;
}

int yd_natural_key_compare(const unsigned char *a, size_t a_length, const unsigned char *b, size_t b_length)
{
    int c = memcmp(a, b, a_length < b_length ? a_length : b_length);
    if (c != 0)
        return c;
    return (a_length > b_length) - (a_length < b_length);
}
