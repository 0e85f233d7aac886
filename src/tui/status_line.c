/* The status line: document, breadcrumb of the current section, loading
 * progress, position. Everything from a document passes through the same
 * filter: nothing unprintable reaches the terminal. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

#include "app.h"
#include "term_width.h"
#include "yuedu/markup.h"

/* "name › 第一篇… › 一、…" for the section holding the reading position;
 * *name_len (may be NULL) receives the length of the name part. */
static size_t breadcrumb(app *a, wchar_t *out, size_t cap, size_t *name_len)
{
    const yd_document *d = app_doc(a, a->doc);
    const char *name = strrchr(d->path, '/');
    name = name ? name + 1 : d->path;
    size_t n = app_safe_mbs(a, out, 0, cap, name);
    if (name_len)
        *name_len = n;
    const yd_outline *o = &a->outlines[a->doc];
    int32_t node = outline_node_at_offset(a, a->doc, text_offset(a));
    int32_t chain[16], depth = 0;
    for (int32_t p = node; p >= 0 && depth < 16; p = o->nodes[p].parent)
        if (o->nodes[p].kind != YD_NODE_ITEM)
            chain[depth++] = p;
    UChar title[128];
    size_t titles = n; /* the titles follow the script display; the file name does not */
    while (depth-- > 0 && n + 4 < cap) {
        out[n++] = L' ';
        out[n++] = L'\u203A';
        out[n++] = L' ';
        int32_t len = yd_outline_node_title(d, &o->nodes[chain[depth]], title, 128);
        n = app_safe_utf16(a, out, n, cap, title, len < 128 ? len : 128);
    }
    app_display_wcs(a, out + titles, n - titles);
    return n;
}

size_t status_breadcrumb(app *a, wchar_t *out, size_t cap) { return breadcrumb(a, out, cap, NULL); }

/* The breadcrumb in room cells. Too long: the file name stays, then the
 * end of the chain (the innermost section) after "› …"; a name that does not
 * fit alone is cut at its end with …. The name is what tells documents
 * apart; the innermost section is where the reader is. */
static void put_breadcrumb(const wchar_t *crumb, size_t n, size_t name_len, int room)
{
    if (room <= 0)
        return;
    if (term_cells(crumb, n) <= room) {
        addnwstr(crumb, (int)n);
        return;
    }
    static const wchar_t cut[] = L" \u203A \u2026"; /* " › …" */
    int ellipsis = term_cells(L"\u2026", 1), name_w = term_cells(crumb, name_len);
    int cut_w = term_cells(cut, 4);
    if (name_w + cut_w + 2 > room) { /* not even the name and a little */
        size_t k = 0;
        int w = 0;
        while (k < name_len && w + term_cells(crumb + k, 1) <= room - ellipsis)
            w += term_cells(crumb + k++, 1);
        addnwstr(crumb, (int)k);
        addnwstr(L"\u2026", 1);
        return;
    }
    addnwstr(crumb, (int)name_len);
    addnwstr(cut, 4);
    size_t first = name_len + 3; /* past " › " */
    while (first < n && term_cells(crumb + first, n - first) > room - name_w - cut_w)
        first++;
    addnwstr(crumb + first, (int)(n - first));
}

void status_draw(app *a)
{
    const yd_document *d = app_doc(a, a->doc);
    int y = a->rows;
    int32_t line = d->line_count ? yd_source_line(d, yd_document_line_at(d, text_offset(a))) : 0;
    size_t handled, total;
    yd_loader_progress(a->loader, &handled, &total);
    char right[192];
    int used = 0;
    /* The keys of a sequence begun, as vim's showcmd shows them. */
    char pending[64];
    if (*app_pending_keys(a, pending, sizeof pending))
        used = snprintf(right, sizeof right, "%s  ", pending);
    if (!yd_loader_finished(a->loader))
        used += snprintf(right + used, sizeof right - (size_t)used, _("loading %zu/%zu  "), handled, total);
    wchar_t scope[40];
    size_t nscope = search_scope_name(a, scope, 40);
    /* How far the bottom row is; at the end "(END)", as less says it. */
    char where[48];
    unsigned percent = text_percent(a);
    if (d->length == 0)
        snprintf(where, sizeof where, "%s", _("(empty)"));
    else if (percent >= 100)
        snprintf(where, sizeof where, "%s", _("(END)"));
    else
        snprintf(where, sizeof where, "%u%%", percent);
    snprintf(right + used, sizeof right - (size_t)used, _("[%zu/%zu] line %ld/%ld %s "), a->doc + 1,
             yd_loader_ready(a->loader), (long)line, (long)yd_source_line_count(d), where);
    /* Typed keys may be any character: through the same filter. */
    wchar_t wright[240];
    size_t nright = 0;
    if (nscope) { /* the search's scope, before the position */
        memcpy(wright, scope, nscope * sizeof *scope);
        nright = nscope;
        wright[nright++] = L' ';
        wright[nright++] = L' ';
    }
    nright = app_safe_mbs(a, wright, nright, 240, right);
    int rw = term_cells(wright, nright);
    /* Wider than the terminal (20 columns, a long document): its first
     * words go, so that the line and the share stay and nothing runs over
     * into the message line; a single word still too wide is cut at its
     * start. */
    size_t from = 0;
    while (rw > COLS) {
        size_t next = from;
        while (next < nright && wright[next] != L' ')
            next++;
        while (next < nright && wright[next] == L' ')
            next++;
        if (next >= nright)
            break;
        rw -= term_cells(wright + from, next - from);
        from = next;
    }
    while (rw > COLS && from < nright)
        rw -= term_cells(wright + from++, 1);
    attron(app_style(a, YD_STYLE_STATUS));
    mvhline(y, 0, ' ', COLS);
    wchar_t crumb[512];
    size_t name_len;
    size_t n = breadcrumb(a, crumb, 512, &name_len);
    move(y, 1);
    put_breadcrumb(crumb, n, name_len, COLS - rw - 2);
    mvaddnwstr(y, COLS - rw > 0 ? COLS - rw : 0, wright + from, (int)(nright - from));
    attroff(app_style(a, YD_STYLE_STATUS));
}

const char *app_pending_keys(const app *a, char *buf, size_t size)
{
    if (!yd_key_input_pending(&a->key_input) || size == 0) {
        if (size)
            buf[0] = 0;
        return buf;
    }
    return yd_key_seq_format(&a->key_input.typed, buf, size);
}
