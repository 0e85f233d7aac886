/* Shared by the fuzz targets of rendered formats (fuzz_markdown.c,
 * fuzz_html.c, fuzz_epub.c, fuzz_docx.c,
 * fuzz_odt.c): bytes loaded under a file name of the format (GBK when the
 * first byte is odd, so that decoding runs first), then the rendered
 * document's line table, spans and links checked against its text, every
 * paragraph laid out at a narrow width (a verbatim line never takes two
 * rows, no row wider than the pane), the outline built, a notice safe
 * to show. abort() on any breach. */
#ifndef YUEDU_FUZZ_MARKUP_CHECK_H
#define YUEDU_FUZZ_MARKUP_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "yuedu/document.h"
#include "yuedu/layout.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"

static void check_markup(const yd_document *d, int32_t source_lines)
{
    const yd_markup *m = d->markup;
    if (!m || m->line_count != d->line_count)
        abort();
    for (int32_t k = 0; k < m->line_count; k++) {
        const yd_line_info *li = &m->lines[k];
        if (li->source_line < 1 || li->source_line > source_lines + 1 || li->kind > YD_BLOCK_RULE ||
            li->indent > 40 || li->indent < YD_INDENT_DEFAULT || li->hang < 0 || li->hang > 40)
            abort();
        if (li->kind == YD_BLOCK_HEADING && (li->level < 1 || li->level > 6))
            abort();
    }
    for (size_t i = 0; i < m->span_count; i++) {
        const yd_span *s = &m->spans[i];
        if (s->start < 0 || s->end > d->length || s->start >= s->end || s->style < 1 || s->style > YD_SPAN_IMAGE)
            abort();
        if (i && m->spans[i - 1].start > s->start)
            abort();
        if (yd_document_line_at(d, s->start) != yd_document_line_at(d, s->end - 1))
            abort(); /* a span crossing a line end */
        int32_t k = yd_document_line_at(d, s->start);
        if (yd_markup_style_at(m, s->start, d->line_starts[k]) == 0)
            abort();
    }
    for (size_t i = 0; i < m->link_count; i++)
        if (m->links[i].start < 0 || m->links[i].end > d->length || m->links[i].start > m->links[i].end ||
            !m->links[i].target)
            abort();
    /* A notice (malformed markup) is one line of UTF-8 with nothing a
     * terminal obeys: no control, no mark that turns the line. */
    if (d->notice) {
        const uint8_t *p = (const uint8_t *)d->notice;
        int32_t n = (int32_t)strlen(d->notice);
        if (n == 0)
            abort();
        for (int32_t i = 0; i < n;) {
            UChar32 c;
            U8_NEXT(p, i, n, c);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
                (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029)
                abort(); /* c < 0: not UTF-8 */
        }
    }
}

static inline int fuzz_rendered(const char *name, const uint8_t *data, size_t size)
{
    static yd_width_table *widths;
    yd_error err = {0};
    if (!widths && yd_width_table_new(1, &widths, &err) != YD_OK)
        abort();
    yd_load_options lo = {.encoding = size > 0 && (data[0] & 1) ? "GBK" : "UTF-8"};
    yd_document d;
    if (yd_document_from_bytes(&d, name, data, size, &lo, &err) != YD_OK)
        return 0;
    int32_t source_lines = 1;
    for (size_t i = 0; i < size; i++)
        source_lines += data[i] == '\n' || data[i] == '\r';
    if (yd_format_is_archive(d.format)) { /* each line its own place (FORMATS.md) */
        source_lines = d.line_count;
        for (int32_t k = 0; k < d.line_count; k++)
            if (d.markup->lines[k].source_line != k + 1)
                abort();
    }
    check_markup(&d, source_lines);
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = 12;
    yd_layout *l;
    if (yd_layout_new(&d, widths, &o, &l, &err) == YD_OK) {
        for (int32_t p = 0; p < d.line_count; p++) {
            const yd_row *rows;
            int32_t count;
            if (yd_layout_paragraph(l, p, &rows, &count, &err) != YD_OK)
                abort();
            if (yd_block_is_verbatim(d.markup->lines[p].kind) && count > 1)
                abort();
            for (int32_t r = 0; r < count; r++)
                if (rows[r].indent + rows[r].width > 12)
                    abort();
        }
        yd_layout_free(l);
    }
    yd_outline outline;
    if (yd_outline_build(&outline, &d, &err) == YD_OK)
        yd_outline_free(&outline);
    yd_document_free(&d);
    return 0;
}

#endif
