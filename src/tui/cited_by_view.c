/* R: what cites the article or heading being read ("cited by"), as a list
 * over the panes: every cross-reference of every document read whose
 * target lies in that node's own text (an article with its paragraphs and
 * items; a heading's own line), in corpus order. Enter reads the citing
 * place (a jump: Ctrl-O comes back); / filters by the citing file's name
 * and the words around the reference, as every list's filter does (folded,
 * and by pinyin); Esc or q closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "yuedu/markup.h"

static void cited_free(app *a)
{
    free(a->cited);
    a->cited = NULL;
    a->cited_count = a->cited_cap = 0;
}

static int add_row(app *a, size_t doc, size_t ref)
{
    if (a->cited_count == a->cited_cap) {
        size_t cap = a->cited_cap ? a->cited_cap * 2 : 32;
        cited_row *rows = realloc(a->cited, cap * sizeof *rows);
        if (!rows) {
            app_out_of_memory(a);
            return -1;
        }
        a->cited = rows;
        a->cited_cap = cap;
    }
    a->cited[a->cited_count++] = (cited_row){doc, ref};
    return 0;
}

/* Does the filter (typed, its wide form) find the reference: in the citing
 * file's name, or in the words around it on its line (as its row shows
 * them)? */
static int row_matches(app *a, const yd_document *d, const yd_ref *r, const wchar_t *typed)
{
    if (!a->cited_filter[0])
        return 1;
    const char *name[] = {app_base_name(d->path)};
    if (parts_contain(a, name, 1, a->cited_filter))
        return 1;
    int32_t ls, le;
    yd_document_line_bounds(d, yd_document_line_at(d, r->start), &ls, &le);
    int32_t from = r->start - 40 > ls ? r->start - 40 : ls, to = r->start + r->length + 40 < le ? r->start + r->length + 40 : le;
    return text_contains(a, d->text + from, to - from, typed);
}

/* The rows: every reference into the node's own text that the filter finds. */
static void collect(app *a)
{
    const yd_document *d = app_doc(a, a->cited_doc);
    a->cited_count = 0;
    if (!d)
        return;
    wchar_t typed[PROMPT_MAX];
    if (mbstowcs(typed, a->cited_filter, PROMPT_MAX - 1) == (size_t)-1)
        return;
    typed[PROMPT_MAX - 1] = 0;
    int32_t lo, hi;
    yd_ref_node_span(d, &a->outlines[a->cited_doc], a->cited_node, &lo, &hi);
    for (size_t k = 0; k < a->capacity; k++) {
        const yd_refs *refs = app_doc(a, k) ? refs_of(a, k) : NULL;
        for (size_t i = 0; refs && i < refs->count; i++) {
            const yd_ref *r = &refs->items[i];
            if (r->target_doc == (int32_t)a->cited_doc && r->target_offset >= lo && r->target_offset < hi &&
                row_matches(a, app_doc(a, k), r, typed) && add_row(a, k, i) != 0)
                return;
        }
    }
}

void cited_by_open(app *a)
{
    const yd_document *d = app_doc(a, a->doc);
    if (!d)
        return;
    int32_t node = yd_outline_node_at(&a->outlines[a->doc], text_offset(a));
    if (node < 0) {
        app_say(a, MSG_ERROR, "cited by: no article or heading here");
        return;
    }
    a->cited_doc = a->doc;
    a->cited_node = node;
    a->cited_filter[0] = 0;
    collect(a);
    a->cited_view = (list_view){a->cited_count, 0, 0};
    pane_open(a, &cited_by_pane);
}

/* The filter follows every edit; Esc in the prompt takes it away. */
static void cited_filter_edited(app *a, prompt_result r)
{
    char text[PROMPT_MAX * 4];
    prompt_text_utf8(&a->prompt, text, sizeof text);
    snprintf(a->cited_filter, sizeof a->cited_filter, "%s", r == PROMPT_CANCEL ? "" : text);
    collect(a);
    a->cited_view.count = a->cited_count;
    list_view_clamp(&a->cited_view);
}

static void read_selected(app *a)
{
    if (a->cited_view.selected >= a->cited_count)
        return;
    cited_row row = a->cited[a->cited_view.selected];
    const yd_refs *refs = refs_of(a, row.doc);
    pane_close(a, &cited_by_pane);
    if (refs && row.ref < refs->count)
        app_jump(a, row.doc, refs->items[row.ref].start);
}

static int cited_act(app *a, action what)
{
    size_t page = (size_t)(a->rows > 2 ? a->rows - 2 : 1);
    switch (what) {
    case YD_ACT_HELP: case YD_ACT_QUIT: return 0;
    case YD_ACT_OPEN: read_selected(a); break;
    case YD_ACT_FILTER: {
        wchar_t w[PROMPT_MAX];
        if (mbstowcs(w, a->cited_filter, PROMPT_MAX - 1) == (size_t)-1)
            w[0] = 0;
        w[PROMPT_MAX - 1] = 0;
        prompt_pane_open(a, &cited_by_pane, L':', L"filter: ", w);
        break;
    }
    case YD_ACT_CLOSE: case YD_ACT_CITED_BY: pane_close(a, &cited_by_pane); break;
    default:
        list_view_move(&a->cited_view, what, page);
        break;
    }
    list_view_reveal(&a->cited_view, page);
    return 1;
}

