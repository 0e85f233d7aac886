/* The search result list (SPEC §7, issue 6): `&` or `:results` replaces
 * the panes with every hit of the current search, grouped by document and
 * section (the core's search_results.h), a snippet per hit with the hit
 * highlighted. Moving keys move the selection over the hits, Enter jumps
 * to one (a jump in the history; it becomes the current hit for n/N), `/`
 * filters as you type, Esc clears the filter, then closes; q closes. The
 * wheel moves the selection, a click selects a hit, a second click reads it.
 *
 * Only the rows on screen are made and formatted, when drawn: opening the
 * list over 400 000 hits groups them by the outline's stretches that hold
 * them (the core's yd_results_build) and formats a screenful. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <wchar.h>

#include "app.h"
#include "yuedu/markup.h"

/* The selected row in *row; 0 when the list has none. */
static int selected_row(app *a, yd_result_row *row)
{
    if (a->results_view.selected >= a->results.row_count)
        return 0;
    *row = yd_results_row(&a->results, a->results_view.selected);
    return 1;
}

static yd_result_kind row_kind(const app *a, size_t k)
{
    return (yd_result_kind)yd_results_row(&a->results, k).kind;
}

/* A file name or section title by the filter of every list (pinyin). */
static int words_match(void *context, const UChar *words, int32_t n)
{
    app *a = context;
    return text_contains(a, words, n, a->results_filter);
}

static int apply_filter(app *a, yd_error *err)
{
    UChar text[PROMPT_MAX * 2];
    int32_t n = 0;
    for (const wchar_t *w = a->results_filter; *w && n + 2 <= PROMPT_MAX * 2; w++)
        if ((UChar32)*w >= 0 && (UChar32)*w <= 0x10FFFF)
            U16_APPEND_UNSAFE(text, n, (UChar32)*w);
    yd_results_words also = {words_match, a};
    return yd_results_filter_also(&a->results, a->fold, text, n, &also, err) == YD_OK ? 0 : -1;
}

/* The index of every hit found so far, filtered; the selection stays on
 * its hit (or the next one shown). */
static int rebuild(app *a)
{
    yd_result_row row;
    int keep = selected_row(a, &row);
    size_t keep_doc = keep ? row.at.doc : a->hit_doc, keep_index = keep ? row.at.index : 0;
    yd_results_free(&a->results);
    size_t n = a->searched;
    const yd_document **docs = realloc(a->results_docs, (n ? n : 1) * sizeof *docs);
    if (!docs) {
        app_out_of_memory(a);
        return -1;
    }
    a->results_docs = docs;
    for (size_t k = 0; k < n; k++)
        docs[k] = app_doc(a, k);
    yd_error err = {0};
    if (yd_results_build(&a->results, docs, a->outlines, a->hits, n, &err) != YD_OK || apply_filter(a, &err) != 0) {
        app_say(a, 1, "result list: %s", err.message);
        yd_results_free(&a->results);
        pane_close(a, &results_pane);
        return -1;
    }
    if (keep)
        a->results_view.selected = yd_results_row_of(&a->results, keep_doc, keep_index);
    return 0;
}

/* A document was reloaded while the list is open: its hits were found
 * again in the new text, so the rows made from the old ones must go. */
static void results_refresh(app *a)
{
    if (pane_is_open(a, &results_pane))
        rebuild(a);
}

static void results_free(app *a)
{
    yd_results_free(&a->results);
    free(a->results_docs);
    a->results_docs = NULL;
}

void results_list_open(app *a)
{
    if (!a->query) {
        app_say(a, 0, "no search yet: / searches, then & lists every hit");
        return;
    }
    search_catch_up(a);
    a->results_filter[0] = 0;
    a->results_view.selected = a->results_view.top = 0;
    yd_results_free(&a->results);
    if (rebuild(a) != 0)
        return;
    if (a->results.hit_count == 0) {
        app_say(a, 1, "no match: nothing to list");
        return;
    }
    /* Open on the current hit, else on the first hit after the reading position. */
    size_t doc = a->doc, index = 0;
    if (a->hit_index >= 0) {
        doc = a->hit_doc;
        index = (size_t)a->hit_index;
    } else if (doc < a->searched) {
        ssize_t k = yd_hits_next(&a->hits[doc], text_offset(a));
        index = k < 0 ? a->hits[doc].count : (size_t)k;
    }
    a->results_view.selected = yd_results_row_of(&a->results, doc, index);
    pane_open(a, &results_pane);
}

