/* Output helpers for batch modes: nothing raw reaches the terminal. */
#include <stdio.h>
#include <string.h>
#include <unicode/utf8.h>

#include "cli.h"
#include "i18n.h"

int cli_unsafe_char(UChar32 c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

void cli_put_sanitized(FILE *out, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t n = (int32_t)strlen(s);
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) /* not UTF-8: each byte escaped (0x9B is CSI to an 8-bit terminal) */
            for (int32_t k = start; k < i; k++)
                fprintf(out, "\\x%02X", p[k]);
        else if (c < 0x80 && cli_unsafe_char(c))
            fprintf(out, "\\x%02X", (unsigned)c);
        else if (cli_unsafe_char(c))
            fprintf(out, "\\u%04X", (unsigned)c);
        else
            fwrite(p + start, 1, (size_t)(i - start), out);
    }
}

void cli_diag(void *context, const char *path, const char *message)
{
    (void)context;
    fputs("yuedu: ", stderr);
    cli_put_sanitized(stderr, path);
    fputs(": ", stderr);
    cli_put_sanitized(stderr, message[0] ? _(message) : message); /* the core's own stay English */
    fputc('\n', stderr);
}
