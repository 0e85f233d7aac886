/* Bookmarks in the reader's model: the store read while the corpus loads
 * and saved at the end, bookmarks placed in the documents (resolved) and
 * their marks per document for the text and outline panes. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

void bookmarks_notice(app *a)
{
    const char *n = yd_bookmarks_take_notice(&a->bookmarks);
    if (n)
        app_say(a, 1, "%s", n);
}

/* Bookmarks changed: marks are made again on demand. */
void bookmarks_forget_marks(app *a)
{
    for (size_t d = 0; a->marks && d < a->capacity; d++) {
        free(a->marks[d]);
        a->marks[d] = NULL;
        a->mark_known[d] = 0;
        a->mark_counts[d] = 0;
    }
}

size_t bookmarks_resolve(app *a, int update)
{
    size_t ready = yd_loader_ready(a->loader);
    const yd_document **docs = calloc(ready ? ready : 1, sizeof *docs);
    if (!docs) {
        app_out_of_memory(a);
        return 0;
    }
    for (size_t k = 0; k < ready; k++)
        docs[k] = app_doc(a, k);
    size_t stale = yd_bookmarks_resolve(&a->bookmarks, docs, ready, app_corpus_root(a), update);
    free(docs);
    bookmarks_forget_marks(a);
    return stale;
}

int bookmarks_start(app *a, size_t n)
{
    a->marks = calloc(n, sizeof *a->marks);
    a->mark_counts = calloc(n, sizeof *a->mark_counts);
    a->mark_known = calloc(n, 1);
    return a->marks && a->mark_counts && a->mark_known ? 0 : -1;
}

void bookmarks_open(app *a)
{
    yd_error err = {0};
    /* A failure leaves a usable, empty store that retries on save: say so. */
    if (yd_bookmarks_open(&a->bookmarks, NULL, 0, &err) != YD_OK)
        app_say(a, 1, "bookmarks: %s", err.message);
    bookmarks_notice(a);
    highlights_open(a);
    a->stores_open = 1;
}

int bookmarks_finish(app *a)
{
    int saved = highlights_finish(a);
    yd_error err = {0};
    if (a->stores_open && yd_bookmarks_save(&a->bookmarks, &err) != YD_OK) {
        saved = saved && !yd_bookmarks_unsaved(&a->bookmarks);
        fprintf(stderr, _("yuedu: bookmarks: %s\n"), err.message);
        if (!saved && a->unsaved_copy[0])
            fprintf(stderr, _("yuedu: bookmarks: a copy of every bookmark was written to %s\n"), a->unsaved_copy);
        else if (!saved)
            fprintf(stderr, ngettext("yuedu: bookmarks: %zu change lost\n", "yuedu: bookmarks: %zu changes lost\n",
                             yd_bookmarks_unsaved(&a->bookmarks)), yd_bookmarks_unsaved(&a->bookmarks));
    }
    bookmarks_forget_marks(a);
    free(a->marks);
    free(a->mark_counts);
    free(a->mark_known);
    free(a->list);
    if (a->stores_open)
        yd_bookmarks_free(&a->bookmarks);
    a->stores_open = 0;
    return saved;
}

void bookmarks_tick(app *a)
{
    if (!a->resolved_final && yd_loader_finished(a->loader)) {
        a->resolved_final = 1;
        highlights_resolve(a, 1);
        if (a->bookmarks.count == 0)
            return; /* nothing to place: no path of the corpus to resolve */
        size_t stale = bookmarks_resolve(a, 1);
        if (stale)
            app_say(a, 1, ngettext("%zu bookmark could not be placed (B lists them as stale)",
                                   "%zu bookmarks could not be placed (B lists them as stale)", stale), stale);
    }
}

static void ensure_marks(app *a, size_t doc)
{
    if (a->mark_known[doc])
        return;
    /* While loading, bookmarks are placed in the documents ready so far;
     * again only when more arrived, and never when there are none: each
     * resolve resolves the path of every document ready (100 000 files). */
    size_t ready = yd_loader_ready(a->loader);
    if (!a->resolved_final && a->bookmarks.count > 0 && a->resolved_ready != ready) {
        a->resolved_ready = ready;
        bookmarks_resolve(a, 0);
    }
    a->mark_known[doc] = 1;
    if (yd_bookmarks_offsets(&a->bookmarks, doc, &a->marks[doc], &a->mark_counts[doc]) != YD_OK)
        a->mark_counts[doc] = 0;
}

int bookmarks_row_marked(app *a, size_t doc, int32_t start, int32_t end)
{
    ensure_marks(a, doc);
    for (size_t k = 0; k < a->mark_counts[doc]; k++)
        if (a->marks[doc][k] >= start && (a->marks[doc][k] < end || a->marks[doc][k] == start))
            return 1;
    return 0;
}

int bookmarks_node_marked(app *a, size_t doc, int32_t node)
{
    ensure_marks(a, doc);
    for (size_t k = 0; k < a->mark_counts[doc]; k++)
        if (yd_outline_node_at(&a->outlines[doc], a->marks[doc][k]) == node)
            return 1;
    return 0;
}
