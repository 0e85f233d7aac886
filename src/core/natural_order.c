#include "yuedu/natural_order.h"

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
