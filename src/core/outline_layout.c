/* What the outline tells the layout: heading lines start flush left, like
 * the document's title line, while body paragraphs get the first-line
 * indent. One function for the reader and --render, so that both lay a
 * document out alike. */
#include "yuedu/outline.h"

const yd_outline_node *yd_outline_heading_node(const yd_outline *o, int32_t line)
{
    int32_t lo = 0, hi = o->count - 1;
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        const yd_outline_node *n = &o->nodes[mid];
        if (n->line < line)
            lo = mid + 1;
        else if (n->line > line)
            hi = mid - 1;
        else
            return n->kind == YD_NODE_ITEM ? NULL : n;
    }
    return NULL;
}

int yd_outline_heading_depth(const yd_outline *o, int32_t line)
{
    const yd_outline_node *n = yd_outline_heading_node(o, line);
    return n ? n->depth : 0;
}

/* The line starts with white space: U+3000, a space or a tab. */
static int indented_in_source(const yd_document *d, int32_t line)
{
    if (!d || line < 0 || line >= d->line_count)
        return 0;
    UChar c = d->text[d->line_starts[line]];
    return c == 0x3000 || c == ' ' || c == '\t';
}

int yd_outline_paragraph_indent(void *context, int32_t para)
{
    const yd_outline_indent *in = context;
    const yd_outline *o = in->outline;
    if (o->title_line == para)
        return 0;
    if (yd_outline_heading_depth(o, para) == 0)
        return -1;
    switch (in->mode) {
    case YD_HEADINGS_BODY: return -1;
    case YD_HEADINGS_FLUSH: return 0;
    default: return indented_in_source(in->doc, para) ? -1 : 0;
    }
}
