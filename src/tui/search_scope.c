/* A search in part of the outline: s on an outline node searches its
 * subtree only (a document row: that document). Hits outside the scope are
 * dropped as each document is searched; the status line names the scope; a
 * search started with / from the text, or Esc in the prompt, searches the
 * whole corpus again (READER.md, "Search in part of the outline"). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "yuedu/outline_hits.h"

void search_scope_apply(app *a, size_t doc)
{
    if (!a->scope_on || !a->hits)
        return;
    yd_hits *h = &a->hits[doc];
    if (doc != a->scope_doc) {
        h->count = 0;
        return;
    }
    size_t kept = 0;
    for (size_t k = 0; k < h->count; k++)
        if (h->items[k].offset >= a->scope_lo && h->items[k].offset < a->scope_hi)
            h->items[kept++] = h->items[k];
    h->count = kept;
}

void search_scope_clear(app *a) { a->scope_on = 0; }

void search_in_outline_node(app *a, size_t doc, int32_t node)
{
    const yd_document *d = app_doc(a, doc);
    if (!d)
        return;
    search_begin(a); /* clears any scope before: this one is set after it */
    if (!pane_is_open(a, &search_pane))
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
    a->focus_outline = 0;
}

size_t search_scope_name(app *a, wchar_t *out, size_t cap)
{
    if (!a->scope_on || !a->query || cap < 8)
        return 0;
    size_t n = app_safe_mbs(a, out, 0, cap, "in ");
    n += outline_entry_title(a, (outline_entry){(uint32_t)a->scope_doc, a->scope_node}, out + n, cap - n);
    if (n > 24) { /* a long title: its start says which part */
        n = 23;
        out[n++] = L'\u2026';
    }
    return n;
}
