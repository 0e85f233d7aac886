/* Highlights in the reader's model: the highlight store (highlights.yaml,
 * the bookmark store's format and safety) read while the corpus loads,
 * placed in the documents as bookmarks are, saved after each change and
 * at the end; and the spans of the document in the text pane, by offset,
 * for drawing. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

typedef struct hl_span {
    int32_t start, end;
    int32_t reach; /* the furthest end of this span and those before it */
    int style;
} hl_span;

void highlights_open(app *a)
{
    yd_error err = {0};
    /* A failure leaves a usable, empty store that retries on save: say so. */
    if (yd_highlights_open(&a->highlights, NULL, 0, &err) != YD_OK)
        app_say(a, 1, "highlights: %s", err.message);
    const char *n = yd_bookmarks_take_notice(&a->highlights);
    if (n)
        app_say(a, 1, "%s", n);
    a->highlights_open = 1;
}

void highlights_resolve(app *a, int update)
{
    a->hl_spans_valid = 0;
    if (!a->highlights_open || a->highlights.count == 0)
        return;
    size_t ready = yd_loader_ready(a->loader);
    const yd_document **docs = calloc(ready ? ready : 1, sizeof *docs);
    if (!docs) {
        app_out_of_memory(a);
        return;
    }
    for (size_t k = 0; k < ready; k++)
        docs[k] = app_doc(a, k);
    size_t stale = yd_highlights_resolve(&a->highlights, docs, ready, app_corpus_root(a), update);
    free(docs);
    if (update && stale)
        app_say(a, 1, ngettext("%zu highlight no longer found in the text: kept, marked stale (A lists them)",
                               "%zu highlights no longer found in the text: kept, marked stale (A lists them)", stale),
                stale);
}

void highlights_save(app *a)
{
    yd_error err = {0};
    if (yd_bookmarks_save(&a->highlights, &err) != YD_OK)
        app_say(a, 1, "highlights: %s", err.message);
    if (a->highlights.needs_resolve)
        highlights_resolve(a, a->resolved_final);
    const char *n = yd_bookmarks_take_notice(&a->highlights);
    if (n)
        app_say(a, 1, "%s", n);
    a->hl_spans_valid = 0;
}

int highlights_finish(app *a)
{
    int saved = 1;
    if (!a->highlights_open)
        return 1;
    yd_error err = {0};
    if (yd_bookmarks_save(&a->highlights, &err) != YD_OK) {
        size_t lost = yd_bookmarks_unsaved(&a->highlights);
        saved = lost == 0;
        fprintf(stderr, _("yuedu: highlights: %s\n"), err.message);
        if (lost)
            fprintf(stderr, ngettext("yuedu: highlights: %zu change lost\n", "yuedu: highlights: %zu changes lost\n", lost), lost);
    }
    free(a->hl_spans);
    a->hl_spans = NULL;
    yd_bookmarks_free(&a->highlights);
    a->highlights_open = 0;
    return saved;
}

static int by_start(const void *pa, const void *pb)
{
    const hl_span *x = pa, *y = pb;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The spans of doc, made once per change. */
static void make_spans(app *a, size_t doc)
{
    /* While loading, placed in the documents ready so far; again only when
     * more arrived. */
    size_t ready = yd_loader_ready(a->loader);
    if (!a->resolved_final && a->highlights.count > 0 && a->hl_resolved_ready != ready) {
        a->hl_resolved_ready = ready;
        highlights_resolve(a, 0);
    }
    free(a->hl_spans);
    a->hl_spans = NULL;
    a->hl_span_count = 0;
    a->hl_spans_doc = doc;
    a->hl_spans_valid = 1;
    size_t n = 0;
    for (size_t k = 0; k < a->highlights.count; k++) {
        const yd_bookmark *h = &a->highlights.items[k];
        n += !h->deleted && h->doc == doc && h->state != YD_BM_STALE && h->length > 0;
    }
    if (n == 0)
        return;
    a->hl_spans = malloc(n * sizeof *a->hl_spans);
    if (!a->hl_spans) {
        app_out_of_memory(a);
        return;
    }
    for (size_t k = 0; k < a->highlights.count; k++) {
        const yd_bookmark *h = &a->highlights.items[k];
        if (!h->deleted && h->doc == doc && h->state != YD_BM_STALE && h->length > 0)
            a->hl_spans[a->hl_span_count++] = (hl_span){h->offset, h->offset + h->length, 0, h->style};
    }
    qsort(a->hl_spans, a->hl_span_count, sizeof *a->hl_spans, by_start);
    for (size_t k = 0; k < a->hl_span_count; k++) {
        int32_t before = k ? a->hl_spans[k - 1].reach : 0;
        a->hl_spans[k].reach = a->hl_spans[k].end > before ? a->hl_spans[k].end : before;
    }
}

int highlights_style_at(app *a, size_t doc, int32_t offset)
{
    if (!a->highlights_open || a->highlights.count == 0)
        return -1;
    if (!a->hl_spans_valid || a->hl_spans_doc != doc)
        make_spans(a, doc);
    /* The last span starting at or before offset that covers it; an
     * overlapping later highlight is drawn over an earlier one. */
    size_t lo = 0, hi = a->hl_span_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->hl_spans[mid].start <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0 && a->hl_spans[k].reach > offset;)
        if (a->hl_spans[k].end > offset)
            return a->hl_spans[k].style;
    return -1;
}
