/* yuedu --list: what was loaded, one row per document. */
#include <stdio.h>

#include "cli.h"

int cli_list(const yd_corpus *corpus, output_format format)
{
    if (format == FORMAT_TEXT)
        printf("%-10s %12s %12s %9s %6s  %s\n", "ENCODING", "BYTES", "CHARS", "LINES", "REPL", "PATH");
    size_t bytes = 0, chars = 0, lines = 0, repl = 0;
    for (size_t k = 0; k < corpus->count; k++) {
        const yd_document *d = &corpus->docs[k];
        if (format == FORMAT_TSV) {
            cli_put_sanitized(stdout, d->path);
            printf("\t%s\t%zu\t%zu\t%ld\t%zu\n", d->encoding.name, d->bytes, d->chars, (long)d->line_count,
                   d->replacements);
        } else {
            printf("%-10s %12zu %12zu %9ld %6zu  ", d->encoding.name, d->bytes, d->chars, (long)d->line_count,
                   d->replacements);
            cli_put_sanitized(stdout, d->path);
            putchar('\n');
        }
        bytes += d->bytes;
        chars += d->chars;
        lines += (size_t)d->line_count;
        repl += d->replacements;
    }
    if (format == FORMAT_TEXT)
        printf("%-10s %12zu %12zu %9zu %6zu  %zu document%s\n", "total", bytes, chars, lines, repl, corpus->count,
               corpus->count == 1 ? "" : "s");
    return corpus->count > 0 ? EXIT_OK : EXIT_NOTHING;
}
