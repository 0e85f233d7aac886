/* Output helpers for batch modes: nothing raw reaches the terminal. */
#include <stdio.h>

#include "cli.h"

void cli_put_sanitized(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* C1 controls (U+0080-U+009F) are C2 80..C2 9F in UTF-8. */
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(out, "\\u%04X", p[1]);
            p++;
        } else if (*p < 0x20 || *p == 0x7F) {
            fprintf(out, "\\x%02X", *p);
        } else {
            fputc(*p, out);
        }
    }
}

void cli_diag(void *context, const char *path, const char *message)
{
    (void)context;
    fputs("yuedu: ", stderr);
    cli_put_sanitized(stderr, path);
    fputs(": ", stderr);
    cli_put_sanitized(stderr, message);
    fputc('\n', stderr);
}
