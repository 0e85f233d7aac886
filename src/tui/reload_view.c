/* Files that change on disk while the reader is open (READER.md): the
 * current document's file is checked (one stat, reload.h) when another
 * document comes into the text pane and at most once a second otherwise.
 * New text replaces the document in place: its layout, outline, search
 * hits and bookmark marks are made again and the reading place follows the
 * text by its anchor. A file deleted or no longer readable leaves the copy
 * in memory on screen, with a message said once. */
#include <string.h>

#include "app.h"
#include "yuedu/reload.h"

enum { CHECK_EVERY_MS = 1000 };

/* Put fresh in the place of document doc and show it at offset. Everything
 * that borrows the old text goes first. */
static void swap_in(app *a, size_t doc, yd_document *fresh)
{
    yd_document *d = yd_loader_document(a->loader, doc);
    yd_layout_free(a->layouts[doc]);
    a->layouts[doc] = NULL;
    yd_outline_free(&a->outlines[doc]);
    yd_document_free(d);
    *d = *fresh; /* the loader thread never touches a ready document */
    app_find_furniture(a, doc, d);
    yd_outline_options options = {.rules = &a->settings->config->outline.rules};
    if (yd_outline_build_with(&a->outlines[doc], d, &options, NULL) != YD_OK)
        memset(&a->outlines[doc], 0, sizeof a->outlines[doc]); /* no outline, still readable */
    panes_document_changed(a, doc);
}

static void replace(app *a, size_t doc, yd_document *fresh, int32_t offset)
{
    swap_in(a, doc, fresh);
    text_show(a, doc, offset);
}

/* :set markup: every Markdown document read so far is read again the new
 * way (the loader reads the rest so), the place followed by its anchor. */
int reload_markup(app *a, int raw)
{
    a->load_now.markup_raw = raw;
    yd_loader_set_markup_raw(a->loader, raw);
    size_t ready = yd_loader_ready(a->loader);
    for (size_t k = 0; k < ready; k++) {
        yd_document *d = yd_loader_document(a->loader, k);
        /* A book or a Word document has no source to show: always rendered. */
        if (d->format == YD_FORMAT_TEXT || yd_format_is_archive(d->format) || (d->markup == NULL) == (raw != 0))
            continue;
        yd_document fresh;
        yd_error err = {0};
        if (yd_document_load(&fresh, d->path, a->load, &err) != YD_OK) {
            if (err.code == YD_ENOMEM)
                return -1;
            app_say(a, 1, "%s: %s; showing the copy in memory", app_base_name(d->path), err.message);
            continue;
        }
        if (k == a->doc) {
            int32_t offset;
            yd_reload_follow(d, text_offset(a), &fresh, &offset);
            replace(a, k, &fresh, offset);
        } else {
            swap_in(a, k, &fresh);
        }
    }
    return 0;
}

int reload_tick(app *a)
{
    if (a->markup_request) { /* :set markup asked for the documents again */
        int raw = a->markup_request == 1;
        a->markup_request = 0;
        if (reload_markup(a, raw) != 0)
            app_out_of_memory(a);
        return 1;
    }
    long now = app_now_ms();
    if (a->doc == a->watch_doc && a->watch_ms != 0 && now - a->watch_ms < CHECK_EVERY_MS)
        return 0;
    if (a->doc != a->watch_doc) {
        a->watch_doc = a->doc;
        a->watch_told = 0;
    }
    a->watch_ms = now;
    yd_document *d = yd_loader_document(a->loader, a->doc);
    if (!d || !d->path)
        return 0;
    yd_document fresh;
    int32_t offset;
    yd_anchor_match match;
    yd_error err = {0};
    yd_reload_result r = yd_reload_check(d, a->load, text_offset(a), &fresh, &offset, &match, &err);
    const char *name = app_base_name(d->path);
    switch (r) {
    case YD_RELOAD_NONE:
        return 0;
    case YD_RELOAD_GONE:
        if (a->watch_told == YD_RELOAD_GONE)
            return 0;
        a->watch_told = YD_RELOAD_GONE;
        app_say(a, 1, "%s was deleted; showing the copy in memory", name);
        return 1;
    case YD_RELOAD_FAILED:
        if (err.code == YD_ENOMEM) {
            app_out_of_memory(a);
            return 1;
        }
        /* Said once, as for a deleted file: a stat that fails at every
         * check leaves the stamp as it was. A file that failed to read
         * has its new stamp (reload.h), so a further change that fails
         * too (binary, then a folder) is said again. */
        if (a->watch_told == YD_RELOAD_FAILED && yd_file_stamp_same(&a->watch_told_stamp, &d->stamp))
            return 0;
        a->watch_told = YD_RELOAD_FAILED;
        a->watch_told_stamp = d->stamp;
        app_say(a, 1, "%s: %s; showing the copy in memory", name, err.message);
        return 1;
    case YD_RELOAD_NEW_TEXT:
        break;
    }
    a->watch_told = 0;
    app_say(a, 0, "reloaded: %s changed on disk%s", name,
            match == YD_ANCHOR_STALE ? _(" (place not found)") : "");
    replace(a, a->doc, &fresh, offset);
    return 1;
}
