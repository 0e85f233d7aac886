/* yuedu --render: the rows of the text pane, printed one per line, no
 * colour. What is printed is what the reader hands to curses: the same
 * layout with the same settings (config.yaml's text: section, headings
 * flush left as the outline finds them), the same cells, the same
 * placeholders, so that a text pane of the same width shows the same rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/config.h"
#include "yuedu/layout.h"
#include "yuedu/outline.h"
#include "yuedu/width.h"

int cli_render_default_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 2)
        return ws.ws_col;
    return 80;
}

static size_t put_utf8(char *out, wchar_t w)
{
    unsigned long c = (unsigned long)w;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Paragraphs printed between two drops of the layout's rows. */
#define RENDER_FORGET 16384

/* One document. Returns 0, or -1 when a layout call failed (reported). */
static int render_document(const yd_document *doc, const yd_width_table *widths, const yd_layout_options *base,
                           yd_heading_indent headings)
{
    yd_outline outline;
    if (yd_outline_build(&outline, doc, NULL) != YD_OK) {
        fputs(_("yuedu: out of memory\n"), stderr);
        return -1;
    }
    yd_layout_options options = *base, *lo = &options;
    yd_outline_indent indent = {&outline, doc, headings};
    options.paragraph_indent = yd_outline_paragraph_indent;
    options.context = &indent;
    yd_layout *layout;
    yd_error err = {0};
    if (yd_layout_new(doc, widths, lo, &layout, &err) != YD_OK) {
        cli_diag(NULL, doc->path, err.message);
        yd_outline_free(&outline);
        return -1;
    }
    int tw = yd_layout_text_width(layout), margin = yd_layout_margin(layout);
    yd_cell *cells = malloc((size_t)tw * sizeof *cells);
    /* margin + indent + cells of up to 6 characters of 4 bytes + newline */
    size_t cap = (size_t)(margin + lo->indent + 2 + tw) + (size_t)tw * YD_CELL_CHARS * 4 + 2;
    char *line = malloc(cap);
    int rc = 0;
    if (!cells || !line) {
        cli_diag(NULL, doc->path, "out of memory");
        rc = -1;
        goto out;
    }
    int32_t paras = yd_layout_paragraph_count(layout);
    for (int32_t p = 0; p < paras; p++) {
        const yd_row *rows;
        int32_t count;
        /* Printed rows are not needed again: dropping them now and then
         * keeps a 100 MB document's rows from all being held at once. */
        if (p > 0 && p % RENDER_FORGET == 0 && yd_layout_invalidate(layout, &err) != YD_OK) {
            cli_diag(NULL, doc->path, err.message);
            rc = -1;
            goto out;
        }
        if (yd_layout_paragraph(layout, p, &rows, &count, &err) != YD_OK) {
            cli_diag(NULL, doc->path, err.message);
            rc = -1;
            goto out;
        }
        for (int32_t r = 0; r < count; r++) {
            size_t n = 0;
            int n_cells = yd_layout_row_cells(layout, &rows[r], cells, tw);
            if (n_cells > 0) {
                int pad = margin + rows[r].indent;
                memset(line, ' ', (size_t)pad);
                n = (size_t)pad;
            }
            for (int k = 0; k < n_cells; k++) {
                const wchar_t *ch = cells[k].ch;
                n += put_utf8(line + n, ch[0]);
                for (int i = 1; i < YD_CELL_CHARS && ch[i]; i++) /* combining marks */
                    n += put_utf8(line + n, ch[i]);
            }
            line[n++] = '\n';
            fwrite(line, 1, n, stdout);
        }
    }
out:
    free(line);
    free(cells);
    yd_layout_free(layout);
    yd_outline_free(&outline);
    return rc;
}

int cli_render(cli_documents *docs, int width, int ambiwidth, const yd_config *config)
{
    yd_width_table *widths;
    yd_error err = {0};
    if (yd_width_table_new(ambiwidth, &widths, &err) != YD_OK) {
        fprintf(stderr, "yuedu: %s\n", err.message);
        return EXIT_NOTHING;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf); /* nothing was written yet */
    yd_layout_options lo;
    yd_layout_options_default(&lo);
    lo.width = width;
    lo.indent = config->text.indent;
    lo.blank_between = config->text.blank_line;
    lo.max_text_width = config->text.max_width;
    int failed = 0;
    for (const yd_document *doc; (doc = cli_documents_next(docs)) != NULL;) {
        size_t k = docs->index;
        /* Headers when there is more than one document: the first asks
         * whether a second follows. */
        if (k > 0 || cli_documents_more(docs)) {
            fputs(k ? "\n==> " : "==> ", stdout);
            cli_put_sanitized(stdout, doc->path);
            fputs(" <==\n", stdout);
        }
        if (render_document(doc, widths, &lo, (yd_heading_indent)config->text.heading_indent) != 0)
            failed++;
    }
    yd_width_table_free(widths);
    if (fflush(stdout) != 0) {
        perror("yuedu: stdout");
        return EXIT_NOTHING;
    }
    return docs->seen > 0 && (size_t)failed < docs->seen ? EXIT_OK : EXIT_NOTHING;
}