/* The selection on the next (step 1) or previous (-1) hit row from row,
 * staying put when there is none. */
static size_t hit_row_from(const app *a, size_t row, int step)
{
    for (size_t k = row; k < a->results.row_count; k = step > 0 ? k + 1 : k - 1) {
        if (row_kind(a, k) == YD_RESULT_HIT)
            return k;
        if (step < 0 && k == 0)
            break;
    }
    return SIZE_MAX;
}

static void move_selection(app *a, long delta)
{
    const yd_results *r = &a->results;
    if (r->row_count == 0)
        return;
    long to = (long)a->results_view.selected + delta;
    if (to < 0)
        to = 0;
    if (to >= (long)r->row_count)
        to = (long)r->row_count - 1;
    size_t k = hit_row_from(a, (size_t)to, delta >= 0 ? 1 : -1);
    if (k == SIZE_MAX)
        k = hit_row_from(a, (size_t)to, delta >= 0 ? -1 : 1);
    if (k != SIZE_MAX)
        a->results_view.selected = k;
}

/* Filter text as typed: narrow the list, the selection kept on its hit
 * when it is still shown. */
static void set_filter(app *a, const wchar_t *text)
{
    wcsncpy(a->results_filter, text, PROMPT_MAX - 1);
    a->results_filter[PROMPT_MAX - 1] = 0;
    yd_result_row row;
    int have = selected_row(a, &row);
    size_t doc = have ? row.at.doc : 0, index = have ? row.at.index : 0;
    yd_error err = {0};
    if (apply_filter(a, &err) != 0) {
        app_say(a, 1, "result list: %s", err.message);
        if (err.code == YD_ENOMEM)
            app_out_of_memory(a);
        return;
    }
    a->results_view.selected = yd_results_row_of(&a->results, doc, index);
}

static void results_filter_edit(app *a, prompt_result r)
{
    set_filter(a, r == PROMPT_CANCEL ? L"" : a->prompt.text);
}

/* Enter: read from the selected hit. */
static void read_selected(app *a)
{
    yd_result_row row;
    if (selected_row(a, &row) && row.kind == YD_RESULT_HIT) {
        pane_close(a, &results_pane);
        search_select(a, row.at.doc, row.at.index);
    } else {
        app_say(a, MSG_ERROR, "no hit here (/ changes the filter)");
    }
}

static void results_mouse(app *a, const MEVENT *ev)
{
    if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        move_selection(a, ev->bstate & BUTTON4_PRESSED ? -3 : 3);
        return;
    }
    if (!(ev->bstate & BUTTON1_PRESSED) || ev->y < 1 || ev->y >= a->rows)
        return;
    /* Rows as last drawn: the header, then rows from results_top. */
    size_t k = a->results_view.top + (size_t)(ev->y - 1);
    if (k >= a->results.row_count || row_kind(a, k) != YD_RESULT_HIT)
        return;
    if (k == a->results_view.selected) /* a second click reads it */
        read_selected(a);
    else
        a->results_view.selected = k;
}

/* The list's actions (keys.list in config.yaml); help and quit go on to
 * the global actions, any other key does nothing while the list is up. */
static int results_act(app *a, action what)
{
    size_t h = (size_t)(a->rows > 2 ? a->rows - 2 : 1); /* a page keeps one row */
    switch (what) {
    case YD_ACT_HELP: case YD_ACT_QUIT: return 0;
    case YD_ACT_OPEN: read_selected(a); break;
    case YD_ACT_CLOSE: case YD_ACT_SEARCH_RESULTS: pane_close(a, &results_pane); break;
    case YD_ACT_FILTER: prompt_pane_open(a, &results_pane, L':', L"filter: ", a->results_filter); break;
    default: {
        /* Where the list view would go; the selection then lands on the
         * nearest hit in that direction (a document's row is no hit). */
        list_view v = a->results_view;
        v.count = a->results.row_count;
        if (list_view_move(&v, what, h))
            move_selection(a, (long)v.selected - (long)a->results_view.selected);
        break;
    }
    }
    return 1;
}

