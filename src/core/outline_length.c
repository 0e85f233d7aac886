/* How long an outline node is (see outline_length.h). */
#include "yuedu/outline_length.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "yuedu/outline_hits.h"

size_t yd_outline_node_chars(const yd_document *doc, const yd_outline *o, int32_t node)
{
    int32_t lo = 0, hi = doc->length;
    if (node >= 0)
        yd_outline_subtree_span(o, doc->length, node, &lo, &hi);
    size_t n = 0;
    for (int32_t i = lo; i < hi;) {
        UChar32 c;
        U16_NEXT(doc->text, i, hi, c);
        n += !u_isUWhiteSpace(c);
    }
    return n;
}

double yd_reading_minutes(size_t chars, int rate)
{
    return (double)chars / (rate > 0 ? rate : YD_READING_RATE);
}
