/* The words at the right of an outline row. While a search is active: the
 * hits of the node's subtree. Otherwise, with :set lengths on (or
 * reading.lengths: true), the node's length in characters and its reading
 * time at reading.chars-per-minute ("8.4k 28m"); and on the row of a
 * document other than the one read (whose share the status line gives),
 * how much of it lies before its reading place ("42%"), once that place is
 * past its start. What does not
 * fit the room the title leaves is left out, the characters first, then
 * the time, so that the tree keeps its shape in a narrow pane (READER.md,
 * "The outline pane"). Below the outline view: it calls this, this calls
 * no pane. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/i18n.h"
#include "app.h"
#include "term_width.h"
#include "yuedu/outline_hits.h"
#include "yuedu/outline_length.h"

/* Every node's length of doc, made on first need and kept until the
 * document changes; NULL when out of memory (then no length is shown). */
static const size_t *lengths_of(app *a, size_t doc)
{
    outline_view *v = &a->outline;
    if (!v->lengths) {
        v->lengths = calloc(a->capacity ? a->capacity : 1, sizeof *v->lengths);
        if (!v->lengths)
            return NULL;
    }
    if (!v->lengths[doc] && app_doc(a, doc))
        yd_outline_lengths(app_doc(a, doc), &a->outlines[doc], &v->lengths[doc]);
    return v->lengths[doc];
}

/* How much of doc lies before its reading place, in percent: the place left
 * in this run, else the one an earlier run saved (looked up once: it needs
 * the document's fingerprint); -1 when it was never read. */
static int percent_read(app *a, size_t doc)
{
    const yd_document *d = app_doc(a, doc);
    if (!d || d->length == 0)
        return -1;
    int32_t offset = 0;
    if (yd_reading_memory_resume(&a->memory, NULL, doc, d, &offset) == YD_RESUME_RUN)
        return (int)((int64_t)offset * 100 / d->length);
    outline_view *v = &a->outline;
    if (!v->read_saved) {
        v->read_saved = malloc(a->capacity ? a->capacity : 1);
        if (!v->read_saved)
            return -1;
        memset(v->read_saved, 0xFE, a->capacity ? a->capacity : 1); /* -2: not looked up */
    }
    if (v->read_saved[doc] == -2) {
        yd_resume_from from = yd_reading_memory_resume(&a->memory, a->state_open ? &a->state : NULL, doc, d, &offset);
        v->read_saved[doc] = (int8_t)(from == YD_RESUME_SAVED ? (int64_t)offset * 100 / d->length : -1);
    }
    return v->read_saved[doc];
}

/* "843", "8.4k", "84k", "1.2M" characters. */
static void put_chars(char *buf, size_t size, size_t n)
{
    if (n < 1000)
        snprintf(buf, size, "%zu", n);
    else if (n < 10000)
        snprintf(buf, size, "%.1fk", (double)(n / 100) / 10);
    else if (n < 1000000)
        snprintf(buf, size, "%zuk", n / 1000);
    else
        snprintf(buf, size, "%.1fM", (double)(n / 100000) / 10);
}

/* "<1m", "28m", "3h05": the time to read chars. */
static void put_minutes(char *buf, size_t size, size_t chars, int rate)
{
    double m = yd_reading_minutes(chars, rate);
    long whole = (long)(m + 0.5);
    if (m < 1)
        snprintf(buf, size, "%s", C_("reading time", "<1m"));
    else if (whole < 60)
        snprintf(buf, size, C_("reading time", "%ldm"), whole);
    else
        snprintf(buf, size, C_("reading time, hours and minutes", "%ldh%02ld"), whole / 60, whole % 60);
}

/* parts[0..n) joined by spaces, leaving out the first ones until the rest
 * fits room cells; returns the length written to out, *cells its cells. */
static size_t fit_parts(app *a, char parts[][24], int n, wchar_t *out, size_t cap, int room, int *cells)
{
    *cells = 0;
    for (int first = 0; first < n; first++) {
        size_t len = 0;
        for (int k = first; k < n; k++) {
            if (!parts[k][0])
                continue;
            if (len && len + 1 < cap)
                out[len++] = L' ';
            len = app_safe_mbs(a, out, len, cap, parts[k]);
        }
        if (len && (*cells = term_cells(out, len)) <= room)
            return len;
    }
    *cells = 0;
    return 0;
}

size_t outline_tag(app *a, outline_entry e, wchar_t *out, size_t cap, int room, int *cells)
{
    *cells = 0;
    const yd_document *d = app_doc(a, e.doc);
    if (!d || room <= 0 || cap < 2)
        return 0;
    const yd_outline *o = &a->outlines[e.doc];
    char parts[3][24] = {"", "", ""};
    const yd_hits *hits = a->query ? search_hits(a, e.doc) : NULL;
    if (a->query) { /* a search: its counts alone */
        size_t nh = hits ? yd_outline_node_hits(o, d->length, e.node, hits) : 0;
        if (nh > 0)
            snprintf(parts[2], sizeof parts[2], "%zu", nh);
        return fit_parts(a, parts, 3, out, cap, room, cells);
    }
    if (a->outline.show_lengths) {
        const size_t *len = lengths_of(a, e.doc);
        if (len) {
            size_t chars = len[e.node >= 0 ? e.node : o->count];
            put_chars(parts[0], sizeof parts[0], chars);
            put_minutes(parts[1], sizeof parts[1], chars, a->settings->config->reading.chars_per_minute);
        }
    }
    int pct = e.node < 0 && e.doc != a->doc ? percent_read(a, e.doc) : -1;
    if (pct > 0)
        snprintf(parts[2], sizeof parts[2], "%d%%", pct);
    return fit_parts(a, parts, 3, out, cap, room, cells);
}

void outline_tag_forget(app *a, size_t doc)
{
    outline_view *v = &a->outline;
    if (v->lengths) {
        free(v->lengths[doc]);
        v->lengths[doc] = NULL;
    }
    if (v->read_saved)
        v->read_saved[doc] = -2;
}

void outline_tag_free(app *a, size_t docs)
{
    outline_view *v = &a->outline;
    for (size_t k = 0; v->lengths && k < docs; k++)
        free(v->lengths[k]);
    free(v->lengths);
    free(v->read_saved);
    v->lengths = NULL;
    v->read_saved = NULL;
}
