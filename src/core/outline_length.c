/* How long an outline node is (see outline_length.h). */
#include "yuedu/outline_length.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "yuedu/outline_hits.h"

#include <stdlib.h>

/* Characters of text[lo..hi) that are not white space. */
static size_t chars_between(const UChar *text, int32_t lo, int32_t hi)
{
    size_t n = 0;
    for (int32_t i = lo; i < hi;) {
        UChar32 c;
        U16_NEXT(text, i, hi, c);
        n += !u_isUWhiteSpace(c);
    }
    return n;
}

size_t yd_outline_node_chars(const yd_document *doc, const yd_outline *o, int32_t node)
{
    int32_t lo = 0, hi = doc->length;
    if (node >= 0)
        yd_outline_subtree_span(o, doc->length, node, &lo, &hi);
    return chars_between(doc->text, lo, hi);
}

yd_status yd_outline_lengths(const yd_document *doc, const yd_outline *o, size_t **chars)
{
    size_t n = (size_t)o->count;
    size_t *own = malloc((n + 1) * sizeof *own); /* from a node's line to the next node's */
    size_t *sum = malloc((n + 1) * sizeof *sum);
    if (!own || !sum) {
        free(own);
        free(sum);
        *chars = NULL;
        return YD_ENOMEM;
    }
    size_t before = o->count ? chars_between(doc->text, 0, o->nodes[0].offset) : chars_between(doc->text, 0, doc->length);
    for (int32_t i = 0; i < o->count; i++)
        own[i] = chars_between(doc->text, o->nodes[i].offset, i + 1 < o->count ? o->nodes[i + 1].offset : doc->length);
    /* A subtree is the nodes i .. end - 1, in text order: sums from the back. */
    size_t tail = 0;
    for (int32_t i = o->count - 1; i >= 0; i--) {
        tail += own[i];
        own[i] = tail; /* now: from node i to the end */
    }
    for (int32_t i = 0; i < o->count; i++) {
        int32_t past = o->nodes[i].end;
        sum[i] = own[i] - (past < o->count ? own[past] : 0);
    }
    sum[n] = before + (o->count ? own[0] : 0);
    free(own);
    *chars = sum;
    return YD_OK;
}

double yd_reading_minutes(size_t chars, int rate)
{
    return (double)chars / (rate > 0 ? rate : YD_READING_RATE);
}
