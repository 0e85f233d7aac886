/* Private to the converters (html.c, epub.c): an HTML or XHTML page walked
 * into a markup builder, so that a book's chapters are rendered exactly as
 * a page is. */
#ifndef YUEDU_HTML_WALK_H
#define YUEDU_HTML_WALK_H

#include "markup_builder.h"

typedef struct yd_html_walk_options {
    /* A book's chapter rather than a web page: its header, footer, aside
     * (footnotes) and nav are the book's text, not a site's chrome. */
    int book;
    /* Called with every element's id (and an <a>'s name) as it is met,
     * before anything inside it is written. */
    void (*anchor)(void *ctx, const char *id);
    void *ctx;
} yd_html_walk_options;

/* Parse utf8[0..n) with libxml2's HTML parser (no network, no entity of a
 * DOCTYPE substituted) and write it into b. An unreadable page writes
 * nothing. YD_ENOMEM when out of memory. */
yd_status yd_html_walk_page(yd_markup_builder *b, const char *utf8, int32_t n, const yd_html_walk_options *options);

#endif
