/* The side table of a rendered document (yuedu/markup.h). */
#include "yuedu/markup.h"

#include <stdlib.h>

#include "yuedu/document.h"

#include "document_internal.h"

void yd_markup_free(yd_markup *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->link_count; k++)
        free(m->links[k].target);
    free(m->links);
    free(m->spans);
    free(m->lines);
    free(m);
}

int yd_markup_style_at(const yd_markup *m, int32_t at, int32_t line_start)
{
    if (!m || m->span_count == 0)
        return 0;
    size_t lo = 0, hi = m->span_count; /* first span starting after at */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->spans[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Inner spans start later: the last one holding at is the innermost. */
    while (lo > 0 && m->spans[lo - 1].start >= line_start) {
        const yd_span *s = &m->spans[--lo];
        if (s->end > at)
            return s->style;
    }
    return 0;
}

int32_t yd_source_line_count(const yd_document *doc)
{
    return doc->markup ? doc->markup->source_line_count : doc->line_count;
}

int32_t yd_text_line_of_source(const yd_document *doc, int32_t line)
{
    int32_t last = doc->line_count > 0 ? doc->line_count - 1 : 0;
    if (!doc->markup)
        return line < 1 ? 0 : line - 1 > last ? last : line - 1;
    for (int32_t k = 0; k < doc->markup->line_count && k <= last; k++)
        if (doc->markup->lines[k].source_line >= line)
            return k;
    return last;
}

int32_t yd_source_line(const yd_document *doc, int32_t k)
{
    if (doc->markup && k >= 0 && k < doc->markup->line_count)
        return doc->markup->lines[k].source_line;
    return k + 1;
}

void yd_markup_lines_are_places(yd_document *doc)
{
    if (!doc->markup)
        return;
    for (int32_t k = 0; k < doc->markup->line_count; k++)
        doc->markup->lines[k].source_line = k + 1;
    doc->markup->source_line_count = doc->markup->line_count;
}
