/* What the outline tells the layout: heading lines start flush left, like
 * the document's title line, while body paragraphs get the first-line
 * indent. One function for the reader and --render, so that both lay a
 * document out alike. */
#include "yuedu/outline.h"

int yd_outline_heading_depth(const yd_outline *o, int32_t line)
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
            return n->kind == YD_NODE_ITEM ? 0 : n->depth;
    }
    return 0;
}

int yd_outline_paragraph_indent(void *outline, int32_t para)
{
    const yd_outline *o = outline;
    return yd_outline_heading_depth(o, para) > 0 || o->title_line == para ? 0 : -1;
}
