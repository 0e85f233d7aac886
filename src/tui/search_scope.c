/* A search in part of the outline: s on an outline node searches its
 * subtree only (a document row: that document). Hits outside the scope are
 * dropped as each document is searched; the status line names the scope; a
 * search started with / from the text, or Esc in the prompt, searches the
 * whole corpus again (READER.md, "Search in part of the outline"). Below
 * the search and the outline: they call it, it calls neither. */
#include <stdio.h>
#include <string.h>

#include "../cli/i18n.h"
#include "app.h"
#include "yuedu/outline_hits.h"

void search_scope_apply(app *a, size_t doc, yd_hits *h)
{
    if (!a->scope_on)
        return;
    if (doc != a->scope_doc) {
        h->count = 0;
        return;
    }
    yd_text_range scope = {a->scope_lo, a->scope_hi};
    yd_hits_keep_within(h, &scope, 1);
}

void search_scope_clear(app *a) { a->scope_on = 0; }

void search_scope_set(app *a, size_t doc, int32_t node)
{
    const yd_document *d = app_doc(a, doc);
    if (!d)
        return;
    a->scope_on = 1;
    a->scope_doc = doc;
    a->scope_node = node;
    if (node < 0) {
        a->scope_lo = 0;
        a->scope_hi = d->length;
    } else {
        yd_outline_subtree_span(&a->outlines[doc], d->length, node, &a->scope_lo, &a->scope_hi);
    }
    /* n and N start from the scope, not from where the text was */
    a->search_origin = (yd_position){doc, a->scope_lo};
}

size_t search_scope_name(app *a, wchar_t *out, size_t cap)
{
    if (!a->scope_on || !a->query || cap < 8)
        return 0;
    /* TRANSLATORS: before the title of the part of the outline a search
     * is limited to, on the status line: "in 第二章 其他". */
    size_t n = app_safe_mbs(a, out, 0, cap, C_("search scope", "in "));
    const yd_document *d = app_doc(a, a->scope_doc);
    const yd_outline *o = &a->outlines[a->scope_doc];
    UChar title[64];
    int32_t len = 0;
    if (a->scope_node >= 0)
        len = yd_outline_node_title(d, &o->nodes[a->scope_node], title, 64);
    else if (o->title_start >= 0)
        len = yd_outline_clean_title(d->text, o->title_start, o->title_length, title, 64);
    if (len > 0)
        n = app_safe_utf16(a, out, n, cap, title, len < 64 ? len : 64);
    else
        n = app_safe_mbs(a, out, n, cap, app_base_name(d->path));
    if (n > 24) { /* a long title: its start says which part */
        n = 23;
        out[n++] = L'\u2026';
    }
    return n;
}