/* Esc: the filter first, then the list; every other key is read through
 * the list's key table into results_act. */
static int results_pane_key(app *a, key k)
{
    if (!pane_key_is_lone_esc(a, k))
        return 0;
    a->message[0] = 0;
    if (a->results_filter[0])
        set_filter(a, L"");
    else
        pane_close(a, &results_pane);
    return 1;
}

/* ---- drawing ----------------------------------------------------------- */

static int put_utf8(app *a, int y, int x, int limit, const char *s, attr_t attr)
{
    wchar_t w[PROMPT_MAX * 2];
    size_t n = app_safe_mbs(a, w, 0, sizeof w / sizeof w[0], s);
    return list_put(y, x, limit, w, n, attr);
}

static void draw_header(app *a)
{
    const yd_results *r = &a->results;
    char pattern[PROMPT_MAX * 4], filter[PROMPT_MAX * 4], line[PROMPT_MAX * 10];
    prompt_text_utf8(&a->search, pattern, sizeof pattern);
    if (wcstombs(filter, a->results_filter, sizeof filter) == (size_t)-1)
        filter[0] = 0;
    /* Two counts, two plurals: the documents' is said first, then put in
     * the sentence of the hits', so that a translation may order them. */
    char docs[64];
    snprintf(docs, sizeof docs, ngettext("%zu document", "%zu documents", r->all_documents), r->all_documents);
    int used = snprintf(line, sizeof line, ngettext("%zu hit in %s for %s%s", "%zu hits in %s for %s%s", r->hit_count),
                        r->hit_count, docs, a->search_regex ? _("regex ") : "", pattern);
    snprintf(docs, sizeof docs, ngettext("%zu document", "%zu documents", r->documents), r->documents);
    if (filter[0] && used > 0 && (size_t)used < sizeof line)
        snprintf(line + used, sizeof line - (size_t)used, ngettext(", filter %s: %zu hit in %s", ", filter %s: %zu hits in %s",
                 r->shown_count), filter, r->shown_count, docs);
    attr_t bold = A_BOLD;
    mvhline(0, 0, ' ', COLS);
    int x = put_utf8(a, 0, 0, COLS, line, bold);
    static const list_hint hints[] = {{YD_ACT_OPEN, NC_("list key", "jumps")}, {YD_ACT_FILTER, NC_("list key", "filters")},
                                      {YD_ACT_CLOSE, NC_("list key", "closes")}};
    char hint[200] = "";
    list_hints_append(&a->keys, hint, 0, sizeof hint, hints, sizeof hints / sizeof hints[0]);
    wchar_t whint[200];
    size_t nhint = mbstowcs(whint, hint + 1, 200); /* without its leading space */
    int hw = nhint < 200 ? wcswidth(whint, nhint) : -1; /* cells: a translation may be CJK */
    if (hw < 0)
        hw = (int)strlen(hint + 1);
    if (COLS - hw - 1 > x + 2)
        mvaddstr(0, COLS - hw - 1, hint + 1);
}

