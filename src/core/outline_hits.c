/* Search hits per outline node (see outline_hits.h). */
#include "yuedu/outline_hits.h"

void yd_outline_subtree_span(const yd_outline *o, int32_t length, int32_t node, int32_t *lo, int32_t *hi)
{
    *lo = o->nodes[node].offset;
    int32_t past = o->nodes[node].end; /* the first node after the subtree */
    *hi = past < o->count ? o->nodes[past].offset : length;
}

size_t yd_hits_between(const yd_hits *hits, int32_t lo, int32_t hi)
{
    if (!hits || hits->count == 0 || hi <= lo)
        return 0;
    ssize_t a = yd_hits_next(hits, lo), b = yd_hits_next(hits, hi);
    if (a < 0)
        return 0;
    return (size_t)((b < 0 ? (ssize_t)hits->count : b) - a);
}

size_t yd_outline_node_hits(const yd_outline *o, int32_t length, int32_t node, const yd_hits *hits)
{
    if (!hits)
        return 0;
    if (node < 0)
        return hits->count;
    int32_t lo, hi;
    yd_outline_subtree_span(o, length, node, &lo, &hi);
    return yd_hits_between(hits, lo, hi);
}

void yd_hits_keep_within(yd_hits *hits, const yd_text_range *ranges, size_t n)
{
    size_t kept = 0, r = 0;
    for (size_t k = 0; k < hits->count; k++) {
        int32_t at = hits->items[k].offset;
        while (r < n && ranges[r].hi <= at)
            r++;
        if (r < n && at >= ranges[r].lo)
            hits->items[kept++] = hits->items[k];
    }
    hits->count = kept;
}