static int cited_key(app *a, key k) { return pane_close_on_lone_esc(a, k, &cited_by_pane); }

static void cited_mouse(app *a, const MEVENT *ev)
{
    if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        cited_act(a, ev->bstate & BUTTON4_PRESSED ? YD_ACT_LINE_UP : YD_ACT_LINE_DOWN);
        return;
    }
    if (!(ev->bstate & BUTTON1_PRESSED) || ev->y < 1 || ev->y >= a->rows)
        return;
    size_t k = a->cited_view.top + (size_t)(ev->y - 1);
    if (k >= a->cited_count)
        return;
    if (k == a->cited_view.selected)
        read_selected(a);
    else
        a->cited_view.selected = k;
}

static void draw_header(app *a)
{
    wchar_t w[PROMPT_MAX * 2];
    size_t n = app_safe_mbs(a, w, 0, PROMPT_MAX, _("cited by: "));
    if (a->cited_node >= 0)
        n += outline_entry_title(a, (outline_entry){(uint32_t)a->cited_doc, a->cited_node}, w + n, PROMPT_MAX);
    char tail[80];
    snprintf(tail, sizeof tail, ngettext(" (%zu reference)", " (%zu references)", a->cited_count), a->cited_count);
    n = app_safe_mbs(a, w, n, sizeof w / sizeof w[0], tail);
    if (a->cited_filter[0]) {
        n = app_safe_mbs(a, w, n, sizeof w / sizeof w[0], _(", filter: "));
        n = app_safe_mbs(a, w, n, sizeof w / sizeof w[0], a->cited_filter);
    }
    mvhline(0, 0, ' ', COLS);
    int x = list_put(0, 0, COLS, w, n, A_BOLD);
    static const list_hint hints[] = {{YD_ACT_OPEN, NC_("list key", "reads it")},
                                      {YD_ACT_FILTER, NC_("list key", "filter")},
                                      {YD_ACT_CLOSE, NC_("list key", "closes")}};
    char hint[200] = "";
    list_hints_append(&a->keys, hint, 0, sizeof hint, hints, sizeof hints / sizeof hints[0]);
    int hw = (int)strlen(hint + 1);
    if (COLS - hw - 1 > x + 2)
        mvaddstr(0, COLS - hw - 1, hint + 1);
}

/* One row: the citing document and line, then the line around the reference. */
static void draw_row(app *a, int y, size_t k)
{
    cited_row row = a->cited[k];
    const yd_document *d = app_doc(a, row.doc);
    const yd_refs *refs = refs_of(a, row.doc);
    if (!d || !refs || row.ref >= refs->count)
        return;
    const yd_ref *r = &refs->items[row.ref];
    int selected = k == a->cited_view.selected;
    attr_t base = selected ? app_style(a, YD_STYLE_OUTLINE_CURRENT) : A_NORMAL;
    if (selected) {
        attrset(base);
        mvhline(y, 0, ' ', COLS);
        attrset(A_NORMAL);
    }
    int32_t line = yd_document_line_at(d, r->start);
    char where[600];
    snprintf(where, sizeof where, "%s:%ld ", app_base_name(d->path), (long)yd_source_line(d, line));
    wchar_t w[MAX_CELLS];
    size_t n = app_safe_mbs(a, w, 0, MAX_CELLS, where);
    int x = list_put(y, 2, COLS, w, n, selected ? base : app_style(a, YD_STYLE_OUTLINE_MARKER));
    /* the line from a little before the reference */
    int32_t ls, le;
    yd_document_line_bounds(d, line, &ls, &le);
    int32_t from = r->start - 12 > ls ? r->start - 12 : ls;
    for (int32_t i = from; i < le && x < COLS; i++) {
        wchar_t c = app_safe_char(a, d->text[i]);
        if (!c)
            continue;
        c = app_display_char(a, c);
        int in_ref = i >= r->start && i < r->start + r->length;
        x = list_put(y, x, COLS, &c, 1, in_ref ? app_style(a, YD_STYLE_REFERENCE) | (selected ? A_REVERSE : 0) : base);
    }
}

static void cited_draw(app *a)
{
    draw_header(a);
    size_t height = a->rows > 1 ? (size_t)a->rows - 1 : 1;
    for (int y = 1; y < a->rows; y++)
        mvhline(y, 0, ' ', COLS);
    if (a->cited_count == 0) {
        wchar_t w[200];
        size_t n = app_safe_mbs(a, w, 0, 200,
                                a->cited_filter[0] ? _("no reference matches the filter (/ changes it)")
                                                   : _("no reference to it in the documents read (Esc closes)"));
        list_put(1, 2, COLS, w, n, A_NORMAL);
        return;
    }
    list_view_reveal(&a->cited_view, height);
    for (size_t y = 0; y < height && a->cited_view.top + y < a->cited_count; y++)
        draw_row(a, (int)y + 1, a->cited_view.top + y);
}

static void cited_document_changed(app *a, size_t doc)
{
    (void)doc; /* its references mean other places now */
    if (pane_is_open(a, &cited_by_pane))
        pane_close(a, &cited_by_pane);
}

const pane_ops cited_by_pane = {
    .name = "cited-by", .covers = 1, .context = CTX_LIST, .draw = cited_draw, .key = cited_key,
    .act = cited_act, .mouse = cited_mouse, .prompt_done = cited_filter_edited,
    .document_changed = cited_document_changed, .free = cited_free,
};