static void draw_hit(app *a, int y, const yd_result_row *row, int selected)
{
    const yd_results *r = &a->results;
    const yd_result_hit *rh = &row->at;
    const yd_hit *hit = yd_results_hit(r, row);
    int current = a->hit_index >= 0 && a->hit_doc == rh->doc && (size_t)a->hit_index == rh->index;
    attr_t base = selected ? app_style(a, YD_STYLE_OUTLINE_CURRENT) : A_NORMAL;
    if (current)
        mvaddch(y, 0, '>' | base | A_BOLD);
    int digits = 1;
    for (int32_t m = r->max_line; m >= 10; m /= 10)
        digits++;
    char number[32];
    if (digits > 10)
        digits = 10;
    snprintf(number, sizeof number, "%*ld ", digits, (long)yd_source_line(r->docs[rh->doc], rh->line));
    int x = put_utf8(a, y, rh->section >= 0 ? 4 : 2, COLS, number, selected ? base : app_style(a, YD_STYLE_OUTLINE_MARKER));
    yd_snippet_cell cells[MAX_CELLS];
    int n = yd_result_snippet(r->docs[rh->doc], a->widths, hit, COLS - x, cells, MAX_CELLS);
    attr_t mark = app_style(a, current ? YD_STYLE_SEARCH_CURRENT : YD_STYLE_SEARCH_HIT);
    for (int k = 0; k < n; k++) {
        wchar_t w = (wchar_t)cells[k].ch;
        if (cells[k].offset >= 0)
            w = app_display_char(a, w);
        x = list_put(y, x, COLS, &w, 1, cells[k].in_hit ? mark : base);
    }
}

static void draw_row(app *a, int y, size_t k)
{
    yd_result_row row = yd_results_row(&a->results, k);
    int selected = k == a->results_view.selected;
    if (selected) {
        attrset(app_style(a, YD_STYLE_OUTLINE_CURRENT));
        mvhline(y, 0, ' ', COLS);
        attrset(A_NORMAL);
    }
    const yd_result_hit *h = &row.at;
    const yd_document *d = a->results.docs[h->doc];
    if (row.kind == YD_RESULT_DOCUMENT) {
        char line[600];
        snprintf(line, sizeof line, ngettext("%s (%u hit)", "%s (%u hits)", row.count), app_base_name(d->path), row.count);
        put_utf8(a, y, 0, COLS, line, app_style(a, YD_STYLE_HEADING1) | A_BOLD);
    } else if (row.kind == YD_RESULT_SECTION) {
        UChar title[512];
        int32_t n = yd_result_section_title(d, &a->outlines[h->doc], h->section, title, 512);
        wchar_t w[512];
        size_t m = app_safe_utf16(a, w, 0, 512, title, n);
        app_display_wcs(a, w, m);
        list_put(y, 2, COLS, w, m, app_style(a, YD_STYLE_HEADING2));
    } else {
        draw_hit(a, y, &row, selected);
    }
}

static void results_draw(app *a)
{
    if (a->searched != a->results.ndocs && rebuild(a) != 0) /* documents searched since it opened */
        return;
    const yd_results *r = &a->results;
    draw_header(a);
    size_t height = a->rows > 1 ? (size_t)a->rows - 1 : 1;
    if (r->row_count == 0) {
        put_utf8(a, 1, 2, COLS, _("no hit matches the filter (Esc clears it)"), A_NORMAL);
        return;
    }
    /* The selection in view, with the headers right above it when they fit. */
    size_t sel = a->results_view.selected, lead = 0;
    while (lead < 2 && lead < sel && row_kind(a, sel - lead - 1) != YD_RESULT_HIT)
        lead++;
    if (lead >= height)
        lead = height - 1;
    if (sel - lead < a->results_view.top)
        a->results_view.top = sel - lead;
    if (sel >= a->results_view.top + height)
        a->results_view.top = sel - height + 1;
    if (a->results_view.top + height > r->row_count) /* no blank rows below while rows are above */
        a->results_view.top = r->row_count > height ? r->row_count - height : 0;
    for (size_t y = 0; y < height && a->results_view.top + y < r->row_count; y++)
        draw_row(a, (int)y + 1, a->results_view.top + y);
}


static void results_document_changed(app *a, size_t doc)
{
    (void)doc; /* search found its hits again: the rows come from all of them */
    results_refresh(a);
}

const pane_ops results_pane = {
    .name = "results", .covers = 1, .context = CTX_LIST, .draw = results_draw, .key = results_pane_key,
    .act = results_act, .mouse = results_mouse,
    .prompt_done = results_filter_edit, .document_changed = results_document_changed, .free = results_free,
};
