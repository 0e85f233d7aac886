/* yuedu --list: what was loaded, one row per document.
 *
 * HEADINGS counts the outline's articles and headings (not its items). In
 * text it stands before PATH; in tsv it is the last column, so that the
 * columns scripts already cut (PATH ENCODING BYTES CHARS LINES REPL) keep
 * their numbers. */
#include <stdio.h>

#include "cli.h"
#include "yuedu/format.h"
#include "yuedu/outline.h"

/* Headings of d, or -1 when the outline could not be built. */
static long heading_count(const yd_document *d)
{
    yd_outline o;
    if (yd_outline_build(&o, d, NULL) != YD_OK)
        return -1;
    long n = o.headings;
    yd_outline_free(&o);
    return n;
}

int cli_list(cli_documents *docs, output_format format)
{
    if (format == FORMAT_TEXT)
        printf("%-10s %12s %12s %9s %6s %8s %-8s  %s\n", "ENCODING", "BYTES", "CHARS", "LINES", "REPL", "HEADINGS",
               "FORMAT", "PATH");
    size_t bytes = 0, chars = 0, lines = 0, repl = 0;
    long headings = 0;
    int code = EXIT_OK;
    for (const yd_document *d; (d = cli_documents_next(docs)) != NULL;) {
        long h = heading_count(d);
        if (h < 0) {
            cli_diag(NULL, d->path, "out of memory while building the outline");
            code = EXIT_NOTHING;
            h = 0;
        }
        if (format == FORMAT_TSV) {
            cli_put_sanitized(stdout, d->path);
            printf("\t%s\t%zu\t%zu\t%ld\t%zu\t%ld\t%s\n", d->encoding.name, d->bytes, d->chars, (long)d->line_count,
                   d->replacements, h, yd_format_name(d->format));
        } else {
            printf("%-10s %12zu %12zu %9ld %6zu %8ld %-8s  ", d->encoding.name, d->bytes, d->chars, (long)d->line_count,
                   d->replacements, h, yd_format_name(d->format));
            cli_put_sanitized(stdout, d->path);
            putchar('\n');
        }
        bytes += d->bytes;
        chars += d->chars;
        lines += (size_t)d->line_count;
        repl += d->replacements;
        headings += h;
    }
    if (format == FORMAT_TEXT)
        printf("%-10s %12zu %12zu %9zu %6zu %8ld %-8s  %zu document%s\n", "total", bytes, chars, lines, repl, headings, "",
               docs->seen, docs->seen == 1 ? "" : "s");
    return docs->seen > 0 ? code : EXIT_NOTHING;
}
