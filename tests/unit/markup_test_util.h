/* Shared by the unit tests of rendered formats (test_markdown.c,
 * test_html.c): a rendered document's lines by number and by text, and
 * what its markup says of a line. Include after test_util.h. */
#ifndef YUEDU_TEST_MARKUP_UTIL_H
#define YUEDU_TEST_MARKUP_UTIL_H

#include "yuedu/document.h"
#include "yuedu/markup.h"

/* Line k of d as UTF-8 (to free). */
static inline char *line_of(const yd_document *d, int32_t k)
{
    int32_t s, e;
    yd_document_line_bounds(d, k, &s, &e);
    return utf8_of(d->text + s, e - s);
}

/* The 0-based line whose text is exactly want; -1 when none. */
static inline int32_t line_equal(const yd_document *d, const char *want)
{
    for (int32_t k = 0; k < d->line_count; k++) {
        char *l = line_of(d, k);
        int same = strcmp(l, want) == 0;
        free(l);
        if (same)
            return k;
    }
    return -1;
}

/* What the markup says of line k (the test fails when there is none). */
static inline const yd_line_info *info(const yd_document *d, int32_t k)
{
    assert_non_null(d->markup);
    assert_true(k >= 0 && k < d->markup->line_count);
    return &d->markup->lines[k];
}

#endif
